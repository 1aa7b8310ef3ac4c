/**
 * The rejections of the `ServiceBundle` aggregate.
 *
 * @since 0.1.0
 */
import * as Schema from "effect/Schema"
import { Role } from "../Actor.ts"

const Id = { bundleId: Schema.String }

/**
 * The actor holds none of the roles the command requires.
 *
 * @category errors
 * @since 0.1.0
 */
export const NotAuthorized = Schema.TaggedStruct("NotAuthorized", {
  actorId: Schema.String,
  required: Schema.Array(Role),
})

/**
 * The command addresses a bundle that has no events yet.
 *
 * @category errors
 * @since 0.1.0
 */
export const UnknownBundle = Schema.TaggedStruct("UnknownBundle", Id)

/**
 * `DraftBundle` on a bundle that exists.
 *
 * @category errors
 * @since 0.1.0
 */
export const BundleAlreadyExists = Schema.TaggedStruct("BundleAlreadyExists", Id)

/**
 * The command names another bundle than the stream holds.
 *
 * @category errors
 * @since 0.1.0
 */
export const WrongBundle = Schema.TaggedStruct("WrongBundle", { expected: Schema.String, received: Schema.String })

/**
 * Any command on an abolished bundle.
 *
 * @category errors
 * @since 0.1.0
 */
export const BundleAlreadyAbolished = Schema.TaggedStruct("BundleAlreadyAbolished", Id)

/**
 * Publishing when no draft is open.
 *
 * @category errors
 * @since 0.1.0
 */
export const NoOpenDraft = Schema.TaggedStruct("NoOpenDraft", Id)

/**
 * Revising when no revision is open: that would change a published version.
 *
 * @category errors
 * @since 0.1.0
 */
export const PublishedVersionImmutable = Schema.TaggedStruct("PublishedVersionImmutable", {
  ...Id,
  version: Schema.Int,
})

/**
 * Opening a revision while one is open.
 *
 * @category errors
 * @since 0.1.0
 */
export const RevisionAlreadyOpen = Schema.TaggedStruct("RevisionAlreadyOpen", { ...Id, basedOnVersion: Schema.Int })

/**
 * Revising or suspending a bundle never published.
 *
 * @category errors
 * @since 0.1.0
 */
export const NotYetPublished = Schema.TaggedStruct("NotYetPublished", Id)

/**
 * Suspending a suspended bundle.
 *
 * @category errors
 * @since 0.1.0
 */
export const AlreadySuspended = Schema.TaggedStruct("AlreadySuspended", Id)

/**
 * Resuming a bundle that is not suspended.
 *
 * @category errors
 * @since 0.1.0
 */
export const NotSuspended = Schema.TaggedStruct("NotSuspended", Id)

/**
 * The elements a bundle draft must fill before it is published.
 *
 * @category schemas
 * @since 0.1.0
 */
export const RequiredBundleElement = Schema.Literals(["name", "members", "introduction"])

/**
 * @category models
 * @since 0.1.0
 */
export type RequiredBundleElement = typeof RequiredBundleElement.Type

/**
 * Publishing a draft with a blank name or introduction, or fewer than two members; lists every one.
 *
 * @category errors
 * @since 0.1.0
 */
export const DraftIncomplete = Schema.TaggedStruct("DraftIncomplete", { missing: Schema.Array(RequiredBundleElement) })

/**
 * A matter listed twice among the members.
 *
 * @category errors
 * @since 0.1.0
 */
export const DuplicateMembers = Schema.TaggedStruct("DuplicateMembers", {
  implementationCodes: Schema.Array(Schema.String),
})

/**
 * A joint limit above 45 working days.
 *
 * @category errors
 * @since 0.1.0
 */
export const JointLimitAboveCap = Schema.TaggedStruct("JointLimitAboveCap", { jointLimit: Schema.Int, cap: Schema.Int })

/**
 * An extension above 15 working days.
 *
 * @category errors
 * @since 0.1.0
 */
export const ExtensionAboveCap = Schema.TaggedStruct("ExtensionAboveCap", { extension: Schema.Int, cap: Schema.Int })

/**
 * Cross-department tolerance that is not allowed: for a matter that is not a member, twice for one
 * member, or naming a material that is not a secondary material of the member (a core material is
 * never deferred; an unknown code neither).
 *
 * @category errors
 * @since 0.3.0
 */
export const ToleranceNotAllowed = Schema.TaggedStruct("ToleranceNotAllowed", {
  implementationCode: Schema.String,
  codes: Schema.Array(Schema.String),
})

/**
 * A rejection for bundle elements that break a rule.
 *
 * @category errors
 * @since 0.1.0
 */
export const ElementsRejection = Schema.Union([
  DuplicateMembers,
  JointLimitAboveCap,
  ExtensionAboveCap,
  ToleranceNotAllowed,
])

/**
 * @category models
 * @since 0.1.0
 */
export type ElementsRejection = typeof ElementsRejection.Type

/**
 * Every rejection of the aggregate.
 *
 * @category errors
 * @since 0.1.0
 */
export const Rejection = Schema.Union([
  NotAuthorized,
  UnknownBundle,
  BundleAlreadyExists,
  WrongBundle,
  BundleAlreadyAbolished,
  NoOpenDraft,
  PublishedVersionImmutable,
  RevisionAlreadyOpen,
  NotYetPublished,
  AlreadySuspended,
  NotSuspended,
  DraftIncomplete,
  ElementsRejection,
])

/**
 * @category models
 * @since 0.1.0
 */
export type Rejection = typeof Rejection.Type
