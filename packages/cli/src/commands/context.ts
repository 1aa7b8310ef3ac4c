/**
 * What a command module gets from the program: where to write, how to open the store, the store
 * options, how to stop with an exit code, and how to set the exit code of a run that finished.
 */
import type { Aggregate, Yiciban } from "@yiciban/runtime"
import { SingleBar } from "cli-progress"
import type { Command } from "commander"
import { aggregatesWith } from "../Maintenance.ts"

export interface StoreOptions {
  readonly dataDir?: string
  readonly databaseUrl?: string
}

export interface Context {
  readonly out: (line: string) => void
  readonly err: (line: string) => void
  readonly env: { readonly [name: string]: string | undefined }
  /** Opens the store (`now`: the runtime's clock, default the system's). */
  readonly open: (
    options: StoreOptions,
    now?: () => number,
  ) => Promise<{ readonly yiciban: Yiciban.Yiciban; readonly where: string }>
  readonly storeOptions: (command: Command) => Command
  /** Throws: the program stops with `code` and `message` on standard error. */
  readonly fail: (code: number, message: string) => never
  readonly setCode: (code: number) => void
}

/** The aggregates an opened facade serves (with the runtime's own it does not list). */
export const aggregatesOf = (yiciban: Yiciban.Yiciban): ReadonlyArray<Aggregate.Any> =>
  aggregatesWith(yiciban.aggregates.map((facade) => facade.aggregate))

/**
 * A progress bar with an ETA on standard error (cli-progress); on a terminal it redraws in
 * place, elsewhere (a log, CI) it prints a line every two seconds. `--no-progress` turns it off.
 */
export const progressBar = (unit: string, enabled: boolean) => {
  if (!enabled) return { update: (_done: number, _total: number, _count: number) => {}, stop: () => {} }
  const bar = new SingleBar({
    format: `{bar} {percentage}% | {count} ${unit} | {rate} ${unit}/s | ETA {eta_formatted}`,
    barCompleteChar: "█",
    barIncompleteChar: "░",
    hideCursor: true,
    noTTYOutput: true,
    notTTYSchedule: 2000,
    etaBuffer: 50,
  })
  const started = Date.now()
  let running = false
  const rate = (done: number) => {
    const seconds = (Date.now() - started) / 1000
    return seconds <= 0 ? "0" : Math.round(done / seconds).toString()
  }
  return {
    update: (done: number, total: number, count: number) => {
      if (!running) {
        bar.start(total, done, { rate: "0", count })
        running = true
      } else {
        bar.setTotal(total)
        bar.update(done, { rate: rate(count), count })
      }
    },
    stop: () => {
      if (running) bar.stop()
      running = false
    },
  }
}
