/**
 * The gap problem, on a real PostgreSQL server: global positions are taken before commit, and
 * transactions commit out of position order. A reader polling in between must never move past a
 * position whose transaction is still open, must deliver it once it commits, and must not be held
 * back by transactions that never append. These tests need concurrent sessions, so they run only
 * against a server (DATABASE_URL; CI sets it). PGlite is one session and cannot show the problem.
 */
import { fc, test } from "@fast-check/vitest"
import { type EventEnvelope, EventOrder, type EventStore, ExpectedVersion, Subscription } from "@yiciban/eventstore"
import { newEvents } from "@yiciban/eventstore/testing"
import { Effect, Exit, ManagedRuntime } from "effect"
import pg from "pg"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { PostgresEventStore, type ReadHorizon } from "../src/index.ts"
import * as Sql from "../src/internal/sql.ts"
import * as Pg from "../src/pg.ts"
import { databaseUrl, dropSchema, uniqueSchema } from "./support.ts"

const onServer = databaseUrl !== undefined
if (!onServer) console.log("DATABASE_URL is not set: the gap and stall tests need a PostgreSQL server and do not run")

const url = databaseUrl ?? ""
const schema = uniqueSchema("gap")

type Services = EventStore.EventStore | PostgresEventStore.PostgresEventStore
type Runtime = ManagedRuntime.ManagedRuntime<Services, unknown>

const runtimes: Array<Runtime> = []
const storeWith = (stall: ReadHorizon.StallOptions): Runtime => {
  const made: Runtime = ManagedRuntime.make(Pg.layerPostgres({ connectionString: url, schema, poolSize: 4, stall }))
  runtimes.push(made)
  return made
}
let patient: Runtime
const run = <A, E>(effect: Effect.Effect<A, E, Services>, on: Runtime = patient) => on.runPromise(effect)
const store = Effect.service(PostgresEventStore.PostgresEventStore)

const sessions: Array<pg.Client> = []
const session = async (): Promise<pg.Client> => {
  const client = new pg.Client({ connectionString: url })
  client.on("error", () => {})
  await client.connect()
  sessions.push(client)
  return client
}
const pidOf = async (client: pg.Client) =>
  Number((await client.query<{ pid: number }>("SELECT pg_backend_pid() AS pid")).rows[0]!.pid)

const appendParams = (stream: string, events: ReadonlyArray<EventEnvelope.NewEvent>) => [
  stream,
  events.map((event) => event.eventId),
  events.map((event) => event.type),
  events.map((event) => event.schemaVersion),
  JSON.stringify(events.map((event) => event.data)),
  JSON.stringify(events.map((event) => event.metadata)),
]
const appendSql = () =>
  `SELECT * FROM "${schema}".append($1, 'Any', 0, $2::uuid[], $3::text[], $4::integer[], $5::json, $6::json, false)`

/**
 * The store's ways to append: the single INSERT (its fast path), the same INSERT with an inline
 * update in one statement (`appendInline`: here a row of `gap_inline` per append) and the append
 * function.
 */
type Path = "insert" | "inline" | "function"
const paths: ReadonlyArray<Path> = ["insert", "inline", "function"]
const inlineCtes = () =>
  `noted AS (INSERT INTO "${schema}".gap_inline (stream, version) SELECT $9::text, a.version FROM appended a)`

/**
 * Opens a transaction on `client` that appends `n` events to `stream` through the store's SQL
 * (the fast-path INSERT or the append function) and leaves it open. Returns the first global
 * position it took.
 */
const openAppend = async (client: pg.Client, stream: string, n = 1, path: Path = "function"): Promise<number> => {
  const events = await Effect.runPromise(newEvents(n, "GapHappened"))
  await client.query("BEGIN")
  if (path === "insert" || path === "inline") {
    const statements = Sql.statements(schema)
    const [, ids, types, versions, data, metadata] = appendParams(stream, events)
    const inline = path === "inline" ? [stream] : []
    const result =
      n === 1
        ? await client.query(path === "inline" ? statements.appendOneInline(inlineCtes()) : statements.appendOne, [
            stream,
            "Any",
            0,
            events[0]!.eventId,
            events[0]!.type,
            events[0]!.schemaVersion,
            JSON.stringify(events[0]!.data),
            JSON.stringify(events[0]!.metadata),
            ...inline,
          ])
        : await client.query(path === "inline" ? statements.appendManyInline(inlineCtes()) : statements.appendMany, [
            stream,
            "Any",
            0,
            ids,
            types,
            versions,
            data,
            metadata,
            ...inline,
          ])
    expect(result.rows).toHaveLength(1)
    return Number(result.rows[0]!.global_position)
  }
  const result = await client.query<{ outcome: string; first_position: string }>(
    appendSql(),
    appendParams(stream, events),
  )
  expect(result.rows[0]!.outcome).toBe("written")
  return Number(result.rows[0]!.first_position)
}

const appendOne = (stream: string, expected = ExpectedVersion.any) =>
  Effect.gen(function* () {
    const s = yield* store
    const result = yield* s.append(stream, yield* newEvents(1, "GapHappened"), expected)
    return result.globalPositions[0]!
  })

/** A position at or before every event appended after this call. */
const head = appendOne(`gapMarker-${globalThis.crypto.randomUUID()}`)

const readFrom = (from: number, streams: ReadonlyArray<string>) =>
  Effect.gen(function* () {
    const s = yield* store
    const events = yield* s.readAll({ fromPosition: from, limit: 1000 })
    return events.filter((event) => streams.includes(event.stream))
  })

const freshStream = (category = "gap") => `${category}-${globalThis.crypto.randomUUID()}`

/** A subscriber from checkpoint `from`: catchUp collects the positions of `streams`' events. */
const subscriber = (from: number, streams: ReadonlyArray<string>) => {
  const name = `gap-${globalThis.crypto.randomUUID()}`
  const delivered: Array<number> = []
  const handler = (event: EventEnvelope.RecordedEvent) =>
    Effect.sync(() => {
      if (streams.includes(event.stream)) delivered.push(event.globalPosition)
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

describe.runIf(onServer)("the gap problem on a PostgreSQL server", () => {
  beforeAll(async () => {
    patient = storeWith({ maxStall: "1 hour" })
    await run(Effect.void)
    const admin = await session()
    await admin.query(`CREATE TABLE "${schema}".gap_inline (stream text NOT NULL, version bigint NOT NULL)`)
  })
  afterAll(async () => {
    for (const client of sessions) await client.end().catch(() => {})
    for (const r of runtimes) await r.dispose()
    await dropSchema(url, schema)
  })

  it.each(paths)(
    "a reader stops before an open appender's position (%s) and delivers it after the commit, in order",
    async (path) => {
      const t1 = await session()
      const from = await run(head)
      const [one, two] = [freshStream(), freshStream()]
      const p1 = await openAppend(t1, one, 1, path)
      const p2 = await run(appendOne(two, ExpectedVersion.noStream))
      expect(p2).toBeGreaterThan(p1)

      // The gap is real: another session already sees T2's committed event, but not T1's.
      const other = await session()
      const visible = await other.query(`SELECT global_position FROM "${schema}".events WHERE global_position >= $1`, [
        from,
      ])
      const positions = visible.rows.map((row) => Number(row.global_position))
      expect(positions).toContain(p2)
      expect(positions).not.toContain(p1)

      // The store's reader does not move past p1, and says who holds it.
      const page = await run(Effect.flatMap(store, (s) => s.readAllWithStatus({ fromPosition: from, limit: 1000 })))
      expect(page.events.map((event) => event.globalPosition)).toEqual([from])
      expect(page.status.bound).toBeLessThanOrEqual(p1)
      expect(page.status.blocker?.pid).toBe(await pidOf(t1))
      expect(page.status.blocker?.heldForMillis).toBeGreaterThanOrEqual(0)
      expect(page.status.exceeded).toBe(false)

      // A subscriber polling now keeps its checkpoint before p1.
      const reader = subscriber(from, [one, two])
      expect((await run(reader.catchUp)).position).toBeLessThan(p1)
      expect(reader.delivered).toEqual([])

      await t1.query("COMMIT")
      expect((await run(readFrom(from, [one, two]))).map((event) => event.globalPosition)).toEqual([p1, p2])
      await run(reader.catchUp)
      expect(reader.delivered).toEqual([p1, p2])
      expect((await run(Effect.flatMap(store, (s) => s.stallStatus))).blocker).toBeUndefined()
    },
  )

  it.each(paths)("after the open appender (%s) rolls back, the reader moves on past its position", async (path) => {
    const t1 = await session()
    const from = await run(head)
    const [one, two] = [freshStream(), freshStream()]
    const p1 = await openAppend(t1, one, 3, path)
    const p2 = await run(appendOne(two))
    const reader = subscriber(from, [one, two])
    expect((await run(reader.catchUp)).position).toBeLessThan(p1)
    expect(reader.delivered).toEqual([])
    await t1.query("ROLLBACK")
    await run(reader.catchUp)
    expect(reader.delivered).toEqual([p2])
    expect(await run(readFrom(from, [one]))).toEqual([])
  })

  /**
   * The window a stress run found (issue 20). `pg_locks` reads every backend's fast-path locks, then
   * the shared lock table; a committing transaction leaves the proc array, then drops its fast-path
   * locks (the appender lock on events), then its shared ones (its transaction-id lock). A read that
   * falls between the two drops shows the committing appender holding its id but not the appender
   * lock. These tests replay such a lock read at a chosen moment: the reader's snapshot is taken
   * while T1 is open (REPEATABLE READ keeps it), the lock read is copied as the racing reader saw it,
   * T1 commits, then the store's own read statement runs on that snapshot and that lock read.
   */
  const replays = [
    { observed: "its id lock held, its appender lock already dropped", drop: "appender lock" },
    { observed: "none of its locks", drop: "all" },
  ] as const
  const replayedRead = async (t1: pg.Client, drop: "appender lock" | "all", commitT1: boolean) => {
    const t1Pid = await pidOf(t1)
    const reader = await session()
    await reader.query("BEGIN ISOLATION LEVEL REPEATABLE READ")
    await reader.query("SELECT pg_catalog.pg_current_snapshot()")
    const dropped =
      drop === "all"
        ? `l.pid = ${t1Pid}`
        : `l.pid = ${t1Pid} AND l.locktype = 'relation' AND l.relation = '"${schema}".events'::regclass`
    await reader.query(
      `CREATE TEMPORARY TABLE observed_locks ON COMMIT DROP AS SELECT * FROM pg_catalog.pg_locks l WHERE NOT (${dropped})`,
    )
    if (commitT1) await t1.query("COMMIT")
    const statements = Sql.statements(schema, { locksSource: "pg_temp.observed_locks" })
    const rows = (await reader.query({ text: statements.readAll, values: [0, 100_000], rowMode: "array" }))
      .rows as Array<Array<unknown>>
    await reader.query("COMMIT")
    const header = rows.find((row) => row[0] === null)!
    return { bound: Number(header[1]), positions: rows.filter((row) => row[0] !== null).map((row) => Number(row[0])) }
  }

  describe.each(paths)("a lock read replayed at a chosen moment (%s)", (path) => {
    it.each(replays)("an appender committing while the lock read shows $observed is not passed", async ({ drop }) => {
      const t1 = await session()
      const [one, two] = [freshStream(), freshStream()]
      const p1 = await openAppend(t1, one, 3, path)
      const p2 = await run(appendOne(two, ExpectedVersion.noStream))
      const read = await replayedRead(t1, drop, true)
      // T1 was open in the snapshot, so its events are not in this page; nothing after them may be.
      expect(read.positions).not.toContain(p1)
      expect(read.positions).not.toContain(p2)
      expect(read.bound).toBeLessThanOrEqual(p1)
      expect((await run(readFrom(p1, [one, two]))).map((event) => event.globalPosition)).toEqual([
        p1,
        p1 + 1,
        p1 + 2,
        p2,
      ])
    })

    it("a transaction still open and without the appender lock in the lock read holds nothing back", async () => {
      const unrelated = await session()
      await unrelated.query("BEGIN")
      await unrelated.query("CREATE TEMPORARY TABLE busy (n int)")
      await unrelated.query("INSERT INTO busy VALUES (1)")
      const p = await run(appendOne(freshStream()))
      const read = await replayedRead(unrelated, "appender lock", false)
      expect(read.positions).toContain(p)
      expect(read.bound).toBeGreaterThan(p)
      await unrelated.query("ROLLBACK")
    })
  })

  it("appends to one stream wait for each other, so the global order keeps the stream's order", async () => {
    const t1 = await session()
    const t1Pid = (await t1.query("SELECT pg_catalog.pg_backend_pid() AS pid")).rows[0].pid as number
    const from = await run(head)
    const stream = freshStream()
    const p1 = await openAppend(t1, stream)
    // T2 appends to the same stream: it waits for T1's stream lock before it takes its position.
    const second = patient.runPromise(appendOne(stream, ExpectedVersion.exact(1)))
    const waiting = await session()
    // T2 is blocked on T1's stream lock: wait until the server shows a session waiting for an
    // advisory lock that T1 holds (not any session's wait: other test files share the server).
    for (;;) {
      const rows = await waiting.query(
        `SELECT count(*)::int AS n FROM pg_catalog.pg_locks l
          WHERE l.locktype = 'advisory' AND NOT l.granted AND l.objsubid = 1
            AND $1::int = ANY (pg_catalog.pg_blocking_pids(l.pid))`,
        [t1Pid],
      )
      if (rows.rows[0]!.n > 0) break
      await new Promise((resolve) => setTimeout(resolve, 5))
    }
    await t1.query("COMMIT")
    const p2 = await second
    expect(p2).toBeGreaterThan(p1)
    const events = await run(readFrom(from, [stream]))
    expect(events.map((event) => [event.streamVersion, event.globalPosition])).toEqual([
      [1, p1],
      [2, p2],
    ])
  })

  it("a long-running transaction that never appends holds nothing back", async () => {
    const unrelated = await session()
    await unrelated.query("BEGIN")
    await unrelated.query("CREATE TEMPORARY TABLE busy (n int)")
    await unrelated.query("INSERT INTO busy VALUES (1)")
    const xid = (await unrelated.query("SELECT pg_current_xact_id()::text AS xid")).rows[0]!.xid as string
    const from = await run(head)
    const stream = freshStream()
    const p = await run(appendOne(stream))
    // A horizon at the oldest open transaction (xmin) would be held back by it:
    const other = await session()
    const xmin = (await other.query("SELECT pg_snapshot_xmin(pg_current_snapshot())::text AS xmin")).rows[0]!
      .xmin as string
    expect(BigInt(xmin)).toBeLessThanOrEqual(BigInt(xid))
    // The store's horizon is not.
    const page = await run(Effect.flatMap(store, (s) => s.readAllWithStatus({ fromPosition: from, limit: 1000 })))
    expect(page.events.map((event) => event.globalPosition)).toContain(p)
    expect(page.status.blocker).toBeUndefined()
    // And it may not turn into an appender later: an append must be its transaction's first write.
    const late = await unrelated
      .query(appendSql(), appendParams(freshStream(), await Effect.runPromise(newEvents(1))))
      .then(
        () => "appended",
        (error: { code?: string }) => error.code,
      )
    expect(late).toBe("YC001")
    await unrelated.query("ROLLBACK")
  })

  it("the stall limit with onExceeded 'fail': reads fail loudly while the appender is stuck, then resume", async () => {
    const strict = storeWith({ maxStall: 0, onExceeded: "fail" })
    const t1 = await session()
    const from = await run(head)
    const [one, two] = [freshStream(), freshStream()]
    const p1 = await openAppend(t1, one)
    const p2 = await run(appendOne(two))
    const exit = await strict.runPromiseExit(readFrom(from, [one, two]))
    expect(Exit.isFailure(exit)).toBe(true)
    const error = Exit.isFailure(exit) ? exit.cause.reasons.find((reason) => reason._tag === "Fail") : undefined
    expect(error?._tag === "Fail" && error.error).toMatchObject({
      _tag: "StoreUnavailable",
      operation: "readAll",
      cause: { _tag: "AppendStalled", action: "fail", maxStallMillis: 0, blocker: { pid: await pidOf(t1) } },
    })
    const status = await run(
      Effect.flatMap(store, (s) => s.stallStatus),
      strict,
    )
    expect(status.exceeded).toBe(true)
    expect(status.blocker?.since).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/)
    await t1.query("COMMIT")
    const events = await run(readFrom(from, [one, two]), strict)
    expect(events.map((event) => event.globalPosition)).toEqual([p1, p2])
  })

  it("the stall limit with onExceeded 'terminate': the stuck appender is rolled back and reads go on", async () => {
    const impatient = storeWith({ maxStall: 0, onExceeded: "terminate" })
    const t1 = await session()
    const from = await run(head)
    const [one, two] = [freshStream(), freshStream()]
    await openAppend(t1, one)
    const p2 = await run(appendOne(two))
    const events = await run(readFrom(from, [one, two]), impatient)
    expect(events.map((event) => event.globalPosition)).toEqual([p2])
    // The appender's session is gone and its transaction did not commit.
    const commit = await t1.query("COMMIT").then(
      () => "committed",
      () => "failed",
    )
    expect(commit).toBe("failed")
    expect(await run(readFrom(from, [one]))).toEqual([])
  })

  /**
   * Transactions that each append to their own stream open, commit or roll back in a random
   * interleaving, with appends through the store committing in between; a subscriber catches up
   * after every step. In the end it has delivered exactly the committed events, each once, in
   * position order: it never skipped an event whose transaction committed after a later one.
   */
  const step = fc.oneof(
    { weight: 3, arbitrary: fc.record({ kind: fc.constant("advance" as const), tx: fc.nat(3) }) },
    {
      weight: 1,
      arbitrary: fc.record({ kind: fc.constant("storeAppend" as const), size: fc.integer({ min: 1, max: 2 }) }),
    },
  )
  const transactions = fc.array(
    fc.record({ size: fc.integer({ min: 1, max: 3 }), commits: fc.boolean(), path: fc.constantFrom(...paths) }),
    { minLength: 2, maxLength: 4 },
  )
  const propertySessions: Array<pg.Client> = []
  const propertySession = async (i: number) => {
    propertySessions[i] ??= await session()
    return propertySessions[i]!
  }
  const stats = { runs: 0, outOfOrderCommits: 0, rollbacks: 0 }
  afterAll(() => {
    console.log(
      `interleavings: ${stats.runs} runs, ${stats.outOfOrderCommits} with a later position committed first, ${stats.rollbacks} rollbacks`,
    )
  })

  test.prop([transactions, fc.array(step, { minLength: 4, maxLength: 14 })], { numRuns: 20 })(
    "in any interleaving of open, commit and rollback, the subscriber delivers every committed event once, in order",
    async (specs, steps) => {
      stats.runs++
      const clients = await Promise.all(specs.map((_, i) => propertySession(i)))
      const from = await run(head)
      const streams = specs.map(() => freshStream("interleave"))
      const storeStreams: Array<string> = []
      const watched = [...streams]
      const reader = subscriber(from, watched)
      // 0: not started, 1: open, 2: ended
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
          } else stats.rollbacks++
        }
        phase[i] = Math.min(phase[i]! + 1, 2)
      }
      for (const s of steps) {
        if (s.kind === "advance") {
          if (s.tx < specs.length) await advance(s.tx)
        } else {
          const stream = freshStream("interleaveStore")
          storeStreams.push(stream)
          watched.push(stream)
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
      const sorted = [...committed].sort((a, b) => a - b)
      expect(reader.delivered).toEqual(sorted)
      const events = await run(readFrom(from, streams.concat(storeStreams)))
      expect(EventOrder.isConsistent(events)).toBe(true)
    },
  )
})
