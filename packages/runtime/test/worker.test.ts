/**
 * The background worker, driven by effect's TestClock: it fires due timers on its interval, runs
 * process managers, reports health (runs, last success, lag, stall), stops gracefully and stops
 * when its scope closes. Its pure parts are property-tested: the pause stays within the jitter,
 * the lag is the oldest due unfired timer's, a worker is stalled exactly past `stallAfter`.
 */
import { fc, test } from "@fast-check/vitest"
import { Effect, Layer, type Scope } from "effect"
import { TestClock } from "effect/testing"
import { describe, expect, it } from "vitest"
import { Aggregates, ProcessManagers, RuntimeError, RuntimeStore, Worker } from "../src/index.ts"
import { morningOf } from "./fixtures.ts"
import { publishMatter, submitCase } from "./support.ts"

const run = <A, E>(
  effect: Effect.Effect<A, E, Layer.Success<ReturnType<typeof RuntimeStore.layerMemory>> | Scope.Scope>,
) =>
  Effect.runPromise(
    Effect.scoped(Effect.andThen(TestClock.setTime(morningOf("2026-09-24")), effect)).pipe(
      Effect.provide(Layer.merge(RuntimeStore.layerMemory(), TestClock.layer())),
    ) as Effect.Effect<A, never, never>,
  )

/** Real time for the promises a run awaits (TestClock only drives Effect's own sleeps). */
const settle = Effect.promise(() => new Promise<void>((resolve) => setTimeout(resolve, 20)))

describe("the worker", () => {
  it("fires a due timer on its interval; health reports the run, what fired and no lag after", async () => {
    const result = await run(
      Effect.gen(function* () {
        yield* publishMatter()
        yield* submitCase("W-1")
        const store = yield* RuntimeStore.RuntimeStore
        const deem = (yield* store.timers("all")).find((timer) => timer.id.includes("DeemAccepted"))!
        const worker = yield* Worker.start({
          aggregates: Aggregates.all,
          processManagers: ProcessManagers.all,
          interval: "1 hour",
          jitter: 0.2,
        })
        yield* TestClock.adjust("1 second")
        const early = yield* worker.health
        // the timer becomes due; the next run (within one interval and its jitter) fires it
        yield* TestClock.setTime(Date.parse(deem.dueAt) + 1000)
        const late = yield* worker.health
        // A run does real asynchronous work (hashing event ids): let it finish, then move the
        // clock to the next run, until the timer has fired (or clearly never will: 500 steps, 10 s of
        // real time at most, so a loaded machine does not fail it).
        for (let step = 0; step < 500 && (yield* worker.health).fired === 0; step++) {
          yield* settle
          yield* TestClock.adjust("80 minutes")
        }
        const after = yield* worker.health
        const fired = (yield* store.timers("all")).find((timer) => timer.id === deem.id)!
        yield* worker.stop
        return { early, late, after, fired }
      }),
    )
    expect(result.early).toMatchObject({ runs: 1, fired: 0, lagMillis: 0, stalled: false, failures: 0 })
    expect(result.late.runs).toBeGreaterThan(1)
    expect(result.after.fired).toBeGreaterThanOrEqual(1)
    expect(result.after.lagMillis).toBe(0)
    expect(result.after.lastSuccessAt).toBeDefined()
    expect(result.fired.status).toBe("fired")
  })

  it("reports the lag of a timer it cannot fire, the failures and their message, and a stall", async () => {
    const health = await run(
      Effect.gen(function* () {
        yield* publishMatter()
        yield* submitCase("W-2")
        const store = yield* RuntimeStore.RuntimeStore
        const deem = (yield* store.timers("all")).find((timer) => timer.id.includes("DeemAccepted"))!
        const down = {
          ...store,
          claimDue: () =>
            Effect.fail(new RuntimeError.ReadModelUnavailable({ operation: "claimDue", detail: "connection lost" })),
        }
        return yield* Effect.provideService(
          Effect.gen(function* () {
            const worker = yield* Worker.start({ aggregates: Aggregates.all, interval: "1 hour", jitter: 0 })
            yield* TestClock.setTime(Date.parse(deem.dueAt) + 60_000)
            const before = yield* worker.health
            yield* TestClock.adjust("4 hours")
            const stalled = yield* worker.health
            yield* worker.stop
            return { before, stalled }
          }),
          RuntimeStore.RuntimeStore,
          down,
        )
      }),
    )
    expect(health.before.lagMillis).toBeGreaterThanOrEqual(60_000)
    expect(health.stalled.failures).toBeGreaterThanOrEqual(3)
    expect(health.stalled.lastError).toContain("connection lost")
    expect(health.stalled.lastSuccessAt).toBeUndefined()
    expect(health.stalled.stalled).toBe(true)
  })

  it("stop ends the loop: no run after it, however much time passes; closing the scope stops it too", async () => {
    const result = await run(
      Effect.gen(function* () {
        const worker = yield* Worker.start({ aggregates: Aggregates.all, interval: "1 second", jitter: 0.5 })
        yield* TestClock.adjust("10 seconds")
        const running = yield* worker.health
        yield* worker.stop
        yield* worker.stop
        yield* TestClock.adjust("1 minute")
        const stopped = yield* worker.health
        const scoped = yield* Effect.scoped(
          Effect.map(Worker.start({ aggregates: Aggregates.all, interval: "1 second" }), (w) => w),
        )
        const closed = yield* scoped.health
        yield* TestClock.adjust("1 minute")
        return { running, stopped, closed, afterScope: yield* scoped.health }
      }),
    )
    expect(result.running.runs).toBeGreaterThanOrEqual(7)
    expect(result.stopped).toMatchObject({ runs: result.running.runs, stopped: true, stalled: false })
    expect(result.closed.stopped).toBe(true)
    expect(result.afterScope.runs).toBe(result.closed.runs)
  })
})

describe("the worker's pure parts", () => {
  test.prop([
    fc.integer({ min: 0, max: 3_600_000 }),
    fc.double({ min: 0, max: 1, noNaN: true }),
    fc.double({ min: 0, max: 1, maxExcluded: true, noNaN: true }),
  ])("the pause is the interval moved by at most the jitter either way", (interval, jitter, u) => {
    const pause = Worker.pauseMillis(interval, jitter, u)
    expect(pause).toBeGreaterThanOrEqual(Math.floor(interval * (1 - jitter)))
    expect(pause).toBeLessThanOrEqual(Math.ceil(interval * (1 + jitter)))
  })

  const timer = fc.record({
    dueAt: fc.integer({ min: 0, max: 1_000_000 }).map((ms) => new Date(ms).toISOString()),
    status: fc.constantFrom("pending", "claimed", "fired"),
  })
  test.prop([fc.array(timer, { maxLength: 20 }), fc.integer({ min: 0, max: 1_000_000 })])(
    "the lag is how long the oldest due, unfired timer has been due",
    (timers, now) => {
      const due = timers
        .filter((t) => t.status !== "fired")
        .map((t) => Date.parse(t.dueAt))
        .filter((at) => at <= now)
        .sort((a, b) => a - b)
      expect(Worker.lagOf(timers, now)).toBe(due.length === 0 ? 0 : now - due[0]!)
    },
  )

  test.prop([
    fc.integer({ min: 0, max: 1e9 }),
    fc.option(fc.integer({ min: 0, max: 1e9 }), { nil: undefined }),
    fc.integer({ min: 0, max: 2e9 }),
    fc.integer({ min: 0, max: 1e8 }),
  ])(
    "stalled exactly when the last success (or the start) is more than stallAfter ago",
    (startedAt, lastSuccessAt, now, stallAfter) => {
      const since = lastSuccessAt ?? startedAt
      expect(Worker.isStalled({ startedAt, lastSuccessAt }, now, stallAfter)).toBe(now - since > stallAfter)
    },
  )
})
