/**
 * Durable timers. Every append keeps the due-timer table equal to the aggregate's `timers(state)`
 * (inline, in the append's transaction), so a deadline exists exactly as long as the state says
 * it does. The scheduler claims the timers that are due by effect's `Clock` and dispatches each
 * follow-up command as the `system` actor with **the timer's id as the command id**:
 *
 * - two schedulers never hold one timer at once (PostgreSQL: `FOR UPDATE SKIP LOCKED` in an
 *   `UPDATE … RETURNING` that takes a lease; memory: one synchronous step);
 * - a scheduler that dies while holding a timer loses it when its lease runs out, and the next one
 *   dispatches it again — which appends nothing when the first dispatch got through, because the
 *   command id is already in the stream. So each follow-up command takes effect exactly once.
 *
 * A timer without a command is a warning: it goes to `onNotice` and is marked fired. A command the
 * aggregate rejects is marked fired with the rejection's tag as its outcome; a store failure
 * releases the timer for the next run.
 *
 * @since 0.1.0
 */
import type { Actor } from "@yiciban/core"
import type { EventStore } from "@yiciban/eventstore"
import * as Clock from "effect/Clock"
import * as Duration from "effect/Duration"
import * as Effect from "effect/Effect"
import * as Result from "effect/Result"
import { type Any, find } from "./Aggregate.ts"
import { handle } from "./CommandHandler.ts"
import { system } from "./internal/system.ts"
import type { ReadModelUnavailable } from "./RuntimeError.ts"
import { RuntimeStore, type TimerRow } from "./RuntimeStore.ts"

const schedulerCapability = system("yiciban-scheduler")

/**
 * The actor recorded on the events timers cause. The scheduler acts with the runtime's own
 * capability: a caller who hands this actor to `CommandHandler.handle` is refused, since no caller
 * may act as the system.
 *
 * @category models
 * @since 0.1.0
 */
export const systemActor: Actor.Actor = schedulerCapability.actor

/**
 * - `aggregates`: where follow-up commands go, looked up by name;
 * - `owner`: this scheduler's name in claims (default: a random id per call of `runDue`);
 * - `leaseMillis`: how long a claim holds (default 60 seconds);
 * - `batchSize`: timers claimed at once (default 50);
 * - `onNotice`: what to do with a warning timer (default: nothing).
 *
 * @category models
 * @since 0.1.0
 */
export interface SchedulerOptions {
  readonly aggregates: ReadonlyArray<Any>
  readonly owner?: string | undefined
  readonly leaseMillis?: number | undefined
  readonly batchSize?: number | undefined
  readonly onNotice?: ((timer: TimerRow) => Effect.Effect<void>) | undefined
}

/**
 * What one timer did: `dispatched` (its command appended events), `duplicate` (the command had
 * already taken effect), `noticed` (a warning), `rejected:<tag>`, `unknownAggregate`.
 *
 * @category models
 * @since 0.1.0
 */
export interface Fired {
  readonly timer: TimerRow
  readonly outcome: string
}

const outcomeOf = (error: { readonly _tag: string; readonly rejection?: unknown }): string | undefined => {
  if (error._tag === "CommandRejected") return `rejected:${(error.rejection as { _tag?: string })?._tag ?? "unknown"}`
  if (error._tag === "NotPermitted" || error._tag === "InvalidCommand" || error._tag === "WrongInstance") {
    return `rejected:${error._tag}`
  }
  return undefined
}

/**
 * Fires every timer due now (by the `Clock`), in due order, and returns what each did.
 *
 * @example
 * ```ts
 * import { Aggregates, Scheduler } from "@yiciban/runtime"
 *
 * const fired = Scheduler.runDue({ aggregates: Aggregates.all }) // Effect<ReadonlyArray<Fired>, …>
 * ```
 *
 * @category combinators
 * @since 0.1.0
 */
export const runDue = (
  options: SchedulerOptions,
): Effect.Effect<ReadonlyArray<Fired>, ReadModelUnavailable, EventStore.EventStore | RuntimeStore> =>
  Effect.gen(function* () {
    const store = yield* RuntimeStore
    const owner = options.owner ?? `scheduler-${globalThis.crypto.randomUUID()}`
    const batchSize = options.batchSize ?? 50
    const fired: Array<Fired> = []
    while (true) {
      const now = new Date(yield* Clock.currentTimeMillis).toISOString()
      const claimed = yield* store.claimDue(now, owner, options.leaseMillis ?? 60_000, batchSize)
      for (const timer of claimed) {
        const outcome = yield* fire(timer, options)
        if (outcome === undefined) {
          yield* store.release(timer.id, owner)
          continue
        }
        yield* store.finish(timer.id, owner, outcome, now)
        fired.push({ timer, outcome })
      }
      if (claimed.length < batchSize) return fired
    }
  })

const fire = (timer: TimerRow, options: SchedulerOptions) =>
  Effect.gen(function* () {
    if (timer.command === undefined) {
      if (options.onNotice !== undefined) yield* options.onNotice(timer)
      return "noticed"
    }
    const aggregate = find(options.aggregates, timer.command.aggregate)
    if (aggregate === undefined) return "unknownAggregate"
    const result = yield* Effect.result(
      handle(aggregate, timer.command.id, timer.command.command, schedulerCapability, {
        commandId: timer.id,
        correlationId: timer.stream,
        causationId: timer.id,
      }),
    )
    if (Result.isSuccess(result)) return result.success.duplicate ? "duplicate" : "dispatched"
    return outcomeOf(result.failure)
  })

/**
 * Runs the scheduler forever: `runDue`, then waits `interval` (default 1 second). Interrupt the
 * fiber to stop it.
 *
 * @category combinators
 * @since 0.1.0
 */
export const run = (
  options: SchedulerOptions & { readonly interval?: Duration.Input | undefined },
): Effect.Effect<never, ReadModelUnavailable, EventStore.EventStore | RuntimeStore> =>
  Effect.forever(Effect.andThen(runDue(options), Effect.sleep(options.interval ?? Duration.seconds(1))))
