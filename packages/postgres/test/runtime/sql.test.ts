/**
 * The runtime on PGlite and on the PostgreSQL server: the inline case list and due timers commit
 * with the events, the flows run, and two app nodes on one database with interleaved commands
 * lose nothing and fire no timer twice.
 */
import { EventStore } from "@yiciban/eventstore"
import { Aggregates, CommandHandler, RuntimeStore, Scheduler } from "@yiciban/runtime"
import { Effect } from "effect"
import { afterAll, describe, expect, it } from "vitest"
import { clerk } from "../../../runtime/test/fixtures.ts"
import { failureOf, publishMatter, submitCase } from "../../../runtime/test/support.ts"
import { engines } from "./engines.ts"

const scheduler = { aggregates: Aggregates.all }
const streamTypes = (stream: string) =>
  Effect.map(
    Effect.flatMap(Effect.service(EventStore.EventStore), (s) => s.readStream(stream)),
    (events) => events.map((e) => e.type),
  )

for (const engine of engines("runtime")) {
  describe(`runtime on ${engine.name}`, () => {
    const node = engine.node()
    afterAll(async () => {
      await node.dispose()
      await engine.cleanup()
    })

    it("commands, the inline case list and the timers; a deemed acceptance fired by the scheduler", async () => {
      await node.on("2026-09-01", publishMatter())
      await node.on("2026-09-24", submitCase("S-1"))
      const store = Effect.service(RuntimeStore.RuntimeStore)
      expect(
        await node.on(
          "2026-09-24",
          Effect.flatMap(store, (s) => s.caseOf("application-S-1")),
        ),
      ).toMatchObject({
        status: "submitted",
        version: 1,
        detail: { receivedOn: "2026-09-24" },
      })
      expect(
        (
          await node.on(
            "2026-09-24",
            Effect.flatMap(store, (s) => s.timers("all", "application-S-1")),
          )
        ).map((t) => [t.id, t.dueAt]),
      ).toEqual([["application-S-1/DeemAccepted/2026-10-09", "2026-10-09T16:00:00.000Z"]])
      expect(await node.on("2026-10-09", Scheduler.runDue(scheduler))).toEqual([])
      const fired = await node.on("2026-10-10", Scheduler.runDue(scheduler))
      expect(fired.map((f) => f.outcome)).toEqual(["dispatched"])
      expect(await node.on("2026-10-10", streamTypes("application-S-1"))).toEqual([
        "ApplicationSubmitted",
        "ApplicationAccepted",
      ])
      expect(
        await node.on(
          "2026-10-10",
          Effect.flatMap(store, (s) => s.caseOf("application-S-1")),
        ),
      ).toMatchObject({
        status: "underReview",
      })
      // repeated command id: the earlier outcome, nothing appended; a rejection appends nothing
      const again = await node.on("2026-10-12", submitCase("S-1"))
      expect(again.duplicate).toBe(true)
      const refused = await node.exit(
        "2026-10-12",
        CommandHandler.handle(Aggregates.application, "S-1", { _tag: "AcceptApplication", caseNo: "S-1" }, clerk),
      )
      expect(failureOf(refused)).toMatchObject({ _tag: "CommandRejected" })
      expect(await node.on("2026-10-12", streamTypes("application-S-1"))).toHaveLength(2)
    })

    it("two nodes on one database: interleaved commands lose nothing, every timer fires exactly once", async () => {
      const other = engine.node()
      try {
        const cases = Array.from({ length: 10 }, (_, i) => `N-${i}`)
        await Promise.all(cases.map((caseNo, i) => (i % 2 === 0 ? node : other).on("2026-09-24", submitCase(caseNo))))
        // both nodes accept or review the same cases at once: each command lands once, in order
        await Promise.all(
          cases.slice(0, 4).flatMap((caseNo) => [
            node.on(
              "2026-09-28",
              CommandHandler.handle(
                Aggregates.application,
                caseNo,
                { _tag: "RecordReviewStep", caseNo, step: "受理", opinion: "a" } as never,
                clerk,
              ).pipe(Effect.ignore),
            ),
            other.on(
              "2026-09-28",
              CommandHandler.handle(Aggregates.application, caseNo, { _tag: "AcceptApplication", caseNo }, clerk, {
                commandId: `accept-${caseNo}`,
              }),
            ),
            node.on(
              "2026-09-28",
              CommandHandler.handle(Aggregates.application, caseNo, { _tag: "AcceptApplication", caseNo }, clerk, {
                commandId: `accept-${caseNo}`,
              }),
            ),
          ]),
        )
        const [a, b] = await Promise.all([
          node.on("2026-10-10", Scheduler.runDue({ ...scheduler, owner: "node-a", batchSize: 2 })),
          other.on("2026-10-10", Scheduler.runDue({ ...scheduler, owner: "node-b", batchSize: 2 })),
        ])
        const dispatched = [...a, ...b].filter((f) => f.outcome === "dispatched").map((f) => f.timer.id)
        expect(dispatched.sort()).toEqual(
          cases
            .slice(4)
            .map((c) => `application-${c}/DeemAccepted/2026-10-09`)
            .sort(),
        )
        for (const caseNo of cases) {
          const types = await node.on("2026-10-10", streamTypes(`application-${caseNo}`))
          expect(types.filter((t) => t === "ApplicationAccepted")).toHaveLength(1)
          expect(types[0]).toBe("ApplicationSubmitted")
        }
        const timers = await node.on(
          "2026-10-10",
          Effect.flatMap(Effect.service(RuntimeStore.RuntimeStore), (s) => s.timers("all")),
        )
        expect(timers.filter((t) => t.id.includes("DeemAccepted") && t.status !== "fired")).toEqual([])
      } finally {
        await other.dispose()
      }
    })
  })
}
