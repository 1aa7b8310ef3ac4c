/**
 * Cross-department tolerance (跨部门容缺): a bundle's terms may let the lead window defer a member's
 * secondary material although the member — another department — does not list it as deferrable in
 * its own terms; the child inherits the deferral with the bundle's supplement deadline. A core
 * material is never tolerated, neither in the bundle's terms nor at acceptance.
 */
import { type Application, type BundleApplication, type ServiceBundle, WorkCalendar } from "@yiciban/core"
import { Effect, Result } from "effect"
import { describe, expect, it } from "vitest"
import {
  Aggregates,
  BundleApplications,
  BundleProcesses,
  CommandHandler,
  ProcessManager,
  Projection,
  RuntimeStore,
} from "../src/index.ts"
import { adminOf, clerkOf, fire, fireCode, food, foodCode, sign, signCode } from "./bundleFixtures.ts"
import { applicant, cityBureau, restaurant } from "./fixtures.ts"
import { failureOf, onDay, successOf } from "./support.ts"

const members = [
  [foodCode, food],
  [fireCode, fire],
  [signCode, sign],
] as const
const paper = (...codes: ReadonlyArray<string>) => codes.map((code) => ({ code, form: "paper" as const }))
/** The fire brigade's safety plan (XF03, secondary) tolerated at the market regulator's window for 3 working days. */
const grant: ServiceBundle.CrossTolerance = {
  implementationCode: fireCode,
  materialCodes: ["XF03"],
  supplementDeadlineWorkingDays: 3,
  onDeadlineMissed: "terminate",
}

const publish = (code: string, terms: typeof food) =>
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

const draftBundle = (bundleId: string, crossTolerance: ReadonlyArray<ServiceBundle.CrossTolerance> | undefined) =>
  CommandHandler.handle(
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
        ...(crossTolerance === undefined ? {} : { crossTolerance }),
      },
    },
    adminOf(cityBureau),
  )

const catalogue = async () => {
  const storage = RuntimeStore.makeMemoryStorage()
  successOf(
    await onDay(
      storage,
      "2026-10-09",
      Effect.gen(function* () {
        for (const [code, terms] of members) yield* publish(code, terms)
        for (const [bundleId, tolerance] of [
          ["CS-KBCYD-T", [grant]],
          ["CS-KBCYD-N", undefined],
        ] as const) {
          yield* draftBundle(bundleId, tolerance)
          yield* CommandHandler.handle(
            BundleApplications.serviceBundle,
            bundleId,
            { _tag: "PublishBundle", bundleId },
            adminOf(cityBureau),
          )
        }
      }),
    ),
  )
  return storage
}

// everything but the fire brigade's safety plan XF03
const handed = paper("SP01", "SP-SFZ", "ZS", "SP03", "XF01", "ZP01", "ZP02")
const submit = (caseNo: string, bundleId: string, materials = handed) =>
  CommandHandler.handle(
    Aggregates.bundleApplication,
    caseNo,
    { _tag: "SubmitBundleApplication", caseNo, applicant, bundleId, materials },
    restaurant,
  )
const commitment = { signedBy: "李湘", statement: "承诺三个工作日内补交消防安全制度和应急预案" }
const accept = (caseNo: string, deferred: ReadonlyArray<string>) =>
  CommandHandler.handle(
    Aggregates.bundleApplication,
    caseNo,
    {
      _tag: "AcceptBundle",
      caseNo,
      members: [
        { implementationCode: foodCode, acceptance: { _tag: "Ordinary" } },
        {
          implementationCode: fireCode,
          acceptance: {
            _tag: "Tolerant",
            deferred: deferred.map((code) => ({ code, howToSupply: "三个工作日内到牵头窗口补交" })),
            commitment,
          },
        },
        { implementationCode: signCode, acceptance: { _tag: "Ordinary" } },
      ],
    },
    clerkOf(cityBureau),
  )

describe("跨部门容缺 — the bundle tolerates another department's missing secondary material", () => {
  it("lets the lead window defer the fire brigade's XF03, and the child inherits the deferral with the bundle's deadline", async () => {
    const storage = await catalogue()
    successOf(await onDay(storage, "2026-10-12", submit("YJS-T1", "CS-KBCYD-T")))
    const accepted = successOf(await onDay(storage, "2026-10-13", accept("YJS-T1", ["XF03"])))
    const fireChild = (accepted.events[0] as BundleApplication.BundleAccepted).children[1]!
    expect(fireChild.tolerance).toEqual({
      bundleCaseNo: "YJS-T1",
      materialCodes: ["XF03"],
      supplementDeadlineWorkingDays: 3,
      onDeadlineMissed: "terminate",
    })
    const refused: Array<unknown> = []
    const projection = ProcessManager.asProjection(BundleProcesses.bundleFanOut(), Aggregates.all, (followUp, error) =>
      Effect.sync(() => void refused.push({ followUp, error })),
    )
    successOf(await onDay(storage, "2026-10-13", Projection.catchUp(projection)))
    expect(refused).toEqual([])
    const events = storage.events.streams.get(`application-${fireChild.caseNo}`)!
    expect((events[0]!.data as Application.ApplicationSubmitted).bundleTolerance).toEqual(fireChild.tolerance)
    const tolerated = events.find((e) => e.type === "ApplicationAcceptedTolerantly")!
      .data as Application.ApplicationAcceptedTolerantly
    const due = WorkCalendar.addWorkingDays(WorkCalendar.chinaMainland, "2026-10-13" as never, 3)
    expect(tolerated.notice).toMatchObject({
      items: [{ code: "XF03" }],
      supplementBy: Result.getOrThrow(due),
      consequence: "terminate",
      resultBeforeSupplement: false,
    })
  })

  it("refuses the same deferral when the bundle grants no tolerance (the member's own terms do not allow it)", async () => {
    const storage = await catalogue()
    successOf(await onDay(storage, "2026-10-12", submit("YJS-T2", "CS-KBCYD-N")))
    expect(failureOf(await onDay(storage, "2026-10-13", accept("YJS-T2", ["XF03"])))).toMatchObject({
      rejection: { _tag: "AcceptanceNotAllowed", implementationCode: fireCode, why: "notDeferrable", codes: ["XF03"] },
    })
  })

  it("never tolerates a key material: not at acceptance, not in the bundle's terms", async () => {
    const storage = await catalogue()
    // the fire brigade's application form XF01 (core) is missing as well
    successOf(
      await onDay(
        storage,
        "2026-10-12",
        submit("YJS-T3", "CS-KBCYD-T", paper("SP01", "SP-SFZ", "ZS", "SP03", "ZP01", "ZP02")),
      ),
    )
    expect(failureOf(await onDay(storage, "2026-10-13", accept("YJS-T3", ["XF03", "XF01"])))).toMatchObject({
      rejection: { _tag: "AcceptanceNotAllowed", why: "notDeferrable", codes: ["XF01"] },
    })
    expect(failureOf(await onDay(storage, "2026-10-13", accept("YJS-T3", ["XF03"])))).toMatchObject({
      rejection: { _tag: "AcceptanceNotAllowed", why: "materialsOutstanding", codes: ["XF01"] },
    })
    expect(storage.events.streams.get("bundlecase-YJS-T3")!.map((e) => e.type)).toEqual(["BundleApplicationSubmitted"])
    const core = failureOf(
      await onDay(storage, "2026-10-13", draftBundle("CS-KBCYD-K", [{ ...grant, materialCodes: ["XF01", "XF03"] }])),
    )
    expect(core).toMatchObject({
      rejection: { _tag: "ToleranceNotAllowed", implementationCode: fireCode, codes: ["XF01"] },
    })
    const late = failureOf(
      await onDay(storage, "2026-10-13", draftBundle("CS-KBCYD-L", [{ ...grant, supplementDeadlineWorkingDays: 30 }])),
    )
    expect(late).toMatchObject({ rejection: { _tag: "ToleranceNotAllowed", implementationCode: fireCode } })
    expect(storage.events.streams.has("bundle-CS-KBCYD-K")).toBe(false)
  })

  it("refuses a tolerance brought in a child's submission by a caller", async () => {
    const storage = await catalogue()
    const forged = failureOf(
      await onDay(
        storage,
        "2026-10-12",
        CommandHandler.handle(
          Aggregates.application,
          "F-1",
          {
            _tag: "SubmitApplication",
            caseNo: "F-1",
            applicant,
            matterCode: fireCode,
            materials: paper("XF01", "ZS"),
            bundleTolerance: { ...grant, bundleCaseNo: "YJS-T1" },
          } as never,
          restaurant,
        ),
      ),
    )
    expect(forged).toMatchObject({ _tag: "InvalidCommand" })
  })
})
