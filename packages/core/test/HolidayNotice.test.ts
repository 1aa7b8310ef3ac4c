/**
 * The holiday notice a host supplies: what is accepted, what is refused and how the refusal reads,
 * and what applying it does to a calendar.
 */
import { fc, test } from "@fast-check/vitest"
import { Result } from "effect"
import { describe, expect, it } from "vitest"
import { CalendarDate, HolidayNotice, StatutoryHolidays, WorkCalendar } from "../src/index.ts"
import { notice2027 } from "./arbitraries/calendar.ts"

const date = CalendarDate.make
const ok = <A>(result: Result.Result<A, unknown>): A => Result.getOrThrow(result)

const problemOf = (data: unknown): string => {
  const result = HolidayNotice.decode(data)
  if (Result.isSuccess(result)) throw new Error("expected the notice to be refused")
  expect(result.failure._tag).toBe("InvalidNotice")
  return result.failure.message
}

describe("HolidayNotice.decode", () => {
  it("accepts a well-formed notice", () => {
    expect(ok(HolidayNotice.decode(notice2027))).toEqual(notice2027)
    expect(ok(HolidayNotice.fromJson(JSON.stringify(notice2027)))).toEqual(notice2027)
  })

  it("refuses a notice that leaves out a statutory holiday, naming the day and the festival", () => {
    const message = problemOf({ ...notice2027, holidays: notice2027.holidays.filter((d) => d !== "2027-02-05") })
    expect(message).toContain("2027-02-05 (春节) is a statutory holiday of 2027 and must be a holiday")
  })

  it("refuses make-up working days that are weekdays, repeated or holidays, and dates of another year", () => {
    const message = problemOf({
      ...notice2027,
      holidays: [...notice2027.holidays, "2026-12-31", "2027-01-01"],
      makeUpWorkingDays: ["2027-02-08", "2027-01-31", "2027-01-31", "2027-02-06"],
    })
    expect(message).toContain("2026-12-31 is not in 2027")
    expect(message).toContain("holiday 2027-01-01 is listed twice")
    expect(message).toContain("make-up working day 2027-02-08 is a Monday, not a weekend day")
    expect(message).toContain("make-up working day 2027-01-31 is listed twice")
    expect(message).toContain("2027-02-06 is listed both as a holiday and as a make-up working day")
  })

  it("refuses unknown fields, missing fields, dates that do not exist, years it knows no law for, and non-JSON", () => {
    expect(problemOf({ ...notice2027, makeUpWorkdays: [] })).toContain("makeUpWorkdays")
    expect(problemOf({ year: 2027, notice: "x", holidays: [] })).toContain("makeUpWorkingDays")
    expect(problemOf({ ...notice2027, holidays: [...notice2027.holidays, "2027-02-29"] })).toContain("2027-02-29")
    expect(problemOf({ ...notice2027, notice: "" })).toContain("notice")
    expect(problemOf({ ...notice2027, year: 2101, holidays: [], makeUpWorkingDays: [] })).toContain(
      "the statutory holidays are known for 2014–2100, not for 2101",
    )
    const notJson = HolidayNotice.fromJson("{ year: 2027 ")
    expect(Result.isFailure(notJson) && notJson.failure.message).toContain("not JSON")
  })
})

describe("HolidayNotice.apply", () => {
  it("replaces the provisional year by the official one and leaves every other year alone", () => {
    const official = HolidayNotice.apply(WorkCalendar.chinaMainland, ok(HolidayNotice.decode(notice2027)))
    expect(WorkCalendar.provisionalYears(official)).not.toContain(2027)
    expect(WorkCalendar.provisionalYears(official)).toContain(2028)
    expect(official.years["2027"]?.source).toBe(notice2027.notice)
    expect(official.years["2026"]).toBe(WorkCalendar.chinaMainland.years["2026"])
    expect(WorkCalendar.isProvisional(official, date("2026-12-28"), date("2027-12-31"))).toBe(false)
    // a make-up Sunday works, a bridged weekday rests
    expect(WorkCalendar.isWorkingDay(WorkCalendar.chinaMainland, date("2027-01-31"))).toEqual(Result.succeed(false))
    expect(WorkCalendar.isWorkingDay(official, date("2027-01-31"))).toEqual(Result.succeed(true))
    expect(WorkCalendar.isWorkingDay(official, date("2027-02-10"))).toEqual(Result.succeed(false))
    expect(Result.isSuccess(WorkCalendar.fromData(official))).toBe(true)
  })

  // Any notice that keeps the statutory days, adds bridging weekdays and turns some other weekend
  // days into make-up working days is accepted, and the year then answers exactly as it lists.
  const anyNotice = fc
    .record({
      year: fc.integer({ min: 2025, max: 2100 }),
      extra: fc.uniqueArray(fc.integer({ min: 0, max: 364 }), { maxLength: 12 }),
      worked: fc.uniqueArray(fc.integer({ min: 0, max: 364 }), { maxLength: 6 }),
    })
    .map(({ year, extra, worked }) => {
      const dayOf = (offset: number) => CalendarDate.addDays(date(`${year}-01-01`), offset)
      const statutory = ok(StatutoryHolidays.of(year)).map((day) => day.date)
      const holidays = [...new Set([...statutory, ...extra.map(dayOf)])]
      const makeUp = worked.map(dayOf).filter((d) => CalendarDate.isWeekend(d) && !holidays.includes(d))
      return { year, notice: `notice for ${year}`, holidays, makeUpWorkingDays: makeUp }
    })

  test.prop([anyNotice], { numRuns: 200 })("a valid notice makes its year official and answers as listed", (data) => {
    const notice = ok(HolidayNotice.decode(data))
    const calendar = HolidayNotice.apply(WorkCalendar.chinaMainland, notice)
    expect(WorkCalendar.provisionalYears(calendar)).not.toContain(data.year)
    expect(calendar.years[data.year]?.provisional).not.toBe(true)
    const first = date(`${data.year}-01-01`)
    for (let day = first; CalendarDate.year(day) === data.year; day = CalendarDate.addDays(day, 1)) {
      const working =
        data.makeUpWorkingDays.includes(day) || (!data.holidays.includes(day) && !CalendarDate.isWeekend(day))
      expect(ok(WorkCalendar.isWorkingDay(calendar, day))).toBe(working)
    }
  })

  test.prop([anyNotice, fc.nat()], { numRuns: 200 })(
    "a notice without one of its statutory days is refused and names it",
    (data, pick) => {
      const statutory = ok(StatutoryHolidays.of(data.year))
      const dropped = statutory[pick % statutory.length]!
      const message = problemOf({ ...data, holidays: data.holidays.filter((d) => d !== dropped.date) })
      expect(message).toContain(`${dropped.date} (`)
    },
  )
})
