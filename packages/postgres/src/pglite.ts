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
          try: () => PGlite.create(options.dataDir),
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
 * The runtime's options: the store's, and the deployment's `secret` (at least 32 characters, e.g.
 * 32 random bytes in base64) that names persons by pseudonym and wraps their data keys. Keep it
 * out of the database and the same for every app node; losing it makes every person's sealed
 * data unreadable.
 *
 * @category models
 * @since 0.2.0
 */
export type RuntimeOptions = PgliteOptions & { readonly secret: string }

/**
 * Everything the runtime needs on PGlite: the event store, the runtime store and the keyring of
 * subjects' keys (with `options.secret`; missing or shorter than 32 characters, building the layer
 * fails with `InvalidOptions`).
 *
 * @category layers
 * @since 0.2.0
 */
export const layerRuntime = (
  options: RuntimeOptions,
): Layer.Layer<PostgresRuntimeStore.Services, PostgresRuntimeStore.LayerError> =>
  PostgresRuntimeStore.layerOver(layerPglite(options), options?.secret)

/**
 * The facade's store on PGlite: a folder, created on first use (or memory without `dataDir`).
 *
 * @example
 * ```ts
 * import { createYiciban } from "@yiciban/runtime"
 * import { pgliteStore } from "@yiciban/postgres/pglite"
 *
 * const yiciban = await createYiciban({
 *   store: pgliteStore({ dataDir: "./.yiciban-data", secret: process.env.YICIBAN_SECRET! }),
 * })
 * ```
 *
 * @category constructors
 * @since 0.2.0
 */
export const pgliteStore = (options: RuntimeOptions): RuntimeStore.StoreAdapter => ({
  kind: "pglite",
  layer: layerRuntime(options),
})
