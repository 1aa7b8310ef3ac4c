/**
 * The input checks every adapter runs before it touches storage, so all adapters reject the same
 * inputs with the same typed errors and write nothing. An adapter calls these, then talks to its
 * storage with the checked values.
 *
 * @since 0.1.0
 */
import * as Effect from "effect/Effect"
import * as Result from "effect/Result"
import * as Schema from "effect/Schema"
import type { EventMetadata, NewEvent } from "./EventEnvelope.ts"
import * as EventEnvelope from "./EventEnvelope.ts"
import {
  DuplicateEventId,
  EventTooLarge,
  InvalidArgument,
  InvalidEvent,
  type InvalidStreamName,
} from "./EventStoreError.ts"
import * as ExpectedVersion from "./ExpectedVersion.ts"
import * as FastDecode from "./internal/fastDecode.ts"
import * as StreamName from "./StreamName.ts"
import type { Upcasters } from "./Upcaster.ts"

/**
 * The default largest event: 1 MiB (1,048,576 bytes) of serialized data and metadata.
 *
 * @category models
 * @since 0.1.0
 */
export const defaultMaxEventSize = 1_048_576

/**
 * What every adapter's constructor accepts besides its connection settings.
 *
 * - `upcasters`: applied to every event read (default: none);
 * - `maxEventSize`: the largest event in bytes, see {@link eventSize} (default
 *   {@link defaultMaxEventSize});
 * - `checkChainOnRead`: check each stream's hash chain when it is read and fail with
 *   `TamperDetected` when it breaks (default true; see `EventChain`).
 *
 * @category models
 * @since 0.1.0
 */
export interface StoreOptions {
  readonly upcasters?: Upcasters | undefined
  readonly maxEventSize?: number | undefined
  readonly checkChainOnRead?: boolean | undefined
}

const nonAscii = /[\u0080-\uffff]/

/**
 * The number of bytes of `text` in UTF-8, counted without encoding it. A lone surrogate counts 3
 * bytes, as `TextEncoder` and `Buffer.byteLength` encode it (U+FFFD); `JSON.stringify` escapes lone
 * surrogates, so serialized JSON never has one.
 *
 * @example
 * ```ts
 * import { EventValidation } from "@yiciban/eventstore"
 *
 * EventValidation.utf8Length("李雷 👋") // 11: 3 + 3 + 1 + 4
 * ```
 *
 * @category combinators
 * @since 0.1.0
 */
export const utf8Length = (text: string): number => {
  const length = text.length
  // The regular expression skips the ASCII prefix natively, which is most of most JSON.
  const first = text.search(nonAscii)
  if (first < 0) return length
  let bytes = length
  for (let i = first; i < length; i++) {
    const code = text.charCodeAt(i)
    if (code < 0x80) continue
    if (code < 0x800) {
      bytes += 1
      continue
    }
    if (code >= 0xd800 && code <= 0xdbff && i + 1 < length) {
      const next = text.charCodeAt(i + 1)
      if (next >= 0xdc00 && next <= 0xdfff) {
        // a surrogate pair: two UTF-16 units, four bytes
        i++
        bytes += 2
        continue
      }
    }
    bytes += 2
  }
  return bytes
}

/**
 * The size the limit applies to: UTF-8 bytes of `JSON.stringify(event.data)` plus
 * `JSON.stringify(event.metadata)`.
 *
 * @category combinators
 * @since 0.1.0
 */
export const eventSize = (event: NewEvent): number =>
  utf8Length(JSON.stringify(event.data)) + utf8Length(JSON.stringify(event.metadata))

/**
 * Checks a stream name.
 *
 * @category combinators
 * @since 0.1.0
 */
export const streamName = (stream: string): Effect.Effect<StreamName.StreamName, InvalidStreamName> =>
  Effect.fromResult(StreamName.parse(stream))

const isNonNegativeSafeInteger = (n: unknown): n is number => Number.isSafeInteger(n) && (n as number) >= 0
const isPositiveSafeInteger = (n: unknown): n is number => Number.isSafeInteger(n) && (n as number) >= 1

/**
 * A checked append: a valid stream name, decoded events (unknown keys dropped) with pairwise
 * distinct ids, each within the size limit, and a well-formed expectation.
 *
 * @category models
 * @since 0.1.0
 */
export interface AppendRequest {
  readonly stream: StreamName.StreamName
  readonly events: ReadonlyArray<NewEvent>
  readonly expected: ExpectedVersion.ExpectedVersion
}

/**
 * An event's `data` and `metadata` as `JSON.stringify` writes them: the strings whose UTF-8
 * bytes the size limit counts, ready for storage.
 *
 * @category models
 * @since 0.1.0
 */
export interface SerializedEvent {
  readonly data: string
  readonly metadata: string
}

/**
 * What {@link appendRequest} answers: the checked append and, for each event (same index), its
 * serialized data and metadata, so an adapter that stores JSON text need not serialize again.
 *
 * @category models
 * @since 0.1.0
 */
export interface CheckedAppend extends AppendRequest {
  readonly serialized: ReadonlyArray<SerializedEvent>
}

const deepFreeze = <A>(value: A): A => {
  if (typeof value === "object" && value !== null && !Object.isFrozen(value)) {
    Object.freeze(value)
    for (const key of Object.keys(value)) deepFreeze((value as Record<string, unknown>)[key])
  }
  return value
}

const decodeEvent = Schema.decodeUnknownResult(EventEnvelope.NewEvent)
const decodeExpected = Schema.decodeUnknownResult(ExpectedVersion.ExpectedVersion)
const excessIgnored = { onExcessProperty: "ignore" } as const

/**
 * Checks an append's input, synchronously: the same checks and errors as {@link appendRequest}.
 * With `frozen`, each checked event's `data` and `metadata` are deeply frozen copies that no
 * caller's object shares, and its serialized text is theirs (for a store that keeps the values:
 * the in-memory store).
 *
 * @category combinators
 * @since 0.1.0
 */
export const checkAppend = (
  stream: string,
  events: ReadonlyArray<unknown>,
  expected: unknown,
  options: { readonly maxEventSize: number; readonly frozen?: boolean | undefined },
): Result.Result<
  CheckedAppend,
  InvalidStreamName | InvalidEvent | EventTooLarge | DuplicateEventId | InvalidArgument
> => {
  const name = StreamName.parse(stream)
  if (Result.isFailure(name)) return Result.fail(name.failure)
  let expectation = FastDecode.expectedVersion(expected)
  if (expectation === undefined) {
    const decoded = decodeExpected(expected)
    if (Result.isFailure(decoded)) {
      return Result.fail(
        new InvalidArgument({ operation: "append", reason: `expected version: ${decoded.failure.message}` }),
      )
    }
    expectation = decoded.success
  }
  if (!Array.isArray(events)) {
    return Result.fail(new InvalidArgument({ operation: "append", reason: "events must be an array" }))
  }
  const count = events.length
  const decoded = new Array<NewEvent>(count)
  const serialized = new Array<SerializedEvent>(count)
  const frozen = options.frozen === true
  const fast = FastDecode.makeEventDecoder(frozen)
  const seen = new Set<string>()
  let repeated: Set<string> | undefined
  // The fast decoder hands back one metadata value for events that share their metadata object.
  let lastMetadata: EventMetadata | undefined
  let metadataJson = ""
  let metadataSize = 0
  for (let index = 0; index < count; index++) {
    let event = fast(events[index])
    let copied = frozen
    if (event === undefined) {
      const result = decodeEvent(events[index], excessIgnored)
      if (Result.isFailure(result)) {
        return Result.fail(new InvalidEvent({ stream, index, reason: result.failure.message }))
      }
      event = result.success
      copied = false
    }
    const data = JSON.stringify(event.data)
    if (event.metadata !== lastMetadata) {
      lastMetadata = event.metadata
      metadataJson = JSON.stringify(event.metadata)
      metadataSize = utf8Length(metadataJson)
    }
    if (frozen && !copied) {
      // The schema's answer may share the caller's objects: the copies come from the JSON text.
      event = { ...event, data: deepFreeze(JSON.parse(data)), metadata: deepFreeze(JSON.parse(metadataJson)) }
    }
    const size = utf8Length(data) + metadataSize
    if (size > options.maxEventSize) {
      return Result.fail(
        new EventTooLarge({ stream, index, eventId: event.eventId, size, maxSize: options.maxEventSize }),
      )
    }
    if (seen.has(event.eventId)) {
      repeated ??= new Set()
      repeated.add(event.eventId)
    }
    seen.add(event.eventId)
    decoded[index] = event
    serialized[index] = { data, metadata: metadataJson }
  }
  if (repeated !== undefined) {
    return Result.fail(new DuplicateEventId({ stream, eventIds: [...repeated], reason: "RepeatedInBatch" }))
  }
  return Result.succeed({ stream: name.success, events: decoded, expected: expectation, serialized })
}

/**
 * Checks an append's input: stream name, expectation, every envelope, every size, and that no id
 * repeats in the batch. Fails with the first problem found.
 *
 * @example
 * ```ts
 * import { Effect } from "effect"
 * import { EventValidation, ExpectedVersion } from "@yiciban/eventstore"
 *
 * declare const events: ReadonlyArray<unknown>
 * const checked = EventValidation.appendRequest("application-1", events, ExpectedVersion.any, {
 *   maxEventSize: EventValidation.defaultMaxEventSize,
 * })
 * ```
 *
 * @category combinators
 * @since 0.1.0
 */
export const appendRequest = (
  stream: string,
  events: ReadonlyArray<unknown>,
  expected: unknown,
  options: { readonly maxEventSize: number },
): Effect.Effect<
  CheckedAppend,
  InvalidStreamName | InvalidEvent | EventTooLarge | DuplicateEventId | InvalidArgument
> => Effect.suspend(() => Effect.fromResult(checkAppend(stream, events, expected, options)))

/**
 * The checked options of `readStream`: `from` (first version, inclusive, at least 1) and an
 * optional `limit`.
 *
 * @category models
 * @since 0.1.0
 */
export interface ReadStreamRequest {
  readonly stream: StreamName.StreamName
  readonly from: number
  readonly limit: number | undefined
}

/**
 * Checks `readStream`'s input: `from` is a safe integer ≥ 0 (0 reads like 1, default 1) and
 * `limit`, when given, a safe integer ≥ 1.
 *
 * @category combinators
 * @since 0.1.0
 */
export const readStreamRequest = (
  stream: string,
  options: { readonly from?: number | undefined; readonly limit?: number | undefined } | undefined,
): Effect.Effect<ReadStreamRequest, InvalidStreamName | InvalidArgument> =>
  Effect.suspend(() => Effect.fromResult(checkReadStream(stream, options)))

/**
 * Checks `readStream`'s input, synchronously: the same checks and errors as
 * {@link readStreamRequest}.
 *
 * @category combinators
 * @since 0.1.0
 */
export const checkReadStream = (
  stream: string,
  options: { readonly from?: number | undefined; readonly limit?: number | undefined } | undefined,
): Result.Result<ReadStreamRequest, InvalidStreamName | InvalidArgument> => {
  const name = StreamName.parse(stream)
  if (Result.isFailure(name)) return Result.fail(name.failure)
  const from = options?.from ?? 1
  if (!isNonNegativeSafeInteger(from)) {
    return Result.fail(
      new InvalidArgument({ operation: "readStream", reason: `from must be a safe integer ≥ 0, got ${from}` }),
    )
  }
  const limit = options?.limit
  if (limit !== undefined && !isPositiveSafeInteger(limit)) {
    return Result.fail(
      new InvalidArgument({ operation: "readStream", reason: `limit must be a safe integer ≥ 1, got ${limit}` }),
    )
  }
  return Result.succeed({ stream: name.success, from: Math.max(from, 1), limit })
}

/**
 * The checked options of `readAll`.
 *
 * @category models
 * @since 0.1.0
 */
export interface ReadAllRequest {
  readonly fromPosition: number
  readonly limit: number
}

/**
 * Checks `readAll`'s input: `fromPosition` is a safe integer ≥ 0 (inclusive; 0 reads like 1) and
 * `limit` a safe integer ≥ 1.
 *
 * @category combinators
 * @since 0.1.0
 */
export const readAllRequest = (options: {
  readonly fromPosition: number
  readonly limit: number
}): Effect.Effect<ReadAllRequest, InvalidArgument> =>
  Effect.gen(function* () {
    if (!isNonNegativeSafeInteger(options?.fromPosition)) {
      return yield* new InvalidArgument({
        operation: "readAll",
        reason: `fromPosition must be a safe integer ≥ 0, got ${options?.fromPosition}`,
      })
    }
    if (!isPositiveSafeInteger(options.limit)) {
      return yield* new InvalidArgument({
        operation: "readAll",
        reason: `limit must be a safe integer ≥ 1, got ${options.limit}`,
      })
    }
    return { fromPosition: Math.max(options.fromPosition, 1), limit: options.limit }
  })

/**
 * Checks a checkpoint name: 1 to 200 characters.
 *
 * @category combinators
 * @since 0.1.0
 */
export const checkpointName = (operation: string, name: string): Effect.Effect<string, InvalidArgument> =>
  typeof name === "string" && name.length >= 1 && name.length <= 200
    ? Effect.succeed(name)
    : Effect.fail(new InvalidArgument({ operation, reason: "a checkpoint name has 1 to 200 characters" }))

/**
 * Checks a checkpoint position: a safe integer ≥ 0.
 *
 * @category combinators
 * @since 0.1.0
 */
export const checkpointPosition = (position: number): Effect.Effect<number, InvalidArgument> =>
  isNonNegativeSafeInteger(position)
    ? Effect.succeed(position)
    : Effect.fail(
        new InvalidArgument({
          operation: "saveCheckpoint",
          reason: `a checkpoint position is a safe integer ≥ 0, got ${position}`,
        }),
      )

/**
 * A snapshot to save: the stream version it reflects, the schema version of `state` and the state
 * as JSON.
 *
 * @category models
 * @since 0.1.0
 */
export interface NewSnapshot {
  readonly version: number
  readonly schemaVersion: number
  readonly state: Schema.Json
}

/**
 * A checked snapshot save.
 *
 * @category models
 * @since 0.1.0
 */
export interface SnapshotRequest {
  readonly stream: StreamName.StreamName
  readonly snapshot: NewSnapshot
}

const decodeJson = Schema.decodeUnknownResult(Schema.Json)

/**
 * Checks `saveSnapshot`'s input: `version` a safe integer ≥ 1, `schemaVersion` an integer from 1
 * to 2,147,483,647, `state` JSON. That `version` does not exceed the stream's version is checked by
 * the adapter against its storage.
 *
 * @category combinators
 * @since 0.1.0
 */
export const snapshotRequest = (
  stream: string,
  snapshot: NewSnapshot,
): Effect.Effect<SnapshotRequest, InvalidStreamName | InvalidArgument> =>
  Effect.gen(function* () {
    const name = yield* streamName(stream)
    const fail = (reason: string) => new InvalidArgument({ operation: "saveSnapshot", reason })
    if (!isPositiveSafeInteger(snapshot?.version)) {
      return yield* fail(`version must be a safe integer ≥ 1, got ${snapshot?.version}`)
    }
    if (
      !Number.isInteger(snapshot.schemaVersion) ||
      snapshot.schemaVersion < 1 ||
      snapshot.schemaVersion > 2_147_483_647
    ) {
      return yield* fail(`schemaVersion must be an integer from 1 to 2147483647, got ${snapshot.schemaVersion}`)
    }
    const state = decodeJson(snapshot.state)
    if (Result.isFailure(state)) return yield* fail(`state must be JSON: ${state.failure.message}`)
    return {
      stream: name,
      snapshot: { version: snapshot.version, schemaVersion: snapshot.schemaVersion, state: state.success },
    }
  })

/**
 * The error for a snapshot whose version is beyond the stream's current version.
 *
 * @category constructors
 * @since 0.1.0
 */
export const snapshotBeyondStream = (stream: string, version: number, streamVersion: number): InvalidArgument =>
  new InvalidArgument({
    operation: "saveSnapshot",
    reason: `snapshot version ${version} is beyond ${stream}'s version ${streamVersion}`,
  })
