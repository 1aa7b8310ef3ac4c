/**
 * The calendar across the 2026→2027 boundary, before and after the State Council's 2027 notice:
 * cases submitted or accepted around New Year get provisional timers (never none), loading the
 * notice moves every timer whose deadline changed (`Replan`), the scheduler fires on the official
 * date, and the SQL store keeps the provisional mark and guards the replacement with the stream's
 * version.
 */
import { fc, test } from "@fast-check/vitest"
import { HolidayNotice, WorkCalendar } from "@yiciban/core"
import { Effect, Result } from "effect"
import { describe, expect, it } from "vitest"
import { Aggregates, CommandHandler, Loader, Replan, RuntimeStore, Scheduler } from "../src/index.ts"
import { allMaterials, applicant, matterCode, restaurant } from "./fixtures.ts"
import { accept, longer, longerCode, makeHost, notice2027, pending, submit } from "./replanFixtures.ts"
import { onDay, publishMatter, publishOther, successOf } from "./support.ts"

describe("across New Year 2027, before the 2027 notice", () => {
  const storage = RuntimeStore.makeMemoryStorage()
  const host = makeHost()

  it("submitted Monday 28 December 2026: a provisional deemed-acceptance timer in January 2027", async () => {
    successOf(await onDay(storage, "2026-09-01", Effect.andThen(publishMatter(), publishOther(longerCode, longer))))
    successOf(await onDay(storage, "2026-12-28", submit(host, "R-1")))
    // 29, 30, 31 December, then 1 January (元旦, provisional), 4 and 5 January
    expect(pending(storage, "application-R-1")).toEqual([
      ["DeemAccepted/2027-01-05/provisional", "2027-01-05T16:00:00.000Z", true],
    ])
    expect(storage.timers.get("application-R-1/DeemAccepted/2027-01-05/provisional")?.notice).toContain("provisional")
  })

  it("accepted Sunday 20 December 2026 with 20 promised working days: provisional due dates in 2027", async () => {
    successOf(await onDay(storage, "2026-12-18", submit(host, "R-2", longerCode)))
    const accepted = successOf(await onDay(storage, "2026-12-20", accept(host, "R-2")))
    expect(accepted.events[0]).toMatchObject({
      promisedDueOn: "2027-01-18",
      statutoryDueOn: "2027-02-01",
      provisional: true,
    })
    // 21–25, 28–31 Dec (9), 4–8 Jan (14), 11–15 Jan (19), 18 Jan (20); 30th: 1 February
    expect(pending(storage, "application-R-2")).toEqual([
      ["warning/overdue/2027-02-01/provisional", "2027-02-01T16:00:00.000Z", true],
      ["warning/red/2027-01-18/provisional", "2027-01-18T16:00:00.000Z", true],
      ["warning/yellow/2027-01-18/provisional", "2027-01-13T16:00:00.000Z", true],
    ])
  })

  it("submitted Tuesday 5 January 2027: the deemed-acceptance timer exists", async () => {
    successOf(await onDay(storage, "2027-01-05", submit(host, "R-3")))
    expect(pending(storage, "application-R-3")).toEqual([
      ["DeemAccepted/2027-01-12/provisional", "2027-01-12T16:00:00.000Z", true],
    ])
  })

  it("loading the notice moves the deadlines it changes, takes the mark off the others, and fires on the official date", async () => {
    successOf(await onDay(storage, "2027-01-28", submit(host, "R-4")))
    // provisionally: 29 January, 1–4 February
    expect(pending(storage, "application-R-4")).toEqual([
      ["DeemAccepted/2027-02-04/provisional", "2027-02-04T16:00:00.000Z", true],
    ])
    // #region replan
    host.load(notice2027)
    // every open timer whose deadline moved is replaced; the report says which
    const report = successOf(await onDay(storage, "2027-01-28", Replan.replan({ aggregates: host.aggregates })))
    // #endregion replan
    expect(report.examined).toBe(4)
    const moved = Object.fromEntries(
      report.replanned.map((r) => [r.stream, [r.removed.map((t) => t.id), r.added.map((t) => t.id)]]),
    )
    expect(moved).toEqual({
      "application-R-1": [
        ["application-R-1/DeemAccepted/2027-01-05/provisional"],
        ["application-R-1/DeemAccepted/2027-01-05"],
      ],
      "application-R-2": [
        [
          "application-R-2/warning/yellow/2027-01-18/provisional",
          "application-R-2/warning/red/2027-01-18/provisional",
          "application-R-2/warning/overdue/2027-02-01/provisional",
        ],
        [
          "application-R-2/warning/yellow/2027-01-18",
          "application-R-2/warning/red/2027-01-18",
          // make-up Sunday 31 January is the 30th working day
          "application-R-2/warning/overdue/2027-01-31",
        ],
      ],
      "application-R-3": [
        ["application-R-3/DeemAccepted/2027-01-12/provisional"],
        ["application-R-3/DeemAccepted/2027-01-12"],
      ],
      // 29 January, make-up Sunday 31 January, 1, 2, 3 February: a day earlier
      "application-R-4": [
        ["application-R-4/DeemAccepted/2027-02-04/provisional"],
        ["application-R-4/DeemAccepted/2027-02-03"],
      ],
    })
    expect(pending(storage, "application-R-4")).toEqual([
      ["DeemAccepted/2027-02-03", "2027-02-03T16:00:00.000Z", false],
    ])
    // the table is what the state says on the new calendar, and a second run changes nothing
    for (const id of ["R-1", "R-2", "R-3", "R-4"]) {
      const state = successOf(await onDay(storage, "2027-01-28", Loader.load(host.application, id))).state
      expect(pending(storage, `application-${id}`).map(([key]) => key)).toEqual(
        host.application.timers!(state, id)
          .map((t) => t.key)
          .sort(),
      )
    }
    const again = successOf(await onDay(storage, "2027-01-28", Replan.replan({ aggregates: host.aggregates })))
    expect(again).toEqual({ examined: 4, replanned: [] })
    // on 4 February the deemed acceptance of R-4 fires (it would not have under the provisional count)
    const fired = successOf(await onDay(storage, "2027-02-04", Scheduler.runDue({ aggregates: host.aggregates })))
    expect(fired.map((f) => [f.timer.id, f.outcome])).toContainEqual([
      "application-R-4/DeemAccepted/2027-02-03",
      "dispatched",
    ])
    expect(storage.events.streams.get("application-R-4")!.at(-1)!.data).toMatchObject({
      basis: "deemed",
      acceptedOn: "2027-01-28",
    })
  })
})

describe("a year the calendar does not cover at all", () => {
  it("gives a warning timer due at once, never no timer", async () => {
    const storage = RuntimeStore.makeMemoryStorage()
    const official = WorkCalendar.officialYears(WorkCalendar.chinaMainland)
    const strict = Aggregates.makeApplication({ calendar: official })
    successOf(await onDay(storage, "2026-09-01", publishMatter()))
    successOf(
      await onDay(
        storage,
        "2026-12-28",
        CommandHandler.handle(
          strict,
          "G-1",
          {
            _tag: "SubmitApplication",
            caseNo: "G-1",
            applicant,
            matterCode,
            materials: allMaterials,
          },
          restaurant,
        ),
      ),
    )
    expect(pending(storage, "application-G-1")).toEqual([
      ["calendar/not-covered/DeemAccepted/2027", "2026-12-27T16:00:00.000Z", false],
    ])
    const fired = successOf(
      await onDay(storage, "2026-12-28", Scheduler.runDue({ aggregates: [strict, Aggregates.matter] })),
    )
    expect(fired.map((f) => [f.outcome, f.timer.notice])).toEqual([
      [
        "noticed",
        expect.stringContaining(
          "the working-day calendar has no data for 2027 (needed for 2027-01-01); it covers 2020–2026; load the working-day calendar for 2027",
        ),
      ],
    ])
  })
})

describe("Replan, as a property", () => {
  const day = (from: string, span: number) =>
    fc
      .integer({ min: 0, max: span })
      .map((k) => new Date(Date.parse(`${from}T00:00:00Z`) + k * 86_400_000).toISOString().slice(0, 10))
  const someCase = fc.record({
    submittedOn: day("2026-12-14", 60),
    acceptAfter: fc.option(fc.integer({ min: 0, max: 6 })),
  })
  // a notice: the statutory days, some bridging weekdays in January–February and some make-up weekend days
  const someNotice = fc
    .record({
      extra: fc.uniqueArray(day("2027-01-04", 50), { maxLength: 4 }),
      worked: fc.uniqueArray(day("2027-01-02", 60), { maxLength: 4 }),
    })
    .map(({ extra, worked }) => {
      const statutory = [...notice2027.holidays.filter((d) => d >= "2027-02-05" && d <= "2027-02-08"), "2027-01-01"]
      const rest = [...new Set([...notice2027.holidays.filter((d) => d > "2027-03-01"), ...statutory, ...extra])]
      const weekend = (d: string) => [0, 6].includes(new Date(`${d}T00:00:00Z`).getUTCDay())
      return Result.getOrThrow(
        HolidayNotice.decode({
          year: 2027,
          notice: "generated",
          holidays: rest,
          makeUpWorkingDays: worked.filter((d) => weekend(d) && !rest.includes(d)),
        }),
      )
    })

  test.prop([fc.array(someCase, { minLength: 1, maxLength: 4 }), someNotice], { numRuns: 25 })(
    "after the notice every stream's pending timers are exactly what its state gives on the new calendar, and a second run changes nothing",
    async (cases, notice) => {
      const storage = RuntimeStore.makeMemoryStorage()
      const host = makeHost()
      successOf(await onDay(storage, "2026-09-01", publishMatter()))
      for (const [index, c] of cases.entries()) {
        const caseNo = `P-${index}`
        successOf(await onDay(storage, c.submittedOn, submit(host, caseNo)))
        if (c.acceptAfter !== null) {
          const on = new Date(Date.parse(`${c.submittedOn}T00:00:00Z`) + c.acceptAfter * 86_400_000)
            .toISOString()
            .slice(0, 10)
          successOf(await onDay(storage, on, accept(host, caseNo)))
        }
      }
      host.load(notice)
      const report = successOf(await onDay(storage, "2027-03-01", Replan.replan({ aggregates: host.aggregates })))
      for (const index of cases.keys()) {
        const id = `P-${index}`
        const state = successOf(await onDay(storage, "2027-03-01", Loader.load(host.application, id))).state
        const expected = host.application.timers!(state, id).map((t) => [
          t.key,
          new Date(t.dueAt).toISOString(),
          t.provisional === true,
        ])
        expect(pending(storage, `application-${id}`)).toEqual(expected.sort())
        expect(expected.every(([key]) => !String(key).endsWith("/provisional"))).toBe(true)
      }
      expect(report.examined).toBe(cases.length)
      const again = successOf(await onDay(storage, "2027-03-01", Replan.replan({ aggregates: host.aggregates })))
      expect(again.replanned).toEqual([])
    },
  )
})
