/**
 * The embedded store's start as a host meets it: a new process opens `pgliteStore`'s layer on a
 * folder (PGlite's WASM start, initdb on a fresh folder, the migrations and the runtime's tables)
 * and closes it. Measured on a fresh folder and on the same folder reused, each in its own
 * process (`node`, the built package), alternating, five times; prints the median and the spread.
 * A benchmark, not a test.
 */
import { spawnSync } from "node:child_process"
import { mkdtempSync, rmSync } from "node:fs"
import { tmpdir } from "node:os"
import { join } from "node:path"

const script = `
const started = performance.now()
const { Effect, Layer } = await import("effect")
const { layerRuntime } = await import("@yiciban/postgres/pglite")
await Effect.runPromise(Effect.scoped(Layer.build(layerRuntime({ dataDir: process.argv[1]!, secret: "bench-secret-0123456789abcdef0123456789" }))))
console.log(JSON.stringify({ ms: performance.now() - started }))
`

const open = (dataDir: string): number => {
  const result = spawnSync(process.execPath, ["--input-type=module", "-e", script, dataDir], {
    cwd: join(import.meta.dirname, ".."),
    encoding: "utf8",
  })
  if (result.status !== 0) throw new Error(`the store did not open:\n${result.stderr}`)
  return JSON.parse(result.stdout.trim().split("\n").at(-1)!).ms as number
}

const rounds = Number(process.argv[2] ?? 5)
const fresh: Array<number> = []
const reused: Array<number> = []
for (let round = 0; round < rounds; round++) {
  const dataDir = mkdtempSync(join(tmpdir(), "yiciban-cold-"))
  try {
    fresh.push(open(dataDir))
    reused.push(open(dataDir))
  } finally {
    rmSync(dataDir, { recursive: true, force: true })
  }
}
const median = (xs: Array<number>) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!
const show = (label: string, xs: Array<number>) =>
  console.log(
    `${label.padEnd(40)} median ${(median(xs) / 1000).toFixed(2)} s  (min ${(Math.min(...xs) / 1000).toFixed(2)}, max ${(Math.max(...xs) / 1000).toFixed(2)}, ${xs.length} runs)`,
  )
console.log("Embedded start (PGlite): a new process opens the runtime's store on a folder")
show("fresh folder (initdb, migrations)", fresh)
show("the same folder reused", reused)
