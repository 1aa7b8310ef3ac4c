/**
 * Identity, elements and state of the `ServiceBundle` aggregate.
 *
 * @since 0.1.0
 */
import * as Schema from "effect/Schema"
import * as PublishedMatter from "../PublishedMatter.ts"
import { BundleNotice } from "./merge.ts"

/**
 * A bundle's identifier: digits, capital letters and hyphens, at most 64 characters.
 *
 * @category schemas
 * @since 0.1.0
 */
export const BundleId = Schema.String.check(Schema.isPattern(/^[0-9A-Z][0-9A-Z-]{0,63}$/))

/**
 * The stream that holds a bundle's events: `bundle-<id>`.
 *
 * @category constructors
 * @since 0.1.0
 */
export const streamName = (bundleId: string): string => `bundle-${bundleId}`

/**
 * The statutory cap on a joint-processing limit: 45 working days (ALL Art 42).
 *
 * @category models
 * @since 0.1.0
 */
export const jointLimitCap = 45

/**
 * The most a joint limit may be extended, with the approval of the government's head: 15 working days.
 *
 * @category models
 * @since 0.1.0
 */
export const extensionCap = 15

/**
 * An approved extension of the joint limit.
 *
 * @category schemas
 * @since 0.1.0
 */
export const JointLimitExtension = Schema.Struct({
  workingDays: PublishedMatter.PositiveWorkingDays,
  approvedBy: Schema.NonEmptyString,
})

/**
 * Cross-department tolerance (跨部门容缺) the bundle's departments agreed: secondary materials of a
 * member that the lead window may defer when accepting the bundle (the member's child inherits the
 * deferral), with the supplement deadline and what follows when it is missed — even where the
 * member's own terms do not list them as deferrable. Never a core material (`crossToleranceOnlySecondary`).
 *
 * @category schemas
 * @since 0.3.0
 */
export const CrossTolerance = Schema.Struct({
  implementationCode: Schema.NonEmptyString,
  materialCodes: Schema.NonEmptyArray(Schema.NonEmptyString),
  supplementDeadlineWorkingDays: PublishedMatter.PositiveWorkingDays,
  onDeadlineMissed: PublishedMatter.DeadlineMissedOutcome,
})

/**
 * @category models
 * @since 0.3.0
 */
export type CrossTolerance = typeof CrossTolerance.Type

const bundleElementsFields = {
  name: Schema.String,
  leadDepartment: PublishedMatter.ImplementingAuthority,
  members: Schema.Array(PublishedMatter.PublishedMatter),
  introduction: Schema.String,
  jointLimitWorkingDays: PublishedMatter.WorkingDays,
  extension: Schema.optionalKey(JointLimitExtension),
  crossTolerance: Schema.optionalKey(Schema.Array(CrossTolerance)),
}

/**
 * The type of the {@link BundleElements} schema, named so that declarations refer to it instead of
 * repeating it.
 *
 * @category schemas
 * @since 0.1.0
 */
export interface BundleElementsSchema extends Schema.Struct<typeof bundleElementsFields> {}

/**
 * What a bundle draft holds: its name, the lead department (牵头部门), the members pinned by
 * version (their published terms, carried by the command since `decide` reads no store), the
 * introduction of the notice, the joint limit in working days and an optional approved extension.
 *
 * @category schemas
 * @since 0.1.0
 */
export const BundleElements: BundleElementsSchema = Schema.Struct(bundleElementsFields)

/**
 * @category models
 * @since 0.1.0
 */
export type BundleElements = typeof BundleElements.Type

const publishedBundleFields = {
  bundleId: Schema.String,
  version: Schema.Int.check(Schema.isGreaterThanOrEqualTo(1)),
  publishedAt: Schema.String,
  ...BundleElements.fields,
  notice: BundleNotice,
}

/**
 * The type of the {@link PublishedBundle} schema, named so that declarations refer to it instead of
 * repeating it.
 *
 * @category schemas
 * @since 0.1.0
 */
export interface PublishedBundleSchema extends Schema.Struct<typeof publishedBundleFields> {}

/**
 * One published version of a bundle: its elements and the merged notice, fixed when published.
 *
 * @category schemas
 * @since 0.1.0
 */
export const PublishedBundle: PublishedBundleSchema = Schema.Struct(publishedBundleFields)

/**
 * @category models
 * @since 0.1.0
 */
export type PublishedBundle = typeof PublishedBundle.Type

/**
 * Where a bundle is in its lifecycle; the same phases as a matter.
 *
 * @category schemas
 * @since 0.1.0
 */
export const Phase = Schema.Literals(["new", "drafted", "published", "suspended", "abolished"])

/**
 * @category models
 * @since 0.1.0
 */
export type Phase = typeof Phase.Type

/**
 * The state of a bundle: its id, phase, open draft (`null` when none) and published versions in order.
 *
 * @category schemas
 * @since 0.1.0
 */
export const State = Schema.Struct({
  bundleId: Schema.String,
  phase: Phase,
  draft: Schema.NullOr(BundleElements),
  versions: Schema.Array(PublishedBundle),
})

/**
 * @category models
 * @since 0.1.0
 */
export type State = typeof State.Type

/**
 * The state before any event.
 *
 * @category constructors
 * @since 0.1.0
 */
export const initialState: State = { bundleId: "", phase: "new", draft: null, versions: [] }
