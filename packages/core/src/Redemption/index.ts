/**
 * Policy redemption (政策兑现): the ledger of one policy's awards — applications (快申快享) accepted,
 * jointly reviewed and approved, offers found from shared data (免申即享) confirmed or paid without
 * confirmation, direct disbursement (直兑直达) into the verified account, refusal, rescission with
 * repayment — and the budget invariant: the sum approved never exceeds the budget, no subject is
 * paid twice, a rescinded award returns to the budget.
 *
 * Stream: `redemption-<policyId>`: one stream per policy, so every approval is decided on the
 * whole ledger and appended with its expected version (docs/policy.md says why and what it costs).
 *
 * @since 0.3.0
 */
import type { CommandContext, Decider as DeciderType } from "../Decider.ts"
import type { Command } from "./Commands.ts"
import { decide } from "./decide.ts"
import type { Event } from "./Events.ts"
import { evolve } from "./evolve.ts"
import type { Rejection } from "./Rejections.ts"
import { type Facts, initialState, type State } from "./State.ts"

export * from "./Commands.ts"
export { decide, requiredRoles } from "./decide.ts"
export * from "./Events.ts"
export { evolve } from "./evolve.ts"
export * from "./invariants.ts"
export * from "./Rejections.ts"
export * from "./State.ts"

/**
 * The `Redemption` decider.
 *
 * @category models
 * @since 0.3.0
 */
export const decider: DeciderType<State, Command, Event, Rejection, CommandContext<Facts>> = {
  initialState,
  decide,
  evolve,
}
