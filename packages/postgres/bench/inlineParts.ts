/**
 * `tsx --conditions=@yiciban/source bench/inlineParts.ts [--streams <n>] [--only a,b] [--explain]`:
 * where the runtime's inline update spends its time on the PostgreSQL server at DATABASE_URL,
 * part by part. Every contender is the statement of one append — the events' INSERT and what it
 * writes beside it — run on one connection of its own, appends one after another, each contender
 * in a schema of its own made by the runtime store (so its tables and indexes are the store's).
 * `synchronous_commit` is off on these connections: the commit's flush is the same for every
 * contender (`runtimeW2.ts` measures it with the rest) and would drown the differences here.
 *
 * Contenders (each append: the stream's case row — status changes at version 2 only — and two
 * timers, one kept and one replaced at every version, as in `runtimeW2.ts`):
 *   events            the events' INSERT alone (the port's fast path)
 *   inline            the runtime store's inline statement, as the store sends it
 *   caseOnly          … with the case row and no timers; timersOnly: the timers and no case row
 *   updateFirst       the case row as an UPDATE, inserted only when there is none (no ON CONFLICT)
 *   fill70            `fillfactor = 70` on runtime_cases (room for HOT updates)
 *   noRegion, noGin, noCaseIndexes   without runtime_cases_region / _owners / every secondary index
 *   noCheck           without the CHECK on the timers' status (measured, not kept: see docs/performance.md)
 *   notExists         the new timers filtered with NOT EXISTS instead of ON CONFLICT DO NOTHING
 *   timersInsertOnly  no removal of unwanted timers (what the DELETE costs; not a correct store)
 *   jsonTimers        the wanted timers as one json parameter instead of five arrays
 *   noBitmap          the connection with `enable_bitmapscan = off`
 * Appends go block by block (100 streams at one version), the contenders in turn, their order
 * rotated and reversed from block to block. The table gives µs per append (wall), the server
 * process's CPU (`/proc/<pid>/schedstat`) and this process's per append, and the medians of the
 * per-block ratios of server CPU and of wall time to `inline`, with quartiles: on a loaded machine
 * the server's CPU time is the steadier figure. `--explain` prints `EXPLAIN (ANALYZE, BUFFERS,
 * WAL)` of one more append of each contender, and the tables' insert/update/HOT counts; `--pids`
 * prints the server processes and waits 3 s (for `perf record -p`). A diagnostic, not a test.
 */
import { randomUUID } from "node:crypto"
import { loadavg } from "node:os"
import { performance } from "node:perf_hooks"
import { ExpectedVersion } from "@yiciban/eventstore"
import type { RuntimeStore } from "@yiciban/runtime"
import { Effect } from "effect"
import pg from "pg"
import * as PgClient from "../src/internal/pgClient.ts"
import * as PostgresEventStore from "../src/PostgresEventStore.ts"
import * as PostgresRuntimeStore from "../src/PostgresRuntimeStore.ts"
import type { SqlClient } from "../src/SqlClient.ts"
import { cpuMicrosOf, makeEvents, median, quantile } from "./data.ts"

const url = process.env.DATABASE_URL || "postgres://postgres@127.0.0.1:5432/test"
const argument = (flag: string) => {
  const i = process.argv.indexOf(flag)
  return i < 0 ? undefined : process.argv[i + 1]
}
const streamCount = Number(argument("--streams") ?? 1000)
const only = argument("--only")?.split(",")
const explain = process.argv.includes("--explain")
const perStream = 10
const sliceStreams = 100
const suffix = `${process.pid}_${Date.now().toString(36)}`

const day = (version: number) => `2026-10-${String(10 + version).padStart(2, "0")}`

/** The inline update of `runtimeW2.ts` at `version`. */
const inlineOf = (stream: string, version: number): RuntimeStore.InlineUpdate => ({
  stream,
  category: "application",
  id: stream.slice("application-".length),
  version,
  at: "2026-09-24T01:30:00.000Z",
  summary: {
    status: version === 1 ? "submitted" : "accepted",
    title: "食品经营许可",
    detail: {
      applicant: "长沙市某某餐饮有限公司",
      matterCode: "11430100MB1A38544B-000101001000-01",
      receivedOn: "2026-09-24",
    },
  },
  access: { owners: ["91430102MA4L123456"], authority: "11430100MB1A38544B", region: "430100", public: false },
  timers: [
    { key: "warning/overdue/2026-11-20", dueAt: "2026-11-20T16:00:00.000Z", notice: "statutory date passed" },
    {
      key: `warning/red/${day(version)}`,
      dueAt: `${day(version)}T16:00:00.000Z`,
      notice: "promised date passed",
      command: { aggregate: "application", id: stream, command: { _tag: "DeemAccepted", caseNo: stream } },
    },
  ],
})

/** A client that keeps the text and parameters of every statement sent with `values`. */
const recording = (inner: SqlClient, sent: Array<{ sql: string; params: ReadonlyArray<unknown> }>): SqlClient => ({
  ...inner,
  values: (sql, params, name) => {
    sent.push({ sql, params: params ?? [] })
    return inner.values(sql, params, name)
  },
})

/** A schema made by the store and the runtime store; the inline statement's text and one append's parameters. */
const makeSchema = async (schema: string) => {
  const pool = new pg.Pool({ connectionString: url, max: 1 })
  const sent: Array<{ sql: string; params: ReadonlyArray<unknown> }> = []
  try {
    const store = await Effect.runPromise(
      PostgresEventStore.makeWithClient(recording(PgClient.make(pool), sent), { schema }),
    )
    const runtime = await Effect.runPromise(PostgresRuntimeStore.make(store))
    const [event] = makeEvents(1, "probe")
    const stream = "application-probe"
    await Effect.runPromise(runtime.append(stream, [event!], ExpectedVersion.exact(0), inlineOf(stream, 1)))
    const inline = sent.find((s) => s.sql.startsWith("WITH appended"))
    if (inline === undefined) throw new Error("the runtime store sent no inline statement")
    return { text: inline.sql, params: inline.params }
  } finally {
    await pool.end()
  }
}

/** The parameters of the inline statement for `stream` at `version` (the store's order, $1 … $25). */
const paramsOf = (
  probe: ReadonlyArray<unknown>,
  stream: string,
  version: number,
  event: { eventId: string; data: unknown; metadata: unknown },
): Array<unknown> => {
  const inline = inlineOf(stream, version)
  const timers = inline.timers!.map((t) => ({
    id: `${stream}/${t.key}`,
    dueAt: new Date(t.dueAt).toISOString(),
    notice: t.notice,
    command: t.command === undefined ? null : JSON.stringify(t.command),
    provisional: false,
  }))
  const p = [...probe]
  p[0] = stream
  p[1] = "Exact"
  p[2] = version - 1
  p[3] = event.eventId
  p[6] = JSON.stringify(event.data)
  p[7] = JSON.stringify(event.metadata)
  p[8] = stream
  p[10] = inline.id
  p[11] = version
  p[12] = inline.summary!.status
  p[14] = JSON.stringify(inline.summary!.detail)
  p[20] = timers.map((t) => t.id)
  p[21] = timers.map((t) => t.dueAt)
  p[22] = timers.map((t) => t.notice)
  p[23] = timers.map((t) => t.command)
  p[24] = timers.map((t) => t.provisional)
  return p
}

interface Variant {
  /** DDL run on the variant's schema after the store made it (`<s>` is the quoted schema). */
  readonly ddl?: string
  /** The statement, from the store's inline text and the quoted schema. */
  readonly text: (inline: string, s: string) => string
  /** A setting of the variant's connection (diagnostics: `SET enable_bitmapscan = off`). */
  readonly session?: string
  /** Parameters from the store's 25 (default: all). */
  readonly params?: (p: Array<unknown>) => Array<unknown>
}

const casesColumns =
  "stream, category, id, version, status, title, detail, updated_at, owners, authority, region, public"
const caseSelect = `$9::text, $10::text, $11::text, $12::bigint, $13::text, $14::text,
                    $15::jsonb, $16::text, $17::text[], $18::text, $19::text, $20::boolean`
const caseSet = `version = excluded.version, status = excluded.status,
               title = excluded.title, detail = excluded.detail, updated_at = excluded.updated_at,
               owners = excluded.owners, authority = excluded.authority, region = excluded.region, public = excluded.public`
const timersCte = (s: string) => `removed AS (
               DELETE FROM ${s}.runtime_timers
                WHERE stream = $9::text AND status = 'pending' AND NOT (id = ANY($21::text[]))
                  AND EXISTS (SELECT 1 FROM appended)),
             added AS (
               INSERT INTO ${s}.runtime_timers (id, stream, due_at, notice, command, provisional)
               SELECT w.id, $9::text, w.due_at, w.notice, w.command, w.provisional
               FROM appended,
                 unnest($21::text[], $22::timestamptz[], $23::text[], $24::jsonb[], $25::boolean[])
                   AS w(id, due_at, notice, command, provisional)
               ON CONFLICT (id) DO NOTHING)`
const appendOneOf = (inline: string) => inline.slice("WITH appended AS (\n".length, inline.indexOf("\n),\n"))
const withAppended = (inline: string, ctes: string) =>
  `WITH appended AS (\n${appendOneOf(inline)}\n),\n${ctes}\nSELECT a.global_position, a.version FROM appended a`
/** The case row updated first, inserted only when there was none. */
const caseUpdateFirst = (s: string) => `updated AS (
             UPDATE ${s}.runtime_cases c SET version = $12::bigint, status = $13::text, title = $14::text,
               detail = $15::jsonb, updated_at = $16::text, owners = $17::text[], authority = $18::text,
               region = $19::text, public = $20::boolean
              FROM appended WHERE c.stream = $9::text RETURNING 1),
             upserted AS (
             INSERT INTO ${s}.runtime_cases (${casesColumns})
             SELECT ${caseSelect} FROM appended WHERE NOT EXISTS (SELECT 1 FROM updated)
             ON CONFLICT (stream) DO UPDATE SET ${caseSet})`
const caseUpsert = (s: string) => `upserted AS (
             INSERT INTO ${s}.runtime_cases (${casesColumns})
             SELECT ${caseSelect} FROM appended
             ON CONFLICT (stream) DO UPDATE SET ${caseSet})`
const unusedTimers = `unused_timers AS (SELECT $21::text[], $22::timestamptz[], $23::text[], $24::jsonb[], $25::boolean[])`
const unusedCase = `unused_case AS (SELECT ${caseSelect})`

const variants: Record<string, Variant> = {
  events: { text: (inline) => appendOneOf(inline), params: (p) => p.slice(0, 8) },
  inline: { text: (inline) => inline },
  caseOnly: { text: (inline, s) => withAppended(inline, `${caseUpsert(s)},\n${unusedTimers}`) },
  timersOnly: { text: (inline, s) => withAppended(inline, `${unusedCase},\n${timersCte(s)}`) },
  updateFirst: { text: (inline, s) => withAppended(inline, `${caseUpdateFirst(s)},\n${timersCte(s)}`) },
  fill70: { ddl: "ALTER TABLE <s>.runtime_cases SET (fillfactor = 70)", text: (inline) => inline },
  noRegion: { ddl: "DROP INDEX <s>.runtime_cases_region", text: (inline) => inline },
  noCheck: {
    ddl: "ALTER TABLE <s>.runtime_timers DROP CONSTRAINT runtime_timers_status_check",
    text: (inline) => inline,
  },
  notExists: {
    text: (inline, s) =>
      withAppended(
        inline,
        `${caseUpsert(s)},\n${timersCte(s)
          .replace("ON CONFLICT (id) DO NOTHING", "")
          .replace(
            "AS w(id, due_at, notice, command, provisional)",
            `AS w(id, due_at, notice, command, provisional)
               WHERE NOT EXISTS (SELECT 1 FROM ${s}.runtime_timers t WHERE t.id = w.id)`,
          )}`,
      ),
  },
  timersInsertOnly: {
    text: (inline, s) =>
      withAppended(inline, `${caseUpsert(s)},\n${timersCte(s).replace(/removed AS \([\s\S]*?\)\),/, "")}`),
  },
  jsonTimers: {
    text: (inline, s) =>
      withAppended(
        inline,
        `${caseUpsert(s)},\n${timersCte(s)
          .replace(
            "unnest($21::text[], $22::timestamptz[], $23::text[], $24::jsonb[], $25::boolean[])",
            "json_to_recordset($22::json)",
          )
          .replace(
            "AS w(id, due_at, notice, command, provisional)",
            "AS w(id text, due_at timestamptz, notice text, command jsonb, provisional boolean)",
          )}`,
      ),
    params: (p) => {
      const ids = p[20] as Array<string>
      const rows = ids.map((id, i) => ({
        id,
        due_at: (p[21] as Array<string>)[i],
        notice: (p[22] as Array<string>)[i],
        command: (p[23] as Array<string | null>)[i] === null ? null : JSON.parse((p[23] as Array<string>)[i]!),
        provisional: (p[24] as Array<boolean>)[i],
      }))
      return [...p.slice(0, 21), JSON.stringify(rows)]
    },
  },
  noBitmap: { session: "SET enable_bitmapscan = off", text: (inline) => inline },
  noGin: { ddl: "DROP INDEX <s>.runtime_cases_owners", text: (inline) => inline },
  noCaseIndexes: {
    ddl: `DROP INDEX <s>.runtime_cases_region; DROP INDEX <s>.runtime_cases_owners; DROP INDEX <s>.runtime_cases_status;
          DROP INDEX <s>.runtime_cases_authority; DROP INDEX <s>.runtime_cases_public`,
    text: (inline) => inline,
  },
}

const names = Object.keys(variants).filter((name) => only === undefined || only.includes(name))
if (!names.includes("inline")) names.unshift("inline")

interface Contender {
  readonly name: string
  readonly schema: string
  readonly client: pg.Client
  /** The server process of `client`: its CPU time is read from /proc/<pid>/schedstat. */
  readonly pid: number
  readonly text: string
  readonly params: (p: Array<unknown>) => Array<unknown>
}

const contenders: Array<Contender> = []
let probeParams: ReadonlyArray<unknown> = []
const admin = new pg.Client({ connectionString: url })
await admin.connect()
try {
  for (const name of names) {
    const schema = `rtw2p_${name.toLowerCase()}_${suffix}`
    const made = await makeSchema(schema)
    const s = `"${schema}"`
    const variant = variants[name]!
    if (variant.ddl !== undefined) await admin.query(variant.ddl.replaceAll("<s>", s))
    const client = new pg.Client({ connectionString: url })
    await client.connect()
    await client.query("SET synchronous_commit = off")
    if (variant.session !== undefined) await client.query(variant.session)
    const pid = Number((await client.query("SELECT pg_backend_pid() AS pid")).rows[0].pid)
    contenders.push({
      name,
      schema,
      client,
      pid,
      text: variant.text(made.text, s),
      params: variant.params ?? ((p) => p),
    })
    if (name === "inline") probeParams = made.params
  }
  if (process.argv.includes("--pids")) {
    // for a profiler attached to the server processes (perf record -p)
    console.log(`pids ${contenders.map((c) => `${c.name}=${c.pid}`).join(" ")}`)
    await new Promise((done) => setTimeout(done, 3000))
  }
  const events = makeEvents(streamCount * perStream, "parts")
  const samples = new Map<string, Array<number>>(names.map((n) => [n, []]))
  /** CPU µs of the server process and of this process, per contender, summed over the slices. */
  const cpu = new Map<string, { server: number; client: number }>(names.map((n) => [n, { server: 0, client: 0 }]))
  const slices = Math.ceil(streamCount / sliceStreams)
  /** Per block (one slice at one version), per contender: server CPU µs. */
  const serverSamples = new Map<string, Array<number>>(names.map((n) => [n, []]))
  let block = 0
  for (let k = 0; k < slices; k++) {
    for (let version = 1; version <= perStream; version++, block++) {
      // rotate the order from block to block, so no contender always follows the same one
      const order = contenders.map((_, j) => contenders[(j + block) % contenders.length]!)
      for (const c of block % 2 === 0 ? order : order.reverse()) {
        const serverBefore = cpuMicrosOf(c.pid)
        const clientBefore = process.cpuUsage()
        const start = performance.now()
        for (let i = k * sliceStreams; i < Math.min(streamCount, (k + 1) * sliceStreams); i++) {
          const stream = `application-parts-${i}`
          const event = events[(version - 1) * streamCount + i]!
          const rows = await c.client.query({
            name: `rtw2_${c.name}`,
            text: c.text,
            values: c.params(paramsOf(probeParams, stream, version, event)),
          })
          if (rows.rowCount !== 1) throw new Error(`${c.name}: the append of ${stream} v${version} wrote nothing`)
        }
        samples.get(c.name)!.push(performance.now() - start)
        const used = process.cpuUsage(clientBefore)
        const sum = cpu.get(c.name)!
        const server = cpuMicrosOf(c.pid) - serverBefore
        serverSamples.get(c.name)!.push(server)
        sum.server += server
        sum.client += used.user + used.system
      }
    }
  }
  console.log(
    `inline parts: ${streamCount} streams × ${perStream}, one connection each, synchronous_commit off, load ${loadavg()
      .map((x) => x.toFixed(1))
      .join(" ")}`,
  )
  const ratioOf = (mine: ReadonlyArray<number>, reference: ReadonlyArray<number>) => {
    const ratios = mine.map((x, i) => x / reference[i]!)
    return `${median(ratios).toFixed(3)} [${quantile(ratios, 0.25).toFixed(2)}–${quantile(ratios, 0.75).toFixed(2)}, n=${ratios.length}]`
  }
  for (const c of contenders) {
    const total = samples.get(c.name)!.reduce((a, b) => a + b, 0)
    const appends = streamCount * perStream
    const used = cpu.get(c.name)!
    console.log(
      `  ${c.name.padEnd(14)} ${((total * 1000) / appends).toFixed(0).padStart(5)} µs/append wall, CPU server ` +
        `${(used.server / appends).toFixed(0).padStart(4)} µs, client ${(used.client / appends).toFixed(0).padStart(4)} µs; ` +
        `÷ inline: server CPU ${ratioOf(serverSamples.get(c.name)!, serverSamples.get("inline")!)}, ` +
        `wall ${ratioOf(samples.get(c.name)!, samples.get("inline")!)}`,
    )
  }
  if (explain) {
    for (const c of contenders) {
      const stream = "application-parts-0"
      const version = perStream + 1
      const [event] = makeEvents(1, "explain")
      const plan = await c.client.query({
        text: `EXPLAIN (ANALYZE, BUFFERS, WAL, COSTS OFF) ${c.text}`,
        values: c.params(paramsOf(probeParams, stream, version, { ...event!, eventId: randomUUID() })),
      })
      console.log(`\n--- ${c.name}\n${plan.rows.map((r) => r["QUERY PLAN"]).join("\n")}`)
      const stats = await admin.query(
        `SELECT relname, n_tup_ins, n_tup_upd, n_tup_hot_upd, n_tup_del, n_dead_tup, pg_relation_size(relid) AS bytes
           FROM pg_stat_user_tables WHERE schemaname = $1 ORDER BY relname`,
        [c.schema],
      )
      for (const row of stats.rows) console.log(`  ${JSON.stringify(row)}`)
    }
  }
} finally {
  for (const c of contenders) await c.client.end().catch(() => {})
  for (const c of contenders) await admin.query(`DROP SCHEMA IF EXISTS "${c.schema}" CASCADE`)
  await admin.end()
}
