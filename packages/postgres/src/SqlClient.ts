/**
 * The small SQL client the PostgreSQL event store is written against, so the store's code exists
 * once and runs both on a PostgreSQL server (through a `pg` connection pool) and on PGlite
 * (PostgreSQL compiled to WebAssembly, embedded in the process, its data in a folder).
 *
 * It is also what an append hook receives: the hook's SQL runs on the append's own connection,
 * inside the append's transaction (see `PostgresEventStore.appendWith`).
 *
 * @since 0.1.0
 */
import { EventStoreError } from "@yiciban/eventstore"
import type { Effect } from "effect"
import * as Data from "effect/Data"

/**
 * A statement the database refused, or a connection that failed. `code` is the SQLSTATE when the
 * database sent one (`23505` unique violation, `40P01` deadlock, …), otherwise `undefined`.
 *
 * @example
 * ```ts
 * import { SqlClient } from "@yiciban/postgres"
 *
 * const error = new SqlClient.SqlError({ code: "23505", message: "duplicate key", cause: undefined })
 * error.code // "23505"
 * ```
 *
 * @category errors
 * @since 0.1.0
 */
export class SqlError extends Data.TaggedError("SqlError")<{
  readonly code: string | undefined
  readonly message: string
  readonly cause: unknown
}> {}

/**
 * Which engine a client talks to: a PostgreSQL `server` through a pool, or `embedded` PGlite.
 *
 * @category models
 * @since 0.1.0
 */
export type Engine = "server" | "embedded"

/**
 * A row as the driver returns it: column name to value (`json` columns already parsed, `bigint`
 * columns as strings on the server and as numbers on PGlite: convert with `Number`).
 *
 * @category models
 * @since 0.1.0
 */
export type Row = Record<string, unknown>

/**
 * The client.
 *
 * - `query(sql, params, name?)`: one statement with `$1`, `$2`, … parameters. A `name` makes it
 *   a prepared statement, parsed once per connection on the server and once per instance on PGlite.
 * - `values(sql, params, name?)`: like `query`, each row an array of its column values in
 *   select-list order (cheaper than objects for wide, long results).
 * - `script(sql)`: several statements without parameters (migrations).
 * - `transaction(body)`: runs `body` with a client bound to one connection inside
 *   `BEGIN … COMMIT` (READ COMMITTED); rolls back when `body` fails or is interrupted. Calling
 *   `transaction` on that inner client runs the body in the same transaction.
 *
 * @example
 * ```ts
 * import { Effect } from "effect"
 * import type { SqlClient } from "@yiciban/postgres"
 *
 * const countCases = (sql: SqlClient.SqlClient) =>
 *   Effect.map(sql.query<{ n: string }>("select count(*) as n from case_list"), (rows) => Number(rows[0]!.n))
 * ```
 *
 * @category models
 * @since 0.1.0
 */
export interface SqlClient {
  readonly engine: Engine
  readonly query: <A extends Row = Row>(
    sql: string,
    params?: ReadonlyArray<unknown>,
    name?: string,
  ) => Effect.Effect<ReadonlyArray<A>, SqlError>
  readonly values: (
    sql: string,
    params?: ReadonlyArray<unknown>,
    name?: string,
  ) => Effect.Effect<ReadonlyArray<ReadonlyArray<unknown>>, SqlError>
  readonly script: (sql: string) => Effect.Effect<void, SqlError>
  readonly transaction: <A, E, R>(body: (sql: SqlClient) => Effect.Effect<A, E, R>) => Effect.Effect<A, E | SqlError, R>
}

/**
 * Turns whatever a driver threw into a {@link SqlError}, keeping the SQLSTATE.
 *
 * @category constructors
 * @since 0.1.0
 */
export const fromUnknown = (cause: unknown): SqlError => {
  const code =
    typeof cause === "object" && cause !== null && typeof (cause as { code?: unknown }).code === "string"
      ? (cause as { code: string }).code
      : undefined
  return new SqlError({ code, message: describe(cause), cause })
}

/**
 * A driver error in one line. Node reports a refused connection to a host with several addresses
 * as an `AggregateError` whose own message is empty: its errors say what happened.
 */
const describe = (cause: unknown): string => {
  if (!(cause instanceof Error)) return EventStoreError.describeCause(cause)
  const inner = (cause as { errors?: unknown }).errors
  if (cause.message.trim() === "" && Array.isArray(inner) && inner.length > 0) {
    return [...new Set(inner.map(describe))].join("; ")
  }
  if (cause.message.trim() !== "") return cause.message
  const code = (cause as { code?: unknown }).code
  return typeof code === "string" ? code : cause.name
}
