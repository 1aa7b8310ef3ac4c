/**
 * The bundle application (一件事一次办): one application against a published service bundle, one
 * form and one material set, one combined correction notice, one acceptance at the lead
 * department's window, one child application per member judged by its own authority on its own
 * terms, a joint time limit (ALL Arts 26, 42) and one unified delivery (统一出件).
 *
 * @example
 * ```ts
 * import { BundleApplication, WorkCalendar } from "@yiciban/core"
 *
 * const decider = BundleApplication.makeDecider({ calendar: WorkCalendar.chinaMainland })
 * ```
 *
 * @since 0.3.0
 */
import type { CommandContext, Decider } from "../Decider.ts"
import * as WorkCalendar from "../WorkCalendar.ts"
import type { Command } from "./Commands.ts"
import { makeDecide } from "./decide.ts"
import type { Event } from "./Events.ts"
import { evolve } from "./evolve.ts"
import type { Rejection } from "./Rejections.ts"
import { initialState, type State } from "./State.ts"

export * from "./Commands.ts"
export { allowedPhases, combine, makeDecide } from "./decide.ts"
export * from "./Events.ts"
export { evolve } from "./evolve.ts"
export * from "./invariants.ts"
export * from "./queries.ts"
export * from "./Rejections.ts"
export * from "./State.ts"

/**
 * The decider on a working-day calendar (the joint limit is counted in working days).
 *
 * @category constructors
 * @since 0.3.0
 */
export const makeDecider = (options: {
  readonly calendar: WorkCalendar.WorkCalendar
}): Decider<State, Command, Event, Rejection, CommandContext> => ({
  initialState,
  decide: makeDecide(options.calendar),
  evolve,
})

/**
 * The decider on the mainland China calendar.
 *
 * @category models
 * @since 0.3.0
 */
export const decider: Decider<State, Command, Event, Rejection, CommandContext> = makeDecider({
  calendar: WorkCalendar.chinaMainland,
})
