/**
 * `pnpm bench` (runtime, second script): W1 of issue 14 against the peer event store, Emmett 0.42
 * (`@event-driven-io/emmett`), in the same process and the same run, the contenders taking turns
 * round by round (the order reversed every other round). Prints the median of the per-round ratios
 * Yiciban ÷ Emmett with their quartiles, and the load average before and after.
 *
 * W1 port: `--commands` commands (default 100,000) over `--streams` streams (default 10,000), in
 * memory, sequential; each command reads its stream, folds it, decides one event and appends it
 * with the expected version (exact). The domain (a tally: open, then record amounts) is defined
 * here, one plain `decide` and `evolve` shared by both: Emmett's `getInMemoryEventStore` through
 * its `CommandHandler` (read with `aggregateStream`, append expecting the version it read) against
 * Yiciban's `MemoryEventStore` through the `EventStore` port (`readStream`, fold, decide, `append`
 * with `ExpectedVersion.exact`). Yiciban runs the whole workload as one Effect program, and again
 * with one `Effect.runPromise` per command (as a host without Effect calls the port).
 *
 * W1 runtime: `--cases` cases (default 2,000) × (submit, accept) through `createYiciban` on memory,
 * one awaited call per command, as `bench/commands.ts` does, against Emmett's in-memory store and
 * `CommandHandler` doing a two-command workload with the same events: the runtime's own
 * `ApplicationSubmitted` and `ApplicationAccepted` data (taken once from a run of the runtime, the
 * case number changed), so the number of events per command and their sizes are the same. The
 * runtime does much more per command (decoding, authorization, the catalogue, facts, the hash
 * chain, the case list and timers): the ratio is what the issue's goal states, not like for like.
 *
 * `--rounds <n>` (default 5); `--only port,runtime`; `--floor-parts` adds the port's floor without
 * its chain, and without its copy, JSON and chain (`bench/floor.ts`: what each guarantee costs);
 * `--baseline <checkout>` also runs the port's workload on another checkout's event store (its
 * sources and its `effect`), in turn with the others, and prints this ÷ baseline (median of
 * per-round ratios, quartiles). Runs the sources through tsx (`--conditions=@yiciban/source`); a
 * benchmark, not a test.
 */

import { execSync } from "node:child_process"
import { loadavg } from "node:os"
import { resolve } from "node:path"
import { performance } from "node:perf_hooks"
import { CommandHandler as EmmettCommandHandler, getInMemoryEventStore } from "@event-driven-io/emmett"
import type { Application } from "@yiciban/core"
import { EventEnvelope, type EventStore, ExpectedVersion, MemoryEventStore } from "@yiciban/eventstore"
import { Effect } from "effect"
import { report } from "../../../scripts/benchReport.ts"
import { Aggregates, CommandHandler, createYiciban, RuntimeStore } from "../src/index.ts"
import { admin, allMaterials, applicant, clerk, elements, matterCode, restaurant } from "../test/fixtures.ts"
import { onDay, publishMatter, successOf } from "../test/support.ts"
import { decidersAlone } from "./deciders.ts"
import { type FloorParts, makeFloor } from "./floor.ts"
import {
  decide,
  evolve,
  initialState,
  metadata,
  type RecordAmount,
  type Tally,
  type TallyEvent,
  workload,
} from "./tally.ts"

const args = process.argv.slice(2)
const flag = (name: string) => {
  const i = args.indexOf(name)
  return i < 0 ? undefined : args[i + 1]
}
const commands = Number(flag("--commands") ?? 100_000)
const streams = Number(flag("--streams") ?? 10_000)
const cases = Number(flag("--cases") ?? 2000)
const rounds = Number(flag("--rounds") ?? 5)
const only = new Set((flag("--only") ?? "port,runtime").split(","))
const floorParts = args.includes("--floor-parts")

// ---------------------------------------------------------------------------------------------
// W1 port: the tally (bench/tally.ts), the same plain functions for both stores.

const rate = (count: number, started: number) => count / ((performance.now() - started) / 1000)

const emmettPort = async (work: ReadonlyArray<RecordAmount>) => {
  const store = getInMemoryEventStore()
  const handle = EmmettCommandHandler<Tally, TallyEvent>({ evolve, initialState })
  const started = performance.now()
  for (const command of work) await handle(store, command.stream, (state) => ({ ...decide(command, state), metadata }))
  return rate(work.length, started)
}

/** The port's modules: this checkout's, or a baseline checkout's (its sources, with its own `effect`). */
interface PortBuild {
  readonly Effect: typeof Effect
  readonly eventstore: Pick<
    typeof import("@yiciban/eventstore"),
    "EventEnvelope" | "ExpectedVersion" | "MemoryEventStore"
  >
}
const current: PortBuild = { Effect, eventstore: { EventEnvelope, ExpectedVersion, MemoryEventStore } }
const baselineRoot = flag("--baseline")
const baseline: PortBuild | undefined =
  baselineRoot === undefined
    ? undefined
    : {
        Effect: (await import(`${resolve(baselineRoot)}/packages/eventstore/node_modules/effect/dist/index.js`)).Effect,
        eventstore: await import(`${resolve(baselineRoot)}/packages/eventstore/src/index.ts`),
      }

const yicibanCommand = (build: PortBuild, store: EventStore.EventStore["Service"], command: RecordAmount) =>
  build.Effect.gen(function* () {
    const events = yield* store.readStream(command.stream)
    let state = initialState()
    for (const event of events) state = evolve(state, event)
    const version = events.length === 0 ? 0 : events[events.length - 1]!.streamVersion
    const decided = decide(command, state)
    const eventId = yield* build.eventstore.EventEnvelope.makeEventId
    yield* store.append(
      command.stream,
      [{ eventId, type: decided.type, schemaVersion: 1, data: decided.data, metadata }],
      build.eventstore.ExpectedVersion.exact(version),
    )
  })

const yicibanPort = async (work: ReadonlyArray<RecordAmount>, build: PortBuild = current) => {
  const store = build.Effect.runSync(build.eventstore.MemoryEventStore.makeMemory())
  const started = performance.now()
  await build.Effect.runPromise(
    build.Effect.forEach(work, (command) => yicibanCommand(build, store, command), { discard: true }),
  )
  return rate(work.length, started)
}

/** The same commands on the floor (`bench/floor.ts`): what the port's guarantees cost, without the port. */
const floorPort = async (work: ReadonlyArray<RecordAmount>, parts: FloorParts = "all") => {
  const store = makeFloor(parts)
  const started = performance.now()
  for (const command of work) {
    const events = store.readStream(command.stream)
    let state = initialState()
    for (const event of events) state = evolve(state, event)
    const version = events.length === 0 ? 0 : events[events.length - 1]!.streamVersion
    const decided = decide(command, state)
    store.append(
      command.stream,
      { eventId: crypto.randomUUID(), type: decided.type, schemaVersion: 1, data: decided.data, metadata },
      version,
    )
  }
  return rate(work.length, started)
}

const yicibanPortPerCommand = async (work: ReadonlyArray<RecordAmount>) => {
  const store = Effect.runSync(MemoryEventStore.makeMemory())
  const started = performance.now()
  for (const command of work) await Effect.runPromise(yicibanCommand(current, store, command))
  return rate(work.length, started)
}

// ---------------------------------------------------------------------------------------------
// W1 runtime: the runtime's commands, and Emmett doing the same two appends per case.

/** The events one case's submit and accept append through the runtime, taken once. */
const template = async () => {
  const storage = RuntimeStore.makeMemoryStorage()
  successOf(await onDay(storage, "2026-09-01", publishMatter()))
  const submitted = successOf(
    await onDay(
      storage,
      "2026-09-24",
      CommandHandler.handle(
        Aggregates.application,
        "T-1",
        { _tag: "SubmitApplication", caseNo: "T-1", applicant, matterCode, materials: allMaterials },
        restaurant,
        { commandId: "submit-T-1" },
      ),
    ),
  )
  const accepted = successOf(
    await onDay(
      storage,
      "2026-09-24",
      CommandHandler.handle(Aggregates.application, "T-1", { _tag: "AcceptApplication", caseNo: "T-1" }, clerk, {
        commandId: "accept-T-1",
      }),
    ),
  )
  return { submitted: submitted.events, accepted: accepted.events }
}
const { submitted, accepted } = await template()
const asEmmett = (events: ReadonlyArray<{ readonly _tag: string }>, caseNo: string) =>
  events.map(({ _tag, ...data }) => ({ type: _tag, data: { ...data, caseNo }, metadata }))

interface CaseState {
  readonly status: "none" | "submitted" | "accepted"
}
const evolveCase = (state: CaseState, event: { readonly type: string }): CaseState =>
  event.type === "ApplicationSubmitted"
    ? { status: "submitted" }
    : event.type === "ApplicationAccepted"
      ? { status: "accepted" }
      : state

const emmettRuntime = async (round: number) => {
  const store = getInMemoryEventStore()
  const handle = EmmettCommandHandler<CaseState, { type: string; data: { readonly [key: string]: unknown } }>({
    evolve: evolveCase,
    initialState: () => ({ status: "none" }),
  })
  const started = performance.now()
  for (let i = 0; i < cases; i++) {
    const caseNo = `E${round}-${i}`
    await handle(store, `application-${caseNo}`, (state) => {
      if (state.status !== "none") throw new Error(`${caseNo}: already submitted`)
      return asEmmett(submitted, caseNo)
    })
    await handle(store, `application-${caseNo}`, (state) => {
      if (state.status !== "submitted") throw new Error(`${caseNo}: not submitted`)
      return asEmmett(accepted, caseNo)
    })
  }
  return rate(2 * cases, started)
}

const yicibanRuntime = async (round: number) => {
  const yiciban = await createYiciban({
    store: RuntimeStore.memory(),
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
  const result = rate(2 * cases, started)
  await yiciban.close()
  return result
}

// ---------------------------------------------------------------------------------------------
// Rounds, alternating, and the figures.

const quantile = (xs: ReadonlyArray<number>, q: number) =>
  [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.round(q * (xs.length - 1)))]!
const median = (xs: ReadonlyArray<number>) => quantile(xs, 0.5)
const load = () => {
  try {
    return execSync("uptime", { encoding: "utf8" }).trim()
  } catch {
    return `load average: ${loadavg()
      .map((x) => x.toFixed(2))
      .join(", ")}`
  }
}

const figures = {
  emmettPort: [] as Array<number>,
  yicibanPort: [] as Array<number>,
  yicibanPortPerCommand: [] as Array<number>,
  baselinePort: [] as Array<number>,
  floorPort: [] as Array<number>,
  floorNoLink: [] as Array<number>,
  floorBare: [] as Array<number>,
  deciders: [] as Array<number>,
  emmettRuntime: [] as Array<number>,
  yicibanRuntime: [] as Array<number>,
}
console.log(`start: ${load()}`)
for (let round = 0; round < rounds; round++) {
  const work = only.has("port") ? workload(commands, streams, `r${round}`) : []
  const contenders = [
    ...(only.has("port")
      ? [
          async () => figures.emmettPort.push(await emmettPort(work)),
          async () => figures.yicibanPort.push(await yicibanPort(work)),
          async () => figures.yicibanPortPerCommand.push(await yicibanPortPerCommand(work)),
          async () => figures.floorPort.push(await floorPort(work)),
          ...(floorParts
            ? [
                async () => figures.floorNoLink.push(await floorPort(work, "no link")),
                async () => figures.floorBare.push(await floorPort(work, "no copy, no link")),
              ]
            : []),
          ...(baseline === undefined ? [] : [async () => figures.baselinePort.push(await yicibanPort(work, baseline))]),
        ]
      : []),
    ...(only.has("runtime")
      ? [
          async () => figures.emmettRuntime.push(await emmettRuntime(round)),
          async () => figures.yicibanRuntime.push(await yicibanRuntime(round)),
          async () =>
            figures.deciders.push(
              decidersAlone(
                submitted[0] as Application.Event & { _tag: "ApplicationSubmitted" },
                clerk,
                cases,
                `D${round}`,
              ),
            ),
        ]
      : []),
  ]
  for (const run of round % 2 === 0 ? contenders : [...contenders].reverse()) await run()
  process.stderr.write(`round ${round + 1}/${rounds} done; ${load()}\n`)
}

const ratioLine = (
  label: string,
  mine: ReadonlyArray<number>,
  theirs: ReadonlyArray<number>,
  goal: number | undefined,
  key: string,
  who = "Yiciban",
) => {
  const ratios = mine.map((x, i) => x / theirs[i]!)
  const m = median(ratios)
  report({
    key,
    ratio: m,
    quartiles: [quantile(ratios, 0.25), quantile(ratios, 0.75)],
    n: ratios.length,
    against: "Emmett 0.42",
    detail: `${median(mine).toFixed(0)} against ${median(theirs).toFixed(0)} commands/s`,
  })
  console.log(
    `${label}: ${median(mine).toFixed(0)} against ${median(theirs).toFixed(0)} commands/s; ${who} ÷ Emmett, median of ${ratios.length} rounds [quartiles]: ${m.toFixed(2)}× [${quantile(ratios, 0.25).toFixed(2)}–${quantile(ratios, 0.75).toFixed(2)}]${goal === undefined ? "" : `; goal ≥ ${goal}×: ${m >= goal ? "met" : "not met"}`}`,
  )
}
/** `mine ÷ floor`, median of the per-round ratios with their quartiles. */
const ofFloor = (label: string, mine: ReadonlyArray<number>, floor: ReadonlyArray<number>) => {
  const ratios = mine.map((x, i) => x / floor[i]!)
  console.log(
    `${label}, median of ${ratios.length} rounds [quartiles]: ${median(ratios).toFixed(2)}× [${quantile(ratios, 0.25).toFixed(2)}–${quantile(ratios, 0.75).toFixed(2)}]`,
  )
}
if (only.has("port")) {
  console.log(`W1 port, in memory, ${commands} commands over ${streams} streams (read, fold, decide, append exact):`)
  ratioLine("  one Effect program", figures.yicibanPort, figures.emmettPort, 10, "W1 port")
  ratioLine(
    "  Effect.runPromise per command",
    figures.yicibanPortPerCommand,
    figures.emmettPort,
    10,
    "W1 port per command",
  )
  ratioLine(
    "  the floor (bench/floor.ts: the guarantees by hand)",
    figures.floorPort,
    figures.emmettPort,
    undefined,
    "W1 port floor",
    "floor",
  )
  ofFloor("  the port ÷ the floor", figures.yicibanPort, figures.floorPort)
  if (floorParts) {
    ratioLine(
      "  the floor without the chain",
      figures.floorNoLink,
      figures.emmettPort,
      undefined,
      "W1 floor no link",
      "floor",
    )
    ratioLine(
      "  the floor without the copy, its JSON and the chain",
      figures.floorBare,
      figures.emmettPort,
      undefined,
      "W1 floor bare",
      "floor",
    )
  }
  if (baseline !== undefined) {
    const ratios = figures.yicibanPort.map((x, i) => x / figures.baselinePort[i]!)
    console.log(
      `  baseline (${baselineRoot}), one Effect program: ${median(figures.baselinePort).toFixed(0)} commands/s; this ÷ baseline, median of ${ratios.length} rounds [quartiles]: ${median(ratios).toFixed(2)}× [${quantile(ratios, 0.25).toFixed(2)}–${quantile(ratios, 0.75).toFixed(2)}]`,
    )
  }
}
if (only.has("runtime")) {
  console.log(
    `W1 runtime, ${cases} cases × (submit, accept), ${submitted.length} + ${accepted.length} events per case on both:`,
  )
  ratioLine(
    "  createYiciban (memory) against Emmett's CommandHandler",
    figures.yicibanRuntime,
    figures.emmettRuntime,
    5,
    "W1 runtime",
  )
  ratioLine(
    "  the deciders alone (the runtime's floor)",
    figures.deciders,
    figures.emmettRuntime,
    undefined,
    "W1 runtime floor",
    "deciders",
  )
  ofFloor("  the runtime ÷ the deciders", figures.yicibanRuntime, figures.deciders)
}
console.log(`end: ${load()}`)
