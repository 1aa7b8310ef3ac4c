/**
 * Identity and state of the `Application` aggregate (办件): one case, from the applicant's draft
 * to its conclusion.
 *
 * @since 0.1.0
 */
import * as Schema from "effect/Schema"
import { CalendarDate } from "../CalendarDate.ts"
import { Clock } from "../Clock.ts"
import { CreditStanding } from "../CreditRecord/Standing.ts"
import { BarArticle, EntryKind } from "../CreditRecord/State.ts"
import { PersonCode, ResidentIdNumber, UnifiedSocialCreditCode } from "../IdentityCode.ts"
import {
  CommitmentNotice,
  CommitmentVerification,
  DeadlineMissedOutcome,
  ImplementingAuthority,
  PublishedMatter,
  SharedFactKind,
  SpecialProcedureKind,
  VerificationMethod,
} from "../PublishedMatter.ts"

// ---------------------------------------------------------------------------------------------
// Ids
// ---------------------------------------------------------------------------------------------

/**
 * The case number (办件编号): letters, digits and hyphens, at most 64 characters, so that it can
 * name a stream.
 *
 * @category schemas
 * @since 0.1.0
 */
export const CaseNo = Schema.String.check(Schema.isPattern(/^[0-9A-Za-z][0-9A-Za-z-]{0,63}$/))

/**
 * The stream that holds a case's events: `application-<caseNo>`.
 *
 * @example
 * ```ts
 * import { Application } from "@yiciban/core"
 *
 * Application.streamName("SCJG-2026-000731") // "application-SCJG-2026-000731"
 * ```
 *
 * @category constructors
 * @since 0.1.0
 */
export const streamName = (caseNo: string): string => `application-${caseNo}`

/**
 * Who applies: an enterprise or other organisation by its unified social credit code (GB 32100),
 * or a person by resident identity number (GB 11643), with the name. `{ kind, code }` is the
 * applicant's `CreditRecord.CreditSubject`, the key its credit standing is read by. Commands take
 * this; events and the state hold {@link Applicant}.
 *
 * @category schemas
 * @since 0.2.0
 */
export const ApplicantInput = Schema.Union([
  Schema.Struct({ kind: Schema.Literal("enterprise"), code: UnifiedSocialCreditCode, name: Schema.NonEmptyString }),
  Schema.Struct({ kind: Schema.Literal("person"), code: ResidentIdNumber, name: Schema.NonEmptyString }),
])

/**
 * @category models
 * @since 0.2.0
 */
export type ApplicantInput = typeof ApplicantInput.Type

/**
 * The applicant as events and the state hold it: an {@link ApplicantInput}, or a person whose
 * personal data was erased (code `IdentityCode.ErasedCode`, name `IdentityCode.erasedName`).
 *
 * @category schemas
 * @since 0.1.0
 */
export const Applicant = Schema.Union([
  Schema.Struct({ kind: Schema.Literal("enterprise"), code: UnifiedSocialCreditCode, name: Schema.NonEmptyString }),
  Schema.Struct({ kind: Schema.Literal("person"), code: PersonCode, name: Schema.NonEmptyString }),
])

/**
 * @category models
 * @since 0.1.0
 */
export type Applicant = typeof Applicant.Type

// ---------------------------------------------------------------------------------------------
// Parts of the state
// ---------------------------------------------------------------------------------------------

/**
 * Where a case is.
 *
 * - `new`: nothing recorded. `draft`: the applicant is preparing it.
 * - `submitted`: received, awaiting the acceptance decision (受理审查).
 * - `correctionRequested`: the one-time correction notice (一次性告知补正) is out.
 * - `corrected`: every item of the notice was supplied; awaiting acceptance.
 * - `underReview`: accepted, the clock runs (审查). `specialProcedure`: a special procedure holds
 *   the clock (特别程序). `suspended`: deferred materials were not supplied in time and the matter
 *   suspends (中止).
 * - `granted` (准予许可): awaiting the certificate. `concluded` (办结): the certificate is issued;
 *   a case accepted on commitment whose matter requires verification still awaits it.
 * - `verified` (核查属实): a case accepted on commitment, concluded and its commitment verified true.
 * - Closed: `denied` (不予许可), `acceptanceDeclined` (不予受理), `withdrawn` (撤回), `terminated`
 *   (终止), `rescinded` (撤销), `lapsed` (a "will meet the conditions by a date" commitment whose
 *   date passed without proof: the licence never takes effect).
 *
 * @category schemas
 * @since 0.1.0
 */
export const Phase = Schema.Literals([
  "new",
  "draft",
  "submitted",
  "correctionRequested",
  "corrected",
  "underReview",
  "specialProcedure",
  "suspended",
  "granted",
  "concluded",
  "verified",
  "denied",
  "acceptanceDeclined",
  "withdrawn",
  "terminated",
  "rescinded",
  "lapsed",
])

/**
 * @category models
 * @since 0.1.0
 */
export type Phase = typeof Phase.Type

/**
 * The phases in which the case is closed: `concluded`, `verified`, `denied`, `acceptanceDeclined`,
 * `withdrawn`, `terminated`, `rescinded` and `lapsed`. A closed case accepts only the commands the
 * transition table allows after its phase (a concluded grant may still be rescinded, and verified
 * when it was made on commitment).
 *
 * @category models
 * @since 0.1.0
 */
export const closedPhases: ReadonlyArray<Phase> = [
  "concluded",
  "verified",
  "denied",
  "acceptanceDeclined",
  "withdrawn",
  "terminated",
  "rescinded",
  "lapsed",
]

/**
 * How a material reached the authority: on paper, as an electronic file, by reference to an
 * electronic licence (电子证照) with its number, or by a shared fact (数据共享, `sharedData`) the
 * runtime fetched at submission.
 *
 * @category schemas
 * @since 0.1.0
 */
export const SubmittedMaterial = Schema.Struct({
  code: Schema.NonEmptyString,
  form: Schema.Literals(["paper", "electronic", "electronicLicence", "sharedData"]),
  licenceNo: Schema.optionalKey(Schema.NonEmptyString),
})

/**
 * @category models
 * @since 0.1.0
 */
export type SubmittedMaterial = typeof SubmittedMaterial.Type

/**
 * A licence a case relied on for a material (电子证照免提交), as the runtime looked it up at
 * submission — never as the applicant asserted it: the material, the licence (its id, the number of
 * the case that produced it, and its number), the base code of its matter, the version of its
 * stream that was read and the day it was valid on. A later revocation or expiry of the licence
 * does not rewrite the case: the record says what was relied on, and when.
 *
 * @category schemas
 * @since 0.2.0
 */
export const LicenceReliance = Schema.Struct({
  materialCode: Schema.NonEmptyString,
  licenceId: CaseNo,
  licenceNo: Schema.NonEmptyString,
  baseCode: Schema.NonEmptyString,
  version: Schema.Int.check(Schema.isGreaterThanOrEqualTo(1)),
  validOn: CalendarDate,
})

/**
 * @category models
 * @since 0.2.0
 */
export type LicenceReliance = typeof LicenceReliance.Type

/**
 * A shared fact a case relied on for a material (数据共享, the matter's `sharedDataKind`), as the
 * runtime fetched it at submission from the host's source — never as the applicant asserted it: the
 * material, the kind of fact, the source's name, the instant it was fetched and the SHA-256 digest
 * (hex) of the value's canonical JSON. The record shows why the material was not asked for.
 *
 * @category schemas
 * @since 0.3.0
 */
export const SharedDataReliance = Schema.Struct({
  materialCode: Schema.NonEmptyString,
  kind: SharedFactKind,
  source: Schema.NonEmptyString,
  fetchedAt: Schema.NonEmptyString,
  digest: Schema.String.check(Schema.isPattern(/^[0-9a-f]{64}$/)),
})

/**
 * @category models
 * @since 0.3.0
 */
export type SharedDataReliance = typeof SharedDataReliance.Type

/**
 * Tolerance a service bundle grants a member's child (跨部门容缺, the bundle's `crossTolerance`):
 * secondary materials of the member the lead window may defer although the member's own terms do
 * not list them as deferrable, with the supplement deadline and the consequence of missing it the
 * bundle sets. Recorded by the runtime from the bundle case at the child's submission, never from
 * a caller.
 *
 * @category schemas
 * @since 0.3.0
 */
export const BundleTolerance = Schema.Struct({
  bundleCaseNo: CaseNo,
  materialCodes: Schema.Array(Schema.NonEmptyString),
  supplementDeadlineWorkingDays: Schema.Int.check(Schema.isGreaterThanOrEqualTo(1)),
  onDeadlineMissed: DeadlineMissedOutcome,
})

/**
 * @category models
 * @since 0.3.0
 */
export type BundleTolerance = typeof BundleTolerance.Type

/**
 * One item of a correction notice: the material, whether it is missing or defective, and what to
 * correct.
 *
 * @category schemas
 * @since 0.1.0
 */
export const CorrectionItem = Schema.Struct({
  code: Schema.NonEmptyString,
  problem: Schema.Literals(["missing", "defective"]),
  note: Schema.String,
})

/**
 * @category models
 * @since 0.1.0
 */
export type CorrectionItem = typeof CorrectionItem.Type

/**
 * A correction request: the first is the one-time notice; any later request may only repeat
 * items of it.
 *
 * @category schemas
 * @since 0.1.0
 */
export const CorrectionRequest = Schema.Struct({
  requestedOn: CalendarDate,
  items: Schema.Array(CorrectionItem),
})

/**
 * @category models
 * @since 0.1.0
 */
export type CorrectionRequest = typeof CorrectionRequest.Type

/**
 * How the case was accepted: on receipt of complete materials, after correction, deemed accepted
 * (no correction notice within 5 working days, ALL Art 32), or on the spot (即办件).
 *
 * @category schemas
 * @since 0.1.0
 */
export const AcceptanceBasis = Schema.Literals(["onReceipt", "afterCorrection", "deemed", "onTheSpot"])

/**
 * @category models
 * @since 0.1.0
 */
export type AcceptanceBasis = typeof AcceptanceBasis.Type

/**
 * The acceptance path: `ordinary` (every mandatory material on file), `tolerant` (容缺受理:
 * deferrable secondary materials supplied later) or `commitment` (告知承诺: the applicant's written
 * commitment replaces the materials and conditions the matter lists).
 *
 * @category schemas
 * @since 0.1.0
 */
export const AcceptanceMode = Schema.Literals(["ordinary", "tolerant", "commitment"])

/**
 * @category models
 * @since 0.1.0
 */
export type AcceptanceMode = typeof AcceptanceMode.Type

/**
 * The acceptance: the date it counts from (the clock's start), the day it was recorded, its basis
 * and mode, and the promised and statutory completion dates fixed on that day.
 *
 * @category schemas
 * @since 0.1.0
 */
export const Acceptance = Schema.Struct({
  acceptedOn: CalendarDate,
  recordedOn: CalendarDate,
  basis: AcceptanceBasis,
  mode: AcceptanceMode,
  promisedDueOn: CalendarDate,
  statutoryDueOn: CalendarDate,
  provisional: Schema.optionalKey(Schema.Literal(true)),
})

/**
 * @category models
 * @since 0.1.0
 */
export type Acceptance = typeof Acceptance.Type

/**
 * One deferred item of a tolerant-acceptance notice: the material and how to supply it.
 *
 * @category schemas
 * @since 0.1.0
 */
export const DeferredItem = Schema.Struct({
  code: Schema.NonEmptyString,
  name: Schema.String,
  howToSupply: Schema.String,
})

/**
 * @category models
 * @since 0.1.0
 */
export type DeferredItem = typeof DeferredItem.Type

/**
 * The applicant's signed supplement commitment (补正承诺) under tolerant acceptance.
 *
 * @category schemas
 * @since 0.1.0
 */
export const SupplementCommitment = Schema.Struct({
  signedBy: Schema.String,
  statement: Schema.String,
})

/**
 * @category models
 * @since 0.1.0
 */
export type SupplementCommitment = typeof SupplementCommitment.Type

/**
 * The tolerant-acceptance notice (容缺受理告知书): every deferred item, the supplement deadline,
 * the consequence of missing it, and whether the result may be issued before supplement.
 *
 * @category schemas
 * @since 0.1.0
 */
export const TolerantNotice = Schema.Struct({
  items: Schema.Array(DeferredItem),
  supplementBy: CalendarDate,
  consequence: DeadlineMissedOutcome,
  resultBeforeSupplement: Schema.Boolean,
})

/**
 * @category models
 * @since 0.1.0
 */
export type TolerantNotice = typeof TolerantNotice.Type

/**
 * The deferral of a tolerantly accepted case: the notice, the applicant's commitment and the codes
 * still outstanding.
 *
 * @category schemas
 * @since 0.1.0
 */
export const Deferral = Schema.Struct({
  notice: TolerantNotice,
  commitment: SupplementCommitment,
  outstanding: Schema.Array(Schema.String),
})

/**
 * @category models
 * @since 0.1.0
 */
export type Deferral = typeof Deferral.Type

/**
 * A special procedure on record: the kind, when it started and ended, the expected duration the
 * applicant was told (ALL Art 45) and why.
 *
 * @category schemas
 * @since 0.1.0
 */
export const SpecialProcedureRecord = Schema.Struct({
  procedure: SpecialProcedureKind,
  startedOn: CalendarDate,
  endedOn: Schema.optionalKey(CalendarDate),
  expectedWorkingDays: Schema.Int,
  reason: Schema.String,
})

/**
 * @category models
 * @since 0.1.0
 */
export type SpecialProcedureRecord = typeof SpecialProcedureRecord.Type

/**
 * A review step of the matter's procedure, with the reviewer's opinion.
 *
 * @category schemas
 * @since 0.1.0
 */
export const ReviewStep = Schema.Struct({
  step: Schema.String,
  recordedOn: CalendarDate,
  reviewer: Schema.String,
  opinion: Schema.String,
})

/**
 * @category models
 * @since 0.1.0
 */
export type ReviewStep = typeof ReviewStep.Type

/**
 * The written notice of the right to apply for administrative review (行政复议) or to file an
 * administrative suit (行政诉讼) that every denial carries (ALL Art 38).
 *
 * @category schemas
 * @since 0.1.0
 */
export const RemedyNotice = Schema.Struct({
  administrativeReview: Schema.String,
  litigation: Schema.String,
})

/**
 * @category models
 * @since 0.1.0
 */
export type RemedyNotice = typeof RemedyNotice.Type

/**
 * The decision: granted or denied (with reasons and the remedy notice), on which day, by whom,
 * and the explanation when it came after the promised date (Decree 722 Art 36).
 *
 * @category schemas
 * @since 0.1.0
 */
export const Decision = Schema.Union([
  Schema.TaggedStruct("Granted", {
    decidedOn: CalendarDate,
    approver: Schema.String,
    overtimeExplanation: Schema.optionalKey(Schema.String),
  }),
  Schema.TaggedStruct("Denied", {
    decidedOn: CalendarDate,
    approver: Schema.String,
    reasons: Schema.String,
    remedies: RemedyNotice,
    overtimeExplanation: Schema.optionalKey(Schema.String),
  }),
])

/**
 * @category models
 * @since 0.1.0
 */
export type Decision = typeof Decision.Type

/**
 * An electronic licence (电子证照) the certificate is issued as or alongside.
 *
 * @category schemas
 * @since 0.1.0
 */
export const ElectronicLicence = Schema.Struct({
  licenceType: Schema.NonEmptyString,
  licenceNo: Schema.NonEmptyString,
})

/**
 * @category models
 * @since 0.1.0
 */
export type ElectronicLicence = typeof ElectronicLicence.Type

/**
 * The certificate (许可证件) issued after a grant (ALL Art 39, 44).
 *
 * @category schemas
 * @since 0.1.0
 */
export const Certificate = Schema.Struct({
  certificateNo: Schema.NonEmptyString,
  issuedOn: CalendarDate,
  electronicLicence: Schema.optionalKey(ElectronicLicence),
  lateExplanation: Schema.optionalKey(Schema.String),
})

/**
 * @category models
 * @since 0.1.0
 */
export type Certificate = typeof Certificate.Type

/**
 * The grounds to decline acceptance (ALL Art 32): the matter needs no licence, or the authority is
 * not competent (the applicant is referred to the competent authority).
 *
 * @category schemas
 * @since 0.1.0
 */
export const DeclineGround = Schema.Literals(["noLicenceRequired", "notCompetent"])

/**
 * @category models
 * @since 0.1.0
 */
export type DeclineGround = typeof DeclineGround.Type

/**
 * How a case was closed other than by a decision: declined, withdrawn, terminated (supplement
 * deadline missed, or a false commitment found before the decision), rescinded (撤销, ALL Art 69)
 * after a grant, or lapsed (a "will meet the conditions by a date" commitment whose date passed
 * without proof).
 *
 * @category schemas
 * @since 0.1.0
 */
export const Closure = Schema.Union([
  Schema.TaggedStruct("Declined", {
    on: CalendarDate,
    ground: DeclineGround,
    reasons: Schema.String,
    referral: Schema.optionalKey(Schema.String),
  }),
  Schema.TaggedStruct("Withdrawn", { on: CalendarDate, reason: Schema.String }),
  Schema.TaggedStruct("Terminated", { on: CalendarDate, outstanding: Schema.Array(Schema.String) }),
  Schema.TaggedStruct("Rescinded", {
    on: CalendarDate,
    legalBasis: Schema.String,
    reasons: Schema.String,
    approver: Schema.String,
  }),
  Schema.TaggedStruct("TerminatedForFalseCommitment", { on: CalendarDate, findings: Schema.String }),
  Schema.TaggedStruct("Lapsed", { on: CalendarDate, meetBy: CalendarDate }),
])

/**
 * @category models
 * @since 0.1.0
 */
export type Closure = typeof Closure.Type

/**
 * A suspension (中止) for missed deferred materials: since when, and the phase to return to once
 * every deferred item is supplied.
 *
 * @category schemas
 * @since 0.1.0
 */
export const Suspension = Schema.Struct({
  suspendedOn: CalendarDate,
  from: Schema.Literals(["underReview", "specialProcedure"]),
})

/**
 * @category models
 * @since 0.1.0
 */
export type Suspension = typeof Suspension.Type

// ---------------------------------------------------------------------------------------------
// Notify-and-commit (告知承诺)
// ---------------------------------------------------------------------------------------------

/**
 * The applicant's explicit authorisation of an agent to sign the commitment on its behalf
 * (授权委托书): the reference of the document on file, and whether it expressly covers making
 * the commitment. Without it, or when it does not cover the commitment, an agent may not sign.
 *
 * @category schemas
 * @since 0.1.0
 */
export const AgentAuthorisation = Schema.Struct({
  documentRef: Schema.String,
  coversCommitment: Schema.Boolean,
})

/**
 * @category models
 * @since 0.1.0
 */
export type AgentAuthorisation = typeof AgentAuthorisation.Type

/**
 * Who signed the commitment letter: the applicant (its legal representative, or the person), or
 * an agent with the applicant's recorded authorisation.
 *
 * @category schemas
 * @since 0.1.0
 */
export const CommitmentSigner = Schema.Union([
  Schema.TaggedStruct("Applicant", { name: Schema.String }),
  Schema.TaggedStruct("Agent", { name: Schema.String, authorisation: Schema.optionalKey(AgentAuthorisation) }),
])

/**
 * @category models
 * @since 0.1.0
 */
export type CommitmentSigner = typeof CommitmentSigner.Type

/**
 * What the applicant commits to (国办发〔2020〕42号): it knows the notice, meets the conditions (or,
 * under the "will meet them by a date" variant, will meet them by that date), the information it
 * gave is true, and it accepts verification and the liability for a false commitment. Every one
 * must be affirmed.
 *
 * @category schemas
 * @since 0.1.0
 */
export const CommitmentConfirmations = Schema.Struct({
  knowsNotice: Schema.Boolean,
  meetsConditions: Schema.Boolean,
  informationTrue: Schema.Boolean,
  acceptsVerificationAndLiability: Schema.Boolean,
})

/**
 * @category models
 * @since 0.1.0
 */
export type CommitmentConfirmations = typeof CommitmentConfirmations.Type

/**
 * The name of one confirmation of {@link CommitmentConfirmations}.
 *
 * @category schemas
 * @since 0.1.0
 */
export const CommitmentConfirmation = Schema.Literals([
  "knowsNotice",
  "meetsConditions",
  "informationTrue",
  "acceptsVerificationAndLiability",
])

/**
 * @category models
 * @since 0.1.0
 */
export type CommitmentConfirmation = typeof CommitmentConfirmation.Type

/**
 * The commitment letter (告知承诺书): who signed it, the confirmations and its text.
 *
 * @category schemas
 * @since 0.1.0
 */
export const CommitmentLetter = Schema.Struct({
  signer: CommitmentSigner,
  confirmations: CommitmentConfirmations,
  statement: Schema.String,
})

/**
 * @category models
 * @since 0.1.0
 */
export type CommitmentLetter = typeof CommitmentLetter.Type

/**
 * The business-licence variant the applicant chose: it meets the conditions now and may operate at
 * once, or it will meet them by `meetBy` and may operate only after submitting proof by then.
 *
 * @category schemas
 * @since 0.1.0
 */
export const BusinessLicenceCommitment = Schema.Union([
  Schema.Struct({ variant: Schema.Literal("meetsNow") }),
  Schema.Struct({ variant: Schema.Literal("willMeetBy"), meetBy: CalendarDate }),
])

/**
 * @category models
 * @since 0.1.0
 */
export type BusinessLicenceCommitment = typeof BusinessLicenceCommitment.Type

/**
 * Proof that the conditions are met, submitted under the "will meet them by a date" variant.
 *
 * @category schemas
 * @since 0.1.0
 */
export const ComplianceProof = Schema.Struct({
  submittedOn: CalendarDate,
  description: Schema.String,
})

/**
 * @category models
 * @since 0.1.0
 */
export type ComplianceProof = typeof ComplianceProof.Type

/**
 * The outcome of a verification (核查):
 *
 * - `Confirmed`: the commitment is true; verification is done.
 * - `ConditionsNotMet`: after the grant, the conditions are not (yet) met but there is no fraud: a
 *   rectification order (责令限期整改) with its deadline `rectifyBy`.
 * - `NotRectified`: the rectification deadline passed and the conditions are still not met: the
 *   grant is rescinded, without a credit entry (no false commitment was found).
 * - `FalseCommitment`: the commitment was false (承诺不实): the grant is rescinded (ALL Art 69) or,
 *   before the decision, the case terminated, and the credit record is told (信用惩戒).
 *
 * @category schemas
 * @since 0.1.0
 */
export const VerificationOutcome = Schema.Union([
  Schema.TaggedStruct("Confirmed", { findings: Schema.String }),
  Schema.TaggedStruct("ConditionsNotMet", { findings: Schema.String, rectifyBy: CalendarDate }),
  Schema.TaggedStruct("NotRectified", { findings: Schema.String }),
  Schema.TaggedStruct("FalseCommitment", { findings: Schema.String }),
])

/**
 * @category models
 * @since 0.1.0
 */
export type VerificationOutcome = typeof VerificationOutcome.Type

/**
 * A verification on record: when, by whom, by which of the matter's methods, its outcome, and the
 * explanation when it came after the verification was due.
 *
 * @category schemas
 * @since 0.1.0
 */
export const VerificationRecord = Schema.Struct({
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
export type VerificationRecord = typeof VerificationRecord.Type

/**
 * An outstanding rectification order: when it was made, its deadline and the findings.
 *
 * @category schemas
 * @since 0.1.0
 */
export const RectificationOrder = Schema.Struct({
  orderedOn: CalendarDate,
  rectifyBy: CalendarDate,
  findings: Schema.String,
})

/**
 * @category models
 * @since 0.1.0
 */
export type RectificationOrder = typeof RectificationOrder.Type

/**
 * The credit entry a false commitment produced: the day found, the entry id and its kind.
 *
 * @category schemas
 * @since 0.1.0
 */
export const FalseFinding = Schema.Struct({
  foundOn: CalendarDate,
  entryId: Schema.NonEmptyString,
  kind: EntryKind,
})

/**
 * @category models
 * @since 0.1.0
 */
export type FalseFinding = typeof FalseFinding.Type

/**
 * A case accepted on commitment (告知承诺):
 *
 * - `notice`: the written notice as the pinned matter states it; `replacedMaterialCodes` and
 *   `replacedConditions`: what the commitment stands in for; `verification`: the matter's
 *   verification terms (period and methods, or exemption).
 * - `letter`: the commitment letter; `businessLicence`: the variant chosen (null when the matter
 *   offers none).
 * - `creditStanding`: the eligibility fact the acceptance rested on.
 * - `proof`: the compliance proof of the "will meet by" variant; `verificationDueOn`: set at the
 *   grant when verification is required; `verifications`: every outcome in order;
 *   `rectification`: the outstanding rectification order; `falseFinding`: the credit entry a false
 *   commitment produced.
 *
 * @category schemas
 * @since 0.1.0
 */
export const CommitmentRecord = Schema.Struct({
  notice: CommitmentNotice,
  replacedMaterialCodes: Schema.Array(Schema.String),
  replacedConditions: Schema.Array(Schema.String),
  verification: CommitmentVerification,
  letter: CommitmentLetter,
  businessLicence: Schema.NullOr(BusinessLicenceCommitment),
  creditStanding: CreditStanding,
  proof: Schema.NullOr(ComplianceProof),
  verificationDueOn: Schema.NullOr(CalendarDate),
  verificationDueProvisional: Schema.optionalKey(Schema.Literal(true)),
  verifications: Schema.Array(VerificationRecord),
  rectification: Schema.NullOr(RectificationOrder),
  falseFinding: Schema.NullOr(FalseFinding),
})

/**
 * @category models
 * @since 0.1.0
 */
export type CommitmentRecord = typeof CommitmentRecord.Type

/**
 * A finding, recorded by a verifier or the approver, that the applicant concealed facts or gave
 * false materials (ALL Art 78, before the decision) or obtained the licence by deception, bribery
 * or other improper means (ALL Art 79, after the grant): the day, the article, the credit entry it
 * produced, the statutory bar it produced (`barId`, only where the licence directly concerns
 * public safety, personal health or the safety of life and property) and the findings.
 *
 * @category schemas
 * @since 0.2.0
 */
export const FraudFinding = Schema.Struct({
  foundOn: CalendarDate,
  article: BarArticle,
  entryId: Schema.NonEmptyString,
  kind: EntryKind,
  barId: Schema.optionalKey(Schema.NonEmptyString),
  findings: Schema.String,
})

/**
 * @category models
 * @since 0.2.0
 */
export type FraudFinding = typeof FraudFinding.Type

/**
 * An error corrected at the window on the day of receipt (当场更正, ALL Art 32): the material and
 * what was corrected. It is no correction notice and does not stop any clock.
 *
 * @category schemas
 * @since 0.2.0
 */
export const OnTheSpotCorrection = Schema.Struct({
  correctedOn: CalendarDate,
  code: Schema.NonEmptyString,
  note: Schema.String,
})

/**
 * @category models
 * @since 0.2.0
 */
export type OnTheSpotCorrection = typeof OnTheSpotCorrection.Type

// ---------------------------------------------------------------------------------------------
// State
// ---------------------------------------------------------------------------------------------

const stateFields = {
  caseNo: Schema.String,
  phase: Phase,
  applicant: Schema.NullOr(Applicant),
  matterCode: Schema.NullOr(Schema.String),
  matter: Schema.NullOr(PublishedMatter),
  authority: Schema.optionalKey(ImplementingAuthority),
  bundleTolerance: Schema.optionalKey(BundleTolerance),
  receivedOn: Schema.NullOr(CalendarDate),
  materials: Schema.Array(SubmittedMaterial),
  submittedCodes: Schema.Array(Schema.String),
  corrections: Schema.Array(CorrectionRequest),
  onTheSpotCorrections: Schema.Array(OnTheSpotCorrection),
  toCorrect: Schema.Array(Schema.String),
  completedOn: Schema.NullOr(CalendarDate),
  acceptance: Schema.NullOr(Acceptance),
  deferral: Schema.NullOr(Deferral),
  clock: Schema.NullOr(Clock),
  specialProcedures: Schema.Array(SpecialProcedureRecord),
  suspension: Schema.NullOr(Suspension),
  reviewSteps: Schema.Array(ReviewStep),
  decision: Schema.NullOr(Decision),
  certificate: Schema.NullOr(Certificate),
  closure: Schema.NullOr(Closure),
  commitment: Schema.NullOr(CommitmentRecord),
  fraudFinding: Schema.NullOr(FraudFinding),
  lastRecordedOn: Schema.NullOr(CalendarDate),
}

/**
 * The type of the {@link State} schema, named so that declarations refer to it instead of
 * repeating it.
 *
 * @category schemas
 * @since 0.1.0
 */
export interface StateSchema extends Schema.Struct<typeof stateFields> {}

/**
 * The state of a case.
 *
 * - `matter`: the published terms pinned at submission; later catalogue changes never touch them.
 * - `authority`: the authority the matter was delegated to on the day of submission, when it was
 *   (see `judgingAuthority`).
 * - `receivedOn`: the date the authority received the application.
 * - `materials`: every material on file (the latest per code); `submittedCodes`: the codes of the
 *   original submission, which the one-time notice is judged against.
 * - `corrections`: every correction request (the first is the one-time notice); `toCorrect`: the
 *   codes not yet corrected; `completedOn`: the date the corrected materials became complete.
 * - `acceptance`, `deferral`, `clock`: set at acceptance; `commitment`: set at an acceptance on
 *   commitment.
 * - `fraudFinding`: a finding of false materials (ALL Art 78) or of a licence obtained by improper
 *   means (ALL Art 79), with the credit entry and the statutory bar it produced.
 * - `lastRecordedOn`: the latest date on record; no command may be dated earlier.
 *
 * @category schemas
 * @since 0.1.0
 */
export const State: StateSchema = Schema.Struct(stateFields)

/**
 * @category models
 * @since 0.1.0
 */
export type State = typeof State.Type

/**
 * The state before any event.
 *
 * @category constructors
 * @since 0.1.0
 */
export const initialState: State = {
  caseNo: "",
  phase: "new",
  applicant: null,
  matterCode: null,
  matter: null,
  receivedOn: null,
  materials: [],
  submittedCodes: [],
  corrections: [],
  onTheSpotCorrections: [],
  toCorrect: [],
  completedOn: null,
  acceptance: null,
  deferral: null,
  clock: null,
  specialProcedures: [],
  suspension: null,
  reviewSteps: [],
  decision: null,
  certificate: null,
  closure: null,
  commitment: null,
  fraudFinding: null,
  lastRecordedOn: null,
}
