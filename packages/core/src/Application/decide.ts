/**
 * `decide` for the `Application` aggregate: one function per command, each returning the events
 * or the first rule the command would break. Every date is the working day of `context.now`
 * (`CalendarDate.ofInstant`); every working-day count comes from the calendar the decider was made
 * with.
 *
 * @since 0.1.0
 */
import { Result } from "effect"
import { type Actor, hasAnyRole } from "../Actor.ts"
import * as CalendarDate from "../CalendarDate.ts"
import * as Clock from "../Clock.ts"
import type { CreditStanding } from "../CreditRecord/Standing.ts"
import { type ApplicationSource, entryIdFor } from "../CreditRecord/State.ts"
import type { CommandContext } from "../Decider.ts"
import { elementRules } from "../Matter/invariants.ts"
import {
  type CommitmentSettings,
  type CommitmentVerification,
  isImmediate,
  type MatterElements,
  offersCommitment,
  offersTolerantAcceptance,
  type PublishedMatter,
} from "../PublishedMatter.ts"
import * as WorkCalendar from "../WorkCalendar.ts"
import {
  type AcceptApplication,
  type AcceptOnCommitment,
  type AcceptTolerantly,
  type Command,
  type DecideOnTheSpot,
  type DeclineAcceptance,
  type DenyApplication,
  type DraftApplication,
  type EndSpecialProcedure,
  type ExtendTimeLimit,
  type GrantApplication,
  type IssueCertificate,
  type RecordReviewStep,
  type RecordVerification,
  type RequestCorrection,
  type RescindGrant,
  type ResubmitMaterials,
  requiredRoles,
  type StartSpecialProcedure,
  type SubmitApplication,
  type SubmitComplianceProof,
  type SupplementDeferredMaterials,
  type WithdrawApplication,
} from "./Commands.ts"
import {
  creditKindFor,
  creditStandingProblem,
  creditSubjectOf,
  type Facts,
  falseCommitmentLegalBasis,
  notRectifiedLegalBasis,
  reapplicationBar,
} from "./commitment.ts"
import type { ApplicationAccepted, Event } from "./Events.ts"
import { commitmentConfirmed, suspensionPauseReason } from "./evolve.ts"
import { codesOnFile, isDeferrable, missingMandatory, outstandingDeferred, resultMayBeIssued } from "./invariants.ts"
import type { Rejection } from "./Rejections.ts"
import type {
  AcceptanceBasis,
  Applicant,
  BusinessLicenceCommitment,
  CommitmentConfirmation,
  CommitmentLetter,
  RemedyNotice,
  State,
  SubmittedMaterial,
} from "./State.ts"
import { commandsAllowedIn, isAllowedIn, isClosed, phasesAllowing } from "./transitions.ts"

type Decision = Result.Result<ReadonlyArray<Event>, Rejection>
type Checked<A> = Result.Result<A, Rejection>

/**
 * What a decider counts with: the working-day calendar and how many working days before the
 * promised date the yellow warning starts.
 *
 * @category models
 * @since 0.1.0
 */
export interface Settings {
  readonly calendar: WorkCalendar.WorkCalendar
  readonly yellowWarningDays: number
}

/**
 * The working days the law gives the authority to issue a correction notice (ALL Art 32).
 *
 * @category models
 * @since 0.1.0
 */
export const correctionNoticeWorkingDays = 5

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

interface At {
  readonly today: CalendarDate.CalendarDate
  readonly actor: Actor
  readonly facts: Facts
  readonly settings: Settings
}

const reject = (rejection: Rejection): Result.Result<never, Rejection> => Result.fail(rejection)
const emit = (...events: ReadonlyArray<Event>): Decision => Result.succeed(events)
const ok: Checked<void> = Result.succeed(undefined)

const isBlank = (text: string | undefined): boolean => text === undefined || text.trim().length === 0
const requireText = (field: string, text: string | undefined): Checked<void> =>
  isBlank(text) ? reject({ _tag: "TextRequired", field }) : ok

const covered = <A>(result: Result.Result<A, WorkCalendar.YearNotCovered>): Checked<A> =>
  Result.mapError(
    result,
    (error): Rejection => ({
      _tag: "CalendarNotCovered",
      date: error.date,
      coveredYears: error.coveredYears,
      message: error.message,
    }),
  )

const clockOk = <A>(result: Result.Result<A, { readonly message: string }>): Checked<A> =>
  Result.mapError(result, (error): Rejection => ({ _tag: "ClockInconsistent", message: error.message }))

const addWorkingDays = (at: At, date: CalendarDate.CalendarDate, n: number) =>
  covered(WorkCalendar.addWorkingDays(at.settings.calendar, date, n))

const duplicates = (codes: ReadonlyArray<string>): Array<string> => [
  ...new Set(codes.filter((code, index) => codes.indexOf(code) !== index)),
]

const pinned = (state: State): PublishedMatter => state.matter!

/** Rules every list of materials follows: no code twice, every code known, electronic licences accepted. */
const checkMaterials = (terms: MatterElements, materials: ReadonlyArray<SubmittedMaterial>): Checked<void> => {
  const codes = materials.map((m) => m.code)
  const repeated = duplicates(codes)
  if (repeated.length > 0) return reject({ _tag: "DuplicateMaterialCodes", codes: repeated })
  const unknown = codes.filter((code) => !terms.materials.some((m) => m.code === code))
  if (unknown.length > 0) return reject({ _tag: "UnknownMaterials", codes: [...new Set(unknown)] })
  const notAccepted = materials
    .filter(
      (m) =>
        m.form === "electronicLicence" &&
        terms.materials.find((r) => r.code === m.code)?.electronicLicenceType === undefined,
    )
    .map((m) => m.code)
  if (notAccepted.length > 0) return reject({ _tag: "ElectronicLicenceNotAccepted", codes: notAccepted })
  return ok
}

const sameApplicant = (a: Applicant, b: Applicant): boolean => a.kind === b.kind && a.code === b.code

/** The clock started on `acceptedOn`, with the promised and statutory completion dates. */
const startClock = (
  at: At,
  terms: MatterElements,
  acceptedOn: CalendarDate.CalendarDate,
): Checked<Pick<ApplicationAccepted, "clock" | "promisedDueOn" | "statutoryDueOn">> =>
  Result.gen(function* () {
    const clock = yield* clockOk(
      Clock.start({
        startedOn: acceptedOn,
        promisedLimit: terms.promisedLimitWorkingDays,
        statutoryLimit: terms.statutoryLimitWorkingDays,
        yellowWarningDays: at.settings.yellowWarningDays,
      }),
    )
    const promisedDueOn = yield* covered(Clock.promisedDueDate(at.settings.calendar, clock))
    const statutoryDueOn = yield* covered(Clock.statutoryDueDate(at.settings.calendar, clock))
    if (promisedDueOn === undefined || statutoryDueOn === undefined) {
      return yield* reject({ _tag: "ClockInconsistent", message: "a clock just started has no due date" })
    }
    return { clock, promisedDueOn, statutoryDueOn }
  })

/** A decision after the promised date needs an explanation (Decree 722 Art 36). */
const checkOvertime = (at: At, state: State, explanation: string | undefined): Checked<void> =>
  Result.gen(function* () {
    if (state.clock === null) return
    const due = yield* covered(Clock.promisedDueDate(at.settings.calendar, state.clock))
    if (due !== undefined && at.today > due && isBlank(explanation)) {
      return yield* reject({ _tag: "OvertimeExplanationRequired", dueOn: due, on: at.today })
    }
  })

const checkRemedies = (remedies: RemedyNotice, prefix: string): Checked<void> =>
  Result.gen(function* () {
    yield* requireText(`${prefix}administrativeReview`, remedies.administrativeReview)
    yield* requireText(`${prefix}litigation`, remedies.litigation)
  })

const explanation = (field: "overtimeExplanation" | "lateExplanation", text: string | undefined) =>
  isBlank(text) ? {} : { [field]: text! }

// ---------------------------------------------------------------------------------------------
// Notify-and-commit checks
// ---------------------------------------------------------------------------------------------

/** The credit standing from the facts, usable for this applicant today. */
const usableStanding = (at: At, applicant: Applicant): Checked<CreditStanding> => {
  const problem = creditStandingProblem(at.facts.creditStanding, applicant, at.today)
  return problem === undefined ? Result.succeed(at.facts.creditStanding!) : reject(problem)
}

/** ALL Art 78, 79: no new application for a matter while an entry from a case of it is in effect. */
const checkReapplication = (standing: CreditStanding, matterCode: string): Checked<void> => {
  const bar = reapplicationBar(standing, matterCode)
  if (bar === undefined) return ok
  return reject({
    _tag: "ReapplicationBarred",
    matterCode,
    entryId: bar.entryId,
    kind: bar.kind,
    barredUntil: bar.expiresOn,
    message: `the applicant may not apply for ${matterCode} again until ${bar.expiresOn} (credit entry ${bar.entryId}, ${bar.kind}); neither the ordinary procedure nor commitment is open`,
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

/**
 * The grant, and for a commitment whose matter requires verification, the verification it
 * schedules (unless a verification before the decision already confirmed the commitment).
 */
const grantEvents = (
  at: At,
  state: State,
  verification: CommitmentVerification | undefined,
  overtimeExplanation: string | undefined,
): Checked<ReadonlyArray<Event>> =>
  Result.gen(function* () {
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
        methods: verification.methods,
      },
    ]
  })

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
    if (at.facts.creditStanding !== undefined) {
      const standing = yield* usableStanding(at, command.applicant)
      yield* checkReapplication(standing, command.matter.implementationCode)
    }
    yield* checkMaterials(command.matter, command.materials)
    return [
      {
        _tag: "ApplicationSubmitted",
        caseNo: command.caseNo,
        applicant: command.applicant,
        matter: command.matter,
        materials: command.materials,
        receivedOn: at.today,
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

/** The acceptance date and basis: today, or the day the corrected materials became complete. */
const acceptanceDate = (state: State, at: At): { on: CalendarDate.CalendarDate; basis: AcceptanceBasis } =>
  state.phase === "corrected" && state.completedOn !== null
    ? { on: state.completedOn, basis: "afterCorrection" }
    : { on: at.today, basis: "onReceipt" }

const acceptApplication = (_command: AcceptApplication, state: State, at: At): Decision =>
  Result.gen(function* () {
    const terms = pinned(state)
    if (isImmediate(terms))
      return yield* reject({ _tag: "ImmediateMatter", implementationCode: terms.implementationCode })
    const missing = missingMandatory(terms, codesOnFile(state))
    if (missing.length > 0) return yield* reject({ _tag: "MandatoryMaterialsMissing", codes: missing })
    const { on, basis } = acceptanceDate(state, at)
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
    const settings = terms.tolerantAcceptance
    if (settings === undefined || !offersTolerantAcceptance(terms)) {
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
    const notDeferrable = deferred.filter((code) => !isDeferrable(terms, code))
    if (notDeferrable.length > 0) return yield* reject({ _tag: "MaterialsNotDeferrable", codes: notDeferrable })
    const unlisted = missing.filter((code) => !deferred.includes(code))
    if (unlisted.length > 0) return yield* reject({ _tag: "DeferralIncomplete", missing: unlisted })
    for (const item of command.deferred) yield* requireText(`deferred.${item.code}.howToSupply`, item.howToSupply)
    yield* requireText("commitment.signedBy", command.commitment.signedBy)
    yield* requireText("commitment.statement", command.commitment.statement)
    const { on, basis } = acceptanceDate(state, at)
    const started = yield* startClock(at, terms, on)
    const supplementBy = yield* addWorkingDays(at, on, settings.supplementDeadlineWorkingDays)
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
    if (command.outcome._tag === "Deny") {
      yield* requireText("outcome.reasons", command.outcome.reasons)
      yield* checkRemedies(command.outcome.remedies, "outcome.remedies.")
    }
    const { on, basis } = acceptanceDate(state, at)
    const started = yield* startClock(at, terms, on)
    if (at.today > started.promisedDueOn && isBlank(command.overtimeExplanation)) {
      return yield* reject({ _tag: "OvertimeExplanationRequired", dueOn: started.promisedDueOn, on: at.today })
    }
    const accepted: Event = {
      _tag: "ApplicationAccepted",
      caseNo: state.caseNo,
      acceptedOn: on,
      recordedOn: at.today,
      basis: basis === "afterCorrection" ? basis : "onTheSpot",
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

const acceptOnCommitment = (command: AcceptOnCommitment, state: State, at: At): Decision =>
  Result.gen(function* () {
    const terms = pinned(state)
    const settings = terms.commitment
    if (settings === undefined || !offersCommitment(terms)) {
      return yield* reject({ _tag: "CommitmentNotOffered", implementationCode: terms.implementationCode })
    }
    if (settings.barredCategories.length > 0) {
      return yield* reject({
        _tag: "CommitmentBarredForMatter",
        implementationCode: terms.implementationCode,
        categories: settings.barredCategories,
      })
    }
    if (isImmediate(terms) && !command.grantOnTheSpot) {
      return yield* reject({ _tag: "ImmediateMatter", implementationCode: terms.implementationCode })
    }
    const standing = yield* usableStanding(at, state.applicant!)
    yield* checkReapplication(standing, terms.implementationCode)
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
        : acceptanceDate(state, at)
    const started = yield* startClock(at, terms, on)
    if (command.grantOnTheSpot && at.today > started.promisedDueOn && isBlank(command.overtimeExplanation)) {
      return yield* reject({ _tag: "OvertimeExplanationRequired", dueOn: started.promisedDueOn, on: at.today })
    }
    const accepted: Event = {
      _tag: "ApplicationAcceptedOnCommitment",
      caseNo: state.caseNo,
      acceptedOn: on,
      recordedOn: at.today,
      basis: command.grantOnTheSpot && basis !== "afterCorrection" ? "onTheSpot" : basis,
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
  const licence = state.commitment?.businessLicence
  return licence?.variant === "willMeetBy" && state.commitment?.proof === null ? licence : undefined
}

const submitComplianceProof = (command: SubmitComplianceProof, state: State, at: At): Decision =>
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

const missComplianceDeadline = (state: State, at: At): Decision =>
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

const recordVerification = (command: RecordVerification, state: State, at: At): Decision =>
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
    if (typeof context.now !== "string" || Number.isNaN(Date.parse(context.now))) {
      return reject({ _tag: "InvalidInstant", now: String(context.now) })
    }
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
    const today = CalendarDate.ofInstant(context.now)
    if (state.lastRecordedOn !== null && today < state.lastRecordedOn) {
      return reject({ _tag: "DateOutOfOrder", on: today, lastRecordedOn: state.lastRecordedOn })
    }
    const at: At = { today, actor: context.actor, facts: context.facts ?? {}, settings }
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
    }
  }
