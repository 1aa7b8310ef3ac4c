/**
 * `tsx bench/batchLinkCpu.ts [--base <sql.ts of the build before the chain>] [--blocks <n>]`: the
 * PostgreSQL backend's CPU per event of one 100-event `appendMany` statement, contender by contender,
 * on the server at DATABASE_URL — read from `/proc/<backend pid>/schedstat` before and after, so
 * the machine's load (which stretches wall time) counts far less. Each contender has a connection
 * and a schema of its own (made by its own migrations), `synchronous_commit` off (the flush is the
 * same for all), fresh streams; blocks of 5 appends, the contenders in turn, order rotated.
 *
 *   now       this build's statement (a batch linked once: format 2)
 *   noLink    the same with the link replaced by a constant (what the one `sha256()` and its
 *             preimage cost)
 *   base      with `--base`, the statement of the build before the chain (`git show
 *             ea76d86:packages/postgres/src/internal/sql.ts > /tmp/sql_base.ts`)
 *
 * A diagnostic, not a test.
 */
import { readFileSync } from "node:fs"
import { loadavg } from "node:os"
import { pathToFileURL } from "node:url"
import pg from "pg"
import * as Sql from "../src/internal/sql.ts"
import { makeEvents, median, quantile } from "./data.ts"

const url = process.env.DATABASE_URL || "postgres://postgres@127.0.0.1:5432/test"
const argument = (flag: string) => {
  const i = process.argv.indexOf(flag)
  return i < 0 ? undefined : process.argv[i + 1]
}
const blocks = Number(argument("--blocks") ?? 30)
const perBlock = 5
const batch = 100

interface Contender {
  readonly name: string
  readonly schema: string
  readonly migrations: ReadonlyArray<{ readonly version: number; readonly sql: string }>
  readonly statement: string
}

const literal = (items: ReadonlyArray<string>) => `{${items.map((item) => `"${item}"`).join(",")}}`

const cpuOf = (pid: number) => Number(readFileSync(`/proc/${pid}/schedstat`, "utf8").split(" ")[0]) / 1000

const main = async () => {
  const suffix = `${process.pid}_${Date.now().toString(36)}`
  const contenders: Array<Contender> = []
  const now = `bench_blnow_${suffix}`
  contenders.push({
    name: "now",
    schema: now,
    migrations: Sql.migrations(now),
    statement: Sql.statements(now).appendMany,
  })
  const noLink = `bench_blnolink_${suffix}`
  const noLinkStatement = Sql.statements(noLink).appendMany.replace(
    /link AS MATERIALIZED \(\n {2}SELECT [\s\S]*?\n\),\nwritten AS/,
    "link AS MATERIALIZED (\n  SELECT '\\x00'::bytea AS hash\n),\nwritten AS",
  )
  if (noLinkStatement === Sql.statements(noLink).appendMany) throw new Error("noLink: the link CTE was not found")
  contenders.push({ name: "noLink", schema: noLink, migrations: Sql.migrations(noLink), statement: noLinkStatement })
  const basePath = argument("--base")
  if (basePath !== undefined) {
    const Base = (await import(pathToFileURL(basePath).href)) as typeof Sql
    const base = `bench_blbase_${suffix}`
    contenders.push({
      name: "base",
      schema: base,
      migrations: Base.migrations(base),
      statement: Base.statements(base).appendMany,
    })
  }
  const clients = new Map<string, { client: pg.Client; pid: number }>()
  try {
    for (const c of contenders) {
      const client = new pg.Client({ connectionString: url })
      await client.connect()
      await client.query(`CREATE SCHEMA "${c.schema}"`)
      for (const m of c.migrations) await client.query(m.sql)
      await client.query("SET synchronous_commit = off")
      const pid = (await client.query("SELECT pg_backend_pid() AS pid")).rows[0].pid as number
      clients.set(c.name, { client, pid })
    }
    const samples = new Map(contenders.map((c) => [c.name, [] as Array<number>]))
    let stream = 0
    const append = async (c: Contender) => {
      const { client } = clients.get(c.name)!
      const events = makeEvents(batch, `b${stream}`)
      const rows = await client.query({
        name: `bl_${c.name}`,
        text: c.statement,
        values: [
          `application-bl${stream++}`,
          "NoStream",
          0,
          literal(events.map((e) => e.eventId)),
          literal(events.map((e) => e.type)),
          literal(events.map((e) => String(e.schemaVersion))),
          `[${events.map((e) => JSON.stringify(e.data)).join(",")}]`,
          `[${events.map((e) => JSON.stringify(e.metadata)).join(",")}]`,
        ],
      })
      if (rows.rowCount !== 1) throw new Error(`${c.name}: nothing written`)
    }
    // Warm up: plans cached (generic after 5), tables touched.
    for (let i = 0; i < 8; i++) for (const c of contenders) await append(c)
    for (let b = 0; b < blocks; b++) {
      const order = contenders.map((_, i) => contenders[(i + b) % contenders.length]!)
      for (const c of b % 2 === 0 ? order : order.reverse()) {
        const { pid } = clients.get(c.name)!
        const before = cpuOf(pid)
        for (let i = 0; i < perBlock; i++) await append(c)
        samples.get(c.name)!.push((cpuOf(pid) - before) / (perBlock * batch))
      }
    }
    const reference = contenders.find((c) => c.name === "base") ?? contenders[0]!
    console.log(
      `backend CPU per event, µs (median [quartiles] of ${blocks} blocks of ${perBlock} × ${batch}-event appends), load ${loadavg()
        .map((l) => l.toFixed(1))
        .join(" ")}`,
    )
    for (const c of contenders) {
      const own = samples.get(c.name)!
      const ratios = own.map((x, i) => x / samples.get(reference.name)![i]!)
      console.log(
        `  ${c.name.padEnd(8)} ${median(own)!.toFixed(1)} [${quantile(own, 0.25)!.toFixed(1)}–${quantile(own, 0.75)!.toFixed(1)}]  ÷ ${reference.name} ${median(ratios)!.toFixed(3)} [${quantile(ratios, 0.25)!.toFixed(2)}–${quantile(ratios, 0.75)!.toFixed(2)}]`,
      )
    }
  } finally {
    for (const [name, { client }] of clients) {
      await client
        .query(`DROP SCHEMA IF EXISTS "${contenders.find((c) => c.name === name)!.schema}" CASCADE`)
        .catch(() => {})
      await client.end()
    }
  }
}

main().catch((error) => {
  console.error(error)
  process.exit(1)
})
