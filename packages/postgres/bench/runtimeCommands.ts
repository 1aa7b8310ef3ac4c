/**
 * `DATABASE_URL=… tsx --conditions=@yiciban/source bench/runtimeCommands.ts --baseline <checkout>
 * [--cases <n>] [--engine pglite]`: commands through the whole runtime (`CommandHandler.handle`:
 * authorization, the catalogue, decoding, the decider, the append with its inline case list and
 * timers) on the PostgreSQL server (or, with `--engine pglite`, on a PGlite folder of each build's
 * own; no DATABASE_URL needed), this checkout against another one (e.g. a worktree of an earlier commit), in
 * one run. 8 workers, each case submitted then accepted (`--cases`, default 400, in slices of 50
 * cases); the two builds take turns slice by slice in alternating order, each on its own schema
 * (dropped afterwards), and the median of the per-slice ratios is printed with its quartiles.
 * Each build runs with its own modules (its sources, its effect) through its own test support
 * (`postgres/test/runtime/engines.ts`). A benchmark, not a test.
 */
import { resolve } from "node:path"
import { inParallel, median, quantile, timed } from "./data.ts"

const argument = (flag: string) => {
  const i = process.argv.indexOf(flag)
  return i < 0 ? undefined : process.argv[i + 1]
}
const baselineRoot = argument("--baseline")
const engineName = argument("--engine") ?? "server"
if (
  baselineRoot === undefined ||
  (engineName !== "server" && engineName !== "pglite") ||
  (engineName === "server" && process.env.DATABASE_URL === undefined)
) {
  throw new Error(
    "usage: [DATABASE_URL=…] tsx --conditions=@yiciban/source bench/runtimeCommands.ts --baseline <checkout> [--cases <n>] [--engine server|pglite]",
  )
}
const cases = Number(argument("--cases") ?? 400)
const sliceCases = 50
const workers = 8

const buildOf = async (root: string, name: string) => {
  const engines: typeof import("../test/runtime/engines.ts") = await import(
    `${root}/packages/postgres/test/runtime/engines.ts`
  )
  const runtime: typeof import("@yiciban/runtime") = await import(`${root}/packages/runtime/src/index.ts`)
  const support: typeof import("../../runtime/test/support.ts") = await import(
    `${root}/packages/runtime/test/support.ts`
  )
  const fixtures: typeof import("../../runtime/test/fixtures.ts") = await import(
    `${root}/packages/runtime/test/fixtures.ts`
  )
  const engine = engines.engines(`bench_cmd_${name}`).find((e) => e.name === engineName)!
  const node = engine.node()
  await node.on("2026-09-01", support.publishMatter())
  const { Aggregates, CommandHandler } = runtime
  return {
    name,
    caseOf: async (caseNo: string) => {
      await node.on("2026-09-24", support.submitCase(caseNo))
      await node.on(
        "2026-09-24",
        CommandHandler.handle(Aggregates.application, caseNo, { _tag: "AcceptApplication", caseNo }, fixtures.clerk),
      )
    },
    close: async () => {
      await node.dispose()
      await engine.cleanup()
    },
  }
}

const builds = [
  await buildOf(resolve(import.meta.dirname, "../../.."), "this"),
  await buildOf(resolve(baselineRoot), "baseline"),
]
const samples = new Map<string, Array<number>>(builds.map((b) => [b.name, []]))
try {
  for (let k = 0; k < Math.ceil(cases / sliceCases); k++) {
    for (const build of k % 2 === 0 ? builds : [...builds].reverse()) {
      const slice = Array.from({ length: sliceCases }, (_, i) => `R${k}-${i}`)
      samples.get(build.name)!.push(await timed(() => inParallel(workers, slice, build.caseOf)))
    }
  }
} finally {
  for (const build of builds) await build.close()
}
const load = (await import("node:os"))
  .loadavg()
  .map((x) => x.toFixed(1))
  .join(" ")
console.log(
  `commands through the runtime on ${engineName === "server" ? "the server" : "PGlite"}: ${cases} cases × (submit, accept), ${workers} workers, load ${load}`,
)
for (const build of builds) {
  const total = samples.get(build.name)!.reduce((a, b) => a + b, 0)
  console.log(`  ${build.name}: ${Math.round((2 * cases) / (total / 1000))} commands/s`)
}
const ratios = samples.get("this")!.map((ms, i) => samples.get("baseline")![i]! / ms)
console.log(
  `  this ÷ baseline, median of slices: ${median(ratios).toFixed(3)}× [${quantile(ratios, 0.25).toFixed(2)}–${quantile(ratios, 0.75).toFixed(2)}, n=${ratios.length}]`,
)
