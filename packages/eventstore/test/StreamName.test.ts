import { fc, test } from "@fast-check/vitest"
import { Result, Schema } from "effect"
import { describe, expect, it } from "vitest"
import { StreamName } from "../src/index.ts"

const alnum = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789"
const categoryArb = fc
  .tuple(
    fc.constantFrom(..."abcdefghijklmnopqrstuvwxyz"),
    fc.string({ unit: fc.constantFrom(...alnum), maxLength: StreamName.maxCategoryLength - 1 }),
  )
  .map(([head, tail]) => head + tail)
const idArb = fc
  .tuple(fc.constantFrom(...alnum), fc.string({ unit: fc.constantFrom(...`${alnum}-_.:`), maxLength: 120 }))
  .map(([head, tail]) => head + tail)
const decode = Schema.decodeUnknownResult(StreamName.StreamName)

describe("StreamName", () => {
  test.prop([categoryArb, idArb])(
    "accepts every <category>-<id> within the rules and splits it back",
    (category, id) => {
      const name = StreamName.make(category, id)
      if (category.length + 1 + id.length > StreamName.maxLength) {
        expect(Result.isFailure(name)).toBe(true)
        return
      }
      const parsed = Result.getOrThrow(name)
      expect(StreamName.category(parsed)).toBe(category)
      expect(StreamName.id(parsed)).toBe(id)
      expect(Result.isSuccess(decode(parsed))).toBe(true)
    },
  )

  test.prop([
    categoryArb,
    idArb,
    fc.nat(),
    fc.constantFrom(" ", "/", "\u00e9", "\u529e", "\n", "\u0000", "%", "#", "\uff11"),
  ])("rejects a name with any character outside the allowed set", (category, id, at, bad) => {
    const name = `${category}-${id}`
    const i = 1 + (at % name.length)
    const mangled = name.slice(0, i) + bad + name.slice(i)
    expect(StreamName.isStreamName(mangled)).toBe(false)
    expect(Result.isFailure(StreamName.parse(mangled))).toBe(true)
  })

  test.prop([fc.string({ maxLength: 80 })])("the guard, the parser and the schema agree on any string", (input) => {
    const accepted = StreamName.isStreamName(input)
    expect(Result.isSuccess(StreamName.parse(input))).toBe(accepted)
    expect(Result.isSuccess(decode(input))).toBe(accepted)
  })

  it("explains why a name is rejected", () => {
    expect(StreamName.problem("matter")).toContain("'-' is missing")
    expect(StreamName.problem("Matter-1")).toContain("category")
    expect(StreamName.problem("matter-")).toContain("id")
    expect(StreamName.problem(42)).toContain("string")
    const parsed = StreamName.parse("matter 1")
    expect(Result.isFailure(parsed) && parsed.failure).toMatchObject({ _tag: "InvalidStreamName", stream: "matter 1" })
  })
})
