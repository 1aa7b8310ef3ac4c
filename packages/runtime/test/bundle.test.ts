/**
 * A bundle case (一件事一次办) on the in-memory runtime: published bundle → one form → one combined
 * correction notice → one acceptance → four children opened by the fan-out (tolerant, on
 * commitment, ordinary), each judged by its own authority → the fan-in concludes the bundle →
 * unified delivery listing a denial; the joint clock's warnings; two fan-out runs at once; and the
 * runtime's refusals (a caller cannot bring the bundle's terms or a child's outcome).
 */
import { WorkCalendar } from "@yiciban/core"
import { Effect } from "effect"
import { describe, expect, it } from "vitest"
import {
  Aggregates,
  type BundleApplications,
  BundleCases,
  BundleProcesses,
  CommandHandler,
  ProcessManager,
  Projection,
  RuntimeStore,
} from "../src/index.ts"
import { system } from "../src/internal/system.ts"
import {
  approverOf,
  bundleId,
  clerkOf,
  companyCode,
  fireBrigade,
  fireCode,
  foodCode,
  headOf,
  leadClerk,
  publishBundle,
  signCode,
  urbanManagement,
} from "./bundleFixtures.ts"
import { applicant, cityBureau, letter, restaurant } from "./fixtures.ts"
import { failureOf, onDay, successOf } from "./support.ts"

const caseNo = "YJS-2026-0001"
const onCase = (
  command: BundleApplications.BundleApplicationRequest,
  actor: Parameters<typeof CommandHandler.handle>[3],
) => CommandHandler.handle(Aggregates.bundleApplication, caseNo, command, actor)
const onChild = (
  child: string,
  command: Aggregates.ApplicationRequest,
  actor: Parameters<typeof CommandHandler.handle>[3],
) => CommandHandler.handle(Aggregates.application, child, command, actor)
const paper = (...codes: ReadonlyArray<string>) => codes.map((code) => ({ code, form: "paper" as const }))

const runManager = async (storage: RuntimeStore.MemoryStorage, day: string, manager: ProcessManager.ProcessManager) => {
  const refused: Array<unknown> = []
  const projection = ProcessManager.asProjection(manager, Aggregates.all, (followUp, error) =>
    Effect.sync(() => void refused.push({ followUp, error })),
  )
  successOf(await onDay(storage, day, Projection.catchUp(projection)))
  return refused
}

/** Submitted, corrected once and accepted: the story up to the fan-out. */
const acceptedBundle = async () => {
  const storage = RuntimeStore.makeMemoryStorage()
  successOf(await onDay(storage, "2026-09-01", publishBundle()))
  // one form, every shared material once: the lease (ZS) serves three matters, the identity proof two
  successOf(
    await onDay(
      storage,
      "2026-09-24",
      onCase(
        {
          _tag: "SubmitBundleApplication",
          caseNo,
          applicant,
          bundleId,
          materials: paper("QY01", "SFZ", "ZS", "SP01", "XF01", "ZP01"),
        },
        restaurant,
      ),
    ),
  )
  // two departments find problems; the applicant hears them once, from the lead window
  successOf(
    await onDay(
      storage,
      "2026-09-24",
      onCase(
        {
          _tag: "ProposeCorrection",
          caseNo,
          implementationCode: fireCode,
          items: [{ code: "XF01", problem: "defective", note: "申报表未加盖公章" }],
        },
        clerkOf(fireBrigade),
      ),
    ),
  )
  successOf(
    await onDay(
      storage,
      "2026-09-24",
      onCase(
        {
          _tag: "ProposeCorrection",
          caseNo,
          implementationCode: signCode,
          items: [{ code: "ZP02", problem: "missing", note: "缺招牌设计效果图" }],
        },
        clerkOf(urbanManagement),
      ),
    ),
  )
  const notice = successOf(
    await onDay(storage, "2026-09-24", onCase({ _tag: "IssueCombinedNotice", caseNo }, leadClerk)),
  )
  expect(notice.events.map((e) => e._tag)).toEqual(["CombinedNoticeIssued"])
  successOf(
    await onDay(
      storage,
      "2026-09-25",
      onCase({ _tag: "AnswerCombinedNotice", caseNo, materials: paper("XF01", "ZP02") as never }, restaurant),
    ),
  )
  successOf(
    await onDay(
      storage,
      "2026-09-25",
      onCase(
        {
          _tag: "AcceptBundle",
          caseNo,
          members: [
            {
              implementationCode: companyCode,
              acceptance: {
                _tag: "Tolerant",
                deferred: [{ code: "QY04", howToSupply: "五个工作日内补交" }],
                commitment: { signedBy: "李湘", statement: "承诺按期补交公司章程" },
              },
            },
            {
              implementationCode: foodCode,
              acceptance: {
                _tag: "Tolerant",
                deferred: [{ code: "SP03", howToSupply: "五个工作日内补交" }],
                commitment: { signedBy: "李湘", statement: "承诺按期补交健康证明" },
              },
            },
            { implementationCode: fireCode, acceptance: { _tag: "OnCommitment", letter, grantOnTheSpot: false } },
            { implementationCode: signCode, acceptance: { _tag: "Ordinary" } },
          ],
        },
        leadClerk,
      ),
    ),
  )
  return storage
}

const child = (n: number) => `${caseNo}-J${n}`

describe("a bundle case end to end", () => {
  it("one form, one notice, one acceptance, four children each judged by its own authority, one unified delivery", async () => {
    const storage = await acceptedBundle()
    expect(await runManager(storage, "2026-09-25", BundleProcesses.bundleFanOut())).toEqual([])
    const typesOf = (n: number) => storage.events.streams.get(`application-${child(n)}`)!.map((e) => e.type)
    expect(typesOf(1)).toEqual(["ApplicationSubmitted", "ApplicationAcceptedTolerantly"])
    expect(typesOf(2)).toEqual(["ApplicationSubmitted", "ApplicationAcceptedTolerantly"])
    expect(typesOf(3).slice(0, 2)).toEqual(["ApplicationSubmitted", "ApplicationAcceptedOnCommitment"])
    expect(typesOf(4)).toEqual(["ApplicationSubmitted", "ApplicationAccepted"])
    // the children got what the applicant handed over once: the lease for three of them
    const submitted = (n: number) =>
      storage.events.streams.get(`application-${child(n)}`)![0]!.data as { materials: Array<{ code: string }> }
    expect(submitted(1).materials.map((m) => m.code)).toEqual(["QY01", "SFZ", "ZS"])
    expect(submitted(2).materials.map((m) => m.code)).toEqual(["SP01", "SP-SFZ", "ZS"])
    expect(submitted(3).materials.map((m) => m.code)).toEqual(["XF01", "ZS"])
    expect(submitted(4).materials.map((m) => m.code)).toEqual(["ZP01", "ZP02", "SFZ"])

    // another authority's approver cannot decide a child; its own can
    const wrong = await onDay(
      storage,
      "2026-10-09",
      onChild(child(3), { _tag: "GrantApplication", caseNo: child(3) }, approverOf(cityBureau)),
    )
    expect(failureOf(wrong)).toMatchObject({ _tag: "NotPermitted", reason: "authority" })
    const city = approverOf(cityBureau)
    for (const [n, code] of [
      [1, "QY04"],
      [2, "SP03"],
    ] as const) {
      successOf(
        await onDay(
          storage,
          "2026-09-28",
          onChild(
            child(n),
            { _tag: "SupplementDeferredMaterials", caseNo: child(n), materials: paper(code) },
            restaurant,
          ),
        ),
      )
    }
    successOf(
      await onDay(storage, "2026-10-09", onChild(child(1), { _tag: "GrantApplication", caseNo: child(1) }, city)),
    )
    successOf(
      await onDay(
        storage,
        "2026-10-09",
        onChild(
          child(1),
          { _tag: "IssueCertificate", caseNo: child(1), certificateNo: "91430102MA4L0P1T5J" },
          clerkOf(cityBureau),
        ),
      ),
    )
    successOf(
      await onDay(
        storage,
        "2026-10-10",
        onChild(
          child(2),
          {
            _tag: "DenyApplication",
            caseNo: child(2),
            reasons: "经营场所与污染源距离不符合要求",
            remedies: {
              administrativeReview: "六十日内向长沙市人民政府申请行政复议",
              litigation: "六个月内向长沙市芙蓉区人民法院提起行政诉讼",
            },
          },
          city,
        ),
      ),
    )
    successOf(
      await onDay(
        storage,
        "2026-10-12",
        onChild(child(3), { _tag: "GrantApplication", caseNo: child(3) }, approverOf(fireBrigade)),
      ),
    )
    successOf(
      await onDay(
        storage,
        "2026-10-12",
        onChild(
          child(3),
          { _tag: "IssueCertificate", caseNo: child(3), certificateNo: "CSXF-2026-0088" },
          clerkOf(fireBrigade),
        ),
      ),
    )
    // not concluded yet: delivery refused
    expect(await runManager(storage, "2026-10-12", BundleProcesses.bundleFanIn())).toEqual([])
    const early = await onDay(storage, "2026-10-12", onCase({ _tag: "DeliverUnified", caseNo }, leadClerk))
    expect(failureOf(early)).toMatchObject({ _tag: "CommandRejected", rejection: { _tag: "NotAllowedInPhase" } })
    successOf(
      await onDay(
        storage,
        "2026-10-13",
        onChild(child(4), { _tag: "GrantApplication", caseNo: child(4) }, approverOf(urbanManagement)),
      ),
    )
    successOf(
      await onDay(
        storage,
        "2026-10-13",
        onChild(
          child(4),
          { _tag: "IssueCertificate", caseNo: child(4), certificateNo: "FRZP-2026-031" },
          clerkOf(urbanManagement),
        ),
      ),
    )
    expect(await runManager(storage, "2026-10-13", BundleProcesses.bundleFanIn())).toEqual([])
    const delivered = successOf(
      await onDay(storage, "2026-10-14", onCase({ _tag: "DeliverUnified", caseNo }, leadClerk)),
    )
    const delivery = delivered.events[0]!
    expect(delivery._tag).toBe("UnifiedDelivery")
    expect(
      delivery._tag === "UnifiedDelivery" && delivery.results.map((r) => [r.childCaseNo, r.outcome.result]),
    ).toEqual([
      [child(1), "granted"],
      [child(2), "denied"],
      [child(3), "granted"],
      [child(4), "granted"],
    ])
    expect(delivered.state.concludedOn).toBe("2026-10-13")
    const types = storage.events.streams.get(`bundlecase-${caseNo}`)!.map((e) => e.type)
    expect(types.filter((t) => t === "CombinedNoticeIssued")).toHaveLength(1)
    expect(types.filter((t) => t === "BundleAccepted")).toHaveLength(1)
  })

  it("the fan-out run twice at once, and again after a lost checkpoint, opens each child once", async () => {
    const storage = await acceptedBundle()
    const manager = BundleProcesses.bundleFanOut()
    const projection = ProcessManager.asProjection(manager, Aggregates.all)
    successOf(
      await onDay(
        storage,
        "2026-09-25",
        Effect.all([Projection.catchUp(projection), Projection.catchUp(projection)], { concurrency: 2 }),
      ),
    )
    successOf(await onDay(storage, "2026-09-25", Projection.rebuild(projection)))
    for (const n of [1, 2, 3, 4]) {
      const types = storage.events.streams.get(`application-${child(n)}`)!.map((e) => e.type)
      expect(
        types.filter((t) => t === "ApplicationSubmitted"),
        child(n),
      ).toHaveLength(1)
      expect(
        types.filter((t) => t.startsWith("ApplicationAccepted")),
        child(n),
      ).toHaveLength(1)
    }
  })

  it("the deferred materials of every department are handed to the lead window once and forwarded to each child", async () => {
    const storage = await acceptedBundle()
    expect(await runManager(storage, "2026-09-25", BundleProcesses.bundleFanOut())).toEqual([])
    // a material no child deferred is refused, nothing written
    const notDeferred = await onDay(
      storage,
      "2026-09-28",
      onCase({ _tag: "SupplementBundle", caseNo, materials: paper("QY04", "ZP01") as never }, restaurant),
    )
    expect(failureOf(notDeferred)).toMatchObject({ rejection: { _tag: "NotDeferredByAnyChild", codes: ["ZP01"] } })
    // one hand-over at the lead window for both departments' deferred items
    const supplied = successOf(
      await onDay(
        storage,
        "2026-09-28",
        onCase({ _tag: "SupplementBundle", caseNo, materials: paper("QY04", "SP03") as never }, restaurant),
      ),
    )
    expect(supplied.events[0]).toMatchObject({
      _tag: "BundleSupplemented",
      forwards: [
        { childCaseNo: child(1), materials: [{ code: "QY04" }] },
        { childCaseNo: child(2), materials: [{ code: "SP03" }] },
      ],
    })
    // the runtime forwards each child its own; run twice, each child receives it once
    expect(await runManager(storage, "2026-09-28", BundleProcesses.bundleSupplements())).toEqual([])
    expect(await runManager(storage, "2026-09-28", BundleProcesses.bundleSupplements())).toEqual([])
    for (const [n, code] of [
      [1, "QY04"],
      [2, "SP03"],
    ] as const) {
      const events = storage.events.streams.get(`application-${child(n)}`)!
      const forwarded = events.filter((e) => e.type === "DeferredMaterialsSupplied")
      expect(forwarded).toHaveLength(1)
      expect(forwarded[0]!.data).toMatchObject({ materials: [{ code }] })
    }
    // handed over once: asked again, it is refused
    const again = await onDay(
      storage,
      "2026-09-29",
      onCase({ _tag: "SupplementBundle", caseNo, materials: paper("SP03") as never }, restaurant),
    )
    expect(failureOf(again)).toMatchObject({ rejection: { _tag: "NotDeferredByAnyChild", codes: ["SP03"] } })
    // another department's window cannot take it for the lead window
    const elsewhere = await onDay(
      storage,
      "2026-09-29",
      onCase({ _tag: "SupplementBundle", caseNo, materials: paper("QY04") as never }, clerkOf(fireBrigade)),
    )
    expect(failureOf(elsewhere)).toMatchObject({ _tag: "NotPermitted" })
  })

  it("shows the case with its joint clock and its children's clocks, and warns before the joint limit runs out", async () => {
    const storage = await acceptedBundle()
    await runManager(storage, "2026-09-25", BundleProcesses.bundleFanOut())
    const view = successOf(
      await onDay(
        storage,
        "2026-09-28",
        BundleCases.viewOf(leadClerk, caseNo, "2026-09-28T01:30:00.000Z", WorkCalendar.chinaMainland),
      ),
    )
    expect(view.jointClock).toMatchObject({ startedOn: "2026-09-25", limitWorkingDays: 20, dueOn: "2026-10-29" })
    expect(view.children.map((c) => [c.caseNo, c.acceptance, c.phase])).toEqual([
      [child(1), "Tolerant", "underReview"],
      [child(2), "Tolerant", "underReview"],
      [child(3), "OnCommitment", undefined], // the fire brigade's case: not the lead department's to read
      [child(4), "Ordinary", undefined],
    ])
    expect(view.children[0]!.clock?.promisedDueOn).toBeDefined()
    // a member's department reads the case through its own child: the fire brigade sees its child's phase and
    // clock, the others' numbers, matters and authorities only; a department of no member is refused
    const asFire = successOf(
      await onDay(
        storage,
        "2026-09-28",
        BundleCases.viewOf(clerkOf(fireBrigade), caseNo, "2026-09-28T01:30:00.000Z", WorkCalendar.chinaMainland),
      ),
    )
    expect(asFire.children.map((c) => [c.caseNo, c.phase])).toEqual([
      [child(1), undefined],
      [child(2), undefined],
      [child(3), "underReview"],
      [child(4), undefined],
    ])
    expect(asFire.children[2]!.clock).toBeDefined()
    const outsider = {
      id: "clerk-other",
      roles: ["windowClerk" as const],
      authority: "11430103MB1E00000X",
      region: "430103",
    }
    const refused = failureOf(
      await onDay(
        storage,
        "2026-09-28",
        BundleCases.viewOf(outsider, caseNo, "2026-09-28T01:30:00.000Z", WorkCalendar.chinaMainland),
      ),
    )
    expect(refused).toMatchObject({ _tag: "NotPermitted" })
    const timers = [...storage.timers.values()].filter((t) => t.stream === `bundlecase-${caseNo}`).map((t) => t.id)
    expect(timers).toEqual([
      `bundlecase-${caseNo}/joint/yellow/2026-10-29`,
      `bundlecase-${caseNo}/joint/overdue/2026-10-29`,
    ])
    // the head of the lead department extends once, by at most 15 working days
    successOf(
      await onDay(
        storage,
        "2026-10-20",
        onCase({ _tag: "ExtendJointLimit", caseNo, workingDays: 15, reason: "消防现场核查" }, headOf(cityBureau)),
      ),
    )
    const again = await onDay(
      storage,
      "2026-10-21",
      onCase({ _tag: "ExtendJointLimit", caseNo, workingDays: 5, reason: "再次延长" }, headOf(cityBureau)),
    )
    expect(failureOf(again)).toMatchObject({ rejection: { _tag: "JointLimitAlreadyExtended" } })
  })
})

describe("the runtime's refusals", () => {
  it("a caller cannot bring the bundle's terms, nor a child's outcome; an unpublished bundle takes no case", async () => {
    const storage = RuntimeStore.makeMemoryStorage()
    const unpublished = await onDay(
      storage,
      "2026-09-24",
      onCase({ _tag: "SubmitBundleApplication", caseNo, applicant, bundleId, materials: [] }, restaurant),
    )
    expect(failureOf(unpublished)).toMatchObject({ rejection: { _tag: "BundleNotAcceptingApplications" } })
    const withTerms = await onDay(
      storage,
      "2026-09-24",
      onCase(
        { _tag: "SubmitBundleApplication", caseNo, applicant, bundleId, materials: [], bundle: {} } as never,
        restaurant,
      ),
    )
    expect(failureOf(withTerms)).toMatchObject({ _tag: "InvalidCommand" })
    const accepted = await acceptedBundle()
    const forged = await onDay(
      accepted,
      "2026-10-09",
      onCase(
        { _tag: "RecordChildOutcome", caseNo, childCaseNo: child(1), outcome: { result: "granted" } } as never,
        system("process:forger"),
      ),
    )
    expect(failureOf(forged)).toMatchObject({ _tag: "InvalidCommand" })
    const open = await onDay(
      accepted,
      "2026-10-09",
      onCase({ _tag: "RecordChildOutcome", caseNo, childCaseNo: child(1) }, system("process:x")),
    )
    expect(failureOf(open)).toMatchObject({ rejection: { _tag: "ChildNotConcluded" } })
    const byClerk = await onDay(
      accepted,
      "2026-10-09",
      onCase({ _tag: "RecordChildOutcome", caseNo, childCaseNo: child(1) }, leadClerk),
    )
    expect(failureOf(byClerk)).toMatchObject({ _tag: "NotPermitted", reason: "role" })
    // a member's department may propose only for its own member, the lead's clerk only leads
    const foreign = await onDay(
      accepted,
      "2026-09-25",
      onCase({ _tag: "DeliverUnified", caseNo }, clerkOf(fireBrigade)),
    )
    expect(failureOf(foreign)).toMatchObject({ _tag: "NotPermitted", reason: "authority" })
  })
})
