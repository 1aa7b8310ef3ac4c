/**
 * The law on the runtime: the statutory re-application bar (ALL Arts 78, 79) is found by the
 * runtime itself at submission, keyed by the matter's base code, from the bar the process manager
 * recorded for a verifier's finding — and credit repair does not lift it.
 */
import { type Application, Application as CoreApplication } from "@yiciban/core"
import { Effect } from "effect"
import { describe, expect, it } from "vitest"
import { Aggregates, CommandHandler, ProcessManager, ProcessManagers, Projection, RuntimeStore } from "../src/index.ts"
import {
  admin,
  applicant,
  cityBureau,
  clerk,
  districtBureau,
  districtClerk,
  elements,
  matterCode,
  verifier,
} from "./fixtures.ts"
import { failureOf, onDay, publishMatter, publishOther, submitCase, submitFor, successOf } from "./support.ts"

const safety = { ...elements, concernsSafetyHealthProperty: true }
const first = "11430100MB1A38544B-000101001000-01"
const second = "11430100MB1A38544B-000101001000-02"
const act = (caseNo: string, command: Application.Command, actor = clerk) =>
  CommandHandler.handle(Aggregates.application, caseNo, command, actor)

describe("ALL Arts 78, 79 — the runtime looks the bar up at submission", () => {
  it("a finding of false materials bars the licence (its base code) for a year, through another implementation too", async () => {
    const storage = RuntimeStore.makeMemoryStorage()
    successOf(await onDay(storage, "2026-09-01", publishOther(first, safety)))
    successOf(await onDay(storage, "2026-09-01", publishOther(second, safety)))
    successOf(await onDay(storage, "2026-10-12", submitFor("F-1", first, ["SP01", "SP02", "SP03"])))
    const found = successOf(
      await onDay(
        storage,
        "2026-10-13",
        act("F-1", { _tag: "RecordFraudFinding", caseNo: "F-1", findings: "场地租赁合同系伪造" }, verifier),
      ),
    )
    expect(found.events.map((e) => e._tag)).toEqual(["FraudFound"])
    const projection = ProcessManager.asProjection(ProcessManagers.fraudToCredit(), Aggregates.all, () => Effect.void)
    successOf(await onDay(storage, "2026-10-13", Projection.catchUp(projection)))
    successOf(await onDay(storage, "2026-10-14", Projection.rebuild(projection)))
    const credit = storage.events.streams.get(`credit-${applicant.code}`) ?? []
    expect(credit.map((e) => e.type)).toEqual(["CreditEntryRecorded", "StatutoryBarRecorded"])
    // credit repair of the entry: the policy consequence goes, the statutory bar stays
    successOf(
      await onDay(
        storage,
        "2026-11-02",
        CommandHandler.handle(
          Aggregates.creditRecord,
          applicant.code,
          {
            _tag: "RepairEntry",
            subject: CoreApplication.creditSubjectOf(applicant),
            entryId: "F-1/falseMaterials",
            reason: "已完成信用修复",
            repairedOn: "2026-11-02" as never,
          },
          { id: "sup-1", roles: ["supervisor"], region: "430000" },
        ),
      ),
    )
    const again = failureOf(await onDay(storage, "2026-11-03", submitFor("F-2", second, ["SP01", "SP02", "SP03"])))
    expect(again).toMatchObject({
      _tag: "CommandRejected",
      rejection: {
        _tag: "ReapplicationBarred",
        article: "ALL Art 78",
        baseCode: "000101001000",
        barredUntil: "2027-10-13",
      },
    })
    // the day after the bar ends, the application is taken
    successOf(await onDay(storage, "2027-10-14", submitFor("F-3", second, ["SP01", "SP02", "SP03"])))
  })
})

describe("权力下放 / 园区赋权 — delegation reaches cases", () => {
  it("an application is judged by the authority the matter is delegated to on the day of submission, and the case records it", async () => {
    const storage = RuntimeStore.makeMemoryStorage()
    successOf(await onDay(storage, "2026-09-01", publishMatter()))
    successOf(
      await onDay(
        storage,
        "2026-09-01",
        CommandHandler.handle(
          Aggregates.matter,
          matterCode,
          {
            _tag: "DelegateMatter",
            implementationCode: matterCode,
            kind: "delegateDown",
            to: districtBureau,
            effectiveFrom: "2026-10-12" as never,
            basis: "长政发〔2026〕9号",
          },
          admin,
        ),
      ),
    )
    const before = successOf(await onDay(storage, "2026-10-09", submitCase("D-1")))
    expect(CoreApplication.judgingAuthority(before.state)?.creditCode).toBe(cityBureau.creditCode)
    expect(before.events[0]).not.toHaveProperty("authority")
    const after = successOf(await onDay(storage, "2026-10-12", submitCase("D-2")))
    expect(after.events[0]).toMatchObject({ authority: districtBureau })
    expect(CoreApplication.judgingAuthority(after.state)).toEqual(districtBureau)
    // without the catalogue stream, the authority the case recorded still decides who may act
    const withoutCatalogue = { authorityOf: () => Effect.succeed(undefined) }
    const acceptD2 = (actor: typeof clerk) =>
      CommandHandler.handle(
        Aggregates.application,
        "D-2",
        { _tag: "AcceptApplication", caseNo: "D-2" },
        actor,
        withoutCatalogue,
      )
    expect(failureOf(await onDay(storage, "2026-10-12", acceptD2(clerk)))).toMatchObject({ reason: "authority" })
    successOf(await onDay(storage, "2026-10-12", acceptD2(districtClerk)))
  })
})
