/**
 * A service rating (好差评, GB/T 39046 A.8; 国办发〔2019〕51号): one per on-site visit and one per
 * concluded case online, levels 1–5 (4 and 5 negative), the channel, optional text and tags. A
 * rating is given once and never altered. A negative rating is handled by the unit that handled
 * the case: verified → rectified at once or by a deadline, or explained → called back → closed;
 * the unit may appeal, and an upheld appeal excludes the rating from the rates (it stays on record).
 * A default rating after no answer is a deployment setting and never counts as an actual rating.
 *
 * Stream: `rating-<ratingId>`, the id `<caseNo>.visit-<n>` or `<caseNo>.online`.
 *
 * @example
 * ```ts
 * import { Decider, Rating } from "@yiciban/core"
 *
 * const decider = Rating.makeDecider(Rating.defaultSettings)
 * const state = Decider.fold(decider, events)
 * Rating.countsAsActual(state)
 * ```
 *
 * @since 0.3.0
 */
import type { Decider as DeciderType } from "../Decider.ts"
import type { Command } from "./Commands.ts"
import { defaultSettings, makeDecide, type Settings } from "./decide.ts"
import type { Event } from "./Events.ts"
import { evolve } from "./evolve.ts"
import type { Rejection } from "./Rejections.ts"
import { initialState, type State } from "./State.ts"

export * from "./Commands.ts"
export { defaultSettings, makeDecide, requiredRoles, type Settings } from "./decide.ts"
export * from "./Events.ts"
export { evolve } from "./evolve.ts"
export * from "./invariants.ts"
export * from "./Rejections.ts"
export * from "./State.ts"

/**
 * The `Rating` decider for a deployment's settings.
 *
 * @category constructors
 * @since 0.3.0
 */
export const makeDecider = (settings: Settings): DeciderType<State, Command, Event, Rejection> => ({
  initialState,
  decide: makeDecide(settings),
  evolve,
})

/**
 * The `Rating` decider with the {@link defaultSettings}.
 *
 * @category models
 * @since 0.3.0
 */
export const decider: DeciderType<State, Command, Event, Rejection> = makeDecider(defaultSettings)
