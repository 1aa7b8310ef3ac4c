/**
 * The PGlite client reads a prepared statement's rows straight from the bytes PostgreSQL writes
 * (`RowReader`, internal/pgliteRows.ts), not through PGlite's message objects. What it reads must
 * be what `PGlite.query` returns, wherever PGlite cuts its output into chunks (rows larger than
 * a chunk, a chunk ending inside a length or a character), and an error must be PGlite's own
 * `DatabaseError` with the fields `PGlite.query` gives it.
 */
import { messages, type PGlite, protocol } from "@electric-sql/pglite"
import { Effect, Logger } from "effect"
import fc from "fast-check"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import * as PgliteClient from "../src/internal/pgliteClient.ts"
import { readChunks, readsTheSameWhereverCut } from "../src/internal/pgliteRows.ts"
import type { SqlClient } from "../src/SqlClient.ts"
import { createPglite } from "./support.ts"

let db: PGlite
let sql: SqlClient
beforeAll(async () => {
  db = await createPglite()
  sql = PgliteClient.make(db)
  await db.exec(`CREATE TABLE rows_test (id integer PRIMARY KEY, label text, data json, at timestamptz, raw bytea, tags text[]);
    INSERT INTO rows_test
    SELECT i, CASE WHEN i % 7 = 0 THEN NULL ELSE repeat('事项' || i || 'é', i * 40) END,
           json_build_object('i', i, 'name', '告知承诺' || i), '2026-12-03T01:02:03.456Z'::timestamptz + i * interval '1 second',
           CASE WHEN i % 5 = 0 THEN NULL ELSE decode(repeat('00ff', i), 'hex') END, ARRAY['a' || i, NULL, 'b,"c"']
      FROM generate_series(1, 300) AS i`)
}, 240_000)
afterAll(() => db?.close())

const run = <A>(effect: Effect.Effect<A, unknown>) => Effect.runPromise(effect)
const select = "SELECT * FROM rows_test WHERE id >= $1 ORDER BY id"

/** The bytes PostgreSQL writes for one run of `name` (prepared by the client), whole. */
const outputOf = async (name: string, values: ReadonlyArray<string | null>): Promise<Uint8Array> => {
  const chunks: Array<Uint8Array> = []
  const message = Buffer.concat([
    protocol.serialize.bind({ statement: name, values: [...values] }),
    protocol.serialize.describe({ type: "P" }),
    protocol.serialize.execute({}),
    protocol.serialize.sync(),
  ])
  await db.runExclusive(() =>
    db.execProtocolRawStream(message, {
      onRawData: (bytes) => {
        chunks.push(bytes.slice())
      },
    }),
  )
  return Buffer.concat(chunks)
}

describe("the PGlite client's rows, read from PostgreSQL's bytes", () => {
  it("are what PGlite.query returns, as objects and as values, for rows far larger than a chunk", async () => {
    const unnamed = await db.query(select, [1])
    const unnamedValues = await db.query(select, [1], { rowMode: "array" })
    expect(await run(sql.query(select, [1], "rows_test_objects"))).toEqual(unnamed.rows)
    expect(await run(sql.values(select, [1], "rows_test_values"))).toEqual(unnamedValues.rows)
    // The largest label: 300 × 40 repetitions of 6-8 characters, two of them Chinese (3 bytes each).
    const largest = unnamed.rows.reduce<number>(
      (n, row) => Math.max(n, Buffer.byteLength(String((row as { label: unknown }).label))),
      0,
    )
    expect(largest).toBeGreaterThan(100_000)
  })

  it("an error is PGlite's DatabaseError with the fields PGlite.query gives it, and nothing is written", async () => {
    const insert = "INSERT INTO rows_test (id, label) VALUES ($1, $2)"
    const expected = await db.query(insert, [1, "again"]).then(
      () => undefined,
      (error: unknown) => error,
    )
    expect(expected).toBeInstanceOf(messages.DatabaseError)
    const failure = await run(Effect.flip(sql.query(insert, [1, "again"], "rows_test_insert")))
    expect(failure).toMatchObject({ _tag: "SqlError", code: "23505" })
    const cause = failure.cause as messages.DatabaseError
    expect(cause).toBeInstanceOf(messages.DatabaseError)
    for (const field of [
      "message",
      "code",
      "severity",
      "detail",
      "schema",
      "table",
      "constraint",
      "routine",
    ] as const) {
      expect(cause[field], field).toEqual((expected as messages.DatabaseError)[field])
    }
    expect((await db.query("SELECT label FROM rows_test WHERE id = 1")).rows).toEqual([{ label: "事项1é".repeat(40) }])
  })

  it("wherever PGlite's output is cut into chunks, the same rows and the same error are read", async () => {
    // Prepared through the client, then its output captured whole.
    await run(sql.values(select, [298], "rows_test_cut"))
    await run(Effect.ignore(sql.values("SELECT 1 / $1::integer", [0], "rows_test_cut_error")))
    const rowsOutput = await outputOf("rows_test_cut", ["298"])
    const errorOutput = await outputOf("rows_test_cut_error", ["0"])
    const whole = readChunks(db.parsers, "array", [rowsOutput])
    expect(whole.rows).toEqual((await db.query(select, [298], { rowMode: "array" })).rows)
    expect(readChunks(db.parsers, "array", [errorOutput]).error?.code).toBe("22012")
    fc.assert(
      fc.property(
        fc.constantFrom(rowsOutput, errorOutput),
        fc.constantFrom("array" as const, "object" as const),
        fc.array(fc.nat(), { maxLength: 12 }),
        (bytes, mode, cuts) =>
          readsTheSameWhereverCut(
            db.parsers,
            mode,
            bytes,
            cuts.map((cut) => cut % (bytes.length + 1)),
          ),
      ),
      { numRuns: 200 },
    )
    // Every cut of the error's output, and cuts through the rows' first 16 KiB: inside a type, a length, a character.
    for (let cut = 0; cut <= errorOutput.length; cut++) {
      expect(readsTheSameWhereverCut(db.parsers, "object", errorOutput, [cut])).toBe(true)
    }
    for (let cut = 0; cut <= Math.min(rowsOutput.length, 16_384); cut += 61) {
      expect(readsTheSameWhereverCut(db.parsers, "array", rowsOutput, [cut, cut + 1, cut + 5])).toBe(true)
    }
  })

  it("a notification sent by a prepared statement is not lost unsaid: the client logs a warning naming its channel", async () => {
    // Only a session that listens gets the notification: the host listens on the same instance.
    const unlisten = await db.listen("rows_test_channel", () => {})
    const logged: Array<{ readonly level: string; readonly message: unknown }> = []
    const collect = Logger.layer([
      Logger.make((options) => logged.push({ level: options.logLevel, message: options.message })),
    ])
    const rows = await run(
      sql
        .values("SELECT pg_notify($1, 'payload') AS sent", ["rows_test_channel"], "rows_test_notify")
        .pipe(Effect.provide(collect)),
    )
    expect(rows).toEqual([[""]])
    expect(logged).toHaveLength(1)
    expect(logged[0]!.level).toBe("Warn")
    expect(String(logged[0]!.message)).toContain("rows_test_channel")
    await unlisten()
  })

  it("output that ends inside a message is not read as complete", () => {
    const row = Uint8Array.from([0x44, 0, 0, 0, 12, 0, 1, 0, 0, 0, 2, 0x68])
    expect(readChunks(db.parsers, "array", [row]).truncated).toBe(true)
    expect(readChunks(db.parsers, "array", [row, Uint8Array.from([0x69])]).truncated).toBe(false)
  })
})
