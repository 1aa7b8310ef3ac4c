/**
 * Every consumer reads the global order through the store's gap-safe read: an asynchronous
 * projection catching up while several app nodes append concurrently (plain appends, and appends
 * with the inline case list in their transaction) ends equal to a rebuild of the same projection
 * from zero, and both equal the events in the store. The long stress run is `pnpm bench:gap` in
 * @yiciban/postgres; this is its short form, on PGlite and on the server.
 *
 * No wall clock: each writer makes a fixed number of appends, and after each pass over its streams
 * waits for a catch-up round that began after its last append, so the projection catches up
 * between appends a known number of times however fast or loaded the machine is.
 */
import { EventEnvelope, EventStore, ExpectedVersion } from "@yiciban/eventstore"
import { Projection, RuntimeStore } from "@yiciban/runtime"
import { Effect } from "effect"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { engines } from "./engines.ts"

const day = "2026-09-24"
const writers = 6
const streamsPerWriter = 4
/**
 * Passes over a writer's streams: one append to each stream per pass, of 1, 2 or 3 events. The
 * server commits appends out of position order (the gap the read must not skip), so it gets many;
 * PGlite is one session (no gap can open) and slow to write, so a few.
 */
const passesOn = { server: 10, pglite: 2 } as const

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
    const passes = passesOn[engine.name]
    const nodes = Array.from({ length: 3 }, () => engine.node())
    // Every node's store opened first (a fresh PGlite folder takes seconds; most of a minute on a
    // loaded machine), so the writers overlap.
    beforeAll(async () => {
      for (const node of nodes) await node.on(day, Effect.void)
    }, 180_000)
    afterAll(async () => {
      for (const node of nodes) await node.dispose()
      await engine.cleanup()
    })

    it("an asynchronous projection caught up under load equals its rebuild from zero and the store", async () => {
      const live = readModel("stress-live")
      // The projection's rounds: a writer waits for one that began after its last append.
      let writing = true
      let begun = 0
      const waiting: Array<{ readonly after: number; readonly resume: () => void }> = []
      const nextRound = () => new Promise<void>((resume) => waiting.push({ after: begun, resume }))
      let appended = 0
      const writer = async (w: number) => {
        const node = nodes[w % 2]!
        const versions = new Array<number>(streamsPerWriter).fill(0)
        for (let k = 0; k < passes * streamsPerWriter; k++) {
          const s = k % streamsPerWriter
          const stream = `stress-${engine.name}-w${w}-s${s}`
          const expected = versions[s] === 0 ? ExpectedVersion.noStream : ExpectedVersion.exact(versions[s]!)
          const size = 1 + ((k + w) % 3)
          const result = await node.on(
            day,
            Effect.gen(function* () {
              const events = yield* batch(stream, size)
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
          appended += size
          if (s === streamsPerWriter - 1 && k < passes * streamsPerWriter - 1) await nextRound()
        }
      }
      const projecting = async () => {
        while (writing) {
          const round = ++begun
          await nodes[2]!.on(day, Projection.catchUp(live.projection, { batchSize: 50 }))
          for (const waiter of waiting.splice(0)) {
            if (waiter.after < round) waiter.resume()
            else waiting.push(waiter)
          }
        }
      }
      // A failing round fails the test at once (the writers waiting for it never resume).
      await Promise.all([
        Promise.all(Array.from({ length: writers }, (_, w) => writer(w))).finally(() => {
          writing = false
        }),
        projecting(),
      ])
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
      expect([...stored.values()].flat()).toHaveLength(appended)
      expect(sorted(live.streams)).toEqual(sorted(stored))
      expect(sorted(rebuilt.streams)).toEqual(sorted(stored))
    }, 180_000)
  })
}
