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
 * The Decider kernel.
 *
 * @since 0.1.0
 */
export * as Decider from "./Decider.ts"
