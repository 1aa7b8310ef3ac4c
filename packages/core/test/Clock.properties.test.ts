/**
 * Properties of the statutory clock over 2020–2026 (clocks start by mid-2026 so that every due
 * date stays inside the shipped data).
 */
import { fc, test } from "@fast-check/vitest"
import { Result } from "effect"
import { describe, expect } from "vitest"
import { CalendarDate, Clock, WorkCalendar } from "../src/index.ts"

const calendar = WorkCalendar.chinaMainland

const ok = <A>(result: Result.Result<A, unknown>): A => {
  if (Result.isFailure(result)) throw new Error(`expected a success, got ${JSON.stringify(result.failure)}`)
  return result.success
}

const startDate = fc
  .integer({
    min: CalendarDate.toEpochDay(CalendarDate.make("2020-01-01")),
    max: CalendarDate.toEpochDay(CalendarDate.make("2026-03-31")),
  })
  .map(CalendarDate.fromEpochDay)

const limits = fc
  .tuple(fc.integer({ min: 0, max: 40 }), fc.integer({ min: 0, max: 40 }))
  .map(([promised, extra]) => ({ promisedLimit: promised, statutoryLimit: promised + extra }))

const startClock = (startedOn: CalendarDate.CalendarDate, l: { promisedLimit: number; statutoryLimit: number }) =>
  ok(Clock.start({ startedOn, ...l }))

const levels = ["normal", "yellow", "red", "overdue"] as const

describe("Clock properties", () => {
  test.prop([startDate, limits, fc.integer({ min: 0, max: 80 }), fc.integer({ min: 0, max: 40 })], { numRuns: 1000 })(
    "a pause that starts before a due date moves it later by exactly its working days; one that starts on or after leaves it",
    (startedOn, l, pauseAfter, pauseLength) => {
      const clock = startClock(startedOn, l)
      const pausedOn = CalendarDate.addDays(startedOn, pauseAfter)
      const resumedOn = CalendarDate.addDays(pausedOn, pauseLength)
      const resumed = ok(Clock.resume(ok(Clock.pause(clock, pausedOn, "inspection")), resumedOn))
      const pausedDays = ok(WorkCalendar.workingDaysBetween(calendar, pausedOn, resumedOn))
      const workedBeforePause = ok(WorkCalendar.workingDaysBetween(calendar, startedOn, pausedOn))
      for (const [limit, due] of [
        [l.promisedLimit, Clock.promisedDueDate],
        [l.statutoryLimit, Clock.statutoryDueDate],
      ] as const) {
        const before = ok(due(calendar, clock))!
        const after = ok(due(calendar, resumed))!
        if (workedBeforePause < limit) {
          expect(ok(WorkCalendar.workingDaysBetween(calendar, before, after))).toBe(pausedDays)
          expect(ok(WorkCalendar.isWorkingDay(calendar, after))).toBe(true)
        } else {
          expect(after).toBe(before)
        }
      }
    },
  )

  test.prop([startDate, limits, fc.integer({ min: 0, max: 120 })], { numRuns: 1000 })(
    "elapsed + paused = working days since the start, and the elapsed days reach the limit exactly on the due date",
    (startedOn, l, resumeAfter) => {
      const paused = ok(Clock.pause(startClock(startedOn, l), CalendarDate.addDays(startedOn, 3), "testing"))
      const clock = ok(Clock.resume(paused, CalendarDate.addDays(startedOn, 3 + (resumeAfter % 30))))
      const on = CalendarDate.addDays(startedOn, resumeAfter)
      const elapsed = ok(Clock.elapsedWorkingDays(calendar, clock, on))
      const pausedDays = ok(Clock.pausedWorkingDays(calendar, clock, on))
      expect(elapsed + pausedDays).toBe(ok(WorkCalendar.workingDaysBetween(calendar, startedOn, on)))
      const due = ok(Clock.statutoryDueDate(calendar, clock))!
      expect(ok(Clock.elapsedWorkingDays(calendar, clock, due))).toBe(l.statutoryLimit)
      if (l.statutoryLimit > 0) {
        expect(ok(Clock.elapsedWorkingDays(calendar, clock, CalendarDate.addDays(due, -1)))).toBe(l.statutoryLimit - 1)
      }
    },
  )

  // A random history: pauses, resumptions and an extension on advancing dates.
  const step = fc.record({
    gap: fc.integer({ min: 0, max: 15 }),
    action: fc.constantFrom("pause", "resume", "extend"),
    days: fc.integer({ min: 1, max: 15 }),
  })

  test.prop([startDate, limits, fc.array(step, { maxLength: 12 })], { numRuns: 500 })(
    "due dates never move earlier, whatever pauses, resumptions and extensions happen",
    (startedOn, l, steps) => {
      let clock = startClock(startedOn, l)
      let on = startedOn
      let promised = ok(Clock.promisedDueDate(calendar, clock))!
      let statutory = ok(Clock.statutoryDueDate(calendar, clock))!
      for (const { gap, action, days } of steps) {
        on = CalendarDate.addDays(on, gap)
        const next: Result.Result<Clock.Clock, unknown> =
          action === "pause"
            ? Clock.pause(clock, on, "special procedure")
            : action === "resume"
              ? Clock.resume(clock, on)
              : Clock.extend(clock, days, { approver: "head", reason: "complex case" })
        if (Result.isFailure(next)) continue
        clock = next.success
        const nextPromised = ok(Clock.promisedDueDate(calendar, clock))
        const nextStatutory = ok(Clock.statutoryDueDate(calendar, clock))
        if (nextPromised !== undefined) {
          expect(nextPromised >= promised).toBe(true)
          promised = nextPromised
        }
        if (nextStatutory !== undefined) {
          expect(nextStatutory >= statutory).toBe(true)
          statutory = nextStatutory
        }
      }
    },
  )

  test.prop([startDate, limits, fc.integer({ min: 0, max: 5 })], { numRuns: 300 })(
    "on a running clock the warning level only rises with time and matches the due dates",
    (startedOn, l, yellowWarningDays) => {
      const clock = ok(Clock.start({ startedOn, ...l, yellowWarningDays }))
      const promised = ok(Clock.promisedDueDate(calendar, clock))!
      const statutory = ok(Clock.statutoryDueDate(calendar, clock))!
      let rank = 0
      for (let day = 0; day <= 70; day++) {
        const on = CalendarDate.addDays(startedOn, day)
        const level = ok(Clock.warningLevel(calendar, clock, on))
        expect(levels.indexOf(level)).toBeGreaterThanOrEqual(rank)
        rank = levels.indexOf(level)
        const left = ok(WorkCalendar.workingDaysBetween(calendar, on, promised))
        const expected =
          on > statutory ? "overdue" : on > promised ? "red" : left <= yellowWarningDays ? "yellow" : "normal"
        expect(level).toBe(expected)
      }
    },
  )
})
