/**
 * A matter catalogue as CSV (parsed by csv-parse): a header row, then one matter a row. Each
 * header is a dotted path into the entry `matters import` publishes (`implementationCode`,
 * `baseCode`, `elements.name`, `elements.implementingAuthority.creditCode`, …); a header ending
 * in `:json` takes its cells as JSON (numbers, booleans, lists: `elements.materials:json`), every
 * other cell is text; an empty cell leaves the field out. A row that cannot be turned into an
 * entry (a JSON cell that does not parse, a path that clashes) is refused on its own, with its row
 * and column; the entries go through the same validation as a JSON catalogue.
 */
import { parse } from "csv-parse/sync"

/** One row of the file: the entry it makes, or why it makes none; `row` counts the header as 1. */
export type CsvEntry =
  | { readonly row: number; readonly entry: Record<string, unknown> }
  | { readonly row: number; readonly code: string; readonly refused: string }

/** Parses the catalogue; throws (an `Error` naming the line) when the text is not CSV. */
export const entriesFromCsv = (text: string): ReadonlyArray<CsvEntry> => {
  const records = parse(text, { bom: true, skip_empty_lines: true, relax_column_count: false }) as Array<Array<string>>
  if (records.length === 0) throw new Error("no header row")
  const header = records[0]!.map((cell) => cell.trim())
  const columns = header.map((name) => {
    const json = name.endsWith(":json")
    return { name, json, path: (json ? name.slice(0, -":json".length) : name).split(".") }
  })
  const problems = columns.filter((c) => c.path.some((part) => part === "")).map((c) => c.name)
  if (problems.length > 0) throw new Error(`header: empty path segment in ${problems.join(", ")}`)
  return records.slice(1).map((cells, index): CsvEntry => {
    const row = index + 2
    const entry: Record<string, unknown> = {}
    const code = cells[header.indexOf("implementationCode")]?.trim() || `row ${row}`
    for (const [at, column] of columns.entries()) {
      const cell = cells[at] ?? ""
      if (cell.trim() === "") continue
      let value: unknown = cell
      if (column.json) {
        try {
          value = JSON.parse(cell)
        } catch (error) {
          return {
            row,
            code,
            refused: `InvalidCsv: row ${row}, column ${column.name}: not JSON (${(error as Error).message})`,
          }
        }
      }
      let target = entry
      for (const part of column.path.slice(0, -1)) {
        const next = target[part]
        if (next === undefined) target[part] = {}
        else if (typeof next !== "object" || next === null || Array.isArray(next)) {
          return { row, code, refused: `InvalidCsv: row ${row}, column ${column.name}: ${part} is already a value` }
        }
        target = target[part] as Record<string, unknown>
      }
      target[column.path.at(-1)!] = value
    }
    return { row, entry }
  })
}
