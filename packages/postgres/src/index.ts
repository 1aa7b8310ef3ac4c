/**
 * @yiciban/postgres — Yiciban's event store on PostgreSQL: a server through a `pg` connection pool,
 * or PGlite embedded in a folder. One schema, one implementation.
 *
 * @since 0.1.0
 */

/**
 * Versioned migrations applied on start, under an advisory lock.
 *
 * @since 0.1.0
 */
export * as Migrations from "./Migrations.ts"

/**
 * The policy library (政策库) in SQL: Chinese search with a GIN index over characters, on the server and PGlite.
 *
 * @since 0.3.0
 */
export * as PolicyLibrarySql from "./PolicyLibrarySql.ts"

/**
 * The store: `makePostgres`, `layerPostgres`, `makePglite`, `layerPglite`, and the
 * `PostgresEventStore` service (append hooks, read horizon, stall status).
 *
 * @since 0.1.0
 */
export * as PostgresEventStore from "./PostgresEventStore.ts"
/**
 * The runtime's read models (case list, due timers) on PostgreSQL and PGlite.
 *
 * @since 0.2.0
 */
export * as PostgresRuntimeStore from "./PostgresRuntimeStore.ts"
/**
 * The read horizon, the stall and its limit.
 *
 * @since 0.1.0
 */
export * as ReadHorizon from "./ReadHorizon.ts"
/**
 * The small SQL client the store is written against (server pool or PGlite).
 *
 * @since 0.1.0
 */
export * as SqlClient from "./SqlClient.ts"
