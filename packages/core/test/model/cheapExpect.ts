/**
 * Assertions for the hot loop of a model-based test: each compares with plain JavaScript first
 * and calls vitest's matcher only when that comparison fails, so a passing step costs no matcher
 * call (a vitest `expect` copies its state on every call; a model run makes tens of thousands).
 * They accept exactly what the matcher named accepts: whenever the cheap comparison passes, the
 * matcher would have passed too, and when it fails the matcher decides and reports.
 */
import { isDeepStrictEqual } from "node:util"
import { expect } from "vitest"

/** `expect(value, name).toBe(true)`. */
export const expectTrue = (value: boolean, name?: string): void => {
  if (value !== true) expect(value, name).toBe(true)
}

/** `expect(actual, name).toBe(expected)`. */
export const expectSame = <A>(actual: A, expected: A, name?: string): void => {
  if (!Object.is(actual, expected)) expect(actual, name).toBe(expected)
}

/** `expect(actual, name).toEqual(expected)`; strict deep equality implies vitest's equality. */
export const expectEqual = <A>(actual: A, expected: A, name?: string): void => {
  if (!isDeepStrictEqual(actual, expected)) expect(actual, name).toEqual(expected)
}

/** `expect(actual, name).toMatchObject(expected)`: every key of `expected` present on `actual` and strictly equal. */
export const expectMatch = (actual: object, expected: Readonly<Record<string, unknown>>, name?: string): void => {
  const record = actual as Readonly<Record<string, unknown>>
  const matches = Object.keys(expected).every((key) => key in record && isDeepStrictEqual(record[key], expected[key]))
  if (!matches) expect(actual, name).toMatchObject(expected)
}
