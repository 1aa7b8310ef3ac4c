import { fc, test } from "@fast-check/vitest"
import { Result, Schema } from "effect"
import { describe, expect } from "vitest"
import { ExpectedVersion } from "../src/index.ts"

const expectedArb = fc.oneof(
  fc.constant(ExpectedVersion.any),
  fc.constant(ExpectedVersion.noStream),
  fc.constant(ExpectedVersion.streamExists),
  fc.nat(4).map(ExpectedVersion.exact),
)

describe("ExpectedVersion", () => {
  test.prop([expectedArb, fc.nat(4)])("each mode holds exactly at the versions it names", (expected, actual) => {
    const holds = ExpectedVersion.isSatisfiedBy(expected, actual)
    const named =
      expected._tag === "Any"
        ? true
        : expected._tag === "NoStream"
          ? actual === 0
          : expected._tag === "StreamExists"
            ? actual > 0
            : actual === expected.version
    expect(holds).toBe(named)
    if (expected._tag === "NoStream")
      expect(holds).toBe(ExpectedVersion.isSatisfiedBy(ExpectedVersion.exact(0), actual))
  })

  test.prop([expectedArb])("is a schema value that formats readably", (expected) => {
    expect(Result.isSuccess(Schema.decodeUnknownResult(ExpectedVersion.ExpectedVersion)(expected))).toBe(true)
    expect(ExpectedVersion.format(expected)).toMatch(/^(any|noStream|streamExists|exact\(\d+\))$/)
  })
})
