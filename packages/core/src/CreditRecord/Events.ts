/**
 * The events of the `CreditRecord` aggregate. Each carries the subject, so a consumer of the
 * global stream needs no lookup.
 *
 * @since 0.1.0
 */
import * as Schema from "effect/Schema"
import { CalendarDate } from "../CalendarDate.ts"
import type { EventVersions } from "../Decider.ts"
import { MatterCode } from "../PublishedMatter.ts"
import { BarArticle, CreditSubject, EntryKind, EntrySource } from "./State.ts"

/**
 * An entry was recorded, with its expiry resolved (explicit or the kind's default period).
 *
 * @category schemas
 * @since 0.1.0
 */
export const CreditEntryRecorded = Schema.TaggedStruct("CreditEntryRecorded", {
  subject: CreditSubject,
  entryId: Schema.NonEmptyString,
  kind: EntryKind,
  source: EntrySource,
  reason: Schema.NonEmptyString,
  effectiveOn: CalendarDate,
  expiresOn: CalendarDate,
  recordedBy: Schema.String,
})

/**
 * @category models
 * @since 0.1.0
 */
export type CreditEntryRecorded = typeof CreditEntryRecorded.Type

/**
 * An entry was repaired (信用修复) as of `repairedOn`.
 *
 * @category schemas
 * @since 0.1.0
 */
export const CreditEntryRepaired = Schema.TaggedStruct("CreditEntryRepaired", {
  subject: CreditSubject,
  entryId: Schema.NonEmptyString,
  reason: Schema.NonEmptyString,
  repairedOn: CalendarDate,
  repairedBy: Schema.String,
})

/**
 * @category models
 * @since 0.1.0
 */
export type CreditEntryRepaired = typeof CreditEntryRepaired.Type

/**
 * An entry recorded by mistake was revoked; it is void.
 *
 * @category schemas
 * @since 0.1.0
 */
export const CreditEntryRevoked = Schema.TaggedStruct("CreditEntryRevoked", {
  subject: CreditSubject,
  entryId: Schema.NonEmptyString,
  reason: Schema.NonEmptyString,
  revokedOn: CalendarDate,
  revokedBy: Schema.String,
})

/**
 * @category models
 * @since 0.1.0
 */
export type CreditEntryRevoked = typeof CreditEntryRevoked.Type

/**
 * A statutory re-application bar was recorded, with its last day (one or three years, by the law).
 *
 * @category schemas
 * @since 0.2.0
 */
export const StatutoryBarRecorded = Schema.TaggedStruct("StatutoryBarRecorded", {
  subject: CreditSubject,
  barId: Schema.NonEmptyString,
  article: BarArticle,
  baseCode: MatterCode,
  source: EntrySource,
  reason: Schema.NonEmptyString,
  effectiveOn: CalendarDate,
  endsOn: CalendarDate,
  recordedBy: Schema.String,
})

/**
 * @category models
 * @since 0.2.0
 */
export type StatutoryBarRecorded = typeof StatutoryBarRecorded.Type

/**
 * A statutory bar was annulled: its finding was set aside.
 *
 * @category schemas
 * @since 0.2.0
 */
export const StatutoryBarAnnulled = Schema.TaggedStruct("StatutoryBarAnnulled", {
  subject: CreditSubject,
  barId: Schema.NonEmptyString,
  reason: Schema.NonEmptyString,
  annulledOn: CalendarDate,
  annulledBy: Schema.String,
})

/**
 * @category models
 * @since 0.2.0
 */
export type StatutoryBarAnnulled = typeof StatutoryBarAnnulled.Type

/**
 * Every event of the aggregate.
 *
 * @category schemas
 * @since 0.1.0
 */
export const Event = Schema.Union([
  CreditEntryRecorded,
  CreditEntryRepaired,
  CreditEntryRevoked,
  StatutoryBarRecorded,
  StatutoryBarAnnulled,
])

/**
 * @category models
 * @since 0.1.0
 */
export type Event = typeof Event.Type

/**
 * The schema version of each event type.
 *
 * @category models
 * @since 0.1.0
 */
export const eventVersions: EventVersions<Event> = {
  CreditEntryRecorded: 1,
  CreditEntryRepaired: 1,
  CreditEntryRevoked: 1,
  StatutoryBarRecorded: 1,
  StatutoryBarAnnulled: 1,
}
