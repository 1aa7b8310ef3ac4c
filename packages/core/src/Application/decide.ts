/**
 * `decide` for the `Application` aggregate: one function per command, each returning the events
 * or the first rule the command would break. Every date is the working day of `context.now`
 * (`CalendarDate.ofInstant`); every working-day count comes from the calendar the decider was made
 * with. The helpers every function shares are in decideCommon.ts, the notify-and-commit commands
 * in decideCommitment.ts.
 *
 * @since 0.1.0
 */
import * as Result from "effect/Result"
import { hasAnyRole } from "../Actor.ts"
import * as CalendarDate from "../CalendarDate.ts"
import * as Clock from "../Clock.ts"
import { barIdFor } from "../CreditRecord/Bars.ts"
import { entryIdFor } from "../CreditRecord/State.ts"
import { type CommandContext, today } from "../Decider.ts"
import { elementRules } from "../Matter/invariants.ts"
import { concernsSafetyHealthProperty, isImmediate, offersTolerantAcceptance } from "../PublishedMatter.ts"
import {
  type AcceptApplication,
  type AcceptTolerantly,
  type Command,
  type CorrectOnTheSpot,
  type DecideOnTheSpot,
  type DeclineAcceptance,
  type DenyApplication,
  type DraftApplication,
  type EndSpecialProcedure,
  type ExtendTimeLimit,
  type GrantApplication,
  type IssueCertificate,
  type RecordFraudFinding,
  type RecordReviewStep,
  type RequestCorrection,
  type RescindGrant,
  type ResubmitMaterials,
  requiredRoles,
  type StartSpecialProcedure,
  type SubmitApplication,
  type SupplementDeferredMaterials,
  type WithdrawApplication,
} from "./Commands.ts"
import { creditSubjectOf, type Facts } from "./commitment.ts"
import {
  acceptOnCommitment,
  checkNoFalseMaterialsFinding,
  checkReapplication,
  grantEvents,
  missComplianceDeadline,
  recordVerification,
  submitComplianceProof,
} from "./decideCommitment.ts"
import {
  type At,
  acceptanceDate,
  addWorkingDays,
  checkMaterials,
  checkNotAcceptedByLaw,
  checkOvertime,
  checkRemedies,
  clockOk,
  covered,
  type Decision,
  duplicates,
  emit,
  explanation,
  isBlank,
  pinned,
  reject,
  requireText,
  type Settings,
  sameApplicant,
  startClock,
} from "./decideCommon.ts"
import type { Event } from "./Events.ts"
import { suspensionPauseReason } from "./evolve.ts"
import {
  codesOnFile,
  correctionNoticeWorkingDays,
  deferrableHere,
  isDeferrable,
  missingMandatory,
  outstandingDeferred,
  resultMayBeIssued,
} from "./invariants.ts"
import { scopeProblem } from "./queries.ts"
import type { Rejection } from "./Rejections.ts"
import type { State } from "./State.ts"
import { commandsAllowedIn, isAllowedIn, isClosed, phasesAllowing } from "./transitions.ts"

export type { Settings } from "./decideCommon.ts"

export { correctionNoticeWorkingDays } from "./invariants.ts"

/**
 * The working days an extension adds (ALL Art 42).
 *
 * @category models
 * @since 0.1.0
 */
export const extensionWorkingDays = 10

/**
 * The working days to issue the certificate after the decision (ALL Art 44).
 *
 * @category models
 * @since 0.1.0
 */
export const certificateWorkingDays = 10

// ---------------------------------------------------------------------------------------------
// One function per command
// ---------------------------------------------------------------------------------------------

const draftApplication = (command: DraftApplication, at: At): Decision =>
  emit({
    _tag: "ApplicationDrafted",
    caseNo: command.caseNo,
    applicant: command.applicant,
    matterCode: command.matterCode,
    draftedOn: at.today,
  })

const submitApplication = (command: SubmitApplication, state: State, at: At): Decision =>
  Result.gen(function* () {
    if (state.phase === "draft") {
      if (state.applicant !== null && !sameApplicant(state.applicant, command.applicant)) {
        return yield* reject({ _tag: "ApplicantMismatch", caseNo: state.caseNo })
      }
      if (state.matterCode !== command.matter.implementationCode) {
        return yield* reject({
          _tag: "MatterMismatch",
          drafted: state.matterCode ?? "",
          submitted: command.matter.implementationCode,
        })
      }
    }
    const violated = elementRules.filter((rule) => !rule.holds(command.matter)).map((rule) => rule.invariant)
    if (violated.length > 0) {
      return yield* reject({
        _tag: "InconsistentMatterTerms",
        implementationCode: command.matter.implementationCode,
        violated,
      })
    }
    const outside = scopeProblem(command.matter, command.applicant)
    if (outside !== undefined) {
      return yield* reject({
        _tag: "ApplicantOutsideScope",
        ...outside,
        message:
          outside.problem === "subjectType"
            ? `the matter ${command.matter.implementationCode} serves ${outside.allowed.join(", ")}; the applicant is ${outside.applicant.join(" or ")}`
            : `the matter ${command.matter.implementationCode} serves applicants of ${outside.allowed.join(", ")}; the applicant belongs to ${outside.applicant.join(", ")}`,
      })
    }
    yield* checkReapplication(at, command.applicant, command.matter)
    yield* checkMaterials(
      command.matter,
      command.materials,
      command.licencesReliedOn ?? [],
      command.sharedDataReliedOn ?? [],
    )
    return [
      {
        _tag: "ApplicationSubmitted",
        caseNo: command.caseNo,
        applicant: command.applicant,
        matter: command.matter,
        materials: command.materials,
        receivedOn: at.today,
        ...(command.authority === undefined ||
        command.authority.creditCode === command.matter.implementingAuthority.creditCode
          ? {}
          : { authority: command.authority }),
        ...(command.licencesReliedOn === undefined || command.licencesReliedOn.length === 0
          ? {}
          : { licencesReliedOn: command.licencesReliedOn }),
        ...(command.sharedDataReliedOn === undefined || command.sharedDataReliedOn.length === 0
          ? {}
          : { sharedDataReliedOn: command.sharedDataReliedOn }),
        ...(command.bundleTolerance === undefined ? {} : { bundleTolerance: command.bundleTolerance }),
      },
    ] as const
  })

/** The date the 5-day correction window counts from: receipt, or the completed resubmission. */
const correctionWindowFrom = (state: State): CalendarDate.CalendarDate =>
  state.phase === "corrected" && state.completedOn !== null ? state.completedOn : state.receivedOn!

const requestCorrection = (command: RequestCorrection, state: State, at: At): Decision =>
  Result.gen(function* () {
    const terms = pinned(state)
    if (command.items.length === 0) return yield* reject({ _tag: "NothingToCorrect", caseNo: state.caseNo })
    const codes = command.items.map((item) => item.code)
    const repeated = duplicates(codes)
    if (repeated.length > 0) return yield* reject({ _tag: "DuplicateMaterialCodes", codes: repeated })
    const unknown = codes.filter((code) => !terms.materials.some((m) => m.code === code))
    if (unknown.length > 0) return yield* reject({ _tag: "UnknownMaterials", codes: unknown })
    yield* checkNotAcceptedByLaw(state, at, "RequestCorrection")
    const from = correctionWindowFrom(state)
    const deadline = yield* addWorkingDays(at, from, correctionNoticeWorkingDays)
    if (at.today > deadline) {
      return yield* reject({ _tag: "CorrectionNoticeTooLate", receivedOn: from, deadline, on: at.today })
    }
    const notice = state.corrections[0]
    if (notice !== undefined) {
      const listed = notice.items.map((item) => item.code)
      const outside = codes.filter((code) => !listed.includes(code))
      if (outside.length > 0) return yield* reject({ _tag: "OutsideOneTimeNotice", codes: outside })
    }
    const onFile = codesOnFile(state)
    for (const item of command.items) {
      if ((item.problem === "missing") === onFile.includes(item.code)) {
        return yield* reject({ _tag: "NoticeItemMismatch", code: item.code, problem: item.problem })
      }
    }
    const unlisted = missingMandatory(terms, onFile).filter((code) => !codes.includes(code))
    if (unlisted.length > 0) return yield* reject({ _tag: "CorrectionNoticeIncomplete", missing: unlisted })
    return [
      {
        _tag: "CorrectionRequested",
        caseNo: state.caseNo,
        requestedOn: at.today,
        items: command.items,
        oneTimeNotice: notice === undefined,
      },
    ] as const
  })

const correctOnTheSpot = (command: CorrectOnTheSpot, state: State, at: At): Decision =>
  Result.gen(function* () {
    if (at.today !== state.receivedOn) {
      return yield* reject({ _tag: "OnTheSpotCorrectionTooLate", receivedOn: state.receivedOn!, on: at.today })
    }
    if (command.items.length === 0) return yield* reject({ _tag: "NothingToCorrect", caseNo: state.caseNo })
    const codes = command.items.map((item) => item.code)
    const repeated = duplicates(codes)
    if (repeated.length > 0) return yield* reject({ _tag: "DuplicateMaterialCodes", codes: repeated })
    const onFile = codesOnFile(state)
    const absent = codes.filter((code) => !onFile.includes(code))
    if (absent.length > 0) return yield* reject({ _tag: "NotOnFile", codes: absent })
    for (const item of command.items) yield* requireText(`items.${item.code}.note`, item.note)
    return [
      {
        _tag: "CorrectedOnTheSpot",
        caseNo: state.caseNo,
        correctedOn: at.today,
        items: command.items,
        correctedBy: at.actor.id,
      },
    ] as const
  })

const resubmitMaterials = (command: ResubmitMaterials, state: State, at: At): Decision =>
  Result.gen(function* () {
    if (command.materials.length === 0) return []
    yield* checkMaterials(pinned(state), command.materials)
    const codes = command.materials.map((m) => m.code)
    const notRequested = codes.filter((code) => !state.toCorrect.includes(code))
    if (notRequested.length > 0) return yield* reject({ _tag: "NotRequested", codes: notRequested })
    return [
      {
        _tag: "MaterialsResubmitted",
        caseNo: state.caseNo,
        resubmittedOn: at.today,
        materials: command.materials,
        stillToCorrect: state.toCorrect.filter((code) => !codes.includes(code)),
      },
    ] as const
  })

const acceptApplication = (_command: AcceptApplication, state: State, at: At): Decision =>
  Result.gen(function* () {
    const terms = pinned(state)
    if (isImmediate(terms))
      return yield* reject({ _tag: "ImmediateMatter", implementationCode: terms.implementationCode })
    const missing = missingMandatory(terms, codesOnFile(state))
    if (missing.length > 0) return yield* reject({ _tag: "MandatoryMaterialsMissing", codes: missing })
    const { on, basis } = yield* acceptanceDate(state, at)
    const started = yield* startClock(at, terms, on)
    return [
      { _tag: "ApplicationAccepted", caseNo: state.caseNo, acceptedOn: on, recordedOn: at.today, basis, ...started },
    ] as const
  })

const acceptTolerantly = (command: AcceptTolerantly, state: State, at: At): Decision =>
  Result.gen(function* () {
    const terms = pinned(state)
    if (isImmediate(terms))
      return yield* reject({ _tag: "ImmediateMatter", implementationCode: terms.implementationCode })
    // the matter's own settings, or — for a bundle's child — the tolerance its bundle granted (跨部门容缺)
    const granted = state.bundleTolerance
    const own = offersTolerantAcceptance(terms) ? terms.tolerantAcceptance : undefined
    if (own === undefined && granted === undefined) {
      return yield* reject({ _tag: "TolerantAcceptanceNotOffered", implementationCode: terms.implementationCode })
    }
    if (command.deferred.length === 0) return yield* reject({ _tag: "NothingToDefer", caseNo: state.caseNo })
    const deferred = command.deferred.map((item) => item.code)
    const repeated = duplicates(deferred)
    if (repeated.length > 0) return yield* reject({ _tag: "DuplicateMaterialCodes", codes: repeated })
    const unknown = deferred.filter((code) => !terms.materials.some((m) => m.code === code))
    if (unknown.length > 0) return yield* reject({ _tag: "UnknownMaterials", codes: unknown })
    const missing = missingMandatory(terms, codesOnFile(state))
    const core = missing.filter((code) => terms.materials.find((m) => m.code === code)?.category === "core")
    if (core.length > 0) return yield* reject({ _tag: "CoreMaterialsMissing", codes: core })
    const notDeferrable = deferred.filter((code) => !deferrableHere(state, terms, code))
    if (notDeferrable.length > 0) return yield* reject({ _tag: "MaterialsNotDeferrable", codes: notDeferrable })
    const unlisted = missing.filter((code) => !deferred.includes(code))
    if (unlisted.length > 0) return yield* reject({ _tag: "DeferralIncomplete", missing: unlisted })
    for (const item of command.deferred) yield* requireText(`deferred.${item.code}.howToSupply`, item.howToSupply)
    yield* requireText("commitment.signedBy", command.commitment.signedBy)
    yield* requireText("commitment.statement", command.commitment.statement)
    const { on, basis } = yield* acceptanceDate(state, at)
    const started = yield* startClock(at, terms, on)
    // the applicant learns of the deadline today: a case accepted by law as of receipt still gets the full period
    // a deferral under the bundle's grant runs to the bundle's deadline (the shorter where both apply)
    const byGrant = granted !== undefined && deferred.some((code) => !isDeferrable(terms, code))
    const settings = {
      supplementDeadlineWorkingDays: Math.min(
        ...(own === undefined ? [] : [own.supplementDeadlineWorkingDays]),
        ...(byGrant || own === undefined ? [granted!.supplementDeadlineWorkingDays] : []),
      ),
      onDeadlineMissed: own?.onDeadlineMissed ?? granted!.onDeadlineMissed,
      // under the bundle's grant the result waits for the supplement (DOMAIN: the default, no exception granted)
      resultBeforeSupplement: byGrant ? false : (own?.resultBeforeSupplement ?? false),
    }
    const supplementBy = yield* addWorkingDays(at, at.today, settings.supplementDeadlineWorkingDays)
    if (supplementBy > started.promisedDueOn) {
      return yield* reject({
        _tag: "SupplementDeadlineBeyondPromised",
        supplementBy,
        promisedDueOn: started.promisedDueOn,
      })
    }
    return [
      {
        _tag: "ApplicationAcceptedTolerantly",
        caseNo: state.caseNo,
        acceptedOn: on,
        recordedOn: at.today,
        basis,
        ...started,
        notice: {
          items: command.deferred.map((item) => ({
            code: item.code,
            name: terms.materials.find((m) => m.code === item.code)?.name ?? item.code,
            howToSupply: item.howToSupply,
          })),
          supplementBy,
          consequence: settings.onDeadlineMissed,
          resultBeforeSupplement: settings.resultBeforeSupplement,
        },
        commitment: command.commitment,
      },
    ] as const
  })

const deemAccepted = (state: State, at: At): Decision =>
  Result.gen(function* () {
    const receivedOn = state.receivedOn!
    const deadline = yield* addWorkingDays(at, receivedOn, correctionNoticeWorkingDays)
    if (at.today <= deadline) {
      return yield* reject({
        _tag: "TooEarly",
        command: "DeemAccepted",
        earliestOn: CalendarDate.addDays(deadline, 1),
        on: at.today,
      })
    }
    const started = yield* startClock(at, pinned(state), receivedOn)
    return [
      {
        _tag: "ApplicationAccepted",
        caseNo: state.caseNo,
        acceptedOn: receivedOn,
        recordedOn: at.today,
        basis: "deemed",
        ...started,
      },
    ] as const
  })

const declineAcceptance = (command: DeclineAcceptance, state: State, at: At): Decision =>
  Result.gen(function* () {
    yield* checkNotAcceptedByLaw(state, at, "DeclineAcceptance")
    yield* requireText("reasons", command.reasons)
    if (command.ground === "notCompetent" && isBlank(command.referral)) {
      return yield* reject({ _tag: "ReferralRequired", caseNo: state.caseNo })
    }
    return [
      {
        _tag: "AcceptanceDeclined",
        caseNo: state.caseNo,
        declinedOn: at.today,
        ground: command.ground,
        reasons: command.reasons,
        ...(isBlank(command.referral) ? {} : { referral: command.referral! }),
      },
    ] as const
  })

const decideOnTheSpot = (command: DecideOnTheSpot, state: State, at: At): Decision =>
  Result.gen(function* () {
    const terms = pinned(state)
    if (!isImmediate(terms))
      return yield* reject({ _tag: "NotImmediateMatter", implementationCode: terms.implementationCode })
    const missing = missingMandatory(terms, codesOnFile(state))
    if (missing.length > 0) return yield* reject({ _tag: "MandatoryMaterialsMissing", codes: missing })
    if (command.outcome._tag === "Grant") yield* checkNoFalseMaterialsFinding(state)
    if (command.outcome._tag === "Deny") {
      yield* requireText("outcome.reasons", command.outcome.reasons)
      yield* checkRemedies(command.outcome.remedies, "outcome.remedies.")
    }
    const { on, basis } = yield* acceptanceDate(state, at)
    const started = yield* startClock(at, terms, on)
    if (at.today > started.promisedDueOn && isBlank(command.overtimeExplanation)) {
      return yield* reject({ _tag: "OvertimeExplanationRequired", dueOn: started.promisedDueOn, on: at.today })
    }
    const accepted: Event = {
      _tag: "ApplicationAccepted",
      caseNo: state.caseNo,
      acceptedOn: on,
      recordedOn: at.today,
      basis: basis === "onReceipt" ? "onTheSpot" : basis,
      ...started,
    }
    const decided = {
      caseNo: state.caseNo,
      decidedOn: at.today,
      approver: at.actor.id,
      ...explanation("overtimeExplanation", command.overtimeExplanation),
    }
    return command.outcome._tag === "Grant"
      ? ([accepted, { _tag: "ApplicationGranted", ...decided }] as const)
      : ([
          accepted,
          {
            _tag: "ApplicationDenied",
            ...decided,
            reasons: command.outcome.reasons,
            remedies: command.outcome.remedies,
          },
        ] as const)
  })

const recordReviewStep = (command: RecordReviewStep, state: State, at: At): Decision =>
  Result.gen(function* () {
    const steps = pinned(state).procedure.map((step) => step.name)
    if (!steps.includes(command.step)) return yield* reject({ _tag: "UnknownProcedureStep", step: command.step, steps })
    yield* requireText("opinion", command.opinion)
    return [
      {
        _tag: "ReviewStepRecorded",
        caseNo: state.caseNo,
        step: command.step,
        recordedOn: at.today,
        reviewer: at.actor.id,
        opinion: command.opinion,
      },
    ] as const
  })

const startSpecialProcedure = (command: StartSpecialProcedure, state: State, at: At): Decision =>
  Result.gen(function* () {
    const allowed = pinned(state).specialProcedures
    if (!allowed.includes(command.procedure)) {
      return yield* reject({ _tag: "SpecialProcedureNotAllowed", procedure: command.procedure, allowed })
    }
    if (!Number.isSafeInteger(command.expectedWorkingDays) || command.expectedWorkingDays < 1) {
      return yield* reject({ _tag: "InvalidExpectedDuration", expectedWorkingDays: command.expectedWorkingDays })
    }
    yield* requireText("reason", command.reason)
    yield* clockOk(Clock.pause(state.clock!, at.today, command.procedure))
    return [
      {
        _tag: "SpecialProcedureStarted",
        caseNo: state.caseNo,
        procedure: command.procedure,
        startedOn: at.today,
        expectedWorkingDays: command.expectedWorkingDays,
        reason: command.reason,
      },
    ] as const
  })

const endSpecialProcedure = (command: EndSpecialProcedure, state: State, at: At): Decision =>
  Result.gen(function* () {
    yield* requireText("outcome", command.outcome)
    yield* clockOk(Clock.resume(state.clock!, at.today))
    const open = state.specialProcedures[state.specialProcedures.length - 1]!
    return [
      {
        _tag: "SpecialProcedureEnded",
        caseNo: state.caseNo,
        procedure: open.procedure,
        endedOn: at.today,
        outcome: command.outcome,
      },
    ] as const
  })

const extendTimeLimit = (command: ExtendTimeLimit, state: State, at: At): Decision =>
  Result.gen(function* () {
    const terms = pinned(state)
    const clock = state.clock!
    if (!terms.extensionAllowed)
      return yield* reject({ _tag: "ExtensionNotAllowed", implementationCode: terms.implementationCode })
    if (clock.extension !== undefined) {
      return yield* reject({
        _tag: "AlreadyExtended",
        workingDays: clock.extension.workingDays,
        approver: clock.extension.approver,
      })
    }
    yield* requireText("reason", command.reason)
    yield* requireText("noticeToApplicant", command.noticeToApplicant)
    const statutoryDueOn = yield* covered(Clock.statutoryDueDate(at.settings.calendar, clock))
    if (statutoryDueOn !== undefined && at.today > statutoryDueOn) {
      return yield* reject({ _tag: "ExtensionTooLate", statutoryDueOn, on: at.today })
    }
    return [
      {
        _tag: "TimeLimitExtended",
        caseNo: state.caseNo,
        extendedOn: at.today,
        workingDays: extensionWorkingDays,
        approver: at.actor.id,
        reason: command.reason,
        noticeToApplicant: command.noticeToApplicant,
        applicantInformedOn: at.today,
      },
    ] as const
  })

const supplementDeferredMaterials = (command: SupplementDeferredMaterials, state: State, at: At): Decision =>
  Result.gen(function* () {
    const outstanding = outstandingDeferred(state)
    if (outstanding.length === 0) return yield* reject({ _tag: "NoDeferredMaterialsOutstanding", caseNo: state.caseNo })
    if (command.materials.length === 0) return []
    yield* checkMaterials(pinned(state), command.materials)
    const codes = command.materials.map((m) => m.code)
    const notDeferred = codes.filter((code) => !outstanding.includes(code))
    if (notDeferred.length > 0) return yield* reject({ _tag: "NotDeferred", codes: notDeferred })
    const supplementBy = state.deferral!.notice.supplementBy
    if (state.phase !== "suspended" && at.today > supplementBy) {
      return yield* reject({ _tag: "SupplementDeadlinePassed", supplementBy, on: at.today })
    }
    const remaining = outstanding.filter((code) => !codes.includes(code))
    const supplied: Event = {
      _tag: "DeferredMaterialsSupplied",
      caseNo: state.caseNo,
      suppliedOn: at.today,
      materials: command.materials,
      outstanding: remaining,
    }
    if (state.phase !== "suspended" || remaining.length > 0) return [supplied]
    if (state.suspension?.from === "underReview") yield* clockOk(Clock.resume(state.clock!, at.today))
    return [supplied, { _tag: "ApplicationResumed", caseNo: state.caseNo, resumedOn: at.today }] as const
  })

const missSupplementDeadline = (state: State, at: At): Decision =>
  Result.gen(function* () {
    const outstanding = outstandingDeferred(state)
    if (outstanding.length === 0) return yield* reject({ _tag: "NoDeferredMaterialsOutstanding", caseNo: state.caseNo })
    const notice = state.deferral!.notice
    if (at.today <= notice.supplementBy) {
      return yield* reject({
        _tag: "TooEarly",
        command: "MissSupplementDeadline",
        earliestOn: CalendarDate.addDays(notice.supplementBy, 1),
        on: at.today,
      })
    }
    if (notice.consequence === "terminate") {
      return [
        {
          _tag: "ApplicationTerminated",
          caseNo: state.caseNo,
          terminatedOn: at.today,
          supplementBy: notice.supplementBy,
          outstanding,
        },
      ] as const
    }
    if (state.phase === "underReview") yield* clockOk(Clock.pause(state.clock!, at.today, suspensionPauseReason))
    return [
      {
        _tag: "ApplicationSuspended",
        caseNo: state.caseNo,
        suspendedOn: at.today,
        supplementBy: notice.supplementBy,
        outstanding,
      },
    ] as const
  })

const grantApplication = (command: GrantApplication, state: State, at: At): Decision =>
  Result.gen(function* () {
    if (!resultMayBeIssued(state)) {
      return yield* reject({ _tag: "DeferredMaterialsOutstanding", codes: outstandingDeferred(state) })
    }
    const licence = state.commitment?.businessLicence
    if (licence?.variant === "willMeetBy" && state.commitment?.proof === null && at.today > licence.meetBy) {
      return yield* reject({ _tag: "ComplianceDeadlinePassed", meetBy: licence.meetBy, on: at.today })
    }
    yield* checkOvertime(at, state, command.overtimeExplanation)
    return yield* grantEvents(at, state, state.commitment?.verification, command.overtimeExplanation)
  })

const denyApplication = (command: DenyApplication, state: State, at: At): Decision =>
  Result.gen(function* () {
    yield* requireText("reasons", command.reasons)
    yield* checkRemedies(command.remedies, "remedies.")
    yield* checkOvertime(at, state, command.overtimeExplanation)
    return [
      {
        _tag: "ApplicationDenied",
        caseNo: state.caseNo,
        decidedOn: at.today,
        approver: at.actor.id,
        reasons: command.reasons,
        remedies: command.remedies,
        ...explanation("overtimeExplanation", command.overtimeExplanation),
      },
    ] as const
  })

const issueCertificate = (command: IssueCertificate, state: State, at: At): Decision =>
  Result.gen(function* () {
    if (!resultMayBeIssued(state)) {
      return yield* reject({ _tag: "DeferredMaterialsOutstanding", codes: outstandingDeferred(state) })
    }
    yield* requireText("certificateNo", command.certificateNo)
    const dueOn = yield* addWorkingDays(at, state.decision!.decidedOn, certificateWorkingDays)
    if (at.today > dueOn && isBlank(command.lateExplanation)) {
      return yield* reject({ _tag: "OvertimeExplanationRequired", dueOn, on: at.today })
    }
    return [
      {
        _tag: "CertificateIssued",
        caseNo: state.caseNo,
        issuedOn: at.today,
        certificateNo: command.certificateNo,
        ...(command.electronicLicence === undefined ? {} : { electronicLicence: command.electronicLicence }),
        ...explanation("lateExplanation", command.lateExplanation),
      },
    ] as const
  })

const withdrawApplication = (command: WithdrawApplication, state: State, at: At): Decision =>
  emit({ _tag: "ApplicationWithdrawn", caseNo: state.caseNo, withdrawnOn: at.today, reason: command.reason })

const rescindGrant = (command: RescindGrant, state: State, at: At): Decision =>
  Result.gen(function* () {
    yield* requireText("legalBasis", command.legalBasis)
    yield* requireText("reasons", command.reasons)
    return [
      {
        _tag: "GrantRescinded",
        caseNo: state.caseNo,
        rescindedOn: at.today,
        legalBasis: command.legalBasis,
        reasons: command.reasons,
        approver: at.actor.id,
      },
    ] as const
  })

const recordFraudFinding = (command: RecordFraudFinding, state: State, at: At): Decision =>
  Result.gen(function* () {
    const earlier = state.fraudFinding
    if (earlier !== null)
      return yield* reject({ _tag: "FraudAlreadyFound", foundOn: earlier.foundOn, article: earlier.article })
    yield* requireText("findings", command.findings)
    const terms = pinned(state)
    const article = state.decision?._tag === "Granted" ? "ALL Art 79" : "ALL Art 78"
    const barred = concernsSafetyHealthProperty(terms)
    const kind = article === "ALL Art 79" && barred ? "fraudInSafetyHealthProperty" : "falseMaterials"
    const source = { _tag: "Application" as const, caseNo: state.caseNo, matterCode: terms.implementationCode }
    return [
      {
        _tag: "FraudFound",
        caseNo: state.caseNo,
        foundOn: at.today,
        article,
        subject: creditSubjectOf(state.applicant!),
        source,
        baseCode: terms.baseCode,
        entryId: entryIdFor(source, kind),
        kind,
        ...(barred ? { barId: barIdFor(source, article) } : {}),
        recordedBy: at.actor.id,
        findings: command.findings,
      },
    ] as const
  })

/**
 * The `decide` function of the aggregate.
 *
 * @category models
 * @since 0.1.0
 */
export type Decide = (
  command: Command,
  state: State,
  context: CommandContext<Facts>,
) => Result.Result<ReadonlyArray<Event>, Rejection>

/**
 * Makes `decide` for a calendar. Checks, in order: the actor's role ({@link requiredRoles}), that
 * `context.now` is an instant, that the command names this case, that the transition table allows
 * the command in the case's phase, that the command is not dated before the case's last recorded
 * date, then the command's own rules.
 *
 * @category constructors
 * @since 0.1.0
 */
export const makeDecide =
  (settings: Settings): Decide =>
  (command: Command, state: State, context: CommandContext<Facts>): Decision => {
    const required = requiredRoles[command._tag]
    if (!hasAnyRole(context.actor, required)) {
      return reject({ _tag: "NotAuthorized", command: command._tag, actorId: context.actor.id, required })
    }
    const day = today(context)
    if (Result.isFailure(day)) return reject(day.failure)
    if (state.phase !== "new" && command.caseNo !== state.caseNo) {
      return reject({ _tag: "WrongCase", expected: state.caseNo, received: command.caseNo })
    }
    if (!isAllowedIn(command._tag, state.phase)) {
      return isClosed(state.phase)
        ? reject({
            _tag: "ApplicationClosed",
            caseNo: state.caseNo,
            phase: state.phase,
            allowed: commandsAllowedIn(state.phase),
          })
        : reject({
            _tag: "NotAllowedInPhase",
            command: command._tag,
            phase: state.phase,
            allowedIn: phasesAllowing(command._tag),
          })
    }
    if (state.lastRecordedOn !== null && day.success < state.lastRecordedOn) {
      return reject({ _tag: "DateOutOfOrder", on: day.success, lastRecordedOn: state.lastRecordedOn })
    }
    const at: At = { today: day.success, actor: context.actor, facts: context.facts ?? {}, settings }
    switch (command._tag) {
      case "DraftApplication":
        return draftApplication(command, at)
      case "SubmitApplication":
        return submitApplication(command, state, at)
      case "RequestCorrection":
        return requestCorrection(command, state, at)
      case "ResubmitMaterials":
        return resubmitMaterials(command, state, at)
      case "AcceptApplication":
        return acceptApplication(command, state, at)
      case "AcceptTolerantly":
        return acceptTolerantly(command, state, at)
      case "DeemAccepted":
        return deemAccepted(state, at)
      case "DeclineAcceptance":
        return declineAcceptance(command, state, at)
      case "DecideOnTheSpot":
        return decideOnTheSpot(command, state, at)
      case "RecordReviewStep":
        return recordReviewStep(command, state, at)
      case "StartSpecialProcedure":
        return startSpecialProcedure(command, state, at)
      case "EndSpecialProcedure":
        return endSpecialProcedure(command, state, at)
      case "ExtendTimeLimit":
        return extendTimeLimit(command, state, at)
      case "SupplementDeferredMaterials":
        return supplementDeferredMaterials(command, state, at)
      case "MissSupplementDeadline":
        return missSupplementDeadline(state, at)
      case "GrantApplication":
        return grantApplication(command, state, at)
      case "DenyApplication":
        return denyApplication(command, state, at)
      case "IssueCertificate":
        return issueCertificate(command, state, at)
      case "WithdrawApplication":
        return withdrawApplication(command, state, at)
      case "RescindGrant":
        return rescindGrant(command, state, at)
      case "AcceptOnCommitment":
        return acceptOnCommitment(command, state, at)
      case "SubmitComplianceProof":
        return submitComplianceProof(command, state, at)
      case "MissComplianceDeadline":
        return missComplianceDeadline(state, at)
      case "RecordVerification":
        return recordVerification(command, state, at)
      case "RecordFraudFinding":
        return recordFraudFinding(command, state, at)
      case "CorrectOnTheSpot":
        return correctOnTheSpot(command, state, at)
    }
  }
