/**
 * The events of the `BundleApplication` aggregate.
 *
 * @since 0.3.0
 */
import * as Schema from "effect/Schema"
import { Applicant, LicenceReliance, SharedDataReliance, SubmittedMaterial } from "../Application/State.ts"
import { CalendarDate } from "../CalendarDate.ts"
import type { EventVersions } from "../Decider.ts"
import { ImplementingAuthority } from "../PublishedMatter.ts"
import { PublishedBundle } from "../ServiceBundle/State.ts"
import { Child, ChildOutcome, CombinedItem, Delegation, JointClock, Proposal } from "./State.ts"

/**
 * One form was filed against a published bundle version, with the materials handed over, the
 * electronic licences the runtime found for materials they satisfy (which licence, which version of
 * its stream, the day) and the members delegated to another authority on the day.
 *
 * @category schemas
 * @since 0.3.0
 */
export const BundleApplicationSubmitted = Schema.TaggedStruct("BundleApplicationSubmitted", {
  caseNo: Schema.String,
  applicant: Applicant,
  bundle: PublishedBundle,
  materials: Schema.Array(SubmittedMaterial),
  receivedOn: CalendarDate,
  licencesReliedOn: Schema.optionalKey(Schema.Array(LicenceReliance)),
  sharedDataReliedOn: Schema.optionalKey(Schema.Array(SharedDataReliance)),
  delegations: Schema.optionalKey(Schema.Array(Delegation)),
})

/**
 * @category models
 * @since 0.3.0
 */
export type BundleApplicationSubmitted = typeof BundleApplicationSubmitted.Type

/**
 * A member's department proposed correction items to the lead window.
 *
 * @category schemas
 * @since 0.3.0
 */
export const CorrectionProposed = Schema.TaggedStruct("CorrectionProposed", {
  caseNo: Schema.String,
  proposal: Proposal,
})

/**
 * @category models
 * @since 0.3.0
 */
export type CorrectionProposed = typeof CorrectionProposed.Type

/**
 * The one combined correction notice went to the applicant.
 *
 * @category schemas
 * @since 0.3.0
 */
export const CombinedNoticeIssued = Schema.TaggedStruct("CombinedNoticeIssued", {
  caseNo: Schema.String,
  issuedOn: CalendarDate,
  items: Schema.Array(CombinedItem),
})

/**
 * @category models
 * @since 0.3.0
 */
export type CombinedNoticeIssued = typeof CombinedNoticeIssued.Type

/**
 * The applicant answered the combined notice.
 *
 * @category schemas
 * @since 0.3.0
 */
export const CombinedNoticeAnswered = Schema.TaggedStruct("CombinedNoticeAnswered", {
  caseNo: Schema.String,
  materials: Schema.Array(SubmittedMaterial),
  answeredOn: CalendarDate,
})

/**
 * @category models
 * @since 0.3.0
 */
export type CombinedNoticeAnswered = typeof CombinedNoticeAnswered.Type

/**
 * The lead window accepted the bundle: the children to open (one per member, each with its
 * acceptance and materials) and the joint clock. It carries the applicant, because the children
 * are opened for it.
 *
 * @category schemas
 * @since 0.3.0
 */
export const BundleAccepted = Schema.TaggedStruct("BundleAccepted", {
  caseNo: Schema.String,
  acceptedOn: CalendarDate,
  acceptedBy: Schema.String,
  applicant: Applicant,
  children: Schema.Array(Child),
  clock: JointClock,
})

/**
 * @category models
 * @since 0.3.0
 */
export type BundleAccepted = typeof BundleAccepted.Type

/**
 * The lead window declined the bundle.
 *
 * @category schemas
 * @since 0.3.0
 */
export const BundleDeclined = Schema.TaggedStruct("BundleDeclined", {
  caseNo: Schema.String,
  declinedOn: CalendarDate,
  reasons: Schema.String,
})

/**
 * @category models
 * @since 0.3.0
 */
export type BundleDeclined = typeof BundleDeclined.Type

/**
 * A child concluded, with its outcome.
 *
 * @category schemas
 * @since 0.3.0
 */
export const ChildConcluded = Schema.TaggedStruct("ChildConcluded", {
  caseNo: Schema.String,
  childCaseNo: Schema.String,
  outcome: ChildOutcome,
})

/**
 * @category models
 * @since 0.3.0
 */
export type ChildConcluded = typeof ChildConcluded.Type

/**
 * Every child concluded; `concludedOn` is the latest child's day.
 *
 * @category schemas
 * @since 0.3.0
 */
export const BundleConcluded = Schema.TaggedStruct("BundleConcluded", {
  caseNo: Schema.String,
  concludedOn: CalendarDate,
})

/**
 * @category models
 * @since 0.3.0
 */
export type BundleConcluded = typeof BundleConcluded.Type

/**
 * The joint limit was extended.
 *
 * @category schemas
 * @since 0.3.0
 */
export const JointLimitExtended = Schema.TaggedStruct("JointLimitExtended", {
  caseNo: Schema.String,
  workingDays: Schema.Int,
  approvedBy: Schema.String,
  reason: Schema.String,
  on: CalendarDate,
  dueOn: CalendarDate,
})

/**
 * @category models
 * @since 0.3.0
 */
export type JointLimitExtended = typeof JointLimitExtended.Type

/**
 * One line of the unified result: a member, its child case, the authority that judged it and
 * its outcome (a denial is listed like a grant).
 *
 * @category schemas
 * @since 0.3.0
 */
export const DeliveredResult = Schema.Struct({
  implementationCode: Schema.String,
  name: Schema.String,
  childCaseNo: Schema.String,
  authority: ImplementingAuthority,
  outcome: ChildOutcome,
})

/**
 * The lead window delivered every child's result at once (统一出件).
 *
 * @category schemas
 * @since 0.3.0
 */
export const UnifiedDelivery = Schema.TaggedStruct("UnifiedDelivery", {
  caseNo: Schema.String,
  deliveredOn: CalendarDate,
  results: Schema.Array(DeliveredResult),
})

/**
 * @category models
 * @since 0.3.0
 */
export type UnifiedDelivery = typeof UnifiedDelivery.Type

/**
 * The applicant handed the lead window materials the children deferred, once; `forwards` says
 * which child receives which (under the member's own codes).
 *
 * @category schemas
 * @since 0.3.0
 */
export const BundleSupplemented = Schema.TaggedStruct("BundleSupplemented", {
  caseNo: Schema.String,
  suppliedOn: CalendarDate,
  materials: Schema.Array(SubmittedMaterial),
  forwards: Schema.Array(Schema.Struct({ childCaseNo: Schema.String, materials: Schema.Array(SubmittedMaterial) })),
})

/**
 * @category models
 * @since 0.3.0
 */
export type BundleSupplemented = typeof BundleSupplemented.Type

/**
 * Every event of the aggregate.
 *
 * @category schemas
 * @since 0.3.0
 */
export const Event = Schema.Union([
  BundleApplicationSubmitted,
  CorrectionProposed,
  CombinedNoticeIssued,
  CombinedNoticeAnswered,
  BundleAccepted,
  BundleDeclined,
  ChildConcluded,
  BundleConcluded,
  JointLimitExtended,
  UnifiedDelivery,
  BundleSupplemented,
])

/**
 * @category models
 * @since 0.3.0
 */
export type Event = typeof Event.Type

/**
 * The schema version of each event type.
 *
 * @category models
 * @since 0.3.0
 */
export const eventVersions: EventVersions<Event> = {
  BundleApplicationSubmitted: 1,
  CorrectionProposed: 1,
  CombinedNoticeIssued: 1,
  CombinedNoticeAnswered: 1,
  BundleAccepted: 1,
  BundleDeclined: 1,
  ChildConcluded: 1,
  BundleConcluded: 1,
  JointLimitExtended: 1,
  UnifiedDelivery: 1,
  BundleSupplemented: 1,
}
