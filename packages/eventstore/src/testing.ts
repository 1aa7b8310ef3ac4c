/**
 * The conformance suite every event store adapter runs (`@yiciban/eventstore/testing`). It
 * registers vitest `describe` / `it` blocks, so an adapter's test file is a few lines:
 *
 * ```ts
 * import { eventStoreConformance } from "@yiciban/eventstore/testing"
 * import { layerPostgres } from "../src/PostgresEventStore.ts"
 *
 * eventStoreConformance("postgres", { layer: (config) => layerPostgres({ ...connection, ...config }) })
 * ```
 *
 * Every test writes only to streams with a fresh random id and reads the global order only
 * through its own streams, so the suite can run against a shared database, beside other tests.
 *
 * @since 0.1.0
 */

import type { Layer } from "effect"
import * as Deferred from "effect/Deferred"
import * as Effect from "effect/Effect"
import * as Exit from "effect/Exit"
import * as Fiber from "effect/Fiber"
import * as ManagedRuntime from "effect/ManagedRuntime"
import * as Option from "effect/Option"
import * as Result from "effect/Result"
import * as Schema from "effect/Schema"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import * as EventEnvelope from "./EventEnvelope.ts"
import * as EventOrder from "./EventOrder.ts"
import { EventStore } from "./EventStore.ts"
import type { AppendError } from "./EventStoreError.ts"
import * as ExpectedVersion from "./ExpectedVersion.ts"
import * as Subscription from "./Subscription.ts"
import type { Upcasters } from "./Upcaster.ts"

/**
 * The upcasters the suite's stores must be built with: `ConformanceRenamed` v1 `{ name }` → v2
 * `{ fullName }` → v3 `{ fullName, channel: "hall" }`.
 *
 * @category constructors
 * @since 0.1.0
 */
export const conformanceUpcasters: Upcasters = {
  ConformanceRenamed: {
    1: (data) => ({ fullName: (data as { readonly name: string }).name }),
    2: (data) => ({ ...(data as Schema.JsonObject), channel: "hall" }),
  },
}

/**
 * The largest event the suite's stores must accept: 16 KiB.
 *
 * @category constructors
 * @since 0.1.0
 */
export const conformanceMaxEventSize = 16 * 1024

/**
 * The store options the suite passes to the adapter's layer.
 *
 * @category models
 * @since 0.1.0
 */
export interface ConformanceConfig {
  readonly upcasters: Upcasters
  readonly maxEventSize: number
}

/**
 * How an adapter joins the suite.
 *
 * - `layer`: a function `(config) => Layer` that builds a store with the given upcasters and size
 *   limit, or a ready layer built with {@link conformanceUpcasters} and
 *   {@link conformanceMaxEventSize}. The suite builds it more than once: once at the start, and
 *   again after closing the first store to simulate a restart in the subscription tests (the two
 *   stores are never open at the same time, so an embedded database on a folder works). Every
 *   store it builds must see the same storage (the same database or folder; for the in-memory
 *   store, the same `MemoryStorage`).
 * - `hooks`: run before and after the suite (start and stop a server, create a database).
 * - `concurrency`: writers and attempts of the concurrent-writers test (default 8 × 20).
 *
 * @category models
 * @since 0.1.0
 */
export interface ConformanceOptions<E> {
  readonly layer: Layer.Layer<EventStore, E> | ((config: ConformanceConfig) => Layer.Layer<EventStore, E>)
  readonly hooks?:
    | {
        readonly beforeAll?: (() => Promise<void> | void) | undefined
        readonly afterAll?: (() => Promise<void> | void) | undefined
      }
    | undefined
  readonly concurrency?: { readonly writers?: number | undefined; readonly attempts?: number | undefined } | undefined
}

const metadata: EventEnvelope.EventMetadata = {
  commandId: "conformance-command",
  correlationId: "conformance-correlation",
  causationId: "conformance-causation",
  actor: { id: "conformance", roles: ["system"] },
  occurredAt: "2026-09-24T01:30:00.000Z",
}

/**
 * A valid new event with a fresh UUIDv7 id.
 *
 * @category constructors
 * @since 0.1.0
 */
export const newEvent = (
  type = "ConformanceHappened",
  data: Schema.Json = {},
  schemaVersion = 1,
): Effect.Effect<EventEnvelope.NewEvent> =>
  Effect.map(EventEnvelope.makeEventId, (eventId) => ({ eventId, type, schemaVersion, data, metadata }))

/**
 * `n` valid new events, data `{ n: 0 }`, `{ n: 1 }`, ….
 *
 * @category constructors
 * @since 0.1.0
 */
export const newEvents = (n: number, type = "ConformanceHappened"): Effect.Effect<Array<EventEnvelope.NewEvent>> =>
  Effect.forEach(
    Array.from({ length: n }, (_, i) => i),
    (i) => newEvent(type, { n: i }),
  )

/**
 * A fresh stream name in the `conformance` category (or another), unique per call.
 *
 * @category constructors
 * @since 0.1.0
 */
export const freshStream = (category = "conformance"): string => `${category}-${globalThis.crypto.randomUUID()}`

const decodeInstant = Schema.decodeUnknownResult(EventEnvelope.Instant)
const isInstant = (input: string): boolean => Result.isSuccess(decodeInstant(input))

const tagOf = <A, E extends { readonly _tag: string }, R>(effect: Effect.Effect<A, E, R>) =>
  Effect.map(Effect.result(effect), (result) => (Result.isFailure(result) ? result.failure._tag : "Success"))

const failure = <A, E, R>(effect: Effect.Effect<A, E, R>): Effect.Effect<E, never, R> =>
  Effect.flatMap(Effect.result(effect), (result) =>
    Result.isFailure(result)
      ? Effect.succeed(result.failure)
      : Effect.die(new Error(`expected a failure, got ${JSON.stringify(result.success)}`)),
  )

/** Reads every event of the given streams from the global order, starting at `from`, by pages. */
const readOwn = (streams: ReadonlyArray<string>, from: number, limit = 50) =>
  Effect.gen(function* () {
    const store = yield* EventStore
    const own = new Set(streams)
    const found: Array<EventEnvelope.RecordedEvent> = []
    let position = from
    while (true) {
      const page = yield* store.readAll({ fromPosition: position, limit })
      expect(page.length).toBeLessThanOrEqual(limit)
      for (const event of page) if (own.has(event.stream)) found.push(event)
      if (page.length < limit) return found
      position = page[page.length - 1]!.globalPosition + 1
    }
  })

/** A position at or before every event appended after this call. */
const currentHead = Effect.gen(function* () {
  const store = yield* EventStore
  const result = yield* store.append(freshStream("conformanceMarker"), [yield* newEvent()], ExpectedVersion.noStream)
  return result.globalPositions[0]!
})

/**
 * Registers the conformance suite for an adapter.
 *
 * @example
 * ```ts
 * import { MemoryEventStore } from "@yiciban/eventstore"
 * import { eventStoreConformance } from "@yiciban/eventstore/testing"
 *
 * const storage = MemoryEventStore.makeStorage()
 * eventStoreConformance("memory", { layer: (config) => MemoryEventStore.layerMemory({ ...config, storage }) })
 * ```
 *
 * @category constructors
 * @since 0.1.0
 */
export const eventStoreConformance = <E>(name: string, options: ConformanceOptions<E>): void => {
  const config: ConformanceConfig = { upcasters: conformanceUpcasters, maxEventSize: conformanceMaxEventSize }
  const build = (): Layer.Layer<EventStore, E> =>
    typeof options.layer === "function" ? options.layer(config) : options.layer
  let runtime: ManagedRuntime.ManagedRuntime<EventStore, E> | undefined
  const run = <A, Err>(effect: Effect.Effect<A, Err, EventStore>): Promise<A> => {
    if (runtime === undefined) throw new Error("the conformance runtime is not started")
    return runtime.runPromise(effect)
  }
  const writers = options.concurrency?.writers ?? 8
  const attempts = options.concurrency?.attempts ?? 20

  describe(`EventStore conformance: ${name}`, () => {
    beforeAll(async () => {
      await options.hooks?.beforeAll?.()
      runtime = ManagedRuntime.make(build())
      await runtime.runPromise(Effect.void)
    })
    afterAll(async () => {
      await runtime?.dispose()
      await options.hooks?.afterAll?.()
    })

    describe("expected versions", () => {
      it("noStream creates a stream and then conflicts with the actual version", () =>
        run(
          Effect.gen(function* () {
            const store = yield* EventStore
            const stream = freshStream()
            const created = yield* store.append(stream, yield* newEvents(2), ExpectedVersion.noStream)
            expect(created.streamVersion).toBe(2)
            expect(created.globalPositions).toHaveLength(2)
            expect(created.globalPositions[0]!).toBeLessThan(created.globalPositions[1]!)
            const conflict = yield* failure(store.append(stream, yield* newEvents(1), ExpectedVersion.noStream))
            expect(conflict).toMatchObject({
              _tag: "VersionConflict",
              stream,
              expected: ExpectedVersion.noStream,
              actual: 2,
            })
            expect(yield* store.readStream(stream)).toHaveLength(2)
          }),
        ))

      it("streamExists conflicts with actual 0 on a new stream and appends to an existing one", () =>
        run(
          Effect.gen(function* () {
            const store = yield* EventStore
            const stream = freshStream()
            const conflict = yield* failure(store.append(stream, yield* newEvents(1), ExpectedVersion.streamExists))
            expect(conflict).toMatchObject({
              _tag: "VersionConflict",
              expected: ExpectedVersion.streamExists,
              actual: 0,
            })
            expect(yield* store.readStream(stream)).toEqual([])
            yield* store.append(stream, yield* newEvents(1), ExpectedVersion.noStream)
            const appended = yield* store.append(stream, yield* newEvents(2), ExpectedVersion.streamExists)
            expect(appended.streamVersion).toBe(3)
          }),
        ))

      it("exact(n) appends only at version n and reports the actual version otherwise", () =>
        run(
          Effect.gen(function* () {
            const store = yield* EventStore
            const stream = freshStream()
            const first = yield* store.append(stream, yield* newEvents(3), ExpectedVersion.exact(0))
            expect(first.streamVersion).toBe(3)
            for (const wrong of [0, 2, 4, 100]) {
              const conflict = yield* failure(store.append(stream, yield* newEvents(1), ExpectedVersion.exact(wrong)))
              expect(conflict).toMatchObject({
                _tag: "VersionConflict",
                stream,
                expected: ExpectedVersion.exact(wrong),
                actual: 3,
              })
            }
            const next = yield* store.append(stream, yield* newEvents(2), ExpectedVersion.exact(3))
            expect(next.streamVersion).toBe(5)
            const events = yield* store.readStream(stream)
            expect(events.map((event) => event.streamVersion)).toEqual([1, 2, 3, 4, 5])
          }),
        ))

      it("any appends to new and existing streams", () =>
        run(
          Effect.gen(function* () {
            const store = yield* EventStore
            const stream = freshStream()
            expect((yield* store.append(stream, yield* newEvents(1), ExpectedVersion.any)).streamVersion).toBe(1)
            expect((yield* store.append(stream, yield* newEvents(2), ExpectedVersion.any)).streamVersion).toBe(3)
          }),
        ))

      it("an empty batch writes nothing and only checks the expectation", () =>
        run(
          Effect.gen(function* () {
            const store = yield* EventStore
            const stream = freshStream()
            expect(yield* store.append(stream, [], ExpectedVersion.noStream)).toEqual({
              streamVersion: 0,
              globalPositions: [],
            })
            expect(yield* store.readStream(stream)).toEqual([])
            const conflict = yield* failure(store.append(stream, [], ExpectedVersion.streamExists))
            expect(conflict).toMatchObject({ _tag: "VersionConflict", actual: 0 })
            yield* store.append(stream, yield* newEvents(2), ExpectedVersion.noStream)
            expect(yield* store.append(stream, [], ExpectedVersion.exact(2))).toEqual({
              streamVersion: 2,
              globalPositions: [],
            })
            expect(yield* failure(store.append(stream, [], ExpectedVersion.exact(1)))).toMatchObject({
              _tag: "VersionConflict",
              actual: 2,
            })
          }),
        ))
    })

    describe("idempotency", () => {
      it("re-appending stored event ids returns the earlier result and writes nothing", () =>
        run(
          Effect.gen(function* () {
            const store = yield* EventStore
            const stream = freshStream()
            const batch = yield* newEvents(3)
            const first = yield* store.append(stream, batch, ExpectedVersion.noStream)
            // the expectation no longer holds, but the batch is already stored: same answer
            expect(yield* store.append(stream, batch, ExpectedVersion.noStream)).toEqual(first)
            expect(yield* store.append(stream, batch, ExpectedVersion.any)).toEqual(first)
            // a stored sub-batch answers with its own versions and positions
            expect(yield* store.append(stream, batch.slice(0, 2), ExpectedVersion.exact(0))).toEqual({
              streamVersion: 2,
              globalPositions: first.globalPositions.slice(0, 2),
            })
            const events = yield* store.readStream(stream)
            expect(events.map((event) => event.eventId)).toEqual(batch.map((event) => event.eventId))
          }),
        ))

      it("a partial overlap with stored ids is a DuplicateEventId and writes nothing", () =>
        run(
          Effect.gen(function* () {
            const store = yield* EventStore
            const stream = freshStream()
            const batch = yield* newEvents(2)
            yield* store.append(stream, batch, ExpectedVersion.noStream)
            const fresh = yield* newEvent()
            const error = yield* failure(store.append(stream, [batch[1]!, fresh], ExpectedVersion.any))
            expect(error).toMatchObject({
              _tag: "DuplicateEventId",
              stream,
              reason: "PartialOverlap",
              eventIds: [batch[1]!.eventId],
            })
            expect(yield* store.readStream(stream)).toHaveLength(2)
            // the fresh event was not stored: it can still be appended
            expect((yield* store.append(stream, [fresh], ExpectedVersion.exact(2))).streamVersion).toBe(3)
          }),
        ))

      it("an id stored in another stream is a DuplicateEventId", () =>
        run(
          Effect.gen(function* () {
            const store = yield* EventStore
            const [one, other] = [freshStream(), freshStream()]
            const batch = yield* newEvents(1)
            yield* store.append(one, batch, ExpectedVersion.noStream)
            const error = yield* failure(store.append(other, batch, ExpectedVersion.noStream))
            expect(error).toMatchObject({
              _tag: "DuplicateEventId",
              stream: other,
              reason: "StoredInAnotherStream",
              eventIds: [batch[0]!.eventId],
            })
            expect(yield* store.readStream(other)).toEqual([])
          }),
        ))

      it("an id repeated in one batch is a DuplicateEventId and writes nothing", () =>
        run(
          Effect.gen(function* () {
            const store = yield* EventStore
            const stream = freshStream()
            const event = yield* newEvent()
            const error = yield* failure(store.append(stream, [event, event], ExpectedVersion.any))
            expect(error).toMatchObject({
              _tag: "DuplicateEventId",
              reason: "RepeatedInBatch",
              eventIds: [event.eventId],
            })
            expect(yield* store.readStream(stream)).toEqual([])
          }),
        ))

      it("concurrent appends of the same batch store it once and all get the same answer", () =>
        run(
          Effect.gen(function* () {
            const store = yield* EventStore
            const stream = freshStream()
            const batch = yield* newEvents(3)
            const results = yield* Effect.forEach(
              Array.from({ length: 6 }, (_, i) => i),
              (i) =>
                Effect.andThen(
                  Effect.yieldNow,
                  store.append(stream, batch, i % 2 === 0 ? ExpectedVersion.noStream : ExpectedVersion.any),
                ),
              { concurrency: "unbounded" },
            )
            for (const result of results) expect(result).toEqual(results[0])
            expect(results[0]!.streamVersion).toBe(3)
            const events = yield* store.readStream(stream)
            expect(events.map((event) => event.eventId)).toEqual(batch.map((event) => event.eventId))
          }),
        ))
    })

    describe("reading", () => {
      it("readStream returns the envelope as written, in version order, from a version, with a limit", () =>
        run(
          Effect.gen(function* () {
            const store = yield* EventStore
            const stream = freshStream()
            const batch = yield* newEvents(5)
            const result = yield* store.append(stream, batch, ExpectedVersion.noStream)
            const events = yield* store.readStream(stream)
            expect(events).toHaveLength(5)
            events.forEach((event, i) => {
              const written = batch[i]!
              expect(event).toMatchObject({
                eventId: written.eventId,
                type: written.type,
                schemaVersion: written.schemaVersion,
                data: written.data,
                metadata: written.metadata,
                stream,
                streamVersion: i + 1,
                globalPosition: result.globalPositions[i]!,
              })
              expect(isInstant(event.recordedAt)).toBe(true)
            })
            expect((yield* store.readStream(stream, { from: 3 })).map((event) => event.streamVersion)).toEqual([
              3, 4, 5,
            ])
            expect(
              (yield* store.readStream(stream, { from: 2, limit: 2 })).map((event) => event.streamVersion),
            ).toEqual([2, 3])
            expect(yield* store.readStream(stream, { from: 6 })).toEqual([])
            expect(yield* store.readStream(freshStream())).toEqual([])
          }),
        ))

      it("readAll returns the global order in pages: every event once, stream order kept", () =>
        run(
          Effect.gen(function* () {
            const store = yield* EventStore
            const from = yield* currentHead
            const streams = [freshStream(), freshStream(), freshStream()]
            const appended: Array<string> = []
            for (let round = 0; round < 4; round++) {
              for (const stream of streams) {
                const batch = yield* newEvents(1 + ((round + streams.indexOf(stream)) % 3))
                yield* store.append(stream, batch, ExpectedVersion.any)
                appended.push(...batch.map((event) => event.eventId))
              }
            }
            for (const limit of [1, 2, 7, 1000]) {
              const own = yield* readOwn(streams, from, limit)
              expect(own.map((event) => event.eventId)).toEqual(appended)
              expect(EventOrder.isConsistent(own)).toBe(true)
            }
            const last = (yield* readOwn(streams, from)).at(-1)!
            const after = yield* store.readAll({ fromPosition: last.globalPosition + 1, limit: 100 })
            expect(after.filter((event) => streams.includes(event.stream))).toEqual([])
            const exactly = yield* store.readAll({ fromPosition: last.globalPosition, limit: 1 })
            expect(exactly.map((event) => event.eventId)).toEqual([last.eventId])
          }),
        ))
    })

    describe("upcasting", () => {
      it("reads v1 and v2 events as v3 through the chain, in readStream and readAll", () =>
        run(
          Effect.gen(function* () {
            const store = yield* EventStore
            const from = yield* currentHead
            const stream = freshStream()
            const batch = [
              yield* newEvent("ConformanceRenamed", { name: "Li Lei" }, 1),
              yield* newEvent("ConformanceRenamed", { fullName: "Han Meimei" }, 2),
              yield* newEvent("ConformanceRenamed", { fullName: "Wang Fang", channel: "online" }, 3),
              yield* newEvent("ConformanceHappened", { name: "untouched" }, 1),
              yield* newEvent("constructor", { name: "not an upcaster" }, 1),
            ]
            yield* store.append(stream, batch, ExpectedVersion.noStream)
            const expected = [
              { type: "ConformanceRenamed", schemaVersion: 3, data: { fullName: "Li Lei", channel: "hall" } },
              { type: "ConformanceRenamed", schemaVersion: 3, data: { fullName: "Han Meimei", channel: "hall" } },
              { type: "ConformanceRenamed", schemaVersion: 3, data: { fullName: "Wang Fang", channel: "online" } },
              { type: "ConformanceHappened", schemaVersion: 1, data: { name: "untouched" } },
              { type: "constructor", schemaVersion: 1, data: { name: "not an upcaster" } },
            ]
            const pick = (event: EventEnvelope.RecordedEvent) => ({
              type: event.type,
              schemaVersion: event.schemaVersion,
              data: event.data,
            })
            expect((yield* store.readStream(stream)).map(pick)).toEqual(expected)
            expect((yield* readOwn([stream], from)).map(pick)).toEqual(expected)
            // stored data is not rewritten: reading twice upcasts from the stored version again
            expect((yield* store.readStream(stream, { limit: 1 })).map(pick)).toEqual(expected.slice(0, 1))
          }),
        ))
    })

    describe("tamper evidence", () => {
      it("appends of every shape verify intact; anchor records each head, and again only when it moved", () =>
        run(
          Effect.gen(function* () {
            const store = yield* EventStore
            const streams = [freshStream("chained"), freshStream("chained"), freshStream("chained")]
            yield* store.append(streams[0]!, yield* newEvents(3), ExpectedVersion.noStream)
            yield* store.append(streams[0]!, yield* newEvents(1), ExpectedVersion.exact(3))
            yield* store.append(streams[1]!, yield* newEvents(1), ExpectedVersion.any)
            const batch = yield* newEvents(2)
            yield* store.append(streams[2]!, batch, ExpectedVersion.noStream)
            yield* store.append(streams[2]!, batch, ExpectedVersion.noStream)
            const mine = (report: { readonly breaks: ReadonlyArray<{ readonly stream: string }> }) =>
              report.breaks.filter((b) => streams.includes(b.stream))
            const before = yield* store.verify
            expect(mine(before)).toEqual([])
            expect(before.events).toBeGreaterThanOrEqual(7)
            const anchored = yield* store.anchor
            expect(anchored.anchored).toBeGreaterThanOrEqual(3)
            expect(anchored.refused.filter((b) => streams.includes(b.stream))).toEqual([])
            yield* store.append(streams[1]!, yield* newEvents(2), ExpectedVersion.exact(1))
            const after = yield* store.verify
            expect(mine(after)).toEqual([])
            expect(after.anchors).toBeGreaterThanOrEqual(3)
            expect((yield* store.readStream(streams[0]!, { from: 3 })).map((e) => e.streamVersion)).toEqual([3, 4])
            expect((yield* store.readStream(streams[1]!, { from: 2, limit: 1 })).map((e) => e.streamVersion)).toEqual([
              2,
            ])
          }),
        ))
    })

    describe("checkpoints", () => {
      it("load 0 when none, save is monotonic, load returns the stored position", () =>
        run(
          Effect.gen(function* () {
            const store = yield* EventStore
            const name = `conformance-${globalThis.crypto.randomUUID()}`
            expect(yield* store.loadCheckpoint(name)).toBe(0)
            expect(yield* store.saveCheckpoint(name, 5)).toBe(5)
            expect(yield* store.loadCheckpoint(name)).toBe(5)
            expect(yield* store.saveCheckpoint(name, 3)).toBe(5)
            expect(yield* store.loadCheckpoint(name)).toBe(5)
            expect(yield* store.saveCheckpoint(name, 9)).toBe(9)
            expect(yield* store.loadCheckpoint(name)).toBe(9)
            expect(yield* store.loadCheckpoint(`${name}-other`)).toBe(0)
          }),
        ))

      it("rejects bad names and positions", () =>
        run(
          Effect.gen(function* () {
            const store = yield* EventStore
            expect(yield* tagOf(store.loadCheckpoint(""))).toBe("InvalidArgument")
            expect(yield* tagOf(store.saveCheckpoint("", 1))).toBe("InvalidArgument")
            expect(yield* tagOf(store.saveCheckpoint("x".repeat(201), 1))).toBe("InvalidArgument")
            const name = `conformance-${globalThis.crypto.randomUUID()}`
            for (const bad of [-1, 1.5, Number.NaN, Number.MAX_SAFE_INTEGER + 1]) {
              expect(yield* tagOf(store.saveCheckpoint(name, bad))).toBe("InvalidArgument")
            }
            expect(yield* store.loadCheckpoint(name)).toBe(0)
          }),
        ))
    })

    describe("snapshots", () => {
      it("none, then the highest version saved; the same version replaces", () =>
        run(
          Effect.gen(function* () {
            const store = yield* EventStore
            const stream = freshStream()
            expect(Option.isNone(yield* store.loadSnapshot(stream))).toBe(true)
            yield* store.append(stream, yield* newEvents(4), ExpectedVersion.noStream)
            yield* store.saveSnapshot(stream, { version: 2, schemaVersion: 1, state: { count: 2 } })
            expect(Option.getOrThrow(yield* store.loadSnapshot(stream))).toMatchObject({
              stream,
              version: 2,
              schemaVersion: 1,
              state: { count: 2 },
            })
            yield* store.saveSnapshot(stream, { version: 4, schemaVersion: 1, state: { count: 4 } })
            yield* store.saveSnapshot(stream, { version: 3, schemaVersion: 1, state: { count: 3 } })
            const latest = Option.getOrThrow(yield* store.loadSnapshot(stream))
            expect(latest).toMatchObject({ version: 4, state: { count: 4 } })
            expect(isInstant(latest.savedAt)).toBe(true)
            yield* store.saveSnapshot(stream, { version: 4, schemaVersion: 2, state: { total: 4 } })
            expect(Option.getOrThrow(yield* store.loadSnapshot(stream))).toMatchObject({
              version: 4,
              schemaVersion: 2,
              state: { total: 4 },
            })
          }),
        ))

      it("rejects a snapshot beyond the stream's version, of a missing stream, or malformed", () =>
        run(
          Effect.gen(function* () {
            const store = yield* EventStore
            const stream = freshStream()
            expect(yield* tagOf(store.saveSnapshot(stream, { version: 1, schemaVersion: 1, state: {} }))).toBe(
              "InvalidArgument",
            )
            yield* store.append(stream, yield* newEvents(2), ExpectedVersion.noStream)
            const bad = [
              { version: 3, schemaVersion: 1, state: {} },
              { version: 0, schemaVersion: 1, state: {} },
              { version: 1.5, schemaVersion: 1, state: {} },
              { version: 1, schemaVersion: 0, state: {} },
              { version: 1, schemaVersion: 1, state: { at: new Date(0) } as unknown as Schema.Json },
              { version: 1, schemaVersion: 1, state: { n: Number.NaN } },
            ]
            for (const snapshot of bad)
              expect(yield* tagOf(store.saveSnapshot(stream, snapshot))).toBe("InvalidArgument")
            expect(yield* tagOf(store.saveSnapshot("bad name", { version: 1, schemaVersion: 1, state: {} }))).toBe(
              "InvalidStreamName",
            )
            expect(yield* tagOf(store.loadSnapshot("bad name"))).toBe("InvalidStreamName")
            expect(Option.isNone(yield* store.loadSnapshot(stream))).toBe(true)
          }),
        ))
    })

    describe("subscriptions", () => {
      it("catchUp hands every event to the handler in global order and resumes from the checkpoint", () =>
        run(
          Effect.gen(function* () {
            const store = yield* EventStore
            const name = `conformance-${globalThis.crypto.randomUUID()}`
            yield* store.saveCheckpoint(name, (yield* currentHead) - 1)
            const streams = [freshStream(), freshStream()]
            const written: Array<string> = []
            for (let i = 0; i < 3; i++) {
              for (const stream of streams) {
                const batch = yield* newEvents(2)
                yield* store.append(stream, batch, ExpectedVersion.any)
                written.push(...batch.map((event) => event.eventId))
              }
            }
            const seen: Array<EventEnvelope.RecordedEvent> = []
            const handler = (event: EventEnvelope.RecordedEvent) =>
              Effect.sync(() => {
                if (streams.includes(event.stream)) seen.push(event)
              })
            const first = yield* Subscription.catchUp(name, handler, { batchSize: 5 })
            expect(seen.map((event) => event.eventId)).toEqual(written)
            expect(EventOrder.isConsistent(seen)).toBe(true)
            expect(yield* store.loadCheckpoint(name)).toBe(first.position)
            expect(first.position).toBeGreaterThanOrEqual(seen.at(-1)!.globalPosition)
            const more = yield* newEvents(2)
            yield* store.append(streams[0]!, more, ExpectedVersion.exact(6))
            yield* Subscription.catchUp(name, handler, { batchSize: 5 })
            expect(seen.map((event) => event.eventId)).toEqual([...written, ...more.map((event) => event.eventId)])
          }),
        ))

      it("after a handler failure and a restart, delivery resumes at the failed event", async () => {
        const name = `conformance-${globalThis.crypto.randomUUID()}`
        const stream = freshStream()
        const batch = await run(
          Effect.gen(function* () {
            const store = yield* EventStore
            yield* store.saveCheckpoint(name, (yield* currentHead) - 1)
            const batch = yield* newEvents(6)
            yield* store.append(stream, batch, ExpectedVersion.noStream)
            return batch
          }),
        )
        const seen: Array<string> = []
        const failing = (event: EventEnvelope.RecordedEvent) =>
          event.stream !== stream
            ? Effect.void
            : event.eventId === batch[3]!.eventId
              ? Effect.fail("handler crashed" as const)
              : Effect.sync(() => {
                  seen.push(event.eventId)
                })
        const exit = await run(Effect.exit(Subscription.catchUp(name, failing, { batchSize: 2 })))
        expect(Exit.isFailure(exit)).toBe(true)
        expect(seen).toEqual(batch.slice(0, 3).map((event) => event.eventId))
        // restart: close the store, build a new one over the same storage; the checkpoint is durable
        await runtime?.dispose()
        runtime = ManagedRuntime.make(build())
        const resumed: Array<string> = []
        await run(
          Subscription.catchUp(
            name,
            (event) =>
              Effect.sync(() => {
                if (event.stream === stream) resumed.push(event.eventId)
              }),
            { batchSize: 2 },
          ),
        )
        expect(resumed).toEqual(batch.slice(3).map((event) => event.eventId))
      })

      it("subscribe polls and delivers events appended after it started", () =>
        run(
          Effect.gen(function* () {
            const store = yield* EventStore
            const name = `conformance-${globalThis.crypto.randomUUID()}`
            yield* store.saveCheckpoint(name, (yield* currentHead) - 1)
            const stream = freshStream()
            const batch = yield* newEvents(4)
            const seen: Array<string> = []
            const done = yield* Deferred.make<void>()
            const fiber = yield* Effect.forkChild(
              Subscription.subscribe(
                name,
                (event) =>
                  event.stream !== stream
                    ? Effect.void
                    : Effect.gen(function* () {
                        seen.push(event.eventId)
                        if (seen.length === batch.length) yield* Deferred.succeed(done, undefined)
                      }),
                { pollInterval: "5 millis", batchSize: 3 },
              ),
            )
            yield* store.append(stream, batch.slice(0, 1), ExpectedVersion.noStream)
            yield* store.append(stream, batch.slice(1), ExpectedVersion.exact(1))
            yield* Deferred.await(done)
            yield* Fiber.interrupt(fiber)
            expect(seen).toEqual(batch.map((event) => event.eventId))
          }),
        ))
    })

    describe("bad input writes nothing", () => {
      it("rejects malformed stream names in every stream operation", () =>
        run(
          Effect.gen(function* () {
            const store = yield* EventStore
            const bad = [
              "",
              "nodash",
              "-id",
              "category-",
              "Category-1",
              "1category-1",
              "cat egory-1",
              "category- 1",
              "category-_1",
              "category-1/2",
              "catégorie-1",
              "category-１",
              `${"c".repeat(65)}-1`,
              `c-${"x".repeat(199)}`,
            ]
            for (const stream of bad) {
              const event = yield* newEvent()
              const error = yield* failure(store.append(stream, [event], ExpectedVersion.any))
              expect(error).toMatchObject({ _tag: "InvalidStreamName", stream })
              expect(yield* tagOf(store.readStream(stream))).toBe("InvalidStreamName")
              // nothing was written: the id is still free
              yield* store.append(freshStream(), [event], ExpectedVersion.noStream)
            }
            for (const good of ["a-1", "serviceBundle-0190f0c8-8d6b-7c3e-9a51-6f2b0e8c1d2a", `c-${"x".repeat(198)}`]) {
              expect(yield* tagOf(store.append(good, [], ExpectedVersion.any))).toBe("Success")
            }
          }),
        ))

      it("rejects malformed envelopes with their index, and writes none of the batch", () =>
        run(
          Effect.gen(function* () {
            const store = yield* EventStore
            const stream = freshStream()
            const good = yield* newEvent()
            const malformed: Array<(event: EventEnvelope.NewEvent) => unknown> = [
              (e) => ({ ...e, eventId: "not-a-uuid" }),
              (e) => ({ ...e, eventId: e.eventId.toUpperCase() }),
              (e) => ({ ...e, type: "" }),
              (e) => ({ ...e, type: "has space" }),
              (e) => ({ ...e, schemaVersion: 0 }),
              (e) => ({ ...e, schemaVersion: 1.5 }),
              (e) => ({ ...e, data: undefined }),
              (e) => ({ ...e, data: { n: Number.NaN } }),
              (e) => ({ ...e, data: { at: new Date(0) } }),
              (e) => ({ ...e, data: { f: () => 1 } }),
              (e) => ({ ...e, metadata: { ...e.metadata, commandId: "" } }),
              (e) => ({ ...e, metadata: { ...e.metadata, occurredAt: "2026-09-24 01:30" } }),
              (e) => ({ ...e, metadata: { ...e.metadata, occurredAt: "2026-13-45T01:30:00.000Z" } }),
              (e) => ({ ...e, metadata: { ...e.metadata, occurredAt: "2026-02-30T01:30:00.000Z" } }),
              (e) => ({ ...e, metadata: { ...e.metadata, occurredAt: "9999-12-31T23:59:60.000Z" } }),
              (e) => ({ ...e, metadata: { ...e.metadata, actor: { roles: ["system"] } } }),
              (e) => ({ ...e, metadata: { ...e.metadata, actor: { id: "" } } }),
              (e) => ({ ...e, metadata: { ...e.metadata, actor: { id: "a", at: new Date(0) } } }),
              (e) => ({ ...e, metadata: undefined }),
              () => null,
            ]
            for (const mangle of malformed) {
              const bad = mangle(yield* newEvent()) as EventEnvelope.NewEvent
              const error = yield* failure(store.append(stream, [good, bad], ExpectedVersion.any))
              expect(error).toMatchObject({ _tag: "InvalidEvent", stream, index: 1 })
            }
            expect(yield* store.readStream(stream)).toEqual([])
            expect(yield* tagOf(store.append(stream, [good], ExpectedVersion.noStream))).toBe("Success")
          }),
        ))

      it("rejects events over the size limit (bytes, not characters) and accepts one exactly at it", () =>
        run(
          Effect.gen(function* () {
            const store = yield* EventStore
            const stream = freshStream()
            const base = yield* newEvent("ConformanceHappened", { text: "" })
            const empty = new TextEncoder().encode(JSON.stringify(base.data) + JSON.stringify(base.metadata)).length
            const room = conformanceMaxEventSize - empty
            // "办" is 3 bytes in UTF-8: fill the room with it, then pad with ASCII
            const exact = "办".repeat(Math.floor(room / 3)) + "x".repeat(room % 3)
            const atLimit = { ...base, data: { text: exact } }
            const overLimit = { ...(yield* newEvent()), data: { text: `${exact}x` } }
            const error = yield* failure(store.append(stream, [overLimit], ExpectedVersion.any))
            expect(error).toMatchObject({
              _tag: "EventTooLarge",
              stream,
              index: 0,
              eventId: overLimit.eventId,
              size: conformanceMaxEventSize + 1,
              maxSize: conformanceMaxEventSize,
            })
            expect(yield* store.readStream(stream)).toEqual([])
            yield* store.append(stream, [atLimit], ExpectedVersion.noStream)
            const [read] = yield* store.readStream(stream)
            expect(read!.data).toEqual({ text: exact })
          }),
        ))

      it("rejects malformed expectations and read ranges", () =>
        run(
          Effect.gen(function* () {
            const store = yield* EventStore
            const stream = freshStream()
            for (const expected of [ExpectedVersion.exact(-1), ExpectedVersion.exact(1.5), { _tag: "Latest" }]) {
              const error = yield* failure(
                store.append(stream, yield* newEvents(1), expected as ExpectedVersion.ExpectedVersion),
              )
              expect(error._tag).toBe("InvalidArgument")
            }
            expect(yield* store.readStream(stream)).toEqual([])
            for (const range of [
              { fromPosition: -1, limit: 1 },
              { fromPosition: 0, limit: 0 },
              { fromPosition: 1.5, limit: 1 },
              { fromPosition: 0, limit: Number.POSITIVE_INFINITY },
            ]) {
              expect(yield* tagOf(store.readAll(range))).toBe("InvalidArgument")
            }
            expect(yield* tagOf(store.readStream(stream, { from: -1 }))).toBe("InvalidArgument")
            expect(yield* tagOf(store.readStream(stream, { limit: 0 }))).toBe("InvalidArgument")
          }),
        ))
    })

    describe("concurrency", () => {
      it(`${writers} writers × ${attempts} read-decide-append attempts on one stream: one winner per version`, () =>
        run(
          Effect.gen(function* () {
            const store = yield* EventStore
            const stream = freshStream()
            const from = yield* currentHead
            type Outcome =
              | { readonly _tag: "Won"; readonly eventId: string; readonly version: number }
              | { readonly _tag: "Lost"; readonly expected: number; readonly actual: number }
            const writer = (w: number) =>
              Effect.forEach(
                Array.from({ length: attempts }, (_, i) => i),
                (i) =>
                  Effect.gen(function* () {
                    const events = yield* store.readStream(stream)
                    const version = events.at(-1)?.streamVersion ?? 0
                    yield* Effect.yieldNow
                    const event = yield* newEvent("ConformanceHappened", { writer: w, attempt: i })
                    return yield* store.append(stream, [event], ExpectedVersion.exact(version)).pipe(
                      Effect.map(
                        (result): Outcome => ({ _tag: "Won", eventId: event.eventId, version: result.streamVersion }),
                      ),
                      Effect.catchTag("VersionConflict", (conflict) =>
                        Effect.succeed<Outcome>({ _tag: "Lost", expected: version, actual: conflict.actual }),
                      ),
                    )
                  }),
              )
            const outcomes = (yield* Effect.forEach(
              Array.from({ length: writers }, (_, w) => w),
              writer,
              { concurrency: "unbounded" },
            )).flat()
            const won = outcomes.filter((outcome) => outcome._tag === "Won")
            const lost = outcomes.filter((outcome) => outcome._tag === "Lost")
            const events = yield* store.readStream(stream)
            // exactly one winner per version, and every version has a winner
            expect(won.map((outcome) => outcome.version).sort((a, b) => a - b)).toEqual(events.map((_, i) => i + 1))
            // no lost or duplicated events: the stream holds exactly the winners' events
            expect(new Set(events.map((event) => event.eventId))).toEqual(
              new Set(won.map((outcome) => outcome.eventId)),
            )
            for (const event of events) {
              expect(won.find((outcome) => outcome.eventId === event.eventId)!.version).toBe(event.streamVersion)
            }
            // a loser saw a later version than it expected
            for (const outcome of lost) expect(outcome.actual).toBeGreaterThan(outcome.expected)
            expect(EventOrder.noGapsInStreamVersions(events)).toBe(true)
            expect(EventOrder.eventIdsUnique(events)).toBe(true)
            const global = yield* readOwn([stream], from, 100)
            expect(global.map((event) => event.eventId)).toEqual(events.map((event) => event.eventId))
            expect(EventOrder.globalOrderRespectsStreamOrder(global)).toBe(true)
            expect(EventOrder.globalPositionsIncrease(global)).toBe(true)
          }),
        ))

      it(`${writers} concurrent noStream creators: exactly one creates the stream`, () =>
        run(
          Effect.gen(function* () {
            const store = yield* EventStore
            const stream = freshStream()
            const results = yield* Effect.forEach(
              Array.from({ length: writers }, (_, i) => i),
              () =>
                Effect.gen(function* () {
                  const batch = yield* newEvents(2)
                  yield* Effect.yieldNow
                  return yield* tagOf(
                    store.append(stream, batch, ExpectedVersion.noStream) as Effect.Effect<unknown, AppendError>,
                  )
                }),
              { concurrency: "unbounded" },
            )
            expect(results.filter((tag) => tag === "Success")).toHaveLength(1)
            expect(results.filter((tag) => tag === "VersionConflict")).toHaveLength(writers - 1)
            expect((yield* store.readStream(stream)).map((event) => event.streamVersion)).toEqual([1, 2])
          }),
        ))

      it(`${writers} writers appending to four streams with any: consistent global order, no gaps`, () =>
        run(
          Effect.gen(function* () {
            const store = yield* EventStore
            const from = yield* currentHead
            const streams = [freshStream(), freshStream(), freshStream(), freshStream()]
            const written = yield* Effect.forEach(
              Array.from({ length: writers }, (_, w) => w),
              (w) =>
                Effect.forEach(
                  Array.from({ length: 5 }, (_, i) => i),
                  (i) =>
                    Effect.gen(function* () {
                      const batch = yield* newEvents(1 + ((w + i) % 3))
                      yield* Effect.yieldNow
                      yield* store.append(streams[(w + i) % streams.length]!, batch, ExpectedVersion.any)
                      return batch.map((event) => event.eventId)
                    }),
                ),
              { concurrency: "unbounded" },
            )
            const global = yield* readOwn(streams, from, 25)
            expect(new Set(global.map((event) => event.eventId))).toEqual(new Set(written.flat(2)))
            expect(EventOrder.isConsistent(global)).toBe(true)
          }),
        ))
    })
  })
}
