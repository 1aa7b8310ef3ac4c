/**
 * The events table hash-partitioned by stream (`Migrations.partitionEvents`): bad input is refused
 * and changes nothing; the events stored before are kept and still verify; and the global reader
 * over the partitions loses, duplicates and reorders nothing — under concurrent writers through
 * the store (PGlite and the server), and, on the server, in any interleaving of transactions that
 * take positions, then commit or roll back out of order (the gap test's property, on the
 * partitioned table).
 */
import { fc, test } from "@fast-check/vitest"
import { type EventEnvelope, EventOrder, ExpectedVersion, Subscription } from "@yiciban/eventstore"
import { newEvents } from "@yiciban/eventstore/testing"
import { Effect, Exit, ManagedRuntime } from "effect"
import pg from "pg"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { Migrations, PostgresEventStore } from "../src/index.ts"
import * as Sql from "../src/internal/sql.ts"
import * as Pg from "../src/pg.ts"
import { databaseUrl, dropSchema, engines, type Services, uniqueSchema } from "./support.ts"

const store = Effect.service(PostgresEventStore.PostgresEventStore)

/** The events table's kind: `r` a plain table, `p` partitioned. */
const kindOf = async (query: (sql: string) => Promise<ReadonlyArray<Record<string, unknown>>>, schema: string) =>
  (
    await query(
      `SELECT c.relkind::text AS kind FROM pg_catalog.pg_class c JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
        WHERE n.nspname = '${schema}' AND c.relname = 'events'`,
    )
  )[0]?.kind

/** A subscriber from checkpoint `from`: catchUp collects the positions of `streams`' events. */
const subscriber = (from: number, accept: (stream: string) => boolean) => {
  const name = `partitioned-${globalThis.crypto.randomUUID()}`
  const delivered: Array<number> = []
  const handler = (event: EventEnvelope.RecordedEvent) =>
    Effect.sync(() => {
      if (accept(event.stream)) delivered.push(event.globalPosition)
    })
  let started = false
  const catchUp = Effect.gen(function* () {
    const s = yield* store
    if (!started) yield* s.saveCheckpoint(name, from - 1)
    started = true
    return yield* Subscription.catchUp(name, handler, { batchSize: 7 })
  })
  return { delivered, catchUp }
}

for (const engine of engines("partitioned")) {
  describe(`a hash-partitioned events table on ${engine.name}`, () => {
    const runtime = ManagedRuntime.make(engine.layer())
    const run = <A, E>(effect: Effect.Effect<A, E, Services>) => runtime.runPromise(effect)
    const query = (sql: string) => engine.query(sql)
    const appendedBefore: Array<number> = []

    beforeAll(async () => {
      // The schema is migrated when the store starts; events appended before the partitioning
      // through the append function, in statements the store's sessions do not keep.
      await run(Effect.void)
      for (let i = 0; i < 3; i++) {
        const events = await Effect.runPromise(newEvents(2, "BeforePartitioning"))
        const rows = await engine.query(
          `SELECT first_position FROM "${engine.schema}".append($1, 'Any', 0, $2::uuid[], $3::text[], $4::integer[], $5::json, $6::json, false)`,
          [
            `before-${i}`,
            events.map((e) => e.eventId),
            events.map((e) => e.type),
            events.map((e) => e.schemaVersion),
            JSON.stringify(events.map((e) => e.data)),
            JSON.stringify(events.map((e) => e.metadata)),
          ],
        )
        appendedBefore.push(Number(rows[0]!.first_position), Number(rows[0]!.first_position) + 1)
      }
    }, 180_000)
    afterAll(async () => {
      await runtime.dispose()
      await engine.cleanup()
    })

    it("refuses a partition count out of range, changing nothing; then partitions and keeps every event", async () => {
      for (const partitions of [1, 2.5, 257, Number.NaN]) {
        const exit = await runtime.runPromiseExit(
          Effect.flatMap(store, (s) => Migrations.partitionEvents(s.sql, engine.schema, partitions)),
        )
        expect(Exit.isFailure(exit)).toBe(true)
        expect(String(exit)).toContain("MigrationError")
        expect(await kindOf(query, engine.schema)).toBe("r")
      }
      await run(Effect.flatMap(store, (s) => Migrations.partitionEvents(s.sql, engine.schema, 4)))
      expect(await kindOf(query, engine.schema)).toBe("p")
      const again = await runtime.runPromiseExit(
        Effect.flatMap(store, (s) => Migrations.partitionEvents(s.sql, engine.schema, 4)),
      )
      expect(String(again)).toContain("partitioned already")
      const parts = await query(
        `SELECT count(*)::int AS n FROM pg_catalog.pg_inherits WHERE inhparent = '"${engine.schema}".events'::regclass`,
      )
      expect(parts[0]!.n).toBe(4)
      const events = await run(Effect.flatMap(store, (s) => s.readAll({ fromPosition: 0, limit: 100 })))
      expect(events.map((e) => e.globalPosition)).toEqual(appendedBefore)
      const report = await run(Effect.flatMap(store, (s) => s.verify))
      expect(report).toMatchObject({ streams: 3, events: 6, breaks: [] })
    })

    it("concurrent writers: the global reader delivers every committed event once, in order, each stream in order", async () => {
      const from = (await run(Effect.flatMap(store, (s) => s.readAll({ fromPosition: 0, limit: 1000 })))).reduce(
        (p, e) => Math.max(p, e.globalPosition + 1),
        0,
      )
      const streams = Array.from({ length: 12 }, (_, i) => `concurrent-${i}`)
      const reader = subscriber(from, (stream) => stream.startsWith("concurrent-"))
      const committed: Array<number> = []
      const writer = (w: number) =>
        Effect.gen(function* () {
          const s = yield* store
          for (let k = 0; k < 12; k++) {
            const stream = streams[(w * 5 + k) % streams.length]!
            const written = yield* s.append(stream, yield* newEvents(1 + (k % 3)), ExpectedVersion.any)
            committed.push(...written.globalPositions)
          }
        })
      const readerLoop = Effect.gen(function* () {
        for (let k = 0; k < 30; k++) {
          yield* reader.catchUp
          yield* Effect.yieldNow
        }
      })
      await run(
        Effect.all([...Array.from({ length: 6 }, (_, w) => writer(w)), readerLoop], { concurrency: "unbounded" }),
      )
      await run(reader.catchUp)
      expect(new Set(committed).size).toBe(committed.length)
      expect(reader.delivered).toEqual([...committed].sort((a, b) => a - b))
      const all = await run(Effect.flatMap(store, (s) => s.readAll({ fromPosition: from, limit: 1000 })))
      expect(EventOrder.isConsistent(all)).toBe(true)
      for (const stream of streams) {
        const versions = all.filter((e) => e.stream === stream).map((e) => e.streamVersion)
        expect(versions).toEqual(versions.map((_, i) => i + 1))
      }
    })
  })
}

/**
 * The gap test's interleaving property (test/gap.test.ts), on a partitioned table: transactions that
 * each append to their own stream — through the fast-path INSERT or the append function — open,
 * commit or roll back in a random interleaving, with appends through the store in between; a
 * subscriber catches up after every step and in the end has delivered exactly the committed events,
 * each once, in position order. Needs concurrent sessions: the server only.
 */
describe.runIf(databaseUrl !== undefined)("the gap property over a hash-partitioned events table (server)", () => {
  const url = databaseUrl ?? ""
  const schema = uniqueSchema("partgap")
  let runtime: ManagedRuntime.ManagedRuntime<Services, unknown>
  const run = <A, E>(effect: Effect.Effect<A, E, Services>) => runtime.runPromise(effect)
  const sessions: Array<pg.Client> = []

  beforeAll(async () => {
    // Migrate and partition with a store whose sessions are then closed: the store that reads
    // starts after the partitioning, as the migration's documentation asks.
    await Effect.runPromise(
      Effect.scoped(
        Effect.flatMap(Pg.makePostgres({ connectionString: url, schema, poolSize: 1 }), (s) =>
          Migrations.partitionEvents(s.sql, schema, 8),
        ),
      ),
    )
    runtime = ManagedRuntime.make(Pg.layerPostgres({ connectionString: url, schema, poolSize: 4 }))
    await run(Effect.void)
  })
  afterAll(async () => {
    for (const client of sessions) await client.end().catch(() => {})
    await runtime.dispose()
    await dropSchema(url, schema)
  })

  const session = async (i: number) => {
    if (sessions[i] === undefined) {
      const client = new pg.Client({ connectionString: url })
      client.on("error", () => {})
      await client.connect()
      sessions[i] = client
    }
    return sessions[i]!
  }

  type Path = "insert" | "function"
  /** Opens a transaction on `client` that appends `n` events to `stream` and leaves it open. */
  const openAppend = async (client: pg.Client, stream: string, n: number, path: Path): Promise<number> => {
    const events = await Effect.runPromise(newEvents(n, "GapHappened"))
    const ids = events.map((e) => e.eventId)
    const types = events.map((e) => e.type)
    const versions = events.map((e) => e.schemaVersion)
    const data = JSON.stringify(events.map((e) => e.data))
    const metadata = JSON.stringify(events.map((e) => e.metadata))
    await client.query("BEGIN")
    if (path === "insert") {
      const statements = Sql.statements(schema)
      const result =
        n === 1
          ? await client.query(statements.appendOne, [
              stream,
              "Any",
              0,
              ids[0],
              types[0],
              versions[0],
              JSON.stringify(events[0]!.data),
              JSON.stringify(events[0]!.metadata),
            ])
          : await client.query(statements.appendMany, [stream, "Any", 0, ids, types, versions, data, metadata])
      expect(result.rows).toHaveLength(1)
      return Number(result.rows[0]!.global_position)
    }
    const result = await client.query(
      `SELECT * FROM "${schema}".append($1, 'Any', 0, $2::uuid[], $3::text[], $4::integer[], $5::json, $6::json, false)`,
      [stream, ids, types, versions, data, metadata],
    )
    expect(result.rows[0]!.outcome).toBe("written")
    return Number(result.rows[0]!.first_position)
  }

  const head = Effect.gen(function* () {
    const s = yield* store
    const written = yield* s.append(
      `marker-${globalThis.crypto.randomUUID()}`,
      yield* newEvents(1),
      ExpectedVersion.any,
    )
    return written.globalPositions[0]!
  })

  const step = fc.oneof(
    { weight: 3, arbitrary: fc.record({ kind: fc.constant("advance" as const), tx: fc.nat(3) }) },
    {
      weight: 1,
      arbitrary: fc.record({ kind: fc.constant("storeAppend" as const), size: fc.integer({ min: 1, max: 2 }) }),
    },
  )
  const transactions = fc.array(
    fc.record({
      size: fc.integer({ min: 1, max: 3 }),
      commits: fc.boolean(),
      path: fc.constantFrom<Path>("insert", "function"),
    }),
    { minLength: 2, maxLength: 4 },
  )
  const stats = { runs: 0, outOfOrderCommits: 0 }
  afterAll(() => {
    console.log(
      `partitioned interleavings: ${stats.runs} runs, ${stats.outOfOrderCommits} with a later position committed first`,
    )
  })

  test.prop([transactions, fc.array(step, { minLength: 4, maxLength: 14 })], { numRuns: 20 })(
    "in any interleaving of open, commit and rollback, the subscriber delivers every committed event once, in order",
    async (specs, steps) => {
      stats.runs++
      const clients = await Promise.all(specs.map((_, i) => session(i)))
      const from = await run(head)
      const streams = specs.map(() => `interleave-${globalThis.crypto.randomUUID()}`)
      const watched = new Set(streams)
      const reader = subscriber(from, (stream) => watched.has(stream))
      const phase = specs.map(() => 0)
      const taken: Array<number | undefined> = specs.map(() => undefined)
      const committed: Array<number> = []
      const commitOrder: Array<number> = []
      const advance = async (i: number) => {
        const spec = specs[i]!
        if (phase[i] === 0) {
          taken[i] = await openAppend(clients[i]!, streams[i]!, spec.size, spec.path)
        } else if (phase[i] === 1) {
          await clients[i]!.query(spec.commits ? "COMMIT" : "ROLLBACK")
          if (spec.commits) {
            for (let k = 0; k < spec.size; k++) committed.push(taken[i]! + k)
            commitOrder.push(taken[i]!)
          }
        }
        phase[i] = Math.min(phase[i]! + 1, 2)
      }
      for (const s of steps) {
        if (s.kind === "advance") {
          if (s.tx < specs.length) await advance(s.tx)
        } else {
          const stream = `interleaveStore-${globalThis.crypto.randomUUID()}`
          watched.add(stream)
          const written = await run(
            Effect.flatMap(store, (st) =>
              Effect.flatMap(newEvents(s.size), (events) => st.append(stream, events, ExpectedVersion.noStream)),
            ),
          )
          committed.push(...written.globalPositions)
          commitOrder.push(written.globalPositions[0]!)
        }
        await run(reader.catchUp)
      }
      for (let i = 0; i < specs.length; i++) {
        while (phase[i]! < 2) await advance(i)
        await run(reader.catchUp)
      }
      await run(reader.catchUp)
      if (commitOrder.some((p, i) => i > 0 && p < commitOrder[i - 1]!)) stats.outOfOrderCommits++
      expect(reader.delivered).toEqual([...committed].sort((a, b) => a - b))
      const events = (await run(Effect.flatMap(store, (s) => s.readAll({ fromPosition: from, limit: 1000 })))).filter(
        (e) => watched.has(e.stream),
      )
      expect(EventOrder.isConsistent(events)).toBe(true)
    },
  )
})
