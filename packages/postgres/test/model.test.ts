/**
 * The PostgreSQL store against the memory store as a model: random sequences of appends — every
 * expectation, empty batches, fresh events, re-appends of stored batches to the same or another
 * stream, partial overlaps — get the same answer from both (the same new version, or the same
 * error with the same actual version or reason), and the streams end up holding the same events
 * in the same order, with positions that grow along each stream. On the server the first attempt
 * is the single INSERT and the rest go through the append function; on PGlite every append calls
 * the function: both paths must agree with the model.
 */
import { fc, test } from "@fast-check/vitest"
import {
  type EventEnvelope,
  type EventStore,
  EventStoreError,
  ExpectedVersion,
  MemoryEventStore,
} from "@yiciban/eventstore"
import { newEvents } from "@yiciban/eventstore/testing"
import { Effect, Exit } from "effect"
import { describe, expect } from "vitest"
import { PostgresEventStore } from "../src/index.ts"
import { storeRuntime } from "./storeRuntime.ts"
import { engines } from "./support.ts"

const expectation = fc.oneof(
  fc.constant(ExpectedVersion.any),
  fc.constant(ExpectedVersion.noStream),
  fc.constant(ExpectedVersion.streamExists),
  fc.integer({ min: 0, max: 6 }).map(ExpectedVersion.exact),
)

/** Which events an append carries: new ones, an earlier batch again, or an earlier batch plus new ones. */
const batch = fc.oneof(
  { weight: 3, arbitrary: fc.record({ kind: fc.constant("fresh" as const), size: fc.integer({ min: 0, max: 3 }) }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant("again" as const), earlier: fc.nat() }) },
  {
    weight: 1,
    arbitrary: fc.record({
      kind: fc.constant("overlap" as const),
      earlier: fc.nat(),
      size: fc.integer({ min: 1, max: 2 }),
    }),
  },
)

const step = fc.record({ stream: fc.nat(2), expected: expectation, batch })

type Outcome =
  | { readonly ok: true; readonly streamVersion: number; readonly positions: number }
  | { readonly ok: false; readonly error: string }

/** What the model and the store must agree on: not the positions themselves, which differ by design. */
const outcomeOf = (exit: Exit.Exit<EventStore.AppendResult, EventStoreError.AppendError>): Outcome => {
  if (Exit.isSuccess(exit)) {
    return { ok: true, streamVersion: exit.value.streamVersion, positions: exit.value.globalPositions.length }
  }
  const error = exit.cause.reasons.find((reason) => reason._tag === "Fail")?.error
  if (error instanceof EventStoreError.VersionConflict) return { ok: false, error: `VersionConflict ${error.actual}` }
  if (error instanceof EventStoreError.DuplicateEventId) return { ok: false, error: `DuplicateEventId ${error.reason}` }
  return { ok: false, error: String(error?._tag ?? exit.cause) }
}

for (const engine of engines("model")) {
  describe(`the store agrees with the memory store on ${engine.name}`, () => {
    const runtime = storeRuntime(engine)

    test.prop([fc.array(step, { minLength: 1, maxLength: 25 })], { numRuns: 100 })(
      "every append gets the model's answer; the streams hold the model's events, positions growing along each",
      async (steps) => {
        const model = await Effect.runPromise(MemoryEventStore.makeMemory())
        const run = `m${globalThis.crypto.randomUUID().slice(0, 8)}`
        const streams = [0, 1, 2].map((i) => `model-${run}x${i}`)
        const batches: Array<ReadonlyArray<EventEnvelope.NewEvent>> = []
        await runtime.runPromise(
          Effect.gen(function* () {
            const store = yield* PostgresEventStore.PostgresEventStore
            for (const s of steps) {
              let events: ReadonlyArray<EventEnvelope.NewEvent>
              if (s.batch.kind === "fresh" || batches.length === 0) {
                events = yield* newEvents(s.batch.kind === "fresh" ? s.batch.size : 1, "ModelHappened")
              } else {
                const earlier = batches[s.batch.earlier % batches.length]!
                events =
                  s.batch.kind === "again"
                    ? earlier
                    : [...earlier, ...(yield* newEvents(s.batch.size, "ModelHappened"))]
              }
              batches.push(events)
              const stream = streams[s.stream]!
              const expected = outcomeOf(yield* Effect.exit(model.append(stream, events, s.expected)))
              const actual = outcomeOf(yield* Effect.exit(store.append(stream, events, s.expected)))
              expect(actual).toEqual(expected)
            }
            for (const stream of streams) {
              const inModel = yield* model.readStream(stream)
              const inStore = yield* store.readStream(stream)
              expect(inStore.map((e) => [e.eventId, e.streamVersion])).toEqual(
                inModel.map((e) => [e.eventId, e.streamVersion]),
              )
              const positions = inStore.map((e) => e.globalPosition)
              expect(positions).toEqual([...positions].sort((a, b) => a - b))
            }
          }),
        )
      },
    )
  })
}
