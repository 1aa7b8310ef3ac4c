/**
 * `tsx bench/backendFaults.ts [rounds]`: what the backends' C allocator costs large appends, and
 * what `settleAllocator` (sent once on each connection by the store, `internal/pgClient.ts`)
 * saves. On the server at DATABASE_URL (default postgres://postgres@127.0.0.1:5432/test; fresh
 * schemas, dropped afterwards), 8 connections append 100-event batches to fresh streams with this
 * build's `appendMany`, to four schemas in turn: two with the statement as it is (`linked`), two
 * with its link replaced by a constant (`unlinked`, `unlinked.ts`). Twice: on fresh connections
 * left as they are, then on fresh connections each sent `settleAllocator` first. Per contender:
 * the backends' minor page faults per append and CPU per event (`/proc/<pid>/stat` and
 * `schedstat` of the pool's backends, this machine's server), and milliseconds per 200 appends
 * (medians over rounds).
 *
 * A diagnostic, not a test.
 */
import { readFileSync } from "node:fs"
import { loadavg } from "node:os"
import pg from "pg"
import { settleAllocator } from "../src/internal/pgClient.ts"
import * as Sql from "../src/internal/sql.ts"
import { arrayLiteral, cpuMicrosOfAll, makeEvents, median, sumOver } from "./data.ts"
import { unlinkedAppendMany } from "./unlinked.ts"

const url = process.env.DATABASE_URL || "postgres://postgres@127.0.0.1:5432/test"
const rounds = Number(process.argv[2] ?? 12)
const workers = 8
const appendsPerRound = 200

/** The fields of `/proc/<pid>/stat` after the command's closing parenthesis (state is the 1st, minflt the 8th). */
const statFields = (pid: number) => {
  const stat = readFileSync(`/proc/${pid}/stat`, "utf8")
  return stat.slice(stat.lastIndexOf(")") + 2).split(" ")
}
const faultsOf = (pids: ReadonlyArray<number>) => sumOver(pids, (pid) => Number(statFields(pid)[7]))

// One set of batches (the ids are made fresh per append: they are unique in a table).
const batches = Array.from({ length: 50 }, (_, i) => makeEvents(100, `f${i}`)).map((events) => [
  arrayLiteral(events.map((e) => e.type)),
  arrayLiteral(events.map((e) => String(e.schemaVersion))),
  `[${events.map((e) => JSON.stringify(e.data)).join(",")}]`,
  `[${events.map((e) => JSON.stringify(e.metadata)).join(",")}]`,
])

const phase = async (settled: boolean) => {
  const application = `yiciban-faults-${process.pid}-${settled ? "s" : "u"}`
  const pool = new pg.Pool({ connectionString: url, max: workers, application_name: application })
  const contenders = ["linked", "unlinked", "linked 2", "unlinked 2"].map((name, i) => {
    const schema = `bench_faults_${process.pid}_${settled ? "s" : "u"}${i}`
    const statement = Sql.statements(schema).appendMany
    return { name, schema, text: name.startsWith("unlinked") ? unlinkedAppendMany(statement) : statement }
  })
  try {
    for (const c of contenders) {
      await pool.query(`CREATE SCHEMA "${c.schema}"`)
      for (const m of Sql.migrations(c.schema)) await pool.query(m.sql)
    }
    // All the pool's connections open (and, in the second phase, settled) before measuring.
    const clients = await Promise.all(Array.from({ length: workers }, () => pool.connect()))
    if (settled) await Promise.all(clients.map((client) => client.query(settleAllocator)))
    for (const client of clients) client.release()
    const pids = (
      await pool.query("SELECT pid FROM pg_catalog.pg_stat_activity WHERE application_name = $1", [application])
    ).rows.map((row) => row.pid as number)
    const samples = new Map(
      contenders.map((c) => [
        c.name,
        { ms: [] as Array<number>, faults: [] as Array<number>, cpu: [] as Array<number> },
      ]),
    )
    let stream = 0
    for (let r = 0; r < rounds; r++) {
      for (const c of r % 2 === 0 ? contenders : [...contenders].reverse()) {
        const faults = faultsOf(pids)
        const cpu = cpuMicrosOfAll(pids)
        const start = performance.now()
        let next = 0
        await Promise.all(
          Array.from({ length: workers }, async () => {
            while (next < appendsPerRound) {
              const batch = batches[next++ % batches.length]!
              const ids = arrayLiteral(Array.from({ length: 100 }, () => crypto.randomUUID()))
              await pool.query({
                name: `faults_${c.name.replace(" ", "")}`,
                text: c.text,
                values: [`application-f${stream++}`, "NoStream", 0, ids, ...batch],
              })
            }
          }),
        )
        // The first two rounds warm up (plans, caches).
        if (r < 2) continue
        const own = samples.get(c.name)!
        own.ms.push(performance.now() - start)
        own.faults.push((faultsOf(pids) - faults) / appendsPerRound)
        own.cpu.push((cpuMicrosOfAll(pids) - cpu) / (appendsPerRound * 100))
      }
    }
    console.log(`${settled ? "settled" : "as they are"} (${pids.length} backends; load ${loadavg()[0]!.toFixed(1)}):`)
    for (const [name, own] of samples) {
      console.log(
        `  ${name.padEnd(10)} ${median(own.faults)!.toFixed(1).padStart(6)} faults per append, ${median(own.cpu)!.toFixed(1).padStart(5)} µs backend CPU per event, ${median(own.ms)!.toFixed(0).padStart(4)} ms per ${appendsPerRound} appends`,
      )
    }
    const ms = (name: string) => median(samples.get(name)!.ms)!
    console.log(
      `  linked ÷ unlinked, throughput: ${(ms("unlinked") / ms("linked")).toFixed(3)}× (2: ${(ms("unlinked 2") / ms("linked 2")).toFixed(3)}×)`,
    )
  } finally {
    for (const c of contenders) await pool.query(`DROP SCHEMA IF EXISTS "${c.schema}" CASCADE`)
    await pool.end()
  }
}

await phase(false)
await phase(true)
