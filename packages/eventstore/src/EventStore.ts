/**
 * The event store port: the one service through which Yiciban writes and reads events,
 * checkpoints and snapshots. Adapters (in-memory, PostgreSQL, PGlite) implement it and prove it
 * with the conformance suite in `@yiciban/eventstore/testing`.
 *
 * @since 0.1.0
 */
import type { Effect, Option, Schema } from "effect"
import * as Context from "effect/Context"
import type { AnchorReport, VerifyReport } from "./EventChain.ts"
import type { NewEvent, RecordedEvent } from "./EventEnvelope.ts"
import type { AppendError, ReadError, StoreUnavailable, StreamError } from "./EventStoreError.ts"
import type { NewSnapshot } from "./EventValidation.ts"
import type { ExpectedVersion } from "./ExpectedVersion.ts"

export type { NewEvent, RecordedEvent } from "./EventEnvelope.ts"
export type { NewSnapshot } from "./EventValidation.ts"

/**
 * The outcome of an append: the stream's version after it (the version of the last event of the
 * batch) and the global position of each event of the batch, in batch order.
 *
 * @category models
 * @since 0.1.0
 */
export interface AppendResult {
  readonly streamVersion: number
  readonly globalPositions: ReadonlyArray<number>
}

/**
 * Options of `readStream`: `from` is the first stream version returned (inclusive, default 1;
 * 0 reads like 1); `limit` caps the number of events (default: all).
 *
 * @category models
 * @since 0.1.0
 */
export interface ReadStreamOptions {
  readonly from?: number | undefined
  readonly limit?: number | undefined
}

/**
 * Options of `readAll`: `fromPosition` is the first global position returned (inclusive; 0 reads
 * like 1), `limit` the most events returned (≥ 1).
 *
 * @category models
 * @since 0.1.0
 */
export interface ReadAllOptions {
  readonly fromPosition: number
  readonly limit: number
}

/**
 * A stored snapshot: the state of `stream` folded up to and including `version`, in the state
 * schema `schemaVersion`, saved at `savedAt` (the store's clock).
 *
 * @category models
 * @since 0.1.0
 */
export interface Snapshot {
  readonly stream: string
  readonly version: number
  readonly schemaVersion: number
  readonly state: Schema.Json
  readonly savedAt: string
}

/**
 * The event store.
 *
 * **Streams and versions.** Streams are named `<category>-<id>` (see `StreamName`). A stream's
 * events have versions 1, 2, 3, … without gaps; a stream with no events has version 0.
 *
 * **append(stream, events, expected)** checks the input (stream name, envelopes, sizes, repeated
 * ids: a typed error, nothing written), then — atomically — checks the expectation against the
 * stream's version and writes the whole batch or nothing. The expectation is `any`, `noStream`,
 * `streamExists` or `exact(n)`; when it does not hold the append fails with `VersionConflict`
 * carrying the `actual` version. Of any number of concurrent appends with `exact(n)` to one stream,
 * exactly one succeeds. Re-appending a batch whose event ids are all already stored in the same
 * stream writes nothing and returns the stored versions and positions (idempotent, even when the
 * expectation no longer holds); a batch with some ids stored and some not, or with an id stored in
 * another stream, fails with `DuplicateEventId`. An empty batch writes nothing and only checks the
 * expectation. The decision is `AppendPlan.plan`; input checks are `EventValidation`.
 *
 * **readStream(stream, { from, limit })** returns the stream's events with version ≥ `from` in
 * version order (empty for a stream with no events), after upcasting. Treat the events as read-only:
 * a store may hand out the same deeply frozen event again (the in-memory store always does; the
 * PostgreSQL stores do for a row their chain check has already checked), always in a fresh array.
 *
 * **readAll({ fromPosition, limit })** returns up to `limit` events with global position ≥
 * `fromPosition`, in global order, after upcasting. Global positions are safe integers from 1 to
 * 2^53 − 1, strictly increasing, not necessarily contiguous. The contract every adapter must keep:
 * **`readAll(from)` returns a prefix of the eventual global order starting at `from`**. That is, if
 * it returns an event at position p, then every event with a position in [from, p) that will ever
 * be committed is already committed and is in the result; an adapter whose positions are assigned
 * before commit (a database sequence) must therefore stop before the first position whose
 * transaction is still open (the "gap" problem), and may only skip it once that transaction has
 * rolled back. Within a stream, global order equals version order. This contract is what lets a
 * subscriber keep one number as its checkpoint and never miss an event.
 *
 * **Checkpoints.** `loadCheckpoint(name)` returns the stored position, 0 when none was saved.
 * `saveCheckpoint(name, position)` is monotonic: it stores `max(stored, position)` and returns the
 * stored value, so a late or duplicate subscriber can never move a checkpoint backwards. To
 * rebuild a projection, use a new checkpoint name. Names have 1 to 200 characters.
 *
 * **Snapshots.** `saveSnapshot(stream, { version, schemaVersion, state })` stores the state folded
 * up to `version`, which must be between 1 and the stream's current version (else
 * `InvalidArgument`); saving the same version again replaces it. `loadSnapshot(stream)` returns
 * the snapshot with the highest version, or none. Snapshot states are not upcast: a reader that
 * finds an unexpected `schemaVersion` ignores the snapshot and folds the stream.
 *
 * **Tamper evidence.** Every event is stored with a hash chaining it to the event before it in its
 * stream (`EventChain`). `readStream` checks the chain of what it reads (unless the store was made
 * with `checkChainOnRead: false`) and fails with `TamperDetected`. `anchor` records every
 * stream's head (version and hash) where the head still extends its last anchor; `verify` walks
 * every stream and every anchor and reports each break (changed events, missing versions, a
 * deleted or rewritten tail). Neither changes an event.
 *
 * **Errors.** Bad input fails with `InvalidStreamName`, `InvalidEvent`, `EventTooLarge`,
 * `DuplicateEventId` or `InvalidArgument` before anything is written; storage failures are
 * `StoreUnavailable`.
 *
 * @example
 * ```ts
 * import { Effect } from "effect"
 * import { EventEnvelope, EventStore, ExpectedVersion, MemoryEventStore } from "@yiciban/eventstore"
 *
 * const program = Effect.gen(function* () {
 *   const store = yield* EventStore.EventStore
 *   const eventId = yield* EventEnvelope.makeEventId
 *   yield* store.append(
 *     "application-0001",
 *     [
 *       {
 *         eventId,
 *         type: "ApplicationSubmitted",
 *         schemaVersion: 1,
 *         data: { matter: "0001" },
 *         metadata: {
 *           commandId: "cmd-1",
 *           correlationId: "cmd-1",
 *           causationId: "cmd-1",
 *           actor: { id: "applicant-9", roles: ["applicant"] },
 *           occurredAt: "2026-09-24T01:30:00.000Z",
 *         },
 *       },
 *     ],
 *     ExpectedVersion.noStream,
 *   )
 *   return yield* store.readStream("application-0001")
 * }).pipe(Effect.provide(MemoryEventStore.layerMemory()))
 * ```
 *
 * @category services
 * @since 0.1.0
 */
export class EventStore extends Context.Service<
  EventStore,
  {
    readonly append: (
      stream: string,
      events: ReadonlyArray<NewEvent>,
      expected: ExpectedVersion,
    ) => Effect.Effect<AppendResult, AppendError>
    readonly readStream: (
      stream: string,
      options?: ReadStreamOptions,
    ) => Effect.Effect<ReadonlyArray<RecordedEvent>, StreamError>
    readonly readAll: (options: ReadAllOptions) => Effect.Effect<ReadonlyArray<RecordedEvent>, ReadError>
    readonly loadCheckpoint: (name: string) => Effect.Effect<number, ReadError>
    readonly saveCheckpoint: (name: string, position: number) => Effect.Effect<number, ReadError>
    readonly saveSnapshot: (stream: string, snapshot: NewSnapshot) => Effect.Effect<void, StreamError>
    readonly loadSnapshot: (stream: string) => Effect.Effect<Option.Option<Snapshot>, StreamError>
    readonly anchor: Effect.Effect<AnchorReport, StoreUnavailable>
    readonly verify: Effect.Effect<VerifyReport, StoreUnavailable>
  }
>()("@yiciban/eventstore/EventStore") {}
