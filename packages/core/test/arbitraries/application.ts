/**
 * Fixtures and arbitraries for `Application` tests: a food-business licence (食品经营许可) as a
 * promised matter with tolerant acceptance, the same licence offering notify-and-commit (告知承诺),
 * a health-certificate record (健康证明备案) as an immediate matter, applicants with valid identity
 * codes, credit standings, contexts per role and dated instants.
 */
import { fc } from "@fast-check/vitest"
import type { Actor, Decider, PublishedMatter } from "../../src/index.ts"
import { Application, CalendarDate, CreditRecord, IdentityCode } from "../../src/index.ts"
import { authorities } from "./matter.ts"

export const caseNo = "SCJG-2026-000731"
export const date = CalendarDate.make

/** An instant at 09:30 Beijing time on a date. */
export const instant = (day: string): string => `${day}T01:30:00.000Z`

const withCheck = (body: string, check: (body: string) => string) => body + check(body)
const enterpriseCode = IdentityCode.makeUnifiedSocialCreditCode(
  withCheck(
    `91430102${withCheck("MA4L0P1T", IdentityCode.organizationCodeCheckCharacter)}`,
    IdentityCode.unifiedSocialCreditCheckCharacter,
  ),
)
const personCode = IdentityCode.makeResidentIdNumber(
  withCheck("43010219900307123", IdentityCode.residentIdCheckCharacter),
)

export const enterprise: Application.ApplicantInput = {
  kind: "enterprise",
  code: enterpriseCode,
  name: "长沙市芙蓉区湘味小厨餐饮店",
}
export const person: Application.ApplicantInput = { kind: "person", code: personCode, name: "李湘" }

const requirement = (
  code: string,
  name: string,
  options: Partial<PublishedMatter.MaterialRequirement> = {},
): PublishedMatter.MaterialRequirement => ({
  code,
  name,
  mandatory: true,
  category: "core",
  originals: 1,
  copies: 0,
  deferrable: false,
  replaceableByCommitment: false,
  ...options,
})

/**
 * The food-business licence: 20 statutory and 10 promised working days, five materials — M01 and
 * M02 core, M03 secondary and deferrable, M04 secondary and not deferrable, M05 only when an agent
 * applies — inspection and expert review allowed, one extension allowed, tolerant acceptance of
 * M03 within 5 working days or the case terminates.
 */
export const foodLicence: PublishedMatter.PublishedMatter = {
  implementationCode: "11430100MB1A38544B-000101001000-01",
  baseCode: "000101001000",
  version: 3,
  publishedAt: "2026-01-05T02:00:00.000Z",
  kind: "01",
  name: "食品经营许可",
  legalBasis: [{ document: "《中华人民共和国食品安全法》", provision: "第三十五条" }],
  implementingAuthority: authorities[1]!,
  conditions: ["具有与经营的食品品种、数量相适应的经营场所"],
  procedure: [
    { name: "受理", description: "窗口受理" },
    { name: "审查", description: "材料审查与现场核查" },
    { name: "决定", description: "作出许可决定" },
    { name: "送达", description: "制证送达" },
  ],
  processingMode: "promised",
  statutoryLimitWorkingDays: 20,
  promisedLimitWorkingDays: 10,
  materials: [
    requirement("M01", "食品经营许可申请书"),
    requirement("M02", "营业执照", { originals: 0, copies: 1, electronicLicenceType: "营业执照" }),
    requirement("M03", "从业人员健康证明", { category: "secondary", deferrable: true }),
    requirement("M04", "经营场所平面布局图", { category: "secondary" }),
    requirement("M05", "授权委托书", { category: "secondary", mandatory: false }),
  ],
  scope: { subjectTypes: ["enterpriseLegalPerson", "unincorporatedEnterprise"], regions: [authorities[1]!.division] },
  validity: { _tag: "Fixed", amount: 5, unit: "years" },
  intermediaryServices: [],
  fees: [],
  specialProcedures: ["inspection", "expertReview"],
  extensionAllowed: true,
  tolerantAcceptance: {
    deferrableMaterialCodes: ["M03"],
    supplementDeadlineWorkingDays: 5,
    resultBeforeSupplement: false,
    onDeadlineMissed: "terminate",
  },
  ratingEnabled: true,
}

const { tolerantAcceptance: _tolerant, ...withoutTolerance } = foodLicence

/** The five items of the written notice (告知书) of the food licence's commitment. */
export const commitmentNotice: PublishedMatter.CommitmentNotice = {
  proofObligation: "申请人应当证明其经营场所符合食品安全要求，并提交经营场所平面布局图",
  proofContent: "经营场所与经营的食品品种、数量相适应，布局合理",
  mannerOfCommitment: "申请人书面承诺已经具备（或在承诺期限内具备）上述条件，可不再提交经营场所平面布局图",
  liabilityForFalseCommitment: "承诺不实的，撤销许可决定，记入信用记录，一年内不得以告知承诺方式申请",
  verificationPower: "许可机关自作出决定之日起二十个工作日内以现场核查或数据比对方式进行核查",
}

/**
 * The food licence offering notify-and-commit: the commitment replaces the floor plan (M04) and the
 * premises condition; verification within 20 working days on site or by data check; both
 * business-licence variants.
 */
export const commitmentLicence: PublishedMatter.PublishedMatter = {
  ...foodLicence,
  materials: foodLicence.materials.map((m) => (m.code === "M04" ? { ...m, replaceableByCommitment: true } : m)),
  commitment: {
    enabled: true,
    notice: commitmentNotice,
    replacedMaterialCodes: ["M04"],
    replacedConditions: ["具有与经营的食品品种、数量相适应的经营场所"],
    verification: { _tag: "Required", periodWorkingDays: 20, methods: ["onSite", "dataCheck"] },
    barredCategories: [],
    businessLicenceVariants: ["meetsNow", "willMeetBy"],
  },
}

/** The commitment licence with verification exempt (免于核查). */
export const exemptLicence: PublishedMatter.PublishedMatter = {
  ...commitmentLicence,
  commitment: {
    ...commitmentLicence.commitment!,
    verification: { _tag: "Exempt", reason: "数据共享已实时核验经营场所信息" },
  },
}

/** An immediate matter (即办件): limits 0, decided on the spot. */
export const healthRecord: PublishedMatter.PublishedMatter = {
  ...withoutTolerance,
  implementationCode: "11430100MB1A38544B-000107002000-01",
  baseCode: "000107002000",
  kind: "07",
  name: "食品小作坊登记证补办",
  processingMode: "immediate",
  statutoryLimitWorkingDays: 0,
  promisedLimitWorkingDays: 0,
  materials: [requirement("M01", "补办申请书"), requirement("M02", "营业执照", { electronicLicenceType: "营业执照" })],
  specialProcedures: [],
  extensionAllowed: false,
}

export const paper = (code: string): Application.SubmittedMaterial => ({ code, form: "paper" })
export const allMaterials = ["M01", "M02", "M03", "M04"].map(paper)

export const remedies: Application.RemedyNotice = {
  administrativeReview: "可自收到本决定之日起六十日内向长沙市人民政府申请行政复议",
  litigation: "或者自收到本决定之日起六个月内向长沙铁路运输法院提起行政诉讼",
}

// ---------------------------------------------------------------------------------------------
// Contexts
// ---------------------------------------------------------------------------------------------

export const actors = {
  applicant: { id: "applicant-1", roles: ["applicant"] },
  agent: { id: "agent-1", roles: ["agent"] },
  windowClerk: { id: "clerk-7", roles: ["windowClerk"], authority: authorities[1]!.creditCode, region: "430100" },
  reviewer: { id: "reviewer-3", roles: ["reviewer"], authority: authorities[1]!.creditCode, region: "430100" },
  approver: { id: "head-1", roles: ["approver"], authority: authorities[1]!.creditCode, region: "430100" },
  authorityHead: {
    id: "director-1",
    roles: ["authorityHead"],
    authority: authorities[1]!.creditCode,
    region: "430100",
  },
  verifier: { id: "verifier-2", roles: ["verifier"], authority: authorities[1]!.creditCode, region: "430100" },
  system: { id: "timer", roles: ["system"] },
  supervisor: { id: "supervisor-1", roles: ["supervisor"] },
} as const satisfies Record<string, Actor.Actor>

export type ActorName = keyof typeof actors

/** The context of `who` acting at 09:30 Beijing time on `day`. */
export const as = (who: ActorName, day: string): Decider.CommandContext => ({
  now: instant(day),
  actor: actors[who],
  facts: {},
})

/** The credit subject of an applicant. */
export const subjectOf = (applicant: Application.ApplicantInput): CreditRecord.CreditSubjectInput =>
  Application.creditSubjectOf(applicant)

/** A clean credit standing of `applicant` on `day`, read from an empty credit record. */
export const cleanStanding = (
  day: string,
  applicant: Application.ApplicantInput = enterprise,
): CreditRecord.CreditStanding => CreditRecord.standing(CreditRecord.initialFor(subjectOf(applicant)), date(day))

/** A credit record of `applicant` holding one entry from a case of `matterCode`, recorded effective `effectiveOn`. */
export const recordWith = (
  kind: CreditRecord.EntryKind,
  effectiveOn: string,
  matterCode: string,
  applicant: Application.ApplicantInput = enterprise,
  expiresOn?: string,
): CreditRecord.State => {
  const subject = subjectOf(applicant)
  const command: CreditRecord.RecordEntry = {
    _tag: "RecordEntry",
    subject,
    entryId: `EARLIER-1/${kind}`,
    kind,
    source: { _tag: "Application", caseNo: "EARLIER-1", matterCode },
    reason: "现场核查发现承诺不实",
    effectiveOn: date(effectiveOn),
    ...(expiresOn === undefined ? {} : { expiresOn: date(expiresOn) }),
  }
  const outcome = CreditRecord.decider.decide(command, CreditRecord.initialFor(subject), {
    now: instant(effectiveOn),
    actor: actors.system,
    facts: {},
  })
  if (outcome._tag === "Failure") throw new Error(`fixture credit entry rejected: ${JSON.stringify(outcome.failure)}`)
  return outcome.success.reduce(CreditRecord.evolve, CreditRecord.initialFor(subject))
}

/** `who` acting on `day` with `standing` as the credit fact (a clean one by default). */
export const withCredit = (
  who: ActorName,
  day: string,
  standing: CreditRecord.CreditStanding = cleanStanding(day),
): Decider.CommandContext<Application.Facts> => ({
  now: instant(day),
  actor: actors[who],
  facts: { creditStanding: standing },
})

/** The commitment letter signed by the applicant, every item affirmed. */
export const letter: Application.CommitmentLetter = {
  signer: { _tag: "Applicant", name: "李湘" },
  confirmations: {
    knowsNotice: true,
    meetsConditions: true,
    informationTrue: true,
    acceptsVerificationAndLiability: true,
  },
  statement: "本人已知晓告知的全部内容，承诺经营场所符合要求，所填信息真实，愿意接受核查并承担不实承诺的法律责任",
}

/** Monday 2 March 2026 + 3 days: the date the "will meet by" fixture commits to. */
export const MEET_BY = "2026-03-05"

/** The first actor allowed to issue a command. */
export const issuerOf = (tag: Application.CommandTag): ActorName => {
  const role = Application.requiredRoles[tag][0]!
  return (Object.keys(actors) as Array<ActorName>).find((name) => actors[name].roles[0] === role)!
}

// ---------------------------------------------------------------------------------------------
// Arbitraries
// ---------------------------------------------------------------------------------------------

/** Terms of a promised matter: limits, the tolerant settings and what the matter allows vary. */
export const promisedTerms: fc.Arbitrary<PublishedMatter.PublishedMatter> = fc
  .record({
    promised: fc.integer({ min: 3, max: 15 }),
    extra: fc.integer({ min: 0, max: 10 }),
    supplement: fc.integer({ min: 1, max: 3 }),
    resultBeforeSupplement: fc.boolean(),
    onDeadlineMissed: fc.constantFrom<PublishedMatter.DeadlineMissedOutcome>("terminate", "suspend"),
    extensionAllowed: fc.boolean(),
    tolerant: fc.boolean(),
    // the licence directly concerns public safety, personal health or life and property: ALL Arts 78, 79 bars apply
    safety: fc.boolean(),
  })
  .map(
    ({ promised, extra, supplement, resultBeforeSupplement, onDeadlineMissed, extensionAllowed, tolerant, safety }) => {
      return {
        ...withoutTolerance,
        ...(safety ? { concernsSafetyHealthProperty: true } : {}),
        statutoryLimitWorkingDays: promised + extra,
        promisedLimitWorkingDays: promised,
        extensionAllowed,
        materials: foodLicence.materials.map((m) => (m.code === "M03" ? { ...m, deferrable: tolerant } : m)),
        ...(tolerant
          ? {
              tolerantAcceptance: {
                deferrableMaterialCodes: ["M03"],
                supplementDeadlineWorkingDays: Math.min(supplement, promised),
                resultBeforeSupplement,
                onDeadlineMissed,
              },
            }
          : {}),
      }
    },
  )

/** Terms for a model run: mostly promised matters, sometimes the immediate one. */
export const anyTerms: fc.Arbitrary<PublishedMatter.PublishedMatter> = fc.oneof(
  { weight: 5, arbitrary: promisedTerms },
  { weight: 1, arbitrary: fc.constant(healthRecord) },
)

// ---------------------------------------------------------------------------------------------
// Histories
// ---------------------------------------------------------------------------------------------

/** The food licence with a result allowed before supplement and suspension on a missed deadline. */
export const lenientLicence: PublishedMatter.PublishedMatter = {
  ...foodLicence,
  tolerantAcceptance: {
    deferrableMaterialCodes: ["M03"],
    supplementDeadlineWorkingDays: 5,
    resultBeforeSupplement: true,
    onDeadlineMissed: "suspend",
  },
}

export type Step = readonly [Application.Command, Decider.CommandContext<Application.Facts>]

/** Runs the steps from the initial state; throws on a rejection (a broken fixture). */
export const play = (
  steps: ReadonlyArray<Step>,
  decider: Decider.Decider<
    Application.State,
    Application.Command,
    Application.Event,
    Application.Rejection,
    Decider.CommandContext<Application.Facts>
  > = Application.decider,
): { readonly events: Array<Application.Event>; readonly state: Application.State } => {
  const events: Array<Application.Event> = []
  let state = decider.initialState
  for (const [command, context] of steps) {
    const outcome = decider.decide(command, state, context)
    if (outcome._tag === "Failure") {
      throw new Error(`fixture step ${command._tag} was rejected: ${JSON.stringify(outcome.failure)}`)
    }
    events.push(...outcome.success)
    for (const event of outcome.success) state = decider.evolve(state, event)
  }
  return { events, state }
}

/** Monday 2 March 2026: the day the fixture histories happen on. */
export const D0 = "2026-03-02"
/** Tuesday 10 March 2026: after the 5-working-day windows that start on {@link D0} (3, 4, 5, 6, 9 March). */
export const LATE = "2026-03-10"

/**
 * How a fixture case is set up: `lenient` (the food licence allowing the result before supplement
 * and suspending on a missed deadline; M03 missing at submission), `strict` (the food licence as
 * published: M03 missing, terminate), `complete` (every material submitted), `immediate`,
 * `commitment` (the commitment licence without the floor plan M04, accepted on commitment, "meets
 * the conditions now") and `willMeetBy` (the same, committing to meet them by {@link MEET_BY}).
 */
export type Variant = "lenient" | "strict" | "complete" | "immediate" | "commitment" | "willMeetBy"

const termsOf: Record<Variant, PublishedMatter.PublishedMatter> = {
  lenient: lenientLicence,
  strict: foodLicence,
  complete: foodLicence,
  immediate: healthRecord,
  commitment: commitmentLicence,
  willMeetBy: commitmentLicence,
}

const submittedOf: Record<Variant, ReadonlyArray<string>> = {
  lenient: ["M01", "M02", "M04"],
  strict: ["M01", "M02", "M04"],
  complete: ["M01", "M02", "M03", "M04"],
  immediate: ["M01", "M02"],
  commitment: ["M01", "M02", "M03"],
  willMeetBy: ["M01", "M02", "M03"],
}

const isCommitment = (variant: Variant): boolean => variant === "commitment" || variant === "willMeetBy"

/** The default variant of a phase: the one whose fixture reaches it. */
const variantFor = (phase: Application.Phase): Variant => {
  switch (phase) {
    case "terminated":
      return "strict"
    case "verified":
      return "commitment"
    case "lapsed":
      return "willMeetBy"
    default:
      return "lenient"
  }
}

/** The one-time notice the variant's submission calls for. */
export const noticeOf = (variant: Variant): ReadonlyArray<Application.CorrectionItem> =>
  isCommitment(variant)
    ? [{ code: "M04", problem: "missing", note: "请补充经营场所平面布局图，或以告知承诺代替" }]
    : variant === "complete"
      ? [{ code: "M04", problem: "defective", note: "平面图未标注功能分区" }]
      : variant === "immediate"
        ? [{ code: "M02", problem: "defective", note: "营业执照复印件不清晰" }]
        : [{ code: "M03", problem: "missing", note: "请补充从业人员健康证明" }]

export const commitment: Application.SupplementCommitment = {
  signedBy: "李湘",
  statement: "本人承诺在规定期限内补齐从业人员健康证明，逾期未补齐的，同意终止办理",
}

/** The steps that bring a case of the variant into `phase`. */
export const stepsTo = (phase: Application.Phase, variant: Variant = variantFor(phase)): Array<Step> => {
  const matter = termsOf[variant]
  const draft: Step = [
    { _tag: "DraftApplication", caseNo, applicant: enterprise, matterCode: matter.implementationCode },
    as("applicant", D0),
  ]
  const submit: Step = [
    { _tag: "SubmitApplication", caseNo, applicant: enterprise, matter, materials: submittedOf[variant].map(paper) },
    as("windowClerk", D0),
  ]
  const notice: Step = [{ _tag: "RequestCorrection", caseNo, items: noticeOf(variant) }, as("windowClerk", D0)]
  const resubmit: Step = [
    { _tag: "ResubmitMaterials", caseNo, materials: noticeOf(variant).map((item) => paper(item.code)) },
    as("applicant", D0),
  ]
  const accept: Step = isCommitment(variant)
    ? [
        {
          _tag: "AcceptOnCommitment",
          caseNo,
          letter,
          businessLicence:
            variant === "willMeetBy" ? { variant: "willMeetBy", meetBy: date(MEET_BY) } : { variant: "meetsNow" },
          grantOnTheSpot: false,
        },
        withCredit("windowClerk", D0),
      ]
    : variant === "complete"
      ? [{ _tag: "AcceptApplication", caseNo }, as("windowClerk", D0)]
      : [
          {
            _tag: "AcceptTolerantly",
            caseNo,
            deferred: [{ code: "M03", howToSupply: "交窗口或网上上传" }],
            commitment,
          },
          as("windowClerk", D0),
        ]
  const missDeadline: Step = [
    isCommitment(variant) ? { _tag: "MissComplianceDeadline", caseNo } : { _tag: "MissSupplementDeadline", caseNo },
    as("system", LATE),
  ]
  const proof: ReadonlyArray<Step> =
    variant === "willMeetBy"
      ? [
          [
            { _tag: "SubmitComplianceProof", caseNo, description: "经营场所改造完成，提交验收照片" },
            as("applicant", D0),
          ],
        ]
      : []
  const verify = (outcome: Application.VerificationOutcome): Step => [
    { _tag: "RecordVerification", caseNo, method: "onSite", outcome },
    as("verifier", D0),
  ]
  const grant: Step =
    variant === "immediate"
      ? [{ _tag: "DecideOnTheSpot", caseNo, outcome: { _tag: "Grant" } }, as("windowClerk", D0)]
      : [{ _tag: "GrantApplication", caseNo }, as("approver", D0)]
  const granted = variant === "immediate" ? [submit, grant] : [submit, accept, grant]
  const certificate: Step = [
    { _tag: "IssueCertificate", caseNo, certificateNo: "JY14301020001234" },
    as("windowClerk", D0),
  ]
  switch (phase) {
    case "new":
      return []
    case "draft":
      return [draft]
    case "submitted":
      return [submit]
    case "correctionRequested":
      return [submit, notice]
    case "corrected":
      return [submit, notice, resubmit]
    case "underReview":
      return [submit, accept]
    case "specialProcedure":
      return [
        submit,
        accept,
        [
          {
            _tag: "StartSpecialProcedure",
            caseNo,
            procedure: "inspection",
            expectedWorkingDays: 5,
            reason: "现场核查经营场所",
          },
          as("reviewer", D0),
        ],
      ]
    case "suspended":
      return [submit, accept, missDeadline]
    case "terminated":
      return isCommitment(variant)
        ? [submit, accept, verify({ _tag: "FalseCommitment", findings: "现场核查发现经营场所与承诺不符" })]
        : [submit, accept, missDeadline]
    case "lapsed":
      return [submit, accept, grant, missDeadline]
    case "verified":
      return [...granted, certificate, ...proof, verify({ _tag: "Confirmed", findings: "现场核查属实" })]
    case "granted":
      return granted
    case "concluded":
      return [...granted, certificate]
    case "denied":
      return [
        submit,
        accept,
        [{ _tag: "DenyApplication", caseNo, reasons: "经营场所不符合食品安全要求", remedies }, as("approver", D0)],
      ]
    case "acceptanceDeclined":
      return [
        submit,
        [
          { _tag: "DeclineAcceptance", caseNo, ground: "noLicenceRequired", reasons: "仅销售预包装食品，只需备案" },
          as("windowClerk", D0),
        ],
      ]
    case "withdrawn":
      return [submit, [{ _tag: "WithdrawApplication", caseNo, reason: "经营计划变更" }, as("applicant", D0)]]
    case "rescinded":
      return [
        ...granted,
        [
          { _tag: "RescindGrant", caseNo, legalBasis: "《行政许可法》第六十九条", reasons: "以欺骗手段取得许可" },
          as("approver", D0),
        ],
      ]
  }
}
