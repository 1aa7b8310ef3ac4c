import { fc, test } from "@fast-check/vitest"
import { Result } from "effect"
import { describe, expect, it } from "vitest"
import { CalendarDate, Decider, Policy } from "../src/index.ts"
import { admin, loanInterestTerms, stableJobsTerms } from "./policyFixtures.ts"

const at = (day: string) => ({ now: `${day}T01:30:00.000Z`, actor: admin, facts: {} })
const policyId = "HN-2026-WG-01"

/** Runs commands in order from the initial state, failing on a rejection. */
const given = (commands: ReadonlyArray<readonly [Policy.Command, string]>) =>
  commands.reduce((state, [command, day]) => {
    const decided = Policy.decide(command, state, at(day))
    if (Result.isFailure(decided)) throw new Error(JSON.stringify(decided.failure))
    return Decider.fold(Policy.decider, decided.success, state)
  }, Policy.initialState)

describe("Policy", () => {
  it("drafts, publishes version 1, amends into version 2 while version 1 stays unchanged", () => {
    const v1 = given([
      [{ _tag: "DraftPolicy", policyId, terms: stableJobsTerms }, "2026-08-20"],
      [{ _tag: "PublishPolicy", policyId }, "2026-08-25"],
    ])
    expect(v1.phase).toBe("published")
    expect(Policy.current(v1)?.version).toBe(1)
    const amended = given([
      [{ _tag: "DraftPolicy", policyId, terms: stableJobsTerms }, "2026-08-20"],
      [{ _tag: "PublishPolicy", policyId }, "2026-08-25"],
      [{ _tag: "AmendPolicy", policyId, terms: { ...stableJobsTerms, budgetFen: 20_000_000 } }, "2026-09-10"],
    ])
    expect(Policy.current(amended)?.terms.budgetFen).toBe(10_000_000) // the draft is not in force
    const v2 = Decider.fold(
      Policy.decider,
      Result.getOrThrow(Policy.decide({ _tag: "PublishPolicy", policyId }, amended, at("2026-09-11"))),
      amended,
    )
    expect(v2.versions.map((v) => [v.version, v.terms.budgetFen])).toEqual([
      [1, 10_000_000],
      [2, 20_000_000],
    ])
    expect(Policy.publishedUnchanged(v1, v2)).toBe(true)
  })

  it("refuses to draft over a published policy, to publish without a draft, to change the authority, and to expire in the window", () => {
    const published = given([
      [{ _tag: "DraftPolicy", policyId, terms: stableJobsTerms }, "2026-08-20"],
      [{ _tag: "PublishPolicy", policyId }, "2026-08-25"],
    ])
    const tagOf = (command: Policy.Command, day = "2026-09-01") => {
      const decided = Policy.decide(command, published, at(day))
      return Result.isFailure(decided) ? decided.failure._tag : "accepted"
    }
    expect(tagOf({ _tag: "DraftPolicy", policyId, terms: stableJobsTerms })).toBe("WrongPhase")
    expect(tagOf({ _tag: "PublishPolicy", policyId })).toBe("NoDraft")
    expect(
      tagOf({
        _tag: "AmendPolicy",
        policyId,
        terms: { ...stableJobsTerms, authority: { ...stableJobsTerms.authority, creditCode: "X" } },
      }),
    ).toBe("AuthorityChanged")
    expect(tagOf({ _tag: "ExpirePolicy", policyId }, "2026-12-31")).toBe("WindowStillOpen")
    expect(tagOf({ _tag: "ExpirePolicy", policyId }, "2027-01-01")).toBe("accepted")
    expect(
      tagOf({
        _tag: "AmendPolicy",
        policyId,
        terms: {
          ...stableJobsTerms,
          window: { opensOn: CalendarDate.make("2026-12-01"), closesOn: CalendarDate.make("2026-11-01") },
        },
      }),
    ).toBe("InvalidTerms")
    const stranger = Policy.decide({ _tag: "SuspendPolicy", policyId, reason: "x" }, published, {
      ...at("2026-09-01"),
      actor: { id: "r", roles: ["reviewer"] },
    })
    expect(Result.isFailure(stranger) && stranger.failure._tag).toBe("NotAuthorized")
  })

  it("judges eligibility from facts: kind, region, industry prefix, criteria; a missing headcount is unmet", () => {
    const facts: Policy.ApplicantFacts = {
      subjectKind: "enterprise",
      industryCodes: ["H621"],
      region: "430102",
      registeredCapitalFen: 50_000_000,
      employeeCount: 18,
      insuredHeadcount: 18,
    }
    expect(Policy.eligibility(loanInterestTerms, facts)).toEqual([])
    expect(Policy.eligibility(loanInterestTerms, { ...facts, industryCodes: ["F52"] }).map((u) => u.condition)).toEqual(
      ["industry"],
    )
    expect(
      Policy.eligibility(stableJobsTerms, { ...facts, region: "440300", insuredHeadcount: null }).map(
        (u) => u.condition,
      ),
    ).toEqual(["region", "insuredHeadcount"])
    expect(Policy.eligibility(loanInterestTerms, { ...facts, employeeCount: 101 })[0]?.detail).toBe("101 > 100")
  })

  const facts = fc.record({
    subjectKind: fc.constantFrom("enterprise", "individualBusiness", "cooperative", "socialOrganisation"),
    industryCodes: fc.array(fc.constantFrom("H621", "H622", "F52", "C13")),
    region: fc.constantFrom("430102", "430103", "430200", "440300"),
    registeredCapitalFen: fc.nat({ max: 1e10 }),
    employeeCount: fc.nat({ max: 1_000 }),
    insuredHeadcount: fc.option(fc.nat({ max: 1_000 }), { nil: null }),
  }) as fc.Arbitrary<Policy.ApplicantFacts>
  const rule = fc.oneof(
    fc.integer({ min: 1, max: 1e8 }).map((amountFen) => ({ _tag: "Fixed" as const, amountFen })),
    fc
      .tuple(
        fc.constantFrom("employeeCount", "insuredHeadcount") as fc.Arbitrary<Policy.NumericFact>,
        fc.integer({ min: 1, max: 1e6 }),
        fc.integer({ min: 1, max: 1e8 }),
      )
      .map(([unit, perUnitFen, capFen]) => ({ _tag: "PerUnit" as const, unit, perUnitFen, capFen })),
    fc
      .tuple(fc.integer({ min: 1, max: 10_000 }), fc.integer({ min: 1, max: 1e8 }))
      .map(([basisPoints, capFen]) => ({ _tag: "PercentOfBase" as const, baseName: "利息", basisPoints, capFen })),
  ) as fc.Arbitrary<Policy.AmountRule>

  test.prop([rule, facts, fc.option(fc.nat({ max: 1e9 }), { nil: null })])(
    "an amount is a whole number of fen, never negative and never above the rule's cap",
    (amountRule, applicant, base) => {
      const amount = Policy.amountOf(amountRule, applicant, base)
      if (Result.isFailure(amount)) return
      expect(Number.isSafeInteger(amount.success)).toBe(true)
      expect(amount.success).toBeGreaterThanOrEqual(0)
      const cap = amountRule._tag === "Fixed" ? amountRule.amountFen : amountRule.capFen
      expect(amount.success).toBeLessThanOrEqual(cap)
    },
  )

  test.prop([facts, fc.nat({ max: 1_000 })])(
    "eligibility is monotone in an AtMost criterion: raising the limit never makes an eligible applicant ineligible",
    (applicant, raise) => {
      const terms = {
        ...stableJobsTerms,
        criteria: [{ _tag: "AtMost" as const, fact: "employeeCount" as const, value: 50 }],
      }
      const raised = {
        ...terms,
        criteria: [{ _tag: "AtMost" as const, fact: "employeeCount" as const, value: 50 + raise }],
      }
      if (Policy.eligibility(terms, applicant).length === 0) expect(Policy.eligibility(raised, applicant)).toEqual([])
    },
  )

  // Model: the published versions a random sequence of commands leaves are the ones a list model
  // predicts, each unchanged from the moment it was published.
  const command = fc.oneof(
    fc
      .constantFrom(stableJobsTerms, loanInterestTerms)
      .map((terms) => ({ _tag: "DraftPolicy" as const, policyId, terms })),
    fc.integer({ min: 1, max: 9 }).map((n) => ({
      _tag: "AmendPolicy" as const,
      policyId,
      terms: { ...stableJobsTerms, budgetFen: n * 1_000_000 },
    })),
    fc.constant({ _tag: "PublishPolicy" as const, policyId }),
    fc.constant({ _tag: "SuspendPolicy" as const, policyId, reason: "审计" }),
    fc.constant({ _tag: "ResumePolicy" as const, policyId, reason: "审计完毕" }),
    fc.constant({ _tag: "ExpirePolicy" as const, policyId }),
  )
  test.prop([fc.array(fc.tuple(command, fc.constantFrom("2026-09-01", "2027-01-05")), { maxLength: 30 })])(
    "published versions are numbered in order and never change; the state stays consistent",
    (commands) => {
      let state = Policy.initialState
      const model: Array<number> = []
      let pendingBudget: number | null = null
      for (const [c, day] of commands) {
        const decided = Policy.decide(c, state, at(day))
        if (Result.isFailure(decided)) continue
        const next = Decider.fold(Policy.decider, decided.success, state)
        expect(Policy.publishedUnchanged(state, next)).toBe(true)
        expect(Policy.consistent(next)).toBe(true)
        if (c._tag === "DraftPolicy" || c._tag === "AmendPolicy") pendingBudget = c.terms.budgetFen
        if (c._tag === "PublishPolicy") {
          model.push(pendingBudget!)
          pendingBudget = null
        }
        state = next
      }
      expect(state.versions.map((v) => v.terms.budgetFen)).toEqual(model)
    },
  )
})
