/**
 * The statutory clock of a case (办理时限): started on the acceptance date with a promised and a
 * statutory limit in working days, paused by special procedures (特别程序: hearing, inspection,
 * expert review…, 行政许可法 Art 45), extended once with approval (延期, Art 42). It is a plain
 * serializable value, so an aggregate keeps it in its state and events can carry it; every query
 * takes the {@link WorkCalendar.WorkCalendar} it counts with.
 *
 * Counting rules (the same as the calendar's, periods count from the next day):
 *
 * - elapsed working days on a date: the working days in `(startedOn, on]`, minus paused ones;
 * - a pause from `pausedOn` to `resumedOn` stops the working days in `(pausedOn, resumedOn]`:
 *   the day it starts still counts, the day it ends does not (counting restarts the next day);
 * - a due date is the working day on which the elapsed working days reach the limit. A pause that
 *   starts before a due date moves it later by exactly the working days it stops; a pause that
 *   starts on or after a due date leaves that due date where it is. Due dates never move earlier.
 * - while a pause that started before a due date is open, that due date is not known
 *   (`undefined`): it depends on when the clock resumes. {@link warningLevel} judges such a clock
 *   as if it resumed on the day asked about, so the level freezes during the pause.
 *
 * @since 0.1.0
 */
import * as Result from "effect/Result"
import * as Schema from "effect/Schema"
import * as CalendarDate from "./CalendarDate.ts"
import * as WorkCalendar from "./WorkCalendar.ts"

// ---------------------------------------------------------------------------------------------
// Schemas
// ---------------------------------------------------------------------------------------------

/**
 * A whole, non-negative number of working days.
 *
 * @category schemas
 * @since 0.1.0
 */
export const WorkingDays = Schema.Int.check(Schema.isGreaterThanOrEqualTo(0))

/**
 * One special procedure that stopped the clock: the date it started, the date it ended (absent
 * while it is still open) and why.
 *
 * @category schemas
 * @since 0.1.0
 */
export const Pause = Schema.Struct({
  pausedOn: CalendarDate.CalendarDate,
  resumedOn: Schema.optionalKey(CalendarDate.CalendarDate),
  reason: Schema.String,
})

/**
 * @category models
 * @since 0.1.0
 */
export type Pause = typeof Pause.Type

/**
 * The extension of the statutory limit (行政许可法 Art 42: +10 working days with the approval of
 * the head of the agency; joint processing: +15), with who approved it and why.
 *
 * @category schemas
 * @since 0.1.0
 */
export const Extension = Schema.Struct({
  workingDays: Schema.Int.check(Schema.isGreaterThanOrEqualTo(1)),
  approver: Schema.String,
  reason: Schema.String,
})

/**
 * @category models
 * @since 0.1.0
 */
export type Extension = typeof Extension.Type

/**
 * A case's statutory clock: the date it started (the acceptance date), the promised and the
 * statutory limit in working days (promised ≤ statutory; immediate matters have 0), how many
 * working days before the promised date the yellow warning starts, the pauses in order (only the
 * last may be open) and the extension, if any.
 *
 * @category schemas
 * @since 0.1.0
 */
export const Clock = Schema.Struct({
  startedOn: CalendarDate.CalendarDate,
  promisedLimit: WorkingDays,
  statutoryLimit: WorkingDays,
  yellowWarningDays: WorkingDays,
  pauses: Schema.Array(Pause),
  extension: Schema.optionalKey(Extension),
}).check(
  Schema.makeFilter((clock) => {
    const issues: Array<Schema.FilterIssue> = []
    if (clock.promisedLimit > clock.statutoryLimit) {
      issues.push({ path: ["promisedLimit"], issue: "the promised limit exceeds the statutory limit" })
    }
    let earliest: string = clock.startedOn
    clock.pauses.forEach((pause, index) => {
      if (pause.pausedOn < earliest) {
        issues.push({ path: ["pauses", index], issue: `a pause starts on ${pause.pausedOn}, before ${earliest}` })
      }
      if (pause.resumedOn === undefined && index !== clock.pauses.length - 1) {
        issues.push({ path: ["pauses", index], issue: "only the last pause may be open" })
      }
      if (pause.resumedOn !== undefined && pause.resumedOn < pause.pausedOn) {
        issues.push({ path: ["pauses", index], issue: `resumed on ${pause.resumedOn}, before it paused` })
      }
      earliest = pause.resumedOn ?? pause.pausedOn
    })
    return issues
  }),
)

/**
 * @category models
 * @since 0.1.0
 */
export type Clock = typeof Clock.Type

/**
 * How close a case is to its limits on a date: `normal`; `yellow` once `yellowWarningDays` or
 * fewer working days remain before the promised date (the promised date itself included);
 * `red` after the promised date; `overdue` after the statutory date.
 *
 * @category schemas
 * @since 0.1.0
 */
export const WarningLevel = Schema.Literals(["normal", "yellow", "red", "overdue"])

/**
 * @category models
 * @since 0.1.0
 */
export type WarningLevel = typeof WarningLevel.Type

// ---------------------------------------------------------------------------------------------
// Errors
// ---------------------------------------------------------------------------------------------

/**
 * A limit that is not a whole, non-negative number of working days (or an extension of fewer than
 * one working day).
 *
 * @category errors
 * @since 0.1.0
 */
export const InvalidWorkingDays = Schema.TaggedStruct("InvalidWorkingDays", {
  field: Schema.String,
  value: Schema.Number,
  message: Schema.String,
})

/**
 * @category models
 * @since 0.1.0
 */
export type InvalidWorkingDays = typeof InvalidWorkingDays.Type

/**
 * The promised limit is longer than the statutory one.
 *
 * @category errors
 * @since 0.1.0
 */
export const PromisedExceedsStatutory = Schema.TaggedStruct("PromisedExceedsStatutory", {
  promisedLimit: Schema.Number,
  statutoryLimit: Schema.Number,
  message: Schema.String,
})

/**
 * @category models
 * @since 0.1.0
 */
export type PromisedExceedsStatutory = typeof PromisedExceedsStatutory.Type

/**
 * Pausing a clock that is already paused.
 *
 * @category errors
 * @since 0.1.0
 */
export const AlreadyPaused = Schema.TaggedStruct("AlreadyPaused", {
  pausedOn: CalendarDate.CalendarDate,
  message: Schema.String,
})

/**
 * @category models
 * @since 0.1.0
 */
export type AlreadyPaused = typeof AlreadyPaused.Type

/**
 * Resuming a clock that is not paused.
 *
 * @category errors
 * @since 0.1.0
 */
export const NotPaused = Schema.TaggedStruct("NotPaused", {
  message: Schema.String,
})

/**
 * @category models
 * @since 0.1.0
 */
export type NotPaused = typeof NotPaused.Type

/**
 * A pause or resumption dated before the clock's last recorded date (its start, or the last pause
 * or resumption): the clock's history only moves forward.
 *
 * @category errors
 * @since 0.1.0
 */
export const DateOutOfOrder = Schema.TaggedStruct("DateOutOfOrder", {
  on: CalendarDate.CalendarDate,
  earliest: CalendarDate.CalendarDate,
  message: Schema.String,
})

/**
 * @category models
 * @since 0.1.0
 */
export type DateOutOfOrder = typeof DateOutOfOrder.Type

/**
 * Extending a clock that was already extended (the law allows one extension).
 *
 * @category errors
 * @since 0.1.0
 */
export const AlreadyExtended = Schema.TaggedStruct("AlreadyExtended", {
  extension: Extension,
  message: Schema.String,
})

/**
 * @category models
 * @since 0.1.0
 */
export type AlreadyExtended = typeof AlreadyExtended.Type

// ---------------------------------------------------------------------------------------------
// Constructors and combinators
// ---------------------------------------------------------------------------------------------

const checkWorkingDays = (field: string, value: number, minimum = 0): InvalidWorkingDays | undefined =>
  Number.isSafeInteger(value) && value >= minimum
    ? undefined
    : InvalidWorkingDays.make({
        field,
        value,
        message: `${field} must be a whole number of working days${minimum > 0 ? ` of at least ${minimum}` : ""}, got ${value}`,
      })

/**
 * Starts a clock on the acceptance date. Limits are working days; the promised limit may not
 * exceed the statutory one; immediate matters (即办件) have 0 for both. `yellowWarningDays`
 * defaults to 3.
 *
 * @example
 * ```ts
 * import { CalendarDate, Clock } from "@yiciban/core"
 *
 * const clock = Clock.start({
 *   startedOn: CalendarDate.make("2026-09-24"),
 *   promisedLimit: 10,
 *   statutoryLimit: 20,
 * }) // Result.succeed({ startedOn: "2026-09-24", promisedLimit: 10, statutoryLimit: 20, yellowWarningDays: 3, pauses: [] })
 * ```
 *
 * @category constructors
 * @since 0.1.0
 */
export const start = (options: {
  readonly startedOn: CalendarDate.CalendarDate
  readonly promisedLimit: number
  readonly statutoryLimit: number
  readonly yellowWarningDays?: number | undefined
}): Result.Result<Clock, InvalidWorkingDays | PromisedExceedsStatutory> => {
  const { startedOn, promisedLimit, statutoryLimit, yellowWarningDays = 3 } = options
  const invalid =
    checkWorkingDays("promisedLimit", promisedLimit) ??
    checkWorkingDays("statutoryLimit", statutoryLimit) ??
    checkWorkingDays("yellowWarningDays", yellowWarningDays)
  if (invalid !== undefined) return Result.fail(invalid)
  if (promisedLimit > statutoryLimit) {
    return Result.fail(
      PromisedExceedsStatutory.make({
        promisedLimit,
        statutoryLimit,
        message: `the promised limit (${promisedLimit} working days) exceeds the statutory limit (${statutoryLimit})`,
      }),
    )
  }
  return Result.succeed({ startedOn, promisedLimit, statutoryLimit, yellowWarningDays, pauses: [] })
}

const openPause = (clock: Clock): Pause | undefined => {
  const last = clock.pauses[clock.pauses.length - 1]
  return last !== undefined && last.resumedOn === undefined ? last : undefined
}

/**
 * True while a special procedure holds the clock.
 *
 * @category guards
 * @since 0.1.0
 */
export const isPaused = (clock: Clock): boolean => openPause(clock) !== undefined

/** The last date the clock's history records: its start, or the last pause or resumption. */
const lastRecorded = (clock: Clock): CalendarDate.CalendarDate => {
  const last = clock.pauses[clock.pauses.length - 1]
  return last === undefined ? clock.startedOn : (last.resumedOn ?? last.pausedOn)
}

const outOfOrder = (clock: Clock, on: CalendarDate.CalendarDate): DateOutOfOrder | undefined => {
  const earliest = lastRecorded(clock)
  return on < earliest
    ? DateOutOfOrder.make({ on, earliest, message: `${on} is before ${earliest}, the clock's last recorded date` })
    : undefined
}

/**
 * Stops the clock for a special procedure (特别程序) starting on `on`: the working days after `on`
 * until it resumes do not count.
 *
 * @example
 * ```ts
 * import { CalendarDate, Clock } from "@yiciban/core"
 *
 * // given a running clock
 * Clock.pause(clock, CalendarDate.make("2026-10-12"), "expert review") // Result.succeed(paused clock)
 * ```
 *
 * @category combinators
 * @since 0.1.0
 */
export const pause = (
  clock: Clock,
  on: CalendarDate.CalendarDate,
  reason: string,
): Result.Result<Clock, AlreadyPaused | DateOutOfOrder> => {
  const open = openPause(clock)
  if (open !== undefined) {
    return Result.fail(
      AlreadyPaused.make({ pausedOn: open.pausedOn, message: `the clock is already paused since ${open.pausedOn}` }),
    )
  }
  const late = outOfOrder(clock, on)
  if (late !== undefined) return Result.fail(late)
  return Result.succeed({ ...clock, pauses: [...clock.pauses, { pausedOn: on, reason }] })
}

/**
 * Restarts a paused clock on `on`; counting resumes the day after.
 *
 * @category combinators
 * @since 0.1.0
 */
export const resume = (
  clock: Clock,
  on: CalendarDate.CalendarDate,
): Result.Result<Clock, NotPaused | DateOutOfOrder> => {
  const open = openPause(clock)
  if (open === undefined) return Result.fail(NotPaused.make({ message: "the clock is not paused" }))
  const late = outOfOrder(clock, on)
  if (late !== undefined) return Result.fail(late)
  return Result.succeed({ ...clock, pauses: [...clock.pauses.slice(0, -1), { ...open, resumedOn: on }] })
}

/**
 * Extends the statutory limit by `workingDays` with the approver and the reason recorded
 * (行政许可法 Art 42). The promised date does not move. A clock is extended at most once. Whether
 * the matter allows an extension, and whether it is still in time, is for the caller to decide.
 *
 * @example
 * ```ts
 * import { Clock } from "@yiciban/core"
 *
 * Clock.extend(clock, 10, { approver: "head-of-agency-1", reason: "site inspection of three premises" })
 * ```
 *
 * @category combinators
 * @since 0.1.0
 */
export const extend = (
  clock: Clock,
  workingDays: number,
  approval: { readonly approver: string; readonly reason: string },
): Result.Result<Clock, InvalidWorkingDays | AlreadyExtended> => {
  if (clock.extension !== undefined) {
    return Result.fail(
      AlreadyExtended.make({
        extension: clock.extension,
        message: `the clock was already extended by ${clock.extension.workingDays} working days`,
      }),
    )
  }
  const invalid = checkWorkingDays("workingDays", workingDays, 1)
  if (invalid !== undefined) return Result.fail(invalid)
  return Result.succeed({
    ...clock,
    extension: { workingDays, approver: approval.approver, reason: approval.reason },
  })
}

// ---------------------------------------------------------------------------------------------
// Queries
// ---------------------------------------------------------------------------------------------

/**
 * The statutory limit including the extension, in working days.
 *
 * @category combinators
 * @since 0.1.0
 */
export const effectiveStatutoryLimit = (clock: Clock): number =>
  clock.statutoryLimit + (clock.extension?.workingDays ?? 0)

/** A pause as a span of dates; `to` is undefined while it is open. */
interface Span {
  readonly from: CalendarDate.CalendarDate
  readonly to: CalendarDate.CalendarDate | undefined
}

/**
 * The clock as it stood at the end of `on`: pauses that started later are dropped, and a pause
 * still open on `on` is treated as resuming on `on`.
 */
const asOf = (clock: Clock, on: CalendarDate.CalendarDate): ReadonlyArray<Span> =>
  clock.pauses
    .filter((p) => p.pausedOn <= on)
    .map((p) => ({ from: p.pausedOn, to: p.resumedOn === undefined || p.resumedOn > on ? on : p.resumedOn }))

type Outcome<A> = Result.Result<A, WorkCalendar.YearNotCovered>

const between = (
  calendar: WorkCalendar.WorkCalendar,
  from: CalendarDate.CalendarDate,
  to: CalendarDate.CalendarDate,
): Outcome<number> => WorkCalendar.workingDaysBetween(calendar, from, to)

/**
 * The paused working days up to and including `on`.
 *
 * @category combinators
 * @since 0.1.0
 */
export const pausedWorkingDays = (
  calendar: WorkCalendar.WorkCalendar,
  clock: Clock,
  on: CalendarDate.CalendarDate,
): Outcome<number> => {
  let total = 0
  for (const pause of asOf(clock, on)) {
    const days = between(calendar, pause.from, pause.to ?? on)
    if (Result.isFailure(days)) return days
    total += days.success
  }
  return Result.succeed(total)
}

/**
 * The working days the clock has run by the end of `on`: those in `(startedOn, on]` that were not
 * paused. Zero on or before the start date.
 *
 * @example
 * ```ts
 * import { CalendarDate, Clock, WorkCalendar } from "@yiciban/core"
 *
 * Clock.elapsedWorkingDays(WorkCalendar.chinaMainland, clock, CalendarDate.make("2026-10-09"))
 * ```
 *
 * @category combinators
 * @since 0.1.0
 */
export const elapsedWorkingDays = (
  calendar: WorkCalendar.WorkCalendar,
  clock: Clock,
  on: CalendarDate.CalendarDate,
): Outcome<number> => {
  if (on <= clock.startedOn) return Result.succeed(0)
  return Result.flatMap(between(calendar, clock.startedOn, on), (worked) =>
    Result.map(pausedWorkingDays(calendar, clock, on), (paused) => worked - paused),
  )
}

/**
 * The due date for a limit over a list of pauses: walk from the start, spending the limit on the
 * working days before each pause; a pause that starts before the limit is spent pushes the rest
 * past its end.
 */
const dueDate = (
  calendar: WorkCalendar.WorkCalendar,
  startedOn: CalendarDate.CalendarDate,
  limit: number,
  pauses: ReadonlyArray<Span>,
): Outcome<CalendarDate.CalendarDate | undefined> => {
  let remaining = limit
  let cursor = startedOn
  for (const pause of pauses) {
    const worked = between(calendar, cursor, pause.from)
    if (Result.isFailure(worked)) return Result.fail(worked.failure)
    if (worked.success >= remaining) return WorkCalendar.addWorkingDays(calendar, cursor, remaining)
    remaining -= worked.success
    if (pause.to === undefined) return Result.succeed(undefined)
    cursor = pause.to
  }
  return WorkCalendar.addWorkingDays(calendar, cursor, remaining)
}

const spans = (clock: Clock): ReadonlyArray<Span> => clock.pauses.map((p) => ({ from: p.pausedOn, to: p.resumedOn }))

/**
 * The promised completion date (承诺办结时限): the working day on which the promised limit is
 * reached, moved later by every pause that started before it. `undefined` while such a pause is
 * still open.
 *
 * @example
 * ```ts
 * import { CalendarDate, Clock, WorkCalendar } from "@yiciban/core"
 *
 * // 10 promised working days from Thursday 24 September 2026, across 中秋 and 国庆
 * Clock.promisedDueDate(WorkCalendar.chinaMainland, clock) // Result.succeed("2026-10-15")
 * ```
 *
 * @category combinators
 * @since 0.1.0
 */
export const promisedDueDate = (
  calendar: WorkCalendar.WorkCalendar,
  clock: Clock,
): Outcome<CalendarDate.CalendarDate | undefined> =>
  dueDate(calendar, clock.startedOn, clock.promisedLimit, spans(clock))

/**
 * The statutory completion date (法定办结时限), with the extension, moved later by every pause that
 * started before it. `undefined` while such a pause is still open.
 *
 * @category combinators
 * @since 0.1.0
 */
export const statutoryDueDate = (
  calendar: WorkCalendar.WorkCalendar,
  clock: Clock,
): Outcome<CalendarDate.CalendarDate | undefined> =>
  dueDate(calendar, clock.startedOn, effectiveStatutoryLimit(clock), spans(clock))

/**
 * How close the case is to its limits on `on`, judged from what the clock recorded by then (a
 * pause still open on `on` counts as resuming on `on`, so the level holds still while paused):
 * `overdue` after the statutory date, `red` after the promised date, `yellow` once
 * `yellowWarningDays` or fewer working days remain before the promised date, else `normal`.
 *
 * @example
 * ```ts
 * import { CalendarDate, Clock, WorkCalendar } from "@yiciban/core"
 *
 * Clock.warningLevel(WorkCalendar.chinaMainland, clock, CalendarDate.make("2026-10-13")) // Result.succeed("yellow")
 * ```
 *
 * @category combinators
 * @since 0.1.0
 */
export const warningLevel = (
  calendar: WorkCalendar.WorkCalendar,
  clock: Clock,
  on: CalendarDate.CalendarDate,
): Outcome<WarningLevel> => {
  const pauses = asOf(clock, on)
  return Result.flatMap(dueDate(calendar, clock.startedOn, effectiveStatutoryLimit(clock), pauses), (statutory) => {
    if (statutory !== undefined && on > statutory) return Result.succeed<WarningLevel>("overdue")
    return Result.flatMap(dueDate(calendar, clock.startedOn, clock.promisedLimit, pauses), (promised) => {
      if (promised === undefined) return Result.succeed<WarningLevel>("normal")
      if (on > promised) return Result.succeed<WarningLevel>("red")
      return Result.map(
        between(calendar, on, promised),
        (remaining): WarningLevel => (remaining <= clock.yellowWarningDays ? "yellow" : "normal"),
      )
    })
  })
}

/**
 * True when an answer about the clock depends on a provisional year of the calendar (a year whose
 * State Council notice is not loaded yet, see `WorkCalendar.isProvisional`): its due dates depend
 * on the days from the start to the statutory due date (the latest; or, while a pause that started
 * before it is open, to that pause's start); with `on`, the elapsed and paused days and the warning
 * level on `on` also depend on the days up to `on` and to the due dates as of `on`.
 *
 * @example
 * ```ts
 * import { CalendarDate, Clock, WorkCalendar } from "@yiciban/core"
 *
 * // accepted on 20 December 2026 with 20 working days: due in January 2027, a provisional year
 * Clock.isProvisional(WorkCalendar.chinaMainland, clock) // Result.succeed(true)
 * ```
 *
 * @category guards
 * @since 0.1.0
 */
export const isProvisional = (
  calendar: WorkCalendar.WorkCalendar,
  clock: Clock,
  on?: CalendarDate.CalendarDate | undefined,
): Outcome<boolean> =>
  Result.gen(function* () {
    const statutory = yield* statutoryDueDate(calendar, clock)
    // no statutory date: a pause that started before it is open, and the count stopped at its start
    let horizon = statutory ?? openPause(clock)!.pausedOn
    if (on !== undefined) {
      const asOfOn = yield* dueDate(calendar, clock.startedOn, effectiveStatutoryLimit(clock), asOf(clock, on))
      horizon = CalendarDate.max(horizon, CalendarDate.max(on, asOfOn ?? on))
    }
    return WorkCalendar.isProvisional(calendar, clock.startedOn, horizon)
  })
