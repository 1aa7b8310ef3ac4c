/**
 * The named predicates of the `Redemption` aggregate: the budget invariant and its companions,
 * used by `decide`, the model-based test and the docs.
 *
 * @since 0.3.0
 */
import type { Award, AwardStatus, State } from "./State.ts"

/**
 * The statuses whose amount is committed against the budget.
 *
 * @category models
 * @since 0.3.0
 */
export const committedStatuses: ReadonlyArray<AwardStatus> = ["approved", "disbursed"]

/**
 * The statuses after which the subject may apply, or be offered, again.
 *
 * @category models
 * @since 0.3.0
 */
export const reopenableStatuses: ReadonlyArray<AwardStatus> = ["refused", "declined"]

/**
 * Approving `amountFen` keeps the committed sum within `budgetFen`.
 *
 * @category guards
 * @since 0.3.0
 */
export const fitsBudget = (state: State, amountFen: number, budgetFen: number): boolean =>
  state.committedFen + amountFen <= budgetFen

/**
 * The budget invariant: the sum approved (and not rescinded) never exceeds the budget it was
 * approved against.
 *
 * @category guards
 * @since 0.3.0
 */
export const withinBudget = (state: State): boolean => state.committedFen <= state.budgetFen

/**
 * The committed sum is exactly the sum of the awards approved or disbursed (a rescinded award
 * returned its amount).
 *
 * @category guards
 * @since 0.3.0
 */
export const committedMatchesAwards = (state: State): boolean =>
  state.committedFen ===
  Object.values(state.awards)
    .filter((award) => committedStatuses.includes(award.status))
    .reduce((sum, award) => sum + (award.amountFen ?? 0), 0)

/**
 * No subject is paid twice: the disbursed sum is the sum of the amounts of the awards that were
 * disbursed (disbursed now, or rescinded after their disbursement), each once.
 *
 * @category guards
 * @since 0.3.0
 */
export const paidOnce = (state: State): boolean =>
  state.disbursedFen ===
  Object.values(state.awards)
    .filter((award) => award.payee !== null)
    .reduce((sum, award) => sum + (award.amountFen ?? 0), 0)

/**
 * Every ledger invariant at once.
 *
 * @category guards
 * @since 0.3.0
 */
export const consistent = (state: State): boolean =>
  withinBudget(state) && committedMatchesAwards(state) && paidOnce(state) && state.repaidFen <= state.disbursedFen

/**
 * The departments of the policy that have not reviewed an award yet, and those that disagreed.
 *
 * @category combinators
 * @since 0.3.0
 */
export const jointReviewStatus = (
  state: State,
  award: Award,
): { readonly outstanding: ReadonlyArray<string>; readonly disagreed: ReadonlyArray<string> } => {
  const departments = (state.policy?.jointReviewers ?? []).map((d) => d.creditCode)
  return {
    outstanding: departments.filter((d) => !award.reviews.some((r) => r.department === d)),
    disagreed: award.reviews.filter((r) => !r.agrees).map((r) => r.department),
  }
}

/**
 * The sum the budget has left after what is committed.
 *
 * @category combinators
 * @since 0.3.0
 */
export const remainingFen = (state: State, budgetFen: number): number => budgetFen - state.committedFen
