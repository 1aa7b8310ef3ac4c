/**
 * `pnpm bench` (runtime): commands through the runtime on the in-memory store — each case submitted
 * and accepted (two commands, the second reading the first), sequentially — against the pure
 * deciders doing the same work with no store, no authorization and no decoding (the baseline, in
 * the same run, alternating). Prints commands per second and the ratio runtime ÷ deciders. Runs the
 * sources through tsx; a benchmark, not a test.
 */
import { performance } from "node:perf_hooks"
import { Application, Decider } from "@yiciban/core"
import { Effect } from "effect"
import { Aggregates, CommandHandler, RuntimeStore } from "../src/index.ts"
import { allMaterials, applicant, clerk, matterCode, restaurant } from "../test/fixtures.ts"
import { onDay, publishMatter, successOf } from "../test/support.ts"

const cases = Number(process.argv[2] ?? 2000)
const rounds = 5

const throughRuntime = async (round: number) => {
  const storage = RuntimeStore.makeMemoryStorage()
  successOf(await onDay(storage, "2026-09-01", publishMatter()))
  const started = performance.now()
  successOf(
    await onDay(
      storage,
      "2026-09-24",
      Effect.forEach(Array.from({ length: cases }), (_, i) => {
        const caseNo = `B${round}-${i}`
        return Effect.andThen(
          CommandHandler.handle(
            Aggregates.application,
            caseNo,
            { _tag: "SubmitApplication", caseNo, applicant, matterCode, materials: allMaterials },
            restaurant,
            { commandId: `submit-${caseNo}` },
          ),
          CommandHandler.handle(Aggregates.application, caseNo, { _tag: "AcceptApplication", caseNo }, clerk, {
            commandId: `accept-${caseNo}`,
          }),
        )
      }),
    ),
  )
  return (2 * cases) / ((performance.now() - started) / 1000)
}

const throughDeciders = async (round: number) => {
  const storage = RuntimeStore.makeMemoryStorage()
  successOf(await onDay(storage, "2026-09-01", publishMatter()))
  // The submission as the runtime completes it (the matter's terms pinned), taken once.
  const submitted = successOf(
    await onDay(
      storage,
      "2026-09-24",
      CommandHandler.handle(
        Aggregates.application,
        "template",
        { _tag: "SubmitApplication", caseNo: "template", applicant, matterCode, materials: allMaterials },
        restaurant,
        { commandId: "submit-template" },
      ),
    ),
  )
  const template = submitted.events[0] as Application.Event & { _tag: "ApplicationSubmitted" }
  const context = { now: "2026-09-24T01:30:00.000Z", actor: clerk, facts: {} }
  const started = performance.now()
  for (let i = 0; i < cases; i++) {
    const caseNo = `D${round}-${i}`
    const submittedState = Application.decider.evolve(Application.decider.initialState, { ...template, caseNo })
    const accepted = Decider.run(Application.decider, submittedState, { _tag: "AcceptApplication", caseNo }, context)
    if (accepted._tag !== "Success") throw new Error("the baseline's acceptance was refused")
  }
  return (2 * cases) / ((performance.now() - started) / 1000)
}

const median = (xs: ReadonlyArray<number>) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!
const runtime: Array<number> = []
const deciders: Array<number> = []
for (let round = 0; round < rounds; round++) {
  if (round % 2 === 0) {
    runtime.push(await throughRuntime(round))
    deciders.push(await throughDeciders(round))
  } else {
    deciders.push(await throughDeciders(round))
    runtime.push(await throughRuntime(round))
  }
}
console.log(
  `runtime on memory, ${cases} cases × (submit, accept), median of ${rounds}: ${median(runtime).toFixed(0)} commands/s`,
)
console.log(`deciders alone, same commands: ${median(deciders).toFixed(0)} commands/s`)
console.log(`runtime ÷ deciders: ${(median(runtime) / median(deciders)).toFixed(3)}×`)
