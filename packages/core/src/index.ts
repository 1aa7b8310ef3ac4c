/**
 * @yiciban/core — the pure domain of Yiciban (一次办).
 *
 * @since 0.1.0
 */

/**
 * Who issues a command.
 *
 * @since 0.1.0
 */
export * as Actor from "./Actor.ts"

/**
 * Calendar dates (`YYYY-MM-DD`).
 *
 * @since 0.1.0
 */
export * as CalendarDate from "./CalendarDate.ts"

/**
 * The statutory clock of a case: promised and statutory limits in working days, pauses for
 * special procedures, extension, due dates and warning levels.
 *
 * @since 0.1.0
 */
export * as Clock from "./Clock.ts"

/**
 * The Decider kernel.
 *
 * @since 0.1.0
 */
export * as Decider from "./Decider.ts"

/**
 * The working-day calendar (工作日历): holidays and make-up working days per year, shipped for
 * mainland China 2020–2026.
 *
 * @since 0.1.0
 */
export * as WorkCalendar from "./WorkCalendar.ts"
