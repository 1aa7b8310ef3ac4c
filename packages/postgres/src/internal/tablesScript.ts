/**
 * The read models' tables (the runtime's, the policy library's) are created by an idempotent script
 * under an advisory lock. Most starts find them as this build wants them, so the script marks its
 * table with a comment naming a digest of the script, and a start whose table carries this build's
 * mark skips the transaction, the lock and the DDL: one statement instead of a transaction of a
 * dozen `IF NOT EXISTS` statements, each taking its table's lock.
 *
 * Changing the script changes the digest, so the first start of a build with another script runs it
 * (idempotent: `IF NOT EXISTS`, `ADD COLUMN IF NOT EXISTS`) and marks the table again. A table whose
 * mark is missing or another build's — or a check that fails in any way — runs the script, which
 * reports what is wrong.
 */
import { createHash } from "node:crypto"
import * as Effect from "effect/Effect"
import type { SqlClient, SqlError } from "../SqlClient.ts"

/** The mark of `script` (its text with the schema's name taken out, so every schema gets the same). */
export const markOf = (name: string, script: string, schema: string): string =>
  `yiciban ${name} ${createHash("sha256")
    .update(script.replaceAll(`"${schema}"`, '"<schema>"'))
    .digest("hex")
    .slice(0, 32)}`

/**
 * Runs `script` in `schema` under the advisory lock `lockKey` unless `table` (qualified and quoted)
 * already carries its mark; marks `table` after running it.
 */
export const ensure = (
  sql: SqlClient,
  options: {
    readonly name: string
    readonly schema: string
    readonly table: string
    readonly lockKey: string
    readonly script: string
  },
): Effect.Effect<void, SqlError> =>
  Effect.gen(function* () {
    const mark = markOf(options.name, options.script, options.schema)
    const current = yield* sql
      .query<{ current: boolean | null }>(
        "SELECT pg_catalog.obj_description(pg_catalog.to_regclass($1), 'pg_class') = $2 AS current",
        [options.table, mark],
      )
      .pipe(
        Effect.map((rows) => rows[0]?.current === true),
        Effect.catchTag("SqlError", () => Effect.succeed(false)),
      )
    if (current) return
    yield* sql.transaction((tx) =>
      Effect.andThen(
        tx.query("SELECT pg_advisory_xact_lock(hashtext($1))", [options.lockKey]),
        tx.script(`${options.script};\nCOMMENT ON TABLE ${options.table} IS '${mark}'`),
      ),
    )
  })
