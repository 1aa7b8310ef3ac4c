/**
 * The in-memory event store: the default for unit tests, property tests and the runtime's own
 * tests. It keeps everything in a {@link MemoryStorage} in the process; it is correct under
 * concurrency (every append checks and writes in one synchronous step, so no other fiber can run
 * in between) and its global positions are contiguous from 1.
 *
 * @since 0.1.0
 */
import * as Clock from "effect/Clock"
import * as Effect from "effect/Effect"
import * as Layer from "effect/Layer"
import * as Option from "effect/Option"
import * as Result from "effect/Result"
import * as AppendPlan from "./AppendPlan.ts"
import * as EventChain from "./EventChain.ts"
import type { RecordedEvent } from "./EventEnvelope.ts"
import { type AppendResult, EventStore, type Snapshot } from "./EventStore.ts"
import {
  type AppendError,
  type DuplicateEventId,
  type StreamError,
  TamperDetected,
  type VersionConflict,
} from "./EventStoreError.ts"
import * as EventValidation from "./EventValidation.ts"
import * as Upcaster from "./Upcaster.ts"

/**
 * Where the in-memory store keeps its data. Two stores made over the same storage see the same
 * events, checkpoints and snapshots, which is how tests simulate a restart or a second app node.
 *
 * @category models
 * @since 0.1.0
 */
export interface MemoryStorage {
  /** Every event as written, in global order; the event at index i has position i + 1. */
  readonly events: Array<RecordedEvent>
  readonly streams: Map<string, Array<RecordedEvent>>
  readonly byId: Map<string, RecordedEvent>
  readonly checkpoints: Map<string, number>
  readonly snapshots: Map<string, Snapshot>
  /** The stored hash of every event, by event id (see `EventChain`). @since 0.2.0 */
  readonly hashes: Map<string, string>
  /** The anchored head of each stream. @since 0.2.0 */
  readonly anchors: Map<string, EventChain.Head>
}

/**
 * Fresh, empty storage.
 *
 * @category constructors
 * @since 0.1.0
 */
export const makeStorage = (): MemoryStorage => ({
  events: [],
  streams: new Map(),
  byId: new Map(),
  checkpoints: new Map(),
  snapshots: new Map(),
  hashes: new Map(),
  anchors: new Map(),
})

/**
 * Options of the in-memory store: the shared {@link EventValidation.StoreOptions} (upcasters,
 * largest event) and, optionally, the storage to use (default: fresh storage per store).
 *
 * @category models
 * @since 0.1.0
 */
export interface MemoryOptions extends EventValidation.StoreOptions {
  readonly storage?: MemoryStorage | undefined
}

const deepFreeze = <A>(value: A): A => {
  if (typeof value === "object" && value !== null && !Object.isFrozen(value)) {
    Object.freeze(value)
    for (const key of Object.keys(value)) deepFreeze((value as Record<string, unknown>)[key])
  }
  return value
}

// Appends in one millisecond (most of a busy run's) share the last instant's text.
let lastMillis = Number.NaN
let lastInstant = ""
const isoInstant = (millis: number): string => {
  if (millis !== lastMillis) {
    lastInstant = new Date(millis).toISOString()
    lastMillis = millis
  }
  return lastInstant
}

/**
 * The links already known to hold: a stored event (a frozen object of some storage), the stored
 * hash of its predecessor (or `EventChain.genesis`) and its own stored hash, for which
 * `EventChain.link(after, linkedOf(event)) === hash` was computed (at its append, or at a read). A
 * link is a function of these three alone and the event cannot change (frozen), so while the
 * storage still holds that object with those two hashes the answer is the same and is not hashed
 * again; a changed hash, a replaced or moved event (another object, or another predecessor's hash)
 * misses and is hashed. Only holding links are kept.
 */
const linksChecked = new WeakMap<RecordedEvent, { readonly after: string; readonly hash: string }>()

const isLinked = (event: RecordedEvent, after: string, hash: string): boolean => {
  const known = linksChecked.get(event)
  if (known !== undefined && known.after === after && known.hash === hash) return true
  const holds = EventChain.link(after, EventChain.linkedOf(event)) === hash
  if (holds) linksChecked.set(event, { after, hash })
  return holds
}

/**
 * Makes an in-memory store.
 *
 * @example
 * ```ts
 * import { Effect } from "effect"
 * import { MemoryEventStore } from "@yiciban/eventstore"
 *
 * const program = Effect.gen(function* () {
 *   const store = yield* MemoryEventStore.makeMemory({ maxEventSize: 64 * 1024 })
 *   return yield* store.readAll({ fromPosition: 0, limit: 100 })
 * })
 * ```
 *
 * @category constructors
 * @since 0.1.0
 */
export const makeMemory = (options: MemoryOptions = {}): Effect.Effect<EventStore["Service"]> =>
  Effect.sync(() => {
    const storage = options.storage ?? makeStorage()
    const upcasters = options.upcasters ?? Upcaster.none
    const maxEventSize = options.maxEventSize ?? EventValidation.defaultMaxEventSize
    const read = (event: RecordedEvent) => Upcaster.upcast(upcasters, event)
    const upcasting = Object.keys(upcasters).length > 0
    const appendOptions = { maxEventSize, frozen: true }
    const checkOnRead = options.checkChainOnRead ?? true
    // The stream's version is its last stored event's (a stream whose tail was deleted reports
    // the shorter length, as a database would).
    const streamVersion = (stream: string) => {
      const events = storage.streams.get(stream)
      return events === undefined || events.length === 0 ? 0 : events[events.length - 1]!.streamVersion
    }
    const hashOf = (event: RecordedEvent) => storage.hashes.get(event.eventId) ?? ""
    /**
     * Checks stored events `events[start …]` of a stream, `events[start - 1]` being the
     * predecessor: what `EventChain.check` and `EventChain.breaksOf` find, with each link looked up
     * in {@link linksChecked} before it is hashed again.
     */
    const checkRun = (stream: string, events: ReadonlyArray<RecordedEvent>, start: number, end: number) => {
      const before = start > 0 ? events[start - 1]! : undefined
      const floor = before === undefined ? (events[start]?.streamVersion ?? 1) : before.streamVersion
      const checked: Array<EventChain.Checked> = []
      let previous = before === undefined ? undefined : { version: before.streamVersion, hash: hashOf(before) }
      for (let i = start; i < end; i++) {
        const event = events[i]!
        const hash = hashOf(event)
        const after =
          previous !== undefined && previous.version === event.streamVersion - 1
            ? previous.hash
            : event.streamVersion === 1
              ? EventChain.genesis
              : undefined
        checked.push({
          version: event.streamVersion,
          previousVersion: previous?.version,
          linked: after !== undefined && isLinked(event, after, hash),
        })
        previous = { version: event.streamVersion, hash }
      }
      return EventChain.breaksOf(stream, checked, start === 0 ? 1 : floor)
    }

    /**
     * True when stored events `events[start …]` of a stream, `events[start - 1]` being the
     * predecessor, follow each other from it (from version 1 when `start` is 0) and every link
     * holds: the common case, with nothing allocated. Otherwise {@link checkRun} finds the breaks.
     */
    const isIntact = (events: ReadonlyArray<RecordedEvent>, start: number, end: number): boolean => {
      let version = 0
      let after = EventChain.genesis
      if (start > 0) {
        const before = events[start - 1]!
        version = before.streamVersion
        after = hashOf(before)
      }
      for (let i = start; i < end; i++) {
        const event = events[i]!
        if (event.streamVersion !== version + 1) return false
        const hash = hashOf(event)
        if (!isLinked(event, after, hash)) return false
        version = event.streamVersion
        after = hash
      }
      return true
    }

    // Reads the facts, decides and writes in one synchronous step: atomic with respect to every
    // other fiber.
    const commit = (
      request: EventValidation.CheckedAppend,
      recordedAt: string,
    ): Result.Result<AppendResult, VersionConflict | DuplicateEventId> => {
      const existing: Array<AppendPlan.StoredEventRef> = []
      for (const event of request.events) {
        const stored = storage.byId.get(event.eventId)
        if (stored !== undefined) existing.push(stored)
      }
      const planned = AppendPlan.plan(request, { version: streamVersion(request.stream), existing })
      if (Result.isFailure(planned)) return Result.fail(planned.failure)
      const plan = planned.success
      if (plan._tag === "Done") return Result.succeed(plan.result)
      const streamEvents = storage.streams.get(request.stream) ?? []
      const count = request.events.length
      const globalPositions = new Array<number>(count)
      const head = streamEvents[streamEvents.length - 1]
      let previous = head === undefined ? EventChain.genesis : hashOf(head)
      for (let index = 0; index < count; index++) {
        const event = request.events[index]!
        // The store's own copy: the data and metadata the check made as deeply frozen copies
        // (`frozen`; a fresh value the caller cannot reach, as a database's row is) and serialized
        // (the JSON it hashes is theirs). Every read hands out these same objects.
        const serialized = request.serialized[index]!
        const recorded: RecordedEvent = Object.freeze({
          eventId: event.eventId,
          type: event.type,
          schemaVersion: event.schemaVersion,
          data: event.data,
          metadata: event.metadata,
          stream: request.stream,
          streamVersion: plan.firstVersion + index,
          globalPosition: storage.events.length + 1,
          recordedAt,
        })
        const after = previous
        previous = EventChain.link(after, {
          stream: request.stream,
          streamVersion: recorded.streamVersion,
          eventId: recorded.eventId,
          type: recorded.type,
          schemaVersion: recorded.schemaVersion,
          data: serialized.data,
          metadata: serialized.metadata,
          recordedAt,
        })
        linksChecked.set(recorded, { after, hash: previous })
        storage.hashes.set(recorded.eventId, previous)
        storage.events.push(recorded)
        streamEvents.push(recorded)
        storage.byId.set(recorded.eventId, recorded)
        globalPositions[index] = recorded.globalPosition
      }
      storage.streams.set(request.stream, streamEvents)
      return Result.succeed({ streamVersion: plan.firstVersion + count - 1, globalPositions })
    }

    return EventStore.of({
      // One step each (checks, clock, commit in one synchronous block): no generator, no
      // intermediate effects.
      append: (stream, events, expected) =>
        Effect.clockWith((clock): Effect.Effect<AppendResult, AppendError> => {
          const checked = EventValidation.checkAppend(stream, events, expected, appendOptions)
          if (Result.isFailure(checked)) return Effect.fail(checked.failure)
          const done = commit(checked.success, isoInstant(clock.currentTimeMillisUnsafe()))
          return Result.isSuccess(done) ? Effect.succeed(done.success) : Effect.fail(done.failure)
        }),
      readStream: (stream, options) =>
        Effect.suspend((): Effect.Effect<Array<RecordedEvent>, StreamError> => {
          const checked = EventValidation.checkReadStream(stream, options)
          if (Result.isFailure(checked)) return Effect.fail(checked.failure)
          const request = checked.success
          const events = storage.streams.get(request.stream) ?? []
          // Events by version, not by index: a deleted event must not shift the ones after it.
          let start = 0
          while (start < events.length && events[start]!.streamVersion < request.from) start++
          const end = request.limit === undefined ? events.length : Math.min(events.length, start + request.limit)
          if (checkOnRead && !isIntact(events, start, end)) {
            const breaks = checkRun(request.stream, events, start, end)
            if (breaks.length > 0) {
              const found = breaks[0]!
              return Effect.fail(new TamperDetected({ stream: request.stream, version: found.version, found }))
            }
          }
          const slice = events.slice(start, end)
          return Effect.succeed(upcasting ? slice.map(read) : slice)
        }),
      readAll: (options) =>
        Effect.map(EventValidation.readAllRequest(options), (request) =>
          storage.events.slice(request.fromPosition - 1, request.fromPosition - 1 + request.limit).map(read),
        ),
      loadCheckpoint: (name) =>
        Effect.map(
          EventValidation.checkpointName("loadCheckpoint", name),
          (name) => storage.checkpoints.get(name) ?? 0,
        ),
      saveCheckpoint: (name, position) =>
        Effect.gen(function* () {
          const checked = yield* EventValidation.checkpointName("saveCheckpoint", name)
          const at = yield* EventValidation.checkpointPosition(position)
          const stored = Math.max(storage.checkpoints.get(checked) ?? 0, at)
          storage.checkpoints.set(checked, stored)
          return stored
        }),
      saveSnapshot: (stream, snapshot) =>
        Effect.gen(function* () {
          const request = yield* EventValidation.snapshotRequest(stream, snapshot)
          const now = yield* Clock.currentTimeMillis
          const current = streamVersion(request.stream)
          if (request.snapshot.version > current) {
            return yield* EventValidation.snapshotBeyondStream(request.stream, request.snapshot.version, current)
          }
          const stored = storage.snapshots.get(request.stream)
          if (stored === undefined || stored.version <= request.snapshot.version) {
            storage.snapshots.set(
              request.stream,
              deepFreeze(structuredClone({ stream: request.stream, ...request.snapshot, savedAt: isoInstant(now) })),
            )
          }
        }),
      loadSnapshot: (stream) =>
        Effect.map(EventValidation.streamName(stream), (name) => Option.fromNullishOr(storage.snapshots.get(name))),
      anchor: Effect.sync(() => {
        let anchored = 0
        const refused: Array<EventChain.ChainBreak> = []
        for (const [stream, events] of storage.streams) {
          const head = events[events.length - 1]
          if (head === undefined) continue
          const anchor = storage.anchors.get(stream)
          if (anchor !== undefined) {
            const breaks = anchorBreaksOf(stream, anchor, events)
            if (breaks.length > 0) {
              refused.push(...breaks)
              continue
            }
            if (anchor.version === head.streamVersion) continue
          }
          storage.anchors.set(stream, { stream, version: head.streamVersion, hash: hashOf(head) })
          anchored++
        }
        return { anchored, refused }
      }),
      verify: Effect.sync(() => {
        const breaks: Array<EventChain.ChainBreak> = []
        let count = 0
        for (const [stream, events] of storage.streams) {
          count += events.length
          breaks.push(...checkRun(stream, events, 0, events.length))
        }
        for (const [stream, anchor] of storage.anchors) {
          breaks.push(...anchorBreaksOf(stream, anchor, storage.streams.get(stream) ?? []))
        }
        return { streams: storage.streams.size, events: count, anchors: storage.anchors.size, breaks }
      }),
    })
    function anchorBreaksOf(stream: string, anchor: EventChain.Head, events: ReadonlyArray<RecordedEvent>) {
      const at = events.find((event) => event.streamVersion === anchor.version)
      return EventChain.anchorBreaks([
        {
          ...anchor,
          stream,
          current: events.length === 0 ? 0 : events[events.length - 1]!.streamVersion,
          stored: at === undefined ? undefined : hashOf(at),
        },
      ])
    }
  })

/**
 * A layer with an in-memory {@link EventStore}.
 *
 * @example
 * ```ts
 * import { Effect } from "effect"
 * import { EventStore, MemoryEventStore } from "@yiciban/eventstore"
 *
 * const program = Effect.gen(function* () {
 *   const store = yield* EventStore.EventStore
 *   return yield* store.readStream("application-0001")
 * }).pipe(Effect.provide(MemoryEventStore.layerMemory()))
 * ```
 *
 * @category layers
 * @since 0.1.0
 */
export const layerMemory = (options: MemoryOptions = {}): Layer.Layer<EventStore> =>
  Layer.effect(EventStore, makeMemory(options))
