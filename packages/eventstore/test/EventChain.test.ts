import { createHash } from "node:crypto"
import { Effect, Fiber } from "effect"
import * as fc from "fast-check"
import { describe, expect, it } from "vitest"
import { EventChain, type EventEnvelope, EventStore, ExpectedVersion, MemoryEventStore } from "../src/index.ts"

const metadata: EventEnvelope.EventMetadata = {
  commandId: "c",
  correlationId: "c",
  causationId: "c",
  actor: { id: "clerk-1", roles: ["windowClerk"] },
  occurredAt: "2026-09-24T01:30:00.000Z",
}

let counter = 0
const eventId = () => {
  counter++
  return `00000000-0000-4000-8000-${counter.toString(16).padStart(12, "0")}`
}

/** A store over `storage` with streams of the given batch sizes; returns the stream names. */
const populate = (storage: MemoryEventStore.MemoryStorage, streams: ReadonlyArray<ReadonlyArray<number>>) =>
  Effect.gen(function* () {
    const store = yield* MemoryEventStore.makeMemory({ storage })
    const names: Array<string> = []
    for (const [s, batches] of streams.entries()) {
      const stream = `chain-${counter}x${s}`
      names.push(stream)
      for (const size of batches) {
        const events = Array.from({ length: size }, (_, i) => ({
          eventId: eventId(),
          type: "Happened",
          schemaVersion: 1,
          data: { i, name: "李雷" },
          metadata,
        }))
        yield* store.append(stream, events, ExpectedVersion.any)
      }
    }
    return { store, names }
  })

/** A tamper operation on the memory storage, as a direct database edit would do it. */
type Tamper =
  | { readonly _tag: "ChangeData" | "ChangeActor" | "ChangeRecordedAt" | "ChangeType" | "DeleteEvent" | "Swap" }
  | { readonly _tag: "DeleteTail" | "RewriteTail" }

const tampers: ReadonlyArray<Tamper["_tag"]> = [
  "ChangeData",
  "ChangeActor",
  "ChangeRecordedAt",
  "ChangeType",
  "DeleteEvent",
  "Swap",
  "DeleteTail",
  "RewriteTail",
]

/** Applies `tamper` to event `index` of `stream` (index in 0 … length − 1); false when it does not apply. */
const applyTamper = (
  storage: MemoryEventStore.MemoryStorage,
  stream: string,
  tag: Tamper["_tag"],
  pick: number,
): boolean => {
  const events = storage.streams.get(stream)!
  const index = pick % events.length
  const event = events[index]!
  const replace = (changed: EventEnvelope.RecordedEvent) => {
    events[index] = changed
    storage.events[changed.globalPosition - 1] = changed
  }
  switch (tag) {
    case "ChangeData":
      replace({ ...event, data: { i: -1, name: "韩梅梅" } })
      return true
    case "ChangeActor":
      replace({ ...event, metadata: { ...event.metadata, actor: { id: "mallory", roles: ["supervisor"] } } })
      return true
    case "ChangeRecordedAt":
      replace({ ...event, recordedAt: new Date(Date.parse(event.recordedAt) + 1).toISOString() })
      return true
    case "ChangeType":
      replace({ ...event, type: "Withdrawn" })
      return true
    case "DeleteEvent":
      // Not the last: a deleted tail is the anchors' case.
      if (events.length < 2) return false
      events.splice(Math.min(index, events.length - 2), 1)
      return true
    case "Swap": {
      if (events.length < 2) return false
      const i = Math.min(index, events.length - 2)
      const [a, b] = [events[i]!, events[i + 1]!]
      events[i] = { ...b, streamVersion: a.streamVersion }
      events[i + 1] = { ...a, streamVersion: b.streamVersion }
      return true
    }
    case "DeleteTail":
    case "RewriteTail":
      events.pop()
      return true
  }
}

const shape = fc.array(fc.array(fc.integer({ min: 1, max: 4 }), { minLength: 1, maxLength: 4 }), {
  minLength: 1,
  maxLength: 4,
})

describe("EventChain on the memory store", () => {
  it("an untampered store always verifies intact and every stream loads", () =>
    fc.assert(
      fc.property(shape, (streams) =>
        Effect.runSync(
          Effect.gen(function* () {
            const storage = MemoryEventStore.makeStorage()
            const { store, names } = yield* populate(storage, streams)
            yield* store.anchor
            const report = yield* store.verify
            expect(EventChain.isIntact(report)).toBe(true)
            expect(report.events).toBe(streams.flat().reduce((a, b) => a + b, 0))
            for (const name of names) yield* store.readStream(name)
          }),
        ),
      ),
      { numRuns: 100 },
    ))

  it("every tamper operation on a random store is detected: by verify always, on load unless only the tail went", () =>
    fc.assert(
      fc.property(shape, fc.nat(), fc.nat(), fc.constantFrom(...tampers), (streams, which, pick, tag) =>
        Effect.runSync(
          Effect.gen(function* () {
            const storage = MemoryEventStore.makeStorage()
            const { store, names } = yield* populate(storage, streams)
            yield* store.anchor
            const stream = names[which % names.length]!
            if (!applyTamper(storage, stream, tag, pick)) return
            if (tag === "RewriteTail") {
              const version = storage.streams.get(stream)!.at(-1)?.streamVersion ?? 0
              yield* store.append(
                stream,
                [{ eventId: eventId(), type: "Happened", schemaVersion: 1, data: { i: 0 }, metadata }],
                ExpectedVersion.exact(version),
              )
            }
            const report = yield* store.verify
            expect(EventChain.isIntact(report)).toBe(false)
            expect(report.breaks.every((b) => b.stream === stream)).toBe(true)
            const load = yield* Effect.result(store.readStream(stream))
            if (tag === "DeleteTail" || tag === "RewriteTail") {
              expect(load._tag).toBe("Success")
            } else {
              expect(load._tag === "Failure" && load.failure._tag).toBe("TamperDetected")
            }
            // The anchor does not move past a break: verify still sees it afterwards.
            yield* store.anchor
            expect(EventChain.isIntact(yield* store.verify)).toBe(false)
          }),
        ),
      ),
      { numRuns: 300 },
    ))
})

describe("EventChain.anchorEvery", () => {
  it("anchors the heads on start and again after appends, round after round", () =>
    Effect.runPromise(
      Effect.gen(function* () {
        const storage = MemoryEventStore.makeStorage()
        const { store, names } = yield* populate(storage, [[2], [1]])
        const fiber = yield* Effect.forkChild(
          Effect.provideService(EventChain.anchorEvery("10 millis"), EventStore.EventStore, store),
        )
        // Waits for a round to show it (a loaded machine may be slow to run the fiber).
        const until = (done: () => boolean) =>
          Effect.gen(function* () {
            for (let i = 0; i < 500 && !done(); i++) yield* Effect.sleep("10 millis")
          })
        yield* until(() => storage.anchors.size === 2)
        expect([...storage.anchors.values()].map((a) => a.version)).toEqual([2, 1])
        yield* store.append(
          names[1]!,
          [{ eventId: eventId(), type: "Happened", schemaVersion: 1, data: {}, metadata }],
          ExpectedVersion.exact(1),
        )
        yield* until(() => storage.anchors.get(names[1]!)?.version === 2)
        expect(storage.anchors.get(names[1]!)?.version).toBe(2)
        yield* Fiber.interrupt(fiber)
      }),
    ))
})

describe("EventChain", () => {
  const linked: EventChain.Linked = {
    stream: "application-1",
    streamVersion: 1,
    eventId: "0190f0c8-8d6b-7c3e-9a51-6f2b0e8c1d2a",
    type: "ApplicationSubmitted",
    schemaVersion: 1,
    data: '{"name":"李"}',
    metadata: "{}",
    recordedAt: "2026-09-24T01:30:00.120Z",
  }

  it("the preimage is netstrings of UTF-8 byte lengths, the time with six fraction digits", () => {
    expect(EventChain.preimage(linked)).toBe(
      '13:application-1,1:1,36:0190f0c8-8d6b-7c3e-9a51-6f2b0e8c1d2a,20:ApplicationSubmitted,1:1,14:{"name":"李"},2:{},27:2026-09-24T01:30:00.120000Z,',
    )
    expect(EventChain.canonicalInstant("2026-09-24T01:30:00Z")).toBe("2026-09-24T01:30:00.000000Z")
    expect(EventChain.canonicalInstant("2026-09-24T01:30:00.123456Z")).toBe("2026-09-24T01:30:00.123456Z")
  })

  it("the link is SHA-256 of the previous hash's bytes then the preimage's UTF-8 (pinned)", () => {
    expect(EventChain.link(EventChain.genesis, linked)).toBe(
      "176c42588882625dee3dbe7dcf374b58d0aef2137466766d4969382bf0441274",
    )
  })

  it("the link hashes the same bytes as a Hash object fed the previous hash's hex and the preimage's UTF-8, whatever the text", () => {
    // Any text (lone surrogates included), any `previous` (hex or not: it is decoded as Buffer.from
    // decodes hex), sizes from empty to past the link's scratch buffer and its 1 MiB limit.
    const reference = (previous: string, event: EventChain.Linked) =>
      createHash("sha256").update(Buffer.from(previous, "hex")).update(EventChain.preimage(event), "utf8").digest("hex")
    const text = fc.oneof(
      fc.string({ unit: "binary", maxLength: 40 }),
      fc.string({ unit: "grapheme", maxLength: 40 }),
      fc.constantFrom("", "a".repeat(5000), "李".repeat(2000), "\ud800".repeat(3000), "x".repeat(400_000)),
    )
    const previous = fc.oneof(
      fc.constant(EventChain.genesis),
      fc.stringMatching(/^[0-9a-f]{64}$/),
      fc.string({ maxLength: 70 }),
      fc.constantFrom("", "abc", "zz", "0g".repeat(32)),
    )
    fc.assert(
      fc.property(previous, text, text, fc.string({ maxLength: 30 }), (previous, data, metadata, type) => {
        const event = { ...linked, data, metadata, type }
        expect(EventChain.link(previous, event)).toBe(reference(previous, event))
      }),
      { numRuns: 400 },
    )
  })

  it("a batch's preimage: nine netstrings, the arrays as PostgreSQL writes them; its link is SHA-256 after the previous hash (pinned)", () => {
    const batch: EventChain.LinkedBatch = {
      stream: "application-1",
      firstVersion: 4,
      recordedAt: "2026-09-24T01:30:00.120Z",
      events: [linked, { ...linked, eventId: "0190f0c8-8d6b-7c3e-9a51-6f2b0e8c1d2b", type: "null", schemaVersion: 12 }],
    }
    expect(EventChain.batchPreimage(batch)).toBe(
      "13:application-1,1:4,1:2,27:2026-09-24T01:30:00.120000Z," +
        "75:{0190f0c8-8d6b-7c3e-9a51-6f2b0e8c1d2a,0190f0c8-8d6b-7c3e-9a51-6f2b0e8c1d2b}," +
        '29:{ApplicationSubmitted,"null"},6:{1,12},' +
        '31:[{"name":"李"},{"name":"李"}],7:[{},{}],',
    )
    expect(EventChain.linkBatch(EventChain.genesis, batch)).toBe(
      createHash("sha256").update(Buffer.alloc(32)).update(EventChain.batchPreimage(batch), "utf8").digest("hex"),
    )
    expect(EventChain.linkBatch(EventChain.genesis, batch)).not.toBe(
      EventChain.linkBatch(EventChain.genesis, { ...batch, firstVersion: 5 }),
    )
  })

  it("arrayText quotes as array_out does: empty, NULL in any case, braces, commas, quotes, backslashes, white space", () => {
    expect(EventChain.arrayText([])).toBe("{}")
    expect(
      EventChain.arrayText(["a", "", "NULL", "nUlL", "nulls", "a b", "{x}", "a,b", 'q"', "b\\s", "t\tu", "é"]),
    ).toBe('{a,"","NULL","nUlL",nulls,"a b","{x}","a,b","q\\"","b\\\\s","t\tu",é}')
  })

  it("moving text between fields changes the hash (the length prefixes make the encoding unambiguous)", () => {
    const a = EventChain.link(EventChain.genesis, { ...linked, data: '"a,1:b"', metadata: '"c"' })
    const b = EventChain.link(EventChain.genesis, { ...linked, data: '"a"', metadata: '"b,1:c"' })
    expect(a).not.toBe(b)
    expect(a).toMatch(/^[0-9a-f]{64}$/)
  })

  it("breaksOf: a gap is Missing (the link after it is not judged), a bad link is Changed", () => {
    expect(
      EventChain.breaksOf("s-1", [
        { version: 1, previousVersion: undefined, linked: true },
        { version: 3, previousVersion: 1, linked: false },
        { version: 4, previousVersion: 3, linked: false },
      ]),
    ).toEqual([
      { _tag: "Missing", stream: "s-1", version: 2, upTo: 2 },
      { _tag: "Changed", stream: "s-1", version: 4 },
    ])
    expect(EventChain.breaksOf("s-1", [{ version: 5, previousVersion: undefined, linked: false }], 4)).toEqual([
      { _tag: "Missing", stream: "s-1", version: 4, upTo: 4 },
    ])
  })
})
