/**
 * The {@link SqlClient} over PGlite. PGlite is one PostgreSQL session: statements from concurrent
 * fibers must not interleave with an open transaction, so every statement and every transaction
 * holds the one permit of a semaphore.
 */
import type { PGlite } from "@electric-sql/pglite"
import { Effect, Semaphore } from "effect"
import { fromUnknown, type Row, type SqlClient, type SqlError } from "../SqlClient.ts"

const run = <A extends Row>(
  db: PGlite,
  sql: string,
  params: ReadonlyArray<unknown> | undefined,
): Effect.Effect<ReadonlyArray<A>, SqlError> =>
  Effect.tryPromise({
    try: () => db.query<A>(sql, params as Array<unknown> | undefined),
    catch: fromUnknown,
  }).pipe(Effect.map((result) => result.rows))

const values = (
  db: PGlite,
  sql: string,
  params: ReadonlyArray<unknown> | undefined,
): Effect.Effect<ReadonlyArray<ReadonlyArray<unknown>>, SqlError> =>
  Effect.tryPromise({
    try: () => db.query<Array<unknown>>(sql, params as Array<unknown> | undefined, { rowMode: "array" }),
    catch: fromUnknown,
  }).pipe(Effect.map((result) => result.rows))

const script = (db: PGlite, sql: string): Effect.Effect<void, SqlError> =>
  Effect.asVoid(Effect.tryPromise({ try: () => db.exec(sql), catch: fromUnknown }))

/** One permit per PGlite instance, shared by every client made over it. */
const permits = new WeakMap<PGlite, Semaphore.Semaphore>()

/** The client over one PGlite instance. */
export const make = (db: PGlite): SqlClient => {
  let permit = permits.get(db)
  if (permit === undefined) {
    permit = Semaphore.makeUnsafe(1)
    permits.set(db, permit)
  }
  const tx: SqlClient = {
    engine: "embedded",
    query: (sql, params) => run(db, sql, params),
    values: (sql, params) => values(db, sql, params),
    script: (sql) => script(db, sql),
    transaction: (body) => body(tx),
  }
  return {
    engine: "embedded",
    query: (sql, params) => permit.withPermits(1)(run(db, sql, params)),
    values: (sql, params) => permit.withPermits(1)(values(db, sql, params)),
    script: (sql) => permit.withPermits(1)(script(db, sql)),
    transaction: (body) =>
      permit.withPermits(1)(
        script(db, "BEGIN ISOLATION LEVEL READ COMMITTED").pipe(
          Effect.andThen(body(tx)),
          Effect.tap(() => script(db, "COMMIT")),
          Effect.onError(() => Effect.ignore(script(db, "ROLLBACK"))),
        ),
      ),
  }
}
