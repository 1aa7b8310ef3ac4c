/**
 * The commands of the `Matter` aggregate. Every command names the matter by its implementation
 * code and may be issued by a `catalogueAdmin` only.
 *
 * @since 0.1.0
 */
import * as Schema from "effect/Schema"
import { CalendarDate } from "../CalendarDate.ts"
import { ImplementingAuthority, MatterCode, MatterElements } from "../PublishedMatter.ts"
import { DelegationKind } from "./State.ts"

/**
 * Starts a matter with its first draft.
 *
 * @category schemas
 * @since 0.1.0
 */
export const DraftMatter = Schema.TaggedStruct("DraftMatter", {
  implementationCode: MatterCode,
  baseCode: MatterCode,
  elements: MatterElements,
})

/**
 * @category models
 * @since 0.1.0
 */
export type DraftMatter = typeof DraftMatter.Type

/**
 * Replaces the open draft (the first draft or an open revision) with new elements.
 *
 * @category schemas
 * @since 0.1.0
 */
export const ReviseDraft = Schema.TaggedStruct("ReviseDraft", {
  implementationCode: MatterCode,
  elements: MatterElements,
})

/**
 * @category models
 * @since 0.1.0
 */
export type ReviseDraft = typeof ReviseDraft.Type

/**
 * Publishes the open draft as the next version.
 *
 * @category schemas
 * @since 0.1.0
 */
export const PublishDraft = Schema.TaggedStruct("PublishDraft", {
  implementationCode: MatterCode,
})

/**
 * @category models
 * @since 0.1.0
 */
export type PublishDraft = typeof PublishDraft.Type

/**
 * Opens a revision: a new draft that starts as a copy of the latest published version.
 *
 * @category schemas
 * @since 0.1.0
 */
export const OpenRevision = Schema.TaggedStruct("OpenRevision", {
  implementationCode: MatterCode,
})

/**
 * @category models
 * @since 0.1.0
 */
export type OpenRevision = typeof OpenRevision.Type

/**
 * Suspends a published matter: it accepts no new applications until resumed.
 *
 * @category schemas
 * @since 0.1.0
 */
export const SuspendMatter = Schema.TaggedStruct("SuspendMatter", {
  implementationCode: MatterCode,
  reason: Schema.NonEmptyString,
})

/**
 * @category models
 * @since 0.1.0
 */
export type SuspendMatter = typeof SuspendMatter.Type

/**
 * Resumes a suspended matter.
 *
 * @category schemas
 * @since 0.1.0
 */
export const ResumeMatter = Schema.TaggedStruct("ResumeMatter", {
  implementationCode: MatterCode,
})

/**
 * @category models
 * @since 0.1.0
 */
export type ResumeMatter = typeof ResumeMatter.Type

/**
 * Abolishes the matter (取消). Nothing is accepted afterwards.
 *
 * @category schemas
 * @since 0.1.0
 */
export const AbolishMatter = Schema.TaggedStruct("AbolishMatter", {
  implementationCode: MatterCode,
  reason: Schema.NonEmptyString,
})

/**
 * @category models
 * @since 0.1.0
 */
export type AbolishMatter = typeof AbolishMatter.Type

/**
 * Hands the matter to another authority from a date: delegate down (下放), entrust (委托) or zone
 * empowerment (园区赋权).
 *
 * @category schemas
 * @since 0.1.0
 */
export const DelegateMatter = Schema.TaggedStruct("DelegateMatter", {
  implementationCode: MatterCode,
  kind: DelegationKind,
  to: ImplementingAuthority,
  effectiveFrom: CalendarDate,
  basis: Schema.NonEmptyString,
})

/**
 * @category models
 * @since 0.1.0
 */
export type DelegateMatter = typeof DelegateMatter.Type

/**
 * Every command of the aggregate.
 *
 * @category schemas
 * @since 0.1.0
 */
export const Command = Schema.Union([
  DraftMatter,
  ReviseDraft,
  PublishDraft,
  OpenRevision,
  SuspendMatter,
  ResumeMatter,
  AbolishMatter,
  DelegateMatter,
])

/**
 * @category models
 * @since 0.1.0
 */
export type Command = typeof Command.Type
