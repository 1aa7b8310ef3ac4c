/**
 * Versioned migrations of the store's schema, applied when a store starts. They run in one
 * transaction under a transaction-level advisory lock, so two app nodes starting at once apply
 * each migration exactly once (the second waits, then finds nothing to do). Applied versions are
 * recorded in `<schema>.migrations`.
 *
 * @since 0.1.0
 */
import * as Data from "effect/Data"
import * as Effect from "effect/Effect"
import * as Sql from "./internal/sql.ts"
import type { SqlClient, SqlError } from "./SqlClient.ts"

/**
 * Migrating failed: a malformed schema name, a database whose schema is newer than this build
 * knows, or a statement the database refused (`cause`).
 *
 * @category errors
 * @since 0.1.0
 */
export class MigrationError extends Data.TaggedError("MigrationError")<{
  readonly schema: string
  readonly reason: string
  readonly cause?: SqlError | undefined
}> {
  override get message(): string {
    return `schema ${this.schema}: ${this.reason}`
  }
}

/**
 * What a migration run found and did: the versions it applied (empty when the schema was up to
 * date) and the schema's version after it.
 *
 * @category models
 * @since 0.1.0
 */
export interface MigrationReport {
  readonly schema: string
  readonly applied: ReadonlyArray<number>
  readonly version: number
}

/**
 * The migrations this build knows, in order: `{ version, name }`.
 *
 * @category models
 * @since 0.1.0
 */
export const known: ReadonlyArray<{ readonly version: number; readonly name: string }> = Sql.migrations("yiciban").map(
  ({ version, name }) => ({ version, name }),
)

/**
 * The newest migration version this build knows.
 *
 * @category models
 * @since 0.1.0
 */
export const latestVersion: number = known[known.length - 1]!.version

/**
 * Checks a schema name: 1 to 63 characters, a lowercase ASCII letter or `_` followed by lowercase
 * letters, digits and `_`.
 *
 * @category guards
 * @since 0.1.0
 */
export const isSchemaName = (schema: string): boolean => Sql.schemaPattern.test(schema)

const knownVersions = known.map((migration) => migration.version)

/**
 * Whether every migration this build knows is recorded in `table` and none newer: one statement
 * outside a transaction. A missing schema or table (or any other failure) is "not current", and
 * the caller migrates, which reports what is wrong.
 */
const isCurrent = (sql: SqlClient, table: string): Effect.Effect<boolean> =>
  sql
    .query<{ known: number; newest: number }>(
      `SELECT count(*) FILTER (WHERE version = ANY($1::integer[]))::integer AS known, coalesce(max(version), 0) AS newest FROM ${table}`,
      [knownVersions],
    )
    .pipe(
      Effect.map((rows) => rows[0]?.known === knownVersions.length && Number(rows[0]?.newest) === latestVersion),
      Effect.catchTag("SqlError", () => Effect.succeed(false)),
    )

/**
 * Creates the schema if needed and applies every migration it lacks, in one transaction under an
 * advisory lock. Idempotent; safe when several nodes run it at once. A schema that already has
 * every migration is recognised by one statement, without the transaction.
 *
 * @example
 * ```ts
 * import { Effect } from "effect"
 * import { Migrations, type SqlClient } from "@yiciban/postgres"
 *
 * declare const sql: SqlClient.SqlClient
 * const report = Migrations.migrate(sql, "yiciban") // Effect<{ applied: [1], version: 1 }, MigrationError>
 * ```
 *
 * @category combinators
 * @since 0.1.0
 */
export const migrate = (sql: SqlClient, schema: string): Effect.Effect<MigrationReport, MigrationError> =>
  Effect.gen(function* () {
    if (!isSchemaName(schema)) {
      return yield* new MigrationError({
        schema,
        reason:
          "a schema name is a lowercase ASCII letter or '_' followed by up to 62 lowercase letters, digits or '_'",
      })
    }
    const migrations = Sql.migrations(schema)
    const keys = Sql.lockKeys(schema)
    const table = `"${schema}".migrations`
    // Most starts find the schema current: one statement says so, without a transaction, the
    // advisory lock or the idempotent DDL (half a second of a reused PGlite folder's start on a
    // busy machine). Anything else — no table yet, a version missing or newer — goes the full way.
    if (yield* isCurrent(sql, table)) return { schema, applied: [], version: latestVersion }
    return yield* sql
      .transaction((tx) =>
        Effect.gen(function* () {
          yield* tx.query("SELECT pg_catalog.pg_advisory_xact_lock($1::bigint)", [keys.migrationKey.toString()])
          yield* tx.script(`CREATE SCHEMA IF NOT EXISTS "${schema}";
CREATE TABLE IF NOT EXISTS ${table} (
  version    integer     NOT NULL PRIMARY KEY,
  name       text        NOT NULL,
  applied_at timestamptz NOT NULL DEFAULT now()
);`)
          const rows = yield* tx.query<{ version: number }>(`SELECT version FROM ${table} ORDER BY version`)
          const stored = new Set(rows.map((row) => Number(row.version)))
          const newest = Math.max(0, ...stored)
          if (newest > latestVersion) {
            return yield* new MigrationError({
              schema,
              reason: `the schema is at version ${newest}, newer than this build knows (${latestVersion}): upgrade @yiciban/postgres`,
            })
          }
          const applied: Array<number> = []
          for (const migration of migrations) {
            if (stored.has(migration.version)) continue
            yield* tx.script(migration.sql)
            yield* tx.query(`INSERT INTO ${table} (version, name) VALUES ($1, $2)`, [migration.version, migration.name])
            applied.push(migration.version)
          }
          return { schema, applied, version: latestVersion }
        }),
      )
      .pipe(
        Effect.catchTag("SqlError", (cause) =>
          Effect.fail(new MigrationError({ schema, reason: `migration failed: ${cause.message}`, cause })),
        ),
      )
  })

/**
 * Hash-partitions a migrated schema's `events` table by stream into `partitions` partitions
 * (2 to 256), keeping every event: a migration a deployment runs once, with its app nodes stopped,
 * when one table grows too big to maintain (vacuum, index builds) as a whole. The primary key
 * stays `(stream, version)`; the unique indexes on the global position and the event id become
 * one per partition (PostgreSQL's unique constraints on a partitioned table must include the
 * partition key). Appends, `readStream` and the gap-safe `readAll` are unchanged; positions stay
 * unique by construction (one append per transaction, one stream per append). What is lost: the
 * database no longer refuses the same event id appended to two streams in different partitions.
 * See docs/scaling.md.
 *
 * Fails with a `MigrationError`, changing nothing, when the partition count is out of range, the
 * schema is not at this build's latest migration or the table is partitioned already.
 *
 * @example
 * ```ts
 * import { Migrations, type SqlClient } from "@yiciban/postgres"
 *
 * declare const sql: SqlClient.SqlClient
 * const partitioned = Migrations.partitionEvents(sql, "yiciban", 8) // Effect<void, MigrationError>
 * ```
 *
 * @category combinators
 * @since 0.4.0
 */
export const partitionEvents = (
  sql: SqlClient,
  schema: string,
  partitions: number,
): Effect.Effect<void, MigrationError> =>
  Effect.gen(function* () {
    if (!isSchemaName(schema)) {
      return yield* new MigrationError({ schema, reason: "not a schema name this store accepts" })
    }
    if (!Number.isInteger(partitions) || partitions < Sql.partitionRange.min || partitions > Sql.partitionRange.max) {
      return yield* new MigrationError({
        schema,
        reason: `partitions must be an integer from ${Sql.partitionRange.min} to ${Sql.partitionRange.max}, not ${partitions}`,
      })
    }
    const keys = Sql.lockKeys(schema)
    return yield* sql
      .transaction((tx) =>
        Effect.gen(function* () {
          yield* tx.query("SELECT pg_catalog.pg_advisory_xact_lock($1::bigint)", [keys.migrationKey.toString()])
          const found = yield* tx.query<{ kind: string | null }>(
            `SELECT c.relkind::text AS kind FROM pg_catalog.pg_class c
               JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
              WHERE n.nspname = $1 AND c.relname = 'events'`,
            [schema],
          )
          const kind = found[0]?.kind ?? null
          if (kind === null) {
            return yield* new MigrationError({
              schema,
              reason: "the schema has no events table: start a store on it first",
            })
          }
          const versions = yield* tx.query<{ version: number }>(
            `SELECT coalesce(max(version), 0) AS version FROM "${schema}".migrations`,
          )
          const version = Number(versions[0]?.version ?? 0)
          if (version !== latestVersion) {
            return yield* new MigrationError({
              schema,
              reason: `the schema is at version ${version}, this build partitions version ${latestVersion}`,
            })
          }
          if (kind === "p") {
            return yield* new MigrationError({ schema, reason: "the events table is partitioned already" })
          }
          yield* tx.script(Sql.hashPartitionEvents(schema, partitions))
        }),
      )
      .pipe(
        Effect.catchTag("SqlError", (cause) =>
          Effect.fail(new MigrationError({ schema, reason: `partitioning failed: ${cause.message}`, cause })),
        ),
      )
  })
