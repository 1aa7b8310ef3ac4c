/**
 * @internal The parts of `decide` that every command's function shares: the result types, the
 * moment a command is decided at, text and calendar checks, the pinned terms, materials, the
 * clock and the acceptance date.
 *
 * @since 0.1.0
 */
import { Result } from "effect"
import type { Actor } from "../Actor.ts"
import type * as CalendarDate from "../CalendarDate.ts"
import * as Clock from "../Clock.ts"
import type { MatterElements, PublishedMatter } from "../PublishedMatter.ts"
import * as WorkCalendar from "../WorkCalendar.ts"
import type { Facts } from "./commitment.ts"
import type { ApplicationAccepted, Event } from "./Events.ts"
import type { Rejection } from "./Rejections.ts"
import type { AcceptanceBasis, Applicant, RemedyNotice, State, SubmittedMaterial } from "./State.ts"

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

/** @internal Rules every list of materials follows: no code twice, every code known, electronic licences accepted. */
export const checkMaterials = (terms: MatterElements, materials: ReadonlyArray<SubmittedMaterial>): Checked<void> => {
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

/** @internal The acceptance date and basis: today, or the day the corrected materials became complete. */
export const acceptanceDate = (state: State, at: At): { on: CalendarDate.CalendarDate; basis: AcceptanceBasis } =>
  state.phase === "corrected" && state.completedOn !== null
    ? { on: state.completedOn, basis: "afterCorrection" }
    : { on: at.today, basis: "onReceipt" }
