/**
 * `bench:server-w2`: W2 on the PostgreSQL server alone — 8 workers, read–decide–append of one
 * event — the store against the raw `pg` baseline (`raw.ts`) on one pool, slice by slice (the
 * contenders alternating, and which goes first), printing the median of the per-slice ratios
 * store ÷ raw with their quartiles, and where each contender's time goes: the CPU this process
 * spent (`process.cpuUsage`) and the CPU the pool's server backends spent (`/proc/<pid>/schedstat` of
 * each connection's backend; the server on this machine), in µs per append. Faster to repeat than
 * `run.ts`, which measures every workload on both engines.
 *
 * `tsx bench/serverW2.ts [streams] [versions] [slices] [--baseline <checkout>]` (defaults 1,000 ×
 * 10 in 10 slices), with DATABASE_URL (default postgres://postgres@127.0.0.1:5432/test); fresh
 * schemas, dropped afterwards. It runs the built package (`pnpm --filter @yiciban/postgres build`
 * first), or the sources with `tsx --conditions=@yiciban/source`. `--baseline` adds another
 * checkout's store (its sources, through tsx, in its own schema on the same pool) as a third
 * contender, and prints this store ÷ that one per slice too; `--floor` adds the floor
 * (`bench/floor.ts`: the port's guarantees written by hand, the least a store keeping them does)
 * and reports floor ÷ raw to `pnpm bench:table`; `--no-check` the store without its check on
 * read; `--schema-prefix <name>` starts the schemas' names (default `bench`). A benchmark, not a
 * test.
 */
import { loadavg } from "node:os"
import { resolve } from "node:path"
import { type EventEnvelope, ExpectedVersion } from "@yiciban/eventstore"
import type { PostgresEventStore } from "@yiciban/postgres"
import * as Pg from "@yiciban/postgres/pg"
import { Effect } from "effect"
import pg from "pg"
import { report } from "../../../scripts/benchReport.ts"
import { cpuMicrosOfAll, inParallel, makeEvents, median, quantile, timed } from "./data.ts"
import { makeFloor } from "./floor.ts"
import { createTable, makeRaw, type Queryable } from "./raw.ts"

const options = ["--baseline", "--schema-prefix"]
const option = (name: string) => {
  const i = process.argv.indexOf(name)
  return i === -1 ? undefined : process.argv[i + 1]
}
const baselineRoot = option("--baseline") === undefined ? undefined : resolve(option("--baseline")!)
const prefix = option("--schema-prefix") ?? "bench"
/** `--no-check`: this store with `checkChainOnRead: false` as a contender too (what the check on read costs). */
const noCheck = process.argv.includes("--no-check")
/** `--floor`: the floor (`bench/floor.ts`, the port's guarantees by hand) as a contender too. */
const withFloor = process.argv.includes("--floor")
const positional = process.argv
  .slice(2)
  .filter(
    (_, i, all) =>
      !options.includes(all[i]!) && !options.includes(all[i - 1]!) && all[i] !== "--no-check" && all[i] !== "--floor",
  )
const streams = Number(positional[0] ?? 1000)
const versions = Number(positional[1] ?? 10)
const slices = Number(positional[2] ?? 10)
const workers = 8
const url = process.env.DATABASE_URL || "postgres://postgres@127.0.0.1:5432/test"
const application = `yiciban-w2-${process.pid}`

type Task = { readonly stream: string; readonly event: EventEnvelope.NewEvent }
type ReadDecideAppend = (task: Task) => Promise<boolean>

const suffix = `${process.pid}_${Date.now().toString(36)}`
const rawSchema = `${prefix}_w2raw_${suffix}`
const storeSchema = `${prefix}_w2store_${suffix}`
const baselineSchema = `${prefix}_w2base_${suffix}`
const noCheckSchema = `${prefix}_w2nocheck_${suffix}`
const floorSchema = `${prefix}_w2floor_${suffix}`
const pool = new pg.Pool({ connectionString: url, max: workers, application_name: application })
const load: Array<number> = [loadavg()[0]!]
try {
  const db: Queryable = {
    query: async (text, values, name) =>
      (
        await pool.query(
          name === undefined
            ? { text, values: values as Array<unknown> }
            : { text, values: values as Array<unknown>, name },
        )
      ).rows,
  }
  await pool.query(createTable(rawSchema))
  const raw = makeRaw(db, rawSchema)
  const rawW2: ReadDecideAppend = async ({ stream, event }) => {
    const events = await raw.readStream(stream)
    const version = events.length === 0 ? 0 : events[events.length - 1]!.version
    return raw.append(stream, version, [event]).then(
      () => true,
      (error: { code?: string }) => {
        if (error.code === "23505") return false
        throw error
      },
    )
  }
  const time = new Map<string, number>()
  const perSlice = new Map<string, Array<number>>()
  const cpu = new Map<string, { process: number; server: number }>()
  /** W2 through a store, run by its own `effect` (a baseline checkout has its own copy). */
  const storeW2Of =
    (store: PostgresEventStore.PostgresEventStoreService, E: typeof Effect = Effect): ReadDecideAppend =>
    ({ stream, event }) =>
      E.runPromise(
        E.gen(function* () {
          const events = yield* store.readStream(stream)
          const version = events.length === 0 ? 0 : events[events.length - 1]!.streamVersion
          return yield* store.append(stream, [event], ExpectedVersion.exact(version)).pipe(
            E.as(true),
            E.catchTag("VersionConflict", () => E.succeed(false)),
          )
        }),
      )
  await Effect.runPromise(
    Effect.scoped(
      Effect.gen(function* () {
        const contenders: Array<readonly [string, ReadDecideAppend]> = [
          ["raw", rawW2],
          ["store", storeW2Of(yield* Pg.makePostgres({ pool, schema: storeSchema }))],
        ]
        if (noCheck) {
          contenders.push([
            "no check",
            storeW2Of(yield* Pg.makePostgres({ pool, schema: noCheckSchema, checkChainOnRead: false })),
          ])
        }
        if (withFloor) {
          // The store's table, made by its migrations; the floor writes and reads it by hand.
          yield* Pg.makePostgres({ pool, schema: floorSchema })
          const floor = makeFloor(pool, floorSchema)
          contenders.push([
            "floor",
            async ({ stream, event }) => {
              const { events, head } = await floor.readStream(stream)
              return floor.append(stream, event, events.length, head)
            },
          ])
        }
        if (baselineRoot !== undefined) {
          const baseline = yield* Effect.promise(
            () => import(`${baselineRoot}/packages/postgres/src/pg.ts`) as Promise<typeof Pg>,
          )
          const baselineEffect = yield* Effect.promise(
            async () =>
              (await import(`${baselineRoot}/packages/postgres/node_modules/effect/dist/index.js`))
                .Effect as typeof Effect,
          )
          // Made and scoped by the baseline's own `effect`: its pool is ours, so nothing to close.
          const store = yield* Effect.promise(
            () =>
              baselineEffect.runPromise(
                baselineEffect.scoped(baseline.makePostgres({ pool, schema: baselineSchema })) as never,
              ) as Promise<PostgresEventStore.PostgresEventStoreService>,
          )
          contenders.push(["baseline", storeW2Of(store, baselineEffect)])
        }
        yield* Effect.promise(async () => {
          // Every contender gets its own events (ids are unique per database) and streams, made before any timing.
          const tasksOf = new Map(
            contenders.map(([name], ci): [string, Array<Task>] => [
              name,
              makeEvents(streams * versions, `w2c${ci}`).map((event, i) => ({
                stream: `application-w2c${ci}-${i % streams}`,
                event,
              })),
            ]),
          )
          // Open all the pool's connections, then find their backends.
          await Promise.all(Array.from({ length: workers }, () => pool.query("SELECT pg_catalog.pg_sleep(0.05)")))
          const backends = (
            await pool.query<{ pid: number }>(
              "SELECT pid FROM pg_catalog.pg_stat_activity WHERE application_name = $1",
              [application],
            )
          ).rows.map((row) => row.pid)
          const size = Math.ceil((streams * versions) / slices)
          for (let k = 0; k < slices; k++) {
            // Each contender goes first in turn.
            const order = contenders.map((_, i) => contenders[(i + k) % contenders.length]!)
            const line: Array<string> = []
            for (const [name, w2] of order) {
              // Round-major: appends to one stream are `streams` tasks apart.
              const slice = tasksOf.get(name)!.slice(k * size, (k + 1) * size)
              const cpuBefore = process.cpuUsage()
              const backendsBefore = cpuMicrosOfAll(backends)
              const ms = await timed(() =>
                inParallel(workers, slice, async (task) => {
                  while (!(await w2(task))) {}
                }),
              )
              const used = process.cpuUsage(cpuBefore)
              const total = cpu.get(name) ?? { process: 0, server: 0 }
              cpu.set(name, {
                process: total.process + used.user + used.system,
                server: total.server + cpuMicrosOfAll(backends) - backendsBefore,
              })
              time.set(name, (time.get(name) ?? 0) + ms)
              perSlice.set(name, [...(perSlice.get(name) ?? []), ms])
              line.push(`${name} ${ms.toFixed(0)} ms`)
            }
            load.push(loadavg()[0]!)
            process.stderr.write(`  slice ${k + 1}/${slices}: ${line.join(", ")} (load ${loadavg()[0]!.toFixed(1)})\n`)
          }
        })
      }),
    ),
  )
  const n = streams * versions
  console.log(`W2 on the server, ${streams} streams × ${versions}, ${workers} workers, ${slices} slices:`)
  for (const name of time.keys()) {
    const used = cpu.get(name)!
    console.log(
      `  ${name}: ${Math.round(n / (time.get(name)! / 1000))} appends/s; CPU per append: this process ${(used.process / n).toFixed(0)} µs, server backends ${(used.server / n).toFixed(0)} µs`,
    )
  }
  const pairs = (label: string, a: string, b: string, key?: string) => {
    // a's rate ÷ b's rate per slice = b's time ÷ a's time.
    const ratios = perSlice.get(a)!.map((ms, i) => perSlice.get(b)![i]! / ms)
    if (key !== undefined) {
      report({
        key,
        ratio: median(ratios),
        quartiles: [quantile(ratios, 0.25), quantile(ratios, 0.75)],
        n: ratios.length,
        against: "raw pg",
        detail: `${Math.round(n / (time.get(a)! / 1000))} against ${Math.round(n / (time.get(b)! / 1000))} appends/s; the port in the same run ${(time.get(b)! / time.get("store")!).toFixed(2)}× raw`,
      })
    }
    console.log(
      `${label}: ${median(ratios).toFixed(3)}× [quartiles ${quantile(ratios, 0.25).toFixed(3)}–${quantile(ratios, 0.75).toFixed(3)}, n=${ratios.length}]`,
    )
  }
  pairs("store ÷ raw", "store", "raw")
  if (baselineRoot !== undefined) {
    pairs("baseline ÷ raw", "baseline", "raw")
    pairs("store ÷ baseline", "store", "baseline")
  }
  if (withFloor) {
    pairs("floor ÷ raw", "floor", "raw", "W2 port floor server")
    pairs("store ÷ floor", "store", "floor")
  }
  if (noCheck) {
    pairs("no check ÷ raw", "no check", "raw")
    pairs("store ÷ no check", "store", "no check")
  }
  console.log(`load average ${Math.min(...load).toFixed(1)}–${Math.max(...load).toFixed(1)}`)
} finally {
  for (const schema of [rawSchema, storeSchema, baselineSchema, noCheckSchema, floorSchema]) {
    await pool.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`)
  }
  await pool.end()
}
