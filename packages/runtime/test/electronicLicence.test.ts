/**
 * Electronic licences spare the applicant (电子证照免提交): a material the matter marks as satisfied
 * by a licence (`licenceBaseCode`) is satisfied at submission by the applicant's licence valid on the
 * day, looked up by the runtime — never taken from the command — and the case records which licence
 * and which version it relied on. A licence revoked or expired later does not rewrite the case; a new
 * application no longer finds it.
 */
import type { Application, PublishedMatter } from "@yiciban/core"
import { Effect } from "effect"
import { describe, expect, it } from "vitest"
import {
  Aggregates,
  CommandHandler,
  createYiciban,
  ProcessManager,
  ProcessManagers,
  Projection,
  RuntimeStore,
} from "../src/index.ts"
import { admin, applicant, approver, clerk, elements, matterCode, restaurant } from "./fixtures.ts"
import { failureOf, onDay, publishMatter, publishOther, submitCase, submitFor, successOf } from "./support.ts"

/** A matter (a signboard permit) one of whose materials is the food business licence, base code 000101001000. */
const signboardCode = "11430100MB1A38544B-000201001000-01"
const foodLicenceMaterial: PublishedMatter.MaterialRequirement = {
  code: "SB02",
  name: "食品经营许可证",
  mandatory: true,
  category: "core",
  originals: 0,
  copies: 1,
  licenceBaseCode: "000101001000",
  deferrable: false,
  replaceableByCommitment: false,
}
const signboard: PublishedMatter.MatterElements = {
  ...elements,
  name: "户外招牌设置许可",
  materials: [elements.materials[0]!, foodLicenceMaterial],
  tolerantAcceptance: undefined as never,
}
delete (signboard as { tolerantAcceptance?: unknown }).tolerantAcceptance

const act = (caseNo: string, command: Application.Command, actor = clerk) =>
  CommandHandler.handle(Aggregates.application, caseNo, command, actor)

/** The restaurant holds the food business licence of case L-1 (JY14301020000001, from 2026-09-28 to 2031-09-27). */
const licensed = async () => {
  const storage = RuntimeStore.makeMemoryStorage()
  successOf(await onDay(storage, "2026-09-01", publishMatter()))
  successOf(await onDay(storage, "2026-09-01", publishOther(signboardCode, signboard)))
  successOf(await onDay(storage, "2026-09-24", submitCase("L-1")))
  successOf(await onDay(storage, "2026-09-24", act("L-1", { _tag: "AcceptApplication", caseNo: "L-1" })))
  successOf(await onDay(storage, "2026-09-25", act("L-1", { _tag: "GrantApplication", caseNo: "L-1" }, approver)))
  successOf(
    await onDay(
      storage,
      "2026-09-28",
      act("L-1", { _tag: "IssueCertificate", caseNo: "L-1", certificateNo: "JY14301020000001" }),
    ),
  )
  const projection = ProcessManager.asProjection(ProcessManagers.caseToLicence(), Aggregates.all, () => Effect.void)
  successOf(await onDay(storage, "2026-09-28", Projection.catchUp(projection)))
  return storage
}

const submitted = (storage: RuntimeStore.MemoryStorage, caseNo: string) =>
  storage.events.streams.get(`application-${caseNo}`)![0]!.data as Application.ApplicationSubmitted

describe("电子证照 — a licence on file spares the applicant a material", () => {
  it("the runtime finds the applicant's valid licence and the case records which licence and version it relied on; a later revocation does not rewrite it, and a new application no longer finds it", async () => {
    const storage = await licensed()
    // the applicant hands over the application form only
    const outcome = successOf(await onDay(storage, "2026-10-12", submitFor("S-1", signboardCode, ["SP01"])))
    expect(outcome.events[0]).toMatchObject({
      materials: [
        { code: "SP01", form: "paper" },
        { code: "SB02", form: "electronicLicence", licenceNo: "JY14301020000001" },
      ],
      licencesReliedOn: [
        {
          materialCode: "SB02",
          licenceId: "L-1",
          licenceNo: "JY14301020000001",
          baseCode: "000101001000",
          version: 1,
          validOn: "2026-10-12",
        },
      ],
    })
    // every mandatory material is on file: the window accepts without a correction notice
    successOf(await onDay(storage, "2026-10-12", act("S-1", { _tag: "AcceptApplication", caseNo: "S-1" })))

    // the licence is revoked (the authority's error, ALL Art 69(1))
    successOf(
      await onDay(
        storage,
        "2026-11-02",
        CommandHandler.handle(
          Aggregates.licence,
          "L-1",
          {
            _tag: "RevokeLicence",
            licenceId: "L-1",
            ground: {
              _tag: "AuthorityError",
              ground: "procedureViolated",
              compensation: { _tag: "NoHarm", reason: "未造成损失" },
            },
            reasons: "审查程序违法",
            publicInterest: { seriousHarm: false, assessment: "不损害公共利益" },
          },
          approver,
        ),
      ),
    )
    // the case keeps what it relied on, and when
    expect(submitted(storage, "S-1").licencesReliedOn).toEqual([
      expect.objectContaining({ licenceId: "L-1", version: 1, validOn: "2026-10-12" }),
    ])
    // a new application no longer finds it: the material is to be handed over ...
    const plain = successOf(await onDay(storage, "2026-11-03", submitFor("S-2", signboardCode, ["SP01"])))
    expect(plain.events[0]).not.toHaveProperty("licencesReliedOn")
    expect(plain.state.materials.map((m) => m.code)).toEqual(["SP01"])
    // ... and asking for the licence to be used is refused, naming the material
    const asked = failureOf(
      await onDay(
        storage,
        "2026-11-03",
        CommandHandler.handle(
          Aggregates.application,
          "S-3",
          {
            _tag: "SubmitApplication",
            caseNo: "S-3",
            applicant,
            matterCode: signboardCode,
            materials: [{ code: "SB02", form: "electronicLicence", licenceNo: "JY14301020000001" }],
          },
          restaurant,
        ),
      ),
    )
    expect(asked).toMatchObject({
      _tag: "CommandRejected",
      rejection: { _tag: "LicenceRelianceInvalid", problem: "noValidLicence", codes: ["SB02"] },
    })
    expect(storage.events.streams.has("application-S-3")).toBe(false)
  })

  it("a licence past its term is not found, whether or not its expiry was recorded", async () => {
    const storage = await licensed()
    const before = successOf(await onDay(storage, "2031-09-27", submitFor("S-4", signboardCode, ["SP01"])))
    expect(before.events[0]).toHaveProperty("licencesReliedOn")
    const after = successOf(await onDay(storage, "2031-09-28", submitFor("S-5", signboardCode, ["SP01"])))
    expect(after.events[0]).not.toHaveProperty("licencesReliedOn")
  })

  it("the caller cannot hand the runtime a reliance, nor a licence number of its own", async () => {
    const storage = await licensed()
    const forged = failureOf(
      await onDay(
        storage,
        "2026-10-12",
        CommandHandler.handle(
          Aggregates.application,
          "S-6",
          {
            _tag: "SubmitApplication",
            caseNo: "S-6",
            applicant,
            matterCode: signboardCode,
            materials: [{ code: "SP01", form: "paper" }],
            licencesReliedOn: [
              {
                materialCode: "SB02",
                licenceId: "L-9",
                licenceNo: "FAKE",
                baseCode: "000101001000",
                version: 1,
                validOn: "2026-10-12",
              },
            ],
          } as never,
          restaurant,
        ),
      ),
    )
    expect(forged).toMatchObject({ _tag: "InvalidCommand" })
    // a licence number the applicant names is replaced by the one the runtime found
    const named = successOf(
      await onDay(
        storage,
        "2026-10-12",
        CommandHandler.handle(
          Aggregates.application,
          "S-7",
          {
            _tag: "SubmitApplication",
            caseNo: "S-7",
            applicant,
            matterCode: signboardCode,
            materials: [{ code: "SB02", form: "electronicLicence", licenceNo: "SOMEONE-ELSES" }],
          },
          restaurant,
        ),
      ),
    )
    expect(named.events[0]).toMatchObject({
      materials: [{ code: "SB02", form: "electronicLicence", licenceNo: "JY14301020000001" }],
      licencesReliedOn: [{ licenceId: "L-1" }],
    })
    // another applicant does not find the restaurant's licence
    const other = { kind: "enterprise", code: "91430100MA4L16JQ9D", name: "另一家餐饮公司" } as const
    const otherActor = {
      id: "other-01",
      roles: ["applicant" as const],
      subjects: [{ code: other.code, relation: "legalRepresentative" as const }],
    }
    const theirs = successOf(
      await onDay(
        storage,
        "2026-10-12",
        CommandHandler.handle(
          Aggregates.application,
          "S-8",
          {
            _tag: "SubmitApplication",
            caseNo: "S-8",
            applicant: other as never,
            matterCode: signboardCode,
            materials: [],
          },
          otherActor,
        ),
      ),
    )
    expect(theirs.events[0]).not.toHaveProperty("licencesReliedOn")
  })
})

describe("电子证照 through the facade", () => {
  it("the licence issued by the process managers spares the next application a material", async () => {
    let now = Date.parse("2026-09-24T01:30:00.000Z")
    const yiciban = await createYiciban({ store: RuntimeStore.memory(), now: () => now })
    const at = (day: string) => {
      now = Date.parse(`${day}T01:30:00.000Z`)
    }
    await yiciban.matter.publish({ implementationCode: matterCode, baseCode: "000101001000", elements }, admin)
    await yiciban.matter.publish(
      { implementationCode: signboardCode, baseCode: "000201001000", elements: signboard },
      admin,
    )
    await yiciban.application.submit(
      {
        caseNo: "F-1",
        applicant,
        matterCode,
        materials: [
          { code: "SP01", form: "paper" },
          { code: "SP02", form: "paper" },
          { code: "SP03", form: "paper" },
        ],
      },
      restaurant,
    )
    await yiciban.application.execute({ _tag: "AcceptApplication", caseNo: "F-1" }, clerk)
    at("2026-09-25")
    await yiciban.application.execute({ _tag: "GrantApplication", caseNo: "F-1" }, approver)
    await yiciban.application.execute({ _tag: "IssueCertificate", caseNo: "F-1", certificateNo: "JY-F-1" }, clerk)
    await yiciban.runProcessManagers()
    at("2026-10-12")
    const outcome = await yiciban.application.submit(
      { caseNo: "F-2", applicant, matterCode: signboardCode, materials: [{ code: "SP01", form: "paper" }] },
      restaurant,
    )
    expect(outcome.events[0]).toMatchObject({
      licencesReliedOn: [{ materialCode: "SB02", licenceId: "F-1", licenceNo: "JY-F-1", version: 1 }],
    })
    await yiciban.close()
  })
})
