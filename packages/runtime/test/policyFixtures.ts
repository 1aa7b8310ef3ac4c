/** Policies, subjects and actors shared by the policy tests, the matrix and the bench. */
import type { Actor, Policy } from "@yiciban/core"
import { CalendarDate } from "@yiciban/core"
import type { SharedData } from "../src/index.ts"

export const hrBureau = { creditCode: "11430100006183245G", name: "长沙市人力资源和社会保障局", division: "430100" }
export const financeBureau = { creditCode: "11430100006184001K", name: "长沙市财政局", division: "430100" }
export const otherBureau = { creditCode: "11440300007542391T", name: "深圳市人力资源和社会保障局", division: "440300" }

const staff = (authority: typeof hrBureau, role: Actor.Role, id: string): Actor.Actor => ({
  id,
  roles: [role],
  authority: authority.creditCode,
  region: authority.division,
})
export const policyAdmin = staff(hrBureau, "catalogueAdmin", "admin-hr")
export const hrClerk = staff(hrBureau, "windowClerk", "clerk-hr")
export const hrApprover = staff(hrBureau, "approver", "approver-hr")
export const financeReviewer = staff(financeBureau, "reviewer", "reviewer-fin")

/** 湘味餐饮 (18 insured), 星城小吃 (6 insured), 岳麓书店 (a bookshop), 深圳某公司 (outside the region). */
export const restaurantCode = "91430102MA4L0P1T5J"
export const snackCode = "91430103MA4L16JQ9Q"
export const bookshopCode = "91430104MA4L2A7X69"
export const shenzhenCode = "91440300MA5F0000X1"
export const representative = (code: string): Actor.Actor => ({
  id: `rep-${code.slice(-4)}`,
  roles: ["applicant"],
  subjects: [{ code, relation: "legalRepresentative" }],
})

const registration = (name: string, industry: string, region: string, employees: number) => ({
  name,
  subjectKind: "enterprise",
  industryCodes: [industry],
  region,
  registeredCapitalFen: 50_000_000,
  employeeCount: employees,
})
const account = (name: string, no: string) => ({
  bank: "长沙银行",
  accountName: name,
  accountNo: no,
  verifiedOn: "2026-08-01",
})

export const sharedRecords = (): SharedData.MemoryRecords => ({
  [restaurantCode]: {
    businessRegistration: registration("长沙湘味餐饮有限公司", "H621", "430102", 18),
    socialSecurity: { insuredHeadcount: 18, month: "2026-08" },
    payeeAccount: account("长沙湘味餐饮有限公司", "6222000012340001"),
  },
  [snackCode]: {
    businessRegistration: registration("长沙星城小吃店有限公司", "H622", "430103", 6),
    socialSecurity: { insuredHeadcount: 6, month: "2026-08" },
    payeeAccount: account("长沙星城小吃店有限公司", "6222000012340002"),
  },
  [bookshopCode]: {
    businessRegistration: registration("长沙岳麓书店有限公司", "F5243", "430104", 450),
    socialSecurity: { insuredHeadcount: 400, month: "2026-08" },
  },
  [shenzhenCode]: {
    businessRegistration: registration("深圳某餐饮有限公司", "H621", "440300", 10),
    socialSecurity: { insuredHeadcount: 10, month: "2026-08" },
  },
})

const window = { opensOn: CalendarDate.make("2026-09-01"), closesOn: CalendarDate.make("2026-12-31") }

/** 稳岗补贴: 1 000 yuan per insured employee, at most 30 000, 免申即享 with the subject's confirmation. */
export const stableJobs: Policy.Terms = {
  title: "小型微型企业稳岗补贴",
  summary: "对不裁员或少裁员的小型微型企业按参保职工人数发放稳岗补贴，免申即享、直兑直达。",
  keywords: ["稳岗", "失业保险", "援企稳岗"],
  authority: hrBureau,
  legalBasis: "人社部发〔2022〕23号",
  region: "430100",
  industries: [],
  subjectKinds: ["enterprise", "individualBusiness"],
  criteria: [
    { _tag: "AtMost", fact: "employeeCount", value: 300 },
    { _tag: "AtLeast", fact: "insuredHeadcount", value: 1 },
  ],
  amount: { _tag: "PerUnit", unit: "insuredHeadcount", perUnitFen: 100_000, capFen: 3_000_000 },
  budgetFen: 5_000_000,
  window,
  mode: { _tag: "AutoEntitlement", confirmation: "subjectConfirms" },
  jointReviewers: [],
  materials: [],
}

/** 创业担保贷款贴息: 50% of the interest paid, at most 20 000 yuan, applied for, reviewed with finance. */
export const loanInterest: Policy.Terms = {
  title: "创业担保贷款贴息",
  summary: "对餐饮服务业小型微型企业的创业担保贷款，按实际支付利息的50%给予财政贴息。",
  keywords: ["贴息", "创业担保贷款", "小微企业"],
  authority: hrBureau,
  legalBasis: "财金〔2020〕21号",
  region: "430100",
  industries: ["H62"],
  subjectKinds: ["enterprise"],
  criteria: [{ _tag: "AtMost", fact: "employeeCount", value: 100 }],
  amount: { _tag: "PercentOfBase", baseName: "已付利息", basisPoints: 5_000, capFen: 2_000_000 },
  budgetFen: 3_000_000,
  window,
  mode: { _tag: "ApplyAndRedeem" },
  jointReviewers: [financeBureau],
  materials: [{ code: "M1", name: "贷款合同及付息凭证" }],
}

/** 文旅消费券: a fixed amount for tourism businesses of Shenzhen — outside 长沙, another industry. */
export const tourismVouchers: Policy.Terms = {
  title: "文旅企业消费券补贴",
  summary: "对参与文旅消费季活动的旅行社、景区等文化旅游企业给予定额补贴。",
  keywords: ["文旅", "消费券"],
  authority: otherBureau,
  legalBasis: "深文旅〔2026〕3号",
  region: "440300",
  industries: ["L7271", "N786"],
  subjectKinds: ["enterprise"],
  criteria: [],
  amount: { _tag: "Fixed", amountFen: 500_000 },
  budgetFen: 20_000_000,
  window: { opensOn: CalendarDate.make("2026-10-01"), closesOn: CalendarDate.make("2027-03-31") },
  mode: { _tag: "ApplyAndRedeem" },
  jointReviewers: [],
  materials: [],
}

/** The queries both libraries (memory and SQL) answer alike. */
export const libraryQueries = [
  { text: "餐饮" },
  { text: "小微企业" },
  { text: "稳岗 补贴" },
  { text: "旅游" },
  { text: "贴息", division: "430102" },
  { division: "430102", industry: "H621", subjectKind: "enterprise" as const },
  { openOn: CalendarDate.make("2026-09-15") },
  { minAmountFen: 2_500_000 },
  { authority: "11440300007542391T" },
  { text: "补贴", limit: 1, offset: 1 },
  { text: "火锅" },
]
