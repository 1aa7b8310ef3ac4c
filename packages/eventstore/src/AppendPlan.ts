/**
 * The decision every adapter makes for a checked append, given what its storage holds: write the
 * batch at the next versions, answer from the events already stored (idempotent re-append, or an
 * empty batch whose expectation holds), or fail with a conflict or a clash of event ids. The
 * adapter reads the facts and writes in one atomic step (a transaction, a lock, a single
 * synchronous block) and must still guard the write itself (a unique constraint on stream and
 * version, and on event id), since the facts may be stale by the time it writes.
 *
 * @since 0.1.0
 */
import * as Result from "effect/Result"
import type { AppendResult } from "./EventStore.ts"
import { DuplicateEventId, VersionConflict } from "./EventStoreError.ts"
import type { AppendRequest } from "./EventValidation.ts"
import * as ExpectedVersion from "./ExpectedVersion.ts"

/**
 * Where a stored event sits.
 *
 * @category models
 * @since 0.1.0
 */
export interface StoredEventRef {
  readonly eventId: string
  readonly stream: string
  readonly streamVersion: number
  readonly globalPosition: number
}

/**
 * What the storage holds that matters for one append: the stream's current version (0 when it has
 * no events) and the stored events whose ids are among the batch's ids, in any stream.
 *
 * @category models
 * @since 0.1.0
 */
export interface StreamFacts {
  readonly version: number
  readonly existing: ReadonlyArray<StoredEventRef>
}

/**
 * `Write`: store the batch with versions `firstVersion`, `firstVersion + 1`, …; `Done`: write
 * nothing and answer `result`.
 *
 * @category models
 * @since 0.1.0
 */
export type AppendPlan =
  | { readonly _tag: "Write"; readonly firstVersion: number }
  | { readonly _tag: "Done"; readonly result: AppendResult }

/**
 * Decides an append:
 *
 * 1. an id stored in another stream → `DuplicateEventId` (`StoredInAnotherStream`);
 * 2. every id of a non-empty batch stored in this stream → `Done` with the stored versions and
 *    positions (idempotent; the expectation is not checked again, it held when they were written);
 * 3. some ids stored, not all → `DuplicateEventId` (`PartialOverlap`);
 * 4. the expectation fails at `facts.version` → `VersionConflict` with `actual = facts.version`;
 * 5. an empty batch → `Done` with the current version and no positions;
 * 6. otherwise `Write` from `facts.version + 1`.
 *
 * @example
 * ```ts
 * import { AppendPlan } from "@yiciban/eventstore"
 *
 * declare const request: import("@yiciban/eventstore").EventValidation.AppendRequest
 * const decision = AppendPlan.plan(request, { version: 3, existing: [] })
 * ```
 *
 * @category combinators
 * @since 0.1.0
 */
export const plan = (
  request: AppendRequest,
  facts: StreamFacts,
): Result.Result<AppendPlan, VersionConflict | DuplicateEventId> => {
  const stream = request.stream
  if (facts.existing.length > 0) {
    const elsewhere = facts.existing.filter((ref) => ref.stream !== stream)
    if (elsewhere.length > 0) {
      return Result.fail(
        new DuplicateEventId({
          stream,
          eventIds: elsewhere.map((ref) => ref.eventId),
          reason: "StoredInAnotherStream",
        }),
      )
    }
    const byId = new Map(facts.existing.map((ref) => [ref.eventId, ref]))
    const refs = request.events.map((event) => byId.get(event.eventId))
    if (refs.every((ref) => ref !== undefined)) {
      return Result.succeed({
        _tag: "Done",
        result: {
          streamVersion: Math.max(...refs.map((ref) => ref.streamVersion)),
          globalPositions: refs.map((ref) => ref.globalPosition),
        },
      })
    }
    return Result.fail(
      new DuplicateEventId({ stream, eventIds: facts.existing.map((ref) => ref.eventId), reason: "PartialOverlap" }),
    )
  }
  if (!ExpectedVersion.isSatisfiedBy(request.expected, facts.version)) {
    return Result.fail(new VersionConflict({ stream, expected: request.expected, actual: facts.version }))
  }
  if (request.events.length === 0) {
    return Result.succeed({ _tag: "Done", result: { streamVersion: facts.version, globalPositions: [] } })
  }
  return Result.succeed({ _tag: "Write", firstVersion: facts.version + 1 })
}
