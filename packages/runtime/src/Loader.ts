/**
 * Loading an aggregate: its latest snapshot (when the aggregate keeps them and the snapshot's
 * schema version is the current one), then the events after it, decoded with the aggregate's
 * event schema and folded. {@link loadCurrent} keeps the fold of streams that are read far more
 * often than written (a matter's catalogue stream, read by every command on its cases) and reads
 * only the events appended since.
 *
 * @since 0.1.0
 */
import { Decider } from "@yiciban/core"
import { EventStore, type EventStoreError } from "@yiciban/eventstore"
import * as Effect from "effect/Effect"
import * as Option from "effect/Option"
import * as Result from "effect/Result"
import type { Aggregate, Any } from "./Aggregate.ts"
import { decoderOf } from "./internal/codecs.ts"
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
 * The events decoded from stored events that cannot change: the in-memory store hands out the
 * same deeply frozen object for an event on every read, so its decoding with a schema is the same
 * every time and is kept (frozen too, as it is shared). A store that reads rows afresh (PostgreSQL),
 * an upcast or an opened event (new objects, not frozen) are decoded every time.
 */
const decodedEvents = new WeakMap<EventStore.RecordedEvent, { readonly schema: unknown; readonly event: unknown }>()

const deepFreeze = <A>(value: A): A => {
  if (typeof value === "object" && value !== null && !Object.isFrozen(value)) {
    Object.freeze(value)
    for (const key of Object.keys(value)) deepFreeze((value as Record<string, unknown>)[key])
  }
  return value
}

/** True for a stored event whose data and metadata are frozen all the way down (the memory store's). */
const isImmutable = (u: unknown): boolean => {
  if (typeof u !== "object" || u === null) return true
  if (!Object.isFrozen(u)) return false
  for (const key of Object.keys(u)) if (!isImmutable((u as Record<string, unknown>)[key])) return false
  return true
}

/**
 * Decodes one stored event with the aggregate's schema; the stored schema version must be the
 * aggregate's current one (older versions are the store's upcasters' business). An event the
 * store hands out frozen (the in-memory store's) is decoded once per schema: the decoded event is
 * kept, frozen, and handed out again.
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
  const known = decodedEvents.get(event)
  if (known !== undefined && known.schema === aggregate.eventSchema) return Result.succeed(known.event as E)
  const decoded = Result.mapError(
    decoderOf(aggregate.eventSchema)(event.data),
    (error) =>
      new UnreadableEvent({
        stream: event.stream,
        streamVersion: event.streamVersion,
        type: event.type,
        detail: error.message,
      }),
  )
  if (Result.isSuccess(decoded) && Object.isFrozen(event) && isImmutable(event.data)) {
    decodedEvents.set(event, { schema: aggregate.eventSchema, event: deepFreeze(decoded.success) })
  }
  return decoded
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
        const decoded = decoderOf(aggregate.snapshot.schema)((opened as unknown as { readonly data: unknown }).data)
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

/**
 * An instance's state as {@link loadCurrent} gives it: its stream, version and state.
 *
 * @category models
 * @since 0.3.0
 */
export interface Current<S> {
  readonly stream: string
  readonly version: number
  readonly state: S
}

/** How many streams' folds one store's cache keeps per aggregate (the least recently read go first). */
const cachedStreams = 1024

/**
 * The folds kept by {@link loadCurrent}: per event store (a store is one database or one memory
 * storage; another store never sees these) and per aggregate (another decider folds otherwise).
 */
const folds = new WeakMap<object, WeakMap<object, Map<string, Current<unknown>>>>()

const foldsOf = (store: object, aggregate: object): Map<string, Current<unknown>> => {
  let byAggregate = folds.get(store)
  if (byAggregate === undefined) {
    byAggregate = new WeakMap()
    folds.set(store, byAggregate)
  }
  let byStream = byAggregate.get(aggregate)
  if (byStream === undefined) {
    byStream = new Map()
    byAggregate.set(aggregate, byStream)
  }
  return byStream
}

/**
 * Loads an instance's current state for reading, through a cache of folds: the first read folds
 * the stream (as {@link load}) and keeps the state with its version; every later read asks the
 * store for the events after that version and folds only those onto it. A stream appended to a
 * moment ago — by this process or another node — is read up to its new head, so a suspension or
 * a delegation counts from the next read; an unchanged stream costs one read that returns nothing,
 * instead of reading, checking, decoding and folding all of it. What is kept is what a snapshot
 * holds (a fold at a version), and it is used the same way: the events before it are not read
 * again.
 *
 * Only for aggregates without personal data: a person's events read otherwise once the person is
 * erased, so they are loaded afresh every time (as {@link load}). Keyed by the event store in
 * context, the aggregate and the stream; at most 1,024 streams per store and aggregate.
 *
 * @example
 * ```ts
 * import { Aggregates, Loader } from "@yiciban/runtime"
 *
 * const program = Loader.loadCurrent(Aggregates.matter, "11430100MB1A38544B-000101001000-01")
 * ```
 *
 * @category combinators
 * @since 0.3.0
 */
export const loadCurrent = <S>(
  aggregate: Aggregate<S, any, any, any>,
  id: string,
): Effect.Effect<Current<S>, EventStoreError.StreamError | UnreadableEvent, EventStore.EventStore> =>
  Effect.gen(function* () {
    if (aggregate.personal !== undefined) {
      const loaded = yield* load(aggregate, id)
      return { stream: loaded.stream, version: loaded.version, state: loaded.state }
    }
    const store = yield* EventStore.EventStore
    const cache = foldsOf(store, aggregate)
    const stream = yield* streamFor(aggregate as Any, id)
    const kept = cache.get(stream) as Current<S> | undefined
    let current: Current<S>
    if (kept === undefined) {
      const loaded = yield* load(aggregate, id)
      current = { stream, version: loaded.version, state: loaded.state }
    } else {
      const after = yield* store.readStream(stream, { from: kept.version + 1 })
      if (after.length === 0) return kept
      const events = []
      for (const event of after) events.push(yield* Effect.fromResult(decodeEvent(aggregate, event)))
      current = {
        stream,
        version: after.at(-1)!.streamVersion,
        state: Decider.fold(aggregate.decider, events, kept.state),
      }
    }
    // Another fiber may have kept a later fold meanwhile: keep the latest.
    const latest = cache.get(stream)
    if (latest === undefined || latest.version <= current.version) {
      cache.delete(stream)
      cache.set(stream, current)
      if (cache.size > cachedStreams) cache.delete(cache.keys().next().value!)
    }
    return current
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
