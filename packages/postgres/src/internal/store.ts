/**
 * The event store over a {@link SqlClient}: written once, run on the server and on PGlite.
 */
import {
  AppendPlan,
  type EventEnvelope,
  type EventStore,
  EventStoreError,
  EventValidation,
  Upcaster,
} from "@yiciban/eventstore"
import { Clock, Duration, Effect, Option } from "effect"
import type { AppendedEvents, AppendHook, PostgresEventStoreService, ReadAllPage } from "../PostgresEventStore.ts"
import { AppendStalled, type Blocker, defaultMaxStall, type StallOptions, type StallStatus } from "../ReadHorizon.ts"
import type { Row, SqlClient, SqlError } from "../SqlClient.ts"
import * as Sql from "./sql.ts"

export interface StoreConfig extends EventValidation.StoreOptions {
  readonly stall?: StallOptions | undefined
}

const unavailable = (operation: string) => (cause: SqlError) =>
  Effect.fail(new EventStoreError.StoreUnavailable({ operation, cause }))

/** Unique violations mean a concurrent append changed the facts: re-plan, a few times at most. */
const maxAttempts = 3

const toEvent = (row: Row): EventEnvelope.RecordedEvent => ({
  eventId: row.event_id as string,
  type: row.type as string,
  schemaVersion: row.schema_version as number,
  data: row.data as EventEnvelope.RecordedEvent["data"],
  metadata: row.metadata as EventEnvelope.RecordedEvent["metadata"],
  stream: row.stream as string,
  streamVersion: Number(row.version),
  globalPosition: Number(row.global_position),
  recordedAt: row.recorded_at as string,
})

interface AppendRow extends Row {
  readonly outcome: "written" | "facts"
  readonly stream_version: string | number
  readonly first_position: string | number | null
  readonly existing: ReadonlyArray<readonly [string, string, number, number]> | null
}

interface HorizonRow extends Row {
  readonly bound: string | number
  readonly blocker_pid: number | null
  readonly blocker_xid: string | null
  readonly blocker_since: string | null
  readonly blocker_age_ms: number | null
}

export const makeStore = (sql: SqlClient, schema: string, config: StoreConfig): PostgresEventStoreService => {
  const statements = Sql.statements(schema)
  const name = (statement: string) => `yiciban_${schema}_${statement}`
  const upcasters = config.upcasters ?? Upcaster.none
  const maxEventSize = config.maxEventSize ?? EventValidation.defaultMaxEventSize
  const maxStallMillis = Duration.toMillis(Duration.fromInputUnsafe(config.stall?.maxStall ?? defaultMaxStall))
  const onExceeded = config.stall?.onExceeded ?? "terminate"
  const read = (row: Row) => Upcaster.upcast(upcasters, toEvent(row))

  // When the database does not tell when a blocker started (a role without pg_read_all_stats),
  // the store times the stall from when it first saw the blocker.
  let firstSeen: { readonly transactionId: string; readonly at: number } | undefined

  const stallOf = (row: HorizonRow): Effect.Effect<StallStatus> =>
    Effect.map(Clock.currentTimeMillis, (now) => {
      const bound = Number(row.bound)
      if (row.blocker_pid === null || row.blocker_xid === null) {
        firstSeen = undefined
        return { bound, blocker: undefined, maxStallMillis, exceeded: false }
      }
      if (firstSeen?.transactionId !== row.blocker_xid) firstSeen = { transactionId: row.blocker_xid, at: now }
      const blocker: Blocker = {
        pid: row.blocker_pid,
        transactionId: row.blocker_xid,
        since: row.blocker_since ?? undefined,
        heldForMillis: row.blocker_age_ms ?? now - firstSeen.at,
      }
      return { bound, blocker, maxStallMillis, exceeded: blocker.heldForMillis > maxStallMillis }
    })

  const stalled = (status: StallStatus) =>
    new EventStoreError.StoreUnavailable({
      operation: "readAll",
      cause: new AppendStalled({ blocker: status.blocker!, maxStallMillis, action: onExceeded }),
    })

  /** Applies the stall limit; succeeds with true when it terminated the blocker. */
  const enforce = (status: StallStatus): Effect.Effect<boolean, EventStoreError.StoreUnavailable> =>
    Effect.gen(function* () {
      if (!status.exceeded) return false
      if (onExceeded === "fail") return yield* stalled(status)
      const blocker = status.blocker!
      const rows = yield* sql
        .query<{ terminated: boolean }>(statements.terminate, [blocker.pid, blocker.transactionId], name("terminate"))
        .pipe(Effect.catch(() => Effect.succeed([])))
      if (rows[0]?.terminated !== true) return yield* stalled(status)
      yield* Effect.logWarning(new AppendStalled({ blocker, maxStallMillis, action: onExceeded }).message).pipe(
        Effect.annotateLogs({ schema, pid: blocker.pid, transactionId: blocker.transactionId }),
      )
      return true
    })

  const readPage = (request: EventValidation.ReadAllRequest) =>
    Effect.gen(function* () {
      const rows = yield* sql
        .query<HorizonRow>(statements.readAll, [request.fromPosition, request.limit], name("readAll"))
        .pipe(Effect.catchTag("SqlError", unavailable("readAll")))
      const status = yield* stallOf(rows[0]!)
      const events: Array<EventEnvelope.RecordedEvent> = []
      for (const row of rows) if (row.global_position !== null) events.push(read(row))
      return { events, status }
    })

  const readAllWithStatus = (options: EventStore.ReadAllOptions) =>
    Effect.gen(function* () {
      const request = yield* EventValidation.readAllRequest(options)
      const page = yield* readPage(request)
      const terminated = yield* enforce(page.status)
      const result: ReadAllPage = terminated ? yield* readPage(request) : page
      return result
    })

  const appendRequest = (
    request: EventValidation.AppendRequest,
    hook: AppendHook<any, any> | undefined,
  ): Effect.Effect<EventStore.AppendResult, EventStoreError.AppendError | SqlError, any> => {
    const events = request.events
    const params = [
      request.stream,
      request.expected._tag,
      request.expected._tag === "Exact" ? request.expected.version : 0,
      events.map((event) => event.eventId),
      events.map((event) => event.type),
      events.map((event) => event.schemaVersion),
      JSON.stringify(events.map((event) => event.data)),
      JSON.stringify(events.map((event) => event.metadata)),
    ]
    const decide = (row: AppendRow) =>
      Effect.gen(function* () {
        if (row.outcome === "written") {
          const first = Number(row.first_position)
          const streamVersion = Number(row.stream_version)
          return { streamVersion, globalPositions: events.map((_, i) => first + i) }
        }
        const facts: AppendPlan.StreamFacts = {
          version: Number(row.stream_version),
          existing: (row.existing ?? []).map(([eventId, stream, streamVersion, globalPosition]) => ({
            eventId,
            stream,
            streamVersion: Number(streamVersion),
            globalPosition: Number(globalPosition),
          })),
        }
        const plan = yield* Effect.fromResult(AppendPlan.plan(request, facts))
        if (plan._tag === "Write") return yield* Effect.die(new Error("append: the database and AppendPlan disagree"))
        return plan.result
      })
    if (hook === undefined) {
      return sql
        .query<AppendRow>(statements.append, params, name("append"))
        .pipe(Effect.flatMap((rows) => decide(rows[0]!)))
    }
    return sql.transaction((tx) =>
      Effect.gen(function* () {
        const rows = yield* tx.query<AppendRow>(statements.append, params, name("append"))
        const row = rows[0]!
        const result = yield* decide(row)
        if (row.outcome === "written") {
          const appended: AppendedEvents = {
            stream: request.stream,
            streamVersion: result.streamVersion,
            events: events.map((event, i) => ({
              ...event,
              stream: request.stream,
              streamVersion: result.streamVersion - events.length + 1 + i,
              globalPosition: result.globalPositions[i]!,
            })),
          }
          yield* hook(tx, appended)
        }
        return result
      }),
    )
  }

  const appendWith = <E, R>(
    stream: string,
    events: ReadonlyArray<EventEnvelope.NewEvent>,
    expected: Parameters<EventStore.EventStore["Service"]["append"]>[2],
    hook: AppendHook<E, R> | undefined,
  ): Effect.Effect<EventStore.AppendResult, EventStoreError.AppendError | E, R> =>
    Effect.gen(function* () {
      if (Array.isArray(events) && events.length > Sql.maxBatch) {
        return yield* new EventStoreError.InvalidArgument({
          operation: "append",
          reason: `an append holds at most ${Sql.maxBatch} events, got ${events.length}`,
        })
      }
      const request = yield* EventValidation.appendRequest(stream, events, expected, { maxEventSize })
      let attempt = 0
      while (true) {
        attempt++
        const outcome = yield* Effect.result(appendRequest(request, hook))
        if (outcome._tag === "Success") return outcome.success
        const error = outcome.failure
        if (error._tag !== "SqlError") return yield* Effect.fail(error as EventStoreError.AppendError | E)
        if (error.code === "23505" && attempt < maxAttempts) continue
        return yield* new EventStoreError.StoreUnavailable({ operation: "append", cause: error })
      }
    })

  const stallStatus = sql.query<HorizonRow>(statements.horizon, [], name("horizon")).pipe(
    Effect.catchTag("SqlError", unavailable("stallStatus")),
    Effect.flatMap((rows) => stallOf(rows[0]!)),
  )

  return {
    engine: sql.engine,
    schema,
    sql,
    append: (stream, events, expected) => appendWith(stream, events, expected, undefined),
    appendWith,
    readStream: (stream, options) =>
      Effect.gen(function* () {
        const request = yield* EventValidation.readStreamRequest(stream, options)
        const rows = yield* sql
          .query(statements.readStream, [request.stream, request.from, request.limit ?? null], name("readStream"))
          .pipe(Effect.catchTag("SqlError", unavailable("readStream")))
        return rows.map(read)
      }),
    readAll: (options) => Effect.map(readAllWithStatus(options), (page) => page.events),
    readAllWithStatus,
    stallStatus,
    loadCheckpoint: (checkpoint) =>
      Effect.gen(function* () {
        const checked = yield* EventValidation.checkpointName("loadCheckpoint", checkpoint)
        const rows = yield* sql
          .query<{ position: string | number }>(statements.loadCheckpoint, [checked], name("loadCheckpoint"))
          .pipe(Effect.catchTag("SqlError", unavailable("loadCheckpoint")))
        return rows.length === 0 ? 0 : Number(rows[0]!.position)
      }),
    saveCheckpoint: (checkpoint, position) =>
      Effect.gen(function* () {
        const checked = yield* EventValidation.checkpointName("saveCheckpoint", checkpoint)
        const at = yield* EventValidation.checkpointPosition(position)
        const rows = yield* sql
          .query<{ position: string | number }>(statements.saveCheckpoint, [checked, at], name("saveCheckpoint"))
          .pipe(Effect.catchTag("SqlError", unavailable("saveCheckpoint")))
        return Number(rows[0]!.position)
      }),
    saveSnapshot: (stream, snapshot) =>
      Effect.gen(function* () {
        const request = yield* EventValidation.snapshotRequest(stream, snapshot)
        const { version, schemaVersion, state } = request.snapshot
        const rows = yield* sql
          .query<{ stream_version: string | number }>(
            statements.saveSnapshot,
            [request.stream, version, schemaVersion, JSON.stringify(state)],
            name("saveSnapshot"),
          )
          .pipe(Effect.catchTag("SqlError", unavailable("saveSnapshot")))
        const current = Number(rows[0]!.stream_version)
        if (version > current) return yield* EventValidation.snapshotBeyondStream(request.stream, version, current)
      }),
    loadSnapshot: (stream) =>
      Effect.gen(function* () {
        const checked = yield* EventValidation.streamName(stream)
        const rows = yield* sql
          .query(statements.loadSnapshot, [checked], name("loadSnapshot"))
          .pipe(Effect.catchTag("SqlError", unavailable("loadSnapshot")))
        if (rows.length === 0) return Option.none()
        const row = rows[0]!
        return Option.some({
          stream: row.stream as string,
          version: Number(row.version),
          schemaVersion: row.schema_version as number,
          state: row.state as EventStore.Snapshot["state"],
          savedAt: row.saved_at as string,
        })
      }),
  }
}
