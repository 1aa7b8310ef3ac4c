/**
 * The commands of the `CreditRecord` aggregate. Every command names its subject, which routes it
 * to the stream `credit-<code>`.
 *
 * @since 0.1.0
 */
import * as Schema from "effect/Schema"
import { CalendarDate } from "../CalendarDate.ts"
import { MatterCode } from "../PublishedMatter.ts"
import { BarArticle, CreditSubjectInput, EntryKind, EntrySource } from "./State.ts"

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
 * Records a statutory re-application bar (ALL Arts 78, 79) for the licence with base code
 * `baseCode`, from a finding made on `effectiveOn`: `ALL Art 78` — concealment or false materials
 * in an application (1 year); `ALL Art 79` — a licence obtained by deception, bribery or other
 * improper means (3 years). Send it only where the licence directly concerns public safety,
 * personal health or the safety of life and property (`PublishedMatter.concernsSafetyHealthProperty`).
 * The last day is the law's (`barEndsOn`), never a deployment's. `barId` is best made with
 * `barIdFor(source, article)`; recording the same bar again is a no-op, different content under
 * the same id is rejected (`BarIdConflict`). Issued by the runtime's process manager for a case's
 * `FraudFound`, by a licence's Art 69(2) revocation, or by a supervisor.
 *
 * @example
 * ```ts
 * import type { CreditRecord } from "@yiciban/core"
 *
 * const command: CreditRecord.RecordStatutoryBar = {
 *   _tag: "RecordStatutoryBar",
 *   subject,
 *   barId: "JY-2026-0042/art79",
 *   article: "ALL Art 79",
 *   baseCode: "000101001000",
 *   source: { _tag: "Decision", authority: "长沙市市场监督管理局", documentNo: "长市监撤字〔2026〕12号" },
 *   reason: "以欺骗手段取得食品经营许可，依法撤销",
 *   effectiveOn: CalendarDate.make("2026-10-09"),
 * }
 * ```
 *
 * @category schemas
 * @since 0.2.0
 */
export const RecordStatutoryBar = Schema.TaggedStruct("RecordStatutoryBar", {
  subject: CreditSubjectInput,
  barId: Schema.NonEmptyString,
  article: BarArticle,
  baseCode: MatterCode,
  source: EntrySource,
  reason: Schema.NonEmptyString,
  effectiveOn: CalendarDate,
})

/**
 * @category models
 * @since 0.2.0
 */
export type RecordStatutoryBar = typeof RecordStatutoryBar.Type

/**
 * Annuls a statutory bar whose finding was set aside (on administrative review or by a court),
 * decided on `annulledOn`: the bar is void. Credit repair is not an annulment.
 *
 * @category schemas
 * @since 0.2.0
 */
export const AnnulStatutoryBar = Schema.TaggedStruct("AnnulStatutoryBar", {
  subject: CreditSubjectInput,
  barId: Schema.NonEmptyString,
  reason: Schema.NonEmptyString,
  annulledOn: CalendarDate,
})

/**
 * @category models
 * @since 0.2.0
 */
export type AnnulStatutoryBar = typeof AnnulStatutoryBar.Type

/**
 * Every command of the aggregate.
 *
 * @category schemas
 * @since 0.1.0
 */
export const Command = Schema.Union([RecordEntry, RepairEntry, RevokeEntry, RecordStatutoryBar, AnnulStatutoryBar])

/**
 * @category models
 * @since 0.1.0
 */
export type Command = typeof Command.Type
