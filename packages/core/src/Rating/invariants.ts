/**
 * The named rules of a rating, used by `decide`, the property tests, the projections and the docs.
 *
 * @since 0.3.0
 */
import type { Command } from "./Commands.ts"
import type { Event } from "./Events.ts"
import { caseNoOf, isNegativeLevel, occasionOf, type Phase, type RatedCase, type State } from "./State.ts"

/**
 * The phases each command is allowed in: the transition table of the rating.
 *
 * @category models
 * @since 0.3.0
 */
export const allowedPhases: { readonly [K in Command["_tag"]]: ReadonlyArray<Phase> } = {
  OpenRating: ["new"],
  GiveRating: ["invited"],
  RecordDefaultRating: ["invited"],
  VerifyNegative: ["reported"],
  RectifyAtOnce: ["verified"],
  RectifyByDeadline: ["verified"],
  CompleteRectification: ["rectifying"],
  ExplainNegative: ["verified"],
  RecordCallback: ["awaitingCallback"],
  AppealRating: ["reported", "verified", "rectifying", "awaitingCallback"],
  DecideAppeal: ["appealed"],
}

/**
 * True when the command is allowed in the phase.
 *
 * @category guards
 * @since 0.3.0
 */
export const isAllowedIn = (command: Command["_tag"], phase: Phase): boolean => allowedPhases[command].includes(phase)

/**
 * Why a case cannot be rated on the occasion its rating id names, or `undefined` when it can: the
 * id names this case, and an online rating needs a concluded case (办结).
 *
 * @category guards
 * @since 0.3.0
 */
export const rateableOn = (ratingId: string, ratedCase: RatedCase): string | undefined => {
  if (caseNoOf(ratingId) !== ratedCase.caseNo) return `the rating id names case ${caseNoOf(ratingId)}`
  if (occasionOf(ratingId)._tag === "Online" && ratedCase.concludedOn === null) return "the case has not concluded"
  return undefined
}

/**
 * The rating counts as an actual rating in the rates: given by the rater (not a default) and not
 * excluded by an upheld appeal.
 *
 * @category guards
 * @since 0.3.0
 */
export const countsAsActual = (state: State): boolean =>
  state.given !== null && !state.given.default && state.phase !== "excluded"

/**
 * The rating is negative and must be handled: an actual rating of level 4 or 5.
 *
 * @category guards
 * @since 0.3.0
 */
export const isNegative = (state: State): boolean =>
  state.given !== null && !state.given.default && isNegativeLevel(state.given.level)

/**
 * A negative rating's handling is recorded exactly for actual negative ratings, and a default
 * rating is never negative.
 *
 * @category guards
 * @since 0.3.0
 */
export const handlingOnlyForNegatives = (state: State): boolean =>
  (state.negative !== null) === isNegative(state) &&
  (state.given?.default !== true || !isNegativeLevel(state.given.level))

/**
 * A closed negative went through every step: verified, rectified or explained (a rectification by
 * deadline done), called back, in that order of days.
 *
 * @category guards
 * @since 0.3.0
 */
export const closedInOrder = (state: State): boolean => {
  if (state.phase !== "closed") return true
  const n = state.negative
  if (n === null || n.verification === null || n.handling === null || n.callback === null || n.closedOn === null) {
    return false
  }
  const handledOn = n.handling._tag === "RectifyByDeadline" ? n.handling.doneOn : n.handling.on
  return handledOn !== null && n.verification.on <= n.handling.on && handledOn <= n.callback.on
}

/**
 * A rating is excluded exactly when an appeal was upheld.
 *
 * @category guards
 * @since 0.3.0
 */
export const excludedOnlyByUpheldAppeal = (state: State): boolean =>
  (state.phase === "excluded") === (state.negative?.appeals.some((a) => a.decision?.upheld === true) ?? false)

/**
 * The phase agrees with the record.
 *
 * @category guards
 * @since 0.3.0
 */
export const phaseAgrees = (state: State): boolean => {
  switch (state.phase) {
    case "new":
      return state.ratedCase === null && state.given === null
    case "invited":
      return state.ratedCase !== null && state.given === null
    case "rated":
      return state.given !== null && state.negative === null
    default:
      return state.given !== null && state.negative !== null
  }
}

/**
 * Every state invariant at once.
 *
 * @category guards
 * @since 0.3.0
 */
export const consistent = (state: State): boolean =>
  phaseAgrees(state) && handlingOnlyForNegatives(state) && closedInOrder(state) && excludedOnlyByUpheldAppeal(state)

/**
 * Nobody alters a rating: a stream records at most one `RatingGiven`, after its `RatingOpened`.
 *
 * @category guards
 * @since 0.3.0
 */
export const givenOnce = (events: ReadonlyArray<Event>): boolean => {
  const given = events.filter((e) => e._tag === "RatingGiven").length
  const opened = events.findIndex((e) => e._tag === "RatingOpened")
  const first = events.findIndex((e) => e._tag === "RatingGiven")
  return given <= 1 && (first === -1 || (opened !== -1 && opened < first))
}

/**
 * A negative rating closed on time with a callback that reached the rater: what the "effective
 * handling of negatives" rate counts.
 *
 * @category guards
 * @since 0.3.0
 */
export const closedOnTimeWithCallback = (state: State): boolean =>
  state.phase === "closed" &&
  state.negative !== null &&
  state.negative.closedOn !== null &&
  state.negative.closedOn <= state.negative.handleBy &&
  state.negative.callback?.reached === true
