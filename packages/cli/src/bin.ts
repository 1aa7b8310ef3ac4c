#!/usr/bin/env node
/**
 * The `yiciban` executable: runs the program on the process's arguments and exits with its code.
 *
 * @since 0.2.0
 */
import { run } from "./Cli.ts"

const stopSignal = () =>
  new Promise<string>((resolve) => {
    process.once("SIGTERM", () => resolve("SIGTERM"))
    process.once("SIGINT", () => resolve("SIGINT"))
  })

run(process.argv.slice(2), {
  out: (line) => process.stdout.write(`${line}\n`),
  err: (line) => process.stderr.write(`${line}\n`),
  env: process.env,
  stopSignal,
}).then(
  (code) => {
    process.exitCode = code
  },
  (error: unknown) => {
    process.stderr.write(`yiciban: ${String(error)}\n`)
    process.exitCode = 3
  },
)
