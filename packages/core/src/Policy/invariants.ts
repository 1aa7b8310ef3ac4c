/**
 * The named predicates of the `Policy` aggregate, used by `decide`, the property tests and the
 * docs.
 *
 * @since 0.3.0
 */
import type * as CalendarDate from "../CalendarDate.ts"
import { current, type State } from "./State.ts"

/**
 * The published versions are numbered 1, 2, … in order.
 *
 * @category guards
 * @since 0.3.0
 */
export const versionsConsecutive = (state: State): boolean => state.versions.every((v, i) => v.version === i + 1)

/**
 * The phase agrees with the record: `new` has nothing, `drafted` has a draft and no version,
 * `published`, `suspended` and `expired` have a version, `suspended` exactly with a suspension,
 * `expired` exactly with an expiry day.
 *
 * @category guards
 * @since 0.3.0
 */
export const phaseAgrees = (state: State): boolean =>
  (state.phase !== "new" || (state.draft === null && state.versions.length === 0)) &&
  (state.phase !== "drafted" || (state.draft !== null && state.versions.length === 0)) &&
  (!["published", "suspended", "expired"].includes(state.phase) || state.versions.length > 0) &&
  (state.phase === "suspended") === (state.suspension !== null) &&
  (state.phase === "expired") === (state.expiredOn !== null)

/**
 * Published versions never change: every version published in `before` is, unchanged, in `after`
 * (a published version is immutable; an amendment is a new version).
 *
 * @category guards
 * @since 0.3.0
 */
export const publishedUnchanged = (before: State, after: State): boolean =>
  before.versions.every((v, i) => JSON.stringify(after.versions[i]) === JSON.stringify(v))

/**
 * Every state invariant at once.
 *
 * @category guards
 * @since 0.3.0
 */
export const consistent = (state: State): boolean => versionsConsecutive(state) && phaseAgrees(state)

/**
 * The policy takes redemptions on `day`: published (not suspended or expired) and the day within
 * the window of the version in force.
 *
 * @category guards
 * @since 0.3.0
 */
export const openOn = (state: State, day: CalendarDate.CalendarDate): boolean => {
  const version = current(state)
  return (
    state.phase === "published" &&
    version !== undefined &&
    version.terms.window.opensOn <= day &&
    day <= version.terms.window.closesOn
  )
}
