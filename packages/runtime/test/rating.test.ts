/**
 * Service ratings (好差评) on the in-memory runtime: a rating opened from the case (never from the
 * caller), given once by the applicant, the negative taken through verification, rectification
 * by deadline and callback with its timers, the rater hidden from the unit, the default rating
 * fired by the scheduler and never counted, the five rates and their rebuild from zero, and the
 * early warnings.
 */
import { type Actor, CalendarDate, type Rating } from "@yiciban/core"
import { Effect } from "effect"
import { describe, expect, it } from "vitest"
import { Aggregates, CommandHandler, createYiciban, Ratings, RuntimeStore } from "../src/index.ts"
import { approver, clerk, matterCode, restaurant } from "./fixtures.ts"
import { onDay, publishMatter, submitCase, successOf } from "./support.ts"

const supervisor = { id: "sup-hn", roles: ["supervisor"], region: "430100" } as const
const reviewer = { ...clerk, id: "reviewer-03", roles: ["reviewer"] } as const

const setup = async () => {
  const storage = RuntimeStore.makeMemoryStorage()
  successOf(await onDay(storage, "2026-09-01", publishMatter()))
  for (const caseNo of ["R-1", "R-2", "R-3"]) {
    successOf(await onDay(storage, "2026-09-24", submitCase(caseNo)))
    const act = (command: never, actor: typeof clerk = clerk) =>
      CommandHandler.handle(Aggregates.application, caseNo, command, actor)
    successOf(await onDay(storage, "2026-09-24", act({ _tag: "AcceptApplication", caseNo } as never)))
    if (caseNo === "R-3") continue // R-3 stays open
    successOf(await onDay(storage, "2026-09-25", act({ _tag: "GrantApplication", caseNo } as never, approver)))
    successOf(
      await onDay(
        storage,
        "2026-09-28",
        act({ _tag: "IssueCertificate", caseNo, certificateNo: `JY1430102000000${caseNo.slice(2)}` } as never),
      ),
    )
  }
  let now = Date.parse("2026-09-29T01:30:00.000Z")
  const yiciban = await createYiciban({ store: RuntimeStore.memory(storage), now: () => now })
  const setDay = (day: string) => {
    now = Date.parse(`${day}T01:30:00.000Z`)
  }
  return { storage, yiciban, setDay }
}

const rejects = async (promise: Promise<unknown>) => {
  try {
    await promise
  } catch (error) {
    return error as { readonly _tag: string; readonly rejection?: { readonly _tag: string } }
  }
  throw new Error("expected a rejection")
}

describe("service ratings", () => {
  it("a negative rating goes verify → rectify by deadline → callback → closed, on time, the rater hidden from the unit", async () => {
    const { storage, yiciban, setDay } = await setup()
    // the case and the rater are read from the case; a matter the clerk's authority does not
    // implement is refused, and so is a case that does not exist
    const wrong = await rejects(
      yiciban.rating.execute({ _tag: "OpenRating", ratingId: "R-1.online", matterCode: "OTHER" }, clerk),
    )
    expect(wrong._tag).toBe("NotPermitted")
    const none = await rejects(
      yiciban.rating.execute({ _tag: "OpenRating", ratingId: "R-9.online", matterCode }, clerk),
    )
    expect(none.rejection?._tag).toBe("NotRateable")
    const opened = await yiciban.rating.execute({ _tag: "OpenRating", ratingId: "R-1.online", matterCode }, clerk)
    expect(opened.state.rater).toBeNull() // the clerk does not see who rates
    expect(opened.state.ratedCase).toMatchObject({ caseNo: "R-1", concludedOn: "2026-09-28" })
    // only the case's applicant rates
    expect(
      (
        await rejects(
          yiciban.rating.execute(
            { _tag: "GiveRating", ratingId: "R-1.online", level: 5, channel: "mobile" },
            {
              id: "x",
              roles: ["applicant"],
              subjects: [{ code: "91430100MA4L16JQ9D", relation: "legalRepresentative" }],
            },
          ),
        )
      )._tag,
    ).toBe("NotPermitted")
    const given = await yiciban.rating.execute(
      { _tag: "GiveRating", ratingId: "R-1.online", level: 5, channel: "mobile", text: "排队太久", tags: ["等候"] },
      restaurant,
    )
    expect(given.state.rater?.name).toBe("长沙市芙蓉区湘味小厨餐饮店") // the rater sees itself
    expect(given.state.phase).toBe("reported")
    // nobody alters a rating
    const again = await rejects(
      yiciban.rating.execute({ _tag: "GiveRating", ratingId: "R-1.online", level: 1, channel: "pc" }, restaurant),
    )
    expect(again.rejection?._tag).toBe("NotInPhase")
    // the unit cannot read the rating's stream (who rated), the rater and the supervisor can
    expect((await rejects(yiciban.rating.load("R-1.online", clerk)))._tag).toBe("NotPermitted")
    expect((await yiciban.rating.load("R-1.online", restaurant)).state.rater).not.toBeNull()
    expect((await yiciban.rating.load("R-1.online", supervisor)).state.given?.level).toBe(5)
    // the unit sees the rating through its own query, with no rater
    const unit = await yiciban.rating.unitRatings(clerk)
    expect(unit).toHaveLength(1)
    expect(JSON.stringify(unit)).not.toContain("湘味")
    expect(unit[0]).toMatchObject({ ratingId: "R-1.online", level: 5, text: "排队太久", handleBy: "2026-10-26" })
    // timers: due on the closing day and after it
    expect((await yiciban.timers(supervisor, "rating-R-1.online")).map((t) => t.id)).toEqual([
      "rating-R-1.online/handle/due/2026-10-26",
      "rating-R-1.online/handle/overdue/2026-10-26",
    ])
    setDay("2026-09-30")
    await yiciban.rating.execute({ _tag: "VerifyNegative", ratingId: "R-1.online", findings: "窗口人手不足" }, reviewer)
    const ordered = await yiciban.rating.execute(
      { _tag: "RectifyByDeadline", ratingId: "R-1.online", measures: "增开窗口" },
      reviewer,
    )
    expect(ordered.state.negative?.handling).toMatchObject({ rectifyBy: "2026-10-15" })
    setDay("2026-10-12")
    await yiciban.rating.execute({ _tag: "CompleteRectification", ratingId: "R-1.online", outcome: "已增开" }, reviewer)
    const closed = await yiciban.rating.execute(
      { _tag: "RecordCallback", ratingId: "R-1.online", reached: true, satisfied: true, notes: "" },
      reviewer,
    )
    expect(closed.state.phase).toBe("closed")
    expect((await yiciban.timers(supervisor, "rating-R-1.online")).filter((t) => t.status === "pending")).toEqual([])
    // applicants read no report; the unit reads its own five rates
    expect((await rejects(yiciban.rating.fiveRates(restaurant)))._tag).toBe("NotPermitted")
    const rates = await yiciban.rating.fiveRates(clerk)
    expect(rates).toEqual([
      expect.objectContaining({
        authority: "11430100MB1A38544B",
        period: "2026-09",
        coverage: { numerator: 1, denominator: 1, rate: 1 },
        actualRating: { numerator: 1, denominator: 2, rate: 0.5 },
        negativeHandling: { numerator: 1, denominator: 1, rate: 1 },
        dataQuality: { numerator: 1, denominator: 1, rate: 1 },
        resultUsage: { numerator: 1, denominator: 1, rate: 1 },
      }),
    ])
    expect(await yiciban.rating.fiveRatesCsv(clerk)).toContain(
      "11430100MB1A38544B,430100,2026-09,1,1,1.0000,1,2,0.5000",
    )
    // rebuilt from zero: the same numbers
    expect(await yiciban.rating.rebuild()).toBe(storage.events.events.length)
    expect(await yiciban.rating.fiveRates(supervisor)).toEqual(rates)
    expect(await yiciban.rating.fiveRates({ ...supervisor, region: "440300" })).toEqual([])
    // a restarted process, or a second node on the same store, reads the same numbers: the
    // in-memory model is built from the first event, not from where another process got to
    const second = await createYiciban({
      store: RuntimeStore.memory(storage),
      now: () => Date.parse("2026-10-09T01:30:00.000Z"),
    })
    expect(await second.rating.fiveRates(clerk)).toEqual(rates)
    await second.close()
    await yiciban.close()
  })

  it("a default rating after no answer is recorded by the timer and never counted; an upheld appeal excludes a negative", async () => {
    const { yiciban, setDay } = await setup()
    await yiciban.rating.execute({ _tag: "OpenRating", ratingId: "R-2.visit-1", matterCode }, clerk)
    await yiciban.rating.execute({ _tag: "OpenRating", ratingId: "R-1.online", matterCode }, clerk)
    await yiciban.rating.execute({ _tag: "GiveRating", ratingId: "R-1.online", level: 4, channel: "pc" }, restaurant)
    // an online rating of an open case is refused
    const open = await rejects(
      yiciban.rating.execute({ _tag: "OpenRating", ratingId: "R-3.online", matterCode }, clerk),
    )
    expect(open.rejection?._tag).toBe("NotRateable")
    setDay("2026-10-12") // 5 working days after 29 Sep, across the National Day holiday: 12 Oct; due the day after
    expect((await yiciban.runDueTimers()).filter((f) => f.timer.id.includes("default"))).toEqual([])
    setDay("2026-10-13")
    const fired = await yiciban.runDueTimers()
    expect(fired.map((f) => f.timer.id)).toContain("rating-R-2.visit-1/default/2026-10-12")
    const defaulted = await yiciban.rating.load("R-2.visit-1", supervisor)
    expect(defaulted.state.given).toMatchObject({ level: 3, default: true, channel: null })
    // appeal upheld: excluded from the rates, still on record
    await yiciban.rating.execute(
      { _tag: "AppealRating", ratingId: "R-1.online", ground: "malicious", reasons: "与办件无关" },
      approver,
    )
    const decided = await yiciban.rating.execute(
      { _tag: "DecideAppeal", ratingId: "R-1.online", upheld: true, reasons: "经复核属实" },
      supervisor,
    )
    expect((decided.state as Rating.State).phase).toBe("excluded")
    const [row] = await yiciban.rating.fiveRates(supervisor)
    expect(row).toMatchObject({ actualRating: { numerator: 0, denominator: 2 }, negativeHandling: { denominator: 0 } })
    await yiciban.close()
  })

  it("warns of overdue and nearly overdue cases and of repeated negatives", async () => {
    const { yiciban } = await setup()
    for (const caseNo of ["R-1", "R-2"]) {
      for (const visit of [1, 2]) {
        const ratingId = `${caseNo}.visit-${visit}`
        await yiciban.rating.execute({ _tag: "OpenRating", ratingId, matterCode }, clerk)
        await yiciban.rating.execute({ _tag: "GiveRating", ratingId, level: 5, channel: "hallTablet" }, restaurant)
      }
    }
    // R-3 accepted 24 Sep, promised in 10 working days: 15 Oct
    const nearly = await yiciban.rating.warnings("2026-10-14", supervisor)
    expect(nearly).toContainEqual(
      expect.objectContaining({ _tag: "NearlyOverdue", caseNo: "R-3", dueOn: "2026-10-15" }),
    )
    expect(nearly).toContainEqual(expect.objectContaining({ _tag: "RepeatedNegatives", on: "unit", negatives: 4 }))
    expect(nearly).toContainEqual(expect.objectContaining({ _tag: "RepeatedNegatives", on: "matter", matterCode }))
    const late = await yiciban.rating.warnings("2026-10-16", clerk)
    expect(late).toContainEqual(expect.objectContaining({ _tag: "Overdue", caseNo: "R-3" }))
    expect(
      await yiciban.rating.warnings("2026-10-16", { ...clerk, authority: "11430102MB1A4029XP", region: "430102" }),
    ).toEqual([])
    await yiciban.close()
  })
})

describe("false-commitment warnings", () => {
  it("are counted by subject and by matter, a person's identity number masked for readers without identity roles", async () => {
    const model = new Ratings.RatingsModel()
    const person = "430102199003077716"
    model.falseCommitments.push(
      ["11430100MB1A38544B", "430100", person, "M-1"],
      ["11430100MB1A38544B", "430100", person, "M-2"],
      ["11430100MB1A38544B", "430100", "91430102MA4L0P1T5J", "M-1"],
    )
    const read = (actor: Actor.Actor) => Effect.runSync(Ratings.warnings(model, actor, CalendarDate.make("2026-10-01")))
    const byClerk = read(clerk)
    expect(byClerk).toContainEqual(
      expect.objectContaining({ _tag: "FalseCommitments", by: "subject", key: person, count: 2 }),
    )
    expect(byClerk).toContainEqual(
      expect.objectContaining({ _tag: "FalseCommitments", by: "matter", key: "M-1", count: 2 }),
    )
    const bySupervisor = read(supervisor as unknown as Actor.Actor)
    expect(JSON.stringify(bySupervisor)).not.toContain(person)
    expect(bySupervisor).toContainEqual(expect.objectContaining({ by: "subject", key: "430102********7716", count: 2 }))
  })
})
