/**
 * `yiciban replay` and `yiciban projections rebuild <name>`, with a progress bar and an ETA.
 */
import type { Command } from "commander"
import { projectionNames, rebuild, replay } from "../Maintenance.ts"
import { aggregatesOf, type Context, progressBar, type StoreOptions } from "./context.ts"

const refused = 2

const seconds = (started: number) => (performance.now() - started) / 1000

const perSecond = (count: number, elapsed: number) => (elapsed <= 0 ? count : Math.round(count / elapsed))

export const registerMaintenance = (program: Command, context: Context) => {
  context
    .storeOptions(
      program
        .command("replay")
        .description(
          "read the whole event log, fold every event into its aggregate's state and check it against the case list; writes nothing",
        )
        .option("--no-progress", "no progress bar"),
    )
    .action(async (options: StoreOptions & { progress: boolean }) => {
      const { yiciban, where } = await context.open(options)
      const bar = progressBar("events", options.progress)
      const started = performance.now()
      try {
        const report = await yiciban
          .run(replay({ aggregates: aggregatesOf(yiciban), onProgress: bar.update }))
          .finally(bar.stop)
        const elapsed = seconds(started)
        for (const broken of report.broken)
          context.out(`unreadable ${broken.stream} at version ${broken.streamVersion}: ${broken.detail}`)
        for (const drift of report.drift)
          context.out(
            `drift ${drift.stream} ${drift.field}: case list ${JSON.stringify(drift.row ?? null)}, events ${JSON.stringify(drift.replayed ?? null)}`,
          )
        context.out(
          `replayed ${report.events} event(s) of ${report.streams} stream(s) on ${where} in ${elapsed.toFixed(1)} s (${perSecond(report.events, elapsed)} events/s; ${report.other} of streams no aggregate reads): ${report.broken.length} unreadable, ${report.drift.length} drift`,
        )
        if (report.broken.length > 0 || report.drift.length > 0) context.setCode(refused)
      } finally {
        await yiciban.close()
      }
    })

  const projections = program.command("projections").description("the read models derived from the events")
  context
    .storeOptions(
      projections
        .command("rebuild")
        .description(
          `derive a read model again from the events, stream by stream (${projectionNames.join(", ")}); running it again changes nothing`,
        )
        .argument("<name>", `the projection: ${projectionNames.join(" or ")}`)
        .option("--no-progress", "no progress bar"),
    )
    .action(async (name: string, options: StoreOptions & { progress: boolean }) => {
      if (!(projectionNames as ReadonlyArray<string>).includes(name)) {
        context.fail(1, `no projection ${JSON.stringify(name)}; the projections are ${projectionNames.join(", ")}`)
      }
      const { yiciban, where } = await context.open(options)
      const bar = progressBar("streams", options.progress)
      const started = performance.now()
      try {
        const report = await yiciban
          .run(rebuild(name, { aggregates: aggregatesOf(yiciban), onProgress: bar.update }))
          .finally(bar.stop)
        const elapsed = seconds(started)
        context.out(
          `rebuilt ${report.projection} on ${where}: ${report.streams} stream(s), ${report.events} event(s) in ${elapsed.toFixed(1)} s (${perSecond(report.events, elapsed)} events/s), ${report.changed.length} changed`,
        )
        for (const stream of report.changed.slice(0, 50)) context.out(`changed ${stream}`)
        if (report.changed.length > 50) context.out(`… and ${report.changed.length - 50} more`)
      } finally {
        await yiciban.close()
      }
    })
}
