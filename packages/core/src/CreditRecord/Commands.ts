/**
 * The commands of the `CreditRecord` aggregate. Every command names its subject, which routes it
 * to the stream `credit-<code>`.
 *
 * @since 0.1.0
 */
import { Schema } from "effect"
import { CalendarDate } from "../CalendarDate.ts"
import { CreditSubjectInput, EntryKind, EntrySource } from "./State.ts"

/**
 * Records an entry. Without `expiresOn` the expiry is the end of the kind's default period
 * counted from `effectiveOn` (see `Settings`). Recording the same entry again is a no-op;
 * recording different content under an existing id is rejected.
 *
 * @example
 * ```ts
 * import type { CreditRecord } from "@yiciban/core"
 *
 * const command: CreditRecord.RecordEntry = {
 *   _tag: "RecordEntry",
 *   subject,
 *   entryId: "2026-0042/falseCommitment",
 *   kind: "falseCommitment",
 *   source: { _tag: "Application", caseNo: "2026-0042", matterCode },
 *   reason: "On-site verification found no premises at the committed address",
 *   effectiveOn: CalendarDate.make("2026-10-09"),
 * }
 * ```
 *
 * @category schemas
 * @since 0.1.0
 */
export const RecordEntry = Schema.TaggedStruct("RecordEntry", {
  subject: CreditSubjectInput,
  entryId: Schema.NonEmptyString,
  kind: EntryKind,
  source: EntrySource,
  reason: Schema.NonEmptyString,
  effectiveOn: CalendarDate,
  expiresOn: Schema.optionalKey(CalendarDate),
})

/**
 * @category models
 * @since 0.1.0
 */
export type RecordEntry = typeof RecordEntry.Type

/**
 * Records a credit repair (信用修复) of an entry decided on `repairedOn`: from that day on the entry
 * no longer bars. Whether the minimum publication period has passed and the default has been
 * corrected is for the repairing authority to decide before it issues this command.
 *
 * @category schemas
 * @since 0.1.0
 */
export const RepairEntry = Schema.TaggedStruct("RepairEntry", {
  subject: CreditSubjectInput,
  entryId: Schema.NonEmptyString,
  reason: Schema.NonEmptyString,
  repairedOn: CalendarDate,
})

/**
 * @category models
 * @since 0.1.0
 */
export type RepairEntry = typeof RepairEntry.Type

/**
 * Revokes an entry recorded by mistake (for example when the decision it rests on is annulled on
 * administrative reconsideration or by a court): the entry is void and never bars, on any date.
 *
 * @category schemas
 * @since 0.1.0
 */
export const RevokeEntry = Schema.TaggedStruct("RevokeEntry", {
  subject: CreditSubjectInput,
  entryId: Schema.NonEmptyString,
  reason: Schema.NonEmptyString,
  revokedOn: CalendarDate,
})

/**
 * @category models
 * @since 0.1.0
 */
export type RevokeEntry = typeof RevokeEntry.Type

/**
 * Every command of the aggregate.
 *
 * @category schemas
 * @since 0.1.0
 */
export const Command = Schema.Union([RecordEntry, RepairEntry, RevokeEntry])

/**
 * @category models
 * @since 0.1.0
 */
export type Command = typeof Command.Type
