/**
 * The {@link SqlClient} over a `pg` connection pool (a PostgreSQL server).
 */
import * as Effect from "effect/Effect"
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
    const answer = (error: Error | undefined, result: { rows: Array<any> } | undefined) =>
      resume(error ? Effect.fail(fromUnknown(error)) : Effect.succeed(result!.rows as Array<A>))
    try {
      if (isPool(target)) onPooledConnection(target, config, answer)
      else target.query(config, answer)
    } catch (error) {
      resume(Effect.fail(fromUnknown(error)))
    }
  })

const isPool = (target: Queryable): target is Pool => !("release" in target)

/**
 * What the store sends once on each server connection before its first statement there: a 4 MiB
 * value made and dropped, so that the backend's C allocator keeps the memory of large statements
 * instead of handing it back to the system after each one.
 *
 * PostgreSQL allocates a statement's large values (over 8 kB: a batch's JSON, the texts of its
 * link) with `malloc` and frees them when the statement ends. glibc's `malloc` gives the top of
 * its heap back to the system once more than 128 kB of it is free, so a backend running 100-event
 * appends could fault 70–110 pages back in on every statement: 12–17 µs of backend CPU per event,
 * W3 at 0.52–0.64× the same appends without the hash chain's link (`bench/backendFaults.ts`).
 * Freeing one block larger than glibc's mmap threshold raises that threshold to the block's size
 * and the trimming threshold to twice it, for the backend's lifetime (glibc's dynamic mmap
 * threshold): after this statement a backend keeps up to 8 MiB of freed memory and large appends
 * fault nothing. Elsewhere (another C library) it is one cheap statement per connection. It runs
 * outside any transaction, before the statement that needs it; its answer, even an error, is
 * ignored: a connection it finds broken fails the statement that follows, as it would have anyway.
 */
export const settleAllocator = "SELECT pg_catalog.length(pg_catalog.repeat('x', 4194304))"

/** The connections already sent `settleAllocator` (a connection's backend keeps it for its lifetime). */
const settled = new WeakSet<PoolClient>()

/** Runs `next` once `client` is settled: at once, or when its `settleAllocator` has answered. */
const settledThen = (client: PoolClient, next: () => void): void => {
  if (settled.has(client)) {
    next()
    return
  }
  settled.add(client)
  client.query(settleAllocator, () => next())
}

/**
 * One statement on a connection borrowed from the pool, which is returned to the pool afterwards
 * unless the connection itself failed. `pool.query` would destroy the connection on any error,
 * even one the server answered with a SQLSTATE (a unique-key conflict, which is how a lost
 * append race is told): under contention every lost race would open a new connection. An error
 * the server answered leaves the connection ready for the next statement (outside a transaction
 * the failed statement was its own), so only an error without a SQLSTATE (lost, timed out) or of
 * a class that speaks of the connection or the server (08 connection exception, 57 operator
 * intervention, 58 system error, XX internal error) destroys it; pg-pool also drops a connection
 * that has ended, whatever it is told.
 */
const connectionMayBeBroken = (error: Error): boolean => {
  const code = (error as { code?: unknown }).code
  return typeof code !== "string" || /^(08|57|58|XX)/.test(code)
}

const onPooledConnection = (
  pool: Pool,
  config: QueryConfig,
  answer: (error: Error | undefined, result: { rows: Array<any> } | undefined) => void,
): void => {
  pool.connect((connectError, client, release) => {
    if (connectError || client === undefined) return answer(connectError ?? new Error("no connection"), undefined)
    let released = false
    const done = (error: Error | undefined, result: { rows: Array<any> } | undefined) => {
      if (released) return
      released = true
      client.removeListener("error", lost)
      release(error !== undefined && connectionMayBeBroken(error) ? error : undefined)
      answer(error, result)
    }
    const lost = (error: Error) => done(error, undefined)
    client.once("error", lost)
    settledThen(client, () =>
      client.query(config, (error: Error | undefined, result: { rows: Array<any> }) =>
        done(error ?? undefined, result),
      ),
    )
  })
}

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
    Effect.tryPromise({
      try: () =>
        pool
          .connect()
          .then((client) => new Promise<PoolClient>((resolve) => settledThen(client, () => resolve(client)))),
      catch: fromUnknown,
    }),
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
