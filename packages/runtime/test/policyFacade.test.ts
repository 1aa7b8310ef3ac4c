/**
 * Policies and redemption through the Promise facade: commands and reads authorized as the other
 * aggregates', the library search and "eligible for" (from shared data, never from the caller),
 * the budget read only by the ledger's readers, and 免申即享 as the runtime's own run.
 */
import { describe, expect, it } from "vitest"
import { createYiciban, RuntimeStore, SharedData, type Yiciban } from "../src/index.ts"
import {
  financeReviewer,
  hrApprover,
  hrClerk,
  loanInterest,
  policyAdmin,
  representative,
  restaurantCode,
  sharedRecords,
  snackCode,
  stableJobs,
  tourismVouchers,
} from "./policyFixtures.ts"

const at = (day: string) => Date.parse(`${day}T01:30:00.000Z`)

const open = async () => {
  let now = at("2026-08-25")
  const yiciban = await createYiciban({
    store: RuntimeStore.memory(RuntimeStore.makeMemoryStorage()),
    now: () => now,
    sharedData: SharedData.makeMemory(sharedRecords(), "湖南省数据共享交换平台"),
  })
  for (const [policyId, terms] of [
    ["HN-2026-WG-01", stableJobs],
    ["HN-2026-TX-01", loanInterest],
    ["SZ-2026-WL-01", tourismVouchers],
  ] as const) {
    const admin =
      terms === tourismVouchers
        ? { ...policyAdmin, authority: terms.authority.creditCode, region: "440300" }
        : policyAdmin
    await yiciban.policy.execute({ _tag: "DraftPolicy", policyId, terms: encode(terms) }, admin as Yiciban.ActorInput)
    await yiciban.policy.execute({ _tag: "PublishPolicy", policyId }, admin as Yiciban.ActorInput)
  }
  return {
    yiciban,
    setDay: (day: string) => {
      now = at(day)
    },
  }
}

/** Terms as plain data (what JSON gives). */
const encode = (terms: typeof stableJobs) => JSON.parse(JSON.stringify(terms))

const restaurantRep = representative(restaurantCode) as Yiciban.ActorInput
const about = { policyId: "HN-2026-TX-01", subjectCode: restaurantCode }

describe("policies on the facade", () => {
  it("searches the library in Chinese with filters and paging; any bad field is refused and nothing read", async () => {
    const { yiciban } = await open()
    const found = await yiciban.policy.search({ text: "小微企业" }, restaurantRep)
    expect(found.items.map((item) => item.entry.policyId).sort()).toEqual(["HN-2026-TX-01", "HN-2026-WG-01"])
    const inChangsha = await yiciban.policy.search({ division: "430102", limit: 1, offset: 1 }, restaurantRep)
    expect([inChangsha.total, inChangsha.items.length]).toEqual([2, 1])
    const tourism = await yiciban.policy.search({ industry: "L7271", openOn: "2026-10-02" }, restaurantRep)
    // 稳岗补贴 names no industry: it is for every one
    expect(tourism.items.map((item) => item.entry.policyId).sort()).toEqual(["HN-2026-WG-01", "SZ-2026-WL-01"])
    await expect(yiciban.policy.search({ text: "餐饮", region: "43" } as never, restaurantRep)).rejects.toMatchObject({
      _tag: "InvalidCommand",
    })
    await expect(yiciban.policy.search({ limit: 1000 }, restaurantRep)).rejects.toMatchObject({
      _tag: "InvalidCommand",
    })
    await expect(yiciban.policy.search({}, { id: "x", roles: ["system"] } as never)).rejects.toMatchObject({
      _tag: "InvalidActor",
    })
    await yiciban.close()
  })

  it("eligibleFor judges the subject's facts from shared data, and only the subject (or its agent) asks", async () => {
    const { yiciban } = await open()
    const eligible = await yiciban.policy.eligibleFor(restaurantCode, "2026-09-24", restaurantRep)
    expect(eligible.map((entry) => entry.policyId).sort()).toEqual(["HN-2026-TX-01", "HN-2026-WG-01"])
    await expect(
      yiciban.policy.eligibleFor(restaurantCode, "2026-09-24", representative(snackCode) as Yiciban.ActorInput),
    ).rejects.toMatchObject({ _tag: "NotPermitted" })
    await expect(yiciban.policy.eligibleFor(restaurantCode, "24/09/2026", restaurantRep)).rejects.toMatchObject({
      _tag: "InvalidCommand",
    })
    const unknown = "91430105MA4L9ZZZ9Z"
    await expect(
      yiciban.policy.eligibleFor(unknown, "2026-09-24", representative(unknown) as Yiciban.ActorInput),
    ).rejects.toMatchObject({ _tag: "NotFound" })
    await yiciban.close()
  })

  it("redeems through the facade; the budget is read by the ledger's readers only, before and after the first award", async () => {
    const { yiciban, setDay } = await open()
    expect(await yiciban.redemption.budgetOf("HN-2026-TX-01", hrApprover as Yiciban.ActorInput)).toMatchObject({
      budgetFen: 3_000_000,
      remainingFen: 3_000_000,
    })
    await expect(yiciban.redemption.budgetOf("HN-2026-TX-01", restaurantRep)).rejects.toMatchObject({
      _tag: "NotPermitted",
    })
    await expect(yiciban.redemption.budgetOf("HN-2026-XX-99", hrApprover as Yiciban.ActorInput)).rejects.toMatchObject({
      _tag: "NotFound",
    })
    setDay("2026-09-24")
    await yiciban.redemption.execute(
      { _tag: "ApplyForRedemption", ...about, materials: ["M1"], baseFen: 3_000_000 },
      restaurantRep,
    )
    await yiciban.redemption.execute({ _tag: "AcceptRedemption", ...about }, hrClerk as Yiciban.ActorInput)
    await yiciban.redemption.execute(
      {
        _tag: "ReviewRedemption",
        ...about,
        department: loanInterest.jointReviewers[0]!.creditCode,
        agrees: true,
        reasons: "",
      },
      financeReviewer as Yiciban.ActorInput,
    )
    await expect(
      yiciban.redemption.execute({ _tag: "ApproveRedemption", ...about }, restaurantRep),
    ).rejects.toMatchObject({ _tag: "NotPermitted" })
    await yiciban.redemption.execute({ _tag: "ApproveRedemption", ...about }, hrApprover as Yiciban.ActorInput)
    const paid = await yiciban.redemption.execute(
      { _tag: "DisburseRedemption", ...about, reference: "GK-1" },
      hrApprover as Yiciban.ActorInput,
    )
    expect(paid.state.awards[restaurantCode]?.payee?.accountNo).toBe("6222000012340001")
    expect(await yiciban.redemption.awardOf("HN-2026-TX-01", restaurantCode, restaurantRep)).toMatchObject({
      status: "disbursed",
      amountFen: 1_500_000,
    })
    await expect(
      yiciban.redemption.awardOf("HN-2026-TX-01", restaurantCode, representative(snackCode) as Yiciban.ActorInput),
    ).rejects.toMatchObject({ _tag: "NotPermitted" })
    expect(await yiciban.redemption.budgetOf("HN-2026-TX-01", hrApprover as Yiciban.ActorInput)).toEqual({
      budgetFen: 3_000_000,
      committedFen: 1_500_000,
      disbursedFen: 1_500_000,
      repaidFen: 0,
      remainingFen: 1_500_000,
    })
    // the ledger as a whole is not the applicant's to read
    await expect(yiciban.redemption.load("HN-2026-TX-01", restaurantRep)).rejects.toMatchObject({
      _tag: "NotPermitted",
    })
    await yiciban.close()
  })

  it("a joint reviewer (联合审核) reads the ledger and the award it reviews, and acts on nothing but its review", async () => {
    const { yiciban, setDay } = await open()
    const finance = financeReviewer as Yiciban.ActorInput
    const otherFinance = { ...financeReviewer, id: "reviewer-sz", authority: "11440300007542391T", region: "440300" }
    setDay("2026-09-24")
    await yiciban.redemption.execute(
      { _tag: "ApplyForRedemption", ...about, materials: ["M1"], baseFen: 3_000_000 },
      restaurantRep,
    )
    await yiciban.redemption.execute({ _tag: "AcceptRedemption", ...about }, hrClerk as Yiciban.ActorInput)
    // what it is to review: the award, the ledger and the budget
    expect(await yiciban.redemption.awardOf("HN-2026-TX-01", restaurantCode, finance)).toMatchObject({
      status: "accepted",
    })
    expect((await yiciban.redemption.load("HN-2026-TX-01", finance)).state.awards[restaurantCode]).toBeDefined()
    expect(await yiciban.redemption.budgetOf("HN-2026-TX-01", finance)).toMatchObject({ budgetFen: 3_000_000 })
    // a policy it does not review, and another region's finance bureau: refused
    await expect(yiciban.redemption.budgetOf("HN-2026-WG-01", finance)).rejects.toMatchObject({ _tag: "NotPermitted" })
    await expect(
      yiciban.redemption.awardOf("HN-2026-TX-01", restaurantCode, otherFinance as Yiciban.ActorInput),
    ).rejects.toMatchObject({ _tag: "NotPermitted" })
    // reading is not acting: the approval stays the issuing authority's
    await expect(
      yiciban.redemption.execute({ _tag: "ApproveRedemption", ...about }, {
        ...financeReviewer,
        id: "approver-fin",
        roles: ["approver"],
      } as Yiciban.ActorInput),
    ).rejects.toMatchObject({ _tag: "NotPermitted" })
    await yiciban.close()
  })

  it("免申即享 runs as the runtime: offers once to each eligible subject, the subject confirms", async () => {
    const { yiciban, setDay } = await open()
    setDay("2026-09-24")
    const first = await yiciban.redemption.matchEntitlements("HN-2026-WG-01")
    expect(first.offered).toEqual([restaurantCode, snackCode])
    const again = await yiciban.redemption.matchEntitlements("HN-2026-WG-01")
    expect(again.offered).toEqual([])
    const confirmed = await yiciban.redemption.execute(
      { _tag: "ConfirmEntitlement", policyId: "HN-2026-WG-01", subjectCode: restaurantCode },
      restaurantRep,
    )
    expect(confirmed.state.awards[restaurantCode]?.status).toBe("approved")
    await yiciban.close()
  })
  it("a policy expires by its durable timer the day after its window closes; applications after it are refused with PolicyExpired", async () => {
    const { yiciban, setDay } = await open()
    const timers = await yiciban.timers(policyAdmin as Yiciban.ActorInput, "policy-HN-2026-TX-01")
    expect(timers.map((timer) => [timer.dueAt, timer.command?.command._tag])).toEqual([
      ["2026-12-31T16:00:00.000Z", "ExpirePolicy"],
    ])
    // the last day of the window: nothing due, applications taken
    setDay("2026-12-31")
    expect(await yiciban.runDueTimers()).toEqual([])
    await yiciban.redemption.execute(
      { _tag: "ApplyForRedemption", ...about, materials: ["M1"], baseFen: 100_000 },
      restaurantRep,
    )
    setDay("2027-01-01")
    const fired = await yiciban.runDueTimers()
    expect(
      fired
        .filter((fire) => fire.timer.stream.startsWith("policy-"))
        .map((fire) => `${fire.timer.stream} ${fire.outcome}`)
        .sort(),
    ).toEqual(["policy-HN-2026-TX-01 dispatched", "policy-HN-2026-WG-01 dispatched"])
    expect((await yiciban.policy.load("HN-2026-TX-01", restaurantRep)).state.phase).toBe("expired")
    await expect(
      yiciban.redemption.execute(
        {
          _tag: "ApplyForRedemption",
          policyId: "HN-2026-TX-01",
          subjectCode: snackCode,
          materials: ["M1"],
          baseFen: 1,
        },
        representative(snackCode) as Yiciban.ActorInput,
      ),
    ).rejects.toMatchObject({ _tag: "CommandRejected", rejection: { _tag: "PolicyExpired", lastDay: "2026-12-31" } })
    // fired once: the row is kept as fired, running again fires nothing
    const after = await yiciban.timers(policyAdmin as Yiciban.ActorInput, "policy-HN-2026-TX-01")
    expect(after.map((timer) => [timer.status, timer.outcome])).toEqual([["fired", "dispatched"]])
    expect(await yiciban.runDueTimers()).toEqual([])
    await yiciban.close()
  })
})
