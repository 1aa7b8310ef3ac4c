import { type Actor, CalendarDate, type Policy } from "../src/index.ts"

export const hrBureau = { creditCode: "11430100006183245G", name: "长沙市人力资源和社会保障局", division: "430100" }
export const financeBureau = { creditCode: "11430100006184001K", name: "长沙市财政局", division: "430100" }
export const admin: Actor.Actor = {
  id: "admin-hr",
  roles: ["catalogueAdmin"],
  authority: hrBureau.creditCode,
  region: hrBureau.division,
}

/** 稳岗补贴: per insured employee, capped, paid automatically to small enterprises of the city. */
export const stableJobsTerms: Policy.Terms = {
  title: "小型微型企业稳岗补贴",
  summary: "对不裁员或少裁员的小型微型企业按参保职工人数发放稳岗补贴，免申即享、直兑直达。",
  keywords: ["稳岗", "失业保险", "餐饮服务"],
  authority: hrBureau,
  legalBasis: "人社部发〔2022〕23号；湘人社规〔2022〕8号",
  region: "430100",
  industries: [],
  subjectKinds: ["enterprise", "individualBusiness"],
  criteria: [
    { _tag: "AtMost", fact: "employeeCount", value: 300 },
    { _tag: "AtLeast", fact: "insuredHeadcount", value: 1 },
  ],
  amount: { _tag: "PerUnit", unit: "insuredHeadcount", perUnitFen: 100_000, capFen: 3_000_000 },
  budgetFen: 10_000_000,
  window: { opensOn: CalendarDate.make("2026-09-01"), closesOn: CalendarDate.make("2026-12-31") },
  mode: { _tag: "AutoEntitlement", confirmation: "subjectConfirms" },
  jointReviewers: [],
  materials: [],
}

/** 创业担保贷款贴息: a percentage of the interest paid, applied for, reviewed jointly with finance. */
export const loanInterestTerms: Policy.Terms = {
  title: "创业担保贷款贴息",
  summary: "对餐饮服务等行业小微企业的创业担保贷款按实际支付利息的50%给予贴息。",
  keywords: ["贴息", "创业担保贷款"],
  authority: hrBureau,
  legalBasis: "财金〔2020〕21号",
  region: "430100",
  industries: ["H62"],
  subjectKinds: ["enterprise"],
  criteria: [{ _tag: "AtMost", fact: "employeeCount", value: 100 }],
  amount: { _tag: "PercentOfBase", baseName: "已付利息", basisPoints: 5_000, capFen: 2_000_000 },
  budgetFen: 5_000_000,
  window: { opensOn: CalendarDate.make("2026-09-01"), closesOn: CalendarDate.make("2026-11-30") },
  mode: { _tag: "ApplyAndRedeem" },
  jointReviewers: [financeBureau],
  materials: [{ code: "M1", name: "贷款合同及付息凭证" }],
}
