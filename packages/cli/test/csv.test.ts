/**
 * CSV catalogues: each row becomes the entry a JSON catalogue holds (dotted headers, `:json`
 * cells), goes through the same validation, and a row that cannot be read is refused on its own.
 */
import { readFileSync } from "node:fs"
import { join } from "node:path"
import { createYiciban } from "@yiciban/runtime"
import { describe, expect, it } from "vitest"
import { entriesFromCsv } from "../src/commands/csv.ts"

const data = join(import.meta.dirname, "data")
const actor = JSON.parse(readFileSync(join(data, "actor.json"), "utf8"))

describe("entriesFromCsv", () => {
  it("makes the JSON catalogue's entry from a row, and refuses a row whose JSON cell does not parse", async () => {
    const json = JSON.parse(readFileSync(join(data, "matters.json"), "utf8"))
    const rows = entriesFromCsv(readFileSync(join(data, "matters.csv"), "utf8"))
    expect(rows).toHaveLength(3)
    expect(rows[0]).toEqual({
      row: 2,
      entry: { ...json[0], implementationCode: "11430100MB1A38544B-000101001000-02" },
    })
    expect(rows[2]).toEqual({
      row: 4,
      code: "11430100MB1A38544B-000101003000-02",
      refused: expect.stringMatching(/^InvalidCsv: row 4, column elements\.materials:json: not JSON/),
    })

    // The same validation as JSON: the entry without a name is refused by the matter's schema.
    const yiciban = await createYiciban()
    try {
      const published = await yiciban.matter.publish((rows[0] as unknown as { entry: never }).entry, actor)
      expect(published.name).toBe("食品经营许可")
      await expect(yiciban.matter.publish((rows[1] as unknown as { entry: never }).entry, actor)).rejects.toMatchObject(
        {
          _tag: "InvalidCommand",
          message: expect.stringContaining("name"),
        },
      )
    } finally {
      await yiciban.close()
    }
  })

  it("an empty cell leaves the field out; a clash of paths refuses the row; text that is not CSV throws", () => {
    expect(entriesFromCsv("implementationCode,elements.name,elements.kind\nA,,01\n")).toEqual([
      { row: 2, entry: { implementationCode: "A", elements: { kind: "01" } } },
    ])
    expect(entriesFromCsv("implementationCode,elements,elements.name\nA,x,y\n")).toEqual([
      { row: 2, code: "A", refused: "InvalidCsv: row 2, column elements.name: elements is already a value" },
    ])
    expect(() => entriesFromCsv(readFileSync(join(data, "matters-bad.csv"), "utf8"))).toThrow(/Quote Not Closed/i)
    expect(() => entriesFromCsv("a,b\n1,2,3\n")).toThrow()
    expect(() => entriesFromCsv("a,,b\n1,2,3\n")).toThrow(/empty path segment/)
  })
})
