/**
 * What the runtime looks up for a bundle case at submission, and what the children inherit:
 *
 * - electronic licences (电子证照): a material a member marks as satisfied by a licence of this
 *   system is satisfied by the applicant's licence valid on the day, looked up by the runtime (never
 *   from the command); the bundle case records which licence and which version; each child inherits
 *   the reliance and never asks for the material, even when the licence is revoked before the
 *   fan-out; a new bundle application no longer finds a revoked licence;
 * - a member delegated on the day (下放): its child is judged by the delegate, and the bundle takes
 *   the delegate's outcome.
 */
import type { Application, BundleApplication, Matter, PublishedMatter } from "@yiciban/core"
import { Effect } from "effect"
import { describe, expect, it } from "vitest"
import {
  Aggregates,
  BundleApplications,
  BundleProcesses,
  CommandHandler,
  ProcessManager,
  ProcessManagers,
  Projection,
  RuntimeStore,
} from "../src/index.ts"
import {
  adminOf,
  clerkOf,
  company,
  companyCode,
  fire,
  fireCode,
  food,
  foodCode,
  sign,
  signCode,
} from "./bundleFixtures.ts"
import { applicant, approver, cityBureau, clerk, districtBureau, restaurant } from "./fixtures.ts"
import { failureOf, onDay, successOf } from "./support.ts"

/** The business licence (营业执照), issued from a company registration (base code 000201001000). */
const businessLicence: PublishedMatter.MaterialRequirement = {
  code: "YYZZ",
  name: "营业执照",
  mandatory: true,
  category: "core",
  originals: 0,
  copies: 1,
  licenceBaseCode: "000201001000",
  deferrable: false,
  replaceableByCommitment: false,
}
const needsLicence = (terms: PublishedMatter.MatterElements): PublishedMatter.MatterElements => ({
  ...terms,
  materials: [...terms.materials, businessLicence],
})
/** Three members (food licence, fire inspection, shop sign), each needing the business licence. */
const members = [
  [foodCode, needsLicence(food)],
  [fireCode, needsLicence(fire)],
  [signCode, needsLicence(sign)],
] as const
const bundleId = "CS-KBCYD-2"
const paper = (...codes: ReadonlyArray<string>) => codes.map((code) => ({ code, form: "paper" as const }))
const fanOut = BundleProcesses.bundleFanOut()

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

/** The catalogue, and the restaurant's business licence Q-1 (YYZZ-0001) granted and issued in an earlier case. */
const licensed = async () => {
  const storage = RuntimeStore.makeMemoryStorage()
  successOf(
    await onDay(
      storage,
      "2026-09-01",
      Effect.gen(function* () {
        yield* publish(companyCode, company)
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
  const onQ1 = (command: Aggregates.ApplicationRequest, actor = clerk) =>
    CommandHandler.handle(Aggregates.application, "Q-1", command, actor)
  successOf(
    await onDay(
      storage,
      "2026-09-02",
      onQ1(
        {
          _tag: "SubmitApplication",
          caseNo: "Q-1",
          applicant,
          matterCode: companyCode,
          materials: paper("QY01", "SFZ", "ZS", "QY04"),
        },
        restaurant,
      ),
    ),
  )
  successOf(await onDay(storage, "2026-09-02", onQ1({ _tag: "AcceptApplication", caseNo: "Q-1" })))
  successOf(await onDay(storage, "2026-09-03", onQ1({ _tag: "GrantApplication", caseNo: "Q-1" }, approver)))
  successOf(
    await onDay(storage, "2026-09-04", onQ1({ _tag: "IssueCertificate", caseNo: "Q-1", certificateNo: "YYZZ-0001" })),
  )
  const toLicence = ProcessManager.asProjection(ProcessManagers.caseToLicence(), Aggregates.all, () => Effect.void)
  successOf(await onDay(storage, "2026-09-04", Projection.catchUp(toLicence)))
  return storage
}

const submitBundle = (caseNo: string, materials: ReadonlyArray<Application.SubmittedMaterial>) =>
  CommandHandler.handle(
    Aggregates.bundleApplication,
    caseNo,
    { _tag: "SubmitBundleApplication", caseNo, applicant, bundleId, materials },
    restaurant,
  )

const revoke = CommandHandler.handle(
  Aggregates.licence,
  "Q-1",
  {
    _tag: "RevokeLicence",
    licenceId: "Q-1",
    ground: {
      _tag: "AuthorityError",
      ground: "procedureViolated",
      compensation: { _tag: "NoHarm", reason: "未造成损失" },
    },
    reasons: "审查程序违法",
    publicInterest: { seriousHarm: false, assessment: "不损害公共利益" },
  },
  approver,
)

const ordinaryAll = (caseNo: string) =>
  CommandHandler.handle(
    Aggregates.bundleApplication,
    caseNo,
    {
      _tag: "AcceptBundle",
      caseNo,
      members: members.map(([code]) => ({ implementationCode: code, acceptance: { _tag: "Ordinary" as const } })),
    },
    clerkOf(cityBureau),
  )

const firstEvent = <E>(storage: RuntimeStore.MemoryStorage, stream: string) =>
  storage.events.streams.get(stream)![0]!.data as E

const runFanOut = async (storage: RuntimeStore.MemoryStorage, day: string) => {
  const refused: Array<unknown> = []
  const projection = ProcessManager.asProjection(fanOut, Aggregates.all, (followUp, error) =>
    Effect.sync(() => void refused.push({ followUp, error })),
  )
  successOf(await onDay(storage, day, Projection.catchUp(projection)))
  return refused
}

describe("电子证照 in a bundle — a licence on file spares the applicant a material for every member", () => {
  it("is looked up by the runtime, recorded with its version, inherited by every child even after a revocation, and not found by a new application", async () => {
    const storage = await licensed()
    // the applicant names a licence number of its own: the runtime's look-up decides which licence it is
    const submitted = successOf(
      await onDay(
        storage,
        "2026-10-12",
        submitBundle("YJS-L1", [
          ...paper("SP01", "SP-SFZ", "ZS", "SP03", "XF01", "XF03", "ZP01", "ZP02"),
          { code: "YYZZ", form: "electronicLicence", licenceNo: "FORGED-9" },
        ]),
      ),
    )
    const reliance = {
      materialCode: "YYZZ",
      licenceId: "Q-1",
      licenceNo: "YYZZ-0001",
      baseCode: "000201001000",
      version: 1,
      validOn: "2026-10-12",
    }
    expect(submitted.events[0]).toMatchObject({
      _tag: "BundleApplicationSubmitted",
      licencesReliedOn: [reliance],
    })
    expect(submitted.state.handedOver).toContainEqual({
      code: "YYZZ",
      form: "electronicLicence",
      licenceNo: "YYZZ-0001",
    })
    // the licence is revoked before the lead window accepts: the case keeps what it relied on
    successOf(await onDay(storage, "2026-10-13", revoke))
    // nothing is outstanding for any member: the business licence is on file for all three
    const accepted = successOf(await onDay(storage, "2026-10-14", ordinaryAll("YJS-L1")))
    const children = (accepted.events[0] as BundleApplication.BundleAccepted).children
    expect(children.map((c) => c.licencesReliedOn)).toEqual([[reliance], [reliance], [reliance]])
    // every child is opened with the reliance its bundle recorded, not a new look-up, and accepted without the paper
    expect(await runFanOut(storage, "2026-10-14")).toEqual([])
    for (const child of children) {
      const opened = firstEvent<Application.ApplicationSubmitted>(storage, `application-${child.caseNo}`)
      expect(opened.licencesReliedOn).toEqual([reliance])
      expect(opened.materials).toContainEqual({ code: "YYZZ", form: "electronicLicence", licenceNo: "YYZZ-0001" })
      expect(storage.events.streams.get(`application-${child.caseNo}`)!.map((e) => e.type)).toContain(
        "ApplicationAccepted",
      )
    }
    // a new bundle application no longer finds the revoked licence: the material is to be handed over ...
    const plain = successOf(await onDay(storage, "2026-10-15", submitBundle("YJS-L2", paper("SP01", "ZS"))))
    expect(plain.events[0]).not.toHaveProperty("licencesReliedOn")
    expect(plain.state.handedOver.map((m) => m.code)).toEqual(["SP01", "ZS"])
    // ... and asking for it to be used is refused, naming the material, with nothing written
    const asked = failureOf(
      await onDay(
        storage,
        "2026-10-15",
        submitBundle("YJS-L3", [{ code: "YYZZ", form: "electronicLicence", licenceNo: "YYZZ-0001" }]),
      ),
    )
    expect(asked).toMatchObject({
      _tag: "CommandRejected",
      rejection: { _tag: "LicenceRelianceInvalid", problem: "noValidLicence", codes: ["YYZZ"] },
    })
    expect(storage.events.streams.has("bundlecase-YJS-L3")).toBe(false)
  })

  it("refuses a reliance brought in the command body, and the decider refuses a licence the runtime did not look up", async () => {
    const storage = await licensed()
    const forged = failureOf(
      await onDay(
        storage,
        "2026-10-12",
        CommandHandler.handle(
          Aggregates.bundleApplication,
          "YJS-L4",
          {
            _tag: "SubmitBundleApplication",
            caseNo: "YJS-L4",
            applicant,
            bundleId,
            materials: paper("SP01"),
            licencesReliedOn: [{ ...{ materialCode: "YYZZ", licenceId: "Q-9", licenceNo: "FAKE" } }],
          } as never,
          restaurant,
        ),
      ),
    )
    expect(forged).toMatchObject({ _tag: "InvalidCommand" })
    expect(storage.events.streams.has("bundlecase-YJS-L4")).toBe(false)
  })
})

describe("a member delegated on the day of submission (下放)", () => {
  it("has its child judged by the delegate, and the bundle takes the delegate's outcome", async () => {
    const storage = await licensed()
    // the food licence is delegated down to the district bureau from 2026-10-01
    successOf(
      await onDay(
        storage,
        "2026-09-20",
        CommandHandler.handle(
          Aggregates.matter,
          foodCode,
          {
            _tag: "DelegateMatter",
            implementationCode: foodCode,
            kind: "delegateDown",
            to: districtBureau,
            effectiveFrom: "2026-10-01",
            basis: "长政发〔2026〕1号",
          } as Matter.Command,
          adminOf(cityBureau),
        ),
      ),
    )
    const submitted = successOf(
      await onDay(
        storage,
        "2026-10-12",
        submitBundle("YJS-D1", paper("SP01", "SP-SFZ", "ZS", "SP03", "XF01", "XF03", "ZP01", "ZP02")),
      ),
    )
    expect(submitted.events[0]).toMatchObject({
      delegations: [{ implementationCode: foodCode, authority: districtBureau }],
    })
    const accepted = successOf(await onDay(storage, "2026-10-13", ordinaryAll("YJS-D1")))
    const children = (accepted.events[0] as BundleApplication.BundleAccepted).children
    expect(children.map((c) => c.authority.creditCode)).toEqual([
      districtBureau.creditCode,
      fire.implementingAuthority.creditCode,
      sign.implementingAuthority.creditCode,
    ])
    expect(await runFanOut(storage, "2026-10-13")).toEqual([])
    const foodChild = children[0]!.caseNo
    expect(firstEvent<Application.ApplicationSubmitted>(storage, `application-${foodChild}`).authority).toEqual(
      districtBureau,
    )
    // the city bureau's approver may no longer decide it; the district's does
    const districtApprover = {
      ...approver,
      id: "approver-district",
      authority: districtBureau.creditCode,
      region: "430102",
    }
    const deny = {
      _tag: "DenyApplication" as const,
      caseNo: foodChild,
      reasons: "经营场所与污染源距离不符合要求",
      remedies: {
        administrativeReview: "六十日内向长沙市芙蓉区人民政府申请行政复议",
        litigation: "六个月内向长沙市芙蓉区人民法院提起行政诉讼",
      },
    }
    const wrong = failureOf(
      await onDay(storage, "2026-10-14", CommandHandler.handle(Aggregates.application, foodChild, deny, approver)),
    )
    expect(wrong).toMatchObject({ _tag: "NotPermitted" })
    successOf(
      await onDay(
        storage,
        "2026-10-14",
        CommandHandler.handle(Aggregates.application, foodChild, deny, districtApprover),
      ),
    )
    const fanIn = ProcessManager.asProjection(BundleProcesses.bundleFanIn(), Aggregates.all, (followUp, error) =>
      Effect.die({ followUp, error }),
    )
    successOf(await onDay(storage, "2026-10-14", Projection.catchUp(fanIn)))
    const bundleCase = storage.events.streams.get("bundlecase-YJS-D1")!
    expect(bundleCase.at(-1)!.data).toMatchObject({
      _tag: "ChildConcluded",
      childCaseNo: foodChild,
      outcome: { result: "denied", decidedBy: districtBureau.creditCode },
    })
  })
})
