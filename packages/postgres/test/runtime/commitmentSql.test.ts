/**
 * Notify-and-commit on PGlite and on the PostgreSQL server (DATABASE_URL): a grant on commitment,
 * a false commitment found, and two app nodes on one database running the process manager and the
 * scheduler at once — one credit entry, no timer fired twice; then commitment is refused to the
 * applicant while the ordinary procedure stays open.
 */
import type { Application } from "@yiciban/core"
import { EventStore } from "@yiciban/eventstore"
import { Aggregates, CommandHandler, ProcessManager, ProcessManagers, RuntimeStore, Scheduler } from "@yiciban/runtime"
import { Effect } from "effect"
import { afterAll, describe, expect, it } from "vitest"
import {
  adCode,
  adElements,
  applicant,
  clerk,
  letter,
  signCode,
  signElements,
  verifier,
} from "../../../runtime/test/fixtures.ts"
import { failureOf, publishOther, submitFor } from "../../../runtime/test/support.ts"
import { engines } from "./engines.ts"

const act = (caseNo: string, command: Application.Command, actor = clerk) =>
  CommandHandler.handle(Aggregates.application, caseNo, command, actor, { commandId: `${caseNo}/${command._tag}` })
const streamTypes = (stream: string) =>
  Effect.map(
    Effect.flatMap(Effect.service(EventStore.EventStore), (s) => s.readStream(stream)),
    (events) => events.map((e) => e.type),
  )
const manager = ProcessManagers.falseCommitmentToCredit()

for (const engine of engines("commitment")) {
  describe(`notify-and-commit on ${engine.name}`, () => {
    const node = engine.node()
    const other = engine.node()
    afterAll(async () => {
      await node.dispose()
      await other.dispose()
      await engine.cleanup()
    })

    it("two nodes: one credit entry, every timer fired once, then commitment refused and the ordinary procedure open", async () => {
      await node.on("2026-09-01", publishOther(adCode, adElements))
      await node.on("2026-09-01", publishOther(signCode, signElements))
      // five cases granted on commitment on Monday 12 October, from both nodes; K-2 and K-3 will
      // meet the conditions by Friday 16 October
      const cases = ["K-1", "K-2", "K-3", "K-4", "K-5"] as const
      for (const [i, caseNo] of cases.entries()) {
        const on = i % 2 === 0 ? node : other
        await on.on("2026-10-12", submitFor(caseNo, adCode, ["GF01", "GF02"]))
        await on.on(
          "2026-10-12",
          act(caseNo, {
            _tag: "AcceptOnCommitment",
            caseNo,
            letter,
            grantOnTheSpot: true,
            businessLicence:
              caseNo === "K-2" || caseNo === "K-3"
                ? ({ variant: "willMeetBy", meetBy: "2026-10-16" } as never)
                : { variant: "meetsNow" },
          }),
        )
      }
      // K-1's commitment is found false on Tuesday 20 October
      await other.on(
        "2026-10-20",
        act(
          "K-1",
          {
            _tag: "RecordVerification",
            caseNo: "K-1",
            method: "onSite",
            outcome: { _tag: "FalseCommitment", findings: "现场核查：无广告审查人员" },
          },
          verifier,
        ),
      )
      // both nodes run the process manager and the scheduler at once, twice
      const run = (on: typeof node, owner: string, day: string) =>
        on.on(
          day,
          Effect.all([
            ProcessManager.catchUp(manager, Aggregates.all),
            Scheduler.runDue({ aggregates: Aggregates.all, owner, batchSize: 1 }),
          ]),
        )
      const rounds = []
      for (const day of ["2026-10-20", "2026-10-21", "2026-11-10", "2026-11-10"]) {
        rounds.push(await Promise.all([run(node, "a", day), run(other, "b", day)]))
      }
      const fired = rounds.flat().flatMap(([, f]) => f.map((x) => `${x.timer.id} ${x.outcome}`))
      expect(fired.sort()).toEqual([
        "application-K-2/MissComplianceDeadline/2026-10-16 dispatched",
        "application-K-3/MissComplianceDeadline/2026-10-16 dispatched",
        "application-K-4/verification/due/2026-11-09 noticed",
        "application-K-5/verification/due/2026-11-09 noticed",
      ])
      expect(await node.on("2026-11-10", streamTypes(`credit-${applicant.code}`))).toEqual(["CreditEntryRecorded"])
      expect(await node.on("2026-11-10", streamTypes("application-K-1"))).toEqual([
        "ApplicationSubmitted",
        "ApplicationAcceptedOnCommitment",
        "ApplicationGranted",
        "VerificationScheduled",
        "CommitmentVerified",
        "FalseCommitmentFound",
        "GrantRescinded",
      ])
      for (const caseNo of ["K-2", "K-3"]) {
        const types = await node.on("2026-11-10", streamTypes(`application-${caseNo}`))
        expect(types.filter((t) => t === "ComplianceDeadlineMissed")).toHaveLength(1)
      }
      const rows = await node.on(
        "2026-11-10",
        Effect.flatMap(Effect.service(RuntimeStore.RuntimeStore), (s) => s.cases("all")),
      )
      expect(rows.filter((r) => r.category === "application").map((r) => [r.stream, r.status])).toEqual([
        ["application-K-1", "rescinded"],
        ["application-K-2", "lapsed"],
        ["application-K-3", "lapsed"],
        ["application-K-4", "granted"],
        ["application-K-5", "granted"],
      ])

      // the next commitment application of the applicant is refused; the ordinary one is accepted
      await other.on("2026-11-11", submitFor("K-6", signCode, ["GG01", "GG02", "GG03"]))
      const refused = await other.exit(
        "2026-11-11",
        act("K-6", { _tag: "AcceptOnCommitment", caseNo: "K-6", letter, grantOnTheSpot: false }),
      )
      expect(failureOf(refused)).toMatchObject({
        _tag: "CommandRejected",
        rejection: { _tag: "ApplicantBarredFromCommitment", ordinaryProcedureOpen: true },
      })
      const accepted = await node.on("2026-11-11", act("K-6", { _tag: "AcceptApplication", caseNo: "K-6" }))
      expect(accepted.state.phase).toBe("underReview")
    })
  })
}
