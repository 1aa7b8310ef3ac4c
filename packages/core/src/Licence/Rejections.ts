/**
 * The rejections of the `Licence` aggregate: data, not thrown errors. Each rule rejection names
 * what is wrong and why, and is backed by a named invariant in `invariants.ts`.
 *
 * @since 0.2.0
 */
import * as Schema from "effect/Schema"
import { Role } from "../Actor.ts"
import { CalendarDate } from "../CalendarDate.ts"
import { InvalidInstant } from "../Decider.ts"
import { DeregistrationGround, Phase } from "./State.ts"

export { InvalidInstant }

/**
 * The actor holds none of the roles the command requires.
 *
 * @category errors
 * @since 0.2.0
 */
export const NotAuthorized = Schema.TaggedStruct("NotAuthorized", {
  actorId: Schema.String,
  required: Schema.Array(Role),
})

/**
 * The grant, or the rescission, is of another case than the one that produced this licence
 * (guarded by `sameCase`).
 *
 * @category errors
 * @since 0.2.0
 */
export const WrongCase = Schema.TaggedStruct("WrongCase", {
  licenceId: Schema.String,
  caseNo: Schema.String,
})

/**
 * The licence was issued already.
 *
 * @category errors
 * @since 0.2.0
 */
export const AlreadyIssued = Schema.TaggedStruct("AlreadyIssued", {
  licenceId: Schema.String,
  licenceNo: Schema.String,
})

/**
 * No licence was issued under this id.
 *
 * @category errors
 * @since 0.2.0
 */
export const NotIssued = Schema.TaggedStruct("NotIssued", { licenceId: Schema.String })

/**
 * The licence was revoked, deregistered or has expired, and the command needs one that has not
 * (guarded by `isOpen` / `inTermOn`).
 *
 * @category errors
 * @since 0.2.0
 */
export const LicenceClosed = Schema.TaggedStruct("LicenceClosed", {
  licenceId: Schema.String,
  phase: Phase,
  since: CalendarDate,
})

/**
 * The licence does not expire (indefinite validity), so there is nothing to renew or expire.
 *
 * @category errors
 * @since 0.2.0
 */
export const DoesNotExpire = Schema.TaggedStruct("DoesNotExpire", { licenceId: Schema.String })

/**
 * A renewal is already pending (guarded by `renewalPending`).
 *
 * @category errors
 * @since 0.2.0
 */
export const RenewalAlreadyPending = Schema.TaggedStruct("RenewalAlreadyPending", {
  licenceId: Schema.String,
  appliedOn: CalendarDate,
})

/**
 * ALL Art 50: a renewal is applied for at least `leadDays` days before the expiry; `latestDay` was
 * the last day to apply (guarded by `renewalInTime`).
 *
 * @category errors
 * @since 0.2.0
 */
export const RenewalApplicationTooLate = Schema.TaggedStruct("RenewalApplicationTooLate", {
  licenceId: Schema.String,
  expiresOn: CalendarDate,
  leadDays: Schema.Int,
  latestDay: CalendarDate,
  today: CalendarDate,
  article: Schema.Literal("ALL Art 50"),
})

/**
 * No renewal (or change) is pending.
 *
 * @category errors
 * @since 0.2.0
 */
export const NothingPending = Schema.TaggedStruct("NothingPending", {
  licenceId: Schema.String,
  what: Schema.Literals(["renewal", "change"]),
})

/**
 * ALL Art 50: the decision on a renewal comes before the expiry; after it the renewal is granted by
 * law from `deemedFrom` (guarded by `renewalDecidableOn`).
 *
 * @category errors
 * @since 0.2.0
 */
export const RenewalDecisionTooLate = Schema.TaggedStruct("RenewalDecisionTooLate", {
  licenceId: Schema.String,
  expiresOn: CalendarDate,
  deemedFrom: CalendarDate,
  today: CalendarDate,
  article: Schema.Literal("ALL Art 50"),
})

/**
 * The term has not ended yet: a renewal is not deemed, an expiry not recorded, before the day after
 * `expiresOn` (guarded by `termEndedBy`).
 *
 * @category errors
 * @since 0.2.0
 */
export const TermNotEnded = Schema.TaggedStruct("TermNotEnded", {
  licenceId: Schema.String,
  expiresOn: CalendarDate,
  today: CalendarDate,
})

/**
 * A renewal applied for in time is pending: the licence does not expire with its term (guarded
 * by `renewalPending`).
 *
 * @category errors
 * @since 0.2.0
 */
export const RenewalPending = Schema.TaggedStruct("RenewalPending", {
  licenceId: Schema.String,
  appliedOn: CalendarDate,
})

/**
 * A change is already pending.
 *
 * @category errors
 * @since 0.2.0
 */
export const ChangeAlreadyPending = Schema.TaggedStruct("ChangeAlreadyPending", {
  licenceId: Schema.String,
  requestedOn: CalendarDate,
})

/**
 * A change alters nothing: no field, or every field equal to what the licence says (guarded by
 * `altersSomething`).
 *
 * @category errors
 * @since 0.2.0
 */
export const NothingToChange = Schema.TaggedStruct("NothingToChange", { licenceId: Schema.String })

/**
 * The licence is suspended already.
 *
 * @category errors
 * @since 0.2.0
 */
export const AlreadySuspended = Schema.TaggedStruct("AlreadySuspended", {
  licenceId: Schema.String,
  since: CalendarDate,
})

/**
 * The licence is not suspended.
 *
 * @category errors
 * @since 0.2.0
 */
export const NotSuspended = Schema.TaggedStruct("NotSuspended", { licenceId: Schema.String })

/**
 * A finding dated after today, or before the licence's case was decided.
 *
 * @category errors
 * @since 0.2.0
 */
export const FindingDateOutOfRange = Schema.TaggedStruct("FindingDateOutOfRange", {
  licenceId: Schema.String,
  foundOn: CalendarDate,
  earliest: CalendarDate,
  today: CalendarDate,
})

/**
 * ALL Art 70: the ground named does not hold for this licence on this day; `why` says what is
 * missing (guarded by `deregistrationGroundHolds`).
 *
 * @category errors
 * @since 0.2.0
 */
export const DeregistrationGroundNotMet = Schema.TaggedStruct("DeregistrationGroundNotMet", {
  licenceId: Schema.String,
  ground: DeregistrationGround,
  why: Schema.String,
  article: Schema.Literal("ALL Art 70"),
})

/**
 * Every rejection of the aggregate.
 *
 * @category errors
 * @since 0.2.0
 */
export const Rejection = Schema.Union([
  NotAuthorized,
  InvalidInstant,
  WrongCase,
  AlreadyIssued,
  NotIssued,
  LicenceClosed,
  DoesNotExpire,
  RenewalAlreadyPending,
  RenewalApplicationTooLate,
  NothingPending,
  RenewalDecisionTooLate,
  TermNotEnded,
  RenewalPending,
  ChangeAlreadyPending,
  NothingToChange,
  AlreadySuspended,
  NotSuspended,
  FindingDateOutOfRange,
  DeregistrationGroundNotMet,
])

/**
 * @category models
 * @since 0.2.0
 */
export type Rejection = typeof Rejection.Type
