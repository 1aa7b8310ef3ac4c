/**
 * The command path's parsers are made once per schema (`internal/codecs.ts`): the same parser for
 * the same schema, each schema its own, and answers equal to a parser made on the spot.
 */
import { Result, Schema } from "effect"
import { describe, expect, it } from "vitest"
import { decoderOf, encoderOf } from "../src/internal/codecs.ts"

const Day = Schema.Struct({ _tag: Schema.Literal("Day"), on: Schema.String })
const Count = Schema.Struct({ _tag: Schema.Literal("Count"), n: Schema.Number })
const Stamp = Schema.Struct({ at: Schema.Date })

describe("decoderOf / encoderOf", () => {
  it("keeps one parser per schema", () => {
    expect(decoderOf(Day)).toBe(decoderOf(Day))
    expect(encoderOf(Day)).toBe(encoderOf(Day))
    expect(decoderOf(Count)).not.toBe(decoderOf(Day))
  })

  it("parses with the schema it was asked for, whichever was asked first", () => {
    const day = { _tag: "Day", on: "2026-09-24" }
    const count = { _tag: "Count", n: 3 }
    expect(Result.isSuccess(decoderOf(Day)(day))).toBe(true)
    expect(Result.isFailure(decoderOf(Count)(day))).toBe(true)
    expect(Result.isSuccess(decoderOf(Count)(count))).toBe(true)
    expect(Result.isFailure(decoderOf(Day)(count))).toBe(true)
    const at = new Date("2026-09-24T01:30:00.000Z")
    expect(encoderOf(Stamp)({ at })).toEqual(Schema.encodeUnknownResult(Stamp)({ at }))
    expect(Result.isFailure(encoderOf(Count)(day))).toBe(true)
  })

  it("takes parse options per call", () => {
    const extra = { _tag: "Day", on: "2026-09-24", more: 1 }
    expect(Result.isSuccess(decoderOf(Day)(extra))).toBe(true)
    expect(Result.isFailure(decoderOf(Day)(extra, { onExcessProperty: "error" }))).toBe(true)
  })
})
