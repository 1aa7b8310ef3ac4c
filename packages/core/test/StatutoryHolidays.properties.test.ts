/**
 * Properties of the provisional years and of the provisional mark: what the law gives every year,
 * how a provisional year counts, and that a result is marked provisional exactly when the days it
 * depends on touch a provisional year — and, when it is not marked, that it does not change
 * whatever the provisional years turn out to be.
 */
import { fc, test } from "@fast-check/vitest"
import { Result } from "effect"
import { describe, expect } from "vitest"
import { CalendarDate, Clock, StatutoryHolidays, WorkCalendar } from "../src/index.ts"
import { lunarDates } from "../src/internal/lunarDates.ts"

const calendar = WorkCalendar.chinaMainland
const ok = <A>(result: Result.Result<A, unknown>): A => Result.getOrThrow(result)
const epoch = (text: string) => CalendarDate.toEpochDay(CalendarDate.make(text))
const dateBetween = (from: string, to: string) =>
  fc.integer({ min: epoch(from), max: epoch(to) }).map(CalendarDate.fromEpochDay)

const revisedYear = fc.integer({ min: StatutoryHolidays.revision2024From, max: StatutoryHolidays.lastYear })
const earlierYear = fc.integer({ min: StatutoryHolidays.firstYear, max: StatutoryHolidays.revision2024From - 1 })

const countBy = (days: ReadonlyArray<StatutoryHolidays.StatutoryHoliday>) => {
  const counts: Record<string, number> = {}
  for (const day of days) counts[day.festival] = (counts[day.festival] ?? 0) + 1
  return counts
}

describe("the statutory holidays of a year", () => {
  test.prop([revisedYear], { numRuns: 200 })(
    "from 2025: 13 days as the 2024 revision says — 元旦 1, 春节 4 from 除夕, 清明 1, 劳动节 1–2 May, 端午 1, 中秋 1, 国庆 1–3 Oct",
    (year) => {
      const days = ok(StatutoryHolidays.of(year))
      expect(days).toHaveLength(13)
      expect(countBy(days)).toEqual({
        newYear: 1,
        springFestival: 4,
        qingming: 1,
        labourDay: 2,
        dragonBoat: 1,
        midAutumn: 1,
        nationalDay: 3,
      })
      for (const day of days) expect(CalendarDate.year(day.date)).toBe(year)
      const spring = days.filter((day) => day.festival === "springFestival").map((day) => day.date)
      // 除夕 is the day before 正月初一, then 初一, 初二, 初三
      expect(spring).toEqual(
        [-1, 0, 1, 2].map((k) => CalendarDate.addDays(CalendarDate.make(`${year}-${lunarDates[year]![0]}`), k)),
      )
      expect(days.filter((day) => day.festival === "labourDay").map((day) => day.date)).toEqual([
        `${year}-05-01`,
        `${year}-05-02`,
      ])
      expect(days.filter((day) => day.festival === "nationalDay").map((day) => day.date)).toEqual([
        `${year}-10-01`,
        `${year}-10-02`,
        `${year}-10-03`,
      ])
      // days are distinct but when 中秋 falls on 1–3 October (2028, 2031, 2039, …)
      const midAutumn = days.find((day) => day.festival === "midAutumn")!.date
      const overlaps = midAutumn >= `${year}-10-01` && midAutumn <= `${year}-10-03`
      expect(new Set(days.map((day) => day.date)).size).toBe(overlaps ? 12 : 13)
    },
  )

  test.prop([earlierYear], { numRuns: 50 })("2014–2024: 11 days as the 2013 revision says", (year) => {
    const days = ok(StatutoryHolidays.of(year))
    expect(countBy(days)).toEqual({
      newYear: 1,
      springFestival: 3,
      qingming: 1,
      labourDay: 1,
      dragonBoat: 1,
      midAutumn: 1,
      nationalDay: 3,
    })
  })
})

describe("a provisional year", () => {
  test.prop([revisedYear, fc.integer({ min: 0, max: 365 })], { numRuns: 2000 })(
    "every statutory holiday is a non-working day, every other weekend day is off and every other weekday worked",
    (year, offset) => {
      const day = CalendarDate.addDays(CalendarDate.make(`${year}-01-01`), offset)
      fc.pre(CalendarDate.year(day) === year)
      const provisional = ok(StatutoryHolidays.provisionalYear(year))
      expect(provisional.provisional).toBe(true)
      expect(provisional.makeUpWorkdays).toEqual([])
      const own: WorkCalendar.WorkCalendar = { years: { [year]: provisional } }
      const statutory = ok(StatutoryHolidays.of(year)).some((holiday) => holiday.date === day)
      const working = !statutory && !CalendarDate.isWeekend(day)
      expect(ok(WorkCalendar.isWorkingDay(own, day))).toBe(working)
      if (year >= 2027) expect(ok(WorkCalendar.isWorkingDay(calendar, day))).toBe(working)
    },
  )
})

/** A calendar is indexed once per object: build each one once. */
const memo = <A>(make: (key: string) => A) => {
  const made = new Map<string, A>()
  return (key: string) => {
    if (!made.has(key)) made.set(key, make(key))
    return made.get(key)!
  }
}

/** The shipped calendar over 2020–2036, with every year of `provisional` (and only those) marked provisional. */
const marked = memo(
  (key): WorkCalendar.WorkCalendar => ({
    years: Object.fromEntries(
      Object.entries(calendar.years)
        .filter(([year]) => Number(year) <= 2036)
        .map(([year, data]) => [year, { ...data, provisional: key.split(",").includes(year) }]),
    ),
  }),
)
const markedCalendar = (provisional: ReadonlyArray<number>) => marked([...provisional].sort().join(","))

/** The same calendar with other data in its provisional years: extra holidays and make-up days. */
const otherData = (base: WorkCalendar.WorkCalendar, seed: number): WorkCalendar.WorkCalendar => ({
  years: Object.fromEntries(
    Object.entries(base.years).map(([key, year]) => {
      if (year.provisional !== true) return [key, year]
      const start = epoch(`${key}-01-01`)
      const days = Array.from({ length: 365 }, (_, i) => CalendarDate.fromEpochDay(start + i)).filter(
        (d) => CalendarDate.year(d) === Number(key),
      )
      const pick = (k: number) => days[(seed * (k + 7) + k * 31) % days.length]!
      const extra = [1, 2, 3, 4, 5].map(pick).filter((d) => !year.holidays.includes(d))
      const makeUp = [6, 7, 8].map(pick).filter((d) => CalendarDate.isWeekend(d) && !extra.includes(d))
      const holidays = [...new Set([...year.holidays.filter((d) => !makeUp.includes(d)), ...extra])]
      return [key, { ...year, holidays, makeUpWorkdays: [...new Set(makeUp)] }]
    }),
  ),
})

/** The model of the mark: walk every day from `a` to `b` and look at its year. */
const touches = (provisional: ReadonlyArray<number>, a: CalendarDate.CalendarDate, b: CalendarDate.CalendarDate) => {
  const [low, high] = a <= b ? [a, b] : [b, a]
  for (let day = low; day <= high; day = CalendarDate.addDays(day, 1)) {
    if (provisional.includes(CalendarDate.year(day))) return true
  }
  return false
}

const someYears = fc.uniqueArray(fc.integer({ min: 2020, max: 2034 }), { maxLength: 3 })
const seeds = fc.nat(15)
const others = new Map<string, WorkCalendar.WorkCalendar>()
const otherOf = (base: WorkCalendar.WorkCalendar, key: string, seed: number) => {
  const id = `${key}/${seed}`
  if (!others.has(id)) others.set(id, otherData(base, seed))
  return others.get(id)!
}

const start = dateBetween("2020-01-01", "2034-06-30")

describe("the provisional mark", () => {
  test.prop([someYears, start, fc.integer({ min: -450, max: 450 })], { numRuns: 1500 })(
    "addWorkingDays(d, n) = r is marked exactly when a day of [d, r] is in a provisional year",
    (years, date, n) => {
      const marked = markedCalendar(years)
      const result = WorkCalendar.addWorkingDays(marked, date, n)
      fc.pre(Result.isSuccess(result))
      const due = result.success
      expect(WorkCalendar.isProvisional(marked, date, due)).toBe(touches(years, date, due))
      expect(WorkCalendar.isProvisional(marked, due, date)).toBe(touches(years, date, due))
    },
  )

  test.prop([someYears, start, fc.integer({ min: -450, max: 450 }), seeds], { numRuns: 1000 })(
    "a count that is not marked is the same whatever data the provisional years hold",
    (years, date, n, seed) => {
      const marked = markedCalendar(years)
      const other = otherOf(marked, [...years].sort().join(","), seed)
      const result = WorkCalendar.addWorkingDays(marked, date, n)
      fc.pre(Result.isSuccess(result))
      const due = result.success
      if (!WorkCalendar.isProvisional(marked, date, due)) {
        expect(WorkCalendar.addWorkingDays(other, date, n)).toEqual(result)
        expect(WorkCalendar.workingDaysBetween(other, date, due)).toEqual(
          WorkCalendar.workingDaysBetween(marked, date, due),
        )
      }
    },
  )

  const clockOf = fc
    .record({
      startedOn: dateBetween("2026-06-01", "2027-06-30"),
      promised: fc.integer({ min: 0, max: 30 }),
      extra: fc.integer({ min: 0, max: 40 }),
      pause: fc.option(fc.record({ after: fc.integer({ min: 0, max: 60 }), length: fc.integer({ min: 0, max: 40 }) })),
    })
    .map(({ startedOn, promised, extra, pause }) => {
      const clock = ok(Clock.start({ startedOn, promisedLimit: promised, statutoryLimit: promised + extra }))
      if (pause === null) return clock
      const pausedOn = CalendarDate.addDays(startedOn, pause.after)
      return ok(
        Clock.resume(ok(Clock.pause(clock, pausedOn, "expert review")), CalendarDate.addDays(pausedOn, pause.length)),
      )
    })

  test.prop([clockOf, seeds], { numRuns: 1000 })(
    "a clock's due dates are marked exactly when the days up to the statutory date touch 2027, and unmarked ones never move",
    (clock, seed) => {
      const statutory = ok(Clock.statutoryDueDate(calendar, clock))!
      const marked = ok(Clock.isProvisional(calendar, clock))
      expect(marked).toBe(touches(WorkCalendar.provisionalYears(calendar), clock.startedOn, statutory))
      if (!marked) {
        const other = otherOf(calendar, "shipped", seed)
        expect(Clock.promisedDueDate(other, clock)).toEqual(Clock.promisedDueDate(calendar, clock))
        expect(Clock.statutoryDueDate(other, clock)).toEqual(Clock.statutoryDueDate(calendar, clock))
      }
    },
  )
})
