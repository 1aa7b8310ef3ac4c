/**
 * ALL Arts 69(2), 79 on the runtime: a licence revoked for the holder's fraud becomes the holder's
 * credit entry and — where the licensed matter directly concerns public safety, personal health or
 * the safety of life and property — a three-year bar on a new application for the licence, keyed by
 * its base code, which the runtime finds at the next submission. The process manager takes effect
 * once, however many nodes run it.
 */
import type { Application, Licence } from "@yiciban/core"
import { Effect } from "effect"
import { describe, expect, it } from "vitest"
import { Aggregates, CommandHandler, ProcessManager, ProcessManagers, Projection, RuntimeStore } from "../src/index.ts"
import { applicant, approver, clerk, elements } from "./fixtures.ts"
import { failureOf, onDay, publishOther, submitFor, successOf } from "./support.ts"

const first = "11430100MB1A38544B-000101001000-01"
const second = "11430100MB1A38544B-000101001000-02"
const materials = ["SP01", "SP02", "SP03"]
const act = (caseNo: string, command: Application.Command, actor = clerk) =>
  CommandHandler.handle(Aggregates.application, caseNo, command, actor)

/** A licence issued from case `caseNo` of matter `first`, published with `terms`. */
const licensed = async (caseNo: string, terms: typeof elements) => {
  const storage = RuntimeStore.makeMemoryStorage()
  successOf(await onDay(storage, "2026-09-01", publishOther(first, terms)))
  successOf(await onDay(storage, "2026-09-01", publishOther(second, terms)))
  successOf(await onDay(storage, "2026-09-24", submitFor(caseNo, first, materials)))
  successOf(await onDay(storage, "2026-09-24", act(caseNo, { _tag: "AcceptApplication", caseNo })))
  successOf(await onDay(storage, "2026-09-25", act(caseNo, { _tag: "GrantApplication", caseNo }, approver)))
  successOf(
    await onDay(storage, "2026-09-28", act(caseNo, { _tag: "IssueCertificate", caseNo, certificateNo: "JY-1" })),
  )
  successOf(await onDay(storage, "2026-09-28", Projection.catchUp(manager(ProcessManagers.caseToLicence(), []))))
  expect(storage.events.streams.get(`licence-${caseNo}`)?.map((e) => e.type)).toEqual(["LicenceIssued"])
  return storage
}

const manager = (pm: ProcessManager.ProcessManager, refused: Array<unknown>, node = "") => {
  const projection = ProcessManager.asProjection(pm, Aggregates.all, (_, error) =>
    Effect.sync(() => void refused.push(error)),
  )
  // a second node keeps its own checkpoint, so it delivers every event again
  return node === "" ? projection : { ...projection, name: `${projection.name}@${node}` }
}

const revoke = (caseNo: string, ground: Licence.RevokeLicence["ground"]) =>
  CommandHandler.handle(
    Aggregates.licence,
    caseNo,
    {
      _tag: "RevokeLicence",
      licenceId: caseNo,
      ground,
      reasons: "依法撤销",
      publicInterest: { seriousHarm: false, assessment: "撤销不损害公共利益" },
    },
    approver,
  )

const bribery = { _tag: "Fraud", means: "bribery", foundOn: "2026-10-20" as never, findings: "向审查人员行贿" } as const

const creditOf = (storage: RuntimeStore.MemoryStorage) =>
  (storage.events.streams.get(`credit-${applicant.code}`) ?? []).map((e) => ({
    type: e.type,
    data: e.data as { readonly entryId?: string; readonly barId?: string; readonly endsOn?: string },
  }))

describe("ALL Art 69(2) → Art 79: a licence revoked for fraud bars a new application for 3 years", () => {
  it("given a licence concerning personal health, when it is revoked for bribery, then one entry and one bar on its base code, whichever nodes ran the manager", async () => {
    const storage = await licensed("V-1", { ...elements, concernsSafetyHealthProperty: true })
    successOf(await onDay(storage, "2026-10-21", revoke("V-1", bribery)))
    // two nodes run the manager at once, then one runs it again after losing its checkpoint
    const refused: Array<unknown> = []
    const nodeA = manager(ProcessManagers.revocationToCredit(), refused, "a")
    const nodeB = manager(ProcessManagers.revocationToCredit(), refused, "b")
    await Promise.all([
      onDay(storage, "2026-10-21", Projection.catchUp(nodeA)).then(successOf),
      onDay(storage, "2026-10-21", Projection.catchUp(nodeB)).then(successOf),
    ])
    successOf(await onDay(storage, "2026-10-22", Projection.rebuild(nodeA)))
    expect(refused).toEqual([])
    expect(creditOf(storage)).toMatchObject([
      { type: "CreditEntryRecorded", data: { entryId: "licence/V-1/fraud" } },
      { type: "StatutoryBarRecorded", data: { barId: "licence/V-1/art79" } },
    ])
    // the bar is keyed by the licence (base code): another implementation of it is refused too
    const again = failureOf(await onDay(storage, "2027-03-01", submitFor("V-2", second, materials)))
    expect(again).toMatchObject({
      _tag: "CommandRejected",
      rejection: {
        _tag: "ReapplicationBarred",
        article: "ALL Art 79",
        baseCode: "000101001000",
        barredUntil: "2029-10-20",
      },
    })
    // the day after the three years, the application is taken
    successOf(await onDay(storage, "2029-10-22", submitFor("V-3", second, materials)))
  })

  it("given a licence that does not concern safety, health or life and property, when it is revoked for fraud, then an entry and no bar", async () => {
    const storage = await licensed("V-4", elements)
    successOf(await onDay(storage, "2026-10-21", revoke("V-4", bribery)))
    const refused: Array<unknown> = []
    successOf(
      await onDay(storage, "2026-10-21", Projection.catchUp(manager(ProcessManagers.revocationToCredit(), refused))),
    )
    expect(refused).toEqual([])
    expect(creditOf(storage).map((e) => e.type)).toEqual(["CreditEntryRecorded"])
    successOf(await onDay(storage, "2026-10-22", submitFor("V-5", second, materials)))
  })

  it("given a licence concerning personal health, when it is revoked for the authority's error (Art 69(1)), then nothing reaches the holder's credit record", async () => {
    const storage = await licensed("V-6", { ...elements, concernsSafetyHealthProperty: true })
    successOf(
      await onDay(
        storage,
        "2026-10-21",
        revoke("V-6", {
          _tag: "AuthorityError",
          ground: "procedureViolated",
          compensation: { _tag: "Owed", basis: "《国家赔偿法》第四条" },
        }),
      ),
    )
    for (const pm of ProcessManagers.all) {
      successOf(await onDay(storage, "2026-10-21", Projection.catchUp(manager(pm, []))))
    }
    expect(creditOf(storage)).toEqual([])
    successOf(await onDay(storage, "2026-10-22", submitFor("V-7", second, materials)))
  })
})
