/**
 * `tsx bench/supervisionExport.ts [--events N]`: the supervision export and its verification on
 * the PostgreSQL server at DATABASE_URL (default postgres://postgres@127.0.0.1:5432/test; a fresh
 * schema, dropped afterwards): N events (default 1,000,000) appended 1,000 at a time over N/1,000
 * streams, then the store's own `verify`, the export (readAll pages of 1,000, masking, chain,
 * tags, heads) to a temporary file, and `verify` of the file line by line. Prints events per
 * second for each. Runs the sources (`--conditions=@yiciban/source`). A benchmark, not a test.
 */
import { closeSync, createReadStream, mkdtempSync, openSync, rmSync, writeSync } from "node:fs"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { performance } from "node:perf_hooks"
import { createInterface } from "node:readline"
import { EventEnvelope, EventStore, ExpectedVersion } from "@yiciban/eventstore"
import { SupervisionExport } from "@yiciban/runtime"
import { Effect } from "effect"
import pg from "pg"
import * as Pg from "../src/pg.ts"

const argument = (flag: string, fallback: number) => {
  const i = process.argv.indexOf(flag)
  return i < 0 ? fallback : Number(process.argv[i + 1])
}
const totalEvents = argument("--events", 1_000_000)
const url = process.env.DATABASE_URL || "postgres://postgres@127.0.0.1:5432/test"
const key = { id: "bench", secret: "bench-export-key-0123456789abcdef0123" }
const rate = (n: number, ms: number) => `${Math.round((n / ms) * 1000).toLocaleString("en")}/s`

const exportBench = async () => {
  const schema = `rating_bench_${process.pid}`
  const folder = mkdtempSync(join(tmpdir(), "rating-bench-"))
  const file = join(folder, "export.jsonl")
  try {
    await Effect.runPromise(
      Effect.scoped(
        Effect.gen(function* () {
          const store = yield* Pg.makePostgres({ connectionString: url, schema, poolSize: 4 })
          const metadata = {
            commandId: "0190f0c8-8d6b-7c3e-9a51-6f2b0e8c1d2a",
            correlationId: "0190f0c8-8d6b-7c3e-9a51-6f2b0e8c1d2a",
            causationId: "0190f0c8-8d6b-7c3e-9a51-6f2b0e8c1d2a",
            actor: { id: "clerk-0042", roles: ["windowClerk"] },
            occurredAt: "2026-09-24T01:30:00.000Z",
          }
          const perStream = 1000
          const streams = Math.ceil(totalEvents / perStream)
          let t = performance.now()
          yield* Effect.forEach(
            Array.from({ length: streams }, (_, s) => s),
            (s) =>
              Effect.gen(function* () {
                const ids = yield* Effect.forEach(Array.from({ length: perStream }), () => EventEnvelope.makeEventId)
                const events = ids.map((eventId, i) => ({
                  eventId,
                  type: "RatingGiven",
                  schemaVersion: 1,
                  data: {
                    ratingId: `B${s}-${i}.online`,
                    given: { level: (i % 5) + 1, channel: "mobile", text: "", tags: [], ratedOn: "2026-09-24" },
                    rater: { "~sealed": "aes-256-gcm", subject: "ab12cd", data: "Zm9vYmFy", erased: null },
                  },
                  metadata,
                }))
                yield* store.append(`rating-B${s}`, events, ExpectedVersion.noStream)
              }),
            { concurrency: 4, discard: true },
          )
          const appendMs = performance.now() - t
          console.log(
            `appended ${(streams * perStream).toLocaleString("en")} events: ${rate(streams * perStream, appendMs)}`,
          )
          t = performance.now()
          const report = yield* store.verify
          const verifyStoreMs = performance.now() - t
          console.log(
            `store verify: ${report.events.toLocaleString("en")} events, ${report.breaks.length} breaks, ${rate(report.events, verifyStoreMs)}`,
          )
          const fd = openSync(file, "w")
          t = performance.now()
          const exported = yield* Effect.provideService(
            SupervisionExport.exportLog({
              key,
              skipStoreVerify: true,
              write: (lines) => Effect.sync(() => void writeSync(fd, `${lines.join("\n")}\n`)),
            }),
            EventStore.EventStore,
            store,
          )
          closeSync(fd)
          const exportMs = performance.now() - t
          console.log(
            `export: ${exported.records.toLocaleString("en")} records, ${exported.batches} batches: ${rate(exported.records, exportMs)} (without the store's verify)`,
          )
        }),
      ),
    )
    const verifier = SupervisionExport.makeVerifier(key)
    const t = performance.now()
    for await (const line of createInterface({
      input: createReadStream(file, "utf8"),
      crlfDelay: Number.POSITIVE_INFINITY,
    })) {
      verifier.push(line)
    }
    const report = verifier.finish()
    const verifyMs = performance.now() - t
    console.log(
      `verify (file, line by line): ${report.records.toLocaleString("en")} records, ${report.problems.length} problems: ${rate(report.records, verifyMs)}`,
    )
  } finally {
    rmSync(folder, { recursive: true, force: true })
    const client = new pg.Client({ connectionString: url })
    await client.connect()
    await client.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`)
    await client.end()
  }
}

await exportBench()
