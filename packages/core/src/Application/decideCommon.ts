/**
 * @internal The parts of `decide` that every command's function shares: the result types, the
 * moment a command is decided at, text and calendar checks, the pinned terms, materials, the
 * clock and the acceptance date.
 *
 * @since 0.1.0
 */
import * as Result from "effect/Result"
import type { Actor } from "../Actor.ts"
import type * as CalendarDate from "../CalendarDate.ts"
import * as Clock from "../Clock.ts"
import type { MatterElements, PublishedMatter } from "../PublishedMatter.ts"
import * as WorkCalendar from "../WorkCalendar.ts"
import type { Facts } from "./commitment.ts"
import type { ApplicationAccepted, Event } from "./Events.ts"
import { acceptedByLaw, correctionNoticeWorkingDays } from "./invariants.ts"
import type { Rejection } from "./Rejections.ts"
import type {
  AcceptanceBasis,
  Applicant,
  LicenceReliance,
  RemedyNotice,
  SharedDataReliance,
  State,
  SubmittedMaterial,
} from "./State.ts"

/** @internal The events a command produces, or the first rule it breaks. */
export type Decision = Result.Result<ReadonlyArray<Event>, Rejection>
/** @internal A value, or the first rule broken on the way to it. */
export type Checked<A> = Result.Result<A, Rejection>

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

/** @internal What a command is decided at: the day, the actor, the facts and the settings. */
export interface At {
  readonly today: CalendarDate.CalendarDate
  readonly actor: Actor
  readonly facts: Facts
  readonly settings: Settings
}

/** @internal Fails with a rejection. */
export const reject = (rejection: Rejection): Result.Result<never, Rejection> => Result.fail(rejection)
/** @internal Succeeds with events. */
export const emit = (...events: ReadonlyArray<Event>): Decision => Result.succeed(events)
/** @internal A check that passed. */
export const ok: Checked<void> = Result.succeed(undefined)

/** @internal True for an absent or blank text. */
export const isBlank = (text: string | undefined): boolean => text === undefined || text.trim().length === 0
/** @internal `TextRequired` when the text is blank. */
export const requireText = (field: string, text: string | undefined): Checked<void> =>
  isBlank(text) ? reject({ _tag: "TextRequired", field }) : ok

/** @internal A calendar failure as the `CalendarNotCovered` rejection. */
export const covered = <A>(result: Result.Result<A, WorkCalendar.YearNotCovered>): Checked<A> =>
  Result.mapError(
    result,
    (error): Rejection => ({
      _tag: "CalendarNotCovered",
      date: error.date,
      coveredYears: error.coveredYears,
      message: error.message,
    }),
  )

/** @internal A clock failure as the `ClockInconsistent` rejection. */
export const clockOk = <A>(result: Result.Result<A, { readonly message: string }>): Checked<A> =>
  Result.mapError(result, (error): Rejection => ({ _tag: "ClockInconsistent", message: error.message }))

/** @internal `n` working days after `date` on the decider's calendar. */
export const addWorkingDays = (at: At, date: CalendarDate.CalendarDate, n: number) =>
  covered(WorkCalendar.addWorkingDays(at.settings.calendar, date, n))

/** @internal The codes that occur more than once. */
export const duplicates = (codes: ReadonlyArray<string>): Array<string> => [
  ...new Set(codes.filter((code, index) => codes.indexOf(code) !== index)),
]

/** @internal The terms the case pinned at submission (every phase past `draft` has them). */
export const pinned = (state: State): PublishedMatter => state.matter!

/**
 * @internal Rules every list of materials follows: no code twice, every code known, electronic
 * licences accepted — and a material the matter marks as satisfied by a licence (`licenceBaseCode`)
 * given as a licence only with the runtime's reliance for it (`reliances`, submission only).
 */
export const checkMaterials = (
  terms: MatterElements,
  materials: ReadonlyArray<SubmittedMaterial>,
  reliances: ReadonlyArray<LicenceReliance> = [],
  shared: ReadonlyArray<SharedDataReliance> = [],
): Checked<void> => {
  const codes = materials.map((m) => m.code)
  const repeated = duplicates(codes)
  if (repeated.length > 0) return reject({ _tag: "DuplicateMaterialCodes", codes: repeated })
  const unknown = codes.filter((code) => !terms.materials.some((m) => m.code === code))
  if (unknown.length > 0) return reject({ _tag: "UnknownMaterials", codes: [...new Set(unknown)] })
  const requirementOf = (code: string) => terms.materials.find((r) => r.code === code)
  const notAccepted = materials
    .filter((m) => {
      const requirement = requirementOf(m.code)
      return (
        m.form === "electronicLicence" &&
        requirement?.electronicLicenceType === undefined &&
        requirement?.licenceBaseCode === undefined
      )
    })
    .map((m) => m.code)
  if (notAccepted.length > 0) return reject({ _tag: "ElectronicLicenceNotAccepted", codes: notAccepted })
  const mismatched = reliances
    .filter((reliance) => {
      const given = materials.find((m) => m.code === reliance.materialCode)
      return (
        requirementOf(reliance.materialCode)?.licenceBaseCode !== reliance.baseCode ||
        given?.form !== "electronicLicence" ||
        given.licenceNo !== reliance.licenceNo
      )
    })
    .map((reliance) => reliance.materialCode)
  if (mismatched.length > 0 || duplicates(reliances.map((r) => r.materialCode)).length > 0) {
    return reject({
      _tag: "LicenceRelianceInvalid",
      problem: "mismatch",
      codes: [...new Set([...mismatched, ...duplicates(reliances.map((r) => r.materialCode))])],
      message: "a licence relied on must be given for a material the matter marks for that licence, with its number",
    })
  }
  const notLookedUp = materials
    .filter(
      (m) =>
        m.form === "electronicLicence" &&
        requirementOf(m.code)?.licenceBaseCode !== undefined &&
        !reliances.some((reliance) => reliance.materialCode === m.code),
    )
    .map((m) => m.code)
  if (notLookedUp.length > 0) {
    return reject({
      _tag: "LicenceRelianceInvalid",
      problem: "notLookedUp",
      codes: notLookedUp,
      message:
        "a material satisfied by a licence is taken only as the runtime looked the licence up at submission; otherwise give the material itself",
    })
  }
  return checkShared(terms, materials, shared)
}

/**
 * @internal A material given as a shared fact (`form: "sharedData"`) is one the matter marks with
 * `sharedDataKind` and the runtime fetched (`shared`, submission only), one reliance per material.
 */
const checkShared = (
  terms: MatterElements,
  materials: ReadonlyArray<SubmittedMaterial>,
  shared: ReadonlyArray<SharedDataReliance>,
): Checked<void> => {
  const requirementOf = (code: string) => terms.materials.find((r) => r.code === code)
  const notMarked = materials
    .filter((m) => m.form === "sharedData" && requirementOf(m.code)?.sharedDataKind === undefined)
    .map((m) => m.code)
  if (notMarked.length > 0) {
    return reject({
      _tag: "SharedDataRelianceInvalid",
      problem: "notMarked",
      codes: notMarked,
      message: "the matter does not take this material from shared data: give the material itself",
    })
  }
  const twice = duplicates(shared.map((r) => r.materialCode))
  const mismatched = shared
    .filter((reliance) => {
      const given = materials.find((m) => m.code === reliance.materialCode)
      return requirementOf(reliance.materialCode)?.sharedDataKind !== reliance.kind || given?.form !== "sharedData"
    })
    .map((reliance) => reliance.materialCode)
  if (mismatched.length > 0 || twice.length > 0) {
    return reject({
      _tag: "SharedDataRelianceInvalid",
      problem: "mismatch",
      codes: [...new Set([...mismatched, ...twice])],
      message: "a shared fact relied on must be of the kind the matter marks, for a material given as shared data",
    })
  }
  const notLookedUp = materials
    .filter((m) => m.form === "sharedData" && !shared.some((r) => r.materialCode === m.code))
    .map((m) => m.code)
  if (notLookedUp.length > 0) {
    return reject({
      _tag: "SharedDataRelianceInvalid",
      problem: "notLookedUp",
      codes: notLookedUp,
      message:
        "a material satisfied by shared data is taken only as the runtime fetched the fact at submission; otherwise give the material itself",
    })
  }
  return ok
}

/** @internal True when two applicants are the same enterprise or person. */
export const sameApplicant = (a: Applicant, b: Applicant): boolean => a.kind === b.kind && a.code === b.code

/** @internal The clock started on `acceptedOn`, with the promised and statutory completion dates. */
export const startClock = (
  at: At,
  terms: MatterElements,
  acceptedOn: CalendarDate.CalendarDate,
): Checked<Pick<ApplicationAccepted, "clock" | "promisedDueOn" | "statutoryDueOn" | "provisional">> =>
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
    // the statutory date is the latest: every date fixed at acceptance is counted inside its span
    const provisional = WorkCalendar.isProvisional(at.settings.calendar, acceptedOn, statutoryDueOn)
    return { clock, promisedDueOn, statutoryDueOn, ...(provisional ? { provisional: true as const } : {}) }
  })

/** @internal A decision after the promised date needs an explanation (Decree 722 Art 36). */
export const checkOvertime = (at: At, state: State, explanation: string | undefined): Checked<void> =>
  Result.gen(function* () {
    if (state.clock === null) return
    const due = yield* covered(Clock.promisedDueDate(at.settings.calendar, state.clock))
    if (due !== undefined && at.today > due && isBlank(explanation)) {
      return yield* reject({ _tag: "OvertimeExplanationRequired", dueOn: due, on: at.today })
    }
  })

/** @internal A denial names both remedies. */
export const checkRemedies = (remedies: RemedyNotice, prefix: string): Checked<void> =>
  Result.gen(function* () {
    yield* requireText(`${prefix}administrativeReview`, remedies.administrativeReview)
    yield* requireText(`${prefix}litigation`, remedies.litigation)
  })

/** @internal The explanation field, when the text is not blank. */
export const explanation = (field: "overtimeExplanation" | "lateExplanation", text: string | undefined) =>
  isBlank(text) ? {} : { [field]: text! }

/**
 * @internal The deadline of the correction notice when the law has already accepted the case as
 * of receipt (ALL Art 32, {@link acceptedByLaw}), or `undefined` while it has not.
 */
export const lawAcceptance = (
  state: State,
  at: At,
): Checked<{ readonly deadline: CalendarDate.CalendarDate } | undefined> =>
  Result.gen(function* () {
    if (state.phase !== "submitted" || state.receivedOn === null) return undefined
    const deadline = yield* addWorkingDays(at, state.receivedOn, correctionNoticeWorkingDays)
    return acceptedByLaw(state, at.settings.calendar, at.today) ? { deadline } : undefined
  })

/**
 * @internal `AcceptedByLaw` when the law has accepted the case as of receipt: `command` (a
 * correction notice or a refusal of acceptance) comes too late.
 */
export const checkNotAcceptedByLaw = (
  state: State,
  at: At,
  command: "RequestCorrection" | "DeclineAcceptance",
): Checked<void> =>
  Result.gen(function* () {
    const law = yield* lawAcceptance(state, at)
    if (law === undefined) return
    const what =
      command === "RequestCorrection"
        ? "a correction notice can no longer be given"
        : "acceptance can no longer be declined"
    return yield* reject({
      _tag: "AcceptedByLaw",
      command,
      article: "ALL Art 32",
      receivedOn: state.receivedOn!,
      deadline: law.deadline,
      on: at.today,
      message: `no correction notice was given by ${law.deadline}, the 5th working day after receipt on ${state.receivedOn}: the application is accepted by law from the date of receipt (ALL Art 32), so ${what}`,
    })
  })

/**
 * @internal The acceptance date and basis: the day the corrected materials became complete, the
 * date of receipt when the law has already accepted the case (ALL Art 32), or today.
 */
export const acceptanceDate = (
  state: State,
  at: At,
): Checked<{ on: CalendarDate.CalendarDate; basis: AcceptanceBasis }> =>
  Result.gen(function* () {
    if (state.phase === "corrected" && state.completedOn !== null) {
      return { on: state.completedOn, basis: "afterCorrection" as const }
    }
    if ((yield* lawAcceptance(state, at)) !== undefined) return { on: state.receivedOn!, basis: "deemed" as const }
    return { on: at.today, basis: "onReceipt" as const }
  })
