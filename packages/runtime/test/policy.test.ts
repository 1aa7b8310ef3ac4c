import { Effect } from "effect"
import { describe, expect, it } from "vitest"
import { CommandHandler, Loader, Policies, RuntimeStore, SharedData } from "../src/index.ts"
import {
  bookshopCode,
  financeReviewer,
  hrApprover,
  hrClerk,
  loanInterest,
  policyAdmin,
  representative,
  restaurantCode,
  sharedRecords,
  shenzhenCode,
  snackCode,
  stableJobs,
} from "./policyFixtures.ts"
import { failureOf, onDay, successOf } from "./support.ts"

const source = () => SharedData.makeMemory(sharedRecords(), "湖南省数据共享交换平台")

const publish = async (storage: RuntimeStore.MemoryStorage, policyId: string, terms: typeof stableJobs) => {
  successOf(
    await onDay(
      storage,
      "2026-08-25",
      CommandHandler.handle(Policies.policy, undefined, { _tag: "DraftPolicy", policyId, terms }, policyAdmin),
    ),
  )
  successOf(
    await onDay(
      storage,
      "2026-08-25",
      CommandHandler.handle(Policies.policy, undefined, { _tag: "PublishPolicy", policyId }, policyAdmin),
    ),
  )
}

describe("policies through the runtime", () => {
  it("免申即享: an outage of the shared-data source fails the run with its error, never reads as not eligible; the run again offers once", async () => {
    const storage = RuntimeStore.makeMemoryStorage()
    const memory = source()
    let down = true
    const flaky: SharedData.SharedDataSource = {
      ...memory,
      lookup: (kind, subjectCode) =>
        down && subjectCode === snackCode
          ? Effect.fail(
              new SharedData.SharedDataUnavailable({ source: memory.name, kind, subjectCode, detail: "timed out" }),
            )
          : memory.lookup(kind, subjectCode),
    }
    const redemption = Policies.makeRedemption({ sharedData: flaky })
    await publish(storage, "HN-2026-WG-01", stableJobs)
    const failed = await onDay(storage, "2026-09-24", Policies.matchEntitlements(redemption, flaky, "HN-2026-WG-01"))
    expect(JSON.stringify(failureOf(failed))).toContain("SharedDataUnavailable")
    down = false
    const matched = successOf(
      await onDay(storage, "2026-09-24", Policies.matchEntitlements(redemption, flaky, "HN-2026-WG-01")),
    )
    expect([...matched.offered, ...matched.passedOver.map((p) => p.subjectCode)].sort()).toEqual(
      [restaurantCode, snackCode, bookshopCode].sort(),
    )
    const ledger = successOf(await onDay(storage, "2026-09-24", Loader.load(redemption, "HN-2026-WG-01")))
    expect(Object.keys(ledger.state.awards).sort()).toEqual([restaurantCode, snackCode].sort())
  })

  it("免申即享: the runtime offers to the eligible subjects of the region, records what it relied on; the subject confirms; the payee comes from shared data", async () => {
    const storage = RuntimeStore.makeMemoryStorage()
    const sharedData = source()
    const redemption = Policies.makeRedemption({ sharedData })
    await publish(storage, "HN-2026-WG-01", stableJobs)
    const matched = successOf(
      await onDay(storage, "2026-09-24", Policies.matchEntitlements(redemption, sharedData, "HN-2026-WG-01")),
    )
    expect(matched.offered).toEqual([restaurantCode, snackCode])
    expect(matched.passedOver).toEqual([{ subjectCode: bookshopCode, reason: "NotEligible" }])
    // running it again offers nothing twice
    const again = successOf(
      await onDay(storage, "2026-09-24", Policies.matchEntitlements(redemption, sharedData, "HN-2026-WG-01")),
    )
    expect(again.offered).toEqual([])

    const ledger = successOf(await onDay(storage, "2026-09-24", Loader.load(redemption, "HN-2026-WG-01")))
    const offer = ledger.state.awards[restaurantCode]!
    expect(offer.status).toBe("offered")
    expect(offer.reliedOn.map((p) => [p.kind, p.source])).toEqual([
      ["businessRegistration", "湖南省数据共享交换平台"],
      ["socialSecurity", "湖南省数据共享交换平台"],
    ])
    expect(offer.reliedOn[1]!.digest).toBe(SharedData.digestOf({ insuredHeadcount: 18, month: "2026-08" }))

    const confirm = { _tag: "ConfirmEntitlement", policyId: "HN-2026-WG-01", subjectCode: restaurantCode } as const
    // another company's representative cannot confirm the restaurant's offer
    const stranger = failureOf(
      await onDay(
        storage,
        "2026-09-25",
        CommandHandler.handle(redemption, undefined, confirm, representative(snackCode)),
      ),
    )
    expect(stranger?._tag).toBe("NotPermitted")
    successOf(
      await onDay(
        storage,
        "2026-09-25",
        CommandHandler.handle(redemption, undefined, confirm, representative(restaurantCode)),
      ),
    )
    const paid = successOf(
      await onDay(
        storage,
        "2026-09-26",
        CommandHandler.handle(
          redemption,
          undefined,
          {
            _tag: "DisburseRedemption",
            policyId: "HN-2026-WG-01",
            subjectCode: restaurantCode,
            reference: "GK-2026-0001",
          },
          hrApprover,
        ),
      ),
    )
    const disbursed = paid.events.find((e) => e._tag === "RedemptionDisbursed")
    expect(disbursed?._tag === "RedemptionDisbursed" && [disbursed.amountFen, disbursed.payee.accountNo]).toEqual([
      1_800_000,
      "6222000012340001",
    ])
    const budget = successOf(
      await onDay(
        storage,
        "2026-09-26",
        Policies.budgetOf(redemption, "HN-2026-WG-01", hrApprover, "2026-09-26T01:30:00.000Z"),
      ),
    )
    expect(budget).toEqual({
      budgetFen: 5_000_000,
      committedFen: 1_800_000,
      disbursedFen: 1_800_000,
      repaidFen: 0,
      remainingFen: 3_200_000,
    })
  })

  it("快申快享 with joint review: apply (facts from shared data, never the command), accept, finance agrees, approve within the budget, rescind returns the amount", async () => {
    const storage = RuntimeStore.makeMemoryStorage()
    const sharedData = source()
    const redemption = Policies.makeRedemption({ sharedData })
    await publish(storage, "HN-2026-TX-01", loanInterest)
    const about = (subjectCode: string) => ({ policyId: "HN-2026-TX-01", subjectCode })
    const run = (
      day: string,
      command: { readonly _tag: string; readonly [field: string]: unknown },
      actor: Parameters<typeof CommandHandler.handle>[3],
    ) => onDay(storage, day, CommandHandler.handle(redemption, undefined, command as never, actor))

    // the command cannot smuggle facts: unknown fields are refused
    const smuggled = failureOf(
      await run(
        "2026-09-24",
        {
          _tag: "ApplyForRedemption",
          ...about(restaurantCode),
          materials: ["M1"],
          baseFen: 3_000_000,
          employeeCount: 1,
        },
        representative(restaurantCode),
      ),
    )
    expect(smuggled?._tag).toBe("InvalidCommand")
    // outside the region: not eligible, nothing recorded
    const outside = failureOf(
      await run(
        "2026-09-24",
        { _tag: "ApplyForRedemption", ...about(shenzhenCode), materials: ["M1"], baseFen: 1 },
        representative(shenzhenCode),
      ),
    )
    expect((outside as { rejection?: { _tag: string } })?.rejection?._tag).toBe("NotEligible")

    successOf(
      await run(
        "2026-09-24",
        { _tag: "ApplyForRedemption", ...about(restaurantCode), materials: ["M1"], baseFen: 3_000_000 },
        representative(restaurantCode),
      ),
    )
    successOf(
      await run(
        "2026-09-24",
        { _tag: "ApplyForRedemption", ...about(snackCode), materials: ["M1"], baseFen: 3_000_000 },
        representative(snackCode),
      ),
    )
    for (const code of [restaurantCode, snackCode]) {
      successOf(await run("2026-09-25", { _tag: "AcceptRedemption", ...about(code) }, hrClerk))
      // the issuing authority is not the finance department: its reviewer cannot review for finance
      const notFinance = failureOf(
        await run(
          "2026-09-25",
          { _tag: "ReviewRedemption", ...about(code), department: "11430100006184001K", agrees: true, reasons: "" },
          { ...financeReviewer, authority: "11430100006183245G" },
        ),
      )
      expect(notFinance?._tag).toBe("NotPermitted")
      successOf(
        await run(
          "2026-09-25",
          {
            _tag: "ReviewRedemption",
            ...about(code),
            department: "11430100006184001K",
            agrees: true,
            reasons: "付息凭证属实",
          },
          financeReviewer,
        ),
      )
    }
    const first = successOf(
      await run("2026-09-26", { _tag: "ApproveRedemption", ...about(restaurantCode) }, hrApprover),
    )
    expect(first.state.committedFen).toBe(1_500_000)
    // 1 500 000 + 1 500 000 = the budget exactly: fits
    successOf(await run("2026-09-26", { _tag: "ApproveRedemption", ...about(snackCode) }, hrApprover))
    successOf(
      await run("2026-09-27", { _tag: "DisburseRedemption", ...about(snackCode), reference: "GK-1" }, hrApprover),
    )
    // no subject is paid twice, and an approved subject cannot apply again
    const twice = failureOf(
      await run("2026-09-27", { _tag: "DisburseRedemption", ...about(snackCode), reference: "GK-2" }, hrApprover),
    )
    expect((twice as { rejection?: { _tag: string } })?.rejection?._tag).toBe("WrongStatus")
    // rescinded for a false statement: returned to the budget, repayment due
    const rescinded = successOf(
      await run(
        "2026-10-08",
        { _tag: "RescindAward", ...about(snackCode), reasons: "付息凭证系伪造", legalBasis: "财金〔2020〕21号" },
        hrApprover,
      ),
    )
    expect(rescinded.state.committedFen).toBe(1_500_000)
    expect(rescinded.state.awards[snackCode]?.repaymentDueFen).toBe(1_500_000)
    // a bookshop's representative cannot read the ledger's award of another subject through a command either
    const bookshop = failureOf(
      await run("2026-10-08", { _tag: "RecordRepayment", ...about(snackCode) }, representative(bookshopCode)),
    )
    expect(bookshop?._tag).toBe("NotPermitted")
  })
})
