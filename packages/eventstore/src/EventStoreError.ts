/**
 * The typed errors of the event store. Every operation fails with one of these and nothing else
 * (a bug in an upcaster or in the adapter is a defect). Bad input is always reported before
 * anything is written.
 *
 * @since 0.1.0
 */
import * as Schema from "effect/Schema"
import { ChainBreak, describe } from "./EventChain.ts"
import { ExpectedVersion, format } from "./ExpectedVersion.ts"

/**
 * The append's expectation did not hold. `actual` is the stream's version when the store checked
 * it (0 when the stream has no events). Nothing was written.
 *
 * @example
 * ```ts
 * import { Effect } from "effect"
 * import { EventStore, ExpectedVersion } from "@yiciban/eventstore"
 *
 * declare const events: ReadonlyArray<EventStore.NewEvent>
 * const program = Effect.gen(function* () {
 *   const store = yield* EventStore.EventStore
 *   return yield* store.append("application-1", events, ExpectedVersion.exact(3))
 * }).pipe(Effect.catchTag("VersionConflict", (conflict) => Effect.succeed(conflict.actual)))
 * ```
 *
 * @category errors
 * @since 0.1.0
 */
export class VersionConflict extends Schema.TaggedError<VersionConflict>()("VersionConflict", {
  stream: Schema.String,
  expected: ExpectedVersion,
  actual: Schema.Number,
}) {
  override get message(): string {
    return `${this.stream}: expected ${format(this.expected)}, actual version ${this.actual}`
  }
}

/**
 * The stream name is not `<category>-<id>` under the rules of `StreamName`.
 *
 * @category errors
 * @since 0.1.0
 */
export class InvalidStreamName extends Schema.TaggedError<InvalidStreamName>()("InvalidStreamName", {
  stream: Schema.String,
  reason: Schema.String,
}) {
  override get message(): string {
    return `invalid stream name ${JSON.stringify(this.stream)}: ${this.reason}`
  }
}

/**
 * An event of the batch has a malformed envelope (event id, type, schema version, metadata) or
 * its data is not JSON. `index` is its position in the batch. Nothing was written.
 *
 * @category errors
 * @since 0.1.0
 */
export class InvalidEvent extends Schema.TaggedError<InvalidEvent>()("InvalidEvent", {
  stream: Schema.String,
  index: Schema.Number,
  reason: Schema.String,
}) {
  override get message(): string {
    return `${this.stream}: event ${this.index} is malformed: ${this.reason}`
  }
}

/**
 * An event's serialized size (UTF-8 bytes of `JSON.stringify(data)` plus
 * `JSON.stringify(metadata)`) exceeds the store's limit. Nothing was written.
 *
 * @category errors
 * @since 0.1.0
 */
export class EventTooLarge extends Schema.TaggedError<EventTooLarge>()("EventTooLarge", {
  stream: Schema.String,
  index: Schema.Number,
  eventId: Schema.String,
  size: Schema.Number,
  maxSize: Schema.Number,
}) {
  override get message(): string {
    return `${this.stream}: event ${this.index} (${this.eventId}) has ${this.size} bytes, over the limit of ${this.maxSize}`
  }
}

/**
 * Why event ids clash:
 *
 * - `RepeatedInBatch`: the same id appears twice in one append;
 * - `PartialOverlap`: some, but not all, of the batch's ids are already stored in the stream
 *   (re-appending a batch whose ids are all stored in the stream is idempotent, not an error);
 * - `StoredInAnotherStream`: an id is already stored in a different stream.
 *
 * @category schemas
 * @since 0.1.0
 */
export const DuplicateReason = Schema.Literals(["RepeatedInBatch", "PartialOverlap", "StoredInAnotherStream"])

/**
 * @category models
 * @since 0.1.0
 */
export type DuplicateReason = typeof DuplicateReason.Type

/**
 * Event ids of the batch clash with each other or with stored events (see
 * {@link DuplicateReason}). `eventIds` lists the clashing ids. Nothing was written.
 *
 * @category errors
 * @since 0.1.0
 */
export class DuplicateEventId extends Schema.TaggedError<DuplicateEventId>()("DuplicateEventId", {
  stream: Schema.String,
  eventIds: Schema.Array(Schema.String),
  reason: DuplicateReason,
}) {
  override get message(): string {
    return `${this.stream}: event ids ${this.eventIds.join(", ")} clash (${this.reason})`
  }
}

/**
 * An argument other than a stream name or an event is out of range: a negative or non-integer
 * position, version or limit, an empty checkpoint name, a snapshot beyond the stream's version.
 *
 * @category errors
 * @since 0.1.0
 */
export class InvalidArgument extends Schema.TaggedError<InvalidArgument>()("InvalidArgument", {
  operation: Schema.String,
  reason: Schema.String,
}) {
  override get message(): string {
    return `${this.operation}: ${this.reason}`
  }
}

/**
 * The adapter could not reach or use its storage (connection lost, pool exhausted, disk full,
 * serialization failure it could not retry). `cause` is the underlying error. The operation may or
 * may not have taken effect when an append fails this way: retry it with the same event ids, which
 * is idempotent.
 *
 * @category errors
 * @since 0.1.0
 */
export class StoreUnavailable extends Schema.TaggedError<StoreUnavailable>()("StoreUnavailable", {
  operation: Schema.String,
  cause: Schema.Defect(),
}) {
  override get message(): string {
    return `${this.operation}: the store is unavailable: ${describeCause(this.cause)}`
  }
}

/**
 * A cause in one line, whatever it is: an error's message, an object's `message`, else its text —
 * or its tag when it has no usable `toString` (a null prototype, a `toString` that returns an
 * object), so describing a failure never fails. `StoreUnavailable`'s message uses it, and so do
 * adapters describing what their driver threw.
 *
 * @example
 * ```ts
 * import { EventStoreError } from "@yiciban/eventstore"
 *
 * EventStoreError.describeCause(new Error("connection reset")) // "connection reset"
 * EventStoreError.describeCause({ message: "gone" }) // "gone"
 * EventStoreError.describeCause(Object.create(null)) // "[object Object]"
 * ```
 *
 * @category constructors
 * @since 0.4.0
 */
export const describeCause = (cause: unknown): string => {
  if (cause instanceof Error) return cause.message
  if (typeof cause === "object" && cause !== null && typeof (cause as { message?: unknown }).message === "string") {
    return (cause as { message: string }).message
  }
  try {
    return String(cause)
  } catch {
    return Object.prototype.toString.call(cause)
  }
}

/**
 * A stream read back does not match its hash chain (see `EventChain`): `version` is the first
 * version where the evidence breaks and `found` says how (`Changed`, `Missing`, …). Raised by
 * `readStream` when the store checks chains on read (the default); nothing is returned.
 *
 * @example
 * ```ts
 * import { Effect } from "effect"
 * import { EventStore } from "@yiciban/eventstore"
 *
 * const load = Effect.gen(function* () {
 *   const store = yield* EventStore.EventStore
 *   return yield* store.readStream("application-1")
 * }).pipe(Effect.catchTag("TamperDetected", (tampered) => Effect.die(tampered)))
 * ```
 *
 * @category errors
 * @since 0.2.0
 */
export class TamperDetected extends Schema.TaggedError<TamperDetected>()("TamperDetected", {
  stream: Schema.String,
  version: Schema.Number,
  found: ChainBreak,
}) {
  override get message(): string {
    return `${this.stream}: tampering detected at version ${this.version}: ${describe(this.found)}`
  }
}

/**
 * Errors of `append`.
 *
 * @category errors
 * @since 0.1.0
 */
export type AppendError =
  | VersionConflict
  | InvalidStreamName
  | InvalidEvent
  | EventTooLarge
  | DuplicateEventId
  | InvalidArgument
  | StoreUnavailable

/**
 * Errors of `readStream`, `loadSnapshot` and `saveSnapshot`.
 *
 * @category errors
 * @since 0.1.0
 */
export type StreamError = InvalidStreamName | InvalidArgument | StoreUnavailable | TamperDetected

/**
 * Errors of `readAll`, `loadCheckpoint` and `saveCheckpoint`.
 *
 * @category errors
 * @since 0.1.0
 */
export type ReadError = InvalidArgument | StoreUnavailable

/**
 * Any error of the event store.
 *
 * @category errors
 * @since 0.1.0
 */
export type EventStoreError = AppendError | TamperDetected
