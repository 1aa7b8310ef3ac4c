/**
 * Where the runtime keeps what must never lag the events: the case list and the due-timer table,
 * written inline with every append (in the append's own transaction on PostgreSQL and PGlite,
 * in the same synchronous step in memory), and the timer claims of the scheduler.
 *
 * @since 0.1.0
 */

import type { EventStoreError } from "@yiciban/eventstore"
import { EventStore, type ExpectedVersion, MemoryEventStore } from "@yiciban/eventstore"
import { type Migrations, PostgresEventStore, type SqlClient } from "@yiciban/postgres"
import { Context, Effect, Layer, type Schema } from "effect"
import type { FollowUp, Summary, TimerSpec } from "./Aggregate.ts"
import { ReadModelUnavailable } from "./RuntimeError.ts"

/**
 * What an append writes besides its events: the stream's case-list row (none: no row) and its
 * due timers (the pending timers of the stream become exactly these; claimed and fired timers
 * stay as they are).
 *
 * @category models
 * @since 0.1.0
 */
export interface InlineUpdate {
  readonly stream: string
  readonly category: string
  readonly id: string
  readonly version: number
  readonly at: string
  readonly summary: Summary | undefined
  readonly timers: ReadonlyArray<TimerSpec> | undefined
}

/**
 * A row of the case list.
 *
 * @category models
 * @since 0.1.0
 */
export interface CaseRow {
  readonly stream: string
  readonly category: string
  readonly id: string
  readonly version: number
  readonly status: string
  readonly title: string | undefined
  readonly detail: Schema.Json | undefined
  readonly updatedAt: string
}

/**
 * A row of the due-timer table. `status`: `pending` (waiting), `claimed` (a scheduler holds it
 * until `leaseUntil`), `fired` (dispatched; `outcome` says how it went). `provisional`: the due
 * date was counted through a provisional calendar year (see `TimerSpec`).
 *
 * @category models
 * @since 0.1.0
 */
export interface TimerRow {
  readonly id: string
  readonly stream: string
  readonly dueAt: string
  readonly notice: string
  readonly command: FollowUp | undefined
  readonly provisional: boolean
  readonly status: "pending" | "claimed" | "fired"
  readonly claimedBy: string | undefined
  readonly leaseUntil: string | undefined
  readonly firedAt: string | undefined
  readonly outcome: string | undefined
}

/**
 * The service.
 *
 * - `append`: the store's append plus the inline update, atomically;
 * - `cases` / `caseOf`: the case list;
 * - `timers(stream?)`: the due-timer table;
 * - `claimDue(now, owner, leaseMillis, limit)`: claims up to `limit` due timers (pending, or
 *   claimed with an expired lease) for `owner` until `now + leaseMillis`; two schedulers never
 *   claim one timer at the same time;
 * - `finish(id, owner, outcome, at)`: marks a claimed timer fired (only its owner can);
 * - `release(id, owner)`: gives a claimed timer back (the dispatch failed; it is retried);
 * - `replaceTimers(stream, version, timers)`: outside an append, makes the stream's pending
 *   timers exactly `timers` (as an append's inline update does) if the stream is still at
 *   `version`, and says whether it did; an append to the stream meanwhile wins (`Replan` uses it
 *   after the calendar changed).
 *
 * @category services
 * @since 0.1.0
 */
export class RuntimeStore extends Context.Service<
  RuntimeStore,
  {
    readonly append: (
      stream: string,
      events: ReadonlyArray<EventStore.NewEvent>,
      expected: ExpectedVersion.ExpectedVersion,
      inline: InlineUpdate,
    ) => Effect.Effect<EventStore.AppendResult, EventStoreError.AppendError | ReadModelUnavailable>
    readonly cases: Effect.Effect<ReadonlyArray<CaseRow>, ReadModelUnavailable>
    readonly caseOf: (stream: string) => Effect.Effect<CaseRow | undefined, ReadModelUnavailable>
    readonly timers: (stream?: string) => Effect.Effect<ReadonlyArray<TimerRow>, ReadModelUnavailable>
    readonly claimDue: (
      now: string,
      owner: string,
      leaseMillis: number,
      limit: number,
    ) => Effect.Effect<ReadonlyArray<TimerRow>, ReadModelUnavailable>
    readonly finish: (
      id: string,
      owner: string,
      outcome: string,
      at: string,
    ) => Effect.Effect<void, ReadModelUnavailable>
    readonly release: (id: string, owner: string) => Effect.Effect<void, ReadModelUnavailable>
    readonly replaceTimers: (
      stream: string,
      version: number,
      timers: ReadonlyArray<TimerSpec>,
    ) => Effect.Effect<boolean, ReadModelUnavailable>
  }
>()("@yiciban/runtime/RuntimeStore") {}

// ---------------------------------------------------------------------------------------------
// In memory
// ---------------------------------------------------------------------------------------------

/**
 * The memory the in-memory runtime keeps: the event store's storage, the case list and the
 * timers. Two runtimes over one `MemoryStorage` see the same data (a second app node in tests).
 *
 * @category models
 * @since 0.1.0
 */
export interface MemoryStorage {
  readonly events: MemoryEventStore.MemoryStorage
  readonly cases: Map<string, CaseRow>
  readonly timers: Map<string, TimerRow>
}

/**
 * Fresh, empty storage.
 *
 * @category constructors
 * @since 0.1.0
 */
export const makeMemoryStorage = (): MemoryStorage => ({
  events: MemoryEventStore.makeStorage(),
  cases: new Map(),
  timers: new Map(),
})

const timerId = (stream: string, key: string) => `${stream}/${key}`

const applyTimers = (
  apply: {
    readonly pending: (stream: string) => ReadonlyArray<string>
    readonly remove: (id: string) => void
    readonly insert: (row: TimerRow) => void
  },
  stream: string,
  timers: ReadonlyArray<TimerSpec>,
) => {
  const wanted = new Set(timers.map((timer) => timerId(stream, timer.key)))
  for (const id of apply.pending(stream)) if (!wanted.has(id)) apply.remove(id)
  for (const timer of timers) apply.insert(pendingRow(stream, timer))
}

const applyInline = (
  apply: {
    readonly upsertCase: (row: CaseRow) => void
    readonly pending: (stream: string) => ReadonlyArray<string>
    readonly remove: (id: string) => void
    readonly insert: (row: TimerRow) => void
  },
  inline: InlineUpdate,
) => {
  if (inline.summary !== undefined) {
    apply.upsertCase({
      stream: inline.stream,
      category: inline.category,
      id: inline.id,
      version: inline.version,
      status: inline.summary.status,
      title: inline.summary.title,
      detail: inline.summary.detail,
      updatedAt: inline.at,
    })
  }
  if (inline.timers === undefined) return
  applyTimers(apply, inline.stream, inline.timers)
}

const pendingRow = (stream: string, timer: TimerSpec): TimerRow => ({
  id: timerId(stream, timer.key),
  stream,
  dueAt: new Date(timer.dueAt).toISOString(),
  notice: timer.notice,
  command: timer.command,
  provisional: timer.provisional === true,
  status: "pending",
  claimedBy: undefined,
  leaseUntil: undefined,
  firedAt: undefined,
  outcome: undefined,
})

/**
 * The runtime store in memory, over `storage`'s event store.
 *
 * @category constructors
 * @since 0.1.0
 */
export const makeMemory = (
  storage: MemoryStorage,
  events: EventStore.EventStore["Service"],
): RuntimeStore["Service"] => {
  const sorted = <A>(rows: Iterable<A>, key: (row: A) => string) =>
    [...rows].sort((a, b) => (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0))
  const timerTable = {
    pending: (s: string) =>
      [...storage.timers.values()].filter((t) => t.stream === s && t.status === "pending").map((t) => t.id),
    remove: (id: string) => storage.timers.delete(id),
    insert: (row: TimerRow) => {
      if (!storage.timers.has(row.id)) storage.timers.set(row.id, row)
    },
  }
  return RuntimeStore.of({
    append: (stream, batch, expected, inline) =>
      Effect.tap(events.append(stream, batch, expected), () =>
        Effect.sync(() =>
          applyInline({ upsertCase: (row) => storage.cases.set(row.stream, row), ...timerTable }, inline),
        ),
      ),
    replaceTimers: (stream, version, timers) =>
      Effect.sync(() => {
        if ((storage.events.streams.get(stream)?.length ?? 0) !== version) return false
        applyTimers(timerTable, stream, timers)
        return true
      }),
    cases: Effect.sync(() => sorted(storage.cases.values(), (row) => row.stream)),
    caseOf: (stream) => Effect.sync(() => storage.cases.get(stream)),
    timers: (stream) =>
      Effect.sync(() =>
        sorted(
          [...storage.timers.values()].filter((t) => stream === undefined || t.stream === stream),
          (t) => `${t.dueAt} ${t.id}`,
        ),
      ),
    claimDue: (now, owner, leaseMillis, limit) =>
      Effect.sync(() => {
        const at = Date.parse(now)
        const due = sorted(
          [...storage.timers.values()].filter(
            (t) =>
              Date.parse(t.dueAt) <= at &&
              (t.status === "pending" || (t.status === "claimed" && Date.parse(t.leaseUntil!) < at)),
          ),
          (t) => `${t.dueAt} ${t.id}`,
        ).slice(0, limit)
        const leaseUntil = new Date(at + leaseMillis).toISOString()
        return due.map((t) => {
          const claimed: TimerRow = { ...t, status: "claimed", claimedBy: owner, leaseUntil }
          storage.timers.set(t.id, claimed)
          return claimed
        })
      }),
    finish: (id, owner, outcome, at) =>
      Effect.sync(() => {
        const t = storage.timers.get(id)
        if (t?.status === "claimed" && t.claimedBy === owner) {
          storage.timers.set(id, { ...t, status: "fired", firedAt: at, outcome })
        }
      }),
    release: (id, owner) =>
      Effect.sync(() => {
        const t = storage.timers.get(id)
        if (t?.status === "claimed" && t.claimedBy === owner) {
          storage.timers.set(id, { ...t, status: "pending", claimedBy: undefined, leaseUntil: undefined })
        }
      }),
  })
}

/**
 * The in-memory event store and runtime store, over `storage` (default: fresh).
 *
 * @example
 * ```ts
 * import { RuntimeStore } from "@yiciban/runtime"
 *
 * const storage = RuntimeStore.makeMemoryStorage()
 * const nodeA = RuntimeStore.layerMemory(storage)
 * const nodeB = RuntimeStore.layerMemory(storage) // sees what node A writes
 * ```
 *
 * @category layers
 * @since 0.1.0
 */
export const layerMemory = (
  storage: MemoryStorage = makeMemoryStorage(),
): Layer.Layer<EventStore.EventStore | RuntimeStore> =>
  Layer.effectContext(
    Effect.map(MemoryEventStore.makeMemory({ storage: storage.events }), (events) =>
      Context.make(EventStore.EventStore, events).pipe(Context.add(RuntimeStore, makeMemory(storage, events))),
    ),
  )

// ---------------------------------------------------------------------------------------------
// PostgreSQL and PGlite
// ---------------------------------------------------------------------------------------------

const unavailable = (operation: string) => (error: SqlClient.SqlError) =>
  new ReadModelUnavailable({ operation, detail: error.message })

/** The runtime's tables, created beside the event store's (idempotent, under an advisory lock). */
const migration = (schema: string) => `
CREATE TABLE IF NOT EXISTS "${schema}".runtime_cases (
  stream text PRIMARY KEY,
  category text NOT NULL,
  id text NOT NULL,
  version bigint NOT NULL,
  status text NOT NULL,
  title text,
  detail jsonb,
  updated_at text NOT NULL
);
CREATE INDEX IF NOT EXISTS runtime_cases_status ON "${schema}".runtime_cases (category, status);
CREATE TABLE IF NOT EXISTS "${schema}".runtime_timers (
  id text PRIMARY KEY,
  stream text NOT NULL,
  due_at timestamptz NOT NULL,
  notice text NOT NULL,
  command jsonb,
  status text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'claimed', 'fired')),
  claimed_by text,
  lease_until timestamptz,
  fired_at text,
  outcome text
);
ALTER TABLE "${schema}".runtime_timers ADD COLUMN IF NOT EXISTS provisional boolean NOT NULL DEFAULT false;
CREATE INDEX IF NOT EXISTS runtime_timers_due ON "${schema}".runtime_timers (due_at) WHERE status <> 'fired';
CREATE INDEX IF NOT EXISTS runtime_timers_stream ON "${schema}".runtime_timers (stream);
`

const iso = (value: unknown): string => new Date(value as string | Date).toISOString()
const isoOrUndefined = (value: unknown): string | undefined => (value === null ? undefined : iso(value))
const orUndefined = <A>(value: A | null): A | undefined => (value === null ? undefined : value)

const toCase = (row: SqlClient.Row): CaseRow => ({
  stream: row.stream as string,
  category: row.category as string,
  id: row.id as string,
  version: Number(row.version),
  status: row.status as string,
  title: orUndefined(row.title as string | null),
  detail: orUndefined(row.detail as Schema.Json | null),
  updatedAt: row.updated_at as string,
})

const toTimer = (row: SqlClient.Row): TimerRow => ({
  id: row.id as string,
  stream: row.stream as string,
  dueAt: iso(row.due_at),
  notice: row.notice as string,
  command: orUndefined(row.command as FollowUp | null),
  provisional: row.provisional === true,
  status: row.status as TimerRow["status"],
  claimedBy: orUndefined(row.claimed_by as string | null),
  leaseUntil: isoOrUndefined(row.lease_until),
  firedAt: orUndefined(row.fired_at as string | null),
  outcome: orUndefined(row.outcome as string | null),
})

const timerColumns =
  "id, stream, due_at, notice, command, provisional, status, claimed_by, lease_until, fired_at, outcome"

/**
 * The runtime store on a PostgreSQL event store (server or PGlite): creates its tables in the
 * store's schema, then writes the inline update with `appendWith`, in the append's transaction.
 *
 * @category constructors
 * @since 0.1.0
 */
export const makeSql = (
  store: PostgresEventStore.PostgresEventStoreService,
): Effect.Effect<RuntimeStore["Service"], ReadModelUnavailable> =>
  Effect.gen(function* () {
    const schema = store.schema
    const sql = store.sql
    const t = (table: string) => `"${schema}".${table}`
    yield* sql
      .transaction((tx) =>
        Effect.andThen(
          tx.query("SELECT pg_advisory_xact_lock(hashtext($1))", [`yiciban-runtime:${schema}`]),
          tx.script(migration(schema)),
        ),
      )
      .pipe(Effect.mapError(unavailable("migrate runtime tables")))

    const inlineHook = (inline: InlineUpdate) => (tx: SqlClient.SqlClient) =>
      Effect.gen(function* () {
        if (inline.summary !== undefined) {
          yield* tx.query(
            `INSERT INTO ${t("runtime_cases")} (stream, category, id, version, status, title, detail, updated_at)
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
             ON CONFLICT (stream) DO UPDATE SET version = excluded.version, status = excluded.status,
               title = excluded.title, detail = excluded.detail, updated_at = excluded.updated_at`,
            [
              inline.stream,
              inline.category,
              inline.id,
              inline.version,
              inline.summary.status,
              inline.summary.title ?? null,
              inline.summary.detail === undefined ? null : JSON.stringify(inline.summary.detail),
              inline.at,
            ],
          )
        }
        if (inline.timers === undefined) return
        yield* writeTimers(tx, inline.stream, inline.timers)
      })

    /** The stream's pending timers become exactly `timers` (claimed and fired ones stay). */
    const writeTimers = (tx: SqlClient.SqlClient, stream: string, timers: ReadonlyArray<TimerSpec>) =>
      Effect.gen(function* () {
        const rows = timers.map((timer) => pendingRow(stream, timer))
        yield* tx.query(
          `DELETE FROM ${t("runtime_timers")} WHERE stream = $1 AND status = 'pending' AND NOT (id = ANY($2::text[]))`,
          [stream, rows.map((row) => row.id)],
        )
        for (const row of rows) {
          yield* tx.query(
            `INSERT INTO ${t("runtime_timers")} (id, stream, due_at, notice, command, provisional)
             VALUES ($1, $2, $3::timestamptz, $4, $5, $6) ON CONFLICT (id) DO NOTHING`,
            [
              row.id,
              row.stream,
              row.dueAt,
              row.notice,
              row.command === undefined ? null : JSON.stringify(row.command),
              row.provisional,
            ],
          )
        }
      })

    return RuntimeStore.of({
      append: (stream, events, expected, inline) =>
        store
          .appendWith(stream, events, expected, (tx) => inlineHook(inline)(tx))
          .pipe(
            Effect.catchTag("SqlError", (error: SqlClient.SqlError) =>
              Effect.fail(unavailable("inline projection")(error)),
            ),
          ),
      cases: sql.query(`SELECT * FROM ${t("runtime_cases")} ORDER BY stream`).pipe(
        Effect.map((rows) => rows.map(toCase)),
        Effect.mapError(unavailable("cases")),
      ),
      caseOf: (stream) =>
        sql.query(`SELECT * FROM ${t("runtime_cases")} WHERE stream = $1`, [stream]).pipe(
          Effect.map((rows) => (rows[0] === undefined ? undefined : toCase(rows[0]))),
          Effect.mapError(unavailable("caseOf")),
        ),
      timers: (stream) =>
        sql
          .query(
            `SELECT ${timerColumns} FROM ${t("runtime_timers")} WHERE ($1::text IS NULL OR stream = $1) ORDER BY due_at, id`,
            [stream ?? null],
          )
          .pipe(
            Effect.map((rows) => rows.map(toTimer)),
            Effect.mapError(unavailable("timers")),
          ),
      claimDue: (now, owner, leaseMillis, limit) =>
        sql
          .query(
            `UPDATE ${t("runtime_timers")} SET status = 'claimed', claimed_by = $2,
               lease_until = $1::timestamptz + make_interval(secs => $3::double precision / 1000)
             WHERE id IN (
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
      // The table lock waits for every append whose inline update has written timers and makes
      // the appends that follow wait at their first timer statement, so the version read after it
      // is the stream's last committed one and no append's timers interleave with these.
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
    })
  })

/**
 * The runtime store over the {@link PostgresEventStore} in context (with the port, from
 * `PostgresEventStore.layerPostgres` or `layerPglite`).
 *
 * @category layers
 * @since 0.1.0
 */
export const layerSql: Layer.Layer<RuntimeStore, ReadModelUnavailable, PostgresEventStore.PostgresEventStore> =
  Layer.effect(RuntimeStore, Effect.flatMap(Effect.service(PostgresEventStore.PostgresEventStore), makeSql))

/**
 * What the SQL layers provide: the port, the PostgreSQL store and the runtime store.
 *
 * @category models
 * @since 0.1.0
 */
export type SqlServices = EventStore.EventStore | PostgresEventStore.PostgresEventStore | RuntimeStore

/**
 * How building a SQL layer may fail: the store's migrations, the database, the runtime's tables.
 *
 * @category errors
 * @since 0.1.0
 */
export type SqlLayerError = Migrations.MigrationError | EventStoreError.StoreUnavailable | ReadModelUnavailable

/**
 * Everything the runtime needs on a PostgreSQL server.
 *
 * @example
 * ```ts
 * import { RuntimeStore } from "@yiciban/runtime"
 *
 * const layer = RuntimeStore.layerPostgres({ connectionString: "postgres://postgres@127.0.0.1:5432/test" })
 * ```
 *
 * @category layers
 * @since 0.1.0
 */
export const layerPostgres = (options: PostgresEventStore.PostgresOptions): Layer.Layer<SqlServices, SqlLayerError> =>
  Layer.provideMerge(layerSql, PostgresEventStore.layerPostgres(options))

/**
 * Everything the runtime needs on PGlite (a folder, or memory without `dataDir`).
 *
 * @example
 * ```ts
 * import { RuntimeStore } from "@yiciban/runtime"
 *
 * const layer = RuntimeStore.layerPglite({ dataDir: "./.yiciban-data" })
 * ```
 *
 * @category layers
 * @since 0.1.0
 */
export const layerPglite = (options: PostgresEventStore.PgliteOptions = {}): Layer.Layer<SqlServices, SqlLayerError> =>
  Layer.provideMerge(layerSql, PostgresEventStore.layerPglite(options))
