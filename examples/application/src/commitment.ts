/**
 * Notify-and-commit (告知承诺制) from a false commitment to a refused re-application: 湘味小厨
 * applies for the food-business licence on commitment on Monday 12 October 2026 and is granted on
 * the spot; an on-site verification on 20 October finds the committed premises do not exist; the
 * grant is rescinded and the credit record takes the entry; the same licence is refused again until
 * the entry expires, and another matter's commitment mode is refused while its ordinary procedure
 * stays open. docs/commitment.md includes the regions below.
 *
 * The credit codes, identity numbers and matter codes are made up (with valid check characters).
 */
// #region terms
import { Application, CalendarDate, CreditRecord, Decider, PublishedMatter } from "@yiciban/core"
import { Result, Schema } from "effect"
import { foodLicence } from "./foodLicence.ts"

const decodeMatter = Schema.decodeUnknownSync(PublishedMatter.PublishedMatter)

/**
 * Version 4 of the food-business licence offers notify-and-commit: a written commitment replaces
 * the floor plan of the premises (SP04) and the premises condition; the bureau verifies within
 * 20 working days of the decision, on site or by data check.
 */
export const foodLicenceOnCommitment: PublishedMatter.PublishedMatter = decodeMatter({
  ...foodLicence,
  version: 4,
  publishedAt: "2026-10-09T01:00:00.000Z",
  materials: [
    ...foodLicence.materials,
    {
      code: "SP04",
      name: "经营场所平面布局图",
      mandatory: true,
      category: "secondary",
      originals: 0,
      copies: 1,
      deferrable: false,
      replaceableByCommitment: true,
    },
  ],
  commitment: {
    enabled: true,
    notice: {
      proofObligation: "申请人应当证明经营场所与经营的食品品种、数量相适应",
      proofContent: "经营场所平面布局图及其符合食品安全要求的情况",
      mannerOfCommitment: "书面承诺已经具备上述条件，可不再提交经营场所平面布局图",
      liabilityForFalseCommitment: "承诺不实的，撤销许可决定，记入信用记录，一年内不得再次申请本许可",
      verificationPower: "本机关自作出决定之日起二十个工作日内现场核查或数据比对",
    },
    replacedMaterialCodes: ["SP04"],
    replacedConditions: ["具有与经营的食品品种、数量相适应的经营场所"],
    verification: { _tag: "Required", periodWorkingDays: 20, methods: ["onSite", "dataCheck"] },
    barredCategories: [],
    businessLicenceVariants: ["meetsNow", "willMeetBy"],
  },
})

const applicant = Schema.decodeUnknownSync(Application.ApplicantInput)({
  kind: "enterprise",
  code: "91430102MA4L0P1T5J",
  name: "长沙市芙蓉区湘味小厨餐饮店",
})
const subject = Application.creditSubjectOf(applicant)

/** The restaurant's credit record as it stands before this story: clean. */
export const cleanRecord: CreditRecord.State = CreditRecord.initialFor(subject)

/**
 * Who acts at 09:30 Beijing time on a day, with the applicant's credit standing on that day as the
 * fact `decide` reads (the runtime reads it from the credit record's stream).
 */
const at = (
  day: string,
  actor: Decider.CommandContext["actor"],
  record: CreditRecord.State = cleanRecord,
): Decider.CommandContext<Application.Facts> => ({
  now: `${day}T01:30:00.000Z`,
  actor,
  facts: { creditStanding: CreditRecord.standing(record, CalendarDate.make(day)) },
})
const window = { id: "clerk-07", roles: ["windowClerk" as const] }
const verifier = { id: "inspector-12", roles: ["verifier" as const] }
const processManager = { id: "credit-pm", roles: ["system" as const] }
// #endregion terms

// #region commitment
/**
 * Monday 12 October 2026: the restaurant submits without the floor plan and signs the commitment
 * letter at the window; the clerk records the notice and grants on the spot (当场作出决定). The
 * licence takes effect at once (the "meets the conditions now" variant), and the grant schedules
 * the verification: due by 9 November, 20 working days later.
 */
export const grantOnCommitment = () =>
  Decider.runAll(Application.decider, Application.initialState, [
    [
      {
        _tag: "SubmitApplication",
        caseNo: "SCJG-2026-000812",
        applicant,
        matter: foodLicenceOnCommitment,
        materials: ["SP01", "SP02", "SP03"].map((code) => ({ code, form: "paper" as const })),
      },
      at("2026-10-12", window),
    ],
    [
      {
        _tag: "AcceptOnCommitment",
        caseNo: "SCJG-2026-000812",
        letter: {
          signer: { _tag: "Applicant", name: "李湘（经营者）" },
          confirmations: {
            knowsNotice: true,
            meetsConditions: true,
            informationTrue: true,
            acceptsVerificationAndLiability: true,
          },
          statement:
            "本人已知晓告知的全部内容，承诺经营场所符合要求，所填信息真实，愿意接受核查并承担不实承诺的法律责任",
        },
        businessLicence: { variant: "meetsNow" },
        grantOnTheSpot: true,
      },
      at("2026-10-12", window),
    ],
  ])
// #endregion commitment

// #region verification
/**
 * Tuesday 20 October: the on-site verification finds no kitchen at the committed address. The
 * commitment was false: the grant is rescinded (ALL Art 69) and `FalseCommitmentFound` tells the
 * credit record — once, in the same step.
 */
export const verifyOnSite = (granted: Application.State) =>
  Decider.run(
    Application.decider,
    granted,
    {
      _tag: "RecordVerification",
      caseNo: "SCJG-2026-000812",
      method: "onSite",
      outcome: { _tag: "FalseCommitment", findings: "现场核查：承诺的经营场所为住宅，无后厨及加工设施" },
    },
    at("2026-10-20", verifier),
  )
// #endregion verification

// #region credit
/**
 * The runtime's process manager: each `FalseCommitmentFound` becomes the credit record's
 * `RecordEntry` (`Application.toRecordEntry`). The entry id is deterministic, so a redelivery
 * records nothing more; the period is the credit record's default for a false commitment, one
 * year: the entry bars until 20 October 2027.
 */
export const recordInCredit = (events: ReadonlyArray<Application.Event>, record: CreditRecord.State) =>
  Decider.runAll(
    CreditRecord.decider,
    record,
    events
      .filter((event) => event._tag === "FalseCommitmentFound")
      .map((event) => [Application.toRecordEntry(event), at("2026-10-20", processManager)] as const),
  )
// #endregion credit

// #region reapplication
/**
 * Monday 2 November: the restaurant applies for the food-business licence again. The application
 * is taken: a credit entry bars notify-and-commit only (国办发〔2020〕42号), and the statutory
 * re-application bars of ALL Arts 78 and 79 apply only to licences that directly concern public
 * safety, personal health or the safety of life and property — which never offer commitment.
 */
export const applyAgain = (record: CreditRecord.State) =>
  Decider.run(
    Application.decider,
    Application.initialState,
    {
      _tag: "SubmitApplication",
      caseNo: "SCJG-2026-000904",
      applicant,
      matter: foodLicenceOnCommitment,
      materials: ["SP01", "SP02", "SP03", "SP04"].map((code) => ({ code, form: "paper" as const })),
    },
    at("2026-11-02", window, record),
  )
// #endregion reapplication

// #region ordinary
/** Outdoor advertising registration (户外广告登记), which also offers notify-and-commit. */
const { tolerantAcceptance: _foodOnly, ...withoutTolerance } = foodLicenceOnCommitment
export const advertising: PublishedMatter.PublishedMatter = decodeMatter({
  ...withoutTolerance,
  implementationCode: "11430100MB1A38544B-000110005000-01",
  baseCode: "000110005000",
  version: 1,
  name: "户外广告设施设置登记",
  legalBasis: [{ document: "《湖南省户外广告设置管理办法》" }],
  conditions: ["设置地点符合户外广告设置规划"],
  materials: [
    { ...foodLicence.materials[0]!, code: "GG01", name: "户外广告设置登记表" },
    { ...foodLicence.materials[1]!, code: "GG02" },
    {
      ...foodLicence.materials[0]!,
      code: "GG03",
      name: "设置场所使用权证明",
      category: "secondary",
      replaceableByCommitment: true,
    },
  ],
  specialProcedures: [],
  commitment: {
    ...foodLicenceOnCommitment.commitment!,
    replacedMaterialCodes: ["GG03"],
    replacedConditions: ["对设置场所享有使用权"],
    verification: { _tag: "Required", periodWorkingDays: 10, methods: ["written", "dataCheck"] },
    businessLicenceVariants: [],
  },
})

/**
 * The same day the restaurant applies for the sign over its door. Commitment is refused — the
 * rejection says the ordinary procedure stays open — so the window issues the one-time notice for
 * the proof of use of the site, the restaurant brings it the next day, and the case is accepted in
 * the ordinary procedure.
 */
export const signForTheDoor = (record: CreditRecord.State) => {
  const caseNo = "GGDJ-2026-000117"
  const submitted = Decider.run(
    Application.decider,
    Application.initialState,
    {
      _tag: "SubmitApplication",
      caseNo,
      applicant,
      matter: advertising,
      materials: ["GG01", "GG02"].map((code) => ({ code, form: "paper" as const })),
    },
    at("2026-11-02", window, record),
  )
  if (Result.isFailure(submitted)) return { submitted }
  const onCommitment = Decider.run(
    Application.decider,
    submitted.success.state,
    {
      _tag: "AcceptOnCommitment",
      caseNo,
      letter: {
        signer: { _tag: "Applicant", name: "李湘（经营者）" },
        confirmations: {
          knowsNotice: true,
          meetsConditions: true,
          informationTrue: true,
          acceptsVerificationAndLiability: true,
        },
        statement: "本人承诺对设置场所享有使用权",
      },
      grantOnTheSpot: false,
    },
    at("2026-11-02", window, record),
  )
  const ordinary = Decider.runAll(Application.decider, submitted.success.state, [
    [
      {
        _tag: "RequestCorrection",
        caseNo,
        items: [{ code: "GG03", problem: "missing", note: "请提交设置场所使用权证明" }],
      },
      at("2026-11-02", window, record),
    ],
    [
      { _tag: "ResubmitMaterials", caseNo, materials: [{ code: "GG03", form: "paper" }] },
      at("2026-11-03", { id: "xiangwei-01", roles: ["applicant"] }, record),
    ],
    [{ _tag: "AcceptApplication", caseNo }, at("2026-11-03", window, record)],
  ])
  return { submitted, onCommitment, ordinary }
}
// #endregion ordinary

// #region expiry
/** Thursday 21 October 2027, the day after the entry's last day: the restaurant may apply again. */
export const applyAfterExpiry = (record: CreditRecord.State) =>
  Decider.run(
    Application.decider,
    Application.initialState,
    {
      _tag: "SubmitApplication",
      caseNo: "SCJG-2027-001021",
      applicant,
      matter: foodLicenceOnCommitment,
      materials: ["SP01", "SP02", "SP03"].map((code) => ({ code, form: "paper" as const })),
    },
    at("2027-10-21", window, record),
  )
// #endregion expiry

/** The whole story, step by step. */
export const wholeStory = () =>
  Result.gen(function* () {
    const granted = yield* grantOnCommitment()
    const verified = yield* verifyOnSite(granted.state)
    const credit = yield* recordInCredit(verified.events, cleanRecord)
    return { granted, verified, credit }
  })
