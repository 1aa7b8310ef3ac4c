/**
 * What the hall holds on its first start: the bureau's matters (a food-business licence that
 * offers tolerant acceptance, two registrations that offer notify-and-commit), the bundle
 * 开办餐饮店 (with the fire brigade's inspection before opening), two policies, and a few cases already under way, so every page has something to
 * show: a case near its promised date, a concluded case that was rated, a grant on commitment
 * whose verification found the commitment false. Each command has a fixed id, so a second run
 * changes nothing.
 */
import { existsSync, writeFileSync } from "node:fs"
import { join } from "node:path"
import { CalendarDate, type Policy } from "@yiciban/core"
import { CommandHandler, Policies, SharedData, type Yiciban } from "@yiciban/runtime"
import { actorOf, bureau, policyOffice, restaurant, teahouse } from "./actors.ts"
import type { DemoClock } from "./clock.ts"

export const foodCode = `${bureau.creditCode}-000101001000-01`
export const adCode = `${bureau.creditCode}-000101008000-01`
export const signCode = `${bureau.creditCode}-000110005000-01`
export const bundleId = "CS-KBCYD"

/** The fire brigade: its inspection before opening is the bundle's member of another authority. */
export const fireBrigade = { name: "长沙市消防救援支队", creditCode: "11430100MB1C77190A", division: "430100" } as const
export const fireCode = `${fireBrigade.creditCode}-000110020000-01`

const admin: Yiciban.ActorInput = {
  id: "catalogue-01",
  roles: ["catalogueAdmin"],
  authority: bureau.creditCode,
  region: bureau.division,
}
const verifier: Yiciban.ActorInput = {
  id: "inspector-12",
  roles: ["verifier"],
  authority: bureau.creditCode,
  region: bureau.division,
}

const material = (code: string, name: string, category: "core" | "secondary", deferrable = false) => ({
  code,
  name,
  mandatory: true,
  category,
  originals: 0,
  copies: 1,
  deferrable,
  replaceableByCommitment: false,
})

const foodLicence: Yiciban.PublishInput["elements"] = {
  kind: "01",
  name: "食品经营许可",
  legalBasis: [{ document: "《中华人民共和国食品安全法》", provision: "第三十五条" }],
  implementingAuthority: bureau,
  conditions: ["具有与经营的食品品种、数量相适应的经营场所", "具有合理的设备布局和工艺流程"],
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
}

const { tolerantAcceptance: _foodOnly, ...withoutTolerance } = foodLicence
const onCommitment = (
  name: string,
  prefix: string,
  replaces: string,
  condition: string,
): Yiciban.PublishInput["elements"] => ({
  ...withoutTolerance,
  name,
  conditions: [condition],
  materials: [
    material(`${prefix}01`, `${name}申请表`, "core"),
    material(`${prefix}02`, "营业执照", "core"),
    { ...material(`${prefix}03`, replaces, "secondary"), replaceableByCommitment: true },
  ],
  specialProcedures: [],
  commitment: {
    enabled: true,
    notice: {
      proofObligation: `申请人应当证明${condition}`,
      proofContent: replaces,
      mannerOfCommitment: `书面承诺${condition}，可不再提交${replaces}`,
      liabilityForFalseCommitment: "承诺不实的，撤销决定，记入信用记录，一年内不得以告知承诺方式申请",
      verificationPower: "本机关自作出决定之日起二十个工作日内现场核查或数据比对",
    },
    replacedMaterialCodes: [`${prefix}03`],
    replacedConditions: [condition],
    verification: { _tag: "Required", periodWorkingDays: 20, methods: ["onSite", "dataCheck"] },
    barredCategories: [],
    businessLicenceVariants: [],
  },
})

const matters: ReadonlyArray<readonly [string, Yiciban.PublishInput["elements"]]> = [
  [foodCode, foodLicence],
  [adCode, onCommitment("广告发布登记", "GF", "广告审查人员资格证明", "配有熟悉广告法规的广告审查人员")],
  [signCode, onCommitment("户外广告设施设置登记", "GG", "设置场所使用权证明", "对设置场所享有使用权")],
]

const fireCheck: Yiciban.PublishInput["elements"] = {
  ...withoutTolerance,
  name: "公众聚集场所投入使用、营业前消防安全检查",
  legalBasis: [{ document: "《中华人民共和国消防法》", provision: "第十五条" }],
  implementingAuthority: fireBrigade,
  conditions: ["场所符合消防技术标准和管理规定"],
  promisedLimitWorkingDays: 7,
  statutoryLimitWorkingDays: 10,
  materials: [material("XF01", "消防安全检查申报表", "core"), material("XF02", "消防安全制度和应急预案", "core")],
  specialProcedures: [],
}

const hr = policyOffice
const finance = { creditCode: "11430100006184001K", name: "长沙市财政局", division: "430100" }
const window = { opensOn: CalendarDate.make("2026-09-01"), closesOn: CalendarDate.make("2026-12-31") }

/** The policies of 长沙 in the library: one paid without application, two applied for (快申快享). */
export const policies: ReadonlyArray<readonly [string, Policy.Terms]> = [
  [
    "CS-2026-WG-01",
    {
      title: "小型微型企业稳岗补贴",
      summary: "对不裁员或少裁员的小型微型企业，按参保职工人数每人1000元发放稳岗补贴，免申即享、直兑直达。",
      keywords: ["稳岗", "失业保险", "援企稳岗"],
      authority: hr,
      legalBasis: "人社部发〔2022〕23号",
      region: "430100",
      industries: [],
      subjectKinds: ["enterprise", "individualBusiness"],
      criteria: [
        { _tag: "AtMost", fact: "employeeCount", value: 300 },
        { _tag: "AtLeast", fact: "insuredHeadcount", value: 1 },
      ],
      amount: { _tag: "PerUnit", unit: "insuredHeadcount", perUnitFen: 100_000, capFen: 3_000_000 },
      budgetFen: 50_000_000,
      window,
      mode: { _tag: "AutoEntitlement", confirmation: "disburseWithoutConfirmation" },
      jointReviewers: [],
      materials: [],
    },
  ],
  [
    "CS-2026-TX-01",
    {
      title: "创业担保贷款贴息",
      summary: "对餐饮服务业小微企业的创业担保贷款，按实际支付利息的50%给予财政贴息，最高2万元。",
      keywords: ["贴息", "创业担保贷款", "小微企业"],
      authority: hr,
      legalBasis: "财金〔2020〕21号",
      region: "430100",
      industries: ["H62"],
      subjectKinds: ["enterprise"],
      criteria: [{ _tag: "AtMost", fact: "employeeCount", value: 100 }],
      amount: { _tag: "PercentOfBase", baseName: "已付利息", basisPoints: 5_000, capFen: 2_000_000 },
      budgetFen: 10_000_000,
      window,
      mode: { _tag: "ApplyAndRedeem" },
      jointReviewers: [finance],
      materials: [{ code: "TX01", name: "贷款合同及付息凭证" }],
    },
  ],
  [
    "CS-2026-KG-01",
    {
      title: "餐饮业小微企业扩岗补助",
      summary:
        "对新吸纳就业并缴纳社会保险的餐饮业小型微型企业，一次性给予扩岗补助5000元，快申快享、直达企业账户（演示政策）。",
      keywords: ["扩岗", "吸纳就业", "餐饮", "小微企业"],
      authority: hr,
      legalBasis: "演示用政策，非真实文件",
      region: "430100",
      industries: ["H62"],
      subjectKinds: ["enterprise", "individualBusiness"],
      criteria: [
        { _tag: "AtMost", fact: "employeeCount", value: 100 },
        { _tag: "AtLeast", fact: "insuredHeadcount", value: 1 },
      ],
      amount: { _tag: "Fixed", amountFen: 500_000 },
      budgetFen: 100_000_000,
      window,
      mode: { _tag: "ApplyAndRedeem" },
      jointReviewers: [],
      materials: [{ code: "KG01", name: "新吸纳就业人员名单" }],
    },
  ],
]

/**
 * What the data-sharing platform (数据共享) says of the two restaurants: their registration, social
 * security and verified payee account. Policy redemption reads these, never the browser's word.
 */
export const sharedData = SharedData.makeMemory({
  [restaurant.code]: {
    businessRegistration: {
      name: restaurant.name,
      subjectKind: "enterprise",
      industryCodes: ["H621"],
      region: "430102",
      registeredCapitalFen: 10_000_000,
      employeeCount: 12,
    },
    socialSecurity: { insuredHeadcount: 12, month: "2026-10" },
    payeeAccount: {
      bank: "长沙银行",
      accountName: restaurant.name,
      accountNo: "6222000012340012",
      verifiedOn: "2026-08-01",
    },
  },
  [teahouse.code]: {
    businessRegistration: {
      name: teahouse.name,
      subjectKind: "enterprise",
      industryCodes: ["H623"],
      region: "430102",
      registeredCapitalFen: 3_000_000,
      employeeCount: 5,
    },
    socialSecurity: { insuredHeadcount: 5, month: "2026-10" },
    payeeAccount: {
      bank: "湖南银行",
      accountName: teahouse.name,
      accountNo: "6222000012340055",
      verifiedOn: "2026-08-01",
    },
  },
})

const paper = (...codes: ReadonlyArray<string>) => codes.map((code) => ({ code, form: "paper" as const }))

/**
 * True once the seed has run to its end in `dataDir` (it leaves `hall-seeded` there last): a first
 * start stopped half-way seeds again, and its commands that were recorded append nothing.
 */
export const seeded = (dataDir: string) => existsSync(join(dataDir, "hall-seeded"))

/** Marks `dataDir` as seeded. */
export const markSeeded = (dataDir: string) =>
  writeFileSync(join(dataDir, "hall-seeded"), `${new Date().toISOString()}\n`)

/** Seeds the hall. `clock` is moved through October 2026 and left on `startDay`. */
export const seed = async (yiciban: Yiciban.Yiciban, clock: DemoClock, startDay: string) => {
  const clerk = actorOf("clerk")
  const reviewer = actorOf("reviewer")
  const approver = actorOf("approver")
  const xiangwei = actorOf("xiangwei")
  const chayan = actorOf("chayan")
  const app = (command: Yiciban.ApplicationCommand, actor: Yiciban.ActorInput, id: string) =>
    yiciban.application.execute(command, actor, { commandId: `seed/${command.caseNo}/${id}` })

  clock.set("2026-09-01")
  for (const [implementationCode, elements] of matters) {
    await yiciban.matter.publish({ implementationCode, baseCode: implementationCode.split("-")[1]!, elements }, admin, {
      commandIdPrefix: `seed/matter/${implementationCode}`,
    })
  }
  const fireAdmin = { ...admin, id: "catalogue-fire", authority: fireBrigade.creditCode }
  await yiciban.matter.publish(
    { implementationCode: fireCode, baseCode: fireCode.split("-")[1]!, elements: fireCheck },
    fireAdmin,
    {
      commandIdPrefix: `seed/matter/${fireCode}`,
    },
  )
  await yiciban.bundle.execute(
    {
      _tag: "DraftBundle",
      bundleId,
      elements: {
        name: "开办餐饮店",
        leadDepartment: bureau,
        memberCodes: [foodCode, signCode, fireCode],
        introduction: "一次告知、一表申请、一窗受理、并联审批、统一出件",
        jointLimitWorkingDays: 15,
      },
    },
    admin,
    { commandId: "seed/bundle/draft" },
  )
  await yiciban.bundle.execute({ _tag: "PublishBundle", bundleId }, admin, { commandId: "seed/bundle/publish" })
  for (const [policyId, terms] of policies) {
    const hrAdmin = { id: "admin-hr", roles: ["catalogueAdmin"], authority: hr.creditCode, region: hr.division }
    for (const command of [
      { _tag: "DraftPolicy", policyId, terms },
      { _tag: "PublishPolicy", policyId },
    ] as const) {
      await yiciban.run(
        CommandHandler.handle(Policies.policy, undefined, command as never, hrAdmin as never, {
          commandId: `seed/policy/${policyId}/${command._tag}`,
        }),
      )
    }
  }

  // A concluded case of 茶颜小馆, rated online (satisfied): it feeds October's five rates.
  const done = "SCJG-2026-000690"
  clock.set("2026-10-09")
  await yiciban.application.submit(
    { caseNo: done, applicant: teahouse, matterCode: foodCode, materials: paper("SP01", "SP02", "SP03") },
    chayan,
    { commandId: `seed/${done}/submit` },
  )
  await app({ _tag: "AcceptApplication", caseNo: done }, clerk, "accept")
  clock.set("2026-10-16")
  await app(
    { _tag: "RecordReviewStep", caseNo: done, step: "审查", opinion: "材料齐全，现场核查合格" },
    reviewer,
    "review",
  )
  await app({ _tag: "GrantApplication", caseNo: done }, approver, "grant")
  await app({ _tag: "IssueCertificate", caseNo: done, certificateNo: "JY14301000026690" }, clerk, "certificate")
  clock.set("2026-10-19")
  const online = `${done}.online`
  await yiciban.rating.execute({ _tag: "OpenRating", ratingId: online, matterCode: foodCode }, clerk, {
    commandId: `seed/${online}/open`,
  })
  await yiciban.rating.execute({ _tag: "GiveRating", ratingId: online, level: 2, channel: "mobile" }, chayan, {
    commandId: `seed/${online}/give`,
  })

  // A second case of 茶颜小馆, accepted on 19 October: its promised date is near when the hall opens.
  const near = "SCJG-2026-000701"
  await yiciban.application.submit(
    { caseNo: near, applicant: teahouse, matterCode: foodCode, materials: paper("SP01", "SP02", "SP03") },
    chayan,
    { commandId: `seed/${near}/submit` },
  )
  await app({ _tag: "AcceptApplication", caseNo: near }, clerk, "accept")

  // 湘味小厨 registered its advertising on commitment; the verification found no reviewer.
  const ad = "GFDJ-2026-000812"
  clock.set("2026-10-12")
  await yiciban.application.submit(
    { caseNo: ad, applicant: restaurant, matterCode: adCode, materials: paper("GF01", "GF02") },
    xiangwei,
    { commandId: `seed/${ad}/submit` },
  )
  await app(
    {
      _tag: "AcceptOnCommitment",
      caseNo: ad,
      letter: {
        signer: { _tag: "Applicant", name: "李湘（经营者）" },
        confirmations: {
          knowsNotice: true,
          meetsConditions: true,
          informationTrue: true,
          acceptsVerificationAndLiability: true,
        },
        statement: "本人已知晓告知的全部内容，承诺配有广告审查人员，所填信息真实，愿意接受核查并承担不实承诺的法律责任",
      },
      grantOnTheSpot: true,
    },
    clerk,
    "commit",
  )
  clock.set("2026-10-20")
  await app(
    {
      _tag: "RecordVerification",
      caseNo: ad,
      method: "onSite",
      outcome: { _tag: "FalseCommitment", findings: "现场核查：未配备广告审查人员，承诺不实" },
    },
    verifier,
    "verify",
  )
  await yiciban.runProcessManagers()
  clock.set(startDay)
  await yiciban.runDueTimers()
}
