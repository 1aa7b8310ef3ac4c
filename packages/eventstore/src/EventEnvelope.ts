/**
 * The envelope every stored event travels in: the caller's {@link NewEvent} (id, type, schema
 * version, JSON data, metadata) and the {@link RecordedEvent} the store hands back, which adds the
 * stream, the version in the stream, the global position and the instant the store recorded it.
 *
 * @since 0.1.0
 */

import type { Effect } from "effect"
import { SecureRandom } from "effect/crypto"
import * as Schema from "effect/Schema"
import { isUtcInstant } from "./internal/instant.ts"
import { makeRandomPool } from "./internal/randomPool.ts"

/**
 * An event id: a UUID in canonical lowercase form (`8-4-4-4-12` hex digits, RFC 9562 version 1–8
 * and variant bits). Ids made by {@link makeEventId} are UUIDv7s, which sort by creation time;
 * callers that derive ids deterministically (for example from a command id) may use another
 * version.
 *
 * @category schemas
 * @since 0.1.0
 */
export const EventId = Schema.String.check(
  Schema.isPattern(/^[0-9a-f]{8}-[0-9a-f]{4}-[1-8][0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/, {
    expected: "a lowercase UUID (8-4-4-4-12 hex digits)",
  }),
)

/**
 * @category models
 * @since 0.1.0
 */
export type EventId = typeof EventId.Type

// 4 KiB of the platform's secure random bytes at a time (256 ids), not one call per id.
const generator = SecureRandom.make(makeRandomPool((bytes) => globalThis.crypto.getRandomValues(bytes), 4096))

/**
 * A fresh UUIDv7 event id from the `Clock` (so `TestClock` controls its timestamp) and
 * `globalThis.crypto`. Ids made by one process sort in creation order.
 *
 * @example
 * ```ts
 * import { Effect } from "effect"
 * import { EventEnvelope } from "@yiciban/eventstore"
 *
 * const program = Effect.gen(function* () {
 *   const eventId = yield* EventEnvelope.makeEventId
 *   return eventId // "0190f0c8-8d6b-7c3e-9a51-6f2b0e8c1d2a"
 * })
 * ```
 *
 * @category constructors
 * @since 0.1.0
 */
export const makeEventId: Effect.Effect<EventId> = generator.uuidV7()

/**
 * An event type name: 1 to 128 characters, an ASCII letter followed by ASCII letters, digits and
 * `_`, `.`, `:`, `-`. Aggregates use their event's `_tag` (`ApplicationSubmitted`).
 *
 * @category schemas
 * @since 0.1.0
 */
export const EventType = Schema.String.check(
  Schema.isPattern(/^[A-Za-z][A-Za-z0-9_.:-]{0,127}$/, {
    expected: "an event type: an ASCII letter, then up to 127 ASCII letters, digits or _ . : -",
  }),
)

/**
 * The version of an event's data schema: an integer from 1 to 2,147,483,647.
 *
 * @category schemas
 * @since 0.1.0
 */
export const SchemaVersion = Schema.Int.check(Schema.isBetween({ minimum: 1, maximum: 2_147_483_647 }))

/**
 * An ISO-8601 UTC instant as produced by `Date.prototype.toISOString`
 * (`2026-09-24T01:30:00.000Z`; the fraction is optional, the `Z` is required) on a real date
 * between the years 100 and 9999.
 *
 * @category schemas
 * @since 0.1.0
 */
export const Instant = Schema.String.check(
  Schema.makeFilter((input: string) => isUtcInstant(input), {
    expected: "an ISO-8601 UTC instant such as 2026-09-24T01:30:00.000Z",
  }),
)

const Id = Schema.String.check(Schema.isBetweenLength(1, 200))

/**
 * Who issued the command that produced an event, as the store keeps it: a JSON object with an `id`
 * (1 to 200 characters) and whatever else the layer above records (the runtime records its actor:
 * roles, authority, region, the subjects acted for). The store knows nothing of what it means.
 *
 * @example
 * ```ts
 * import { Schema } from "effect"
 * import { EventEnvelope } from "@yiciban/eventstore"
 *
 * Schema.decodeUnknownSync(EventEnvelope.ActorRef)({ id: "clerk-07", roles: ["windowClerk"] }) // ok
 * ```
 *
 * @category schemas
 * @since 0.2.0
 */
export const ActorRef = Schema.StructWithRest(Schema.Struct({ id: Id }), [Schema.Record(Schema.String, Schema.Json)])

/**
 * @category models
 * @since 0.2.0
 */
export type ActorRef = typeof ActorRef.Type

/**
 * Who and what caused an event:
 *
 * - `commandId`: the command that produced it;
 * - `correlationId`: the conversation it belongs to (the first command's id, carried along);
 * - `causationId`: the message (command or event id) that directly caused it;
 * - `actor`: who issued the command ({@link ActorRef}: an object with an `id`, opaque to the store);
 * - `occurredAt`: when the command was decided (the command context's `now`).
 *
 * Ids are 1 to 200 characters.
 *
 * @category schemas
 * @since 0.1.0
 */
export const EventMetadata = Schema.Struct({
  commandId: Id,
  correlationId: Id,
  causationId: Id,
  actor: ActorRef,
  occurredAt: Instant,
})

/**
 * @category models
 * @since 0.1.0
 */
export type EventMetadata = typeof EventMetadata.Type

/**
 * An event to append. `data` is any JSON value (finite numbers, plain objects and arrays only).
 *
 * @example
 * ```ts
 * import type { EventEnvelope } from "@yiciban/eventstore"
 *
 * const event: EventEnvelope.NewEvent = {
 *   eventId: "0190f0c8-8d6b-7c3e-9a51-6f2b0e8c1d2a",
 *   type: "ApplicationSubmitted",
 *   schemaVersion: 1,
 *   data: { applicationId: "0001", matterCode: "11430100MB1234567X-001" },
 *   metadata: {
 *     commandId: "cmd-1",
 *     correlationId: "cmd-1",
 *     causationId: "cmd-1",
 *     actor: { id: "applicant-9", roles: ["applicant"] },
 *     occurredAt: "2026-09-24T01:30:00.000Z",
 *   },
 * }
 * ```
 *
 * @category schemas
 * @since 0.1.0
 */
export const NewEvent = Schema.Struct({
  eventId: EventId,
  type: EventType,
  schemaVersion: SchemaVersion,
  data: Schema.Json,
  metadata: EventMetadata,
})

/**
 * @category models
 * @since 0.1.0
 */
export type NewEvent = typeof NewEvent.Type

/**
 * A global position: a safe integer from 1 to `Number.MAX_SAFE_INTEGER` (2^53 − 1). Positions
 * strictly increase in global order but need not be contiguous (a PostgreSQL sequence skips the
 * numbers of rolled-back transactions).
 *
 * @category schemas
 * @since 0.1.0
 */
export const GlobalPosition = Schema.Int.check(Schema.isBetween({ minimum: 1, maximum: Number.MAX_SAFE_INTEGER }))

/**
 * A stored event as read back: the new event (after upcasting: `schemaVersion` and `data` are the
 * latest the store's upcasters reach) plus
 *
 * - `stream`: the stream it belongs to;
 * - `streamVersion`: its version in the stream (1 for the first event, contiguous);
 * - `globalPosition`: its place in the global order;
 * - `recordedAt`: when the store wrote it, from the store's clock.
 *
 * @category schemas
 * @since 0.1.0
 */
export const RecordedEvent = Schema.Struct({
  ...NewEvent.fields,
  stream: Schema.String,
  streamVersion: Schema.Int.check(Schema.isBetween({ minimum: 1, maximum: Number.MAX_SAFE_INTEGER })),
  globalPosition: GlobalPosition,
  recordedAt: Instant,
})

/**
 * @category models
 * @since 0.1.0
 */
export type RecordedEvent = typeof RecordedEvent.Type
