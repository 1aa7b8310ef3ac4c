/**
 * The inline update of an append on PGlite and on the PostgreSQL server, one statement: the
 * case-list row is written with the events, and the stream's pending timers become exactly the
 * wanted ones — an unwanted pending timer is removed, a wanted one already there is kept as it
 * is, a claimed one stays — with a row only, timers only, or both.
 */
import { EventEnvelope, EventStore, ExpectedVersion } from "@yiciban/eventstore"
import { type Aggregate, RuntimeStore } from "@yiciban/runtime"
import { Effect } from "effect"
import { afterAll, describe, expect, it } from "vitest"
import { engines } from "./engines.ts"

const event = (n: number) =>
  Effect.map(EventEnvelope.makeEventId, (eventId) => ({
    eventId,
    type: "Happened",
    schemaVersion: 1,
    data: { n },
    metadata: {
      commandId: `c-${n}`,
      correlationId: `c-${n}`,
      causationId: `c-${n}`,
      actor: { id: "clerk-1", roles: ["windowClerk"] },
      occurredAt: "2026-09-24T01:30:00.000Z",
    },
  }))

const timer = (key: string, day: string, command?: Aggregate.FollowUp): Aggregate.TimerSpec => ({
  key,
  dueAt: `${day}T16:00:00.000Z`,
  notice: `notice ${key}`,
  ...(command === undefined ? {} : { command }),
})

const access = { owners: ["91430102MA4L123456"], authority: "11430100MB1A38544B", region: "430100", public: false }

const append = (
  stream: string,
  version: number,
  inline: { summary?: Aggregate.Summary | undefined; timers?: ReadonlyArray<Aggregate.TimerSpec> | undefined },
) =>
  Effect.gen(function* () {
    const runtime = yield* RuntimeStore.RuntimeStore
    return yield* runtime.append(stream, [yield* event(version + 1)], ExpectedVersion.exact(version), {
      stream,
      category: "thing",
      id: stream.slice("thing-".length),
      version: version + 1,
      at: "2026-09-24T01:30:00.000Z",
      summary: inline.summary,
      access,
      timers: inline.timers,
    })
  })

const pendingOf = (stream: string) =>
  Effect.map(
    Effect.flatMap(Effect.service(RuntimeStore.RuntimeStore), (s) => s.timers("all", stream)),
    (rows) => rows.map((row) => `${row.id} ${row.status} ${row.dueAt}${row.provisional ? " provisional" : ""}`).sort(),
  )

for (const engine of engines("inline")) {
  describe(`the inline update on ${engine.name}`, () => {
    const node = engine.node()
    afterAll(async () => {
      await node.dispose()
      await engine.cleanup()
    })

    it("writes the row and makes the pending timers exactly the wanted ones, in the append's transaction", async () => {
      const stream = "thing-T-1"
      const followUp = { aggregate: "thing", id: "T-1", command: { _tag: "Remind", id: "T-1" } }
      await node.on(
        "2026-09-24",
        append(stream, 0, {
          summary: { status: "open", title: "第一", detail: { n: 1 } },
          timers: [timer("a", "2026-10-01", followUp), timer("b", "2026-10-02"), timer("c", "2026-10-03")],
        }),
      )
      // A scheduler claims `c`: a claimed timer is not the append's to remove.
      const claimed = await node.on(
        "2026-10-04",
        Effect.flatMap(Effect.service(RuntimeStore.RuntimeStore), (s) =>
          s.claimDue("2026-10-03T16:00:00.000Z", "node-x", 60_000, 10),
        ),
      )
      expect(claimed.map((row) => row.id)).toEqual([`${stream}/a`, `${stream}/b`, `${stream}/c`])
      await node.on(
        "2026-10-04",
        Effect.flatMap(Effect.service(RuntimeStore.RuntimeStore), (s) =>
          Effect.andThen(s.release(`${stream}/a`, "node-x"), s.release(`${stream}/b`, "node-x")),
        ),
      )
      // Row and timers: `a` kept (its row untouched), `b` removed, `d` added, `c` claimed stays.
      await node.on(
        "2026-09-24",
        append(stream, 1, {
          summary: { status: "accepted", title: "第二", detail: { n: 2 } },
          timers: [timer("a", "2026-12-31", followUp), { ...timer("d", "2026-10-09"), provisional: true }],
        }),
      )
      expect(await node.on("2026-09-24", pendingOf(stream))).toEqual([
        `${stream}/a pending 2026-10-01T16:00:00.000Z`,
        `${stream}/c claimed 2026-10-03T16:00:00.000Z`,
        `${stream}/d pending 2026-10-09T16:00:00.000Z provisional`,
      ])
      const row = await node.on(
        "2026-09-24",
        Effect.flatMap(Effect.service(RuntimeStore.RuntimeStore), (s) => s.caseOf(stream)),
      )
      expect(row).toMatchObject({ version: 2, status: "accepted", title: "第二", detail: { n: 2 }, access })
      const followUps = await node.on(
        "2026-09-24",
        Effect.flatMap(Effect.service(RuntimeStore.RuntimeStore), (s) => s.timers("all", stream)),
      )
      expect(followUps.find((row) => row.id === `${stream}/a`)?.command).toEqual(followUp)

      // Timers only (no row): none wanted removes every pending one; the row stays as it was.
      await node.on("2026-09-24", append(stream, 2, { timers: [] }))
      expect(await node.on("2026-09-24", pendingOf(stream))).toEqual([`${stream}/c claimed 2026-10-03T16:00:00.000Z`])
      // A row only (no timers): the timers stay.
      await node.on("2026-09-24", append(stream, 3, { summary: { status: "closed" } }))
      expect(await node.on("2026-09-24", pendingOf(stream))).toEqual([`${stream}/c claimed 2026-10-03T16:00:00.000Z`])
      expect(
        await node.on(
          "2026-09-24",
          Effect.flatMap(Effect.service(RuntimeStore.RuntimeStore), (s) => s.caseOf(stream)),
        ),
      ).toMatchObject({ version: 4, status: "closed", title: undefined, detail: undefined })
      const events = await node.on(
        "2026-09-24",
        Effect.flatMap(Effect.service(EventStore.EventStore), (s) => s.readStream(stream)),
      )
      expect(events.map((e) => e.streamVersion)).toEqual([1, 2, 3, 4])
    })

    it("a failed append writes neither row nor timers", async () => {
      const stream = "thing-T-2"
      await node.on(
        "2026-09-24",
        append(stream, 0, { summary: { status: "open" }, timers: [timer("a", "2026-10-01")] }),
      )
      const exit = await node.exit(
        "2026-09-24",
        append(stream, 0, { summary: { status: "stale" }, timers: [timer("z", "2026-10-05")] }),
      )
      expect(exit._tag).toBe("Failure")
      expect(await node.on("2026-09-24", pendingOf(stream))).toEqual([`${stream}/a pending 2026-10-01T16:00:00.000Z`])
      expect(
        await node.on(
          "2026-09-24",
          Effect.flatMap(Effect.service(RuntimeStore.RuntimeStore), (s) => s.caseOf(stream)),
        ),
      ).toMatchObject({ version: 1, status: "open" })
    })
  })
}
