/**
 * Stream names: `<category>-<id>`, for example `matter-11430100MB1234567X-0001` or
 * `application-0190f0c8-8d6b-7c3e-9a51-6f2b0e8c1d2a`.
 *
 * The rules, checked by every adapter before anything is written or read:
 *
 * - the whole name is 3 to 200 characters of printable ASCII (so a byte is a character and the
 *   name fits any index);
 * - the **category** is everything before the first `-`: 1 to 64 characters, a lowercase ASCII
 *   letter followed by ASCII letters and digits (`matter`, `application`, `serviceBundle`);
 * - the **id** is everything after the first `-`: at least one character, starting with an ASCII
 *   letter or digit, followed by ASCII letters, digits and `-`, `_`, `.`, `:` (so UUIDs, unified
 *   social credit codes and composite ids all fit).
 *
 * @since 0.1.0
 */
import * as Result from "effect/Result"
import * as Schema from "effect/Schema"
import { InvalidStreamName } from "./EventStoreError.ts"

/**
 * The longest allowed stream name, in characters (ASCII, so also in bytes).
 *
 * @category models
 * @since 0.1.0
 */
export const maxLength = 200

/**
 * The longest allowed category, in characters.
 *
 * @category models
 * @since 0.1.0
 */
export const maxCategoryLength = 64

const categoryPattern = /^[a-z][A-Za-z0-9]*$/
const idPattern = /^[A-Za-z0-9][A-Za-z0-9_.:-]*$/

/**
 * Why a string is not a stream name, or `undefined` when it is one.
 *
 * @category guards
 * @since 0.1.0
 */
export const problem = (input: unknown): string | undefined => {
  if (typeof input !== "string") return "a stream name must be a string"
  if (input.length > maxLength) return `a stream name has at most ${maxLength} characters, got ${input.length}`
  const dash = input.indexOf("-")
  if (dash < 0) return "a stream name is <category>-<id>: the '-' is missing"
  const category = input.slice(0, dash)
  const id = input.slice(dash + 1)
  if (category.length === 0) return "the category (before the first '-') is empty"
  if (category.length > maxCategoryLength) return `the category has at most ${maxCategoryLength} characters`
  if (!categoryPattern.test(category)) {
    return "the category starts with a lowercase ASCII letter followed by ASCII letters and digits"
  }
  if (id.length === 0) return "the id (after the first '-') is empty"
  if (!idPattern.test(id)) {
    return "the id starts with an ASCII letter or digit followed by ASCII letters, digits and '-', '_', '.', ':'"
  }
  return undefined
}

/**
 * True when the input is a valid stream name.
 *
 * @example
 * ```ts
 * import { StreamName } from "@yiciban/eventstore"
 *
 * StreamName.isStreamName("application-42") // true
 * StreamName.isStreamName("Application 42") // false
 * ```
 *
 * @category guards
 * @since 0.1.0
 */
export const isStreamName = (input: unknown): input is StreamName => problem(input) === undefined

/**
 * A valid stream name, as a branded string.
 *
 * @category schemas
 * @since 0.1.0
 */
export const StreamName = Schema.String.check(
  Schema.makeFilter((input: string) => problem(input) ?? true, {
    expected: "a stream name <category>-<id>",
  }),
).pipe(Schema.brand("@yiciban/eventstore/StreamName"))

/**
 * @category models
 * @since 0.1.0
 */
export type StreamName = typeof StreamName.Type

/**
 * Checks a string, returning the branded name or an {@link InvalidStreamName} error.
 *
 * @example
 * ```ts
 * import { Result } from "effect"
 * import { StreamName } from "@yiciban/eventstore"
 *
 * Result.isSuccess(StreamName.parse("matter-0001")) // true
 * Result.isFailure(StreamName.parse("matter")) // true
 * ```
 *
 * @category constructors
 * @since 0.1.0
 */
export const parse = (input: string): Result.Result<StreamName, InvalidStreamName> => {
  const reason = problem(input)
  return reason === undefined
    ? Result.succeed(input as StreamName)
    : Result.fail(new InvalidStreamName({ stream: String(input), reason }))
}

/**
 * Builds `<category>-<id>` and checks it.
 *
 * @example
 * ```ts
 * import { StreamName } from "@yiciban/eventstore"
 *
 * StreamName.make("application", "0001") // Result.succeed("application-0001")
 * ```
 *
 * @category constructors
 * @since 0.1.0
 */
export const make = (category: string, id: string): Result.Result<StreamName, InvalidStreamName> =>
  parse(`${category}-${id}`)

/**
 * The category of a valid stream name (the part before the first `-`).
 *
 * @category combinators
 * @since 0.1.0
 */
export const category = (name: StreamName): string => name.slice(0, name.indexOf("-"))

/**
 * The id of a valid stream name (the part after the first `-`).
 *
 * @category combinators
 * @since 0.1.0
 */
export const id = (name: StreamName): string => name.slice(name.indexOf("-") + 1)
