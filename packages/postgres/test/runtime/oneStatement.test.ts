/**
 * The runtime's append with its inline update as one statement (`appendInline`): on both engines
 * the events, the case row and the timers are one autocommitted statement — no transaction — and it
 * falls back to the hook in a transaction when the statement cannot decide. Either way an inline
 * update that fails leaves no event written, a stale append writes neither row nor timers, and a
 * re-append of stored events is idempotent and writes no row.
 * The SQL client is wrapped to count statements and transactions.
 */
import type { PGlite } from "@electric-sql/pglite"
import { EventEnvelope, EventStoreError, ExpectedVersion } from "@yiciban/eventstore"
import type { Aggregate, RuntimeStore } from "@yiciban/runtime"
import { Effect, Exit } from "effect"
import pg from "pg"
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest"
import * as PgClient from "../../src/internal/pgClient.ts"
import * as PgliteClient from "../../src/internal/pgliteClient.ts"
import * as PostgresEventStore from "../../src/PostgresEventStore.ts"
import * as PostgresRuntimeStore from "../../src/PostgresRuntimeStore.ts"
import { type SqlClient, SqlError } from "../../src/SqlClient.ts"
import { createPglite, databaseUrl, dropSchema, uniqueSchema } from "../support.ts"

/** What went through a client: statements outside a transaction, transactions, statements in them. */
interface Counts {
  statements: number
  transactions: number
  inTransactions: number
  /** When set, a transaction fails before it begins (to see what the statement alone did). */
  refuseTransactions: boolean
}

const counting = (inner: SqlClient, counts: Counts): SqlClient => {
  const counted = <A>(key: "statements" | "inTransactions", run: () => Effect.Effect<A, SqlError>) =>
    Effect.suspend(() => {
      counts[key]++
      return run()
    })
  const inside = (tx: SqlClient): SqlClient => ({
    engine: tx.engine,
    query: (sql, params, name) => counted("inTransactions", () => tx.query(sql, params, name)),
    values: (sql, params, name) => counted("inTransactions", () => tx.values(sql, params, name)),
    script: (sql) => counted("inTransactions", () => tx.script(sql)),
    transaction: (body) => body(inside(tx)),
  })
  return {
    engine: inner.engine,
    query: (sql, params, name) => counted("statements", () => inner.query(sql, params, name)),
    values: (sql, params, name) => counted("statements", () => inner.values(sql, params, name)),
    script: (sql) => counted("statements", () => inner.script(sql)),
    transaction: (body) =>
      Effect.suspend(() => {
        counts.transactions++
        return counts.refuseTransactions
          ? Effect.fail(new SqlError({ code: undefined, message: "no transaction in this test", cause: undefined }))
          : inner.transaction((tx) => body(inside(tx)))
      }),
  }
}

const event = (n: number) =>
  Effect.map(EventEnvelope.makeEventId, (eventId) => ({
    eventId,
    type: "Happened",
    schemaVersion: 1,
    data: { n },
    metadata: {
      commandId: `c-${n}`,
      correlationId: `c-${n}`,
      causationId: `c-${n}`,
      actor: { id: "clerk-1", roles: ["windowClerk"] },
      occurredAt: "2026-09-24T01:30:00.000Z",
    },
  }))

const timer = (key: string, day: string): Aggregate.TimerSpec => ({
  key,
  dueAt: `${day}T16:00:00.000Z`,
  notice: `notice ${key}`,
})

const inlineOf = (
  stream: string,
  version: number,
  status: string,
  timers: ReadonlyArray<Aggregate.TimerSpec> | undefined,
): RuntimeStore.InlineUpdate => ({
  stream,
  category: "thing",
  id: stream.slice("thing-".length),
  version,
  at: "2026-09-24T01:30:00.000Z",
  summary: { status, title: "第一", detail: { status } },
  access: { owners: ["91430102MA4L123456"], authority: "11430100MB1A38544B", region: "430100", public: false },
  timers,
})

const failureOf = <A, E>(exit: Exit.Exit<A, E>) =>
  Exit.isFailure(exit) ? exit.cause.reasons.find((reason) => reason._tag === "Fail")?.error : undefined

interface Setup {
  readonly name: "pglite" | "server"
  readonly client: () => Promise<SqlClient>
  readonly close: () => Promise<void>
}

const setups: Array<Setup> = []
{
  let db: PGlite | undefined
  setups.push({
    name: "pglite",
    client: async () => {
      db = await createPglite()
      return PgliteClient.make(db)
    },
    close: async () => {
      await db?.close()
    },
  })
}
if (databaseUrl !== undefined) {
  const url = databaseUrl
  let pool: pg.Pool | undefined
  setups.push({
    name: "server",
    client: async () => {
      pool = new pg.Pool({ connectionString: url, max: 4 })
      return PgClient.make(pool)
    },
    close: async () => {
      await pool?.end()
    },
  })
} else {
  console.log("DATABASE_URL is not set: the one-statement append is tested on PGlite only (its hook path)")
}

for (const setup of setups) {
  describe(`the runtime's append on ${setup.name}`, () => {
    const schema = uniqueSchema("onestmt")
    const counts: Counts = { statements: 0, transactions: 0, inTransactions: 0, refuseTransactions: false }
    let store: PostgresEventStore.PostgresEventStoreService
    let runtime: RuntimeStore.RuntimeStore["Service"]
    const onServer = setup.name === "server"
    const reset = () => {
      counts.statements = 0
      counts.transactions = 0
      counts.inTransactions = 0
      counts.refuseTransactions = false
    }
    const count = async (sql: string, params: ReadonlyArray<unknown>) =>
      Number((await Effect.runPromise(store.sql.query<{ n: string | number }>(sql, params)))[0]!.n)
    const eventsOf = (stream: string) =>
      count(`SELECT count(*) AS n FROM "${schema}".events WHERE stream = $1`, [stream])
    const caseOf = (stream: string) => Effect.runPromise(runtime.caseOf(stream))
    const timersOf = async (stream: string) =>
      (await Effect.runPromise(runtime.timers("all", stream))).map((row) => row.id).sort()

    beforeAll(async () => {
      const client = counting(await setup.client(), counts)
      store = await Effect.runPromise(PostgresEventStore.makeWithClient(client, { schema }))
      runtime = await Effect.runPromise(PostgresRuntimeStore.make(store))
      // A constraint the test's inline row can break: a read model refusing a row.
      await Effect.runPromise(
        store.sql.script(
          `ALTER TABLE "${schema}".runtime_cases ADD CONSTRAINT onestmt_refused CHECK (status <> 'refused')`,
        ),
      )
    })
    beforeEach(reset)
    afterAll(async () => {
      if (onServer && databaseUrl !== undefined) await dropSchema(databaseUrl, schema)
      await setup.close()
    })

    it("writes the events, the case row and the timers in one autocommitted statement", async () => {
      const stream = "thing-S-1"
      const first = await Effect.runPromise(event(1))
      reset()
      const result = await Effect.runPromise(
        runtime.append(
          stream,
          [first],
          ExpectedVersion.noStream,
          inlineOf(stream, 1, "open", [timer("a", "2026-10-01")]),
        ),
      )
      expect(result.streamVersion).toBe(1)
      expect(counts).toEqual({ statements: 1, transactions: 0, inTransactions: 0, refuseTransactions: false })
      // A batch takes the same path.
      reset()
      const batch = await Effect.runPromise(Effect.all([event(2), event(3)]))
      const second = await Effect.runPromise(
        runtime.append(
          stream,
          batch,
          ExpectedVersion.exact(1),
          inlineOf(stream, 3, "accepted", [timer("b", "2026-10-02")]),
        ),
      )
      expect(second.streamVersion).toBe(3)
      expect(second.globalPositions[1]).toBe(second.globalPositions[0]! + 1)
      expect([counts.statements, counts.transactions]).toEqual([1, 0])
      expect(await eventsOf(stream)).toBe(3)
      expect(await caseOf(stream)).toMatchObject({ version: 3, status: "accepted", detail: { status: "accepted" } })
      expect(await timersOf(stream)).toEqual([`${stream}/b`])
      const read = await Effect.runPromise(store.readStream(stream))
      expect(read.map((e) => [e.streamVersion, e.globalPosition])).toEqual([
        [1, result.globalPositions[0]],
        [2, second.globalPositions[0]],
        [3, second.globalPositions[1]],
      ])
    })

    it("an inline update that fails leaves no event written, and the append fails with StoreUnavailable", async () => {
      const stream = "thing-S-2"
      const refused = await Effect.runPromise(event(1))
      const exit = await Effect.runPromiseExit(
        runtime.append(
          stream,
          [refused],
          ExpectedVersion.noStream,
          inlineOf(stream, 1, "refused", [timer("a", "2026-10-01")]),
        ),
      )
      expect(failureOf(exit)).toBeInstanceOf(EventStoreError.StoreUnavailable)
      expect(await eventsOf(stream)).toBe(0)
      expect(await caseOf(stream)).toBeUndefined()
      expect(await timersOf(stream)).toEqual([])
      // Nothing was lost or half-written: the same event appends as the stream's first.
      const result = await Effect.runPromise(
        runtime.append(
          stream,
          [refused],
          ExpectedVersion.noStream,
          inlineOf(stream, 1, "open", [timer("a", "2026-10-01")]),
        ),
      )
      expect(result.streamVersion).toBe(1)
      expect(await caseOf(stream)).toMatchObject({ version: 1, status: "open" })
    })

    it("a stale append writes neither row nor timers, even in the statement alone", async () => {
      const stream = "thing-S-3"
      await Effect.runPromise(
        runtime.append(
          stream,
          [await Effect.runPromise(event(1))],
          ExpectedVersion.noStream,
          inlineOf(stream, 1, "open", [timer("a", "2026-10-01")]),
        ),
      )
      const stale = () =>
        Effect.flatMap(event(9), (late) =>
          runtime.append(
            stream,
            [late],
            ExpectedVersion.noStream,
            inlineOf(stream, 1, "stale", [timer("z", "2026-10-09")]),
          ),
        )
      // The statement's expectation does not hold; with transactions refused, only the statement ran.
      reset()
      counts.refuseTransactions = true
      const alone = await Effect.runPromiseExit(stale())
      expect(Exit.isFailure(alone)).toBe(true)
      expect(counts.statements).toBe(1)
      expect(await caseOf(stream)).toMatchObject({ version: 1, status: "open" })
      expect(await timersOf(stream)).toEqual([`${stream}/a`])
      // With the fallback: the append function decides, in a transaction, and answers with the version.
      reset()
      const exit = await Effect.runPromiseExit(stale())
      const failure = failureOf(exit)
      expect(failure).toBeInstanceOf(EventStoreError.VersionConflict)
      expect((failure as EventStoreError.VersionConflict).actual).toBe(1)
      expect(counts.transactions).toBe(1)
      expect(await eventsOf(stream)).toBe(1)
      expect(await caseOf(stream)).toMatchObject({ version: 1, status: "open" })
      expect(await timersOf(stream)).toEqual([`${stream}/a`])
    })

    it("re-appending stored events is idempotent and writes no row or timer", async () => {
      const stream = "thing-S-4"
      const first = await Effect.runPromise(event(1))
      const result = await Effect.runPromise(
        runtime.append(
          stream,
          [first],
          ExpectedVersion.noStream,
          inlineOf(stream, 1, "open", [timer("a", "2026-10-01")]),
        ),
      )
      const again = await Effect.runPromise(
        runtime.append(
          stream,
          [first],
          ExpectedVersion.noStream,
          inlineOf(stream, 1, "again", [timer("z", "2026-10-09")]),
        ),
      )
      expect(again).toEqual(result)
      expect(await eventsOf(stream)).toBe(1)
      expect(await caseOf(stream)).toMatchObject({ version: 1, status: "open" })
      expect(await timersOf(stream)).toEqual([`${stream}/a`])
    })
  })
}
