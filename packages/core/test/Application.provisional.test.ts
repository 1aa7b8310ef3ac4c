/**
 * Cases across the 2026→2027 boundary, before the State Council's 2027 notice is loaded: the
 * acceptance is never refused for want of a calendar, and every date counted through 2027 is
 * marked provisional — in the event, in the state and in the clock view — until the notice is
 * loaded, when the dates are counted officially.
 */
import { fc, test } from "@fast-check/vitest"
import { Result } from "effect"
import { describe, expect, it } from "vitest"
import { Application, CalendarDate, HolidayNotice, WorkCalendar } from "../src/index.ts"
import { allMaterials, as, caseNo, date, enterprise, foodLicence, play, type Step } from "./arbitraries/application.ts"
import { notice2027 } from "./arbitraries/calendar.ts"

const terms = { ...foodLicence, promisedLimitWorkingDays: 20, statutoryLimitWorkingDays: 30 }
const submit = (day: string, matter = terms): Step => [
  { _tag: "SubmitApplication", caseNo, applicant: enterprise, matter, materials: allMaterials },
  as("windowClerk", day),
]
const accept = (day: string): Step => [{ _tag: "AcceptApplication", caseNo }, as("windowClerk", day)]
const official2027 = HolidayNotice.apply(
  WorkCalendar.chinaMainland,
  Result.getOrThrow(HolidayNotice.decode(notice2027)),
)
const view = (state: Application.State, on: string, calendar = WorkCalendar.chinaMainland) => {
  const result = Application.clockView(state, date(on), calendar)
  if (Result.isFailure(result) || result.success === undefined) throw new Error(`no clock view on ${on}`)
  return result.success
}

describe("accepted on Sunday 20 December 2026 with 20 promised and 30 statutory working days", () => {
  // Working days after 20 Dec: 21–25 Dec (1–5), 28–31 Dec (6–9); 2027 provisionally: 1 Jan 元旦,
  // 4–8 Jan (10–14), 11–15 Jan (15–19), Mon 18 Jan (20); 19–22 Jan (21–24), 25–29 Jan (25–29),
  // Mon 1 Feb (30).
  const { events, state } = play([submit("2026-12-18"), accept("2026-12-20")])

  it("is accepted, with provisional due dates in 2027 recorded as such", () => {
    expect(events.at(-1)).toMatchObject({
      _tag: "ApplicationAccepted",
      promisedDueOn: "2027-01-18",
      statutoryDueOn: "2027-02-01",
      provisional: true,
    })
    expect(state.acceptance).toMatchObject({ promisedDueOn: "2027-01-18", provisional: true })
    expect(view(state, "2026-12-21")).toMatchObject({ promisedDueOn: "2027-01-18", provisional: true })
  })

  it("is refused with CalendarNotCovered by a calendar that keeps only the announced years", () => {
    const strict = Application.makeDecider({ calendar: WorkCalendar.officialYears(WorkCalendar.chinaMainland) })
    const submitted = play([submit("2026-12-18")], strict)
    const outcome = strict.decide(accept("2026-12-20")[0], submitted.state, accept("2026-12-20")[1])
    expect(Result.isFailure(outcome) && outcome.failure).toMatchObject({
      _tag: "CalendarNotCovered",
      date: "2027-01-01",
    })
  })

  it("once the 2027 notice is loaded, the clock counts officially: make-up Sunday 31 January brings the statutory date forward", () => {
    expect(view(state, "2026-12-21", official2027)).toMatchObject({
      promisedDueOn: "2027-01-18",
      statutoryDueOn: "2027-01-31",
      provisional: false,
    })
    // what the acceptance recorded stays what was counted that day, marked provisional
    expect(state.acceptance).toMatchObject({ statutoryDueOn: "2027-02-01", provisional: true })
  })
})

describe("accepted early enough to end in 2026", () => {
  it("records no provisional mark", () => {
    // 20 working days after Mon 2 Nov 2026: 30 Nov; 30: 14 Dec
    const { events, state } = play([submit("2026-11-02"), accept("2026-11-02")])
    expect(events.at(-1)).toMatchObject({ promisedDueOn: "2026-11-30", statutoryDueOn: "2026-12-14" })
    expect(events.at(-1)).not.toHaveProperty("provisional")
    expect(view(state, "2026-11-03").provisional).toBe(false)
    // asked about a day in 2027 the view depends on 2027 again
    expect(view(state, "2027-01-04").provisional).toBe(true)
  })
})

describe("the acceptance's provisional mark", () => {
  const day = fc
    .integer({ min: CalendarDate.toEpochDay(date("2026-09-01")), max: CalendarDate.toEpochDay(date("2027-03-31")) })
    .map(CalendarDate.fromEpochDay)
  const limits = fc
    .record({ promised: fc.integer({ min: 5, max: 30 }), extra: fc.integer({ min: 0, max: 40 }) })
    .map(({ promised, extra }) => ({
      ...foodLicence,
      promisedLimitWorkingDays: promised,
      statutoryLimitWorkingDays: promised + extra,
    }))

  test.prop([day, limits], { numRuns: 300 })(
    "is set exactly when a day from the acceptance to the statutory date lies in a provisional year",
    (on, matter) => {
      const { events } = play([submit(on, matter), accept(on)])
      const accepted = events.at(-1) as Application.ApplicationAccepted
      const touches2027 = accepted.statutoryDueOn >= "2027-01-01" || accepted.acceptedOn >= "2027-01-01"
      expect(accepted.provisional === true).toBe(touches2027)
    },
  )
})
