/**
 * `tsx bench/pgliteW4.ts [--reads <n>] [--profile <contender>]`: W4 on PGlite alone — rehydrate one
 * 10,000-event stream — the store (with its check on read), the store with `checkChainOnRead:
 * false` and the raw PGlite baseline (`raw.ts`), each stream in a schema of its own in one PGlite
 * in a temporary folder, the contenders taking turns read by read (the order reversed every other
 * round; `--reads`, default 15). Prints the median and every read's time. `--profile <raw|store|no
 * check>` reads with that contender only and writes a CPU profile of the reads to
 * `pgliteW4-<contender>.cpuprofile` in the system's temporary folder (Chrome's format). PGlite starts
 * with the store's shared buffers (`defaultSharedBuffers`), or `--shared-buffers <size>`. It runs the
 * built package (`pnpm --filter @yiciban/postgres build` first). A benchmark, not a test.
 */
import { mkdtempSync, rmSync, writeFileSync } from "node:fs"
import { Session } from "node:inspector/promises"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { ExpectedVersion } from "@yiciban/eventstore"
import * as Pglite from "@yiciban/postgres/pglite"
import { Effect } from "effect"
import { chunk, createPglite, makeEvents, median } from "./data.ts"
import { createTable, makeRaw } from "./raw.ts"

const argument = (flag: string) => {
  const i = process.argv.indexOf(flag)
  return i < 0 ? undefined : process.argv[i + 1]
}
const reads = Number(argument("--reads") ?? 15)
const profiled = argument("--profile")
const size = 10_000
const stream = "application-w4-0"

const dir = mkdtempSync(join(tmpdir(), "yiciban-w4-"))
const db = await createPglite(dir)
try {
  await db.exec(createTable("bench_raw"))
  const raw = makeRaw(
    { query: async (text, values) => (await db.query<Record<string, unknown>>(text, values as Array<unknown>)).rows },
    "bench_raw",
  )
  const stores = [
    ["store", await Effect.runPromise(Effect.scoped(Pglite.makePglite({ db: db as never, schema: "bench_store" })))],
    [
      "no check",
      await Effect.runPromise(
        Effect.scoped(Pglite.makePglite({ db: db as never, schema: "bench_nocheck", checkChainOnRead: false })),
      ),
    ],
  ] as const
  for (const [name, store] of stores) {
    let version = 0
    for (const batch of chunk(makeEvents(size, `w4${name.replace(" ", "")}`), 100)) {
      await Effect.runPromise(store.append(stream, batch, ExpectedVersion.exact(version)))
      version += batch.length
    }
  }
  let version = 0
  for (const batch of chunk(makeEvents(size, "w4raw"), 100)) {
    await raw.append(stream, version, batch)
    version += batch.length
  }
  const contenders: ReadonlyArray<readonly [string, () => Promise<number>]> = [
    ["raw", async () => (await raw.readStream(stream)).length] as const,
    ...stores.map(
      ([name, store]) => [name, async () => (await Effect.runPromise(store.readStream(stream))).length] as const,
    ),
  ].filter(([name]) => profiled === undefined || name === profiled)
  if (contenders.length === 0) throw new Error(`--profile: no contender "${profiled}" (raw, store, no check)`)
  const session = new Session()
  if (profiled !== undefined) {
    session.connect()
    await session.post("Profiler.enable")
    await session.post("Profiler.start")
  }
  const times = new Map<string, Array<number>>(contenders.map(([name]) => [name, []]))
  for (let round = 0; round < reads; round++) {
    for (const [name, read] of round % 2 === 0 ? contenders : [...contenders].reverse()) {
      const start = performance.now()
      const n = await read()
      if (n !== size) throw new Error(`${name} read ${n} events, not ${size}`)
      times.get(name)!.push(performance.now() - start)
    }
  }
  if (profiled !== undefined) {
    const { profile } = await session.post("Profiler.stop")
    const file = join(tmpdir(), `pgliteW4-${profiled.replace(" ", "-")}.cpuprofile`)
    writeFileSync(file, JSON.stringify(profile))
    console.log(`CPU profile of the reads: ${file}`)
  }
  console.log(`W4 on PGlite, a ${size.toLocaleString("en")}-event stream, ${reads} reads each, in turns:`)
  for (const [name, values] of times) {
    console.log(`  ${name.padEnd(9)} ${median(values).toFixed(1)} ms; ${values.map((v) => v.toFixed(0)).join(" ")}`)
  }
} finally {
  await db.close()
  rmSync(dir, { recursive: true, force: true })
}
