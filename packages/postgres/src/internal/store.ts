/**
 * The event store over a {@link SqlClient}: written once, run on the server and on PGlite.
 */
import {
  AppendPlan,
  EventChain,
  type EventEnvelope,
  type EventStore,
  EventStoreError,
  EventValidation,
  Upcaster,
} from "@yiciban/eventstore"
import * as Clock from "effect/Clock"
import * as Duration from "effect/Duration"
import * as Effect from "effect/Effect"
import * as Option from "effect/Option"
import * as Result from "effect/Result"
import type {
  AppendedEvents,
  AppendHook,
  InlineStatement,
  PostgresEventStoreService,
  ReadAllPage,
} from "../PostgresEventStore.ts"
import { AppendStalled, type Blocker, defaultMaxStall, type StallOptions, type StallStatus } from "../ReadHorizon.ts"
import type { Row, SqlClient, SqlError } from "../SqlClient.ts"
import * as Sql from "./sql.ts"
import { statementName } from "./statementName.ts"

export interface StoreConfig extends EventValidation.StoreOptions {
  readonly stall?: StallOptions | undefined
}

const unavailable = (operation: string) => (cause: SqlError) =>
  Effect.fail(new EventStoreError.StoreUnavailable({ operation, cause }))

const arrayLiteral = <A>(items: ReadonlyArray<A>, f: (item: A) => string): string => {
  let literal = "{"
  for (let i = 0; i < items.length; i++) literal += `${i === 0 ? "" : ","}"${f(items[i]!)}"`
  return `${literal}}`
}

/** A JSON array of already serialized JSON values. */
const jsonArray = <A>(items: ReadonlyArray<A>, f: (item: A) => string): string => {
  let json = "["
  for (let i = 0; i < items.length; i++) json += (i === 0 ? "" : ",") + f(items[i]!)
  return `${json}]`
}

/** A stored row whose link the read check recomputed and found right, with what it covered. */
interface VerifiedRow {
  readonly version: number
  readonly hash: string
  readonly previous: string
  readonly data: string
  readonly metadata: string
  readonly instant: string
  readonly eventId: string
  readonly type: string
  readonly schemaVersion: number
  /**
   * The last version of the format-2 batch whose link the row shares, checked as a whole from its
   * `batch_start`; `undefined` for a link of one event (format 1).
   */
  readonly batchEnd: number | undefined
  readonly batchStart: number | undefined
  /** Characters of JSON text kept. */
  readonly size: number
  /**
   * The event a read returned for this row, deeply frozen, handed out again by later reads while
   * the row is unchanged and its global position the same; `undefined` for a row a read checked
   * but did not return (before its `from`, or past its `limit`), made when one returns it.
   */
  readonly event: EventEnvelope.RecordedEvent | undefined
}

/** Freezes a read's event and everything in it (what the store hands out again must not change). */
const deepFreeze = <A>(value: A): A => {
  if (typeof value === "object" && value !== null && !Object.isFrozen(value)) {
    Object.freeze(value)
    for (const key of Object.keys(value)) deepFreeze((value as Record<string, unknown>)[key])
  }
  return value
}

/**
 * How many characters of JSON text the read check keeps of rows it has checked, with the events made
 * of them: about 4.5 bytes of heap per character, so at most about 38 MB (docs/eventstore.md).
 */
const verifiedBudget = 8 * 1024 * 1024

/** Unique violations mean a concurrent append changed the facts: re-plan, a few times at most. */
const maxAttempts = 8

/** An event row in `eventColumns` order: position, version, stream, id, type, schema version, data, metadata, recorded at. */
const toEvent = (row: ReadonlyArray<unknown>): EventEnvelope.RecordedEvent => ({
  eventId: row[3] as string,
  type: row[4] as string,
  schemaVersion: row[5] as number,
  data: row[6] as EventEnvelope.RecordedEvent["data"],
  metadata: row[7] as EventEnvelope.RecordedEvent["metadata"],
  stream: row[2] as string,
  streamVersion: Number(row[1]),
  globalPosition: Number(row[0]),
  recordedAt: row[8] as string,
})

interface AppendRow extends Row {
  readonly outcome: "written" | "facts"
  readonly stream_version: string | number
  readonly first_position: string | number | null
  readonly existing: ReadonlyArray<readonly [string, string, number, number]> | null
}

/** What one attempt did: the result, and whether it wrote (a hook runs only then). */
interface Attempted {
  readonly wrote: boolean
  readonly result: EventStore.AppendResult
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
  const name = (statement: string) => statementName(schema, statement)
  const upcasters = config.upcasters ?? Upcaster.none
  const maxEventSize = config.maxEventSize ?? EventValidation.defaultMaxEventSize
  const checkOptions = { maxEventSize }
  const checkOnRead = config.checkChainOnRead ?? true
  const readStreamName = name(checkOnRead ? "readStreamChecked" : "readStream")
  const readStreamStatement = checkOnRead ? statements.readStreamChecked : statements.readStream
  const appendName = name("append")
  const appendOneName = name("appendOne")
  const appendManyName = name("appendMany")
  const readStreamUnavailable = (cause: SqlError) =>
    new EventStoreError.StoreUnavailable({ operation: "readStream", cause })
  const maxStallMillis = Duration.toMillis(Duration.fromInputUnsafe(config.stall?.maxStall ?? defaultMaxStall))
  const onExceeded = config.stall?.onExceeded ?? "terminate"
  const noUpcasters = Object.keys(upcasters).length === 0
  const upcast = (event: EventEnvelope.RecordedEvent) => (noUpcasters ? event : Upcaster.upcast(upcasters, event))
  const read = noUpcasters ? toEvent : (row: ReadonlyArray<unknown>) => upcast(toEvent(row))

  /**
   * Rows this store has checked, per stream (most recently read last), with every stored field
   * the link covers and the predecessor's hash it was checked from, up to `verifiedBudget`
   * characters of JSON text. A row read again whose fields and predecessor hash are all equal to
   * the ones checked needs no hashing: its link is the one already recomputed. Any change to the
   * row (or its hash, or its predecessor's) makes it differ and it is hashed again.
   */
  const verified = new Map<string, Map<number, VerifiedRow>>()
  let verifiedSize = 0
  let lastRead: string | undefined
  const remember = (stream: string, rows: ReadonlyArray<VerifiedRow>) => {
    let known = verified.get(stream)
    if (known === undefined) {
      known = new Map()
      verified.set(stream, known)
    } else if (stream !== lastRead) {
      // Most recently read last: moved to the end of the map's order.
      verified.delete(stream)
      verified.set(stream, known)
    }
    lastRead = stream
    for (const row of rows) {
      const old = known.get(row.version)
      if (old === row) continue
      if (old !== undefined) verifiedSize -= old.size
      known.set(row.version, row)
      verifiedSize += row.size
    }
    if (verifiedSize <= verifiedBudget) return
    for (const [name, evicted] of verified) {
      if (verifiedSize <= verifiedBudget) break
      // Oldest first; the stream just read last, and dropped too when it alone exceeds the budget.
      verified.delete(name)
      if (name === lastRead) lastRead = undefined
      for (const row of evicted.values()) verifiedSize -= row.size
    }
  }

  /**
   * The chain check of a read, in the process: each link recomputed (`EventChain.link` for a row
   * linked alone, `EventChain.linkBatch` for the rows of a format-2 batch, checked together) from
   * the stored hash of the row before it, unless every row it covers is one already checked and
   * unchanged (see `verified`). Rows are `readStreamChecked`'s: the JSON as text (parsed here), the
   * time with microseconds (returned to the millisecond, as every read), the stored hash in hex and
   * `batch_start`; rows before `from`, and after the `limit`-th from it, only complete a link.
   *
   * A row found unchanged is returned as the event made when it was first read (deeply frozen, see
   * `VerifiedRow.event`): every field it is made of was compared above, and its global position is
   * compared here. Its JSON is not parsed again.
   */
  const checkRows = (
    stream: string,
    rows: ReadonlyArray<ReadonlyArray<unknown>>,
    from: number,
    limit: number | undefined,
  ) => {
    const checked: Array<EventChain.Checked> = []
    const events: Array<EventEnvelope.RecordedEvent> = []
    const known = verified.get(stream)
    const linkedRows: Array<VerifiedRow> = []
    let before: { readonly version: number; readonly hash: string } | undefined
    const batchOf = (row: ReadonlyArray<unknown>) => (row[10] === null ? undefined : Number(row[10]))
    for (let i = 0; i < rows.length; ) {
      const first = rows[i]!
      const batchStart = batchOf(first)
      // The rows one link covers: this row alone, or the run of consecutive rows of its batch.
      let end = i + 1
      while (
        batchStart !== undefined &&
        end < rows.length &&
        batchOf(rows[end]!) === batchStart &&
        Number(rows[end]![1]) === Number(rows[end - 1]![1]) + 1
      ) {
        end++
      }
      const firstVersion = Number(first[1])
      const lastVersion = Number(rows[end - 1]![1])
      const hash = first[9] as string
      if (batchStart === undefined && firstVersion < from) {
        // Linked alone and not returned: only the hash the next link starts from.
        before = { version: firstVersion, hash }
        i = end
        continue
      }
      const linkStart = batchStart ?? firstVersion
      const previous =
        firstVersion !== linkStart
          ? undefined
          : before !== undefined && before.version === linkStart - 1
            ? before.hash
            : before === undefined && linkStart === 1
              ? EventChain.genesis
              : undefined
      const batchEnd = batchStart === undefined ? undefined : lastVersion
      // The rows this link covers as checked before (unchanged), or as read now (`undefined` in `seen`).
      const covered: Array<VerifiedRow> = []
      let same = true
      let uniform = true
      for (let j = i; j < end; j++) {
        const row = rows[j]!
        const version = Number(row[1])
        const data = row[6] as string
        const metadata = row[7] as string
        const instant = row[8] as string
        if (row[9] !== hash || instant !== first[8]) uniform = false
        const seen = known?.get(version)
        if (
          seen !== undefined &&
          seen.hash === row[9] &&
          seen.previous === previous &&
          seen.batchStart === batchStart &&
          seen.batchEnd === batchEnd &&
          seen.data === data &&
          seen.metadata === metadata &&
          seen.instant === instant &&
          seen.eventId === row[3] &&
          seen.type === row[4] &&
          seen.schemaVersion === row[5]
        ) {
          covered.push(seen)
        } else {
          same = false
          covered.push({
            version,
            hash: row[9] as string,
            previous: previous ?? "",
            data,
            metadata,
            instant,
            eventId: row[3] as string,
            type: row[4] as string,
            schemaVersion: row[5] as number,
            batchStart,
            batchEnd,
            size: data.length + metadata.length,
            event: undefined,
          })
        }
      }
      const isLinked =
        previous !== undefined &&
        uniform &&
        (same ||
          (batchStart === undefined
            ? EventChain.link(previous, {
                stream: first[2] as string,
                streamVersion: firstVersion,
                eventId: first[3] as string,
                type: first[4] as string,
                schemaVersion: first[5] as number,
                data: first[6] as string,
                metadata: first[7] as string,
                recordedAt: first[8] as string,
              }) === hash
            : EventChain.linkBatch(previous, {
                stream: first[2] as string,
                firstVersion,
                recordedAt: first[8] as string,
                events: covered.map((row) => ({
                  eventId: row.eventId,
                  type: row.type,
                  schemaVersion: row.schemaVersion,
                  data: row.data,
                  metadata: row.metadata,
                })),
              }) === hash))
      for (let j = i; j < end; j++) {
        const row = rows[j]!
        const version = Number(row[1])
        let verifiedRow = covered[j - i]!
        if (version >= from && (limit === undefined || events.length < limit)) {
          checked.push({ version, previousVersion: j === i ? before?.version : version - 1, linked: isLinked })
          const position = Number(row[0])
          let event = verifiedRow.event
          if (event === undefined || event.globalPosition !== position) {
            const made: EventEnvelope.RecordedEvent = {
              eventId: verifiedRow.eventId,
              type: verifiedRow.type,
              schemaVersion: verifiedRow.schemaVersion,
              data: JSON.parse(verifiedRow.data),
              metadata: JSON.parse(verifiedRow.metadata),
              stream: row[2] as string,
              streamVersion: version,
              globalPosition: position,
              // What every read returns: the time to the millisecond (the microseconds' last three digits dropped).
              recordedAt: `${verifiedRow.instant.slice(0, -4)}Z`,
            }
            // Made here, not by `toEvent`: the events kept live long, and V8 would learn from a
            // shared allocation site to place every event `readAll` makes in the old generation too.
            event = deepFreeze(upcast(made))
            // Kept only for a row that links (`remember` below): a broken read fails whole.
            if (isLinked) verifiedRow = { ...verifiedRow, event }
          }
          events.push(event)
        }
        if (isLinked && verifiedRow !== known?.get(version)) linkedRows.push(verifiedRow)
      }
      before = { version: lastVersion, hash: rows[end - 1]![9] as string }
      i = end
    }
    return { checked, events, remember: () => remember(stream, linkedRows) }
  }

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

  /** `readAll`'s statement for a limit, text and name, made once per cap (`Sql.readAllCap`). */
  const readAllStatements = new Map<number | undefined, { readonly text: string; readonly name: string }>()
  const readAllStatement = (limit: number) => {
    const cap = Sql.readAllCap(limit)
    let statement = readAllStatements.get(cap)
    if (statement === undefined) {
      statement =
        cap === undefined
          ? { text: statements.readAll, name: name("readAll") }
          : { text: statements.readAllCapped(cap), name: name(`readAll_${cap}`) }
      readAllStatements.set(cap, statement)
    }
    return statement
  }

  const readPage = (request: EventValidation.ReadAllRequest) =>
    Effect.gen(function* () {
      // One named statement per cap (a power of two at or above the limit): its generic plan is kept.
      const { text, name: statement } = readAllStatement(request.limit)
      const rows = yield* sql
        .values(text, [request.fromPosition, request.limit], statement)
        .pipe(Effect.catchTag("SqlError", unavailable("readAll")))
      // One row is the horizon (null position), the others the page. PostgreSQL returns the
      // branches of the UNION ALL in order; should it ever not, the page is sorted here.
      let header: ReadonlyArray<unknown> | undefined
      const events: Array<EventEnvelope.RecordedEvent> = []
      let sorted = true
      for (const row of rows) {
        if (row[0] === null) {
          header = row
          continue
        }
        const event = read(row)
        if (events.length > 0 && events[events.length - 1]!.globalPosition > event.globalPosition) sorted = false
        events.push(event)
      }
      if (!sorted) events.sort((a, b) => a.globalPosition - b.globalPosition)
      const status = yield* stallOf({
        bound: header![1] as string | number,
        blocker_pid: header![2] === null ? null : Number(header![2]),
        blocker_xid: header![4] as string | null,
        blocker_since: header![8] as string | null,
        blocker_age_ms: header![9] as number | null,
      })
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

  /** The texts of each inline statement by its name: one event, a batch (`Sql.appendOneInline`). */
  const inlineTexts = new Map<string, { readonly ctes: string; readonly one: string; readonly many: string }>()
  const inlineText = (inline: InlineStatement<unknown, unknown>, one: boolean): string => {
    let texts = inlineTexts.get(inline.name)
    if (texts === undefined) {
      texts = {
        ctes: inline.ctes,
        one: statements.appendOneInline(inline.ctes),
        many: statements.appendManyInline(inline.ctes),
      }
      inlineTexts.set(inline.name, texts)
    } else if (texts.ctes !== inline.ctes) {
      throw new Error(`appendInline: the statement "${inline.name}" was given with another text`)
    }
    return one ? texts.one : texts.many
  }

  /**
   * One attempt. `fast`: the single-statement insert (`appendOne` / `appendMany`), and when it
   * writes nothing, the append function on the same connection (the insert wrote nothing, so the
   * transaction still has no id). Otherwise the append function straight away, looking the ids up.
   * With a hook the attempt runs in a transaction and the hook after it; with an `inline`
   * statement, the fast attempt is that one autocommitted statement (the events'
   * INSERT and the inline update), and when it writes nothing, the append function and the hook
   * in a transaction.
   */
  const appendRequest = (
    request: EventValidation.CheckedAppend,
    hook: AppendHook<any, any> | undefined,
    fast: boolean,
    inline?: InlineStatement<any, any>,
  ): Effect.Effect<EventStore.AppendResult, EventStoreError.AppendError | SqlError, any> => {
    const events = request.events
    const count = events.length
    const expectedVersion = request.expected._tag === "Exact" ? request.expected.version : 0
    // Array literals built here: ids are lowercase UUIDs, types match [A-Za-z][A-Za-z0-9_.:-]*
    // and versions are integers (checked by EventValidation), so quoting without escaping is exact.
    const arrays = (): Array<unknown> => [
      arrayLiteral(events, (event) => event.eventId),
      arrayLiteral(events, (event) => event.type),
      arrayLiteral(events, (event) => String(event.schemaVersion)),
      jsonArray(request.serialized, (event) => event.data),
      jsonArray(request.serialized, (event) => event.metadata),
    ]
    const written = (first: number, streamVersion: number): EventStore.AppendResult => {
      const globalPositions = new Array<number>(count)
      for (let i = 0; i < count; i++) globalPositions[i] = first + i
      return { streamVersion, globalPositions }
    }
    const decide = (row: AppendRow): Effect.Effect<Attempted, EventStoreError.AppendError> => {
      if (row.outcome === "written") {
        return Effect.succeed({ wrote: true, result: written(Number(row.first_position), Number(row.stream_version)) })
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
      const plan = AppendPlan.plan(request, facts)
      if (Result.isFailure(plan)) return Effect.fail(plan.failure)
      if (plan.success._tag === "Write") return Effect.die(new Error("append: the database and AppendPlan disagree"))
      return Effect.succeed({ wrote: false, result: plan.success.result })
    }
    const viaFunction = (client: SqlClient, lookUpIds: boolean) =>
      client
        .query<AppendRow>(
          statements.append,
          [request.stream, request.expected._tag, expectedVersion, ...arrays(), lookUpIds],
          appendName,
        )
        .pipe(Effect.flatMap((rows) => decide(rows[0]!)))
    const viaInsert = (client: SqlClient) => {
      const head = [request.stream, request.expected._tag, expectedVersion]
      const insert =
        count === 1
          ? client.values(
              statements.appendOne,
              [
                ...head,
                events[0]!.eventId,
                events[0]!.type,
                events[0]!.schemaVersion,
                request.serialized[0]!.data,
                request.serialized[0]!.metadata,
              ],
              appendOneName,
            )
          : client.values(statements.appendMany, [...head, ...arrays()], appendManyName)
      return insert.pipe(
        // One row, the first position and the new version, when the batch was written (the
        // positions are first + 0 … first + count - 1); none when nothing was.
        Effect.flatMap((rows) =>
          rows.length === 0
            ? viaFunction(client, false)
            : Effect.succeed<Attempted>({ wrote: true, result: written(Number(rows[0]![0]), Number(rows[0]![1])) }),
        ),
      )
    }
    // An empty batch only checks the expectation: the function answers with the facts. On both
    // engines the single INSERT goes first: PGlite prepares a named statement once per instance
    // too (`pgliteClient.ts`), so the INSERT is planned once there as on the server.
    const attempt = (client: SqlClient): Effect.Effect<Attempted, EventStoreError.AppendError | SqlError> =>
      fast && count > 0 ? viaInsert(client) : viaFunction(client, !fast)
    if (hook === undefined) return Effect.map(attempt(sql), (attempted) => attempted.result)
    const hooked = (first: (client: SqlClient) => Effect.Effect<Attempted, EventStoreError.AppendError | SqlError>) =>
      sql.transaction((tx) =>
        Effect.gen(function* () {
          const { wrote, result } = yield* first(tx)
          if (wrote) {
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
    if (inline === undefined || !(fast && count > 0)) return hooked(attempt)
    // The events and the inline update in one statement; nothing written (the expectation did not
    // hold in its snapshot): the append function decides in a transaction, and the hook follows.
    const head = [request.stream, request.expected._tag, expectedVersion]
    const params =
      count === 1
        ? [
            ...head,
            events[0]!.eventId,
            events[0]!.type,
            events[0]!.schemaVersion,
            request.serialized[0]!.data,
            request.serialized[0]!.metadata,
            ...inline.params,
          ]
        : [...head, ...arrays(), ...inline.params]
    return Effect.suspend(() =>
      sql.values(inlineText(inline, count === 1), params, name(`${count === 1 ? "a1" : "an"}_${inline.name}`)),
    ).pipe(
      Effect.flatMap((rows) =>
        rows.length === 0
          ? hooked((tx) => viaFunction(tx, false))
          : Effect.succeed(written(Number(rows[0]![0]), Number(rows[0]![1]))),
      ),
    )
  }

  const appendWith = <E, R>(
    stream: string,
    events: ReadonlyArray<EventEnvelope.NewEvent>,
    expected: Parameters<EventStore.EventStore["Service"]["append"]>[2],
    hook: AppendHook<E, R> | undefined,
    inline?: InlineStatement<E, R>,
  ): Effect.Effect<EventStore.AppendResult, EventStoreError.AppendError | E, R> =>
    Array.isArray(events) && events.length > Sql.maxBatch
      ? Effect.fail(
          new EventStoreError.InvalidArgument({
            operation: "append",
            reason: `an append holds at most ${Sql.maxBatch} events, got ${events.length}`,
          }),
        )
      : Effect.suspend(() => {
          const checked = EventValidation.checkAppend(stream, events, expected, checkOptions)
          if (Result.isFailure(checked)) return Effect.fail(checked.failure)
          const request = checked.success
          // The first attempt takes the fast path (with the inline statement, if any); a unique
          // violation means an id is already stored or a concurrent append took the version: the
          // next attempts go through the append function, which looks the ids up (and the hook).
          const attempt = (n: number): Effect.Effect<EventStore.AppendResult, EventStoreError.AppendError | E, R> =>
            Effect.catchTag(
              appendRequest(request, hook, n === 1, n === 1 ? inline : undefined),
              "SqlError",
              (error: SqlError) =>
                error.code === "23505" && n < maxAttempts
                  ? attempt(n + 1)
                  : Effect.fail(new EventStoreError.StoreUnavailable({ operation: "append", cause: error })),
            )
          return attempt(1)
        })

  const stallStatus = sql.query<HorizonRow>(statements.horizon, [], name("horizon")).pipe(
    Effect.catchTag("SqlError", unavailable("stallStatus")),
    Effect.flatMap((rows) => stallOf(rows[0]!)),
  )

  interface AnchorRow extends Row {
    readonly stream: string
    readonly version: string | number
    readonly hash: string
    readonly current: string | number
    readonly stored: string | null
  }
  const anchorBreaks = sql.query<AnchorRow>(statements.anchors, [], name("anchors")).pipe(
    Effect.map((rows) =>
      EventChain.anchorBreaks(
        rows.map((row) => ({
          stream: row.stream,
          version: Number(row.version),
          hash: row.hash,
          current: Number(row.current),
          stored: row.stored ?? undefined,
        })),
      ),
    ),
  )
  const anchor = Effect.gen(function* () {
    const refused = yield* anchorBreaks
    const rows = yield* sql.query<{ anchored: string | number }>(statements.anchor, [], name("anchor"))
    return { anchored: Number(rows[0]!.anchored), refused }
  }).pipe(Effect.catchTag("SqlError", unavailable("anchor")))
  const verify = Effect.gen(function* () {
    const links = yield* sql.query<{
      stream: string
      version: string | number
      previous_version: string | number | null
    }>(statements.verifyLinks, [], name("verifyLinks"))
    const breaks: Array<EventChain.ChainBreak> = []
    for (const row of links) {
      breaks.push(
        ...EventChain.breaksOf(row.stream, [
          {
            version: Number(row.version),
            previousVersion: row.previous_version === null ? undefined : Number(row.previous_version),
            // Rows come back only when the version does not follow or the link fails.
            linked: false,
          },
        ]),
      )
    }
    const counts = yield* sql.query<{ streams: string | number; events: string | number }>(
      statements.verifyCounts,
      [],
      name("verifyCounts"),
    )
    const anchors = yield* sql.query<{ n: string | number }>(
      `SELECT count(*)::bigint AS n FROM "${schema}".anchors`,
      [],
      name("anchorCount"),
    )
    breaks.push(...(yield* anchorBreaks))
    return {
      streams: Number(counts[0]!.streams),
      events: Number(counts[0]!.events),
      anchors: Number(anchors[0]!.n),
      breaks,
    }
  }).pipe(Effect.catchTag("SqlError", unavailable("verify")))

  return {
    engine: sql.engine,
    anchor,
    verify,
    schema,
    sql,
    append: (stream, events, expected) => appendWith(stream, events, expected, undefined),
    appendWith,
    appendInline: (stream, events, expected, inline) => appendWith(stream, events, expected, inline.hook, inline),
    readStream: (stream, options) =>
      Effect.suspend((): Effect.Effect<Array<EventEnvelope.RecordedEvent>, EventStoreError.StreamError> => {
        const checked = EventValidation.checkReadStream(stream, options)
        if (Result.isFailure(checked)) return Effect.fail(checked.failure)
        const request = checked.success
        if (!checkOnRead) {
          return sql
            .values(readStreamStatement, [request.stream, request.from, request.limit ?? null], readStreamName)
            .pipe(
              Effect.mapError(readStreamUnavailable),
              Effect.map((rows) => rows.map(read)),
            )
        }
        // The checked read starts early (at the predecessor of `from`, or of the first version of
        // the batch `from` is in), and a read cut inside a batch reads the rest of it: a link is
        // checked whole.
        const rows = (
          request.from > 1
            ? sql.values(
                statements.readStreamCheckedFrom,
                [request.stream, request.from, request.limit ?? null],
                name("readStreamCheckedFrom"),
              )
            : sql.values(readStreamStatement, [request.stream, request.from, request.limit ?? null], readStreamName)
        ).pipe(
          Effect.flatMap((rows) => {
            // Only a read its limit cut can end inside a batch; the rows before `from` only link.
            const last = rows[rows.length - 1]
            const cut =
              request.limit !== undefined &&
              last !== undefined &&
              last[10] !== null &&
              rows.filter((row) => Number(row[1]) >= request.from).length >= request.limit
            return !cut
              ? Effect.succeed(rows)
              : Effect.map(
                  sql.values(statements.readBatchRest, [request.stream, last[1], last[10]], name("readBatchRest")),
                  (rest) => (rest.length === 0 ? rows : [...rows, ...rest]),
                )
          }),
          Effect.mapError(readStreamUnavailable),
        )
        return Effect.flatMap(rows, (rows) => {
          const { checked, events, remember } = checkRows(request.stream, rows, request.from, request.limit)
          const breaks = EventChain.breaksOf(request.stream, checked, request.from > 1 ? request.from - 1 : 1)
          if (breaks.length > 0) {
            const found = breaks[0]!
            return Effect.fail(
              new EventStoreError.TamperDetected({ stream: request.stream, version: found.version, found }),
            )
          }
          remember()
          return Effect.succeed(events)
        })
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
