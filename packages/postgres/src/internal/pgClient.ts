/**
 * The {@link SqlClient} over a `pg` connection pool (a PostgreSQL server).
 */
import { Effect } from "effect"
import type { Pool, PoolClient, QueryArrayConfig, QueryConfig } from "pg"
import { fromUnknown, type Row, type SqlClient, type SqlError } from "../SqlClient.ts"

type Queryable = Pool | PoolClient

/**
 * One statement through pg's callback API: a single asynchronous Effect, no promise in between
 * (this is the hot path of every read and append).
 */
const submit = <A>(
  target: Queryable,
  sql: string,
  params: ReadonlyArray<unknown> | undefined,
  name: string | undefined,
  rowMode: "array" | undefined,
): Effect.Effect<ReadonlyArray<A>, SqlError> =>
  Effect.callback<ReadonlyArray<A>, SqlError>((resume) => {
    const config: QueryConfig = { text: sql }
    if (params !== undefined) config.values = params as Array<unknown>
    if (name !== undefined) config.name = name
    if (rowMode !== undefined) (config as QueryArrayConfig).rowMode = rowMode
    try {
      target.query(config, (error: Error | undefined, result: { rows: Array<any> }) =>
        resume(error ? Effect.fail(fromUnknown(error)) : Effect.succeed(result.rows as Array<A>)),
      )
    } catch (error) {
      resume(Effect.fail(fromUnknown(error)))
    }
  })

const run = <A extends Row>(
  target: Queryable,
  sql: string,
  params: ReadonlyArray<unknown> | undefined,
  name: string | undefined,
): Effect.Effect<ReadonlyArray<A>, SqlError> => submit<A>(target, sql, params, name, undefined)

const values = (
  target: Queryable,
  sql: string,
  params: ReadonlyArray<unknown> | undefined,
  name: string | undefined,
): Effect.Effect<ReadonlyArray<ReadonlyArray<unknown>>, SqlError> =>
  submit<ReadonlyArray<unknown>>(target, sql, params, name, "array")

const script = (target: Queryable, sql: string): Effect.Effect<void, SqlError> =>
  Effect.asVoid(Effect.tryPromise({ try: () => target.query(sql), catch: fromUnknown }))

/** Runs `body` in `BEGIN … COMMIT` on a dedicated connection of `pool`. */
export const transaction = <A, E, R>(
  pool: Pool,
  body: (sql: SqlClient) => Effect.Effect<A, E, R>,
): Effect.Effect<A, E | SqlError, R> => {
  // A connection that failed without a SQLSTATE (lost, timed out) or whose rollback failed is in
  // an unknown state: it is destroyed rather than returned to the pool.
  let broken = false
  const watch = <A>(effect: Effect.Effect<A, SqlError>) =>
    Effect.tapError(effect, (error) =>
      Effect.sync(() => {
        if (error.code === undefined) broken = true
      }),
    )
  return Effect.acquireUseRelease(
    Effect.tryPromise({ try: () => pool.connect(), catch: fromUnknown }),
    (client) => {
      const tx: SqlClient = {
        engine: "server",
        query: (sql, params, name) => watch(run(client, sql, params, name)),
        values: (sql, params, name) => watch(values(client, sql, params, name)),
        script: (sql) => watch(script(client, sql)),
        transaction: (inner) => inner(tx),
      }
      return tx.script("BEGIN ISOLATION LEVEL READ COMMITTED").pipe(
        Effect.andThen(body(tx)),
        Effect.tap(() => tx.script("COMMIT")),
        Effect.onError(() =>
          script(client, "ROLLBACK").pipe(
            Effect.catch(() =>
              Effect.sync(() => {
                broken = true
              }),
            ),
          ),
        ),
      )
    },
    (client) => Effect.sync(() => client.release(broken ? true : undefined)),
  )
}

/** The client over a pool: each `query` borrows a connection for one statement. */
export const make = (pool: Pool): SqlClient => ({
  engine: "server",
  query: (sql, params, name) => run(pool, sql, params, name),
  values: (sql, params, name) => values(pool, sql, params, name),
  script: (sql) => script(pool, sql),
  transaction: (body) => transaction(pool, body),
})
