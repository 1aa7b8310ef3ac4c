/**
 * The consumer test's memory-only host (see scripts/consumer.ts): it installs `@yiciban/core` and
 * `@yiciban/runtime` only — no store adapter, no database driver — and runs the getting-started
 * flows in memory. `node consumerMemory.js` exits 0 with one JSON line, or 1 with the reason.
 */
import { createYiciban } from "@yiciban/runtime"
import { simulatedClock } from "./clock.ts"
import { flows } from "./consumerFlows.ts"

const main = async () => {
  const clock = simulatedClock("2026-09-01")
  const started = Date.now()
  const yiciban = await createYiciban({ now: clock.now })
  try {
    await flows(yiciban, clock)
  } finally {
    await yiciban.close()
  }
  return { store: "memory", ms: Date.now() - started }
}

main().then(
  (result) => console.log(JSON.stringify(result)),
  (error: unknown) => {
    console.error(error)
    process.exit(1)
  },
)
