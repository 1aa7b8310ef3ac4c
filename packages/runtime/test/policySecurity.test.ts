/**
 * The authorization matrix of the policy aggregates: every command of `policy` and `redemption`,
 * and their reads, against each role in and out of jurisdiction, owner and non-owner. Kept here
 * (not yet in docs/security.md, which the lead regenerates after the merge): no outsider is ever
 * permitted, every command but the runtime's has someone, the runtime's have no one.
 */
import type { Actor } from "@yiciban/core"
import { describe, expect, it } from "vitest"
import { Authorization, CommandHandler, Loader, Policies, RuntimeStore, SharedData } from "../src/index.ts"
import {
  financeBureau,
  hrBureau,
  loanInterest,
  otherBureau,
  policyAdmin,
  representative,
  restaurantCode,
  sharedRecords,
  snackCode,
} from "./policyFixtures.ts"
import { failureOf, onDay, successOf } from "./support.ts"

const staff = (authority: typeof hrBureau, role: Actor.Role, id: string): Actor.Actor => ({
  id,
  roles: [role],
  authority: authority.creditCode,
  region: authority.division,
})

const actors: ReadonlyArray<readonly [string, Actor.Actor, "in" | "out"]> = [
  ["applicant (owner)", representative(restaurantCode), "in"],
  ["applicant (other)", representative(snackCode), "out"],
  [
    "agent (owner's)",
    { id: "agent-1", roles: ["agent"], subjects: [{ code: restaurantCode, relation: "agent" }] },
    "in",
  ],
  ["agent (other's)", { id: "agent-2", roles: ["agent"], subjects: [{ code: snackCode, relation: "agent" }] }, "out"],
  ["windowClerk (in)", staff(hrBureau, "windowClerk", "clerk-hr"), "in"],
  ["windowClerk (out)", staff(otherBureau, "windowClerk", "clerk-sz"), "out"],
  ["reviewer (joint)", staff(financeBureau, "reviewer", "reviewer-fin"), "in"],
  ["reviewer (out)", staff(otherBureau, "reviewer", "reviewer-sz"), "out"],
  ["approver (in)", staff(hrBureau, "approver", "approver-hr"), "in"],
  ["approver (joint dept)", staff(financeBureau, "approver", "approver-fin"), "out"],
  ["approver (out)", staff(otherBureau, "approver", "approver-sz"), "out"],
  ["supervisor (in)", { id: "sup-hn", roles: ["supervisor"], region: "430100" }, "in"],
  ["supervisor (out)", { id: "sup-sz", roles: ["supervisor"], region: "440300" }, "out"],
  ["catalogueAdmin (in)", policyAdmin, "in"],
  ["catalogueAdmin (out)", staff(otherBureau, "catalogueAdmin", "admin-sz"), "out"],
  ["dataProtectionOfficer", { id: "dpo", roles: ["dataProtectionOfficer"], region: "430100" }, "out"],
  ["no role", { id: "nobody", roles: [] }, "out"],
]

const policyId = "HN-2026-TX-01"
const about = { policyId, subjectCode: restaurantCode }
const samples = {
  policy: [
    { _tag: "DraftPolicy", policyId, terms: loanInterest },
    { _tag: "AmendPolicy", policyId, terms: loanInterest },
    { _tag: "PublishPolicy", policyId },
    { _tag: "SuspendPolicy", policyId, reason: "审计" },
    { _tag: "ResumePolicy", policyId, reason: "审计完毕" },
    { _tag: "ExpirePolicy", policyId },
  ],
  redemption: [
    { _tag: "ApplyForRedemption", ...about, materials: ["M1"], baseFen: 1 },
    { _tag: "AcceptRedemption", ...about },
    { _tag: "ReviewRedemption", ...about, department: financeBureau.creditCode, agrees: true, reasons: "" },
    { _tag: "ApproveRedemption", ...about },
    { _tag: "RefuseRedemption", ...about, reasons: "不符合" },
    { _tag: "DisburseRedemption", ...about, reference: "GK-1" },
    { _tag: "RescindAward", ...about, reasons: "虚假", legalBasis: "财金〔2020〕21号" },
    { _tag: "RecordRepayment", ...about },
    { _tag: "OfferEntitlement", ...about },
    { _tag: "ConfirmEntitlement", ...about },
    { _tag: "DeclineEntitlement", ...about },
  ],
} as const
const systemOnly = ["OfferEntitlement"]

/** The policy published and the restaurant's application on record. */
const store = async () => {
  const storage = RuntimeStore.makeMemoryStorage()
  const redemption = Policies.makeRedemption({ sharedData: SharedData.makeMemory(sharedRecords()) })
  for (const command of [
    { _tag: "DraftPolicy", policyId, terms: loanInterest },
    { _tag: "PublishPolicy", policyId },
  ] as const) {
    successOf(
      await onDay(storage, "2026-08-25", CommandHandler.handle(Policies.policy, undefined, command, policyAdmin)),
    )
  }
  successOf(
    await onDay(
      storage,
      "2026-09-24",
      CommandHandler.handle(redemption, undefined, samples.redemption[0], representative(restaurantCode)),
    ),
  )
  return { storage, redemption }
}

describe("the authorization matrix of policies and redemption", () => {
  it("no outsider is permitted any command or read; every command but the runtime's has someone", async () => {
    const { storage, redemption } = await store()
    for (const [aggregate, commands] of [
      [Policies.policy, samples.policy],
      [redemption, samples.redemption],
    ] as const) {
      const loaded = successOf(await onDay(storage, "2026-09-25", Loader.load(aggregate as never, policyId)))
      for (const command of commands) {
        const permitted: Array<string> = []
        for (const [name, actor, side] of actors) {
          const exit = await onDay(
            storage,
            "2026-09-25",
            Authorization.authorize({
              aggregate: aggregate as never,
              stream: `${aggregate.name}-${policyId}`,
              command: command as never,
              state: (loaded as { state: unknown }).state,
              principal: actor,
              now: "2026-09-25T01:30:00.000Z",
            }),
          )
          if (failureOf(exit) === undefined) {
            expect(side, `${command._tag} by ${name}`).toBe("in")
            permitted.push(name)
          }
        }
        if (systemOnly.includes(command._tag)) expect(permitted, command._tag).toEqual([])
        else expect(permitted.length, command._tag).toBeGreaterThan(0)
      }
    }
  })

  it("who reads: a published policy is public; a ledger is its authority's and supervisors', never an applicant's or the public's", async () => {
    const { storage, redemption } = await store()
    const readsOf = async (aggregate: typeof Policies.policy | typeof redemption) => {
      const loaded = successOf(await onDay(storage, "2026-09-25", Loader.load(aggregate as never, policyId)))
      const out: Record<string, string> = {}
      for (const [name, actor] of actors) {
        const access = successOf(
          await onDay(
            storage,
            "2026-09-25",
            Authorization.readAccess({
              aggregate: aggregate as never,
              state: (loaded as { state: unknown }).state,
              actor,
              now: "2026-09-25T01:30:00.000Z",
            }),
          ),
        )
        out[name] = access._tag
      }
      return out
    }
    const policyReads = await readsOf(Policies.policy)
    expect(Object.values(policyReads).every((access) => access !== "Refused")).toBe(true)
    const ledgerReads = await readsOf(redemption)
    for (const [name, , side] of actors) {
      if (side === "out") expect(ledgerReads[name], name).toBe("Refused")
    }
    expect(ledgerReads["applicant (owner)"]).toBe("Refused")
    // one award: its own subject (and its agent) and the ledger's readers, no one else
    const awardReaders: Array<string> = []
    for (const [name, actor] of actors) {
      const exit = await onDay(
        storage,
        "2026-09-25",
        Policies.awardOf(redemption, policyId, restaurantCode, actor, "2026-09-25T01:30:00.000Z"),
      )
      if (failureOf(exit) === undefined) awardReaders.push(name)
      else expect((failureOf(exit) as { _tag: string })._tag, name).toBe("NotPermitted")
    }
    expect(awardReaders).toEqual([
      "applicant (owner)",
      "agent (owner's)",
      "windowClerk (in)",
      "approver (in)",
      "supervisor (in)",
    ])
    expect(ledgerReads["approver (in)"]).toBe("Full")
    expect(ledgerReads["supervisor (in)"]).toBe("Masked")
  })
})
