/**
 * @internal `decide` for the notify-and-commit (告知承诺) commands of the `Application` aggregate:
 * acceptance on commitment, the compliance proof and its deadline, verification; and the grant's
 * verification schedule, which `GrantApplication` shares.
 *
 * @since 0.1.0
 */
import * as Result from "effect/Result"
import * as CalendarDate from "../CalendarDate.ts"
import type { CreditStanding } from "../CreditRecord/Standing.ts"
import { type ApplicationSource, entryIdFor } from "../CreditRecord/State.ts"
import {
  type CommitmentSettings,
  type CommitmentVerification,
  isImmediate,
  offersCommitment,
  type PublishedMatter,
} from "../PublishedMatter.ts"
import * as WorkCalendar from "../WorkCalendar.ts"
import type { AcceptOnCommitment, RecordVerification, SubmitComplianceProof } from "./Commands.ts"
import {
  complianceProofDueBy,
  creditKindFor,
  creditStandingProblem,
  creditSubjectOf,
  falseCommitmentLegalBasis,
  notRectifiedLegalBasis,
  reapplicationBar,
  reapplicationBarsProblem,
} from "./commitment.ts"
import {
  type At,
  acceptanceDate,
  addWorkingDays,
  type Checked,
  type Decision,
  explanation,
  isBlank,
  ok,
  pinned,
  reject,
  requireText,
  startClock,
} from "./decideCommon.ts"
import type { Event } from "./Events.ts"
import { commitmentConfirmed } from "./evolve.ts"
import { codesOnFile, missingMandatory } from "./invariants.ts"
import type { Applicant, BusinessLicenceCommitment, CommitmentConfirmation, CommitmentLetter, State } from "./State.ts"

// ---------------------------------------------------------------------------------------------
// Notify-and-commit checks
// ---------------------------------------------------------------------------------------------

/** @internal The credit standing from the facts, usable for this applicant today. */
export const usableStanding = (at: At, applicant: Applicant): Checked<CreditStanding> => {
  const problem = creditStandingProblem(at.facts.creditStanding, applicant, at.today)
  return problem === undefined ? Result.succeed(at.facts.creditStanding!) : reject(problem)
}

/**
 * @internal ALL Art 78, 79: no new application for a licence while a statutory bar on its base
 * code is in effect — read by the runtime (`facts.reapplicationBars`). Credit entries play no part.
 */
export const checkReapplication = (at: At, applicant: Applicant, terms: PublishedMatter): Checked<void> => {
  const fact = at.facts.reapplicationBars
  if (fact === undefined) return ok
  const problem = reapplicationBarsProblem(fact, applicant, terms.baseCode, at.today)
  if (problem !== undefined) return reject(problem)
  const bar = reapplicationBar(fact, at.today)
  if (bar === undefined) return ok
  const years = bar.article === "ALL Art 78" ? "one year" : "three years"
  return reject({
    _tag: "ReapplicationBarred",
    baseCode: terms.baseCode,
    article: bar.article,
    barId: bar.id,
    barredUntil: bar.endsOn,
    message: `the applicant may not apply for the licence ${terms.baseCode} again until ${bar.endsOn} (${bar.article}: ${years} from the finding of ${bar.effectiveOn}, bar ${bar.id}); credit repair does not lift it, and neither the ordinary procedure nor commitment is open`,
  })
}

/** A barred applicant may not use commitment; the ordinary procedure stays open. */
const checkNotBarred = (standing: CreditStanding): Checked<void> =>
  standing.barredFromCommitment
    ? reject({
        _tag: "ApplicantBarredFromCommitment",
        reasons: standing.reasons.map((r) => ({ entryId: r.entryId, kind: r.kind, expiresOn: r.expiresOn })),
        ordinaryProcedureOpen: true,
        message:
          "the applicant's credit record bars notify-and-commit until its entries expire or are repaired; the ordinary procedure with the proofs the matter requires stays open",
      })
    : ok

const confirmationNames: ReadonlyArray<CommitmentConfirmation> = [
  "knowsNotice",
  "meetsConditions",
  "informationTrue",
  "acceptsVerificationAndLiability",
]

/** The letter: a named signer, an agent with an authorisation that covers the commitment, every confirmation, a text. */
const checkLetter = (letter: CommitmentLetter): Checked<void> =>
  Result.gen(function* () {
    yield* requireText("letter.signer.name", letter.signer.name)
    if (letter.signer._tag === "Agent") {
      const authorisation = letter.signer.authorisation
      if (authorisation === undefined || !authorisation.coversCommitment || isBlank(authorisation.documentRef)) {
        return yield* reject({ _tag: "AgentAuthorisationRequired", agent: letter.signer.name })
      }
    }
    const missing = confirmationNames.filter((name) => !letter.confirmations[name])
    if (missing.length > 0) return yield* reject({ _tag: "CommitmentLetterIncomplete", missing })
    yield* requireText("letter.statement", letter.statement)
  })

/** The business-licence variant: one the matter offers, required when it offers any; a `meetBy` ahead. */
const checkBusinessLicence = (
  settings: CommitmentSettings,
  chosen: BusinessLicenceCommitment | undefined,
  at: At,
): Checked<void> => {
  const offered = settings.businessLicenceVariants
  if (chosen === undefined) {
    return offered.length > 0 ? reject({ _tag: "BusinessLicenceVariantRequired", offered }) : ok
  }
  if (!offered.includes(chosen.variant)) {
    return reject({ _tag: "BusinessLicenceVariantNotOffered", variant: chosen.variant, offered })
  }
  if (chosen.variant === "willMeetBy" && chosen.meetBy <= at.today) {
    return reject({ _tag: "DateNotInFuture", field: "meetBy", date: chosen.meetBy, on: at.today })
  }
  return ok
}

/** @internal ALL Art 78: no grant once concealment or false materials were found in this application. */
export const checkNoFalseMaterialsFinding = (state: State): Checked<void> =>
  state.fraudFinding?.article === "ALL Art 78"
    ? reject({ _tag: "FraudFindingOnRecord", foundOn: state.fraudFinding.foundOn, article: state.fraudFinding.article })
    : ok

/**
 * The grant, and for a commitment whose matter requires verification, the verification it
 * schedules (unless a verification before the decision already confirmed the commitment).
 */
export const grantEvents = (
  at: At,
  state: State,
  verification: CommitmentVerification | undefined,
  overtimeExplanation: string | undefined,
): Checked<ReadonlyArray<Event>> =>
  Result.gen(function* () {
    yield* checkNoFalseMaterialsFinding(state)
    const granted: Event = {
      _tag: "ApplicationGranted",
      caseNo: state.caseNo,
      decidedOn: at.today,
      approver: at.actor.id,
      ...explanation("overtimeExplanation", overtimeExplanation),
    }
    if (verification?._tag !== "Required" || commitmentConfirmed(state)) return [granted]
    const dueOn = yield* addWorkingDays(at, at.today, verification.periodWorkingDays)
    return [
      granted,
      {
        _tag: "VerificationScheduled",
        caseNo: state.caseNo,
        scheduledOn: at.today,
        dueOn,
        ...(WorkCalendar.isProvisional(at.settings.calendar, at.today, dueOn) ? { provisional: true as const } : {}),
        methods: verification.methods,
      },
    ]
  })

/** @internal `AcceptOnCommitment`: the rules in the order docs/commitment.md lists them. */
export const acceptOnCommitment = (command: AcceptOnCommitment, state: State, at: At): Decision =>
  Result.gen(function* () {
    const terms = pinned(state)
    const settings = terms.commitment
    if (settings === undefined || !offersCommitment(terms)) {
      return yield* reject({ _tag: "CommitmentNotOffered", implementationCode: terms.implementationCode })
    }
    if (settings.barredCategories.length > 0 || terms.concernsSafetyHealthProperty === true) {
      return yield* reject({
        _tag: "CommitmentBarredForMatter",
        implementationCode: terms.implementationCode,
        categories:
          settings.barredCategories.length > 0
            ? settings.barredCategories
            : ["publicSafety", "personalHealth", "lifeAndPropertySafety"],
      })
    }
    if (isImmediate(terms) && !command.grantOnTheSpot) {
      return yield* reject({ _tag: "ImmediateMatter", implementationCode: terms.implementationCode })
    }
    const standing = yield* usableStanding(at, state.applicant!)
    yield* checkNotBarred(standing)
    yield* checkLetter(command.letter)
    yield* checkBusinessLicence(settings, command.businessLicence, at)
    const missing = missingMandatory(terms, codesOnFile(state)).filter(
      (code) => !settings.replacedMaterialCodes.includes(code),
    )
    if (missing.length > 0) return yield* reject({ _tag: "MandatoryMaterialsMissing", codes: missing })
    const outstanding = state.toCorrect.filter((code) => !settings.replacedMaterialCodes.includes(code))
    if (outstanding.length > 0) return yield* reject({ _tag: "CorrectionOutstanding", codes: outstanding })
    // Under a correction notice whose remaining items the commitment replaces, the file is complete today.
    const { on, basis } =
      state.phase === "correctionRequested"
        ? { on: at.today, basis: "afterCorrection" as const }
        : yield* acceptanceDate(state, at)
    const started = yield* startClock(at, terms, on)
    if (command.grantOnTheSpot && at.today > started.promisedDueOn && isBlank(command.overtimeExplanation)) {
      return yield* reject({ _tag: "OvertimeExplanationRequired", dueOn: started.promisedDueOn, on: at.today })
    }
    const accepted: Event = {
      _tag: "ApplicationAcceptedOnCommitment",
      caseNo: state.caseNo,
      acceptedOn: on,
      recordedOn: at.today,
      basis: command.grantOnTheSpot && basis === "onReceipt" ? "onTheSpot" : basis,
      ...started,
      notice: settings.notice!,
      replacedMaterialCodes: settings.replacedMaterialCodes,
      replacedConditions: settings.replacedConditions,
      verification: settings.verification,
      letter: command.letter,
      ...(command.businessLicence === undefined ? {} : { businessLicence: command.businessLicence }),
      creditStanding: standing,
    }
    if (!command.grantOnTheSpot) return [accepted]
    return [accepted, ...(yield* grantEvents(at, state, settings.verification, command.overtimeExplanation))]
  })

/** The "will meet by" commitment whose proof is still due, if any. */
const proofDue = (state: State): { readonly meetBy: CalendarDate.CalendarDate } | undefined => {
  const meetBy = complianceProofDueBy(state)
  return meetBy === undefined ? undefined : { meetBy }
}

/** @internal `SubmitComplianceProof`: a proof due, by its date, with a description. */
export const submitComplianceProof = (command: SubmitComplianceProof, state: State, at: At): Decision =>
  Result.gen(function* () {
    const due = proofDue(state)
    if (due === undefined) return yield* reject({ _tag: "ComplianceProofNotDue", caseNo: state.caseNo })
    if (at.today > due.meetBy) {
      return yield* reject({ _tag: "ComplianceDeadlinePassed", meetBy: due.meetBy, on: at.today })
    }
    yield* requireText("description", command.description)
    return [
      {
        _tag: "ComplianceProofSubmitted",
        caseNo: state.caseNo,
        submittedOn: at.today,
        meetBy: due.meetBy,
        description: command.description,
      },
    ] as const
  })

/** @internal `MissComplianceDeadline`: the timer, once the committed date has passed without proof. */
export const missComplianceDeadline = (state: State, at: At): Decision =>
  Result.gen(function* () {
    const due = proofDue(state)
    if (due === undefined) return yield* reject({ _tag: "ComplianceProofNotDue", caseNo: state.caseNo })
    if (at.today <= due.meetBy) {
      return yield* reject({
        _tag: "TooEarly",
        command: "MissComplianceDeadline",
        earliestOn: CalendarDate.addDays(due.meetBy, 1),
        on: at.today,
      })
    }
    return [{ _tag: "ComplianceDeadlineMissed", caseNo: state.caseNo, missedOn: at.today, meetBy: due.meetBy }] as const
  })

/** @internal `RecordVerification`: the outcome, its rules and its consequences. */
export const recordVerification = (command: RecordVerification, state: State, at: At): Decision =>
  Result.gen(function* () {
    const commitment = state.commitment
    if (commitment === null) return yield* reject({ _tag: "NotACommitmentCase", caseNo: state.caseNo })
    const terms = pinned(state)
    const verification = commitment.verification
    if (verification._tag === "Exempt") {
      return yield* reject({
        _tag: "VerificationExempt",
        implementationCode: terms.implementationCode,
        reason: verification.reason,
      })
    }
    const confirmed = commitment.verifications.find((v) => v.outcome._tag === "Confirmed")
    if (confirmed !== undefined) {
      return yield* reject({ _tag: "CommitmentAlreadyVerified", verifiedOn: confirmed.verifiedOn })
    }
    if (!verification.methods.includes(command.method)) {
      return yield* reject({
        _tag: "VerificationMethodNotAllowed",
        method: command.method,
        allowed: verification.methods,
      })
    }
    const outcome = command.outcome
    yield* requireText("outcome.findings", outcome.findings)
    const dueOn = commitment.verificationDueOn
    if (dueOn !== null && at.today > dueOn && isBlank(command.lateExplanation)) {
      return yield* reject({ _tag: "OvertimeExplanationRequired", dueOn, on: at.today })
    }
    const decided = state.decision?._tag === "Granted"
    switch (outcome._tag) {
      case "Confirmed": {
        const due = proofDue(state)
        if (due !== undefined) return yield* reject({ _tag: "ComplianceProofOutstanding", meetBy: due.meetBy })
        break
      }
      case "ConditionsNotMet":
        if (!decided) return yield* reject({ _tag: "NotYetGranted", caseNo: state.caseNo })
        if (commitment.rectification !== null) {
          return yield* reject({ _tag: "RectificationAlreadyOrdered", rectifyBy: commitment.rectification.rectifyBy })
        }
        if (outcome.rectifyBy <= at.today) {
          return yield* reject({ _tag: "DateNotInFuture", field: "rectifyBy", date: outcome.rectifyBy, on: at.today })
        }
        break
      case "NotRectified":
        if (!decided) return yield* reject({ _tag: "NotYetGranted", caseNo: state.caseNo })
        if (commitment.rectification === null) {
          return yield* reject({ _tag: "NoRectificationOrdered", caseNo: state.caseNo })
        }
        if (at.today <= commitment.rectification.rectifyBy) {
          return yield* reject({
            _tag: "TooEarly",
            command: "RecordVerification",
            earliestOn: CalendarDate.addDays(commitment.rectification.rectifyBy, 1),
            on: at.today,
          })
        }
        break
      case "FalseCommitment":
        break
    }
    const verified: Event = {
      _tag: "CommitmentVerified",
      caseNo: state.caseNo,
      verifiedOn: at.today,
      verifier: at.actor.id,
      method: command.method,
      outcome,
      ...explanation("lateExplanation", command.lateExplanation),
    }
    const rescinded = (legalBasis: string): Event => ({
      _tag: "GrantRescinded",
      caseNo: state.caseNo,
      rescindedOn: at.today,
      legalBasis,
      reasons: outcome.findings,
      approver: at.actor.id,
    })
    switch (outcome._tag) {
      case "Confirmed":
      case "ConditionsNotMet":
        return [verified]
      case "NotRectified":
        return [verified, rescinded(notRectifiedLegalBasis)]
      case "FalseCommitment": {
        const kind = creditKindFor(terms)
        const source: typeof ApplicationSource.Type = {
          _tag: "Application",
          caseNo: state.caseNo,
          matterCode: terms.implementationCode,
        }
        const found: Event = {
          _tag: "FalseCommitmentFound",
          caseNo: state.caseNo,
          foundOn: at.today,
          subject: creditSubjectOf(state.applicant!),
          kind,
          source,
          entryId: entryIdFor(source, kind),
          findings: outcome.findings,
        }
        const closed: Event = decided
          ? rescinded(falseCommitmentLegalBasis)
          : {
              _tag: "ApplicationTerminatedForFalseCommitment",
              caseNo: state.caseNo,
              terminatedOn: at.today,
              findings: outcome.findings,
            }
        return [verified, found, closed]
      }
    }
  })
