/**
 * A policy (政策) in the policy library (政策库): drafted, published as immutable versions, amended
 * (a new version), suspended, resumed and expired after its window; its terms — issuing authority,
 * legal basis, region, industries, subject kinds, eligibility criteria as data, the amount rule,
 * budget, window, redemption mode (快申快享 or 免申即享) and materials — and the pure functions that
 * judge an applicant: {@link eligibility} and {@link amountOf}.
 *
 * Stream: `policy-<policyId>`.
 *
 * @example
 * ```ts
 * import { Decider, Policy } from "@yiciban/core"
 *
 * const state = Decider.fold(Policy.decider, events)
 * Policy.eligibility(Policy.current(state)!.terms, facts) // [] when eligible
 * ```
 *
 * @since 0.3.0
 */
import type { Decider as DeciderType } from "../Decider.ts"
import type { Command } from "./Commands.ts"
import { decide } from "./decide.ts"
import type { Event } from "./Events.ts"
import { evolve } from "./evolve.ts"
import type { Rejection } from "./Rejections.ts"
import { initialState, type State } from "./State.ts"

export * from "./Commands.ts"
export { decide, requiredRoles } from "./decide.ts"
export * from "./Events.ts"
export { evolve } from "./evolve.ts"
export * from "./invariants.ts"
export * from "./Rejections.ts"
export * from "./State.ts"
export * from "./Terms.ts"

/**
 * The `Policy` decider.
 *
 * @category models
 * @since 0.3.0
 */
export const decider: DeciderType<State, Command, Event, Rejection> = { initialState, decide, evolve }
