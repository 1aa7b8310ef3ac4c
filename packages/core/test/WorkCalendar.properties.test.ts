/**
 * Properties of the working-day calendar over the whole official range, 2020–2026 (the shipped
 * calendar without its provisional years), checked against a naive model that walks day by day
 * over the raw data.
 */
import { fc, test } from "@fast-check/vitest"
import { Result } from "effect"
import { describe, expect } from "vitest"
import { CalendarDate, WorkCalendar } from "../src/index.ts"

const calendar = WorkCalendar.officialYears(WorkCalendar.chinaMainland)
const first = CalendarDate.toEpochDay(CalendarDate.make("2020-01-01"))
const last = CalendarDate.toEpochDay(CalendarDate.make("2026-12-31"))

/** Any date of 2020–2026. */
const coveredDate = fc.integer({ min: first, max: last }).map(CalendarDate.fromEpochDay)
/** Any date of 1900–2019 or 2027–2199. */
const uncoveredDate = fc
  .oneof(
    fc.integer({ min: CalendarDate.toEpochDay(CalendarDate.make("1900-01-01")), max: first - 1 }),
    fc.integer({ min: last + 1, max: CalendarDate.toEpochDay(CalendarDate.make("2199-12-31")) }),
  )
  .map(CalendarDate.fromEpochDay)

// The model: the raw lists, one lookup per day, and loops.
const holidays = new Set(Object.values(calendar.years).flatMap((year) => year.holidays))
const makeUpDays = new Set(Object.values(calendar.years).flatMap((year) => year.makeUpWorkdays))
const modelIsWorking = (date: CalendarDate.CalendarDate): boolean =>
  makeUpDays.has(date) || (!holidays.has(date) && !CalendarDate.isWeekend(date))
const modelBetween = (from: CalendarDate.CalendarDate, to: CalendarDate.CalendarDate): number => {
  let count = 0
  for (let day = CalendarDate.addDays(from, 1); day <= to; day = CalendarDate.addDays(day, 1)) {
    if (modelIsWorking(day)) count++
  }
  return count
}

const succeed = <A>(result: Result.Result<A, unknown>): A => {
  if (Result.isFailure(result)) throw new Error(`expected a success, got ${JSON.stringify(result.failure)}`)
  return result.success
}

/** Working days from `date` to the end of the covered range. */
const workingDaysLeft = (date: CalendarDate.CalendarDate) =>
  succeed(WorkCalendar.workingDaysBetween(calendar, date, CalendarDate.make("2026-12-31")))

describe("WorkCalendar properties over 2020–2026", () => {
  test.prop([coveredDate], { numRuns: 2000 })(
    "a day is a working day exactly when it is a make-up day, or a weekday that is not a holiday",
    (date) => {
      expect(succeed(WorkCalendar.isWorkingDay(calendar, date))).toBe(modelIsWorking(date))
    },
  )

  test.prop([coveredDate, fc.integer({ min: 0, max: 400 })], { numRuns: 500 })(
    "workingDaysBetween counts the working days in (from, to] like the day-by-day model",
    (from, span) => {
      const to = CalendarDate.fromEpochDay(Math.min(CalendarDate.toEpochDay(from) + span, last))
      expect(succeed(WorkCalendar.workingDaysBetween(calendar, from, to))).toBe(modelBetween(from, to))
      expect(succeed(WorkCalendar.workingDaysBetween(calendar, to, from)) + modelBetween(from, to)).toBe(0)
    },
  )

  test.prop([coveredDate, fc.integer({ min: 1, max: 250 })], { numRuns: 2000 })(
    "addWorkingDays(d, n) is a working day for n ≥ 1, or YearNotCovered exactly when the range runs out",
    (date, n) => {
      const result = WorkCalendar.addWorkingDays(calendar, date, n)
      if (n > workingDaysLeft(date)) {
        expect(Result.isFailure(result) && result.failure.date).toBe("2027-01-01")
      } else {
        const due = succeed(result)
        expect(due > date).toBe(true)
        expect(succeed(WorkCalendar.isWorkingDay(calendar, due))).toBe(true)
      }
    },
  )

  test.prop([coveredDate, fc.integer({ min: 0, max: 250 })], { numRuns: 2000 })(
    "workingDaysBetween(d, addWorkingDays(d, n)) = n, and the start day never counts",
    (date, n) => {
      fc.pre(n <= workingDaysLeft(date))
      const due = succeed(WorkCalendar.addWorkingDays(calendar, date, n))
      expect(succeed(WorkCalendar.workingDaysBetween(calendar, date, due))).toBe(n)
      expect(modelBetween(date, due)).toBe(n)
      if (n > 0) expect(modelBetween(date, CalendarDate.addDays(due, -1))).toBe(n - 1)
    },
  )

  test.prop([coveredDate, fc.integer({ min: 1, max: 250 })], { numRuns: 400 })(
    "going back: addWorkingDays(d, -n) is the n-th working day before d, or YearNotCovered before 2020",
    (date, n) => {
      const result = WorkCalendar.addWorkingDays(calendar, date, -n)
      const available = modelBetween(CalendarDate.make("2019-12-31"), CalendarDate.addDays(date, -1))
      if (n > available) {
        expect(Result.isFailure(result) && result.failure.date).toBe("2019-12-31")
        return
      }
      const earlier = succeed(result)
      expect(succeed(WorkCalendar.isWorkingDay(calendar, earlier))).toBe(true)
      // n working days in [earlier, date): earlier itself and n − 1 more before date.
      expect(modelBetween(earlier, CalendarDate.addDays(date, -1))).toBe(n - 1)
      if (modelIsWorking(date)) expect(succeed(WorkCalendar.workingDaysBetween(calendar, date, earlier))).toBe(-n)
    },
  )

  test.prop([coveredDate, fc.integer({ min: 0, max: 200 }), fc.integer({ min: 1, max: 50 })], { numRuns: 1000 })(
    "addWorkingDays is strictly increasing in n",
    (date, n, more) => {
      fc.pre(n + more <= workingDaysLeft(date))
      const sooner = succeed(WorkCalendar.addWorkingDays(calendar, date, n))
      const later = succeed(WorkCalendar.addWorkingDays(calendar, date, n + more))
      expect(later > sooner).toBe(true)
    },
  )

  test.prop([fc.constantFrom(...holidays), fc.constantFrom(...makeUpDays)], { numRuns: 300 })(
    "holidays never count and make-up weekend days always do",
    (holiday, makeUp) => {
      // counted as the one day of (day before, day]: zero for a holiday, one for a make-up day
      const countOf = (date: CalendarDate.CalendarDate) =>
        succeed(WorkCalendar.workingDaysBetween(calendar, CalendarDate.addDays(date, -1), date))
      expect(succeed(WorkCalendar.isWorkingDay(calendar, holiday))).toBe(false)
      if (holiday !== "2020-01-01") expect(countOf(holiday)).toBe(0)
      expect(succeed(WorkCalendar.isWorkingDay(calendar, makeUp))).toBe(true)
      expect(countOf(makeUp)).toBe(1)
      expect(CalendarDate.isWeekend(makeUp)).toBe(true)
    },
  )

  test.prop([uncoveredDate, coveredDate, fc.integer({ min: -30, max: 30 })], { numRuns: 1000 })(
    "a date outside the data gives YearNotCovered from every operation, never a guess",
    (outside, inside, n) => {
      const isYearNotCovered = (result: Result.Result<unknown, WorkCalendar.YearNotCovered>) =>
        Result.isFailure(result) &&
        result.failure._tag === "YearNotCovered" &&
        result.failure.date === outside &&
        result.failure.year === CalendarDate.year(outside)
      expect(isYearNotCovered(WorkCalendar.isWorkingDay(calendar, outside))).toBe(true)
      expect(isYearNotCovered(WorkCalendar.dayKind(calendar, outside))).toBe(true)
      expect(isYearNotCovered(WorkCalendar.addWorkingDays(calendar, outside, n))).toBe(true)
      expect(isYearNotCovered(WorkCalendar.nextWorkingDay(calendar, outside))).toBe(true)
      expect(isYearNotCovered(WorkCalendar.workingDaysBetween(calendar, outside, inside))).toBe(true)
      expect(isYearNotCovered(WorkCalendar.workingDaysBetween(calendar, inside, outside))).toBe(true)
    },
  )

  const without2023 = succeed(
    WorkCalendar.fromData({
      years: Object.fromEntries(Object.entries(calendar.years).filter(([year]) => year !== "2023")),
    }),
  )
  const before2023 = fc
    .integer({ min: first, max: CalendarDate.toEpochDay(CalendarDate.make("2022-12-31")) })
    .map(CalendarDate.fromEpochDay)
  const after2023 = fc
    .integer({ min: CalendarDate.toEpochDay(CalendarDate.make("2024-01-01")), max: last })
    .map(CalendarDate.fromEpochDay)

  test.prop([before2023, after2023], { numRuns: 300 })(
    "a missing year in the middle stops every count that passes through it",
    (early, late) => {
      const crossing = (result: Result.Result<unknown, WorkCalendar.YearNotCovered>, date: string) =>
        Result.isFailure(result) && result.failure.date === date && result.failure.coveredYears.includes(2023) === false
      expect(crossing(WorkCalendar.workingDaysBetween(without2023, early, late), "2023-01-01")).toBe(true)
      expect(crossing(WorkCalendar.workingDaysBetween(without2023, late, early), "2023-01-01")).toBe(true)
      expect(crossing(WorkCalendar.addWorkingDays(without2023, early, 800), "2023-01-01")).toBe(true)
      expect(crossing(WorkCalendar.addWorkingDays(without2023, late, -800), "2023-12-31")).toBe(true)
      // and where it does not pass through 2023, it agrees with the full calendar
      expect(WorkCalendar.workingDaysBetween(without2023, late, CalendarDate.make("2026-12-31"))).toEqual(
        WorkCalendar.workingDaysBetween(calendar, late, CalendarDate.make("2026-12-31")),
      )
    },
  )
})
