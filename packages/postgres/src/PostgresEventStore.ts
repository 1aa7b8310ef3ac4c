/**
 * Yiciban's event store on PostgreSQL: one SQL schema and one implementation, run on a PostgreSQL
 * server through a `pg` connection pool (production: many app nodes sharing one database;
 * `@yiciban/postgres/pg`) or on PGlite embedded in the process with its data in a folder (the
 * zero-setup default for the demo and small deployments, and in memory for tests;
 * `@yiciban/postgres/pglite`). This module knows neither driver: each lives in its entry point,
 * and `pg` and `@electric-sql/pglite` are optional peer dependencies, so a host installs only the
 * one it uses.
 *
 * Both pass the conformance suite of `@yiciban/eventstore/testing`. Beyond the port, the store
 * offers {@link PostgresEventStoreService.appendWith} (run SQL in the append's own transaction:
 * the seam for inline projections), {@link PostgresEventStoreService.readAllWithStatus} and
 * {@link PostgresEventStoreService.stallStatus} (the read horizon and its stall, see
 * `ReadHorizon`).
 *
 * @since 0.1.0
 */
import type { EventEnvelope, EventStoreError, EventValidation, ExpectedVersion } from "@yiciban/eventstore"
import { EventStore } from "@yiciban/eventstore"
import type { Scope } from "effect"
import * as Context from "effect/Context"
import * as Effect from "effect/Effect"
import * as Layer from "effect/Layer"
import { makeStore } from "./internal/store.ts"
import { type MigrationError, migrate } from "./Migrations.ts"
import type { StallOptions, StallStatus } from "./ReadHorizon.ts"
import type { SqlClient } from "./SqlClient.ts"

/**
 * The events an append wrote, as its hook sees them: the stream, its version after the append and
 * each event with its version and global position (not upcast; `recordedAt` is the transaction's
 * start, not known to the hook).
 *
 * @category models
 * @since 0.1.0
 */
export interface AppendedEvents {
  readonly stream: string
  readonly streamVersion: number
  readonly events: ReadonlyArray<
    EventEnvelope.NewEvent & {
      readonly stream: string
      readonly streamVersion: number
      readonly globalPosition: number
    }
  >
}

/**
 * SQL to run in the append's own transaction, after the events are written and before it commits
 * (inline projections: case lists, due timers). If the hook fails, the transaction rolls back and
 * nothing is written; the append fails with the hook's error. The hook must use the `sql` it is
 * given (the transaction's connection), must not append to the store itself, and should be quick:
 * while it runs, its transaction holds the read horizon (see `ReadHorizon`). It does not run when
 * the append writes nothing (an idempotent re-append or an empty batch).
 *
 * @category models
 * @since 0.1.0
 */
export type AppendHook<E, R> = (sql: SqlClient, appended: AppendedEvents) => Effect.Effect<void, E, R>

/**
 * An inline update written in the append's own statement (see
 * {@link PostgresEventStoreService.appendInline}): the events' INSERT is the CTE
 * `appended(global_position, version)` — one row, the first position and the stream's new
 * version, when the events were written; none otherwise — and `ctes` follow it in the same
 * autocommitted statement, so everything commits together or nothing does.
 *
 * - `ctes`: one or more `name AS (…)` separated by commas, data-modifying or not. Each one that
 *   writes must read `appended` (`FROM appended`, `WHERE EXISTS (SELECT 1 FROM appended)`): then it
 *   writes only when the events were written, and after them. The parts of one statement see one
 *   snapshot and not each other's rows, so two parts must not write the same row. Names other than
 *   `appended` and the store's own (`current`, `input`, `chained`, `written`) are free.
 * - `params`: the CTEs' parameters, `$9`, `$10`, … (`$1` is the stream).
 * - `name`: names the prepared statement; one name for one `ctes` text.
 * - `hook`: the same update as an {@link AppendHook}, run in the append's transaction whenever the
 *   statement cannot decide (nothing written in its snapshot, a unique-key conflict).
 *
 * @example
 * ```ts
 * import { Effect } from "effect"
 * import type { PostgresEventStore } from "@yiciban/postgres"
 *
 * const touched = (stream: string): PostgresEventStore.InlineStatement<never, never> => ({
 *   name: "touched",
 *   ctes: `touched AS (INSERT INTO app.touched (stream, version) SELECT $9::text, a.version FROM appended a)`,
 *   params: [stream],
 *   hook: (sql, appended) =>
 *     Effect.orDie(
 *       Effect.asVoid(sql.query("INSERT INTO app.touched (stream, version) VALUES ($1, $2)", [stream, appended.streamVersion])),
 *     ),
 * })
 * ```
 *
 * @category models
 * @since 0.3.0
 */
export interface InlineStatement<E, R> {
  readonly name: string
  readonly ctes: string
  readonly params: ReadonlyArray<unknown>
  readonly hook: AppendHook<E, R>
}

/**
 * A page of `readAll` with the read horizon and its stall as that read saw them.
 *
 * @category models
 * @since 0.1.0
 */
export interface ReadAllPage {
  readonly events: ReadonlyArray<EventEnvelope.RecordedEvent>
  readonly status: StallStatus
}

type Port = EventStore.EventStore["Service"]

/**
 * The PostgreSQL store: the {@link EventStore} port plus
 *
 * - `appendWith(stream, events, expected, hook)`: an append whose hook runs SQL in the same
 *   transaction (see {@link AppendHook});
 * - `appendInline(stream, events, expected, inline)`: an append whose inline update is written in
 *   the same statement, one autocommitted round trip (see {@link InlineStatement});
 *   its hook otherwise;
 * - `readAllWithStatus(options)`: `readAll` plus the horizon and stall it saw;
 * - `stallStatus`: the horizon and stall now;
 * - `engine`, `schema`, `sql`: where it runs, its schema and its {@link SqlClient} (for read
 *   models kept in the same database).
 *
 * @category models
 * @since 0.1.0
 */
export interface PostgresEventStoreService extends Port {
  readonly engine: SqlClient["engine"]
  readonly schema: string
  readonly sql: SqlClient
  readonly appendWith: <E, R>(
    stream: string,
    events: ReadonlyArray<EventEnvelope.NewEvent>,
    expected: ExpectedVersion.ExpectedVersion,
    hook: AppendHook<E, R> | undefined,
  ) => Effect.Effect<EventStore.AppendResult, EventStoreError.AppendError | E, R>
  readonly appendInline: <E, R>(
    stream: string,
    events: ReadonlyArray<EventEnvelope.NewEvent>,
    expected: ExpectedVersion.ExpectedVersion,
    inline: InlineStatement<E, R>,
  ) => Effect.Effect<EventStore.AppendResult, EventStoreError.AppendError | E, R>
  readonly readAllWithStatus: (
    options: EventStore.ReadAllOptions,
  ) => Effect.Effect<ReadAllPage, EventStoreError.ReadError>
  readonly stallStatus: Effect.Effect<StallStatus, EventStoreError.StoreUnavailable>
}

/**
 * The PostgreSQL store as a service, for code that needs more than the port (the runtime's inline
 * projections, health checks reading the stall).
 *
 * @example
 * ```ts
 * import { Effect } from "effect"
 * import { PostgresEventStore } from "@yiciban/postgres"
 *
 * const health = Effect.gen(function* () {
 *   const store = yield* PostgresEventStore.PostgresEventStore
 *   const status = yield* store.stallStatus
 *   return status.exceeded ? "stalled" : "ok"
 * })
 * ```
 *
 * @category services
 * @since 0.1.0
 */
export class PostgresEventStore extends Context.Service<PostgresEventStore, PostgresEventStoreService>()(
  "@yiciban/postgres/PostgresEventStore",
) {}

/**
 * What every PostgreSQL store accepts: the port's options (upcasters, largest event), the schema
 * its tables live in (default `yiciban`) and the stall limit.
 *
 * @category models
 * @since 0.1.0
 */
export interface CommonOptions extends EventValidation.StoreOptions {
  readonly schema?: string | undefined
  readonly stall?: StallOptions | undefined
}

/**
 * Builds the store over any {@link SqlClient}: applies the migrations, then returns the store.
 *
 * @category constructors
 * @since 0.1.0
 */
export const makeWithClient = (
  sql: SqlClient,
  options: CommonOptions = {},
): Effect.Effect<PostgresEventStoreService, MigrationError> => {
  const schema = options.schema ?? "yiciban"
  return Effect.as(migrate(sql, schema), makeStore(sql, schema, options))
}

/**
 * The layer of a store: the {@link EventStore} port and the {@link PostgresEventStore} service,
 * from an effect that makes the store (`makePostgres` of `@yiciban/postgres/pg`, `makePglite` of
 * `@yiciban/postgres/pglite`, or {@link makeWithClient}).
 *
 * @category layers
 * @since 0.2.0
 */
export const layerFrom = <E>(
  make: Effect.Effect<PostgresEventStoreService, E, Scope.Scope>,
): Layer.Layer<EventStore.EventStore | PostgresEventStore, E> =>
  Layer.effectContext(
    Effect.map(make, (store) =>
      Context.make(PostgresEventStore, store).pipe(Context.add(EventStore.EventStore, EventStore.EventStore.of(store))),
    ),
  )
