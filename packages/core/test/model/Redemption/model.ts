/**
 * The model of a policy's redemption ledger: per subject a status and whether it was paid, and
 * the committed sum. Simpler than the ledger: no facts, no provenance, no reviews' reasons.
 */

import { Result } from "effect"
import type fc from "fast-check"
import { Decider, type Policy, Redemption } from "../../../src/index.ts"
import { financeBureau, hrBureau, loanInterestTerms } from "../../policyFixtures.ts"

export const policyId = "HN-2026-TX-01"
export const budgetFen = 3_000_000
export const terms: Policy.Terms = { ...loanInterestTerms, budgetFen, materials: [] }

/** Five small restaurants; the amount is 50% of the base each declares, capped at 20 000 yuan. */
export const subjects = [
  "91430102MA4L0P1T5J",
  "91430103MA4L16JQ9Q",
  "91430104MA4L2A7X69",
  "91430105MA4L3B8Y9N",
  "91430111MA4L4C9W7Q",
] as const

/** How many approvals the runs made, and how many were refused for the budget. */
export const approvals = { accepted: 0, overBudget: 0 }

export interface Model {
  readonly awards: Map<
    string,
    {
      status: Redemption.AwardStatus
      amount: number
      reviewed: boolean
      agreed: boolean
      paid: boolean
      repaid: boolean
    }
  >
  committed: number
  readonly counts: Map<string, number>
}

export interface Real {
  state: Redemption.State
}

export const initialModel = (): Model => ({ awards: new Map(), committed: 0, counts: new Map() })

const actors = {
  applicant: (code: string) => ({
    id: `rep-${code}`,
    roles: ["applicant" as const],
    subjects: [{ code, relation: "legalRepresentative" as const }],
  }),
  clerk: { id: "clerk-hr", roles: ["windowClerk" as const], authority: hrBureau.creditCode, region: hrBureau.division },
  reviewer: {
    id: "reviewer-fin",
    roles: ["reviewer" as const],
    authority: financeBureau.creditCode,
    region: financeBureau.division,
  },
  approver: {
    id: "approver-hr",
    roles: ["approver" as const],
    authority: hrBureau.creditCode,
    region: hrBureau.division,
  },
}

const factsOf = (code: string): Redemption.Facts => ({
  policy: { version: 1, terms, open: true },
  subject: {
    name: `餐饮 ${code.slice(-4)}`,
    facts: {
      subjectKind: "enterprise",
      industryCodes: ["H621"],
      region: `4301${code.slice(6, 8)}`,
      registeredCapitalFen: 10_000_000,
      employeeCount: 12,
      insuredHeadcount: 12,
    },
    reliedOn: [
      { kind: "businessRegistration", source: "memory", fetchedAt: "2026-09-24T01:30:00.000Z", digest: "0".repeat(64) },
    ],
  },
  payee: {
    bank: "长沙银行",
    accountName: `餐饮 ${code.slice(-4)}`,
    accountNo: "62220000123456",
    provenance: {
      kind: "payeeAccount",
      source: "memory",
      fetchedAt: "2026-09-24T01:30:00.000Z",
      digest: "1".repeat(64),
    },
  },
})

/** Runs one ledger command; answers whether it was accepted, and checks the invariants after it. */
export const runOn = (
  real: Real,
  command: Redemption.Command,
  actor: Parameters<typeof Redemption.decide>[2]["actor"],
): boolean => {
  const decided = Redemption.decide(command, real.state, {
    now: "2026-09-24T01:30:00.000Z",
    actor,
    facts: factsOf(command.subjectCode),
  })
  if (Result.isFailure(decided)) return false
  real.state = Decider.fold(Redemption.decider, decided.success, real.state)
  return true
}

export const checkInvariants = (model: Model, real: Real) => {
  if (!Redemption.consistent(real.state)) throw new Error(`ledger inconsistent: ${JSON.stringify(real.state)}`)
  if (real.state.committedFen !== model.committed) {
    throw new Error(`committed ${real.state.committedFen}, model says ${model.committed}`)
  }
  if (model.committed > budgetFen) throw new Error(`model over budget: ${model.committed}`)
  const paid = [...model.awards.values()].filter((a) => a.paid).reduce((s, a) => s + a.amount, 0)
  if (real.state.disbursedFen !== paid) throw new Error(`disbursed ${real.state.disbursedFen}, model says ${paid}`)
}

type Step = "Apply" | "Accept" | "Review" | "Approve" | "Refuse" | "Disburse" | "Rescind" | "Repay" | "Through"

/** One command of the model run: `check` always true (the model predicts refusals too). */
export class LedgerCommand implements fc.Command<Model, Real> {
  constructor(
    readonly step: Step,
    readonly subject: string,
    readonly baseYuan: number,
    readonly agrees: boolean,
  ) {}
  check = () => true
  run(model: Model, real: Real) {
    if (this.step === "Through") {
      // the whole path of an application at once: apply, accept, review, approve
      for (const step of ["Apply", "Accept", "Review", "Approve"] as const) {
        new LedgerCommand(step, this.subject, this.baseYuan, true).run(model, real)
      }
      return
    }
    model.counts.set(this.step, (model.counts.get(this.step) ?? 0) + 1)
    const about = { policyId, subjectCode: this.subject }
    const award = model.awards.get(this.subject)
    const status = award?.status
    let expected: boolean
    let accepted: boolean
    switch (this.step) {
      case "Apply": {
        const amount = Math.min(Math.floor((this.baseYuan * 100 * 5_000) / 10_000), 2_000_000)
        expected = status === undefined || status === "refused"
        accepted = runOn(
          real,
          { _tag: "ApplyForRedemption", ...about, materials: [], baseFen: this.baseYuan * 100 },
          actors.applicant(this.subject),
        )
        if (expected)
          model.awards.set(this.subject, {
            status: "applied",
            amount,
            reviewed: false,
            agreed: false,
            paid: false,
            repaid: false,
          })
        break
      }
      case "Accept":
        expected = status === "applied"
        accepted = runOn(real, { _tag: "AcceptRedemption", ...about }, actors.clerk)
        if (expected) award!.status = "accepted"
        break
      case "Review":
        expected = status === "accepted" && !award!.reviewed
        accepted = runOn(
          real,
          {
            _tag: "ReviewRedemption",
            ...about,
            department: financeBureau.creditCode,
            agrees: this.agrees,
            reasons: "核对付息凭证",
          },
          actors.reviewer,
        )
        if (expected) {
          award!.reviewed = true
          award!.agreed = this.agrees
        }
        break
      case "Approve":
        expected =
          status === "accepted" && award!.reviewed && award!.agreed && model.committed + award!.amount <= budgetFen
        accepted = runOn(real, { _tag: "ApproveRedemption", ...about }, actors.approver)
        if (expected) {
          award!.status = "approved"
          model.committed += award!.amount
          approvals.accepted++
        } else if (status === "accepted" && award!.agreed) approvals.overBudget++
        break
      case "Refuse":
        expected = status === "applied" || status === "accepted"
        accepted = runOn(real, { _tag: "RefuseRedemption", ...about, reasons: "材料不实" }, actors.approver)
        if (expected) award!.status = "refused"
        break
      case "Disburse":
        expected = status === "approved"
        accepted = runOn(
          real,
          { _tag: "DisburseRedemption", ...about, reference: `PAY-${this.subject.slice(-4)}` },
          actors.approver,
        )
        if (expected) {
          award!.status = "disbursed"
          award!.paid = true
        }
        break
      case "Rescind":
        expected = status === "approved" || status === "disbursed"
        accepted = runOn(
          real,
          { _tag: "RescindAward", ...about, reasons: "虚假申报", legalBasis: "财金〔2020〕21号" },
          actors.approver,
        )
        if (expected) {
          award!.status = "rescinded"
          model.committed -= award!.amount
        }
        break
      case "Repay":
        expected = status === "rescinded" && award!.paid && !award!.repaid
        accepted = runOn(real, { _tag: "RecordRepayment", ...about }, actors.approver)
        if (expected) award!.repaid = true
        break
    }
    if (accepted !== expected) {
      throw new Error(
        `${this.toString()}: the ledger ${accepted ? "accepted" : "refused"}, the model expected the opposite`,
      )
    }
    checkInvariants(model, real)
  }
  toString = () => `${this.step}(${this.subject.slice(-4)}, ${this.baseYuan}, ${this.agrees})`
}
