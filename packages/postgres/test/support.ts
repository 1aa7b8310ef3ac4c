import { mkdtempSync, rmSync } from "node:fs"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { PGlite } from "@electric-sql/pglite"
import type { EventStore } from "@yiciban/eventstore"
import { Effect, Layer } from "effect"
import pg from "pg"
import { Migrations, type PostgresEventStore } from "../src/index.ts"
import { checkedStartParams } from "../src/internal/pgliteStart.ts"
import { dropSchemaStatement, restoreSeed, seedFor } from "../src/internal/seed.ts"
import * as Pg from "../src/pg.ts"
import * as Pglite from "../src/pglite.ts"

/** The server the server tests and gap tests use, when one is configured. */
export const databaseUrl: string | undefined = process.env.DATABASE_URL || undefined

/** A folder under the system's temp folder, and how to remove it. */
export const temporaryDataDir = () => {
  const path = mkdtempSync(join(tmpdir(), "yiciban-pglite-"))
  return { path, remove: () => rmSync(path, { recursive: true, force: true }) }
}

/**
 * A new PGlite database in `dataDir` (an empty folder) or in memory, started the way a store
 * starts one: from the initialised data directory the build ships (`seed/`), restored with the
 * node's file calls for a folder, through PGlite for memory; by initdb when there is no seed for
 * the installed PGlite (a checkout that was never built). initdb costs seconds of CPU per database
 * (most of a minute on a loaded machine), the restore a fraction of that.
 */
export const createPglite = async (dataDir?: string): Promise<PGlite> => {
  const seed = seedFor(dataDir)
  // The store's shared buffers (`defaultSharedBuffers`), not PGlite's 128 MB.
  const startParams = checkedStartParams()
  if (seed === undefined) return PGlite.create(dataDir, { startParams })
  let db: PGlite
  if (dataDir === undefined) {
    db = await PGlite.create({ startParams, loadDataDir: new Blob([new Uint8Array(seed.archive)]) })
  } else {
    restoreSeed(dataDir, seed.archive)
    db = await PGlite.create(dataDir, { startParams })
  }
  // A test's database starts empty, as initdb leaves it: the seed's migrated schema is dropped.
  const drop = dropSchemaStatement(seed.description)
  if (drop !== undefined) await db.exec(drop)
  return db
}

/** A schema name no other test run uses. */
export const uniqueSchema = (prefix: string): string =>
  `${prefix}_${process.pid}_${globalThis.crypto.randomUUID().replaceAll("-", "").slice(0, 12)}`

/** Drops schemas and everything in them. */
export const dropSchema = async (url: string, ...schemas: ReadonlyArray<string>): Promise<void> => {
  const client = new pg.Client({ connectionString: url })
  await client.connect()
  try {
    for (const schema of schemas) await client.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`)
  } finally {
    await client.end()
  }
}

export type Services = EventStore.EventStore | PostgresEventStore.PostgresEventStore

/**
 * An engine a test runs on: PGlite in a temporary folder (always), or the server (when
 * DATABASE_URL is set). `layer(options)` builds a store; every schema it names (default: a fresh
 * one per engine) and the folder are removed by `cleanup`. `query` runs SQL beside the store.
 */
export interface Engine {
  readonly name: "pglite" | "server"
  readonly schema: string
  readonly layer: (options?: PostgresEventStore.CommonOptions) => Layer.Layer<Services, unknown>
  readonly query: (sql: string, params?: ReadonlyArray<unknown>) => Promise<ReadonlyArray<Record<string, unknown>>>
  readonly cleanup: () => Promise<void>
}

export const engines = (prefix: string): ReadonlyArray<Engine> => {
  const dataDir = temporaryDataDir()
  let db: Promise<PGlite> | undefined
  const open = () => {
    db ??= createPglite(dataDir.path)
    return db
  }
  const pglite: Engine = {
    name: "pglite",
    schema: uniqueSchema(prefix),
    layer(options = {}) {
      return Layer.unwrap(
        Effect.map(Effect.promise(open), (opened) =>
          Pglite.layerPglite({ schema: this.schema, ...options, db: opened }),
        ),
      )
    },
    query: async (sql, params) => (await (await open()).query(sql, params as Array<unknown>)).rows as any,
    cleanup: async () => {
      await (await db)?.close()
      dataDir.remove()
    },
  }
  if (databaseUrl === undefined) return [pglite]
  const url = databaseUrl
  const schemas = new Set<string>()
  let client: pg.Client | undefined
  const server: Engine = {
    name: "server",
    schema: uniqueSchema(prefix),
    layer(options = {}) {
      const schema = options.schema ?? this.schema
      if (Migrations.isSchemaName(schema)) schemas.add(schema)
      return Pg.layerPostgres({ ...options, schema, connectionString: url, poolSize: 4 })
    },
    query: async (sql, params) => {
      if (client === undefined) {
        client = new pg.Client({ connectionString: url })
        await client.connect()
      }
      return (await client.query(sql, params as Array<unknown>)).rows
    },
    cleanup: async () => {
      await client?.end()
      await dropSchema(url, ...schemas)
    },
  }
  return [pglite, server]
}
