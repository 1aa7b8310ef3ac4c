/**
 * `pnpm bench` (cli): `projections rebuild cases` and `replay` on 1,000,000 events on the PostgreSQL
 * server in `DATABASE_URL` (schema `cli_bench`, dropped at the end). A few template cases are
 * submitted and accepted through the runtime (their events, sealed personal data and case rows as
 * the runtime writes them); then they are copied in SQL, under new case numbers and log positions,
 * until the log holds the target (the copies' case rows copied alike), since a million commands
 * through the runtime would take the bench an hour. Prints events per second of each.
 *
 * `tsx bench/rebuild.ts [events]` (default 1,000,000). `--existing`: run on the schema a run that
 * was stopped left behind (no seeding, no replay, the schema kept). Prints the rate every 25,000
 * streams while it rebuilds. A benchmark, not a test.
 */
import { performance } from "node:perf_hooks"
import { postgresStore } from "@yiciban/postgres/pg"
import { Aggregates, CommandHandler, createYiciban } from "@yiciban/runtime"
import pg from "pg"
import { clerk, morningOf } from "../../runtime/test/fixtures.ts"
import { publishMatter, submitCase } from "../../runtime/test/support.ts"
import { aggregatesWith, rebuild, replay } from "../src/Maintenance.ts"

const url = process.env.DATABASE_URL
if (url === undefined || url === "") {
  console.error("bench/rebuild.ts: set DATABASE_URL to a PostgreSQL server")
  process.exit(1)
}
const existing = process.argv.includes("--existing")
const target = Number(process.argv.slice(2).find((a) => !a.startsWith("--")) ?? 1_000_000)
const schema = "cli_bench"
const secret = "cli-bench-secret-0123456789abcdef0123456789"
const templates = 20

const admin = new pg.Client({ connectionString: url })
await admin.connect()
if (!existing) await admin.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`)

const open = () =>
  createYiciban({ store: postgresStore({ connectionString: url, secret, schema }), now: () => morningOf("2026-09-24") })

const seed = async () => {
  const seeding = await open()
  await seeding.run(publishMatter())
  for (let i = 0; i < templates; i++) {
    const caseNo = `T-${i}`
    await seeding.run(submitCase(caseNo))
    await seeding.run(
      CommandHandler.handle(Aggregates.application, caseNo, { _tag: "AcceptApplication", caseNo }, clerk, {
        commandId: `accept-${caseNo}`,
      }),
    )
  }
  await seeding.close()

  const t = (table: string) => `${schema}.${table}`
  const perCopy = Number(
    (await admin.query(`SELECT count(*) AS n FROM ${t("events")} WHERE stream LIKE 'application-T-%'`)).rows[0].n,
  )
  const copies = Math.max(0, Math.ceil((target - perCopy - 2) / perCopy))
  const started = performance.now()
  const chunk = 2000
  for (let from = 1; from <= copies; from += chunk) {
    const to = Math.min(copies, from + chunk - 1)
    // Positions below the first real append (a fresh server's transaction ids are far above 1),
    // so the copies are inside the read horizon; new event ids; the case number in the stream.
    // The hashes are chained below, as the store's chain migration does (reads check them).
    await admin.query(
      `INSERT INTO ${t("events")} (global_position, version, stream, event_id, type, schema_version, data, metadata, recorded_at, hash)
       SELECT (g - 1) * $3 + row_number() OVER (PARTITION BY g ORDER BY e.global_position), e.version,
              'application-C' || g || '-' || substr(e.stream, 13), gen_random_uuid(), e.type, e.schema_version,
              e.data, e.metadata, e.recorded_at, '\\x00'::bytea
       FROM generate_series($1::int, $2::int) AS g CROSS JOIN ${t("events")} AS e
       WHERE e.stream LIKE 'application-T-%'`,
      [from, to, perCopy],
    )
    await admin.query(
      `INSERT INTO ${t("runtime_cases")} (stream, category, id, version, status, title, detail, updated_at, owners, authority, region, public)
       SELECT 'application-C' || g || '-' || c.id, c.category, 'C' || g || '-' || c.id, c.version, c.status, c.title,
              c.detail, c.updated_at, c.owners, c.authority, c.region, c.public
       FROM generate_series($1::int, $2::int) AS g CROSS JOIN ${t("runtime_cases")} AS c
       WHERE c.stream LIKE 'application-T-%'`,
      [from, to],
    )
  }
  const text = (expression: string) => `pg_catalog.octet_length(${expression})::text || ':' || ${expression} || ','`
  const preimage = `pg_catalog.convert_to(${[
    "e.stream",
    "e.version::text",
    "e.event_id::text",
    "e.type",
    "e.schema_version::text",
    "e.data::text",
    "e.metadata::text",
    `pg_catalog.to_char(e.recorded_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')`,
  ]
    .map(text)
    .join(" || ")}, 'UTF8')`
  await admin.query(
    `UPDATE ${t("events")} e SET hash = c.hash
       FROM (
         SELECT x.stream, x.version,
                ${schema}.chain(x.pre) OVER (PARTITION BY x.stream ORDER BY x.version ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW) AS hash
           FROM (
             SELECT DISTINCT e.stream, 0::bigint AS version, pg_catalog.decode('${"00".repeat(32)}', 'hex') AS pre
               FROM ${t("events")} e WHERE e.stream LIKE 'application-C%'
             UNION ALL
             SELECT e.stream, e.version, ${preimage} AS pre FROM ${t("events")} e WHERE e.stream LIKE 'application-C%'
           ) x
       ) c
      WHERE c.stream = e.stream AND c.version = e.version AND c.version > 0`,
  )
  await admin.query(`ANALYZE ${t("events")}`)
  await admin.query(`ANALYZE ${t("runtime_cases")}`)
  const events = Number((await admin.query(`SELECT count(*) AS n FROM ${t("events")}`)).rows[0].n)
  const minPosition = Number((await admin.query(`SELECT min(global_position) AS p FROM ${t("events")}`)).rows[0].p)
  const firstReal = Number(
    (await admin.query(`SELECT min(global_position) AS p FROM ${t("events")} WHERE stream NOT LIKE 'application-C%'`))
      .rows[0].p,
  )
  if (minPosition < 1 || copies * perCopy >= firstReal) throw new Error("the copies' positions overlap the real ones")
  console.log(
    `seeded ${events} events (${templates} template cases × ${copies + 1}) in ${((performance.now() - started) / 1000).toFixed(0)} s`,
  )
}

try {
  if (!existing) await seed()
  const yiciban = await open()
  const aggregates = aggregatesWith(yiciban.aggregates.map((facade) => facade.aggregate))
  let t0 = performance.now()
  if (!existing) {
    const replayed = await yiciban.run(replay({ aggregates }))
    const replaySeconds = (performance.now() - t0) / 1000
    for (const d of replayed.drift.slice(0, 2)) console.log(JSON.stringify(d))
    console.log(
      `replay: ${replayed.events} events, ${replayed.streams} streams in ${replaySeconds.toFixed(1)} s = ${Math.round(replayed.events / replaySeconds)} events/s (${replayed.broken.length} unreadable, ${replayed.drift.length} drift)`,
    )
  }
  t0 = performance.now()
  let listed = 0
  const rebuilt = await yiciban.run(
    rebuild("cases", {
      aggregates,
      onProgress: (done, total) => {
        if (done === 0) {
          listed = performance.now()
          console.log(`listed ${total} streams in ${((listed - t0) / 1000).toFixed(1)} s`)
        } else if (done % 25_000 === 0) {
          const seconds = (performance.now() - listed) / 1000
          // Two events a stream in this bench's cases.
          console.log(
            `${done}/${total} streams in ${seconds.toFixed(0)} s: ${Math.round(done / seconds)} streams/s, ${Math.round((2 * done) / seconds)} events/s`,
          )
        }
      },
    }),
  )
  const rebuildSeconds = (performance.now() - t0) / 1000
  console.log(
    `projections rebuild cases: ${rebuilt.events} events, ${rebuilt.streams} streams in ${rebuildSeconds.toFixed(1)} s = ${Math.round(rebuilt.events / rebuildSeconds)} events/s, ${Math.round(rebuilt.streams / rebuildSeconds)} streams/s (${rebuilt.changed.length} changed)`,
  )
  await yiciban.close()
} finally {
  if (!existing) await admin.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`)
  await admin.end()
}
