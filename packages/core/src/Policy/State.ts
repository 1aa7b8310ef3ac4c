/**
 * The state of the `Policy` aggregate: its phase, the draft being prepared and the published
 * versions (immutable once published).
 *
 * @since 0.3.0
 */
import * as Schema from "effect/Schema"
import { CalendarDate } from "../CalendarDate.ts"
import { Terms } from "./Terms.ts"

/**
 * `new` (nothing yet), `drafted` (a draft, never published), `published`, `suspended` (no new
 * redemption) or `expired` (after its window; final).
 *
 * @category schemas
 * @since 0.3.0
 */
export const Phase = Schema.Literals(["new", "drafted", "published", "suspended", "expired"])

/**
 * @category models
 * @since 0.3.0
 */
export type Phase = typeof Phase.Type

/**
 * A published version: its number (1, 2, …), its terms and the day it was published.
 *
 * @category schemas
 * @since 0.3.0
 */
export const PublishedVersion = Schema.Struct({
  version: Schema.Int.check(Schema.isGreaterThanOrEqualTo(1)),
  terms: Terms,
  publishedOn: CalendarDate,
})

/**
 * @category models
 * @since 0.3.0
 */
export type PublishedVersion = typeof PublishedVersion.Type

/**
 * A policy.
 *
 * @category schemas
 * @since 0.3.0
 */
export const State = Schema.Struct({
  policyId: Schema.String,
  phase: Phase,
  draft: Schema.NullOr(Terms),
  versions: Schema.Array(PublishedVersion),
  suspension: Schema.NullOr(Schema.Struct({ since: CalendarDate, reason: Schema.String })),
  expiredOn: Schema.NullOr(CalendarDate),
})

/**
 * @category models
 * @since 0.3.0
 */
export type State = typeof State.Type

/**
 * The state before any event.
 *
 * @category constructors
 * @since 0.3.0
 */
export const initialState: State = {
  policyId: "",
  phase: "new",
  draft: null,
  versions: [],
  suspension: null,
  expiredOn: null,
}

/**
 * The version in force (the latest published), or `undefined`.
 *
 * @category combinators
 * @since 0.3.0
 */
export const current = (state: State): PublishedVersion | undefined => state.versions.at(-1)
