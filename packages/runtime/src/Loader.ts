/**
 * Loading an aggregate: its latest snapshot (when the aggregate keeps them and the snapshot's
 * schema version is the current one), then the events after it, decoded with the aggregate's
 * event schema and folded.
 *
 * @since 0.1.0
 */
import { Decider } from "@yiciban/core"
import { EventStore, type EventStoreError } from "@yiciban/eventstore"
import { Effect, Option, Result, Schema } from "effect"
import { type Aggregate, type Any, streamOf } from "./Aggregate.ts"
import { UnreadableEvent } from "./RuntimeError.ts"

/**
 * An aggregate as loaded: its stream, version, state, and the events read after the snapshot
 * (the window in which a repeated command id is recognised).
 *
 * @category models
 * @since 0.1.0
 */
export interface Loaded<S> {
  readonly stream: string
  readonly version: number
  readonly state: S
  readonly tail: ReadonlyArray<EventStore.RecordedEvent>
  readonly snapshotVersion: number
}

/**
 * Decodes one stored event with the aggregate's schema; the stored schema version must be the
 * aggregate's current one (older versions are the store's upcasters' business).
 *
 * @category combinators
 * @since 0.1.0
 */
export const decodeEvent = <E extends { readonly _tag: string }>(
  aggregate: Aggregate<any, any, E, any>,
  event: EventStore.RecordedEvent,
): Result.Result<E, UnreadableEvent> => {
  const unreadable = (detail: string) =>
    Result.fail(
      new UnreadableEvent({ stream: event.stream, streamVersion: event.streamVersion, type: event.type, detail }),
    )
  const version = aggregate.eventVersions[event.type]
  if (version === undefined) return unreadable(`${aggregate.name} has no event ${event.type}`)
  if (version !== event.schemaVersion) {
    return unreadable(`stored schema version ${event.schemaVersion}, ${aggregate.name} reads version ${version}`)
  }
  return Result.mapError(
    Schema.decodeUnknownResult(aggregate.eventSchema)(event.data),
    (error) =>
      new UnreadableEvent({
        stream: event.stream,
        streamVersion: event.streamVersion,
        type: event.type,
        detail: error.message,
      }),
  )
}

/**
 * Loads an aggregate's instance `id`.
 *
 * @example
 * ```ts
 * import { Aggregates, Loader } from "@yiciban/runtime"
 *
 * const program = Loader.load(Aggregates.application, "SCJG-2026-000731") // { version, state, … }
 * ```
 *
 * @category combinators
 * @since 0.1.0
 */
export const load = <S>(
  aggregate: Aggregate<S, any, any, any>,
  id: string,
): Effect.Effect<Loaded<S>, EventStoreError.StreamError | UnreadableEvent, EventStore.EventStore> =>
  Effect.gen(function* () {
    const store = yield* EventStore.EventStore
    const stream = streamOf(aggregate as Any, id)
    let state = aggregate.decider.initialState
    let from = 0
    if (aggregate.snapshot !== undefined) {
      const snapshot = yield* store.loadSnapshot(stream)
      if (Option.isSome(snapshot) && snapshot.value.schemaVersion === aggregate.snapshot.schemaVersion) {
        const decoded = Schema.decodeUnknownResult(aggregate.snapshot.schema)(snapshot.value.state)
        if (Result.isSuccess(decoded)) {
          state = decoded.success
          from = snapshot.value.version
        }
      }
    }
    const tail = yield* store.readStream(stream, { from: from + 1 })
    const events = []
    for (const event of tail) events.push(yield* Effect.fromResult(decodeEvent(aggregate, event)))
    return {
      stream,
      version: tail.at(-1)?.streamVersion ?? from,
      state: Decider.fold(aggregate.decider, events, state),
      tail,
      snapshotVersion: from,
    }
  })
