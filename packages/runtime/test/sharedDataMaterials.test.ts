/**
 * Shared data spares a material (数据共享, Decree 716 Art 13): a material the matter marks with
 * `sharedDataKind` is satisfied at submission by that fact about the applicant as the host's source
 * answers it — fetched by the runtime, never taken from the command — and the case records the
 * source, when it was fetched and the digest of the value. In a bundle, the bundle fetches once and
 * every child inherits the reliance. An outage is a typed failure that writes nothing.
 */
import { type Application, type BundleApplication, type PublishedMatter, WorkCalendar } from "@yiciban/core"
import { Effect } from "effect"
import { describe, expect, it } from "vitest"
import {
  Aggregates,
  BundleApplications,
  BundleProcesses,
  CommandHandler,
  ProcessManager,
  Projection,
  RuntimeStore,
  SharedData,
} from "../src/index.ts"
import { adminOf, clerkOf, fire, fireCode, food, foodCode, sign, signCode } from "./bundleFixtures.ts"
import { applicant, cityBureau, clerk, restaurant } from "./fixtures.ts"
import { failureOf, onDay, successOf } from "./support.ts"

/** Proof of social insurance contributions (社保缴纳证明), obtained from the insurance agency's data. */
const insured: PublishedMatter.MaterialRequirement = {
  code: "SB01",
  name: "社会保险缴纳证明",
  mandatory: true,
  category: "secondary",
  originals: 0,
  copies: 1,
  sharedDataKind: "socialSecurity",
  deferrable: false,
  replaceableByCommitment: false,
}
const withInsured = (terms: PublishedMatter.MatterElements): PublishedMatter.MatterElements => ({
  ...terms,
  materials: [...terms.materials, insured],
})
const fact = { insuredHeadcount: 12, month: "2026-09" }
const records = (): SharedData.MemoryRecords => ({ [applicant.code]: { socialSecurity: { ...fact } } })
const down: SharedData.SharedDataSource = {
  name: "exchange",
  lookup: (kind, subjectCode) =>
    Effect.fail(new SharedData.SharedDataUnavailable({ source: "exchange", kind, subjectCode, detail: "timeout" })),
  subjectsIn: () => Effect.succeed([]),
}
const paper = (...codes: ReadonlyArray<string>) => codes.map((code) => ({ code, form: "paper" as const }))
const members = [
  [foodCode, withInsured(food)],
  [fireCode, withInsured(fire)],
  [signCode, sign],
] as const
const bundleId = "CS-KBCYD-S"

const publish = (code: string, terms: PublishedMatter.MatterElements) =>
  Effect.gen(function* () {
    const admin = adminOf(terms.implementingAuthority)
    yield* CommandHandler.handle(
      Aggregates.matter,
      code,
      { _tag: "DraftMatter", implementationCode: code, baseCode: code.split("-")[1]!, elements: terms },
      admin,
    )
    yield* CommandHandler.handle(Aggregates.matter, code, { _tag: "PublishDraft", implementationCode: code }, admin)
  })

const catalogue = async () => {
  const storage = RuntimeStore.makeMemoryStorage()
  successOf(
    await onDay(
      storage,
      "2026-10-09",
      Effect.gen(function* () {
        for (const [code, terms] of members) yield* publish(code, terms)
        const admin = adminOf(cityBureau)
        yield* CommandHandler.handle(
          BundleApplications.serviceBundle,
          bundleId,
          {
            _tag: "DraftBundle",
            bundleId,
            elements: {
              name: "开办餐饮店",
              leadDepartment: cityBureau,
              memberCodes: members.map(([code]) => code),
              introduction: "一次告知、一表申请、一窗受理、并联审批、统一出件",
              jointLimitWorkingDays: 20,
            },
          },
          admin,
        )
        yield* CommandHandler.handle(
          BundleApplications.serviceBundle,
          bundleId,
          { _tag: "PublishBundle", bundleId },
          admin,
        )
      }),
    ),
  )
  return storage
}

const applicationOn = (source: SharedData.SharedDataSource) =>
  Aggregates.makeApplication({ calendar: WorkCalendar.chinaMainland, sharedData: source })
const submit = (
  source: SharedData.SharedDataSource,
  caseNo: string,
  materials: ReadonlyArray<Application.SubmittedMaterial>,
  more: object = {},
) =>
  CommandHandler.handle(
    applicationOn(source),
    caseNo,
    { _tag: "SubmitApplication", caseNo, applicant, matterCode: foodCode, materials, ...more } as never,
    restaurant,
  )
const foodPapers = paper("SP01", "SP-SFZ", "ZS", "SP03")

describe("数据共享 spares a material of an ordinary application", () => {
  it("fetches the fact at submission, records source, instant and digest, and the material counts as handed over", async () => {
    const storage = await catalogue()
    const source = SharedData.makeMemory(records(), "湖南省数据共享交换平台")
    const submitted = successOf(await onDay(storage, "2026-10-12", submit(source, "S-1", foodPapers)))
    const event = submitted.events[0] as Application.ApplicationSubmitted
    expect(event.materials).toContainEqual({ code: "SB01", form: "sharedData" })
    expect(event.sharedDataReliedOn).toEqual([
      {
        materialCode: "SB01",
        kind: "socialSecurity",
        source: "湖南省数据共享交换平台",
        fetchedAt: expect.stringMatching(/^2026-10-12T/),
        digest: SharedData.digestOf(fact),
      },
    ])
    // nothing mandatory is outstanding: the window accepts ordinarily
    const accepted = successOf(
      await onDay(
        storage,
        "2026-10-12",
        CommandHandler.handle(applicationOn(source), "S-1", { _tag: "AcceptApplication", caseNo: "S-1" }, clerk),
      ),
    )
    expect(accepted.events[0]?._tag).toBe("ApplicationAccepted")
  })

  it("without a record leaves the material to be handed over, and refuses a request to take it from shared data", async () => {
    const storage = await catalogue()
    const none = SharedData.makeMemory({}, "exchange")
    const plain = successOf(await onDay(storage, "2026-10-12", submit(none, "S-2", foodPapers)))
    expect((plain.events[0] as Application.ApplicationSubmitted).materials.map((m) => m.code)).not.toContain("SB01")
    expect(plain.events[0]).not.toHaveProperty("sharedDataReliedOn")
    const asked = failureOf(
      await onDay(storage, "2026-10-12", submit(none, "S-3", [...foodPapers, { code: "SB01", form: "sharedData" }])),
    )
    expect(asked).toMatchObject({
      _tag: "CommandRejected",
      rejection: { _tag: "SharedDataRelianceInvalid", problem: "noRecord", codes: ["SB01"] },
    })
    expect(storage.events.streams.has("application-S-3")).toBe(false)
  })

  it("fails with SharedDataUnavailable when the source is down (nothing written), and does not ask it for a material handed over on paper", async () => {
    const storage = await catalogue()
    const failed = failureOf(await onDay(storage, "2026-10-12", submit(down, "S-4", foodPapers)))
    expect(failed).toMatchObject({ _tag: "SharedDataUnavailable", kind: "socialSecurity", source: "exchange" })
    expect(storage.events.streams.has("application-S-4")).toBe(false)
    const onPaper = successOf(
      await onDay(storage, "2026-10-12", submit(down, "S-4", [...foodPapers, ...paper("SB01")])),
    )
    expect((onPaper.events[0] as Application.ApplicationSubmitted).materials).toContainEqual({
      code: "SB01",
      form: "paper",
    })
    expect(onPaper.events[0]).not.toHaveProperty("sharedDataReliedOn")
  })

  it("fails with SharedDataInvalid on a malformed record, never taking it as satisfied", async () => {
    const storage = await catalogue()
    const bad = SharedData.makeMemory({ [applicant.code]: { socialSecurity: { insuredHeadcount: -1, month: "x" } } })
    expect(failureOf(await onDay(storage, "2026-10-12", submit(bad, "S-5", foodPapers)))).toMatchObject({
      _tag: "SharedDataInvalid",
    })
    expect(storage.events.streams.has("application-S-5")).toBe(false)
  })

  it("refuses a reliance forged in the command body, and a shared-data material the matter does not mark", async () => {
    const storage = await catalogue()
    const none = SharedData.makeMemory({}, "exchange")
    const forged = failureOf(
      await onDay(
        storage,
        "2026-10-12",
        submit(none, "S-6", [...foodPapers, { code: "SB01", form: "sharedData" }], {
          sharedDataReliedOn: [
            {
              materialCode: "SB01",
              kind: "socialSecurity",
              source: "exchange",
              fetchedAt: "2026-10-12T01:30:00.000Z",
              digest: SharedData.digestOf(fact),
            },
          ],
        }),
      ),
    )
    expect(forged).toMatchObject({ _tag: "InvalidCommand" })
    const unmarked = failureOf(
      await onDay(
        storage,
        "2026-10-12",
        submit(SharedData.makeMemory(records()), "S-7", [
          ...paper("SP01", "ZS", "SP03"),
          { code: "SP-SFZ", form: "sharedData" },
        ]),
      ),
    )
    expect(unmarked).toMatchObject({
      rejection: { _tag: "SharedDataRelianceInvalid", problem: "notMarked", codes: ["SP-SFZ"] },
    })
    expect(storage.events.streams.has("application-S-6")).toBe(false)
    expect(storage.events.streams.has("application-S-7")).toBe(false)
  })
})

describe("数据共享 in a bundle — fetched once, inherited by every child that needs it", () => {
  const bundleOn = (source: SharedData.SharedDataSource) =>
    BundleApplications.makeBundleApplication({
      calendar: WorkCalendar.chinaMainland,
      application: Aggregates.application,
      licence: Aggregates.licence,
      sharedData: source,
    })
  const submitBundle = (
    source: SharedData.SharedDataSource,
    caseNo: string,
    materials: ReadonlyArray<Application.SubmittedMaterial>,
  ) =>
    CommandHandler.handle(
      bundleOn(source),
      caseNo,
      { _tag: "SubmitBundleApplication", caseNo, applicant, bundleId, materials },
      restaurant,
    )
  const papers = paper("SP01", "SP-SFZ", "ZS", "SP03", "XF01", "XF03", "ZP01", "ZP02")

  it("records the reliance once on the bundle case; the children inherit it without fetching again and are accepted without the paper", async () => {
    const storage = await catalogue()
    const held = records()
    const source = SharedData.makeMemory(held, "湖南省数据共享交换平台")
    const submitted = successOf(await onDay(storage, "2026-10-12", submitBundle(source, "YJS-S1", papers)))
    const reliance = {
      materialCode: "SB01",
      kind: "socialSecurity",
      source: "湖南省数据共享交换平台",
      fetchedAt: expect.stringMatching(/^2026-10-12T/),
      digest: SharedData.digestOf(fact),
    }
    expect(submitted.events[0]).toMatchObject({ _tag: "BundleApplicationSubmitted", sharedDataReliedOn: [reliance] })
    expect(submitted.state.handedOver).toContainEqual({ code: "SB01", form: "sharedData" })
    // the agency's record goes away before the fan-out: the children keep what the bundle relied on
    delete held[applicant.code]
    const accepted = successOf(
      await onDay(
        storage,
        "2026-10-13",
        CommandHandler.handle(
          bundleOn(source),
          "YJS-S1",
          {
            _tag: "AcceptBundle",
            caseNo: "YJS-S1",
            members: members.map(([code]) => ({ implementationCode: code, acceptance: { _tag: "Ordinary" as const } })),
          },
          clerkOf(cityBureau),
        ),
      ),
    )
    const children = (accepted.events[0] as BundleApplication.BundleAccepted).children
    expect(children.map((c) => c.sharedDataReliedOn?.length ?? 0)).toEqual([1, 1, 0])
    const refused: Array<unknown> = []
    const projection = ProcessManager.asProjection(BundleProcesses.bundleFanOut(), Aggregates.all, (followUp, error) =>
      Effect.sync(() => void refused.push({ followUp, error })),
    )
    successOf(await onDay(storage, "2026-10-13", Projection.catchUp(projection)))
    expect(refused).toEqual([])
    for (const child of children.slice(0, 2)) {
      const events = storage.events.streams.get(`application-${child.caseNo}`)!
      const opened = events[0]!.data as Application.ApplicationSubmitted
      expect(opened.sharedDataReliedOn).toEqual([reliance])
      expect(opened.materials).toContainEqual({ code: "SB01", form: "sharedData" })
      expect(events.map((e) => e.type)).toContain("ApplicationAccepted")
    }
  })

  it("fails with SharedDataUnavailable when the source is down, writing nothing, and refuses a shared-data material no fetch backs", async () => {
    const storage = await catalogue()
    expect(failureOf(await onDay(storage, "2026-10-12", submitBundle(down, "YJS-S2", papers)))).toMatchObject({
      _tag: "SharedDataUnavailable",
    })
    expect(storage.events.streams.has("bundlecase-YJS-S2")).toBe(false)
    const none = SharedData.makeMemory({}, "exchange")
    expect(
      failureOf(
        await onDay(
          storage,
          "2026-10-12",
          submitBundle(none, "YJS-S3", [...papers, { code: "SB01", form: "sharedData" }]),
        ),
      ),
    ).toMatchObject({ rejection: { _tag: "SharedDataRelianceInvalid", problem: "noRecord", codes: ["SB01"] } })
    // a material not every member takes from shared data (the site certificate ZS) cannot be given as such
    expect(
      failureOf(
        await onDay(
          storage,
          "2026-10-12",
          submitBundle(SharedData.makeMemory(records()), "YJS-S4", [
            ...paper("SP01", "SP-SFZ", "SP03", "XF01", "XF03", "ZP01", "ZP02"),
            { code: "ZS", form: "sharedData" },
          ]),
        ),
      ),
    ).toMatchObject({ rejection: { _tag: "SharedDataRelianceInvalid", problem: "notMarked", codes: ["ZS"] } })
    expect(storage.events.streams.has("bundlecase-YJS-S3")).toBe(false)
    expect(storage.events.streams.has("bundlecase-YJS-S4")).toBe(false)
  })
})
