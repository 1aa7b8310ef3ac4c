/**
 * The events of the `ServiceBundle` aggregate.
 *
 * @since 0.1.0
 */
import * as Schema from "effect/Schema"
import type { EventVersions } from "../Decider.ts"
import { BundleNotice } from "./merge.ts"
import { BundleElements, BundleId } from "./State.ts"

/**
 * A bundle was started with its first draft.
 *
 * @category schemas
 * @since 0.1.0
 */
export const BundleDrafted = Schema.TaggedStruct("BundleDrafted", { bundleId: BundleId, elements: BundleElements })

/**
 * The open draft was replaced.
 *
 * @category schemas
 * @since 0.1.0
 */
export const BundleDraftRevised = Schema.TaggedStruct("BundleDraftRevised", {
  bundleId: BundleId,
  elements: BundleElements,
})

/**
 * The open draft was published as `version`, with the notice merged at that moment.
 *
 * @category schemas
 * @since 0.1.0
 */
export const BundlePublished = Schema.TaggedStruct("BundlePublished", {
  bundleId: BundleId,
  version: Schema.Int.check(Schema.isGreaterThanOrEqualTo(1)),
  publishedAt: Schema.String,
  elements: BundleElements,
  notice: BundleNotice,
})

/**
 * A revision was opened from the latest published version.
 *
 * @category schemas
 * @since 0.1.0
 */
export const BundleRevisionOpened = Schema.TaggedStruct("BundleRevisionOpened", {
  bundleId: BundleId,
  basedOnVersion: Schema.Int.check(Schema.isGreaterThanOrEqualTo(1)),
})

/**
 * The bundle was suspended.
 *
 * @category schemas
 * @since 0.1.0
 */
export const BundleSuspended = Schema.TaggedStruct("BundleSuspended", {
  bundleId: BundleId,
  reason: Schema.NonEmptyString,
})

/**
 * The bundle was resumed.
 *
 * @category schemas
 * @since 0.1.0
 */
export const BundleResumed = Schema.TaggedStruct("BundleResumed", { bundleId: BundleId })

/**
 * The bundle was abolished.
 *
 * @category schemas
 * @since 0.1.0
 */
export const BundleAbolished = Schema.TaggedStruct("BundleAbolished", {
  bundleId: BundleId,
  reason: Schema.NonEmptyString,
})

/**
 * Every event of the aggregate.
 *
 * @category schemas
 * @since 0.1.0
 */
export const Event = Schema.Union([
  BundleDrafted,
  BundleDraftRevised,
  BundlePublished,
  BundleRevisionOpened,
  BundleSuspended,
  BundleResumed,
  BundleAbolished,
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
  BundleDrafted: 1,
  BundleDraftRevised: 1,
  BundlePublished: 1,
  BundleRevisionOpened: 1,
  BundleSuspended: 1,
  BundleResumed: 1,
  BundleAbolished: 1,
}
