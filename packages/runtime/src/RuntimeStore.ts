/**
 * Where the runtime keeps what must never lag the events: the case list and the due-timer table,
 * written inline with every append (in the append's own transaction on PostgreSQL and PGlite,
 * in the same synchronous step in memory), and the timer claims of the scheduler.
 *
 * `RuntimeStore` is a port: the memory implementation is here ({@link layerMemory}); the
 * PostgreSQL and PGlite one is in `@yiciban/postgres` (`PostgresRuntimeStore`). A host installs
 * only the adapter it uses.
 *
 * @since 0.1.0
 */

import type { EventStoreError } from "@yiciban/eventstore"
import { EventStore, type ExpectedVersion, MemoryEventStore } from "@yiciban/eventstore"
import type { Schema } from "effect"
import * as Context from "effect/Context"
import * as Effect from "effect/Effect"
import * as Layer from "effect/Layer"
import type { FollowUp, Summary, TimerSpec } from "./Aggregate.ts"
import type { Visibility } from "./Authorization.ts"
import { Keyring, KeyStore, makeKeyring, makeMemoryKeyStore, testingSecret } from "./PersonalData.ts"
import type { ReadModelUnavailable } from "./RuntimeError.ts"

/**
 * Who may see a case-list row (and the timers of its stream), from the instance's scope when it
 * was written: the subjects that own it, the authority in charge and its region, and whether
 * anyone may read it.
 *
 * @category models
 * @since 0.2.0
 */
export interface CaseAccess {
  readonly owners: ReadonlyArray<string>
  readonly authority: string | undefined
  readonly region: string | undefined
  readonly public: boolean
}

/**
 * True when a row with `access` is visible under `visibility` (`all` sees everything).
 *
 * @category guards
 * @since 0.2.0
 */
export const isVisible = (access: CaseAccess, visibility: Visibility | "all"): boolean =>
  visibility === "all" ||
  (access.public && visibility.public) ||
  access.owners.some((owner) => visibility.owners.includes(owner)) ||
  (access.authority !== undefined && visibility.authorities.includes(access.authority)) ||
  (access.region !== undefined && visibility.regionPrefixes.some((prefix) => access.region!.startsWith(prefix)))

/**
 * A page of the case list: rows of one `category` (and `status`), after the stream `after` in
 * stream order, at most `limit` (default 100, at most 1,000).
 *
 * @category models
 * @since 0.2.0
 */
export interface CaseQuery {
  readonly category?: string | undefined
  readonly status?: string | undefined
  readonly after?: string | undefined
  readonly limit?: number | undefined
}

/**
 * What an append writes besides its events: the stream's case-list row (none: no row) and its
 * due timers (the pending timers of the stream become exactly these; claimed and fired timers
 * stay as they are).
 *
 * @category models
 * @since 0.1.0
 */
export interface InlineUpdate {
  readonly stream: string
  readonly category: string
  readonly id: string
  readonly version: number
  readonly at: string
  readonly summary: Summary | undefined
  readonly access: CaseAccess
  readonly timers: ReadonlyArray<TimerSpec> | undefined
}

/**
 * A row of the case list.
 *
 * @category models
 * @since 0.1.0
 */
export interface CaseRow {
  readonly stream: string
  readonly category: string
  readonly id: string
  readonly version: number
  readonly status: string
  readonly title: string | undefined
  readonly detail: Schema.Json | undefined
  readonly access: CaseAccess
  readonly updatedAt: string
}

/**
 * A row of the due-timer table. `status`: `pending` (waiting), `claimed` (a scheduler holds it
 * until `leaseUntil`), `fired` (dispatched; `outcome` says how it went). `provisional`: the due
 * date was counted through a provisional calendar year (see `TimerSpec`).
 *
 * @category models
 * @since 0.1.0
 */
export interface TimerRow {
  readonly id: string
  readonly stream: string
  readonly dueAt: string
  readonly notice: string
  readonly command: FollowUp | undefined
  readonly provisional: boolean
  readonly status: "pending" | "claimed" | "fired"
  readonly claimedBy: string | undefined
  readonly leaseUntil: string | undefined
  readonly firedAt: string | undefined
  readonly outcome: string | undefined
}

/**
 * The service.
 *
 * - `append`: the store's append plus the inline update, atomically;
 * - `cases` / `caseOf`: the case list;
 * - `timers(stream?)`: the due-timer table;
 * - `claimDue(now, owner, leaseMillis, limit)`: claims up to `limit` due timers (pending, or
 *   claimed with an expired lease) for `owner` until `now + leaseMillis`; two schedulers never
 *   claim one timer at the same time;
 * - `finish(id, owner, outcome, at)`: marks a claimed timer fired (only its owner can);
 * - `release(id, owner)`: gives a claimed timer back (the dispatch failed; it is retried);
 * - `replaceTimers(stream, version, timers)`: outside an append, makes the stream's pending
 *   timers exactly `timers` (as an append's inline update does) if the stream is still at
 *   `version`, and says whether it did; an append to the stream meanwhile wins (`Replan` uses it
 *   after the calendar changed);
 * - `rewriteCase(stream, version, summary, access)`: outside an append, replaces the stream's
 *   case-list row (none: removes it) if the stream is still at `version`, and says whether it did
 *   (erasure uses it to re-derive the rows of an erased person's cases).
 *
 * @category services
 * @since 0.1.0
 */
export class RuntimeStore extends Context.Service<
  RuntimeStore,
  {
    readonly append: (
      stream: string,
      events: ReadonlyArray<EventStore.NewEvent>,
      expected: ExpectedVersion.ExpectedVersion,
      inline: InlineUpdate,
    ) => Effect.Effect<EventStore.AppendResult, EventStoreError.AppendError | ReadModelUnavailable>
    readonly cases: (
      visibility: Visibility | "all",
      query?: CaseQuery,
    ) => Effect.Effect<ReadonlyArray<CaseRow>, ReadModelUnavailable>
    readonly caseOf: (stream: string) => Effect.Effect<CaseRow | undefined, ReadModelUnavailable>
    readonly timers: (
      visibility: Visibility | "all",
      stream?: string,
    ) => Effect.Effect<ReadonlyArray<TimerRow>, ReadModelUnavailable>
    readonly claimDue: (
      now: string,
      owner: string,
      leaseMillis: number,
      limit: number,
    ) => Effect.Effect<ReadonlyArray<TimerRow>, ReadModelUnavailable>
    readonly finish: (
      id: string,
      owner: string,
      outcome: string,
      at: string,
    ) => Effect.Effect<void, ReadModelUnavailable>
    readonly release: (id: string, owner: string) => Effect.Effect<void, ReadModelUnavailable>
    readonly replaceTimers: (
      stream: string,
      version: number,
      timers: ReadonlyArray<TimerSpec>,
    ) => Effect.Effect<boolean, ReadModelUnavailable>
    readonly rewriteCase: (
      stream: string,
      version: number,
      summary: Summary | undefined,
      access: CaseAccess,
    ) => Effect.Effect<boolean, ReadModelUnavailable>
  }
>()("@yiciban/runtime/RuntimeStore") {}

// ---------------------------------------------------------------------------------------------
// In memory
// ---------------------------------------------------------------------------------------------

/**
 * The memory the in-memory runtime keeps: the event store's storage, the case list and the
 * timers. Two runtimes over one `MemoryStorage` see the same data (a second app node in tests).
 *
 * @category models
 * @since 0.1.0
 */
export interface MemoryStorage {
  readonly events: MemoryEventStore.MemoryStorage
  readonly cases: Map<string, CaseRow>
  /** The due timers by id; write them through the runtime store (it indexes them by stream). */
  readonly timers: Map<string, TimerRow>
  /** The wrapped data keys of subjects, by pseudonym (see `PersonalData`). */
  readonly keys: Map<string, Uint8Array>
}

/**
 * Fresh, empty storage.
 *
 * @category constructors
 * @since 0.1.0
 */
export const makeMemoryStorage = (): MemoryStorage => ({
  events: MemoryEventStore.makeStorage(),
  cases: new Map(),
  timers: new Map(),
  keys: new Map(),
})

const timerId = (stream: string, key: string) => `${stream}/${key}`

/**
 * The size of a case-list page: `limit` clamped to 1–1,000 (default 100).
 *
 * @category combinators
 * @since 0.2.0
 */
export const pageLimit = (limit: number | undefined): number =>
  limit === undefined || !Number.isFinite(limit) ? 100 : Math.min(1000, Math.max(1, Math.floor(limit)))

/**
 * Makes the stream's pending timers exactly `timers` through three operations of a storage
 * (claimed and fired timers stay as they are).
 *
 * @category combinators
 * @since 0.2.0
 */
export const applyTimers = (
  apply: {
    readonly pending: (stream: string) => ReadonlyArray<string>
    readonly remove: (id: string) => void
    readonly insert: (row: TimerRow) => void
  },
  stream: string,
  timers: ReadonlyArray<TimerSpec>,
) => {
  const wanted = new Set(timers.map((timer) => timerId(stream, timer.key)))
  for (const id of apply.pending(stream)) if (!wanted.has(id)) apply.remove(id)
  for (const timer of timers) apply.insert(pendingRow(stream, timer))
}

/**
 * Applies an inline update through the four operations of a storage (the memory store's maps, a
 * SQL store's statements).
 *
 * @category combinators
 * @since 0.2.0
 */
export const applyInline = (
  apply: {
    readonly upsertCase: (row: CaseRow) => void
    readonly pending: (stream: string) => ReadonlyArray<string>
    readonly remove: (id: string) => void
    readonly insert: (row: TimerRow) => void
  },
  inline: InlineUpdate,
) => {
  if (inline.summary !== undefined) {
    apply.upsertCase({
      stream: inline.stream,
      category: inline.category,
      id: inline.id,
      version: inline.version,
      status: inline.summary.status,
      title: inline.summary.title,
      detail: inline.summary.detail,
      access: inline.access,
      updatedAt: inline.at,
    })
  }
  if (inline.timers === undefined) return
  applyTimers(apply, inline.stream, inline.timers)
}

/**
 * A new pending timer row of `stream`.
 *
 * @category constructors
 * @since 0.2.0
 */
export const pendingRow = (stream: string, timer: TimerSpec): TimerRow => ({
  id: timerId(stream, timer.key),
  stream,
  dueAt: new Date(timer.dueAt).toISOString(),
  notice: timer.notice,
  command: timer.command,
  provisional: timer.provisional === true,
  status: "pending",
  claimedBy: undefined,
  leaseUntil: undefined,
  firedAt: undefined,
  outcome: undefined,
})

/**
 * The ids of the timers of each stream, per timer table (shared by every runtime store over the
 * same storage): an append finds its stream's pending timers without reading the whole table.
 * Built from the table the first time, then kept by the runtime store's writes; a row deleted
 * from the table directly is dropped from it when next met.
 */
const timerIndexes = new WeakMap<Map<string, TimerRow>, Map<string, Set<string>>>()

const indexTimer = (index: Map<string, Set<string>>, row: TimerRow) => {
  const ids = index.get(row.stream)
  if (ids === undefined) index.set(row.stream, new Set([row.id]))
  else ids.add(row.id)
}

const timerIdsByStream = (timers: Map<string, TimerRow>): Map<string, Set<string>> => {
  const known = timerIndexes.get(timers)
  if (known !== undefined) return known
  const index = new Map<string, Set<string>>()
  for (const row of timers.values()) indexTimer(index, row)
  timerIndexes.set(timers, index)
  return index
}

/**
 * The runtime store in memory, over `storage`'s event store.
 *
 * @category constructors
 * @since 0.1.0
 */
export const makeMemory = (
  storage: MemoryStorage,
  events: EventStore.EventStore["Service"],
): RuntimeStore["Service"] => {
  const sorted = <A>(rows: Iterable<A>, key: (row: A) => string) =>
    [...rows].sort((a, b) => (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0))
  const byStream = timerIdsByStream(storage.timers)
  const timerTable = {
    pending: (s: string) => {
      const ids = byStream.get(s)
      if (ids === undefined) return []
      const pending: Array<string> = []
      for (const id of ids) {
        const row = storage.timers.get(id)
        if (row === undefined) ids.delete(id)
        else if (row.status === "pending") pending.push(id)
      }
      return pending
    },
    remove: (id: string) => {
      const row = storage.timers.get(id)
      if (row === undefined) return
      storage.timers.delete(id)
      byStream.get(row.stream)?.delete(id)
    },
    insert: (row: TimerRow) => {
      if (storage.timers.has(row.id)) return
      storage.timers.set(row.id, row)
      indexTimer(byStream, row)
    },
  }
  return RuntimeStore.of({
    append: (stream, batch, expected, inline) =>
      Effect.tap(events.append(stream, batch, expected), () =>
        Effect.sync(() =>
          applyInline({ upsertCase: (row) => storage.cases.set(row.stream, row), ...timerTable }, inline),
        ),
      ),
    cases: (visibility, query = {}) =>
      Effect.sync(() => {
        const limit = pageLimit(query.limit)
        return sorted(
          [...storage.cases.values()].filter(
            (row) =>
              (query.category === undefined || row.category === query.category) &&
              (query.status === undefined || row.status === query.status) &&
              (query.after === undefined || row.stream > query.after) &&
              isVisible(row.access, visibility),
          ),
          (row) => row.stream,
        ).slice(0, limit)
      }),
    replaceTimers: (stream, version, timers) =>
      Effect.sync(() => {
        if ((storage.events.streams.get(stream)?.length ?? 0) !== version) return false
        applyTimers(timerTable, stream, timers)
        return true
      }),
    rewriteCase: (stream, version, summary, access) =>
      Effect.sync(() => {
        if ((storage.events.streams.get(stream)?.length ?? 0) !== version) return false
        const row = storage.cases.get(stream)
        if (row === undefined) return true
        if (summary === undefined) storage.cases.delete(stream)
        else {
          storage.cases.set(stream, {
            ...row,
            status: summary.status,
            title: summary.title,
            detail: summary.detail,
            access,
          })
        }
        return true
      }),
    caseOf: (stream) => Effect.sync(() => storage.cases.get(stream)),
    timers: (visibility, stream) =>
      Effect.sync(() =>
        sorted(
          [...storage.timers.values()].filter((t) => {
            if (stream !== undefined && t.stream !== stream) return false
            if (visibility === "all") return true
            const row = storage.cases.get(t.stream)
            return row !== undefined && isVisible(row.access, visibility)
          }),
          (t) => `${t.dueAt} ${t.id}`,
        ),
      ),
    claimDue: (now, owner, leaseMillis, limit) =>
      Effect.sync(() => {
        const at = Date.parse(now)
        const due = sorted(
          [...storage.timers.values()].filter(
            (t) =>
              Date.parse(t.dueAt) <= at &&
              (t.status === "pending" || (t.status === "claimed" && Date.parse(t.leaseUntil!) < at)),
          ),
          (t) => `${t.dueAt} ${t.id}`,
        ).slice(0, limit)
        const leaseUntil = new Date(at + leaseMillis).toISOString()
        return due.map((t) => {
          const claimed: TimerRow = { ...t, status: "claimed", claimedBy: owner, leaseUntil }
          storage.timers.set(t.id, claimed)
          return claimed
        })
      }),
    finish: (id, owner, outcome, at) =>
      Effect.sync(() => {
        const t = storage.timers.get(id)
        if (t?.status === "claimed" && t.claimedBy === owner) {
          storage.timers.set(id, { ...t, status: "fired", firedAt: at, outcome })
        }
      }),
    release: (id, owner) =>
      Effect.sync(() => {
        const t = storage.timers.get(id)
        if (t?.status === "claimed" && t.claimedBy === owner) {
          storage.timers.set(id, { ...t, status: "pending", claimedBy: undefined, leaseUntil: undefined })
        }
      }),
  })
}

/**
 * The in-memory event store and runtime store, over `storage` (default: fresh), with the key
 * store of subjects' keys and the keyring. The keyring's secret is `options.secret`, or — for
 * tests and demos only — the public {@link PersonalData.testingSecret}.
 *
 * @example
 * ```ts
 * import { RuntimeStore } from "@yiciban/runtime"
 *
 * const storage = RuntimeStore.makeMemoryStorage()
 * const nodeA = RuntimeStore.layerMemory(storage)
 * const nodeB = RuntimeStore.layerMemory(storage) // sees what node A writes
 * ```
 *
 * @category layers
 * @since 0.1.0
 */
export const layerMemory = (
  storage: MemoryStorage = makeMemoryStorage(),
  options: { readonly secret?: string | undefined } = {},
): Layer.Layer<EventStore.EventStore | RuntimeStore | KeyStore | Keyring> =>
  Layer.effectContext(
    Effect.gen(function* () {
      // Memory keeps nothing past the process: its secret is not checked for length.
      const secret = options.secret ?? testingSecret
      const events = yield* MemoryEventStore.makeMemory({ storage: storage.events })
      const keys = makeMemoryKeyStore(storage.keys)
      return Context.make(EventStore.EventStore, events).pipe(
        Context.add(RuntimeStore, makeMemory(storage, events)),
        Context.add(KeyStore, keys),
        Context.add(Keyring, makeKeyring(secret, keys)),
      )
    }),
  )

/**
 * Where a `createYiciban` instance keeps its events and read models: an event store, a runtime
 * store, the key store of subjects' keys and the keyring (with the deployment's secret), as one
 * layer. {@link memory} is here; `@yiciban/postgres/pglite` and
 * `@yiciban/postgres/pg` make the PGlite and PostgreSQL server ones. A layer that also provides
 * `PolicyLibrary.PolicyLibrary` (those two do) gives the facade a policy library kept in the store;
 * otherwise the facade keeps one in memory.
 *
 * @category models
 * @since 0.2.0
 */
export interface StoreAdapter {
  readonly kind: string
  readonly layer: Layer.Layer<EventStore.EventStore | RuntimeStore | KeyStore | Keyring, unknown>
}

/**
 * True when `u` is a {@link StoreAdapter}.
 *
 * @category guards
 * @since 0.2.0
 */
export const isStoreAdapter = (u: unknown): u is StoreAdapter =>
  typeof u === "object" &&
  u !== null &&
  typeof (u as { kind?: unknown }).kind === "string" &&
  Layer.isLayer((u as { layer?: unknown }).layer)

/**
 * Events, case list, timers and subjects' keys in memory (over `storage`, default fresh): for
 * tests, demos and hosts that keep nothing. Without `options.secret` it uses the public
 * `PersonalData.testingSecret` (tests and demos only).
 *
 * @example
 * ```ts
 * import { createYiciban, RuntimeStore } from "@yiciban/runtime"
 *
 * const yiciban = await createYiciban({ store: RuntimeStore.memory() })
 * ```
 *
 * @category constructors
 * @since 0.2.0
 */
export const memory = (
  storage: MemoryStorage = makeMemoryStorage(),
  options: { readonly secret?: string | undefined } = {},
): StoreAdapter => ({
  kind: "memory",
  layer: layerMemory(storage, options),
})
