/**
 * A lost append race is an answer, not a broken connection: under an 8-way race for the same
 * version the store's connections stay in the pool (pg-pool's own `query` would destroy the
 * connection on every unique-key conflict and open a new one for the next statement), while a
 * connection the server really dropped is still replaced. Server only: PGlite has no pool.
 */
import { EventEnvelope, ExpectedVersion } from "@yiciban/eventstore"
import { newEvents } from "@yiciban/eventstore/testing"
import { Effect, Exit } from "effect"
import pg from "pg"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import * as PgClient from "../src/internal/pgClient.ts"
import * as Pg from "../src/pg.ts"
import { databaseUrl, dropSchema, uniqueSchema } from "./support.ts"

const metadata: EventEnvelope.EventMetadata = {
  commandId: "c",
  correlationId: "c",
  causationId: "c",
  actor: { id: "clerk" },
  occurredAt: "2026-12-02T00:00:00.000Z",
}

if (databaseUrl === undefined) console.log("DATABASE_URL is not set: the pool tests are skipped (PGlite has no pool)")

describe.skipIf(databaseUrl === undefined)("connections under contention (server)", () => {
  const schema = uniqueSchema("pool")
  const max = 8
  let pool: pg.Pool
  let opened = 0
  beforeAll(() => {
    pool = new pg.Pool({ connectionString: databaseUrl, max })
    pool.on("error", () => {})
    pool.on("connect", () => {
      opened += 1
    })
  })
  afterAll(async () => {
    await pool.end()
    await dropSchema(databaseUrl!, schema)
  })

  it("50 rounds of an 8-way race for one version open no more connections than the pool holds", async () => {
    const rounds = 50
    const outcomes = await Effect.runPromise(
      Effect.scoped(
        Effect.gen(function* () {
          const store = yield* Pg.makePostgres({ pool, schema })
          const before = opened
          const results: Array<{ won: number; lost: number }> = []
          for (let round = 0; round < rounds; round++) {
            const stream = `race-${round}`
            yield* store.append(
              stream,
              [{ eventId: yield* EventEnvelope.makeEventId, type: "T", schemaVersion: 1, data: {}, metadata }],
              { _tag: "NoStream" },
            )
            const exits = yield* Effect.forEach(
              Array.from({ length: max }),
              () =>
                Effect.flatMap(EventEnvelope.makeEventId, (eventId) =>
                  Effect.exit(
                    store.append(stream, [{ eventId, type: "T", schemaVersion: 1, data: { round }, metadata }], {
                      _tag: "Exact",
                      version: 1,
                    }),
                  ),
                ),
              { concurrency: "unbounded" },
            )
            const lost = exits.filter((exit) => {
              const error = Exit.findErrorOption(exit)
              return error._tag === "Some" && error.value._tag === "VersionConflict"
            }).length
            results.push({ won: exits.filter(Exit.isSuccess).length, lost })
          }
          return { results, opened: opened - before }
        }),
      ),
    )
    for (const { won, lost } of outcomes.results) expect({ won, lost }).toEqual({ won: 1, lost: max - 1 })
    expect(outcomes.opened).toBeLessThanOrEqual(max)
  })

  it("a connection the server terminated is replaced, and the next statement succeeds", async () => {
    const store = Effect.scoped(
      Effect.gen(function* () {
        const store = yield* Pg.makePostgres({ pool, schema })
        const victim = yield* Effect.promise(() => pool.connect())
        const pid = (yield* Effect.promise(() => victim.query("select pg_backend_pid() as pid"))).rows[0].pid
        victim.release()
        const killer = new pg.Client({ connectionString: databaseUrl })
        yield* Effect.promise(async () => {
          await killer.connect()
          await killer.query("select pg_terminate_backend($1)", [pid])
          await killer.end()
        })
        // Every pooled connection is tried in turn; the terminated one fails once and is dropped.
        const reads = yield* Effect.forEach(Array.from({ length: max + 1 }), () =>
          Effect.exit(store.readStream("race-0")),
        )
        const after = yield* store.readStream("race-0")
        return { failures: reads.filter(Exit.isFailure).length, after: after.length }
      }),
    )
    const { failures, after } = await Effect.runPromise(store)
    expect(failures).toBeLessThanOrEqual(1)
    expect(after).toBe(2)
  })
})

describe.skipIf(databaseUrl === undefined)("each connection's allocator settled once (server)", () => {
  const schema = uniqueSchema("settle")
  afterAll(() => dropSchema(databaseUrl!, schema))

  it("the first statement the store sends on every connection is settleAllocator, and no connection gets it twice", async () => {
    const pool = new pg.Pool({ connectionString: databaseUrl, max: 3 })
    pool.on("error", () => {})
    /**
     * Per connection, the statements sent on it, in order: a plain text is a script (the
     * migrations through `pool.query`, a transaction's BEGIN/COMMIT), a query config one of the
     * store's statements borrowed from the pool.
     */
    const sent: Array<Array<{ readonly text: string; readonly script: boolean }>> = []
    pool.on("connect", (client) => {
      const statements: Array<{ readonly text: string; readonly script: boolean }> = []
      sent.push(statements)
      const query = client.query.bind(client) as (...args: Array<unknown>) => unknown
      client.query = ((config: unknown, ...rest: Array<unknown>) => {
        statements.push(
          typeof config === "string"
            ? { text: config, script: true }
            : { text: (config as { text: string }).text, script: false },
        )
        return query(config, ...rest)
      }) as typeof client.query
    })
    try {
      await Effect.runPromise(
        Effect.scoped(
          Effect.gen(function* () {
            const store = yield* Pg.makePostgres({ pool, schema })
            // Single statements borrowed from the pool, and transactions (a hook runs in one).
            yield* Effect.forEach(
              Array.from({ length: 12 }, (_, i) => i),
              (i) =>
                Effect.gen(function* () {
                  const stream = `settle-${i}`
                  yield* store.append(stream, yield* newEvents(3), ExpectedVersion.noStream)
                  yield* store.appendWith(stream, yield* newEvents(1), ExpectedVersion.exact(3), () => Effect.void)
                  yield* store.readStream(stream)
                }),
              { concurrency: 6 },
            )
          }),
        ),
      )
    } finally {
      await pool.end()
    }
    expect(sent.length).toBeGreaterThan(1)
    for (const statements of sent) {
      const settling = statements.findIndex(({ text }) => text === PgClient.settleAllocator)
      // Sent once, before any of the store's own statements and any transaction on the connection;
      // only the migrations' scripts may come before it.
      expect(settling).toBeGreaterThanOrEqual(0)
      expect(statements.filter(({ text }) => text === PgClient.settleAllocator)).toHaveLength(1)
      for (const before of statements.slice(0, settling)) {
        expect(before.script).toBe(true)
        expect(before.text).not.toMatch(/^BEGIN/)
      }
      expect(statements.slice(settling + 1).some(({ script }) => !script)).toBe(true)
    }
  })
})
