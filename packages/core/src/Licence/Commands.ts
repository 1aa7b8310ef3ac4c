/**
 * The commands of the `Licence` aggregate. Every command names its licence (`licenceId`, the number
 * of the case that produced it), which routes it to the stream `licence-<licenceId>`.
 *
 * @since 0.2.0
 */
import * as Schema from "effect/Schema"
import { CaseNo } from "../Application/State.ts"
import { CalendarDate } from "../CalendarDate.ts"
import {
  Alteration,
  AuthorityErrorGround,
  Compensation,
  DeregistrationGround,
  Grant,
  ImproperMeans,
  LicenceId,
  PublicInterestAssessment,
} from "./State.ts"

/**
 * Issues the licence of a granted and concluded case. The runtime sends it (the process manager
 * that follows `CertificateIssued`) with the {@link Grant} it read from the case; a caller never
 * supplies the grant.
 *
 * @category schemas
 * @since 0.2.0
 */
export const IssueLicence = Schema.TaggedStruct("IssueLicence", {
  licenceId: LicenceId,
  grant: Grant,
})

/**
 * @category models
 * @since 0.2.0
 */
export type IssueLicence = typeof IssueLicence.Type

/**
 * The holder applies to renew (延续) the licence (ALL Art 50): at least `renewalLeadDays` (30 unless
 * the law sets another period) days before it expires. `caseNo`: the case the application was
 * registered under, if any.
 *
 * @category schemas
 * @since 0.2.0
 */
export const ApplyForRenewal = Schema.TaggedStruct("ApplyForRenewal", {
  licenceId: LicenceId,
  caseNo: Schema.optionalKey(CaseNo),
})

/**
 * @category models
 * @since 0.2.0
 */
export type ApplyForRenewal = typeof ApplyForRenewal.Type

/**
 * A decision on an application: approve it, or refuse it with reasons.
 *
 * @category schemas
 * @since 0.2.0
 */
export const Decision = Schema.Union([
  Schema.TaggedStruct("Approve", {}),
  Schema.TaggedStruct("Refuse", { reasons: Schema.NonEmptyString }),
])

/**
 * @category models
 * @since 0.2.0
 */
export type Decision = typeof Decision.Type

/**
 * The authority decides a pending renewal, before the licence expires (ALL Art 50).
 *
 * @category schemas
 * @since 0.2.0
 */
export const DecideRenewal = Schema.TaggedStruct("DecideRenewal", {
  licenceId: LicenceId,
  decision: Decision,
})

/**
 * @category models
 * @since 0.2.0
 */
export type DecideRenewal = typeof DecideRenewal.Type

/**
 * A renewal applied for in time and not decided by the expiry is renewed by law (逾期未作决定的，视为
 * 准予延续, ALL Art 50). The runtime's timer sends it the day after the expiry.
 *
 * @category schemas
 * @since 0.2.0
 */
export const DeemRenewed = Schema.TaggedStruct("DeemRenewed", { licenceId: LicenceId })

/**
 * @category models
 * @since 0.2.0
 */
export type DeemRenewed = typeof DeemRenewed.Type

/**
 * The holder applies to change (变更) the licence (ALL Art 49): its scope, its name, or both.
 *
 * @category schemas
 * @since 0.2.0
 */
export const RequestChange = Schema.TaggedStruct("RequestChange", {
  licenceId: LicenceId,
  alteration: Alteration,
  reason: Schema.NonEmptyString,
  caseNo: Schema.optionalKey(CaseNo),
})

/**
 * @category models
 * @since 0.2.0
 */
export type RequestChange = typeof RequestChange.Type

/**
 * The authority decides a pending change (ALL Art 49).
 *
 * @category schemas
 * @since 0.2.0
 */
export const DecideChange = Schema.TaggedStruct("DecideChange", {
  licenceId: LicenceId,
  decision: Decision,
})

/**
 * @category models
 * @since 0.2.0
 */
export type DecideChange = typeof DecideChange.Type

/**
 * A supervising authority suspends the licence from today (暂停), with the reason and the legal
 * basis.
 *
 * @category schemas
 * @since 0.2.0
 */
export const SuspendLicence = Schema.TaggedStruct("SuspendLicence", {
  licenceId: LicenceId,
  reason: Schema.NonEmptyString,
  legalBasis: Schema.NonEmptyString,
})

/**
 * @category models
 * @since 0.2.0
 */
export type SuspendLicence = typeof SuspendLicence.Type

/**
 * The supervising authority lifts the suspension from today.
 *
 * @category schemas
 * @since 0.2.0
 */
export const LiftSuspension = Schema.TaggedStruct("LiftSuspension", {
  licenceId: LicenceId,
  reason: Schema.NonEmptyString,
})

/**
 * @category models
 * @since 0.2.0
 */
export type LiftSuspension = typeof LiftSuspension.Type

/**
 * Why the authority revokes: its own error (ALL Art 69(1)) with the ground and the compensation
 * decision, or the holder's fraud (ALL Art 69(2)) with the means, the day it was found and the
 * findings.
 *
 * @category schemas
 * @since 0.2.0
 */
export const RevocationGround = Schema.Union([
  Schema.TaggedStruct("AuthorityError", { ground: AuthorityErrorGround, compensation: Compensation }),
  Schema.TaggedStruct("Fraud", {
    means: ImproperMeans,
    foundOn: CalendarDate,
    findings: Schema.NonEmptyString,
  }),
])

/**
 * @category models
 * @since 0.2.0
 */
export type RevocationGround = typeof RevocationGround.Type

/**
 * The authority that decided, or its superior, revokes (撤销) the licence (ALL Art 69), with the
 * public-interest assessment: a revocation that would seriously harm the public interest is not
 * made but recorded as withheld (Art 69(3)).
 *
 * @category schemas
 * @since 0.2.0
 */
export const RevokeLicence = Schema.TaggedStruct("RevokeLicence", {
  licenceId: LicenceId,
  ground: RevocationGround,
  reasons: Schema.NonEmptyString,
  publicInterest: PublicInterestAssessment,
})

/**
 * @category models
 * @since 0.2.0
 */
export type RevokeLicence = typeof RevokeLicence.Type

/**
 * The rescission of a case's grant (撤销), as the runtime reads it from the case: the day, the
 * legal basis and reasons, and the false-commitment finding it followed, if any.
 *
 * @category schemas
 * @since 0.2.0
 */
export const Rescission = Schema.Struct({
  caseNo: CaseNo,
  rescindedOn: CalendarDate,
  legalBasis: Schema.String,
  reasons: Schema.String,
  falseFinding: Schema.NullOr(Schema.Struct({ foundOn: CalendarDate, findings: Schema.NonEmptyString })),
})

/**
 * @category models
 * @since 0.2.0
 */
export type Rescission = typeof Rescission.Type

/**
 * The grant of the case that produced the licence was rescinded, so the licence is revoked with it:
 * for fraud (ALL Art 69(2)) when the rescission followed a false commitment, otherwise on the
 * case's own record. Sent by the runtime's process manager with the {@link Rescission} read from
 * the case.
 *
 * @category schemas
 * @since 0.2.0
 */
export const RevokeWithRescindedGrant = Schema.TaggedStruct("RevokeWithRescindedGrant", {
  licenceId: LicenceId,
  rescission: Rescission,
})

/**
 * @category models
 * @since 0.2.0
 */
export type RevokeWithRescindedGrant = typeof RevokeWithRescindedGrant.Type

/**
 * The authority deregisters (注销) the licence on one of the grounds of ALL Art 70.
 *
 * @category schemas
 * @since 0.2.0
 */
export const DeregisterLicence = Schema.TaggedStruct("DeregisterLicence", {
  licenceId: LicenceId,
  ground: DeregistrationGround,
  reasons: Schema.NonEmptyString,
})

/**
 * @category models
 * @since 0.2.0
 */
export type DeregisterLicence = typeof DeregisterLicence.Type

/**
 * The term ended with no renewal pending: the runtime's timer records the expiry the day after.
 *
 * @category schemas
 * @since 0.2.0
 */
export const RecordExpiry = Schema.TaggedStruct("RecordExpiry", { licenceId: LicenceId })

/**
 * @category models
 * @since 0.2.0
 */
export type RecordExpiry = typeof RecordExpiry.Type

/**
 * Every command of the aggregate.
 *
 * @category schemas
 * @since 0.2.0
 */
export const Command = Schema.Union([
  IssueLicence,
  ApplyForRenewal,
  DecideRenewal,
  DeemRenewed,
  RequestChange,
  DecideChange,
  SuspendLicence,
  LiftSuspension,
  RevokeLicence,
  RevokeWithRescindedGrant,
  DeregisterLicence,
  RecordExpiry,
])

/**
 * @category models
 * @since 0.2.0
 */
export type Command = typeof Command.Type
