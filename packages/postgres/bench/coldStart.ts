/**
 * The embedded store's start as a host meets it: a new process opens `pgliteStore`'s layer on a
 * folder (PGlite's WASM start, initdb on a fresh folder, the migrations and the runtime's tables)
 * and closes it. Measured on a fresh folder restoring the shipped seed (the default), on a fresh
 * folder running initdb (`seed: false`, the baseline) and on the same folder reused, each in its
 * own process (`node`, the built package), alternating, five times; prints the median, the spread
 * and the ratio seeded ÷ initdb.
 * A benchmark, not a test.
 */
import { spawnSync } from "node:child_process"
import { mkdtempSync, rmSync } from "node:fs"
import { loadavg, tmpdir } from "node:os"
import { join } from "node:path"

const script = `
const started = performance.now()
const { Effect, Layer } = await import("effect")
const { layerRuntime } = await import("@yiciban/postgres/pglite")
await Effect.runPromise(Effect.scoped(Layer.build(layerRuntime({ dataDir: process.argv[1], seed: process.argv[2] !== "initdb", secret: "bench-secret-0123456789abcdef0123456789" }))))
console.log(JSON.stringify({ ms: performance.now() - started }))
`

const open = (dataDir: string, how: "seed" | "initdb" = "seed"): number => {
  const result = spawnSync(process.execPath, ["--input-type=module", "-e", script, dataDir, how], {
    cwd: join(import.meta.dirname, ".."),
    encoding: "utf8",
  })
  if (result.status !== 0) throw new Error(`the store did not open:\n${result.stderr}`)
  return JSON.parse(result.stdout.trim().split("\n").at(-1)!).ms as number
}

const rounds = Number(process.argv[2] ?? 5)
const fresh: Array<number> = []
const initdb: Array<number> = []
const reused: Array<number> = []
for (let round = 0; round < rounds; round++) {
  const seeded = mkdtempSync(join(tmpdir(), "yiciban-cold-"))
  const bare = mkdtempSync(join(tmpdir(), "yiciban-cold-"))
  try {
    if (round % 2 === 0) {
      fresh.push(open(seeded))
      initdb.push(open(bare, "initdb"))
    } else {
      initdb.push(open(bare, "initdb"))
      fresh.push(open(seeded))
    }
    reused.push(open(seeded))
  } finally {
    rmSync(seeded, { recursive: true, force: true })
    rmSync(bare, { recursive: true, force: true })
  }
}
const median = (xs: Array<number>) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!
const show = (label: string, xs: Array<number>) =>
  console.log(
    `${label.padEnd(40)} median ${(median(xs) / 1000).toFixed(2)} s  (min ${(Math.min(...xs) / 1000).toFixed(2)}, max ${(Math.max(...xs) / 1000).toFixed(2)}, ${xs.length} runs)`,
  )
console.log("Embedded start (PGlite): a new process opens the runtime's store on a folder")
show("fresh folder, seed restored, migrations", fresh)
show("fresh folder, initdb, migrations", initdb)
show("the same folder reused", reused)
console.log(
  `fresh seeded ÷ fresh initdb: ${(median(fresh) / median(initdb)).toFixed(2)}× (load average ${loadavg()[0]!.toFixed(1)})`,
)
