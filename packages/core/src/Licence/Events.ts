/**
 * The events of the `Licence` aggregate. Every event carries the licence id and the day it
 * happened on.
 *
 * @since 0.2.0
 */
import * as Schema from "effect/Schema"
import { CaseNo } from "../Application/State.ts"
import { CalendarDate } from "../CalendarDate.ts"
import type { EventVersions } from "../Decider.ts"
import {
  Alteration,
  DeregistrationGround,
  Grant,
  LicenceId,
  PublicInterestAssessment,
  RevocationBasis,
  Term,
} from "./State.ts"

/**
 * The licence was issued from a granted, concluded case, with its first term.
 *
 * @category schemas
 * @since 0.2.0
 */
export const LicenceIssued = Schema.TaggedStruct("LicenceIssued", {
  licenceId: LicenceId,
  grant: Grant,
  term: Term,
})

/**
 * @category models
 * @since 0.2.0
 */
export type LicenceIssued = typeof LicenceIssued.Type

/**
 * The holder applied for renewal, on or before `latestDay` (ALL Art 50).
 *
 * @category schemas
 * @since 0.2.0
 */
export const RenewalApplied = Schema.TaggedStruct("RenewalApplied", {
  licenceId: LicenceId,
  appliedOn: CalendarDate,
  latestDay: CalendarDate,
  expiresOn: CalendarDate,
  caseNo: Schema.optionalKey(CaseNo),
  appliedBy: Schema.String,
})

/**
 * @category models
 * @since 0.2.0
 */
export type RenewalApplied = typeof RenewalApplied.Type

/**
 * The licence was renewed for the next term: approved before the expiry, or by law (`deemed`)
 * when no decision came by then.
 *
 * @category schemas
 * @since 0.2.0
 */
export const LicenceRenewed = Schema.TaggedStruct("LicenceRenewed", {
  licenceId: LicenceId,
  renewedOn: CalendarDate,
  term: Term,
  deemed: Schema.Boolean,
  decidedBy: Schema.String,
})

/**
 * @category models
 * @since 0.2.0
 */
export type LicenceRenewed = typeof LicenceRenewed.Type

/**
 * The renewal was refused before the expiry, with reasons: the licence ends with its term.
 *
 * @category schemas
 * @since 0.2.0
 */
export const RenewalRefused = Schema.TaggedStruct("RenewalRefused", {
  licenceId: LicenceId,
  refusedOn: CalendarDate,
  reasons: Schema.NonEmptyString,
  decidedBy: Schema.String,
})

/**
 * @category models
 * @since 0.2.0
 */
export type RenewalRefused = typeof RenewalRefused.Type

/**
 * The holder applied for a change (ALL Art 49).
 *
 * @category schemas
 * @since 0.2.0
 */
export const ChangeRequested = Schema.TaggedStruct("ChangeRequested", {
  licenceId: LicenceId,
  requestedOn: CalendarDate,
  alteration: Alteration,
  reason: Schema.NonEmptyString,
  caseNo: Schema.optionalKey(CaseNo),
  requestedBy: Schema.String,
})

/**
 * @category models
 * @since 0.2.0
 */
export type ChangeRequested = typeof ChangeRequested.Type

/**
 * The change was approved and made.
 *
 * @category schemas
 * @since 0.2.0
 */
export const LicenceChanged = Schema.TaggedStruct("LicenceChanged", {
  licenceId: LicenceId,
  changedOn: CalendarDate,
  alteration: Alteration,
  decidedBy: Schema.String,
})

/**
 * @category models
 * @since 0.2.0
 */
export type LicenceChanged = typeof LicenceChanged.Type

/**
 * The change was refused with reasons.
 *
 * @category schemas
 * @since 0.2.0
 */
export const ChangeRefused = Schema.TaggedStruct("ChangeRefused", {
  licenceId: LicenceId,
  refusedOn: CalendarDate,
  reasons: Schema.NonEmptyString,
  decidedBy: Schema.String,
})

/**
 * @category models
 * @since 0.2.0
 */
export type ChangeRefused = typeof ChangeRefused.Type

/**
 * A supervising authority suspended the licence from `suspendedOn`.
 *
 * @category schemas
 * @since 0.2.0
 */
export const LicenceSuspended = Schema.TaggedStruct("LicenceSuspended", {
  licenceId: LicenceId,
  suspendedOn: CalendarDate,
  reason: Schema.NonEmptyString,
  legalBasis: Schema.NonEmptyString,
  suspendedBy: Schema.String,
})

/**
 * @category models
 * @since 0.2.0
 */
export type LicenceSuspended = typeof LicenceSuspended.Type

/**
 * The suspension was lifted: the licence is valid again from `liftedOn`.
 *
 * @category schemas
 * @since 0.2.0
 */
export const SuspensionLifted = Schema.TaggedStruct("SuspensionLifted", {
  licenceId: LicenceId,
  liftedOn: CalendarDate,
  reason: Schema.NonEmptyString,
  liftedBy: Schema.String,
})

/**
 * @category models
 * @since 0.2.0
 */
export type SuspensionLifted = typeof SuspensionLifted.Type

/**
 * The licence was revoked (撤销, ALL Art 69) from `revokedOn`. A `Fraud` basis carries the holder,
 * the matter's base code, the finding day and the findings: what a credit entry and the Art 79
 * re-application bar need.
 *
 * @category schemas
 * @since 0.2.0
 */
export const LicenceRevoked = Schema.TaggedStruct("LicenceRevoked", {
  licenceId: LicenceId,
  revokedOn: CalendarDate,
  basis: RevocationBasis,
  reasons: Schema.NonEmptyString,
  publicInterest: PublicInterestAssessment,
  revokedBy: Schema.String,
})

/**
 * @category models
 * @since 0.2.0
 */
export type LicenceRevoked = typeof LicenceRevoked.Type

/**
 * A revocation was not made because it would seriously harm the public interest (ALL Art 69(3));
 * the grounds found and the assessment stay on record.
 *
 * @category schemas
 * @since 0.2.0
 */
export const RevocationWithheld = Schema.TaggedStruct("RevocationWithheld", {
  licenceId: LicenceId,
  withheldOn: CalendarDate,
  basis: RevocationBasis,
  reasons: Schema.NonEmptyString,
  publicInterest: PublicInterestAssessment,
  decidedBy: Schema.String,
})

/**
 * @category models
 * @since 0.2.0
 */
export type RevocationWithheld = typeof RevocationWithheld.Type

/**
 * The licence was deregistered (注销, ALL Art 70) from `deregisteredOn`.
 *
 * @category schemas
 * @since 0.2.0
 */
export const LicenceDeregistered = Schema.TaggedStruct("LicenceDeregistered", {
  licenceId: LicenceId,
  deregisteredOn: CalendarDate,
  ground: DeregistrationGround,
  reasons: Schema.NonEmptyString,
  deregisteredBy: Schema.String,
})

/**
 * @category models
 * @since 0.2.0
 */
export type LicenceDeregistered = typeof LicenceDeregistered.Type

/**
 * The term ended on `lastDay` with no renewal pending: the licence is expired from the day after.
 *
 * @category schemas
 * @since 0.2.0
 */
export const LicenceExpired = Schema.TaggedStruct("LicenceExpired", {
  licenceId: LicenceId,
  lastDay: CalendarDate,
  recordedOn: CalendarDate,
})

/**
 * @category models
 * @since 0.2.0
 */
export type LicenceExpired = typeof LicenceExpired.Type

/**
 * Every event of the aggregate.
 *
 * @category schemas
 * @since 0.2.0
 */
export const Event = Schema.Union([
  LicenceIssued,
  RenewalApplied,
  LicenceRenewed,
  RenewalRefused,
  ChangeRequested,
  LicenceChanged,
  ChangeRefused,
  LicenceSuspended,
  SuspensionLifted,
  LicenceRevoked,
  RevocationWithheld,
  LicenceDeregistered,
  LicenceExpired,
])

/**
 * @category models
 * @since 0.2.0
 */
export type Event = typeof Event.Type

/**
 * The schema version of each event type.
 *
 * @category models
 * @since 0.2.0
 */
export const eventVersions: EventVersions<Event> = {
  LicenceIssued: 1,
  RenewalApplied: 1,
  LicenceRenewed: 1,
  RenewalRefused: 1,
  ChangeRequested: 1,
  LicenceChanged: 1,
  ChangeRefused: 1,
  LicenceSuspended: 1,
  SuspensionLifted: 1,
  LicenceRevoked: 1,
  RevocationWithheld: 1,
  LicenceDeregistered: 1,
  LicenceExpired: 1,
}
