/**
 * Statutory re-application bars (ALL Arts 78, 79) kept in a subject's credit record, apart from its
 * credit entries. A bar is the law's consequence of a finding: where the licence directly concerns
 * public safety, personal health or the safety of life and property, an applicant who concealed
 * facts or gave false materials (Art 78) may not apply for that licence again within one year, and
 * one who obtained it by deception, bribery or other improper means (Art 79) within three years.
 * It is keyed by the licence — the matter's base code (基本编码), shared by every authority that
 * implements it — not by one authority's implementation code, and credit repair (信用修复) never
 * lifts it: repair acts on credit entries, whose consequence (losing notify-and-commit) is policy.
 * Only an annulment of the finding (on administrative review or by a court) ends a bar early.
 *
 * @since 0.2.0
 */
import type * as CalendarDate from "../CalendarDate.ts"
import { type BarArticle, type EntrySource, lastDayOf, type Period, type StatutoryBar, sameSource } from "./State.ts"

/**
 * The length of each article's bar: one year (Art 78), three years (Art 79). Set by the law, not
 * by a deployment.
 *
 * @category models
 * @since 0.2.0
 */
export const barPeriods: { readonly [A in BarArticle]: Period } = {
  "ALL Art 78": { amount: 1, unit: "years" },
  "ALL Art 79": { amount: 3, unit: "years" },
}

/**
 * A deterministic bar id for a source and an article, so that recording the same finding twice
 * records one bar: `<caseNo>/art78` or `<authority>/<documentNo>/art79`.
 *
 * @example
 * ```ts
 * import { CreditRecord } from "@yiciban/core"
 *
 * CreditRecord.barIdFor({ _tag: "Application", caseNo: "2026-0042", matterCode }, "ALL Art 78") // "2026-0042/art78"
 * ```
 *
 * @category constructors
 * @since 0.2.0
 */
export const barIdFor = (source: EntrySource, article: BarArticle): string => {
  const suffix = article === "ALL Art 78" ? "art78" : "art79"
  return source._tag === "Application"
    ? `${source.caseNo}/${suffix}`
    : `${source.authority}/${source.documentNo}/${suffix}`
}

/**
 * The last day of a bar that starts on `effectiveOn` (民法典 Art 201–202: the start day is not
 * counted): one year or three years later.
 *
 * @example
 * ```ts
 * import { CalendarDate, CreditRecord } from "@yiciban/core"
 *
 * CreditRecord.barEndsOn("ALL Art 79", CalendarDate.make("2026-10-09")) // "2029-10-09"
 * ```
 *
 * @category combinators
 * @since 0.2.0
 */
export const barEndsOn = (article: BarArticle, effectiveOn: CalendarDate.CalendarDate): CalendarDate.CalendarDate =>
  lastDayOf(effectiveOn, barPeriods[article])

/**
 * True when the bar is in effect on `day`: not annulled and `effectiveOn ≤ day ≤ endsOn`. Credit
 * repair plays no part.
 *
 * @category guards
 * @since 0.2.0
 */
export const barInEffect = (bar: StatutoryBar, day: CalendarDate.CalendarDate): boolean =>
  bar.annulment === null && bar.effectiveOn <= day && day <= bar.endsOn

/**
 * True when a recorded bar has this content: recording it again is then a no-op, otherwise a
 * conflict.
 *
 * @category guards
 * @since 0.2.0
 */
export const sameBarContent = (
  bar: Pick<StatutoryBar, "article" | "baseCode" | "source" | "reason" | "effectiveOn">,
  content: Pick<StatutoryBar, "article" | "baseCode" | "source" | "reason" | "effectiveOn">,
): boolean =>
  bar.article === content.article &&
  bar.baseCode === content.baseCode &&
  sameSource(bar.source, content.source) &&
  bar.reason === content.reason &&
  bar.effectiveOn === content.effectiveOn

/**
 * The bars in effect on `day` for the licence with base code `baseCode`, longest first: what
 * stops a new application for it. Any implementation of the matter, by any authority, is the same
 * licence. The runtime reads it at submission (`facts.reapplicationBars`); a licence's Art 69(2)
 * revocation feeds it through `RecordStatutoryBar`.
 *
 * @example
 * ```ts
 * import { CalendarDate, CreditRecord } from "@yiciban/core"
 *
 * CreditRecord.barsOn(record, "000101001000", CalendarDate.make("2027-03-01"))
 * // [{ id: "2026-0042/art78", article: "ALL Art 78", endsOn: "2027-10-09", … }]
 * ```
 *
 * @category combinators
 * @since 0.2.0
 */
export const barsOn = (
  state: { readonly bars: ReadonlyArray<StatutoryBar> },
  baseCode: string,
  day: CalendarDate.CalendarDate,
): ReadonlyArray<StatutoryBar> =>
  state.bars
    .filter((bar) => bar.baseCode === baseCode && barInEffect(bar, day))
    .sort((a, b) => (a.endsOn < b.endsOn ? 1 : a.endsOn > b.endsOn ? -1 : 0))

/**
 * Every bar ends on its article's last day counted from its start: one year (Art 78) or three
 * years (Art 79).
 *
 * @category guards
 * @since 0.2.0
 */
export const barsLastTheirStatutoryPeriod = (state: { readonly bars: ReadonlyArray<StatutoryBar> }): boolean =>
  state.bars.every((bar) => bar.endsOn === barEndsOn(bar.article, bar.effectiveOn))
