/**
 * `@yiciban/postgres/pglite`: the store on PGlite, PostgreSQL embedded in the process with its data
 * in a folder (or in memory) — the event store (`makePglite`, `layerPglite`), the runtime's layer
 * (`layerRuntime`) and the facade's store adapter (`pgliteStore`). Needs the
 * `@electric-sql/pglite` package (an optional peer dependency of `@yiciban/postgres`: install it
 * beside).
 *
 * @since 0.2.0
 */

import { existsSync } from "node:fs"
import { join } from "node:path"
import { PGlite } from "@electric-sql/pglite"
import type { EventStore } from "@yiciban/eventstore"
import { EventStoreError } from "@yiciban/eventstore"
import type { RuntimeStore } from "@yiciban/runtime"
import type { Scope } from "effect"
import * as Data from "effect/Data"
import * as Effect from "effect/Effect"
import * as Layer from "effect/Layer"
import * as FolderLock from "./internal/folderLock.ts"
import * as LoopHold from "./internal/loopHold.ts"
import * as PgliteClient from "./internal/pgliteClient.ts"
import * as PgliteStart from "./internal/pgliteStart.ts"
import * as Seed from "./internal/seed.ts"
import type { MigrationError } from "./Migrations.ts"
import * as PostgresEventStore from "./PostgresEventStore.ts"
import * as PostgresRuntimeStore from "./PostgresRuntimeStore.ts"
import { fromUnknown } from "./SqlClient.ts"

/**
 * The PGlite folder is open in another live process (or already open in this one): two PGlite
 * instances on one folder corrupt it and lose acknowledged writes, so the second open is refused
 * before PGlite starts. `holder` is what the lock file `lockFile` says: the process id, the host
 * and when it opened the folder (`undefined` when the file cannot be read: a process died while
 * writing it). A lock left by a process that has died on this host is taken over without this
 * error; one from another host is never taken: remove the file by hand once sure that host no
 * longer uses the folder.
 *
 * @example
 * ```ts
 * import { Effect } from "effect"
 * import { makePglite } from "@yiciban/postgres/pglite"
 *
 * const open = Effect.scoped(makePglite({ dataDir: "./.yiciban-data" })).pipe(
 *   Effect.catchTag("FolderLocked", (locked) => Effect.logError(locked.message)),
 * )
 * ```
 *
 * @category errors
 * @since 0.2.0
 */
export class FolderLocked extends Data.TaggedError("FolderLocked")<{
  readonly dataDir: string
  readonly lockFile: string
  readonly holder: { readonly pid: number; readonly host: string; readonly since: string } | undefined
}> {
  override get message(): string {
    const holder = this.holder
    if (holder === undefined) {
      return `PGlite folder ${this.dataDir} is locked by ${this.lockFile}, whose holder cannot be read: remove the file if no process uses the folder`
    }
    const who =
      holder.pid === process.pid && holder.host === FolderLock.hostName()
        ? `this process (pid ${holder.pid}) since ${holder.since}: open it once and share the store`
        : `process ${holder.pid} on ${holder.host} since ${holder.since}`
    return `PGlite folder ${this.dataDir} is open in ${who} (lock file ${this.lockFile})`
  }
}

/**
 * Locks a PGlite folder for this process for the life of the scope, or fails with
 * {@link FolderLocked}. `makePglite` calls it for every `dataDir` that names a folder.
 *
 * @category constructors
 * @since 0.2.0
 */
export const lockFolder = (
  dataDir: string,
): Effect.Effect<void, FolderLocked | EventStoreError.StoreUnavailable, Scope.Scope> => {
  const folder = FolderLock.folderOf(dataDir)
  if (folder === undefined) return Effect.void
  return Effect.acquireRelease(
    Effect.try({
      try: () => FolderLock.acquire(folder),
      catch: (cause) => new EventStoreError.StoreUnavailable({ operation: "open", cause: fromUnknown(cause) }),
    }).pipe(
      Effect.flatMap((acquired) =>
        acquired._tag === "Acquired"
          ? Effect.succeed(acquired.release)
          : Effect.fail(new FolderLocked({ dataDir: folder, lockFile: acquired.lockFile, holder: acquired.holder })),
      ),
    ),
    (release) => Effect.sync(release),
  ).pipe(Effect.asVoid)
}

/**
 * What an embedded store's start is doing, for a host that shows progress while it waits (a new
 * folder takes seconds): `restore` (a new database from the seed the package ships), `initdb` (a
 * new database initialised from scratch, without a seed), `open` (a database already there), then
 * `migrate` (the schema checked, and brought up to date), `runtime` (the runtime's tables, with
 * `layerRuntime` and `pgliteStore` only) and `ready`.
 *
 * @example
 * ```ts
 * import { layerRuntime } from "@yiciban/postgres/pglite"
 *
 * const layer = layerRuntime({
 *   dataDir: "./.yiciban-data",
 *   secret: process.env.YICIBAN_SECRET!,
 *   onStage: (stage) => console.log(`starting: ${stage}`),
 * })
 * ```
 *
 * @category models
 * @since 0.3.0
 */
export type StartStage = "restore" | "initdb" | "open" | "migrate" | "runtime" | "ready"

/**
 * A store on PGlite: `dataDir` is the folder that holds the database (created when missing);
 * without it the database lives in memory and is gone when the scope closes. Or pass a `db` you
 * own (the store never closes it, nor locks its folder).
 *
 * A folder is open in one process at a time: `makePglite` takes the folder's lock file before
 * PGlite starts and fails with {@link FolderLocked} when another live process (or this one)
 * holds it; see {@link lockFolder}.
 *
 * @category models
 * @since 0.1.0
 */
export interface PgliteOptions extends PostgresEventStore.CommonOptions {
  readonly dataDir?: string | undefined
  readonly db?: PGlite | undefined
  /**
   * A new database (an empty folder, or memory) restores the data directory the build ships in
   * `seed/` instead of running initdb, when it was made by the installed PGlite version (default
   * `true`; `false` always runs initdb). The seed holds the default schema (`yiciban`) migrated,
   * with the runtime's tables, so a new store in that schema starts as fast as a reopened one; a
   * store in another schema drops it and migrates its own.
   */
  readonly seed?: boolean | undefined
  /** Called as the start moves on (see {@link StartStage}); what it throws is ignored. */
  readonly onStage?: ((stage: StartStage) => void) | undefined
  /**
   * PostgreSQL's `shared_buffers` for a database this store opens: a size in `kB`, `MB` or `GB`, at
   * least `128kB` (default {@link defaultSharedBuffers}, `"32MB"`; PostgreSQL's own is `"128MB"`).
   * PGlite keeps the buffers in the process's memory and writes every page of them at each start,
   * so they cost the host memory and start time: on a 2-core machine a bare open of a reused folder
   * took 0.86 s with 128 MB and 0.61 s with 32 MB, and the process held 340 MB against 233 MB
   * (docs/performance.md). Raise it for a store whose working set is larger. Checked, but not used,
   * with `db` (the caller started that database).
   */
  readonly sharedBuffers?: string | undefined
}

/**
 * The `shared_buffers` of a database `makePglite` opens, unless `sharedBuffers` says otherwise.
 *
 * @category constants
 * @since 0.4.0
 */
export const defaultSharedBuffers: string = PgliteStart.defaultSharedBuffers

const report = (options: PgliteOptions, stage: StartStage): Effect.Effect<void> =>
  options.onStage === undefined ? Effect.void : Effect.ignore(Effect.try(() => options.onStage!(stage)))

/** The stage of opening `folder` (memory when undefined): a new database restored or initialised, or one there. */
const openingStage = (folder: string | undefined, seed: Seed.Seed | undefined): StartStage =>
  seed !== undefined ? "restore" : folder !== undefined && existsSync(join(folder, "PG_VERSION")) ? "open" : "initdb"

/** Whether PGlite keeps a `dataDir` in memory (none, or `memory://`). */
const inMemory = (dataDir: string | undefined): boolean =>
  dataDir === undefined || dataDir === "" || dataDir.startsWith("memory://")

/**
 * A database restored from a seed keeps the seed's schema when the store uses it and this build
 * migrates it the same way; otherwise the schema is dropped before the store migrates its own
 * (see internal/seed.ts). In a folder, the restore's pending file says a seed is not settled yet,
 * also when a start was cut short after the restore: it is removed once the schema is settled.
 */
const settleSeed = (
  db: PGlite,
  folder: string | undefined,
  restored: Seed.SeedDescription | undefined,
  schema: string,
): Effect.Effect<void, EventStoreError.StoreUnavailable> =>
  Effect.gen(function* () {
    const pending = restored ?? (folder === undefined ? undefined : Seed.pendingSeed(folder))
    if (pending === undefined) return
    const unavailable = (cause: unknown) =>
      new EventStoreError.StoreUnavailable({ operation: "open", cause: fromUnknown(cause) })
    const drop = Seed.keepsSchema(pending, schema) ? undefined : Seed.dropSchemaStatement(pending)
    if (drop !== undefined) yield* Effect.tryPromise({ try: () => db.exec(drop), catch: unavailable })
    if (folder !== undefined) yield* Effect.try({ try: () => Seed.settleSeed(folder), catch: unavailable })
  })

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
  MigrationError | EventStoreError.StoreUnavailable | EventStoreError.InvalidArgument | FolderLocked,
  Scope.Scope
> =>
  Effect.gen(function* () {
    const params = PgliteStart.startParams(options.sharedBuffers)
    if (typeof params === "string")
      return yield* new EventStoreError.InvalidArgument({ operation: "open", reason: params })
    if (options.db === undefined && options.dataDir !== undefined) yield* lockFolder(options.dataDir)
    // A folder (a path, `file://`), memory, or another of PGlite's file systems (never seeded).
    const folder = FolderLock.folderOf(options.dataDir)
    const seedable = options.seed !== false && (folder !== undefined || inMemory(options.dataDir))
    // A new database restores the data directory shipped with the package.
    const seed = options.db === undefined && seedable ? Seed.seedFor(folder) : undefined
    const db =
      options.db ??
      (yield* Effect.acquireRelease(
        report(options, openingStage(folder, seed)).pipe(
          Effect.andThen(
            Effect.tryPromise({
              try: () =>
                LoopHold.holdingTheLoop(() => {
                  if (seed === undefined) return PGlite.create(options.dataDir, { startParams: params })
                  // A folder is restored with the node's own file calls; memory through PGlite.
                  if (folder === undefined) {
                    return PGlite.create(options.dataDir, {
                      startParams: params,
                      loadDataDir: new Blob([new Uint8Array(seed.archive)]),
                    })
                  }
                  Seed.restoreSeed(folder, seed.archive, seed.description)
                  return PGlite.create(options.dataDir, { startParams: params })
                }),
              catch: (cause) => new EventStoreError.StoreUnavailable({ operation: "open", cause: fromUnknown(cause) }),
            }),
          ),
        ),
        (db) => Effect.promise(() => db.close()),
      ))
    if (options.db === undefined) yield* settleSeed(db, folder, seed?.description, options.schema ?? "yiciban")
    yield* report(options, "migrate")
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
  MigrationError | EventStoreError.StoreUnavailable | EventStoreError.InvalidArgument | FolderLocked
> => Layer.tap(PostgresEventStore.layerFrom(makePglite(options)), () => report(options, "ready"))

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
): Layer.Layer<
  PostgresRuntimeStore.Services,
  PostgresRuntimeStore.LayerError | EventStoreError.InvalidArgument | FolderLocked
> =>
  Layer.tap(
    PostgresRuntimeStore.layerOver(
      Layer.tap(PostgresEventStore.layerFrom(makePglite(options)), () => report(options, "runtime")),
      options?.secret,
    ),
    () => report(options, "ready"),
  )

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
