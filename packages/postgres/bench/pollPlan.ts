/**
 * `tsx --conditions=@yiciban/source bench/pollPlan.ts [--polls <n>] [--sizes 100000,10000000]`:
 * the poll at the head (`readAll` from past the last position, limit 1,000) on the PostgreSQL server
 * at DATABASE_URL (default postgres://postgres@127.0.0.1:5432/test) over events tables of the given
 * sizes, with `readAll`'s statement as the store sends it (`readAllCapped(1024)`: the page cut at a
 * constant first) and with the limit alone (`readAll`), each on a connection of its own, polls in
 * turns (`--polls`, default 400). Prints the median time of a poll and how often each statement ran
 * on a generic plan (`pg_prepared_statements`). The tables are made by SQL, about 5 s a million rows
 * (positions far above any real transaction's, small JSON: only their size and statistics matter to
 * the plan), in fresh schemas dropped afterwards. A benchmark, not a test.
 */
import * as Pg from "@yiciban/postgres/pg"
import { Effect } from "effect"
import pg from "pg"
import * as Sql from "../src/internal/sql.ts"
import { median } from "./data.ts"

const argument = (flag: string) => {
  const i = process.argv.indexOf(flag)
  return i < 0 ? undefined : process.argv[i + 1]
}
const polls = Number(argument("--polls") ?? 400)
const sizes = (argument("--sizes") ?? "100000,10000000").split(",").map(Number)
const url = process.env.DATABASE_URL || "postgres://postgres@127.0.0.1:5432/test"
const suffix = `${process.pid}_${Date.now().toString(36)}`

/** A store's schema whose events table holds `size` rows made by SQL. */
const build = async (pool: pg.Pool, schema: string, size: number) => {
  await Effect.runPromise(Effect.scoped(Pg.makePostgres({ pool, schema })))
  const table = `"${schema}".events`
  const streams = Math.max(1, Math.floor(size / 10))
  const started = performance.now()
  await pool.query(
    `ALTER TABLE ${table} DROP CONSTRAINT events_pkey, DROP CONSTRAINT events_global_position_key, DROP CONSTRAINT events_event_id_key`,
  )
  await pool.query(`INSERT INTO ${table} (global_position, version, stream, event_id, type, schema_version, data, metadata, recorded_at, hash)
SELECT (g::bigint + 1000000) << ${Sql.positionShift}, g / ${streams} + 1, 'application-p-' || (g % ${streams}),
       md5(g::text)::uuid, 'Submitted', 1, '{"a":1}'::json, '{"actor":"x"}'::json, now(), '\\x00'::bytea
  FROM pg_catalog.generate_series(0, ${size - 1}) g`)
  await pool.query(
    `ALTER TABLE ${table} ADD CONSTRAINT events_pkey PRIMARY KEY (stream, version), ADD CONSTRAINT events_global_position_key UNIQUE (global_position), ADD CONSTRAINT events_event_id_key UNIQUE (event_id)`,
  )
  await pool.query(`ANALYZE ${table}`)
  console.log(`${size.toLocaleString("en")} rows made in ${((performance.now() - started) / 1000).toFixed(0)} s`)
}

const pool = new pg.Pool({ connectionString: url, max: 1 })
const schemas: Array<string> = []
try {
  for (const size of sizes) {
    const schema = `bench_pollplan_${size}_${suffix}`
    schemas.push(schema)
    await build(pool, schema, size)
    const statements = Sql.statements(schema)
    const variants = [
      ["capped", statements.readAllCapped(1024)],
      ["limit alone", statements.readAll],
    ] as const
    const clients = await Promise.all(
      variants.map(async () => {
        const client = new pg.Client({ connectionString: url })
        await client.connect()
        return client
      }),
    )
    try {
      const head = Number((await pool.query(`SELECT max(global_position) AS m FROM "${schema}".events`)).rows[0].m)
      const times = variants.map(() => [] as Array<number>)
      for (let i = 0; i < polls; i++) {
        for (const v of i % 2 === 0 ? [0, 1] : [1, 0]) {
          const started = performance.now()
          await clients[v]!.query({
            text: variants[v]![1],
            values: [head + 1, 1000],
            name: `pollplan_${v}`,
            rowMode: "array",
          })
          times[v]!.push(performance.now() - started)
        }
      }
      for (const [v, [name]] of variants.entries()) {
        const plans = (
          await clients[v]!.query(
            `SELECT generic_plans, custom_plans FROM pg_catalog.pg_prepared_statements WHERE name = 'pollplan_${v}'`,
          )
        ).rows[0]
        console.log(
          `${size.toLocaleString("en")} events, ${name.padEnd(11)}: a poll ${median(times[v]!).toFixed(3)} ms (median of ${polls}); generic plans ${plans.generic_plans}, custom ${plans.custom_plans}`,
        )
      }
    } finally {
      for (const client of clients) await client.end()
    }
  }
} finally {
  for (const schema of schemas) await pool.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`)
  await pool.end()
}
