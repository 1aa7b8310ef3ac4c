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
    const cache = aggregate.cache === undefined || options.snapshot === false ? undefined : cacheOf(store)
    const cached = cache?.get(stream) as Loaded<S> | undefined
    let state = aggregate.decider.initialState
    let from = 0
    // Sealed personal data seen: the stream is not cached.
    let sealed = false
    if (cached !== undefined) {
      state = cached.state
      from = cached.version
    } else if (aggregate.snapshot !== undefined && options.snapshot !== false) {
      const snapshot = yield* store.loadSnapshot(stream)
      if (Option.isSome(snapshot) && snapshot.value.schemaVersion === aggregate.snapshot.schemaVersion) {
        // A sealed snapshot of an erased subject opens as null: it is ignored and the stream replayed.
        const record = { ...snapshot.value, type: "snapshot", data: snapshot.value.state } as never
        const opened = yield* openEvent(record)
        sealed = opened !== record
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
    for (const event of yield* store.readStream(stream, { from: from + 1 })) {
      const opened = yield* openEvent(event)
      if (opened !== event) sealed = true
      tail.push(opened)
    }
    if (cached !== undefined && tail.length === 0) {
      // Seen again: the most recently used goes last (the first is evicted).
      cache!.delete(stream)
      cache!.set(stream, cached)
      return cached
    }
    const events = []
    for (const event of tail) events.push(yield* Effect.fromResult(decodeEvent(aggregate, event)))
    const version = tail.at(-1)?.streamVersion ?? from
    const folded = Decider.fold(aggregate.decider, events, state)
    if (cached === undefined) {
      const loaded = { stream, version, state: folded, tail, snapshotVersion: from }
      if (cache !== undefined && !sealed) remember(cache, stream, loaded, aggregate.cache!.streams)
      return loaded
    }
    // The window in which a repeated command id is recognised stays what a load from the latest
    // snapshot gives: the events after the last multiple of the snapshot interval.
    const every = aggregate.snapshot?.every
    const windowStart = every === undefined ? 0 : Math.floor(version / every) * every
    const window = [...cached.tail, ...tail].filter((event) => event.streamVersion > windowStart)
    const loaded = {
      stream,
      version,
      state: folded,
      tail: window,
      snapshotVersion: Math.max(cached.snapshotVersion, windowStart),
    }
    if (sealed) cache!.delete(stream)
    else remember(cache!, stream, loaded, aggregate.cache!.streams)
    return loaded
  })

/** The states kept per event store (per store instance: two stores never share an entry). */
const caches = new WeakMap<object, Map<string, Loaded<unknown>>>()

const cacheOf = (store: object): Map<string, Loaded<unknown>> => {
  let cache = caches.get(store)
  if (cache === undefined) {
    cache = new Map()
    caches.set(store, cache)
  }
  return cache
}

const remember = (cache: Map<string, Loaded<unknown>>, stream: string, loaded: Loaded<unknown>, streams: number) => {
  cache.delete(stream)
  cache.set(stream, loaded)
  while (cache.size > Math.max(streams, 1)) cache.delete(cache.keys().next().value!)
}
