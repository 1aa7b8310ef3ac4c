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
import type { Aggregate, Any } from "./Aggregate.ts"
import { openEvent, streamFor } from "./PersonalData.ts"
import { UnreadableEvent } from "./RuntimeError.ts"

/**
 * An aggregate as loaded: its stream, version, state, and the events read after the snapshot
 * (the window in which a repeated command id is recognised), their personal fields opened.
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
 * Loads an aggregate's instance `id`: its stream (named by pseudonym when the instance is a
 * person), its latest snapshot unless `options.snapshot` is false, and the events after it with
 * their personal fields opened (an erased subject's fields read as erased).
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
  options: { readonly snapshot?: boolean | undefined } = {},
): Effect.Effect<Loaded<S>, EventStoreError.StreamError | UnreadableEvent, EventStore.EventStore> =>
  Effect.gen(function* () {
    const store = yield* EventStore.EventStore
    const stream = yield* streamFor(aggregate as Any, id)
    let state = aggregate.decider.initialState
    let from = 0
    if (aggregate.snapshot !== undefined && options.snapshot !== false) {
      const snapshot = yield* store.loadSnapshot(stream)
      if (Option.isSome(snapshot) && snapshot.value.schemaVersion === aggregate.snapshot.schemaVersion) {
        // A sealed snapshot of an erased subject opens as null: it is ignored and the stream replayed.
        const opened = yield* openEvent({ ...snapshot.value, type: "snapshot", data: snapshot.value.state } as never)
        const decoded = Schema.decodeUnknownResult(aggregate.snapshot.schema)(
          (opened as unknown as { readonly data: unknown }).data,
        )
        if (Result.isSuccess(decoded)) {
          state = decoded.success
          from = snapshot.value.version
        }
      }
    }
    const tail: Array<EventStore.RecordedEvent> = []
    for (const event of yield* store.readStream(stream, { from: from + 1 })) tail.push(yield* openEvent(event))
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
