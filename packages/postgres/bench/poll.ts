/**
 * The cost of one poll: `readAll` at the head (nothing new), with and without open appenders,
 * against the same query without the horizon; and the cost of the horizon's status check (a
 * transaction that looks like a non-appender is passed over only while `pg_xact_status` says it
 * is in progress) with open non-appending transactions, against the same statement without that
 * check, in alternating rounds. Prints microseconds per poll.
 */
import { performance } from "node:perf_hooks"
import { EventEnvelope } from "@yiciban/eventstore"
import { Effect } from "effect"
import pg from "pg"
import * as Sql from "../src/internal/sql.ts"
import * as Pg from "../src/pg.ts"

const url = process.env.DATABASE_URL || "postgres://postgres@127.0.0.1:5432/test"
const schema = `bench_poll_${process.pid}`
const pool = new pg.Pool({ connectionString: url, max: 4 })
const polls = 3000
const perPoll = async (poll: () => Promise<unknown>) => {
  for (let i = 0; i < 200; i++) await poll()
  const start = performance.now()
  for (let i = 0; i < polls; i++) await poll()
  return ((performance.now() - start) / polls) * 1000
}
try {
  await Effect.runPromise(
    Effect.scoped(
      Effect.gen(function* () {
        const store = yield* Pg.makePostgres({ pool, schema })
        const head = Number.MAX_SAFE_INTEGER - 1
        const plain = `SELECT global_position FROM "${schema}".events WHERE global_position >= $1 ORDER BY global_position LIMIT 100`
        const report = (label: string, us: number) => console.log(`${label.padEnd(58)} ${us.toFixed(0).padStart(5)} µs`)
        yield* Effect.promise(async () => {
          report(
            "plain keyset query, no horizon",
            await perPoll(() => pool.query({ name: "plain", text: plain, values: [head] })),
          )
          report(
            "readAll at the head, no open appender",
            await perPoll(() => Effect.runPromise(store.readAll({ fromPosition: head, limit: 100 }))),
          )
          // 20 idle sessions and 3 open appending transactions
          const idle = await Promise.all(
            Array.from({ length: 20 }, async () => {
              const c = new pg.Client({ connectionString: url })
              await c.connect()
              return c
            }),
          )
          const appenders = idle.slice(0, 3)
          for (const [i, c] of appenders.entries()) {
            await c.query("BEGIN")
            await c.query(
              `SELECT * FROM "${schema}".append($1, 'Any', 0, $2::uuid[], '{T}', '{1}', '[{}]', '[{}]', false)`,
              [`poll-${i}`, `{${globalThis.crypto.randomUUID()}}`],
            )
          }
          // a later append commits, so the open ones are in every reader's snapshot
          const eventId = await Effect.runPromise(EventEnvelope.makeEventId)
          const metadata = {
            commandId: "c",
            correlationId: "c",
            causationId: "c",
            actor: { id: "a", roles: ["system" as const] },
            occurredAt: "2026-09-24T01:30:00.000Z",
          }
          await Effect.runPromise(
            Effect.asVoid(
              store.append("poll-later", [{ eventId, type: "T", schemaVersion: 1, data: {}, metadata }], {
                _tag: "Any",
              }),
            ),
          )
          const status = await Effect.runPromise(store.stallStatus)
          if (status.blocker === undefined) throw new Error("the open appenders should hold the horizon")
          report(
            "readAll at the head, 3 open appenders, 20 sessions",
            await perPoll(() => Effect.runPromise(store.readAll({ fromPosition: head, limit: 100 }))),
          )
          report("stallStatus", await perPoll(() => Effect.runPromise(store.stallStatus)))
          for (const c of appenders) await c.query("ROLLBACK")
          // 5 open transactions that write elsewhere: each is in every snapshot's xip and holds its
          // id lock but no appender lock, so the horizon asks pg_xact_status about each.
          for (const c of idle.slice(3, 8)) {
            await c.query("BEGIN")
            await c.query("CREATE TEMPORARY TABLE busy (n int)")
          }
          const withCheck = Sql.statements(schema).readAll
          const statusCheck =
            /\n\s+OR CASE WHEN \(SELECT count\(\*\) FROM locks\) >= 0 THEN pg_catalog\.pg_xact_status\(x\.id\) END\n\s+IS DISTINCT FROM 'in progress'/
          if (!statusCheck.test(withCheck)) throw new Error("the horizon's status check was not found")
          const withoutCheck = withCheck.replace(statusCheck, "")
          const rounds = { with: [] as Array<number>, without: [] as Array<number> }
          for (let round = 0; round < 6; round++) {
            rounds.with.push(
              await perPoll(() => pool.query({ name: "with", text: withCheck, values: [head, 100], rowMode: "array" })),
            )
            rounds.without.push(
              await perPoll(() =>
                pool.query({ name: "without", text: withoutCheck, values: [head, 100], rowMode: "array" }),
              ),
            )
          }
          const median = (xs: Array<number>) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!
          report("read statement, 5 open non-appenders, with status check", median(rounds.with))
          report("read statement, 5 open non-appenders, without (unsafe)", median(rounds.without))
          console.log(`status check cost ratio: ${(median(rounds.with) / median(rounds.without)).toFixed(2)}×`)
          // A global read (W5's shape) of 50,000 events in pages of 1,000, with the 5 non-appenders
          // still open, through both statements in alternating rounds.
          const filler = await Effect.runPromise(
            Effect.forEach(Array.from({ length: 50_000 }), () => EventEnvelope.makeEventId),
          )
          for (let i = 0; i < filler.length; i += 1000) {
            await Effect.runPromise(
              Effect.asVoid(
                store.append(
                  `poll-fill-${i}`,
                  filler
                    .slice(i, i + 1000)
                    .map((id) => ({ eventId: id, type: "T", schemaVersion: 1, data: {}, metadata })),
                  { _tag: "NoStream" },
                ),
              ),
            )
          }
          const readAll = async (name: string, text: string) => {
            const started = performance.now()
            let from = 0
            let count = 0
            for (;;) {
              const rows = (await pool.query({ name, text, values: [from, 1000], rowMode: "array" })).rows.filter(
                (row: Array<unknown>) => row[0] !== null,
              )
              count += rows.length
              if (rows.length < 1000) break
              from = Number(rows.at(-1)?.[0]) + 1
            }
            return count / ((performance.now() - started) / 1000)
          }
          const w5 = { with: [] as Array<number>, without: [] as Array<number> }
          for (let round = 0; round < 5; round++) {
            w5.with.push(await readAll("w5with", withCheck))
            w5.without.push(await readAll("w5without", withoutCheck))
          }
          console.log(
            `global read of 50,000 events: with status check ${median(w5.with).toFixed(0)} ev/s, without ${median(w5.without).toFixed(0)} ev/s: ${(median(w5.with) / median(w5.without)).toFixed(2)}×`,
          )
          for (const c of idle.slice(3, 8)) await c.query("ROLLBACK")
          for (const c of idle) await c.end()
        })
      }),
    ),
  )
} finally {
  await pool.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`)
  await pool.end()
}
