/**
 * `pnpm bench` (postgres, last script): W2 of issue 14 against the peer event store, Emmett 0.42
 * on PostgreSQL (`@event-driven-io/emmett-postgresql`, with `@event-driven-io/pongo`), in the same
 * run: 8 workers, each command reads its stream, folds it, decides one event and appends it with
 * the expected version (the tally of `packages/runtime/bench/tally.ts`, the same plain functions
 * for both). Emmett runs through its `CommandHandler` (which reads with `aggregateStream` and
 * appends expecting the version it read, on a connection of its own pool per command) against
 * Yiciban's `EventStore` port on a `pg` pool (`readStream`, fold, decide, `append` with
 * `ExpectedVersion.exact`). A lost race (none is expected: the commands to one stream are far
 * apart) is retried by reading again, for both.
 *
 * Each store has its own database: Emmett's tables in the public schema of `emmett_peer_<pid>_emmett`,
 * Yiciban's in the public schema of `emmett_peer_<pid>_yiciban`, both created fresh on the server of
 * DATABASE_URL (default postgres://postgres@127.0.0.1:5432/test) and dropped afterwards. Each pool
 * has 8 connections. The workload (`--streams` streams, default 2,000, × `--per-stream` commands,
 * default 10) runs in `--slices` slices (default 10) of whole streams, the contenders taking turns
 * slice by slice (the order reversed every other slice); prints the median of the per-slice ratios
 * Yiciban ÷ Emmett with their quartiles, and the load average. A benchmark, not a test.
 */
import { execSync } from "node:child_process"
import { CommandHandler as EmmettCommandHandler, isExpectedVersionConflictError } from "@event-driven-io/emmett"
import { getPostgreSQLEventStore } from "@event-driven-io/emmett-postgresql"
import { EventEnvelope, ExpectedVersion } from "@yiciban/eventstore"
import * as Pg from "@yiciban/postgres/pg"
import { Effect } from "effect"
import pg from "pg"
import { report } from "../../../scripts/benchReport.ts"
import {
  decide,
  evolve,
  initialState,
  metadata,
  type RecordAmount,
  type Tally,
  type TallyEvent,
  workload,
} from "../../runtime/bench/tally.ts"
import { inParallel, median, quantile, timed } from "./data.ts"

const args = process.argv.slice(2)
const flag = (name: string) => {
  const i = args.indexOf(name)
  return i < 0 ? undefined : args[i + 1]
}
const streams = Number(flag("--streams") ?? 2000)
const perStream = Number(flag("--per-stream") ?? 10)
const slices = Number(flag("--slices") ?? 10)
const workers = 8
const url = new URL(process.env.DATABASE_URL || "postgres://postgres@127.0.0.1:5432/test")
const databaseUrl = (name: string) => {
  const at = new URL(url)
  at.pathname = `/${name}`
  return at.toString()
}
const emmettDatabase = `emmett_peer_${process.pid}_emmett`
const yicibanDatabase = `emmett_peer_${process.pid}_yiciban`
const uptime = () => execSync("uptime", { encoding: "utf8" }).trim()

const admin = new pg.Client({ connectionString: url.toString() })
await admin.connect()
for (const name of [emmettDatabase, yicibanDatabase]) await admin.query(`CREATE DATABASE "${name}"`)

const emmettPool = new pg.Pool({ connectionString: databaseUrl(emmettDatabase), max: workers })
const yicibanPool = new pg.Pool({ connectionString: databaseUrl(yicibanDatabase), max: workers })
const emmett = getPostgreSQLEventStore(databaseUrl(emmettDatabase), {
  connectionOptions: { pool: emmettPool, connectionString: databaseUrl(emmettDatabase) },
})
const emmettHandle = EmmettCommandHandler<Tally, TallyEvent>({ evolve, initialState })

const emmettCommand = async (command: RecordAmount): Promise<void> => {
  while (true) {
    try {
      await emmettHandle(emmett, command.stream, (state) => ({ ...decide(command, state), metadata }))
      return
    } catch (error) {
      if (!isExpectedVersionConflictError(error)) throw error
    }
  }
}

try {
  await Effect.runPromise(
    Effect.scoped(
      Effect.gen(function* () {
        const store = yield* Pg.makePostgres({ pool: yicibanPool })
        const yicibanCommand = (command: RecordAmount) =>
          Effect.gen(function* () {
            const events = yield* store.readStream(command.stream)
            let state = initialState()
            for (const event of events) state = evolve(state, event)
            const version = events.length === 0 ? 0 : events[events.length - 1]!.streamVersion
            const decided = decide(command, state)
            const eventId = yield* EventEnvelope.makeEventId
            yield* store.append(
              command.stream,
              [{ eventId, type: decided.type, schemaVersion: 1, data: decided.data, metadata }],
              ExpectedVersion.exact(version),
            )
          }).pipe(Effect.retry({ while: (error) => error._tag === "VersionConflict" }), Effect.runPromise)
        // Both schemas made before any timing (Emmett migrates on first use).
        yield* Effect.promise(() => emmett.schema.migrate())

        const work = workload(streams * perStream, streams, "w2")
        const ofSlice = (k: number) => work.filter((command) => (command.n % streams) % slices === k)
        const rates = { emmett: [] as Array<number>, yiciban: [] as Array<number> }
        const contenders = [
          { name: "emmett" as const, run: emmettCommand },
          { name: "yiciban" as const, run: yicibanCommand },
        ]
        console.log(`start: ${uptime()}`)
        for (let k = 0; k < slices; k++) {
          const slice = ofSlice(k)
          for (const contender of k % 2 === 0 ? contenders : [...contenders].reverse()) {
            const ms = yield* Effect.promise(() => timed(() => inParallel(workers, slice, contender.run)))
            rates[contender.name].push(slice.length / (ms / 1000))
          }
        }
        console.log(`end: ${uptime()}`)
        // Every stream holds its commands' events, in both stores.
        for (const stream of new Set(work.map((command) => command.stream))) {
          const ours = yield* store.readStream(stream)
          const theirs = yield* Effect.promise(() => emmett.readStream(stream))
          if (ours.length !== perStream || theirs.events.length !== perStream) {
            throw new Error(`${stream}: ${ours.length} and ${theirs.events.length} events, expected ${perStream}`)
          }
        }
        const ratios = rates.yiciban.map((rate, i) => rate / rates.emmett[i]!)
        report({
          key: "W2 port server vs Emmett",
          ratio: median(ratios),
          quartiles: [quantile(ratios, 0.25), quantile(ratios, 0.75)],
          n: ratios.length,
          against: "Emmett 0.42",
          detail: `${median(rates.yiciban).toFixed(0)} against ${median(rates.emmett).toFixed(0)} commands/s`,
        })
        console.log(
          `W2 port on the server, ${workers} workers, ${streams} streams × ${perStream} read-fold-decide-append of one event:`,
        )
        console.log(
          `  Yiciban ${median(rates.yiciban).toFixed(0)} against Emmett ${median(rates.emmett).toFixed(0)} commands/s; Yiciban ÷ Emmett, median of ${slices} slices [quartiles]: ${median(ratios).toFixed(2)}× [${quantile(ratios, 0.25).toFixed(2)}–${quantile(ratios, 0.75).toFixed(2)}]`,
        )
      }),
    ),
  )
} finally {
  await emmett.close()
  await emmettPool.end().catch(() => {})
  await yicibanPool.end().catch(() => {})
  for (const name of [emmettDatabase, yicibanDatabase]) await admin.query(`DROP DATABASE IF EXISTS "${name}"`)
  await admin.end()
}
