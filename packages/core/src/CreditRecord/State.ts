/**
 * Identity, entries, settings and state of the `CreditRecord` aggregate.
 *
 * @since 0.1.0
 */
import * as Result from "effect/Result"
import * as Schema from "effect/Schema"
import * as CalendarDate from "../CalendarDate.ts"
import { PersonCode, ResidentIdNumber, UnifiedSocialCreditCode } from "../IdentityCode.ts"
import { MatterCode } from "../PublishedMatter.ts"

// ---------------------------------------------------------------------------------------------
// The subject
// ---------------------------------------------------------------------------------------------

/**
 * An enterprise or other organisation, by its unified social credit code (GB 32100).
 *
 * @category schemas
 * @since 0.1.0
 */
export const EnterpriseSubject = Schema.Struct({
  kind: Schema.Literal("enterprise"),
  code: UnifiedSocialCreditCode,
})

/**
 * A person, by the resident identity number (GB 11643), or the erased code it reads as after the
 * person's data was erased (`IdentityCode.ErasedCode`).
 *
 * @category schemas
 * @since 0.1.0
 */
export const PersonSubject = Schema.Struct({
  kind: Schema.Literal("person"),
  code: PersonCode,
})

/**
 * A person as a command names it: a resident identity number, never an erased code.
 *
 * @category schemas
 * @since 0.2.0
 */
export const PersonSubjectInput = Schema.Struct({
  kind: Schema.Literal("person"),
  code: ResidentIdNumber,
})

/**
 * Whose credit record it is: an enterprise by its unified social credit code or a person by the
 * resident identity number, both with their check characters verified.
 *
 * @example
 * ```ts
 * import { Schema } from "effect"
 * import { CreditRecord } from "@yiciban/core"
 *
 * Schema.decodeUnknownSync(CreditRecord.CreditSubject)({ kind: "enterprise", code: "91110000600037341L" }) // ok
 * ```
 *
 * @category schemas
 * @since 0.1.0
 */
export const CreditSubject = Schema.Union([EnterpriseSubject, PersonSubject])

/**
 * @category models
 * @since 0.1.0
 */
export type CreditSubject = typeof CreditSubject.Type

/**
 * A subject as a command names it (a person by a resident identity number, never an erased code).
 *
 * @category schemas
 * @since 0.2.0
 */
export const CreditSubjectInput = Schema.Union([EnterpriseSubject, PersonSubjectInput])

/**
 * @category models
 * @since 0.2.0
 */
export type CreditSubjectInput = typeof CreditSubjectInput.Type

/**
 * The subject could not be read: an unknown kind, or a code that fails its standard. `problem`
 * says what is wrong; the code itself is not repeated, since a resident identity number is
 * personal data.
 *
 * @category errors
 * @since 0.1.0
 */
export const InvalidCreditSubject = Schema.TaggedStruct("InvalidCreditSubject", {
  kind: Schema.String,
  problem: Schema.String,
})

/**
 * @category models
 * @since 0.1.0
 */
export type InvalidCreditSubject = typeof InvalidCreditSubject.Type

const decodeSubject = Schema.decodeUnknownResult(CreditSubject)

/**
 * Reads a subject from untrusted input: the subject, or an {@link InvalidCreditSubject} that says
 * what is wrong.
 *
 * @example
 * ```ts
 * import { CreditRecord } from "@yiciban/core"
 *
 * CreditRecord.parseSubject({ kind: "person", code: "11010519491231002X" }) // Result.succeed(...)
 * CreditRecord.parseSubject({ kind: "person", code: "110105194912310021" }) // Result.fail(InvalidCreditSubject)
 * ```
 *
 * @category constructors
 * @since 0.1.0
 */
export const parseSubject = (input: unknown): Result.Result<CreditSubject, InvalidCreditSubject> => {
  const kind =
    typeof input === "object" && input !== null && "kind" in input && typeof input.kind === "string"
      ? input.kind
      : "unknown"
  if (kind !== "enterprise" && kind !== "person") {
    return Result.fail({ _tag: "InvalidCreditSubject", kind, problem: 'kind must be "enterprise" or "person"' })
  }
  return Result.mapError(decodeSubject(input), (error) => ({
    _tag: "InvalidCreditSubject" as const,
    kind,
    problem: withoutLongNumbers(error.message),
  }))
}

// The code's own checks name the part that is wrong, never the whole code; a generic message may
// quote the input, so lines that carry a long number are dropped: a resident identity number is
// personal data.
const withoutLongNumbers = (message: string): string =>
  message
    .split("\n")
    .filter((line) => !/\d{15,}/.test(line))
    .join("\n")
    .trim() || "not a valid code"

/**
 * True when the value is a valid subject.
 *
 * @category guards
 * @since 0.1.0
 */
export const isCreditSubject: (input: unknown) => input is CreditSubject = Schema.is(CreditSubject)

/**
 * True when two subjects are the same enterprise or the same person.
 *
 * @category guards
 * @since 0.1.0
 */
export const sameSubject = (a: CreditSubject, b: CreditSubject): boolean => a.kind === b.kind && a.code === b.code

/**
 * The stream that holds a subject's credit record: `credit-<code>`.
 *
 * @example
 * ```ts
 * import { CreditRecord } from "@yiciban/core"
 *
 * CreditRecord.streamName({ kind: "enterprise", code }) // "credit-91110000600037341L"
 * ```
 *
 * @category constructors
 * @since 0.1.0
 */
export const streamName = (subject: CreditSubject): string => `credit-${subject.code}`

// ---------------------------------------------------------------------------------------------
// Entries
// ---------------------------------------------------------------------------------------------

/**
 * What an entry records (失信行为), with its basis:
 *
 * - `falseCommitment` — 虚假承诺: the applicant's commitment under notify-and-commit was found
 *   false on verification. 国办发〔2020〕42号: an applicant who once made a false commitment may not
 *   use notify-and-commit until credit repair. Bars commitment; default period 1 year (by analogy
 *   with ALL Art 78).
 * - `falseMaterials` — 隐瞒有关情况或者提供虚假材料: concealment or false materials in an application
 *   (ALL Art 78: refusal and a warning; where the licence directly concerns public safety,
 *   personal health or the safety of life and property, no new application for it within one
 *   year). Bars commitment; default period 1 year.
 * - `fraudInSafetyHealthProperty` — a licence concerning public safety, personal health or the
 *   safety of life and property obtained by deception, bribery or other improper means (ALL
 *   Art 79: penalty; no new application for it within three years). Bars commitment; default
 *   period 3 years.
 * - `seriousDefault` — 较严重的不良信用记录: a serious default recorded by another authority (for
 *   example a listing among seriously dishonest entities). 国办发〔2020〕42号 bars commitment until
 *   repair. No default period: the listing decision sets it.
 * - `minorDefault` — 一般失信: a default kept for supervision that does not bar commitment.
 *   No default period.
 *
 * @category schemas
 * @since 0.1.0
 */
export const EntryKind = Schema.Literals([
  "falseCommitment",
  "falseMaterials",
  "fraudInSafetyHealthProperty",
  "seriousDefault",
  "minorDefault",
])

/**
 * @category models
 * @since 0.1.0
 */
export type EntryKind = typeof EntryKind.Type

/**
 * The kinds that bar notify-and-commit while in effect (国办发〔2020〕42号: a serious bad credit
 * record or an earlier false commitment). National policy, not a local setting.
 *
 * @category models
 * @since 0.1.0
 */
export const barringKinds: ReadonlyArray<EntryKind> = [
  "falseCommitment",
  "falseMaterials",
  "fraudInSafetyHealthProperty",
  "seriousDefault",
]

/**
 * An entry that came from a case: the case number (办件编号) and the matter's implementation code.
 *
 * @category schemas
 * @since 0.1.0
 */
export const ApplicationSource = Schema.TaggedStruct("Application", {
  caseNo: Schema.NonEmptyString,
  matterCode: Schema.NonEmptyString,
})

/**
 * An entry that came from a decision outside a case: the deciding authority and the document
 * number (文号) of its decision.
 *
 * @category schemas
 * @since 0.1.0
 */
export const DecisionSource = Schema.TaggedStruct("Decision", {
  authority: Schema.NonEmptyString,
  documentNo: Schema.NonEmptyString,
})

/**
 * Where an entry comes from.
 *
 * @category schemas
 * @since 0.1.0
 */
export const EntrySource = Schema.Union([ApplicationSource, DecisionSource])

/**
 * @category models
 * @since 0.1.0
 */
export type EntrySource = typeof EntrySource.Type

/**
 * True when two sources name the same case or the same decision.
 *
 * @category guards
 * @since 0.1.0
 */
export const sameSource = (a: EntrySource, b: EntrySource): boolean =>
  a._tag === "Application"
    ? b._tag === "Application" && a.caseNo === b.caseNo && a.matterCode === b.matterCode
    : b._tag === "Decision" && a.authority === b.authority && a.documentNo === b.documentNo

/**
 * A deterministic entry id for a source and a kind, so that a process manager that records the
 * same finding twice records one entry: `<caseNo>/<kind>` or `<authority>/<documentNo>/<kind>`.
 *
 * @example
 * ```ts
 * import { CreditRecord } from "@yiciban/core"
 *
 * CreditRecord.entryIdFor({ _tag: "Application", caseNo: "2026-0042", matterCode }, "falseCommitment")
 * // "2026-0042/falseCommitment"
 * ```
 *
 * @category constructors
 * @since 0.1.0
 */
export const entryIdFor = (source: EntrySource, kind: EntryKind): string =>
  source._tag === "Application" ? `${source.caseNo}/${kind}` : `${source.authority}/${source.documentNo}/${kind}`

/**
 * A credit repair (信用修复): from `repairedOn` on, the entry no longer bars.
 *
 * @category schemas
 * @since 0.1.0
 */
export const Repair = Schema.Struct({
  reason: Schema.NonEmptyString,
  repairedOn: CalendarDate.CalendarDate,
  repairedBy: Schema.String,
})

/**
 * The withdrawal of an entry recorded by mistake: the entry is void and never bars.
 *
 * @category schemas
 * @since 0.1.0
 */
export const Revocation = Schema.Struct({
  reason: Schema.NonEmptyString,
  revokedOn: CalendarDate.CalendarDate,
  revokedBy: Schema.String,
})

/**
 * One entry of a credit record. It is in effect from `effectiveOn` to `expiresOn`, both days
 * included (the last day of the period: 民法典 Art 201–202), unless repaired (from `repairedOn` on)
 * or revoked (never).
 *
 * @category schemas
 * @since 0.1.0
 */
export const Entry = Schema.Struct({
  id: Schema.NonEmptyString,
  kind: EntryKind,
  source: EntrySource,
  reason: Schema.NonEmptyString,
  effectiveOn: CalendarDate.CalendarDate,
  expiresOn: CalendarDate.CalendarDate,
  recordedBy: Schema.String,
  repair: Schema.NullOr(Repair),
  revocation: Schema.NullOr(Revocation),
})

/**
 * @category models
 * @since 0.1.0
 */
export type Entry = typeof Entry.Type

// ---------------------------------------------------------------------------------------------
// Periods and settings
// ---------------------------------------------------------------------------------------------

/**
 * A length of time in calendar years, months or days.
 *
 * @category schemas
 * @since 0.1.0
 */
export const Period = Schema.Struct({
  amount: Schema.Int.check(Schema.isGreaterThanOrEqualTo(1)),
  unit: Schema.Literals(["years", "months", "days"]),
})

/**
 * @category models
 * @since 0.1.0
 */
export type Period = typeof Period.Type

/**
 * The last day of a period that starts with an event on `start`: the start day is not counted
 * and, for years and months, the corresponding day of the last month is the last day, or that
 * month's last day when it has no corresponding day (民法典 Art 201, 202).
 *
 * @example
 * ```ts
 * import { CalendarDate, CreditRecord } from "@yiciban/core"
 *
 * CreditRecord.lastDayOf(CalendarDate.make("2026-03-10"), { amount: 1, unit: "years" }) // "2027-03-10"
 * CreditRecord.lastDayOf(CalendarDate.make("2028-02-29"), { amount: 1, unit: "years" }) // "2029-02-28"
 * ```
 *
 * @category combinators
 * @since 0.1.0
 */
export const lastDayOf = (start: CalendarDate.CalendarDate, period: Period): CalendarDate.CalendarDate => {
  if (period.unit === "days") return CalendarDate.addDays(start, period.amount)
  const months = period.unit === "years" ? period.amount * 12 : period.amount
  const [y, m, d] = start.split("-").map(Number) as [number, number, number]
  const index = y * 12 + (m - 1) + months
  const year = Math.floor(index / 12)
  const month = (index % 12) + 1
  const day = Math.min(d, CalendarDate.daysInMonth(year, month))
  return `${String(year).padStart(4, "0")}-${String(month).padStart(2, "0")}-${String(day).padStart(2, "0")}` as CalendarDate.CalendarDate
}

/**
 * A deployment's settings: the default period of each kind, used when a `RecordEntry` names no
 * expiry date. A kind without a period needs an explicit expiry date.
 *
 * @category schemas
 * @since 0.1.0
 */
export const Settings = Schema.Struct({
  periods: Schema.Struct({
    falseCommitment: Schema.optionalKey(Period),
    falseMaterials: Schema.optionalKey(Period),
    fraudInSafetyHealthProperty: Schema.optionalKey(Period),
    seriousDefault: Schema.optionalKey(Period),
    minorDefault: Schema.optionalKey(Period),
  }),
})

/**
 * @category models
 * @since 0.1.0
 */
export type Settings = typeof Settings.Type

/**
 * The statutory defaults: 1 year for a false commitment and for false materials (ALL Art 78),
 * 3 years for fraud in safety, health or property matters (ALL Art 79); serious and minor defaults
 * carry the period their own decision sets.
 *
 * @category constructors
 * @since 0.1.0
 */
export const defaultSettings: Settings = {
  periods: {
    falseCommitment: { amount: 1, unit: "years" },
    falseMaterials: { amount: 1, unit: "years" },
    fraudInSafetyHealthProperty: { amount: 3, unit: "years" },
  },
}

// ---------------------------------------------------------------------------------------------
// Statutory re-application bars (ALL Arts 78, 79): see Bars.ts
// ---------------------------------------------------------------------------------------------

/**
 * The article a bar rests on: `ALL Art 78` (concealment or false materials in an application,
 * 1 year) or `ALL Art 79` (a licence obtained by deception, bribery or other improper means,
 * 3 years).
 *
 * @category schemas
 * @since 0.2.0
 */
export const BarArticle = Schema.Literals(["ALL Art 78", "ALL Art 79"])

/**
 * @category models
 * @since 0.2.0
 */
export type BarArticle = typeof BarArticle.Type

/**
 * The annulment of a bar whose finding was set aside (on administrative review or by a court):
 * the bar is void.
 *
 * @category schemas
 * @since 0.2.0
 */
export const BarAnnulment = Schema.Struct({
  reason: Schema.NonEmptyString,
  annulledOn: CalendarDate.CalendarDate,
  annulledBy: Schema.String,
})

/**
 * A statutory re-application bar: its id, article, the licence's base code, the finding's source
 * (the case, or a decision such as a licence's Art 69(2) revocation) and reasons, the day it
 * starts (the finding's day) and its last day, who recorded it, and its annulment if any.
 *
 * @category schemas
 * @since 0.2.0
 */
export const StatutoryBar = Schema.Struct({
  id: Schema.NonEmptyString,
  article: BarArticle,
  baseCode: MatterCode,
  source: EntrySource,
  reason: Schema.NonEmptyString,
  effectiveOn: CalendarDate.CalendarDate,
  endsOn: CalendarDate.CalendarDate,
  recordedBy: Schema.String,
  annulment: Schema.NullOr(BarAnnulment),
})

/**
 * @category models
 * @since 0.2.0
 */
export type StatutoryBar = typeof StatutoryBar.Type

// ---------------------------------------------------------------------------------------------
// State
// ---------------------------------------------------------------------------------------------

/**
 * The state of a credit record: its subject (`null` before the first entry or bar), every entry
 * in the order recorded (repaired and revoked ones included), and — kept apart, since credit
 * repair never lifts them — every statutory re-application bar (ALL Arts 78, 79; see
 * `StatutoryBar`).
 *
 * @category schemas
 * @since 0.1.0
 */
export const State = Schema.Struct({
  subject: Schema.NullOr(CreditSubject),
  entries: Schema.Array(Entry),
  bars: Schema.Array(StatutoryBar),
})

/**
 * @category models
 * @since 0.1.0
 */
export type State = typeof State.Type

/**
 * The state before any event, of a subject not yet known.
 *
 * @category constructors
 * @since 0.1.0
 */
export const initialState: State = { subject: null, entries: [], bars: [] }

/**
 * The state before any event of a known subject: fold a stream from here when it may be empty, so
 * that {@link standing} can name the subject of a clean record.
 *
 * @example
 * ```ts
 * import { CalendarDate, CreditRecord, Decider } from "@yiciban/core"
 *
 * const state = Decider.fold(CreditRecord.decider, events, CreditRecord.initialFor(subject))
 * CreditRecord.standing(state, CalendarDate.make("2026-10-09"))
 * ```
 *
 * @category constructors
 * @since 0.1.0
 */
export const initialFor = (subject: CreditSubject): State => ({ subject, entries: [], bars: [] })

/**
 * The entry with this id, if any.
 *
 * @category combinators
 * @since 0.1.0
 */
export const findEntry = (state: State, id: string): Entry | undefined => state.entries.find((entry) => entry.id === id)
