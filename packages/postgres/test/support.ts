import { mkdtempSync, rmSync } from "node:fs"
import { tmpdir } from "node:os"
import { join } from "node:path"
import pg from "pg"

/** The server the server tests and gap tests use, when one is configured. */
export const databaseUrl: string | undefined = process.env.DATABASE_URL || undefined

/** A folder under the system's temp folder, and how to remove it. */
export const temporaryDataDir = () => {
  const path = mkdtempSync(join(tmpdir(), "yiciban-pglite-"))
  return { path, remove: () => rmSync(path, { recursive: true, force: true }) }
}

/** A schema name no other test run uses. */
export const uniqueSchema = (prefix: string): string =>
  `${prefix}_${process.pid}_${globalThis.crypto.randomUUID().replaceAll("-", "").slice(0, 12)}`

/** Drops a schema and everything in it. */
export const dropSchema = async (url: string, schema: string): Promise<void> => {
  const client = new pg.Client({ connectionString: url })
  await client.connect()
  try {
    await client.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`)
  } finally {
    await client.end()
  }
}
