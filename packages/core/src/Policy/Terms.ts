/**
 * The terms of a policy (政策要素): who issues it and under which law, where and to whom it
 * applies, its eligibility criteria as data, its amount rule, budget, application window,
 * redemption mode and materials; and the two pure functions the runtime judges an applicant with:
 * {@link eligibility} over the applicant's facts and {@link amountOf}. Money is in fen (分), an
 * integer.
 *
 * @since 0.3.0
 */
import * as Result from "effect/Result"
import * as Schema from "effect/Schema"
import { CalendarDate } from "../CalendarDate.ts"

/**
 * A policy's id: upper-case letters, digits and `-` (`HN-2026-WG-01`).
 *
 * @category schemas
 * @since 0.3.0
 */
export const PolicyId = Schema.String.check(Schema.isPattern(/^[0-9A-Z][0-9A-Z-]{0,63}$/))

/**
 * @category models
 * @since 0.3.0
 */
export type PolicyId = typeof PolicyId.Type

/**
 * A six-digit administrative division code (行政区划代码).
 *
 * @category schemas
 * @since 0.3.0
 */
export const DivisionCode = Schema.String.check(Schema.isPattern(/^\d{6}$/))

/**
 * An authority: its unified social credit code, name and division code.
 *
 * @category schemas
 * @since 0.3.0
 */
export const Authority = Schema.Struct({
  creditCode: Schema.NonEmptyString,
  name: Schema.NonEmptyString,
  division: DivisionCode,
})

/**
 * @category models
 * @since 0.3.0
 */
export type Authority = typeof Authority.Type

/**
 * The kinds of subject a policy may be for: an enterprise (企业), an individual business (个体工商户),
 * a farmers' cooperative (农民专业合作社), a social organisation (社会组织) — each identified by its
 * unified social credit code — or a natural person (自然人, e.g. a flexibly employed worker, 灵活就业人员),
 * identified by its resident identity number (personal data: sealed by the runtime).
 *
 * @category schemas
 * @since 0.3.0
 */
export const SubjectKind = Schema.Literals([
  "enterprise",
  "individualBusiness",
  "cooperative",
  "socialOrganisation",
  "naturalPerson",
])

/**
 * @category models
 * @since 0.3.0
 */
export type SubjectKind = typeof SubjectKind.Type

/**
 * A numeric fact about an applicant that a criterion or an amount rule may read.
 *
 * @category schemas
 * @since 0.3.0
 */
export const NumericFact = Schema.Literals(["registeredCapitalFen", "employeeCount", "insuredHeadcount"])

/**
 * @category models
 * @since 0.3.0
 */
export type NumericFact = typeof NumericFact.Type

const Count = Schema.Int.check(Schema.isGreaterThanOrEqualTo(0))
const Positive = Schema.Int.check(Schema.isGreaterThanOrEqualTo(1))

/**
 * An eligibility criterion, as data: a numeric fact at least or at most a value (e.g. 小型微型企业:
 * `employeeCount` at most 100 for 餐饮业 under 工信部联企业〔2011〕300号).
 *
 * @category schemas
 * @since 0.3.0
 */
export const Criterion = Schema.Union([
  Schema.TaggedStruct("AtLeast", { fact: NumericFact, value: Count }),
  Schema.TaggedStruct("AtMost", { fact: NumericFact, value: Count }),
])

/**
 * @category models
 * @since 0.3.0
 */
export type Criterion = typeof Criterion.Type

/**
 * How much a subject receives: a fixed amount; an amount per unit of a fact (per insured
 * employee) up to a cap; or a percentage (in basis points, 1/100 of a percent) of a base the
 * applicant declares and the reviewers check (the interest paid on a guaranteed loan), up to a
 * cap.
 *
 * @category schemas
 * @since 0.3.0
 */
export const AmountRule = Schema.Union([
  Schema.TaggedStruct("Fixed", { amountFen: Positive }),
  Schema.TaggedStruct("PerUnit", { unit: NumericFact, perUnitFen: Positive, capFen: Positive }),
  Schema.TaggedStruct("PercentOfBase", {
    baseName: Schema.NonEmptyString,
    basisPoints: Positive.check(Schema.isLessThanOrEqualTo(10_000)),
    capFen: Positive,
  }),
])

/**
 * @category models
 * @since 0.3.0
 */
export type AmountRule = typeof AmountRule.Type

/**
 * How a policy is redeemed: apply-and-redeem (快申快享), or auto-entitlement (免申即享) where the
 * runtime finds eligible subjects from shared data and offers; the subject confirms, or the policy
 * disburses without confirmation.
 *
 * @category schemas
 * @since 0.3.0
 */
export const Mode = Schema.Union([
  Schema.TaggedStruct("ApplyAndRedeem", {}),
  Schema.TaggedStruct("AutoEntitlement", {
    confirmation: Schema.Literals(["subjectConfirms", "disburseWithoutConfirmation"]),
  }),
])

/**
 * @category models
 * @since 0.3.0
 */
export type Mode = typeof Mode.Type

/**
 * The application window: first and last day (inclusive).
 *
 * @category schemas
 * @since 0.3.0
 */
export const Window = Schema.Struct({ opensOn: CalendarDate, closesOn: CalendarDate })

/**
 * @category models
 * @since 0.3.0
 */
export type Window = typeof Window.Type

/**
 * A material the applicant hands over.
 *
 * @category schemas
 * @since 0.3.0
 */
export const Material = Schema.Struct({ code: Schema.NonEmptyString, name: Schema.NonEmptyString })

/**
 * The elements of a policy. `region`: where it applies (a province code covers the province);
 * `industries`: GB/T 4754 code prefixes (`H62` covers `H621`), empty for every industry;
 * `jointReviewers`: the departments that must each agree before an approval (联合审核).
 *
 * @category schemas
 * @since 0.3.0
 */
export const Terms = Schema.Struct({
  title: Schema.NonEmptyString,
  summary: Schema.String,
  keywords: Schema.Array(Schema.NonEmptyString),
  authority: Authority,
  legalBasis: Schema.NonEmptyString,
  region: DivisionCode,
  industries: Schema.Array(Schema.NonEmptyString),
  subjectKinds: Schema.NonEmptyArray(SubjectKind),
  criteria: Schema.Array(Criterion),
  amount: AmountRule,
  budgetFen: Positive,
  window: Window,
  mode: Mode,
  jointReviewers: Schema.Array(Authority),
  materials: Schema.Array(Material),
})

/**
 * @category models
 * @since 0.3.0
 */
export type Terms = typeof Terms.Type

/**
 * What the runtime knows of an applicant from shared data: its kind, industries, region,
 * registered capital, employee count, and insured headcount (`null` when social security shares no
 * record).
 *
 * @category schemas
 * @since 0.3.0
 */
export const ApplicantFacts = Schema.Struct({
  subjectKind: SubjectKind,
  industryCodes: Schema.Array(Schema.String),
  region: DivisionCode,
  registeredCapitalFen: Count,
  employeeCount: Count,
  insuredHeadcount: Schema.NullOr(Count),
})

/**
 * @category models
 * @since 0.3.0
 */
export type ApplicantFacts = typeof ApplicantFacts.Type

/**
 * The prefix of the division codes a region covers: `43` for `430000`, `4301` for `430100`.
 *
 * @category combinators
 * @since 0.3.0
 */
export const regionPrefix = (region: string): string =>
  region.endsWith("0000") ? region.slice(0, 2) : region.endsWith("00") ? region.slice(0, 4) : region

/**
 * The region `region` covers the division `division`.
 *
 * @category guards
 * @since 0.3.0
 */
export const regionCovers = (region: string, division: string): boolean => division.startsWith(regionPrefix(region))

/**
 * One unmet condition: which (`subjectKind`, `region`, `industry`, or the criterion's fact) and why.
 *
 * @category models
 * @since 0.3.0
 */
export interface Unmet {
  readonly condition: string
  readonly detail: string
}

const factValue = (facts: ApplicantFacts, fact: NumericFact): number | null => facts[fact]

/**
 * The conditions of a policy an applicant does not meet (empty: eligible): the subject kind, the
 * region, the industry, then each criterion in order. A criterion over the insured headcount is
 * unmet when social security shares no record.
 *
 * @example
 * ```ts
 * import { Policy } from "@yiciban/core"
 *
 * Policy.eligibility(terms, facts) // [] when eligible, [{ condition: "employeeCount", detail: "120 > 100" }] otherwise
 * ```
 *
 * @category combinators
 * @since 0.3.0
 */
export const eligibility = (terms: Terms, facts: ApplicantFacts): ReadonlyArray<Unmet> => {
  const unmet: Array<Unmet> = []
  if (!terms.subjectKinds.includes(facts.subjectKind)) {
    unmet.push({ condition: "subjectKind", detail: `${facts.subjectKind} not in ${terms.subjectKinds.join(", ")}` })
  }
  if (!regionCovers(terms.region, facts.region)) {
    unmet.push({ condition: "region", detail: `${facts.region} outside ${terms.region}` })
  }
  if (
    terms.industries.length > 0 &&
    !facts.industryCodes.some((code) => terms.industries.some((prefix) => code.startsWith(prefix)))
  ) {
    unmet.push({
      condition: "industry",
      detail: `${facts.industryCodes.join(", ") || "none"} not in ${terms.industries.join(", ")}`,
    })
  }
  for (const criterion of terms.criteria) {
    const value = factValue(facts, criterion.fact)
    if (value === null) {
      unmet.push({ condition: criterion.fact, detail: "no record shared" })
    } else if (criterion._tag === "AtLeast" ? value < criterion.value : value > criterion.value) {
      unmet.push({
        condition: criterion.fact,
        detail: criterion._tag === "AtLeast" ? `${value} < ${criterion.value}` : `${value} > ${criterion.value}`,
      })
    }
  }
  return unmet
}

/**
 * Why no amount can be computed: the unit fact has no record, or a percentage rule has no base.
 *
 * @category errors
 * @since 0.3.0
 */
export const AmountUnavailable = Schema.TaggedStruct("AmountUnavailable", { detail: Schema.String })

/**
 * @category models
 * @since 0.3.0
 */
export type AmountUnavailable = typeof AmountUnavailable.Type

/**
 * The amount in fen the rule gives an applicant: the fixed amount; per unit × the fact, capped;
 * the base × basis points / 10 000 rounded down, capped. Never negative, never above the cap.
 *
 * @example
 * ```ts
 * import { Policy } from "@yiciban/core"
 *
 * Policy.amountOf({ _tag: "PerUnit", unit: "insuredHeadcount", perUnitFen: 100_000, capFen: 3_000_000 }, facts, null)
 * // Result.succeed(1_800_000) for 18 insured
 * ```
 *
 * @category combinators
 * @since 0.3.0
 */
export const amountOf = (
  rule: AmountRule,
  facts: ApplicantFacts,
  baseFen: number | null,
): Result.Result<number, AmountUnavailable> => {
  switch (rule._tag) {
    case "Fixed":
      return Result.succeed(rule.amountFen)
    case "PerUnit": {
      const units = factValue(facts, rule.unit)
      if (units === null) return Result.fail({ _tag: "AmountUnavailable", detail: `no ${rule.unit} shared` })
      return Result.succeed(Math.min(units * rule.perUnitFen, rule.capFen))
    }
    case "PercentOfBase": {
      if (baseFen === null || !Number.isSafeInteger(baseFen) || baseFen < 0) {
        return Result.fail({ _tag: "AmountUnavailable", detail: `no ${rule.baseName} declared` })
      }
      return Result.succeed(Math.min(Math.floor((baseFen * rule.basisPoints) / 10_000), rule.capFen))
    }
  }
}

/**
 * What is wrong with a policy's terms, or `undefined`: the window closes before it opens, a joint
 * reviewer is named twice or is the issuing authority, a material code repeats.
 *
 * @category combinators
 * @since 0.3.0
 */
export const termsProblem = (terms: Terms): string | undefined => {
  if (terms.window.closesOn < terms.window.opensOn) {
    return `the window closes on ${terms.window.closesOn}, before it opens on ${terms.window.opensOn}`
  }
  const reviewers = terms.jointReviewers.map((r) => r.creditCode)
  if (new Set(reviewers).size !== reviewers.length) return "a joint reviewer is named twice"
  if (reviewers.includes(terms.authority.creditCode)) return "the issuing authority is not a joint reviewer of itself"
  const materials = terms.materials.map((m) => m.code)
  if (new Set(materials).size !== materials.length) return "a material code is named twice"
  return undefined
}
