/**
 * The rejections of the `Matter` aggregate: data, not thrown errors. Each rule rejection is backed
 * by a named invariant in `invariants.ts`.
 *
 * @since 0.1.0
 */
import * as Schema from "effect/Schema"
import { Role } from "../Actor.ts"
import { CalendarDate } from "../CalendarDate.ts"
import { InvalidInstant } from "../Decider.ts"
import { BarredCategory, CommitmentNoticeItem, SpecialProcedureKind } from "../PublishedMatter.ts"

const Codes = Schema.Array(Schema.String)

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
 * The command addresses a matter that has no events yet.
 *
 * @category errors
 * @since 0.1.0
 */
export const UnknownMatter = Schema.TaggedStruct("UnknownMatter", { implementationCode: Schema.String })

/**
 * `DraftMatter` on a matter that already exists.
 *
 * @category errors
 * @since 0.1.0
 */
export const MatterAlreadyExists = Schema.TaggedStruct("MatterAlreadyExists", { implementationCode: Schema.String })

/**
 * The command names another matter than the stream holds.
 *
 * @category errors
 * @since 0.1.0
 */
export const WrongMatter = Schema.TaggedStruct("WrongMatter", { expected: Schema.String, received: Schema.String })

/**
 * Any command on an abolished matter.
 *
 * @category errors
 * @since 0.1.0
 */
export const MatterAlreadyAbolished = Schema.TaggedStruct("MatterAlreadyAbolished", {
  implementationCode: Schema.String,
})

/**
 * Publishing when no draft or revision is open.
 *
 * @category errors
 * @since 0.1.0
 */
export const NoOpenDraft = Schema.TaggedStruct("NoOpenDraft", { implementationCode: Schema.String })

/**
 * Revising when no revision is open: that would change a published version. Open a revision first.
 *
 * @category errors
 * @since 0.1.0
 */
export const PublishedVersionImmutable = Schema.TaggedStruct("PublishedVersionImmutable", {
  implementationCode: Schema.String,
  version: Schema.Int,
})

/**
 * Opening a revision while one is already open.
 *
 * @category errors
 * @since 0.1.0
 */
export const RevisionAlreadyOpen = Schema.TaggedStruct("RevisionAlreadyOpen", {
  implementationCode: Schema.String,
  basedOnVersion: Schema.Int,
})

/**
 * Revising, suspending or delegating a matter that has never been published.
 *
 * @category errors
 * @since 0.1.0
 */
export const NotYetPublished = Schema.TaggedStruct("NotYetPublished", { implementationCode: Schema.String })

/**
 * Suspending a suspended matter.
 *
 * @category errors
 * @since 0.1.0
 */
export const AlreadySuspended = Schema.TaggedStruct("AlreadySuspended", { implementationCode: Schema.String })

/**
 * Resuming a matter that is not suspended.
 *
 * @category errors
 * @since 0.1.0
 */
export const NotSuspended = Schema.TaggedStruct("NotSuspended", { implementationCode: Schema.String })

/**
 * Delegating to the authority that already handles the matter on the effective date.
 *
 * @category errors
 * @since 0.1.0
 */
export const DelegationToSameAuthority = Schema.TaggedStruct("DelegationToSameAuthority", {
  creditCode: Schema.String,
  effectiveFrom: CalendarDate,
})

/**
 * A delegation effective before the day it is decided.
 *
 * @category errors
 * @since 0.1.0
 */
export const EffectiveDateInPast = Schema.TaggedStruct("EffectiveDateInPast", {
  effectiveFrom: CalendarDate,
  today: CalendarDate,
})

/**
 * The elements a draft must fill before it is published.
 *
 * @category schemas
 * @since 0.1.0
 */
export const RequiredElement = Schema.Literals([
  "name",
  "legalBasis",
  "conditions",
  "procedure",
  "materials",
  "subjectTypes",
  "regions",
])

/**
 * @category models
 * @since 0.1.0
 */
export type RequiredElement = typeof RequiredElement.Type

/**
 * Publishing a draft that leaves required elements empty; lists every one.
 *
 * @category errors
 * @since 0.1.0
 */
export const DraftIncomplete = Schema.TaggedStruct("DraftIncomplete", { missing: Schema.Array(RequiredElement) })

/**
 * Two materials share a code.
 *
 * @category errors
 * @since 0.1.0
 */
export const DuplicateMaterialCodes = Schema.TaggedStruct("DuplicateMaterialCodes", { codes: Codes })

/**
 * An immediate matter (即办件) with a nonzero statutory or promised limit.
 *
 * @category errors
 * @since 0.1.0
 */
export const ImmediateMatterWithLimits = Schema.TaggedStruct("ImmediateMatterWithLimits", {
  statutory: Schema.Int,
  promised: Schema.Int,
})

/**
 * A promised matter (承诺件) with a promised limit of 0.
 *
 * @category errors
 * @since 0.1.0
 */
export const PromisedMatterWithoutLimit = Schema.TaggedStruct("PromisedMatterWithoutLimit", {
  statutory: Schema.Int,
})

/**
 * The promised limit exceeds the statutory limit.
 *
 * @category errors
 * @since 0.1.0
 */
export const PromisedLimitAboveStatutory = Schema.TaggedStruct("PromisedLimitAboveStatutory", {
  promised: Schema.Int,
  statutory: Schema.Int,
})

/**
 * An immediate matter that lists special procedures: it is decided on the spot, there is no clock to pause.
 *
 * @category errors
 * @since 0.1.0
 */
export const ImmediateMatterWithSpecialProcedures = Schema.TaggedStruct("ImmediateMatterWithSpecialProcedures", {
  specialProcedures: Schema.Array(SpecialProcedureKind),
})

/**
 * An immediate matter that allows an extension.
 *
 * @category errors
 * @since 0.1.0
 */
export const ImmediateMatterWithExtension = Schema.TaggedStruct("ImmediateMatterWithExtension", {})

/**
 * A special procedure listed twice.
 *
 * @category errors
 * @since 0.1.0
 */
export const DuplicateSpecialProcedures = Schema.TaggedStruct("DuplicateSpecialProcedures", {
  duplicates: Schema.Array(SpecialProcedureKind),
})

/**
 * A core material marked deferrable: only secondary materials may be deferred.
 *
 * @category errors
 * @since 0.1.0
 */
export const CoreMaterialDeferrable = Schema.TaggedStruct("CoreMaterialDeferrable", { codes: Codes })

/**
 * The tolerant-acceptance settings name codes that are not secondary materials of the matter.
 *
 * @category errors
 * @since 0.1.0
 */
export const DeferrableMaterialNotSecondary = Schema.TaggedStruct("DeferrableMaterialNotSecondary", { codes: Codes })

/**
 * The materials flagged deferrable differ from the codes the tolerant-acceptance settings list.
 *
 * @category errors
 * @since 0.1.0
 */
export const DeferrableFlagsDisagree = Schema.TaggedStruct("DeferrableFlagsDisagree", {
  flaggedNotListed: Codes,
  listedNotFlagged: Codes,
})

/**
 * The supplement deadline exceeds the promised limit.
 *
 * @category errors
 * @since 0.1.0
 */
export const SupplementDeadlineBeyondPromised = Schema.TaggedStruct("SupplementDeadlineBeyondPromised", {
  supplementDeadline: Schema.Int,
  promised: Schema.Int,
})

/**
 * Notify-and-commit enabled on a matter that touches a barred category.
 *
 * @category errors
 * @since 0.1.0
 */
export const CommitmentOnBarredCategory = Schema.TaggedStruct("CommitmentOnBarredCategory", {
  categories: Schema.Array(BarredCategory),
})

/**
 * Notify-and-commit enabled without every notice item.
 *
 * @category errors
 * @since 0.1.0
 */
export const CommitmentWithoutNotice = Schema.TaggedStruct("CommitmentWithoutNotice", {
  missing: Schema.Array(CommitmentNoticeItem),
})

/**
 * The commitment settings replace codes that are not materials of the matter.
 *
 * @category errors
 * @since 0.1.0
 */
export const CommitmentReplacesUnknownMaterial = Schema.TaggedStruct("CommitmentReplacesUnknownMaterial", {
  codes: Codes,
})

/**
 * The materials flagged replaceable by a commitment differ from the codes the commitment settings list.
 *
 * @category errors
 * @since 0.1.0
 */
export const CommitmentFlagsDisagree = Schema.TaggedStruct("CommitmentFlagsDisagree", {
  flaggedNotListed: Codes,
  listedNotFlagged: Codes,
})

/**
 * A rejection for elements that break a rule of the catalogue.
 *
 * @category errors
 * @since 0.1.0
 */
export const ElementsRejection = Schema.Union([
  DuplicateMaterialCodes,
  ImmediateMatterWithLimits,
  PromisedMatterWithoutLimit,
  PromisedLimitAboveStatutory,
  ImmediateMatterWithSpecialProcedures,
  ImmediateMatterWithExtension,
  DuplicateSpecialProcedures,
  CoreMaterialDeferrable,
  DeferrableMaterialNotSecondary,
  DeferrableFlagsDisagree,
  SupplementDeadlineBeyondPromised,
  CommitmentOnBarredCategory,
  CommitmentWithoutNotice,
  CommitmentReplacesUnknownMaterial,
  CommitmentFlagsDisagree,
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
  UnknownMatter,
  MatterAlreadyExists,
  WrongMatter,
  MatterAlreadyAbolished,
  NoOpenDraft,
  PublishedVersionImmutable,
  RevisionAlreadyOpen,
  NotYetPublished,
  AlreadySuspended,
  NotSuspended,
  DelegationToSameAuthority,
  EffectiveDateInPast,
  InvalidInstant,
  DraftIncomplete,
  ElementsRejection,
])

/**
 * @category models
 * @since 0.1.0
 */
export type Rejection = typeof Rejection.Type
