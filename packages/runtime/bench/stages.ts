/**
 * `pnpm bench:stages` (runtime): where a command's time goes on the in-memory store. Effect's fibers
 * hide the call stacks from a CPU profile, so this harness runs the command path's stages one by
 * one — the same calls, in the same order, as `CommandHandler.handle` — and times each with
 * `performance.now()` around it, for every command of W1 (each case submitted, then accepted). The
 * library's hot path carries no timer: the harness repeats the handler's steps from outside.
 *
 * It then runs the same workload through `CommandHandler.handle` itself; the difference between its
 * time and the sum of the stages is what the handler adds around them (its generator, the retry
 * loop, the services it looks up).
 *
 * `--root <checkout>` runs another checkout's sources (e.g. a worktree of an earlier commit), so
 * two builds can be compared on one machine: `tsx --conditions=@yiciban/source bench/stages.ts
 * [cases] [--root /path/to/checkout]`. A benchmark, not a test.
 */
import { createHash } from "node:crypto"
import { resolve } from "node:path"
import { performance } from "node:perf_hooks"
import { Effect, Option, Result, Schema } from "effect"
import type { Aggregate } from "../src/index.ts"

const args = process.argv.slice(2)
const rootAt = args.indexOf("--root")
const root = rootAt >= 0 ? resolve(args[rootAt + 1]!) : resolve(import.meta.dirname, "../../..")
const cases = Number(args.find((arg, i) => /^\d+$/.test(arg) && args[i - 1] !== "--root") ?? 1000)

const runtime: typeof import("../src/index.ts") = await import(`${root}/packages/runtime/src/index.ts`)
const core: typeof import("@yiciban/core") = await import(`${root}/packages/core/src/index.ts`)
const eventstore: typeof import("@yiciban/eventstore") = await import(`${root}/packages/eventstore/src/index.ts`)
const fixtures: typeof import("../test/fixtures.ts") = await import(`${root}/packages/runtime/test/fixtures.ts`)
const support: typeof import("../test/support.ts") = await import(`${root}/packages/runtime/test/support.ts`)
const { Aggregates, Authorization, CommandHandler, Input, Loader, PersonalData, RuntimeStore } = runtime
const { allMaterials, applicant, clerk, matterCode, restaurant } = fixtures
const { onDay, publishMatter, successOf } = support

const stages = [
  "decode command",
  "load own stream",
  "authorize",
  "resolve",
  "facts",
  "decide",
  "encode events, ids, actor",
  "case-list access",
  "append + inline",
] as const
type Stage = (typeof stages)[number]
const spent = new Map<Stage, number>(stages.map((stage) => [stage, 0]))
let catalogueRead = 0

const timed = <A, E, R>(stage: Stage, effect: Effect.Effect<A, E, R>): Effect.Effect<A, E, R> =>
  Effect.suspend(() => {
    const started = performance.now()
    return Effect.tap(effect, () =>
      Effect.sync(() => spent.set(stage, spent.get(stage)! + performance.now() - started)),
    )
  })

const ids = (stream: string, commandId: string, count: number) =>
  Array.from({ length: count }, (_, index) => {
    const digest = createHash("sha256").update(`${stream}\n${commandId}\n${index}`).digest()
    digest[6] = (digest[6]! & 0x0f) | 0x80
    digest[8] = (digest[8]! & 0x3f) | 0x80
    const h = digest.toString("hex", 0, 16)
    return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20, 32)}`
  })

/** `CommandHandler.handle`'s steps for one command, first attempt, each timed. */
const staged = (command: { readonly _tag: string; readonly caseNo: string }, principal: any, commandId: string) =>
  Effect.gen(function* () {
    const aggregate = Aggregates.application as any
    const request = yield* timed("decode command", Effect.fromResult(Input.decodeCommand<any>(aggregate, command)))
    const id = aggregate.idOf(request)
    const runtimeStore = yield* RuntimeStore.RuntimeStore
    const stream = yield* PersonalData.streamFor(aggregate, id)
    const keyring = Option.getOrUndefined(yield* Effect.serviceOption(PersonalData.Keyring))
    const loaded = yield* timed("load own stream", Loader.load(aggregate, id))
    const now = new Date(yield* Effect.clockWith((clock) => clock.currentTimeMillis)).toISOString()
    yield* timed(
      "authorize",
      Authorization.authorize({ aggregate, stream, command: request, state: loaded.state, principal, now }),
    )
    const actor = principal
    const valid = yield* timed("resolve", aggregate.resolve({ id, request, state: loaded.state, actor, now }))
    const facts = yield* timed("facts", aggregate.facts({ id, command: valid, state: loaded.state, actor, now }))
    const decision = yield* timed(
      "decide",
      Effect.sync(() => core.Decider.run(aggregate.decider, loaded.state, valid, { now, actor, facts })),
    )
    if (Result.isFailure(decision)) throw new Error(`refused: ${JSON.stringify(decision.failure)}`)
    const { events, state } = decision.success as { events: Array<any>; state: unknown }
    const newEvents = yield* timed(
      "encode events, ids, actor",
      Effect.gen(function* () {
        const eventIds = ids(stream, commandId, events.length)
        const out: Array<any> = []
        for (const [index, event] of events.entries()) {
          const data = Schema.encodeUnknownResult(aggregate.eventSchema)(event)
          if (Result.isFailure(data)) throw new Error(data.failure.message)
          const personal = aggregate.personal?.fields(event, state) ?? []
          const sealed =
            personal.length === 0
              ? data.success
              : yield* PersonalData.sealFields(keyring!, data.success as Schema.Json, personal)
          out.push({
            eventId: eventIds[index],
            type: event._tag,
            schemaVersion: aggregate.eventVersions[event._tag] ?? 1,
            data: sealed,
            metadata: {
              commandId,
              correlationId: commandId,
              causationId: commandId,
              actor: yield* CommandHandler.recordedActor(actor, keyring, stream),
              occurredAt: now,
            },
          })
        }
        return out
      }),
    )
    const access = yield* timed(
      "case-list access",
      Effect.flatMap(CommandHandler.accessOf(aggregate.scope(state, undefined), now), (access) =>
        CommandHandler.pseudonymousAccess(access, keyring, stream),
      ),
    )
    yield* timed(
      "append + inline",
      runtimeStore.append(stream, newEvents, eventstore.ExpectedVersion.exact(loaded.version), {
        stream,
        category: aggregate.name,
        id,
        version: loaded.version + events.length,
        at: now,
        summary: aggregate.summary?.(state),
        access,
        timers: aggregate.timers?.(state, id),
      }),
    )
    const started = performance.now()
    yield* Loader.load(Aggregates.matter, matterCode)
    catalogueRead += performance.now() - started
  })

const workload = (
  run: (command: { readonly _tag: string; readonly caseNo: string }, principal: any, commandId: string) => any,
  prefix: string,
) =>
  Effect.forEach(Array.from({ length: cases }), (_, i) => {
    const caseNo = `${prefix}-${i}`
    return Effect.andThen(
      run(
        { _tag: "SubmitApplication", caseNo, applicant, matterCode, materials: allMaterials } as never,
        restaurant,
        `submit-${caseNo}`,
      ),
      run({ _tag: "AcceptApplication", caseNo }, clerk, `accept-${caseNo}`),
    )
  })

const onFresh = async (effect: any) => {
  const storage = RuntimeStore.makeMemoryStorage()
  successOf(await onDay(storage, "2026-09-01", publishMatter()))
  const started = performance.now()
  successOf(await onDay(storage, "2026-09-24", effect))
  return performance.now() - started
}

// Warm up both paths (JIT), then measure.
await onFresh(workload(staged, "warm-s"))
await onFresh(
  workload(
    (command, principal, commandId) =>
      CommandHandler.handle(Aggregates.application as Aggregate.Any, command.caseNo, command, principal, { commandId }),
    "warm-h",
  ),
)
for (const stage of stages) spent.set(stage, 0)
catalogueRead = 0
const stagedTotal = await onFresh(workload(staged, "s"))
const handled = await onFresh(
  workload(
    (command, principal, commandId) =>
      CommandHandler.handle(Aggregates.application as Aggregate.Any, command.caseNo, command, principal, { commandId }),
    "h",
  ),
)
const commands = 2 * cases
const sum = [...spent.values()].reduce((a, b) => a + b, 0)
const us = (ms: number) => ((1000 * ms) / commands).toFixed(1).padStart(8)
console.log(`root ${root}; ${cases} cases × (submit, accept); µs per command (mean of the two commands)`)
for (const stage of stages) console.log(`${stage.padEnd(28)}${us(spent.get(stage)!)}`)
console.log(`${"sum of the stages".padEnd(28)}${us(sum)}`)
console.log(`${"staged run, whole".padEnd(28)}${us(stagedTotal)}`)
console.log(`${"CommandHandler.handle".padEnd(28)}${us(handled)}`)
console.log(`${"one catalogue read (load)".padEnd(28)}${us(catalogueRead)}`)
