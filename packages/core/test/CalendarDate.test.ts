import { fc, test } from "@fast-check/vitest"
import { Schema } from "effect"
import { afterEach, describe, expect, it } from "vitest"
import { CalendarDate } from "../src/index.ts"

describe("CalendarDate.ofInstant", () => {
  const savedZone = process.env.TZ
  afterEach(() => {
    if (savedZone === undefined) delete process.env.TZ
    else process.env.TZ = savedZone
  })

  it("reads instants with a zone, in Beijing time by default", () => {
    expect(CalendarDate.ofInstant("2026-09-30T17:00:00.000Z")).toBe("2026-10-01")
    expect(CalendarDate.ofInstant("2026-09-30T15:59:59Z")).toBe("2026-09-30")
    expect(CalendarDate.ofInstant("2026-10-01T00:30:00+08:00")).toBe("2026-10-01")
    expect(CalendarDate.ofInstant("2026-09-30T17:00:00.123456789Z", 0)).toBe("2026-09-30")
  })

  it("refuses a text without a zone: its meaning would depend on the host's time zone", () => {
    // Date.parse reads "2026-09-30T20:00:00" as local time: in Beijing 1 October, in New York 1 October too
    // only after 12:00 UTC; the same input would give a different day on another machine.
    for (const zone of ["UTC", "America/New_York", "Asia/Shanghai"]) {
      process.env.TZ = zone
      expect(() => CalendarDate.ofInstant("2026-09-30T20:00:00")).toThrow(RangeError)
      expect(CalendarDate.isInstant("2026-09-30T20:00:00")).toBe(false)
    }
  })

  it("refuses dates, impossible dates and times, other formats and instants out of range", () => {
    for (const text of [
      "",
      "2026-09-30",
      "Sep 30 2026",
      "2026-02-30T00:00:00Z",
      "2026-09-30T24:00:00Z",
      "2026-09-30T23:60:00Z",
      "+275760-09-13T00:00:00.000Z",
      "9999-12-31T20:00:00Z",
      "0000-01-01T00:00:00Z",
    ]) {
      expect(CalendarDate.isInstant(text), text).toBe(false)
      expect(() => CalendarDate.ofInstant(text), text).toThrow(RangeError)
    }
    expect(CalendarDate.isInstant(42)).toBe(false)
  })

  test.prop([
    fc.date({ min: new Date("0100-01-02T00:00:00Z"), max: new Date("9999-12-30T23:59:59Z"), noInvalidDate: true }),
    fc.integer({ min: -1439, max: 1439 }),
  ])("every ISO instant in range is an instant, and its date at any offset is a real calendar date", (date, offset) => {
    const text = date.toISOString()
    expect(CalendarDate.isInstant(text)).toBe(true)
    expect(Schema.is(CalendarDate.CalendarDate)(CalendarDate.ofInstant(text, offset))).toBe(true)
  })
})

describe("CalendarDate.CalendarDate", () => {
  it("accepts years before 100 (Date.UTC would read them as 19xx)", () => {
    expect(Schema.is(CalendarDate.CalendarDate)("0050-03-01")).toBe(true)
    expect(CalendarDate.addDays(CalendarDate.make("0050-02-28"), 1)).toBe("0050-03-01")
  })
})

describe("CalendarDate.daysInMonth and isRealDay", () => {
  // The platform's proleptic Gregorian calendar, read without Date.UTC's 0–99 → 19xx mapping.
  const platformDaysInMonth = (year: number, month: number): number => {
    const date = new Date(0)
    date.setUTCFullYear(year, month, 0)
    return date.getUTCDate()
  }

  test.prop([
    fc.oneof(
      fc.integer({ min: 1, max: 9999 }),
      fc.integer({ min: 1, max: 99 }).map((century) => century * 100),
    ),
    fc.integer({ min: 1, max: 12 }),
  ])("agree with the platform calendar for every month of years 1–9999", (year, month) => {
    expect(CalendarDate.daysInMonth(year, month)).toBe(platformDaysInMonth(year, month))
    expect(CalendarDate.isRealDay(year, month, platformDaysInMonth(year, month))).toBe(true)
    expect(CalendarDate.isRealDay(year, month, platformDaysInMonth(year, month) + 1)).toBe(false)
  })

  it("knows the century rule and rejects month 0 and 13, day 0 and fractions", () => {
    expect([1900, 2000, 2024, 2026].map((year) => CalendarDate.daysInMonth(year, 2))).toEqual([28, 29, 29, 28])
    expect(CalendarDate.isRealDay(2026, 0, 1)).toBe(false)
    expect(CalendarDate.isRealDay(2026, 13, 1)).toBe(false)
    expect(CalendarDate.isRealDay(2026, 1, 0)).toBe(false)
    expect(CalendarDate.isRealDay(2026, 1, 1.5)).toBe(false)
  })
})
