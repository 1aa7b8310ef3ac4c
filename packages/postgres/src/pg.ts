/**
 * `@yiciban/postgres/pg`: the store on a PostgreSQL server through a `pg` connection pool — the
 * event store (`makePostgres`, `layerPostgres`), the runtime's layer (`layerRuntime`) and the
 * facade's store adapter (`postgresStore`). Needs the `pg` package (an optional peer dependency
 * of `@yiciban/postgres`: install it beside).
 *
 * @since 0.2.0
 */
import type { EventStore, EventStoreError } from "@yiciban/eventstore"
import type { RuntimeStore } from "@yiciban/runtime"
import type { Layer, Scope } from "effect"
import * as Effect from "effect/Effect"
import pg from "pg"
import * as PgClient from "./internal/pgClient.ts"
import type { MigrationError } from "./Migrations.ts"
import * as PostgresEventStore from "./PostgresEventStore.ts"
import * as PostgresRuntimeStore from "./PostgresRuntimeStore.ts"

/**
 * A store on a PostgreSQL server: either a `pool` you own (the store never ends it) or a
 * `connectionString` (the store makes a pool of `poolSize` connections, default 10, and ends it
 * when its scope closes). Before its first statement on a connection of the pool the store sends
 * one statement that settles the backend's allocator, once per connection (docs/eventstore.md,
 * "Each server connection is settled once").
 *
 * @category models
 * @since 0.1.0
 */
export type PostgresOptions = PostgresEventStore.CommonOptions &
  (
    | { readonly pool: pg.Pool; readonly connectionString?: undefined }
    | { readonly connectionString: string; readonly poolSize?: number | undefined; readonly pool?: undefined }
  )

/**
 * Makes a store on a PostgreSQL server and applies the migrations. Scoped: a pool made from a
 * `connectionString` is ended when the scope closes.
 *
 * @example
 * ```ts
 * import { Effect } from "effect"
 * import { makePostgres } from "@yiciban/postgres/pg"
 *
 * const program = Effect.scoped(
 *   Effect.gen(function* () {
 *     const store = yield* makePostgres({ connectionString: "postgres://postgres@127.0.0.1:5432/test" })
 *     return yield* store.readAll({ fromPosition: 0, limit: 100 })
 *   }),
 * )
 * ```
 *
 * @category constructors
 * @since 0.1.0
 */
export const makePostgres = (
  options: PostgresOptions,
): Effect.Effect<
  PostgresEventStore.PostgresEventStoreService,
  MigrationError | EventStoreError.StoreUnavailable,
  Scope.Scope
> =>
  Effect.gen(function* () {
    const pool =
      options.pool ??
      (yield* Effect.acquireRelease(
        Effect.sync(() => {
          const pool = new pg.Pool({ connectionString: options.connectionString, max: options.poolSize ?? 10 })
          // An idle connection that the server drops must not crash the process: the pool
          // discards it and the next query opens another.
          pool.on("error", () => {})
          return pool
        }),
        (pool) => Effect.promise(() => pool.end()),
      ))
    return yield* PostgresEventStore.makeWithClient(PgClient.make(pool), options)
  })

/**
 * A layer with the `EventStore` port and the `PostgresEventStore` service on a PostgreSQL server.
 *
 * @example
 * ```ts
 * import { layerPostgres } from "@yiciban/postgres/pg"
 *
 * const layer = layerPostgres({ connectionString: "postgres://postgres@127.0.0.1:5432/test" })
 * ```
 *
 * @category layers
 * @since 0.1.0
 */
export const layerPostgres = (
  options: PostgresOptions,
): Layer.Layer<
  EventStore.EventStore | PostgresEventStore.PostgresEventStore,
  MigrationError | EventStoreError.StoreUnavailable
> => PostgresEventStore.layerFrom(makePostgres(options))

/**
 * The runtime's options: the store's, and the deployment's `secret` (at least 32 characters, e.g.
 * 32 random bytes in base64) that names persons by pseudonym and wraps their data keys. Keep it
 * out of the database and the same for every app node; losing it makes every person's sealed
 * data unreadable.
 *
 * @category models
 * @since 0.2.0
 */
export type RuntimeOptions = PostgresOptions & { readonly secret: string }

/**
 * Everything the runtime needs on a PostgreSQL server: the event store, the runtime store and the
 * keyring of subjects' keys (with `options.secret`; missing or shorter than 32 characters,
 * building the layer fails with `InvalidOptions`).
 *
 * @category layers
 * @since 0.2.0
 */
export const layerRuntime = (
  options: RuntimeOptions,
): Layer.Layer<PostgresRuntimeStore.Services, PostgresRuntimeStore.LayerError> =>
  PostgresRuntimeStore.layerOver(layerPostgres(options), options.secret)

/**
 * The facade's store on a PostgreSQL server.
 *
 * @example
 * ```ts
 * import { createYiciban } from "@yiciban/runtime"
 * import { postgresStore } from "@yiciban/postgres/pg"
 *
 * const yiciban = await createYiciban({
 *   store: postgresStore({ connectionString: process.env.DATABASE_URL!, secret: process.env.YICIBAN_SECRET! }),
 * })
 * ```
 *
 * @category constructors
 * @since 0.2.0
 */
export const postgresStore = (options: RuntimeOptions): RuntimeStore.StoreAdapter => ({
  kind: "postgres",
  layer: layerRuntime(options),
})
