import { fc, test } from "@fast-check/vitest"
import { Effect, Exit } from "effect"
import { describe, expect } from "vitest"
import { type EventEnvelope, ExpectedVersion, MemoryEventStore, Subscription } from "../src/index.ts"
import { newEvents } from "../src/testing.ts"

describe("Subscription", () => {
  test.prop([
    fc.array(fc.tuple(fc.nat(2), fc.integer({ min: 1, max: 4 })), { minLength: 1, maxLength: 12 }),
    fc.integer({ min: 1, max: 7 }),
    fc.array(fc.nat(), { maxLength: 5 }),
  ])(
    "with handler failures and restarts, every event is handled in global order; only the failed one is retried",
    async (appends, batchSize, failPicks) => {
      const storage = MemoryEventStore.makeStorage()
      const store = await Effect.runPromise(MemoryEventStore.makeMemory({ storage }))
      for (const [stream, size] of appends) {
        await Effect.runPromise(
          Effect.flatMap(newEvents(size), (events) => store.append(`sub-${stream}`, events, ExpectedVersion.any)),
        )
      }
      const all = await Effect.runPromise(store.readAll({ fromPosition: 0, limit: 1000 }))
      const failing = new Set(failPicks.map((pick) => all[pick % all.length]!.eventId))
      const attempts: Array<string> = []
      const failed = new Set<string>()
      const handler = (event: EventEnvelope.RecordedEvent) =>
        Effect.suspend(() => {
          attempts.push(event.eventId)
          if (failing.has(event.eventId) && !failed.has(event.eventId)) {
            failed.add(event.eventId)
            return Effect.fail("boom" as const)
          }
          return Effect.void
        })
      // each round is a fresh store over the same storage: a restarted process
      for (let round = 0; round <= failing.size; round++) {
        const restarted = MemoryEventStore.layerMemory({ storage })
        const exit = await Effect.runPromiseExit(
          Subscription.catchUp("projection", handler, { batchSize }).pipe(Effect.provide(restarted)),
        )
        if (Exit.isSuccess(exit)) break
      }
      const expected = all.flatMap((event) =>
        failing.has(event.eventId) ? [event.eventId, event.eventId] : [event.eventId],
      )
      expect(attempts).toEqual(expected)
      expect(await Effect.runPromise(store.loadCheckpoint("projection"))).toBe(all.at(-1)!.globalPosition)
    },
  )
})
