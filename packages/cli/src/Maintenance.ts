/**
 * The maintenance programs behind `yiciban replay` and `yiciban projections rebuild <name>`, as
 * Effect programs over the runtime's services (so a host can run them itself, through
 * `yiciban.run`):
 *
 * - {@link replay} reads the whole event log in position order and folds every event into its
 *   aggregate's state (opening sealed personal fields, checking the schema version, decoding, then
 *   `evolve`), checks each stream's versions run 1, 2, 3… without a gap, and compares the state
 *   reached with the case list (`summary`: status, title, detail). It writes nothing.
 * - {@link rebuild} derives a read model again from the events: `cases` (every case-list row's
 *   status, title, detail and access) or `timers` (every stream's pending due timers), stream by
 *   stream, each write guarded by the stream's version (an append in between wins and the stream is
 *   derived again); or `policy-library` (the store's policy library: a new generation of its
 *   checkpoint, emptied, caught up from the first event; a search meanwhile catches up itself, so it
 *   may find the library still filling). Running it twice changes nothing the second time.
 *
 * Both report progress through `onProgress(done, total)` (the CLI draws a bar with an ETA).
 *
 * @since 0.3.0
 */
import { Decider } from "@yiciban/core"
import { EventStore } from "@yiciban/eventstore"
import {
  type Aggregate,
  Aggregates,
  Authorization,
  CommandHandler,
  Loader,
  PersonalData,
  PolicyLibrary,
  Projection,
  RuntimeError,
  RuntimeStore,
} from "@yiciban/runtime"
import * as Clock from "effect/Clock"
import * as Effect from "effect/Effect"
import * as Option from "effect/Option"
import * as Result from "effect/Result"
import * as Schema from "effect/Schema"

/** Every entry of the library, by policy id (paged through the ranked search, 100 at a time). */
const libraryEntries = (library: PolicyLibrary.PolicyLibrary["Service"]) =>
  Effect.gen(function* () {
    const entries = new Map<string, PolicyLibrary.Entry>()
    for (let offset = 0; ; offset += 100) {
      const page = yield* library.search({ limit: 100, offset })
      for (const { entry } of page.items) entries.set(entry.policyId, entry)
      if (page.items.length < 100 || offset + 100 >= page.total) return entries
    }
  })

/**
 * The store's policy library again from the log: the entries before and after are compared, so the
 * report names the policies whose entry changed, appeared or went.
 */
const rebuildLibrary = (onProgress: OnProgress | undefined) =>
  Effect.gen(function* () {
    const library = yield* Effect.serviceOption(PolicyLibrary.PolicyLibrary)
    if (Option.isNone(library)) return yield* new ProjectionNotInStore({ name: "policy-library" })
    const before = yield* libraryEntries(library.value)
    onProgress?.(0, 1, 0)
    const caught = yield* Projection.rebuild(PolicyLibrary.projection(library.value))
    const after = yield* libraryEntries(library.value)
    onProgress?.(1, 1, 1)
    const changed = [...new Set([...before.keys(), ...after.keys()])]
      .filter((id) => !same(before.get(id), after.get(id)))
      .map((id) => `policy-${id}`)
      .sort()
    return {
      projection: "policy-library",
      streams: after.size,
      events: caught.handled,
      changed,
    } satisfies RebuildReport
  })

/**
 * The projection names `rebuild` knows.
 *
 * @category models
 * @since 0.3.0
 */
export const projectionNames = ["cases", "timers", "policy-library"] as const

/**
 * `policy-library` asked of a store that keeps no policy library (a memory store: each process builds
 * its library from the log when it first searches, so there is nothing to rebuild): nothing was written.
 *
 * @category errors
 * @since 0.3.0
 */
export class ProjectionNotInStore extends Schema.TaggedError<ProjectionNotInStore>()("ProjectionNotInStore", {
  name: Schema.String,
}) {
  override get message(): string {
    return `the store keeps no ${this.name} (a memory store builds it in each process): nothing to rebuild`
  }
}

/**
 * A projection name that `rebuild` does not know: nothing was written.
 *
 * @category errors
 * @since 0.3.0
 */
export class UnknownProjection extends Schema.TaggedError<UnknownProjection>()("UnknownProjection", {
  name: Schema.String,
  known: Schema.Array(Schema.String),
}) {
  override get message(): string {
    return `no projection ${JSON.stringify(this.name)}; the projections are ${this.known.join(", ")}`
  }
}

/**
 * Called as the work advances: `done` of `total` (for `replay`, the span of log positions read,
 * which a PostgreSQL store numbers with gaps; for `rebuild`, streams), and `count` units handled so
 * far (events for `replay`, streams for `rebuild`).
 *
 * @category models
 * @since 0.3.0
 */
export type OnProgress = (done: number, total: number, count: number) => void

/**
 * A stream whose events could not be replayed (the first problem met; the stream is not folded further).
 *
 * @category models
 * @since 0.3.0
 */
export interface Broken {
  readonly stream: string
  readonly streamVersion: number
  readonly detail: string
}

/**
 * A case-list row that differs from the state its stream's events fold to.
 *
 * @category models
 * @since 0.3.0
 */
export interface Drift {
  readonly stream: string
  readonly field: "status" | "title" | "detail" | "missing" | "extra"
  readonly row: unknown
  readonly replayed: unknown
}

/**
 * What {@link replay} found.
 *
 * @category models
 * @since 0.3.0
 */
export interface ReplayReport {
  readonly events: number
  /** Events of streams no aggregate reads (erasure records, the host's own streams). */
  readonly other: number
  readonly streams: number
  readonly broken: ReadonlyArray<Broken>
  readonly drift: ReadonlyArray<Drift>
}

/**
 * What {@link rebuild} did: the streams derived again, the events folded, and the streams whose
 * rows changed.
 *
 * @category models
 * @since 0.3.0
 */
export interface RebuildReport {
  readonly projection: string
  readonly streams: number
  readonly events: number
  readonly changed: ReadonlyArray<string>
}

/**
 * The aggregates a facade serves, completed with the runtime's own (`Aggregates.all`) where the
 * facade does not list one (its own version of an aggregate wins: the application on its calendar).
 *
 * @category constructors
 * @since 0.3.0
 */
export const aggregatesWith = (served: ReadonlyArray<Aggregate.Any>): ReadonlyArray<Aggregate.Any> => [
  ...served,
  ...(Aggregates.all as ReadonlyArray<Aggregate.Any>).filter((a) => !served.some((s) => s.name === a.name)),
]

const batchSize = 1000

/**
 * The position of the last event, found by doubling then halving `readAll` probes (the store has
 * no count; positions may have gaps, but "an event at or after p" only ever turns false once).
 *
 * @category combinators
 * @since 0.3.0
 */
export const headPosition: Effect.Effect<number, unknown, EventStore.EventStore> = Effect.gen(function* () {
  const store = yield* EventStore.EventStore
  const any = (from: number) => Effect.map(store.readAll({ fromPosition: from, limit: 1 }), (e) => e.length > 0)
  if (!(yield* any(1))) return 0
  let low = 1
  let high = 2
  while (yield* any(high)) {
    low = high
    high *= 2
  }
  // An event at or after `low`, none at or after `high`.
  while (high - low > 1) {
    const middle = Math.floor((low + high) / 2)
    if (yield* any(middle)) low = middle
    else high = middle
  }
  const last = yield* store.readAll({ fromPosition: low, limit: 1 })
  return last[0]!.globalPosition
})

const aggregateOf = (aggregates: ReadonlyArray<Aggregate.Any>, stream: string) => {
  let found: Aggregate.Any | undefined
  for (const aggregate of aggregates) {
    if (stream.startsWith(`${aggregate.name}-`) && (found === undefined || aggregate.name.length > found.name.length))
      found = aggregate
  }
  return found
}

/** JSON with every object's keys sorted (a PostgreSQL `jsonb` column returns them in its own order). */
const canonical = (value: unknown): string =>
  JSON.stringify(value ?? null, (_key, v: unknown) =>
    typeof v === "object" && v !== null && !Array.isArray(v)
      ? Object.fromEntries(Object.entries(v).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)))
      : v,
  )

const same = (a: unknown, b: unknown) => canonical(a) === canonical(b)

/**
 * Replays the whole log (see the module's description) and reports what it found.
 *
 * @category combinators
 * @since 0.3.0
 */
export const replay = (options: {
  readonly aggregates: ReadonlyArray<Aggregate.Any>
  readonly onProgress?: OnProgress | undefined
}): Effect.Effect<ReplayReport, unknown, EventStore.EventStore | RuntimeStore.RuntimeStore> =>
  Effect.gen(function* () {
    const store = yield* EventStore.EventStore
    const runtimeStore = yield* RuntimeStore.RuntimeStore
    const head = yield* headPosition
    const first = head === 0 ? 1 : (yield* store.readAll({ fromPosition: 1, limit: 1 }))[0]!.globalPosition
    const span = head === 0 ? 0 : head - first + 1
    const states = new Map<string, { aggregate: Aggregate.Any; version: number; state: unknown }>()
    const broken = new Map<string, Broken>()
    let events = 0
    let other = 0
    options.onProgress?.(0, span, 0)
    for (let from = 1; ; ) {
      const batch = yield* store.readAll({ fromPosition: from, limit: batchSize })
      if (batch.length === 0) break
      for (const recorded of batch) {
        events++
        const aggregate = aggregateOf(options.aggregates, recorded.stream)
        if (aggregate === undefined) {
          other++
          continue
        }
        if (broken.has(recorded.stream)) continue
        const current = states.get(recorded.stream) ?? {
          aggregate,
          version: 0,
          state: aggregate.decider.initialState,
        }
        const fail = (detail: string) =>
          broken.set(recorded.stream, { stream: recorded.stream, streamVersion: recorded.streamVersion, detail })
        if (recorded.streamVersion !== current.version + 1) {
          fail(`version ${recorded.streamVersion} follows version ${current.version}`)
          continue
        }
        const opened = yield* Effect.result(PersonalData.openEvent(recorded))
        if (Result.isFailure(opened)) {
          fail(opened.failure.message)
          continue
        }
        const decoded = Loader.decodeEvent(aggregate, opened.success)
        if (Result.isFailure(decoded)) {
          fail(decoded.failure.message)
          continue
        }
        states.set(recorded.stream, {
          aggregate,
          version: recorded.streamVersion,
          state: Decider.fold(aggregate.decider, [decoded.success], current.state),
        })
      }
      from = batch[batch.length - 1]!.globalPosition + 1
      options.onProgress?.(Math.min(from - first, span), span, events)
    }
    const drift: Array<Drift> = []
    const listed = new Set<string>()
    for (const aggregate of options.aggregates) {
      if (aggregate.summary === undefined) continue
      for (let after: string | undefined; ; ) {
        const page = yield* runtimeStore.cases("all", { category: aggregate.name, after, limit: 1000 })
        for (const row of page) {
          listed.add(row.stream)
          if (broken.has(row.stream)) continue
          const replayed = states.get(row.stream)
          const summary = replayed === undefined ? undefined : aggregate.summary(replayed.state)
          if (summary === undefined) {
            drift.push({ stream: row.stream, field: "extra", row: row.status, replayed: undefined })
            continue
          }
          if (row.status !== summary.status)
            drift.push({ stream: row.stream, field: "status", row: row.status, replayed: summary.status })
          if (!same(row.title, summary.title))
            drift.push({ stream: row.stream, field: "title", row: row.title, replayed: summary.title })
          if (!same(row.detail, summary.detail))
            drift.push({ stream: row.stream, field: "detail", row: row.detail, replayed: summary.detail })
        }
        if (page.length < 1000) break
        after = page[page.length - 1]!.stream
      }
    }
    for (const [stream, { aggregate, state }] of states) {
      if (listed.has(stream) || broken.has(stream)) continue
      const summary = aggregate.summary?.(state)
      if (summary !== undefined) drift.push({ stream, field: "missing", row: undefined, replayed: summary.status })
    }
    return { events, other, streams: states.size + broken.size, broken: [...broken.values()], drift }
  })

/** Every case-list row of the aggregates (the index of their streams), in stream order. */
const rowsOf = (aggregates: ReadonlyArray<Aggregate.Any>) =>
  Effect.gen(function* () {
    const runtimeStore = yield* RuntimeStore.RuntimeStore
    const rows: Array<{ aggregate: Aggregate.Any; row: RuntimeStore.CaseRow }> = []
    for (const aggregate of aggregates) {
      for (let after: string | undefined; ; ) {
        const page = yield* runtimeStore.cases("all", { category: aggregate.name, after, limit: 1000 })
        for (const row of page) rows.push({ aggregate, row })
        if (page.length < 1000) break
        after = page[page.length - 1]!.stream
      }
    }
    return rows
  })

const maxAttempts = 5

/**
 * Derives the projection `name` again from the events (see the module's description);
 * `UnknownProjection` for a name it does not know, before anything is read or written.
 *
 * @category combinators
 * @since 0.3.0
 */
export const rebuild = (
  name: string,
  options: {
    readonly aggregates: ReadonlyArray<Aggregate.Any>
    readonly onProgress?: OnProgress | undefined
    /** How many streams are derived at once (default 8; a PostgreSQL pool has 10 connections). */
    readonly concurrency?: number | undefined
  },
): Effect.Effect<RebuildReport, unknown, EventStore.EventStore | RuntimeStore.RuntimeStore> =>
  Effect.gen(function* () {
    if (!(projectionNames as ReadonlyArray<string>).includes(name)) {
      return yield* new UnknownProjection({ name, known: [...projectionNames] })
    }
    if (name === "policy-library") return yield* rebuildLibrary(options.onProgress)
    const runtimeStore = yield* RuntimeStore.RuntimeStore
    const keyring = Option.getOrUndefined(yield* Effect.serviceOption(PersonalData.Keyring))
    const rows = yield* rowsOf(
      name === "timers" ? options.aggregates.filter((a) => a.timers !== undefined) : options.aggregates,
    )
    // One catalogue read per matter and day for the whole rebuild (every stream's access asks it).
    const authorities = new Map<string, { readonly authority: Effect.Success<ReturnType<Authorization.AuthorityOf>> }>()
    const authorityOf: Authorization.AuthorityOf = (matterCode, on) => {
      const key = `${matterCode} ${on}`
      const known = authorities.get(key)
      if (known !== undefined) return Effect.succeed(known.authority)
      return Effect.tap(Authorization.fromCatalogue(matterCode, on), (authority) =>
        Effect.sync(() => authorities.set(key, { authority })),
      )
    }
    const changed: Array<string> = []
    let events = 0
    let finished = 0
    options.onProgress?.(0, rows.length, 0)
    const one = ({ aggregate, row }: { aggregate: Aggregate.Any; row: RuntimeStore.CaseRow }) =>
      Effect.gen(function* () {
        for (let attempt = 1; attempt <= maxAttempts; attempt++) {
          const loaded = yield* Loader.load(aggregate, row.id, { snapshot: false })
          if (attempt === 1) events += loaded.version
          if (name === "cases") {
            const now = new Date(yield* Clock.currentTimeMillis).toISOString()
            const summary = aggregate.summary?.(loaded.state)
            const access = yield* CommandHandler.pseudonymousAccess(
              yield* CommandHandler.accessOf(aggregate.scope(loaded.state, undefined), now, authorityOf),
              keyring,
              loaded.stream,
            )
            // The row as listed; when an append rewrote it since, the version guard below says so.
            const before = attempt === 1 ? row : yield* runtimeStore.caseOf(loaded.stream)
            const differs =
              before === undefined ||
              summary === undefined ||
              before.status !== summary.status ||
              !same(before.title, summary.title) ||
              !same(before.detail, summary.detail) ||
              !same(before.access, access)
            if (!differs && before.version === loaded.version) return
            if (yield* runtimeStore.rewriteCase(loaded.stream, loaded.version, summary, access)) {
              if (differs) changed.push(loaded.stream)
              return
            }
          } else {
            const wanted = aggregate.timers!(loaded.state, row.id)
            const wantedIds = new Set(wanted.map((timer) => `${loaded.stream}/${timer.key}`))
            const current = yield* runtimeStore.timers("all", loaded.stream)
            const known = new Set(current.map((timer) => timer.id))
            const differs =
              current.some((timer) => timer.status === "pending" && !wantedIds.has(timer.id)) ||
              [...wantedIds].some((id) => !known.has(id))
            if (!differs) return
            if (yield* runtimeStore.replaceTimers(loaded.stream, loaded.version, wanted)) {
              changed.push(loaded.stream)
              return
            }
          }
        }
        return yield* new RuntimeError.TooMuchContention({ stream: row.stream, attempts: maxAttempts })
      }).pipe(Effect.tap(() => Effect.sync(() => options.onProgress?.(++finished, rows.length, finished))))
    yield* Effect.forEach(rows, one, { concurrency: options.concurrency ?? 8, discard: true })
    changed.sort()
    return { projection: name, streams: rows.length, events, changed }
  })
