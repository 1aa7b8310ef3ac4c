/**
 * A food-business licence matter of 长沙市市场监督管理局, its staff and an applicant (made-up
 * codes with valid check characters), for the runtime's tests.
 */
import { type Actor, Application, PublishedMatter } from "@yiciban/core"
import { Schema } from "effect"

const material = (
  code: string,
  name: string,
  category: PublishedMatter.MaterialCategory,
  deferrable = false,
): PublishedMatter.MaterialRequirement => ({
  code,
  name,
  mandatory: true,
  category,
  originals: 0,
  copies: 1,
  deferrable,
  replaceableByCommitment: false,
})

const authority = Schema.decodeUnknownSync(PublishedMatter.ImplementingAuthority)
export const cityBureau = authority({
  name: "长沙市市场监督管理局",
  creditCode: "11430100MB1A38544B",
  division: "430100",
})
export const districtBureau = authority({
  name: "长沙市芙蓉区市场监督管理局",
  creditCode: "11430102MB1A4029XP",
  division: "430102",
})

export const matterCode = "11430100MB1A38544B-000101001000-01"

export const elements: PublishedMatter.MatterElements = Schema.decodeUnknownSync(PublishedMatter.MatterElements)({
  kind: "01",
  name: "食品经营许可",
  legalBasis: [{ document: "《中华人民共和国食品安全法》", provision: "第三十五条" }],
  implementingAuthority: cityBureau,
  conditions: ["具有与经营的食品品种、数量相适应的经营场所"],
  procedure: [
    { name: "受理", description: "材料齐全、符合法定形式的予以受理" },
    { name: "审查", description: "材料审查与现场核查" },
    { name: "决定", description: "作出准予或不予许可的决定" },
  ],
  processingMode: "promised",
  statutoryLimitWorkingDays: 20,
  promisedLimitWorkingDays: 10,
  materials: [
    material("SP01", "食品经营许可申请书", "core"),
    material("SP02", "营业执照", "core"),
    material("SP03", "从业人员健康证明", "secondary", true),
  ],
  scope: { subjectTypes: ["enterpriseLegalPerson", "unincorporatedEnterprise"], regions: ["430100"] },
  validity: { _tag: "Fixed", amount: 5, unit: "years" },
  intermediaryServices: [],
  fees: [],
  specialProcedures: ["inspection"],
  extensionAllowed: true,
  tolerantAcceptance: {
    deferrableMaterialCodes: ["SP03"],
    supplementDeadlineWorkingDays: 5,
    resultBeforeSupplement: false,
    onDeadlineMissed: "terminate",
  },
  ratingEnabled: true,
})

/**
 * The same matter open to natural persons too (its scope names them: ALL Art 31), for the tests
 * where persons apply.
 */
export const elementsForPersons: PublishedMatter.MatterElements = {
  ...elements,
  scope: { ...elements.scope, subjectTypes: [...elements.scope.subjectTypes, "naturalPerson"] },
}

export const applicant = Schema.decodeUnknownSync(Application.ApplicantInput)({
  kind: "enterprise",
  code: "91430102MA4L0P1T5J",
  name: "长沙市芙蓉区湘味小厨餐饮店",
})

export const admin: Actor.Actor = {
  id: "admin-01",
  roles: ["catalogueAdmin"],
  authority: "11430100MB1A38544B",
  region: "430100",
}
export const clerk: Actor.Actor = {
  id: "clerk-07",
  roles: ["windowClerk"],
  authority: cityBureau.creditCode,
  region: "430100",
}
export const districtClerk: Actor.Actor = {
  id: "clerk-21",
  roles: ["windowClerk"],
  authority: districtBureau.creditCode,
  region: "430102",
}
export const approver: Actor.Actor = {
  id: "head-01",
  roles: ["approver"],
  authority: cityBureau.creditCode,
  region: "430100",
}
export const restaurant: Actor.Actor = {
  id: "xiangwei-01",
  roles: ["applicant"],
  subjects: [{ code: "91430102MA4L0P1T5J", relation: "legalRepresentative" }],
}

export const allMaterials = [
  { code: "SP01", form: "paper" as const },
  { code: "SP02", form: "paper" as const },
  { code: "SP03", form: "paper" as const },
]

/** 09:30 Beijing time on a day, as an epoch millisecond for TestClock.setTime. */
export const morningOf = (day: string) => Date.parse(`${day}T01:30:00.000Z`)

/**
 * Advertisement publication registration (广告发布登记), offering notify-and-commit: a written
 * commitment replaces the reviewer's qualification (GF03); verified within 20 working days, on
 * site or by data check; both business-licence variants.
 */
export const adCode = "11430100MB1A38544B-000101008000-01"
const commitmentNotice = {
  proofObligation: "申请人应当证明具备相应的广告审查人员",
  proofContent: "广告审查人员的资格证明",
  mannerOfCommitment: "书面承诺已经具备上述条件",
  liabilityForFalseCommitment: "承诺不实的，撤销登记，记入信用记录",
  verificationPower: "本机关自作出决定之日起二十个工作日内核查",
}
const { tolerantAcceptance: _tolerant, ...withoutTolerance } = elements
const onCommitment = (
  name: string,
  codes: readonly [string, string, string],
  variants: ReadonlyArray<PublishedMatter.BusinessLicenceVariant>,
): PublishedMatter.MatterElements =>
  Schema.decodeUnknownSync(PublishedMatter.MatterElements)({
    ...withoutTolerance,
    name,
    materials: [
      material(codes[0], "登记表", "core"),
      material(codes[1], "营业执照", "core"),
      { ...material(codes[2], "资格证明", "secondary"), replaceableByCommitment: true },
    ],
    specialProcedures: [],
    commitment: {
      enabled: true,
      notice: commitmentNotice,
      replacedMaterialCodes: [codes[2]],
      replacedConditions: ["具备相应的审查人员"],
      verification: { _tag: "Required", periodWorkingDays: 20, methods: ["onSite", "dataCheck"] },
      barredCategories: [],
      businessLicenceVariants: variants,
    },
  })
export const adElements = onCommitment("广告发布登记", ["GF01", "GF02", "GF03"], ["meetsNow", "willMeetBy"])

/** Outdoor advertising registration (户外广告设施设置登记), also on commitment, no licence variants. */
export const signCode = "11430100MB1A38544B-000110005000-01"
export const signElements = onCommitment("户外广告设施设置登记", ["GG01", "GG02", "GG03"], [])

export const verifier: Actor.Actor = {
  id: "inspector-12",
  roles: ["verifier"],
  authority: cityBureau.creditCode,
  region: "430100",
}

export const letter = {
  signer: { _tag: "Applicant" as const, name: "李湘（经营者）" },
  confirmations: {
    knowsNotice: true,
    meetsConditions: true,
    informationTrue: true,
    acceptsVerificationAndLiability: true,
  },
  statement: "本人已知晓告知的全部内容，承诺符合条件，所填信息真实，愿意接受核查并承担不实承诺的法律责任",
}
