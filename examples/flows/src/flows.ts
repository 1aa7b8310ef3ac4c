/**
 * The flows of the README's demo, run on the runtime's Promise facade against a real store: a
 * food-business licence published by 长沙市市场监督管理局; a case accepted tolerantly (容缺受理),
 * supplemented and granted; a case nobody sends a correction notice for, deemed accepted (视为受理)
 * by a durable timer once 5 working days have passed; a registration granted on commitment
 * (告知承诺) whose verification finds the commitment false, so the grant is rescinded, the credit
 * record takes an entry, and the applicant's next commitment application is refused while the
 * ordinary procedure stays open. Time is simulated: a clock that the flows
 * move across real working days of September to November 2026 (中秋 and 国庆 included).
 *
 * Every command has a fixed id, so running the flows again on the same folder changes nothing:
 * each command returns its earlier outcome and the timeline is read back from the store.
 * docs/getting-started.md includes the regions below.
 */
import { CalendarDate } from "@yiciban/core"
import type { Yiciban } from "@yiciban/runtime"
import type { SimulatedClock } from "./clock.ts"

// #region matter
const authority = { name: "长沙市市场监督管理局", creditCode: "11430100MB1A38544B", division: "430100" }
export const matterCode = "11430100MB1A38544B-000101001000-01"

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

export const foodLicence: Yiciban.PublishInput["elements"] = {
  kind: "01",
  name: "食品经营许可",
  legalBasis: [{ document: "《中华人民共和国食品安全法》", provision: "第三十五条" }],
  implementingAuthority: authority,
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
}

/** Staff of the bureau: the host authenticated them and knows their authority and region. */
const staff = (id: string, role: "windowClerk" | "reviewer" | "approver" | "verifier" | "catalogueAdmin") =>
  ({ id, roles: [role], authority: authority.creditCode, region: authority.division }) satisfies Yiciban.ActorInput
export const admin = staff("catalogue-01", "catalogueAdmin")
export const clerk = staff("clerk-07", "windowClerk")
export const reviewer = staff("reviewer-03", "reviewer")
export const approver = staff("head-01", "approver")
export const verifier = staff("inspector-12", "verifier")
// #endregion matter

const restaurant = { kind: "enterprise", code: "91430102MA4L0P1T5J", name: "长沙市芙蓉区湘味小厨餐饮店" } as const
const teahouse = { kind: "enterprise", code: "91430100MA4L16JQ9D", name: "长沙市茶颜小馆" } as const

/** An applicant's account: the host verified it is the legal representative of the enterprise `code`. */
const applicantActor = (id: string, code: string): Yiciban.ActorInput => ({
  id,
  roles: ["applicant"],
  subjects: [{ code, relation: "legalRepresentative" }],
})
const restaurantActor = applicantActor("xiangwei-01", restaurant.code)
const teahouseActor = applicantActor("chayan-01", teahouse.code)

/** Supervision of the prefecture: reads every case of the region (identity numbers masked). */
export const supervisor: Yiciban.ActorInput = { id: "supervisor-01", roles: ["supervisor"], region: "430100" }

/** One line of a case's timeline: the working day, what happened, who did it. */
export interface Step {
  readonly day: CalendarDate.CalendarDate
  readonly event: string
  readonly actor: string
}

/** A case's timeline, read back from its events by the supervisor. */
export const timeline = async (yiciban: Yiciban.Yiciban, caseNo: string): Promise<ReadonlyArray<Step>> =>
  (await yiciban.application.events(caseNo, supervisor)).map((event) => ({
    day: CalendarDate.ofInstant(event.metadata.occurredAt),
    event: event.type,
    actor: event.metadata.actor.id,
  }))

// #region publish
export const publish = (yiciban: Yiciban.Yiciban, clock: SimulatedClock) => {
  clock.set("2026-09-01")
  return yiciban.matter.publish(
    { implementationCode: matterCode, baseCode: "000101001000", elements: foodLicence },
    admin,
    {
      commandIdPrefix: "demo/matter",
    },
  )
}
// #endregion publish

// #region tolerant
/**
 * 湘味小厨 applies on Thursday 24 September without the staff health certificates (SP03, a
 * secondary material the matter lets the window defer). The clerk accepts tolerantly; the
 * restaurant brings SP03 on the 30th; the reviewer records the review on 12 October, the approver
 * grants on the 13th and the licence is issued on the 14th.
 */
export const tolerantAcceptance = async (yiciban: Yiciban.Yiciban, clock: SimulatedClock) => {
  const caseNo = "SCJG-2026-000731"
  const step = (day: string, command: Yiciban.ApplicationCommand, actor: Yiciban.ActorInput, id: string) => {
    clock.set(day)
    return yiciban.application.execute(command, actor, { commandId: `demo/${caseNo}/${id}` })
  }
  clock.set("2026-09-24")
  await yiciban.application.submit(
    {
      caseNo,
      applicant: restaurant,
      matterCode,
      materials: [
        { code: "SP01", form: "paper" },
        { code: "SP02", form: "paper" },
      ],
    },
    restaurantActor,
    { commandId: `demo/${caseNo}/submit` },
  )
  await step(
    "2026-09-24",
    {
      _tag: "AcceptTolerantly",
      caseNo,
      deferred: [{ code: "SP03", howToSupply: "到窗口提交或在政务服务网上传" }],
      commitment: { signedBy: "李湘（经营者）", statement: "承诺于期限内补齐从业人员健康证明，逾期未补齐的终止办理" },
    },
    clerk,
    "accept",
  )
  await step(
    "2026-09-30",
    { _tag: "SupplementDeferredMaterials", caseNo, materials: [{ code: "SP03", form: "paper" }] },
    restaurantActor,
    "supplement",
  )
  await step(
    "2026-10-12",
    { _tag: "RecordReviewStep", caseNo, step: "审查", opinion: "材料齐全，建议准予许可" },
    reviewer,
    "review",
  )
  await step("2026-10-13", { _tag: "GrantApplication", caseNo }, approver, "grant")
  await step(
    "2026-10-14",
    { _tag: "IssueCertificate", caseNo, certificateNo: "JY14301020026731" },
    clerk,
    "certificate",
  )
  return caseNo
}
// #endregion tolerant

// #region deemed
/**
 * 茶颜小馆 applies on Thursday 24 September with every material. Nobody sends a correction notice.
 * The clock moves one day at a time and the scheduler runs every morning: the deemed-acceptance
 * timer is due from Saturday 10 October, the day after the 5th working day (中秋 and 国庆 do not
 * count), and fires once.
 */
export const deemedAcceptance = async (
  yiciban: Yiciban.Yiciban,
  clock: SimulatedClock,
  onDay: (day: CalendarDate.CalendarDate, fired: ReadonlyArray<string>) => void = () => {},
) => {
  const caseNo = "SCJG-2026-000732"
  clock.set("2026-09-24")
  await yiciban.application.submit(
    {
      caseNo,
      applicant: teahouse,
      matterCode,
      materials: [
        { code: "SP01", form: "paper" },
        { code: "SP02", form: "paper" },
        { code: "SP03", form: "paper" },
      ],
    },
    teahouseActor,
    { commandId: `demo/${caseNo}/submit` },
  )
  for (let day = CalendarDate.make("2026-09-25"); day <= "2026-10-12"; day = CalendarDate.addDays(day, 1)) {
    clock.set(day)
    const fired = await yiciban.runDueTimers()
    onDay(
      day,
      fired.filter((f) => f.timer.stream === `application-${caseNo}`).map((f) => `${f.timer.notice} (${f.outcome})`),
    )
  }
  return caseNo
}
// #endregion deemed

// #region commitment
/** A command of the application `caseNo`, with a fixed command id. */
const act = (
  yiciban: Yiciban.Yiciban,
  command: Yiciban.ApplicationCommand,
  actor: Yiciban.ActorInput,
  commandId: string,
) => yiciban.application.execute(command, actor, { commandId })

/**
 * Two more matters of the bureau offer notify-and-commit (告知承诺): advertisement publication
 * registration (广告发布登记), where a written commitment replaces the proof of a qualified
 * advertisement reviewer (GF03), and outdoor sign registration (户外广告设施设置登记), where it
 * replaces the proof of the right to use the site (GG03). Both are verified after the decision
 * within 20 working days.
 */
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
export const adCode = "11430100MB1A38544B-000101008000-01"
export const signCode = "11430100MB1A38544B-000110005000-01"
const adRegistration = onCommitment("广告发布登记", "GF", "广告审查人员资格证明", "配有熟悉广告法规的广告审查人员")
const outdoorSign = onCommitment("户外广告设施设置登记", "GG", "设置场所使用权证明", "对设置场所享有使用权")

const letter = (statement: string) => ({
  signer: { _tag: "Applicant" as const, name: "李湘（经营者）" },
  confirmations: {
    knowsNotice: true,
    meetsConditions: true,
    informationTrue: true,
    acceptsVerificationAndLiability: true,
  },
  statement,
})

/**
 * Monday 12 October: 湘味小厨 registers to publish advertisements. It signs the commitment letter
 * instead of bringing the reviewer's qualification; the clerk grants on the spot (当场办结) and
 * the grant schedules the verification, due by Monday 9 November.
 */
export const grantOnCommitment = async (yiciban: Yiciban.Yiciban, clock: SimulatedClock) => {
  clock.set("2026-10-09")
  for (const [code, elements] of [
    [adCode, adRegistration],
    [signCode, outdoorSign],
  ] as const) {
    await yiciban.matter.publish({ implementationCode: code, baseCode: code.split("-")[1]!, elements }, admin, {
      commandIdPrefix: `demo/matter/${code}`,
    })
  }
  const caseNo = "GFDJ-2026-000812"
  clock.set("2026-10-12")
  await yiciban.application.submit(
    {
      caseNo,
      applicant: restaurant,
      matterCode: adCode,
      materials: [
        { code: "GF01", form: "paper" },
        { code: "GF02", form: "paper" },
      ],
    },
    restaurantActor,
    { commandId: `demo/${caseNo}/submit` },
  )
  await act(
    yiciban,
    {
      _tag: "AcceptOnCommitment",
      caseNo,
      letter: letter(
        "本人已知晓告知的全部内容，承诺配有广告审查人员，所填信息真实，愿意接受核查并承担不实承诺的法律责任",
      ),
      grantOnTheSpot: true,
    },
    clerk,
    `demo/${caseNo}/commit`,
  )
  return caseNo
}
// #endregion commitment

// #region verification
/**
 * Tuesday 20 October: the on-site verification finds no advertisement reviewer. The grant is
 * rescinded and `FalseCommitmentFound` is recorded; the process manager turns it into the credit
 * record's entry (stream `credit-<code>`), once however often it runs.
 */
export const verifyFalse = async (yiciban: Yiciban.Yiciban, clock: SimulatedClock, caseNo: string) => {
  clock.set("2026-10-20")
  await act(
    yiciban,
    {
      _tag: "RecordVerification",
      caseNo,
      method: "onSite",
      outcome: { _tag: "FalseCommitment", findings: "现场核查：未配备广告审查人员，承诺不实" },
    },
    verifier,
    `demo/${caseNo}/verify`,
  )
  await yiciban.runProcessManagers()
  await yiciban.runProcessManagers()
  return yiciban.credit.events(restaurant.code, restaurantActor)
}
// #endregion verification

// #region refused
/**
 * Monday 2 November: 湘味小厨 applies for the sign over its door on commitment (GGDJ-…117). The
 * credit entry bars commitment: the rejection says so and that the ordinary procedure stays
 * open, so the clerk sends the one-time correction notice for the proof of use of the site.
 * The same day its sign at the second shop, applied for with every proof (GGDJ-…118), is accepted
 * in the ordinary procedure.
 */
export const refusedThenOrdinary = async (yiciban: Yiciban.Yiciban, clock: SimulatedClock) => {
  clock.set("2026-11-02")
  const submit = (caseNo: string, codes: ReadonlyArray<string>) =>
    yiciban.application.submit(
      {
        caseNo,
        applicant: restaurant,
        matterCode: signCode,
        materials: codes.map((code) => ({ code, form: "paper" as const })),
      },
      restaurantActor,
      { commandId: `demo/${caseNo}/submit` },
    )
  const onCommitment = "GGDJ-2026-000117"
  await submit(onCommitment, ["GG01", "GG02"])
  const refusal = await act(
    yiciban,
    {
      _tag: "AcceptOnCommitment",
      caseNo: onCommitment,
      letter: letter("本人承诺对设置场所享有使用权"),
      grantOnTheSpot: false,
    },
    clerk,
    `demo/${onCommitment}/commit`,
  ).then(
    () => undefined,
    (error: { readonly _tag: string; readonly rejection?: unknown }) => error.rejection ?? error,
  )
  await act(
    yiciban,
    {
      _tag: "RequestCorrection",
      caseNo: onCommitment,
      items: [{ code: "GG03", problem: "missing", note: "告知承诺不适用：请提交设置场所使用权证明" }],
    },
    clerk,
    `demo/${onCommitment}/correction`,
  )
  const ordinary = "GGDJ-2026-000118"
  await submit(ordinary, ["GG01", "GG02", "GG03"])
  await act(yiciban, { _tag: "AcceptApplication", caseNo: ordinary }, clerk, `demo/${ordinary}/accept`)
  return { refusal, onCommitment, ordinary }
}
// #endregion refused
