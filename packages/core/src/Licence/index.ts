/**
 * A licence (许可证件, and its electronic form 电子证照) after the grant: issued from a granted and
 * concluded case with its holder, number, scope, term (from the matter's validity) and issuing
 * authority; renewed (延续, ALL Art 50: applied for at least 30 days before expiry, decided before
 * it, else renewed by law), changed (变更, Art 49), suspended and lifted by a supervising authority,
 * revoked (撤销, Art 69(1) for the authority's error with compensation on record, Art 69(2) for the
 * holder's fraud, with the public-interest exception of Art 69(3)) and deregistered (注销, Art 70).
 * {@link validOn} says whether it is valid on a day.
 *
 * Stream: `licence-<caseNo>`, the number of the case that produced it.
 *
 * @example
 * ```ts
 * import { CalendarDate, Decider, Licence } from "@yiciban/core"
 *
 * const state = Decider.fold(Licence.decider, events)
 * Licence.validOn(state, CalendarDate.make("2027-05-01"))
 * ```
 *
 * @since 0.2.0
 */
import type { Decider as DeciderType } from "../Decider.ts"
import type { Command } from "./Commands.ts"
import { decide } from "./decide.ts"
import type { Event } from "./Events.ts"
import { evolve } from "./evolve.ts"
import type { Rejection } from "./Rejections.ts"
import { initialState, type State } from "./State.ts"

export * from "./Commands.ts"
export * from "./credit.ts"
export { decide, requiredRoles } from "./decide.ts"
export * from "./Events.ts"
export { evolve } from "./evolve.ts"
export * from "./invariants.ts"
export * from "./queries.ts"
export * from "./Rejections.ts"
export * from "./State.ts"

/**
 * The `Licence` decider.
 *
 * @category models
 * @since 0.2.0
 */
export const decider: DeciderType<State, Command, Event, Rejection> = { initialState, decide, evolve }
