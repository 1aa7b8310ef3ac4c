/**
 * The events of the `Application` aggregate: the full-process record (全记录) of a case. Every
 * event carries the case number and the date it happened on.
 *
 * @since 0.1.0
 */
import * as Schema from "effect/Schema"
import { CalendarDate } from "../CalendarDate.ts"
import { Clock } from "../Clock.ts"
import { CreditStanding } from "../CreditRecord/Standing.ts"
import { ApplicationSource, BarArticle, CreditSubject, EntryKind } from "../CreditRecord/State.ts"
import type { EventVersions } from "../Decider.ts"
import {
  CommitmentNotice,
  CommitmentVerification,
  ImplementingAuthority,
  MatterCode,
  PublishedMatter,
  SpecialProcedureKind,
  VerificationMethod,
} from "../PublishedMatter.ts"
import {
  AcceptanceBasis,
  Applicant,
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
  TolerantNotice,
  VerificationOutcome,
} from "./State.ts"

/**
 * The applicant started a case for a matter.
 *
 * @category schemas
 * @since 0.1.0
 */
export const ApplicationDrafted = Schema.TaggedStruct("ApplicationDrafted", {
  caseNo: CaseNo,
  applicant: Applicant,
  matterCode: MatterCode,
  draftedOn: CalendarDate,
})

/**
 * @category models
 * @since 0.1.0
 */
export type ApplicationDrafted = typeof ApplicationDrafted.Type

/**
 * The authority received the application; the case pins the published terms of the matter it is
 * judged by and, when the matter was delegated on that day, the authority it was delegated to
 * (`authority`).
 *
 * @category schemas
 * @since 0.1.0
 */
export const ApplicationSubmitted = Schema.TaggedStruct("ApplicationSubmitted", {
  caseNo: CaseNo,
  applicant: Applicant,
  matter: PublishedMatter,
  materials: Schema.Array(SubmittedMaterial),
  receivedOn: CalendarDate,
  authority: Schema.optionalKey(ImplementingAuthority),
  licencesReliedOn: Schema.optionalKey(Schema.Array(LicenceReliance)),
  sharedDataReliedOn: Schema.optionalKey(Schema.Array(SharedDataReliance)),
  bundleTolerance: Schema.optionalKey(BundleTolerance),
})

/**
 * @category models
 * @since 0.1.0
 */
export type ApplicationSubmitted = typeof ApplicationSubmitted.Type

/**
 * A correction request: the one-time notice (`oneTimeNotice: true`) or a later request repeating
 * items of it.
 *
 * @category schemas
 * @since 0.1.0
 */
export const CorrectionRequested = Schema.TaggedStruct("CorrectionRequested", {
  caseNo: CaseNo,
  requestedOn: CalendarDate,
  items: Schema.Array(CorrectionItem),
  oneTimeNotice: Schema.Boolean,
})

/**
 * @category models
 * @since 0.1.0
 */
export type CorrectionRequested = typeof CorrectionRequested.Type

/**
 * Corrected materials were supplied; `stillToCorrect` lists the items of the request not yet
 * supplied (empty: the materials are complete on `resubmittedOn`).
 *
 * @category schemas
 * @since 0.1.0
 */
export const MaterialsResubmitted = Schema.TaggedStruct("MaterialsResubmitted", {
  caseNo: CaseNo,
  resubmittedOn: CalendarDate,
  materials: Schema.Array(SubmittedMaterial),
  stillToCorrect: Schema.Array(Schema.String),
})

/**
 * @category models
 * @since 0.1.0
 */
export type MaterialsResubmitted = typeof MaterialsResubmitted.Type

/**
 * Present (`true`) on an event whose dates were counted through a provisional year of the
 * working-day calendar (a year whose State Council notice was not loaded yet): the dates are as
 * counted that day and may differ from the official count.
 *
 * @category schemas
 * @since 0.1.0
 */
export const ProvisionalMark = Schema.optionalKey(Schema.Literal(true))

/**
 * The application was accepted (受理) — on receipt, after correction, deemed, or on the spot — and
 * the clock started on `acceptedOn`, with the promised and statutory completion dates fixed that
 * day. `recordedOn` is the day the acceptance was recorded; `provisional` marks due dates counted
 * through a provisional calendar year.
 *
 * @category schemas
 * @since 0.1.0
 */
export const ApplicationAccepted = Schema.TaggedStruct("ApplicationAccepted", {
  caseNo: CaseNo,
  acceptedOn: CalendarDate,
  recordedOn: CalendarDate,
  basis: AcceptanceBasis,
  clock: Clock,
  promisedDueOn: CalendarDate,
  statutoryDueOn: CalendarDate,
  provisional: ProvisionalMark,
})

/**
 * @category models
 * @since 0.1.0
 */
export type ApplicationAccepted = typeof ApplicationAccepted.Type

/**
 * The application was accepted tolerantly (容缺受理): the clock started, with the notice of every
 * deferred item and the applicant's supplement commitment.
 *
 * @category schemas
 * @since 0.1.0
 */
export const ApplicationAcceptedTolerantly = Schema.TaggedStruct("ApplicationAcceptedTolerantly", {
  caseNo: CaseNo,
  acceptedOn: CalendarDate,
  recordedOn: CalendarDate,
  basis: AcceptanceBasis,
  clock: Clock,
  promisedDueOn: CalendarDate,
  statutoryDueOn: CalendarDate,
  provisional: ProvisionalMark,
  notice: TolerantNotice,
  commitment: SupplementCommitment,
})

/**
 * @category models
 * @since 0.1.0
 */
export type ApplicationAcceptedTolerantly = typeof ApplicationAcceptedTolerantly.Type

/**
 * Acceptance was declined (不予受理) with written reasons and, when the authority is not competent, a
 * referral.
 *
 * @category schemas
 * @since 0.1.0
 */
export const AcceptanceDeclined = Schema.TaggedStruct("AcceptanceDeclined", {
  caseNo: CaseNo,
  declinedOn: CalendarDate,
  ground: DeclineGround,
  reasons: Schema.String,
  referral: Schema.optionalKey(Schema.String),
})

/**
 * @category models
 * @since 0.1.0
 */
export type AcceptanceDeclined = typeof AcceptanceDeclined.Type

/**
 * A step of the procedure was recorded with the reviewer's opinion.
 *
 * @category schemas
 * @since 0.1.0
 */
export const ReviewStepRecorded = Schema.TaggedStruct("ReviewStepRecorded", {
  caseNo: CaseNo,
  step: Schema.String,
  recordedOn: CalendarDate,
  reviewer: Schema.String,
  opinion: Schema.String,
})

/**
 * @category models
 * @since 0.1.0
 */
export type ReviewStepRecorded = typeof ReviewStepRecorded.Type

/**
 * A special procedure started and the clock stopped; the applicant is told the expected duration.
 *
 * @category schemas
 * @since 0.1.0
 */
export const SpecialProcedureStarted = Schema.TaggedStruct("SpecialProcedureStarted", {
  caseNo: CaseNo,
  procedure: SpecialProcedureKind,
  startedOn: CalendarDate,
  expectedWorkingDays: Schema.Int,
  reason: Schema.String,
})

/**
 * @category models
 * @since 0.1.0
 */
export type SpecialProcedureStarted = typeof SpecialProcedureStarted.Type

/**
 * The special procedure ended and the clock resumed.
 *
 * @category schemas
 * @since 0.1.0
 */
export const SpecialProcedureEnded = Schema.TaggedStruct("SpecialProcedureEnded", {
  caseNo: CaseNo,
  procedure: SpecialProcedureKind,
  endedOn: CalendarDate,
  outcome: Schema.String,
})

/**
 * @category models
 * @since 0.1.0
 */
export type SpecialProcedureEnded = typeof SpecialProcedureEnded.Type

/**
 * The statutory limit was extended once (ALL Art 42), approved by the head of the authority
 * (`approver`), with the reason and the notice that told the applicant, given on
 * `applicantInformedOn` (the day of the extension). The two are absent from events recorded before
 * 0.2.0.
 *
 * @category schemas
 * @since 0.1.0
 */
export const TimeLimitExtended = Schema.TaggedStruct("TimeLimitExtended", {
  caseNo: CaseNo,
  extendedOn: CalendarDate,
  workingDays: Schema.Int,
  approver: Schema.String,
  reason: Schema.String,
  noticeToApplicant: Schema.optionalKey(Schema.String),
  applicantInformedOn: Schema.optionalKey(CalendarDate),
})

/**
 * @category models
 * @since 0.1.0
 */
export type TimeLimitExtended = typeof TimeLimitExtended.Type

/**
 * Deferred materials were supplied; `outstanding` lists those still deferred.
 *
 * @category schemas
 * @since 0.1.0
 */
export const DeferredMaterialsSupplied = Schema.TaggedStruct("DeferredMaterialsSupplied", {
  caseNo: CaseNo,
  suppliedOn: CalendarDate,
  materials: Schema.Array(SubmittedMaterial),
  outstanding: Schema.Array(Schema.String),
})

/**
 * @category models
 * @since 0.1.0
 */
export type DeferredMaterialsSupplied = typeof DeferredMaterialsSupplied.Type

/**
 * The supplement deadline passed with deferred materials outstanding and the matter suspends (中止):
 * the clock stops until they are supplied.
 *
 * @category schemas
 * @since 0.1.0
 */
export const ApplicationSuspended = Schema.TaggedStruct("ApplicationSuspended", {
  caseNo: CaseNo,
  suspendedOn: CalendarDate,
  supplementBy: CalendarDate,
  outstanding: Schema.Array(Schema.String),
})

/**
 * @category models
 * @since 0.1.0
 */
export type ApplicationSuspended = typeof ApplicationSuspended.Type

/**
 * Every deferred material was supplied after a suspension; the case resumes where it was.
 *
 * @category schemas
 * @since 0.1.0
 */
export const ApplicationResumed = Schema.TaggedStruct("ApplicationResumed", {
  caseNo: CaseNo,
  resumedOn: CalendarDate,
})

/**
 * @category models
 * @since 0.1.0
 */
export type ApplicationResumed = typeof ApplicationResumed.Type

/**
 * The supplement deadline passed with deferred materials outstanding and the matter terminates
 * (终止).
 *
 * @category schemas
 * @since 0.1.0
 */
export const ApplicationTerminated = Schema.TaggedStruct("ApplicationTerminated", {
  caseNo: CaseNo,
  terminatedOn: CalendarDate,
  supplementBy: CalendarDate,
  outstanding: Schema.Array(Schema.String),
})

/**
 * @category models
 * @since 0.1.0
 */
export type ApplicationTerminated = typeof ApplicationTerminated.Type

/**
 * The licence was granted (准予许可).
 *
 * @category schemas
 * @since 0.1.0
 */
export const ApplicationGranted = Schema.TaggedStruct("ApplicationGranted", {
  caseNo: CaseNo,
  decidedOn: CalendarDate,
  approver: Schema.String,
  overtimeExplanation: Schema.optionalKey(Schema.String),
})

/**
 * @category models
 * @since 0.1.0
 */
export type ApplicationGranted = typeof ApplicationGranted.Type

/**
 * The licence was denied (不予许可) with reasons and the notice of the right to administrative review
 * or litigation.
 *
 * @category schemas
 * @since 0.1.0
 */
export const ApplicationDenied = Schema.TaggedStruct("ApplicationDenied", {
  caseNo: CaseNo,
  decidedOn: CalendarDate,
  approver: Schema.String,
  reasons: Schema.String,
  remedies: RemedyNotice,
  overtimeExplanation: Schema.optionalKey(Schema.String),
})

/**
 * @category models
 * @since 0.1.0
 */
export type ApplicationDenied = typeof ApplicationDenied.Type

/**
 * The certificate was issued and the case concluded (办结).
 *
 * @category schemas
 * @since 0.1.0
 */
export const CertificateIssued = Schema.TaggedStruct("CertificateIssued", {
  caseNo: CaseNo,
  issuedOn: CalendarDate,
  certificateNo: Schema.NonEmptyString,
  electronicLicence: Schema.optionalKey(ElectronicLicence),
  lateExplanation: Schema.optionalKey(Schema.String),
})

/**
 * @category models
 * @since 0.1.0
 */
export type CertificateIssued = typeof CertificateIssued.Type

/**
 * The applicant withdrew the application before a decision.
 *
 * @category schemas
 * @since 0.1.0
 */
export const ApplicationWithdrawn = Schema.TaggedStruct("ApplicationWithdrawn", {
  caseNo: CaseNo,
  withdrawnOn: CalendarDate,
  reason: Schema.String,
})

/**
 * @category models
 * @since 0.1.0
 */
export type ApplicationWithdrawn = typeof ApplicationWithdrawn.Type

/**
 * The grant was rescinded (撤销).
 *
 * @category schemas
 * @since 0.1.0
 */
export const GrantRescinded = Schema.TaggedStruct("GrantRescinded", {
  caseNo: CaseNo,
  rescindedOn: CalendarDate,
  legalBasis: Schema.String,
  reasons: Schema.String,
  approver: Schema.String,
})

/**
 * @category models
 * @since 0.1.0
 */
export type GrantRescinded = typeof GrantRescinded.Type

/**
 * The application was accepted on commitment (告知承诺) and the clock started. The event records
 * the written notice and the verification terms as the pinned matter states them, the materials
 * and conditions the commitment replaces, the commitment letter, the business-licence variant
 * chosen, and the credit standing the acceptance rested on.
 *
 * @category schemas
 * @since 0.1.0
 */
export const ApplicationAcceptedOnCommitment = Schema.TaggedStruct("ApplicationAcceptedOnCommitment", {
  caseNo: CaseNo,
  acceptedOn: CalendarDate,
  recordedOn: CalendarDate,
  basis: AcceptanceBasis,
  clock: Clock,
  promisedDueOn: CalendarDate,
  statutoryDueOn: CalendarDate,
  provisional: ProvisionalMark,
  notice: CommitmentNotice,
  replacedMaterialCodes: Schema.Array(Schema.String),
  replacedConditions: Schema.Array(Schema.String),
  verification: CommitmentVerification,
  letter: CommitmentLetter,
  businessLicence: Schema.optionalKey(BusinessLicenceCommitment),
  creditStanding: CreditStanding,
})

/**
 * @category models
 * @since 0.1.0
 */
export type ApplicationAcceptedOnCommitment = typeof ApplicationAcceptedOnCommitment.Type

/**
 * A grant on commitment whose matter requires verification: the verification is due by `dueOn`
 * (the matter's period in working days from the decision), by one of `methods`. The runtime's
 * timer table reads the due date from here.
 *
 * @category schemas
 * @since 0.1.0
 */
export const VerificationScheduled = Schema.TaggedStruct("VerificationScheduled", {
  caseNo: CaseNo,
  scheduledOn: CalendarDate,
  dueOn: CalendarDate,
  provisional: ProvisionalMark,
  methods: Schema.Array(VerificationMethod),
})

/**
 * @category models
 * @since 0.1.0
 */
export type VerificationScheduled = typeof VerificationScheduled.Type

/**
 * Under the "will meet the conditions by a date" variant, proof was submitted by `meetBy`.
 *
 * @category schemas
 * @since 0.1.0
 */
export const ComplianceProofSubmitted = Schema.TaggedStruct("ComplianceProofSubmitted", {
  caseNo: CaseNo,
  submittedOn: CalendarDate,
  meetBy: CalendarDate,
  description: Schema.String,
})

/**
 * @category models
 * @since 0.1.0
 */
export type ComplianceProofSubmitted = typeof ComplianceProofSubmitted.Type

/**
 * The date of a "will meet the conditions by a date" commitment passed without proof: the licence
 * never takes effect and the case lapses.
 *
 * @category schemas
 * @since 0.1.0
 */
export const ComplianceDeadlineMissed = Schema.TaggedStruct("ComplianceDeadlineMissed", {
  caseNo: CaseNo,
  missedOn: CalendarDate,
  meetBy: CalendarDate,
})

/**
 * @category models
 * @since 0.1.0
 */
export type ComplianceDeadlineMissed = typeof ComplianceDeadlineMissed.Type

/**
 * A verification (核查) of the commitment was recorded, with its method and outcome.
 *
 * @category schemas
 * @since 0.1.0
 */
export const CommitmentVerified = Schema.TaggedStruct("CommitmentVerified", {
  caseNo: CaseNo,
  verifiedOn: CalendarDate,
  verifier: Schema.String,
  method: VerificationMethod,
  outcome: VerificationOutcome,
  lateExplanation: Schema.optionalKey(Schema.String),
})

/**
 * @category models
 * @since 0.1.0
 */
export type CommitmentVerified = typeof CommitmentVerified.Type

/**
 * The kind of credit entry a false commitment produces: `falseCommitment`, or
 * `fraudInSafetyHealthProperty` when the matter concerns public safety, personal health or the
 * safety of life and property (ALL Art 79).
 *
 * @category schemas
 * @since 0.1.0
 */
export const FalseCommitmentKind = Schema.Literals(["falseCommitment", "fraudInSafetyHealthProperty"])

/**
 * @category models
 * @since 0.1.0
 */
export type FalseCommitmentKind = typeof FalseCommitmentKind.Type

/**
 * A verification found the commitment false: the event that tells the applicant's credit record
 * (信用惩戒), emitted exactly once per case. It carries everything `CreditRecord.RecordEntry`
 * needs — the subject, the kind, the source case and matter, the deterministic entry id
 * (`CreditRecord.entryIdFor`) and the findings; `Application.toRecordEntry` maps it.
 *
 * @category schemas
 * @since 0.1.0
 */
export const FalseCommitmentFound = Schema.TaggedStruct("FalseCommitmentFound", {
  caseNo: CaseNo,
  foundOn: CalendarDate,
  subject: CreditSubject,
  kind: FalseCommitmentKind,
  source: ApplicationSource,
  entryId: Schema.NonEmptyString,
  findings: Schema.NonEmptyString,
})

/**
 * @category models
 * @since 0.1.0
 */
export type FalseCommitmentFound = typeof FalseCommitmentFound.Type

/**
 * A false commitment was found before the decision: the case is terminated (终止办理).
 *
 * @category schemas
 * @since 0.1.0
 */
export const ApplicationTerminatedForFalseCommitment = Schema.TaggedStruct("ApplicationTerminatedForFalseCommitment", {
  caseNo: CaseNo,
  terminatedOn: CalendarDate,
  findings: Schema.String,
})

/**
 * @category models
 * @since 0.1.0
 */
export type ApplicationTerminatedForFalseCommitment = typeof ApplicationTerminatedForFalseCommitment.Type

/**
 * A finding of fraud was recorded (`RecordFraudFinding`): the event that tells the applicant's
 * credit record. It carries everything the runtime's process manager sends on — the credit entry
 * (`entryId`, `kind`: `falseMaterials`, or `fraudInSafetyHealthProperty` for an Art 79 finding on a
 * licence that concerns safety, health or property) and, where the licence directly concerns public
 * safety, personal health or the safety of life and property, the statutory bar (`barId`, keyed by
 * `baseCode`); `Application.toRecordEntry` and `Application.toStatutoryBar` map it.
 *
 * @category schemas
 * @since 0.2.0
 */
export const FraudFound = Schema.TaggedStruct("FraudFound", {
  caseNo: CaseNo,
  foundOn: CalendarDate,
  article: BarArticle,
  subject: CreditSubject,
  source: ApplicationSource,
  baseCode: MatterCode,
  entryId: Schema.NonEmptyString,
  kind: EntryKind,
  barId: Schema.optionalKey(Schema.NonEmptyString),
  recordedBy: Schema.String,
  findings: Schema.NonEmptyString,
})

/**
 * @category models
 * @since 0.2.0
 */
export type FraudFound = typeof FraudFound.Type

/**
 * Errors were corrected at the window on the day of receipt (当场更正): no notice, no clock stopped.
 *
 * @category schemas
 * @since 0.2.0
 */
export const CorrectedOnTheSpot = Schema.TaggedStruct("CorrectedOnTheSpot", {
  caseNo: CaseNo,
  correctedOn: CalendarDate,
  items: Schema.Array(Schema.Struct({ code: Schema.NonEmptyString, note: Schema.String })),
  correctedBy: Schema.String,
})

/**
 * @category models
 * @since 0.2.0
 */
export type CorrectedOnTheSpot = typeof CorrectedOnTheSpot.Type

/**
 * Every event of the aggregate.
 *
 * @category schemas
 * @since 0.1.0
 */
export const Event: Schema.Union<
  [
    typeof ApplicationDrafted,
    typeof ApplicationSubmitted,
    typeof CorrectionRequested,
    typeof MaterialsResubmitted,
    typeof ApplicationAccepted,
    typeof ApplicationAcceptedTolerantly,
    typeof AcceptanceDeclined,
    typeof ReviewStepRecorded,
    typeof SpecialProcedureStarted,
    typeof SpecialProcedureEnded,
    typeof TimeLimitExtended,
    typeof DeferredMaterialsSupplied,
    typeof ApplicationSuspended,
    typeof ApplicationResumed,
    typeof ApplicationTerminated,
    typeof ApplicationGranted,
    typeof ApplicationDenied,
    typeof CertificateIssued,
    typeof ApplicationWithdrawn,
    typeof GrantRescinded,
    typeof ApplicationAcceptedOnCommitment,
    typeof VerificationScheduled,
    typeof ComplianceProofSubmitted,
    typeof ComplianceDeadlineMissed,
    typeof CommitmentVerified,
    typeof FalseCommitmentFound,
    typeof ApplicationTerminatedForFalseCommitment,
    typeof FraudFound,
    typeof CorrectedOnTheSpot,
  ]
> = Schema.Union([
  ApplicationDrafted,
  ApplicationSubmitted,
  CorrectionRequested,
  MaterialsResubmitted,
  ApplicationAccepted,
  ApplicationAcceptedTolerantly,
  AcceptanceDeclined,
  ReviewStepRecorded,
  SpecialProcedureStarted,
  SpecialProcedureEnded,
  TimeLimitExtended,
  DeferredMaterialsSupplied,
  ApplicationSuspended,
  ApplicationResumed,
  ApplicationTerminated,
  ApplicationGranted,
  ApplicationDenied,
  CertificateIssued,
  ApplicationWithdrawn,
  GrantRescinded,
  ApplicationAcceptedOnCommitment,
  VerificationScheduled,
  ComplianceProofSubmitted,
  ComplianceDeadlineMissed,
  CommitmentVerified,
  FalseCommitmentFound,
  ApplicationTerminatedForFalseCommitment,
  FraudFound,
  CorrectedOnTheSpot,
])

/**
 * @category models
 * @since 0.1.0
 */
export type Event = typeof Event.Type

/**
 * The schema version of each event type.
 *
 * @category models
 * @since 0.1.0
 */
export const eventVersions: EventVersions<Event> = {
  ApplicationDrafted: 1,
  ApplicationSubmitted: 1,
  CorrectionRequested: 1,
  MaterialsResubmitted: 1,
  ApplicationAccepted: 1,
  ApplicationAcceptedTolerantly: 1,
  AcceptanceDeclined: 1,
  ReviewStepRecorded: 1,
  SpecialProcedureStarted: 1,
  SpecialProcedureEnded: 1,
  TimeLimitExtended: 1,
  DeferredMaterialsSupplied: 1,
  ApplicationSuspended: 1,
  ApplicationResumed: 1,
  ApplicationTerminated: 1,
  ApplicationGranted: 1,
  ApplicationDenied: 1,
  CertificateIssued: 1,
  ApplicationWithdrawn: 1,
  GrantRescinded: 1,
  ApplicationAcceptedOnCommitment: 1,
  VerificationScheduled: 1,
  ComplianceProofSubmitted: 1,
  ComplianceDeadlineMissed: 1,
  CommitmentVerified: 1,
  FalseCommitmentFound: 1,
  ApplicationTerminatedForFalseCommitment: 1,
  FraudFound: 1,
  CorrectedOnTheSpot: 1,
}
