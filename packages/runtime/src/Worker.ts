/**
 * A background worker for hosts that want one: on an interval with jitter it fires the due timers
 * (`Scheduler.runDue`) and runs the process managers over the events after their checkpoints
 * (`ProcessManager.catchUp`). It stops gracefully — a run in progress finishes, no new one starts
 * — and reports its health: when it last ran and last succeeded, the last error, how late the
 * oldest due timer is (lag), and whether it has stalled (no successful run for `stallAfter`).
 *
 * Several workers may run against one PostgreSQL database: timers are claimed with a lease and
 * dispatched with the timer's id as the command id, process managers' commands have deterministic
 * ids, so nothing takes effect twice (see docs/runtime.md).
 *
 * @since 0.2.0
 */
import type { EventStore } from "@yiciban/eventstore"
import type { Scope } from "effect"
import * as Clock from "effect/Clock"
import * as Duration from "effect/Duration"
import * as Effect from "effect/Effect"
import * as Fiber from "effect/Fiber"
import * as Random from "effect/Random"
import * as Ref from "effect/Ref"
import type { Any } from "./Aggregate.ts"
import { catchUp, type ProcessManager } from "./ProcessManager.ts"
import { RuntimeStore } from "./RuntimeStore.ts"
import { runDue } from "./Scheduler.ts"

/**
 * The worker's options:
 *
 * - `aggregates`: the aggregates the timers' follow-up commands go to;
 * - `processManagers`: what it runs after the timers (default none);
 * - `interval`: the pause between runs (default 5 seconds);
 * - `jitter`: the fraction of `interval` drawn at random and added or taken off each pause, so
 *   that workers started together spread out (default 0.2, from 0 to 1);
 * - `stallAfter`: a worker with no successful run for this long is stalled (default 3 intervals
 *   and the longest jitter);
 * - `owner`: its name in timer claims (default a random id).
 *
 * @category models
 * @since 0.2.0
 */
export interface WorkerOptions {
  readonly aggregates: ReadonlyArray<Any>
  readonly processManagers?: ReadonlyArray<ProcessManager> | undefined
  readonly interval?: Duration.Input | undefined
  readonly jitter?: number | undefined
  readonly stallAfter?: Duration.Input | undefined
  readonly owner?: string | undefined
}

/**
 * What a worker reports:
 *
 * - `runs`, `failures`: the runs finished, and those that failed;
 * - `lastRunAt`, `lastSuccessAt` (ISO instants), `lastError` (the last failure's one-line message);
 * - `fired`, `handled`: timers fired and events handled by process managers, in all;
 * - `lagMillis`: how long the oldest timer that is due and not fired has been due (0: none;
 *   `undefined`: the timer table could not be read);
 * - `stalled`: no successful run for `stallAfter` (counted from the start before the first one);
 * - `stopped`: `stop` was called.
 *
 * @category models
 * @since 0.2.0
 */
export interface Health {
  readonly runs: number
  readonly failures: number
  readonly lastRunAt: string | undefined
  readonly lastSuccessAt: string | undefined
  readonly lastError: string | undefined
  readonly fired: number
  readonly handled: number
  readonly lagMillis: number | undefined
  readonly stalled: boolean
  readonly stopped: boolean
}

/**
 * A running worker: `runOnce` (a run now, outside the schedule), `health`, and `stop` (waits for a
 * run in progress, then ends the loop; idempotent).
 *
 * @category models
 * @since 0.2.0
 */
export interface Worker {
  readonly runOnce: Effect.Effect<void, never, EventStore.EventStore | RuntimeStore>
  readonly health: Effect.Effect<Health, never, RuntimeStore>
  readonly stop: Effect.Effect<void>
}

/**
 * Whether a worker is stalled at `now`: its last success (or, before the first one, its start) is
 * more than `stallAfterMillis` ago.
 *
 * @example
 * ```ts
 * import { Worker } from "@yiciban/runtime"
 *
 * Worker.isStalled({ startedAt: 0, lastSuccessAt: undefined }, 16_000, 15_000) // true
 * ```
 *
 * @category guards
 * @since 0.2.0
 */
export const isStalled = (
  times: { readonly startedAt: number; readonly lastSuccessAt: number | undefined },
  now: number,
  stallAfterMillis: number,
): boolean => now - (times.lastSuccessAt ?? times.startedAt) > stallAfterMillis

/**
 * The pause before the next run: `interval` moved by up to `jitter` of itself either way, for a
 * draw `u` in [0, 1).
 *
 * @example
 * ```ts
 * import { Worker } from "@yiciban/runtime"
 *
 * Worker.pauseMillis(5_000, 0.2, 0.5) // 5000
 * Worker.pauseMillis(5_000, 0.2, 0) // 4000
 * ```
 *
 * @category combinators
 * @since 0.2.0
 */
export const pauseMillis = (intervalMillis: number, jitter: number, u: number): number =>
  Math.max(0, Math.round(intervalMillis * (1 + jitter * (2 * u - 1))))

/**
 * The lag of the timer table at `now`: how long the oldest timer that is due and not fired has
 * been due, in milliseconds (0 when none is).
 *
 * @category combinators
 * @since 0.2.0
 */
export const lagOf = (
  timers: ReadonlyArray<{ readonly dueAt: string; readonly status: string }>,
  now: number,
): number => {
  let lag = 0
  for (const timer of timers) {
    if (timer.status === "fired") continue
    const due = Date.parse(timer.dueAt)
    if (due <= now) lag = Math.max(lag, now - due)
  }
  return lag
}

const oneLine = (error: unknown): string =>
  (error instanceof Error ? error.message : String((error as { message?: unknown })?.message ?? error))
    .replace(/\s+/g, " ")
    .slice(0, 240)

/**
 * Starts a worker in the current scope: the loop runs until `stop` or until the scope closes
 * (which stops it the same way).
 *
 * @example
 * ```ts
 * import { Effect } from "effect"
 * import { Aggregates, ProcessManagers, Worker } from "@yiciban/runtime"
 *
 * const program = Effect.scoped(
 *   Effect.gen(function* () {
 *     const worker = yield* Worker.start({ aggregates: Aggregates.all, processManagers: ProcessManagers.all })
 *     // … serve requests; on SIGTERM:
 *     yield* worker.stop
 *   }),
 * )
 * ```
 *
 * @category constructors
 * @since 0.2.0
 */
export const start = (
  options: WorkerOptions,
): Effect.Effect<Worker, never, Scope.Scope | EventStore.EventStore | RuntimeStore> =>
  Effect.gen(function* () {
    const intervalMillis = Duration.toMillis(Duration.fromInputUnsafe(options.interval ?? Duration.seconds(5)))
    const jitter = Math.min(1, Math.max(0, options.jitter ?? 0.2))
    const stallAfterMillis =
      options.stallAfter === undefined
        ? Math.round(intervalMillis * (3 + jitter))
        : Duration.toMillis(Duration.fromInputUnsafe(options.stallAfter))
    const owner = options.owner ?? `worker-${globalThis.crypto.randomUUID()}`
    const processManagers = options.processManagers ?? []
    const startedAt = yield* Clock.currentTimeMillis
    const state = yield* Ref.make({
      runs: 0,
      failures: 0,
      lastRunAt: undefined as number | undefined,
      lastSuccessAt: undefined as number | undefined,
      lastError: undefined as string | undefined,
      fired: 0,
      handled: 0,
      stopped: false,
    })

    const work = Effect.gen(function* () {
      const fired = yield* runDue({ aggregates: options.aggregates, owner })
      let handled = 0
      for (const manager of processManagers) handled += (yield* catchUp(manager, options.aggregates)).handled
      return { fired: fired.length, handled }
    })
    const runOnce = Effect.gen(function* () {
      const result = yield* Effect.result(work)
      const at = yield* Clock.currentTimeMillis
      yield* Ref.update(state, (s) =>
        result._tag === "Success"
          ? {
              ...s,
              runs: s.runs + 1,
              lastRunAt: at,
              lastSuccessAt: at,
              fired: s.fired + result.success.fired,
              handled: s.handled + result.success.handled,
            }
          : { ...s, runs: s.runs + 1, failures: s.failures + 1, lastRunAt: at, lastError: oneLine(result.failure) },
      )
    }).pipe(Effect.uninterruptible)

    const loop = Effect.gen(function* () {
      for (;;) {
        if ((yield* Ref.get(state)).stopped) return
        yield* runOnce
        const u = yield* Random.next
        // Only the pause is interruptible: `stop` never cuts a run short.
        yield* Effect.sleep(Duration.millis(pauseMillis(intervalMillis, jitter, u)))
      }
    })
    const fiber = yield* Effect.forkScoped(loop)
    const stop = Effect.gen(function* () {
      yield* Ref.update(state, (s) => ({ ...s, stopped: true }))
      yield* Fiber.interrupt(fiber)
    })
    yield* Effect.addFinalizer(() => stop)

    const health = Effect.gen(function* () {
      const s = yield* Ref.get(state)
      const now = yield* Clock.currentTimeMillis
      const store = yield* RuntimeStore
      const timers = yield* Effect.orElseSucceed(store.timers("all"), () => undefined)
      const iso = (ms: number | undefined) => (ms === undefined ? undefined : new Date(ms).toISOString())
      return {
        runs: s.runs,
        failures: s.failures,
        lastRunAt: iso(s.lastRunAt),
        lastSuccessAt: iso(s.lastSuccessAt),
        lastError: s.lastError,
        fired: s.fired,
        handled: s.handled,
        lagMillis: timers === undefined ? undefined : lagOf(timers, now),
        stalled: !s.stopped && isStalled({ startedAt, lastSuccessAt: s.lastSuccessAt }, now, stallAfterMillis),
        stopped: s.stopped,
      }
    })
    return { runOnce, health, stop }
  })
