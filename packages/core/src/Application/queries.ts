/**
 * Queries over a case: the clock as a supervisor sees it on a date.
 *
 * @since 0.1.0
 */
import * as Result from "effect/Result"
import type * as CalendarDate from "../CalendarDate.ts"
import * as Clock from "../Clock.ts"
import type { ImplementingAuthority, MatterElements, SubjectType } from "../PublishedMatter.ts"
import * as WorkCalendar from "../WorkCalendar.ts"
import type { CalendarNotCovered } from "./Rejections.ts"
import type { Applicant, State } from "./State.ts"

/**
 * A case's clock on a date.
 *
 * - `acceptedOn`: the date the clock counts from.
 * - `promisedDueOn` / `statutoryDueOn`: the completion dates with every pause and the extension;
 *   `undefined` while a pause that started before them is open.
 * - `elapsedWorkingDays` / `pausedWorkingDays`: counted up to `asOf`.
 * - `warningLevel`: normal, yellow, red or overdue on `asOf`.
 * - `stoppedOn`: the decision date, or the date the case was withdrawn or terminated; the clock
 *   reads as of that date afterwards. `asOf` is `on`, or `stoppedOn` when earlier.
 * - `provisional`: true when any of these answers depends on a provisional year of the calendar
 *   (`Clock.isProvisional`): the dates may move when the State Council's notice is loaded.
 *
 * @category models
 * @since 0.1.0
 */
export interface ClockView {
  readonly acceptedOn: CalendarDate.CalendarDate
  readonly asOf: CalendarDate.CalendarDate
  readonly promisedDueOn: CalendarDate.CalendarDate | undefined
  readonly statutoryDueOn: CalendarDate.CalendarDate | undefined
  readonly elapsedWorkingDays: number
  readonly pausedWorkingDays: number
  readonly warningLevel: Clock.WarningLevel
  readonly paused: boolean
  readonly extended: boolean
  readonly stoppedOn: CalendarDate.CalendarDate | undefined
  readonly provisional: boolean
}

/**
 * The date a case's clock stopped: its decision, or its withdrawal, termination or lapse.
 *
 * @category combinators
 * @since 0.1.0
 */
export const clockStoppedOn = (state: State): CalendarDate.CalendarDate | undefined => {
  if (state.decision !== null) return state.decision.decidedOn
  switch (state.closure?._tag) {
    case "Withdrawn":
    case "Terminated":
    case "TerminatedForFalseCommitment":
    case "Lapsed":
      return state.closure.on
  }
  return undefined
}

/**
 * The clock of a case on a date, or `undefined` before acceptance. Fails with
 * `CalendarNotCovered` when the calendar has no data for a date it needs.
 *
 * @example
 * ```ts
 * import { Application, CalendarDate } from "@yiciban/core"
 *
 * const view = Application.clockView(state, CalendarDate.make("2026-10-13"))
 * // Result.succeed({ acceptedOn: "2026-09-24", promisedDueOn: "2026-10-15", warningLevel: "yellow", … })
 * ```
 *
 * @category combinators
 * @since 0.1.0
 */
export const clockView = (
  state: State,
  on: CalendarDate.CalendarDate,
  calendar: WorkCalendar.WorkCalendar = WorkCalendar.chinaMainland,
): Result.Result<ClockView | undefined, CalendarNotCovered> => {
  const clock = state.clock
  if (clock === null) return Result.succeed(undefined)
  const stoppedOn = clockStoppedOn(state)
  const asOf = stoppedOn !== undefined && stoppedOn < on ? stoppedOn : on
  const view = Result.gen(function* () {
    return {
      acceptedOn: clock.startedOn,
      asOf,
      promisedDueOn: yield* Clock.promisedDueDate(calendar, clock),
      statutoryDueOn: yield* Clock.statutoryDueDate(calendar, clock),
      elapsedWorkingDays: yield* Clock.elapsedWorkingDays(calendar, clock, asOf),
      pausedWorkingDays: yield* Clock.pausedWorkingDays(calendar, clock, asOf),
      warningLevel: yield* Clock.warningLevel(calendar, clock, asOf),
      paused: Clock.isPaused(clock),
      extended: clock.extension !== undefined,
      stoppedOn,
      provisional: yield* Clock.isProvisional(calendar, clock, asOf),
    }
  })
  return Result.mapError(
    view,
    (error): CalendarNotCovered => ({
      _tag: "CalendarNotCovered",
      date: error.date,
      coveredYears: error.coveredYears,
      message: error.message,
    }),
  )
}

/**
 * The authority that judges the case (ALL Art 22–24; 权力下放 / 园区赋权): the authority the matter
 * was delegated to on the day of submission, recorded in the case, else the implementing authority
 * of the pinned terms; `undefined` before submission. The runtime's authorization reads the same
 * delegation (`Matter.authorityOn`), so the case's record and who may act on it agree.
 *
 * @example
 * ```ts
 * import { Application } from "@yiciban/core"
 *
 * Application.judgingAuthority(state)?.name // "长沙经济技术开发区管理委员会"
 * ```
 *
 * @category combinators
 * @since 0.2.0
 */
export const judgingAuthority = (state: State): ImplementingAuthority | undefined =>
  state.authority ?? state.matter?.implementingAuthority

/**
 * The subject types (服务对象) an applicant can be, read from its code: a person is a natural
 * person; an organisation by the registering department and category of its unified social credit
 * code (GB 32100: `91` enterprise — legal person or not, the code does not say; `92` individual
 * business; `12` public institution; `51`–`53` social organisations; anything else another
 * organisation).
 *
 * @category combinators
 * @since 0.2.0
 */
export const applicantSubjectTypes = (applicant: Applicant): ReadonlyArray<SubjectType> => {
  if (applicant.kind === "person") return ["naturalPerson"]
  const prefix = applicant.code.slice(0, 2)
  if (prefix === "91") return ["enterpriseLegalPerson", "unincorporatedEnterprise"]
  if (prefix === "92") return ["unincorporatedEnterprise", "otherOrganisation"]
  if (prefix === "12") return ["publicInstitution"]
  if (prefix === "51" || prefix === "52" || prefix === "53") return ["socialOrganisation"]
  return ["otherOrganisation"]
}

/**
 * The division an applicant belongs to, read from its code: characters 3–8 of a unified social
 * credit code (the registering administration), the first six digits of a resident identity number.
 *
 * @category combinators
 * @since 0.2.0
 */
export const applicantRegion = (applicant: Applicant): string =>
  applicant.kind === "person" ? applicant.code.slice(0, 6) : applicant.code.slice(2, 8)

const regionPrefix = (region: string): string =>
  region.endsWith("0000") ? region.slice(0, 2) : region.endsWith("00") ? region.slice(0, 4) : region

/**
 * Why the applicant is outside the matter's scope (ALL Art 31; 适用范围), or `undefined` when it is
 * within it: its subject type must be among `scope.subjectTypes` and its division within one of
 * `scope.regions` (a province code covers the province, a prefecture code the prefecture). An empty
 * list does not restrict.
 *
 * @category combinators
 * @since 0.2.0
 */
export const scopeProblem = (
  terms: MatterElements,
  applicant: Applicant,
):
  | {
      readonly problem: "subjectType" | "region"
      readonly applicant: ReadonlyArray<string>
      readonly allowed: ReadonlyArray<string>
    }
  | undefined => {
  const types = applicantSubjectTypes(applicant)
  const allowedTypes = terms.scope.subjectTypes
  if (allowedTypes.length > 0 && !types.some((type) => allowedTypes.includes(type))) {
    return { problem: "subjectType", applicant: types, allowed: allowedTypes }
  }
  const region = applicantRegion(applicant)
  const regions = terms.scope.regions
  if (regions.length > 0 && !regions.some((r) => region.startsWith(regionPrefix(r)))) {
    return { problem: "region", applicant: [region], allowed: regions }
  }
  return undefined
}
