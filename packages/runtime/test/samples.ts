/**
 * One well-formed command of every kind each core aggregate takes, as a caller would send it
 * (plain data), addressed to the test fixtures' instances: the case `B-1` of the restaurant on the
 * city bureau's food licence, the matter itself, the restaurant's credit record, and the licence
 * `L-1` (issued from the restaurant's concluded case `L-1`) and its online rating `L-1.online`. `samples.test`
 * checks that every command tag of every aggregate has its sample and that each decodes.
 */
import { type Aggregate, Aggregates, RatingAggregate } from "../src/index.ts"
import { applicant, cityBureau, elements, matterCode } from "./fixtures.ts"

export const caseNo = "B-1"
const remedies = {
  administrativeReview: "六十日内向长沙市人民政府申请行政复议",
  litigation: "六个月内向人民法院提起行政诉讼",
}
const letter = {
  signer: { _tag: "Applicant", name: "李湘" },
  confirmations: {
    knowsNotice: true,
    meetsConditions: true,
    informationTrue: true,
    acceptsVerificationAndLiability: true,
  },
  statement: "本人承诺符合条件",
}
const paper = (code: string) => ({ code, form: "paper" })

export const applicationSamples: ReadonlyArray<{ readonly _tag: string; readonly [field: string]: unknown }> = [
  { _tag: "DraftApplication", caseNo, applicant, matterCode },
  { _tag: "SubmitApplication", caseNo, applicant, matterCode, materials: [paper("SP01"), paper("SP02")] },
  { _tag: "RequestCorrection", caseNo, items: [{ code: "SP03", problem: "missing", note: "请补充" }] },
  { _tag: "ResubmitMaterials", caseNo, materials: [paper("SP03")] },
  { _tag: "AcceptApplication", caseNo },
  {
    _tag: "AcceptTolerantly",
    caseNo,
    deferred: [{ code: "SP03", howToSupply: "窗口提交" }],
    commitment: { signedBy: "李湘", statement: "承诺按期补齐" },
  },
  { _tag: "DeemAccepted", caseNo },
  { _tag: "DeclineAcceptance", caseNo, ground: "notCompetent", reasons: "不属于本机关职权" },
  { _tag: "DecideOnTheSpot", caseNo, outcome: { _tag: "Grant" } },
  { _tag: "RecordReviewStep", caseNo, step: "审查", opinion: "同意" },
  { _tag: "StartSpecialProcedure", caseNo, procedure: "inspection", expectedWorkingDays: 3, reason: "现场核查" },
  { _tag: "EndSpecialProcedure", caseNo, outcome: "核查合格" },
  { _tag: "ExtendTimeLimit", caseNo, reason: "情况复杂", noticeToApplicant: "延长办理期限十个工作日，理由已告知" },
  { _tag: "SupplementDeferredMaterials", caseNo, materials: [paper("SP03")] },
  { _tag: "MissSupplementDeadline", caseNo },
  { _tag: "GrantApplication", caseNo },
  { _tag: "DenyApplication", caseNo, reasons: "不符合条件", remedies },
  { _tag: "IssueCertificate", caseNo, certificateNo: "JY1430102000001" },
  { _tag: "WithdrawApplication", caseNo, reason: "不再经营" },
  { _tag: "RescindGrant", caseNo, legalBasis: "《行政许可法》第六十九条", reasons: "以欺骗手段取得" },
  { _tag: "AcceptOnCommitment", caseNo, letter, grantOnTheSpot: false },
  { _tag: "SubmitComplianceProof", caseNo, description: "已完成改造" },
  { _tag: "MissComplianceDeadline", caseNo },
  {
    _tag: "RecordVerification",
    caseNo,
    method: "onSite",
    outcome: { _tag: "Confirmed", findings: "属实" },
  },
  { _tag: "RecordFraudFinding", caseNo, findings: "场地租赁合同系伪造" },
  { _tag: "CorrectOnTheSpot", caseNo, items: [{ code: "SP01", note: "申请书日期笔误" }] },
]

export const matterSamples: ReadonlyArray<{ readonly _tag: string; readonly [field: string]: unknown }> = [
  { _tag: "DraftMatter", implementationCode: matterCode, baseCode: "000101001000", elements },
  { _tag: "ReviseDraft", implementationCode: matterCode, elements },
  { _tag: "PublishDraft", implementationCode: matterCode },
  { _tag: "OpenRevision", implementationCode: matterCode },
  { _tag: "SuspendMatter", implementationCode: matterCode, reason: "整改" },
  { _tag: "ResumeMatter", implementationCode: matterCode },
  { _tag: "AbolishMatter", implementationCode: matterCode, reason: "取消" },
  {
    _tag: "DelegateMatter",
    implementationCode: matterCode,
    kind: "delegateDown",
    to: { name: "长沙市芙蓉区市场监督管理局", creditCode: "11430102MB1A4029XP", division: "430102" },
    effectiveFrom: "2026-10-01",
    basis: "长政发〔2026〕1号",
  },
]

const subject = { kind: "enterprise", code: applicant.code }
export const creditSamples: ReadonlyArray<{ readonly _tag: string; readonly [field: string]: unknown }> = [
  {
    _tag: "RecordEntry",
    subject,
    entryId: "E-1",
    kind: "minorDefault",
    source: { _tag: "Decision", authority: cityBureau.creditCode, documentNo: "长市监〔2026〕1号" },
    reason: "逾期未年报",
    effectiveOn: "2026-09-24",
    expiresOn: "2027-09-23",
  },
  { _tag: "RepairEntry", subject, entryId: "E-1", reason: "已补报", repairedOn: "2026-10-12" },
  { _tag: "RevokeEntry", subject, entryId: "E-1", reason: "复议撤销", revokedOn: "2026-10-12" },
  {
    _tag: "RecordStatutoryBar",
    subject,
    barId: "C-1/art78",
    article: "ALL Art 78",
    baseCode: "000101001000",
    source: { _tag: "Application", caseNo: "C-1", matterCode },
    reason: "提供虚假材料",
    effectiveOn: "2026-10-12",
  },
  { _tag: "AnnulStatutoryBar", subject, barId: "C-1/art78", reason: "复议撤销", annulledOn: "2026-10-12" },
]

export const licenceId = "L-1"
export const licenceSamples: ReadonlyArray<{ readonly _tag: string; readonly [field: string]: unknown }> = [
  { _tag: "IssueLicence", licenceId },
  { _tag: "ApplyForRenewal", licenceId, caseNo: "YX-2031-0001" },
  { _tag: "DecideRenewal", licenceId, decision: { _tag: "Approve" } },
  { _tag: "DeemRenewed", licenceId },
  { _tag: "RequestChange", licenceId, alteration: { scope: "热食类食品制售；冷食类食品制售" }, reason: "增加品种" },
  { _tag: "DecideChange", licenceId, decision: { _tag: "Refuse", reasons: "场所不符合冷食类条件" } },
  { _tag: "SuspendLicence", licenceId, reason: "食品安全事故调查", legalBasis: "《食品安全法》第一百二十六条" },
  { _tag: "LiftSuspension", licenceId, reason: "整改完毕" },
  {
    _tag: "RevokeLicence",
    licenceId,
    ground: {
      _tag: "AuthorityError",
      ground: "procedureViolated",
      compensation: { _tag: "Owed", basis: "《行政许可法》第六十九条第四款" },
    },
    reasons: "未依法组织现场核查",
    publicInterest: { seriousHarm: false, assessment: "不影响公共利益" },
  },
  { _tag: "RevokeWithRescindedGrant", licenceId },
  { _tag: "DeregisterLicence", licenceId, ground: "forceMajeure", reasons: "经营场所毁于地震" },
  { _tag: "RecordExpiry", licenceId },
]

export const ratingId = "L-1.online"
export const ratingSamples: ReadonlyArray<{ readonly _tag: string; readonly [field: string]: unknown }> = [
  { _tag: "OpenRating", ratingId, matterCode },
  { _tag: "GiveRating", ratingId, level: 5, channel: "mobile", text: "等候太久", tags: ["等候"] },
  { _tag: "RecordDefaultRating", ratingId },
  { _tag: "VerifyNegative", ratingId, findings: "窗口人手不足" },
  { _tag: "RectifyAtOnce", ratingId, measures: "增开窗口" },
  { _tag: "RectifyByDeadline", ratingId, measures: "增开窗口" },
  { _tag: "CompleteRectification", ratingId, outcome: "已增开窗口" },
  { _tag: "ExplainNegative", ratingId, explanation: "依法须核验原件" },
  { _tag: "RecordCallback", ratingId, reached: true, satisfied: true, notes: "" },
  { _tag: "AppealRating", ratingId, ground: "malicious", reasons: "与办件无关" },
  { _tag: "DecideAppeal", ratingId, upheld: false, reasons: "经复核不属实" },
]

/** The core aggregates with their samples and the id each sample names. */
type Sample = { readonly _tag: string; readonly [field: string]: unknown }
export const aggregatesWithSamples: readonly [
  { readonly aggregate: Aggregate.Any; readonly samples: ReadonlyArray<Sample>; readonly id: string },
  { readonly aggregate: Aggregate.Any; readonly samples: ReadonlyArray<Sample>; readonly id: string },
  { readonly aggregate: Aggregate.Any; readonly samples: ReadonlyArray<Sample>; readonly id: string },
  { readonly aggregate: Aggregate.Any; readonly samples: ReadonlyArray<Sample>; readonly id: string },
  { readonly aggregate: Aggregate.Any; readonly samples: ReadonlyArray<Sample>; readonly id: string },
] = [
  { aggregate: Aggregates.application, samples: applicationSamples, id: caseNo },
  { aggregate: Aggregates.matter, samples: matterSamples, id: matterCode },
  { aggregate: Aggregates.creditRecord, samples: creditSamples, id: applicant.code },
  { aggregate: Aggregates.licence, samples: licenceSamples, id: licenceId },
  { aggregate: RatingAggregate.rating, samples: ratingSamples, id: ratingId },
]
