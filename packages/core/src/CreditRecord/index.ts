/**
 * A credit record (信用记录) per applicant: an enterprise by its unified social credit code or a
 * person by the resident identity number. It keeps entries for false commitments, false
 * materials, fraud and other defaults, each with its source, reason, effective and expiry dates,
 * and their credit repair (信用修复) or revocation; {@link standing} turns it into the eligibility
 * fact an application's notify-and-commit mode requires.
 *
 * Stream: `credit-<code>`. Every command requires the `system` or `supervisor` role.
 *
 * @example
 * ```ts
 * import { CalendarDate, CreditRecord, Decider } from "@yiciban/core"
 *
 * const outcome = Decider.run(CreditRecord.decider, CreditRecord.initialFor(subject), {
 *   _tag: "RecordEntry",
 *   subject,
 *   entryId: "2026-0042/falseCommitment",
 *   kind: "falseCommitment",
 *   source: { _tag: "Application", caseNo: "2026-0042", matterCode },
 *   reason: "On-site verification found no premises at the committed address",
 *   effectiveOn: CalendarDate.make("2026-10-09"),
 * }, context)
 * // expires 2027-10-09 (one year); CreditRecord.standing(state, day).barredFromCommitment until then
 * ```
 *
 * @since 0.1.0
 */
import type { Decider } from "../Decider.ts"
import type { Command } from "./Commands.ts"
import { makeDecide } from "./decide.ts"
import type { Event } from "./Events.ts"
import { evolve } from "./evolve.ts"
import type { Rejection } from "./Rejections.ts"
import { defaultSettings, initialState, type Settings, type State } from "./State.ts"

export * from "./Bars.ts"
export * from "./Commands.ts"
export { makeDecide, requiredRoles } from "./decide.ts"
export * from "./Events.ts"
export { evolve } from "./evolve.ts"
export * from "./invariants.ts"
export * from "./Rejections.ts"
export * from "./Standing.ts"
export * from "./State.ts"

/**
 * The `CreditRecord` decider under a deployment's settings (the default period of each kind).
 *
 * @example
 * ```ts
 * import { CreditRecord } from "@yiciban/core"
 *
 * const decider = CreditRecord.make({
 *   periods: { ...CreditRecord.defaultSettings.periods, seriousDefault: { amount: 3, unit: "years" } },
 * })
 * ```
 *
 * @category constructors
 * @since 0.1.0
 */
export const make = (settings: Settings): Decider<State, Command, Event, Rejection> => ({
  initialState,
  decide: makeDecide(settings),
  evolve,
})

/**
 * The `CreditRecord` decider under the statutory defaults (`defaultSettings`).
 *
 * @category models
 * @since 0.1.0
 */
export const decider: Decider<State, Command, Event, Rejection> = make(defaultSettings)
