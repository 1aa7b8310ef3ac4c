/**
 * The commands of the `Redemption` aggregate, each routed to `redemption-<policyId>` and naming
 * the subject (its unified social credit code).
 *
 * @since 0.3.0
 */
import * as Schema from "effect/Schema"
import { PolicyId } from "../Policy/Terms.ts"

const subject = { policyId: PolicyId, subjectCode: Schema.NonEmptyString }

/**
 * The subject applies (快申快享): the materials handed over and, for a percentage rule, the base it
 * declares (interest paid, in fen). Its facts come from shared data, never from this command.
 *
 * @category schemas
 * @since 0.3.0
 */
export const ApplyForRedemption = Schema.TaggedStruct("ApplyForRedemption", {
  ...subject,
  materials: Schema.Array(Schema.NonEmptyString),
  baseFen: Schema.optionalKey(Schema.Int.check(Schema.isGreaterThanOrEqualTo(0))),
})

/**
 * The window accepts the application.
 *
 * @category schemas
 * @since 0.3.0
 */
export const AcceptRedemption = Schema.TaggedStruct("AcceptRedemption", subject)

/**
 * A joint reviewer department (its credit code) agrees or disagrees, with reasons.
 *
 * @category schemas
 * @since 0.3.0
 */
export const ReviewRedemption = Schema.TaggedStruct("ReviewRedemption", {
  ...subject,
  department: Schema.NonEmptyString,
  agrees: Schema.Boolean,
  reasons: Schema.String,
})

/**
 * The issuing authority approves: the amount is computed from the policy's rule and the facts on
 * record, and committed against the budget.
 *
 * @category schemas
 * @since 0.3.0
 */
export const ApproveRedemption = Schema.TaggedStruct("ApproveRedemption", subject)

/**
 * The issuing authority refuses, with reasons.
 *
 * @category schemas
 * @since 0.3.0
 */
export const RefuseRedemption = Schema.TaggedStruct("RefuseRedemption", {
  ...subject,
  reasons: Schema.NonEmptyString,
})

/**
 * The approved amount is paid directly (直达) into the subject's verified account, which the
 * runtime reads from shared data; `reference` is the treasury's payment reference.
 *
 * @category schemas
 * @since 0.3.0
 */
export const DisburseRedemption = Schema.TaggedStruct("DisburseRedemption", {
  ...subject,
  reference: Schema.NonEmptyString,
})

/**
 * The award is rescinded (撤销, e.g. a false statement): the amount returns to the budget, and a
 * disbursed amount is to be repaid.
 *
 * @category schemas
 * @since 0.3.0
 */
export const RescindAward = Schema.TaggedStruct("RescindAward", {
  ...subject,
  reasons: Schema.NonEmptyString,
  legalBasis: Schema.NonEmptyString,
})

/**
 * The rescinded amount was repaid.
 *
 * @category schemas
 * @since 0.3.0
 */
export const RecordRepayment = Schema.TaggedStruct("RecordRepayment", subject)

/**
 * The runtime offers the policy to a subject it found eligible from shared data (免申即享).
 *
 * @category schemas
 * @since 0.3.0
 */
export const OfferEntitlement = Schema.TaggedStruct("OfferEntitlement", subject)

/**
 * The subject confirms an offer: approved at once, against the budget.
 *
 * @category schemas
 * @since 0.3.0
 */
export const ConfirmEntitlement = Schema.TaggedStruct("ConfirmEntitlement", subject)

/**
 * The subject declines an offer.
 *
 * @category schemas
 * @since 0.3.0
 */
export const DeclineEntitlement = Schema.TaggedStruct("DeclineEntitlement", subject)

/**
 * Every command.
 *
 * @category schemas
 * @since 0.3.0
 */
export const Command = Schema.Union([
  ApplyForRedemption,
  AcceptRedemption,
  ReviewRedemption,
  ApproveRedemption,
  RefuseRedemption,
  DisburseRedemption,
  RescindAward,
  RecordRepayment,
  OfferEntitlement,
  ConfirmEntitlement,
  DeclineEntitlement,
])

/**
 * @category models
 * @since 0.3.0
 */
export type Command = typeof Command.Type
