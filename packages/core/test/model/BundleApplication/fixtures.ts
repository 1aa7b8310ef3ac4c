/**
 * A restaurant bundle (开办餐饮店) of four matters across three authorities, as a published bundle
 * version pins them: overlapping materials (the lease under one code, the identity proof under
 * two codes sharing a licence type), deferrable secondary materials, and two matters on
 * commitment.
 */
import { Schema } from "effect"
import {
  Application,
  ServiceBundle as Bundle,
  type Decider,
  type PublishedMatter,
  type ServiceBundle,
} from "../../../src/index.ts"
import { authorities } from "../../arbitraries/matter.ts"

export const [province, market, district] = [authorities[0]!, authorities[1]!, authorities[2]!]

const material = (
  code: string,
  name: string,
  more: Partial<PublishedMatter.MaterialRequirement> = {},
): PublishedMatter.MaterialRequirement => ({
  code,
  name,
  mandatory: true,
  category: "core",
  originals: 0,
  copies: 1,
  deferrable: false,
  replaceableByCommitment: false,
  ...more,
})

const matter = (
  implementationCode: string,
  name: string,
  implementingAuthority: PublishedMatter.ImplementingAuthority,
  materials: ReadonlyArray<PublishedMatter.MaterialRequirement>,
  more: Partial<PublishedMatter.PublishedMatter> = {},
): PublishedMatter.PublishedMatter => ({
  implementationCode,
  baseCode: implementationCode.split("-")[1]!,
  version: 1,
  publishedAt: "2026-09-01T02:00:00.000Z",
  kind: "01",
  name,
  legalBasis: [{ document: "《中华人民共和国行政许可法》" }],
  implementingAuthority,
  conditions: ["申请人为依法登记的市场主体"],
  procedure: [{ name: "受理", description: "" }],
  processingMode: "promised",
  statutoryLimitWorkingDays: 20,
  promisedLimitWorkingDays: 10,
  materials,
  scope: { subjectTypes: [], regions: [] },
  validity: { _tag: "NotApplicable" },
  intermediaryServices: [],
  fees: [],
  specialProcedures: [],
  extensionAllowed: false,
  ratingEnabled: true,
  ...more,
})

const commitment = (replaced: ReadonlyArray<string>): PublishedMatter.CommitmentSettings => ({
  enabled: true,
  notice: {
    proofObligation: "申请人应当具备的条件",
    proofContent: "需要证明的内容",
    mannerOfCommitment: "书面承诺",
    liabilityForFalseCommitment: "承诺不实的法律责任",
    verificationPower: "行政机关的核查权力",
  },
  replacedMaterialCodes: replaced,
  replacedConditions: [],
  verification: { _tag: "Required", periodWorkingDays: 20, methods: ["onSite"] },
  barredCategories: [],
  businessLicenceVariants: [],
})

const tolerant = (codes: ReadonlyArray<string>): PublishedMatter.TolerantAcceptanceSettings => ({
  deferrableMaterialCodes: codes,
  supplementDeadlineWorkingDays: 5,
  resultBeforeSupplement: false,
  onDeadlineMissed: "terminate",
})

export const businessLicence = matter(
  "11430100MB1A38544B-000101001000-01",
  "企业设立登记",
  market,
  [
    material("BL01", "企业设立登记申请书"),
    material("ID", "法定代表人身份证明", { electronicLicenceType: "居民身份证" }),
    material("LEASE", "经营场所使用证明"),
    material("BL04", "公司章程", { category: "secondary", deferrable: true }),
  ],
  { tolerantAcceptance: tolerant(["BL04"]) },
)

export const foodLicence = matter(
  "11430100MB1A38544B-000101002000-01",
  "食品经营许可",
  market,
  [
    material("F01", "食品经营许可申请书"),
    material("F-ID", "经营者身份证明", { electronicLicenceType: "居民身份证" }),
    material("LEASE", "经营场所使用证明"),
    material("F04", "食品安全管理制度", { category: "secondary", deferrable: true, replaceableByCommitment: true }),
  ],
  { tolerantAcceptance: tolerant(["F04"]), commitment: commitment(["F04"]) },
)

export const fireSafety = matter(
  "11430000006114324Y-000102001000-01",
  "公众聚集场所投入使用、营业前消防安全检查",
  province,
  [
    material("X01", "消防安全检查申报表"),
    material("LEASE", "经营场所使用证明"),
    material("X03", "消防安全制度和应急预案", { replaceableByCommitment: true }),
  ],
  { commitment: commitment(["X03"]) },
)

export const signboard = matter(
  "11430102MB0F22318R-000105003000-02",
  "户外招牌设置",
  district,
  [
    material("S01", "户外招牌设置申请表"),
    material("S02", "招牌设计效果图", { category: "secondary", deferrable: true }),
    material("ID", "法定代表人身份证明", { mandatory: false, category: "secondary" }),
  ],
  { tolerantAcceptance: tolerant(["S02"]) },
)

export const allMembers = [businessLicence, foodLicence, fireSafety, signboard] as const

/** The published bundle version over `members`. */
export const publishedBundle = (
  members: ReadonlyArray<PublishedMatter.PublishedMatter> = allMembers,
  jointLimitWorkingDays = 20,
): ServiceBundle.PublishedBundle => ({
  bundleId: "KB-CYD",
  version: 1,
  publishedAt: "2026-09-01T02:00:00.000Z",
  name: "开办餐饮店",
  leadDepartment: market,
  members: [...members],
  introduction: "一次告知、一表申请、一窗受理、并联审批、统一出件",
  jointLimitWorkingDays,
  notice: Bundle.mergeNotice(members),
})

export const applicant = Schema.decodeUnknownSync(Application.ApplicantInput)({
  kind: "enterprise",
  code: "91430102MA4L0P1T5J",
  name: "长沙市芙蓉区湘味小厨餐饮店",
})

const at = (now: string, id: string, roles: Decider.CommandContext["actor"]["roles"], authority?: string) => ({
  now,
  actor: { id, roles, ...(authority === undefined ? {} : { authority }) },
  facts: {},
})
export const now = "2026-09-24T01:30:00.000Z"
export const asApplicant: Decider.CommandContext = at(now, "applicant-1", ["applicant"])
export const asLeadClerk: Decider.CommandContext = at(now, "clerk-lead", ["windowClerk"], market.creditCode)
export const asClerkOf = (authority: PublishedMatter.ImplementingAuthority): Decider.CommandContext =>
  at(now, `clerk-${authority.division}`, ["windowClerk"], authority.creditCode)
export const asHead: Decider.CommandContext = at(now, "head-lead", ["authorityHead"], market.creditCode)
export const asSystem: Decider.CommandContext = at(now, "process:bundle-fan-in", ["system"])
export const onDay = (context: Decider.CommandContext, day: string): Decider.CommandContext => ({
  ...context,
  now: `${day}T01:30:00.000Z`,
})

export const letter = {
  signer: { _tag: "Applicant" as const, name: "李湘（法定代表人）" },
  confirmations: {
    knowsNotice: true,
    meetsConditions: true,
    informationTrue: true,
    acceptsVerificationAndLiability: true,
  },
  statement: "已知晓告知的全部内容，承诺符合条件，愿意承担不实承诺的法律责任",
}
