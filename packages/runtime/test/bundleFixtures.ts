/**
 * A restaurant bundle (开办餐饮店) for the runtime's tests: four matters of three authorities —
 * company registration and the food-business licence (city market regulation), the fire-safety
 * inspection before opening, on commitment (the city fire brigade), the shop sign (district urban
 * management) — with their staff, and the applicant of `fixtures.ts`.
 */
import { type Actor, PublishedMatter, type ServiceBundle } from "@yiciban/core"
import type { EventStore } from "@yiciban/eventstore"
import { Effect, Schema } from "effect"
import { Aggregates, BundleApplications, CommandHandler, type RuntimeStore } from "../src/index.ts"
import { cityBureau, elements } from "./fixtures.ts"

const authority = Schema.decodeUnknownSync(PublishedMatter.ImplementingAuthority)
export const fireBrigade = authority({
  name: "长沙市消防救援支队",
  creditCode: "11430100MB1C77190A",
  division: "430100",
})
export const urbanManagement = authority({
  name: "长沙市芙蓉区城市管理和综合执法局",
  creditCode: "11430102MB1D55240C",
  division: "430102",
})

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
const tolerant = (code: string) => ({
  deferrableMaterialCodes: [code],
  supplementDeadlineWorkingDays: 5,
  resultBeforeSupplement: false,
  onDeadlineMissed: "terminate" as const,
})
const { tolerantAcceptance: _none, ...base } = elements
const decode = Schema.decodeUnknownSync(PublishedMatter.MatterElements)

export const companyCode = "11430100MB1A38544B-000201001000-01"
export const company = decode({
  ...base,
  name: "企业设立登记",
  legalBasis: [{ document: "《中华人民共和国市场主体登记管理条例》", provision: "第十七条" }],
  materials: [
    material("QY01", "企业设立登记申请书"),
    material("SFZ", "法定代表人身份证明", { electronicLicenceType: "居民身份证" }),
    material("ZS", "经营场所使用证明"),
    material("QY04", "公司章程", { category: "secondary", deferrable: true }),
  ],
  specialProcedures: [],
  validity: { _tag: "Indefinite" },
  tolerantAcceptance: tolerant("QY04"),
})

export const foodCode = "11430100MB1A38544B-000101003000-01"
export const food = decode({
  ...base,
  materials: [
    material("SP01", "食品经营许可申请书"),
    material("SP-SFZ", "经营者身份证明", { electronicLicenceType: "居民身份证" }),
    material("ZS", "经营场所使用证明"),
    material("SP03", "从业人员健康证明", { category: "secondary", deferrable: true }),
  ],
  tolerantAcceptance: tolerant("SP03"),
})

export const fireCode = "11430100MB1C77190A-000108001000-01"
export const fire = decode({
  ...base,
  name: "公众聚集场所投入使用、营业前消防安全检查",
  legalBasis: [{ document: "《中华人民共和国消防法》", provision: "第十五条" }],
  implementingAuthority: fireBrigade,
  materials: [
    material("XF01", "消防安全检查申报表"),
    material("ZS", "经营场所使用证明"),
    material("XF03", "消防安全制度和应急预案", { category: "secondary", replaceableByCommitment: true }),
  ],
  specialProcedures: [],
  validity: { _tag: "NotApplicable" },
  commitment: {
    enabled: true,
    notice: {
      proofObligation: "场所符合消防技术标准和管理规定",
      proofContent: "消防安全制度、应急预案",
      mannerOfCommitment: "书面承诺",
      liabilityForFalseCommitment: "承诺不实的，撤销许可，记入信用记录",
      verificationPower: "作出决定之日起二十个工作日内现场核查",
    },
    replacedMaterialCodes: ["XF03"],
    replacedConditions: [],
    verification: { _tag: "Required", periodWorkingDays: 20, methods: ["onSite"] },
    barredCategories: [],
    businessLicenceVariants: [],
  },
})

export const signCode = "11430102MB1D55240C-000110003000-01"
export const sign = decode({
  ...base,
  name: "户外招牌设置",
  legalBasis: [{ document: "《城市市容和环境卫生管理条例》", provision: "第十一条" }],
  implementingAuthority: urbanManagement,
  materials: [
    material("ZP01", "户外招牌设置申请表"),
    material("ZP02", "招牌设计效果图", { category: "secondary", deferrable: true }),
    material("SFZ", "法定代表人身份证明", {
      electronicLicenceType: "居民身份证",
      mandatory: false,
      category: "secondary",
    }),
  ],
  scope: { subjectTypes: ["enterpriseLegalPerson", "unincorporatedEnterprise"], regions: ["430102"] },
  specialProcedures: [],
  validity: { _tag: "NotApplicable" },
  tolerantAcceptance: tolerant("ZP02"),
})

export const members = [
  [companyCode, company],
  [foodCode, food],
  [fireCode, fire],
  [signCode, sign],
] as const

const staff = (a: typeof cityBureau, role: Actor.Role, id: string): Actor.Actor => ({
  id,
  roles: [role],
  authority: a.creditCode,
  region: a.division,
})
export const adminOf = (a: typeof cityBureau) =>
  staff(a, "catalogueAdmin", `admin-${a.division}-${a.creditCode.slice(8, 12)}`)
export const clerkOf = (a: typeof cityBureau) => staff(a, "windowClerk", `clerk-${a.creditCode.slice(8, 12)}`)
export const approverOf = (a: typeof cityBureau) => staff(a, "approver", `approver-${a.creditCode.slice(8, 12)}`)
export const headOf = (a: typeof cityBureau) => staff(a, "authorityHead", `head-${a.creditCode.slice(8, 12)}`)
export const leadClerk = clerkOf(cityBureau)

export const bundleId = "CS-KBCYD"

/** Publishes the four matters and the bundle (lead: the city market regulation bureau). */
export const publishBundle = (
  jointLimitWorkingDays = 20,
): Effect.Effect<
  CommandHandler.Outcome<ServiceBundle.State, ServiceBundle.Event>,
  unknown,
  EventStore.EventStore | RuntimeStore.RuntimeStore
> =>
  Effect.gen(function* () {
    for (const [code, terms] of members) {
      const admin = adminOf(terms.implementingAuthority)
      yield* CommandHandler.handle(
        Aggregates.matter,
        code,
        { _tag: "DraftMatter", implementationCode: code, baseCode: code.split("-")[1]!, elements: terms },
        admin,
      )
      yield* CommandHandler.handle(Aggregates.matter, code, { _tag: "PublishDraft", implementationCode: code }, admin)
    }
    const admin = adminOf(cityBureau)
    yield* CommandHandler.handle(
      BundleApplications.serviceBundle,
      bundleId,
      {
        _tag: "DraftBundle",
        bundleId,
        elements: {
          name: "开办餐饮店",
          leadDepartment: cityBureau,
          memberCodes: members.map(([code]) => code),
          introduction: "一次告知、一表申请、一窗受理、并联审批、统一出件",
          jointLimitWorkingDays,
        },
      },
      admin,
    )
    return yield* CommandHandler.handle(
      BundleApplications.serviceBundle,
      bundleId,
      { _tag: "PublishBundle", bundleId },
      admin,
    )
  })
