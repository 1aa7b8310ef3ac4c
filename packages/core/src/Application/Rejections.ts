/**
 * The rejections of the `Application` aggregate: data, not thrown errors. `decide` returns the
 * first rule a command breaks.
 *
 * @since 0.1.0
 */
import * as Schema from "effect/Schema"
import { Role } from "../Actor.ts"
import { CalendarDate } from "../CalendarDate.ts"
import { BarArticle, EntryKind } from "../CreditRecord/State.ts"
import { BarredCategory, BusinessLicenceVariant, SpecialProcedureKind, VerificationMethod } from "../PublishedMatter.ts"
import { CommitmentConfirmation, Phase } from "./State.ts"

/**
 * The actor holds none of the roles the command requires.
 *
 * @category errors
 * @since 0.1.0
 */
export const NotAuthorized = Schema.TaggedStruct("NotAuthorized", {
  command: Schema.String,
  actorId: Schema.String,
  required: Schema.Array(Role),
})

/**
 * @category models
 * @since 0.1.0
 */
export type NotAuthorized = typeof NotAuthorized.Type

/**
 * `context.now` is not an ISO-8601 instant.
 *
 * @category errors
 * @since 0.1.0
 */
export const InvalidInstant = Schema.TaggedStruct("InvalidInstant", {
  now: Schema.String,
})

/**
 * @category models
 * @since 0.1.0
 */
export type InvalidInstant = typeof InvalidInstant.Type

/**
 * The command names another case than the stream holds.
 *
 * @category errors
 * @since 0.1.0
 */
export const WrongCase = Schema.TaggedStruct("WrongCase", {
  expected: Schema.String,
  received: Schema.String,
})

/**
 * @category models
 * @since 0.1.0
 */
export type WrongCase = typeof WrongCase.Type

/**
 * A closed case (concluded, denied, declined, withdrawn, terminated, rescinded) got a command its
 * phase does not allow; `allowed` lists the commands it still takes.
 *
 * @category errors
 * @since 0.1.0
 */
export const ApplicationClosed = Schema.TaggedStruct("ApplicationClosed", {
  caseNo: Schema.String,
  phase: Phase,
  allowed: Schema.Array(Schema.String),
})

/**
 * @category models
 * @since 0.1.0
 */
export type ApplicationClosed = typeof ApplicationClosed.Type

/**
 * The command is not allowed in the case's phase; `allowedIn` lists the phases it is allowed in
 * (the transition table).
 *
 * @category errors
 * @since 0.1.0
 */
export const NotAllowedInPhase = Schema.TaggedStruct("NotAllowedInPhase", {
  command: Schema.String,
  phase: Phase,
  allowedIn: Schema.Array(Phase),
})

/**
 * @category models
 * @since 0.1.0
 */
export type NotAllowedInPhase = typeof NotAllowedInPhase.Type

/**
 * The command is dated before the latest date on record: a case's history only moves forward.
 *
 * @category errors
 * @since 0.1.0
 */
export const DateOutOfOrder = Schema.TaggedStruct("DateOutOfOrder", {
  on: CalendarDate,
  lastRecordedOn: CalendarDate,
})

/**
 * @category models
 * @since 0.1.0
 */
export type DateOutOfOrder = typeof DateOutOfOrder.Type

/**
 * A date the command needs falls in a year the working-day calendar has no data for.
 *
 * @category errors
 * @since 0.1.0
 */
export const CalendarNotCovered = Schema.TaggedStruct("CalendarNotCovered", {
  date: CalendarDate,
  coveredYears: Schema.Array(Schema.Number),
  message: Schema.String,
})

/**
 * @category models
 * @since 0.1.0
 */
export type CalendarNotCovered = typeof CalendarNotCovered.Type

/**
 * The clock refused an operation the case's phase should allow (a defect, never expected).
 *
 * @category errors
 * @since 0.1.0
 */
export const ClockInconsistent = Schema.TaggedStruct("ClockInconsistent", {
  message: Schema.String,
})

/**
 * @category models
 * @since 0.1.0
 */
export type ClockInconsistent = typeof ClockInconsistent.Type

/**
 * A written field the law requires (reasons, explanation, opinion…) is blank.
 *
 * @category errors
 * @since 0.1.0
 */
export const TextRequired = Schema.TaggedStruct("TextRequired", {
  field: Schema.String,
})

/**
 * @category models
 * @since 0.1.0
 */
export type TextRequired = typeof TextRequired.Type

/**
 * The same material code appears twice in one list.
 *
 * @category errors
 * @since 0.1.0
 */
export const DuplicateMaterialCodes = Schema.TaggedStruct("DuplicateMaterialCodes", {
  codes: Schema.Array(Schema.String),
})

/**
 * @category models
 * @since 0.1.0
 */
export type DuplicateMaterialCodes = typeof DuplicateMaterialCodes.Type

/**
 * Material codes the pinned matter does not list.
 *
 * @category errors
 * @since 0.1.0
 */
export const UnknownMaterials = Schema.TaggedStruct("UnknownMaterials", {
  codes: Schema.Array(Schema.String),
})

/**
 * @category models
 * @since 0.1.0
 */
export type UnknownMaterials = typeof UnknownMaterials.Type

/**
 * Materials given as an electronic licence that the matter does not accept in that form.
 *
 * @category errors
 * @since 0.1.0
 */
export const ElectronicLicenceNotAccepted = Schema.TaggedStruct("ElectronicLicenceNotAccepted", {
  codes: Schema.Array(Schema.String),
})

/**
 * @category models
 * @since 0.1.0
 */
export type ElectronicLicenceNotAccepted = typeof ElectronicLicenceNotAccepted.Type

/**
 * A material the matter marks as satisfied by a licence (`licenceBaseCode`) cannot be taken as
 * given (电子证照免提交): `noValidLicence` — the applicant holds no licence of that matter valid on
 * the day (the runtime looked); `notLookedUp` — the material was given as a licence the runtime did
 * not look up (a caller's word, or a resubmission: bring the material itself); `mismatch` — a
 * reliance names a material the matter does not mark for that licence, or another licence number.
 *
 * @category errors
 * @since 0.2.0
 */
export const LicenceRelianceInvalid = Schema.TaggedStruct("LicenceRelianceInvalid", {
  problem: Schema.Literals(["noValidLicence", "notLookedUp", "mismatch"]),
  codes: Schema.Array(Schema.String),
  message: Schema.String,
})

/**
 * @category models
 * @since 0.2.0
 */
export type LicenceRelianceInvalid = typeof LicenceRelianceInvalid.Type

/**
 * A material cannot be taken as satisfied by a shared fact (数据共享): `noRecord` — the applicant
 * asked for it (`form: "sharedData"`) and the source has no such fact about the applicant (the
 * runtime asked); `notLookedUp` — given as a shared fact the runtime did not fetch (a caller's
 * word, or a later hand-over: bring the material itself); `notMarked` — the matter does not mark
 * the material as satisfiable by shared data; `mismatch` — a reliance names a material the matter
 * does not mark for that kind of fact, or one not given as a shared fact, or a material twice.
 *
 * @category errors
 * @since 0.3.0
 */
export const SharedDataRelianceInvalid = Schema.TaggedStruct("SharedDataRelianceInvalid", {
  problem: Schema.Literals(["noRecord", "notLookedUp", "notMarked", "mismatch"]),
  codes: Schema.Array(Schema.String),
  message: Schema.String,
})

/**
 * @category models
 * @since 0.3.0
 */
export type SharedDataRelianceInvalid = typeof SharedDataRelianceInvalid.Type

/**
 * The submission names another applicant than the draft.
 *
 * @category errors
 * @since 0.1.0
 */
export const ApplicantMismatch = Schema.TaggedStruct("ApplicantMismatch", {
  caseNo: Schema.String,
})

/**
 * @category models
 * @since 0.1.0
 */
export type ApplicantMismatch = typeof ApplicantMismatch.Type

/**
 * The submitted terms are for another matter than the draft.
 *
 * @category errors
 * @since 0.1.0
 */
export const MatterMismatch = Schema.TaggedStruct("MatterMismatch", {
  drafted: Schema.String,
  submitted: Schema.String,
})

/**
 * @category models
 * @since 0.1.0
 */
export type MatterMismatch = typeof MatterMismatch.Type

/**
 * The terms to pin break the matter's rules; `violated` names the `Matter` invariants.
 *
 * @category errors
 * @since 0.1.0
 */
export const InconsistentMatterTerms = Schema.TaggedStruct("InconsistentMatterTerms", {
  implementationCode: Schema.String,
  violated: Schema.Array(Schema.String),
})

/**
 * @category models
 * @since 0.1.0
 */
export type InconsistentMatterTerms = typeof InconsistentMatterTerms.Type

/**
 * A correction request with no items.
 *
 * @category errors
 * @since 0.1.0
 */
export const NothingToCorrect = Schema.TaggedStruct("NothingToCorrect", {
  caseNo: Schema.String,
})

/**
 * @category models
 * @since 0.1.0
 */
export type NothingToCorrect = typeof NothingToCorrect.Type

/**
 * The one-time notice leaves out missing mandatory materials: it must list them all.
 *
 * @category errors
 * @since 0.1.0
 */
export const CorrectionNoticeIncomplete = Schema.TaggedStruct("CorrectionNoticeIncomplete", {
  missing: Schema.Array(Schema.String),
})

/**
 * @category models
 * @since 0.1.0
 */
export type CorrectionNoticeIncomplete = typeof CorrectionNoticeIncomplete.Type

/**
 * A notice item calls a material on file missing, or one not on file defective.
 *
 * @category errors
 * @since 0.1.0
 */
export const NoticeItemMismatch = Schema.TaggedStruct("NoticeItemMismatch", {
  code: Schema.String,
  problem: Schema.Literals(["missing", "defective"]),
})

/**
 * @category models
 * @since 0.1.0
 */
export type NoticeItemMismatch = typeof NoticeItemMismatch.Type

/**
 * The correction request comes after the 5th working day from receipt of the materials it concerns.
 *
 * @category errors
 * @since 0.1.0
 */
export const CorrectionNoticeTooLate = Schema.TaggedStruct("CorrectionNoticeTooLate", {
  receivedOn: CalendarDate,
  deadline: CalendarDate,
  on: CalendarDate,
})

/**
 * @category models
 * @since 0.1.0
 */
export type CorrectionNoticeTooLate = typeof CorrectionNoticeTooLate.Type

/**
 * A later correction request asks for materials the one-time notice did not list.
 *
 * @category errors
 * @since 0.1.0
 */
export const OutsideOneTimeNotice = Schema.TaggedStruct("OutsideOneTimeNotice", {
  codes: Schema.Array(Schema.String),
})

/**
 * @category models
 * @since 0.1.0
 */
export type OutsideOneTimeNotice = typeof OutsideOneTimeNotice.Type

/**
 * Resubmitted materials that no open correction request asks for.
 *
 * @category errors
 * @since 0.1.0
 */
export const NotRequested = Schema.TaggedStruct("NotRequested", {
  codes: Schema.Array(Schema.String),
})

/**
 * @category models
 * @since 0.1.0
 */
export type NotRequested = typeof NotRequested.Type

/**
 * Accepting, or deciding on the spot, while mandatory materials are missing.
 *
 * @category errors
 * @since 0.1.0
 */
export const MandatoryMaterialsMissing = Schema.TaggedStruct("MandatoryMaterialsMissing", {
  codes: Schema.Array(Schema.String),
})

/**
 * @category models
 * @since 0.1.0
 */
export type MandatoryMaterialsMissing = typeof MandatoryMaterialsMissing.Type

/**
 * An immediate matter (即办件) is accepted and decided on the spot: use `DecideOnTheSpot`.
 *
 * @category errors
 * @since 0.1.0
 */
export const ImmediateMatter = Schema.TaggedStruct("ImmediateMatter", {
  implementationCode: Schema.String,
})

/**
 * @category models
 * @since 0.1.0
 */
export type ImmediateMatter = typeof ImmediateMatter.Type

/**
 * Deciding on the spot a matter that is not immediate.
 *
 * @category errors
 * @since 0.1.0
 */
export const NotImmediateMatter = Schema.TaggedStruct("NotImmediateMatter", {
  implementationCode: Schema.String,
})

/**
 * @category models
 * @since 0.1.0
 */
export type NotImmediateMatter = typeof NotImmediateMatter.Type

/**
 * A timer-driven command before its time: `earliestOn` is the first day it is allowed.
 *
 * @category errors
 * @since 0.1.0
 */
export const TooEarly = Schema.TaggedStruct("TooEarly", {
  command: Schema.String,
  earliestOn: CalendarDate,
  on: CalendarDate,
})

/**
 * @category models
 * @since 0.1.0
 */
export type TooEarly = typeof TooEarly.Type

/**
 * The matter does not offer tolerant acceptance.
 *
 * @category errors
 * @since 0.1.0
 */
export const TolerantAcceptanceNotOffered = Schema.TaggedStruct("TolerantAcceptanceNotOffered", {
  implementationCode: Schema.String,
})

/**
 * @category models
 * @since 0.1.0
 */
export type TolerantAcceptanceNotOffered = typeof TolerantAcceptanceNotOffered.Type

/**
 * Tolerant acceptance with no deferred item: accept ordinarily.
 *
 * @category errors
 * @since 0.1.0
 */
export const NothingToDefer = Schema.TaggedStruct("NothingToDefer", {
  caseNo: Schema.String,
})

/**
 * @category models
 * @since 0.1.0
 */
export type NothingToDefer = typeof NothingToDefer.Type

/**
 * Tolerant acceptance while core materials are missing (a core material is never deferred).
 *
 * @category errors
 * @since 0.1.0
 */
export const CoreMaterialsMissing = Schema.TaggedStruct("CoreMaterialsMissing", {
  codes: Schema.Array(Schema.String),
})

/**
 * @category models
 * @since 0.1.0
 */
export type CoreMaterialsMissing = typeof CoreMaterialsMissing.Type

/**
 * Deferring materials the matter does not mark deferrable.
 *
 * @category errors
 * @since 0.1.0
 */
export const MaterialsNotDeferrable = Schema.TaggedStruct("MaterialsNotDeferrable", {
  codes: Schema.Array(Schema.String),
})

/**
 * @category models
 * @since 0.1.0
 */
export type MaterialsNotDeferrable = typeof MaterialsNotDeferrable.Type

/**
 * Missing mandatory materials the tolerant notice does not list.
 *
 * @category errors
 * @since 0.1.0
 */
export const DeferralIncomplete = Schema.TaggedStruct("DeferralIncomplete", {
  missing: Schema.Array(Schema.String),
})

/**
 * @category models
 * @since 0.1.0
 */
export type DeferralIncomplete = typeof DeferralIncomplete.Type

/**
 * The supplement deadline would fall after the promised completion date.
 *
 * @category errors
 * @since 0.1.0
 */
export const SupplementDeadlineBeyondPromised = Schema.TaggedStruct("SupplementDeadlineBeyondPromised", {
  supplementBy: CalendarDate,
  promisedDueOn: CalendarDate,
})

/**
 * @category models
 * @since 0.1.0
 */
export type SupplementDeadlineBeyondPromised = typeof SupplementDeadlineBeyondPromised.Type

/**
 * Declining as not competent without naming the competent authority.
 *
 * @category errors
 * @since 0.1.0
 */
export const ReferralRequired = Schema.TaggedStruct("ReferralRequired", {
  caseNo: Schema.String,
})

/**
 * @category models
 * @since 0.1.0
 */
export type ReferralRequired = typeof ReferralRequired.Type

/**
 * A review step the matter's procedure does not have.
 *
 * @category errors
 * @since 0.1.0
 */
export const UnknownProcedureStep = Schema.TaggedStruct("UnknownProcedureStep", {
  step: Schema.String,
  steps: Schema.Array(Schema.String),
})

/**
 * @category models
 * @since 0.1.0
 */
export type UnknownProcedureStep = typeof UnknownProcedureStep.Type

/**
 * A special procedure the matter does not allow.
 *
 * @category errors
 * @since 0.1.0
 */
export const SpecialProcedureNotAllowed = Schema.TaggedStruct("SpecialProcedureNotAllowed", {
  procedure: SpecialProcedureKind,
  allowed: Schema.Array(SpecialProcedureKind),
})

/**
 * @category models
 * @since 0.1.0
 */
export type SpecialProcedureNotAllowed = typeof SpecialProcedureNotAllowed.Type

/**
 * The expected duration of a special procedure is not a whole number of working days of at least 1.
 *
 * @category errors
 * @since 0.1.0
 */
export const InvalidExpectedDuration = Schema.TaggedStruct("InvalidExpectedDuration", {
  expectedWorkingDays: Schema.Number,
})

/**
 * @category models
 * @since 0.1.0
 */
export type InvalidExpectedDuration = typeof InvalidExpectedDuration.Type

/**
 * The matter does not allow an extension.
 *
 * @category errors
 * @since 0.1.0
 */
export const ExtensionNotAllowed = Schema.TaggedStruct("ExtensionNotAllowed", {
  implementationCode: Schema.String,
})

/**
 * @category models
 * @since 0.1.0
 */
export type ExtensionNotAllowed = typeof ExtensionNotAllowed.Type

/**
 * The time limit was already extended (the law allows one extension).
 *
 * @category errors
 * @since 0.1.0
 */
export const AlreadyExtended = Schema.TaggedStruct("AlreadyExtended", {
  workingDays: Schema.Number,
  approver: Schema.String,
})

/**
 * @category models
 * @since 0.1.0
 */
export type AlreadyExtended = typeof AlreadyExtended.Type

/**
 * Extending after the statutory date has passed.
 *
 * @category errors
 * @since 0.1.0
 */
export const ExtensionTooLate = Schema.TaggedStruct("ExtensionTooLate", {
  statutoryDueOn: CalendarDate,
  on: CalendarDate,
})

/**
 * @category models
 * @since 0.1.0
 */
export type ExtensionTooLate = typeof ExtensionTooLate.Type

/**
 * The case has no deferred material outstanding.
 *
 * @category errors
 * @since 0.1.0
 */
export const NoDeferredMaterialsOutstanding = Schema.TaggedStruct("NoDeferredMaterialsOutstanding", {
  caseNo: Schema.String,
})

/**
 * @category models
 * @since 0.1.0
 */
export type NoDeferredMaterialsOutstanding = typeof NoDeferredMaterialsOutstanding.Type

/**
 * Supplied materials that are not outstanding deferred items.
 *
 * @category errors
 * @since 0.1.0
 */
export const NotDeferred = Schema.TaggedStruct("NotDeferred", {
  codes: Schema.Array(Schema.String),
})

/**
 * @category models
 * @since 0.1.0
 */
export type NotDeferred = typeof NotDeferred.Type

/**
 * Supplying deferred materials after the deadline (the case terminates or suspends).
 *
 * @category errors
 * @since 0.1.0
 */
export const SupplementDeadlinePassed = Schema.TaggedStruct("SupplementDeadlinePassed", {
  supplementBy: CalendarDate,
  on: CalendarDate,
})

/**
 * @category models
 * @since 0.1.0
 */
export type SupplementDeadlinePassed = typeof SupplementDeadlinePassed.Type

/**
 * Granting or issuing the certificate while deferred materials are outstanding, which the matter
 * does not allow.
 *
 * @category errors
 * @since 0.1.0
 */
export const DeferredMaterialsOutstanding = Schema.TaggedStruct("DeferredMaterialsOutstanding", {
  codes: Schema.Array(Schema.String),
})

/**
 * @category models
 * @since 0.1.0
 */
export type DeferredMaterialsOutstanding = typeof DeferredMaterialsOutstanding.Type

/**
 * Deciding after the promised date, or issuing the certificate after the 10th working day from the
 * decision, without an explanation (Decree 722 Art 36).
 *
 * @category errors
 * @since 0.1.0
 */
export const OvertimeExplanationRequired = Schema.TaggedStruct("OvertimeExplanationRequired", {
  dueOn: CalendarDate,
  on: CalendarDate,
})

/**
 * @category models
 * @since 0.1.0
 */
export type OvertimeExplanationRequired = typeof OvertimeExplanationRequired.Type

/**
 * Commitment mode needs the applicant's credit standing as `facts.creditStanding`, and the fact
 * that arrived cannot be used: `missing`, `malformed` (not a `CreditRecord.CreditStanding`),
 * `inconsistent` (`CreditRecord.standingConsistent` fails), `otherSubject` (not this applicant's)
 * or `notToday` (checked on another day than the command's).
 *
 * @category errors
 * @since 0.1.0
 */
export const CreditStandingUnusable = Schema.TaggedStruct("CreditStandingUnusable", {
  problem: Schema.Literals(["missing", "malformed", "inconsistent", "otherSubject", "notToday"]),
  message: Schema.String,
})

/**
 * @category models
 * @since 0.1.0
 */
export type CreditStandingUnusable = typeof CreditStandingUnusable.Type

/**
 * An entry of a credit record, as a rejection names it.
 *
 * @category schemas
 * @since 0.1.0
 */
export const BarringReason = Schema.Struct({
  entryId: Schema.String,
  kind: EntryKind,
  expiresOn: CalendarDate,
})

/**
 * @category models
 * @since 0.1.0
 */
export type BarringReason = typeof BarringReason.Type

/**
 * The applicant's credit standing bars notify-and-commit (a serious default or an earlier false
 * commitment still in effect, 国办发〔2020〕42号). Only commitment is barred: the ordinary
 * procedure with the proofs the matter requires stays open (`ordinaryProcedureOpen: true`).
 *
 * @category errors
 * @since 0.1.0
 */
export const ApplicantBarredFromCommitment = Schema.TaggedStruct("ApplicantBarredFromCommitment", {
  reasons: Schema.Array(BarringReason),
  ordinaryProcedureOpen: Schema.Literal(true),
  message: Schema.String,
})

/**
 * @category models
 * @since 0.1.0
 */
export type ApplicantBarredFromCommitment = typeof ApplicantBarredFromCommitment.Type

/**
 * The applicant may not apply for this licence again yet: a statutory bar on the matter's base code
 * is in effect until `barredUntil` (ALL Art 78: one year after concealment or false materials;
 * Art 79: three years after a licence obtained by deception, bribery or other improper means —
 * both only for licences that directly concern public safety, personal health or the safety of
 * life and property). Credit repair does not lift it. Neither procedure is open.
 *
 * @category errors
 * @since 0.1.0
 */
export const ReapplicationBarred = Schema.TaggedStruct("ReapplicationBarred", {
  baseCode: Schema.String,
  article: BarArticle,
  barId: Schema.String,
  barredUntil: CalendarDate,
  message: Schema.String,
})

/**
 * @category models
 * @since 0.1.0
 */
export type ReapplicationBarred = typeof ReapplicationBarred.Type

/**
 * The matter does not offer notify-and-commit.
 *
 * @category errors
 * @since 0.1.0
 */
export const CommitmentNotOffered = Schema.TaggedStruct("CommitmentNotOffered", {
  implementationCode: Schema.String,
})

/**
 * @category models
 * @since 0.1.0
 */
export type CommitmentNotOffered = typeof CommitmentNotOffered.Type

/**
 * The matter touches a category that bars notify-and-commit (national security, public safety, the
 * ecological environment, personal health, the safety of life and property). The catalogue never
 * publishes such a matter with commitment enabled; this is the defensive check.
 *
 * @category errors
 * @since 0.1.0
 */
export const CommitmentBarredForMatter = Schema.TaggedStruct("CommitmentBarredForMatter", {
  implementationCode: Schema.String,
  categories: Schema.Array(BarredCategory),
})

/**
 * @category models
 * @since 0.1.0
 */
export type CommitmentBarredForMatter = typeof CommitmentBarredForMatter.Type

/**
 * The commitment letter leaves confirmations unaffirmed.
 *
 * @category errors
 * @since 0.1.0
 */
export const CommitmentLetterIncomplete = Schema.TaggedStruct("CommitmentLetterIncomplete", {
  missing: Schema.Array(CommitmentConfirmation),
})

/**
 * @category models
 * @since 0.1.0
 */
export type CommitmentLetterIncomplete = typeof CommitmentLetterIncomplete.Type

/**
 * An agent signed the commitment without the applicant's recorded authorisation, or with one that
 * does not expressly cover the commitment.
 *
 * @category errors
 * @since 0.1.0
 */
export const AgentAuthorisationRequired = Schema.TaggedStruct("AgentAuthorisationRequired", {
  agent: Schema.String,
})

/**
 * @category models
 * @since 0.1.0
 */
export type AgentAuthorisationRequired = typeof AgentAuthorisationRequired.Type

/**
 * The matter offers business-licence variants and the command chose none.
 *
 * @category errors
 * @since 0.1.0
 */
export const BusinessLicenceVariantRequired = Schema.TaggedStruct("BusinessLicenceVariantRequired", {
  offered: Schema.Array(BusinessLicenceVariant),
})

/**
 * @category models
 * @since 0.1.0
 */
export type BusinessLicenceVariantRequired = typeof BusinessLicenceVariantRequired.Type

/**
 * The command chose a business-licence variant the matter does not offer.
 *
 * @category errors
 * @since 0.1.0
 */
export const BusinessLicenceVariantNotOffered = Schema.TaggedStruct("BusinessLicenceVariantNotOffered", {
  variant: BusinessLicenceVariant,
  offered: Schema.Array(BusinessLicenceVariant),
})

/**
 * @category models
 * @since 0.1.0
 */
export type BusinessLicenceVariantNotOffered = typeof BusinessLicenceVariantNotOffered.Type

/**
 * A date that must lie ahead — the `meetBy` date of a commitment, the `rectifyBy` date of a
 * rectification order — is today or earlier.
 *
 * @category errors
 * @since 0.1.0
 */
export const DateNotInFuture = Schema.TaggedStruct("DateNotInFuture", {
  field: Schema.Literals(["meetBy", "rectifyBy"]),
  date: CalendarDate,
  on: CalendarDate,
})

/**
 * @category models
 * @since 0.1.0
 */
export type DateNotInFuture = typeof DateNotInFuture.Type

/**
 * The command concerns a commitment and the case was not accepted on commitment.
 *
 * @category errors
 * @since 0.1.0
 */
export const NotACommitmentCase = Schema.TaggedStruct("NotACommitmentCase", {
  caseNo: Schema.String,
})

/**
 * @category models
 * @since 0.1.0
 */
export type NotACommitmentCase = typeof NotACommitmentCase.Type

/**
 * No compliance proof is due: the case was not accepted on a "will meet the conditions by a date"
 * commitment, or its proof is already in.
 *
 * @category errors
 * @since 0.1.0
 */
export const ComplianceProofNotDue = Schema.TaggedStruct("ComplianceProofNotDue", {
  caseNo: Schema.String,
})

/**
 * @category models
 * @since 0.1.0
 */
export type ComplianceProofNotDue = typeof ComplianceProofNotDue.Type

/**
 * The committed date passed without proof: proof comes too late, and no grant is made on a
 * commitment that has lapsed.
 *
 * @category errors
 * @since 0.1.0
 */
export const ComplianceDeadlinePassed = Schema.TaggedStruct("ComplianceDeadlinePassed", {
  meetBy: CalendarDate,
  on: CalendarDate,
})

/**
 * @category models
 * @since 0.1.0
 */
export type ComplianceDeadlinePassed = typeof ComplianceDeadlinePassed.Type

/**
 * A "will meet the conditions by a date" commitment cannot be confirmed before its proof is in.
 *
 * @category errors
 * @since 0.1.0
 */
export const ComplianceProofOutstanding = Schema.TaggedStruct("ComplianceProofOutstanding", {
  meetBy: CalendarDate,
})

/**
 * @category models
 * @since 0.1.0
 */
export type ComplianceProofOutstanding = typeof ComplianceProofOutstanding.Type

/**
 * The matter exempts commitments from verification (免于核查).
 *
 * @category errors
 * @since 0.1.0
 */
export const VerificationExempt = Schema.TaggedStruct("VerificationExempt", {
  implementationCode: Schema.String,
  reason: Schema.String,
})

/**
 * @category models
 * @since 0.1.0
 */
export type VerificationExempt = typeof VerificationExempt.Type

/**
 * The verification method is not one the matter lists.
 *
 * @category errors
 * @since 0.1.0
 */
export const VerificationMethodNotAllowed = Schema.TaggedStruct("VerificationMethodNotAllowed", {
  method: VerificationMethod,
  allowed: Schema.Array(VerificationMethod),
})

/**
 * @category models
 * @since 0.1.0
 */
export type VerificationMethodNotAllowed = typeof VerificationMethodNotAllowed.Type

/**
 * The commitment was already verified true; verification is over.
 *
 * @category errors
 * @since 0.1.0
 */
export const CommitmentAlreadyVerified = Schema.TaggedStruct("CommitmentAlreadyVerified", {
  verifiedOn: CalendarDate,
})

/**
 * @category models
 * @since 0.1.0
 */
export type CommitmentAlreadyVerified = typeof CommitmentAlreadyVerified.Type

/**
 * A rectification order (or its failure) concerns a licence already granted: before the decision,
 * an application whose conditions are not met is denied (ALL Art 38).
 *
 * @category errors
 * @since 0.1.0
 */
export const NotYetGranted = Schema.TaggedStruct("NotYetGranted", {
  caseNo: Schema.String,
})

/**
 * @category models
 * @since 0.1.0
 */
export type NotYetGranted = typeof NotYetGranted.Type

/**
 * A rectification order is already outstanding.
 *
 * @category errors
 * @since 0.1.0
 */
export const RectificationAlreadyOrdered = Schema.TaggedStruct("RectificationAlreadyOrdered", {
  rectifyBy: CalendarDate,
})

/**
 * @category models
 * @since 0.1.0
 */
export type RectificationAlreadyOrdered = typeof RectificationAlreadyOrdered.Type

/**
 * "Not rectified" needs an outstanding rectification order.
 *
 * @category errors
 * @since 0.1.0
 */
export const NoRectificationOrdered = Schema.TaggedStruct("NoRectificationOrdered", {
  caseNo: Schema.String,
})

/**
 * @category models
 * @since 0.1.0
 */
export type NoRectificationOrdered = typeof NoRectificationOrdered.Type

/**
 * Items of the correction notice are still to correct and the commitment does not replace them.
 *
 * @category errors
 * @since 0.1.0
 */
export const CorrectionOutstanding = Schema.TaggedStruct("CorrectionOutstanding", {
  codes: Schema.Array(Schema.String),
})

/**
 * @category models
 * @since 0.1.0
 */
export type CorrectionOutstanding = typeof CorrectionOutstanding.Type

/**
 * The law has already accepted the case as of receipt (ALL Art 32: 逾期不告知的，自收到申请材料之日起
 * 即为受理): no correction notice was given by `deadline`, the 5th working day after receipt, so a
 * correction notice or a refusal of acceptance (`command`) is no longer possible — whether or not
 * the deemed-acceptance timer ran.
 *
 * @category errors
 * @since 0.2.0
 */
export const AcceptedByLaw = Schema.TaggedStruct("AcceptedByLaw", {
  command: Schema.Literals(["RequestCorrection", "DeclineAcceptance"]),
  article: Schema.Literal("ALL Art 32"),
  receivedOn: CalendarDate,
  deadline: CalendarDate,
  on: CalendarDate,
  message: Schema.String,
})

/**
 * @category models
 * @since 0.2.0
 */
export type AcceptedByLaw = typeof AcceptedByLaw.Type

/**
 * The statutory bars that arrived as `facts.reapplicationBars` cannot be used for this submission:
 * `problem` says why (another subject's, another licence's, or not read today).
 *
 * @category errors
 * @since 0.2.0
 */
export const ReapplicationBarsUnusable = Schema.TaggedStruct("ReapplicationBarsUnusable", {
  problem: Schema.Literals(["malformed", "otherSubject", "otherLicence", "notToday"]),
  message: Schema.String,
})

/**
 * @category models
 * @since 0.2.0
 */
export type ReapplicationBarsUnusable = typeof ReapplicationBarsUnusable.Type

/**
 * A finding of fraud is already on record for this case.
 *
 * @category errors
 * @since 0.2.0
 */
export const FraudAlreadyFound = Schema.TaggedStruct("FraudAlreadyFound", {
  foundOn: CalendarDate,
  article: BarArticle,
})

/**
 * @category models
 * @since 0.2.0
 */
export type FraudAlreadyFound = typeof FraudAlreadyFound.Type

/**
 * The licence cannot be granted: a finding of concealment or false materials is on record for this
 * application (ALL Art 78: 不予受理或者不予行政许可).
 *
 * @category errors
 * @since 0.2.0
 */
export const FraudFindingOnRecord = Schema.TaggedStruct("FraudFindingOnRecord", {
  foundOn: CalendarDate,
  article: BarArticle,
})

/**
 * @category models
 * @since 0.2.0
 */
export type FraudFindingOnRecord = typeof FraudFindingOnRecord.Type

/**
 * An on-the-spot correction (当场更正, ALL Art 32) is made at the window on the day of receipt; later,
 * a correction needs the one-time correction notice.
 *
 * @category errors
 * @since 0.2.0
 */
export const OnTheSpotCorrectionTooLate = Schema.TaggedStruct("OnTheSpotCorrectionTooLate", {
  receivedOn: CalendarDate,
  on: CalendarDate,
})

/**
 * @category models
 * @since 0.2.0
 */
export type OnTheSpotCorrectionTooLate = typeof OnTheSpotCorrectionTooLate.Type

/**
 * An on-the-spot correction names materials that are not on file: a missing material is not an
 * error that can be corrected on the spot.
 *
 * @category errors
 * @since 0.2.0
 */
export const NotOnFile = Schema.TaggedStruct("NotOnFile", {
  codes: Schema.Array(Schema.String),
})

/**
 * @category models
 * @since 0.2.0
 */
export type NotOnFile = typeof NotOnFile.Type

/**
 * The applicant is outside the pinned matter's scope (适用范围 / 服务对象): its subject type, read from
 * its code, is not among the matter's `subjectTypes`, or its division, read from its code, is not
 * within the matter's `regions`. `problem` names the mismatch.
 *
 * @category errors
 * @since 0.2.0
 */
export const ApplicantOutsideScope = Schema.TaggedStruct("ApplicantOutsideScope", {
  problem: Schema.Literals(["subjectType", "region"]),
  applicant: Schema.Array(Schema.String),
  allowed: Schema.Array(Schema.String),
  message: Schema.String,
})

/**
 * @category models
 * @since 0.2.0
 */
export type ApplicantOutsideScope = typeof ApplicantOutsideScope.Type

/**
 * Every rejection of the aggregate.
 *
 * @category schemas
 * @since 0.1.0
 */
export const Rejection: Schema.Union<
  [
    typeof NotAuthorized,
    typeof InvalidInstant,
    typeof WrongCase,
    typeof ApplicationClosed,
    typeof NotAllowedInPhase,
    typeof DateOutOfOrder,
    typeof CalendarNotCovered,
    typeof ClockInconsistent,
    typeof TextRequired,
    typeof DuplicateMaterialCodes,
    typeof UnknownMaterials,
    typeof ElectronicLicenceNotAccepted,
    typeof LicenceRelianceInvalid,
    typeof SharedDataRelianceInvalid,
    typeof ApplicantMismatch,
    typeof MatterMismatch,
    typeof InconsistentMatterTerms,
    typeof NothingToCorrect,
    typeof CorrectionNoticeIncomplete,
    typeof NoticeItemMismatch,
    typeof CorrectionNoticeTooLate,
    typeof OutsideOneTimeNotice,
    typeof NotRequested,
    typeof MandatoryMaterialsMissing,
    typeof ImmediateMatter,
    typeof NotImmediateMatter,
    typeof TooEarly,
    typeof TolerantAcceptanceNotOffered,
    typeof NothingToDefer,
    typeof CoreMaterialsMissing,
    typeof MaterialsNotDeferrable,
    typeof DeferralIncomplete,
    typeof SupplementDeadlineBeyondPromised,
    typeof ReferralRequired,
    typeof UnknownProcedureStep,
    typeof SpecialProcedureNotAllowed,
    typeof InvalidExpectedDuration,
    typeof ExtensionNotAllowed,
    typeof AlreadyExtended,
    typeof ExtensionTooLate,
    typeof NoDeferredMaterialsOutstanding,
    typeof NotDeferred,
    typeof SupplementDeadlinePassed,
    typeof DeferredMaterialsOutstanding,
    typeof OvertimeExplanationRequired,
    typeof CreditStandingUnusable,
    typeof ApplicantBarredFromCommitment,
    typeof ReapplicationBarred,
    typeof CommitmentNotOffered,
    typeof CommitmentBarredForMatter,
    typeof CommitmentLetterIncomplete,
    typeof AgentAuthorisationRequired,
    typeof BusinessLicenceVariantRequired,
    typeof BusinessLicenceVariantNotOffered,
    typeof DateNotInFuture,
    typeof NotACommitmentCase,
    typeof ComplianceProofNotDue,
    typeof ComplianceDeadlinePassed,
    typeof ComplianceProofOutstanding,
    typeof VerificationExempt,
    typeof VerificationMethodNotAllowed,
    typeof CommitmentAlreadyVerified,
    typeof NotYetGranted,
    typeof RectificationAlreadyOrdered,
    typeof NoRectificationOrdered,
    typeof CorrectionOutstanding,
    typeof AcceptedByLaw,
    typeof ReapplicationBarsUnusable,
    typeof FraudAlreadyFound,
    typeof FraudFindingOnRecord,
    typeof OnTheSpotCorrectionTooLate,
    typeof NotOnFile,
    typeof ApplicantOutsideScope,
  ]
> = Schema.Union([
  NotAuthorized,
  InvalidInstant,
  WrongCase,
  ApplicationClosed,
  NotAllowedInPhase,
  DateOutOfOrder,
  CalendarNotCovered,
  ClockInconsistent,
  TextRequired,
  DuplicateMaterialCodes,
  UnknownMaterials,
  ElectronicLicenceNotAccepted,
  LicenceRelianceInvalid,
  SharedDataRelianceInvalid,
  ApplicantMismatch,
  MatterMismatch,
  InconsistentMatterTerms,
  NothingToCorrect,
  CorrectionNoticeIncomplete,
  NoticeItemMismatch,
  CorrectionNoticeTooLate,
  OutsideOneTimeNotice,
  NotRequested,
  MandatoryMaterialsMissing,
  ImmediateMatter,
  NotImmediateMatter,
  TooEarly,
  TolerantAcceptanceNotOffered,
  NothingToDefer,
  CoreMaterialsMissing,
  MaterialsNotDeferrable,
  DeferralIncomplete,
  SupplementDeadlineBeyondPromised,
  ReferralRequired,
  UnknownProcedureStep,
  SpecialProcedureNotAllowed,
  InvalidExpectedDuration,
  ExtensionNotAllowed,
  AlreadyExtended,
  ExtensionTooLate,
  NoDeferredMaterialsOutstanding,
  NotDeferred,
  SupplementDeadlinePassed,
  DeferredMaterialsOutstanding,
  OvertimeExplanationRequired,
  CreditStandingUnusable,
  ApplicantBarredFromCommitment,
  ReapplicationBarred,
  CommitmentNotOffered,
  CommitmentBarredForMatter,
  CommitmentLetterIncomplete,
  AgentAuthorisationRequired,
  BusinessLicenceVariantRequired,
  BusinessLicenceVariantNotOffered,
  DateNotInFuture,
  NotACommitmentCase,
  ComplianceProofNotDue,
  ComplianceDeadlinePassed,
  ComplianceProofOutstanding,
  VerificationExempt,
  VerificationMethodNotAllowed,
  CommitmentAlreadyVerified,
  NotYetGranted,
  RectificationAlreadyOrdered,
  NoRectificationOrdered,
  CorrectionOutstanding,
  AcceptedByLaw,
  ReapplicationBarsUnusable,
  FraudAlreadyFound,
  FraudFindingOnRecord,
  OnTheSpotCorrectionTooLate,
  NotOnFile,
  ApplicantOutsideScope,
])

/**
 * @category models
 * @since 0.1.0
 */
export type Rejection = typeof Rejection.Type
