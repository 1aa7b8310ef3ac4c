/**
 * `tsx --conditions=@yiciban/source bench/appendParts.ts [--streams <n>] [--rounds <n>]`: where the
 * server's backend spends its CPU on W2's two statements, statement by statement, against raw's.
 * Each contender runs on one connection of its own (a pool of one), one statement after another,
 * the contenders in turn round by round (the order reversed every other round); the backend's CPU
 * is read from `/proc/<pid>/schedstat` around each round (the server on this machine), in µs per
 * statement, and the medians over the rounds are printed.
 *
 * Appends, one event to each of `--streams` streams (default 500) per round (`--rounds`, default 20):
 *   store            the store's single-event INSERT (`appendOne`), as the store sends it
 *   unlinked         the same with its link replaced by a constant (`unlinked.ts`)
 *   bare             a bare `INSERT … SELECT` of the same row into the store's table: no head, no
 *                    link, no expectation (what the table itself costs)
 *   raw              raw's INSERT into raw's table (`raw.ts`)
 *   floor            the floor's INSERT (`floor.ts`: the hash made in the process, sent as a parameter)
 * Reads, then, of every stream in turn (as many events as rounds): the store's checked read
 * (`readStreamChecked`) and its plain read (`readStream`, `checkChainOnRead: false`), on the
 * store's schema, and the floor's read on the floor's (the store's table too). DATABASE_URL
 * (default postgres://postgres@127.0.0.1:5432/test); fresh schemas, dropped afterwards. A
 * diagnostic, not a test.
 */
import * as Pg from "@yiciban/postgres/pg"
import { Effect } from "effect"
import pg from "pg"
import * as Sql from "../src/internal/sql.ts"
import { cpuMicrosOf, makeEvents, median } from "./data.ts"
import { makeFloor } from "./floor.ts"
import { createTable } from "./raw.ts"
import { unlinkedAppendOne } from "./unlinked.ts"

const argument = (flag: string) => {
  const i = process.argv.indexOf(flag)
  return i < 0 ? undefined : process.argv[i + 1]
}
const streams = Number(argument("--streams") ?? 500)
const rounds = Number(argument("--rounds") ?? 20)
const url = process.env.DATABASE_URL || "postgres://postgres@127.0.0.1:5432/test"

const appends = ["store", "unlinked", "bare", "raw", "floor"] as const
type Name = (typeof appends)[number]
const suffix = `${process.pid}_${Date.now().toString(36)}`
const schemaOf = (name: Name) => `bench_parts_${name}_${suffix}`
const pools = new Map(appends.map((name) => [name, new pg.Pool({ connectionString: url, max: 1 })]))
const poolOf = (name: Name) => pools.get(name)!

/** The statement text of a contender; `$2` (the expectation's kind) is only read by the store's. */
const textOf = (name: Name): string => {
  const s = schemaOf(name)
  switch (name) {
    case "store":
      return Sql.statements(s).appendOne
    case "floor":
      return makeFloor(poolOf(name), s).statements.insert.text
    case "unlinked":
      return unlinkedAppendOne(Sql.statements(s).appendOne)
    case "bare":
      return `INSERT INTO ${s}.events (global_position, version, stream, event_id, type, schema_version, data, metadata, recorded_at, hash)
SELECT pg_catalog.pg_current_xact_id()::text::bigint << ${Sql.positionShift}, $3::bigint + 1, $1, $4::uuid, $5::text,
       $6::integer, $7::json, $8::json, pg_catalog.date_trunc('milliseconds', pg_catalog.now()), '\\x00'::bytea
 WHERE $2::text IS NOT NULL
RETURNING global_position, version`
    case "raw":
      return `INSERT INTO "${s}".events (stream, version, event_id, type, schema_version, data, metadata)
SELECT $1, $3::integer + 1, $4, $5, $6, $7, $8 WHERE $2::text IS NOT NULL`
  }
}

const backendOf = async (pool: pg.Pool) =>
  (await pool.query<{ pid: number }>("SELECT pg_catalog.pg_backend_pid() AS pid")).rows[0]!.pid
const summary = (samples: ReadonlyArray<number>) =>
  `${median(samples).toFixed(1)} µs [${Math.min(...samples).toFixed(0)}–${Math.max(...samples).toFixed(0)}, n=${samples.length}]`

try {
  for (const name of appends) {
    if (name === "raw") await poolOf(name).query(createTable(schemaOf(name)))
    else await Effect.runPromise(Effect.scoped(Pg.makePostgres({ pool: poolOf(name), schema: schemaOf(name) })))
  }
  const events = new Map(appends.map((name, i) => [name, makeEvents(streams * rounds, `parts${i}`)]))
  const backends = new Map(
    await Promise.all(appends.map(async (name) => [name, await backendOf(poolOf(name))] as const)),
  )
  const samples = new Map<string, Array<number>>()
  const sample = (name: string, micros: number) => samples.set(name, [...(samples.get(name) ?? []), micros])
  for (let round = 0; round < rounds; round++) {
    for (const name of round % 2 === 0 ? appends : [...appends].reverse()) {
      const before = cpuMicrosOf(backends.get(name)!)
      for (let s = 0; s < streams; s++) {
        const event = events.get(name)![round * streams + s]!
        const stream = `application-parts-${s}`
        const fields = [
          event.eventId,
          event.type,
          event.schemaVersion,
          JSON.stringify(event.data),
          JSON.stringify(event.metadata),
        ]
        // The floor's hash is a constant: no statement here checks it.
        const values =
          name === "floor"
            ? [round + 1, stream, ...fields, new Date().toISOString(), "cd".repeat(32)]
            : [stream, "Exact", round, ...fields]
        await poolOf(name).query({ text: textOf(name), name: `parts_${name}`, values })
      }
      sample(name, (cpuMicrosOf(backends.get(name)!) - before) / streams)
    }
  }
  const statements = Sql.statements(schemaOf("store"))
  const floorRead = makeFloor(poolOf("floor"), schemaOf("floor")).statements.read.text
  const reads = [
    ["checked read", statements.readStreamChecked, "store"],
    ["plain read", statements.readStream, "store"],
    ["floor read", floorRead, "floor"],
  ] as const
  for (let round = 0; round < rounds; round++) {
    for (const [name, text, on] of round % 2 === 0 ? reads : [...reads].reverse()) {
      const before = cpuMicrosOf(backends.get(on)!)
      for (let s = 0; s < streams; s++) {
        await poolOf(on).query({
          text,
          name: `parts_${name.replace(" ", "_")}`,
          values: on === "floor" ? [`application-parts-${s}`] : [`application-parts-${s}`, 1, null],
          rowMode: "array",
        })
      }
      sample(name, (cpuMicrosOf(backends.get(on)!) - before) / streams)
    }
  }
  console.log(`backend CPU per statement, ${streams} streams × ${rounds} rounds (median [min–max] over the rounds):`)
  for (const [name, values] of samples) console.log(`  ${name.padEnd(14)} ${summary(values)}`)
  console.log(`  (each read returns ${rounds} events)`)
} finally {
  for (const name of appends) await poolOf(name).query(`DROP SCHEMA IF EXISTS "${schemaOf(name)}" CASCADE`)
  for (const pool of pools.values()) await pool.end()
}
