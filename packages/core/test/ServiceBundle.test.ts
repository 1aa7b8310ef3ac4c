import { describe, expect, it } from "vitest"
import { type Decider, type PublishedMatter, ServiceBundle } from "../src/index.ts"
import { DeciderSpecification } from "../src/testing.ts"
import { authorities } from "./arbitraries/matter.ts"

const spec = DeciderSpecification.for(ServiceBundle.decider)
const bundleId = "OPEN-A-RESTAURANT"
const admin: Decider.CommandContext = {
  now: "2026-09-24T01:30:00.000Z",
  actor: { id: "admin-1", roles: ["catalogueAdmin"] },
  facts: {},
}
const clerk: Decider.CommandContext = { ...admin, actor: { id: "clerk-7", roles: ["windowClerk"] } }
const [market, district] = [authorities[1]!, authorities[2]!]

const material = (
  code: string,
  name: string,
  more: Partial<PublishedMatter.MaterialRequirement> = {},
): PublishedMatter.MaterialRequirement => ({
  code,
  name,
  mandatory: true,
  category: "core",
  originals: 0,
  copies: 1,
  deferrable: false,
  replaceableByCommitment: false,
  ...more,
})

const matter = (
  implementationCode: string,
  name: string,
  materials: ReadonlyArray<PublishedMatter.MaterialRequirement>,
  implementingAuthority = market,
): PublishedMatter.PublishedMatter => ({
  implementationCode,
  baseCode: implementationCode.split("-")[1]!,
  version: 2,
  publishedAt: "2026-09-01T02:00:00.000Z",
  kind: "01",
  name,
  legalBasis: [{ document: "《中华人民共和国行政许可法》" }],
  implementingAuthority,
  conditions: ["申请人为依法登记的市场主体", `${name}的专门条件`],
  procedure: [{ name: "受理", description: "" }],
  processingMode: "promised",
  statutoryLimitWorkingDays: 20,
  promisedLimitWorkingDays: 10,
  materials,
  scope: { subjectTypes: ["enterpriseLegalPerson"], regions: [implementingAuthority.division] },
  validity: { _tag: "NotApplicable" },
  intermediaryServices: [],
  fees: [],
  specialProcedures: [],
  extensionAllowed: false,
  ratingEnabled: true,
})

const food = matter("11430100MB1A38544B-000101001000-01", "食品经营许可", [
  material("F01", "食品经营许可申请书", { originals: 1, copies: 0 }),
  material("F02", "营业执照", { electronicLicenceType: "营业执照" }),
  material("COMMON-ID", "法定代表人身份证明", { electronicLicenceType: "居民身份证" }),
])
const signboard = matter(
  "11430102MB0F22318R-000105003000-02",
  "户外招牌设置",
  [
    material("S01", "户外招牌设置申请表", { originals: 1, copies: 0 }),
    material("S02", "营业执照复印件", { electronicLicenceType: "营业执照", copies: 2 }),
    material("COMMON-ID", "法定代表人身份证明", { mandatory: false, category: "secondary" }),
  ],
  district,
)

const elements: ServiceBundle.BundleElements = {
  name: "开办餐饮店",
  leadDepartment: market,
  members: [food, signboard],
  introduction: "一次告知、一表申请、一窗受理、一次办结",
  jointLimitWorkingDays: 15,
}

const drafted: ServiceBundle.Event = { _tag: "BundleDrafted", bundleId, elements }
const published = (version: number, content = elements): ServiceBundle.Event => ({
  _tag: "BundlePublished",
  bundleId,
  version,
  publishedAt: admin.now,
  elements: content,
  notice: ServiceBundle.mergeNotice(content.members),
})
const revisionOpened = (basedOnVersion: number): ServiceBundle.Event => ({
  _tag: "BundleRevisionOpened",
  bundleId,
  basedOnVersion,
})
const suspended: ServiceBundle.Event = { _tag: "BundleSuspended", bundleId, reason: "调整" }
const abolished: ServiceBundle.Event = { _tag: "BundleAbolished", bundleId, reason: "取消" }

const allCommands: ReadonlyArray<ServiceBundle.Command> = [
  { _tag: "DraftBundle", bundleId, elements },
  { _tag: "ReviseBundleDraft", bundleId, elements },
  { _tag: "PublishBundle", bundleId },
  { _tag: "OpenBundleRevision", bundleId },
  { _tag: "SuspendBundle", bundleId, reason: "调整" },
  { _tag: "ResumeBundle", bundleId },
  { _tag: "AbolishBundle", bundleId, reason: "取消" },
]

describe("ServiceBundle — the merged notice and material list", () => {
  it("lists a material once when members share its code or its electronic licence type, saying who needs it", () => {
    const materials = ServiceBundle.mergeMaterials([food, signboard])
    expect(materials.map((m) => [m.name, m.codes, m.electronicLicenceTypes])).toEqual([
      ["食品经营许可申请书", ["F01"], []],
      ["营业执照", ["F02", "S02"], ["营业执照"]],
      ["法定代表人身份证明", ["COMMON-ID"], ["居民身份证"]],
      ["户外招牌设置申请表", ["S01"], []],
    ])
    const licence = materials[1]!
    expect(licence.copies).toBe(2)
    expect(licence.neededBy).toEqual([
      { implementationCode: food.implementationCode, materialCode: "F02", mandatory: true, category: "core" },
      { implementationCode: signboard.implementationCode, materialCode: "S02", mandatory: true, category: "core" },
    ])
    expect(materials[2]!.mandatory).toBe(true)
    expect(ServiceBundle.mergedMaterialsUnique(materials)).toBe(true)
    expect(ServiceBundle.mergedMaterialsCoverMandatory([food, signboard], materials)).toBe(true)
    expect(ServiceBundle.mergedMaterialsAttributed([food, signboard], materials)).toBe(true)
  })

  it("joins materials transitively: a code shared with one and a licence type shared with another make one entry", () => {
    const third = matter("11430103MB1C667075-000201004000-01", "第三事项", [
      material("T01", "身份证", { electronicLicenceType: "居民身份证" }),
    ])
    const materials = ServiceBundle.mergeMaterials([food, signboard, third])
    const identity = materials.find((m) => m.codes.includes("COMMON-ID"))!
    expect(identity.codes).toEqual(["COMMON-ID", "T01"])
    expect(identity.neededBy.map((n) => n.implementationCode)).toEqual([
      food.implementationCode,
      signboard.implementationCode,
      third.implementationCode,
    ])
  })

  it("the invariants catch a list with duplicates, a missing mandatory material and a need no member has", () => {
    const materials = ServiceBundle.mergeMaterials([food, signboard])
    expect(ServiceBundle.mergedMaterialsUnique([...materials, materials[0]!])).toBe(false)
    expect(ServiceBundle.mergedMaterialsCoverMandatory([food, signboard], materials.slice(1))).toBe(false)
    const stray = { ...materials[0]!, neededBy: [{ ...materials[0]!.neededBy[0]!, materialCode: "NOPE" }] }
    expect(ServiceBundle.mergedMaterialsAttributed([food, signboard], [stray, ...materials.slice(1)])).toBe(false)
  })

  it("merges conditions once each and lists members, fees and limits in the notice", () => {
    const notice = ServiceBundle.mergeNotice([food, signboard])
    expect(notice.conditions[0]).toEqual({
      text: "申请人为依法登记的市场主体",
      members: [food.implementationCode, signboard.implementationCode],
    })
    expect(notice.conditions).toHaveLength(3)
    expect(notice.members.map((m) => [m.name, m.version])).toEqual([
      ["食品经营许可", 2],
      ["户外招牌设置", 2],
    ])
  })
})

describe("ServiceBundle — DraftBundle and ReviseBundleDraft", () => {
  it("starts a bundle", () => {
    spec.given([]).when({ _tag: "DraftBundle", bundleId, elements }, admin).thenEmits([drafted])
  })

  it("rejects a second draft", () => {
    spec
      .given([drafted])
      .when({ _tag: "DraftBundle", bundleId, elements }, admin)
      .thenRejects({ _tag: "BundleAlreadyExists", bundleId })
  })

  const broken: ReadonlyArray<readonly [string, ServiceBundle.BundleElements, ServiceBundle.ElementsRejection]> = [
    [
      "membersUnique",
      { ...elements, members: [food, signboard, { ...food, version: 3 }] },
      { _tag: "DuplicateMembers", implementationCodes: [food.implementationCode] },
    ],
    [
      "jointLimitWithinCap",
      { ...elements, jointLimitWorkingDays: 46 },
      { _tag: "JointLimitAboveCap", jointLimit: 46, cap: 45 },
    ],
    [
      "extensionWithinCap",
      { ...elements, extension: { workingDays: 16, approvedBy: "长沙市人民政府" } },
      { _tag: "ExtensionAboveCap", extension: 16, cap: 15 },
    ],
    [
      "crossToleranceOnlySecondary",
      {
        ...elements,
        crossTolerance: [
          {
            implementationCode: signboard.implementationCode,
            materialCodes: ["COMMON-ID", "S01"],
            supplementDeadlineWorkingDays: 5,
            onDeadlineMissed: "terminate",
          },
        ],
      },
      { _tag: "ToleranceNotAllowed", implementationCode: signboard.implementationCode, codes: ["S01"] },
    ],
  ]

  it("covers every rule", () => {
    expect(broken.map(([name]) => name)).toEqual(ServiceBundle.bundleRules.map((rule) => rule.invariant))
  })

  for (const [invariant, content, rejection] of broken) {
    it(`${invariant}: ${rejection._tag}`, () => {
      spec.given([]).when({ _tag: "DraftBundle", bundleId, elements: content }, admin).thenRejects(rejection)
      spec
        .given([drafted])
        .when({ _tag: "ReviseBundleDraft", bundleId, elements: content }, admin)
        .thenRejects(rejection)
    })
  }

  it("takes cross-department tolerance of a member's secondary material within its promised limit, and refuses one beyond it or for a non-member", () => {
    const tolerance = {
      implementationCode: signboard.implementationCode,
      materialCodes: ["COMMON-ID"] as const,
      supplementDeadlineWorkingDays: 5,
      onDeadlineMissed: "terminate" as const,
    }
    const tolerant = { ...elements, crossTolerance: [tolerance] }
    spec
      .given([drafted])
      .when({ _tag: "ReviseBundleDraft", bundleId, elements: tolerant }, admin)
      .thenEmits([{ _tag: "BundleDraftRevised", bundleId, elements: tolerant }])
    for (const wrong of [
      { ...tolerance, supplementDeadlineWorkingDays: 11 },
      { ...tolerance, implementationCode: "11430100MB1A38544B-000999001000-01" },
    ]) {
      spec
        .given([drafted])
        .when({ _tag: "ReviseBundleDraft", bundleId, elements: { ...elements, crossTolerance: [wrong] } }, admin)
        .thenRejects({ _tag: "ToleranceNotAllowed", implementationCode: wrong.implementationCode, codes: [] })
    }
  })

  it("accepts 45 working days plus an approved extension of 15", () => {
    const longest = {
      ...elements,
      jointLimitWorkingDays: 45,
      extension: { workingDays: 15, approvedBy: "长沙市人民政府" },
    }
    spec
      .given([drafted])
      .when({ _tag: "ReviseBundleDraft", bundleId, elements: longest }, admin)
      .thenEmits([{ _tag: "BundleDraftRevised", bundleId, elements: longest }])
  })

  it("rejects revising a published version without a revision", () => {
    spec
      .given([drafted, published(1)])
      .when({ _tag: "ReviseBundleDraft", bundleId, elements }, admin)
      .thenRejects({ _tag: "PublishedVersionImmutable", bundleId, version: 1 })
  })
})

describe("ServiceBundle — PublishBundle and OpenBundleRevision", () => {
  it("publishes version 1 with the merged notice", () => {
    spec
      .given([drafted])
      .when({ _tag: "PublishBundle", bundleId }, admin)
      .thenAccepts((events, state) => {
        expect(events).toEqual([published(1)])
        expect(ServiceBundle.publishedVersion(state)?.notice.materials).toHaveLength(4)
        expect(ServiceBundle.acceptsApplications(state)).toBe(true)
      })
  })

  it("publishes a revision as version 2 and keeps version 1 unchanged", () => {
    const revised = { ...elements, members: [food], introduction: "x" }
    const withThird = { ...elements, jointLimitWorkingDays: 20 }
    spec
      .given([drafted, published(1), revisionOpened(1), { _tag: "BundleDraftRevised", bundleId, elements: withThird }])
      .when({ _tag: "PublishBundle", bundleId }, admin)
      .thenAccepts((_, state) => {
        expect(ServiceBundle.publishedVersion(state)?.jointLimitWorkingDays).toBe(20)
        expect(ServiceBundle.publishedVersion(state, 1)?.jointLimitWorkingDays).toBe(15)
      })
    expect(ServiceBundle.missingElements(revised)).toEqual(["members"])
  })

  it("rejects an incomplete draft, listing what is missing", () => {
    spec
      .given([
        { _tag: "BundleDrafted", bundleId, elements: { ...elements, name: "", members: [food], introduction: " " } },
      ])
      .when({ _tag: "PublishBundle", bundleId }, admin)
      .thenRejects({ _tag: "DraftIncomplete", missing: ["name", "members", "introduction"] })
  })

  it("rejects publishing without an open draft", () => {
    spec
      .given([drafted, published(1)])
      .when({ _tag: "PublishBundle", bundleId }, admin)
      .thenRejects({ _tag: "NoOpenDraft", bundleId })
  })

  it("opens a revision from the latest version", () => {
    spec
      .given([drafted, published(1)])
      .when({ _tag: "OpenBundleRevision", bundleId }, admin)
      .thenAccepts((events, state) => {
        expect(events).toEqual([revisionOpened(1)])
        expect(state.draft).toEqual(elements)
      })
  })

  it("rejects a second revision and a revision of a bundle never published", () => {
    spec
      .given([drafted, published(1), revisionOpened(1)])
      .when({ _tag: "OpenBundleRevision", bundleId }, admin)
      .thenRejects({ _tag: "RevisionAlreadyOpen", bundleId, basedOnVersion: 1 })
    spec
      .given([drafted])
      .when({ _tag: "OpenBundleRevision", bundleId }, admin)
      .thenRejects({ _tag: "NotYetPublished", bundleId })
  })
})

describe("ServiceBundle — SuspendBundle, ResumeBundle, AbolishBundle", () => {
  it("suspends and resumes", () => {
    spec
      .given([drafted, published(1)])
      .when({ _tag: "SuspendBundle", bundleId, reason: "调整" }, admin)
      .thenAccepts((events, state) => {
        expect(events).toEqual([suspended])
        expect(ServiceBundle.acceptsApplications(state)).toBe(false)
      })
    spec
      .given([drafted, published(1), suspended])
      .when({ _tag: "ResumeBundle", bundleId }, admin)
      .thenEmits([{ _tag: "BundleResumed", bundleId }])
  })

  it("rejects suspending twice, suspending a draft, and resuming what is not suspended", () => {
    spec
      .given([drafted, published(1), suspended])
      .when({ _tag: "SuspendBundle", bundleId, reason: "x" }, admin)
      .thenRejects({ _tag: "AlreadySuspended", bundleId })
    spec
      .given([drafted])
      .when({ _tag: "SuspendBundle", bundleId, reason: "x" }, admin)
      .thenRejects({ _tag: "NotYetPublished", bundleId })
    spec
      .given([drafted, published(1)])
      .when({ _tag: "ResumeBundle", bundleId }, admin)
      .thenRejects({ _tag: "NotSuspended", bundleId })
  })

  it("abolishes, discarding an open draft", () => {
    spec
      .given([drafted, published(1), revisionOpened(1)])
      .when({ _tag: "AbolishBundle", bundleId, reason: "取消" }, admin)
      .thenAccepts((events, state) => {
        expect(events).toEqual([abolished])
        expect(state.draft).toBeNull()
      })
  })

  for (const command of allCommands) {
    it(`rejects ${command._tag} on an abolished bundle`, () => {
      spec.given([drafted, abolished]).when(command, admin).thenRejects({ _tag: "BundleAlreadyAbolished", bundleId })
    })
    it(`${command._tag} requires a catalogue administrator`, () => {
      spec
        .given([drafted])
        .when(command, clerk)
        .thenRejects({ _tag: "NotAuthorized", actorId: "clerk-7", required: ["catalogueAdmin"] })
    })
    it(`${command._tag} must name the bundle of the stream`, () => {
      spec
        .given([drafted])
        .when({ ...command, bundleId: "ANOTHER" }, admin)
        .thenRejects({ _tag: "WrongBundle", expected: bundleId, received: "ANOTHER" })
    })
    if (command._tag !== "DraftBundle") {
      it(`${command._tag} on a bundle that does not exist is rejected`, () => {
        spec.given([]).when(command, admin).thenRejects({ _tag: "UnknownBundle", bundleId })
      })
    }
  }

  it("names the stream bundle-<id>", () => {
    expect(ServiceBundle.streamName(bundleId)).toBe("bundle-OPEN-A-RESTAURANT")
  })
})
