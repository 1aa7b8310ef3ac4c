/**
 * One case from submission to certificate: 湘味小厨, a restaurant in 长沙市芙蓉区, applies for a
 * food-business licence (食品经营许可) on Thursday 24 September 2026, the day before 中秋 and a week
 * before 国庆. Its staff health certificates are not ready, so the window accepts the case
 * tolerantly (容缺受理); an on-site inspection runs across the holidays; the licence is granted
 * and issued as an electronic licence. docs/application.md includes the regions below.
 *
 * The credit codes and identity numbers are made up (with valid check characters).
 */
// #region terms
import { Application, CalendarDate, Decider, PublishedMatter } from "@yiciban/core"
import { Result, Schema } from "effect"

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

/** Version 3 of the city bureau's food-business licence, as the catalogue published it. */
export const foodLicence: PublishedMatter.PublishedMatter = Schema.decodeUnknownSync(PublishedMatter.PublishedMatter)({
  implementationCode: "11430100MB1A38544B-000101001000-01",
  baseCode: "000101001000",
  version: 3,
  publishedAt: "2026-06-01T01:00:00.000Z",
  kind: "01",
  name: "食品经营许可",
  legalBasis: [{ document: "《中华人民共和国食品安全法》", provision: "第三十五条" }],
  implementingAuthority: { name: "长沙市市场监督管理局", creditCode: "11430100MB1A38544B", division: "430100" },
  conditions: ["具有与经营的食品品种、数量相适应的经营场所"],
  procedure: [
    { name: "受理", description: "材料齐全、符合法定形式的予以受理" },
    { name: "审查", description: "材料审查与现场核查" },
    { name: "决定", description: "作出准予或不予许可的决定" },
  ],
  processingMode: "promised",
  statutoryLimitWorkingDays: 20, // 食品安全法第三十五条
  promisedLimitWorkingDays: 10, // the bureau's service promise
  materials: [
    material("SP01", "食品经营许可申请书", "core"),
    { ...material("SP02", "营业执照", "core"), electronicLicenceType: "营业执照" }, // or its electronic licence
    material("SP03", "从业人员健康证明", "secondary", true), // may be supplied later
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
    resultBeforeSupplement: false, // no licence until the certificates are in
    onDeadlineMissed: "terminate",
  },
  ratingEnabled: true,
})

const applicant = Schema.decodeUnknownSync(Application.ApplicantInput)({
  kind: "enterprise",
  code: "91430102MA4L0P1T5J", // unified social credit code (GB 32100)
  name: "长沙市芙蓉区湘味小厨餐饮店",
})

const caseNo = "SCJG-2026-000731"

/** Who acts, at 09:30 Beijing time on a date. */
const at = (day: string, actor: Decider.CommandContext["actor"]): Decider.CommandContext => ({
  now: `${day}T01:30:00.000Z`,
  actor,
  facts: {},
})
const window = { id: "clerk-07", roles: ["windowClerk" as const] }
const reviewer = { id: "reviewer-03", roles: ["reviewer" as const] }
const approver = { id: "head-01", roles: ["approver" as const] }
const restaurant = { id: "xiangwei-01", roles: ["applicant" as const] }
// #endregion terms

// #region acceptance
/**
 * Submitted at the window without the staff health certificates (SP03): every core material is
 * there, SP03 is deferrable, so the clerk accepts tolerantly. The clock starts today; the notice
 * tells the applicant to bring SP03 within 5 working days — by Friday 9 October, across 中秋 and
 * 国庆 — or the case terminates.
 */
export const acceptTolerantly = () =>
  Decider.runAll(Application.decider, Application.initialState, [
    [
      {
        _tag: "SubmitApplication",
        caseNo,
        applicant,
        matter: foodLicence, // pinned: later versions of the matter do not touch this case
        materials: [
          { code: "SP01", form: "paper" },
          { code: "SP02", form: "electronicLicence", licenceNo: "91430102MA4L0P1T5J" },
        ],
      },
      at("2026-09-24", window),
    ],
    [
      {
        _tag: "AcceptTolerantly",
        caseNo,
        deferred: [{ code: "SP03", howToSupply: "到窗口提交或在政务服务网上传" }],
        commitment: { signedBy: "李湘（经营者）", statement: "承诺于期限内补齐从业人员健康证明，逾期未补齐的终止办理" },
      },
      at("2026-09-24", window),
    ],
  ])
// #endregion acceptance

// #region review
/**
 * The reviewer starts an on-site inspection on Monday 28 September (expected 3 working days);
 * the restaurant brings the health certificates on the 30th; the inspection ends on Friday
 * 9 October. The clock stopped for 29, 30 September, 8 and 9 October.
 */
export const inspectAcrossNationalDay = (accepted: Application.State) =>
  Decider.runAll(Application.decider, accepted, [
    [
      {
        _tag: "StartSpecialProcedure",
        caseNo,
        procedure: "inspection",
        expectedWorkingDays: 3,
        reason: "核查经营场所布局与设施",
      },
      at("2026-09-28", reviewer),
    ],
    [
      { _tag: "SupplementDeferredMaterials", caseNo, materials: [{ code: "SP03", form: "paper" }] },
      at("2026-09-30", restaurant),
    ],
    [{ _tag: "EndSpecialProcedure", caseNo, outcome: "现场核查合格" }, at("2026-10-09", reviewer)],
    [
      { _tag: "RecordReviewStep", caseNo, step: "审查", opinion: "材料齐全，现场核查合格，建议准予许可" },
      at("2026-10-12", reviewer),
    ],
  ])
// #endregion review

// #region decision
/** Granted on Tuesday 13 October, the licence issued the next day as an electronic licence. */
export const grantAndIssue = (reviewed: Application.State) =>
  Decider.runAll(Application.decider, reviewed, [
    [{ _tag: "GrantApplication", caseNo }, at("2026-10-13", approver)],
    [
      {
        _tag: "IssueCertificate",
        caseNo,
        certificateNo: "JY14301020026731",
        electronicLicence: { licenceType: "食品经营许可证", licenceNo: "DZZZ-430100-2026-026731" },
      },
      at("2026-10-14", window),
    ],
  ])
// #endregion decision

// #region clock
/** The clock as the supervision screen shows it on a day. */
export const clockOn = (state: Application.State, day: string) => Application.clockView(state, CalendarDate.make(day))
// #endregion clock

/** The whole case, step by step, with the state after each part. */
export const wholeCase = () =>
  Result.gen(function* () {
    const accepted = yield* acceptTolerantly()
    const reviewed = yield* inspectAcrossNationalDay(accepted.state)
    const concluded = yield* grantAndIssue(reviewed.state)
    return { accepted, reviewed, concluded }
  })
