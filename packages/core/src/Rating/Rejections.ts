/**
 * The rejections of the `Rating` aggregate: data, not thrown errors, each backed by a named
 * invariant in `invariants.ts`.
 *
 * @since 0.3.0
 */
import * as Schema from "effect/Schema"
import { InvalidInstant } from "../Decider.ts"
import { YearNotCovered } from "../WorkCalendar.ts"
import { Phase } from "./State.ts"

export { InvalidInstant, YearNotCovered }

/**
 * The command is not allowed in the rating's phase (guarded by `isAllowedIn`): a rating is given
 * once and never altered, a positive rating has no handling, a closed one takes no more steps.
 *
 * @category errors
 * @since 0.3.0
 */
export const NotInPhase = Schema.TaggedStruct("NotInPhase", {
  ratingId: Schema.String,
  command: Schema.String,
  phase: Phase,
  allowedIn: Schema.Array(Phase),
})

/**
 * @category models
 * @since 0.3.0
 */
export type NotInPhase = typeof NotInPhase.Type

/**
 * The case cannot be rated on this occasion (guarded by `rateableOn`): the rating id names another
 * case, or an online rating was asked for a case that has not concluded.
 *
 * @category errors
 * @since 0.3.0
 */
export const NotRateable = Schema.TaggedStruct("NotRateable", {
  ratingId: Schema.String,
  caseNo: Schema.String,
  why: Schema.String,
})

/**
 * @category models
 * @since 0.3.0
 */
export type NotRateable = typeof NotRateable.Type

/**
 * The unit has appealed this rating already: one appeal per rating (guarded by `mayAppeal`).
 *
 * @category errors
 * @since 0.3.0
 */
export const AlreadyAppealed = Schema.TaggedStruct("AlreadyAppealed", { ratingId: Schema.String })

/**
 * @category models
 * @since 0.3.0
 */
export type AlreadyAppealed = typeof AlreadyAppealed.Type

/**
 * Every rejection of the aggregate.
 *
 * @category schemas
 * @since 0.3.0
 */
export const Rejection = Schema.Union([InvalidInstant, YearNotCovered, NotInPhase, NotRateable, AlreadyAppealed])

/**
 * @category models
 * @since 0.3.0
 */
export type Rejection = typeof Rejection.Type
