/**
 * `tsx bench/batchLinkCpu.ts [--one] [--base <sql.ts of the build before the chain>] [--previous
 * <another build's sql.ts>] [--blocks <n>]`: the PostgreSQL backend's CPU per event of one 100-event
 * `appendMany` statement (`--one`: of one single-event `appendOne`), contender by contender,
 * on the server at DATABASE_URL — read from `/proc/<backend pid>/schedstat` before and after, so
 * the machine's load (which stretches wall time) counts far less. Each contender has a connection
 * and a schema of its own (made by its own migrations), `synchronous_commit` off (the flush is the
 * same for all), `settleAllocator` sent first (as the store does), fresh streams; blocks of 5
 * appends, the contenders in turn, order rotated.
 *
 *   now       this build's statement (a batch linked once: format 2; `--one`: format 1)
 *   noLink    the same with the link replaced by a constant (what the `sha256()` and its
 *             preimage cost)
 *   previous  with `--previous`, another build's statement on this build's tables
 *   base      with `--base`, the statement of the build before the chain (`git show
 *             ea76d86:packages/postgres/src/internal/sql.ts > /tmp/sql_base.ts`)
 *
 * A diagnostic, not a test.
 */
import { loadavg } from "node:os"
import { pathToFileURL } from "node:url"
import pg from "pg"
import { settleAllocator } from "../src/internal/pgClient.ts"
import * as Sql from "../src/internal/sql.ts"
import { arrayLiteral, cpuMicrosOf, makeEvents, median, quantile } from "./data.ts"
import { unlinkedAppendMany, unlinkedAppendOne } from "./unlinked.ts"

const url = process.env.DATABASE_URL || "postgres://postgres@127.0.0.1:5432/test"
const argument = (flag: string) => {
  const i = process.argv.indexOf(flag)
  return i < 0 ? undefined : process.argv[i + 1]
}
const blocks = Number(argument("--blocks") ?? 30)
/** `--one`: single-event appends (`appendOne`, format 1) instead of 100-event ones. */
const one = process.argv.includes("--one")
const perBlock = one ? 100 : 5
const batch = one ? 1 : 100

interface Contender {
  readonly name: string
  readonly schema: string
  readonly migrations: ReadonlyArray<{ readonly version: number; readonly sql: string }>
  readonly statement: string
}

const main = async () => {
  const suffix = `${process.pid}_${Date.now().toString(36)}`
  const contenders: Array<Contender> = []
  const statementOf = (module: typeof Sql, schema: string) =>
    one ? module.statements(schema).appendOne : module.statements(schema).appendMany
  const now = `bench_blnow_${suffix}`
  contenders.push({ name: "now", schema: now, migrations: Sql.migrations(now), statement: statementOf(Sql, now) })
  const noLink = `bench_blnolink_${suffix}`
  const noLinkStatement = one
    ? unlinkedAppendOne(Sql.statements(noLink).appendOne)
    : unlinkedAppendMany(Sql.statements(noLink).appendMany)
  contenders.push({ name: "noLink", schema: noLink, migrations: Sql.migrations(noLink), statement: noLinkStatement })
  // `--previous <sql.ts>` (another build's statements on this build's schema) and `--base <sql.ts>`
  // (with its own migrations: the build before the chain).
  for (const [flag, label, ownSchema] of [
    ["--previous", "previous", false],
    ["--base", "base", true],
  ] as const) {
    const path = argument(flag)
    if (path === undefined) continue
    const Other = (await import(pathToFileURL(path).href)) as typeof Sql
    const schema = `bench_bl${label}_${suffix}`
    contenders.push({
      name: label,
      schema,
      migrations: ownSchema ? Other.migrations(schema) : Sql.migrations(schema),
      statement: statementOf(Other, schema),
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
      // As the store's connections are (see settleAllocator): large appends fault no pages back in.
      await client.query(settleAllocator)
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
        values: one
          ? [
              `application-bl${stream++}`,
              "NoStream",
              0,
              events[0]!.eventId,
              events[0]!.type,
              events[0]!.schemaVersion,
              JSON.stringify(events[0]!.data),
              JSON.stringify(events[0]!.metadata),
            ]
          : [
              `application-bl${stream++}`,
              "NoStream",
              0,
              arrayLiteral(events.map((e) => e.eventId)),
              arrayLiteral(events.map((e) => e.type)),
              arrayLiteral(events.map((e) => String(e.schemaVersion))),
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
        const before = cpuMicrosOf(pid)
        for (let i = 0; i < perBlock; i++) await append(c)
        samples.get(c.name)!.push((cpuMicrosOf(pid) - before) / (perBlock * batch))
      }
    }
    const reference = contenders.find((c) => c.name === "base") ?? contenders[0]!
    const appends = one ? "single-event" : `${batch}-event`
    console.log(
      `backend CPU per event, µs (median [quartiles] of ${blocks} blocks of ${perBlock} ${appends} appends), load ${loadavg()
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
