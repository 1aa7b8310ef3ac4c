import { fc, test } from "@fast-check/vitest"
import { Result } from "effect"
import { describe, expect, it } from "vitest"
import { Decider, Redemption } from "../src/index.ts"
import {
  approvals,
  budgetFen,
  initialModel,
  LedgerCommand,
  policyId,
  type Real,
  subjects,
  terms,
} from "./model/Redemption/model.ts"
import { stableJobsTerms } from "./policyFixtures.ts"

const steps = ["Apply", "Accept", "Review", "Approve", "Refuse", "Disburse", "Rescind", "Repay"] as const
const command = fc
  .tuple(
    fc.constantFrom(...steps, "Through", "Through", "Through", "Approve"),
    fc.constantFrom(...subjects.slice(0, 3)),
    fc.integer({ min: 100_000, max: 6_000_000 }),
    fc.integer({ min: 0, max: 4 }).map((n) => n > 0),
  )
  .map(([step, subject, base, agrees]) => new LedgerCommand(step, subject, Math.floor(base / 100), agrees))

const totals = new Map<string, number>()

describe("Redemption ledger (model)", () => {
  test.prop([fc.commands([command], { maxCommands: 60, size: "large" })], { numRuns: 150 })(
    "the sum approved never exceeds the budget, no subject is paid twice, a rescinded award returns to the budget",
    (commands) => {
      const model = initialModel()
      const real: Real = { state: Redemption.initialState }
      fc.modelRun(() => ({ model, real }), commands)
      for (const [step, n] of model.counts) totals.set(step, (totals.get(step) ?? 0) + n)
    },
  )

  it("ran every command (how often each ran over the runs above)", () => {
    for (const step of steps) expect(totals.get(step) ?? 0, step).toBeGreaterThan(0)
    console.log(
      `redemption model: ${[...totals].map(([s, n]) => `${s} ${n}`).join(", ")}; approvals ${approvals.accepted}, refused over budget ${approvals.overBudget}`,
    )
    expect(approvals.overBudget).toBeGreaterThan(0)
  })

  it("an offer that disburses without confirmation is approved at once, and refused when it does not fit the budget", () => {
    const auto = {
      ...stableJobsTerms,
      budgetFen: 2_500_000,
      mode: { _tag: "AutoEntitlement" as const, confirmation: "disburseWithoutConfirmation" as const },
    }
    const facts = (code: string): Redemption.Facts => ({
      policy: { version: 1, terms: auto, open: true },
      subject: {
        name: code,
        facts: {
          subjectKind: "enterprise",
          industryCodes: ["H621"],
          region: "430102",
          registeredCapitalFen: 1,
          employeeCount: 18,
          insuredHeadcount: 18,
        },
        reliedOn: [],
      },
      payee: null,
    })
    const system = { id: "process:entitlement", roles: ["system" as const] }
    const offer = (state: Redemption.State, code: string) =>
      Redemption.decide({ _tag: "OfferEntitlement", policyId, subjectCode: code }, state, {
        now: "2026-09-24T01:30:00.000Z",
        actor: system,
        facts: facts(code),
      })
    const first = offer(Redemption.initialState, subjects[0])
    expect(Result.isSuccess(first) && first.success.map((e) => e._tag)).toEqual([
      "EntitlementOffered",
      "RedemptionApproved",
    ])
    const state = Decider.fold(Redemption.decider, Result.getOrThrow(first), Redemption.initialState)
    expect(state.committedFen).toBe(1_800_000)
    const second = offer(state, subjects[1])
    expect(Result.isFailure(second) && second.failure).toEqual({
      _tag: "BudgetExceeded",
      budgetFen: 2_500_000,
      committedFen: 1_800_000,
      amountFen: 1_800_000,
    })
    const again = offer(state, subjects[0])
    expect(Result.isFailure(again) && again.failure._tag).toBe("AlreadyAwarded")
    // neither an organisation's credit code nor a person's identity number
    const nobody = Redemption.decide(
      { _tag: "ApplyForRedemption", policyId, subjectCode: "43010219900307123X-not-a-code", materials: [] },
      state,
      { now: "2026-09-24T01:30:00.000Z", actor: { id: "p", roles: ["applicant"] }, facts: facts("x") },
    )
    expect(Result.isFailure(nobody) && nobody.failure._tag).toBe("NotAnOrganisation")
    expect(budgetFen).toBe(terms.budgetFen)
  })
})
