/**
 * What an append expects of the stream it writes to. The store checks the expectation and writes
 * in one atomic step; when the expectation does not hold, nothing is written and the append fails
 * with a `VersionConflict` carrying the stream's actual version.
 *
 * Versions: a stream's first event has version 1, its n-th event version n, and the stream's
 * version is the version of its last event. A stream with no events does not exist and has
 * version 0, so `exact(0)` means the same as `noStream`.
 *
 * @since 0.1.0
 */
import * as Schema from "effect/Schema"

/**
 * Append whatever the stream's version is.
 *
 * @category schemas
 * @since 0.1.0
 */
export const Any = Schema.TaggedStruct("Any", {})

/**
 * Append only when the stream has no events yet.
 *
 * @category schemas
 * @since 0.1.0
 */
export const NoStream = Schema.TaggedStruct("NoStream", {})

/**
 * Append only when the stream has at least one event.
 *
 * @category schemas
 * @since 0.1.0
 */
export const StreamExists = Schema.TaggedStruct("StreamExists", {})

/**
 * Append only when the stream's version is exactly `version` (0 for a stream with no events).
 *
 * @category schemas
 * @since 0.1.0
 */
export const Exact = Schema.TaggedStruct("Exact", {
  version: Schema.Int.check(Schema.isGreaterThanOrEqualTo(0)),
})

/**
 * One of `any`, `noStream`, `streamExists`, `exact(n)`.
 *
 * @category schemas
 * @since 0.1.0
 */
export const ExpectedVersion = Schema.Union([Any, NoStream, StreamExists, Exact])

/**
 * @category models
 * @since 0.1.0
 */
export type ExpectedVersion = typeof ExpectedVersion.Type

/**
 * Append whatever the stream's version is.
 *
 * @category constructors
 * @since 0.1.0
 */
export const any: ExpectedVersion = { _tag: "Any" }

/**
 * Append only when the stream has no events yet.
 *
 * @category constructors
 * @since 0.1.0
 */
export const noStream: ExpectedVersion = { _tag: "NoStream" }

/**
 * Append only when the stream has at least one event.
 *
 * @category constructors
 * @since 0.1.0
 */
export const streamExists: ExpectedVersion = { _tag: "StreamExists" }

/**
 * Append only when the stream's version is exactly `version`.
 *
 * @example
 * ```ts
 * import { ExpectedVersion } from "@yiciban/eventstore"
 *
 * // the command handler read versions 1..3 and decided on that state
 * const expected = ExpectedVersion.exact(3)
 * ```
 *
 * @category constructors
 * @since 0.1.0
 */
export const exact = (version: number): ExpectedVersion => ({ _tag: "Exact", version })

/**
 * True when a stream at `actual` version satisfies the expectation.
 *
 * @example
 * ```ts
 * import { ExpectedVersion } from "@yiciban/eventstore"
 *
 * ExpectedVersion.isSatisfiedBy(ExpectedVersion.exact(3), 3) // true
 * ExpectedVersion.isSatisfiedBy(ExpectedVersion.noStream, 3) // false
 * ```
 *
 * @category guards
 * @since 0.1.0
 */
export const isSatisfiedBy = (expected: ExpectedVersion, actual: number): boolean => {
  switch (expected._tag) {
    case "Any":
      return true
    case "NoStream":
      return actual === 0
    case "StreamExists":
      return actual > 0
    case "Exact":
      return actual === expected.version
  }
}

/**
 * A short human-readable form: `any`, `noStream`, `streamExists`, `exact(3)`.
 *
 * @category combinators
 * @since 0.1.0
 */
export const format = (expected: ExpectedVersion): string =>
  expected._tag === "Exact" ? `exact(${expected.version})` : expected._tag[0]!.toLowerCase() + expected._tag.slice(1)
