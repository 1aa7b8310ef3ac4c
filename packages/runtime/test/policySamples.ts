/**
 * The samples of the policy authorization matrix (shared by policySecurity.test.ts and the
 * generated matrix in security.test.ts): the actors, one command of each kind, and the store they
 * are checked on (the policy published, the restaurant's application on record).
 */
import type { Actor } from "@yiciban/core"
import { CommandHandler, Policies, RuntimeStore, SharedData } from "../src/index.ts"
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
import { onDay, successOf } from "./support.ts"

const staff = (authority: typeof hrBureau, role: Actor.Role, id: string): Actor.Actor => ({
  id,
  roles: [role],
  authority: authority.creditCode,
  region: authority.division,
})

export const actors: ReadonlyArray<readonly [string, Actor.Actor, "in" | "out"]> = [
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

export const policyId = "HN-2026-TX-01"
export const about = { policyId, subjectCode: restaurantCode }
export const samples = {
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
export const systemOnly = ["OfferEntitlement"]

/** The policy published and the restaurant's application on record. */
export const store = async (): Promise<{
  readonly storage: RuntimeStore.MemoryStorage
  readonly redemption: ReturnType<typeof Policies.makeRedemption>
}> => {
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
