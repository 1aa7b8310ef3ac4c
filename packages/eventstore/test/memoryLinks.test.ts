/**
 * The in-memory store's own copies and its remembered links: it keeps a frozen copy of what it
 * checked (the caller's objects stay the caller's), hands out that copy on every read, and a link
 * it checked before (at the append, or at a read) counts only while the event, its stored hash and
 * its predecessor's stored hash are the ones it checked — a hash changed afterwards is found on the
 * next read.
 */
import { Effect, Result } from "effect"
import * as fc from "fast-check"
import { describe, expect, it } from "vitest"
import { type EventEnvelope, type EventStore, ExpectedVersion, MemoryEventStore } from "../src/index.ts"

const metadata: EventEnvelope.EventMetadata = {
  commandId: "c",
  correlationId: "c",
  causationId: "c",
  actor: { id: "clerk-1", roles: ["windowClerk"] },
  occurredAt: "2026-09-24T01:30:00.000Z",
}

const newEvent = (i: number, data: { [key: string]: unknown } = { i, name: "李雷" }) => ({
  eventId: `00000000-0000-4000-8000-${String(i).padStart(12, "0")}`,
  type: "Happened",
  schemaVersion: 1,
  data: data as EventEnvelope.NewEvent["data"],
  metadata,
})

const threeEvents = (storage: MemoryEventStore.MemoryStorage) =>
  Effect.gen(function* () {
    const store = yield* MemoryEventStore.makeMemory({ storage })
    yield* store.append("links-1", [newEvent(1), newEvent(2)], ExpectedVersion.noStream)
    yield* store.append("links-1", [newEvent(3)], ExpectedVersion.exact(2))
    // Read once: every link is now known to hold.
    expect((yield* store.readStream("links-1")).map((e) => e.streamVersion)).toEqual([1, 2, 3])
    return store
  })

const readResult = (store: EventStore.EventStore["Service"]) => Effect.result(store.readStream("links-1"))

describe("the memory store's copies and remembered links", () => {
  it("a stored hash changed after the link was checked is found on the next read, and by verify", () =>
    Effect.gen(function* () {
      const storage = MemoryEventStore.makeStorage()
      const store = yield* threeEvents(storage)
      const second = storage.streams.get("links-1")![1]!
      storage.hashes.set(second.eventId, "f".repeat(64))
      const read = yield* readResult(store)
      expect(Result.isFailure(read) && read.failure).toMatchObject({ _tag: "TamperDetected", version: 2 })
      // A read from version 3 checks the third link after the changed hash: it breaks too.
      const tail = yield* Effect.result(store.readStream("links-1", { from: 3 }))
      expect(Result.isFailure(tail) && tail.failure).toMatchObject({ _tag: "TamperDetected", version: 3 })
      const report = yield* store.verify
      expect(report.breaks.map((b) => `${b._tag} ${b.version}`)).toEqual(["Changed 2", "Changed 3"])
    }).pipe(Effect.runSync))

  it("the hash put back, the stream reads again", () =>
    Effect.gen(function* () {
      const storage = MemoryEventStore.makeStorage()
      const store = yield* threeEvents(storage)
      const first = storage.streams.get("links-1")![0]!
      const kept = storage.hashes.get(first.eventId)!
      storage.hashes.set(first.eventId, "0".repeat(64))
      expect(Result.isFailure(yield* readResult(store))).toBe(true)
      storage.hashes.set(first.eventId, kept)
      expect(Result.isSuccess(yield* readResult(store))).toBe(true)
    }).pipe(Effect.runSync))

  it("keeps its own frozen copy: the caller's objects stay the caller's, every read hands out the copy", () =>
    Effect.gen(function* () {
      const storage = MemoryEventStore.makeStorage()
      const store = yield* MemoryEventStore.makeMemory({ storage })
      const data: { [key: string]: unknown } = { i: 1, nested: { list: [1, 2] } }
      yield* store.append("links-2", [newEvent(11, data)], ExpectedVersion.noStream)
      ;(data.nested as { list: Array<number> }).list.push(3)
      data.i = 99
      expect(Object.isFrozen(data)).toBe(false)
      const [first] = yield* store.readStream("links-2")
      const [again] = yield* store.readStream("links-2")
      expect(first!.data).toStrictEqual({ i: 1, nested: { list: [1, 2] } })
      expect(again).toBe(first)
      expect(Object.isFrozen(first!.data)).toBe(true)
      expect(Object.isFrozen((first!.data as { nested: { list: Array<number> } }).nested.list)).toBe(true)
      expect((yield* store.verify).breaks).toEqual([])
    }).pipe(Effect.runSync))

  it("nothing a read or an append returns can change what is stored: events, data, metadata, arrays", () =>
    Effect.gen(function* () {
      const storage = MemoryEventStore.makeStorage()
      const store = yield* MemoryEventStore.makeMemory({ storage })
      // Two events of one batch share the caller's metadata object (and the store's copy of it).
      const appended = yield* store.append(
        "links-3",
        [newEvent(21, { i: 1, nested: { list: [1, 2] } }), newEvent(22)],
        ExpectedVersion.noStream,
      )
      ;(appended.globalPositions as Array<number>).push(99)
      const events = yield* store.readStream("links-3")
      const [first, second] = events
      const attempts: Array<() => void> = [
        () => ((first as { type: string }).type = "Changed"),
        () => ((first!.data as { i: number }).i = 2),
        () => (first!.data as { nested: { list: Array<number> } }).nested.list.push(3),
        () => ((first!.metadata as { commandId: string }).commandId = "other"),
        () => (first!.metadata.actor.roles as Array<string>).push("supervisor"),
        () => ((second!.metadata.actor as { id: string }).id = "mallory"),
      ]
      for (const attempt of attempts) expect(attempt).toThrow(TypeError)
      ;(events as Array<EventEnvelope.RecordedEvent>).pop()
      const again = yield* store.readStream("links-3")
      expect(again).toHaveLength(2)
      expect(again[0]!.data).toStrictEqual({ i: 1, nested: { list: [1, 2] } })
      expect(again[1]!.metadata).toStrictEqual(metadata)
      expect((yield* store.readAll({ fromPosition: 0, limit: 10 })).map((e) => e.globalPosition)).toEqual([1, 2])
      expect((yield* store.verify).breaks).toEqual([])
    }).pipe(Effect.runSync))

  it("the stored copy is what its JSON says, deeply frozen, shared with no caller's object, for any JSON data and actor", () => {
    const isDeeplyFrozen = (u: unknown): boolean =>
      typeof u !== "object" || u === null || (Object.isFrozen(u) && Object.values(u).every(isDeeplyFrozen))
    const objectsOf = (u: unknown, into = new Set<unknown>()): Set<unknown> => {
      if (typeof u === "object" && u !== null) {
        into.add(u)
        for (const value of Object.values(u)) objectsOf(value, into)
      }
      return into
    }
    // Besides fast-check's JSON values: -0, an own `__proto__` key, integer-like keys out of order.
    const odd = JSON.parse('{"b": -0, "__proto__": {"x": [-0, 1]}, "2": "two", "1": ["one"]}')
    const json = fc.oneof(fc.jsonValue(), fc.constant(odd), fc.constant([odd, { nested: odd }]))
    let n = 0
    fc.assert(
      fc.property(json, fc.dictionary(fc.string(), fc.jsonValue(), { maxKeys: 3 }), (data, extra) => {
        n++
        const storage = MemoryEventStore.makeStorage()
        const store = Effect.runSync(MemoryEventStore.makeMemory({ storage }))
        const actor = { ...extra, id: "clerk-1", roles: ["windowClerk"] }
        const input = { ...newEvent(n, data as { [key: string]: unknown }), metadata: { ...metadata, actor } }
        const stream = `frozen-${n}`
        const text = JSON.stringify(input.data)
        // The store keeps the actor as the schema decodes it: `id` first.
        const { id, ...others } = actor
        const actorText = JSON.stringify({ id, ...others })
        Effect.runSync(store.append(stream, [input], ExpectedVersion.noStream))
        const [stored] = Effect.runSync(store.readStream(stream))
        expect(JSON.stringify(stored!.data)).toBe(text)
        expect(stored!.data).toStrictEqual(JSON.parse(text))
        expect(JSON.stringify(stored!.metadata.actor)).toBe(actorText)
        expect(stored!.metadata.actor).toStrictEqual(JSON.parse(actorText))
        expect(isDeeplyFrozen(stored)).toBe(true)
        const theirs = objectsOf(input)
        for (const object of objectsOf(stored)) expect(theirs.has(object)).toBe(false)
        expect(Effect.runSync(store.verify).breaks).toEqual([])
      }),
      { numRuns: 300 },
    )
  })
})
