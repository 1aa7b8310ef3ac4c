/**
 * The application (办件): one case under the Administrative Licensing Law (行政许可法), from the
 * applicant's draft to its conclusion. At submission the case pins the published terms of its
 * matter; then acceptance (受理) — ordinary, after a one-time correction notice (一次性告知补正),
 * deemed after 5 working days without one, tolerant (容缺受理), or on the spot for immediate
 * matters (即办件) — or a declined acceptance; review with special procedures that pause the
 * statutory clock and one extension; grant or denial; the certificate; and the side exits:
 * withdrawal, termination or suspension for missed deferred materials, rescission. Notify-and-commit
 * (告知承诺制): acceptance on the applicant's written commitment when its credit standing
 * (`facts.creditStanding`) allows, the business-licence variants, and verification after the
 * decision — confirmed, a rectification order, or a false commitment that rescinds the grant and
 * tells the credit record (`FalseCommitmentFound`, mapped by `toRecordEntry`).
 *
 * Stream: `application-<caseNo>`. Each command's roles are in `requiredRoles`; the phases it is
 * allowed in are in `transitions`.
 *
 * @example
 * ```ts
 * import { Application, Decider } from "@yiciban/core"
 *
 * const outcome = Decider.runAll(Application.decider, Application.initialState, [
 *   [{ _tag: "SubmitApplication", caseNo, applicant, matter, materials }, atTheWindow],
 *   [{ _tag: "AcceptApplication", caseNo }, atTheWindow],
 * ])
 * // the clock started; Application.clockView(state, today) gives the due dates and warning level
 * ```
 *
 * @since 0.1.0
 */
import type { CommandContext, Decider } from "../Decider.ts"
import * as WorkCalendar from "../WorkCalendar.ts"
import type { Command } from "./Commands.ts"
import type { Facts } from "./commitment.ts"
import { type Decide, makeDecide } from "./decide.ts"
import type { Event } from "./Events.ts"
import { evolve } from "./evolve.ts"
import type { Rejection } from "./Rejections.ts"
import { initialState, type State } from "./State.ts"

export * from "./Commands.ts"
export * from "./commitment.ts"
export {
  certificateWorkingDays,
  correctionNoticeWorkingDays,
  type Decide,
  extensionWorkingDays,
  makeDecide,
  type Settings,
} from "./decide.ts"
export * from "./Events.ts"
export { evolve } from "./evolve.ts"
export * from "./invariants.ts"
export * from "./queries.ts"
export * from "./Rejections.ts"
export * from "./State.ts"
export * from "./transitions.ts"

/**
 * The `Application` decider counting with `calendar`. `yellowWarningDays` (default 3) is how many
 * working days before the promised date a case turns yellow.
 *
 * @example
 * ```ts
 * import { Application, WorkCalendar } from "@yiciban/core"
 *
 * const hunan = Application.makeDecider({ calendar: WorkCalendar.chinaMainland, yellowWarningDays: 2 })
 * ```
 *
 * @category constructors
 * @since 0.1.0
 */
export const makeDecider = (options: {
  readonly calendar: WorkCalendar.WorkCalendar
  readonly yellowWarningDays?: number | undefined
}): Decider<State, Command, Event, Rejection, CommandContext<Facts>> => {
  const yellowWarningDays = options.yellowWarningDays ?? 3
  if (!Number.isSafeInteger(yellowWarningDays) || yellowWarningDays < 0) {
    throw new RangeError(`yellowWarningDays must be a whole number of working days, got ${yellowWarningDays}`)
  }
  return { initialState, decide: makeDecide({ calendar: options.calendar, yellowWarningDays }), evolve }
}

/**
 * The `Application` decider on the mainland China calendar (`WorkCalendar.chinaMainland`).
 *
 * @category models
 * @since 0.1.0
 */
export const decider: Decider<State, Command, Event, Rejection, CommandContext<Facts>> = makeDecider({
  calendar: WorkCalendar.chinaMainland,
})

/**
 * `decide` of {@link decider}.
 *
 * @category combinators
 * @since 0.1.0
 */
export const decide: Decide = decider.decide
