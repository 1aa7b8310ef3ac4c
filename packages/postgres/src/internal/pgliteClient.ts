/**
 * The {@link SqlClient} over PGlite. PGlite is one PostgreSQL session: statements from concurrent
 * fibers must not interleave with an open transaction, so every statement and every transaction
 * holds the one permit of a semaphore.
 *
 * A statement with a name is a prepared statement, as on the server: parsed and described once per
 * PGlite instance, then each run is one message (Bind, Describe, Execute, Sync) handed to PGlite in
 * one call. `PGlite.query` sends every statement unnamed, in six calls into WebAssembly (Parse,
 * Describe, Bind, Describe, Execute, Sync), and PostgreSQL parses and plans it anew each time:
 * for the store's read of a stream that is more than half of the statement's time. The values
 * are serialized by PGlite's own serializers, as `query` does; the rows are read straight from the
 * bytes PostgreSQL writes (`RowReader`, internal/pgliteRows.ts) and parsed by PGlite's parsers.
 */
import { type PGlite, parse, protocol } from "@electric-sql/pglite"
import * as Effect from "effect/Effect"
import * as Semaphore from "effect/Semaphore"
import { fromUnknown, type Row, type SqlClient, type SqlError } from "../SqlClient.ts"
import { type RowMode as Mode, RowReader } from "./pgliteRows.ts"

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

/** A statement prepared in one PGlite instance: its text and the types PostgreSQL inferred for its parameters. */
interface Prepared {
  readonly text: string
  readonly parameterTypes: ReadonlyArray<number>
}

/** What each PGlite instance has prepared, by statement name. */
const preparedIn = new WeakMap<PGlite, Map<string, Prepared>>()

const concat = (parts: ReadonlyArray<Uint8Array>): Uint8Array => {
  const out = new Uint8Array(parts.reduce((n, part) => n + part.length, 0))
  let offset = 0
  for (const part of parts) {
    out.set(part, offset)
    offset += part.length
  }
  return out
}

/** One protocol exchange, under PGlite's own query lock (a host may use the instance it passed in). */
const exchange = (db: PGlite, message: Uint8Array) =>
  Effect.tryPromise({
    try: () => db.runExclusive(() => db.execProtocol(message)),
    catch: fromUnknown,
  })

/**
 * One run of a prepared statement, under PGlite's query lock: its rows read from the bytes
 * PostgreSQL writes as they come (`execProtocolRawStream`), its error thrown as PGlite's own
 * `DatabaseError`, as `execProtocol` throws it.
 */
const exchangeRows = (db: PGlite, message: Uint8Array, mode: Mode) =>
  Effect.tryPromise({
    try: () =>
      db.runExclusive(async () => {
        const reader = new RowReader(db.parsers, mode)
        await db.execProtocolRawStream(message, { onRawData: reader.take })
        if (reader.error !== undefined) throw reader.error
        if (reader.truncated) throw new Error("PGlite's response was not whole protocol messages")
        return reader
      }),
    catch: fromUnknown,
  }).pipe(
    Effect.tap((reader) =>
      reader.notified.length === 0
        ? Effect.void
        : Effect.logWarning(
            `PGlite: a prepared statement notified ${reader.notified.join(", ")}; PGlite's listeners were not called`,
          ),
    ),
    Effect.map((reader) => reader.rows),
  )

/** The text form of each value for its parameter's type, as `PGlite.query` makes it. */
const serialize = (db: PGlite, prepared: Prepared, params: ReadonlyArray<unknown>) =>
  params.map((value, i) => {
    if (value === null || value === undefined) return null
    const serializer = db.serializers[prepared.parameterTypes[i]!]
    return serializer === undefined ? String(value) : serializer(value)
  })

/** A result's type changed under a prepared statement (DDL since it was prepared): it is prepared again. */
const isStale = (error: SqlError) => error.code === "0A000"

const prepare = (db: PGlite, statements: Map<string, Prepared>, name: string, text: string) =>
  exchange(
    db,
    concat([
      protocol.serialize.parse({ name, text }),
      protocol.serialize.describe({ type: "S", name }),
      protocol.serialize.sync(),
    ]),
  ).pipe(
    Effect.map(({ messages }) => {
      const prepared: Prepared = { text, parameterTypes: parse.parseDescribeStatementResults(messages) }
      statements.set(name, prepared)
      return prepared
    }),
  )

/** Prepares, or, when the session already has a statement of that name this map does not know, replaces it. */
const prepareOrReplace = (db: PGlite, statements: Map<string, Prepared>, name: string, text: string) =>
  prepare(db, statements, name, text).pipe(
    Effect.catchIf(
      (error) => error.code === "42P05",
      () => forget(db, statements, name).pipe(Effect.andThen(prepare(db, statements, name, text))),
    ),
  )

const forget = (db: PGlite, statements: Map<string, Prepared>, name: string) =>
  Effect.suspend(() => {
    statements.delete(name)
    return Effect.ignore(script(db, `DEALLOCATE "${name.replaceAll('"', '""')}"`))
  })

/**
 * Runs `text` as the prepared statement `name`: prepared on first use, then one exchange per run.
 * A name already prepared with another text runs unprepared (the name is taken).
 */
const runPrepared = (
  db: PGlite,
  name: string,
  text: string,
  params: ReadonlyArray<unknown>,
  mode: Mode,
): Effect.Effect<ReadonlyArray<any>, SqlError> => {
  let statements = preparedIn.get(db)
  if (statements === undefined) {
    statements = new Map()
    preparedIn.set(db, statements)
  }
  const unprepared: Effect.Effect<ReadonlyArray<any>, SqlError> = mode === "array"
    ? values(db, text, params)
    : run(db, text, params)
  const known = statements.get(name)
  if (known !== undefined && known.text !== text) return unprepared
  const execute = (prepared: Prepared) =>
    exchangeRows(
      db,
      concat([
        protocol.serialize.bind({ statement: name, values: serialize(db, prepared, params) }),
        protocol.serialize.describe({ type: "P" }),
        protocol.serialize.execute({}),
        protocol.serialize.sync(),
      ]),
      mode,
    )
  const byName = statements
  return (known === undefined ? prepareOrReplace(db, byName, name, text) : Effect.succeed(known)).pipe(
    Effect.flatMap(execute),
    Effect.catchIf(isStale, () => forget(db, byName, name).pipe(Effect.andThen(unprepared))),
  )
}

/** One permit per PGlite instance, shared by every client made over it. */
const permits = new WeakMap<PGlite, Semaphore.Semaphore>()

/** The client over one PGlite instance. */
export const make = (db: PGlite): SqlClient => {
  let permit = permits.get(db)
  if (permit === undefined) {
    permit = Semaphore.makeUnsafe(1)
    permits.set(db, permit)
  }
  const query = <A extends Row>(sql: string, params: ReadonlyArray<unknown> | undefined, name: string | undefined) =>
    name === undefined
      ? run<A>(db, sql, params)
      : (runPrepared(db, name, sql, params ?? [], "object") as Effect.Effect<ReadonlyArray<A>, SqlError>)
  const rows = (sql: string, params: ReadonlyArray<unknown> | undefined, name: string | undefined) =>
    name === undefined
      ? values(db, sql, params)
      : (runPrepared(db, name, sql, params ?? [], "array") as Effect.Effect<
          ReadonlyArray<ReadonlyArray<unknown>>,
          SqlError
        >)
  const tx: SqlClient = {
    engine: "embedded",
    query: (sql, params, name) => query(sql, params, name),
    values: (sql, params, name) => rows(sql, params, name),
    script: (sql) => script(db, sql),
    transaction: (body) => body(tx),
  }
  return {
    engine: "embedded",
    query: (sql, params, name) => permit.withPermits(1)(query(sql, params, name)),
    values: (sql, params, name) => permit.withPermits(1)(rows(sql, params, name)),
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
