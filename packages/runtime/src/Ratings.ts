/**
 * The read side of service ratings (好差评) and supervision (互联网+监管): one asynchronous
 * projection that keeps, per authority, region and month, what the five rates (五率) and the
 * early warnings need, and the queries over it — authorized like every read.
 *
 * **The five rates** (definitions and formulas in docs/ratings.md), per authority, its region and a
 * month (`YYYY-MM`, Beijing time):
 *
 * - coverage: rateable matters ÷ catalogued matters (published, not abolished) of the authority;
 * - actual rating rate: cases concluded in the month with at least one actual rating ÷ cases
 *   concluded in the month;
 * - effective handling of negatives: negatives given in the month closed on time with a callback
 *   that reached the rater ÷ negatives given in the month (excluded ones out of both);
 * - data timeliness and accuracy: rating records of the month recorded within the reporting window
 *   of the moment they were given and valid against their schema ÷ rating records of the month;
 * - result usage: units rated in the month whose ratings fed a rectification ÷ units rated.
 *
 * **Early warnings**: open cases overdue or nearly overdue against their promised date, by
 * authority; repeated negatives on one unit or one matter in a month; false commitments by
 * subject and by matter.
 *
 * The read model is in memory (rebuild it from zero with `Projection.rebuild` at start-up: the
 * numbers are the same); rows never carry a rater.
 *
 * @since 0.3.0
 */
import { type Actor, Application, CalendarDate, Matter, Rating, WorkCalendar } from "@yiciban/core"
import type { EventStore } from "@yiciban/eventstore"
import * as Effect from "effect/Effect"
import * as Result from "effect/Result"
import { application as applicationAggregate, matter as matterAggregate } from "./Aggregates.ts"
import { identityRoles, isStaffRole, maskIdentityNumbers, regionCovers } from "./Authorization.ts"
import { decodeEvent } from "./Loader.ts"
import type { Projection } from "./Projection.ts"
import { rating as ratingAggregate } from "./RatingAggregate.ts"
import { NotPermitted } from "./RuntimeError.ts"

/**
 * A numerator over a denominator, and the rate (`null` when the denominator is 0).
 *
 * @category models
 * @since 0.3.0
 */
export interface Rate {
  readonly numerator: number
  readonly denominator: number
  readonly rate: number | null
}

/**
 * One row of the five-rates report.
 *
 * @category models
 * @since 0.3.0
 */
export interface FiveRatesRow {
  readonly authority: string
  readonly region: string
  readonly period: string
  readonly coverage: Rate
  readonly actualRating: Rate
  readonly negativeHandling: Rate
  readonly dataQuality: Rate
  readonly resultUsage: Rate
}

/**
 * The projection's settings: the hours within which a rating must reach the store to count as
 * timely (default 24), how many working days before the promised date a case is nearly overdue
 * (default 2), how many negatives in a month make a repeated-negatives warning (default 3), and
 * the calendar.
 *
 * @category models
 * @since 0.3.0
 */
export interface RatingsSettings {
  readonly reportingWindowHours: number
  readonly nearlyOverdueWorkingDays: number
  readonly repeatedNegatives: number
  readonly calendar: WorkCalendar.WorkCalendar
}

/**
 * @category models
 * @since 0.3.0
 */
export const defaultRatingsSettings: RatingsSettings = {
  reportingWindowHours: 24,
  nearlyOverdueWorkingDays: 2,
  repeatedNegatives: 3,
  calendar: WorkCalendar.chinaMainland,
}

interface Unit {
  readonly authority: string
  readonly region: string
}

interface CaseRecord extends Unit {
  matterCode: string
  concludedOn: CalendarDate.CalendarDate | null
  promisedDueOn: CalendarDate.CalendarDate | null
  statutoryDueOn: CalendarDate.CalendarDate | null
}

interface RatingRecord extends Unit {
  caseNo: string
  matterCode: string
  state: Rating.State
  timely: boolean
  rectified: boolean
}

interface MatterRecord extends Unit {
  rateable: boolean
  catalogued: boolean
}

/**
 * A rating as its unit sees it: everything but the rater.
 *
 * @category models
 * @since 0.3.0
 */
export interface UnitRating {
  readonly ratingId: string
  readonly caseNo: string
  readonly matterCode: string
  readonly authority: string
  readonly region: string
  readonly phase: Rating.Phase
  readonly level: Rating.Level | null
  readonly default: boolean
  readonly channel: Rating.Channel | null
  readonly text: string
  readonly tags: ReadonlyArray<string>
  readonly ratedOn: CalendarDate.CalendarDate | null
  readonly handleBy: CalendarDate.CalendarDate | null
}

/**
 * An early warning.
 *
 * @category models
 * @since 0.3.0
 */
export type Warning =
  | {
      readonly _tag: "Overdue" | "NearlyOverdue"
      readonly authority: string
      readonly region: string
      readonly caseNo: string
      readonly dueOn: CalendarDate.CalendarDate
    }
  | {
      readonly _tag: "RepeatedNegatives"
      readonly on: "unit" | "matter"
      readonly authority: string
      readonly region: string
      readonly matterCode: string | null
      readonly period: string
      readonly negatives: number
    }
  | {
      readonly _tag: "FalseCommitments"
      readonly by: "subject" | "matter"
      readonly authority: string
      readonly region: string
      readonly key: string
      readonly count: number
    }

const periodOf = (day: CalendarDate.CalendarDate): string => day.slice(0, 7)

/**
 * The in-memory read model of ratings, cases and matters, fed by {@link projection}.
 *
 * @category models
 * @since 0.3.0
 */
export class RatingsModel {
  readonly settings: RatingsSettings
  /** Open cases' full states (a concluded case keeps only its record). */
  private readonly openCases = new Map<string, Application.State>()
  readonly cases = new Map<string, CaseRecord>()
  readonly ratings = new Map<string, RatingRecord>()
  private readonly matterStates = new Map<string, Matter.State>()
  readonly matters = new Map<string, MatterRecord>()
  /** False commitments: [authority, region, subject, matter]. */
  readonly falseCommitments: Array<readonly [string, string, string, string]> = []
  /** Stored events that did not decode (counted against data accuracy of their unit when known). */
  unreadable = 0

  constructor(settings: Partial<RatingsSettings> = {}) {
    this.settings = { ...defaultRatingsSettings, ...settings }
  }

  reset(): void {
    this.openCases.clear()
    this.cases.clear()
    this.ratings.clear()
    this.matterStates.clear()
    this.matters.clear()
    this.falseCommitments.length = 0
    this.unreadable = 0
  }

  /** Applies one stored event (personal fields opened). Idempotent per stream version. */
  apply(event: EventStore.RecordedEvent): void {
    const category = event.stream.slice(0, event.stream.indexOf("-"))
    if (category === "rating") this.applyRating(event)
    else if (category === "application") this.applyCase(event)
    else if (category === "matter") this.applyMatter(event)
  }

  private applyRating(event: EventStore.RecordedEvent): void {
    const id = event.stream.slice("rating-".length)
    const decoded = decodeEvent(ratingAggregate, event)
    if (Result.isFailure(decoded)) {
      this.unreadable++
      return
    }
    const e = decoded.success
    const before = this.ratings.get(id)
    if (before === undefined && e._tag !== "RatingOpened") return
    const state = Rating.evolve(before?.state ?? Rating.initialState, e)
    if (before !== undefined && before.state === state) return
    const unit = state.ratedCase!.unit
    const given = e._tag === "RatingGiven"
    const lag = Date.parse(event.recordedAt) - Date.parse(event.metadata.occurredAt)
    this.ratings.set(id, {
      authority: unit.creditCode,
      region: unit.division,
      caseNo: state.ratedCase!.caseNo,
      matterCode: state.ratedCase!.matterCode,
      state,
      timely: given ? lag <= this.settings.reportingWindowHours * 3_600_000 : (before?.timely ?? true),
      rectified: (before?.rectified ?? false) || e._tag === "RectifiedAtOnce" || e._tag === "RectificationCompleted",
    })
  }

  private applyCase(event: EventStore.RecordedEvent): void {
    const caseNo = event.stream.slice("application-".length)
    const record = this.cases.get(caseNo)
    if (record?.concludedOn != null) return
    const decoded = decodeEvent(applicationAggregate, event)
    if (Result.isFailure(decoded)) {
      this.unreadable++
      return
    }
    const e = decoded.success
    if (e._tag === "FalseCommitmentFound" && record !== undefined) {
      this.falseCommitments.push([record.authority, record.region, e.subject.code, record.matterCode])
    }
    const state = applicationAggregate.decider.evolve(this.openCases.get(caseNo) ?? Application.initialState, e)
    const matter = state.matter
    if (matter === null) {
      this.openCases.set(caseNo, state)
      return
    }
    const closed = Application.closedPhases.includes(state.phase)
    const concludedOn = closed
      ? (state.certificate?.issuedOn ??
        state.closure?.on ??
        state.decision?.decidedOn ??
        CalendarDate.ofInstant(event.recordedAt))
      : null
    this.cases.set(caseNo, {
      authority: matter.implementingAuthority.creditCode,
      region: matter.implementingAuthority.division,
      matterCode: matter.implementationCode,
      concludedOn,
      promisedDueOn: state.acceptance?.promisedDueOn ?? null,
      statutoryDueOn: state.acceptance?.statutoryDueOn ?? null,
    })
    if (closed) this.openCases.delete(caseNo)
    else this.openCases.set(caseNo, state)
  }

  private applyMatter(event: EventStore.RecordedEvent): void {
    const code = event.stream.slice("matter-".length)
    const decoded = decodeEvent(matterAggregate, event)
    if (Result.isFailure(decoded)) {
      this.unreadable++
      return
    }
    const state = matterAggregate.decider.evolve(this.matterStates.get(code) ?? Matter.initialState, decoded.success)
    this.matterStates.set(code, state)
    const terms = Matter.publishedTerms(state)
    if (terms === undefined) return
    this.matters.set(code, {
      authority: terms.implementingAuthority.creditCode,
      region: terms.implementingAuthority.division,
      rateable: terms.ratingEnabled && state.phase !== "abolished",
      catalogued: state.phase !== "abolished",
    })
  }

  /** The five rates of every authority and month with activity, in key order. */
  fiveRates(): ReadonlyArray<FiveRatesRow> {
    type Acc = {
      [K in "coverage" | "actualRating" | "negativeHandling" | "dataQuality" | "resultUsage"]: [number, number]
    }
    const rows = new Map<string, Unit & { period: string; acc: Acc; units: Map<string, boolean> }>()
    const rowOf = (unit: Unit, period: string) => {
      const key = `${unit.authority}|${unit.region}|${period}`
      let row = rows.get(key)
      if (row === undefined) {
        const acc: Acc = {
          coverage: [0, 0],
          actualRating: [0, 0],
          negativeHandling: [0, 0],
          dataQuality: [0, 0],
          resultUsage: [0, 0],
        }
        row = { authority: unit.authority, region: unit.region, period, acc, units: new Map() }
        rows.set(key, row)
      }
      return row
    }
    const ratedCases = new Set<string>()
    for (const r of this.ratings.values()) {
      if (Rating.countsAsActual(r.state)) ratedCases.add(r.caseNo)
      const given = r.state.given
      if (given === null) continue
      const row = rowOf(r, periodOf(given.ratedOn))
      row.acc.dataQuality[1]++
      if (r.timely) row.acc.dataQuality[0]++
      if (Rating.isNegative(r.state) && r.state.phase !== "excluded") {
        row.acc.negativeHandling[1]++
        if (Rating.closedOnTimeWithCallback(r.state)) row.acc.negativeHandling[0]++
      }
      if (Rating.countsAsActual(r.state))
        row.units.set(r.authority, (row.units.get(r.authority) ?? false) || r.rectified)
    }
    for (const [caseNo, c] of this.cases) {
      if (c.concludedOn === null) continue
      const row = rowOf(c, periodOf(c.concludedOn))
      row.acc.actualRating[1]++
      if (ratedCases.has(caseNo)) row.acc.actualRating[0]++
    }
    const coverage = new Map<string, [number, number]>()
    for (const m of this.matters.values()) {
      if (!m.catalogued) continue
      const key = `${m.authority}|${m.region}`
      const acc = coverage.get(key) ?? [0, 0]
      acc[1]++
      if (m.rateable) acc[0]++
      coverage.set(key, acc)
    }
    const rate = ([numerator, denominator]: readonly [number, number]): Rate => ({
      numerator,
      denominator,
      rate: denominator === 0 ? null : numerator / denominator,
    })
    return [...rows.entries()]
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
      .map(([, row]) => {
        const used = [...row.units.values()]
        return {
          authority: row.authority,
          region: row.region,
          period: row.period,
          coverage: rate(coverage.get(`${row.authority}|${row.region}`) ?? [0, 0]),
          actualRating: rate(row.acc.actualRating),
          negativeHandling: rate(row.acc.negativeHandling),
          dataQuality: rate(row.acc.dataQuality),
          resultUsage: rate([used.filter(Boolean).length, used.length]),
        }
      })
  }

  /** The ratings of the units, without their raters. */
  unitRatings(): ReadonlyArray<UnitRating> {
    return [...this.ratings.entries()].map(([ratingId, r]) => ({
      ratingId,
      caseNo: r.caseNo,
      matterCode: r.matterCode,
      authority: r.authority,
      region: r.region,
      phase: r.state.phase,
      level: r.state.given?.level ?? null,
      default: r.state.given?.default ?? false,
      channel: r.state.given?.channel ?? null,
      text: r.state.given?.text ?? "",
      tags: r.state.given?.tags ?? [],
      ratedOn: r.state.given?.ratedOn ?? null,
      handleBy: r.state.negative?.handleBy ?? null,
    }))
  }

  /** The early warnings on `today`. */
  warnings(today: CalendarDate.CalendarDate): ReadonlyArray<Warning> {
    const out: Array<Warning> = []
    const s = this.settings
    for (const [caseNo, c] of this.cases) {
      if (c.concludedOn !== null || c.promisedDueOn === null) continue
      if (today > c.promisedDueOn) {
        out.push({ _tag: "Overdue", authority: c.authority, region: c.region, caseNo, dueOn: c.promisedDueOn })
        continue
      }
      const left = WorkCalendar.workingDaysBetween(s.calendar, today, c.promisedDueOn)
      if (Result.isSuccess(left) && left.success <= s.nearlyOverdueWorkingDays) {
        out.push({ _tag: "NearlyOverdue", authority: c.authority, region: c.region, caseNo, dueOn: c.promisedDueOn })
      }
    }
    const negatives = new Map<string, { unit: Unit; matterCode: string | null; period: string; count: number }>()
    for (const r of this.ratings.values()) {
      if (!Rating.isNegative(r.state) || r.state.phase === "excluded") continue
      const period = periodOf(r.state.given!.ratedOn)
      for (const matterCode of [null, r.matterCode]) {
        const key = `${r.authority}|${r.region}|${matterCode ?? ""}|${period}`
        const entry = negatives.get(key) ?? { unit: r, matterCode, period, count: 0 }
        entry.count++
        negatives.set(key, entry)
      }
    }
    for (const n of negatives.values()) {
      if (n.count >= s.repeatedNegatives) {
        out.push({
          _tag: "RepeatedNegatives",
          on: n.matterCode === null ? "unit" : "matter",
          authority: n.unit.authority,
          region: n.unit.region,
          matterCode: n.matterCode,
          period: n.period,
          negatives: n.count,
        })
      }
    }
    for (const by of ["subject", "matter"] as const) {
      const counts = new Map<string, { authority: string; region: string; key: string; count: number }>()
      for (const [authority, region, subject, matterCode] of this.falseCommitments) {
        const key = by === "subject" ? subject : matterCode
        const entry = counts.get(`${authority}|${key}`) ?? { authority, region, key, count: 0 }
        entry.count++
        counts.set(`${authority}|${key}`, entry)
      }
      for (const c of counts.values()) out.push({ _tag: "FalseCommitments", by, ...c })
    }
    return out
  }
}

/**
 * The asynchronous projection feeding `model` (checkpoint `projection:ratings:<generation>`).
 *
 * @category constructors
 * @since 0.3.0
 */
export const projection = (model: RatingsModel): Projection<never, never> => ({
  name: "ratings",
  handle: (event) => Effect.sync(() => model.apply(event)),
  reset: Effect.sync(() => model.reset()),
})

/**
 * Whether `actor` may read rows of `unit`: staff of that authority, supervisors whose region covers
 * it.
 *
 * @category guards
 * @since 0.3.0
 */
export const mayRead = (actor: Actor.Actor, unit: Unit): boolean =>
  actor.roles.some(
    (role) =>
      (role === "supervisor" && regionCovers(actor.region, unit.region)) ||
      (isStaffRole(role) && role !== "system" && actor.authority === unit.authority && actor.region === unit.region),
  )

const refuseUnlessReader = (actor: Actor.Actor, what: string): Effect.Effect<void, NotPermitted> =>
  actor.roles.some((role) => role === "supervisor" || (isStaffRole(role) && role !== "system"))
    ? Effect.void
    : Effect.fail(
        new NotPermitted({
          stream: what,
          command: "read",
          actorId: actor.id,
          reason: "role",
          detail: "only the staff of an authority and supervisors read ratings reports",
        }),
      )

/**
 * The five rates the actor may read: its own authority's rows (staff), its region's (supervisors).
 * Applicants and agents are refused.
 *
 * @category combinators
 * @since 0.3.0
 */
export const fiveRates = (
  model: RatingsModel,
  actor: Actor.Actor,
): Effect.Effect<ReadonlyArray<FiveRatesRow>, NotPermitted> =>
  Effect.as(
    refuseUnlessReader(actor, "ratings/five-rates"),
    model.fiveRates().filter((row) => mayRead(actor, row)),
  ).pipe(Effect.flatMap((rows) => Effect.succeed(rows)))

/**
 * The ratings of the units the actor may read, without their raters.
 *
 * @category combinators
 * @since 0.3.0
 */
export const unitRatings = (
  model: RatingsModel,
  actor: Actor.Actor,
): Effect.Effect<ReadonlyArray<UnitRating>, NotPermitted> =>
  Effect.map(refuseUnlessReader(actor, "ratings/unit"), () => model.unitRatings().filter((r) => mayRead(actor, r)))

/**
 * The early warnings on `today` the actor may read. A person's identity number as the subject of
 * a false commitment is masked for readers other than the authority's identity roles.
 *
 * @category combinators
 * @since 0.3.0
 */
export const warnings = (
  model: RatingsModel,
  actor: Actor.Actor,
  today: CalendarDate.CalendarDate,
): Effect.Effect<ReadonlyArray<Warning>, NotPermitted> =>
  Effect.map(refuseUnlessReader(actor, "ratings/warnings"), () =>
    model
      .warnings(today)
      .filter((w) => mayRead(actor, w))
      .map((w) =>
        actor.authority === w.authority && actor.roles.some((role) => identityRoles.includes(role))
          ? w
          : maskIdentityNumbers(w),
      ),
  )

const csvCell = (value: string | number | null): string => {
  const text = value === null ? "" : String(value)
  return /[",\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text
}

/**
 * The five-rates report as CSV: one line per authority and month, each rate as numerator,
 * denominator and rate (four decimals; empty when the denominator is 0).
 *
 * @category combinators
 * @since 0.3.0
 */
export const toCsv = (rows: ReadonlyArray<FiveRatesRow>): string => {
  const rates = ["coverage", "actualRating", "negativeHandling", "dataQuality", "resultUsage"] as const
  const header = [
    "authority",
    "region",
    "period",
    ...rates.flatMap((r) => [`${r}.numerator`, `${r}.denominator`, `${r}.rate`]),
  ]
  const lines = rows.map((row) =>
    [
      row.authority,
      row.region,
      row.period,
      ...rates.flatMap((r) => [
        row[r].numerator,
        row[r].denominator,
        row[r].rate === null ? null : row[r].rate!.toFixed(4),
      ]),
    ]
      .map(csvCell)
      .join(","),
  )
  return `${[header.join(","), ...lines].join("\n")}\n`
}
