/**
 * Re-planning the due timers after the working-day calendar changed — typically when the State
 * Council's holiday notice for a year is loaded and replaces a provisional year (`HolidayNotice`),
 * which moves deadlines both ways (a make-up Saturday brings one forward, a bridged weekday pushes
 * one back) and takes the provisional mark off.
 *
 * The due-timer table is derived from each stream's state by `aggregate.timers(state, id)`, inline
 * with every append, so an append after the change already gets the new timers. {@link replan}
 * does the same for every stream nobody touches: it loads each stream of every aggregate that has
 * timers, derives them again (on the calendar now in force: pass the aggregates a calendar
 * function, see `Aggregates.makeApplication`), and replaces the pending timers of the streams whose
 * timers differ, with the stream's version as the guard (an append in between wins, and the stream
 * is derived again). Claimed and fired timers are left as they are. It reports what moved.
 *
 * Streams are found in the case list and in the timer table. Run it after swapping the calendar;
 * running it again changes nothing (a command decided on the old calendar but committed after
 * `replan` passed its stream is caught by the next run).
 *
 * @since 0.1.0
 */
import type { EventStore, EventStoreError } from "@yiciban/eventstore"
import * as Effect from "effect/Effect"
import type { Any } from "./Aggregate.ts"
import { load } from "./Loader.ts"
import { streamFor } from "./PersonalData.ts"
import { type ReadModelUnavailable, TooMuchContention, type UnreadableEvent } from "./RuntimeError.ts"
import { RuntimeStore } from "./RuntimeStore.ts"

/**
 * A timer as the report shows it: its id, when it is due, what it says and whether its date is
 * provisional.
 *
 * @category models
 * @since 0.1.0
 */
export interface PlannedTimer {
  readonly id: string
  readonly dueAt: string
  readonly notice: string
  readonly provisional: boolean
}

/**
 * One stream whose timers changed: the pending timers removed and the ones added (a moved deadline
 * is one of each, its date in both ids).
 *
 * @category models
 * @since 0.1.0
 */
export interface Replanned {
  readonly stream: string
  readonly version: number
  readonly removed: ReadonlyArray<PlannedTimer>
  readonly added: ReadonlyArray<PlannedTimer>
}

/**
 * What {@link replan} did: how many streams it derived again and the ones whose timers changed.
 *
 * @category models
 * @since 0.1.0
 */
export interface ReplanReport {
  readonly examined: number
  readonly replanned: ReadonlyArray<Replanned>
}

/**
 * - `aggregates`: the aggregates whose timers to derive again (those without `timers` are skipped);
 * - `maxAttempts`: how often a stream is derived again when appends keep moving it (default 5,
 *   then `TooMuchContention`).
 *
 * @category models
 * @since 0.1.0
 */
export interface ReplanOptions {
  readonly aggregates: ReadonlyArray<Any>
  readonly maxAttempts?: number | undefined
}

/**
 * Everything {@link replan} may fail with.
 *
 * @category errors
 * @since 0.1.0
 */
export type ReplanError = ReadModelUnavailable | EventStoreError.StreamError | UnreadableEvent | TooMuchContention

const planned =
  (stream: string) =>
  (timer: { key: string; dueAt: string; notice: string; provisional?: boolean | undefined }): PlannedTimer => ({
    id: `${stream}/${timer.key}`,
    dueAt: new Date(timer.dueAt).toISOString(),
    notice: timer.notice,
    provisional: timer.provisional === true,
  })

/** The ids of an aggregate's streams: its rows in the case list and the streams in the timer table. */
const idsOf = (aggregate: Any) =>
  Effect.gen(function* () {
    const store = yield* RuntimeStore
    const prefix = `${aggregate.name}-`
    const ids = new Set<string>()
    for (let after: string | undefined; ; ) {
      const page = yield* store.cases("all", { category: aggregate.name, after, limit: 1000 })
      for (const row of page) ids.add(row.id)
      if (page.length < 1000) break
      after = page[page.length - 1]!.stream
    }
    for (const timer of yield* store.timers("all")) {
      if (timer.stream.startsWith(prefix)) ids.add(timer.stream.slice(prefix.length))
    }
    return [...ids].sort()
  })

const replanStream = (aggregate: Any, id: string, maxAttempts: number) =>
  Effect.gen(function* () {
    const store = yield* RuntimeStore
    const stream = yield* streamFor(aggregate, id)
    for (let attempt = 1; attempt <= maxAttempts; attempt++) {
      const loaded = yield* load(aggregate, id)
      const wanted = aggregate.timers!(loaded.state, id)
      const rows = yield* store.timers("all", stream)
      const wantedIds = new Set(wanted.map((timer) => `${stream}/${timer.key}`))
      const known = new Set(rows.map((row) => row.id))
      const removed = rows.filter((row) => row.status === "pending" && !wantedIds.has(row.id))
      const added = wanted.filter((timer) => !known.has(`${stream}/${timer.key}`))
      if (removed.length === 0 && added.length === 0) return undefined
      if (yield* store.replaceTimers(stream, loaded.version, wanted)) {
        const replanned: Replanned = {
          stream,
          version: loaded.version,
          removed: removed.map((row) => ({
            id: row.id,
            dueAt: row.dueAt,
            notice: row.notice,
            provisional: row.provisional,
          })),
          added: added.map(planned(stream)),
        }
        return replanned
      }
    }
    return yield* new TooMuchContention({ stream, attempts: maxAttempts })
  })

/**
 * Derives the timers of every stream of `aggregates` again and replaces those that changed.
 *
 * @example
 * ```ts
 * import { HolidayNotice, WorkCalendar } from "@yiciban/core"
 * import { Aggregates, Replan } from "@yiciban/runtime"
 * import { Result } from "effect"
 *
 * let calendar = WorkCalendar.chinaMainland
 * const aggregates = [Aggregates.makeApplication({ calendar: () => calendar }), Aggregates.matter, Aggregates.creditRecord]
 * // … when the 2027 notice is published:
 * calendar = HolidayNotice.apply(calendar, Result.getOrThrow(HolidayNotice.fromJson(text)))
 * const report = Replan.replan({ aggregates }) // Effect<ReplanReport, ReplanError, EventStore | RuntimeStore>
 * ```
 *
 * @category combinators
 * @since 0.1.0
 */
export const replan = (
  options: ReplanOptions,
): Effect.Effect<ReplanReport, ReplanError, EventStore.EventStore | RuntimeStore> =>
  Effect.gen(function* () {
    const maxAttempts = options.maxAttempts ?? 5
    let examined = 0
    const replanned: Array<Replanned> = []
    for (const aggregate of options.aggregates) {
      if (aggregate.timers === undefined) continue
      for (const id of yield* idsOf(aggregate)) {
        examined++
        const changed = yield* replanStream(aggregate, id, maxAttempts)
        if (changed !== undefined) replanned.push(changed)
      }
    }
    return { examined, replanned }
  })
