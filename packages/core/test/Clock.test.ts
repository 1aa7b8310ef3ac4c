/**
 * The statutory clock on a real case: a licence accepted on Thursday 24 September 2026, the week
 * before 中秋 and 国庆, with 10 promised and 20 statutory working days. Every date below was counted
 * by hand from 国办发明电〔2025〕7号 (中秋 25–27 Sep, 国庆 1–7 Oct, make-up Saturday 10 Oct).
 */
import { Result, Schema } from "effect"
import { describe, expect, it } from "vitest"
import { CalendarDate, Clock, WorkCalendar } from "../src/index.ts"

const calendar = WorkCalendar.chinaMainland
const date = CalendarDate.make

const licence = Result.getOrThrow(
  Clock.start({ startedOn: date("2026-09-24"), promisedLimit: 10, statutoryLimit: 20, yellowWarningDays: 3 }),
)

const ok = <A>(result: Result.Result<A, unknown>): A => {
  if (Result.isFailure(result)) throw new Error(`expected a success, got ${JSON.stringify(result.failure)}`)
  return result.success
}

describe("Clock.start", () => {
  it("starts with no pauses, no extension and a default yellow warning of 3 working days", () => {
    expect(Clock.start({ startedOn: date("2026-09-24"), promisedLimit: 10, statutoryLimit: 20 })).toEqual(
      Result.succeed({
        startedOn: "2026-09-24",
        promisedLimit: 10,
        statutoryLimit: 20,
        yellowWarningDays: 3,
        pauses: [],
      }),
    )
  })

  it("refuses a promised limit longer than the statutory one", () => {
    expect(Clock.start({ startedOn: date("2026-09-24"), promisedLimit: 21, statutoryLimit: 20 })).toEqual(
      Result.fail({
        _tag: "PromisedExceedsStatutory",
        promisedLimit: 21,
        statutoryLimit: 20,
        message: "the promised limit (21 working days) exceeds the statutory limit (20)",
      }),
    )
  })

  it("refuses limits that are not whole, non-negative numbers of working days", () => {
    const refused = (options: { promisedLimit: number; statutoryLimit: number; yellowWarningDays?: number }) => {
      const result = Clock.start({ startedOn: date("2026-09-24"), ...options })
      return Result.isFailure(result) && result.failure._tag === "InvalidWorkingDays"
        ? result.failure.field
        : "accepted"
    }
    expect(refused({ promisedLimit: -1, statutoryLimit: 20 })).toBe("promisedLimit")
    expect(refused({ promisedLimit: 5, statutoryLimit: 2.5 })).toBe("statutoryLimit")
    expect(refused({ promisedLimit: 5, statutoryLimit: 20, yellowWarningDays: Number.NaN })).toBe("yellowWarningDays")
  })

  it("gives an immediate matter (即办件) its due dates on the day it starts", () => {
    const immediate = ok(Clock.start({ startedOn: date("2026-10-10"), promisedLimit: 0, statutoryLimit: 0 }))
    expect(Clock.promisedDueDate(calendar, immediate)).toEqual(Result.succeed("2026-10-10"))
    expect(Clock.statutoryDueDate(calendar, immediate)).toEqual(Result.succeed("2026-10-10"))
    expect(Clock.warningLevel(calendar, immediate, date("2026-10-10"))).toEqual(Result.succeed("yellow"))
    expect(Clock.warningLevel(calendar, immediate, date("2026-10-11"))).toEqual(Result.succeed("overdue"))
  })
})

describe("due dates and elapsed working days", () => {
  it("puts the promised date on 15 October and the statutory one on 29 October 2026", () => {
    // 28(1) 29(2) 30(3) | 1–7 Oct | 8(4) 9(5) Sat 10(6) 12(7) 13(8) 14(9) 15(10) 16(11) 19(12) 20(13)
    // 21(14) 22(15) 23(16) 26(17) 27(18) 28(19) 29(20)
    expect(Clock.promisedDueDate(calendar, licence)).toEqual(Result.succeed("2026-10-15"))
    expect(Clock.statutoryDueDate(calendar, licence)).toEqual(Result.succeed("2026-10-29"))
  })

  it("counts elapsed working days after the start day only", () => {
    expect(Clock.elapsedWorkingDays(calendar, licence, date("2026-09-20"))).toEqual(Result.succeed(0))
    expect(Clock.elapsedWorkingDays(calendar, licence, date("2026-09-24"))).toEqual(Result.succeed(0))
    expect(Clock.elapsedWorkingDays(calendar, licence, date("2026-10-07"))).toEqual(Result.succeed(3))
    expect(Clock.elapsedWorkingDays(calendar, licence, date("2026-10-10"))).toEqual(Result.succeed(6))
    expect(Clock.elapsedWorkingDays(calendar, licence, date("2026-10-15"))).toEqual(Result.succeed(10))
  })

  it("fails with YearNotCovered when a due date falls in a year with no data", () => {
    const calendar = WorkCalendar.officialYears(WorkCalendar.chinaMainland)
    const december = ok(Clock.start({ startedOn: date("2026-12-01"), promisedLimit: 20, statutoryLimit: 30 }))
    // 22 working days remain in December 2026 after the 1st: 20 fit, 30 do not.
    expect(Clock.promisedDueDate(calendar, december)).toEqual(Result.succeed("2026-12-29"))
    const statutory = Clock.statutoryDueDate(calendar, december)
    expect(Result.isFailure(statutory) && statutory.failure).toMatchObject({
      _tag: "YearNotCovered",
      date: "2027-01-01",
    })
  })
})

describe("warning levels at each boundary", () => {
  it.each([
    { on: "2026-10-09", level: "normal", why: "Fri: 5 working days left (Sat 10, 12, 13, 14, 15)" },
    { on: "2026-10-10", level: "normal", why: "make-up Sat: 4 left (12, 13, 14, 15)" },
    { on: "2026-10-11", level: "normal", why: "Sun: still 4 left" },
    { on: "2026-10-12", level: "yellow", why: "Mon: 3 left (13, 14, 15) = yellowWarningDays" },
    { on: "2026-10-15", level: "yellow", why: "the promised date itself, 0 left" },
    { on: "2026-10-16", level: "red", why: "the day after the promised date" },
    { on: "2026-10-29", level: "red", why: "the statutory date itself" },
    { on: "2026-10-30", level: "overdue", why: "the day after the statutory date" },
    { on: "2026-10-31", level: "overdue", why: "a Saturday after it, still overdue" },
  ])("$on is $level ($why)", ({ on, level }) => {
    expect(Clock.warningLevel(calendar, licence, date(on))).toEqual(Result.succeed(level))
  })
})

describe("pause and resume (special procedures)", () => {
  const paused = ok(Clock.pause(licence, date("2026-10-12"), "expert review"))
  const resumed = ok(Clock.resume(paused, date("2026-10-19")))

  it("leaves the due dates unknown while a pause that started before them is open", () => {
    expect(Clock.isPaused(paused)).toBe(true)
    expect(Clock.promisedDueDate(calendar, paused)).toEqual(Result.succeed(undefined))
    expect(Clock.statutoryDueDate(calendar, paused)).toEqual(Result.succeed(undefined))
  })

  it("freezes elapsed days and the warning level while paused", () => {
    // paused on Mon 12 Oct: the 12th still counts (7 elapsed), nothing after it does
    expect(Clock.elapsedWorkingDays(calendar, paused, date("2026-10-20"))).toEqual(Result.succeed(7))
    expect(Clock.pausedWorkingDays(calendar, paused, date("2026-10-20"))).toEqual(Result.succeed(6))
    expect(Clock.warningLevel(calendar, paused, date("2026-10-12"))).toEqual(Result.succeed("yellow"))
    expect(Clock.warningLevel(calendar, paused, date("2026-11-30"))).toEqual(Result.succeed("yellow"))
    // history: before the pause the clock ran normally
    expect(Clock.warningLevel(calendar, paused, date("2026-10-09"))).toEqual(Result.succeed("normal"))
  })

  it("moves both due dates later by exactly the paused working days (13, 14, 15, 16, 19 Oct = 5)", () => {
    expect(Clock.isPaused(resumed)).toBe(false)
    expect(Clock.pausedWorkingDays(calendar, resumed, date("2026-12-31"))).toEqual(Result.succeed(5))
    // promised 15 Oct + 5 → 16, 19, 20, 21, 22; statutory 29 Oct + 5 → 30, 2, 3, 4, 5 Nov
    expect(Clock.promisedDueDate(calendar, resumed)).toEqual(Result.succeed("2026-10-22"))
    expect(Clock.statutoryDueDate(calendar, resumed)).toEqual(Result.succeed("2026-11-05"))
    expect(Clock.warningLevel(calendar, resumed, date("2026-10-22"))).toEqual(Result.succeed("yellow"))
    expect(Clock.warningLevel(calendar, resumed, date("2026-10-23"))).toEqual(Result.succeed("red"))
  })

  it("leaves a due date already reached where it is when the pause starts on or after it", () => {
    const late = ok(Clock.resume(ok(Clock.pause(licence, date("2026-10-20"), "hearing")), date("2026-10-23")))
    // promised date 15 Oct was reached before the pause; statutory moves by 21, 22, 23 Oct = 3
    expect(Clock.promisedDueDate(calendar, late)).toEqual(Result.succeed("2026-10-15"))
    expect(Clock.statutoryDueDate(calendar, late)).toEqual(Result.succeed("2026-11-03"))
    const onTheDay = ok(Clock.resume(ok(Clock.pause(licence, date("2026-10-15"), "inspection")), date("2026-10-16")))
    expect(Clock.promisedDueDate(calendar, onTheDay)).toEqual(Result.succeed("2026-10-15"))
    expect(Clock.statutoryDueDate(calendar, onTheDay)).toEqual(Result.succeed("2026-10-30"))
    // an open pause after the promised date leaves that date known
    expect(Clock.promisedDueDate(calendar, ok(Clock.pause(licence, date("2026-10-20"), "hearing")))).toEqual(
      Result.succeed("2026-10-15"),
    )
  })

  it("refuses to pause twice, to resume a running clock, and dates that go back in time", () => {
    expect(Clock.pause(paused, date("2026-10-13"), "again")).toEqual(
      Result.fail({
        _tag: "AlreadyPaused",
        pausedOn: "2026-10-12",
        message: "the clock is already paused since 2026-10-12",
      }),
    )
    expect(Clock.resume(licence, date("2026-10-13"))).toEqual(
      Result.fail({ _tag: "NotPaused", message: "the clock is not paused" }),
    )
    expect(Clock.pause(licence, date("2026-09-23"), "too early")).toEqual(
      Result.fail({
        _tag: "DateOutOfOrder",
        on: "2026-09-23",
        earliest: "2026-09-24",
        message: "2026-09-23 is before 2026-09-24, the clock's last recorded date",
      }),
    )
    expect(Result.isFailure(Clock.resume(paused, date("2026-10-11")))).toBe(true)
    expect(Result.isFailure(Clock.pause(resumed, date("2026-10-18"), "before the resumption"))).toBe(true)
    expect(Result.isSuccess(Clock.pause(resumed, date("2026-10-19"), "same day as the resumption"))).toBe(true)
  })
})

describe("extension (行政许可法 Art 42)", () => {
  const extended = ok(Clock.extend(licence, 10, { approver: "head-of-agency", reason: "three premises to inspect" }))

  it("moves the statutory date 10 working days later and leaves the promised date", () => {
    // 29 Oct + 10 → 30, 2, 3, 4, 5, 6, 9, 10, 11, 12 Nov
    expect(Clock.statutoryDueDate(calendar, extended)).toEqual(Result.succeed("2026-11-12"))
    expect(Clock.promisedDueDate(calendar, extended)).toEqual(Result.succeed("2026-10-15"))
    expect(Clock.effectiveStatutoryLimit(extended)).toBe(30)
    expect(extended.extension).toEqual({
      workingDays: 10,
      approver: "head-of-agency",
      reason: "three premises to inspect",
    })
    expect(Clock.warningLevel(calendar, extended, date("2026-10-30"))).toEqual(Result.succeed("red"))
  })

  it("refuses a second extension and an extension of no days", () => {
    const again = Clock.extend(extended, 5, { approver: "head-of-agency", reason: "more" })
    expect(Result.isFailure(again) && again.failure._tag).toBe("AlreadyExtended")
    const none = Clock.extend(licence, 0, { approver: "head-of-agency", reason: "none" })
    expect(Result.isFailure(none) && none.failure).toMatchObject({ _tag: "InvalidWorkingDays", field: "workingDays" })
  })
})

describe("the Clock schema", () => {
  it("round-trips through JSON, so events can carry it", () => {
    const clock = ok(
      Clock.extend(
        ok(Clock.resume(ok(Clock.pause(licence, date("2026-10-12"), "expert review")), date("2026-10-19"))),
        10,
        {
          approver: "head-of-agency",
          reason: "inspection",
        },
      ),
    )
    const json = JSON.parse(JSON.stringify(Schema.encodeSync(Clock.Clock)(clock)))
    expect(Schema.decodeUnknownSync(Clock.Clock)(json)).toEqual(clock)
  })

  it("refuses a clock whose promised limit exceeds the statutory one, or whose open pause is not the last", () => {
    const decode = Schema.decodeUnknownResult(Clock.Clock)
    expect(Result.isFailure(decode({ ...licence, promisedLimit: 30 }))).toBe(true)
    expect(
      Result.isFailure(
        decode({
          ...licence,
          pauses: [
            { pausedOn: "2026-10-12", reason: "a" },
            { pausedOn: "2026-10-13", resumedOn: "2026-10-14", reason: "b" },
          ],
        }),
      ),
    ).toBe(true)
  })
})
