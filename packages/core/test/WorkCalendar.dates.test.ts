/**
 * Real dates around Spring Festival and National Day, each expected date worked out by hand from
 * the State Council notices (the comment lists the days counted). The first day never counts.
 */
import { Result } from "effect"
import { describe, expect, it } from "vitest"
import { CalendarDate, WorkCalendar } from "../src/index.ts"

const calendar = WorkCalendar.chinaMainland
const date = CalendarDate.make

describe("addWorkingDays on real dates", () => {
  it.each([
    {
      // 国办发明电〔2024〕12号: 国庆中秋 1–8 Oct 2025; make-up Sun 28 Sep and Sat 11 Oct.
      // From Thu 25 Sep: 26(1) 28(2) 29(3) 30(4) | 1–8 Oct off | 9(5) 10(6) Sat 11(7) 13(8) 14(9)
      // 15(10) 16(11) 17(12) 20(13) 21(14) 22(15) 23(16) 24(17) 27(18) 28(19) 29(20).
      what: "20-working-day licence accepted the week before 国庆 2025",
      from: "2025-09-25",
      n: 20,
      expected: "2025-10-29",
    },
    {
      // 国办发明电〔2025〕7号: 中秋 25–27 Sep 2026, 国庆 1–7 Oct; make-up Sat 10 Oct.
      // From Thu 24 Sep: 28(1) 29(2) 30(3) | 1–7 Oct off | 8(4) 9(5) Sat 10(6) 12(7) 13(8) 14(9) 15(10).
      what: "10 promised working days accepted just before 中秋/国庆 2026",
      from: "2026-09-24",
      n: 10,
      expected: "2026-10-15",
    },
    {
      // …continuing: 16(11) 19(12) 20(13) 21(14) 22(15) 23(16) 26(17) 27(18) 28(19) 29(20).
      what: "20 statutory working days accepted just before 中秋/国庆 2026",
      from: "2026-09-24",
      n: 20,
      expected: "2026-10-29",
    },
    {
      // 国办发明电〔2023〕7号: 春节 10–17 Feb 2024; make-up Sun 4 Feb and Sun 18 Feb.
      // From Fri 2 Feb: Sun 4(1) 5(2) 6(3) 7(4) 8(5).
      what: "5 working days before the 2024 Spring Festival, counting make-up Sunday 4 Feb",
      from: "2024-02-02",
      n: 5,
      expected: "2024-02-08",
    },
    {
      // From Thu 8 Feb 2024: Fri 9 (除夕, a working day in 2024)(1) | 10–17 off | Sun 18(2) 19(3) 20(4) 21(5).
      what: "5 working days across the 2024 Spring Festival, counting make-up Sunday 18 Feb",
      from: "2024-02-08",
      n: 5,
      expected: "2024-02-21",
    },
    {
      // 国办发明电〔2025〕7号: 春节 15–23 Feb 2026; make-up Sat 14 Feb and Sat 28 Feb.
      // From Thu 12 Feb: 13(1) Sat 14(2) | 15–23 off | 24(3) 25(4) 26(5).
      what: "a correction notice due within 5 working days of receipt across Spring Festival 2026",
      from: "2026-02-12",
      n: 5,
      expected: "2026-02-26",
    },
    {
      // 国办发明电〔2019〕16号 with 国办发明电〔2020〕1号: 春节 24 Jan – 2 Feb 2020, and Sat 1 Feb is no longer a
      // make-up day. From Thu 23 Jan: | 24 Jan – 2 Feb off | Mon 3(1) 4(2) 5(3). (Before the extension
      // it would have been 31 Jan, Sat 1 Feb, 3 Feb.)
      what: "3 working days across the extended 2020 Spring Festival",
      from: "2020-01-23",
      n: 3,
      expected: "2020-02-05",
    },
    {
      // 国办发明电〔2022〕16号: 中秋国庆 29 Sep – 6 Oct 2023; make-up Sat 7 and Sun 8 Oct.
      // From Thu 28 Sep: | 29 Sep – 6 Oct off | Sat 7(1) Sun 8(2).
      what: "2 working days into the 2023 make-up weekend after 国庆",
      from: "2023-09-28",
      n: 2,
      expected: "2023-10-08",
    },
    {
      // 国办发明电〔2021〕11号: 春节 31 Jan – 6 Feb 2022; make-up Sat 29 and Sun 30 Jan.
      // From Fri 28 Jan: Sat 29(1) Sun 30(2) | 31 Jan – 6 Feb off | Mon 7(3).
      what: "3 working days across the 2022 Spring Festival and its make-up weekend",
      from: "2022-01-28",
      n: 3,
      expected: "2022-02-07",
    },
    {
      // 国办发明电〔2024〕12号: 春节 28 Jan – 4 Feb 2025; make-up Sun 26 Jan and Sat 8 Feb.
      // From Fri 24 Jan: Sun 26(1) 27(2) | 28 Jan – 4 Feb off | 5(3) 6(4) 7(5) Sat 8(6) 10(7) 11(8) 12(9) 13(10).
      what: "10 working days across the 2025 Spring Festival",
      from: "2025-01-24",
      n: 10,
      expected: "2025-02-13",
    },
    {
      // 2025 (no make-up days at New Year) then 国办发明电〔2025〕7号: 元旦 1–3 Jan 2026, make-up Sun 4 Jan.
      // From Thu 25 Dec 2025: 26(1) 29(2) 30(3) 31(4) | 1–3 Jan off | Sun 4(5).
      what: "5 working days across the year end into the 2026 New Year make-up Sunday",
      from: "2025-12-25",
      n: 5,
      expected: "2026-01-04",
    },
    {
      // 国办发明电〔2025〕7号: 劳动节 1–5 May 2026, make-up Sat 9 May.
      // From Thu 30 Apr: 6(1) 7(2) 8(3) Sat 9(4) 11(5) 12(6) 13(7) 14(8) 15(9) 18(10) 19(11) 20(12) 21(13)
      // 22(14) 25(15) 26(16) 27(17) 28(18) 29(19) Jun 1(20).
      what: "20 working days across Labour Day 2026",
      from: "2026-04-30",
      n: 20,
      expected: "2026-06-01",
    },
    {
      // Backwards from Thu 8 Oct 2026: 30 Sep(1) 29(2) 28(3); 1–7 Oct are holidays.
      what: "the 3rd working day before 8 October 2026",
      from: "2026-10-08",
      n: -3,
      expected: "2026-09-28",
    },
  ])("$what: $from + $n → $expected", ({ from, n, expected }) => {
    expect(WorkCalendar.addWorkingDays(calendar, date(from), n)).toEqual(Result.succeed(date(expected)))
    if (n > 0) expect(WorkCalendar.workingDaysBetween(calendar, date(from), date(expected))).toEqual(Result.succeed(n))
  })
})

describe("single days", () => {
  it.each([
    { day: "2026-10-10", kind: "makeUpWorkday", why: "Saturday after 国庆 2026 (〔2025〕7号)" },
    { day: "2026-02-14", kind: "makeUpWorkday", why: "Saturday before 春节 2026" },
    { day: "2026-02-23", kind: "holiday", why: "Monday, last day of 春节 2026" },
    { day: "2024-02-09", kind: "workday", why: "除夕 2024 was an ordinary working day" },
    { day: "2025-01-28", kind: "holiday", why: "除夕 2025, a statutory holiday since Decree 795" },
    { day: "2020-02-01", kind: "holiday", why: "the cancelled make-up Saturday of 2020 (〔2020〕1号)" },
    { day: "2023-01-02", kind: "holiday", why: "Monday, 元旦 2023" },
    { day: "2024-06-10", kind: "holiday", why: "Monday, 端午 2024" },
    { day: "2022-12-31", kind: "weekend", why: "Saturday, a rest day in any case" },
    { day: "2021-09-18", kind: "makeUpWorkday", why: "Saturday before 中秋 2021" },
    { day: "2026-10-09", kind: "workday", why: "an ordinary Friday" },
  ])("$day is a $kind: $why", ({ day, kind }) => {
    expect(WorkCalendar.dayKind(calendar, date(day))).toEqual(Result.succeed(kind))
    expect(WorkCalendar.isWorkingDay(calendar, date(day))).toEqual(
      Result.succeed(kind === "workday" || kind === "makeUpWorkday"),
    )
  })

  it("counts 11 working days from 17 Sep to 9 Oct 2021 (three make-up weekend days among them)", () => {
    // 国办发明电〔2020〕27号: Sat 18 Sep(1) | 19–21 off | 22(2) 23(3) 24(4) Sun 26(5) 27(6) 28(7) 29(8) 30(9)
    // | 1–7 Oct off | 8(10) Sat 9(11).
    expect(WorkCalendar.workingDaysBetween(calendar, date("2021-09-17"), date("2021-10-09"))).toEqual(
      Result.succeed(11),
    )
    expect(WorkCalendar.workingDaysBetween(calendar, date("2021-10-09"), date("2021-09-17"))).toEqual(
      Result.succeed(-11),
    )
  })
})

describe("the shipped data", () => {
  it("is a valid calendar: official for 2020–2026, each year citing its notice, provisional for 2027–2100", () => {
    expect(Result.isSuccess(WorkCalendar.fromData(calendar))).toBe(true)
    const years = (from: number, to: number) => Array.from({ length: to - from + 1 }, (_, i) => from + i)
    expect(WorkCalendar.coveredYears(calendar)).toEqual(years(2020, 2100))
    expect(WorkCalendar.provisionalYears(calendar)).toEqual(years(2027, 2100))
    expect(WorkCalendar.coveredYears(WorkCalendar.officialYears(calendar))).toEqual(years(2020, 2026))
    for (const year of years(2027, 2100)) {
      expect(calendar.years[year]?.source).toContain(`until the State Council's notice for ${year} is loaded`)
      expect(calendar.years[year]?.makeUpWorkdays).toEqual([])
    }
    const notices: Record<string, string> = {
      "2020": "国办发明电〔2019〕16号",
      "2021": "国办发明电〔2020〕27号",
      "2022": "国办发明电〔2021〕11号",
      "2023": "国办发明电〔2022〕16号",
      "2024": "国办发明电〔2023〕7号",
      "2025": "国办发明电〔2024〕12号",
      "2026": "国办发明电〔2025〕7号",
    }
    for (const [year, notice] of Object.entries(notices)) expect(calendar.years[year]?.source).toContain(notice)
    expect(calendar.years["2020"]?.source).toContain("国办发明电〔2020〕1号")
  })

  it("has the number of working days per year that the notices imply", () => {
    // Weekdays of the year − holidays falling on weekdays + make-up days. 2026: 261 weekdays,
    // holidays on weekdays: 1–2 Jan, 16–20 and 23 Feb, 6 Apr, 1, 4, 5 May, 19 Jun, 25 Sep, 1, 2, 5, 6, 7 Oct
    // = 19, make-up days 6: 261 − 19 + 6 = 248.
    const year2026 = WorkCalendar.workingDaysBetween(calendar, date("2025-12-31"), date("2026-12-31"))
    expect(year2026).toEqual(Result.succeed(248))
  })
})

describe("a year with no data", () => {
  it("is an error, never a guess, with the date and the covered years in it", () => {
    const official = WorkCalendar.officialYears(calendar)
    const result = WorkCalendar.addWorkingDays(official, date("2026-12-30"), 5)
    // 31 Dec(1), then 2027, which the calendar does not cover.
    expect(result).toEqual(
      Result.fail({
        _tag: "YearNotCovered",
        date: "2027-01-01",
        year: 2027,
        coveredYears: [2020, 2021, 2022, 2023, 2024, 2025, 2026],
        message: "the working-day calendar has no data for 2027 (needed for 2027-01-01); it covers 2020–2026",
      }),
    )
    expect(Result.isFailure(WorkCalendar.isWorkingDay(calendar, date("2019-12-31")))).toBe(true)
    expect(Result.isFailure(WorkCalendar.isWorkingDay(calendar, date("2101-01-01")))).toBe(true)
  })
})
