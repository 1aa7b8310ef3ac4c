/**
 * Notify-and-commit on the in-memory runtime: the credit standing fact comes from the applicant's
 * credit record, the commitment timers follow the state, and a false commitment becomes exactly
 * one credit entry however often its event is delivered.
 */
import type { Application } from "@yiciban/core"
import { Effect } from "effect"
import { describe, expect, it } from "vitest"
import {
  Aggregates,
  CommandHandler,
  ProcessManager,
  ProcessManagers,
  Projection,
  RuntimeStore,
  Scheduler,
} from "../src/index.ts"
import { adCode, adElements, applicant, clerk, letter, signCode, signElements, verifier } from "./fixtures.ts"
import { failureOf, onDay, publishOther, submitFor, successOf } from "./support.ts"

const scheduler = { aggregates: Aggregates.all }
const creditStream = `credit-${applicant.code}`
const act = (caseNo: string, command: Application.Command, actor = clerk, commandId?: string) =>
  CommandHandler.handle(Aggregates.application, caseNo, command, actor, { commandId })
const acceptOnCommitment = (caseNo: string, extra: Partial<Application.AcceptOnCommitment> = {}) =>
  act(caseNo, { _tag: "AcceptOnCommitment", caseNo, letter, grantOnTheSpot: true, ...extra })
const pendingTimers = (storage: RuntimeStore.MemoryStorage, stream: string) =>
  [...storage.timers.values()].filter((t) => t.stream === stream && t.status === "pending").map((t) => t.id)

const granted = async (caseNo: string, variant: Application.BusinessLicenceCommitment = { variant: "meetsNow" }) => {
  const storage = RuntimeStore.makeMemoryStorage()
  successOf(await onDay(storage, "2026-09-01", publishOther(adCode, adElements)))
  successOf(await onDay(storage, "2026-09-01", publishOther(signCode, signElements)))
  successOf(await onDay(storage, "2026-10-12", submitFor(caseNo, adCode, ["GF01", "GF02"])))
  const outcome = successOf(
    await onDay(storage, "2026-10-12", acceptOnCommitment(caseNo, { businessLicence: variant })),
  )
  return { storage, outcome }
}

describe("the credit standing fact", () => {
  it("an applicant with no credit stream gets a clean standing checked on the day", async () => {
    const { storage, outcome } = await granted("C-1")
    expect(outcome.events.map((e) => e._tag)).toEqual([
      "ApplicationAcceptedOnCommitment",
      "ApplicationGranted",
      "VerificationScheduled",
    ])
    expect(outcome.state.commitment?.creditStanding).toEqual({
      subject: { kind: "enterprise", code: applicant.code },
      barredFromCommitment: false,
      reasons: [],
      checkedOn: "2026-10-12",
    })
    expect(storage.events.streams.has(creditStream)).toBe(false)
  })
})

describe("the commitment timers", () => {
  it("verification due, then the rectification deadline: warnings for the verifier, fired once", async () => {
    const { storage } = await granted("C-2")
    // granted Monday 12 October; 20 working days later is Monday 9 November
    expect(pendingTimers(storage, "application-C-2")).toEqual(["application-C-2/verification/due/2026-11-09"])
    expect(successOf(await onDay(storage, "2026-11-09", Scheduler.runDue(scheduler)))).toEqual([])
    const fired = successOf(await onDay(storage, "2026-11-10", Scheduler.runDue(scheduler)))
    expect(fired.map((f) => [f.timer.id, f.outcome])).toEqual([
      ["application-C-2/verification/due/2026-11-09", "noticed"],
    ])
    successOf(
      await onDay(
        storage,
        "2026-11-11",
        act(
          "C-2",
          {
            _tag: "RecordVerification",
            caseNo: "C-2",
            method: "dataCheck",
            outcome: { _tag: "ConditionsNotMet", findings: "审查人员资格证明已过期", rectifyBy: "2026-11-20" } as never,
            lateExplanation: "核查力量不足，延后两日",
          },
          verifier,
        ),
      ),
    )
    expect(pendingTimers(storage, "application-C-2")).toEqual(["application-C-2/verification/rectification/2026-11-20"])
    expect(successOf(await onDay(storage, "2026-11-20", Scheduler.runDue(scheduler)))).toEqual([])
    expect(successOf(await onDay(storage, "2026-11-21", Scheduler.runDue(scheduler))).map((f) => f.outcome)).toEqual([
      "noticed",
    ])
    successOf(
      await onDay(
        storage,
        "2026-11-23",
        act(
          "C-2",
          {
            _tag: "RecordVerification",
            caseNo: "C-2",
            method: "dataCheck",
            outcome: { _tag: "Confirmed", findings: "已整改" },
            lateExplanation: "整改后复核",
          },
          verifier,
        ),
      ),
    )
    expect(pendingTimers(storage, "application-C-2")).toEqual([])
  })

  it('"will meet by": no proof by the date → MissComplianceDeadline the day after, once; a proof in time removes it', async () => {
    const { storage } = await granted("C-3", { variant: "willMeetBy", meetBy: "2026-10-30" } as never)
    expect(pendingTimers(storage, "application-C-3")).toEqual([
      "application-C-3/MissComplianceDeadline/2026-10-30",
      "application-C-3/verification/due/2026-11-09",
    ])
    expect(successOf(await onDay(storage, "2026-10-30", Scheduler.runDue(scheduler)))).toEqual([])
    const fired = successOf(await onDay(storage, "2026-10-31", Scheduler.runDue(scheduler)))
    expect(fired.map((f) => [f.timer.id, f.outcome])).toEqual([
      ["application-C-3/MissComplianceDeadline/2026-10-30", "dispatched"],
    ])
    const events = storage.events.streams.get("application-C-3")!
    expect(events.at(-1)).toMatchObject({
      type: "ComplianceDeadlineMissed",
      metadata: { commandId: "application-C-3/MissComplianceDeadline/2026-10-30" },
    })
    expect(storage.cases.get("application-C-3")?.status).toBe("lapsed")
    expect(pendingTimers(storage, "application-C-3")).toEqual([])
    expect(successOf(await onDay(storage, "2026-11-10", Scheduler.runDue(scheduler)))).toEqual([])

    const other = await granted("C-4", { variant: "willMeetBy", meetBy: "2026-10-30" } as never)
    successOf(
      await onDay(
        other.storage,
        "2026-10-29",
        act("C-4", { _tag: "SubmitComplianceProof", caseNo: "C-4", description: "审查人员资格证书" }),
      ),
    )
    expect(pendingTimers(other.storage, "application-C-4")).toEqual(["application-C-4/verification/due/2026-11-09"])
  })
})

describe("false commitment → credit entry", () => {
  it("one entry however often the event is delivered; then commitment is refused and the ordinary procedure stays open", async () => {
    const { storage } = await granted("C-5")
    const verified = successOf(
      await onDay(
        storage,
        "2026-10-20",
        act(
          "C-5",
          {
            _tag: "RecordVerification",
            caseNo: "C-5",
            method: "onSite",
            outcome: { _tag: "FalseCommitment", findings: "现场核查：无广告审查人员" },
          },
          verifier,
        ),
      ),
    )
    expect(verified.events.map((e) => e._tag)).toEqual(["CommitmentVerified", "FalseCommitmentFound", "GrantRescinded"])
    const manager = ProcessManagers.falseCommitmentToCredit()
    const rejected: Array<unknown> = []
    const projection = ProcessManager.asProjection(manager, Aggregates.all, (_, error) =>
      Effect.sync(() => void rejected.push(error)),
    )
    successOf(await onDay(storage, "2026-10-20", Projection.catchUp(projection)))
    successOf(await onDay(storage, "2026-10-21", Projection.catchUp(projection)))
    // the checkpoint is lost: every event is delivered again
    successOf(await onDay(storage, "2026-10-22", Projection.rebuild(projection)))
    successOf(await onDay(storage, "2026-10-22", Projection.rebuild(projection)))
    expect(rejected).toEqual([])
    const credit = storage.events.streams.get(creditStream) ?? []
    const found = storage.events.streams.get("application-C-5")!.find((e) => e.type === "FalseCommitmentFound")!
    expect(credit.map((e) => [e.type, e.metadata.commandId, e.data])).toEqual([
      [
        "CreditEntryRecorded",
        `false-commitment-to-credit/${found.eventId}/0`,
        expect.objectContaining({
          entryId: (found.data as { entryId: string }).entryId,
          kind: "falseCommitment",
          effectiveOn: "2026-10-20",
          expiresOn: "2027-10-20",
        }),
      ],
    ])

    // the same matter again: a matter offering commitment never concerns safety, health or property
    // (国办发〔2020〕42号), so no statutory bar (ALL Arts 78, 79): the application is taken, commitment is not
    successOf(await onDay(storage, "2026-11-02", submitFor("C-6", adCode, ["GF01", "GF02", "GF03"])))
    const again = failureOf(await onDay(storage, "2026-11-02", acceptOnCommitment("C-6", { grantOnTheSpot: false })))
    expect(again).toMatchObject({
      _tag: "CommandRejected",
      rejection: { _tag: "ApplicantBarredFromCommitment", ordinaryProcedureOpen: true },
    })
    // another matter: commitment refused, the ordinary procedure open
    successOf(await onDay(storage, "2026-11-02", submitFor("C-7", signCode, ["GG01", "GG02", "GG03"])))
    const refused = failureOf(await onDay(storage, "2026-11-02", acceptOnCommitment("C-7", { grantOnTheSpot: false })))
    expect(refused).toMatchObject({
      _tag: "CommandRejected",
      rejection: { _tag: "ApplicantBarredFromCommitment", ordinaryProcedureOpen: true },
    })
    const accepted = successOf(
      await onDay(storage, "2026-11-02", act("C-7", { _tag: "AcceptApplication", caseNo: "C-7" })),
    )
    expect(accepted.state.phase).toBe("underReview")
  })
})
