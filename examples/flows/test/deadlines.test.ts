import { CalendarDate, WorkCalendar } from "@yiciban/core"
import { Result } from "effect"
import { describe, expect, it } from "vitest"
import {
  acceptedBeforeTheNotice,
  correctionNoticeDue,
  describeDay,
  expertReviewThenExtension,
  licenceAcceptedBeforeNationalDay,
  loadCustomCalendar,
} from "../src/deadlines.ts"

const ok = <A>(result: Result.Result<A, unknown>): A => {
  if (Result.isFailure(result)) throw new Error(`expected a success, got ${JSON.stringify(result.failure)}`)
  return result.success
}

describe("the demo's deadlines", () => {
  it("a licence accepted on 24 September 2026 is promised for 15 October and due by law on 29 October", () => {
    const licence = ok(licenceAcceptedBeforeNationalDay())
    expect(licence.promisedDue).toBe("2026-10-15")
    expect(licence.statutoryDue).toBe("2026-10-29")
    expect(licence.onMonday12October).toBe("yellow")
  })

  it("a correction notice for an application received on 12 February 2026 is due on 26 February", () => {
    expect(correctionNoticeDue(CalendarDate.make("2026-02-12"))).toEqual(Result.succeed("2026-02-26"))
  })

  it("an expert review from 12 to 19 October and a 10-day extension move the dates to 22 October and 19 November", () => {
    const review = ok(expertReviewThenExtension())
    expect(review.whilePaused).toBeUndefined()
    expect(review.pausedDays).toBe(5)
    expect(review.promisedDue).toBe("2026-10-22")
    expect(review.statutoryDue).toBe("2026-11-19")
  })

  it("a licence accepted on 20 December 2026 is due provisionally on 1 February 2027, officially on 31 January", () => {
    // an illustrative 2027 notice (the real one is not published yet) with make-up Sunday 31 January
    const statutory = [
      "2027-01-01",
      "2027-02-05",
      "2027-02-06",
      "2027-02-07",
      "2027-02-08",
      "2027-04-05",
      "2027-05-01",
      "2027-05-02",
      "2027-06-09",
      "2027-09-15",
      "2027-10-01",
      "2027-10-02",
      "2027-10-03",
    ]
    const notice = {
      year: 2027,
      notice: "国办发明电〔2026〕N号",
      holidays: statutory,
      makeUpWorkingDays: ["2027-01-31"],
    }
    expect(ok(acceptedBeforeTheNotice(JSON.stringify(notice)))).toEqual({
      provisionalDue: "2027-02-01",
      provisional: true,
      officialDue: "2027-01-31",
      stillProvisional: false,
    })
    const wrong = acceptedBeforeTheNotice(JSON.stringify({ ...notice, holidays: statutory.slice(1) }))
    expect(Result.isFailure(wrong) && wrong.failure).toMatchObject({ _tag: "InvalidNotice" })
  })

  it("loads a deployment's own calendar, or says what is wrong with it", () => {
    const own = JSON.stringify({
      years: { "2027": { holidays: ["2027-01-01"], makeUpWorkdays: [], source: "illustrative" } },
    })
    const merged = ok(loadCustomCalendar(own))
    expect(WorkCalendar.coveredYears(merged)).toContain(2027)
    const wrong = loadCustomCalendar(own.replace('"makeUpWorkdays":[]', '"makeUpWorkdays":["2027-01-04"]'))
    expect(Result.isFailure(wrong) && wrong.failure.message).toContain(
      "make-up working day 2027-01-04 is a Monday, not a weekend day",
    )
  })

  it("prints dates with their weekday and kind", () => {
    expect(describeDay(CalendarDate.make("2026-10-10"))).toBe("Sat 2026-10-10, make-up working day")
    expect(describeDay(CalendarDate.make("2026-10-01"))).toBe("Thu 2026-10-01, holiday")
    expect(describeDay(CalendarDate.make("2026-10-09"))).toBe("Fri 2026-10-09")
  })
})
