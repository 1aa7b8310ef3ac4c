import { fc, test } from "@fast-check/vitest"
import { Result } from "effect"
import { describe, expect } from "vitest"
import { AppendPlan, type EventEnvelope, type EventValidation, ExpectedVersion, StreamName } from "../src/index.ts"

const stream = Result.getOrThrow(StreamName.parse("plan-1"))
const expectedArb = fc.oneof(
  fc.constant(ExpectedVersion.any),
  fc.constant(ExpectedVersion.noStream),
  fc.constant(ExpectedVersion.streamExists),
  fc.nat(6).map(ExpectedVersion.exact),
)
const batchArb = fc.uniqueArray(fc.uuid({ version: 7 }), { maxLength: 5 })
const request = (
  ids: ReadonlyArray<string>,
  expected: ExpectedVersion.ExpectedVersion,
): EventValidation.AppendRequest => ({
  stream,
  expected,
  events: ids.map((eventId) => ({ eventId }) as EventEnvelope.NewEvent),
})
const ref = (eventId: string, i: number, where = stream as string): AppendPlan.StoredEventRef => ({
  eventId,
  stream: where,
  streamVersion: i + 1,
  globalPosition: 10 * (i + 1),
})

describe("AppendPlan", () => {
  test.prop([batchArb, expectedArb, fc.nat(6)])(
    "without stored ids, the batch is written exactly when the expectation holds",
    (ids, expected, version) => {
      const plan = AppendPlan.plan(request(ids, expected), { version, existing: [] })
      if (ExpectedVersion.isSatisfiedBy(expected, version)) {
        expect(Result.getOrThrow(plan)).toEqual(
          ids.length === 0
            ? { _tag: "Done", result: { streamVersion: version, globalPositions: [] } }
            : { _tag: "Write", firstVersion: version + 1 },
        )
      } else {
        expect(Result.isFailure(plan) && plan.failure).toMatchObject({
          _tag: "VersionConflict",
          stream,
          expected,
          actual: version,
        })
      }
    },
  )

  test.prop([batchArb.filter((ids) => ids.length > 0), expectedArb, fc.nat(6)])(
    "a batch stored in this stream is answered from storage, whatever the expectation",
    (ids, expected, extra) => {
      const existing = ids.map((id, i) => ref(id, i)).reverse()
      const plan = AppendPlan.plan(request(ids, expected), { version: ids.length + extra, existing })
      expect(Result.getOrThrow(plan)).toEqual({
        _tag: "Done",
        result: { streamVersion: ids.length, globalPositions: ids.map((_, i) => 10 * (i + 1)) },
      })
    },
  )

  test.prop([batchArb.filter((ids) => ids.length > 1), fc.nat(), expectedArb])(
    "some ids stored, not all: a partial overlap naming the stored ids; one stored elsewhere: never written",
    (ids, cut, expected) => {
      const stored = ids.slice(0, 1 + (cut % (ids.length - 1)))
      const partial = AppendPlan.plan(request(ids, expected), {
        version: 3,
        existing: stored.map((id, i) => ref(id, i)),
      })
      expect(Result.isFailure(partial) && partial.failure).toMatchObject({
        _tag: "DuplicateEventId",
        reason: "PartialOverlap",
        eventIds: stored,
      })
      const elsewhere = AppendPlan.plan(request(ids, expected), {
        version: 0,
        existing: [ref(ids[0]!, 0, "plan-2"), ...ids.slice(1).map((id, i) => ref(id, i + 1))],
      })
      expect(Result.isFailure(elsewhere) && elsewhere.failure).toMatchObject({
        _tag: "DuplicateEventId",
        reason: "StoredInAnotherStream",
        eventIds: [ids[0]],
      })
    },
  )
})
