/**
 * `pnpm bench` (runtime): commands through the runtime on the in-memory store — each case submitted
 * and accepted (two commands, the second reading the first), sequentially — against the pure
 * deciders doing the same work with no store, no authorization and no decoding (the baseline, in
 * the same run, alternating). Prints commands per second and the ratio runtime ÷ deciders. Runs the
 * sources through tsx (`--conditions=@yiciban/source`); a benchmark, not a test. The same commands
 * also run through the facade (`createYiciban` on memory, one awaited call per command, as a host
 * makes them: W1 as issue 14 states it).
 *
 * `--baseline <checkout>`: also runs the same workload through another checkout's runtime (its
 * sources, e.g. a worktree of an earlier commit), taking turns with this one round by round, and
 * prints the median of the per-round ratios this ÷ baseline with their quartiles. `--rounds <n>`
 * (default 5).
 */

import { resolve } from "node:path"
import { performance } from "node:perf_hooks"
import type { Application } from "@yiciban/core"
import { Effect } from "effect"
import { Aggregates, CommandHandler, createYiciban, RuntimeStore } from "../src/index.ts"
import { admin, allMaterials, applicant, clerk, elements, matterCode, restaurant } from "../test/fixtures.ts"
import { onDay, publishMatter, successOf } from "../test/support.ts"
import { decidersAlone } from "./deciders.ts"

const args = process.argv.slice(2)
const flag = (name: string) => {
  const i = args.indexOf(name)
  return i < 0 ? undefined : args[i + 1]
}
const cases = Number(args.find((arg, i) => /^\d+$/.test(arg) && !args[i - 1]?.startsWith("--")) ?? 2000)
const rounds = Number(flag("--rounds") ?? 5)
const baselineRoot = flag("--baseline")

/** A runtime's modules: this checkout's, or a baseline checkout's sources. */
interface Build {
  readonly runtime: Pick<
    typeof import("../src/index.ts"),
    "Aggregates" | "CommandHandler" | "RuntimeStore" | "createYiciban"
  >
  readonly support: Pick<typeof import("../test/support.ts"), "onDay" | "publishMatter" | "successOf">
}
const current: Build = {
  runtime: { Aggregates, CommandHandler, RuntimeStore, createYiciban },
  support: { onDay, publishMatter, successOf },
}
const baseline: Build | undefined =
  baselineRoot === undefined
    ? undefined
    : {
        runtime: await import(`${resolve(baselineRoot)}/packages/runtime/src/index.ts`),
        support: await import(`${resolve(baselineRoot)}/packages/runtime/test/support.ts`),
      }

const throughRuntime = async (round: number, build: Build = current) => {
  const { Aggregates, CommandHandler, RuntimeStore } = build.runtime
  const { onDay, publishMatter, successOf } = build.support
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

/** The same commands through the facade (`createYiciban` on memory), one awaited call each, as a host makes them. */
const throughFacade = async (round: number, build: Build = current) => {
  const yiciban = await build.runtime.createYiciban({
    store: build.runtime.RuntimeStore.memory(),
    now: () => Date.parse("2026-09-24T01:30:00.000Z"),
  })
  await yiciban.matter.publish({ implementationCode: matterCode, baseCode: "000101001000", elements }, admin)
  const started = performance.now()
  for (let i = 0; i < cases; i++) {
    const caseNo = `F${round}-${i}`
    await yiciban.application.submit({ caseNo, applicant, matterCode, materials: allMaterials }, restaurant, {
      commandId: `submit-${caseNo}`,
    })
    await yiciban.application.execute({ _tag: "AcceptApplication", caseNo }, clerk, { commandId: `accept-${caseNo}` })
  }
  const rate = (2 * cases) / ((performance.now() - started) / 1000)
  await yiciban.close()
  return rate
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
  return decidersAlone(template, clerk, cases, `D${round}`)
}

const quantile = (xs: ReadonlyArray<number>, q: number) =>
  [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(q * xs.length))]!
const median = (xs: ReadonlyArray<number>) => quantile(xs, 0.5)
const runtime: Array<number> = []
const deciders: Array<number> = []
const before: Array<number> = []
const facade: Array<number> = []
const facadeBefore: Array<number> = []
for (let round = 0; round < rounds; round++) {
  const contenders = [
    async () => runtime.push(await throughRuntime(round)),
    async () => deciders.push(await throughDeciders(round)),
    async () => facade.push(await throughFacade(round)),
    ...(baseline === undefined
      ? []
      : [
          async () => before.push(await throughRuntime(round, baseline)),
          async () => facadeBefore.push(await throughFacade(round, baseline)),
        ]),
  ]
  // Alternate the order round by round.
  const order = round % 2 === 0 ? contenders : [...contenders].reverse()
  for (const run of order) await run()
}
console.log(
  `runtime on memory, ${cases} cases × (submit, accept), median of ${rounds}: ${median(runtime).toFixed(0)} commands/s`,
)
console.log(`deciders alone, same commands: ${median(deciders).toFixed(0)} commands/s`)
console.log(`runtime ÷ deciders: ${(median(runtime) / median(deciders)).toFixed(3)}×`)
console.log(`through the facade (createYiciban, memory): ${median(facade).toFixed(0)} commands/s`)
if (baseline !== undefined) {
  const ratios = runtime.map((rate, i) => rate / before[i]!)
  console.log(`baseline (${baselineRoot}) on memory: ${median(before).toFixed(0)} commands/s`)
  console.log(
    `this ÷ baseline, median of ${rounds} rounds [quartiles]: ${median(ratios).toFixed(2)}× [${quantile(ratios, 0.25).toFixed(2)}–${quantile(ratios, 0.75).toFixed(2)}]`,
  )
}
if (baseline !== undefined) {
  const ratios = facade.map((rate, i) => rate / facadeBefore[i]!)
  console.log(`baseline through the facade: ${median(facadeBefore).toFixed(0)} commands/s`)
  console.log(
    `facade: this ÷ baseline, median of ${rounds} rounds [quartiles]: ${median(ratios).toFixed(2)}× [${quantile(ratios, 0.25).toFixed(2)}–${quantile(ratios, 0.75).toFixed(2)}]`,
  )
}
