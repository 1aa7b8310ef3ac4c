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

export const applicant = Schema.decodeUnknownSync(Application.Applicant)({
  kind: "enterprise",
  code: "91430102MA4L0P1T5J",
  name: "长沙市芙蓉区湘味小厨餐饮店",
})

export const admin: Actor.Actor = { id: "admin-01", roles: ["catalogueAdmin"] }
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
export const restaurant: Actor.Actor = { id: "xiangwei-01", roles: ["applicant"] }

export const allMaterials = [
  { code: "SP01", form: "paper" as const },
  { code: "SP02", form: "paper" as const },
  { code: "SP03", form: "paper" as const },
]

/** 09:30 Beijing time on a day, as an epoch millisecond for TestClock.setTime. */
export const morningOf = (day: string) => Date.parse(`${day}T01:30:00.000Z`)
