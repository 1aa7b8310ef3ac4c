/**
 * `pnpm bench:gap`: the gap guarantee under stress, on the PostgreSQL server at DATABASE_URL
 * (default postgres://postgres@127.0.0.1:5432/test, a fresh schema dropped afterwards).
 *
 * For `--seconds` (default 120), `--writers` sessions (default 8) append batches of 1–3 events
 * with exact expected versions to streams of their own — half of them as a plain append (one
 * statement), half through `appendWith` (BEGIN, INSERT, an empty hook, COMMIT) — while readers page
 * through the global order from position 0:
 *
 * - `pager-1000` and `pager-100`: `readAllWithStatus` with batches of 1,000 and 100, every page
 *   logged (from, count, first and last position, the horizon and its blocker);
 * - `subscription`: `Subscription.catchUp` with a durable checkpoint saved after every page, as
 *   projections and process managers read.
 *
 * The stall: for every event, the time from its writer's acknowledgement to its delivery by
 * `pager-1000` (median, 99th percentile and maximum), and how many pages stopped at an open
 * appender (a blocker) — the price of never skipping.
 *
 * When the writers stop, every reader drains to the table's last position; then each reader's
 * deliveries are compared with the table: events **lost** (committed, never delivered, with the page
 * that moved the reader past each one), **duplicated** and **out of order**. Exits 1 when any reader
 * lost, duplicated or reordered anything. A stress run, not a test: it is not part of CI's time.
 *
 * Usage: `pnpm --filter @yiciban/postgres bench:gap -- --seconds 600 --writers 8`
 */
import { loadavg } from "node:os"
import { parseArgs } from "node:util"
import { EventEnvelope, type EventStore, ExpectedVersion, Subscription } from "@yiciban/eventstore"
import { PostgresEventStore } from "@yiciban/postgres"
import * as Pg from "@yiciban/postgres/pg"
import { Effect, ManagedRuntime } from "effect"
import pg from "pg"

const { values: args } = parseArgs({
  options: {
    seconds: { type: "string", default: "120" },
    writers: { type: "string", default: "8" },
    streams: { type: "string", default: "16" },
  },
})
const seconds = Number(args.seconds)
const writers = Number(args.writers)
const streamsPerWriter = Number(args.streams)
const url = process.env.DATABASE_URL || "postgres://postgres@127.0.0.1:5432/test"
const schema = `gapstress_${process.pid}`

/** A growable list of numbers in a typed array (a long run logs millions of them). */
class Numbers {
  private data = new Float64Array(1 << 16)
  length = 0
  push(...values: ReadonlyArray<number>) {
    if (this.length + values.length > this.data.length) {
      const next = new Float64Array(this.data.length * 2)
      next.set(this.data)
      this.data = next
    }
    for (const value of values) this.data[this.length++] = value
  }
  at(i: number) {
    return this.data[i]!
  }
}

/** Pages are logged as six numbers: from, count, first, last, bound, blocker xid (-1: none). */
const pageFields = 6

interface Reader {
  readonly name: string
  readonly delivered: Numbers
  readonly pages: Numbers
  position: number
}

const metadata: EventEnvelope.EventMetadata = {
  commandId: "0190f0c8-8d6b-7c3e-9a51-6f2b0e8c1d2a",
  correlationId: "0190f0c8-8d6b-7c3e-9a51-6f2b0e8c1d2a",
  causationId: "0190f0c8-8d6b-7c3e-9a51-6f2b0e8c1d2a",
  actor: { id: "stress", roles: ["system"] },
  occurredAt: "2026-12-02T01:30:00.000Z",
}

const batch = (n: number) =>
  Effect.map(
    Effect.forEach(Array.from({ length: n }), () => EventEnvelope.makeEventId),
    (ids): Array<EventEnvelope.NewEvent> =>
      ids.map((eventId, i) => ({ eventId, type: "Stressed", schemaVersion: 1, data: { i }, metadata })),
  )

const main = async () => {
  const runtime = ManagedRuntime.make(Pg.layerPostgres({ connectionString: url, schema, poolSize: writers + 4 }))
  const store = await runtime.runPromise(Effect.service(PostgresEventStore.PostgresEventStore))
  const run = <A, E>(effect: Effect.Effect<A, E, EventStore.EventStore>) => runtime.runPromise(effect)
  let stop = false
  let appends = 0
  /** When each position's append was acknowledged to its writer (ms since start). */
  const acknowledged = new Map<number, number>()
  /** For pager-1000: acknowledgement to delivery, in ms, of events delivered after their ack. */
  const lags = new Numbers()
  let blockedPages = 0
  let failures = 0
  const load = [loadavg()[0]!]
  const sampler = setInterval(() => load.push(loadavg()[0]!), 5_000)

  const writer = async (w: number) => {
    const versions = new Array<number>(streamsPerWriter).fill(0)
    const viaHook = w % 2 === 1
    for (let k = 0; !stop; k++) {
      const s = k % streamsPerWriter
      const stream = `stress-w${w}-s${s}`
      const events = await run(batch(1 + (k % 3)))
      const expected = versions[s] === 0 ? ExpectedVersion.noStream : ExpectedVersion.exact(versions[s]!)
      const append = viaHook
        ? store.appendWith(stream, events, expected, () => Effect.void)
        : store.append(stream, events, expected)
      await runtime.runPromise(append).then(
        (result) => {
          const now = performance.now()
          for (const position of result.globalPositions) acknowledged.set(position, now)
          versions[s] = result.streamVersion
          appends++
        },
        () => {
          failures++
        },
      )
    }
  }

  const pager = (limit: number): Reader => ({
    name: `pager-${limit}`,
    delivered: new Numbers(),
    pages: new Numbers(),
    position: 0,
  })
  const page = async (reader: Reader, limit: number) => {
    const result = await runtime.runPromise(store.readAllWithStatus({ fromPosition: reader.position, limit }))
    const events = result.events
    if (events.length > 0) {
      reader.pages.push(
        reader.position,
        events.length,
        events[0]!.globalPosition,
        events[events.length - 1]!.globalPosition,
        result.status.bound,
        result.status.blocker === undefined ? -1 : Number(result.status.blocker.transactionId),
      )
      for (const event of events) reader.delivered.push(event.globalPosition)
      if (limit === 1000) {
        const now = performance.now()
        if (result.status.blocker !== undefined) blockedPages++
        for (const event of events) {
          const at = acknowledged.get(event.globalPosition)
          if (at !== undefined) lags.push(now - at)
          acknowledged.delete(event.globalPosition)
        }
      }
      reader.position = events[events.length - 1]!.globalPosition + 1
    }
    return events.length
  }
  const paging = async (reader: Reader, limit: number) => {
    while (!stop) await page(reader, limit)
  }

  const subscription: Reader = { name: "subscription", delivered: new Numbers(), pages: new Numbers(), position: 0 }
  const checkpoint = `gapstress-${process.pid}`
  const catchUp = () =>
    run(
      Subscription.catchUp(
        checkpoint,
        (event) => Effect.sync(() => subscription.delivered.push(event.globalPosition)),
        { batchSize: 1000 },
      ),
    )
  const subscribing = async () => {
    while (!stop) {
      const before = subscription.delivered.length
      const result = await catchUp()
      if (subscription.delivered.length > before) {
        // catchUp hides its pages; the deliveries between two checkpoints stand for them.
        subscription.pages.push(
          subscription.position,
          subscription.delivered.length - before,
          subscription.delivered.at(before),
          result.position,
          -1,
          -1,
        )
      }
      subscription.position = result.position + 1
    }
  }

  const readers = [pager(1000), pager(100), subscription]
  const started = performance.now()
  console.log(
    `gap stress on the server: ${writers} writers × ${streamsPerWriter} streams, readers ${readers.map((r) => r.name).join(", ")}, ${seconds} s, schema ${schema}`,
  )
  const running = [
    ...Array.from({ length: writers }, (_, w) => writer(w)),
    paging(readers[0]!, 1000),
    paging(readers[1]!, 100),
    subscribing(),
  ]
  const progress = setInterval(() => {
    const elapsed = (performance.now() - started) / 1000
    console.log(
      `  ${elapsed.toFixed(0)} s: ${appends} appends, ${readers.map((r) => `${r.name} ${r.delivered.length}`).join(", ")}`,
    )
  }, 30_000)
  await new Promise((resolve) => setTimeout(resolve, seconds * 1000))
  stop = true
  await Promise.all(running)
  clearInterval(progress)
  clearInterval(sampler)
  const elapsed = (performance.now() - started) / 1000

  // The truth: every committed event, in position order.
  const client = new pg.Client({ connectionString: url })
  await client.connect()
  const table = await client.query<{ p: string; stream: string; version: string }>(
    `SELECT global_position::text AS p, stream, version::text AS version FROM "${schema}".events ORDER BY global_position`,
  )
  const committed = table.rows.map((row) => Number(row.p))
  const label = new Map(table.rows.map((row) => [Number(row.p), `${row.stream}@${row.version}`]))
  const last = committed[committed.length - 1] ?? 0

  // Drain: every reader reads on until it has passed the last committed position.
  for (const reader of readers.slice(0, 2)) {
    const limit = reader.name === "pager-1000" ? 1000 : 100
    while (reader.position <= last) if ((await page(reader, limit)) === 0) break
  }
  for (let before = -1; subscription.delivered.length !== before; ) {
    before = subscription.delivered.length
    await catchUp()
  }

  const sorted = Array.from({ length: lags.length }, (_, i) => lags.at(i)).sort((a, b) => a - b)
  const quantile = (q: number) =>
    sorted.length === 0 ? 0 : sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]!
  let broken = false
  console.log(
    `\n${committed.length} events committed by ${appends} appends (${failures} failed appends) in ${elapsed.toFixed(0)} s ` +
      `(${(committed.length / elapsed).toFixed(0)} events/s); load average 1 min: min ${Math.min(...load).toFixed(2)}, max ${Math.max(...load).toFixed(2)}`,
  )
  console.log(
    `stall (pager-1000, acknowledgement → delivery, ${sorted.length} events delivered after their ack): median ${quantile(0.5).toFixed(1)} ms, p99 ${quantile(0.99).toFixed(1)} ms, max ${quantile(1).toFixed(1)} ms; ${blockedPages} pages stopped at an open appender`,
  )
  for (const reader of readers) {
    const seen = new Map<number, number>()
    let outOfOrder = 0
    for (let i = 0; i < reader.delivered.length; i++) {
      const p = reader.delivered.at(i)
      seen.set(p, (seen.get(p) ?? 0) + 1)
      if (i > 0 && p <= reader.delivered.at(i - 1)) outOfOrder++
    }
    const lost = committed.filter((p) => !seen.has(p))
    const duplicated = [...seen.values()].filter((n) => n > 1).length
    const pageCount = reader.pages.length / pageFields
    console.log(
      `${reader.name.padEnd(13)} delivered ${reader.delivered.length} in ${pageCount} non-empty pages: lost ${lost.length}, duplicated ${duplicated}, out of order ${outOfOrder}`,
    )
    if (lost.length + duplicated + outOfOrder > 0) broken = true
    for (const p of lost.slice(0, 20)) {
      // The page that moved the reader past p: it started at or before p and ended after it.
      let passing = "none found"
      for (let k = 0; k < pageCount; k++) {
        const f = (j: number) => reader.pages.at(k * pageFields + j)
        if (f(0) <= p && f(3) > p) {
          const xid = (position: number) => Math.floor(position / 2 ** 16)
          passing =
            `from ${f(0)} n=${f(1)} first ${f(2)} (xid ${xid(f(2))}) last ${f(3)} (xid ${xid(f(3))})` +
            (f(4) >= 0 ? ` bound ${f(4)} (xid ${xid(f(4))}) blocker ${f(5) >= 0 ? f(5) : "-"}` : "")
          break
        }
      }
      console.log(`  missing ${label.get(p)} pos ${p} (xid ${Math.floor(p / 2 ** 16)}), passed by page: ${passing}`)
    }
  }
  await client.query(`DROP SCHEMA "${schema}" CASCADE`)
  await client.end()
  await runtime.dispose()
  if (broken) process.exitCode = 1
}

main().catch((error) => {
  console.error(error)
  process.exitCode = 1
})
