/**
 * `pnpm bench:province [--events <n>] [--small <n>] [--partitions <k>] [--rounds <r>] [--poll-blocks <b>] [--rebuild] [--drop]`:
 * a province's volume on one server. In the database `province` on the server of DATABASE_URL
 * (default postgres://postgres@127.0.0.1:5432/test; the database is created, and kept for the next
 * run unless `--drop`), it builds two stores with the store's own migrations and runtime tables —
 * `--small` events (default 100,000) and `--events` events (default 10,000,000) — and, with
 * `--partitions k`, a third of the large size whose events table is hash-partitioned by stream
 * (`Migrations.partitionEvents`). Then it measures them in turns, round by round, and prints the
 * ratios large ÷ small (and partitioned ÷ unpartitioned) per round: median and quartiles.
 *
 * The data (set-based SQL, at most 2 statements at once): cases of 6–14 events (uniform, mean 10) as
 * `application-…` streams, one case per 10 events asked for; opened in waves of 50,000 cases whose
 * events interleave (a case's events lie within its wave's ~500,000 positions, one event per
 * case per step), as a day's mix of submissions, corrections, acceptances, reviews and decisions
 * does; before them the catalogue (200 `matter-…` streams × 20 events), the credit records (one
 * `credit-…` stream per 20 cases × 3) and the licences (one `licence-…` stream per 10 cases × 2).
 * Each event's hash is the store's chain (the `chain` aggregate over the stored preimage, per
 * stream in a window), so the store's own check on read accepts every stream. The case list has a
 * row per case (the last 10% open, the rest concluded) and two pending timers per open case. The
 * events table's three unique constraints are dropped for the load and added again after it (same
 * names and definitions).
 *
 * Measured, per store, in alternating order:
 * - W2-runtime: 8 workers, 400 distinct open cases × 1 read-decide-append through `RuntimeStore.append` with
 *   the case row and two timers (the `runtimeW2.ts` path), on existing streams; then again on the
 *   same 400 cases, whose pages the first pass has read ("warm");
 * - W5-deep: `readAll` of a window from a point 60% into the log, pages of 1,000 (220,000 events on
 *   the large store; half the log on the small one, which has fewer); events/s;
 * - W5-tail: one page of 1,000 from 1,000 events before the head, and a poll at the head (ms);
 * - case list: `RuntimeStore.cases` for a staff reader of one authority (open cases, first page)
 *   and for an applicant (its own cases) (ms), and their plans (EXPLAIN ANALYZE, BUFFERS);
 * - load one case: `readStream` of a random case with the chain check (ms);
 * - cold reads through `pg` alone, the same statements without the store: another applicant's
 *   page and another case's rows (ms), to tell what reading the rows costs at each size from what
 *   the store adds; and after the rounds, for 20 cases and 20 applicants' pages not read before,
 *   `EXPLAIN (ANALYZE, BUFFERS)` with `track_io_timing`: the time spent reading pages from
 *   outside shared buffers, and the poll at the head's custom and generic plans.
 * - after the rounds, the poll at the head again, the stores taking turns poll by poll (medians
 *   of blocks of 20, `--poll-blocks` blocks, default 20): in a round the poll runs right after
 *   that store's own W2 and W5, each store at another moment of the machine's load.
 * The stores are marked built by a comment on their schema (`--rebuild` builds again).
 * A benchmark, not a test. Run with tsx --conditions=@yiciban/source (the package script does).
 */
import { loadavg } from "node:os"
import { performance } from "node:perf_hooks"
import { ExpectedVersion } from "@yiciban/eventstore"
import type { Authorization, RuntimeStore } from "@yiciban/runtime"
import { Effect } from "effect"
import pg from "pg"
import { Migrations, type PostgresEventStore } from "../src/index.ts"
import * as CaseList from "../src/internal/caseList.ts"
import * as Sql from "../src/internal/sql.ts"
import * as PostgresRuntimeStore from "../src/PostgresRuntimeStore.ts"
import * as Pg from "../src/pg.ts"
import { inParallel, makeEvents, median, quantile } from "./data.ts"

const argument = (flag: string) => {
  const i = process.argv.indexOf(flag)
  return i < 0 ? undefined : process.argv[i + 1]
}
const large = Number(argument("--events") ?? 10_000_000)
const small = Number(argument("--small") ?? 100_000)
const partitions = Number(argument("--partitions") ?? 0)
const rounds = Number(argument("--rounds") ?? 5)
const pollBlocks = Number(argument("--poll-blocks") ?? 20)
const rebuild = process.argv.includes("--rebuild")
const drop = process.argv.includes("--drop")
const baseUrl = process.env.DATABASE_URL || "postgres://postgres@127.0.0.1:5432/test"
const databaseUrl = (() => {
  const u = new URL(baseUrl)
  u.pathname = "/province"
  return u.toString()
})()
const waveCases = 50_000
const maxLength = 14
const workers = 8
const load = () =>
  loadavg()
    .map((x) => x.toFixed(1))
    .join(" ")
const log = (line: string) => console.log(`[${new Date().toISOString().slice(11, 19)} load ${load()}] ${line}`)

// ---------------------------------------------------------------------------------------------
// Building a store, set-based.

interface Layout {
  readonly cases: number
  readonly matters: number
  readonly credits: number
  readonly licences: number
}
const layoutOf = (events: number): Layout => {
  const cases = Math.round(events / 10)
  return { cases, matters: 200, credits: Math.ceil(cases / 20), licences: Math.ceil(cases / 10) }
}

interface Group {
  readonly category: string
  /** SQL of the stream's id from a column of its number in its group. */
  readonly id: (i: string) => string
  /** SQL of the stream's length from `i`. */
  readonly length: string
  readonly types: ReadonlyArray<string>
  readonly maxLength: number
}
const caseId = (i: string) => `'430100-2026-' || lpad((${i})::text, 8, '0')`
const applicantCodeOf = (i: string, credits: number) =>
  `'91430100MA' || lpad(((pg_catalog.hashint4((${i})::integer) & 2147483647) % ${credits})::text, 8, '0')`
const authorityOf = (i: string) =>
  `'11430100MB' || lpad(((pg_catalog.hashint4((${i})::integer + 7) & 2147483647) % 120)::text, 8, '0')`
const regionOf = (i: string) =>
  `'4301' || lpad(((pg_catalog.hashint4((${i})::integer + 3) & 2147483647) % 40)::text, 2, '0')`

/** The last loaded position: the streams' groups take count × longest positions each, in turn. */
const lastPositionOf = (layout: Layout) =>
  layout.matters * 20 +
  layout.credits * 3 +
  layout.licences * 2 +
  Math.ceil(layout.cases / waveCases) * waveCases * maxLength

/**
 * The last position the load wrote: the positions it gives are at most `lastPositionOf(layout)`
 * (fewer when a wave is not full, as the small store's one wave of 10,000 cases), and an append
 * after it gets a position from its transaction id, far above them.
 */
const builtHeadOf = async (db: pg.Pool, s: string, layout: Layout) =>
  Number(
    (
      await db.query(`SELECT max(global_position) AS p FROM ${s}.events WHERE global_position <= $1`, [
        lastPositionOf(layout),
      ])
    ).rows[0].p,
  )

const groups = () => ({
  matter: {
    category: "matter",
    id: (i: string) => `'11430100MB' || lpad((${i} % 120)::text, 8, '0') || '-' || lpad(${i}::text, 6, '0')`,
    length: "20",
    types: ["MatterDrafted", "MatterPublished", "TermsAmended", "MaterialListAmended", "FeeScheduleAmended"],
    maxLength: 20,
  },
  credit: {
    category: "credit",
    id: (i: string) => `'91430100MA' || lpad(${i}::text, 8, '0')`,
    length: "3",
    types: ["CreditRecordOpened", "CommitmentKept", "CommitmentKept"],
    maxLength: 3,
  },
  licence: {
    category: "licence",
    id: (i: string) => `'L430100' || lpad(${i}::text, 9, '0')`,
    length: "2",
    types: ["LicenceIssued", "LicenceRenewed"],
    maxLength: 2,
  },
  application: {
    category: "application",
    id: caseId,
    length: `6 + (pg_catalog.hashint4(i::integer) & 2147483647) % 9`,
    types: [
      "ApplicationSubmitted",
      "CorrectionRequested",
      "MaterialsSupplemented",
      "ApplicationAccepted",
      "ReviewRecorded",
      "SiteInspectionRecorded",
      "ReviewRecorded",
      "ApplicationSuspended",
      "ApplicationResumed",
      "ApplicationGranted",
      "CertificateIssued",
      "FeePaid",
      "DeliveryRecorded",
      "ApplicationClosed",
    ],
    maxLength,
  },
})

/**
 * One statement: the streams `lo` ≤ i < `hi` of a group, every event with its position (wave
 * `base` + (version − 1) × `stride` + (i − lo) + 1: one event per stream per step), a UUIDv7-shaped
 * id, its data and metadata, its recorded time and its chain hash, inserted in position order.
 */
const insertStreams = (
  s: string,
  layout: Layout,
  group: Group,
  lo: number,
  hi: number,
  base: number,
  stride: number,
  spacingSeconds: number,
) => {
  const types = `ARRAY[${group.types.map((t) => `'${t}'`).join(", ")}]`
  const step = `(${types})[1 + (x.version - 1) % ${group.types.length}]`
  return `INSERT INTO ${s}.events (global_position, version, stream, event_id, type, schema_version, data, metadata, recorded_at, hash)
SELECT c.global_position, c.version, c.stream, c.event_id, c.type, c.schema_version, c.data, c.metadata, c.recorded_at, c.hash
  FROM (
    SELECT y.*, ${s}.chain(y.pre) OVER (PARTITION BY y.stream ORDER BY y.version ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW) AS hash
      FROM (
        SELECT e.*, ${Sql.storedPreimage("e")} AS pre FROM (
          SELECT x.global_position, x.version, x.stream,
                 (lpad(to_hex((extract(epoch FROM x.at) * 1000)::bigint), 12, '0') || '7' || substr(x.h, 1, 3) || '8'
                   || substr(x.h, 4, 15))::uuid AS event_id,
                 ${step} AS type, 1 AS schema_version,
                 format('{"caseNo":"%s","step":%s,"kind":"%s","applicant":{"code":"%s","name":"长沙市某某餐饮有限公司"},"matterCode":"%s-000101001000-01","materials":["id-card","business-licence","site-plan"],"note":"%s"}',
                   x.id, x.version, ${step}, ${applicantCodeOf("x.i", layout.credits)}, ${authorityOf("x.i")}, x.h)::json AS data,
                 format('{"commandId":"%s","correlationId":"%s","causationId":"%s","actor":{"id":"clerk-%s","roles":["windowClerk"]},"occurredAt":"%s"}',
                   x.h, x.h, x.h, x.i % 500, to_char(x.at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'))::json AS metadata,
                 x.at AS recorded_at
            FROM (
              SELECT w.i, w.version, w.id, '${group.category}-' || w.id AS stream, w.global_position,
                     pg_catalog.md5('${group.category}-' || w.id || ':' || w.version) AS h,
                     pg_catalog.date_trunc('milliseconds',
                       timestamptz '2026-01-01 00:00:00+00' + make_interval(secs => w.global_position * ${spacingSeconds})) AS at
                FROM (
                  SELECT g.i, v AS version, g.id, ${base}::bigint + (v - 1) * ${stride}::bigint + (g.i - ${lo}) + 1 AS global_position
                    FROM (SELECT i, ${group.id("i")} AS id, ${group.length} AS length FROM generate_series(${lo}, ${hi - 1}) AS i) g,
                         generate_series(1, g.length) AS v
                ) w
            ) x
        ) e
        UNION ALL
        SELECT NULL, 0, '${group.category}-' || ${group.id("k")}, NULL, NULL, NULL, NULL, NULL, NULL, ${Sql.genesis}
          FROM generate_series(${lo}, ${hi - 1}) AS k
      ) y
  ) c
 WHERE c.version > 0
 ORDER BY c.global_position`
}

/** The case list and the timers of the cases `lo` ≤ i < `hi`: open from `openFrom` on. */
const insertCases = (s: string, layout: Layout, lo: number, hi: number, openFrom: number) => {
  const len = `6 + (pg_catalog.hashint4(i::integer) & 2147483647) % 9`
  const status = `CASE WHEN i < ${openFrom} THEN 'concluded'
    ELSE (ARRAY['submitted', 'accepted', 'accepted', 'underReview', 'underReview', 'suspended'])[1 + (pg_catalog.hashint4(i::integer + 11) & 2147483647) % 6] END`
  return `WITH c AS (
  SELECT i, ${caseId("i")} AS id, ${len} AS length, ${status} AS status FROM generate_series(${lo}, ${hi - 1}) AS i
),
rows AS (
  INSERT INTO ${s}.runtime_cases (stream, category, id, version, status, title, detail, updated_at, owners, authority, region, public)
  SELECT 'application-' || c.id, 'application', c.id, c.length, c.status, '食品经营许可',
         jsonb_build_object('applicant', '长沙市某某餐饮有限公司', 'matterCode', ${authorityOf("c.i")} || '-000101001000-01', 'receivedOn', '2026-09-24'),
         '2026-09-24T01:30:00.000Z', ARRAY[${applicantCodeOf("c.i", layout.credits)}], ${authorityOf("c.i")}, ${regionOf("c.i")}, false
    FROM c
  RETURNING 1
)
INSERT INTO ${s}.runtime_timers (id, stream, due_at, notice, command, provisional)
SELECT 'application-' || c.id || '/' || t.key, 'application-' || c.id, t.due_at, t.notice, t.command, false
  FROM c, LATERAL (VALUES
    ('warning/overdue/2026-11-20', timestamptz '2026-11-20T16:00:00Z' + make_interval(days => c.i % 60), 'statutory date passed', NULL::jsonb),
    ('warning/red/2026-10-20', timestamptz '2026-10-20T16:00:00Z' + make_interval(days => c.i % 60), 'promised date passed',
     jsonb_build_object('aggregate', 'application', 'id', 'application-' || c.id, 'command', jsonb_build_object('_tag', 'DeemAccepted', 'caseNo', c.id)))
  ) AS t(key, due_at, notice, command)
 WHERE c.status <> 'concluded'`
}

const uniqueConstraints = ["events_pkey", "events_global_position_key", "events_event_id_key"] as const

interface Built {
  readonly schema: string
  readonly events: number
  readonly cases: number
  readonly openFrom: number
  /** The last position the load wrote (appends made later are beyond it). */
  readonly head: number
}

/**
 * Builds (or reuses) a store of `events` events in `schema`; with `partitioned` > 0 its events table
 * is hash-partitioned, and with `copyFrom` (a built schema of the same size) its rows are copied
 * from there rather than generated again (the same data, and no second hashing).
 */
const build = async (
  admin: pg.Pool,
  schema: string,
  events: number,
  partitioned: number,
  copyFrom?: string,
): Promise<Built> => {
  const s = `"${schema}"`
  const layout = layoutOf(events)
  const openFrom = Math.floor(layout.cases * 0.9)
  // The mark is the schema's comment: the runtime tables' comment is the store's own (the digest
  // of the script that made them, internal/tablesScript.ts), rewritten when that script changes.
  const done = await admin.query(
    `SELECT obj_description(n.oid, 'pg_namespace') AS note FROM pg_namespace n WHERE n.nspname = $1`,
    [schema],
  )
  if (!rebuild && done.rows[0]?.note === "province bench: built") {
    const counted = await admin.query(`SELECT count(*) AS n FROM ${s}.events`)
    log(`${schema}: reused (${Number(counted.rows[0].n).toLocaleString("en")} events)`)
    const head = await builtHeadOf(admin, s, layout)
    return { schema, events: Number(counted.rows[0].n), cases: layout.cases, openFrom, head }
  }
  await admin.query(`DROP SCHEMA IF EXISTS ${s} CASCADE`)
  const start = performance.now()
  // The store's own migrations and runtime tables.
  await Effect.runPromise(
    Effect.scoped(
      Effect.gen(function* () {
        const store = yield* Pg.makePostgres({ connectionString: databaseUrl, schema, poolSize: 1 })
        yield* PostgresRuntimeStore.make(store)
        if (partitioned > 0) yield* Migrations.partitionEvents(store.sql, schema, partitioned)
      }),
    ) as Effect.Effect<void>,
  )
  // Positions: the catalogue, credit records and licences first, then the waves of cases.
  const g = groups()
  const plan: Array<{ group: Group; count: number }> = [
    { group: g.matter, count: layout.matters },
    { group: g.credit, count: layout.credits },
    { group: g.licence, count: layout.licences },
  ]
  let base = 0
  const statements: Array<{ label: string; sql: string }> = []
  const lastPosition = lastPositionOf(layout)
  const spacing = (365 * 86_400) / lastPosition
  const xid = Number((await admin.query("SELECT pg_current_xact_id()::text::bigint AS x")).rows[0].x)
  if (lastPosition >= xid * 2 ** Sql.positionShift) {
    throw new Error(`positions up to ${lastPosition} would pass the read horizon (transaction id ${xid})`)
  }
  if (copyFrom !== undefined) {
    const slices = 10
    const columns =
      "global_position, version, stream, event_id, type, schema_version, data, metadata, recorded_at, hash"
    for (let k = 0; k <= slices; k++) {
      const lo = Math.floor((lastPosition * k) / slices)
      const bound = k === slices ? "" : `AND global_position < ${Math.floor((lastPosition * (k + 1)) / slices)}`
      statements.push({
        label: `copy ${k + 1}/${slices + 1}`,
        sql: `INSERT INTO ${s}.events (${columns}) SELECT ${columns} FROM "${copyFrom}".events WHERE global_position >= ${lo} ${bound}`,
      })
    }
    statements.push({
      label: "copy the case list and timers",
      sql: `INSERT INTO ${s}.runtime_cases SELECT * FROM "${copyFrom}".runtime_cases;
INSERT INTO ${s}.runtime_timers SELECT * FROM "${copyFrom}".runtime_timers`,
    })
  }
  for (const { group, count } of copyFrom === undefined ? plan : []) {
    statements.push({ label: group.category, sql: insertStreams(s, layout, group, 0, count, base, count, spacing) })
    base += count * group.maxLength
  }
  for (let lo = 0; copyFrom === undefined && lo < layout.cases; lo += waveCases) {
    const hi = Math.min(layout.cases, lo + waveCases)
    statements.push({
      label: `cases ${lo}–${hi}`,
      sql: insertStreams(s, layout, g.application, lo, hi, base, hi - lo, spacing),
    })
    statements.push({ label: `case list ${lo}–${hi}`, sql: insertCases(s, layout, lo, hi, openFrom) })
    base += (hi - lo) * maxLength
  }
  const definitions = (
    await admin.query<{ name: string; definition: string }>(
      `SELECT conname AS name, pg_get_constraintdef(oid) AS definition FROM pg_constraint
        WHERE conrelid = '${s}.events'::regclass AND conname = ANY($1)`,
      [uniqueConstraints],
    )
  ).rows
  const indexes = (
    await admin.query<{ name: string; definition: string }>(
      `SELECT i.indexrelid::regclass::text AS name, pg_get_indexdef(i.indexrelid) AS definition
         FROM pg_index i JOIN pg_inherits h ON h.inhrelid = i.indrelid
        WHERE h.inhparent = '${s}.events'::regclass
          AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conindid = i.indexrelid)`,
    )
  ).rows
  for (const { name } of definitions) await admin.query(`ALTER TABLE ${s}.events DROP CONSTRAINT ${name}`)
  for (const { name } of indexes) await admin.query(`DROP INDEX ${name}`)
  let next = 0
  const loadStart = performance.now()
  await Promise.all(
    [0, 1].map(async () => {
      const client = await admin.connect()
      try {
        await client.query("SET work_mem = '256MB'; SET synchronous_commit = off")
        while (next < statements.length) {
          const statement = statements[next++]!
          const t0 = performance.now()
          const result = await client.query(statement.sql)
          log(
            `${schema}: ${statement.label}: ${result.rowCount} rows, ${((performance.now() - t0) / 1000).toFixed(1)} s`,
          )
        }
      } finally {
        client.release()
      }
    }),
  )
  const loadSeconds = (performance.now() - loadStart) / 1000
  const indexStart = performance.now()
  {
    const client = await admin.connect()
    try {
      await client.query("SET maintenance_work_mem = '512MB'; SET max_parallel_maintenance_workers = 1")
      for (const { name, definition } of definitions) {
        await client.query(`ALTER TABLE ${s}.events ADD CONSTRAINT ${name} ${definition}`)
      }
      for (const { definition } of indexes) await client.query(definition)
      await client.query(`VACUUM (ANALYZE) ${s}.events`)
      await client.query(`VACUUM (ANALYZE) ${s}.runtime_cases`)
      await client.query(`VACUUM (ANALYZE) ${s}.runtime_timers`)
    } finally {
      client.release()
    }
  }
  const indexSeconds = (performance.now() - indexStart) / 1000
  const counts = await admin.query(
    `SELECT (SELECT count(*) FROM ${s}.events) AS events, (SELECT max(global_position) FROM ${s}.events) AS head,
            (SELECT count(*) FROM ${s}.runtime_cases) AS cases, (SELECT count(*) FROM ${s}.runtime_timers) AS timers,
            -- A plain table has no partition tree (no rows): its own size then.
            pg_size_pretty(coalesce((SELECT sum(pg_total_relation_size(t.relid)) FROM pg_partition_tree('${s}.events') t),
                                    pg_total_relation_size('${s}.events'))) AS size`,
  )
  const c = counts.rows[0]
  log(
    `${schema}: built ${Number(c.events).toLocaleString("en")} events (${c.size} with indexes), ${Number(c.cases).toLocaleString("en")} cases, ` +
      `${Number(c.timers).toLocaleString("en")} timers in ${((performance.now() - start) / 1000).toFixed(0)} s ` +
      `(rows and chain ${loadSeconds.toFixed(0)} s, constraints and analyze ${indexSeconds.toFixed(0)} s)`,
  )
  await admin.query(`COMMENT ON SCHEMA ${s} IS 'province bench: built'`)
  return { schema, events: Number(c.events), cases: layout.cases, openFrom, head: await builtHeadOf(admin, s, layout) }
}

// ---------------------------------------------------------------------------------------------
// Measuring.

interface Opened {
  readonly built: Built
  readonly store: PostgresEventStore.PostgresEventStoreService
  readonly runtime: RuntimeStore.RuntimeStore["Service"]
}

const run = <A>(effect: Effect.Effect<A, unknown>) => Effect.runPromise(effect as Effect.Effect<A>)

/** A deterministic pseudo-random sequence (mulberry32). */
const random = (seed: number) => () => {
  seed = (seed + 0x6d2b79f5) | 0
  let t = Math.imul(seed ^ (seed >>> 15), 1 | seed)
  t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296
}
const caseStream = (i: number) => `application-430100-2026-${String(i).padStart(8, "0")}`
const authority = (k: number) => `11430100MB${String(k).padStart(8, "0")}`

const inlineOf = (stream: string, version: number): RuntimeStore.InlineUpdate => ({
  stream,
  category: "application",
  id: stream.slice("application-".length),
  version,
  at: "2026-09-24T01:30:00.000Z",
  summary: {
    status: "underReview",
    title: "食品经营许可",
    detail: {
      applicant: "长沙市某某餐饮有限公司",
      matterCode: "11430100MB00000001-000101001000-01",
      receivedOn: "2026-09-24",
    },
  },
  access: { owners: ["91430100MA00000001"], authority: "11430100MB00000001", region: "430101", public: false },
  timers: [
    { key: "warning/overdue/2026-11-20", dueAt: "2026-11-20T16:00:00.000Z", notice: "statutory date passed" },
    {
      key: `warning/red/2026-10-${String(10 + (version % 20)).padStart(2, "0")}`,
      dueAt: `2026-10-${String(10 + (version % 20)).padStart(2, "0")}T16:00:00.000Z`,
      notice: "promised date passed",
      command: { aggregate: "application", id: stream, command: { _tag: "DeemAccepted", caseNo: stream } },
    },
  ],
})

const timedMs = async (work: () => Promise<unknown>) => {
  const t0 = performance.now()
  await work()
  return performance.now() - t0
}

type Measures = Record<string, number>

/**
 * The W2 cases as they are before a round's W2 — the stream's head and the cases' list rows and
 * timers — and `restore`, which takes the round's appends away again (its events, and the rows and
 * timers as they were), so that a store's streams keep their lengths from run to run: without it
 * the small store's 1,000 open cases grew by about 16 events each in a 20-round run, and its W2
 * read ever longer streams than the large store's 100,000. The case list and the timers are then
 * vacuumed (the events' few dead rows are not: a VACUUM of the large store's events reads all
 * its indexes, gigabytes, every round).
 */
const keptForW2 = async (db: pg.Pool, schema: string, streams: ReadonlyArray<string>) => {
  const s = `"${schema}"`
  const head = (await db.query(`SELECT max(global_position) AS p FROM ${s}.events`)).rows[0].p as string
  const cases = (await db.query(`SELECT * FROM ${s}.runtime_cases WHERE stream = ANY($1)`, [streams])).rows
  const timers = (await db.query(`SELECT * FROM ${s}.runtime_timers WHERE stream = ANY($1)`, [streams])).rows
  return {
    restore: async () => {
      const client = await db.connect()
      try {
        await client.query("BEGIN")
        const gone = await client.query(`DELETE FROM ${s}.events WHERE global_position > $1 AND stream = ANY($2)`, [
          head,
          streams,
        ])
        if (gone.rowCount !== streams.length * 2)
          throw new Error(`W2 appended ${gone.rowCount} events, not ${streams.length * 2}`)
        await client.query(`DELETE FROM ${s}.runtime_timers WHERE stream = ANY($1)`, [streams])
        await client.query(
          `INSERT INTO ${s}.runtime_timers SELECT * FROM pg_catalog.json_populate_recordset(NULL::${s}.runtime_timers, $1::json)`,
          [JSON.stringify(timers)],
        )
        await client.query(`DELETE FROM ${s}.runtime_cases WHERE stream = ANY($1)`, [streams])
        await client.query(
          `INSERT INTO ${s}.runtime_cases SELECT * FROM pg_catalog.json_populate_recordset(NULL::${s}.runtime_cases, $1::json)`,
          [JSON.stringify(cases)],
        )
        await client.query("COMMIT")
        // What autovacuum would do on a server that runs it (this machine's has it off): without
        // it the dead row versions of every round's updates stay in the case list's indexes, and
        // the small store's 10,000 rows gained 2,400 a round, which its pages then read.
        await client.query(`VACUUM ${s}.runtime_cases, ${s}.runtime_timers`)
      } catch (error) {
        await client.query("ROLLBACK")
        throw error
      } finally {
        client.release()
      }
    },
  }
}

const measure = async (o: Opened, round: number, raw: pg.Pool): Promise<Measures> => {
  const { built, store, runtime } = o
  const statements = Sql.statements(built.schema)
  const next = random(1000 * round + built.events)
  const openCase = () => built.openFrom + Math.floor(next() * (built.cases - built.openFrom))
  const m: Measures = {}
  // W2-runtime on existing open cases, 400 picked at random (their pages mostly outside shared
  // buffers on the large store), then again on the same cases (their pages now read once: what a
  // server whose memory holds the open cases' pages does).
  // Distinct cases: the small store has 1,000 open cases, and 400 drawn with repeats would put
  // about 70 streams twice in the pass, whose appends then race (a conflict and a retry) on it alone.
  const picked = new Set<number>()
  while (picked.size < Math.min(400, built.cases - built.openFrom)) picked.add(openCase())
  const targets = [...picked].map(caseStream)
  const w2On = (tag: string) => {
    const events = makeEvents(targets.length, `province-${round}-${tag}`)
    return timedMs(() =>
      inParallel(
        workers,
        targets.map((stream, i) => ({ stream, event: events[i]! })),
        async ({ stream, event }) => {
          for (;;) {
            const ok = await run(
              Effect.gen(function* () {
                const read = yield* store.readStream(stream)
                const version = read.length === 0 ? 0 : read[read.length - 1]!.streamVersion
                return yield* runtime
                  .append(stream, [event], ExpectedVersion.exact(version), inlineOf(stream, version + 1))
                  .pipe(
                    Effect.as(true),
                    Effect.catchTag("VersionConflict", () => Effect.succeed(false)),
                  )
              }),
            )
            if (ok) return
          }
        },
      ),
    )
  }
  const before = await keptForW2(raw, built.schema, targets)
  m["W2-runtime appends/s"] = targets.length / ((await w2On("cold")) / 1000)
  m["W2-runtime again (warm) appends/s"] = targets.length / ((await w2On("warm")) / 1000)
  await before.restore()
  // W5 deep: a window from 60% into the log.
  const window = Math.min(220_000, Math.floor(built.events / 2))
  const from = Math.floor(built.head * 0.6)
  let read = 0
  let position = from
  const w5 = await timedMs(async () => {
    while (read < window) {
      const page = await run(store.readAll({ fromPosition: position, limit: Math.min(1000, window - read) }))
      if (page.length === 0) break
      read += page.length
      position = page[page.length - 1]!.globalPosition + 1
    }
  })
  m["W5-deep events/s"] = read / (w5 / 1000)
  // W5 tail: the last 1,000 events, then a poll at the head.
  const head = Number(
    (await run(store.sql.query<{ p: string }>(`SELECT max(global_position) AS p FROM "${built.schema}".events`)))[0]!.p,
  )
  const tailFrom = Number(
    (
      await run(
        store.sql.query<{ p: string }>(
          `SELECT global_position AS p FROM "${built.schema}".events ORDER BY global_position DESC OFFSET 999 LIMIT 1`,
        ),
      )
    )[0]!.p,
  )
  m["W5-tail 1,000 ms"] = await timedMs(() => run(store.readAll({ fromPosition: tailFrom, limit: 1000 })))
  const polls: Array<number> = []
  for (let k = 0; k < 20; k++)
    polls.push(await timedMs(() => run(store.readAll({ fromPosition: head + 1, limit: 1000 }))))
  m["poll at head ms"] = median(polls)
  // The case list.
  const staff: Array<number> = []
  const staffAccepted: Array<number> = []
  // Its page's rows: the small store's authorities have a few accepted cases each (1,000 open
  // cases over 120 authorities and five statuses), the large store's fill the page.
  const staffAcceptedRows: Array<number> = []
  const applicant: Array<number> = []
  const applicantWarm: Array<number> = []
  const applicantRaw: Array<number> = []
  for (let k = 0; k < 20; k++) {
    const a = authority(Math.floor(next() * 120))
    staff.push(await timedMs(() => run(runtime.cases(staffOf(a), { category: "application", limit: 50 }))))
    staffAccepted.push(
      await timedMs(async () => {
        const page = await run(runtime.cases(staffOf(a), { category: "application", status: "accepted", limit: 50 }))
        staffAcceptedRows.push(page.length)
      }),
    )
    const owner = `91430100MA${String(Math.floor(next() * Math.ceil(built.cases / 20))).padStart(8, "0")}`
    applicant.push(await timedMs(() => run(runtime.cases(applicantOf(owner), { limit: 50 }))))
    // The same page again: its pages are now in shared buffers (what is left is the plan's own work).
    applicantWarm.push(await timedMs(() => run(runtime.cases(applicantOf(owner), { limit: 50 }))))
    // Another applicant's page, cold, through `pg` alone (the same statement, no store around it).
    const other = `91430100MA${String(Math.floor(next() * Math.ceil(built.cases / 20))).padStart(8, "0")}`
    const statement = CaseList.casesQuery(`"${built.schema}".runtime_cases`, applicantOf(other), {
      category: null,
      status: null,
      after: null,
      limit: 50,
    })
    applicantRaw.push(await timedMs(() => raw.query(statement.text, statement.params as Array<unknown>)))
  }
  m["case list, staff ms"] = median(staff)
  m["staff, accepted only ms"] = median(staffAccepted)
  m["staff, accepted only: rows"] = median(staffAcceptedRows)
  m["case list, applicant ms"] = median(applicant)
  m["applicant again (warm) ms"] = median(applicantWarm)
  m["applicant, raw pg (cold) ms"] = median(applicantRaw)
  // Load one case (read with the chain check), any case.
  const loads: Array<number> = []
  const loadsWarm: Array<number> = []
  const loadsRaw: Array<number> = []
  for (let k = 0; k < 50; k++) {
    const stream = caseStream(Math.floor(next() * built.cases))
    loads.push(await timedMs(() => run(store.readStream(stream))))
    loadsWarm.push(await timedMs(() => run(store.readStream(stream))))
    // Another case, cold, through `pg` alone: the store's statement, without the store's work
    // (the chain check, the events' decoding, Effect) — what reading the rows costs at each size.
    const other = caseStream(Math.floor(next() * built.cases))
    loadsRaw.push(await timedMs(() => raw.query(statements.readStreamChecked, [other, 1, null])))
  }
  m["load one case ms"] = median(loads)
  m["same case again (warm) ms"] = median(loadsWarm)
  m["one case, raw pg (cold) ms"] = median(loadsRaw)
  return m
}

/** A staff member of one authority, and an applicant, as `Authorization.visibilityOf` makes them. */
const staffOf = (a: string): Authorization.Visibility => ({
  public: true,
  owners: [],
  authorities: [a],
  regionPrefixes: [],
  identityAuthorities: [a],
})
const applicantOf = (owner: string): Authorization.Visibility => ({
  public: true,
  owners: [owner],
  authorities: [],
  regionPrefixes: [],
  identityAuthorities: [],
})

/** The case-list queries as `PostgresRuntimeStore.cases` sends them, under EXPLAIN. */
const explainCaseList = async (db: pg.Pool, schema: string) => {
  const plans: Array<string> = []
  for (const [label, visibility, query] of [
    ["staff of one authority, first page", staffOf(authority(7)), { category: "application", status: null }],
    ["staff of one authority, accepted cases", staffOf(authority(7)), { category: "application", status: "accepted" }],
    ["an applicant's own cases", applicantOf("91430100MA00000042"), { category: null, status: null }],
  ] as const) {
    const statement = CaseList.casesQuery(`"${schema}".runtime_cases`, visibility, { ...query, after: null, limit: 50 })
    const rows = (
      await db.query({
        text: `EXPLAIN (ANALYZE, BUFFERS, COSTS OFF, TIMING OFF) ${statement.text}`,
        values: statement.params as Array<unknown>,
      })
    ).rows
    plans.push(`  ${label}:\n${rows.map((r) => `    ${r["QUERY PLAN"]}`).join("\n")}`)
  }
  return plans.join("\n")
}

/**
 * Where a cold read's time goes: `EXPLAIN (ANALYZE, BUFFERS)` with `track_io_timing` on, for 20
 * cases read as `readStream` reads them and 20 applicants' pages, not read before in this run:
 * the medians of the execution time, of the time spent reading pages from outside shared buffers
 * (from the OS, whose page cache may hold them), and of the pages found in shared buffers and read.
 * And the poll at the head: its plan as a custom plan (the values known) and as the generic one
 * a prepared statement settles on, with the planning time.
 */
const explainReads = async (db: pg.Pool, built: Built) => {
  const client = await db.connect()
  try {
    await client.query("SET track_io_timing = on")
    const next = random(99 + built.events)
    const explained = async (text: string, values: Array<unknown>) => {
      const rows = (await client.query({ text: `EXPLAIN (ANALYZE, BUFFERS, FORMAT JSON) ${text}`, values })).rows
      const cell = rows[0]["QUERY PLAN"]
      const top = (typeof cell === "string" ? JSON.parse(cell) : cell)[0]
      const plan = top.Plan
      return {
        ms: Number(top["Execution Time"]),
        io: Number(plan["I/O Read Time"] ?? plan["Shared I/O Read Time"] ?? 0),
        hit: Number(plan["Shared Hit Blocks"] ?? 0),
        read: Number(plan["Shared Read Blocks"] ?? 0),
      }
    }
    const line = (label: string, xs: ReadonlyArray<{ ms: number; io: number; hit: number; read: number }>) =>
      `  ${label}: execution ${median(xs.map((x) => x.ms)).toFixed(2)} ms, of it reading pages ${median(xs.map((x) => x.io)).toFixed(2)} ms; ` +
      `pages hit ${median(xs.map((x) => x.hit))}, read ${median(xs.map((x) => x.read))} (medians of ${xs.length})`
    const statements = Sql.statements(built.schema)
    const cases = []
    for (let k = 0; k < 20; k++) {
      cases.push(await explained(statements.readStreamChecked, [caseStream(Math.floor(next() * built.cases)), 1, null]))
    }
    const pages = []
    for (let k = 0; k < 20; k++) {
      const owner = `91430100MA${String(Math.floor(next() * Math.ceil(built.cases / 20))).padStart(8, "0")}`
      const statement = CaseList.casesQuery(`"${built.schema}".runtime_cases`, applicantOf(owner), {
        category: null,
        status: null,
        after: null,
        limit: 50,
      })
      pages.push(await explained(statement.text, statement.params as Array<unknown>))
    }
    const head = Number(
      (await client.query(`SELECT max(global_position) AS p FROM "${built.schema}".events`)).rows[0].p,
    )
    const plan = async (text: string, values: Array<unknown>) =>
      (await client.query({ text: `EXPLAIN (ANALYZE, BUFFERS, SUMMARY) ${text}`, values })).rows
        .map((r) => `    ${r["QUERY PLAN"]}`)
        .join("\n")
    const custom = await plan(statements.readAll, [head + 1, 1000])
    await client.query(`PREPARE province_poll(bigint, integer) AS ${statements.readAll}`)
    await client.query("SET plan_cache_mode = force_generic_plan")
    const generic = await plan(`EXECUTE province_poll(${head + 1}, 1000)`, [])
    await client.query("RESET plan_cache_mode; DEALLOCATE province_poll")
    return [
      line("a case as readStream reads it", cases),
      line("an applicant's page", pages),
      `  the poll at the head, custom plan:\n${custom}`,
      `  the poll at the head, generic plan:\n${generic}`,
    ].join("\n")
  } finally {
    await client.query("RESET track_io_timing").catch(() => undefined)
    client.release()
  }
}

const summary = (ratios: ReadonlyArray<number>) =>
  `${median(ratios).toFixed(3)} [${quantile(ratios, 0.25).toFixed(3)}–${quantile(ratios, 0.75).toFixed(3)}]`

const main = async () => {
  const admin0 = new pg.Client({ connectionString: baseUrl })
  await admin0.connect()
  const exists = await admin0.query("SELECT 1 FROM pg_database WHERE datname = 'province'")
  if (exists.rowCount === 0) await admin0.query("CREATE DATABASE province")
  await admin0.end()
  const admin = new pg.Pool({ connectionString: databaseUrl, max: 4 })
  try {
    log(`disk before: see df -h; building (at most 2 statements at once)`)
    const contenders: Array<{ name: string; built: Built }> = []
    contenders.push({ name: `${small}`, built: await build(admin, `province_${small}`, small, 0) })
    contenders.push({ name: `${large}`, built: await build(admin, `province_${large}`, large, 0) })
    if (partitions > 0) {
      contenders.push({
        name: `${large} hash×${partitions}`,
        built: await build(admin, `province_${large}_p${partitions}`, large, partitions, `province_${large}`),
      })
    }
    // The store's verification: every sampled stream read with the chain check, and on the small
    // store the whole log's `verify`.
    const results = new Map<string, Array<Measures>>()
    const duel = new Map<string, Array<number>>()
    await run(
      Effect.scoped(
        Effect.gen(function* () {
          const opened: Array<{ name: string; o: Opened }> = []
          for (const c of contenders) {
            const store = yield* Pg.makePostgres({
              connectionString: databaseUrl,
              schema: c.built.schema,
              poolSize: workers,
            })
            const runtime = yield* PostgresRuntimeStore.make(store)
            opened.push({ name: c.name, o: { built: c.built, store, runtime } })
          }
          for (const { name, o } of opened) {
            const next = random(7)
            const t0 = performance.now()
            let checked = 0
            for (let k = 0; k < 1000; k++) {
              const events = yield* o.store.readStream(caseStream(Math.floor(next() * o.built.cases)))
              checked += events.length
            }
            for (const stream of [
              "matter-11430100MB00000003-000003",
              "credit-91430100MA00000005",
              "licence-L430100000000009",
            ]) {
              checked += (yield* o.store.readStream(stream)).length
            }
            log(
              `${name}: 1,003 sampled streams (${checked} events) pass the store's chain check on read in ${((performance.now() - t0) / 1000).toFixed(1)} s`,
            )
            if (o.built.events <= 1_000_000) {
              const t1 = performance.now()
              const report = yield* o.store.verify
              log(
                `${name}: verify: ${report.streams} streams, ${report.events} events, ${report.breaks.length} breaks, ${((performance.now() - t1) / 1000).toFixed(1)} s`,
              )
              if (report.breaks.length > 0) throw new Error("the built store does not verify")
            }
          }
          if (rounds === 0) return
          for (const { name } of opened) results.set(name, [])
          for (let r = 0; r < rounds; r++) {
            const order = r % 2 === 0 ? opened : [...opened].reverse()
            for (const { name, o } of order) {
              const m = yield* Effect.promise(() => measure(o, r, admin))
              results.get(name)!.push(m)
              log(
                `round ${r + 1} ${name}: ${Object.entries(m)
                  .map(([k, v]) => `${k} ${v.toFixed(k.endsWith("/s") ? 0 : 2)}`)
                  .join(", ")}`,
              )
            }
          }
          // The poll at the head again, the stores taking turns poll by poll (after the rounds,
          // nothing appends): each store's median in blocks of 20 polls, so a change of the
          // machine's load falls on both alike.
          const heads = new Map<string, number>()
          for (const { name, o } of opened) {
            const rows = yield* o.store.sql.query<{ p: string }>(
              `SELECT max(global_position) AS p FROM "${o.built.schema}".events`,
            )
            heads.set(name, Number(rows[0]!.p))
            duel.set(name, [])
          }
          for (let block = 0; block < pollBlocks; block++) {
            const times = new Map<string, Array<number>>(opened.map(({ name }) => [name, []]))
            for (let k = 0; k < 20; k++) {
              for (const { name, o } of k % 2 === 0 ? opened : [...opened].reverse()) {
                const fromPosition = heads.get(name)! + 1
                const ms = yield* Effect.promise(() =>
                  timedMs(() => run(o.store.readAll({ fromPosition, limit: 1000 }))),
                )
                times.get(name)!.push(ms)
              }
            }
            for (const { name } of opened) duel.get(name)!.push(median(times.get(name)!))
          }
        }),
      ),
    )
    if (rounds === 0) return
    const keys = Object.keys(results.get(contenders[0]!.name)![0]!)
    const table = (name: string, against: string) => {
      console.log(
        `\n${name} ÷ ${against}, median of per-round ratios [quartiles], n=${rounds} (time: > 1 is slower; rates: < 1 is slower)`,
      )
      for (const key of keys) {
        const mine = results.get(name)!.map((m) => m[key]!)
        const theirs = results.get(against)!.map((m) => m[key]!)
        console.log(
          `  ${key.padEnd(26)} ${summary(mine.map((v, i) => v / theirs[i]!))}   (medians ${median(mine).toFixed(2)} vs ${median(theirs).toFixed(2)})`,
        )
      }
    }
    table(contenders[1]!.name, contenders[0]!.name)
    if (contenders[2] !== undefined) table(contenders[2].name, contenders[1]!.name)
    for (const c of contenders.slice(1)) {
      const mine = duel.get(c.name)!
      const theirs = duel.get(contenders[0]!.name)!
      console.log(
        `\npoll at the head, the stores taking turns poll by poll, ${c.name} ÷ ${contenders[0]!.name}, median of per-block ratios [quartiles], n=${pollBlocks} blocks of 20: ` +
          `${summary(mine.map((v, i) => v / theirs[i]!))} (medians ${median(mine).toFixed(3)} vs ${median(theirs).toFixed(3)} ms)`,
      )
    }
    for (const c of contenders) {
      console.log(`\nplans of the case list, ${c.name} events:\n${await explainCaseList(admin, c.built.schema)}`)
      console.log(`\ncold reads and the poll, ${c.name} events:\n${await explainReads(admin, c.built)}`)
    }
    console.log(`\nload at the end: ${load()}`)
  } finally {
    await admin.end()
    if (drop) {
      const admin1 = new pg.Client({ connectionString: baseUrl })
      await admin1.connect()
      await admin1.query("DROP DATABASE IF EXISTS province")
      await admin1.end()
    }
  }
}

await main()
