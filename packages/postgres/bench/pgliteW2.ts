/**
 * `bench:pglite-w2`: W2 on PGlite alone — 8 workers, read–decide–append of one event, the store
 * against the raw PGlite baseline (`raw.ts`) in one folder and one PGlite instance, slice by slice
 * (the contenders alternating, and which goes first), printing the median of the per-slice ratios
 * store ÷ raw with their quartiles and the load average. Faster to repeat than `run.ts`, which
 * measures every workload on both engines.
 *
 * `tsx bench/pgliteW2.ts [streams] [versions] [slices] [--baseline <checkout>]` (defaults 1,000 × 10
 * in 10 slices); it runs the built package (`pnpm --filter @yiciban/postgres build` first), or the
 * sources with `tsx --conditions=@yiciban/source`. `--baseline` adds another checkout's store (its
 * sources, its own schema in the same PGlite) as a third contender, and prints this store ÷ that
 * one per slice too. PGlite starts with the store's shared buffers (`defaultSharedBuffers`, what
 * `makePglite` opens a database with), or `--shared-buffers <size>`. A benchmark, not a test.
 */
import { mkdtempSync, rmSync } from "node:fs"
import { loadavg, tmpdir } from "node:os"
import { join, resolve } from "node:path"
import { type EventEnvelope, ExpectedVersion } from "@yiciban/eventstore"
import type { PostgresEventStore } from "@yiciban/postgres"
import * as Pglite from "@yiciban/postgres/pglite"
import { Effect } from "effect"
import { createPglite, inParallel, makeEvents, median, quantile, timed } from "./data.ts"
import { createTable, makeRaw, type Queryable } from "./raw.ts"

const flag = process.argv.indexOf("--baseline")
const baselineRoot = flag === -1 ? undefined : resolve(process.argv[flag + 1]!)
const options = ["--baseline", "--shared-buffers"]
const positional = process.argv
  .slice(2)
  .filter((_, i, all) => !options.includes(all[i]!) && !options.includes(all[i - 1]!))
const streams = Number(positional[0] ?? 1000)
const versions = Number(positional[1] ?? 10)
const slices = Number(positional[2] ?? 10)
const workers = 8

type Task = { readonly stream: string; readonly event: EventEnvelope.NewEvent }
type ReadDecideAppend = (task: Task) => Promise<boolean>

const dir = mkdtempSync(join(tmpdir(), "yiciban-w2-"))
const db = await createPglite(dir)
const load: Array<number> = [loadavg()[0]!]
try {
  const rawDb: Queryable = {
    query: async (text, values) => (await db.query(text, values as Array<unknown>)).rows as any,
  }
  await db.exec(createTable("bench_raw"))
  const raw = makeRaw(rawDb, "bench_raw")
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
  const storeW2Of =
    (store: PostgresEventStore.PostgresEventStoreService): ReadDecideAppend =>
    ({ stream, event }) =>
      Effect.runPromise(
        Effect.gen(function* () {
          const events = yield* store.readStream(stream)
          const version = events.length === 0 ? 0 : events[events.length - 1]!.streamVersion
          return yield* store.append(stream, [event], ExpectedVersion.exact(version)).pipe(
            Effect.as(true),
            Effect.catchTag("VersionConflict", () => Effect.succeed(false)),
          )
        }),
      )
  await Effect.runPromise(
    Effect.scoped(
      Effect.gen(function* () {
        const contenders: Array<readonly [string, ReadDecideAppend]> = [
          ["raw", rawW2],
          ["store", storeW2Of(yield* Pglite.makePglite({ db, schema: "bench_store" }))],
        ]
        if (baselineRoot !== undefined) {
          const baseline = yield* Effect.promise(
            () => import(`${baselineRoot}/packages/postgres/src/pglite.ts`) as Promise<typeof Pglite>,
          )
          contenders.push(["baseline", storeW2Of(yield* baseline.makePglite({ db, schema: "bench_baseline" }))])
        }
        yield* Effect.promise(async () => {
          const events = makeEvents(streams * versions, "w2")
          // Round-major: appends to one stream are `streams` tasks apart.
          const tasks: Array<Task> = events.map((event, i) => ({ stream: `application-w2-${i % streams}`, event }))
          const size = Math.ceil(tasks.length / slices)
          for (let k = 0; k < slices; k++) {
            const slice = tasks.slice(k * size, (k + 1) * size)
            // Each contender goes first in turn.
            const order = contenders.map((_, i) => contenders[(i + k) % contenders.length]!)
            const line: Array<string> = []
            for (const [name, w2] of order) {
              const ms = await timed(() =>
                inParallel(workers, slice, async (task) => {
                  while (!(await w2(task))) {}
                }),
              )
              time.set(name, (time.get(name) ?? 0) + ms)
              perSlice.set(name, [...(perSlice.get(name) ?? []), ms])
              line.push(`${name} ${ms.toFixed(0)} ms`)
            }
            load.push(loadavg()[0]!)
            process.stderr.write(`  slice ${k + 1}/${slices}: ${line.join(", ")}\n`)
          }
        })
      }),
    ),
  )
  const n = streams * versions
  const rate = (name: string) => `${name} ${Math.round(n / (time.get(name)! / 1000))} ev/s`
  console.log(
    `W2 on PGlite, ${streams} streams × ${versions}, ${workers} workers, ${slices} slices: ${[...time.keys()].map(rate).join(", ")}`,
  )
  const pairs = (label: string, a: string, b: string) => {
    // a's rate ÷ b's rate per slice = b's time ÷ a's time.
    const ratios = perSlice.get(a)!.map((ms, i) => perSlice.get(b)![i]! / ms)
    console.log(
      `${label}: ${median(ratios).toFixed(3)}× [quartiles ${quantile(ratios, 0.25).toFixed(3)}–${quantile(ratios, 0.75).toFixed(3)}, n=${ratios.length}]`,
    )
  }
  pairs("store ÷ raw", "store", "raw")
  if (baselineRoot !== undefined) {
    pairs("baseline ÷ raw", "baseline", "raw")
    pairs("store ÷ baseline", "store", "baseline")
  }
  console.log(`load average ${Math.min(...load).toFixed(1)}–${Math.max(...load).toFixed(1)}`)
} finally {
  await db.close()
  rmSync(dir, { recursive: true, force: true })
}
