/**
 * The licence on PGlite and on the PostgreSQL server: issued by the process manager from a
 * concluded case, its row and timers in SQL with the events, renewal by law fired by the
 * scheduler, and the holder's valid licences read from the SQL case list.
 */
import { CalendarDate } from "@yiciban/core"
import { EventStore } from "@yiciban/eventstore"
import {
  Aggregates,
  CommandHandler,
  Licences,
  ProcessManager,
  ProcessManagers,
  RuntimeStore,
  Scheduler,
} from "@yiciban/runtime"
import { Effect } from "effect"
import { afterAll, describe, expect, it } from "vitest"
import { applicant, approver, clerk, restaurant } from "../../../runtime/test/fixtures.ts"
import { publishMatter, submitCase } from "../../../runtime/test/support.ts"
import { engines } from "./engines.ts"

const scheduler = { aggregates: Aggregates.all }
const streamTypes = (stream: string) =>
  Effect.map(
    Effect.flatMap(Effect.service(EventStore.EventStore), (s) => s.readStream(stream)),
    (events) => events.map((e) => e.type),
  )

for (const engine of engines("licence")) {
  describe(`licences on ${engine.name}`, () => {
    const node = engine.node()
    afterAll(async () => {
      await node.dispose()
      await engine.cleanup()
    })

    it("issued from a concluded case, renewed by law, found among the holder's valid licences", async () => {
      await node.on("2026-09-01", publishMatter())
      await node.on("2026-09-24", submitCase("P-1"))
      await node.on(
        "2026-09-24",
        CommandHandler.handle(Aggregates.application, "P-1", { _tag: "AcceptApplication", caseNo: "P-1" }, clerk),
      )
      await node.on(
        "2026-09-25",
        CommandHandler.handle(Aggregates.application, "P-1", { _tag: "GrantApplication", caseNo: "P-1" }, approver),
      )
      await node.on(
        "2026-09-28",
        CommandHandler.handle(
          Aggregates.application,
          "P-1",
          { _tag: "IssueCertificate", caseNo: "P-1", certificateNo: "JY14301020000009" },
          clerk,
        ),
      )
      await node.on("2026-09-28", ProcessManager.catchUp(ProcessManagers.caseToLicence(), Aggregates.all))
      const store = Effect.service(RuntimeStore.RuntimeStore)
      expect(
        await node.on(
          "2026-09-28",
          Effect.flatMap(store, (s) => s.caseOf("licence-P-1")),
        ),
      ).toMatchObject({
        status: "issued",
        detail: {
          licenceNo: "JY14301020000009",
          cases: ["P-1"],
          validity: { terms: [{ from: "2026-09-28", to: "2031-09-27", by: "issue" }] },
        },
        access: { owners: [applicant.code], public: true },
      })
      expect(
        (
          await node.on(
            "2026-09-28",
            Effect.flatMap(store, (s) => s.timers("all", "licence-P-1")),
          )
        )
          .map((t) => t.id)
          .sort(),
      ).toEqual(["licence-P-1/expiry/2031-09-27", "licence-P-1/renewal/reminder/2031-08-28"])

      await node.on(
        "2031-08-20",
        CommandHandler.handle(Aggregates.licence, "P-1", { _tag: "ApplyForRenewal", licenceId: "P-1" }, restaurant),
      )
      const fired = await node.on("2031-09-28", Scheduler.runDue(scheduler))
      expect(fired.filter((f) => f.timer.stream === "licence-P-1").map((f) => [f.timer.id, f.outcome])).toEqual([
        ["licence-P-1/renewal/deemed/2031-09-27", "dispatched"],
      ])
      expect(await node.on("2031-09-28", streamTypes("licence-P-1"))).toEqual([
        "LicenceIssued",
        "RenewalApplied",
        "LicenceRenewed",
      ])
      const valid = await node.on(
        "2031-09-28",
        Licences.validLicencesOf(restaurant, applicant.code, CalendarDate.make("2036-09-27")),
      )
      expect(valid.map((v) => v.row.stream)).toEqual(["licence-P-1"])
    })
  })
}
