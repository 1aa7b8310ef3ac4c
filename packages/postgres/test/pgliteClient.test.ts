/**
 * The PGlite client's prepared statements: a named statement is parsed once per PGlite instance
 * and then run in one exchange; it must return exactly what `PGlite.query` returns, survive DDL
 * that changes its result, never run another statement's text under a taken name, fail like an
 * unnamed statement, and not be disturbed by the host's own queries on the same instance.
 */
import type { PGlite } from "@electric-sql/pglite"
import { Effect, Exit } from "effect"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import * as PgliteClient from "../src/internal/pgliteClient.ts"
import type { SqlClient } from "../src/SqlClient.ts"
import { createPglite } from "./support.ts"

let db: PGlite
let sql: SqlClient
beforeAll(async () => {
  db = await createPglite()
  sql = PgliteClient.make(db)
}, 240_000)
afterAll(() => db?.close())

const run = <A>(effect: Effect.Effect<A, unknown>) => Effect.runPromise(effect)

describe("the PGlite client's prepared statements", () => {
  const text = `SELECT $1::integer AS n, $2::text AS t, $3::json AS j, $4::jsonb AS b, $5::text[] AS a,
    $6::bigint AS big, $7::timestamptz AS at, $8::boolean AS yes, $9::uuid AS id, $10::bytea AS raw, $11::integer AS nothing`
  const params = [
    7,
    '它\'s "quoted"',
    '{"k":[1,"两"]}',
    { deep: { list: [1, 2] } },
    ["a", "b,c", 'd"e', ""],
    "9007199254740993",
    "2026-12-03T01:02:03.456Z",
    true,
    "0190f0c8-8d6b-7c3e-9a51-6f2b0e8c1d2a",
    new Uint8Array([0, 1, 254, 255]),
    null,
  ]

  it("a named statement returns what the unnamed one returns, as objects and as values, every run", async () => {
    const unnamed = await run(sql.query(text, params))
    const unnamedValues = await run(sql.values(text, params))
    for (let i = 0; i < 3; i++) {
      expect(await run(sql.query(text, params, "client_test_kinds"))).toEqual(unnamed)
      expect(await run(sql.values(text, params, "client_test_kinds_values"))).toEqual(unnamedValues)
    }
    expect(unnamed[0]).toMatchObject({ n: 7, a: ["a", "b,c", 'd"e', ""], nothing: null })
  })

  it("a statement prepared before its table changed shape runs again, with the new shape", async () => {
    await db.exec("CREATE TABLE client_test_shape (id integer PRIMARY KEY); INSERT INTO client_test_shape VALUES (1)")
    const select = "SELECT * FROM client_test_shape WHERE id = $1"
    expect(await run(sql.query(select, [1], "client_test_shape"))).toEqual([{ id: 1 }])
    await db.exec("ALTER TABLE client_test_shape ADD COLUMN label text NOT NULL DEFAULT 'x'")
    expect(await run(sql.query(select, [1], "client_test_shape"))).toEqual([{ id: 1, label: "x" }])
    expect(await run(sql.query(select, [1], "client_test_shape"))).toEqual([{ id: 1, label: "x" }])
  })

  it("a name already taken by another text runs the text asked for", async () => {
    expect(await run(sql.query("SELECT $1::integer + 1 AS v", [1], "client_test_taken"))).toEqual([{ v: 2 }])
    expect(await run(sql.query("SELECT $1::integer * 10 AS v", [1], "client_test_taken"))).toEqual([{ v: 10 }])
    expect(await run(sql.query("SELECT $1::integer + 1 AS v", [1], "client_test_taken"))).toEqual([{ v: 2 }])
  })

  it("a failing run is a SqlError with the SQLSTATE, and the statement works after it; a statement that does not parse is not kept", async () => {
    const bad = await Effect.runPromiseExit(sql.query("SELECT $1::integer AS n", ["seven"], "client_test_bad"))
    expect(Exit.isFailure(bad)).toBe(true)
    expect(JSON.stringify(bad)).toContain("22P02")
    expect(await run(sql.query("SELECT $1::integer AS n", [7], "client_test_bad"))).toEqual([{ n: 7 }])
    const unparsable = await Effect.runPromiseExit(sql.query("SELEC 1", [], "client_test_unparsable"))
    expect(JSON.stringify(unparsable)).toContain("42601")
    expect(await run(sql.query("SELECT 1 AS one", [], "client_test_unparsable"))).toEqual([{ one: 1 }])
  })

  it("in a transaction that rolls back, a named statement's writes are undone", async () => {
    await db.exec("CREATE TABLE client_test_tx (id integer PRIMARY KEY)")
    const insert = "INSERT INTO client_test_tx VALUES ($1)"
    const exit = await Effect.runPromiseExit(
      sql.transaction((tx) =>
        tx.query(insert, [1], "client_test_tx_insert").pipe(Effect.andThen(Effect.fail("abandoned" as const))),
      ),
    )
    expect(Exit.isFailure(exit)).toBe(true)
    expect((await db.query("SELECT count(*)::integer AS n FROM client_test_tx")).rows).toEqual([{ n: 0 }])
    await run(sql.query(insert, [2], "client_test_tx_insert"))
    expect((await db.query("SELECT id FROM client_test_tx")).rows).toEqual([{ id: 2 }])
  })

  it("the host's own queries on the same instance, interleaved, get their own rows", async () => {
    const host = Array.from({ length: 40 }, (_, i) => db.query<{ h: number }>("SELECT $1::integer * 2 AS h", [i]))
    const ours = Array.from({ length: 40 }, (_, i) =>
      run(sql.query<{ o: number }>("SELECT $1::integer * 3 AS o", [i], "client_test_interleaved")),
    )
    const [hostRows, ourRows] = await Promise.all([Promise.all(host), Promise.all(ours)])
    expect(hostRows.map((result) => result.rows)).toEqual(Array.from({ length: 40 }, (_, i) => [{ h: i * 2 }]))
    expect(ourRows).toEqual(Array.from({ length: 40 }, (_, i) => [{ o: i * 3 }]))
  })
})
