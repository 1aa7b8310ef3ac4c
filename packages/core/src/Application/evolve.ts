/**
 * `evolve` for the `Application` aggregate: the only place the state changes.
 *
 * @since 0.1.0
 */
import * as Result from "effect/Result"
import { castDraft, produce } from "immer"
import type * as CalendarDate from "../CalendarDate.ts"
import * as Clock from "../Clock.ts"
import type { Event } from "./Events.ts"
import type { State, SubmittedMaterial } from "./State.ts"

/** @internal The reason recorded on the clock's pause while a case is suspended. */
export const suspensionPauseReason = "suspended: deferred materials not supplied by the deadline"

/** @internal The date an event happened on (for an acceptance, the day it was recorded). */
export const eventDate = (event: Event): CalendarDate.CalendarDate => {
  switch (event._tag) {
    case "ApplicationDrafted":
      return event.draftedOn
    case "ApplicationSubmitted":
      return event.receivedOn
    case "CorrectionRequested":
      return event.requestedOn
    case "MaterialsResubmitted":
      return event.resubmittedOn
    case "ApplicationAccepted":
    case "ApplicationAcceptedTolerantly":
      return event.recordedOn
    case "AcceptanceDeclined":
      return event.declinedOn
    case "ReviewStepRecorded":
      return event.recordedOn
    case "SpecialProcedureStarted":
      return event.startedOn
    case "SpecialProcedureEnded":
      return event.endedOn
    case "TimeLimitExtended":
      return event.extendedOn
    case "DeferredMaterialsSupplied":
      return event.suppliedOn
    case "ApplicationSuspended":
      return event.suspendedOn
    case "ApplicationResumed":
      return event.resumedOn
    case "ApplicationTerminated":
      return event.terminatedOn
    case "ApplicationGranted":
    case "ApplicationDenied":
      return event.decidedOn
    case "CertificateIssued":
      return event.issuedOn
    case "ApplicationWithdrawn":
      return event.withdrawnOn
    case "GrantRescinded":
      return event.rescindedOn
    case "ApplicationAcceptedOnCommitment":
      return event.recordedOn
    case "VerificationScheduled":
      return event.scheduledOn
    case "ComplianceProofSubmitted":
      return event.submittedOn
    case "ComplianceDeadlineMissed":
      return event.missedOn
    case "CommitmentVerified":
      return event.verifiedOn
    case "FalseCommitmentFound":
      return event.foundOn
    case "ApplicationTerminatedForFalseCommitment":
      return event.terminatedOn
    case "FraudFound":
      return event.foundOn
    case "CorrectedOnTheSpot":
      return event.correctedOn
  }
}

/** The materials on file after adding `added`: a material supplied again replaces the earlier one. */
const merge = (
  onFile: ReadonlyArray<SubmittedMaterial>,
  added: ReadonlyArray<SubmittedMaterial>,
): Array<SubmittedMaterial> => {
  const codes = added.map((m) => m.code)
  return [...onFile.filter((m) => !codes.includes(m.code)), ...added]
}

const orKeep = (clock: Clock.Clock, changed: Result.Result<Clock.Clock, unknown>): Clock.Clock =>
  Result.isSuccess(changed) ? changed.success : clock

/**
 * Applies one event to a case's state.
 *
 * @category combinators
 * @since 0.1.0
 */
export const evolve = (state: State, event: Event): State =>
  produce(state, (draft) => {
    const on = eventDate(event)
    if (draft.lastRecordedOn === null || on > draft.lastRecordedOn) draft.lastRecordedOn = on
    switch (event._tag) {
      case "ApplicationDrafted":
        draft.caseNo = event.caseNo
        draft.applicant = castDraft(event.applicant)
        draft.matterCode = event.matterCode
        draft.phase = "draft"
        return
      case "ApplicationSubmitted":
        draft.caseNo = event.caseNo
        draft.applicant = castDraft(event.applicant)
        draft.matterCode = event.matter.implementationCode
        draft.matter = castDraft(event.matter)
        if (event.authority !== undefined) draft.authority = castDraft(event.authority)
        if (event.bundleTolerance !== undefined) draft.bundleTolerance = castDraft(event.bundleTolerance)
        draft.receivedOn = event.receivedOn
        draft.materials = castDraft(merge([], event.materials))
        draft.submittedCodes = event.materials.map((m) => m.code)
        draft.phase = "submitted"
        return
      case "CorrectionRequested":
        draft.corrections.push(castDraft({ requestedOn: event.requestedOn, items: event.items }))
        draft.toCorrect = event.items.map((item) => item.code)
        draft.completedOn = null
        draft.phase = "correctionRequested"
        return
      case "MaterialsResubmitted":
        draft.materials = castDraft(merge(state.materials, event.materials))
        draft.toCorrect = [...event.stillToCorrect]
        if (event.stillToCorrect.length === 0) {
          draft.completedOn = event.resubmittedOn
          draft.phase = "corrected"
        }
        return
      case "ApplicationAccepted":
      case "ApplicationAcceptedTolerantly":
        draft.acceptance = {
          acceptedOn: event.acceptedOn,
          recordedOn: event.recordedOn,
          basis: event.basis,
          mode: event._tag === "ApplicationAccepted" ? "ordinary" : "tolerant",
          promisedDueOn: event.promisedDueOn,
          statutoryDueOn: event.statutoryDueOn,
          ...(event.provisional === true ? { provisional: true } : {}),
        }
        draft.clock = castDraft(event.clock)
        if (event._tag === "ApplicationAcceptedTolerantly") {
          draft.deferral = castDraft({
            notice: event.notice,
            commitment: event.commitment,
            outstanding: event.notice.items.map((item) => item.code),
          })
        }
        draft.phase = "underReview"
        return
      case "AcceptanceDeclined":
        draft.closure = castDraft({
          _tag: "Declined" as const,
          on: event.declinedOn,
          ground: event.ground,
          reasons: event.reasons,
          ...(event.referral === undefined ? {} : { referral: event.referral }),
        })
        draft.phase = "acceptanceDeclined"
        return
      case "ReviewStepRecorded":
        draft.reviewSteps.push({
          step: event.step,
          recordedOn: event.recordedOn,
          reviewer: event.reviewer,
          opinion: event.opinion,
        })
        return
      case "SpecialProcedureStarted":
        draft.specialProcedures.push({
          procedure: event.procedure,
          startedOn: event.startedOn,
          expectedWorkingDays: event.expectedWorkingDays,
          reason: event.reason,
        })
        if (state.clock !== null) {
          draft.clock = castDraft(orKeep(state.clock, Clock.pause(state.clock, event.startedOn, event.procedure)))
        }
        draft.phase = "specialProcedure"
        return
      case "SpecialProcedureEnded": {
        const open = draft.specialProcedures[draft.specialProcedures.length - 1]
        if (open !== undefined) open.endedOn = event.endedOn
        if (state.clock !== null) draft.clock = castDraft(orKeep(state.clock, Clock.resume(state.clock, event.endedOn)))
        draft.phase = "underReview"
        return
      }
      case "TimeLimitExtended":
        if (state.clock !== null) {
          draft.clock = castDraft(
            orKeep(
              state.clock,
              Clock.extend(state.clock, event.workingDays, { approver: event.approver, reason: event.reason }),
            ),
          )
        }
        return
      case "DeferredMaterialsSupplied":
        draft.materials = castDraft(merge(state.materials, event.materials))
        if (draft.deferral !== null) draft.deferral.outstanding = [...event.outstanding]
        return
      case "ApplicationSuspended": {
        const from = state.phase === "specialProcedure" ? "specialProcedure" : "underReview"
        draft.suspension = { suspendedOn: event.suspendedOn, from }
        if (from === "underReview" && state.clock !== null) {
          draft.clock = castDraft(
            orKeep(state.clock, Clock.pause(state.clock, event.suspendedOn, suspensionPauseReason)),
          )
        }
        draft.phase = "suspended"
        return
      }
      case "ApplicationResumed": {
        const from = state.suspension?.from ?? "underReview"
        if (from === "underReview" && state.clock !== null) {
          draft.clock = castDraft(orKeep(state.clock, Clock.resume(state.clock, event.resumedOn)))
        }
        draft.suspension = null
        draft.phase = from
        return
      }
      case "ApplicationTerminated":
        draft.closure = castDraft({
          _tag: "Terminated" as const,
          on: event.terminatedOn,
          outstanding: event.outstanding,
        })
        draft.phase = "terminated"
        return
      case "ApplicationGranted":
        draft.decision = castDraft({
          _tag: "Granted" as const,
          decidedOn: event.decidedOn,
          approver: event.approver,
          ...(event.overtimeExplanation === undefined ? {} : { overtimeExplanation: event.overtimeExplanation }),
        })
        draft.phase = "granted"
        return
      case "ApplicationDenied":
        draft.decision = castDraft({
          _tag: "Denied" as const,
          decidedOn: event.decidedOn,
          approver: event.approver,
          reasons: event.reasons,
          remedies: event.remedies,
          ...(event.overtimeExplanation === undefined ? {} : { overtimeExplanation: event.overtimeExplanation }),
        })
        draft.phase = "denied"
        return
      case "CertificateIssued":
        draft.certificate = castDraft({
          certificateNo: event.certificateNo,
          issuedOn: event.issuedOn,
          ...(event.electronicLicence === undefined ? {} : { electronicLicence: event.electronicLicence }),
          ...(event.lateExplanation === undefined ? {} : { lateExplanation: event.lateExplanation }),
        })
        draft.phase = commitmentConfirmed(state) ? "verified" : "concluded"
        return
      case "ApplicationWithdrawn":
        draft.closure = { _tag: "Withdrawn", on: event.withdrawnOn, reason: event.reason }
        draft.phase = "withdrawn"
        return
      case "GrantRescinded":
        draft.closure = {
          _tag: "Rescinded",
          on: event.rescindedOn,
          legalBasis: event.legalBasis,
          reasons: event.reasons,
          approver: event.approver,
        }
        draft.phase = "rescinded"
        return
      case "ApplicationAcceptedOnCommitment":
        draft.acceptance = {
          acceptedOn: event.acceptedOn,
          recordedOn: event.recordedOn,
          basis: event.basis,
          mode: "commitment",
          promisedDueOn: event.promisedDueOn,
          statutoryDueOn: event.statutoryDueOn,
          ...(event.provisional === true ? { provisional: true } : {}),
        }
        draft.clock = castDraft(event.clock)
        draft.commitment = castDraft({
          notice: event.notice,
          replacedMaterialCodes: event.replacedMaterialCodes,
          replacedConditions: event.replacedConditions,
          verification: event.verification,
          letter: event.letter,
          businessLicence: event.businessLicence ?? null,
          creditStanding: event.creditStanding,
          proof: null,
          verificationDueOn: null,
          verifications: [],
          rectification: null,
          falseFinding: null,
        })
        draft.phase = "underReview"
        return
      case "VerificationScheduled":
        if (draft.commitment !== null) {
          draft.commitment.verificationDueOn = event.dueOn
          if (event.provisional === true) draft.commitment.verificationDueProvisional = true
          else delete draft.commitment.verificationDueProvisional
        }
        return
      case "ComplianceProofSubmitted":
        if (draft.commitment !== null) {
          draft.commitment.proof = { submittedOn: event.submittedOn, description: event.description }
        }
        return
      case "ComplianceDeadlineMissed":
        draft.closure = { _tag: "Lapsed", on: event.missedOn, meetBy: event.meetBy }
        draft.phase = "lapsed"
        return
      case "CommitmentVerified": {
        const commitment = draft.commitment
        if (commitment === null) return
        commitment.verifications.push(
          castDraft({
            verifiedOn: event.verifiedOn,
            verifier: event.verifier,
            method: event.method,
            outcome: event.outcome,
            ...(event.lateExplanation === undefined ? {} : { lateExplanation: event.lateExplanation }),
          }),
        )
        if (event.outcome._tag === "ConditionsNotMet") {
          commitment.rectification = {
            orderedOn: event.verifiedOn,
            rectifyBy: event.outcome.rectifyBy,
            findings: event.outcome.findings,
          }
        } else {
          commitment.rectification = null
        }
        if (event.outcome._tag === "Confirmed" && state.phase === "concluded") draft.phase = "verified"
        return
      }
      case "FalseCommitmentFound":
        if (draft.commitment !== null) {
          draft.commitment.falseFinding = { foundOn: event.foundOn, entryId: event.entryId, kind: event.kind }
        }
        return
      case "ApplicationTerminatedForFalseCommitment":
        draft.closure = { _tag: "TerminatedForFalseCommitment", on: event.terminatedOn, findings: event.findings }
        draft.phase = "terminated"
        return
      case "CorrectedOnTheSpot":
        for (const item of event.items) {
          draft.onTheSpotCorrections.push({ correctedOn: event.correctedOn, code: item.code, note: item.note })
        }
        return
      case "FraudFound":
        draft.fraudFinding = {
          foundOn: event.foundOn,
          article: event.article,
          entryId: event.entryId,
          kind: event.kind,
          ...(event.barId === undefined ? {} : { barId: event.barId }),
          findings: event.findings,
        }
        return
    }
  })

/** @internal True when the case's commitment was verified true. */
export const commitmentConfirmed = (state: State): boolean =>
  state.commitment?.verifications.some((v) => v.outcome._tag === "Confirmed") === true
