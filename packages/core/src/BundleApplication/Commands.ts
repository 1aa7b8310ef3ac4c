/**
 * The commands of the `BundleApplication` aggregate; the roles that may issue each one are in
 * {@link requiredRoles}.
 *
 * @since 0.3.0
 */
import * as Schema from "effect/Schema"
import type { Role } from "../Actor.ts"
import {
  ApplicantInput,
  CorrectionItem,
  LicenceReliance,
  SharedDataReliance,
  SubmittedMaterial,
} from "../Application/State.ts"
import { PositiveWorkingDays } from "../PublishedMatter.ts"
import { PublishedBundle } from "../ServiceBundle/State.ts"
import { BundleCaseNo, ChildOutcome, Delegation, MemberAcceptance } from "./State.ts"

/**
 * The applicant (or its agent) files one form against a published bundle version,
 * handing over each material of the merged list once. The runtime pins `bundle` from the
 * bundle's stream, and completes the materials an electronic licence of the applicant satisfies
 * (`licencesReliedOn`, looked up in its own licences on the day) and the authority each member is
 * delegated to on the day (`delegations`, 下放 / 委托); a caller supplies none of them.
 *
 * @category schemas
 * @since 0.3.0
 */
export const SubmitBundleApplication = Schema.TaggedStruct("SubmitBundleApplication", {
  caseNo: BundleCaseNo,
  applicant: ApplicantInput,
  bundle: PublishedBundle,
  materials: Schema.Array(SubmittedMaterial),
  licencesReliedOn: Schema.optionalKey(Schema.Array(LicenceReliance)),
  sharedDataReliedOn: Schema.optionalKey(Schema.Array(SharedDataReliance)),
  delegations: Schema.optionalKey(Schema.Array(Delegation)),
})

/**
 * @category models
 * @since 0.3.0
 */
export type SubmitBundleApplication = typeof SubmitBundleApplication.Type

/**
 * A member's department tells the lead window what its member lacks (before acceptance); the
 * applicant hears it only through the combined notice. A later proposal for the same member
 * replaces the earlier one.
 *
 * @category schemas
 * @since 0.3.0
 */
export const ProposeCorrection = Schema.TaggedStruct("ProposeCorrection", {
  caseNo: BundleCaseNo,
  implementationCode: Schema.String,
  items: Schema.NonEmptyArray(CorrectionItem),
})

/**
 * @category models
 * @since 0.3.0
 */
export type ProposeCorrection = typeof ProposeCorrection.Type

/**
 * The lead window issues the one combined correction notice (一次告知) from every proposal.
 *
 * @category schemas
 * @since 0.3.0
 */
export const IssueCombinedNotice = Schema.TaggedStruct("IssueCombinedNotice", { caseNo: BundleCaseNo })

/**
 * @category models
 * @since 0.3.0
 */
export type IssueCombinedNotice = typeof IssueCombinedNotice.Type

/**
 * The applicant answers the combined notice, once, handing over what it asks for.
 *
 * @category schemas
 * @since 0.3.0
 */
export const AnswerCombinedNotice = Schema.TaggedStruct("AnswerCombinedNotice", {
  caseNo: BundleCaseNo,
  materials: Schema.NonEmptyArray(SubmittedMaterial),
})

/**
 * @category models
 * @since 0.3.0
 */
export type AnswerCombinedNotice = typeof AnswerCombinedNotice.Type

/**
 * The lead window accepts the bundle once, saying for every member how: ordinarily, tolerantly or
 * on commitment, as that member's terms allow.
 *
 * @category schemas
 * @since 0.3.0
 */
export const AcceptBundle = Schema.TaggedStruct("AcceptBundle", {
  caseNo: BundleCaseNo,
  members: Schema.Array(Schema.Struct({ implementationCode: Schema.String, acceptance: MemberAcceptance })),
})

/**
 * @category models
 * @since 0.3.0
 */
export type AcceptBundle = typeof AcceptBundle.Type

/**
 * After acceptance, the applicant hands the lead window, once, the materials the children deferred
 * (容缺后补): one combined list for every department, each material once however many children
 * deferred it; the runtime forwards each child its own.
 *
 * @category schemas
 * @since 0.3.0
 */
export const SupplementBundle = Schema.TaggedStruct("SupplementBundle", {
  caseNo: BundleCaseNo,
  materials: Schema.NonEmptyArray(SubmittedMaterial),
})

/**
 * @category models
 * @since 0.3.0
 */
export type SupplementBundle = typeof SupplementBundle.Type

/**
 * The lead window declines the bundle (不予受理) with its reasons.
 *
 * @category schemas
 * @since 0.3.0
 */
export const DeclineBundle = Schema.TaggedStruct("DeclineBundle", {
  caseNo: BundleCaseNo,
  reasons: Schema.NonEmptyString,
})

/**
 * @category models
 * @since 0.3.0
 */
export type DeclineBundle = typeof DeclineBundle.Type

/**
 * The runtime records a child's outcome, read from the child's own case (never from a caller).
 *
 * @category schemas
 * @since 0.3.0
 */
export const RecordChildOutcome = Schema.TaggedStruct("RecordChildOutcome", {
  caseNo: BundleCaseNo,
  childCaseNo: Schema.String,
  outcome: ChildOutcome,
})

/**
 * @category models
 * @since 0.3.0
 */
export type RecordChildOutcome = typeof RecordChildOutcome.Type

/**
 * The head of the lead department extends the joint limit once, by at most 15 working days
 * (ALL Art 42).
 *
 * @category schemas
 * @since 0.3.0
 */
export const ExtendJointLimit = Schema.TaggedStruct("ExtendJointLimit", {
  caseNo: BundleCaseNo,
  workingDays: PositiveWorkingDays,
  reason: Schema.NonEmptyString,
})

/**
 * @category models
 * @since 0.3.0
 */
export type ExtendJointLimit = typeof ExtendJointLimit.Type

/**
 * The lead window delivers every child's result at once (统一出件), after every child concluded.
 *
 * @category schemas
 * @since 0.3.0
 */
export const DeliverUnified = Schema.TaggedStruct("DeliverUnified", { caseNo: BundleCaseNo })

/**
 * @category models
 * @since 0.3.0
 */
export type DeliverUnified = typeof DeliverUnified.Type

/**
 * Every command of the aggregate.
 *
 * @category schemas
 * @since 0.3.0
 */
export const Command = Schema.Union([
  SubmitBundleApplication,
  ProposeCorrection,
  IssueCombinedNotice,
  AnswerCombinedNotice,
  AcceptBundle,
  DeclineBundle,
  RecordChildOutcome,
  ExtendJointLimit,
  DeliverUnified,
  SupplementBundle,
])

/**
 * @category models
 * @since 0.3.0
 */
export type Command = typeof Command.Type

/**
 * @category models
 * @since 0.3.0
 */
export type CommandTag = Command["_tag"]

/**
 * The roles that may issue each command. `ProposeCorrection` is a member department's window;
 * the others at the window are the lead department's (the runtime's scope says whose).
 *
 * @category models
 * @since 0.3.0
 */
export const requiredRoles: { readonly [K in CommandTag]: ReadonlyArray<Role> } = {
  SubmitBundleApplication: ["applicant", "agent"],
  ProposeCorrection: ["windowClerk"],
  IssueCombinedNotice: ["windowClerk"],
  AnswerCombinedNotice: ["applicant", "agent", "windowClerk"],
  AcceptBundle: ["windowClerk"],
  DeclineBundle: ["windowClerk"],
  RecordChildOutcome: ["system"],
  ExtendJointLimit: ["authorityHead"],
  DeliverUnified: ["windowClerk"],
  SupplementBundle: ["applicant", "agent", "windowClerk"],
}
