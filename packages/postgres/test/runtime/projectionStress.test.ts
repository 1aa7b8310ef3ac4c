/**
 * Every consumer reads the global order through the store's gap-safe read: an asynchronous
 * projection catching up while several app nodes append concurrently (plain appends, and appends
 * with the inline case list in their transaction) ends equal to a rebuild of the same projection
 * from zero, and both equal the events in the store. The long stress run is `pnpm bench:gap` in
 * @yiciban/postgres; this is its short form, on PGlite and on the server.
 */
import { EventEnvelope, EventStore, ExpectedVersion } from "@yiciban/eventstore"
import { Projection, RuntimeStore } from "@yiciban/runtime"
import { Effect } from "effect"
import { afterAll, describe, expect, it } from "vitest"
import { engines } from "./engines.ts"

const day = "2026-09-24"
const writers = 6
const streamsPerWriter = 4
const durationMillis = 2_500

/** A read model: each stream's events as `version@position`, in delivery order. */
const readModel = (name: string) => {
  const streams = new Map<string, Array<string>>()
  const projection: Projection.Projection<never, never> = {
    name,
    handle: (event) =>
      Effect.sync(() => {
        const seen = streams.get(event.stream) ?? []
        const entry = `${event.streamVersion}@${event.globalPosition}`
        // At-least-once delivery: a redelivered event is recognised, not counted twice.
        if (!seen.includes(entry)) seen.push(entry)
        streams.set(event.stream, seen)
      }),
    reset: Effect.sync(() => streams.clear()),
  }
  return { projection, streams }
}

const sorted = (streams: Map<string, Array<string>>) =>
  Object.fromEntries([...streams.entries()].sort(([a], [b]) => a.localeCompare(b)))

const batch = (stream: string, n: number) =>
  Effect.map(
    Effect.forEach(Array.from({ length: n }), () => EventEnvelope.makeEventId),
    (ids): Array<EventEnvelope.NewEvent> =>
      ids.map((eventId, i) => ({
        eventId,
        type: "Stressed",
        schemaVersion: 1,
        data: { stream, i },
        metadata: {
          commandId: eventId,
          correlationId: eventId,
          causationId: eventId,
          actor: { id: "stress", roles: ["system"] },
          occurredAt: `${day}T01:30:00.000Z`,
        },
      })),
  )

for (const engine of engines("stress")) {
  describe(`global order under concurrent appends on ${engine.name}`, () => {
    const nodes = Array.from({ length: 3 }, () => engine.node())
    afterAll(async () => {
      for (const node of nodes) await node.dispose()
      await engine.cleanup()
    })

    it("an asynchronous projection caught up under load equals its rebuild from zero and the store", async () => {
      // Open every node's store first (a fresh PGlite folder takes seconds), so the load lasts its full time.
      for (const node of nodes) await node.on(day, Effect.void)
      const live = readModel("stress-live")
      let stop = false
      const writer = async (w: number) => {
        const node = nodes[w % 2]!
        const versions = new Array<number>(streamsPerWriter).fill(0)
        for (let k = 0; !stop; k++) {
          const s = k % streamsPerWriter
          const stream = `stress-${engine.name}-w${w}-s${s}`
          const expected = versions[s] === 0 ? ExpectedVersion.noStream : ExpectedVersion.exact(versions[s]!)
          const result = await node.on(
            day,
            Effect.gen(function* () {
              const events = yield* batch(stream, 1 + (k % 3))
              if (w % 2 === 0) return yield* (yield* EventStore.EventStore).append(stream, events, expected)
              const inline: RuntimeStore.InlineUpdate = {
                stream,
                category: "stress",
                id: `w${w}-s${s}`,
                version: versions[s]! + events.length,
                at: `${day}T01:30:00.000Z`,
                summary: { status: "stressed" },
                access: { owners: [], authority: undefined, region: undefined, public: false },
                timers: undefined,
              }
              return yield* (yield* RuntimeStore.RuntimeStore).append(stream, events, expected, inline)
            }),
          )
          versions[s] = result.streamVersion
        }
      }
      const projecting = async () => {
        while (!stop) {
          await nodes[2]!.on(day, Projection.catchUp(live.projection, { batchSize: 50 }))
        }
      }
      const running = [...Array.from({ length: writers }, (_, w) => writer(w)), projecting()]
      await new Promise((resolve) => setTimeout(resolve, durationMillis))
      stop = true
      await Promise.all(running)
      await nodes[2]!.on(day, Projection.catchUp(live.projection, { batchSize: 50 }))

      const rebuilt = readModel("stress-live")
      await nodes[0]!.on(day, Projection.rebuild(rebuilt.projection, { batchSize: 1000 }))
      const stored = new Map<string, Array<string>>()
      const all = await nodes[1]!.on(
        day,
        Effect.flatMap(EventStore.EventStore, (s) => s.readAll({ fromPosition: 0, limit: 1_000_000 })),
      )
      for (const event of all) {
        if (!event.stream.startsWith("stress-")) continue
        stored.set(event.stream, [
          ...(stored.get(event.stream) ?? []),
          `${event.streamVersion}@${event.globalPosition}`,
        ])
      }
      expect(stored.size).toBe(writers * streamsPerWriter)
      expect(sorted(live.streams)).toEqual(sorted(stored))
      expect(sorted(rebuilt.streams)).toEqual(sorted(stored))
    })
  })
}
