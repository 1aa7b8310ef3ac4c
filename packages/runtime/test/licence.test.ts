/**
 * The licence on the in-memory runtime: issued once by the process manager when a granted case is
 * concluded (the grant read from the case, never from a command body), its timers (renewal
 * reminder, expiry, deemed renewal), renewal by law fired by the scheduler, the queries through
 * the case list, and a false commitment that rescinds the grant and revokes the licence with it
 * (ALL Art 69(2)).
 */
import type { Application, Licence } from "@yiciban/core"
import { Effect } from "effect"
import { describe, expect, it } from "vitest"
import {
  Aggregates,
  CommandHandler,
  Licences,
  ProcessManager,
  ProcessManagers,
  Projection,
  RuntimeStore,
  Scheduler,
} from "../src/index.ts"
import { adCode, adElements, applicant, approver, clerk, letter, restaurant, verifier } from "./fixtures.ts"
import { failureOf, onDay, publishMatter, publishOther, submitCase, submitFor, successOf } from "./support.ts"

const scheduler = { aggregates: Aggregates.all }
const act = (caseNo: string, command: Application.Command, actor = clerk) =>
  CommandHandler.handle(Aggregates.application, caseNo, command, actor)
const onLicence = (id: string, command: Aggregates.LicenceRequest, actor = restaurant) =>
  CommandHandler.handle(Aggregates.licence, id, command, actor)

/** Runs a process manager, collecting what its targets refused. */
const runManager = async (storage: RuntimeStore.MemoryStorage, day: string, manager: ProcessManager.ProcessManager) => {
  const refused: Array<unknown> = []
  const projection = ProcessManager.asProjection(manager, Aggregates.all, (_, error) =>
    Effect.sync(() => void refused.push(error)),
  )
  successOf(await onDay(storage, day, Projection.catchUp(projection)))
  return { refused, projection }
}

const concluded = async (caseNo: string) => {
  const storage = RuntimeStore.makeMemoryStorage()
  successOf(await onDay(storage, "2026-09-01", publishMatter()))
  successOf(await onDay(storage, "2026-09-24", submitCase(caseNo)))
  successOf(await onDay(storage, "2026-09-24", act(caseNo, { _tag: "AcceptApplication", caseNo })))
  successOf(await onDay(storage, "2026-09-25", act(caseNo, { _tag: "GrantApplication", caseNo }, approver)))
  successOf(
    await onDay(
      storage,
      "2026-09-28",
      act(caseNo, { _tag: "IssueCertificate", caseNo, certificateNo: "JY14301020000001" }),
    ),
  )
  return storage
}

const pendingTimers = (storage: RuntimeStore.MemoryStorage, stream: string) =>
  [...storage.timers.values()].filter((t) => t.stream === stream && t.status === "pending").map((t) => t.id)

describe("a granted case concluded → its licence", () => {
  it("is issued once from what the case records, with its timers; renewal undecided by the expiry is renewed by law", async () => {
    const storage = await concluded("L-1")
    const { refused, projection } = await runManager(storage, "2026-09-28", ProcessManagers.caseToLicence())
    // delivered again after a lost checkpoint: still one licence
    successOf(await onDay(storage, "2026-09-29", Projection.rebuild(projection)))
    expect(refused).toEqual([])
    const events = storage.events.streams.get("licence-L-1")!
    expect(events.map((e) => e.type)).toEqual(["LicenceIssued"])
    const issued = events[0]!.data as Licence.LicenceIssued
    expect(issued.grant).toMatchObject({
      caseNo: "L-1",
      licenceNo: "JY14301020000001",
      holder: { code: applicant.code },
      matter: { validity: { _tag: "Fixed", amount: 5, unit: "years" }, renewalLeadDays: 30 },
      decidedOn: "2026-09-25",
      issuedOn: "2026-09-28",
    })
    expect(issued.term).toEqual({ from: "2026-09-28", to: "2031-09-27", by: "issue" })
    expect(pendingTimers(storage, "licence-L-1")).toEqual([
      "licence-L-1/renewal/reminder/2031-08-28",
      "licence-L-1/expiry/2031-09-27",
    ])

    // the holder applies for renewal in time; nobody decides; the law renews it the day after the expiry
    successOf(await onDay(storage, "2031-08-01", onLicence("L-1", { _tag: "ApplyForRenewal", licenceId: "L-1" })))
    expect(pendingTimers(storage, "licence-L-1")).toEqual(["licence-L-1/renewal/deemed/2031-09-27"])
    const fired = successOf(await onDay(storage, "2031-09-28", Scheduler.runDue(scheduler)))
    expect(fired.map((f) => f.outcome)).toContain("dispatched")
    const renewed = storage.events.streams.get("licence-L-1")!.at(-1)!
    expect(renewed.type).toBe("LicenceRenewed")
    expect(renewed.data).toMatchObject({ deemed: true, term: { from: "2031-09-28", to: "2036-09-27" } })

    // the queries, through the case list
    const valid = successOf(
      await onDay(storage, "2031-10-01", Licences.validLicencesOf(restaurant, applicant.code, "2033-01-01" as never)),
    )
    expect(valid.map((v) => v.licence.licenceNo)).toEqual(["JY14301020000001"])
    const ofCase = successOf(await onDay(storage, "2031-10-01", Licences.licenceOfCase(clerk, "L-1")))
    expect(ofCase?.row.stream).toBe("licence-L-1")
    expect(successOf(await onDay(storage, "2031-10-01", Licences.casesOfLicence(clerk, "L-1")))).toEqual(["L-1"])
  })

  it("not renewed: the reminder warns, the expiry is recorded the day after the term, the row says expired", async () => {
    const storage = await concluded("L-4")
    await runManager(storage, "2026-09-28", ProcessManagers.caseToLicence())
    const reminded = successOf(await onDay(storage, "2031-07-29", Scheduler.runDue(scheduler)))
    expect(reminded.map((f) => [f.timer.id, f.outcome])).toEqual([
      ["licence-L-4/renewal/reminder/2031-08-28", "noticed"],
    ])
    expect(successOf(await onDay(storage, "2031-09-27", Scheduler.runDue(scheduler)))).toEqual([])
    const expired = successOf(await onDay(storage, "2031-09-28", Scheduler.runDue(scheduler)))
    expect(expired.map((f) => [f.timer.id, f.outcome])).toEqual([["licence-L-4/expiry/2031-09-27", "dispatched"]])
    expect(storage.events.streams.get("licence-L-4")!.map((e) => e.type)).toEqual(["LicenceIssued", "LicenceExpired"])
    expect(storage.cases.get("licence-L-4")?.status).toBe("expired")
  })

  it("a caller can neither issue a licence nor hand the runtime a grant", async () => {
    const storage = await concluded("L-2")
    const asApprover = failureOf(
      await onDay(storage, "2026-09-28", onLicence("L-2", { _tag: "IssueLicence", licenceId: "L-2" }, approver)),
    )
    expect(asApprover).toMatchObject({ _tag: "NotPermitted", reason: "role" })
    const forged = failureOf(
      await onDay(
        storage,
        "2026-09-28",
        onLicence("L-2", { _tag: "IssueLicence", licenceId: "L-2", grant: {} } as never, approver),
      ),
    )
    expect(forged).toMatchObject({ _tag: "InvalidCommand" })
    expect(storage.events.streams.has("licence-L-2")).toBe(false)
  })

  it("a case not concluded produces no licence: the target refuses with NoGrant", async () => {
    const storage = RuntimeStore.makeMemoryStorage()
    successOf(await onDay(storage, "2026-09-01", publishMatter()))
    successOf(await onDay(storage, "2026-09-24", submitCase("L-3")))
    const { system } = await import("../src/internal/system.ts")
    const refused = failureOf(
      await onDay(
        storage,
        "2026-09-24",
        CommandHandler.handle(Aggregates.licence, "L-3", { _tag: "IssueLicence", licenceId: "L-3" }, system("t")),
      ),
    )
    expect(refused).toMatchObject({ _tag: "CommandRejected", rejection: { _tag: "NoGrant", phase: "submitted" } })
  })
})

describe("a rescinded grant → its licence revoked (ALL Art 69(2))", () => {
  it("a false commitment found after the certificate revokes the licence for fraud, with what the Art 79 bar needs", async () => {
    const storage = RuntimeStore.makeMemoryStorage()
    successOf(await onDay(storage, "2026-09-01", publishOther(adCode, adElements)))
    successOf(await onDay(storage, "2026-10-12", submitFor("R-1", adCode, ["GF01", "GF02"])))
    successOf(
      await onDay(
        storage,
        "2026-10-12",
        act("R-1", {
          _tag: "AcceptOnCommitment",
          caseNo: "R-1",
          letter,
          grantOnTheSpot: true,
          businessLicence: { variant: "meetsNow" },
        } as Application.Command),
      ),
    )
    successOf(
      await onDay(
        storage,
        "2026-10-12",
        act("R-1", { _tag: "IssueCertificate", caseNo: "R-1", certificateNo: "GG-1" }),
      ),
    )
    successOf(
      await onDay(
        storage,
        "2026-10-20",
        act(
          "R-1",
          {
            _tag: "RecordVerification",
            caseNo: "R-1",
            method: "onSite",
            outcome: { _tag: "FalseCommitment", findings: "现场核查：无广告审查人员" },
          },
          verifier,
        ),
      ),
    )
    for (const manager of ProcessManagers.all) {
      expect((await runManager(storage, "2026-10-21", manager)).refused.map(String)).toEqual([])
    }
    const events = storage.events.streams.get("licence-R-1")!
    expect(events.map((e) => e.type)).toEqual(["LicenceIssued", "LicenceRevoked"])
    expect(events[1]!.data).toMatchObject({
      revokedOn: "2026-10-20",
      basis: {
        _tag: "Fraud",
        finding: {
          holder: { kind: "enterprise", code: applicant.code },
          baseCode: adCode.split("-")[1],
          caseNo: "R-1",
          foundOn: "2026-10-20",
        },
      },
    })
    expect(pendingTimers(storage, "licence-R-1")).toEqual([])
    // one fact, one credit entry: the case's false commitment, not a second one from the revocation
    const credit = storage.events.streams.get(`credit-${applicant.code}`) ?? []
    expect(credit.map((e) => (e.data as { entryId: string }).entryId)).toEqual(["R-1/falseCommitment"])
    const valid = successOf(
      await onDay(storage, "2026-10-21", Licences.validLicencesOf(restaurant, applicant.code, "2026-10-21" as never)),
    )
    expect(valid).toEqual([])
  })
})
