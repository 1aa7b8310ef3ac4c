import { createHash } from "node:crypto"
import { ExpectedVersion } from "@yiciban/eventstore"
import { newEvents } from "@yiciban/eventstore/testing"
import { Effect, Exit, Layer, ManagedRuntime } from "effect"
import { afterAll, describe, expect, it } from "vitest"
import { Migrations, PostgresEventStore, type SqlClient } from "../src/index.ts"
import * as Sql from "../src/internal/sql.ts"
import * as TablesScript from "../src/internal/tablesScript.ts"
import * as Pg from "../src/pg.ts"
import * as Pglite from "../src/pglite.ts"
import { databaseUrl, engines, temporaryDataDir, uniqueSchema } from "./support.ts"

for (const engine of engines("migrations")) {
  describe(`migrations on ${engine.name}`, () => {
    afterAll(engine.cleanup)

    const applied = async (schema: string) =>
      (await engine.query(`SELECT version, name FROM "${schema}".migrations ORDER BY version`)).map((row) =>
        Number(row.version),
      )

    it("a fresh schema gets every migration once; starting again applies none", async () => {
      const schema = uniqueSchema("fresh")
      const build = () => ManagedRuntime.make(engine.layer({ schema }))
      const first = build()
      await first.runPromise(Effect.void)
      await first.dispose()
      expect(await applied(schema)).toEqual(Migrations.known.map((m) => m.version))
      const second = build()
      await second.runPromise(Effect.void)
      await second.dispose()
      expect(await applied(schema)).toEqual(Migrations.known.map((m) => m.version))
      const tables = await engine.query(
        "SELECT table_name FROM information_schema.tables WHERE table_schema = $1 ORDER BY table_name",
        [schema],
      )
      expect(tables.map((row) => row.table_name)).toEqual([
        "anchors",
        "checkpoints",
        "events",
        "migrations",
        "snapshots",
      ])
    })

    it("several stores starting at once on a fresh schema apply each migration exactly once", async () => {
      const schema = uniqueSchema("race")
      const runtimes = Array.from({ length: 4 }, () => ManagedRuntime.make(engine.layer({ schema })))
      await Promise.all(runtimes.map((runtime) => runtime.runPromise(Effect.void)))
      expect(await applied(schema)).toEqual(Migrations.known.map((m) => m.version))
      // and every one of them works
      const stream = `race-${globalThis.crypto.randomUUID()}`
      const results = await Promise.all(
        runtimes.map((runtime) =>
          runtime.runPromise(
            Effect.gen(function* () {
              const store = yield* PostgresEventStore.PostgresEventStore
              return yield* store.append(stream, yield* newEvents(1), ExpectedVersion.any)
            }),
          ),
        ),
      )
      expect(results.map((result) => result.streamVersion).sort()).toEqual([1, 2, 3, 4])
      for (const runtime of runtimes) await runtime.dispose()
    })

    it("a malformed schema name is a MigrationError and creates nothing", async () => {
      for (const schema of ["", "Upper", "has space", 'quote"d', "1digit", "x".repeat(64), "semi;colon"]) {
        const exit = await Effect.runPromiseExit(Layer.build(engine.layer({ schema })).pipe(Effect.scoped))
        expect(Exit.isFailure(exit)).toBe(true)
        expect(JSON.stringify(exit)).toContain("MigrationError")
      }
      const schemas = await engine.query(
        "SELECT nspname FROM pg_namespace WHERE nspname ILIKE 'upper' OR nspname LIKE '%space%'",
      )
      expect(schemas).toEqual([])
    })

    /** The store's client, recording every statement and transaction it is asked for. */
    const recording = (sql: SqlClient.SqlClient, log: Array<string>): SqlClient.SqlClient => {
      const record = (what: string) => Effect.sync(() => log.push(what))
      return {
        ...sql,
        query: <A extends SqlClient.Row>(text: string, params?: ReadonlyArray<unknown>, name?: string) =>
          Effect.andThen(record(text), sql.query<A>(text, params, name)),
        values: (text, params, name) => Effect.andThen(record(text), sql.values(text, params, name)),
        script: (text) => Effect.andThen(record(text), sql.script(text)),
        transaction: (body) => Effect.andThen(record("transaction"), sql.transaction(body)),
      }
    }

    it("a schema already current is recognised by one statement, without a transaction", async () => {
      const schema = uniqueSchema("current")
      const runtime = ManagedRuntime.make(engine.layer({ schema }))
      const log: Array<string> = []
      const report = await runtime.runPromise(
        Effect.gen(function* () {
          const store = yield* PostgresEventStore.PostgresEventStore
          return yield* Migrations.migrate(recording(store.sql, log), schema)
        }),
      )
      await runtime.dispose()
      expect(report).toEqual({ schema, applied: [], version: Migrations.latestVersion })
      expect(log).toHaveLength(1)
      expect(log[0]).toMatch(/^SELECT /)
    })

    it("the read models' tables: created and marked once; marked by this script, one statement; another script or no mark, the script runs again", async () => {
      const schema = uniqueSchema("tables")
      const runtime = ManagedRuntime.make(engine.layer({ schema }))
      const table = `"${schema}".rt_probe`
      const script = (extra: string) =>
        `CREATE TABLE IF NOT EXISTS ${table} (id text PRIMARY KEY, n integer NOT NULL);${extra}`
      const indexes = async () =>
        (await engine.query("SELECT indexname FROM pg_indexes WHERE schemaname = $1 ORDER BY indexname", [schema]))
          .map((row) => row.indexname)
          .filter((name) => String(name).startsWith("rt_probe"))
      const ensure = (log: Array<string>, text: string) =>
        runtime.runPromise(
          Effect.gen(function* () {
            const store = yield* PostgresEventStore.PostgresEventStore
            yield* TablesScript.ensure(recording(store.sql, log), {
              name: "probe",
              schema,
              table,
              lockKey: `probe:${schema}`,
              script: text,
            })
          }),
        )
      const first: Array<string> = []
      await ensure(first, script(""))
      expect(first).toContain("transaction")
      const mark = await engine.query(`SELECT obj_description('${table}'::regclass, 'pg_class') AS mark`)
      expect(mark[0]?.mark).toBe(TablesScript.markOf("probe", script(""), schema))
      const again: Array<string> = []
      await ensure(again, script(""))
      expect(again).toHaveLength(1)
      expect(again[0]).toMatch(/^SELECT /)
      // a build whose script adds an index runs it, though the table is there
      const withIndex = script(`\nCREATE INDEX IF NOT EXISTS rt_probe_n ON ${table} (n)`)
      const changed: Array<string> = []
      await ensure(changed, withIndex)
      expect(changed).toContain("transaction")
      expect(await indexes()).toEqual(["rt_probe_n", "rt_probe_pkey"])
      // a table without the mark (made by a build before the marks) gets the script
      await engine.query(`COMMENT ON TABLE ${table} IS NULL`)
      await engine.query(`DROP INDEX "${schema}".rt_probe_n`)
      const unmarked: Array<string> = []
      await ensure(unmarked, withIndex)
      expect(unmarked).toContain("transaction")
      expect(await indexes()).toEqual(["rt_probe_n", "rt_probe_pkey"])
      await runtime.dispose()
    })

    it("a schema that lacks the newest migration gets it (the one-statement check does not skip it)", async () => {
      const schema = uniqueSchema("behind")
      engine.layer({ schema }) // named, so that cleanup drops it; not built
      const runtime = ManagedRuntime.make(engine.layer())
      const report = await runtime.runPromise(
        Effect.gen(function* () {
          const store = yield* PostgresEventStore.PostgresEventStore
          // An older build's schema: every migration but the last applied, by hand.
          yield* store.sql.script(`CREATE SCHEMA "${schema}"; CREATE TABLE "${schema}".migrations (
            version integer NOT NULL PRIMARY KEY, name text NOT NULL, applied_at timestamptz NOT NULL DEFAULT now())`)
          for (const migration of Sql.migrations(schema).slice(0, -1)) {
            yield* store.sql.script(migration.sql)
            yield* store.sql.query(`INSERT INTO "${schema}".migrations (version, name) VALUES ($1, $2)`, [
              migration.version,
              migration.name,
            ])
          }
          return yield* Migrations.migrate(store.sql, schema)
        }),
      )
      await runtime.dispose()
      expect(report.applied).toEqual([Migrations.latestVersion])
      expect(await applied(schema)).toEqual(Migrations.known.map((m) => m.version))
    })

    it("a schema newer than this build is refused", async () => {
      const schema = uniqueSchema("newer")
      const runtime = ManagedRuntime.make(engine.layer({ schema }))
      await runtime.runPromise(Effect.void)
      await runtime.dispose()
      await engine.query(`INSERT INTO "${schema}".migrations (version, name) VALUES ($1, 'from the future')`, [
        Migrations.latestVersion + 1,
      ])
      const exit = await Effect.runPromiseExit(Layer.build(engine.layer({ schema })).pipe(Effect.scoped))
      expect(Exit.isFailure(exit)).toBe(true)
      expect(JSON.stringify(exit)).toContain("newer than this build knows")
    })
  })
}

describe("PGlite in a folder", () => {
  it("keeps events, checkpoints and snapshots across a close and a reopen, and migrates once", async () => {
    const dataDir = temporaryDataDir()
    try {
      const stream = `folder-${globalThis.crypto.randomUUID()}`
      const open = () => ManagedRuntime.make(Pglite.layerPglite({ dataDir: dataDir.path }))
      const first = open()
      const written = await first.runPromise(
        Effect.gen(function* () {
          const store = yield* PostgresEventStore.PostgresEventStore
          const result = yield* store.append(stream, yield* newEvents(3), ExpectedVersion.noStream)
          yield* store.saveCheckpoint("folder", result.globalPositions[2]!)
          yield* store.saveSnapshot(stream, { version: 2, schemaVersion: 1, state: { n: 2 } })
          return result
        }),
      )
      await first.dispose()
      const second = open()
      const reread = await second.runPromise(
        Effect.gen(function* () {
          const store = yield* PostgresEventStore.PostgresEventStore
          return {
            events: yield* store.readStream(stream),
            checkpoint: yield* store.loadCheckpoint("folder"),
            snapshot: yield* store.loadSnapshot(stream),
            migrations: yield* store.sql.query("SELECT version FROM yiciban.migrations"),
          }
        }),
      )
      await second.dispose()
      expect(reread.events.map((event) => event.globalPosition)).toEqual(written.globalPositions)
      expect(reread.checkpoint).toBe(written.globalPositions[2])
      expect(reread.snapshot).toMatchObject({ _tag: "Some", value: { version: 2, state: { n: 2 } } })
      expect(reread.migrations).toHaveLength(Migrations.known.length)
    } finally {
      dataDir.remove()
    }
  })
})

describe("shipped migrations", () => {
  // A database that applied a migration never applies it again, so changing a shipped one would
  // leave old and new databases different. Add the next migration instead; only then add its
  // digest here.
  it("never change: each migration's SQL has the digest it shipped with", () => {
    const digests = Sql.migrations("yiciban").map((m) => [m.version, createHash("sha256").update(m.sql).digest("hex")])
    expect(digests).toEqual([
      [1, "22d6f15e8d8dcc317afc57208a1e7b0a873ef18f70a96fdcf92b26ed9bdbc570"],
      [2, "e00e7fec23aed7b92a13beba2b8c0e22aba88b21994ebb6def0c20e2f528f7a7"],
      [3, "b328593a523fc408d554d810cc70f4341cf63ee84f3d5539bf2a85087c7b374b"],
      [4, "34a92bb8c37f0a6ff680942dffdf8bf88bcc9ee463cfa45f74e8c40e99738d34"],
    ])
  })
})

describe("a server that cannot be reached or a database that does not exist", () => {
  const failureOf = async (connectionString: string) => {
    const exit = await Effect.runPromiseExit(
      Effect.scoped(Pg.makePostgres({ connectionString, schema: uniqueSchema("unreachable") })),
    )
    expect(Exit.isFailure(exit)).toBe(true)
    const reason = Exit.isFailure(exit) ? exit.cause.reasons.find((r) => r._tag === "Fail") : undefined
    return (reason as { error: Error & { _tag: string } } | undefined)?.error
  }

  it("nothing listening: MigrationError with a message that says so", async () => {
    const error = await failureOf("postgres://postgres@localhost:1/test")
    expect(error?._tag).toBe("MigrationError")
    expect(error?.message).toMatch(/^schema unreachable_\w+: migration failed: .*ECONNREFUSED/)
  })

  it.runIf(databaseUrl !== undefined)("a database that does not exist: the server's own words", async () => {
    const url = new URL(databaseUrl!)
    url.pathname = "/no_such_database_yiciban"
    const error = await failureOf(url.toString())
    expect(error?._tag).toBe("MigrationError")
    expect(error?.message).toMatch(/database "no_such_database_yiciban" does not exist/)
  })
})
