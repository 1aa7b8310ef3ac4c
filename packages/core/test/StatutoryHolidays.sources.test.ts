/**
 * Where the statutory dates come from, checked on every run: the generated lunar table against the
 * library that generated it (lunar-typescript, pinned), against an independent source (the ICU
 * Chinese calendar of the platform, through Intl), against dates published by observatories and
 * governments, and against the official arrangements of 2020–2026.
 */

import { readFileSync } from "node:fs"
import { fileURLToPath } from "node:url"
import { Result } from "effect"
import { describe, expect, it } from "vitest"
import { datesOf, firstYear, lastYear, render } from "../scripts/lunarDates.ts"
import { CalendarDate, StatutoryHolidays, WorkCalendar } from "../src/index.ts"
import { chinaMainlandData } from "../src/internal/chinaHolidays.ts"
import { lunarDates } from "../src/internal/lunarDates.ts"

const years = (from: number, to: number) => Array.from({ length: to - from + 1 }, (_, i) => from + i)

const format = new Intl.DateTimeFormat("en-u-ca-chinese", {
  timeZone: "UTC",
  year: "numeric",
  month: "numeric",
  day: "numeric",
})

/** 春节, 端午 and 中秋 of a Gregorian year by the platform's ICU Chinese calendar. */
const icuDates = (year: number) => {
  const found: Record<string, string> = {}
  for (let t = Date.UTC(year, 0, 1); t < Date.UTC(year + 1, 0, 1); t += 86_400_000) {
    const parts = Object.fromEntries(format.formatToParts(new Date(t)).map((part) => [part.type, part.value]))
    if (Number(parts.relatedYear) !== year) continue
    const key = `${parts.month}/${parts.day}`
    const monthDay = new Date(t).toISOString().slice(5, 10)
    if (key === "1/1") found.springFestival = monthDay
    if (key === "5/5") found.dragonBoat = monthDay
    if (key === "8/15") found.midAutumn = monthDay
  }
  return found
}

/**
 * Where ICU 78 (Node 20.20) is known to be wrong: its new moons of 6 February 2027 (23:56 Beijing
 * time) and 3 February 2030 (00:07) land on the other side of midnight. The Hong Kong Observatory's
 * 2027 calendar gives 6 February 2027 (cited in tc39/test262#4769); 寿星 (lunar-typescript) and
 * the VSOP87/Meeus computation of date-chinese agree with it for both years.
 */
const knownIcuErrors = new Set(["2027 springFestival", "2030 springFestival"])

describe("the lunar table", () => {
  it("is exactly what the pinned library computes for every year of 2000–2100 (regenerate on a difference)", () => {
    const file = readFileSync(fileURLToPath(new URL("../src/internal/lunarDates.ts", import.meta.url)), "utf8")
    expect(file).toBe(render())
    for (const year of years(firstYear, lastYear)) expect(lunarDates[year]).toEqual(datesOf(year))
  })

  it("agrees with the ICU Chinese calendar on 春节, 端午 and 中秋 over 2000–2100, but for ICU's known errors", () => {
    const disagreements: Array<string> = []
    for (const year of years(firstYear, lastYear)) {
      const [springFestival, , dragonBoat, midAutumn] = lunarDates[year]!
      const ours: Record<string, string> = { springFestival, dragonBoat, midAutumn }
      const icu = icuDates(year)
      for (const festival of Object.keys(ours)) {
        if (icu[festival] !== ours[festival]) disagreements.push(`${year} ${festival}`)
      }
    }
    // every disagreement is a known ICU error (a platform with a corrected ICU has fewer)
    expect(disagreements.filter((d) => !knownIcuErrors.has(d))).toEqual([])
  })

  it("has the dates observatories and governments published for the years ahead", () => {
    // 春节 2026 and 2027: Hong Kong Observatory calendars (tc39/test262#4769);
    // 清明 2026–2029: the Hong Kong gazetted dates (spatie/holidays#339).
    const published: Array<[number, 0 | 1, string]> = [
      [2026, 0, "02-17"],
      [2027, 0, "02-06"],
      [2026, 1, "04-05"],
      [2027, 1, "04-05"],
      [2028, 1, "04-04"],
      [2029, 1, "04-04"],
    ]
    for (const [year, index, monthDay] of published) expect(lunarDates[year]![index]).toBe(monthDay)
  })
})

describe("the statutory holidays against the official arrangements of 2020–2026", () => {
  it("every statutory holiday of the law in force is a holiday of that year's notice", () => {
    for (const year of years(2020, 2026)) {
      const official = chinaMainlandData.years[String(year) as keyof typeof chinaMainlandData.years]
      const days = Result.getOrThrow(StatutoryHolidays.of(year))
      expect(days).toHaveLength(year >= StatutoryHolidays.revision2024From ? 13 : 11)
      const missing = days.filter((day) => !(official.holidays as ReadonlyArray<string>).includes(day.date))
      expect({ year, missing }).toEqual({ year, missing: [] })
    }
  })

  it("除夕 is a statutory holiday from 2025 only (2024's 除夕, 9 February, was a working day)", () => {
    const eve = (year: number) =>
      Result.getOrThrow(StatutoryHolidays.of(year)).filter((day) => day.festival === "springFestival")[0]!.date
    expect(eve(2024)).toBe("2024-02-10") // 2013 revision: 春节 starts on 正月初一
    expect(eve(2025)).toBe("2025-01-28") // 2024 revision: 除夕
    expect(eve(2027)).toBe("2027-02-05")
    expect(WorkCalendar.isWorkingDay(WorkCalendar.chinaMainland, CalendarDate.make("2024-02-09"))).toEqual(
      Result.succeed(true),
    )
  })

  it("refuses years it does not know", () => {
    for (const year of [2013, 2101, 2027.5]) {
      const result = StatutoryHolidays.of(year)
      expect(Result.isFailure(result) && result.failure).toMatchObject({ _tag: "YearOutOfRange", year })
    }
  })
})
