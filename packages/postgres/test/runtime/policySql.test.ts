/**
 * The budget of a policy under 8 approvers at once on the PostgreSQL server: two app nodes, four
 * approvers each, approve 24 accepted applications against a budget for 10. Every approval is
 * decided on the whole ledger and appended with its expected version; a lost race is retried on the
 * new sum. Server only (PGlite is one session and cannot race); skipped with a log line without
 * DATABASE_URL.
 */
import { IdentityCode, type Policy } from "@yiciban/core"
import { CommandHandler, Loader, Policies, SharedData } from "@yiciban/runtime"
import { Exit } from "effect"
import { afterAll, describe, expect, it } from "vitest"
import { hrApprover, hrClerk, policyAdmin, representative, stableJobs } from "../../../runtime/test/policyFixtures.ts"
import { engines } from "./engines.ts"

/** `count` valid unified social credit codes of enterprises in 芙蓉区 (430102). */
export const subjectCodes = (count: number): ReadonlyArray<string> =>
  Array.from({ length: count }, (_, i) => {
    const org = `MA4P${String(i).padStart(4, "0")}`
    const body = `91430102${org}${IdentityCode.organizationCodeCheckCharacter(org)}`
    return `${body}${IdentityCode.unifiedSocialCreditCheckCharacter(body)}`
  })

const all = engines("policy")
const server = all.find((engine) => engine.name === "server")
if (server === undefined)
  console.log("DATABASE_URL is not set: the 8-approver budget race needs a PostgreSQL server and does not run")

describe.skipIf(server === undefined)("a policy's budget under 8 concurrent approvers (server)", () => {
  afterAll(async () => {
    for (const engine of all) await engine.cleanup()
  })

  it("never commits more than the budget, approves each subject once, and retries the lost races", async () => {
    const codes = subjectCodes(24)
    const records: SharedData.MemoryRecords = {}
    for (const code of codes) {
      records[code] = {
        businessRegistration: {
          name: `芙蓉区餐饮${code.slice(12, 16)}`,
          subjectKind: "enterprise",
          industryCodes: ["H621"],
          region: "430102",
          registeredCapitalFen: 10_000_000,
          employeeCount: 10,
        },
        socialSecurity: { insuredHeadcount: 10, month: "2026-08" },
      }
    }
    const redemption = Policies.makeRedemption({ sharedData: SharedData.makeMemory(records) })
    const policyId = "HN-2026-WG-RACE"
    // 1 000 yuan per insured employee: 10 000 yuan each; the budget holds 10 of the 24 (and a half)
    const terms: Policy.Terms = { ...stableJobs, mode: { _tag: "ApplyAndRedeem" }, budgetFen: 10_500_000 }
    const nodes = [server!.node(), server!.node()]
    try {
      const [first] = nodes
      await first!.on(
        "2026-08-25",
        CommandHandler.handle(Policies.policy, undefined, { _tag: "DraftPolicy", policyId, terms }, policyAdmin),
      )
      await first!.on(
        "2026-08-25",
        CommandHandler.handle(Policies.policy, undefined, { _tag: "PublishPolicy", policyId }, policyAdmin),
      )
      for (const subjectCode of codes) {
        await first!.on(
          "2026-09-24",
          CommandHandler.handle(
            redemption,
            undefined,
            { _tag: "ApplyForRedemption", policyId, subjectCode, materials: [] },
            representative(subjectCode),
          ),
        )
        await first!.on(
          "2026-09-24",
          CommandHandler.handle(redemption, undefined, { _tag: "AcceptRedemption", policyId, subjectCode }, hrClerk),
        )
      }
      const queue = [...codes]
      const outcomes: Array<{ subjectCode: string; outcome: string }> = []
      let retried = 0
      const approver = async (node: (typeof nodes)[number], n: number) => {
        for (let subjectCode = queue.shift(); subjectCode !== undefined; subjectCode = queue.shift()) {
          for (;;) {
            const exit = await node.exit(
              "2026-09-25",
              CommandHandler.handle(
                redemption,
                undefined,
                { _tag: "ApproveRedemption", policyId, subjectCode },
                { ...hrApprover, id: `approver-${n}` },
                { maxAttempts: 2 },
              ),
            )
            if (Exit.isSuccess(exit)) {
              outcomes.push({ subjectCode, outcome: "approved" })
              break
            }
            const failure = exit.cause.reasons.find((r) => r._tag === "Fail") as
              | { error: { _tag: string; rejection?: { _tag: string } } }
              | undefined
            if (failure?.error._tag === "TooMuchContention") {
              retried += 1
              continue
            }
            outcomes.push({ subjectCode, outcome: failure?.error.rejection?._tag ?? failure?.error._tag ?? "defect" })
            break
          }
        }
      }
      await Promise.all(Array.from({ length: 8 }, (_, n) => approver(nodes[n % 2]!, n)))
      const approved = outcomes.filter((o) => o.outcome === "approved")
      expect(approved).toHaveLength(10)
      expect(outcomes.filter((o) => o.outcome === "BudgetExceeded")).toHaveLength(14)
      expect(new Set(approved.map((o) => o.subjectCode)).size).toBe(10)
      const ledger = await first!.on("2026-09-25", Loader.load(redemption, policyId, { snapshot: false }))
      expect(ledger.state.committedFen).toBe(10_000_000)
      expect(ledger.state.committedFen).toBeLessThanOrEqual(terms.budgetFen)
      expect(Object.values(ledger.state.awards).filter((a) => a.status === "approved")).toHaveLength(10)
      console.log(
        `8 approvers on the server: 10 approved, 14 refused for the budget, ${retried} commands retried after losing races`,
      )
    } finally {
      for (const node of nodes) await node.dispose()
    }
  }, 60_000)

  it("8 approvers of one process take turns on the ledger: with one attempt each, none loses a race", async () => {
    const codes = subjectCodes(16)
    const records: SharedData.MemoryRecords = {}
    for (const code of codes) {
      records[code] = {
        businessRegistration: {
          name: `芙蓉区餐饮${code.slice(12, 16)}`,
          subjectKind: "enterprise",
          industryCodes: ["H621"],
          region: "430102",
          registeredCapitalFen: 10_000_000,
          employeeCount: 10,
        },
        socialSecurity: { insuredHeadcount: 10, month: "2026-08" },
      }
    }
    const redemption = Policies.makeRedemption({ sharedData: SharedData.makeMemory(records) })
    const policyId = "HN-2026-WG-TURNS"
    const terms: Policy.Terms = { ...stableJobs, mode: { _tag: "ApplyAndRedeem" }, budgetFen: 100_000_000 }
    const node = server!.node()
    try {
      await node.on(
        "2026-08-25",
        CommandHandler.handle(Policies.policy, undefined, { _tag: "DraftPolicy", policyId, terms }, policyAdmin),
      )
      await node.on(
        "2026-08-25",
        CommandHandler.handle(Policies.policy, undefined, { _tag: "PublishPolicy", policyId }, policyAdmin),
      )
      for (const subjectCode of codes) {
        await node.on(
          "2026-09-24",
          CommandHandler.handle(
            redemption,
            undefined,
            { _tag: "ApplyForRedemption", policyId, subjectCode, materials: [] },
            representative(subjectCode),
          ),
        )
        await node.on(
          "2026-09-24",
          CommandHandler.handle(redemption, undefined, { _tag: "AcceptRedemption", policyId, subjectCode }, hrClerk),
        )
      }
      const queue = [...codes]
      const failures: Array<string> = []
      await Promise.all(
        Array.from({ length: 8 }, async (_, n) => {
          for (let subjectCode = queue.shift(); subjectCode !== undefined; subjectCode = queue.shift()) {
            const exit = await node.exit(
              "2026-09-25",
              CommandHandler.handle(
                redemption,
                undefined,
                { _tag: "ApproveRedemption", policyId, subjectCode },
                { ...hrApprover, id: `approver-${n}` },
                { maxAttempts: 1 },
              ),
            )
            if (!Exit.isSuccess(exit)) failures.push(JSON.stringify(exit.cause).slice(0, 200))
          }
        }),
      )
      expect(failures).toEqual([])
      const ledger = await node.on("2026-09-25", Loader.load(redemption, policyId, { snapshot: false }))
      expect(ledger.state.committedFen).toBe(16 * 1_000_000)
    } finally {
      await node.dispose()
    }
  }, 60_000)
})
