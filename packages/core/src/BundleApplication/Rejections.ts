/**
 * The rejections of the `BundleApplication` aggregate.
 *
 * @since 0.3.0
 */
import * as Schema from "effect/Schema"
import { Role } from "../Actor.ts"
import { ChildOutcome, Phase } from "./State.ts"

const Id = { caseNo: Schema.String }
const Codes = Schema.Array(Schema.String)

/**
 * The actor holds none of the roles the command requires.
 *
 * @category errors
 * @since 0.3.0
 */
export const NotAuthorized = Schema.TaggedStruct("NotAuthorized", {
  actorId: Schema.String,
  required: Schema.Array(Role),
})

/**
 * The command's instant is not an ISO instant.
 *
 * @category errors
 * @since 0.3.0
 */
export const InvalidInstant = Schema.TaggedStruct("InvalidInstant", { now: Schema.String })

/**
 * A command other than the submission on a case that has no events.
 *
 * @category errors
 * @since 0.3.0
 */
export const UnknownBundleCase = Schema.TaggedStruct("UnknownBundleCase", Id)

/**
 * A submission on a case that exists.
 *
 * @category errors
 * @since 0.3.0
 */
export const BundleCaseAlreadyExists = Schema.TaggedStruct("BundleCaseAlreadyExists", Id)

/**
 * The command names another case than the stream holds.
 *
 * @category errors
 * @since 0.3.0
 */
export const WrongBundleCase = Schema.TaggedStruct("WrongBundleCase", {
  expected: Schema.String,
  received: Schema.String,
})

/**
 * The command is not allowed in the case's phase.
 *
 * @category errors
 * @since 0.3.0
 */
export const NotAllowedInPhase = Schema.TaggedStruct("NotAllowedInPhase", {
  command: Schema.String,
  phase: Phase,
})

/**
 * Materials that are not on the bundle's merged list.
 *
 * @category errors
 * @since 0.3.0
 */
export const UnknownMaterials = Schema.TaggedStruct("UnknownMaterials", { codes: Codes })

/**
 * The same material handed over twice in one command (two codes of one merged entry count as one).
 *
 * @category errors
 * @since 0.3.0
 */
export const DuplicateMaterials = Schema.TaggedStruct("DuplicateMaterials", { codes: Codes })

/**
 * A matter that is not a member of the pinned bundle version.
 *
 * @category errors
 * @since 0.3.0
 */
export const NotAMember = Schema.TaggedStruct("NotAMember", { implementationCode: Schema.String })

/**
 * Correction items for materials the member does not ask for.
 *
 * @category errors
 * @since 0.3.0
 */
export const NotRequiredByMember = Schema.TaggedStruct("NotRequiredByMember", {
  implementationCode: Schema.String,
  codes: Codes,
})

/**
 * A "missing" item for a material the applicant already handed over: a material handed over once
 * is never asked for again (一次告知, 一套材料).
 *
 * @category errors
 * @since 0.3.0
 */
export const MaterialAlreadyHandedOver = Schema.TaggedStruct("MaterialAlreadyHandedOver", { codes: Codes })

/**
 * A "defective" item for a material that was never handed over.
 *
 * @category errors
 * @since 0.3.0
 */
export const MaterialNotHandedOver = Schema.TaggedStruct("MaterialNotHandedOver", { codes: Codes })

/**
 * The applicant is outside a member's scope (subject type or region, ALL Art 31): the bundle cannot
 * open that member's child.
 *
 * @category errors
 * @since 0.3.0
 */
export const ApplicantOutOfScope = Schema.TaggedStruct("ApplicantOutOfScope", {
  implementationCode: Schema.String,
  problem: Schema.Literals(["subjectType", "region"]),
})

/**
 * Issuing a combined notice with nothing proposed.
 *
 * @category errors
 * @since 0.3.0
 */
export const NothingToNotify = Schema.TaggedStruct("NothingToNotify", Id)

/**
 * An answer handing over materials the notice does not ask for.
 *
 * @category errors
 * @since 0.3.0
 */
export const NotAskedFor = Schema.TaggedStruct("NotAskedFor", { codes: Codes })

/**
 * The acceptance does not name every member exactly once.
 *
 * @category errors
 * @since 0.3.0
 */
export const MembersNotCovered = Schema.TaggedStruct("MembersNotCovered", {
  missing: Codes,
  unexpected: Codes,
  repeated: Codes,
})

/**
 * A member's acceptance that its terms or the materials do not allow: ordinary acceptance with
 * materials outstanding, a deferral the member does not offer for those materials, a commitment
 * the member does not offer or that does not replace them. `codes` are the materials at issue.
 *
 * @category errors
 * @since 0.3.0
 */
export const AcceptanceNotAllowed = Schema.TaggedStruct("AcceptanceNotAllowed", {
  implementationCode: Schema.String,
  mode: Schema.Literals(["Ordinary", "Tolerant", "OnCommitment"]),
  why: Schema.Literals(["materialsOutstanding", "notDeferrable", "commitmentNotOffered", "notReplaceable"]),
  codes: Codes,
})

/**
 * The working-day calendar has no data for a year the joint limit runs into.
 *
 * @category errors
 * @since 0.3.0
 */
export const CalendarNotCovered = Schema.TaggedStruct("CalendarNotCovered", { year: Schema.Int })

/**
 * An outcome for a case that is not one of this bundle's children.
 *
 * @category errors
 * @since 0.3.0
 */
export const UnknownChild = Schema.TaggedStruct("UnknownChild", { childCaseNo: Schema.String })

/**
 * A child's decision (grant, denial, declined acceptance) recorded as made by another authority
 * than the one that judges the child.
 *
 * @category errors
 * @since 0.3.0
 */
export const DecidedByAnotherAuthority = Schema.TaggedStruct("DecidedByAnotherAuthority", {
  childCaseNo: Schema.String,
  expected: Schema.String,
  received: Schema.NullOr(Schema.String),
})

/**
 * A second, different outcome for a child already concluded.
 *
 * @category errors
 * @since 0.3.0
 */
export const ChildAlreadyConcluded = Schema.TaggedStruct("ChildAlreadyConcluded", {
  childCaseNo: Schema.String,
  recorded: ChildOutcome,
})

/**
 * A second extension of the joint limit.
 *
 * @category errors
 * @since 0.3.0
 */
export const JointLimitAlreadyExtended = Schema.TaggedStruct("JointLimitAlreadyExtended", Id)

/**
 * An extension above 15 working days (ALL Art 42).
 *
 * @category errors
 * @since 0.3.0
 */
export const JointExtensionAboveCap = Schema.TaggedStruct("JointExtensionAboveCap", {
  workingDays: Schema.Int,
  cap: Schema.Int,
})

/**
 * Unified delivery while children are still open.
 *
 * @category errors
 * @since 0.3.0
 */
export const ChildrenStillOpen = Schema.TaggedStruct("ChildrenStillOpen", { childCaseNos: Codes })

/**
 * An electronic licence relied on for a material that does not fit the submission (`mismatch`: not
 * a material a member marks for that licence, or not given as that licence), or a material given as
 * such a licence without the runtime's look-up (`notLookedUp`), or asked to be spared by a licence
 * the applicant does not hold on the day (`noValidLicence`, from the runtime).
 *
 * @category errors
 * @since 0.3.0
 */
export const LicenceRelianceInvalid = Schema.TaggedStruct("LicenceRelianceInvalid", {
  problem: Schema.Literals(["mismatch", "notLookedUp", "noValidLicence"]),
  codes: Codes,
  message: Schema.String,
})

/**
 * A shared fact relied on for a material that does not fit the submission (`mismatch`: not an entry
 * every member requiring it marks for that kind of fact, not given as shared data, or an entry
 * twice), a material given as shared data the runtime did not fetch (`notLookedUp`), or one the
 * members do not take from shared data (`notMarked`), or asked to be taken from shared data when
 * the source has no such fact about the applicant (`noRecord`, from the runtime).
 *
 * @category errors
 * @since 0.3.0
 */
export const SharedDataRelianceInvalid = Schema.TaggedStruct("SharedDataRelianceInvalid", {
  problem: Schema.Literals(["noRecord", "notLookedUp", "notMarked", "mismatch"]),
  codes: Codes,
  message: Schema.String,
})

/**
 * A delegation for a matter that is not a member, or two for one member.
 *
 * @category errors
 * @since 0.3.0
 */
export const InvalidDelegations = Schema.TaggedStruct("InvalidDelegations", { codes: Codes })

/**
 * A supplement of materials no open child deferred, or already supplied.
 *
 * @category errors
 * @since 0.3.0
 */
export const NotDeferredByAnyChild = Schema.TaggedStruct("NotDeferredByAnyChild", { codes: Codes })

/**
 * Every rejection of the aggregate.
 *
 * @category errors
 * @since 0.3.0
 */
export const Rejection = Schema.Union([
  NotAuthorized,
  InvalidInstant,
  UnknownBundleCase,
  BundleCaseAlreadyExists,
  WrongBundleCase,
  NotAllowedInPhase,
  UnknownMaterials,
  DuplicateMaterials,
  NotAMember,
  NotRequiredByMember,
  MaterialAlreadyHandedOver,
  MaterialNotHandedOver,
  ApplicantOutOfScope,
  NothingToNotify,
  NotAskedFor,
  MembersNotCovered,
  AcceptanceNotAllowed,
  CalendarNotCovered,
  UnknownChild,
  DecidedByAnotherAuthority,
  ChildAlreadyConcluded,
  JointLimitAlreadyExtended,
  JointExtensionAboveCap,
  ChildrenStillOpen,
  LicenceRelianceInvalid,
  SharedDataRelianceInvalid,
  InvalidDelegations,
  NotDeferredByAnyChild,
])

/**
 * @category models
 * @since 0.3.0
 */
export type Rejection = typeof Rejection.Type
