/**
 * The events of the `Redemption` aggregate. Every event that relied on shared data records the
 * facts and their provenance.
 *
 * @since 0.3.0
 */
import * as Schema from "effect/Schema"
import { CalendarDate } from "../CalendarDate.ts"
import type { EventVersions } from "../Decider.ts"
import { ApplicantFacts } from "../Policy/Terms.ts"
import { Payee, PolicyRef, Provenance } from "./State.ts"

const about = { policyId: Schema.String, subjectCode: Schema.String }

/**
 * The subject applied, judged eligible on the facts recorded.
 *
 * @category schemas
 * @since 0.3.0
 */
export const RedemptionApplied = Schema.TaggedStruct("RedemptionApplied", {
  ...about,
  subjectName: Schema.String,
  policy: PolicyRef,
  facts: ApplicantFacts,
  reliedOn: Schema.Array(Provenance),
  baseFen: Schema.NullOr(Schema.Int),
  materials: Schema.Array(Schema.String),
  appliedOn: CalendarDate,
  appliedBy: Schema.String,
})

/**
 * The runtime offered the policy to a subject it found eligible (免申即享).
 *
 * @category schemas
 * @since 0.3.0
 */
export const EntitlementOffered = Schema.TaggedStruct("EntitlementOffered", {
  ...about,
  subjectName: Schema.String,
  policy: PolicyRef,
  facts: ApplicantFacts,
  reliedOn: Schema.Array(Provenance),
  offeredOn: CalendarDate,
})

/**
 * The window accepted the application.
 *
 * @category schemas
 * @since 0.3.0
 */
export const RedemptionAccepted = Schema.TaggedStruct("RedemptionAccepted", {
  ...about,
  acceptedOn: CalendarDate,
  acceptedBy: Schema.String,
})

/**
 * A joint reviewer recorded its review.
 *
 * @category schemas
 * @since 0.3.0
 */
export const JointReviewRecorded = Schema.TaggedStruct("JointReviewRecorded", {
  ...about,
  department: Schema.String,
  agrees: Schema.Boolean,
  reasons: Schema.String,
  reviewedOn: CalendarDate,
  reviewedBy: Schema.String,
})

/**
 * The award was approved and committed: `amountFen` against `budgetFen`, the ledger's committed
 * sum after it `committedFen`.
 *
 * @category schemas
 * @since 0.3.0
 */
export const RedemptionApproved = Schema.TaggedStruct("RedemptionApproved", {
  ...about,
  amountFen: Schema.Int,
  budgetFen: Schema.Int,
  committedFen: Schema.Int,
  policyVersion: Schema.Int,
  approvedOn: CalendarDate,
  approvedBy: Schema.String,
})

/**
 * The application or offer was refused, with reasons.
 *
 * @category schemas
 * @since 0.3.0
 */
export const RedemptionRefused = Schema.TaggedStruct("RedemptionRefused", {
  ...about,
  reasons: Schema.String,
  refusedOn: CalendarDate,
  refusedBy: Schema.String,
})

/**
 * The subject declined the offer.
 *
 * @category schemas
 * @since 0.3.0
 */
export const EntitlementDeclined = Schema.TaggedStruct("EntitlementDeclined", {
  ...about,
  declinedOn: CalendarDate,
  declinedBy: Schema.String,
})

/**
 * The amount was paid directly into the verified account (直达).
 *
 * @category schemas
 * @since 0.3.0
 */
export const RedemptionDisbursed = Schema.TaggedStruct("RedemptionDisbursed", {
  ...about,
  amountFen: Schema.Int,
  payee: Payee,
  reference: Schema.String,
  disbursedOn: CalendarDate,
  disbursedBy: Schema.String,
})

/**
 * The award was rescinded: `returnedFen` back to the budget, `repaymentDueFen` to be repaid.
 *
 * @category schemas
 * @since 0.3.0
 */
export const AwardRescinded = Schema.TaggedStruct("AwardRescinded", {
  ...about,
  returnedFen: Schema.Int,
  repaymentDueFen: Schema.Int,
  reasons: Schema.String,
  legalBasis: Schema.String,
  rescindedOn: CalendarDate,
  rescindedBy: Schema.String,
})

/**
 * The rescinded amount was repaid.
 *
 * @category schemas
 * @since 0.3.0
 */
export const RepaymentRecorded = Schema.TaggedStruct("RepaymentRecorded", {
  ...about,
  amountFen: Schema.Int,
  repaidOn: CalendarDate,
  recordedBy: Schema.String,
})

/**
 * Every event.
 *
 * @category schemas
 * @since 0.3.0
 */
export const Event = Schema.Union([
  RedemptionApplied,
  EntitlementOffered,
  RedemptionAccepted,
  JointReviewRecorded,
  RedemptionApproved,
  RedemptionRefused,
  EntitlementDeclined,
  RedemptionDisbursed,
  AwardRescinded,
  RepaymentRecorded,
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
  RedemptionApplied: 1,
  EntitlementOffered: 1,
  RedemptionAccepted: 1,
  JointReviewRecorded: 1,
  RedemptionApproved: 1,
  RedemptionRefused: 1,
  EntitlementDeclined: 1,
  RedemptionDisbursed: 1,
  AwardRescinded: 1,
  RepaymentRecorded: 1,
}
