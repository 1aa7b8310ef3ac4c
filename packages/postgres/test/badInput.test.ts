/**
 * Bad input specific to the PostgreSQL store (the conformance suite covers stream names, envelopes,
 * sizes and expectations): limits of the SQL representation, and data PostgreSQL's `jsonb` would
 * refuse but the store keeps verbatim in `json`.
 */
import { ExpectedVersion } from "@yiciban/eventstore"
import { newEvent, newEvents } from "@yiciban/eventstore/testing"
import { Effect, Exit, ManagedRuntime } from "effect"
import pg from "pg"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { PostgresEventStore } from "../src/index.ts"
import { statementName } from "../src/internal/statementName.ts"
import * as Pg from "../src/pg.ts"
import { databaseUrl, dropSchema, engines, type Services, uniqueSchema } from "./support.ts"

const failureOf = <A, E>(exit: Exit.Exit<A, E>) =>
  Exit.isFailure(exit) ? exit.cause.reasons.find((reason) => reason._tag === "Fail")?.error : undefined

for (const engine of engines("badinput")) {
  describe(`bad input on ${engine.name}`, () => {
    let runtime: ManagedRuntime.ManagedRuntime<Services, unknown>
    beforeAll(async () => {
      runtime = ManagedRuntime.make(engine.layer({ maxEventSize: 1024 }))
      await runtime.runPromise(Effect.void)
    })
    afterAll(async () => {
      await runtime.dispose()
      await engine.cleanup()
    })
    const store = Effect.service(PostgresEventStore.PostgresEventStore)
    const count = async (stream: string) =>
      Number(
        (await engine.query(`SELECT count(*)::int AS n FROM "${engine.schema}".events WHERE stream = $1`, [stream]))[0]!
          .n,
      )

    it("an event over the configured size is EventTooLarge and the batch is not written", async () => {
      const stream = `bad-${globalThis.crypto.randomUUID()}`
      const exit = await runtime.runPromiseExit(
        Effect.gen(function* () {
          const s = yield* store
          const small = yield* newEvent("Fits", { n: 1 })
          const big = yield* newEvent("TooBig", { text: "办".repeat(400) })
          return yield* s.append(stream, [small, big], ExpectedVersion.any)
        }),
      )
      expect(failureOf(exit)).toMatchObject({ _tag: "EventTooLarge", index: 1, maxSize: 1024 })
      expect(await count(stream)).toBe(0)
    })

    it("a batch beyond 65,536 events is InvalidArgument and nothing is written", async () => {
      const stream = `bad-${globalThis.crypto.randomUUID()}`
      const exit = await runtime.runPromiseExit(
        Effect.gen(function* () {
          const s = yield* store
          const event = yield* newEvent()
          return yield* s.append(
            stream,
            Array.from({ length: 65_537 }, () => event),
            ExpectedVersion.any,
          )
        }),
      )
      expect(failureOf(exit)).toMatchObject({ _tag: "InvalidArgument", operation: "append" })
      expect(await count(stream)).toBe(0)
    })

    it("strings PostgreSQL's jsonb refuses (NUL, lone surrogates) round-trip exactly", async () => {
      const stream = `odd-${globalThis.crypto.randomUUID()}`
      const data = {
        nul: "a\u0000b",
        lone: "\ud800",
        pair: "😀",
        keyOrder: { z: 1, a: 2 },
        big: 2 ** 53 - 1,
        neg: -0.5,
      }
      const read = await runtime.runPromise(
        Effect.gen(function* () {
          const s = yield* store
          yield* s.append(stream, [yield* newEvent("Odd", data)], ExpectedVersion.noStream)
          return yield* s.readStream(stream)
        }),
      )
      expect(read[0]!.data).toEqual(data)
      expect(Object.keys((read[0]!.data as { keyOrder: object }).keyOrder)).toEqual(["z", "a"])
    })

    it("a page of readAll holds the lowest positions from `fromPosition` even when the rows are stored out of order", async () => {
      const schema = `${engine.schema}_order`
      const ordered = ManagedRuntime.make(engine.layer({ schema }))
      try {
        const stream = `order-${globalThis.crypto.randomUUID()}`
        await ordered.runPromise(
          Effect.gen(function* () {
            const s = yield* store
            for (let i = 0; i < 3; i++) yield* s.append(stream, yield* newEvents(1), ExpectedVersion.any)
          }),
        )
        // Rewriting the first row moves it behind the others in the table's storage; with statistics
        // that say the table is one page, a plan may read it in storage order.
        await engine.query(`UPDATE "${schema}".events SET type = type WHERE stream = $1 AND version = 1`, [stream])
        await engine.query(`ANALYZE "${schema}".events`)
        const pages = await ordered.runPromise(
          Effect.gen(function* () {
            const s = yield* store
            return [yield* s.readAll({ fromPosition: 0, limit: 1 }), yield* s.readAll({ fromPosition: 0, limit: 2 })]
          }),
        )
        expect(pages.map((page) => page.map((e) => e.streamVersion))).toEqual([[1], [1, 2]])
      } finally {
        await ordered.dispose()
      }
    })

    it("a schema name of 63 characters: every statement keeps its own prepared name (PostgreSQL keeps 63 bytes of one)", async () => {
      const schema = `${engine.schema}_${"x".repeat(63)}`.slice(0, 63)
      const long = ManagedRuntime.make(engine.layer({ schema }))
      const stream = `long-${globalThis.crypto.randomUUID()}`
      try {
        const read = await long.runPromise(
          Effect.gen(function* () {
            const s = yield* store
            yield* s.append(stream, yield* newEvents(1), ExpectedVersion.noStream)
            yield* s.append(stream, yield* newEvents(2), ExpectedVersion.exact(1))
            const all = yield* s.readAll({ fromPosition: 0, limit: 10 })
            return { stream: yield* s.readStream(stream), all, verified: yield* s.verify }
          }),
        )
        expect(read.stream.map((e) => e.streamVersion)).toEqual([1, 2, 3])
        expect(read.all.map((e) => e.stream)).toEqual([stream, stream, stream])
        expect(read.verified.breaks).toEqual([])
      } finally {
        await long.dispose()
      }
    })
  })
}

describe("prepared statements' names", () => {
  it("fit in 63 bytes and differ for every schema and statement, however long the schema", () => {
    const statements = ["append", "appendOne", "appendMany", "readStreamChecked", "readAll", "runtime_caseAndTimers"]
    for (const schema of ["events", "s".repeat(36), "s".repeat(63), `${"s".repeat(62)}t`]) {
      const names = statements.map((statement) => statementName(schema, statement))
      for (const name of names) expect(Buffer.byteLength(name)).toBeLessThanOrEqual(63)
      expect(new Set(names).size).toBe(statements.length)
    }
    expect(statementName("s".repeat(63), "append")).not.toBe(statementName(`${"s".repeat(62)}t`, "append"))
    expect(statementName("events", "append")).toBe("yiciban_events_append")
  })
})

describe.runIf(databaseUrl !== undefined)("an append outside READ COMMITTED", () => {
  it("is refused (YC004) rather than deciding on a stale version", async () => {
    const schema = uniqueSchema("isolation")
    const runtime = ManagedRuntime.make(Pg.layerPostgres({ connectionString: databaseUrl!, schema, poolSize: 1 }))
    await runtime.runPromise(Effect.void)
    const client = new pg.Client({ connectionString: databaseUrl })
    await client.connect()
    try {
      await client.query("BEGIN ISOLATION LEVEL REPEATABLE READ")
      const refused = await client
        .query(`SELECT * FROM "${schema}".append('iso-1', 'Any', 0, $1::uuid[], '{T}', '{1}', '[{}]', '[{}]', false)`, [
          `{${globalThis.crypto.randomUUID()}}`,
        ])
        .then(
          () => "appended",
          (error: { code?: string }) => error.code,
        )
      expect(refused).toBe("YC004")
      await client.query("ROLLBACK")
    } finally {
      await client.end()
      await runtime.dispose()
      await dropSchema(databaseUrl!, schema)
    }
  })

  it("through the store as well: sessions that default to REPEATABLE READ get YC004 and nothing is written", async () => {
    const schema = uniqueSchema("isolation")
    const pool = new pg.Pool({
      connectionString: databaseUrl,
      max: 2,
      options: "-c default_transaction_isolation=repeatable\\ read",
    })
    const stream = `iso-${globalThis.crypto.randomUUID()}`
    try {
      const exit = await Effect.runPromiseExit(
        Effect.scoped(
          Effect.gen(function* () {
            const store = yield* Pg.makePostgres({ pool, schema })
            // one event (the single-row INSERT), then two (the batch INSERT)
            const one = yield* Effect.exit(store.append(stream, yield* newEvents(1), ExpectedVersion.any))
            const two = yield* Effect.exit(store.append(stream, yield* newEvents(2), ExpectedVersion.any))
            return [one, two]
          }),
        ),
      )
      expect(Exit.isSuccess(exit)).toBe(true)
      for (const attempt of Exit.isSuccess(exit) ? exit.value : []) {
        expect(failureOf(attempt)).toMatchObject({ _tag: "StoreUnavailable", cause: { code: "YC004" } })
      }
      const rows = await pool.query(`SELECT count(*)::int AS n FROM "${schema}".events`)
      expect(rows.rows[0]!.n).toBe(0)
    } finally {
      await pool.end()
      await dropSchema(databaseUrl!, schema)
    }
  })
})
