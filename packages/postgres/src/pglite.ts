/**
 * `@yiciban/postgres/pglite`: the store on PGlite, PostgreSQL embedded in the process with its data
 * in a folder (or in memory) — the event store (`makePglite`, `layerPglite`), the runtime's layer
 * (`layerRuntime`) and the facade's store adapter (`pgliteStore`). Needs the
 * `@electric-sql/pglite` package (an optional peer dependency of `@yiciban/postgres`: install it
 * beside).
 *
 * @since 0.2.0
 */
import { PGlite } from "@electric-sql/pglite"
import type { EventStore } from "@yiciban/eventstore"
import { EventStoreError } from "@yiciban/eventstore"
import type { RuntimeStore } from "@yiciban/runtime"
import { Effect, type Layer, type Scope } from "effect"
import * as PgliteClient from "./internal/pgliteClient.ts"
import { seedFor } from "./internal/seed.ts"
import type { MigrationError } from "./Migrations.ts"
import * as PostgresEventStore from "./PostgresEventStore.ts"
import * as PostgresRuntimeStore from "./PostgresRuntimeStore.ts"
import { fromUnknown } from "./SqlClient.ts"

/**
 * A store on PGlite: `dataDir` is the folder that holds the database (created when missing);
 * without it the database lives in memory and is gone when the scope closes. Or pass a `db` you
 * own (the store never closes it).
 *
 * @category models
 * @since 0.1.0
 */
export interface PgliteOptions extends PostgresEventStore.CommonOptions {
  readonly dataDir?: string | undefined
  readonly db?: PGlite | undefined
  /**
   * A new database (an empty folder, or memory) restores the initialised data directory the
   * build ships in `seed/` instead of running initdb, when it was made by the installed PGlite
   * version (default `true`; `false` always runs initdb).
   */
  readonly seed?: boolean | undefined
}

/**
 * Makes a store on PGlite (a folder on disk, or memory) and applies the migrations. Scoped: a
 * database opened here is closed when the scope closes.
 *
 * @example
 * ```ts
 * import { Effect } from "effect"
 * import { makePglite } from "@yiciban/postgres/pglite"
 *
 * const program = Effect.scoped(
 *   Effect.gen(function* () {
 *     const store = yield* makePglite({ dataDir: "./.yiciban-data" })
 *     return yield* store.readAll({ fromPosition: 0, limit: 100 })
 *   }),
 * )
 * ```
 *
 * @category constructors
 * @since 0.1.0
 */
export const makePglite = (
  options: PgliteOptions = {},
): Effect.Effect<
  PostgresEventStore.PostgresEventStoreService,
  MigrationError | EventStoreError.StoreUnavailable,
  Scope.Scope
> =>
  Effect.gen(function* () {
    const db =
      options.db ??
      (yield* Effect.acquireRelease(
        Effect.tryPromise({
          try: () => {
            // A new database restores the initialised directory shipped with the package.
            const seed = options.seed === false ? undefined : seedFor(options.dataDir)
            return seed === undefined
              ? PGlite.create(options.dataDir)
              : PGlite.create(options.dataDir, { loadDataDir: seed })
          },
          catch: (cause) => new EventStoreError.StoreUnavailable({ operation: "open", cause: fromUnknown(cause) }),
        }),
        (db) => Effect.promise(() => db.close()),
      ))
    return yield* PostgresEventStore.makeWithClient(PgliteClient.make(db), options)
  })

/**
 * A layer with the `EventStore` port and the `PostgresEventStore` service on PGlite.
 *
 * @example
 * ```ts
 * import { layerPglite } from "@yiciban/postgres/pglite"
 *
 * const embedded = layerPglite({ dataDir: "./.yiciban-data" })
 * const inMemory = layerPglite()
 * ```
 *
 * @category layers
 * @since 0.1.0
 */
export const layerPglite = (
  options: PgliteOptions = {},
): Layer.Layer<
  EventStore.EventStore | PostgresEventStore.PostgresEventStore,
  MigrationError | EventStoreError.StoreUnavailable
> => PostgresEventStore.layerFrom(makePglite(options))

/**
 * Everything the runtime needs on PGlite: the event store and the runtime store.
 *
 * @category layers
 * @since 0.2.0
 */
export const layerRuntime = (
  options: PgliteOptions = {},
): Layer.Layer<PostgresRuntimeStore.Services, PostgresRuntimeStore.LayerError> =>
  PostgresRuntimeStore.layerOver(layerPglite(options))

/**
 * The facade's store on PGlite: a folder, created on first use (or memory without `dataDir`).
 *
 * @example
 * ```ts
 * import { createYiciban } from "@yiciban/runtime"
 * import { pgliteStore } from "@yiciban/postgres/pglite"
 *
 * const yiciban = await createYiciban({ store: pgliteStore({ dataDir: "./.yiciban-data" }) })
 * ```
 *
 * @category constructors
 * @since 0.2.0
 */
export const pgliteStore = (options: PgliteOptions = {}): RuntimeStore.StoreAdapter => ({
  kind: "pglite",
  layer: layerRuntime(options),
})
