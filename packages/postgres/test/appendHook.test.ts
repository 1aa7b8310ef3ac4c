/**
 * `appendWith`: SQL in the append's own transaction (the seam for inline projections).
 */
import { ExpectedVersion } from "@yiciban/eventstore"
import { newEvents } from "@yiciban/eventstore/testing"
import { Deferred, Effect, Exit, Fiber, ManagedRuntime } from "effect"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { PostgresEventStore, type SqlClient } from "../src/index.ts"
import { engines, type Services } from "./support.ts"

const failureOf = <A, E>(exit: Exit.Exit<A, E>) =>
  Exit.isFailure(exit) ? exit.cause.reasons.find((reason) => reason._tag === "Fail")?.error : undefined

const store = Effect.service(PostgresEventStore.PostgresEventStore)
const fresh = (category = "hook") => `${category}-${globalThis.crypto.randomUUID()}`

for (const engine of engines("hook")) {
  describe(`append hooks on ${engine.name}`, () => {
    let runtime: ManagedRuntime.ManagedRuntime<Services, unknown>
    const caseList = `"${engine.schema}".case_list`
    beforeAll(async () => {
      runtime = ManagedRuntime.make(engine.layer())
      await runtime.runPromise(
        Effect.flatMap(store, (s) =>
          s.sql.script(
            `CREATE TABLE ${caseList} (stream text PRIMARY KEY, version bigint NOT NULL, last bigint NOT NULL)`,
          ),
        ),
      )
    })
    afterAll(async () => {
      await runtime.dispose()
      await engine.cleanup()
    })

    const project = (sql: SqlClient.SqlClient, appended: PostgresEventStore.AppendedEvents) =>
      Effect.asVoid(
        sql.query(
          `INSERT INTO ${caseList} (stream, version, last) VALUES ($1, $2, $3)
           ON CONFLICT (stream) DO UPDATE SET version = excluded.version, last = excluded.last`,
          [appended.stream, appended.streamVersion, appended.events.at(-1)!.globalPosition],
        ),
      )
    const row = async (stream: string) =>
      (await engine.query(`SELECT version, last FROM ${caseList} WHERE stream = $1`, [stream])).map((r) => ({
        version: Number(r.version),
        last: Number(r.last),
      }))

    it("the hook's writes commit with the events, and it sees their versions and positions", async () => {
      const stream = fresh()
      const seen: Array<PostgresEventStore.AppendedEvents> = []
      const result = await runtime.runPromise(
        Effect.gen(function* () {
          const s = yield* store
          const hook = (sql: SqlClient.SqlClient, appended: PostgresEventStore.AppendedEvents) =>
            Effect.andThen(
              Effect.sync(() => seen.push(appended)),
              project(sql, appended),
            )
          yield* s.appendWith(stream, yield* newEvents(2), ExpectedVersion.noStream, hook)
          return yield* s.appendWith(stream, yield* newEvents(3), ExpectedVersion.exact(2), hook)
        }),
      )
      expect(result.streamVersion).toBe(5)
      expect(seen.map((a) => a.events.map((e) => e.streamVersion))).toEqual([
        [1, 2],
        [3, 4, 5],
      ])
      expect(seen[1]!.events.map((e) => e.globalPosition)).toEqual(result.globalPositions)
      expect(await row(stream)).toEqual([{ version: 5, last: result.globalPositions[2]! }])
    })

    it("a failing hook rolls the append back: no events, no read-model row, the hook's error", async () => {
      const stream = fresh()
      const exit = await runtime.runPromiseExit(
        Effect.gen(function* () {
          const s = yield* store
          return yield* s.appendWith(stream, yield* newEvents(2), ExpectedVersion.any, (sql, appended) =>
            Effect.andThen(project(sql, appended), Effect.fail({ _tag: "ProjectionRefused" as const })),
          )
        }),
      )
      expect(failureOf(exit)).toEqual({ _tag: "ProjectionRefused" })
      expect(await row(stream)).toEqual([])
      expect(await runtime.runPromise(Effect.flatMap(store, (s) => s.readStream(stream)))).toEqual([])
    })

    it("the hook does not run when nothing is written (idempotent re-append, conflict)", async () => {
      const stream = fresh()
      let calls = 0
      const hook = () =>
        Effect.sync(() => {
          calls++
        })
      const exit = await runtime.runPromiseExit(
        Effect.gen(function* () {
          const s = yield* store
          const batch = yield* newEvents(2)
          const first = yield* s.appendWith(stream, batch, ExpectedVersion.noStream, hook)
          expect(yield* s.appendWith(stream, batch, ExpectedVersion.noStream, hook)).toEqual(first)
          return yield* s.appendWith(stream, yield* newEvents(1), ExpectedVersion.noStream, hook)
        }),
      )
      expect(failureOf(exit)).toMatchObject({ _tag: "VersionConflict", actual: 2 })
      expect(calls).toBe(1)
    })

    // Needs two sessions at once: the server only.
    if (engine.name === "server")
      it("while a hook runs, readers do not see the append; an id clash at write time becomes DuplicateEventId", async () => {
        const [one, two] = [fresh("clash"), fresh("clash")]
        const outcome = await runtime.runPromise(
          Effect.gen(function* () {
            const s = yield* store
            const from = (yield* s.append(fresh("marker"), yield* newEvents(1), ExpectedVersion.any))
              .globalPositions[0]!
            const batch = yield* newEvents(2)
            const inHook = yield* Deferred.make<number>()
            const release = yield* Deferred.make<void>()
            const first = yield* Effect.forkChild(
              s.appendWith(one, batch, ExpectedVersion.any, (_, appended) =>
                Effect.andThen(Deferred.succeed(inHook, appended.events[0]!.globalPosition), Deferred.await(release)),
              ),
            )
            const position = yield* Deferred.await(inHook)
            // A later append commits while the first is still in its hook: readers stop before the
            // first's position, so they do not return the later one either, and name the blocker.
            const later = fresh("later")
            yield* s.append(later, yield* newEvents(1), ExpectedVersion.any)
            const during = yield* s.readAllWithStatus({ fromPosition: from, limit: 100 })
            expect(during.events.map((e) => e.stream)).not.toContain(one)
            expect(during.events.map((e) => e.stream)).not.toContain(later)
            expect(during.status.bound).toBeLessThanOrEqual(position)
            expect(during.status.blocker).toBeDefined()
            // The same ids to another stream: the lookup does not see the uncommitted rows, the
            // insert waits on the unique index, then fails once the first commits, and is re-planned.
            const second = yield* Effect.forkChild(Effect.exit(s.append(two, batch, ExpectedVersion.any)))
            while (true) {
              // The insert's text can be longer than pg_stat_activity keeps (1 kB by default), so
              // the wait is recognised by the schema's events table near the start of the text.
              const waiting = yield* s.sql.query<{ n: number }>(
                "SELECT count(*)::int AS n FROM pg_stat_activity WHERE wait_event_type = 'Lock' AND wait_event = 'transactionid' AND query LIKE $1 AND datname = current_database()",
                [`%"${engine.schema}".events%`],
              )
              if (waiting[0]!.n > 0) break
              yield* Effect.sleep("5 millis")
            }
            yield* Deferred.succeed(release, undefined)
            yield* Fiber.join(first)
            return { second: yield* Fiber.join(second), after: yield* s.readAll({ fromPosition: from, limit: 100 }) }
          }),
        )
        expect(failureOf(outcome.second)).toMatchObject({ _tag: "DuplicateEventId", reason: "StoredInAnotherStream" })
        expect(outcome.after.filter((e) => e.stream === one)).toHaveLength(2)
        expect(outcome.after.filter((e) => e.stream === two)).toHaveLength(0)
      })
  })
}
