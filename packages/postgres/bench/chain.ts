/**
 * `tsx bench/chain.ts [--baseline <dir>] [--pglite]`: what the hash chain costs, in one run, on the
 * PostgreSQL server at DATABASE_URL (default postgres://postgres@127.0.0.1:5432/test; fresh schemas,
 * dropped afterwards) and, with `--pglite`, on PGlite in a temporary folder. It runs the built
 * package (dist/: build first). Contenders, interleaved slice by slice as in `run.ts`:
 *
 * - `chain`: this build (every append hashes; readStream checks the chain);
 * - `chain, no check`: this build with `checkChainOnRead: false` (appends hash, reads do not check);
 * - `baseline`: with `--baseline <dir>`, the `dist/` folder of a build before the chain (for
 *   example the previous release's `packages/postgres/dist`), imported from there.
 *
 * W2  8 workers, 2,000 streams × 10 single-event read-decide-appends (twice, over fresh streams)
 * W3  200 streams × one 100-event append (8 workers; 5 times over fresh streams)
 * W4  rehydrate one 10,000-event stream (median of 15 reads)
 *
 * A benchmark, not a test.
 */
import { mkdtempSync, rmSync } from "node:fs"
import { tmpdir } from "node:os"
import { join, resolve } from "node:path"
import { performance } from "node:perf_hooks"
import { pathToFileURL } from "node:url"
import { PGlite } from "@electric-sql/pglite"
import { EventEnvelope, ExpectedVersion } from "@yiciban/eventstore"
import type { PostgresEventStore } from "@yiciban/postgres"
import * as Pg from "@yiciban/postgres/pg"
import * as Pglite from "@yiciban/postgres/pglite"
import { Effect } from "effect"
import pg from "pg"

const url = process.env.DATABASE_URL || "postgres://postgres@127.0.0.1:5432/test"
const workers = 8
const argument = (flag: string) => {
  const i = process.argv.indexOf(flag)
  return i < 0 ? undefined : process.argv[i + 1]
}
const baselineDir = argument("--baseline")

const metadata: EventEnvelope.EventMetadata = {
  commandId: "0190f0c8-8d6b-7c3e-9a51-6f2b0e8c1d2a",
  correlationId: "0190f0c8-8d6b-7c3e-9a51-6f2b0e8c1d2a",
  causationId: "0190f0c8-8d6b-7c3e-9a51-6f2b0e8c1d2a",
  actor: { id: "clerk-0042", roles: ["windowClerk"] },
  occurredAt: "2026-09-24T01:30:00.000Z",
}

const makeEvents = (n: number, tag: string): Array<EventEnvelope.NewEvent> =>
  Effect.runSync(Effect.forEach(Array.from({ length: n }), () => EventEnvelope.makeEventId)).map((eventId, i) => ({
    eventId,
    type: "ApplicationSubmitted",
    schemaVersion: 1,
    data: {
      applicationId: `${tag}-${i}`,
      matterCode: "11430100MB1234567X-001",
      applicant: { name: "李雷", identityType: "resident", region: "430102" },
      channel: "hall",
      materials: ["id-card", "business-licence"],
      n: i,
    },
    metadata,
  }))

const chunk = <A>(items: ReadonlyArray<A>, size: number): Array<Array<A>> => {
  const chunks: Array<Array<A>> = []
  for (let i = 0; i < items.length; i += size) chunks.push(items.slice(i, i + size))
  return chunks
}

type Store = PostgresEventStore.PostgresEventStoreService
interface Contender {
  readonly name: string
  readonly store: Store
}

const inParallel = async <A>(items: ReadonlyArray<A>, work: (item: A) => Promise<void>) => {
  let next = 0
  await Promise.all(
    Array.from({ length: workers }, async () => {
      while (next < items.length) await work(items[next++]!)
    }),
  )
}

const timed = async (work: () => Promise<void>) => {
  const start = performance.now()
  await work()
  return performance.now() - start
}

const median = (values: ReadonlyArray<number>) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!

const readDecideAppend = (store: Store, stream: string, event: EventEnvelope.NewEvent) =>
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

const measure = async (contenders: ReadonlyArray<Contender>) => {
  const inTurn = (k: number) => (k % 2 === 0 ? contenders : [...contenders].reverse())
  const figures = new Map(contenders.map((c) => [c.name, { w2: 0, w3: 0, w4: 0 }]))
  const log = (text: string) => process.stderr.write(`${text}\n`)
  // Every contender gets its own events and streams (event ids are unique across a database). All
  // are made before any timing: made between slices, their garbage would fall on whoever runs next.
  const w2Tasks = Array.from(
    { length: 2 },
    (_, r) =>
      new Map(
        contenders.map((c, ci) => [
          c.name,
          makeEvents(20_000, `w2r${r}c${ci}`).map((event, i) => ({
            stream: `application-w2r${r}c${ci}-${i % 2000}`,
            event,
          })),
        ]),
      ),
  )
  const w3Streams = Array.from(
    { length: 5 },
    (_, r) =>
      new Map(
        contenders.map((c, ci) => [
          c.name,
          chunk(makeEvents(20_000, `w3r${r}c${ci}`), 100).map((events, i) => ({
            stream: `application-w3r${r}c${ci}-${i}`,
            events,
          })),
        ]),
      ),
  )
  const slices = 10
  const w2 = new Map(contenders.map((c) => [c.name, 0]))
  for (let r = 0; r < 2; r++) {
    const tasks = w2Tasks[r]!
    for (let k = 0; k < slices; k++) {
      for (const c of inTurn(r * slices + k)) {
        const slice = tasks
          .get(c.name)!
          .filter((task) => Number(task.stream.slice(task.stream.lastIndexOf("-") + 1)) % slices === k)
        w2.set(
          c.name,
          w2.get(c.name)! +
            (await timed(() =>
              inParallel(slice, async ({ stream, event }) => {
                while (!(await readDecideAppend(c.store, stream, event))) {}
              }),
            )),
        )
      }
    }
  }
  const w3 = new Map(contenders.map((c) => [c.name, 0]))
  for (let r = 0; r < 5; r++) {
    const streams = w3Streams[r]!
    for (const half of [0, 1]) {
      for (const c of inTurn(r * 2 + half)) {
        const part = streams.get(c.name)!.filter((_, i) => i % 2 === half)
        w3.set(
          c.name,
          w3.get(c.name)! +
            (await timed(() =>
              inParallel(part, ({ stream, events }) =>
                Effect.runPromise(Effect.asVoid(c.store.append(stream, events, ExpectedVersion.noStream))),
              ),
            )),
        )
      }
    }
  }
  for (const c of contenders) {
    figures.get(c.name)!.w2 = 40_000 / (w2.get(c.name)! / 1000)
    figures.get(c.name)!.w3 = 100_000 / (w3.get(c.name)! / 1000)
    log(`  ${c.name}: W2 ${Math.round(w2.get(c.name)!)} ms, W3 ${Math.round(w3.get(c.name)!)} ms`)
  }
  // W4: one 10,000-event stream per contender's database schema (contenders sharing a schema share it).
  const w4Streams = new Map<string, string>()
  for (const [ci, c] of contenders.entries()) {
    const stream = `application-w4c${ci}`
    let version = 0
    for (const batch of chunk(makeEvents(10_000, `w4c${ci}`), 100)) {
      await Effect.runPromise(c.store.append(stream, batch, ExpectedVersion.exact(version)))
      version += batch.length
    }
    w4Streams.set(c.name, stream)
  }
  const w4 = new Map(contenders.map((c) => [c.name, [] as Array<number>]))
  for (let i = 0; i < 15; i++) {
    for (const c of inTurn(i)) {
      w4.get(c.name)!.push(
        await timed(async () => {
          const n = (await Effect.runPromise(c.store.readStream(w4Streams.get(c.name)!))).length
          if (n !== 10_000) throw new Error(`${c.name} rehydrated ${n} events`)
        }),
      )
    }
  }
  for (const c of contenders) figures.get(c.name)!.w4 = median(w4.get(c.name)!)
  return figures
}

const report = (title: string, figures: Map<string, { w2: number; w3: number; w4: number }>) => {
  const names = [...figures.keys()]
  const reference = figures.get("baseline") ?? figures.get("chain, no check")!
  const referenceName = figures.has("baseline") ? "baseline" : "chain, no check"
  const lines = [
    `${title}`,
    `| workload | ${names.join(" | ")} | ratios to ${referenceName} |`,
    `| --- | ${names.map(() => "---:").join(" | ")} | --- |`,
  ]
  for (const [id, pick, unit] of [
    ["W2 read-decide-append", (f: { w2: number }) => f.w2, "ev/s"],
    ["W3 100-event appends", (f: { w3: number }) => f.w3, "ev/s"],
    ["W4 rehydrate 10,000", (f: { w4: number }) => f.w4, "ms"],
  ] as const) {
    const values = names.map((n) => pick(figures.get(n)! as never) as number)
    const ratios = names.map(
      (n) => `${n} ${((pick(figures.get(n)! as never) as number) / pick(reference as never)).toFixed(3)}×`,
    )
    lines.push(
      `| ${id} | ${values.map((v) => (unit === "ms" ? `${v.toFixed(1)} ms` : `${Math.round(v).toLocaleString("en-US")} ev/s`)).join(" | ")} | ${ratios.join(", ")} |`,
    )
  }
  console.log(lines.join("\n"))
}

const loadBaseline = async () => {
  if (baselineDir === undefined) return undefined
  const dir = resolve(baselineDir)
  return {
    pg: (await import(pathToFileURL(join(dir, "pg.js")).href)) as typeof Pg,
    pglite: (await import(pathToFileURL(join(dir, "pglite.js")).href)) as typeof Pglite,
  }
}

const main = async () => {
  const baseline = await loadBaseline()
  const suffix = `${process.pid}_${Date.now().toString(36)}`
  const schemas = [`bench_chain_${suffix}`, `bench_base_${suffix}`]
  const pool = new pg.Pool({ connectionString: url, max: workers })
  try {
    const figures = await Effect.runPromise(
      Effect.scoped(
        Effect.gen(function* () {
          const chain = yield* Pg.makePostgres({ pool, schema: schemas[0] })
          const unchecked = yield* Pg.makePostgres({ pool, schema: schemas[0], checkChainOnRead: false })
          const contenders: Array<Contender> = [
            { name: "chain", store: chain },
            { name: "chain, no check", store: unchecked },
          ]
          if (baseline !== undefined) {
            contenders.push({
              name: "baseline",
              store: (yield* baseline.pg.makePostgres({ pool, schema: schemas[1] })) as Store,
            })
          }
          return yield* Effect.promise(() => measure(contenders))
        }),
      ),
    )
    report(`PostgreSQL server (${workers} connections)`, figures)
  } finally {
    for (const schema of schemas) await pool.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`)
    await pool.end()
  }
  if (process.argv.includes("--pglite")) {
    const dir = mkdtempSync(join(tmpdir(), "yiciban-bench-chain-"))
    const db = await PGlite.create(dir)
    try {
      const figures = await Effect.runPromise(
        Effect.scoped(
          Effect.gen(function* () {
            const contenders: Array<Contender> = [
              { name: "chain", store: yield* Pglite.makePglite({ db, schema: "bench_chain" }) },
              {
                name: "chain, no check",
                store: yield* Pglite.makePglite({ db, schema: "bench_chain", checkChainOnRead: false }),
              },
            ]
            if (baseline !== undefined) {
              contenders.push({
                name: "baseline",
                store: (yield* baseline.pglite.makePglite({ db: db as never, schema: "bench_base" })) as Store,
              })
            }
            return yield* Effect.promise(() => measure(contenders))
          }),
        ),
      )
      report("PGlite in a folder", figures)
    } finally {
      await db.close()
      rmSync(dir, { recursive: true, force: true })
    }
  }
}

main().catch((error) => {
  console.error(error)
  process.exitCode = 1
})
