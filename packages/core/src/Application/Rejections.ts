/**
 * The rejections of the `Application` aggregate: data, not thrown errors. `decide` returns the
 * first rule a command breaks.
 *
 * @since 0.1.0
 */
import { Schema } from "effect"
import { Role } from "../Actor.ts"
import { CalendarDate } from "../CalendarDate.ts"
import { SpecialProcedureKind } from "../PublishedMatter.ts"
import { Phase } from "./State.ts"

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
])

/**
 * @category models
 * @since 0.1.0
 */
export type Rejection = typeof Rejection.Type
