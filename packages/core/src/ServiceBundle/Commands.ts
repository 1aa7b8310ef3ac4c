/**
 * The commands of the `ServiceBundle` aggregate; all require the `catalogueAdmin` role.
 *
 * @since 0.1.0
 */
import * as Schema from "effect/Schema"
import { BundleElements, BundleId } from "./State.ts"

/**
 * Starts a bundle with its first draft.
 *
 * @category schemas
 * @since 0.1.0
 */
export const DraftBundle = Schema.TaggedStruct("DraftBundle", { bundleId: BundleId, elements: BundleElements })

/**
 * @category models
 * @since 0.1.0
 */
export type DraftBundle = typeof DraftBundle.Type

/**
 * Replaces the open draft.
 *
 * @category schemas
 * @since 0.1.0
 */
export const ReviseBundleDraft = Schema.TaggedStruct("ReviseBundleDraft", {
  bundleId: BundleId,
  elements: BundleElements,
})

/**
 * @category models
 * @since 0.1.0
 */
export type ReviseBundleDraft = typeof ReviseBundleDraft.Type

/**
 * Publishes the open draft as the next version, with its merged notice.
 *
 * @category schemas
 * @since 0.1.0
 */
export const PublishBundle = Schema.TaggedStruct("PublishBundle", { bundleId: BundleId })

/**
 * @category models
 * @since 0.1.0
 */
export type PublishBundle = typeof PublishBundle.Type

/**
 * Opens a revision of the latest published version.
 *
 * @category schemas
 * @since 0.1.0
 */
export const OpenBundleRevision = Schema.TaggedStruct("OpenBundleRevision", { bundleId: BundleId })

/**
 * Suspends a published bundle.
 *
 * @category schemas
 * @since 0.1.0
 */
export const SuspendBundle = Schema.TaggedStruct("SuspendBundle", { bundleId: BundleId, reason: Schema.NonEmptyString })

/**
 * Resumes a suspended bundle.
 *
 * @category schemas
 * @since 0.1.0
 */
export const ResumeBundle = Schema.TaggedStruct("ResumeBundle", { bundleId: BundleId })

/**
 * Abolishes the bundle.
 *
 * @category schemas
 * @since 0.1.0
 */
export const AbolishBundle = Schema.TaggedStruct("AbolishBundle", { bundleId: BundleId, reason: Schema.NonEmptyString })

/**
 * Every command of the aggregate.
 *
 * @category schemas
 * @since 0.1.0
 */
export const Command = Schema.Union([
  DraftBundle,
  ReviseBundleDraft,
  PublishBundle,
  OpenBundleRevision,
  SuspendBundle,
  ResumeBundle,
  AbolishBundle,
])

/**
 * @category models
 * @since 0.1.0
 */
export type Command = typeof Command.Type
