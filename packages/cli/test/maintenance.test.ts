/**
 * `replay` and `projections rebuild` on the memory store: a rebuild leaves the case list and the
 * due timers equal to the ones built live with every append, whatever was damaged; a second
 * rebuild changes nothing; replay finds the damage a rebuild repairs; an unknown projection is a
 * typed error that writes nothing.
 */
import { fc, test } from "@fast-check/vitest"
import { Aggregates, CommandHandler, Policies, PolicyLibrary, Projection, RuntimeStore } from "@yiciban/runtime"
import { Effect } from "effect"
import { describe, expect, it } from "vitest"
import { clerk } from "../../runtime/test/fixtures.ts"
import { loanInterest, policyAdmin, stableJobs } from "../../runtime/test/policyFixtures.ts"
import { failureOf, onDay, publishMatter, submitCase, successOf } from "../../runtime/test/support.ts"
import {
  aggregatesWith,
  headPosition,
  ProjectionNotInStore,
  rebuild,
  replay,
  UnknownProjection,
} from "../src/Maintenance.ts"

const aggregates = aggregatesWith([])

/** A store with the test matter and `cases` cases, each submitted and, when `accepted`, accepted. */
const storeWith = async (cases: ReadonlyArray<boolean>) => {
  const storage = RuntimeStore.makeMemoryStorage()
  successOf(await onDay(storage, "2026-09-01", publishMatter()))
  for (const [i, accepted] of cases.entries()) {
    const caseNo = `CLI-${i}`
    successOf(
      await onDay(
        storage,
        "2026-09-24",
        Effect.andThen(
          submitCase(caseNo),
          accepted
            ? CommandHandler.handle(Aggregates.application, caseNo, { _tag: "AcceptApplication", caseNo }, clerk, {
                commandId: `accept-${caseNo}`,
              })
            : Effect.void,
        ),
      ),
    )
  }
  return storage
}

const snapshot = (storage: RuntimeStore.MemoryStorage) => ({
  cases: [...storage.cases.values()].sort((a, b) => a.stream.localeCompare(b.stream)),
  timers: [...storage.timers.values()].sort((a, b) => a.id.localeCompare(b.id)),
})

/** Damage to the read models: a wrong status, a row's access lost, a stream's pending timers gone. */
type Damage =
  | { readonly kind: "status"; readonly at: number }
  | { readonly kind: "access"; readonly at: number }
  | { readonly kind: "timers"; readonly at: number }

const damage = (storage: RuntimeStore.MemoryStorage, d: Damage) => {
  const rows = [...storage.cases.values()].sort((a, b) => a.stream.localeCompare(b.stream))
  const row = rows[d.at % rows.length]!
  if (d.kind === "status") storage.cases.set(row.stream, { ...row, status: "damaged" })
  else if (d.kind === "access")
    storage.cases.set(row.stream, {
      ...row,
      access: { owners: [], authority: undefined, region: undefined, public: false },
    })
  else {
    const streams = [...new Set([...storage.timers.values()].map((t) => t.stream))].sort()
    if (streams.length === 0) return
    const stream = streams[d.at % streams.length]!
    for (const [id, timer] of storage.timers)
      if (timer.stream === stream && timer.status === "pending") storage.timers.delete(id)
  }
}

const run = <A, E>(storage: RuntimeStore.MemoryStorage, effect: Effect.Effect<A, E, any>) =>
  onDay(storage, "2026-09-24", effect).then(successOf)

describe("projections rebuild", () => {
  test.prop(
    [
      fc.array(fc.boolean(), { minLength: 1, maxLength: 4 }),
      fc.array(
        fc.record({ kind: fc.constantFrom("status" as const, "access" as const, "timers" as const), at: fc.nat(10) }),
        { maxLength: 4 },
      ),
    ],
    { numRuns: 12 },
  )(
    "leaves cases and timers equal to the live-built ones, and a second rebuild changes nothing",
    async (cases, damages) => {
      const storage = await storeWith(cases)
      const live = snapshot(storage)
      for (const d of damages) damage(storage, d)
      const damaged = JSON.stringify(snapshot(storage)) !== JSON.stringify(live)
      const before = await run(storage, replay({ aggregates }))
      expect(before.broken).toEqual([])
      if (damages.some((d) => d.kind === "status")) expect(before.drift.length).toBeGreaterThan(0)
      const cased = await run(storage, rebuild("cases", { aggregates }))
      const timed = await run(storage, rebuild("timers", { aggregates }))
      expect(snapshot(storage)).toEqual(live)
      expect(cased.changed.length + timed.changed.length > 0).toBe(damaged)
      expect((await run(storage, rebuild("cases", { aggregates }))).changed).toEqual([])
      expect((await run(storage, rebuild("timers", { aggregates }))).changed).toEqual([])
      expect((await run(storage, replay({ aggregates }))).drift).toEqual([])
    },
  )

  it("reports progress and counts the events it folded", async () => {
    const storage = await storeWith([true, false])
    const seen: Array<[number, number, number]> = []
    const report = await run(
      storage,
      rebuild("cases", { aggregates, onProgress: (done, total, count) => seen.push([done, total, count]) }),
    )
    // The matter (drafted, published), one case submitted and accepted, one submitted.
    expect(report).toMatchObject({ projection: "cases", streams: 3, changed: [] })
    expect(report.events).toBe(2 + 2 + 1)
    expect(seen).toEqual([
      [0, 3, 0],
      [1, 3, 1],
      [2, 3, 2],
      [3, 3, 3],
    ])
  })

  it("an unknown projection is UnknownProjection, naming the known ones, and writes nothing", async () => {
    const storage = await storeWith([true])
    const live = snapshot(storage)
    const error = failureOf(await onDay(storage, "2026-09-24", rebuild("case", { aggregates })))
    expect(error).toBeInstanceOf(UnknownProjection)
    expect((error as UnknownProjection).message).toBe(
      'no projection "case"; the projections are cases, timers, policy-library',
    )
    expect(snapshot(storage)).toEqual(live)
  })

  it("policy-library: a damaged library is derived again (the changed policies named), a second rebuild changes nothing; a store without a library is ProjectionNotInStore", async () => {
    const storage = RuntimeStore.makeMemoryStorage()
    for (const [policyId, terms] of [
      ["HN-2026-WG-01", stableJobs],
      ["HN-2026-TX-01", loanInterest],
    ] as const) {
      for (const command of [
        { _tag: "DraftPolicy", policyId, terms },
        { _tag: "PublishPolicy", policyId },
      ] as const) {
        successOf(
          await onDay(storage, "2026-08-25", CommandHandler.handle(Policies.policy, undefined, command, policyAdmin)),
        )
      }
    }
    const library = PolicyLibrary.makeMemory()
    const withLibrary = <A, E>(effect: Effect.Effect<A, E, any>) =>
      run(storage, Effect.provideService(effect, PolicyLibrary.PolicyLibrary, library))
    await withLibrary(Projection.catchUp(PolicyLibrary.projection(library)))
    const entries = () =>
      Effect.runSync(library.search({ limit: 100 }))
        .items.map((item) => item.entry)
        .sort((a, b) => a.policyId.localeCompare(b.policyId))
    const live = entries()
    expect(live.map((entry) => entry.policyId)).toEqual(["HN-2026-TX-01", "HN-2026-WG-01"])
    // damage: one entry's amount wrong, one entry of a policy that does not exist
    Effect.runSync(library.upsert({ ...live[0]!, maxAmountFen: 1 }))
    Effect.runSync(library.upsert({ ...live[1]!, policyId: "GHOST-01" }))
    const rebuilt = await withLibrary(rebuild("policy-library", { aggregates }))
    expect(rebuilt).toEqual({
      projection: "policy-library",
      streams: 2,
      events: 4,
      changed: ["policy-GHOST-01", "policy-HN-2026-TX-01"],
    })
    expect(entries()).toEqual(live)
    expect((await withLibrary(rebuild("policy-library", { aggregates }))).changed).toEqual([])
    const missing = failureOf(await onDay(storage, "2026-09-24", rebuild("policy-library", { aggregates })))
    expect(missing).toBeInstanceOf(ProjectionNotInStore)
  })
})

describe("replay", () => {
  it("folds every event, finds the head position, and reports a row the events disagree with", async () => {
    const storage = await storeWith([true, true])
    expect(await run(storage, headPosition)).toBe(6)
    const progress: Array<number> = []
    const clean = await run(storage, replay({ aggregates, onProgress: (_d, _t, count) => progress.push(count) }))
    expect(clean).toEqual({ events: 6, other: 0, streams: 3, broken: [], drift: [] })
    expect(progress.at(-1)).toBe(6)
    const row = storage.cases.get("application-CLI-1")!
    storage.cases.set(row.stream, { ...row, status: "damaged" })
    storage.cases.delete("application-CLI-0")
    const found = await run(storage, replay({ aggregates }))
    expect(found.drift).toEqual([
      { stream: "application-CLI-1", field: "status", row: "damaged", replayed: row.status },
      { stream: "application-CLI-0", field: "missing", row: undefined, replayed: row.status },
    ])
  })

  it("reports an event its aggregate cannot read, and a gap in a stream's versions", async () => {
    const storage = await storeWith([true])
    const at = storage.events.events.findIndex((e) => e.stream === "application-CLI-0" && e.streamVersion === 2)
    storage.events.events[at] = { ...storage.events.events[at]!, type: "NoSuchEvent" }
    const report = await run(storage, replay({ aggregates }))
    expect(report.broken).toEqual([
      { stream: "application-CLI-0", streamVersion: 2, detail: expect.stringContaining("no event NoSuchEvent") },
    ])
  })
})
