/**
 * `pnpm bench:table`: issue 14's table in one run — every row with its ratio against the baseline
 * measured in the same run, the goal, and whether it holds. It builds the postgres package, then
 * runs the benchmarks that measure the rows, one after another (their own output shows as they go),
 * each handing its figures over through `YICIBAN_BENCH_REPORT` (`scripts/benchReport.ts`):
 *
 *   packages/runtime/bench/peer.ts      W1 port and W1 runtime, in memory, against Emmett 0.42, with
 *                                       the floors (the port's, and without its guarantees one by one)
 *   packages/postgres/bench/run.ts      W2–W5 through the port on the server and on PGlite, against raw
 *   packages/postgres/bench/serverW2.ts W2's floor (the port's guarantees by hand, `bench/floor.ts`), against raw
 *   packages/postgres/bench/runtimeW2.ts W2 through the runtime's store (case row, timers), against raw
 *   packages/postgres/bench/peer.ts     W2 through the port on the server, against Emmett 0.42
 *   packages/postgres/bench/coldStart.ts the embedded start, a fresh folder and a reused one, in seconds
 *
 * The server is DATABASE_URL (default postgres://postgres@127.0.0.1:5432/test). `--rounds <n>` sets
 * W1's rounds (default 3); `--only w1,server,runtime,peer,start` runs some of them. It takes 8–12 minutes
 * on a quiet 2-core machine. Exits non-zero when a benchmark fails, not when a goal does not hold.
 */
import { spawnSync } from "node:child_process"
import { mkdtempSync, readFileSync, rmSync } from "node:fs"
import { loadavg, tmpdir } from "node:os"
import { join, resolve } from "node:path"
import type { Figure } from "./benchReport.ts"

const root = resolve(import.meta.dirname, "..")
const postgres = join(root, "packages/postgres")
const tsx = join(root, "node_modules/.bin/tsx")
const argument = (flag: string) => {
  const i = process.argv.indexOf(flag)
  return i < 0 ? undefined : process.argv[i + 1]
}
const rounds = argument("--rounds") ?? "3"
const only = new Set((argument("--only") ?? "w1,server,runtime,peer,start").split(","))

/** A figure as `benchReport.ts` writes it: with the load average when it was reported. */
type Reported = Figure & { readonly load: string }

interface Goal {
  readonly at: number
  readonly higherIsBetter: boolean
  /** What `at` is: a ratio (the default) or seconds; a figure in another unit is not compared. */
  readonly unit: "×" | "s"
}
const atLeast = (at: number): Goal => ({ at, higherIsBetter: true, unit: "×" })
const atMost = (at: number, unit: Goal["unit"] = "×"): Goal => ({ at, higherIsBetter: false, unit })

/** The issue's rows: what each measures, the key its figure is reported under, its goal, the issue's figure. */
const rows: ReadonlyArray<readonly [workload: string, key: string, goal: Goal | undefined, issue: string]> = [
  ["W1 in memory, port, 100k commands over 10k streams", "W1 port", atLeast(10), "2.0× Emmett"],
  ["W1 the same, one `Effect.runPromise` per command", "W1 port per command", atLeast(10), "—"],
  [
    "W1 the port's floor: its guarantees by hand, no Effect (`runtime/bench/floor.ts`)",
    "W1 port floor",
    undefined,
    "—",
  ],
  ["W1 the port's floor without its chain", "W1 floor no link", undefined, "—"],
  ["W1 the port's floor without its private copy, the copy's JSON and the chain", "W1 floor bare", undefined, "—"],
  ["W1 through the runtime (`createYiciban`, memory)", "W1 runtime", atLeast(5), "0.36× Emmett"],
  ["W1 the runtime's floor: the deciders alone, an upper bound", "W1 runtime floor", undefined, "—"],
  ["W2 8 workers, read-fold-decide-append, server: port", "W2 port server", atLeast(0.9), "0.81× raw"],
  ["W2 the port's floor: its guarantees by hand (`postgres/bench/floor.ts`)", "W2 port floor server", undefined, "—"],
  ["W2 the same, port, against Emmett", "W2 port server vs Emmett", undefined, "2.2× Emmett"],
  ["W2 through the runtime (inline case list + timers)", "W2 runtime server", atLeast(0.7), "0.40× raw"],
  ["W3 100-event appends, server", "W3 port server", undefined, "1.31× raw (hold)"],
  ["W4 rehydrate one 10,000-event stream, server (time)", "W4 port server", atMost(1.25), "2.36× raw"],
  ["W5 read everything in global order, server", "W5 port server", atLeast(0.8), "0.47× raw"],
  ["W2 on PGlite, port", "W2 port PGlite", atLeast(0.85), "0.71× raw PGlite"],
  ["W4 on PGlite (time)", "W4 port PGlite", atMost(1.3), "2.05× raw PGlite"],
  ["embedded start, a fresh folder (runtime's store ready)", "start fresh", atMost(3, "s"), "7.5–17.9 s loaded"],
  ["embedded start, a reused folder", "start reused", atMost(1, "s"), "—"],
]

const folder = mkdtempSync(join(tmpdir(), "yiciban-bench-table-"))
const reportFile = join(folder, "figures.jsonl")
const env = { ...process.env, YICIBAN_BENCH_REPORT: reportFile }
const failed: Array<string> = []
const step = (name: string, command: string, args: ReadonlyArray<string>, cwd: string) => {
  process.stderr.write(`\n=== ${name} ===\n`)
  const result = spawnSync(command, args, { cwd, env, stdio: "inherit" })
  if (result.status !== 0) failed.push(`${name} (exit ${result.status ?? result.signal})`)
}

const started = loadavg()[0]!
try {
  if (only.has("server") || only.has("peer") || only.has("start")) {
    step(
      "build @yiciban/postgres and what it depends on",
      "npx",
      ["-y", "pnpm@10", "--filter", "@yiciban/postgres...", "build"],
      root,
    )
  }
  if (only.has("w1")) {
    step(
      "W1 against Emmett (packages/runtime/bench/peer.ts)",
      tsx,
      ["--conditions=@yiciban/source", "bench/peer.ts", "--rounds", rounds, "--floor-parts"],
      join(root, "packages/runtime"),
    )
  }
  if (only.has("server")) {
    step("W2–W5, server and PGlite (packages/postgres/bench/run.ts)", tsx, ["bench/run.ts"], postgres)
    step(
      "W2's floor on the server (packages/postgres/bench/serverW2.ts --floor)",
      tsx,
      ["bench/serverW2.ts", "2000", "10", "10", "--floor"],
      postgres,
    )
  }
  if (only.has("runtime")) {
    step(
      "W2 through the runtime (packages/postgres/bench/runtimeW2.ts)",
      tsx,
      ["--conditions=@yiciban/source", "bench/runtimeW2.ts"],
      postgres,
    )
  }
  if (only.has("peer")) step("W2 against Emmett (packages/postgres/bench/peer.ts)", tsx, ["bench/peer.ts"], postgres)
  if (only.has("start"))
    step("the embedded start (packages/postgres/bench/coldStart.ts)", tsx, ["bench/coldStart.ts", "7"], postgres)

  let text = ""
  try {
    text = readFileSync(reportFile, "utf8")
  } catch {
    // nothing reported: every step failed or none ran
  }
  const figures = new Map<string, Reported>(
    text
      .split("\n")
      .filter((line) => line !== "")
      .map((line) => JSON.parse(line) as Reported)
      .map((figure) => [figure.key, figure]),
  )
  const value = (x: number, unit: Figure["unit"]) => (unit === "s" ? `${x.toFixed(2)} s` : `${x.toFixed(2)}×`)
  const table = [
    `Issue 14's table, ${new Date().toISOString().slice(0, 16).replace("T", " ")} UTC; load average ${started.toFixed(1)} at the start, ${loadavg()[0]!.toFixed(1)} at the end`,
    "",
    "| workload | measured [quartiles, n] | against | goal | holds | the issue's figure | load (1, 5, 15 min) |",
    "| --- | --- | --- | --- | --- | --- | --- |",
  ]
  for (const [workload, key, goal, issue] of rows) {
    const figure = figures.get(key)
    if (figure === undefined) {
      table.push(`| ${workload} | not measured | | | | ${issue} | |`)
      continue
    }
    const spread =
      figure.quartiles === undefined ? "" : ` [${figure.quartiles.map((q) => q.toFixed(2)).join("–")}, n=${figure.n}]`
    const unit = figure.unit ?? "×"
    const holds =
      goal === undefined
        ? "—"
        : goal.unit !== unit
          ? `not compared: the figure is in ${unit}, the goal in ${goal.unit}`
          : (goal.higherIsBetter ? figure.ratio >= goal.at : figure.ratio <= goal.at)
            ? "yes"
            : "**no**"
    table.push(
      `| ${workload} | ${value(figure.ratio, unit)}${spread}${figure.detail === undefined ? "" : `; ${figure.detail}`} | ${figure.against} | ${goal === undefined ? "—" : `${goal.higherIsBetter ? "≥" : "≤"} ${value(goal.at, goal.unit)}`} | ${holds} | ${issue} | ${figure.load} |`,
    )
  }
  console.log(`\n${table.join("\n")}`)
  if (failed.length > 0) {
    console.error(`\nfailed: ${failed.join(", ")}`)
    process.exitCode = 1
  }
} finally {
  rmSync(folder, { recursive: true, force: true })
}
