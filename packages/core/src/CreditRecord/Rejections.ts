/**
 * The rejections of the `CreditRecord` aggregate: data, not thrown errors. Each rule rejection is
 * backed by a named invariant in `invariants.ts`.
 *
 * @since 0.1.0
 */
import * as Schema from "effect/Schema"
import { Role } from "../Actor.ts"
import { CalendarDate } from "../CalendarDate.ts"
import { InvalidInstant } from "../Decider.ts"
import { CreditSubject, EntryKind, InvalidCreditSubject } from "./State.ts"

export { InvalidCreditSubject, InvalidInstant }

/**
 * The actor holds none of the roles the command requires.
 *
 * @category errors
 * @since 0.1.0
 */
export const NotAuthorized = Schema.TaggedStruct("NotAuthorized", {
  actorId: Schema.String,
  required: Schema.Array(Role),
})

/**
 * The command names another subject than the record holds (guarded by `subjectMatches`).
 *
 * @category errors
 * @since 0.1.0
 */
export const WrongSubject = Schema.TaggedStruct("WrongSubject", {
  expected: CreditSubject,
  received: CreditSubject,
})

/**
 * The entry's kind has no default period and the command names no expiry date (guarded by
 * `expiryResolvable`).
 *
 * @category errors
 * @since 0.1.0
 */
export const ExpiryRequired = Schema.TaggedStruct("ExpiryRequired", {
  entryId: Schema.String,
  kind: EntryKind,
})

/**
 * The expiry date is not after the effective date (guarded by `expiryAfterEffective`).
 *
 * @category errors
 * @since 0.1.0
 */
export const ExpiryNotAfterEffective = Schema.TaggedStruct("ExpiryNotAfterEffective", {
  entryId: Schema.String,
  effectiveOn: CalendarDate,
  expiresOn: CalendarDate,
})

/**
 * An entry with this id exists with different content (guarded by `sameEntryContent`).
 *
 * @category errors
 * @since 0.1.0
 */
export const EntryIdConflict = Schema.TaggedStruct("EntryIdConflict", { entryId: Schema.String })

/**
 * No entry with this id.
 *
 * @category errors
 * @since 0.1.0
 */
export const UnknownEntry = Schema.TaggedStruct("UnknownEntry", { entryId: Schema.String })

/**
 * The entry was revoked; it can be neither repaired nor revoked again (guarded by `isRevoked`).
 *
 * @category errors
 * @since 0.1.0
 */
export const EntryRevoked = Schema.TaggedStruct("EntryRevoked", {
  entryId: Schema.String,
  revokedOn: CalendarDate,
})

/**
 * The entry was already repaired (guarded by `isRepaired`).
 *
 * @category errors
 * @since 0.1.0
 */
export const EntryAlreadyRepaired = Schema.TaggedStruct("EntryAlreadyRepaired", {
  entryId: Schema.String,
  repairedOn: CalendarDate,
})

/**
 * A repair or revocation dated after today: it has not happened yet (guarded by `notAfterToday`).
 *
 * @category errors
 * @since 0.1.0
 */
export const DateInFuture = Schema.TaggedStruct("DateInFuture", {
  entryId: Schema.String,
  date: CalendarDate,
  today: CalendarDate,
})

/**
 * A repair dated before the entry takes effect (guarded by `repairNotBeforeEffective`).
 *
 * @category errors
 * @since 0.1.0
 */
export const RepairBeforeEffective = Schema.TaggedStruct("RepairBeforeEffective", {
  entryId: Schema.String,
  effectiveOn: CalendarDate,
  repairedOn: CalendarDate,
})

/**
 * A repair dated after the entry expired: there is nothing left to repair (guarded by
 * `repairNotAfterExpiry`).
 *
 * @category errors
 * @since 0.1.0
 */
export const EntryExpired = Schema.TaggedStruct("EntryExpired", {
  entryId: Schema.String,
  expiresOn: CalendarDate,
  repairedOn: CalendarDate,
})

/**
 * A bar with this id exists with different content (guarded by `sameBarContent`).
 *
 * @category errors
 * @since 0.2.0
 */
export const BarIdConflict = Schema.TaggedStruct("BarIdConflict", { barId: Schema.String })

/**
 * No statutory bar with this id.
 *
 * @category errors
 * @since 0.2.0
 */
export const UnknownBar = Schema.TaggedStruct("UnknownBar", { barId: Schema.String })

/**
 * The statutory bar was already annulled.
 *
 * @category errors
 * @since 0.2.0
 */
export const BarAlreadyAnnulled = Schema.TaggedStruct("BarAlreadyAnnulled", {
  barId: Schema.String,
  annulledOn: CalendarDate,
})

/**
 * Every rejection of the aggregate.
 *
 * @category errors
 * @since 0.1.0
 */
export const Rejection = Schema.Union([
  NotAuthorized,
  InvalidInstant,
  InvalidCreditSubject,
  WrongSubject,
  ExpiryRequired,
  ExpiryNotAfterEffective,
  EntryIdConflict,
  UnknownEntry,
  EntryRevoked,
  EntryAlreadyRepaired,
  DateInFuture,
  RepairBeforeEffective,
  EntryExpired,
  BarIdConflict,
  UnknownBar,
  BarAlreadyAnnulled,
])

/**
 * @category models
 * @since 0.1.0
 */
export type Rejection = typeof Rejection.Type
