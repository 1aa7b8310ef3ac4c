/**
 * @yiciban/cli — the `yiciban` command, also as a function (`Cli.run(argv, io)`) for hosts that
 * embed it.
 *
 * @since 0.2.0
 */

/**
 * The program: `init`, `timers run`, `matters import`, `calendar show|check`, and its exit codes.
 *
 * @since 0.2.0
 */
export * as Cli from "./Cli.ts"

/**
 * The programs behind `replay` and `projections rebuild`, for hosts that run them themselves.
 *
 * @since 0.3.0
 */
export * as Maintenance from "./Maintenance.ts"
