/**
 * The consumer test's host (see scripts/consumer.ts and docs/contributing.md): the code a new
 * user writes around the documented snippets. scripts/consumer.ts copies it, together with the
 * files docs/getting-started.md and docs/runtime.md include, into a temporary npm project that
 * installs the packed tarballs, compiles it with `tsc --strict` as ESM and as CommonJS, and runs:
 *
 *   node consumer.js memory
 *   node consumer.js pglite <dataDir>
 *   node consumer.js postgres <connectionString> <schema>
 *
 * It runs the getting-started flows on that store and checks their outcomes; on PGlite it then
 * runs docs/runtime.md's facade snippet on the same folder. It imports only what a host can
 * import: the published packages and the documented files. Exit code 0 and one JSON line on
 * success; exit code 1 and the reason otherwise.
 */
import { deepStrictEqual, equal } from "node:assert/strict"
import { Application } from "@yiciban/core"
import { createYiciban, type Yiciban } from "@yiciban/runtime"
import { Schema } from "effect"
import { acceptSubmittedCase } from "./facade.ts"
import {
  clerk,
  deemedAcceptance,
  grantOnCommitment,
  matterCode,
  open,
  publish,
  refusedThenOrdinary,
  simulatedClock,
  timeline,
  tolerantAcceptance,
  verifyFalse,
} from "./flows.ts"

type Clock = ReturnType<typeof simulatedClock>

const expectedCases = [
  ["application-GFDJ-2026-000812", "rescinded"],
  ["application-GGDJ-2026-000117", "correctionRequested"],
  ["application-GGDJ-2026-000118", "underReview"],
  ["application-SCJG-2026-000731", "concluded"],
  ["application-SCJG-2026-000732", "underReview"],
  ["matter-11430100MB1A38544B-000101001000-01", "published"],
  ["matter-11430100MB1A38544B-000101008000-01", "published"],
  ["matter-11430100MB1A38544B-000110005000-01", "published"],
]

/** The getting-started flows, in the order the page shows them, with the outcomes it states. */
const flows = async (yiciban: Yiciban.Yiciban, clock: Clock) => {
  const terms = await publish(yiciban, clock)
  equal(terms.version, 1, "the matter is published as version 1")
  const tolerant = await tolerantAcceptance(yiciban, clock)
  deepStrictEqual(
    (await timeline(yiciban, tolerant)).map((step) => step.event),
    [
      "ApplicationSubmitted",
      "ApplicationAcceptedTolerantly",
      "DeferredMaterialsSupplied",
      "ReviewStepRecorded",
      "ApplicationGranted",
      "CertificateIssued",
    ],
  )
  const fired: Array<string> = []
  const deemed = await deemedAcceptance(yiciban, clock, (day, what) => {
    for (const w of what) fired.push(`${day} ${w}`)
  })
  deepStrictEqual(fired, [
    "2026-10-10 no correction notice by 2026-10-09: deemed accepted from 2026-09-24 (dispatched)",
  ])
  deepStrictEqual(
    (await timeline(yiciban, deemed)).map((step) => [step.day, step.event, step.actor]),
    [
      ["2026-09-24", "ApplicationSubmitted", "chayan-01"],
      ["2026-10-10", "ApplicationAccepted", "yiciban-scheduler"],
    ],
  )
  const committed = await grantOnCommitment(yiciban, clock)
  const credit = await verifyFalse(yiciban, clock, committed)
  deepStrictEqual(
    credit.map((event) => [event.type, event.metadata.actor.id]),
    [["CreditEntryRecorded", "process:false-commitment-to-credit"]],
  )
  const next = await refusedThenOrdinary(yiciban, clock)
  equal(next.refusal?._tag, "ApplicantBarredFromCommitment")
  deepStrictEqual(
    (await yiciban.cases()).map((row) => [row.stream, row.status]),
    expectedCases,
  )
}

/**
 * docs/runtime.md's facade snippet on the folder the flows used (closed by then): a case
 * submitted by the flows' instance is accepted on 3 November, and the scheduler run fires the
 * three timers the flows left due by then.
 */
const facadeCase = "SCJG-2026-000900"
const submitForFacade = async (yiciban: Yiciban.Yiciban, clock: Clock) => {
  clock.set("2026-11-02")
  await yiciban.submitApplication(
    {
      caseNo: facadeCase,
      applicant: Schema.decodeUnknownSync(Application.Applicant)({
        kind: "enterprise",
        code: "91430100MA4L16JQ9D",
        name: "长沙市茶颜小馆",
      }),
      matterCode,
      materials: ["SP01", "SP02", "SP03"].map((code) => ({ code, form: "paper" as const })),
    },
    { id: "chayan-01", roles: ["applicant"] },
    { commandId: `consumer/${facadeCase}/submit` },
  )
}
const facade = async (dataDir: string, clock: Clock) => {
  clock.set("2026-11-03")
  const accepted = await acceptSubmittedCase(dataDir, facadeCase, clerk, `consumer/${facadeCase}/accept`, clock.now)
  deepStrictEqual(accepted, { version: 2, duplicate: false, timersFired: 3 }, "the facade snippet accepted the case")
}

const main = async (args: ReadonlyArray<string>) => {
  const [kind, first, second] = args
  const clock = simulatedClock("2026-09-01")
  const started = Date.now()
  if (kind === "memory") {
    const yiciban = await createYiciban({ store: { kind: "memory" }, now: clock.now })
    try {
      await flows(yiciban, clock)
    } finally {
      await yiciban.close()
    }
  } else if (kind === "pglite" && first !== undefined) {
    const yiciban = await open(first, clock)
    try {
      await flows(yiciban, clock)
      await submitForFacade(yiciban, clock)
    } finally {
      await yiciban.close()
    }
    await facade(first, clock)
  } else if (kind === "postgres" && first !== undefined && second !== undefined) {
    const yiciban = await createYiciban({
      store: { kind: "postgres", connectionString: first, schema: second },
      now: clock.now,
    })
    try {
      await flows(yiciban, clock)
    } finally {
      await yiciban.close()
    }
  } else {
    throw new Error(
      "usage: consumer memory | consumer pglite <dataDir> | consumer postgres <connectionString> <schema>",
    )
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
