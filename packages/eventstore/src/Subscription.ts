/**
 * Subscriptions built on the port alone: `readAll` from a durable checkpoint, a handler per event
 * in global order, the checkpoint saved after the handler succeeds, polling when caught up. Every
 * adapter gets them for free; an adapter only has to keep `readAll`'s prefix contract (see
 * `EventStore`).
 *
 * **Delivery is at least once.** The checkpoint is saved after each batch and, when the handler
 * fails, at the last event it handled before failing; after a crash between handling and saving,
 * the events since the last saved checkpoint (at most one batch) are delivered again. Handlers must
 * be idempotent (a projection upserts, a process manager dedupes by event id). Two subscribers with
 * the same name may both handle an event; the monotonic checkpoint keeps them from moving
 * backwards.
 *
 * @since 0.1.0
 */
import * as Duration from "effect/Duration"
import * as Effect from "effect/Effect"
import * as Exit from "effect/Exit"
import type { RecordedEvent } from "./EventEnvelope.ts"
import { EventStore } from "./EventStore.ts"
import type { ReadError } from "./EventStoreError.ts"

/**
 * - `batchSize`: events read per `readAll` (default 100);
 * - `pollInterval`: how long `subscribe` waits when caught up before reading again
 *   (default 100 milliseconds).
 *
 * @category models
 * @since 0.1.0
 */
export interface SubscriptionOptions {
  readonly batchSize?: number | undefined
  readonly pollInterval?: Duration.Input | undefined
}

/**
 * The outcome of a catch-up: how many events the handler processed and the checkpoint after it.
 *
 * @category models
 * @since 0.1.0
 */
export interface CatchUpResult {
  readonly handled: number
  readonly position: number
}

/**
 * Handles every event after the checkpoint `name`, in global order, saving the checkpoint as it
 * goes, until `readAll` returns fewer events than a batch. Fails with the handler's error (after
 * saving the checkpoint of the last event handled) or a store error.
 *
 * @example
 * ```ts
 * import { Effect } from "effect"
 * import { Subscription } from "@yiciban/eventstore"
 *
 * const seen: Array<string> = []
 * const program = Subscription.catchUp("case-list", (event) => Effect.sync(() => seen.push(event.type)))
 * ```
 *
 * @category combinators
 * @since 0.1.0
 */
export const catchUp = <E, R>(
  name: string,
  handler: (event: RecordedEvent) => Effect.Effect<void, E, R>,
  options: SubscriptionOptions = {},
): Effect.Effect<CatchUpResult, E | ReadError, EventStore | R> =>
  Effect.gen(function* () {
    const store = yield* EventStore
    const batchSize = options.batchSize ?? 100
    let position = yield* store.loadCheckpoint(name)
    let handled = 0
    while (true) {
      const batch = yield* store.readAll({ fromPosition: position + 1, limit: batchSize })
      let last: number | undefined
      for (const event of batch) {
        const exit = yield* Effect.exit(handler(event))
        if (Exit.isFailure(exit)) {
          if (last !== undefined) yield* store.saveCheckpoint(name, last)
          return yield* Effect.failCause(exit.cause)
        }
        last = event.globalPosition
        handled++
      }
      if (last !== undefined) position = yield* store.saveCheckpoint(name, last)
      if (batch.length < batchSize) return { handled, position }
    }
  })

/**
 * Runs forever: catches up, and when there was nothing to handle waits `pollInterval` before
 * reading again. Resumes from the durable checkpoint `name` after a restart. Interrupt the fiber
 * to stop it; fails with the handler's error or a store error.
 *
 * @example
 * ```ts
 * import { Effect } from "effect"
 * import { Subscription } from "@yiciban/eventstore"
 *
 * const program = Subscription.subscribe(
 *   "notices",
 *   (event) => Effect.log(`${event.stream}@${event.streamVersion}: ${event.type}`),
 *   { pollInterval: "250 millis" },
 * ).pipe(Effect.forkChild)
 * ```
 *
 * @category combinators
 * @since 0.1.0
 */
export const subscribe = <E, R>(
  name: string,
  handler: (event: RecordedEvent) => Effect.Effect<void, E, R>,
  options: SubscriptionOptions = {},
): Effect.Effect<never, E | ReadError, EventStore | R> =>
  Effect.gen(function* () {
    const pollInterval = options.pollInterval ?? Duration.millis(100)
    while (true) {
      const result = yield* catchUp(name, handler, options)
      if (result.handled === 0) yield* Effect.sleep(pollInterval)
    }
  })
