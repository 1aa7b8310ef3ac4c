/**
 * Asynchronous projections: read models that may lag the events a little (analytics, the five
 * rates, supervision exports), fed by a subscription from a durable checkpoint. Delivery is at
 * least once, so a projection's `handle` must be idempotent (upsert by event id or position).
 *
 * **Generations and rebuilds.** A projection's checkpoint is `projection:<name>:<generation>`;
 * the generation is itself kept as a (monotonic) checkpoint, `projection-generation:<name>`.
 * {@link rebuild} moves to the next generation, calls the projection's `reset` and replays every
 * event from position 1 under the new checkpoint, while every other projection keeps running
 * from its own checkpoint. A running {@link run} loop picks the new generation up on its next
 * round.
 *
 * @since 0.1.0
 */
import { type EventStore, type EventStoreError, EventStore as Store, Subscription } from "@yiciban/eventstore"
import * as Duration from "effect/Duration"
import * as Effect from "effect/Effect"
import { openEvent } from "./PersonalData.ts"
import type { UnreadableEvent } from "./RuntimeError.ts"

/**
 * A projection: a name, an idempotent handler per event and how to empty its read model.
 *
 * @category models
 * @since 0.1.0
 */
export interface Projection<E, R> {
  readonly name: string
  readonly handle: (event: EventStore.RecordedEvent) => Effect.Effect<void, E, R>
  readonly reset: Effect.Effect<void, E, R>
}

const generationKey = (name: string) => `projection-generation:${name}`

/**
 * The projection's current checkpoint name.
 *
 * @category combinators
 * @since 0.1.0
 */
export const checkpointName = (name: string): Effect.Effect<string, EventStoreError.ReadError, EventStore.EventStore> =>
  Effect.map(
    Effect.flatMap(Effect.service(Store.EventStore), (store) => store.loadCheckpoint(generationKey(name))),
    (generation) => `projection:${name}:${generation}`,
  )

/**
 * Handles every event after the projection's checkpoint, then returns. The projection sees every
 * event with its personal fields opened (an erased person's read as erased): a projection that
 * keeps personal data must be rebuilt after an erasure (`SubjectErased` in `erasure-<pseudonym>`)
 * to forget it.
 *
 * @example
 * ```ts
 * import { Effect } from "effect"
 * import { Projection } from "@yiciban/runtime"
 *
 * const counts = new Map<string, number>()
 * const byType: Projection.Projection<never, never> = {
 *   name: "events-by-type",
 *   handle: (event) => Effect.sync(() => void counts.set(event.type, (counts.get(event.type) ?? 0) + 1)),
 *   reset: Effect.sync(() => counts.clear()),
 * }
 * const program = Projection.catchUp(byType)
 * ```
 *
 * @category combinators
 * @since 0.1.0
 */
export const catchUp = <E, R>(
  projection: Projection<E, R>,
  options: Subscription.SubscriptionOptions = {},
): Effect.Effect<
  Subscription.CatchUpResult,
  E | EventStoreError.ReadError | UnreadableEvent,
  EventStore.EventStore | R
> =>
  Effect.flatMap(checkpointName(projection.name), (name) =>
    Subscription.catchUp(name, (event) => Effect.flatMap(openEvent(event), projection.handle), options),
  )

/**
 * Where a projection whose state lives in this process's memory has read the log up to: it starts
 * at 0 in every process, so a new process (or a second node on the same store) builds its state from
 * the first event. A durable checkpoint (`catchUp`) is for projections whose state is as durable as
 * the checkpoint; an in-memory state under a durable checkpoint would, after a restart, silently
 * miss every event before it.
 *
 * @category models
 * @since 0.3.0
 */
export interface MemoryCursor {
  position: number
}

/**
 * Handles every event after `cursor`, advancing it, for a projection kept in memory.
 *
 * @category combinators
 * @since 0.3.0
 */
export const catchUpInMemory = <E, R>(
  projection: Projection<E, R>,
  cursor: MemoryCursor,
  options: Subscription.SubscriptionOptions = {},
): Effect.Effect<
  Subscription.CatchUpResult,
  E | EventStoreError.ReadError | UnreadableEvent,
  EventStore.EventStore | R
> =>
  Effect.gen(function* () {
    const store = yield* Store.EventStore
    const batchSize = options.batchSize ?? 100
    let handled = 0
    while (true) {
      const batch = yield* store.readAll({ fromPosition: cursor.position + 1, limit: batchSize })
      for (const event of batch) {
        yield* Effect.flatMap(openEvent(event), projection.handle)
        cursor.position = event.globalPosition
        handled++
      }
      if (batch.length < batchSize) return { handled, position: cursor.position }
    }
  })

/**
 * Rebuilds a projection kept in memory: `reset`, the cursor back to 0, then a catch-up.
 *
 * @category combinators
 * @since 0.3.0
 */
export const rebuildInMemory = <E, R>(
  projection: Projection<E, R>,
  cursor: MemoryCursor,
  options: Subscription.SubscriptionOptions = {},
): Effect.Effect<
  Subscription.CatchUpResult,
  E | EventStoreError.ReadError | UnreadableEvent,
  EventStore.EventStore | R
> =>
  Effect.gen(function* () {
    yield* projection.reset
    cursor.position = 0
    return yield* catchUpInMemory(projection, cursor, options)
  })

/**
 * Rebuilds the projection from zero: next generation, `reset`, then a catch-up from position 1.
 *
 * @category combinators
 * @since 0.1.0
 */
export const rebuild = <E, R>(
  projection: Projection<E, R>,
  options: Subscription.SubscriptionOptions = {},
): Effect.Effect<
  Subscription.CatchUpResult,
  E | EventStoreError.ReadError | UnreadableEvent,
  EventStore.EventStore | R
> =>
  Effect.gen(function* () {
    const store = yield* Store.EventStore
    const key = generationKey(projection.name)
    yield* store.saveCheckpoint(key, (yield* store.loadCheckpoint(key)) + 1)
    yield* projection.reset
    return yield* catchUp(projection, options)
  })

/**
 * Keeps the projection up to date forever: catch up, wait `pollInterval` (default 100 ms) when
 * there was nothing new. Interrupt the fiber to stop it.
 *
 * @category combinators
 * @since 0.1.0
 */
export const run = <E, R>(
  projection: Projection<E, R>,
  options: Subscription.SubscriptionOptions = {},
): Effect.Effect<never, E | EventStoreError.ReadError | UnreadableEvent, EventStore.EventStore | R> =>
  Effect.forever(
    Effect.flatMap(catchUp(projection, options), (result) =>
      result.handled === 0 ? Effect.sleep(options.pollInterval ?? Duration.millis(100)) : Effect.void,
    ),
  )
