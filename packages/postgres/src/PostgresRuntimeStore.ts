/**
 * The runtime's read models on PostgreSQL and PGlite: the `RuntimeStore` port of
 * `@yiciban/runtime` (the case list and the due-timer table) in the event store's schema, written
 * in each append's own transaction through `appendWith`, so a case's row and timers commit with
 * its events or not at all.
 *
 * Who may see a row is kept beside it (`owners`, `authority`, `region`, `public`; a person owner
 * by pseudonym) and every read filters by the reader's visibility in SQL, with an index for each
 * kind of reader.
 *
 * The subjects' data keys (wrapped with a key derived from the deployment's secret) are kept in
 * their own table, `subject_keys`, apart from the event log: the `KeyStore` of `PersonalData`.
 *
 * @since 0.2.0
 */
import type { EventStore, EventStoreError } from "@yiciban/eventstore"
import type { Aggregate, Authorization } from "@yiciban/runtime"
import { PersonalData, type PolicyLibrary, RuntimeError, RuntimeStore } from "@yiciban/runtime"
import type { Schema } from "effect"
import * as Effect from "effect/Effect"
import * as Layer from "effect/Layer"
import * as CaseList from "./internal/caseList.ts"
import { runtimeTables } from "./internal/runtimeTables.ts"
import { statementName } from "./internal/statementName.ts"
import * as TablesScript from "./internal/tablesScript.ts"
import type { MigrationError } from "./Migrations.ts"
import * as PolicyLibrarySql from "./PolicyLibrarySql.ts"
import * as PostgresEventStore from "./PostgresEventStore.ts"
import type * as SqlClient from "./SqlClient.ts"

const unavailable = (operation: string) => (error: SqlClient.SqlError) =>
  new RuntimeError.ReadModelUnavailable({ operation, detail: error.message })

const iso = (value: unknown): string => new Date(value as string | Date).toISOString()
const isoOrUndefined = (value: unknown): string | undefined => (value === null ? undefined : iso(value))
const orUndefined = <A>(value: A | null): A | undefined => (value === null ? undefined : value)

const toCase = (row: SqlClient.Row): RuntimeStore.CaseRow => ({
  stream: row.stream as string,
  category: row.category as string,
  id: row.id as string,
  version: Number(row.version),
  status: row.status as string,
  title: orUndefined(row.title as string | null),
  detail: orUndefined(row.detail as Schema.Json | null),
  access: {
    owners: (row.owners as ReadonlyArray<string> | null) ?? [],
    authority: orUndefined(row.authority as string | null),
    region: orUndefined(row.region as string | null),
    public: row.public === true,
  },
  updatedAt: row.updated_at as string,
})

const toTimer = (row: SqlClient.Row): RuntimeStore.TimerRow => ({
  id: row.id as string,
  stream: row.stream as string,
  dueAt: iso(row.due_at),
  notice: row.notice as string,
  command: orUndefined(row.command as Aggregate.FollowUp | null),
  provisional: row.provisional === true,
  status: row.status as RuntimeStore.TimerRow["status"],
  claimedBy: orUndefined(row.claimed_by as string | null),
  leaseUntil: isoOrUndefined(row.lease_until),
  firedAt: orUndefined(row.fired_at as string | null),
  outcome: orUndefined(row.outcome as string | null),
})

const timerColumns =
  "t.id, t.stream, t.due_at, t.notice, t.command, t.provisional, t.status, t.claimed_by, t.lease_until, t.fired_at, t.outcome"

/**
 * The visibility of a reader as a SQL condition on the case row `c`, with its parameters from
 * `$first` on.
 */
const visibleWhere = (
  visibility: Authorization.Visibility | "all",
  first: number,
): { readonly sql: string; readonly params: ReadonlyArray<unknown> } => {
  if (visibility === "all") return { sql: "true", params: [] }
  return {
    sql: `((c.public AND $${first}::boolean) OR c.owners && $${first + 1}::text[] OR c.authority = ANY($${first + 2}::text[])
      OR EXISTS (SELECT 1 FROM unnest($${first + 3}::text[]) AS p(prefix) WHERE c.region LIKE p.prefix || '%'))`,
    params: [visibility.public, visibility.owners, visibility.authorities, visibility.regionPrefixes],
  }
}

/**
 * The runtime store on a PostgreSQL event store (server or PGlite): creates its tables in the
 * store's schema, then writes the inline update with `appendWith`, in the append's transaction.
 *
 * @category constructors
 * @since 0.2.0
 */
export const make = (
  store: PostgresEventStore.PostgresEventStoreService,
): Effect.Effect<RuntimeStore.RuntimeStore["Service"], RuntimeError.ReadModelUnavailable> =>
  Effect.gen(function* () {
    const schema = store.schema
    const sql = store.sql
    const t = (table: string) => `"${schema}".${table}`
    // one statement when the tables are already as this build makes them (see internal/tablesScript.ts)
    yield* TablesScript.ensure(sql, {
      name: "runtime",
      schema,
      table: t("runtime_cases"),
      lockKey: `yiciban-runtime:${schema}`,
      script: runtimeTables(schema),
    }).pipe(Effect.mapError(unavailable("migrate runtime tables")))

    // The case-list row and the stream's timers in one statement (one round trip inside the
    // append's transaction, instead of one for the row, one for the removal and one per timer).
    // Its parts see one snapshot: the removal takes the pending timers that are not wanted, the
    // insertion adds the wanted ones not there yet, so the two never touch the same row.
    const caseUpsert = `INSERT INTO ${t("runtime_cases")} (stream, category, id, version, status, title, detail, updated_at, owners, authority, region, public)
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9::text[], $10, $11, $12)
             ON CONFLICT (stream) DO UPDATE SET version = excluded.version, status = excluded.status,
               title = excluded.title, detail = excluded.detail, updated_at = excluded.updated_at,
               owners = excluded.owners, authority = excluded.authority, region = excluded.region, public = excluded.public`
    const timersReplace = (p: number) => `removed AS (
               DELETE FROM ${t("runtime_timers")} WHERE stream = $1 AND status = 'pending' AND NOT (id = ANY($${p}::text[]))),
             added AS (
               INSERT INTO ${t("runtime_timers")} (id, stream, due_at, notice, command, provisional)
               SELECT w.id, $1, w.due_at, w.notice, w.command, w.provisional
               FROM unnest($${p}::text[], $${p + 1}::timestamptz[], $${p + 2}::text[], $${p + 3}::jsonb[], $${p + 4}::boolean[])
                 AS w(id, due_at, notice, command, provisional)
               ON CONFLICT (id) DO NOTHING)`
    const statements = {
      caseOnly: caseUpsert,
      timersOnly: `WITH ${timersReplace(2)} SELECT 1`,
      caseAndTimers: `WITH upserted AS (${caseUpsert}), ${timersReplace(13)} SELECT 1`,
    }
    const named = (statement: keyof typeof statements) => statementName(schema, `runtime_${statement}`)

    // The same writes as CTEs of the append's own statement (`appendInline`): the
    // parameters from $9 (the case's stream first), each write gated on `appended`, the events'
    // INSERT, so the row and the timers are written only when the events were, and after them.
    const caseUpsertAfterAppend = (p: number) => `upserted AS (
             INSERT INTO ${t("runtime_cases")} (stream, category, id, version, status, title, detail, updated_at, owners, authority, region, public)
             SELECT $${p}::text, $${p + 1}::text, $${p + 2}::text, $${p + 3}::bigint, $${p + 4}::text, $${p + 5}::text,
                    $${p + 6}::jsonb, $${p + 7}::text, $${p + 8}::text[], $${p + 9}::text, $${p + 10}::text, $${p + 11}::boolean
               FROM appended
             ON CONFLICT (stream) DO UPDATE SET version = excluded.version, status = excluded.status,
               title = excluded.title, detail = excluded.detail, updated_at = excluded.updated_at,
               owners = excluded.owners, authority = excluded.authority, region = excluded.region, public = excluded.public)`
    const timersReplaceAfterAppend = (stream: number, p: number) => `removed AS (
               DELETE FROM ${t("runtime_timers")}
                WHERE stream = $${stream}::text AND status = 'pending' AND NOT (id = ANY($${p}::text[]))
                  AND EXISTS (SELECT 1 FROM appended)),
             added AS (
               INSERT INTO ${t("runtime_timers")} (id, stream, due_at, notice, command, provisional)
               SELECT w.id, $${stream}::text, w.due_at, w.notice, w.command, w.provisional
               FROM appended,
                 unnest($${p}::text[], $${p + 1}::timestamptz[], $${p + 2}::text[], $${p + 3}::jsonb[], $${p + 4}::boolean[])
                   AS w(id, due_at, notice, command, provisional)
               ON CONFLICT (id) DO NOTHING)`
    const inlineCtes = {
      caseOnly: caseUpsertAfterAppend(9),
      timersOnly: timersReplaceAfterAppend(9, 10),
      caseAndTimers: `${caseUpsertAfterAppend(9)},\n             ${timersReplaceAfterAppend(9, 21)}`,
    }
    const inlineNamed = (statement: keyof typeof inlineCtes) => `runtime_${statement}`

    /** The parameters of `timersReplace`: the wanted timers' columns, as arrays. */
    const timerArrays = (stream: string, timers: ReadonlyArray<Aggregate.TimerSpec>): Array<unknown> => {
      const rows = timers.map((timer) => RuntimeStore.pendingRow(stream, timer))
      return [
        rows.map((row) => row.id),
        rows.map((row) => row.dueAt),
        rows.map((row) => row.notice),
        rows.map((row) => (row.command === undefined ? null : JSON.stringify(row.command))),
        rows.map((row) => row.provisional),
      ]
    }

    /** The case row's parameters, in `caseUpsert`'s order. */
    const caseParams = (inline: RuntimeStore.InlineUpdate, summary: Aggregate.Summary): Array<unknown> => [
      inline.stream,
      inline.category,
      inline.id,
      inline.version,
      summary.status,
      summary.title ?? null,
      summary.detail === undefined ? null : JSON.stringify(summary.detail),
      inline.at,
      inline.access.owners,
      inline.access.authority ?? null,
      inline.access.region ?? null,
      inline.access.public,
    ]

    /**
     * The inline update of an append: which writes (row, timers, both) and their parameters, for
     * the append's own statement and, as a hook, for its transaction. None when there is nothing
     * to write.
     */
    const inlineStatement = (
      inline: RuntimeStore.InlineUpdate,
    ): PostgresEventStore.InlineStatement<SqlClient.SqlError, never> | undefined => {
      const summary = inline.summary
      const timers = inline.timers
      if (summary === undefined && timers === undefined) return undefined
      const kind = summary === undefined ? "timersOnly" : timers === undefined ? "caseOnly" : "caseAndTimers"
      const params =
        summary === undefined
          ? [inline.stream, ...timerArrays(inline.stream, timers!)]
          : timers === undefined
            ? caseParams(inline, summary)
            : [...caseParams(inline, summary), ...timerArrays(inline.stream, timers)]
      return {
        name: inlineNamed(kind),
        ctes: inlineCtes[kind],
        params,
        hook: (tx) => Effect.asVoid(tx.query(statements[kind], params, named(kind))),
      }
    }

    /** The stream's pending timers become exactly `timers` (claimed and fired ones stay). */
    const writeTimers = (tx: SqlClient.SqlClient, stream: string, timers: ReadonlyArray<Aggregate.TimerSpec>) =>
      Effect.asVoid(tx.query(statements.timersOnly, [stream, ...timerArrays(stream, timers)], named("timersOnly")))

    const runtimeStore = RuntimeStore.RuntimeStore.of({
      append: (stream, events, expected, inline) => {
        const statement = inlineStatement(inline)
        return statement === undefined
          ? store.append(stream, events, expected)
          : store
              .appendInline(stream, events, expected, statement)
              .pipe(
                Effect.catchTag("SqlError", (error: SqlClient.SqlError) =>
                  Effect.fail(unavailable("inline projection")(error)),
                ),
              )
      },
      cases: (visibility, query = {}) => {
        const statement = CaseList.casesQuery(t("runtime_cases"), visibility, {
          category: query.category ?? null,
          status: query.status ?? null,
          after: query.after ?? null,
          limit: RuntimeStore.pageLimit(query.limit),
        })
        return sql.query(statement.text, statement.params).pipe(
          Effect.map((rows) => rows.map(toCase)),
          Effect.mapError(unavailable("cases")),
        )
      },
      caseOf: (stream) =>
        sql.query(`SELECT c.* FROM ${t("runtime_cases")} c WHERE c.stream = $1`, [stream]).pipe(
          Effect.map((rows) => (rows[0] === undefined ? undefined : toCase(rows[0]))),
          Effect.mapError(unavailable("caseOf")),
        ),
      timers: (visibility, stream) => {
        const where = visibleWhere(visibility, 2)
        const join = visibility === "all" ? "" : `JOIN ${t("runtime_cases")} c ON c.stream = t.stream AND ${where.sql}`
        return sql
          .query(
            `SELECT ${timerColumns} FROM ${t("runtime_timers")} t ${join}
             WHERE ($1::text IS NULL OR t.stream = $1) ORDER BY t.due_at, t.id`,
            [stream ?? null, ...where.params],
          )
          .pipe(
            Effect.map((rows) => rows.map(toTimer)),
            Effect.mapError(unavailable("timers")),
          )
      },
      claimDue: (now, owner, leaseMillis, limit) =>
        sql
          .query(
            `UPDATE ${t("runtime_timers")} AS t SET status = 'claimed', claimed_by = $2,
               lease_until = $1::timestamptz + make_interval(secs => $3::double precision / 1000)
             WHERE t.id IN (
               SELECT id FROM ${t("runtime_timers")}
               WHERE due_at <= $1::timestamptz
                 AND (status = 'pending' OR (status = 'claimed' AND lease_until < $1::timestamptz))
               ORDER BY due_at, id LIMIT $4 FOR UPDATE SKIP LOCKED)
             RETURNING ${timerColumns}`,
            [now, owner, leaseMillis, limit],
          )
          .pipe(
            Effect.map((rows) =>
              rows
                .map(toTimer)
                .sort((a, b) => (a.dueAt === b.dueAt ? (a.id < b.id ? -1 : 1) : a.dueAt < b.dueAt ? -1 : 1)),
            ),
            Effect.mapError(unavailable("claimDue")),
          ),
      finish: (id, owner, outcome, at) =>
        sql
          .query(
            `UPDATE ${t("runtime_timers")} SET status = 'fired', fired_at = $3, outcome = $4
             WHERE id = $1 AND status = 'claimed' AND claimed_by = $2`,
            [id, owner, at, outcome],
          )
          .pipe(Effect.asVoid, Effect.mapError(unavailable("finish"))),
      release: (id, owner) =>
        sql
          .query(
            `UPDATE ${t("runtime_timers")} SET status = 'pending', claimed_by = NULL, lease_until = NULL
             WHERE id = $1 AND status = 'claimed' AND claimed_by = $2`,
            [id, owner],
          )
          .pipe(Effect.asVoid, Effect.mapError(unavailable("release"))),
      // The table lock waits for every append whose inline update has written timers (or, as one
      // statement, has locked the table to write them) and makes the appends that
      // follow wait at their first timer statement (the one statement: before it writes anything),
      // so the version read after it is the stream's last committed one and no append's timers
      // interleave with these.
      replaceTimers: (stream, version, timers) =>
        sql
          .transaction((tx) =>
            Effect.gen(function* () {
              yield* tx.query(`LOCK TABLE ${t("runtime_timers")} IN SHARE ROW EXCLUSIVE MODE`)
              const rows = yield* tx.query(
                `SELECT coalesce(max(version), 0) AS version FROM ${t("events")} WHERE stream = $1`,
                [stream],
              )
              if (Number(rows[0]?.version ?? 0) !== version) return false
              yield* writeTimers(tx, stream, timers)
              return true
            }),
          )
          .pipe(Effect.mapError(unavailable("replaceTimers"))),
      rewriteCase: (stream, version, summary, access) =>
        sql
          .transaction((tx) =>
            Effect.gen(function* () {
              const rows = yield* tx.query(
                `SELECT coalesce(max(version), 0) AS version FROM ${t("events")} WHERE stream = $1`,
                [stream],
              )
              if (Number(rows[0]?.version ?? 0) !== version) return false
              if (summary === undefined) {
                yield* tx.query(`DELETE FROM ${t("runtime_cases")} WHERE stream = $1`, [stream])
                return true
              }
              yield* tx.query(
                `UPDATE ${t("runtime_cases")} SET status = $2, title = $3, detail = $4, owners = $5::text[],
                   authority = $6, region = $7, public = $8 WHERE stream = $1`,
                [
                  stream,
                  summary.status,
                  summary.title ?? null,
                  summary.detail === undefined ? null : JSON.stringify(summary.detail),
                  access.owners,
                  access.authority ?? null,
                  access.region ?? null,
                  access.public,
                ],
              )
              return true
            }),
          )
          .pipe(Effect.mapError(unavailable("rewriteCase"))),
    })
    return runtimeStore
  })

/**
 * The key store of subjects' data keys on a PostgreSQL event store (server or PGlite): the table
 * `subject_keys` in the store's schema (created by {@link make}'s migration), one row per subject
 * pseudonym with its wrapped key; erasing deletes the row.
 *
 * @category constructors
 * @since 0.2.0
 */
export const makeKeyStore = (store: PostgresEventStore.PostgresEventStoreService): PersonalData.KeyStore["Service"] => {
  const sql = store.sql
  const t = (table: string) => `"${store.schema}".${table}`
  return PersonalData.KeyStore.of({
    getOrCreate: (pseudonym, fresh) =>
      sql
        .query(
          `WITH inserted AS (
             INSERT INTO ${t("subject_keys")} (pseudonym, wrapped_key) VALUES ($1, $2)
             ON CONFLICT (pseudonym) DO NOTHING RETURNING wrapped_key)
           SELECT wrapped_key FROM inserted
           UNION ALL SELECT wrapped_key FROM ${t("subject_keys")} WHERE pseudonym = $1`,
          [pseudonym, Buffer.from(fresh).toString("base64")],
        )
        .pipe(
          // A writer that lost the race to a concurrent insert sees neither row in this statement's
          // snapshot: it reads the winner's key with a new statement.
          Effect.flatMap((rows) =>
            rows.length > 0
              ? Effect.succeed(rows)
              : sql.query(`SELECT wrapped_key FROM ${t("subject_keys")} WHERE pseudonym = $1`, [pseudonym]),
          ),
          Effect.flatMap((rows) =>
            rows[0] === undefined
              ? Effect.fail(
                  new RuntimeError.ReadModelUnavailable({
                    operation: "subject key",
                    detail: "the key was erased while it was being made",
                  }),
                )
              : Effect.succeed(new Uint8Array(Buffer.from(rows[0].wrapped_key as string, "base64"))),
          ),
          Effect.mapError((error) =>
            error._tag === "ReadModelUnavailable" ? error : unavailable("subject key")(error),
          ),
        ),
    get: (pseudonym) =>
      sql.query(`SELECT wrapped_key FROM ${t("subject_keys")} WHERE pseudonym = $1`, [pseudonym]).pipe(
        Effect.map((rows) =>
          rows[0] === undefined ? undefined : new Uint8Array(Buffer.from(rows[0].wrapped_key as string, "base64")),
        ),
        Effect.mapError(unavailable("subject key")),
      ),
    erase: (pseudonym) =>
      sql.query(`DELETE FROM ${t("subject_keys")} WHERE pseudonym = $1 RETURNING pseudonym`, [pseudonym]).pipe(
        Effect.map((rows) => rows.length > 0),
        Effect.mapError(unavailable("erase subject key")),
      ),
  })
}

/**
 * The runtime store over the {@link PostgresEventStore} in context.
 *
 * @category layers
 * @since 0.2.0
 */
export const layer: Layer.Layer<
  RuntimeStore.RuntimeStore,
  RuntimeError.ReadModelUnavailable,
  PostgresEventStore.PostgresEventStore
> = Layer.effect(RuntimeStore.RuntimeStore, Effect.flatMap(Effect.service(PostgresEventStore.PostgresEventStore), make))

/**
 * What the runtime layers of `@yiciban/postgres/pg` and `@yiciban/postgres/pglite` provide: the
 * port, the PostgreSQL store, the runtime store, the key store and the keyring, and (since 0.3.0)
 * the policy library in SQL (`PolicyLibrarySql`), which `createYiciban` then searches instead of
 * a library in memory.
 *
 * @category models
 * @since 0.2.0
 */
export type Services =
  | EventStore.EventStore
  | PostgresEventStore.PostgresEventStore
  | RuntimeStore.RuntimeStore
  | PersonalData.KeyStore
  | PersonalData.Keyring
  | PolicyLibrary.PolicyLibrary

/**
 * How building a runtime layer may fail: the store's migrations, the database, the runtime's
 * tables, a missing or short secret (`InvalidOptions`, path `secret`).
 *
 * @category errors
 * @since 0.2.0
 */
export type LayerError =
  | MigrationError
  | EventStoreError.StoreUnavailable
  | RuntimeError.ReadModelUnavailable
  | RuntimeError.InvalidOptions
  | PolicyLibrary.LibraryUnavailable

/**
 * The key store over the {@link PostgresEventStore} in context.
 *
 * @category layers
 * @since 0.2.0
 */
export const layerKeyStore: Layer.Layer<PersonalData.KeyStore, never, PostgresEventStore.PostgresEventStore> =
  Layer.effect(PersonalData.KeyStore, Effect.map(Effect.service(PostgresEventStore.PostgresEventStore), makeKeyStore))

/**
 * The runtime's layer over a store layer: the store's services, the runtime store, the key store,
 * the policy library in SQL and the keyring with the deployment's `secret` (checked first: a store that keeps data never
 * runs without one). It fails with the runtime store's errors and the store layer's own
 * (`FolderLocked` for a PGlite folder).
 *
 * @category layers
 * @since 0.2.0
 */
export const layerOver = <E = MigrationError | EventStoreError.StoreUnavailable>(
  storeLayer: Layer.Layer<EventStore.EventStore | PostgresEventStore.PostgresEventStore, E>,
  secret: unknown,
): Layer.Layer<Services, LayerError | E> => {
  const keys = Layer.provideMerge(PersonalData.layerKeyring(secret), layerKeyStore)
  const runtime = Layer.provideMerge(Layer.mergeAll(layer, keys, PolicyLibrarySql.layer), storeLayer)
  return Layer.unwrap(Effect.map(Effect.fromResult(PersonalData.checkSecret(secret)), () => runtime))
}
