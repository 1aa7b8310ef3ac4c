/**
 * The events of the `Matter` aggregate.
 *
 * @since 0.1.0
 */
import * as Schema from "effect/Schema"
import { CalendarDate } from "../CalendarDate.ts"
import type { EventVersions } from "../Decider.ts"
import { ImplementingAuthority, MatterCode, MatterElements } from "../PublishedMatter.ts"
import { DelegationKind } from "./State.ts"

/**
 * A matter was started with its first draft.
 *
 * @category schemas
 * @since 0.1.0
 */
export const MatterDrafted = Schema.TaggedStruct("MatterDrafted", {
  implementationCode: MatterCode,
  baseCode: MatterCode,
  elements: MatterElements,
})

/**
 * @category models
 * @since 0.1.0
 */
export type MatterDrafted = typeof MatterDrafted.Type

/**
 * The open draft was replaced.
 *
 * @category schemas
 * @since 0.1.0
 */
export const DraftRevised = Schema.TaggedStruct("DraftRevised", {
  implementationCode: MatterCode,
  elements: MatterElements,
})

/**
 * @category models
 * @since 0.1.0
 */
export type DraftRevised = typeof DraftRevised.Type

/**
 * The open draft was published as `version`. The event carries the published elements, so the
 * version reads the same however the code that folds it changes.
 *
 * @category schemas
 * @since 0.1.0
 */
export const MatterPublished = Schema.TaggedStruct("MatterPublished", {
  implementationCode: MatterCode,
  version: Schema.Int.check(Schema.isGreaterThanOrEqualTo(1)),
  publishedAt: Schema.String,
  elements: MatterElements,
})

/**
 * @category models
 * @since 0.1.0
 */
export type MatterPublished = typeof MatterPublished.Type

/**
 * A revision was opened from the latest published version.
 *
 * @category schemas
 * @since 0.1.0
 */
export const RevisionOpened = Schema.TaggedStruct("RevisionOpened", {
  implementationCode: MatterCode,
  basedOnVersion: Schema.Int.check(Schema.isGreaterThanOrEqualTo(1)),
})

/**
 * @category models
 * @since 0.1.0
 */
export type RevisionOpened = typeof RevisionOpened.Type

/**
 * The matter was suspended.
 *
 * @category schemas
 * @since 0.1.0
 */
export const MatterSuspended = Schema.TaggedStruct("MatterSuspended", {
  implementationCode: MatterCode,
  reason: Schema.NonEmptyString,
})

/**
 * @category models
 * @since 0.1.0
 */
export type MatterSuspended = typeof MatterSuspended.Type

/**
 * The matter was resumed.
 *
 * @category schemas
 * @since 0.1.0
 */
export const MatterResumed = Schema.TaggedStruct("MatterResumed", {
  implementationCode: MatterCode,
})

/**
 * @category models
 * @since 0.1.0
 */
export type MatterResumed = typeof MatterResumed.Type

/**
 * The matter was abolished (取消).
 *
 * @category schemas
 * @since 0.1.0
 */
export const MatterAbolished = Schema.TaggedStruct("MatterAbolished", {
  implementationCode: MatterCode,
  reason: Schema.NonEmptyString,
})

/**
 * @category models
 * @since 0.1.0
 */
export type MatterAbolished = typeof MatterAbolished.Type

/**
 * The matter was handed from one authority to another from a date.
 *
 * @category schemas
 * @since 0.1.0
 */
export const MatterDelegated = Schema.TaggedStruct("MatterDelegated", {
  implementationCode: MatterCode,
  kind: DelegationKind,
  from: ImplementingAuthority,
  to: ImplementingAuthority,
  effectiveFrom: CalendarDate,
  basis: Schema.NonEmptyString,
})

/**
 * @category models
 * @since 0.1.0
 */
export type MatterDelegated = typeof MatterDelegated.Type

/**
 * Every event of the aggregate.
 *
 * @category schemas
 * @since 0.1.0
 */
export const Event = Schema.Union([
  MatterDrafted,
  DraftRevised,
  MatterPublished,
  RevisionOpened,
  MatterSuspended,
  MatterResumed,
  MatterAbolished,
  MatterDelegated,
])

/**
 * @category models
 * @since 0.1.0
 */
export type Event = typeof Event.Type

/**
 * The schema version of each event type.
 *
 * @category models
 * @since 0.1.0
 */
export const eventVersions: EventVersions<Event> = {
  MatterDrafted: 1,
  DraftRevised: 1,
  MatterPublished: 1,
  RevisionOpened: 1,
  MatterSuspended: 1,
  MatterResumed: 1,
  MatterAbolished: 1,
  MatterDelegated: 1,
}
