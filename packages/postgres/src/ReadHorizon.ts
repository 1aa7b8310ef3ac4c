/**
 * The read horizon of the PostgreSQL store and the stall it can suffer.
 *
 * `readAll` only returns events below the **horizon**: the first global position that a
 * transaction still in progress could yet commit. An appending transaction that stays open holds
 * the horizon at its position, so subscribers wait for it rather than skip it (the "gap"
 * problem). Transactions that never append do not hold it at all. How long the oldest open
 * appender has held it is the **stall**; past `maxStall` the store either terminates that
 * appender's session (its transaction rolls back, nothing committed is skipped) or fails the
 * read loudly. See docs/eventstore.md.
 *
 * @since 0.1.0
 */
import * as Data from "effect/Data"
import * as Duration from "effect/Duration"

/**
 * The appending transaction that holds the horizon back: its backend process id, its
 * transaction id (xid8, as text), when it started (when the database tells; `undefined` when the
 * store's role may not see other sessions' activity) and for how long it has held the horizon,
 * in milliseconds.
 *
 * @category models
 * @since 0.1.0
 */
export interface Blocker {
  readonly pid: number
  readonly transactionId: string
  readonly since: string | undefined
  readonly heldForMillis: number
}

/**
 * The horizon as one read saw it: `bound` is the first global position not yet readable;
 * `blocker` the oldest appending transaction still open, if any; `exceeded` is true when it has
 * held the horizon longer than `maxStallMillis`.
 *
 * @category models
 * @since 0.1.0
 */
export interface StallStatus {
  readonly bound: number
  readonly blocker: Blocker | undefined
  readonly maxStallMillis: number
  readonly exceeded: boolean
}

/**
 * What a reader does when one appending transaction has held the horizon longer than `maxStall`:
 *
 * - `"terminate"` (default): terminate that transaction's session with `pg_terminate_backend`
 *   (it rolls back; its append fails with `StoreUnavailable` and may be retried with the same
 *   event ids), log a warning and read on. Needs a role that may signal the appender's session
 *   (the same role, or `pg_signal_backend`); when it may not, the read fails as with `"fail"`.
 * - `"fail"`: fail the read with `StoreUnavailable` whose cause is {@link AppendStalled}, until
 *   the transaction ends. Subscribers stop loudly instead of waiting silently.
 *
 * Neither ever skips the position: an event that commits is always delivered.
 *
 * @category models
 * @since 0.1.0
 */
export type StallAction = "terminate" | "fail"

/**
 * The stall limit: `maxStall` (default 30 seconds) and the {@link StallAction} past it.
 *
 * @example
 * ```ts
 * import type { ReadHorizon } from "@yiciban/postgres"
 *
 * const stall: ReadHorizon.StallOptions = { maxStall: "10 seconds", onExceeded: "fail" }
 * ```
 *
 * @category models
 * @since 0.1.0
 */
export interface StallOptions {
  readonly maxStall?: Duration.Input | undefined
  readonly onExceeded?: StallAction | undefined
}

/**
 * The default stall limit: 30 seconds. An append's transaction normally lasts milliseconds.
 *
 * @category constructors
 * @since 0.1.0
 */
export const defaultMaxStall: Duration.Duration = Duration.seconds(30)

/**
 * An appending transaction has held the read horizon longer than the limit. Carried as the
 * `cause` of the `StoreUnavailable` a read fails with under `onExceeded: "fail"`, or when the
 * store could not terminate the transaction.
 *
 * @category errors
 * @since 0.1.0
 */
export class AppendStalled extends Data.TaggedError("AppendStalled")<{
  readonly blocker: Blocker
  readonly maxStallMillis: number
  readonly action: StallAction
}> {
  override get message(): string {
    const { blocker } = this
    return (
      `an appending transaction (pid ${blocker.pid}, xid ${blocker.transactionId}) has held the read horizon ` +
      `for ${Math.round(blocker.heldForMillis)} ms, beyond the limit of ${this.maxStallMillis} ms`
    )
  }
}
