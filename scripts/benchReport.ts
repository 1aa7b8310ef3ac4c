/**
 * How the benchmarks hand their figures to `scripts/benchTable.ts`: when YICIBAN_BENCH_REPORT names
 * a file, each figure is appended to it as one JSON line; otherwise nothing is written. A
 * benchmark's own printed table is unchanged either way.
 */
import { appendFileSync } from "node:fs"
import { loadavg } from "node:os"

/**
 * One figure: a ratio (this ÷ its baseline, measured in the same run) with its spread when there is
 * one, or, with `unit: "s"`, a time in seconds (a goal the issue sets in seconds).
 */
export interface Figure {
  /** The key `benchTable.ts` looks the figure up by, e.g. `"W2 port server"`. */
  readonly key: string
  readonly ratio: number
  /** `"×"` (the default): `ratio` is a ratio; `"s"`: it is seconds. */
  readonly unit?: "×" | "s"
  /** Quartiles of the per-round (per-slice) ratios, when the ratio is their median. */
  readonly quartiles?: readonly [number, number]
  readonly n?: number
  /** What it was measured against, e.g. `"raw pg"`, `"Emmett 0.42"`. */
  readonly against: string
  /** The figures behind the ratio, as the benchmark prints them. */
  readonly detail?: string
}

export const report = (figure: Figure): void => {
  const file = process.env.YICIBAN_BENCH_REPORT
  if (file === undefined || file === "") return
  const load = loadavg()
    .map((x) => x.toFixed(1))
    .join(" ")
  appendFileSync(file, `${JSON.stringify({ ...figure, load })}\n`)
}
