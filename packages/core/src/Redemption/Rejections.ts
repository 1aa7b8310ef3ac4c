/**
 * The rejections of the `Redemption` aggregate: data, never thrown.
 *
 * @since 0.3.0
 */
import * as Schema from "effect/Schema"
import { Role } from "../Actor.ts"
import { InvalidInstant } from "../Decider.ts"
import { AwardStatus } from "./State.ts"

export { InvalidInstant }

/**
 * @category errors
 * @since 0.3.0
 */
export const NotAuthorized = Schema.TaggedStruct("NotAuthorized", {
  actorId: Schema.String,
  required: Schema.Array(Role),
})

/**
 * The subject is identified neither by a unified social credit code (an organisation) nor by a
 * resident identity number (a person).
 *
 * @category errors
 * @since 0.3.0
 */
export const NotAnOrganisation = Schema.TaggedStruct("NotAnOrganisation", { subjectCode: Schema.String })

/**
 * The policy takes no redemption today: unknown, not published, suspended, expired, or outside
 * its window (guarded by `Policy.openOn`).
 *
 * @category errors
 * @since 0.3.0
 */
export const PolicyNotOpen = Schema.TaggedStruct("PolicyNotOpen", { policyId: Schema.String, why: Schema.String })

/**
 * The policy expired: its application window closed on `lastDay` and the runtime recorded the
 * expiry (a durable timer sends `ExpirePolicy` the day after). No application or offer after it.
 *
 * @category errors
 * @since 0.3.0
 */
export const PolicyExpired = Schema.TaggedStruct("PolicyExpired", {
  policyId: Schema.String,
  lastDay: Schema.String,
})

/**
 * The command does not fit the policy's redemption mode (an application to a 免申即享 policy, an
 * offer of a 快申快享 one).
 *
 * @category errors
 * @since 0.3.0
 */
export const WrongMode = Schema.TaggedStruct("WrongMode", { policyId: Schema.String, mode: Schema.String })

/**
 * Shared data has no business registration of the subject.
 *
 * @category errors
 * @since 0.3.0
 */
export const NoSharedRecord = Schema.TaggedStruct("NoSharedRecord", {
  subjectCode: Schema.String,
  kind: Schema.String,
})

/**
 * The subject does not meet the policy's conditions (`Policy.eligibility`).
 *
 * @category errors
 * @since 0.3.0
 */
export const NotEligible = Schema.TaggedStruct("NotEligible", {
  subjectCode: Schema.String,
  unmet: Schema.Array(Schema.Struct({ condition: Schema.String, detail: Schema.String })),
})

/**
 * The subject already has an award under the policy that is not refused or declined (no subject
 * is paid twice under one policy; a rescinded award bars the subject).
 *
 * @category errors
 * @since 0.3.0
 */
export const AlreadyAwarded = Schema.TaggedStruct("AlreadyAwarded", {
  subjectCode: Schema.String,
  status: AwardStatus,
})

/**
 * Materials the policy requires were not handed over.
 *
 * @category errors
 * @since 0.3.0
 */
export const MissingMaterials = Schema.TaggedStruct("MissingMaterials", { missing: Schema.Array(Schema.String) })

/**
 * No amount can be computed (no base declared for a percentage rule, no headcount shared).
 *
 * @category errors
 * @since 0.3.0
 */
export const AmountUnavailable = Schema.TaggedStruct("AmountUnavailable", {
  subjectCode: Schema.String,
  detail: Schema.String,
})

/**
 * The subject has no award under the policy.
 *
 * @category errors
 * @since 0.3.0
 */
export const NoAward = Schema.TaggedStruct("NoAward", { subjectCode: Schema.String })

/**
 * The award is not in a status the command applies to.
 *
 * @category errors
 * @since 0.3.0
 */
export const WrongStatus = Schema.TaggedStruct("WrongStatus", {
  subjectCode: Schema.String,
  command: Schema.String,
  status: AwardStatus,
})

/**
 * The department is not one of the policy's joint reviewers, or has reviewed already.
 *
 * @category errors
 * @since 0.3.0
 */
export const NotAJointReviewer = Schema.TaggedStruct("NotAJointReviewer", {
  department: Schema.String,
  why: Schema.String,
})

/**
 * Joint reviews are outstanding or a department disagreed: no approval.
 *
 * @category errors
 * @since 0.3.0
 */
export const JointReviewIncomplete = Schema.TaggedStruct("JointReviewIncomplete", {
  outstanding: Schema.Array(Schema.String),
  disagreed: Schema.Array(Schema.String),
})

/**
 * Approving the amount would commit more than the budget (guarded by `withinBudget`).
 *
 * @category errors
 * @since 0.3.0
 */
export const BudgetExceeded = Schema.TaggedStruct("BudgetExceeded", {
  budgetFen: Schema.Int,
  committedFen: Schema.Int,
  amountFen: Schema.Int,
})

/**
 * Shared data has no verified payee account for the subject: nothing is paid to an account the
 * caller names.
 *
 * @category errors
 * @since 0.3.0
 */
export const NoVerifiedPayee = Schema.TaggedStruct("NoVerifiedPayee", { subjectCode: Schema.String })

/**
 * Every rejection.
 *
 * @category schemas
 * @since 0.3.0
 */
export const Rejection = Schema.Union([
  NotAuthorized,
  InvalidInstant,
  NotAnOrganisation,
  PolicyNotOpen,
  PolicyExpired,
  WrongMode,
  NoSharedRecord,
  NotEligible,
  AlreadyAwarded,
  MissingMaterials,
  AmountUnavailable,
  NoAward,
  WrongStatus,
  NotAJointReviewer,
  JointReviewIncomplete,
  BudgetExceeded,
  NoVerifiedPayee,
])

/**
 * @category models
 * @since 0.3.0
 */
export type Rejection = typeof Rejection.Type
