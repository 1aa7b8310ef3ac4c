/**
 * The commands of the `Policy` aggregate, each routed to `policy-<policyId>`.
 *
 * @since 0.3.0
 */
import * as Schema from "effect/Schema"
import { PolicyId, Terms } from "./Terms.ts"

/**
 * Drafts a new policy, or replaces the draft of one never published.
 *
 * @category schemas
 * @since 0.3.0
 */
export const DraftPolicy = Schema.TaggedStruct("DraftPolicy", { policyId: PolicyId, terms: Terms })

/**
 * Drafts an amendment (修订) of a published policy: the published version stays in force, unchanged,
 * until the amendment is published as the next version.
 *
 * @category schemas
 * @since 0.3.0
 */
export const AmendPolicy = Schema.TaggedStruct("AmendPolicy", { policyId: PolicyId, terms: Terms })

/**
 * Publishes the draft as the next version.
 *
 * @category schemas
 * @since 0.3.0
 */
export const PublishPolicy = Schema.TaggedStruct("PublishPolicy", { policyId: PolicyId })

/**
 * Suspends a published policy: no new redemption until it is resumed.
 *
 * @category schemas
 * @since 0.3.0
 */
export const SuspendPolicy = Schema.TaggedStruct("SuspendPolicy", {
  policyId: PolicyId,
  reason: Schema.NonEmptyString,
})

/**
 * Resumes a suspended policy.
 *
 * @category schemas
 * @since 0.3.0
 */
export const ResumePolicy = Schema.TaggedStruct("ResumePolicy", {
  policyId: PolicyId,
  reason: Schema.NonEmptyString,
})

/**
 * Records the expiry of a policy whose window has closed (the runtime's timer, the day after).
 *
 * @category schemas
 * @since 0.3.0
 */
export const ExpirePolicy = Schema.TaggedStruct("ExpirePolicy", { policyId: PolicyId })

/**
 * Every command of the aggregate.
 *
 * @category schemas
 * @since 0.3.0
 */
export const Command = Schema.Union([
  DraftPolicy,
  AmendPolicy,
  PublishPolicy,
  SuspendPolicy,
  ResumePolicy,
  ExpirePolicy,
])

/**
 * @category models
 * @since 0.3.0
 */
export type Command = typeof Command.Type
