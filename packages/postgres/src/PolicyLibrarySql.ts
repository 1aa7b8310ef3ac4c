/**
 * The policy library (政策库, `PolicyLibrary` of `@yiciban/runtime`) in SQL, on the PostgreSQL
 * server and on PGlite alike, with nothing but core PostgreSQL: a table `policy_library` in the
 * store's schema, a GIN index over each entry's characters (`chars text[]`), and a term matched by
 * `chars @> <its characters>` (the index) and a regular expression that finds it exactly or as an
 * abbreviation (`小.{0,3}微.{0,3}企.{0,3}业`). Ranked like the memory library: 3 for the term in the
 * title, 2 in the text, 1 as an abbreviation, summed; then the latest closing day, then the id.
 *
 * pg_trgm was tried (it ships with PostgreSQL and as a PGlite contrib extension, and on a C.UTF-8
 * database it does make trigrams of CJK text): `similarity('餐饮', '餐饮服务')` is 0.33, but
 * `word_similarity('小微企业', '小型微型企业')` is 0.2, under the default threshold of 0.3, so the
 * abbreviation is not found, and PGlite would need the extension loaded at start. See
 * docs/policy.md.
 *
 * @since 0.3.0
 */
import { PolicyLibrary } from "@yiciban/runtime"
import * as Effect from "effect/Effect"
import * as Layer from "effect/Layer"
import * as TablesScript from "./internal/tablesScript.ts"
import { PostgresEventStore } from "./PostgresEventStore.ts"
import type { SqlClient } from "./SqlClient.ts"

const quote = (identifier: string) => `"${identifier.replaceAll('"', '""')}"`

/**
 * The statements that create the library's table and index in `schema` (idempotent).
 *
 * @category constructors
 * @since 0.3.0
 */
export const migration = (schema: string): string => {
  const table = `${quote(schema)}.policy_library`
  return `
CREATE TABLE IF NOT EXISTS ${table} (
  policy_id text PRIMARY KEY,
  phase text NOT NULL,
  title text NOT NULL,
  body text NOT NULL,
  chars text[] NOT NULL,
  region_prefix text NOT NULL,
  industries text[] NOT NULL,
  subject_kinds text[] NOT NULL,
  authority text NOT NULL,
  opens_on text NOT NULL,
  closes_on text NOT NULL,
  max_amount_fen bigint NOT NULL,
  entry jsonb NOT NULL
);
ALTER TABLE ${table} ADD COLUMN IF NOT EXISTS stream_version bigint NOT NULL DEFAULT 0;
CREATE INDEX IF NOT EXISTS policy_library_chars ON ${table} USING gin (chars);
`
}

const unavailable = (cause: unknown) =>
  new PolicyLibrary.LibraryUnavailable({ detail: cause instanceof Error ? cause.message : String(cause) })

/**
 * The library over a SQL client in `schema` (its table created on first use by {@link migration},
 * in a transaction under an advisory lock, so app nodes starting at once do not race to create it).
 * An upsert with a stream version keeps the row of a later version (see `PolicyLibrary`).
 *
 * @category constructors
 * @since 0.3.0
 */
export const make = (
  sql: SqlClient,
  schema: string,
): Effect.Effect<PolicyLibrary.PolicyLibrary["Service"], PolicyLibrary.LibraryUnavailable> =>
  Effect.gen(function* () {
    const table = `${quote(schema)}.policy_library`
    // one statement when the table is already as this build makes it (see internal/tablesScript.ts)
    yield* Effect.mapError(
      TablesScript.ensure(sql, {
        name: "policy-library",
        schema,
        table,
        lockKey: `yiciban-policy-library:${schema}`,
        script: migration(schema),
      }),
      unavailable,
    )
    // A prepared statement's name is at most 63 bytes: a longer one goes unnamed (not prepared).
    const upsertName = `policy_library_upsert_${schema}`
    const upsert = (entry: PolicyLibrary.Entry, streamVersion?: number) =>
      Effect.mapError(
        sql.query(
          `INSERT INTO ${table} (policy_id, phase, title, body, chars, region_prefix, industries, subject_kinds,
             authority, opens_on, closes_on, max_amount_fen, entry, stream_version)
           VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14)
           ON CONFLICT (policy_id) DO UPDATE SET phase = EXCLUDED.phase, title = EXCLUDED.title,
             body = EXCLUDED.body, chars = EXCLUDED.chars, region_prefix = EXCLUDED.region_prefix,
             industries = EXCLUDED.industries, subject_kinds = EXCLUDED.subject_kinds,
             authority = EXCLUDED.authority, opens_on = EXCLUDED.opens_on, closes_on = EXCLUDED.closes_on,
             max_amount_fen = EXCLUDED.max_amount_fen, entry = EXCLUDED.entry,
             stream_version = EXCLUDED.stream_version
           WHERE $15::boolean OR ${table}.stream_version <= EXCLUDED.stream_version`,
          [
            entry.policyId,
            entry.phase,
            PolicyLibrary.normalize(entry.terms.title),
            PolicyLibrary.normalize(entry.text),
            PolicyLibrary.charsOf(entry.text),
            regionPrefix(entry.terms.region),
            entry.terms.industries,
            entry.terms.subjectKinds,
            entry.terms.authority.creditCode,
            entry.terms.window.opensOn,
            entry.terms.window.closesOn,
            entry.maxAmountFen,
            JSON.stringify(entry),
            streamVersion ?? 0,
            streamVersion === undefined,
          ],
          Buffer.byteLength(upsertName) <= 63 ? upsertName : undefined,
        ),
        unavailable,
      )
    const search = (query: PolicyLibrary.Query) => {
      const params: Array<unknown> = []
      const param = (value: unknown) => {
        params.push(value)
        return `$${params.length}`
      }
      const where: Array<string> = []
      const scores: Array<string> = []
      for (const term of PolicyLibrary.termsOf(query.text)) {
        const t = param(term)
        const chars = param(PolicyLibrary.charsOf(term))
        const pattern = param(PolicyLibrary.abbreviationPattern(term))
        where.push(`chars @> ${chars}::text[] AND body ~ ${pattern}`)
        scores.push(`(CASE WHEN strpos(title, ${t}) > 0 THEN 3 WHEN strpos(body, ${t}) > 0 THEN 2 ELSE 1 END)`)
      }
      if (query.division !== undefined) where.push(`${param(query.division)} LIKE region_prefix || '%'`)
      if (query.industry !== undefined) {
        where.push(
          `(cardinality(industries) = 0 OR EXISTS (SELECT 1 FROM unnest(industries) AS p WHERE ${param(query.industry)} LIKE p || '%'))`,
        )
      }
      if (query.subjectKind !== undefined) where.push(`${param(query.subjectKind)} = ANY (subject_kinds)`)
      if (query.authority !== undefined) where.push(`authority = ${param(query.authority)}`)
      if (query.openOn !== undefined) {
        const day = param(query.openOn)
        where.push(`phase = 'published' AND opens_on <= ${day} AND closes_on >= ${day}`)
      }
      if (query.minAmountFen !== undefined) where.push(`max_amount_fen >= ${param(query.minAmountFen)}`)
      const limit = param(PolicyLibrary.pageSize(query))
      const offset = param(Math.max(Math.trunc(query.offset ?? 0), 0))
      const score = scores.length === 0 ? "0" : scores.join(" + ")
      return Effect.mapError(
        Effect.map(
          sql.query<{ entry: unknown; score: unknown; total: unknown }>(
            `SELECT entry, ${score} AS score, count(*) OVER () AS total FROM ${table}
             ${where.length === 0 ? "" : `WHERE ${where.join(" AND ")}`}
             ORDER BY score DESC, closes_on DESC, policy_id COLLATE "C"
             LIMIT ${limit} OFFSET ${offset}`,
            params,
          ),
          (rows): PolicyLibrary.Page => ({
            total: rows.length === 0 ? 0 : Number(rows[0]!.total),
            items: rows.map((row) => ({
              entry: (typeof row.entry === "string" ? JSON.parse(row.entry) : row.entry) as PolicyLibrary.Entry,
              score: Number(row.score),
            })),
          }),
        ),
        unavailable,
      )
    }
    return {
      upsert,
      search,
      reset: Effect.mapError(Effect.asVoid(sql.query(`DELETE FROM ${table}`)), unavailable),
    }
  })

const regionPrefix = (region: string): string =>
  region.endsWith("0000") ? region.slice(0, 2) : region.endsWith("00") ? region.slice(0, 4) : region

/**
 * A layer with the library in the store's database and schema.
 *
 * @category layers
 * @since 0.3.0
 */
export const layer: Layer.Layer<PolicyLibrary.PolicyLibrary, PolicyLibrary.LibraryUnavailable, PostgresEventStore> =
  Layer.effect(
    PolicyLibrary.PolicyLibrary,
    Effect.flatMap(Effect.service(PostgresEventStore), (store) => make(store.sql, store.schema)),
  )
