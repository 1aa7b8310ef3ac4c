/**
 * The State Council General Office's yearly notice on public holidays
 * (《国务院办公厅关于 N 年部分节假日安排的通知》), as a data file a host supplies when the notice is
 * published: the year, the notice's number, every rest day and every make-up working day.
 *
 * ```json
 * {
 *   "year": 2027,
 *   "notice": "国办发明电〔2026〕N号",
 *   "holidays": ["2027-01-01", "2027-02-05", …],
 *   "makeUpWorkingDays": ["2027-02-20", …]
 * }
 * ```
 *
 * {@link decode} checks it and explains every problem ({@link InvalidNotice}); {@link apply}
 * replaces the year in a calendar — a provisional year by the official one — whole. The runtime's
 * `Replan` then moves every open timer whose deadline changed.
 *
 * @since 0.1.0
 */
import * as Result from "effect/Result"
import * as Schema from "effect/Schema"
import * as CalendarDate from "./CalendarDate.ts"
import * as StatutoryHolidays from "./StatutoryHolidays.ts"
import type { WorkCalendar } from "./WorkCalendar.ts"

// ---------------------------------------------------------------------------------------------
// Schemas
// ---------------------------------------------------------------------------------------------

const festivalNames: Record<StatutoryHolidays.Festival, string> = {
  newYear: "元旦",
  springFestival: "春节",
  qingming: "清明节",
  labourDay: "劳动节",
  dragonBoat: "端午节",
  midAutumn: "中秋节",
  nationalDay: "国庆节",
}

const weekdayNames = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"] as const

/** @internal Every problem of a notice, one sentence each, with where it is. */
const problemsOf = (notice: {
  readonly year: number
  readonly holidays: ReadonlyArray<CalendarDate.CalendarDate>
  readonly makeUpWorkingDays: ReadonlyArray<CalendarDate.CalendarDate>
}): Array<Schema.FilterIssue> => {
  const issues: Array<Schema.FilterIssue> = []
  const { year } = notice
  const rest = new Set<string>()
  notice.holidays.forEach((date, index) => {
    const path = ["holidays", index]
    if (CalendarDate.year(date) !== year) issues.push({ path, issue: `${date} is not in ${year}` })
    if (rest.has(date)) issues.push({ path, issue: `holiday ${date} is listed twice` })
    rest.add(date)
  })
  const worked = new Set<string>()
  notice.makeUpWorkingDays.forEach((date, index) => {
    const path = ["makeUpWorkingDays", index]
    if (CalendarDate.year(date) !== year) issues.push({ path, issue: `${date} is not in ${year}` })
    if (!CalendarDate.isWeekend(date)) {
      const weekday = weekdayNames[CalendarDate.dayOfWeek(date) - 1]
      issues.push({ path, issue: `make-up working day ${date} is a ${weekday}, not a weekend day` })
    }
    if (worked.has(date)) issues.push({ path, issue: `make-up working day ${date} is listed twice` })
    if (rest.has(date)) issues.push({ path, issue: `${date} is listed both as a holiday and as a make-up working day` })
    worked.add(date)
  })
  const statutory = StatutoryHolidays.of(year)
  if (Result.isFailure(statutory)) {
    issues.push({ path: ["year"], issue: statutory.failure.message })
    return issues
  }
  for (const day of statutory.success) {
    if (!rest.has(day.date)) {
      issues.push({
        path: ["holidays"],
        issue: `${day.date} (${festivalNames[day.festival]}) is a statutory holiday of ${year} and must be a holiday`,
      })
    }
  }
  return issues
}

/**
 * A holiday notice as a host supplies it: `year`, `notice` (the document number, for example
 * `国办发明电〔2025〕7号`), `holidays` (every rest day of the arrangements, weekend days inside them
 * included) and `makeUpWorkingDays` (the weekend days worked, 调休上班). Decoding checks that every
 * date is a real date of `year`, that no date is listed twice, that make-up working days are
 * weekend days and not holidays, and that every statutory holiday of the year
 * (`StatutoryHolidays.of`) is a holiday — a notice never takes one away, so a missing one is a
 * wrong year or a typing slip.
 *
 * @category schemas
 * @since 0.1.0
 */
export const HolidayNotice = Schema.Struct({
  year: Schema.Int,
  notice: Schema.NonEmptyString,
  holidays: Schema.Array(CalendarDate.CalendarDate),
  makeUpWorkingDays: Schema.Array(CalendarDate.CalendarDate),
}).check(Schema.makeFilter((notice) => problemsOf(notice)))

/**
 * @category models
 * @since 0.1.0
 */
export type HolidayNotice = typeof HolidayNotice.Type

/**
 * Data that is not a valid holiday notice (or text that is not JSON): `message` lists every
 * problem and where it is; nothing is changed.
 *
 * @category errors
 * @since 0.1.0
 */
export const InvalidNotice = Schema.TaggedStruct("InvalidNotice", {
  message: Schema.String,
})

/**
 * @category models
 * @since 0.1.0
 */
export type InvalidNotice = typeof InvalidNotice.Type

// ---------------------------------------------------------------------------------------------
// Constructors and combinators
// ---------------------------------------------------------------------------------------------

/**
 * Reads a notice from untrusted data, refusing unknown fields, or explains every problem.
 *
 * @example
 * ```ts
 * import { HolidayNotice } from "@yiciban/core"
 *
 * HolidayNotice.decode({ year: 2027, notice: "国办发明电〔2026〕N号", holidays: ["2027-01-01"], makeUpWorkingDays: [] })
 * // Result.fail(InvalidNotice): "… 2027-02-05 (春节) is a statutory holiday of 2027 and must be a holiday …"
 * ```
 *
 * @category constructors
 * @since 0.1.0
 */
export const decode = (data: unknown): Result.Result<HolidayNotice, InvalidNotice> =>
  Result.mapError(
    Schema.decodeUnknownResult(HolidayNotice)(data, { errors: "all", onExcessProperty: "error" }),
    (error) => InvalidNotice.make({ message: `not a valid holiday notice: ${error.message}` }),
  )

/**
 * Reads a notice from JSON text (the file a host supplies).
 *
 * @example
 * ```ts
 * import { readFileSync } from "node:fs"
 * import { HolidayNotice } from "@yiciban/core"
 *
 * const notice = HolidayNotice.fromJson(readFileSync("holidays-2027.json", "utf8"))
 * ```
 *
 * @category constructors
 * @since 0.1.0
 */
export const fromJson = (text: string): Result.Result<HolidayNotice, InvalidNotice> => {
  let data: unknown
  try {
    data = JSON.parse(text)
  } catch (error) {
    return Result.fail(InvalidNotice.make({ message: `not a valid holiday notice: not JSON (${String(error)})` }))
  }
  return decode(data)
}

/**
 * The calendar with the notice's year replaced, whole, by the official arrangement (a provisional
 * year becomes official; an official year is replaced by a later notice, as 国办发明电〔2020〕1号
 * amended 2020). Other years are untouched.
 *
 * @example
 * ```ts
 * import { Result } from "effect"
 * import { HolidayNotice, WorkCalendar } from "@yiciban/core"
 *
 * const official = Result.map(HolidayNotice.fromJson(text), (notice) => HolidayNotice.apply(WorkCalendar.chinaMainland, notice))
 * ```
 *
 * @category combinators
 * @since 0.1.0
 */
export const apply = (calendar: WorkCalendar, notice: HolidayNotice): WorkCalendar => ({
  years: {
    ...calendar.years,
    [String(notice.year)]: {
      holidays: [...notice.holidays].sort(),
      makeUpWorkdays: [...notice.makeUpWorkingDays].sort(),
      source: notice.notice,
    },
  },
})
