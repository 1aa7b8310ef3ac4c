/**
 * The consumer test's PGlite and server host (see scripts/consumer.ts and docs/contributing.md):
 * the code a new user writes around the documented snippets. scripts/consumer.ts copies it,
 * together with the files docs/getting-started.md and docs/runtime.md include, into a temporary
 * npm project that installs the packed tarballs and `@electric-sql/pglite`, compiles it with
 * `tsc --strict` as ESM and as CommonJS, and runs `node consumer.js pglite <dataDir>`.
 *
 * It runs the getting-started flows on that folder and checks their outcomes, then runs
 * docs/runtime.md's facade snippet on the same folder. It imports only what a host can import: the
 * published packages and the documented files. Exit code 0 and one JSON line on success; exit code
 * 1 and the reason otherwise. (The memory-only host is `consumerMemory.ts`, the server host
 * `consumerServer.ts`.)
 */
import { deepStrictEqual } from "node:assert/strict"
import type { Yiciban } from "@yiciban/runtime"
import { type SimulatedClock, simulatedClock } from "./clock.ts"
import { flows } from "./consumerFlows.ts"
import { acceptSubmittedCase } from "./facade.ts"
import { clerk, matterCode } from "./flows.ts"
import { open } from "./setup.ts"

/**
 * docs/runtime.md's facade snippet on the folder the flows used (closed by then): a case
 * submitted by the flows' instance is accepted on 3 November, and the scheduler run fires the
 * three timers the flows left due by then.
 */
const facadeCase = "SCJG-2026-000900"
const teahouse = "91430100MA4L16JQ9D"
const submitForFacade = async (yiciban: Yiciban.Yiciban, clock: SimulatedClock) => {
  clock.set("2026-11-02")
  await yiciban.application.submit(
    {
      caseNo: facadeCase,
      applicant: { kind: "enterprise", code: teahouse, name: "长沙市茶颜小馆" },
      matterCode,
      materials: ["SP01", "SP02", "SP03"].map((code) => ({ code, form: "paper" as const })),
    },
    { id: "chayan-01", roles: ["applicant"], subjects: [{ code: teahouse, relation: "legalRepresentative" }] },
    { commandId: `consumer/${facadeCase}/submit` },
  )
}
const facade = async (dataDir: string, clock: SimulatedClock) => {
  clock.set("2026-11-03")
  const accepted = await acceptSubmittedCase(dataDir, facadeCase, clerk, `consumer/${facadeCase}/accept`, clock.now)
  deepStrictEqual(
    accepted,
    { version: 2, duplicate: false, phase: "underReview", timersFired: 3 },
    "the facade snippet accepted the case",
  )
}

const main = async (args: ReadonlyArray<string>) => {
  const [kind, first] = args
  const clock = simulatedClock("2026-09-01")
  const started = Date.now()
  if (kind === "pglite" && first !== undefined) {
    const yiciban = await open(first, clock)
    try {
      await flows(yiciban, clock)
      await submitForFacade(yiciban, clock)
    } finally {
      await yiciban.close()
    }
    await facade(first, clock)
  } else {
    throw new Error("usage: consumer pglite <dataDir>")
  }
  return { store: kind, ms: Date.now() - started }
}

main(process.argv.slice(2)).then(
  (result) => console.log(JSON.stringify(result)),
  (error: unknown) => {
    console.error(error)
    process.exit(1)
  },
)
