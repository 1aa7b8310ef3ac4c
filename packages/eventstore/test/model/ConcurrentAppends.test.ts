/**
 * A scheduled model of concurrent appends to the in-memory store. Writers run scripts of appends
 * (read the version then append with `exact`, or append with a fixed expectation, or retry their
 * last batch); fast-check's scheduler decides how their steps interleave. After every run the
 * outcomes are checked against a simple model: the batches that were written, replayed in global
 * order, each met its expectation at the version the stream had then; every conflict reports a
 * version the stream really had and that fails the expectation; every retry of a written batch
 * gets the first answer back; the stored events satisfy the ordering invariants.
 */
import { fc, test } from "@fast-check/vitest"
import { Effect, Exit } from "effect"
import { expect } from "vitest"
import { EventOrder, type EventStore, ExpectedVersion, MemoryEventStore } from "../../src/index.ts"
import { newEvents } from "../../src/testing.ts"

type Expectation = "any" | "noStream" | "streamExists" | { readonly exact: number }

type Op =
  | { readonly kind: "readThenExact"; readonly stream: number; readonly size: number }
  | { readonly kind: "fixed"; readonly stream: number; readonly size: number; readonly expected: Expectation }
  | { readonly kind: "retryLast" }

const opArb: fc.Arbitrary<Op> = fc.oneof(
  fc.record({ kind: fc.constant("readThenExact" as const), stream: fc.nat(1), size: fc.integer({ min: 0, max: 3 }) }),
  fc.record({
    kind: fc.constant("fixed" as const),
    stream: fc.nat(1),
    size: fc.integer({ min: 0, max: 3 }),
    expected: fc.oneof(
      fc.constantFrom<Expectation>("any", "noStream", "streamExists"),
      fc.record({ exact: fc.nat(6) }),
    ),
  }),
  fc.constant({ kind: "retryLast" as const }),
)

const toExpected = (e: Expectation): ExpectedVersion.ExpectedVersion =>
  e === "any"
    ? ExpectedVersion.any
    : e === "noStream"
      ? ExpectedVersion.noStream
      : e === "streamExists"
        ? ExpectedVersion.streamExists
        : ExpectedVersion.exact(e.exact)

interface Attempt {
  readonly batch: number
  readonly stream: string
  readonly expected: ExpectedVersion.ExpectedVersion
  readonly observed: number | undefined
  readonly exit: Exit.Exit<EventStore.AppendResult, { readonly _tag: string }>
}

const runs = { ops: new Map<string, number>(), outcomes: new Map<string, number>() }
const count = (map: Map<string, number>, key: string) => map.set(key, (map.get(key) ?? 0) + 1)

test.prop([fc.scheduler(), fc.array(fc.array(opArb, { minLength: 1, maxLength: 5 }), { minLength: 2, maxLength: 4 })], {
  numRuns: 200,
})("concurrent appends linearize against the model", async (s, scripts) => {
  const store = await Effect.runPromise(MemoryEventStore.makeMemory())
  const streams = [`model-${crypto.randomUUID()}`, `model-${crypto.randomUUID()}`]
  const batches: Array<{ readonly ids: ReadonlyArray<string>; readonly stream: string }> = []
  const attempts: Array<Attempt> = []
  const step = s.scheduleFunction(async <A>(f: () => Promise<A>) => f())

  const writer = async (script: ReadonlyArray<Op>) => {
    let last:
      | {
          batch: number
          events: ReadonlyArray<EventStore.NewEvent>
          expected: ExpectedVersion.ExpectedVersion
          stream: string
        }
      | undefined
    for (const op of script) {
      count(runs.ops, op.kind)
      if (op.kind === "retryLast") {
        if (last === undefined) continue
        const { batch, events, expected, stream } = last
        const exit = await step(() => Effect.runPromiseExit(store.append(stream, events, expected)))
        attempts.push({ batch, stream, expected, observed: undefined, exit })
        continue
      }
      const stream = streams[op.stream]!
      const events = await Effect.runPromise(newEvents(op.size, "ModelHappened"))
      const batch = batches.push({ ids: events.map((e) => e.eventId), stream }) - 1
      let observed: number | undefined
      let expected: ExpectedVersion.ExpectedVersion
      if (op.kind === "readThenExact") {
        const read = await step(() => Effect.runPromise(store.readStream(stream)))
        observed = read.at(-1)?.streamVersion ?? 0
        expected = ExpectedVersion.exact(observed)
      } else {
        expected = toExpected(op.expected)
      }
      const exit = await step(() => Effect.runPromiseExit(store.append(stream, events, expected)))
      attempts.push({ batch, stream, expected, observed, exit })
      last = { batch, events, expected, stream }
    }
  }

  const done = Promise.all(scripts.map(writer))
  await s.waitIdle()
  await done

  const all = await Effect.runPromise(store.readAll({ fromPosition: 0, limit: 10_000 }))
  expect(EventOrder.isConsistent(all)).toBe(true)
  const stored = new Map(all.map((event) => [event.eventId, event]))

  // Batches written, in global order, replayed against the model of stream versions.
  const written = batches
    .map((batch, index) => ({ ...batch, index }))
    .filter((batch) => batch.ids.length > 0 && stored.has(batch.ids[0]!))
    .sort((a, b) => stored.get(a.ids[0]!)!.globalPosition - stored.get(b.ids[0]!)!.globalPosition)
  const version = new Map<string, number>(streams.map((stream) => [stream, 0]))
  const history = new Map<string, Set<number>>(streams.map((stream) => [stream, new Set([0])]))
  const firstResult = new Map<number, EventStore.AppendResult>()
  for (const batch of written) {
    const before = version.get(batch.stream)!
    const mine = attempts.filter((attempt) => attempt.batch === batch.index)
    // all of a batch is stored, at consecutive versions right after the model's version
    expect(batch.ids.map((id) => stored.get(id)?.streamVersion)).toEqual(batch.ids.map((_, i) => before + i + 1))
    // the attempt that wrote it (and its retries, which share the expectation) met its expectation
    expect(ExpectedVersion.isSatisfiedBy(mine[0]!.expected, before)).toBe(true)
    const result = {
      streamVersion: before + batch.ids.length,
      globalPositions: batch.ids.map((id) => stored.get(id)!.globalPosition),
    }
    firstResult.set(batch.index, result)
    version.set(batch.stream, result.streamVersion)
    history.get(batch.stream)!.add(result.streamVersion)
  }
  // nothing else was stored
  expect(all.length).toBe(written.reduce((n, batch) => n + batch.ids.length, 0))

  for (const attempt of attempts) {
    const batch = batches[attempt.batch]!
    if (Exit.isSuccess(attempt.exit)) {
      count(runs.outcomes, batch.ids.length === 0 ? "empty batch" : "success")
      if (batch.ids.length === 0) {
        // an empty batch answers with a version the stream had, meeting the expectation
        expect(history.get(attempt.stream)!.has(attempt.exit.value.streamVersion)).toBe(true)
        expect(ExpectedVersion.isSatisfiedBy(attempt.expected, attempt.exit.value.streamVersion)).toBe(true)
      } else {
        // every success (first write or idempotent retry) answers with the write's result
        expect(attempt.exit.value).toEqual(firstResult.get(attempt.batch))
      }
      continue
    }
    const error = attempt.exit.cause.reasons[0]
    const failure = error !== undefined && error._tag === "Fail" ? error.error : undefined
    expect(failure?._tag).toBe("VersionConflict")
    count(runs.outcomes, "conflict")
    const conflict = failure as unknown as { readonly actual: number }
    // once a batch is written, a retry of it is idempotent: it cannot conflict afterwards
    const earlier = attempts.slice(0, attempts.indexOf(attempt)).filter((a) => a.batch === attempt.batch)
    expect(batch.ids.length > 0 && earlier.some((a) => Exit.isSuccess(a.exit))).toBe(false)
    expect(history.get(attempt.stream)!.has(conflict.actual)).toBe(true)
    expect(ExpectedVersion.isSatisfiedBy(attempt.expected, conflict.actual)).toBe(false)
    if (attempt.observed !== undefined) expect(conflict.actual).toBeGreaterThan(attempt.observed)
  }
})

test("the model exercised every kind of step and outcome", () => {
  // reported so a change that makes the generator stop producing races is visible
  console.info("ops", Object.fromEntries(runs.ops), "outcomes", Object.fromEntries(runs.outcomes))
  for (const kind of ["readThenExact", "fixed", "retryLast"]) expect(runs.ops.get(kind) ?? 0).toBeGreaterThan(0)
  for (const outcome of ["success", "conflict", "empty batch"])
    expect(runs.outcomes.get(outcome) ?? 0).toBeGreaterThan(0)
})
