/**
 * `tsx bench/chain.ts [--baseline <dir>] [--pglite]`: what the hash chain costs, in one run, on the
 * PostgreSQL server at DATABASE_URL (default postgres://postgres@127.0.0.1:5432/test; fresh schemas,
 * dropped afterwards) and, with `--pglite`, on PGlite in a temporary folder. It runs the built
 * package (dist/: build first). Contenders, interleaved slice by slice as in `run.ts`:
 *
 * - `chain`: this build (every append hashes; readStream checks the chain);
 * - `chain, no check`: this build with `checkChainOnRead: false` (appends hash, reads do not check);
 * - `unchained`: this build with `checkChainOnRead: false` and its appends' link replaced by a
 *   constant (`unlinked.ts`): everything but the chain's hashing the same, so the reference the
 *   other contenders are divided by on the server (what the chain costs, and nothing else);
 * - `baseline`: with `--baseline <dir>`, the `dist/` folder of a build before the chain (for
 *   example the previous release's `packages/postgres/dist`), imported from there;
 * - `previous`: with `--previous <dir>`, another build's `dist/` on the server (an earlier
 *   version of the chain, to see what a change bought).
 *
 * Each contender has a schema of its own; all share one pool of 8 connections (so one state of
 * the backends, `settleAllocator` included, which this build's stores send).
 *
 * - `--baseline-ref <commit>` / `--previous-ref <commit>`: the same, from a commit of this
 *   repository: it is checked out (a detached `git worktree` under the system's temp folder,
 *   kept for the next run), installed and built there, and its `packages/postgres/dist` used.
 *   `--repeat <n>` runs the whole measurement n times (fresh schemas each time) and prints a table
 *   per run and one over all runs' pairs.
 *
 * From a clean clone (issue 12's figures: the build before the chain is ea76d86, the first chain
 * 837d3f7): `pnpm install && pnpm --filter @yiciban/postgres bench:chain --baseline-ref ea76d86
 * --previous-ref 837d3f7 --repeat 3`.
 *
 * W2  8 workers, 2,000 streams × 10 single-event read-decide-appends (`--w2 <n>` times, default 2,
 *     over fresh streams), in slices of 200 streams, the contenders taking turns slice by slice
 * W3  200 streams × one 100-event append (8 workers; 5 times over fresh streams, in halves)
 * W4  rehydrate one 10,000-event stream (15 reads each, in turns)
 *
 * The machine is shared and noisy, so totals alone mislead: every slice (every read in W4) is a
 * pair — the contender and the reference run one after the other, in alternating order — and the
 * table gives the median of the per-pair ratios with their quartiles, next to the totals.
 *
 * A benchmark, not a test.
 */
import { execFileSync } from "node:child_process"
import { existsSync, mkdtempSync, rmSync } from "node:fs"
import { loadavg, tmpdir } from "node:os"
import { join, resolve } from "node:path"
import { pathToFileURL } from "node:url"
import { PGlite } from "@electric-sql/pglite"
import { type EventEnvelope, ExpectedVersion } from "@yiciban/eventstore"
import type { PostgresEventStore } from "@yiciban/postgres"
import * as Pg from "@yiciban/postgres/pg"
import * as Pglite from "@yiciban/postgres/pglite"
import { Effect } from "effect"
import pg from "pg"
import { chunk, inParallel as inParallelWith, makeEvents, median, quantile, timed } from "./data.ts"
import { unlinkedPool } from "./unlinked.ts"

const url = process.env.DATABASE_URL || "postgres://postgres@127.0.0.1:5432/test"
const workers = 8
const argument = (flag: string) => {
  const i = process.argv.indexOf(flag)
  return i < 0 ? undefined : process.argv[i + 1]
}
const baselineDir = argument("--baseline")
const w2Repetitions = Number(argument("--w2") ?? 2)
/** `--only w3,w4`: run only those workloads (a W2 run takes most of the time). */
const only = argument("--only")?.split(",")
const inParallel = <A>(items: ReadonlyArray<A>, work: (item: A) => Promise<void>) =>
  inParallelWith(workers, items, work)

type Store = PostgresEventStore.PostgresEventStoreService
interface Contender {
  readonly name: string
  readonly store: Store
}

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

/** Per contender: total throughput (W2, W3) or median time (W4), and the per-pair samples. */
interface Figures {
  readonly w2: number
  readonly w3: number
  readonly w4: number
  /** Milliseconds per W2 slice, W3 half and W4 read, in run order (the same index is one pair). */
  readonly samples: { readonly w2: Array<number>; readonly w3: Array<number>; readonly w4: Array<number> }
}

const measure = async (contenders: ReadonlyArray<Contender>): Promise<Map<string, Figures>> => {
  const inTurn = (k: number) => (k % 2 === 0 ? contenders : [...contenders].reverse())
  const samples = new Map(
    contenders.map((c) => [c.name, { w2: [] as Array<number>, w3: [] as Array<number>, w4: [] as Array<number> }]),
  )
  const log = (text: string) => process.stderr.write(`${text}\n`)
  // Every contender gets its own events and streams (event ids are unique across a database). All
  // are made before any timing: made between slices, their garbage would fall on whoever runs next.
  const w2Tasks = Array.from(
    { length: w2Repetitions },
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
  const runs = (workload: string, n: number) => (only === undefined || only.includes(workload) ? n : 0)
  for (let r = 0; r < runs("w2", w2Repetitions); r++) {
    const tasks = w2Tasks[r]!
    for (let k = 0; k < slices; k++) {
      for (const c of inTurn(r * slices + k)) {
        const slice = tasks
          .get(c.name)!
          .filter((task) => Number(task.stream.slice(task.stream.lastIndexOf("-") + 1)) % slices === k)
        samples.get(c.name)!.w2.push(
          await timed(() =>
            inParallel(slice, async ({ stream, event }) => {
              while (!(await readDecideAppend(c.store, stream, event))) {}
            }),
          ),
        )
      }
    }
  }
  for (let r = 0; r < runs("w3", 5); r++) {
    const streams = w3Streams[r]!
    for (const half of [0, 1]) {
      for (const c of inTurn(r * 2 + half)) {
        const part = streams.get(c.name)!.filter((_, i) => i % 2 === half)
        samples
          .get(c.name)!
          .w3.push(
            await timed(() =>
              inParallel(part, ({ stream, events }) =>
                Effect.runPromise(Effect.asVoid(c.store.append(stream, events, ExpectedVersion.noStream))),
              ),
            ),
          )
      }
    }
  }
  // W4: one 10,000-event stream per contender.
  const w4Streams = new Map<string, string>()
  for (const [ci, c] of runs("w4", 1) === 1 ? contenders.entries() : []) {
    const stream = `application-w4c${ci}`
    let version = 0
    for (const batch of chunk(makeEvents(10_000, `w4c${ci}`), 100)) {
      await Effect.runPromise(c.store.append(stream, batch, ExpectedVersion.exact(version)))
      version += batch.length
    }
    w4Streams.set(c.name, stream)
  }
  for (let i = 0; i < runs("w4", 15); i++) {
    for (const c of inTurn(i)) {
      samples.get(c.name)!.w4.push(
        await timed(async () => {
          const n = (await Effect.runPromise(c.store.readStream(w4Streams.get(c.name)!))).length
          if (n !== 10_000) throw new Error(`${c.name} rehydrated ${n} events`)
        }),
      )
    }
  }
  const figures = new Map<string, Figures>()
  for (const c of contenders) {
    const own = samples.get(c.name)!
    figures.set(c.name, figuresOf(own))
    log(
      `  ${c.name}: W2 ${Math.round(sum(own.w2))} ms, W3 ${Math.round(sum(own.w3))} ms, W4 ${median(own.w4)?.toFixed(1)} ms`,
    )
  }
  return figures
}

const sum = (values: ReadonlyArray<number>) => values.reduce((a, b) => a + b, 0)

/** Totals from samples: W2 slices are 2,000 events each, W3 halves 10,000. */
const figuresOf = (own: Figures["samples"]): Figures => ({
  w2: (own.w2.length * 2_000) / (sum(own.w2) / 1000),
  w3: (own.w3.length * 10_000) / (sum(own.w3) / 1000),
  w4: median(own.w4),
  samples: own,
})

/** Several runs' figures as one: every run's pairs together. */
const merged = (runs: ReadonlyArray<Map<string, Figures>>): Map<string, Figures> =>
  new Map(
    [...runs[0]!.keys()].map((name) => [
      name,
      figuresOf({
        w2: runs.flatMap((run) => run.get(name)!.samples.w2),
        w3: runs.flatMap((run) => run.get(name)!.samples.w3),
        w4: runs.flatMap((run) => run.get(name)!.samples.w4),
      }),
    ]),
  )

/** Per pair, the reference's time over the contender's (throughput ratio): median [q25–q75]. */
const pairedRatio = (mine: ReadonlyArray<number>, reference: ReadonlyArray<number>, time: boolean) => {
  const ratios = mine.map((m, i) => (time ? m / reference[i]! : reference[i]! / m))
  return `${median(ratios).toFixed(3)}× [${quantile(ratios, 0.25).toFixed(2)}–${quantile(ratios, 0.75).toFixed(2)}, n=${ratios.length}]`
}

const report = (title: string, figures: Map<string, Figures>) => {
  const names = [...figures.keys()]
  const referenceName = figures.has("unchained")
    ? "unchained"
    : figures.has("baseline")
      ? "baseline"
      : "chain, no check"
  const reference = figures.get(referenceName)!
  const others = names.filter((n) => n !== referenceName)
  const lines = [
    `${title}`,
    `| workload | ${names.join(" | ")} | ${others.map((n) => `${n} ÷ ${referenceName}, median of pairs [quartiles]`).join(" | ")} |`,
    `| --- | ${names.map(() => "---:").join(" | ")} | ${others.map(() => "---").join(" | ")} |`,
  ]
  for (const [id, key, unit] of [
    ["W2 read-decide-append", "w2", "ev/s"],
    ["W3 100-event appends", "w3", "ev/s"],
    ["W4 rehydrate 10,000 (time)", "w4", "ms"],
  ] as const) {
    if (reference.samples[key].length === 0) continue
    const values = names.map((n) => figures.get(n)![key])
    lines.push(
      `| ${id} | ${values.map((v) => (unit === "ms" ? `${v.toFixed(1)} ms` : `${Math.round(v).toLocaleString("en-US")} ev/s`)).join(" | ")} | ${others
        .map((n) => pairedRatio(figures.get(n)!.samples[key], reference.samples[key], unit === "ms"))
        .join(" | ")} |`,
    )
  }
  console.log(lines.join("\n"))
}

/**
 * The `packages/postgres/dist` of a commit: a detached worktree of this repository under the
 * system's temp folder (reused when already built), installed and built with pnpm.
 */
const buildOf = (ref: string): string => {
  const run = (command: string, args: ReadonlyArray<string>, cwd: string) =>
    execFileSync(command, args, { cwd, stdio: ["ignore", "inherit", "inherit"] })
  const repository = execFileSync("git", ["rev-parse", "--show-toplevel"], { encoding: "utf8" }).trim()
  const commit = execFileSync("git", ["rev-parse", "--verify", `${ref}^{commit}`], {
    cwd: repository,
    encoding: "utf8",
  }).trim()
  const dir = join(tmpdir(), `yiciban-bench-build-${commit.slice(0, 12)}`)
  const dist = join(dir, "packages", "postgres", "dist")
  if (existsSync(join(dist, "pg.js"))) return dist
  process.stderr.write(`building ${commit.slice(0, 12)} in ${dir}\n`)
  if (existsSync(dir)) rmSync(dir, { recursive: true, force: true })
  run("git", ["worktree", "prune"], repository)
  run("git", ["worktree", "add", "--detach", dir, commit], repository)
  // pnpm as this script was started (npm_execpath), else through npx.
  const pnpm = (args: ReadonlyArray<string>) =>
    process.env.npm_execpath?.includes("pnpm")
      ? run(process.execPath, [process.env.npm_execpath, ...args], dir)
      : run("npx", ["-y", "pnpm@10", ...args], dir)
  try {
    pnpm(["install", "--offline", "--frozen-lockfile"])
  } catch {
    pnpm(["install", "--frozen-lockfile"])
  }
  pnpm(["--filter", "@yiciban/postgres...", "build"])
  return dist
}

const loadBuild = async (from: string | undefined) => {
  if (from === undefined) return undefined
  const dir = resolve(from)
  return {
    pg: (await import(pathToFileURL(join(dir, "pg.js")).href)) as typeof Pg,
    pglite: (await import(pathToFileURL(join(dir, "pglite.js")).href)) as typeof Pglite,
  }
}

const main = async () => {
  const baselineRef = argument("--baseline-ref")
  const previousRef = argument("--previous-ref")
  const baseline = await loadBuild(baselineRef === undefined ? baselineDir : buildOf(baselineRef))
  const previous = await loadBuild(previousRef === undefined ? argument("--previous") : buildOf(previousRef))
  const repeat = Number(argument("--repeat") ?? 1)
  const runs: Array<Map<string, Figures>> = []
  for (let run = 1; run <= repeat; run++) {
    const suffix = `${process.pid}_${Date.now().toString(36)}`
    const schemas = [
      `bench_chain_${suffix}`,
      `bench_base_${suffix}`,
      `bench_prev_${suffix}`,
      `bench_nocheck_${suffix}`,
      `bench_unchained_${suffix}`,
    ] as const
    const pool = new pg.Pool({ connectionString: url, max: workers })
    try {
      const figures = await Effect.runPromise(
        Effect.scoped(
          Effect.gen(function* () {
            const chain = yield* Pg.makePostgres({ pool, schema: schemas[0] })
            const unchecked = yield* Pg.makePostgres({ pool, schema: schemas[3], checkChainOnRead: false })
            const unchained = yield* Pg.makePostgres({
              pool: unlinkedPool(pool, schemas[4]),
              schema: schemas[4],
              checkChainOnRead: false,
            })
            const contenders: Array<Contender> = [
              { name: "chain", store: chain },
              { name: "chain, no check", store: unchecked },
              { name: "unchained", store: unchained },
            ]
            if (previous !== undefined) {
              contenders.push({
                name: "previous",
                store: (yield* previous.pg.makePostgres({ pool, schema: schemas[2] })) as Store,
              })
            }
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
      runs.push(figures)
      report(
        `PostgreSQL server (${workers} connections)${repeat > 1 ? `, run ${run} of ${repeat}` : ""}, load average ${loadavg()
          .map((l) => l.toFixed(1))
          .join(" ")}`,
        figures,
      )
    } finally {
      for (const schema of schemas) await pool.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`)
      await pool.end()
    }
  }
  if (repeat > 1) report(`PostgreSQL server (${workers} connections), all ${repeat} runs' pairs`, merged(runs))
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
