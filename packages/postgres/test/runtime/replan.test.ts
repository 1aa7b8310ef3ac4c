/**
 * Re-planning timers after a calendar notice on PGlite and the PostgreSQL server: the SQL store
 * keeps the provisional mark and guards the replacement with the stream's version.
 */

import { Replan, RuntimeStore } from "@yiciban/runtime"
import { Effect } from "effect"
import { afterAll, describe, expect, it } from "vitest"
import { makeHost, notice2027, submit } from "../../../runtime/test/replanFixtures.ts"
import { publishMatter } from "../../../runtime/test/support.ts"
import { engines } from "./engines.ts"

for (const engine of engines("replan")) {
  describe(`Replan on ${engine.name}`, () => {
    const node = engine.node()
    afterAll(async () => {
      await node.dispose()
      await engine.cleanup()
    })

    it("keeps the provisional mark, replaces the timers after the notice, and refuses a stale version", async () => {
      const host = makeHost()
      await node.on("2026-09-01", publishMatter())
      await node.on("2027-01-28", submit(host, "Q-1"))
      const timers = (stream: string) =>
        Effect.flatMap(Effect.service(RuntimeStore.RuntimeStore), (s) => s.timers("all", stream))
      expect(
        (await node.on("2027-01-28", timers("application-Q-1"))).map((t) => [t.id, t.dueAt, t.provisional]),
      ).toEqual([["application-Q-1/DeemAccepted/2027-02-04/provisional", "2027-02-04T16:00:00.000Z", true]])
      // an append moved the stream past version 0: a replacement guarded by it changes nothing
      expect(
        await node.on(
          "2027-01-28",
          Effect.flatMap(Effect.service(RuntimeStore.RuntimeStore), (s) => s.replaceTimers("application-Q-1", 0, [])),
        ),
      ).toBe(false)
      host.load(notice2027)
      const report = await node.on("2027-01-28", Replan.replan({ aggregates: host.aggregates }))
      expect(report.replanned.map((r) => r.added.map((t) => [t.id, t.provisional]))).toEqual([
        [["application-Q-1/DeemAccepted/2027-02-03", false]],
      ])
      expect(
        (await node.on("2027-01-28", timers("application-Q-1"))).map((t) => [t.id, t.dueAt, t.provisional]),
      ).toEqual([["application-Q-1/DeemAccepted/2027-02-03", "2027-02-03T16:00:00.000Z", false]])
    }, 180_000)
  })
}
