/**
 * The events of the `Policy` aggregate.
 *
 * @since 0.3.0
 */
import * as Schema from "effect/Schema"
import { CalendarDate } from "../CalendarDate.ts"
import type { EventVersions } from "../Decider.ts"
import { Terms } from "./Terms.ts"

/**
 * A draft was made: a new policy (`revisionOf` null) or an amendment of a published version.
 *
 * @category schemas
 * @since 0.3.0
 */
export const PolicyDrafted = Schema.TaggedStruct("PolicyDrafted", {
  policyId: Schema.String,
  terms: Terms,
  revisionOf: Schema.NullOr(Schema.Int),
  draftedOn: CalendarDate,
  draftedBy: Schema.String,
})

/**
 * The draft was published as `version`.
 *
 * @category schemas
 * @since 0.3.0
 */
export const PolicyPublished = Schema.TaggedStruct("PolicyPublished", {
  policyId: Schema.String,
  version: Schema.Int,
  terms: Terms,
  publishedOn: CalendarDate,
  publishedBy: Schema.String,
})

/**
 * The policy was suspended.
 *
 * @category schemas
 * @since 0.3.0
 */
export const PolicySuspended = Schema.TaggedStruct("PolicySuspended", {
  policyId: Schema.String,
  suspendedOn: CalendarDate,
  reason: Schema.NonEmptyString,
  suspendedBy: Schema.String,
})

/**
 * The suspension was lifted.
 *
 * @category schemas
 * @since 0.3.0
 */
export const PolicyResumed = Schema.TaggedStruct("PolicyResumed", {
  policyId: Schema.String,
  resumedOn: CalendarDate,
  reason: Schema.NonEmptyString,
  resumedBy: Schema.String,
})

/**
 * The window closed on `lastDay`: the policy is expired.
 *
 * @category schemas
 * @since 0.3.0
 */
export const PolicyExpired = Schema.TaggedStruct("PolicyExpired", {
  policyId: Schema.String,
  lastDay: CalendarDate,
  recordedOn: CalendarDate,
})

/**
 * Every event of the aggregate.
 *
 * @category schemas
 * @since 0.3.0
 */
export const Event = Schema.Union([PolicyDrafted, PolicyPublished, PolicySuspended, PolicyResumed, PolicyExpired])

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
  PolicyDrafted: 1,
  PolicyPublished: 1,
  PolicySuspended: 1,
  PolicyResumed: 1,
  PolicyExpired: 1,
}
