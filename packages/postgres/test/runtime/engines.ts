/**
 * The SQL engines the integration tests run on: PGlite in a temporary folder (always) and the
 * PostgreSQL server named by DATABASE_URL (when set; otherwise skipped with a log line). Each run
 * uses a fresh schema, dropped afterwards.
 */
import { mkdtempSync, rmSync } from "node:fs"
import { tmpdir } from "node:os"
import { join } from "node:path"
import type { PGlite } from "@electric-sql/pglite"
import { Effect, type Exit, Layer, ManagedRuntime } from "effect"
import { TestClock } from "effect/testing"
import pg from "pg"
import { morningOf } from "../../../runtime/test/fixtures.ts"
import type * as PostgresRuntimeStore from "../../src/PostgresRuntimeStore.ts"
import * as Pg from "../../src/pg.ts"
import * as Pglite from "../../src/pglite.ts"
import { createPglite } from "../support.ts"

export const databaseUrl: string | undefined = process.env.DATABASE_URL || undefined

const uniqueSchema = (prefix: string) =>
  `${prefix}_${process.pid}_${globalThis.crypto.randomUUID().replaceAll("-", "").slice(0, 10)}`

type Services = PostgresRuntimeStore.Services | TestClock.TestClock

/** One app node: a runtime over the engine's database, with its own TestClock. */
export interface Node {
  readonly on: <A, E>(day: string, effect: Effect.Effect<A, E, PostgresRuntimeStore.Services>) => Promise<A>
  readonly exit: <A, E>(
    day: string,
    effect: Effect.Effect<A, E, PostgresRuntimeStore.Services>,
  ) => Promise<Exit.Exit<A, E>>
  readonly dispose: () => Promise<void>
}

/** A store in one schema of the engine's database. */
export interface Store {
  /** A new app node on the store. */
  readonly node: () => Node
  /** Every row of every table in the store's schema, as text (`row_to_json`), table by table. */
  readonly dump: () => Promise<ReadonlyArray<{ readonly table: string; readonly rows: ReadonlyArray<string> }>>
}

export interface Engine extends Store {
  readonly name: "pglite" | "server"
  /** Another store on the same database, in a new schema of its own (dropped by `cleanup`). */
  readonly fresh: () => Store
  readonly cleanup: () => Promise<void>
}

/** The deployment secret of the integration tests (a fixed test value, like a host's configuration). */
export const testSecret = "integration-tests-secret-0123456789abcdef"

const dumpSql = (schema: string) =>
  `SELECT table_name FROM information_schema.tables WHERE table_schema = '${schema}' AND table_type = 'BASE TABLE' ORDER BY table_name`

const dumpWith = async (
  schema: string,
  query: (sql: string) => Promise<ReadonlyArray<Record<string, unknown>>>,
): Promise<ReadonlyArray<{ readonly table: string; readonly rows: ReadonlyArray<string> }>> => {
  const tables = (await query(dumpSql(schema))).map((row) => row.table_name as string)
  const out = []
  for (const table of tables) {
    const rows = await query(`SELECT row_to_json(t)::text AS row FROM "${schema}"."${table}" t`)
    out.push({ table, rows: rows.map((row) => row.row as string) })
  }
  return out
}

const makeNode = (layer: Layer.Layer<PostgresRuntimeStore.Services, unknown>): Node => {
  const runtime = ManagedRuntime.make(Layer.merge(layer, TestClock.layer()) as Layer.Layer<Services, unknown>)
  const at = <A, E>(day: string, effect: Effect.Effect<A, E, PostgresRuntimeStore.Services>) =>
    Effect.andThen(TestClock.setTime(morningOf(day)), effect)
  return {
    on: (day, effect) => runtime.runPromise(at(day, effect)),
    exit: <A, E>(day: string, effect: Effect.Effect<A, E, PostgresRuntimeStore.Services>) =>
      runtime.runPromiseExit(at(day, effect)) as Promise<Exit.Exit<A, E>>,
    dispose: () => runtime.dispose(),
  }
}

export const engines = (prefix: string): ReadonlyArray<Engine> => {
  const folder = mkdtempSync(join(tmpdir(), "yiciban-runtime-"))
  let db: Promise<PGlite> | undefined
  const pgliteStore = (schema: string): Store => ({
    node: () =>
      makeNode(
        Layer.unwrap(
          Effect.map(
            Effect.promise(() => (db ??= createPglite(folder))),
            (opened) => Pglite.layerRuntime({ db: opened, schema, secret: testSecret }),
          ),
        ),
      ),
    dump: async () => {
      db ??= createPglite(folder)
      const opened = await db
      return dumpWith(schema, async (sql) => (await opened.query<Record<string, unknown>>(sql)).rows)
    },
  })
  const pglite: Engine = {
    name: "pglite",
    ...pgliteStore(uniqueSchema(prefix)),
    fresh: () => pgliteStore(uniqueSchema(prefix)),
    cleanup: async () => {
      await (await db)?.close()
      rmSync(folder, { recursive: true, force: true })
    },
  }
  if (databaseUrl === undefined) {
    console.log("DATABASE_URL is not set: the runtime's PostgreSQL server tests are skipped (PGlite runs them)")
    return [pglite]
  }
  const url = databaseUrl
  const serverSchemas: Array<string> = []
  const serverStore = (schema: string): Store => {
    serverSchemas.push(schema)
    return {
      node: () => makeNode(Pg.layerRuntime({ connectionString: url, schema, poolSize: 4, secret: testSecret })),
      dump: async () => {
        const client = new pg.Client({ connectionString: url })
        await client.connect()
        try {
          return await dumpWith(schema, async (sql) => (await client.query(sql)).rows)
        } finally {
          await client.end()
        }
      },
    }
  }
  const server: Engine = {
    name: "server",
    ...serverStore(uniqueSchema(prefix)),
    fresh: () => serverStore(uniqueSchema(prefix)),
    cleanup: async () => {
      const client = new pg.Client({ connectionString: url })
      await client.connect()
      for (const schema of serverSchemas) await client.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`)
      await client.end()
    },
  }
  return [pglite, server]
}
