/**
 * The matter catalogue at work: a food-business licence (食品经营许可) of a city market-regulation
 * bureau is drafted, published, revised and handed to a development zone; a broken draft is
 * rejected with the rule it breaks; and a 开办餐饮店 service bundle merges three matters into one
 * notice and one material list. docs/catalogue.md includes the regions below.
 *
 * The authorities' credit codes are made up (with valid check characters); the elements follow
 * 《中华人民共和国食品安全法》 and 《食品经营许可和备案管理办法》, with a local service promise.
 */
// #region setup
import { CalendarDate, Decider, Matter, PublishedMatter, ServiceBundle } from "@yiciban/core"
import { Result, Schema } from "effect"

const authority = Schema.decodeUnknownSync(PublishedMatter.ImplementingAuthority)

export const cityMarketRegulation = authority({
  name: "长沙市市场监督管理局",
  creditCode: "11430100MB1A38544B", // unified social credit code (GB 32100), check character verified
  division: "430100", // 长沙市
})

const admin: Decider.CommandContext = {
  now: "2026-09-24T01:30:00.000Z", // 09:30 in Beijing
  actor: { id: "catalogue-admin-01", roles: ["catalogueAdmin"] },
  facts: {},
}
// #endregion setup

// #region elements
export const foodBusinessLicence: PublishedMatter.MatterElements = {
  kind: "01", // GB/T 39046 A.1: 行政许可
  name: "食品经营许可",
  legalBasis: [
    { document: "《中华人民共和国食品安全法》", provision: "第三十五条" },
    { document: "《食品经营许可和备案管理办法》（国家市场监督管理总局令第78号）" },
  ],
  implementingAuthority: cityMarketRegulation,
  conditions: [
    "具有与经营的食品品种、数量相适应的食品原料处理和食品加工、销售、贮存等场所",
    "具有与经营的食品品种、数量相适应的经营设备或者设施",
    "有食品安全管理人员和保证食品安全的规章制度",
    "具有合理的设备布局和工艺流程，防止交叉污染",
  ],
  procedure: [
    { name: "申请", description: "申请人通过政务服务网或窗口提交申请" },
    { name: "受理", description: "材料齐全、符合法定形式的予以受理" },
    { name: "审查", description: "材料审查；需要核实实质内容的进行现场核查" },
    { name: "决定", description: "作出准予或不予许可的决定" },
    { name: "送达", description: "颁发食品经营许可证（可为电子证照）" },
  ],
  processingMode: "promised", // 承诺件
  statutoryLimitWorkingDays: 20, // 食品安全法第三十五条
  promisedLimitWorkingDays: 10, // the bureau's service promise
  materials: [
    {
      code: "SP01",
      name: "食品经营许可申请书",
      mandatory: true,
      category: "core",
      originals: 1,
      copies: 0,
      deferrable: false,
      replaceableByCommitment: false,
    },
    {
      code: "SP02",
      name: "营业执照或者其他主体资格证明文件",
      mandatory: true,
      category: "core",
      originals: 0,
      copies: 1,
      electronicLicenceType: "营业执照", // fetched from the electronic-licence library when issued
      deferrable: false,
      replaceableByCommitment: false,
    },
    {
      code: "SP03",
      name: "与食品经营相适应的主要设备设施、经营布局、操作流程等文件",
      mandatory: true,
      category: "core",
      originals: 1,
      copies: 0,
      deferrable: false,
      replaceableByCommitment: false,
    },
    {
      code: "SP04",
      name: "食品安全自查、从业人员健康管理、进货查验记录等规章制度目录清单",
      mandatory: true,
      category: "secondary",
      originals: 1,
      copies: 0,
      deferrable: true, // may follow within the supplement deadline (容缺)
      replaceableByCommitment: true, // or be replaced by a commitment (告知承诺)
    },
    {
      code: "SP05",
      name: "法定代表人（负责人）身份证明",
      mandatory: true,
      category: "core",
      originals: 0,
      copies: 1,
      electronicLicenceType: "居民身份证",
      deferrable: false,
      replaceableByCommitment: false,
    },
    {
      code: "SP06",
      name: "委托代理人身份证明及授权委托书",
      mandatory: false, // only when an agent applies
      category: "secondary",
      originals: 1,
      copies: 0,
      deferrable: false,
      replaceableByCommitment: false,
    },
  ],
  scope: {
    subjectTypes: ["enterpriseLegalPerson", "unincorporatedEnterprise"],
    regions: [cityMarketRegulation.division],
  },
  validity: { _tag: "Fixed", amount: 5, unit: "years" },
  intermediaryServices: [],
  fees: [], // 不收费
  specialProcedures: ["inspection"], // on-site inspection pauses the clock
  extensionAllowed: true, // +10 working days with the head's approval (行政许可法第四十二条)
  tolerantAcceptance: {
    deferrableMaterialCodes: ["SP04"],
    supplementDeadlineWorkingDays: 5,
    resultBeforeSupplement: false,
    onDeadlineMissed: "terminate",
  },
  commitment: {
    enabled: true,
    notice: {
      proofObligation: "申请人应当建立并提交食品安全管理规章制度目录清单",
      proofContent: "已建立食品安全自查、从业人员健康管理、进货查验记录等制度",
      mannerOfCommitment: "申请人签署书面告知承诺书",
      liabilityForFalseCommitment: "承诺不实的，依法撤销许可，记入信用记录，并依法予以惩戒",
      verificationPower: "许可机关在许可后20个工作日内进行现场核查",
    },
    replacedMaterialCodes: ["SP04"],
    replacedConditions: [],
    verification: { _tag: "Required", periodWorkingDays: 20, methods: ["onSite"] },
    barredCategories: [],
    businessLicenceVariants: ["meetsNow", "willMeetBy"],
  },
  ratingEnabled: true, // 好差评
}
// #endregion elements

export const implementationCode = "11430100MB1A38544B-000111005000-01"

// #region lifecycle
export const publishAndRevise = () =>
  Decider.runAll(Matter.decider, Matter.initialState, [
    [{ _tag: "DraftMatter", implementationCode, baseCode: "000111005000", elements: foodBusinessLicence }, admin],
    [{ _tag: "PublishDraft", implementationCode }, admin], // version 1
    [{ _tag: "OpenRevision", implementationCode }, admin], // a draft copied from version 1
    [
      {
        _tag: "ReviseDraft",
        implementationCode,
        elements: { ...foodBusinessLicence, promisedLimitWorkingDays: 7 }, // a shorter promise
      },
      admin,
    ],
    [
      { _tag: "PublishDraft", implementationCode },
      { ...admin, now: "2026-10-09T01:00:00.000Z" },
    ], // version 2
  ]).pipe(
    Result.map(({ state }) => ({
      state,
      latest: Matter.publishedTerms(state), // version 2, promised 7 working days
      first: Matter.publishedTerms(state, 1), // version 1 still reads 10: published versions never change
    })),
  )
// #endregion lifecycle

// #region rejections
export const brokenDrafts = () => {
  const tooLateSupplement = {
    ...foodBusinessLicence,
    tolerantAcceptance: { ...foodBusinessLicence.tolerantAcceptance!, supplementDeadlineWorkingDays: 15 },
  }
  const touchesHealth = {
    ...foodBusinessLicence,
    commitment: { ...foodBusinessLicence.commitment!, barredCategories: ["personalHealth" as const] },
  }
  const draft = (elements: PublishedMatter.MatterElements) =>
    Matter.decide(
      { _tag: "DraftMatter", implementationCode, baseCode: "000111005000", elements },
      Matter.initialState,
      admin,
    )
  return {
    // { _tag: "SupplementDeadlineBeyondPromised", supplementDeadline: 15, promised: 10 }
    supplementDeadline: draft(tooLateSupplement),
    // { _tag: "CommitmentOnBarredCategory", categories: ["personalHealth"] }
    barredCommitment: draft(touchesHealth),
    // every rule a draft breaks, in the order decide checks them
    both: Matter.violations({ ...tooLateSupplement, commitment: touchesHealth.commitment }),
  }
}
// #endregion rejections

// #region delegation
export const zoneAuthority = authority({
  name: "长沙经济技术开发区行政审批服务局",
  creditCode: "12430100MB1E441208",
  division: "430100",
})

export const empowerTheZone = (state: Matter.State) =>
  Decider.run(
    Matter.decider,
    state,
    {
      _tag: "DelegateMatter",
      implementationCode,
      kind: "zoneEmpowerment", // 园区赋权
      to: zoneAuthority,
      effectiveFrom: CalendarDate.make("2026-11-01"),
      basis: "长沙市人民政府关于向园区赋予经济社会管理权限的决定",
    },
    admin,
  ).pipe(
    Result.map(({ state: delegated }) => ({
      before: Matter.authorityOn(delegated, CalendarDate.make("2026-10-31")), // the city bureau
      from: Matter.authorityOn(delegated, CalendarDate.make("2026-11-01")), // the zone
    })),
  )
// #endregion delegation

const fireRescue = authority({ name: "长沙市消防救援支队", creditCode: "11430103MB1C667075", division: "430100" })
const cityManagement = authority({
  name: "长沙市城市管理和综合执法局",
  creditCode: "11430111MB1D093596",
  division: "430100",
})

// the two other matters offer neither tolerant acceptance nor commitment
const { tolerantAcceptance: _tolerant, commitment: _commitment, ...withoutSettings } = foodBusinessLicence

const otherMatter = (
  code: string,
  name: string,
  implementingAuthority: PublishedMatter.ImplementingAuthority,
  materials: ReadonlyArray<PublishedMatter.MaterialRequirement>,
): PublishedMatter.PublishedMatter => ({
  ...withoutSettings,
  implementationCode: code,
  baseCode: code.split("-")[1]!,
  version: 1,
  publishedAt: "2026-09-01T02:00:00.000Z",
  name,
  implementingAuthority,
  materials,
  specialProcedures: [],
  validity: { _tag: "NotApplicable" },
  conditions: ["申请人为依法登记的市场主体"],
})

const required = (
  code: string,
  name: string,
  more: Partial<PublishedMatter.MaterialRequirement> = {},
): PublishedMatter.MaterialRequirement => ({
  code,
  name,
  mandatory: true,
  category: "core",
  originals: 1,
  copies: 0,
  deferrable: false,
  replaceableByCommitment: false,
  ...more,
})

export const fireSafetyCheck = otherMatter(
  "11430103MB1C667075-000172008000-01",
  "公众聚集场所投入使用、营业前消防安全检查",
  fireRescue,
  [
    required("XF01", "公众聚集场所投入使用、营业前消防安全检查申请表"),
    required("XF02", "营业执照", { originals: 0, copies: 1, electronicLicenceType: "营业执照" }),
    required("SP05", "法定代表人（负责人）身份证明", { originals: 0, copies: 1, electronicLicenceType: "居民身份证" }),
    required("XF03", "消防安全制度、灭火和应急疏散预案"),
  ],
)

export const signboardPermit = otherMatter(
  "11430111MB1D093596-000120010000-01",
  "设置大型户外广告及在城市建筑物、设施上悬挂、张贴宣传品审批（店招）",
  cityManagement,
  [
    required("CG01", "户外招牌设置申请表"),
    required("CG02", "营业执照复印件", { originals: 0, copies: 1, electronicLicenceType: "营业执照" }),
    required("CG03", "招牌设计效果图", { mandatory: false, category: "secondary" }),
  ],
)

// #region bundle
export const openARestaurant = (foodLicenceTerms: PublishedMatter.PublishedMatter) =>
  Decider.runAll(ServiceBundle.decider, ServiceBundle.initialState, [
    [
      {
        _tag: "DraftBundle",
        bundleId: "CS-KBCYD", // 开办餐饮店
        elements: {
          name: "开办餐饮店一件事",
          leadDepartment: cityMarketRegulation, // 牵头部门
          members: [foodLicenceTerms, fireSafetyCheck, signboardPermit], // pinned by version
          introduction: "一次告知、一表申请、一窗受理、并联审批、统一出件",
          jointLimitWorkingDays: 15, // at most 45 (+15 with approval)
        },
      },
      admin,
    ],
    [{ _tag: "PublishBundle", bundleId: "CS-KBCYD" }, admin],
  ]).pipe(
    Result.map(({ state }) => {
      const published = ServiceBundle.publishedVersion(state)!
      return {
        // 13 requirements of 3 matters become 10 entries: the business licence (SP02, XF02, CG02 share
        // the licence type 营业执照) and the identity proof (SP05 in two matters) are supplied once
        materials: published.notice.materials.map((m) => ({
          name: m.name,
          codes: m.codes,
          neededBy: m.neededBy.length,
        })),
        unique: ServiceBundle.mergedMaterialsUnique(published.notice.materials),
        covers: ServiceBundle.mergedMaterialsCoverMandatory(published.members, published.notice.materials),
      }
    }),
  )
// #endregion bundle
