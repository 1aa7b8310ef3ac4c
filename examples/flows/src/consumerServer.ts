/**
 * The consumer test's server host (see scripts/consumer.ts): it installs `@yiciban/postgres` with
 * `pg` (and `@types/pg`) — not PGlite — and runs the getting-started flows on the PostgreSQL server:
 * `node consumerServer.js postgres <connectionString> <schema>`. Exit code 0 and one JSON line on
 * success; 1 and the reason otherwise.
 */
import { postgresStore } from "@yiciban/postgres/pg"
import { createYiciban } from "@yiciban/runtime"
import { simulatedClock } from "./clock.ts"
import { flows } from "./consumerFlows.ts"
import { deploymentSecret } from "./secret.ts"

const main = async (args: ReadonlyArray<string>) => {
  const [kind, connectionString, schema] = args
  if (kind !== "postgres" || connectionString === undefined || schema === undefined) {
    throw new Error("usage: consumerServer postgres <connectionString> <schema>")
  }
  const clock = simulatedClock("2026-09-01")
  const started = Date.now()
  const yiciban = await createYiciban({
    store: postgresStore({ connectionString, schema, secret: deploymentSecret() }),
    now: clock.now,
  })
  try {
    await flows(yiciban, clock)
  } finally {
    await yiciban.close()
  }
  return { store: "postgres", ms: Date.now() - started }
}

main(process.argv.slice(2)).then(
  (result) => console.log(JSON.stringify(result)),
  (error: unknown) => {
    console.error(error)
    process.exit(1)
  },
)
