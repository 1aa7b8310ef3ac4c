/**
 * `tsx --conditions=@yiciban/source bench/runtimeW2.ts [--baseline <checkout>] [--streams <n>]`:
 * W2 through the runtime's store on the PostgreSQL server at DATABASE_URL (default
 * postgres://postgres@127.0.0.1:5432/test; fresh schemas, dropped afterwards) against the raw `pg`
 * baseline of `run.ts`, in one run.
 *
 * W2-runtime  8 workers, `--streams` streams (default 1,000) × 10 read-decide-appends of one event,
 *             each append through `RuntimeStore.append` with its inline update: the stream's
 *             case-list row and two due timers (one kept, one replaced at every version), as an
 *             application's commands write them
 * raw         the same reads and appends with the hand-written baseline (`raw.ts`): one INSERT,
 *             no case list, no timers
 * baseline    with `--baseline <checkout>`: W2-runtime through another checkout's sources (e.g. a
 *             worktree of an earlier commit), to see what a change bought
 * --parts     adds three contenders of this build that take W2-runtime apart: `port` (the event
 *             store's own append, no inline update), `case only` (the case-list row, no timers) and
 *             `timers only` (the timers, no row), under W2's 8 workers (`inlineParts.ts` takes the
 *             inline statement apart on one connection, with variants of its SQL)
 *
 * Each contender's CPU per append is printed too: this process's (`process.cpuUsage`) and the
 * server backends' of every pool (`/proc/<pid>/schedstat`; the server on this machine).
 *
 * The contenders take turns slice by slice (100 streams × 10 appends), in alternating order; the
 * table gives each contender's total and the median of the per-slice ratios against raw (and
 * against the baseline) with their quartiles. It runs the sources (tsx with the source condition)
 * so that two checkouts can be loaded side by side. A benchmark, not a test.
 */
import { resolve } from "node:path"
import { type EventEnvelope, ExpectedVersion } from "@yiciban/eventstore"
import type { RuntimeStore } from "@yiciban/runtime"
import { Effect } from "effect"
import pg from "pg"
import { report } from "../../../scripts/benchReport.ts"
import { cpuMicrosOfAll, inParallel, makeEvents, median, quantile, timed } from "./data.ts"
import { createTable, makeRaw, type Queryable } from "./raw.ts"

const url = process.env.DATABASE_URL || "postgres://postgres@127.0.0.1:5432/test"
const workers = 8
const argument = (flag: string) => {
  const i = process.argv.indexOf(flag)
  return i < 0 ? undefined : process.argv[i + 1]
}
const baselineRoot = argument("--baseline")
const streamCount = Number(argument("--streams") ?? 1000)
const parts = process.argv.includes("--parts")
const application = `yiciban-rtw2-${process.pid}`
const perStream = 10
const sliceStreams = 100

type Modules = {
  readonly Pg: typeof import("../src/pg.ts")
  readonly PostgresRuntimeStore: typeof import("../src/PostgresRuntimeStore.ts")
}
const modulesOf = async (root: string): Promise<Modules> => ({
  Pg: await import(`${root}/packages/postgres/src/pg.ts`),
  PostgresRuntimeStore: await import(`${root}/packages/postgres/src/PostgresRuntimeStore.ts`),
})

interface Contender {
  readonly name: string
  /** Read the stream, decide the next version, append one event with that expectation. */
  readonly readDecideAppend: (stream: string, event: EventEnvelope.NewEvent) => Promise<boolean>
}

const day = (version: number) => `2026-10-${String(10 + version).padStart(2, "0")}`

/** The inline update of an application-like stream at `version`. */
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

/** What a contender writes beside the event: the whole inline update, a part of it, or nothing. */
type Part = "all" | "case" | "timers" | "none"

const runtimeContender = (
  name: string,
  store: {
    readonly readStream: (stream: string) => Effect.Effect<ReadonlyArray<{ readonly streamVersion: number }>, unknown>
    readonly append: (
      stream: string,
      events: ReadonlyArray<EventEnvelope.NewEvent>,
      expected: ExpectedVersion.ExpectedVersion,
    ) => Effect.Effect<unknown, { readonly _tag: string }>
  },
  runtimeStore: RuntimeStore.RuntimeStore["Service"],
  part: Part = "all",
): Contender => ({
  name,
  readDecideAppend: (stream, event) =>
    Effect.runPromise(
      Effect.gen(function* () {
        const events = yield* store.readStream(stream)
        const version = events.length === 0 ? 0 : events[events.length - 1]!.streamVersion
        const inline = inlineOf(stream, version + 1)
        const append =
          part === "none"
            ? store.append(stream, [event], ExpectedVersion.exact(version))
            : runtimeStore.append(
                stream,
                [event],
                ExpectedVersion.exact(version),
                part === "case"
                  ? { ...inline, timers: undefined }
                  : part === "timers"
                    ? { ...inline, summary: undefined }
                    : inline,
              )
        return yield* (append as Effect.Effect<unknown, { readonly _tag: string }>).pipe(
          Effect.as(true),
          Effect.catchTag("VersionConflict", () => Effect.succeed(false)),
        )
      }) as Effect.Effect<boolean>,
    ),
})

const rawContender = (db: Queryable, schema: string): Contender => {
  const raw = makeRaw(db, schema)
  return {
    name: "raw",
    readDecideAppend: async (stream, event) => {
      const events = await raw.readStream(stream)
      const version = events.length === 0 ? 0 : events[events.length - 1]!.version
      return raw.append(stream, version, [event]).then(
        () => true,
        (error: { code?: string }) => {
          if (error.code === "23505") return false
          throw error
        },
      )
    },
  }
}

const pairs = (mine: ReadonlyArray<number>, reference: ReadonlyArray<number>) => {
  const ratios = mine.map((ms, i) => reference[i]! / ms)
  return `${median(ratios).toFixed(3)}× [${quantile(ratios, 0.25).toFixed(2)}–${quantile(ratios, 0.75).toFixed(2)}, n=${ratios.length}]`
}

const suffix = `${process.pid}_${Date.now().toString(36)}`
const schemas = {
  raw: `bench_w2raw_${suffix}`,
  runtime: `bench_w2rt_${suffix}`,
  baseline: `bench_w2base_${suffix}`,
  port: `bench_w2port_${suffix}`,
  caseOnly: `bench_w2case_${suffix}`,
  timersOnly: `bench_w2timers_${suffix}`,
}
const pools: Array<pg.Pool> = []
const newPool = () => {
  const pool = new pg.Pool({ connectionString: url, max: workers, application_name: application })
  pools.push(pool)
  return pool
}
const adminPool = newPool()
const db: Queryable = {
  query: async (text, values, name) =>
    (
      await adminPool.query(
        name === undefined
          ? { text, values: values as Array<unknown> }
          : { text, values: values as Array<unknown>, name },
      )
    ).rows,
}

const contenderOf = (modules: Modules, name: string, schema: string, part: Part = "all") =>
  Effect.gen(function* () {
    const store = yield* modules.Pg.makePostgres({ pool: newPool(), schema })
    const runtimeStore = yield* modules.PostgresRuntimeStore.make(store as never)
    return runtimeContender(name, store as never, runtimeStore as RuntimeStore.RuntimeStore["Service"], part)
  })

try {
  await adminPool.query(createTable(schemas.raw))
  const thisRoot = resolve(import.meta.dirname, "../../..")
  const contenders: Array<Contender> = await Effect.runPromise(
    Effect.scoped(
      Effect.gen(function* () {
        const list = [
          rawContender(db, schemas.raw),
          yield* contenderOf(yield* Effect.promise(() => modulesOf(thisRoot)), "runtime", schemas.runtime),
        ]
        if (baselineRoot !== undefined) {
          const modules = yield* Effect.promise(() => modulesOf(resolve(baselineRoot)))
          list.push(yield* contenderOf(modules, "baseline", schemas.baseline))
        }
        if (parts) {
          const modules = yield* Effect.promise(() => modulesOf(thisRoot))
          list.push(yield* contenderOf(modules, "port", schemas.port, "none"))
          list.push(yield* contenderOf(modules, "case only", schemas.caseOnly, "case"))
          list.push(yield* contenderOf(modules, "timers only", schemas.timersOnly, "timers"))
        }
        return list
      }) as Effect.Effect<Array<Contender>>,
    ),
  )
  const events = makeEvents(streamCount * perStream, "w2rt")
  const tasks = events.map((event, i) => ({ stream: `application-w2rt-${i % streamCount}`, event }))
  const slices = Array.from({ length: Math.ceil(streamCount / sliceStreams) }, (_, k) =>
    tasks.filter(
      (task) => Math.floor(Number(task.stream.slice(task.stream.lastIndexOf("-") + 1)) / sliceStreams) === k,
    ),
  )
  const samples = new Map<string, Array<number>>(contenders.map((c) => [c.name, []]))
  const cpu = new Map<string, { process: number; server: number }>(
    contenders.map((c) => [c.name, { process: 0, server: 0 }]),
  )
  // Open every pool's connections, then find their backends (only one contender runs at a time).
  await Promise.all(
    pools.map((pool) =>
      Promise.all(Array.from({ length: workers }, () => pool.query("SELECT pg_catalog.pg_sleep(0.05)"))),
    ),
  )
  const backends = (
    await adminPool.query<{ pid: number }>("SELECT pid FROM pg_catalog.pg_stat_activity WHERE application_name = $1", [
      application,
    ])
  ).rows.map((row) => row.pid)
  for (let k = 0; k < slices.length; k++) {
    for (const c of k % 2 === 0 ? contenders : [...contenders].reverse()) {
      // Every contender appends the same events: each to its own tables.
      const processBefore = process.cpuUsage()
      const serverBefore = cpuMicrosOfAll(backends)
      const ms = await timed(() =>
        inParallel(workers, slices[k]!, async ({ stream, event }) => {
          while (!(await c.readDecideAppend(stream, event))) {}
        }),
      )
      const used = process.cpuUsage(processBefore)
      const total = cpu.get(c.name)!
      total.process += used.user + used.system
      total.server += cpuMicrosOfAll(backends) - serverBefore
      samples.get(c.name)!.push(ms)
    }
  }
  const load = (await import("node:os"))
    .loadavg()
    .map((x) => x.toFixed(1))
    .join(" ")
  console.log(`W2-runtime: ${streamCount} streams × ${perStream} appends, ${workers} workers, load ${load}`)
  const raw = samples.get("raw")!
  for (const c of contenders) {
    const total = samples.get(c.name)!.reduce((a, b) => a + b, 0)
    const rate = Math.round((streamCount * perStream) / (total / 1000))
    if (c.name !== "raw" && c.name !== "baseline") {
      const ratios = samples.get(c.name)!.map((ms, i) => raw[i]! / ms)
      report({
        key: c.name === "runtime" ? "W2 runtime server" : `W2 runtime server, ${c.name}`,
        ratio: median(ratios),
        quartiles: [quantile(ratios, 0.25), quantile(ratios, 0.75)],
        n: ratios.length,
        against: "raw pg",
        detail: `${rate} appends/s`,
      })
    }
    const against = c.name === "raw" ? "" : `; ÷ raw, median of slices: ${pairs(samples.get(c.name)!, raw)}`
    const used = cpu.get(c.name)!
    const n = streamCount * perStream
    const perAppend = `CPU per append: this process ${(used.process / n).toFixed(0)} µs, server backends ${(used.server / n).toFixed(0)} µs`
    console.log(`  ${c.name}: ${rate} appends/s${against}; ${perAppend}`)
  }
  if (baselineRoot !== undefined) {
    console.log(`  runtime ÷ baseline, median of slices: ${pairs(samples.get("runtime")!, samples.get("baseline")!)}`)
  }
} finally {
  for (const schema of Object.values(schemas)) await adminPool.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`)
  for (const pool of pools) await pool.end().catch(() => {})
}
