/**
 * `tsx bench/chainProcesses.ts [--baseline <dist of a build before the chain>] [--previous <dist>]
 * [--rounds <n>]`: W2 of `bench/chain.ts` (8 workers, 2,000 streams × 10 single-event
 * read-decide-appends on fresh streams, the PostgreSQL server at DATABASE_URL), but **each
 * contender in a process of its own**, one after another, the order rotated from round to round:
 * `chain` (this build's `dist/`), `chain, no check` (`checkChainOnRead: false`), `unchained` (no
 * check, and the appends' link replaced by a constant: `unlinked.ts`), and `baseline` and
 * `previous` when given. `bench/chain.ts` runs every contender in one process, sharing its heap,
 * its event loop and one pool; this shows what each costs alone. Prints each run's events per
 * second and, per contender, the median of its per-round ratios to `unchained` [min–max].
 *
 * A benchmark, not a test.
 */
import { execFileSync } from "node:child_process"
import { loadavg } from "node:os"
import { join, resolve } from "node:path"
import { fileURLToPath, pathToFileURL } from "node:url"
import { ExpectedVersion } from "@yiciban/eventstore"
import { Effect } from "effect"
import pg from "pg"
import { inParallel, makeEvents, median, timed } from "./data.ts"
import { unlinkedPool } from "./unlinked.ts"

const url = process.env.DATABASE_URL || "postgres://postgres@127.0.0.1:5432/test"
const argument = (flag: string) => {
  const i = process.argv.indexOf(flag)
  return i < 0 ? undefined : process.argv[i + 1]
}

/** The child: one contender's W2 on a fresh schema; prints `{ "eventsPerSecond": n }`. */
const child = async (dist: string, check: boolean, unlinked: boolean) => {
  const Pg = (await import(pathToFileURL(join(dist, "pg.js")).href)) as typeof import("../src/pg.ts")
  const schema = `bench_chainp_${process.pid}`
  const pool = new pg.Pool({ connectionString: url, max: 8 })
  try {
    const eventsPerSecond = await Effect.runPromise(
      Effect.scoped(
        Effect.gen(function* () {
          const store = yield* Pg.makePostgres({
            pool: unlinked ? unlinkedPool(pool, schema) : pool,
            schema,
            ...(check ? {} : { checkChainOnRead: false }),
          })
          const tasks = makeEvents(20_000, `p${process.pid}`).map((event, i) => ({
            stream: `application-p${process.pid}-${i % 2000}`,
            event,
          }))
          const ms = yield* Effect.promise(() =>
            timed(() =>
              inParallel(8, tasks, async ({ stream, event }) => {
                await Effect.runPromise(
                  Effect.gen(function* () {
                    const events = yield* store.readStream(stream)
                    yield* store.append(stream, [event], ExpectedVersion.exact(events.length))
                  }),
                )
              }),
            ),
          )
          return tasks.length / (ms / 1000)
        }),
      ),
    )
    process.stdout.write(`${JSON.stringify({ eventsPerSecond })}\n`)
  } finally {
    await pool.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`)
    await pool.end()
  }
}

const main = async () => {
  if (process.argv.includes("--child")) {
    return child(argument("--child")!, argument("--check") === "true", process.argv.includes("--unlinked"))
  }
  const here = fileURLToPath(import.meta.url)
  const contenders = [
    { name: "chain", dist: resolve(here, "../../dist"), check: true, unlinked: false },
    { name: "chain, no check", dist: resolve(here, "../../dist"), check: false, unlinked: false },
    { name: "unchained", dist: resolve(here, "../../dist"), check: false, unlinked: true },
    ...(["previous", "baseline"] as const).flatMap((name) => {
      const dist = argument(`--${name}`)
      return dist === undefined ? [] : [{ name, dist: resolve(dist), check: true, unlinked: false }]
    }),
  ]
  const rounds = Number(argument("--rounds") ?? 4)
  const runs = new Map(contenders.map((c) => [c.name, [] as Array<number>]))
  for (let round = 0; round < rounds; round++) {
    const order = contenders.map((_, i) => contenders[(i + round) % contenders.length]!)
    for (const c of round % 2 === 0 ? order : order.reverse()) {
      const output = execFileSync(
        process.execPath,
        ["--import", "tsx", here, "--child", c.dist, "--check", String(c.check), ...(c.unlinked ? ["--unlinked"] : [])],
        { encoding: "utf8", env: { ...process.env, DATABASE_URL: url } },
      )
      const { eventsPerSecond } = JSON.parse(output.trim().split("\n").pop()!) as { eventsPerSecond: number }
      runs.get(c.name)!.push(eventsPerSecond)
      console.log(
        `round ${round + 1}: ${c.name} ${Math.round(eventsPerSecond)} ev/s (load ${loadavg()[0]!.toFixed(1)})`,
      )
    }
  }
  const reference = runs.get("unchained")!
  console.log(`\nW2, each contender in its own process, ${rounds} rounds; ratio to unchained in the same round:`)
  for (const c of contenders) {
    const own = runs.get(c.name)!
    const ratios = own.map((x, i) => x / reference[i]!)
    console.log(
      `  ${c.name.padEnd(16)} ${Math.round(median(own)!)} ev/s  ÷ unchained ${median(ratios)!.toFixed(3)} [${Math.min(...ratios).toFixed(2)}–${Math.max(...ratios).toFixed(2)}]`,
    )
  }
}

main().catch((error) => {
  console.error(error)
  process.exit(1)
})
