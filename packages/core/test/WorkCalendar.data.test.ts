/**
 * Loading a calendar from data: what is accepted, what is refused and how the refusal reads.
 */
import { fc, test } from "@fast-check/vitest"
import { Result } from "effect"
import { describe, expect, it } from "vitest"
import { CalendarDate, WorkCalendar } from "../src/index.ts"

const year2027 = {
  source: "国务院办公厅关于2027年部分节假日安排的通知 (a deployment's own transcription)",
  holidays: ["2027-01-01", "2027-02-05", "2027-02-06"],
  makeUpWorkdays: ["2027-02-07"],
}

const problemOf = (data: unknown): string => {
  const result = WorkCalendar.fromData(data)
  if (Result.isSuccess(result)) throw new Error("expected the data to be refused")
  expect(result.failure._tag).toBe("InvalidCalendar")
  return result.failure.message
}

describe("WorkCalendar.fromData", () => {
  it("accepts a well-formed year and answers for it", () => {
    const calendar = Result.getOrThrow(WorkCalendar.fromData({ years: { "2027": year2027 } }))
    expect(WorkCalendar.coveredYears(calendar)).toEqual([2027])
    expect(WorkCalendar.isWorkingDay(calendar, CalendarDate.make("2027-02-07"))).toEqual(Result.succeed(true))
    expect(WorkCalendar.isWorkingDay(calendar, CalendarDate.make("2027-02-05"))).toEqual(Result.succeed(false))
  })

  it("refuses a make-up working day that is not a weekend day", () => {
    expect(problemOf({ years: { "2027": { ...year2027, makeUpWorkdays: ["2027-02-08"] } } })).toContain(
      "make-up working day 2027-02-08 is a Monday, not a weekend day",
    )
  })

  it("refuses a holiday listed twice", () => {
    expect(problemOf({ years: { "2027": { ...year2027, holidays: ["2027-01-01", "2027-01-01"] } } })).toContain(
      "holiday 2027-01-01 is listed twice",
    )
  })

  it("refuses a day that is both a holiday and a make-up working day", () => {
    expect(
      problemOf({ years: { "2027": { ...year2027, holidays: ["2027-02-06"], makeUpWorkdays: ["2027-02-06"] } } }),
    ).toContain("2027-02-06 is listed both as a holiday and as a make-up working day")
  })

  it("refuses a date listed under another year and a bad year key", () => {
    const message = problemOf({ years: { "2027": { ...year2027, holidays: ["2026-12-31"] }, "27": year2027 } })
    expect(message).toContain("2026-12-31 is listed under 2027")
    expect(message).toContain('the year key must be four digits, got "27"')
  })

  it("refuses a date that does not exist and a missing field, saying where", () => {
    const message = problemOf({ years: { "2028": { holidays: ["2028-02-30"], source: "x" } } })
    expect(message).toContain('expected a real calendar date written YYYY-MM-DD, got "2028-02-30"')
    expect(message).toContain('["2028"]["makeUpWorkdays"]')
  })

  it("refuses what is not a calendar at all", () => {
    expect(problemOf("2027")).toMatch(/^not a valid working-day calendar: /)
    expect(problemOf({ years: [] })).toMatch(/^not a valid working-day calendar: /)
  })
})

describe("WorkCalendar.merge", () => {
  it("adds a year and replaces a year whole", () => {
    const official = WorkCalendar.officialYears(WorkCalendar.chinaMainland)
    const local = Result.getOrThrow(
      WorkCalendar.fromData({
        years: {
          "2027": year2027,
          // a replacement year is taken whole: this 2026 lists only New Year's Day
          "2026": { ...WorkCalendar.chinaMainland.years["2026"]!, holidays: ["2026-01-01"] },
        },
      }),
    )
    const merged = WorkCalendar.merge(official, local)
    expect(WorkCalendar.coveredYears(merged)).toEqual([2020, 2021, 2022, 2023, 2024, 2025, 2026, 2027])
    expect(WorkCalendar.isWorkingDay(merged, CalendarDate.make("2026-10-05"))).toEqual(Result.succeed(true))
    expect(WorkCalendar.isWorkingDay(WorkCalendar.chinaMainland, CalendarDate.make("2026-10-05"))).toEqual(
      Result.succeed(false),
    )
    // a count now runs from 2026 into 2027: 31 Dec(1), 1 Jan off, Mon 4 Jan(2)
    expect(WorkCalendar.addWorkingDays(merged, CalendarDate.make("2026-12-30"), 2)).toEqual(
      Result.succeed(CalendarDate.make("2027-01-04")),
    )
    expect(Result.isSuccess(WorkCalendar.fromData(merged))).toBe(true)
  })
})

// Any year of weekend make-up days and distinct holidays decodes, and answers like its lists say.
const generatedYear = fc
  .tuple(fc.integer({ min: 2000, max: 2100 }), fc.uniqueArray(fc.integer({ min: 0, max: 364 }), { maxLength: 40 }))
  .map(([year, offsets]) => {
    const start = CalendarDate.make(`${year}-01-01`)
    const days = offsets.map((offset) => CalendarDate.addDays(start, offset))
    const makeUpWorkdays = days.filter((day, index) => index % 2 === 0 && CalendarDate.isWeekend(day))
    const holidays = days.filter((day) => !makeUpWorkdays.includes(day))
    return { year, data: { holidays, makeUpWorkdays, source: "generated" } }
  })

describe("generated calendars", () => {
  test.prop([generatedYear], { numRuns: 200 })(
    "decode, and holidays and make-up days answer as listed",
    ({ year, data }) => {
      const calendar = Result.getOrThrow(WorkCalendar.fromData({ years: { [year]: data } }))
      for (const day of data.holidays) {
        expect(WorkCalendar.isWorkingDay(calendar, day)).toEqual(Result.succeed(false))
      }
      for (const day of data.makeUpWorkdays) {
        expect(WorkCalendar.isWorkingDay(calendar, day)).toEqual(Result.succeed(true))
      }
      expect(WorkCalendar.covers(calendar, CalendarDate.make(`${year + 1}-01-01`))).toBe(false)
    },
  )
})
