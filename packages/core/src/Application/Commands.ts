/**
 * The commands of the `Application` aggregate. Every command names the case by its number; the
 * roles that may issue each one are in {@link requiredRoles}.
 *
 * @since 0.1.0
 */
import * as Schema from "effect/Schema"
import type { Role } from "../Actor.ts"
import {
  ImplementingAuthority,
  MatterCode,
  PublishedMatter,
  SpecialProcedureKind,
  VerificationMethod,
} from "../PublishedMatter.ts"
import {
  ApplicantInput,
  BundleTolerance,
  BusinessLicenceCommitment,
  CaseNo,
  CommitmentLetter,
  CorrectionItem,
  DeclineGround,
  ElectronicLicence,
  LicenceReliance,
  RemedyNotice,
  SharedDataReliance,
  SubmittedMaterial,
  SupplementCommitment,
  VerificationOutcome,
} from "./State.ts"

/**
 * The applicant starts a case for a matter and prepares it.
 *
 * @category schemas
 * @since 0.1.0
 */
export const DraftApplication = Schema.TaggedStruct("DraftApplication", {
  caseNo: CaseNo,
  applicant: ApplicantInput,
  matterCode: MatterCode,
})

/**
 * @category models
 * @since 0.1.0
 */
export type DraftApplication = typeof DraftApplication.Type

/**
 * Submits the application with its materials. `matter` is the published version the case is
 * judged by: the runtime sets it from the matter's stream (`Matter.publishedTerms`), never from
 * the applicant's input; the case pins it. `authority` is the authority the matter is delegated
 * to on the day of submission (下放 / 委托 / 园区赋权, `Matter.authorityOn`), set by the runtime when
 * it is not the implementing authority of the terms: the case is judged by it.
 *
 * @category schemas
 * @since 0.1.0
 */
export const SubmitApplication = Schema.TaggedStruct("SubmitApplication", {
  caseNo: CaseNo,
  applicant: ApplicantInput,
  matter: PublishedMatter,
  materials: Schema.Array(SubmittedMaterial),
  authority: Schema.optionalKey(ImplementingAuthority),
  licencesReliedOn: Schema.optionalKey(Schema.Array(LicenceReliance)),
  sharedDataReliedOn: Schema.optionalKey(Schema.Array(SharedDataReliance)),
  bundleTolerance: Schema.optionalKey(BundleTolerance),
})

/**
 * @category models
 * @since 0.1.0
 */
export type SubmitApplication = typeof SubmitApplication.Type

/**
 * The one-time correction notice (一次性告知补正, ALL Art 32), on the spot or within 5 working days
 * of receipt: every missing mandatory material and every defective one. After a resubmission, a
 * further request may repeat items of the first notice only.
 *
 * @category schemas
 * @since 0.1.0
 */
export const RequestCorrection = Schema.TaggedStruct("RequestCorrection", {
  caseNo: CaseNo,
  items: Schema.Array(CorrectionItem),
})

/**
 * @category models
 * @since 0.1.0
 */
export type RequestCorrection = typeof RequestCorrection.Type

/**
 * Corrects at the window, on the day of receipt, errors in materials on file that can be corrected
 * on the spot (申请材料存在可以当场更正的错误的，应当允许申请人当场更正, ALL Art 32): each item names
 * the material and what was corrected. No correction notice is given, the one-time notice stays
 * unused and the 5-working-day window keeps counting from receipt; the case's timeline shows it.
 *
 * @category schemas
 * @since 0.2.0
 */
export const CorrectOnTheSpot = Schema.TaggedStruct("CorrectOnTheSpot", {
  caseNo: CaseNo,
  items: Schema.Array(Schema.Struct({ code: Schema.NonEmptyString, note: Schema.String })),
})

/**
 * @category models
 * @since 0.2.0
 */
export type CorrectOnTheSpot = typeof CorrectOnTheSpot.Type

/**
 * The applicant supplies corrected materials for items of the notice.
 *
 * @category schemas
 * @since 0.1.0
 */
export const ResubmitMaterials = Schema.TaggedStruct("ResubmitMaterials", {
  caseNo: CaseNo,
  materials: Schema.Array(SubmittedMaterial),
})

/**
 * @category models
 * @since 0.1.0
 */
export type ResubmitMaterials = typeof ResubmitMaterials.Type

/**
 * Accepts the application (受理): every mandatory material is on file. The clock starts on the
 * day of acceptance or, after a correction, on the day the corrected materials became complete.
 *
 * @category schemas
 * @since 0.1.0
 */
export const AcceptApplication = Schema.TaggedStruct("AcceptApplication", { caseNo: CaseNo })

/**
 * @category models
 * @since 0.1.0
 */
export type AcceptApplication = typeof AcceptApplication.Type

/**
 * Accepts tolerantly (容缺受理): every core material is on file and only deferrable secondary
 * materials are missing; lists how to supply each deferred item and records the applicant's
 * supplement commitment.
 *
 * @category schemas
 * @since 0.1.0
 */
export const AcceptTolerantly = Schema.TaggedStruct("AcceptTolerantly", {
  caseNo: CaseNo,
  deferred: Schema.Array(Schema.Struct({ code: Schema.NonEmptyString, howToSupply: Schema.String })),
  commitment: SupplementCommitment,
})

/**
 * @category models
 * @since 0.1.0
 */
export type AcceptTolerantly = typeof AcceptTolerantly.Type

/**
 * No correction notice within 5 working days of receipt: the application is deemed accepted from
 * the date of receipt (视为受理, ALL Art 32). Sent by the runtime's timer; rejected before the
 * time has come.
 *
 * @category schemas
 * @since 0.1.0
 */
export const DeemAccepted = Schema.TaggedStruct("DeemAccepted", { caseNo: CaseNo })

/**
 * @category models
 * @since 0.1.0
 */
export type DeemAccepted = typeof DeemAccepted.Type

/**
 * Declines acceptance (不予受理) with written reasons: the matter needs no licence, or the
 * authority is not competent (then with a referral to the competent authority).
 *
 * @category schemas
 * @since 0.1.0
 */
export const DeclineAcceptance = Schema.TaggedStruct("DeclineAcceptance", {
  caseNo: CaseNo,
  ground: DeclineGround,
  reasons: Schema.String,
  referral: Schema.optionalKey(Schema.String),
})

/**
 * @category models
 * @since 0.1.0
 */
export type DeclineAcceptance = typeof DeclineAcceptance.Type

/**
 * The outcome of a decision on the spot: grant, or deny with reasons and the remedy notice.
 *
 * @category schemas
 * @since 0.1.0
 */
export const OnTheSpotOutcome = Schema.Union([
  Schema.TaggedStruct("Grant", {}),
  Schema.TaggedStruct("Deny", { reasons: Schema.String, remedies: RemedyNotice }),
])

/**
 * @category models
 * @since 0.1.0
 */
export type OnTheSpotOutcome = typeof OnTheSpotOutcome.Type

/**
 * Accepts and decides an immediate matter (即办件) on the spot. After a correction the case counts
 * from the day the corrected materials were complete, so a later decision needs an explanation.
 *
 * @category schemas
 * @since 0.1.0
 */
export const DecideOnTheSpot = Schema.TaggedStruct("DecideOnTheSpot", {
  caseNo: CaseNo,
  outcome: OnTheSpotOutcome,
  overtimeExplanation: Schema.optionalKey(Schema.String),
})

/**
 * @category models
 * @since 0.1.0
 */
export type DecideOnTheSpot = typeof DecideOnTheSpot.Type

/**
 * Records a step of the matter's procedure with the reviewer's opinion.
 *
 * @category schemas
 * @since 0.1.0
 */
export const RecordReviewStep = Schema.TaggedStruct("RecordReviewStep", {
  caseNo: CaseNo,
  step: Schema.String,
  opinion: Schema.String,
})

/**
 * @category models
 * @since 0.1.0
 */
export type RecordReviewStep = typeof RecordReviewStep.Type

/**
 * Starts a special procedure the matter allows (ALL Art 45); the clock stops and the applicant is
 * told the expected duration.
 *
 * @category schemas
 * @since 0.1.0
 */
export const StartSpecialProcedure = Schema.TaggedStruct("StartSpecialProcedure", {
  caseNo: CaseNo,
  procedure: SpecialProcedureKind,
  expectedWorkingDays: Schema.Int,
  reason: Schema.String,
})

/**
 * @category models
 * @since 0.1.0
 */
export type StartSpecialProcedure = typeof StartSpecialProcedure.Type

/**
 * Ends the special procedure; the clock resumes.
 *
 * @category schemas
 * @since 0.1.0
 */
export const EndSpecialProcedure = Schema.TaggedStruct("EndSpecialProcedure", {
  caseNo: CaseNo,
  outcome: Schema.String,
})

/**
 * @category models
 * @since 0.1.0
 */
export type EndSpecialProcedure = typeof EndSpecialProcedure.Type

/**
 * Extends the statutory limit once by 10 working days (ALL Art 42: 经本行政机关负责人批准): issued by
 * the head of the authority (`authorityHead`), with the reason, and the notice that tells the
 * applicant of the extension and its reason (应当将延长期限的理由告知申请人), recorded as given
 * on the day. Only if the matter allows it and the limit has not passed.
 *
 * @category schemas
 * @since 0.1.0
 */
export const ExtendTimeLimit = Schema.TaggedStruct("ExtendTimeLimit", {
  caseNo: CaseNo,
  reason: Schema.String,
  noticeToApplicant: Schema.String,
})

/**
 * @category models
 * @since 0.1.0
 */
export type ExtendTimeLimit = typeof ExtendTimeLimit.Type

/**
 * The applicant supplies deferred materials of a tolerant acceptance.
 *
 * @category schemas
 * @since 0.1.0
 */
export const SupplementDeferredMaterials = Schema.TaggedStruct("SupplementDeferredMaterials", {
  caseNo: CaseNo,
  materials: Schema.Array(SubmittedMaterial),
})

/**
 * @category models
 * @since 0.1.0
 */
export type SupplementDeferredMaterials = typeof SupplementDeferredMaterials.Type

/**
 * The supplement deadline passed with deferred materials outstanding: the case is terminated or
 * suspended, as the matter says. Sent by the runtime's timer; rejected before the deadline has
 * passed.
 *
 * @category schemas
 * @since 0.1.0
 */
export const MissSupplementDeadline = Schema.TaggedStruct("MissSupplementDeadline", { caseNo: CaseNo })

/**
 * @category models
 * @since 0.1.0
 */
export type MissSupplementDeadline = typeof MissSupplementDeadline.Type

/**
 * Grants the licence (准予许可). Past the promised date it needs an explanation (Decree 722 Art 36).
 *
 * @category schemas
 * @since 0.1.0
 */
export const GrantApplication = Schema.TaggedStruct("GrantApplication", {
  caseNo: CaseNo,
  overtimeExplanation: Schema.optionalKey(Schema.String),
})

/**
 * @category models
 * @since 0.1.0
 */
export type GrantApplication = typeof GrantApplication.Type

/**
 * Denies the licence (不予许可) with reasons and the notice of the right to administrative review
 * or litigation (ALL Art 38). Past the promised date it needs an explanation.
 *
 * @category schemas
 * @since 0.1.0
 */
export const DenyApplication = Schema.TaggedStruct("DenyApplication", {
  caseNo: CaseNo,
  reasons: Schema.String,
  remedies: RemedyNotice,
  overtimeExplanation: Schema.optionalKey(Schema.String),
})

/**
 * @category models
 * @since 0.1.0
 */
export type DenyApplication = typeof DenyApplication.Type

/**
 * Issues the certificate after a grant (ALL Art 44: within 10 working days of the decision; later
 * needs an explanation), possibly as an electronic licence; the case is concluded (办结).
 *
 * @category schemas
 * @since 0.1.0
 */
export const IssueCertificate = Schema.TaggedStruct("IssueCertificate", {
  caseNo: CaseNo,
  certificateNo: Schema.NonEmptyString,
  electronicLicence: Schema.optionalKey(ElectronicLicence),
  lateExplanation: Schema.optionalKey(Schema.String),
})

/**
 * @category models
 * @since 0.1.0
 */
export type IssueCertificate = typeof IssueCertificate.Type

/**
 * The applicant withdraws the application before a decision (撤回申请).
 *
 * @category schemas
 * @since 0.1.0
 */
export const WithdrawApplication = Schema.TaggedStruct("WithdrawApplication", {
  caseNo: CaseNo,
  reason: Schema.String,
})

/**
 * @category models
 * @since 0.1.0
 */
export type WithdrawApplication = typeof WithdrawApplication.Type

/**
 * Rescinds a grant (撤销, ALL Art 69), e.g. because it was obtained by a false commitment.
 *
 * @category schemas
 * @since 0.1.0
 */
export const RescindGrant = Schema.TaggedStruct("RescindGrant", {
  caseNo: CaseNo,
  legalBasis: Schema.String,
  reasons: Schema.String,
})

/**
 * @category models
 * @since 0.1.0
 */
export type RescindGrant = typeof RescindGrant.Type

/**
 * Accepts on commitment (告知承诺): the matter offers it, the applicant's credit standing
 * (`facts.creditStanding`) does not bar it, and the commitment letter — signed by the applicant,
 * or by an agent with the applicant's explicit authorisation — affirms every item. The
 * materials and conditions the matter lists as replaced by a commitment need not be on file (nor
 * supplied when a correction notice asked for them: the commitment answers those items); the
 * written notice is recorded from the pinned matter. With `grantOnTheSpot` the licence is granted
 * in the same step (当场作出决定). `businessLicence` chooses the variant when the matter offers
 * them.
 *
 * @example
 * ```ts
 * import type { Application } from "@yiciban/core"
 *
 * const command: Application.AcceptOnCommitment = {
 *   _tag: "AcceptOnCommitment",
 *   caseNo: "SCJG-2026-000731",
 *   letter: {
 *     signer: { _tag: "Applicant", name: "李湘" },
 *     confirmations: { knowsNotice: true, meetsConditions: true, informationTrue: true, acceptsVerificationAndLiability: true },
 *     statement: "本人已知晓告知的全部内容，承诺符合许可条件，所填信息真实，愿意承担不实承诺的法律责任",
 *   },
 *   businessLicence: { variant: "meetsNow" },
 *   grantOnTheSpot: true,
 * }
 * ```
 *
 * @category schemas
 * @since 0.1.0
 */
export const AcceptOnCommitment = Schema.TaggedStruct("AcceptOnCommitment", {
  caseNo: CaseNo,
  letter: CommitmentLetter,
  businessLicence: Schema.optionalKey(BusinessLicenceCommitment),
  grantOnTheSpot: Schema.Boolean,
  overtimeExplanation: Schema.optionalKey(Schema.String),
})

/**
 * @category models
 * @since 0.1.0
 */
export type AcceptOnCommitment = typeof AcceptOnCommitment.Type

/**
 * Under the "will meet the conditions by a date" variant, the applicant submits proof that it now
 * meets them, by the date it committed to; the licence takes effect.
 *
 * @category schemas
 * @since 0.1.0
 */
export const SubmitComplianceProof = Schema.TaggedStruct("SubmitComplianceProof", {
  caseNo: CaseNo,
  description: Schema.String,
})

/**
 * @category models
 * @since 0.1.0
 */
export type SubmitComplianceProof = typeof SubmitComplianceProof.Type

/**
 * The date of a "will meet the conditions by a date" commitment passed without proof: the licence
 * never takes effect and the case lapses. Sent by the runtime's timer; rejected before the date has
 * passed.
 *
 * @category schemas
 * @since 0.1.0
 */
export const MissComplianceDeadline = Schema.TaggedStruct("MissComplianceDeadline", { caseNo: CaseNo })

/**
 * @category models
 * @since 0.1.0
 */
export type MissComplianceDeadline = typeof MissComplianceDeadline.Type

/**
 * Records a verification (核查) of the commitment by one of the matter's methods: confirmed,
 * conditions not met (a rectification order), not rectified, or false. After the verification
 * due date it needs an explanation.
 *
 * @category schemas
 * @since 0.1.0
 */
export const RecordVerification = Schema.TaggedStruct("RecordVerification", {
  caseNo: CaseNo,
  method: VerificationMethod,
  outcome: VerificationOutcome,
  lateExplanation: Schema.optionalKey(Schema.String),
})

/**
 * @category models
 * @since 0.1.0
 */
export type RecordVerification = typeof RecordVerification.Type

/**
 * Records a finding of fraud on the case (a verifier or the approver): before the decision, that
 * the applicant concealed facts or gave false materials (隐瞒有关情况或者提供虚假材料, ALL Art 78);
 * after the grant, that the licence was obtained by deception, bribery or other improper means
 * (以欺骗、贿赂等不正当手段取得, ALL Art 79). The article follows from the phase, never from the
 * command. The finding tells the applicant's credit record (an entry) and, where the licence
 * directly concerns public safety, personal health or the safety of life and property, records the
 * statutory re-application bar keyed by the matter's base code (`FraudFound`). It does not decide
 * the case: after an Art 78 finding the licence can no longer be granted (deny it); after an
 * Art 79 finding the approver rescinds the grant (`RescindGrant`, ALL Art 69(2)).
 *
 * @category schemas
 * @since 0.2.0
 */
export const RecordFraudFinding = Schema.TaggedStruct("RecordFraudFinding", {
  caseNo: CaseNo,
  findings: Schema.String,
})

/**
 * @category models
 * @since 0.2.0
 */
export type RecordFraudFinding = typeof RecordFraudFinding.Type

/**
 * Every command of the aggregate.
 *
 * @category schemas
 * @since 0.1.0
 */
export const Command: Schema.Union<
  [
    typeof DraftApplication,
    typeof SubmitApplication,
    typeof RequestCorrection,
    typeof ResubmitMaterials,
    typeof AcceptApplication,
    typeof AcceptTolerantly,
    typeof DeemAccepted,
    typeof DeclineAcceptance,
    typeof DecideOnTheSpot,
    typeof RecordReviewStep,
    typeof StartSpecialProcedure,
    typeof EndSpecialProcedure,
    typeof ExtendTimeLimit,
    typeof SupplementDeferredMaterials,
    typeof MissSupplementDeadline,
    typeof GrantApplication,
    typeof DenyApplication,
    typeof IssueCertificate,
    typeof WithdrawApplication,
    typeof RescindGrant,
    typeof AcceptOnCommitment,
    typeof SubmitComplianceProof,
    typeof MissComplianceDeadline,
    typeof RecordVerification,
    typeof RecordFraudFinding,
    typeof CorrectOnTheSpot,
  ]
> = Schema.Union([
  DraftApplication,
  SubmitApplication,
  RequestCorrection,
  ResubmitMaterials,
  AcceptApplication,
  AcceptTolerantly,
  DeemAccepted,
  DeclineAcceptance,
  DecideOnTheSpot,
  RecordReviewStep,
  StartSpecialProcedure,
  EndSpecialProcedure,
  ExtendTimeLimit,
  SupplementDeferredMaterials,
  MissSupplementDeadline,
  GrantApplication,
  DenyApplication,
  IssueCertificate,
  WithdrawApplication,
  RescindGrant,
  AcceptOnCommitment,
  SubmitComplianceProof,
  MissComplianceDeadline,
  RecordVerification,
  RecordFraudFinding,
  CorrectOnTheSpot,
])

/**
 * @category models
 * @since 0.1.0
 */
export type Command = typeof Command.Type

/**
 * The name of a command.
 *
 * @category models
 * @since 0.1.0
 */
export type CommandTag = Command["_tag"]

/**
 * Who may issue each command. The applicant or an agent (代理人) applies, corrects, supplies and
 * withdraws; the window clerk (窗口) records submissions at the window and decides acceptance;
 * the reviewer runs the review and special procedures; the approver decides and rescinds; the
 * head of the authority extends the time limit (ALL Art 42); the window clerk or the approver accepts on commitment (and may grant on the spot);
 * the verifier or the approver records verifications; `system` is the runtime's timers (deemed
 * acceptance, missed supplement and compliance deadlines) and the bundle fan-out, which submits and
 * accepts a bundle's child cases as the lead window accepted the bundle (一件事一次办).
 *
 * @example
 * ```ts
 * import { Application } from "@yiciban/core"
 *
 * Application.requiredRoles.GrantApplication // ["approver"]
 * ```
 *
 * @category models
 * @since 0.1.0
 */
export const requiredRoles: { readonly [K in CommandTag]: ReadonlyArray<Role> } = {
  DraftApplication: ["applicant", "agent"],
  SubmitApplication: ["applicant", "agent", "windowClerk", "system"],
  RequestCorrection: ["windowClerk"],
  ResubmitMaterials: ["applicant", "agent", "windowClerk"],
  AcceptApplication: ["windowClerk", "system"],
  AcceptTolerantly: ["windowClerk", "system"],
  DeemAccepted: ["system"],
  DeclineAcceptance: ["windowClerk"],
  DecideOnTheSpot: ["windowClerk", "approver"],
  RecordReviewStep: ["reviewer"],
  StartSpecialProcedure: ["reviewer"],
  EndSpecialProcedure: ["reviewer"],
  ExtendTimeLimit: ["authorityHead"],
  SupplementDeferredMaterials: ["applicant", "agent", "windowClerk", "system"],
  MissSupplementDeadline: ["system"],
  GrantApplication: ["approver"],
  DenyApplication: ["approver"],
  IssueCertificate: ["windowClerk", "approver"],
  WithdrawApplication: ["applicant", "agent"],
  RescindGrant: ["approver"],
  AcceptOnCommitment: ["windowClerk", "approver", "system"],
  SubmitComplianceProof: ["applicant", "agent", "windowClerk"],
  MissComplianceDeadline: ["system"],
  RecordVerification: ["verifier", "approver"],
  RecordFraudFinding: ["verifier", "approver"],
  CorrectOnTheSpot: ["windowClerk"],
}
