/**
 * 开办餐饮店 as one thing (一件事一次办): 湘味小厨, registered the day before (its business licence
 * issued in that earlier case and on file as an electronic licence), opens a restaurant. Four
 * matters of three authorities — the food-business licence (长沙市市场监督管理局, the lead
 * department), the fire-safety inspection before opening, on commitment (长沙市消防救援支队), the
 * drainage permit and the shop sign (长沙市芙蓉区城市管理和综合执法局) — on one form, with one material
 * set in which the business licence is the one on file (looked up by the runtime, not handed over
 * on paper), one combined correction notice, one acceptance at the lead window, one hand-over of
 * the deferred items at the lead window, four child cases each decided by its own authority, and one
 * unified delivery. The figures compare it with applying for the four one by one.
 */
import { CalendarDate } from "@yiciban/core"
import type { Yiciban } from "@yiciban/runtime"
import type { SimulatedClock } from "./clock.ts"

const market = { name: "长沙市市场监督管理局", creditCode: "11430100MB1A38544B", division: "430100" }
const fire = { name: "长沙市消防救援支队", creditCode: "11430100MB1C77190A", division: "430100" }
const urban = { name: "长沙市芙蓉区城市管理和综合执法局", creditCode: "11430102MB1D55240C", division: "430102" }
type Authority = typeof market

const staff = (a: Authority, role: "windowClerk" | "approver" | "catalogueAdmin" | "authorityHead", id: string) =>
  ({ id, roles: [role], authority: a.creditCode, region: a.division }) satisfies Yiciban.ActorInput

const material = (code: string, name: string, more: Record<string, unknown> = {}) => ({
  code,
  name,
  mandatory: true,
  category: "core" as const,
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
const matter = (authority: Authority, name: string, basis: string, materials: Array<ReturnType<typeof material>>) => ({
  kind: "01" as const,
  name,
  legalBasis: [{ document: basis }],
  implementingAuthority: authority,
  conditions: ["申请人为依法登记或者正在登记的市场主体"],
  procedure: [
    { name: "受理", description: "牵头部门综合窗口统一受理" },
    { name: "审查", description: "各部门并联审查" },
    { name: "决定", description: "各部门依法作出决定，综合窗口统一出件" },
  ],
  processingMode: "promised" as const,
  statutoryLimitWorkingDays: 20,
  promisedLimitWorkingDays: 10,
  materials,
  scope: {
    subjectTypes: ["enterpriseLegalPerson" as const, "unincorporatedEnterprise" as const],
    regions: [authority.division],
  },
  validity: { _tag: "NotApplicable" as const },
  intermediaryServices: [],
  fees: [],
  specialProcedures: [],
  extensionAllowed: false,
  ratingEnabled: true,
})

/** The business licence (营业执照) a member asks for: a licence of this system, base code of 企业设立登记. */
const businessLicence = material("YYZZ", "营业执照", { licenceBaseCode: "000201001000" })

/** 企业设立登记: not a member — the restaurant registered before, and its business licence is on file. */
const registration = {
  code: "11430100MB1A38544B-000201001000-01",
  authority: market,
  elements: {
    ...matter(market, "企业设立登记", "《中华人民共和国市场主体登记管理条例》第十七条", [
      material("QY01", "企业设立登记申请书"),
      material("SFZ", "法定代表人身份证明", { electronicLicenceType: "居民身份证" }),
      material("ZS", "经营场所使用证明"),
    ]),
    validity: { _tag: "Indefinite" as const },
  },
}

const members = [
  {
    code: "11430102MB1D55240C-000110009000-01",
    authority: urban,
    elements: {
      ...matter(urban, "城镇污水排入排水管网许可", "《城镇排水与污水处理条例》第二十一条", [
        material("PS01", "排水许可申请表"),
        businessLicence,
        material("ZS", "经营场所使用证明"),
        material("PS04", "排水管网图及隔油设施说明", { category: "secondary", deferrable: true }),
      ]),
      tolerantAcceptance: tolerant("PS04"),
    },
  },
  {
    code: "11430100MB1A38544B-000101003000-01",
    authority: market,
    elements: {
      ...matter(market, "食品经营许可（小餐饮）", "《中华人民共和国食品安全法》第三十五条", [
        material("SP01", "食品经营许可申请书"),
        material("SP-SFZ", "经营者身份证明", { electronicLicenceType: "居民身份证" }),
        material("ZS", "经营场所使用证明"),
        businessLicence,
        material("SP03", "从业人员健康证明", { category: "secondary", deferrable: true }),
      ]),
      tolerantAcceptance: tolerant("SP03"),
    },
  },
  {
    code: "11430100MB1C77190A-000108001000-01",
    authority: fire,
    elements: {
      ...matter(fire, "公众聚集场所投入使用、营业前消防安全检查", "《中华人民共和国消防法》第十五条", [
        material("XF01", "消防安全检查申报表"),
        material("ZS", "经营场所使用证明"),
        material("XF03", "消防安全制度和应急预案", { category: "secondary", replaceableByCommitment: true }),
      ]),
      commitment: {
        enabled: true,
        notice: {
          proofObligation: "场所符合消防技术标准和管理规定",
          proofContent: "消防安全制度、灭火和应急疏散预案",
          mannerOfCommitment: "书面承诺",
          liabilityForFalseCommitment: "承诺不实的，撤销许可，记入信用记录",
          verificationPower: "作出决定之日起二十个工作日内现场核查",
        },
        replacedMaterialCodes: ["XF03"],
        replacedConditions: [],
        verification: { _tag: "Required" as const, periodWorkingDays: 20, methods: ["onSite" as const] },
        barredCategories: [],
        businessLicenceVariants: [],
      },
    },
  },
  {
    code: "11430102MB1D55240C-000110003000-01",
    authority: urban,
    elements: {
      ...matter(urban, "户外招牌设置", "《城市市容和环境卫生管理条例》第十一条", [
        material("ZP01", "户外招牌设置申请表"),
        businessLicence,
        material("ZP02", "招牌设计效果图", { category: "secondary", deferrable: true }),
        material("SFZ", "法定代表人身份证明", {
          electronicLicenceType: "居民身份证",
          mandatory: false,
          category: "secondary",
        }),
      ]),
      tolerantAcceptance: tolerant("ZP02"),
    },
  },
] as const

export const bundleId = "CS-KBCYD"
const bundleCaseNo = "YJS-2026-000118"
const restaurant = { kind: "enterprise", code: "91430102MA4L0P1T5J", name: "长沙市芙蓉区湘味小厨餐饮店" } as const
const applicant: Yiciban.ActorInput = {
  id: "xiangwei-01",
  roles: ["applicant"],
  subjects: [{ code: restaurant.code, relation: "legalRepresentative" }],
}
const supervisor: Yiciban.ActorInput = { id: "supervisor-01", roles: ["supervisor"], region: "430100" }
const leadClerk = staff(market, "windowClerk", "window-01")
const paper = (...codes: ReadonlyArray<string>) => codes.map((code) => ({ code, form: "paper" as const }))

/** One line of the bundle's timeline: the working day, the case, what happened, who did it. */
export interface BundleStep {
  readonly day: CalendarDate.CalendarDate
  readonly caseNo: string
  readonly event: string
  readonly actor: string
}

/** What the applicant does, in the bundle and one by one (`licencesReused`: materials an electronic licence on file spared). */
export interface Effort {
  readonly forms: number
  readonly handOvers: number
  readonly visits: number
  readonly licencesReused: number
}

/** The demo's outcome. */
export interface BundleRun {
  readonly caseNo: string
  readonly timeline: ReadonlyArray<BundleStep>
  readonly results: ReadonlyArray<{ readonly matter: string; readonly authority: string; readonly outcome: string }>
  readonly bundle: Effort
  readonly oneByOne: Effort
}

/** Publishes the four matters and company registration (each by its own authority's administrator) and the bundle (by the lead's). */
export const publishRestaurantBundle = async (yiciban: Yiciban.Yiciban, clock: SimulatedClock) => {
  clock.set("2026-10-12")
  for (const m of [registration, ...members]) {
    await yiciban.matter.publish(
      { implementationCode: m.code, baseCode: m.code.split("-")[1]!, elements: m.elements as never },
      staff(m.authority, "catalogueAdmin", `catalogue-${m.authority.creditCode.slice(8, 12)}`),
      { commandIdPrefix: `demo/bundle/matter/${m.code}` },
    )
  }
  const admin = staff(market, "catalogueAdmin", "catalogue-01")
  await yiciban.bundle.execute(
    {
      _tag: "DraftBundle",
      bundleId,
      elements: {
        name: "开办餐饮店",
        leadDepartment: market,
        memberCodes: members.map((m) => m.code),
        introduction: "一次告知、一表申请、一窗受理、并联审批、统一出件",
        jointLimitWorkingDays: 20,
      },
    },
    admin,
    { commandId: "demo/bundle/draft" },
  )
  await yiciban.bundle.execute({ _tag: "PublishBundle", bundleId }, admin, { commandId: "demo/bundle/publish" })
}

/** The restaurant's bundle case, from the form to the unified delivery. */
export const restaurantBundle = async (yiciban: Yiciban.Yiciban, clock: SimulatedClock): Promise<BundleRun> => {
  const caseNo = bundleCaseNo
  const child = (n: number) => `${caseNo}-J${n}`
  const onCase = (day: string, command: Yiciban.BundleCaseCommand, actor: Yiciban.ActorInput, id: string) => {
    clock.set(day)
    return yiciban.bundleCase.execute(command, actor, { commandId: `demo/${caseNo}/${id}` })
  }
  const onChild = (
    day: string,
    n: number,
    command: Yiciban.ApplicationCommand,
    actor: Yiciban.ActorInput,
    id: string,
  ) => {
    clock.set(day)
    return yiciban.application.execute(command, actor, { commandId: `demo/${child(n)}/${id}` })
  }
  const [drainage, food, fireCheck, sign] = members
  // Monday 12 October, the day before: the restaurant is registered; its business licence is issued
  // (and, by the runtime's caseToLicence, on file as an electronic licence)
  const earlier = "QY-2026-000731"
  const onEarlier = (command: Yiciban.ApplicationCommand, actor: Yiciban.ActorInput, id: string) => {
    clock.set("2026-10-12")
    return yiciban.application.execute(command, actor, { commandId: `demo/${earlier}/${id}` })
  }
  await onEarlier(
    {
      _tag: "SubmitApplication",
      caseNo: earlier,
      applicant: restaurant,
      matterCode: registration.code,
      materials: paper("QY01", "SFZ", "ZS"),
    },
    applicant,
    "submit",
  )
  await onEarlier({ _tag: "AcceptApplication", caseNo: earlier }, leadClerk, "accept")
  await onEarlier({ _tag: "GrantApplication", caseNo: earlier }, staff(market, "approver", "approver-01"), "grant")
  await onEarlier(
    { _tag: "IssueCertificate", caseNo: earlier, certificateNo: restaurant.code },
    leadClerk,
    "certificate",
  )
  await yiciban.runProcessManagers() // caseToLicence: the business licence is on file
  // Tuesday 13 October: one form at the lead window; the lease and the identity proof once for all, the
  // business licence not at all (the runtime finds the one on file for the three members that ask for it)
  await onCase(
    "2026-10-13",
    {
      _tag: "SubmitBundleApplication",
      caseNo,
      applicant: restaurant,
      bundleId,
      materials: paper("PS01", "SP01", "SP-SFZ", "ZS", "XF01", "ZP01"),
    },
    applicant,
    "submit",
  )
  await onCase(
    "2026-10-13",
    {
      _tag: "ProposeCorrection",
      caseNo,
      implementationCode: fireCheck.code,
      items: [{ code: "XF01", problem: "defective", note: "申报表未加盖公章" }],
    },
    staff(fire, "windowClerk", "fire-window-02"),
    "propose-fire",
  )
  await onCase(
    "2026-10-14",
    {
      _tag: "ProposeCorrection",
      caseNo,
      implementationCode: sign.code,
      items: [{ code: "ZP02", problem: "missing", note: "缺招牌设计效果图" }],
    },
    staff(urban, "windowClerk", "urban-window-05"),
    "propose-sign",
  )
  await onCase("2026-10-14", { _tag: "IssueCombinedNotice", caseNo }, leadClerk, "notice")
  await onCase(
    "2026-10-15",
    { _tag: "AnswerCombinedNotice", caseNo, materials: paper("XF01", "ZP02") as never },
    applicant,
    "answer",
  )
  // #region accept
  // one acceptance: two members tolerantly (容缺), the fire inspection on commitment (告知承诺), the sign ordinarily
  await onCase(
    "2026-10-15",
    {
      _tag: "AcceptBundle",
      caseNo,
      members: [
        {
          implementationCode: drainage.code,
          acceptance: {
            _tag: "Tolerant",
            deferred: [{ code: "PS04", howToSupply: "五个工作日内补交" }],
            commitment: { signedBy: "李湘", statement: "承诺按期补交排水管网图及隔油设施说明" },
          },
        },
        {
          implementationCode: food.code,
          acceptance: {
            _tag: "Tolerant",
            deferred: [{ code: "SP03", howToSupply: "五个工作日内补交" }],
            commitment: { signedBy: "李湘", statement: "承诺按期补交从业人员健康证明" },
          },
        },
        {
          implementationCode: fireCheck.code,
          acceptance: {
            _tag: "OnCommitment",
            grantOnTheSpot: false,
            letter: {
              signer: { _tag: "Applicant", name: "李湘（法定代表人）" },
              confirmations: {
                knowsNotice: true,
                meetsConditions: true,
                informationTrue: true,
                acceptsVerificationAndLiability: true,
              },
              statement: "已知晓告知的全部内容，承诺场所符合消防安全要求，愿意承担不实承诺的法律责任",
            },
          },
        },
        { implementationCode: sign.code, acceptance: { _tag: "Ordinary" } },
      ],
    },
    leadClerk,
    "accept",
  )
  // #endregion accept
  await yiciban.runProcessManagers() // the fan-out opens the four children
  // one visit to the lead window to supplement both departments' deferred items; the runtime forwards them
  await onCase(
    "2026-10-19",
    { _tag: "SupplementBundle", caseNo, materials: paper("PS04", "SP03") as never },
    applicant,
    "supplement",
  )
  await yiciban.runProcessManagers()
  // each authority decides its own child
  const marketApprover = staff(market, "approver", "approver-01")
  await onChild(
    "2026-10-20",
    1,
    { _tag: "GrantApplication", caseNo: child(1) },
    staff(urban, "approver", "urban-approver-03"),
    "grant",
  )
  await onChild(
    "2026-10-20",
    1,
    { _tag: "IssueCertificate", caseNo: child(1), certificateNo: "FRPS-2026-0107" },
    staff(urban, "windowClerk", "urban-window-05"),
    "certificate",
  )
  await onChild(
    "2026-10-22",
    3,
    { _tag: "GrantApplication", caseNo: child(3) },
    staff(fire, "approver", "fire-approver-01"),
    "grant",
  )
  await onChild(
    "2026-10-22",
    3,
    { _tag: "IssueCertificate", caseNo: child(3), certificateNo: "CSXF-2026-0088" },
    staff(fire, "windowClerk", "fire-window-02"),
    "certificate",
  )
  await onChild(
    "2026-10-23",
    4,
    { _tag: "GrantApplication", caseNo: child(4) },
    staff(urban, "approver", "urban-approver-03"),
    "grant",
  )
  await onChild(
    "2026-10-23",
    4,
    { _tag: "IssueCertificate", caseNo: child(4), certificateNo: "FRZP-2026-0031" },
    staff(urban, "windowClerk", "urban-window-05"),
    "certificate",
  )
  await onChild(
    "2026-10-26",
    2,
    {
      _tag: "DenyApplication",
      caseNo: child(2),
      reasons: "经营场所与旱厕、垃圾站等污染源距离不足二十五米",
      remedies: {
        administrativeReview: "六十日内向长沙市人民政府申请行政复议",
        litigation: "六个月内向长沙市芙蓉区人民法院提起行政诉讼",
      },
    },
    marketApprover,
    "deny",
  )
  await yiciban.runProcessManagers() // the fan-in concludes the bundle
  const delivered = await onCase("2026-10-27", { _tag: "DeliverUnified", caseNo }, leadClerk, "deliver")
  const recorded: Array<BundleStep & { readonly position: number }> = []
  const read = async (
    id: string,
    events: ReadonlyArray<{
      type: string
      globalPosition: number
      metadata: { occurredAt: string; actor: { id: string } }
    }>,
  ) => {
    for (const e of events) {
      recorded.push({
        day: CalendarDate.ofInstant(e.metadata.occurredAt),
        caseNo: id,
        event: e.type,
        actor: e.metadata.actor.id,
        position: e.globalPosition,
      })
    }
  }
  await read(caseNo, await yiciban.bundleCase.events(caseNo, supervisor))
  for (const n of [1, 2, 3, 4]) await read(child(n), await yiciban.application.events(child(n), supervisor))
  // in the order the store recorded them
  const timeline: ReadonlyArray<BundleStep> = recorded
    .sort((a, b) => a.position - b.position)
    .map(({ position: _, ...step }) => step)
  const delivery = delivered.events.find((e) => e._tag === "UnifiedDelivery")
  const results =
    delivery?._tag === "UnifiedDelivery"
      ? delivery.results.map((r) => ({ matter: r.name, authority: r.authority.name, outcome: r.outcome.result }))
      : []
  // The applicant's effort in the bundle: one form; each material handed over at the window, read
  // from the events (the form's, the answer's, the deferred ones at the lead window), a material the
  // runtime found on file as an electronic licence not counted as handed over but as reused; a visit
  // on each day it acted at a window, and one to collect the unified result.
  const bundleEvents = await yiciban.bundleCase.events(caseNo, applicant)
  type Handed = { materials?: ReadonlyArray<{ form: string }>; licencesReliedOn?: ReadonlyArray<unknown> }
  const handed = (e: { data: unknown }) =>
    ((e.data as Handed).materials ?? []).filter((m) => m.form !== "electronicLicence").length
  const handing = ["BundleApplicationSubmitted", "CombinedNoticeAnswered", "BundleSupplemented"]
  const bundle: Effort = {
    forms: 1,
    handOvers: bundleEvents.filter((e) => handing.includes(e.type)).reduce((n, e) => n + handed(e), 0),
    visits: new Set(timeline.filter((s) => s.actor === applicant.id).map((s) => s.day)).size + 1,
    licencesReused: bundleEvents.reduce((n, e) => n + ((e.data as Handed).licencesReliedOn ?? []).length, 0),
  }
  // One by one: a form per matter; every mandatory material of every matter handed to its own
  // authority (the lease three times), except the one the commitment replaces and the business
  // licence (each authority finds it on file: reused once per matter that asks for it), and the
  // defective form again; a visit per matter to apply, per correction, per deferred item, and per
  // result to collect.
  const deferredItems = bundleEvents
    .filter((e) => e.type === "BundleSupplemented")
    .reduce((n, e) => n + ((e.data as Handed).materials ?? []).length, 0)
  const mandatory = members.flatMap((m) =>
    m.elements.materials.filter((r) => r.mandatory && !r.replaceableByCommitment),
  )
  const onFile = (r: (typeof mandatory)[number]) => "licenceBaseCode" in r
  const oneByOne: Effort = {
    forms: members.length,
    handOvers: mandatory.filter((r) => !onFile(r)).length + 1,
    visits: members.length + 2 + deferredItems + members.length,
    licencesReused: mandatory.filter(onFile).length,
  }
  return { caseNo, timeline, results, bundle, oneByOne }
}
