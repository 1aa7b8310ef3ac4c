/**
 * `yiciban export <file>` and `yiciban verify <file>`: the supervision record (互联网+监管 全记录)
 * exported from a store as JSON Lines with its hash chain and MAC'd batch heads, and an export
 * verified with the same key, every problem named by line. The key comes from
 * `YICIBAN_EXPORT_KEY` (at least 32 characters, from the host's secret store), its id from
 * `--key-id`.
 *
 * @since 0.3.0
 */
import { closeSync, createReadStream, openSync, writeSync } from "node:fs"
import { createInterface } from "node:readline"
import { SupervisionExport, type Yiciban } from "@yiciban/runtime"
import type { Command } from "commander"
import * as Effect from "effect/Effect"

/**
 * What the two commands need of the program: where to write, the environment, how to open the
 * store, how to add the store options, and how to stop with an exit code.
 *
 * @category models
 * @since 0.3.0
 */
export interface Host {
  readonly out: (line: string) => void
  readonly env: { readonly [name: string]: string | undefined }
  readonly storeOptions: (command: Command) => Command
  readonly open: (options: {
    readonly dataDir?: string
    readonly databaseUrl?: string
  }) => Promise<{ readonly yiciban: Yiciban.Yiciban; readonly where: string }>
  /** Stops the command with exit code 1 (usage), 2 (refused) or 3 (store). */
  readonly fail: (code: 1 | 2 | 3, message: string) => never
  /** Sets the exit code the program returns. */
  readonly exitWith: (code: number) => void
}

const keyOf = (host: Host, id: string): SupervisionExport.ExportKey => {
  const secret = host.env.YICIBAN_EXPORT_KEY
  if (secret === undefined || secret.length < 32) {
    host.fail(
      1,
      "YICIBAN_EXPORT_KEY is not set or shorter than 32 characters: the key the export's heads are MAC'd with",
    )
  }
  return { id, secret: secret! }
}

/**
 * Adds `export` and `verify` to the program.
 *
 * @category constructors
 * @since 0.3.0
 */
export const register = (program: Command, host: Host): void => {
  host
    .storeOptions(
      program
        .command("export")
        .description("export the event log for supervision: JSON Lines with the hash chain and MAC'd batch heads")
        .argument("<file>", "the file to write (replaced)")
        .option("--key-id <id>", "the id of the key, written in every head", "default")
        .option("--batch-size <n>", "records per batch head", (v) => Number(v), 1000),
    )
    .action(
      async (file: string, options: { keyId: string; batchSize: number; dataDir?: string; databaseUrl?: string }) => {
        const key = keyOf(host, options.keyId)
        if (!Number.isSafeInteger(options.batchSize) || options.batchSize < 1)
          host.fail(1, "--batch-size: a positive integer")
        const { yiciban } = await host.open(options)
        const fd = openSync(file, "w")
        const started = performance.now()
        try {
          const result = await yiciban.run(
            SupervisionExport.exportLog({
              key,
              batchSize: options.batchSize,
              write: (lines) => Effect.sync(() => void writeSync(fd, `${lines.join("\n")}\n`)),
            }),
          )
          const seconds = (performance.now() - started) / 1000
          host.out(
            `exported ${result.records} record(s) in ${result.batches} batch(es) to ${file} in ${seconds.toFixed(1)} s`,
          )
        } catch (error) {
          const tag = (error as { _tag?: string })._tag
          if (tag === "StoreNotIntact") host.fail(2, (error as Error).message)
          throw error
        } finally {
          closeSync(fd)
          await yiciban.close()
        }
      },
    )

  program
    .command("verify")
    .description("verify a supervision export: every altered, removed, inserted or reordered record, by line (exit 2)")
    .argument("<file>", "the export")
    .option("--key-id <id>", "the id of the key", "default")
    .action(async (file: string, options: { keyId: string }) => {
      const verifier = SupervisionExport.makeVerifier(keyOf(host, options.keyId))
      const lines = createInterface({ input: createReadStream(file, "utf8"), crlfDelay: Number.POSITIVE_INFINITY })
      try {
        for await (const line of lines) verifier.push(line)
      } catch (error) {
        host.fail(2, `cannot read ${file}: ${(error as Error).message}`)
      }
      const report = verifier.finish()
      if (report.problems.length === 0) {
        host.out(`${file}: intact — ${report.records} record(s) in ${report.batches} batch(es)`)
        return
      }
      for (const problem of report.problems.slice(0, 100)) host.out(SupervisionExport.describe(problem))
      if (report.problems.length > 100) host.out(`… and ${report.problems.length - 100} more`)
      host.out(`${file}: NOT intact — ${report.problems.length} problem(s) in ${report.records} record(s)`)
      host.exitWith(2)
    })
}
