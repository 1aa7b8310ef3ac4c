import { describe, expect, it } from "vitest"
import { CalendarDate, Decider, Matter, type PublishedMatter } from "../src/index.ts"
import { DeciderSpecification } from "../src/testing.ts"
import { authorities } from "./arbitraries/matter.ts"

const spec = DeciderSpecification.for(Matter.decider)
const code = "11430100MB1A38544B-000101001000-01"
const baseCode = "000101001000"
const admin: Decider.CommandContext = {
  now: "2026-09-24T01:30:00.000Z",
  actor: { id: "admin-1", roles: ["catalogueAdmin"] },
  facts: {},
}
const clerk: Decider.CommandContext = { ...admin, actor: { id: "clerk-7", roles: ["windowClerk"] } }
const date = CalendarDate.make
const [province, city, district] = [authorities[0]!, authorities[1]!, authorities[2]!]

const elements: PublishedMatter.MatterElements = {
  kind: "01",
  name: "食品经营许可",
  legalBasis: [{ document: "《中华人民共和国食品安全法》", provision: "第三十五条" }],
  implementingAuthority: city,
  conditions: ["具有与经营的食品品种、数量相适应的经营场所"],
  procedure: [
    { name: "受理", description: "窗口受理" },
    { name: "审查", description: "材料审查与现场核查" },
    { name: "决定", description: "作出许可决定" },
  ],
  processingMode: "promised",
  statutoryLimitWorkingDays: 20,
  promisedLimitWorkingDays: 10,
  materials: [
    {
      code: "M01",
      name: "食品经营许可申请书",
      mandatory: true,
      category: "core",
      originals: 1,
      copies: 0,
      deferrable: false,
      replaceableByCommitment: false,
    },
    {
      code: "M02",
      name: "营业执照",
      mandatory: true,
      category: "core",
      originals: 0,
      copies: 1,
      electronicLicenceType: "营业执照",
      deferrable: false,
      replaceableByCommitment: false,
    },
    {
      code: "M03",
      name: "从业人员健康证明",
      mandatory: true,
      category: "secondary",
      originals: 0,
      copies: 1,
      deferrable: true,
      replaceableByCommitment: true,
    },
  ],
  scope: { subjectTypes: ["enterpriseLegalPerson"], regions: [city.division] },
  validity: { _tag: "Fixed", amount: 5, unit: "years" },
  intermediaryServices: [],
  fees: [],
  specialProcedures: ["inspection"],
  extensionAllowed: true,
  tolerantAcceptance: {
    deferrableMaterialCodes: ["M03"],
    supplementDeadlineWorkingDays: 5,
    resultBeforeSupplement: false,
    onDeadlineMissed: "terminate",
  },
  commitment: {
    enabled: true,
    notice: {
      proofObligation: "申请人应当提交从业人员健康证明",
      proofContent: "从业人员持有有效健康证明",
      mannerOfCommitment: "书面承诺",
      liabilityForFalseCommitment: "撤销许可并记入信用记录",
      verificationPower: "许可机关可现场核查",
    },
    replacedMaterialCodes: ["M03"],
    replacedConditions: [],
    verification: { _tag: "Required", periodWorkingDays: 20, methods: ["onSite"] },
    barredCategories: [],
    businessLicenceVariants: ["meetsNow", "willMeetBy"],
  },
  ratingEnabled: true,
}

const drafted: Matter.Event = { _tag: "MatterDrafted", implementationCode: code, baseCode, elements }
const published = (version: number, at = admin.now, content = elements): Matter.Event => ({
  _tag: "MatterPublished",
  implementationCode: code,
  version,
  publishedAt: at,
  elements: content,
})
const revisionOpened = (basedOnVersion: number): Matter.Event => ({
  _tag: "RevisionOpened",
  implementationCode: code,
  basedOnVersion,
})
const suspended: Matter.Event = { _tag: "MatterSuspended", implementationCode: code, reason: "系统升级" }
const abolished: Matter.Event = { _tag: "MatterAbolished", implementationCode: code, reason: "国发〔2026〕1号取消" }
const delegate = (to: PublishedMatter.ImplementingAuthority, effectiveFrom: string): Matter.DelegateMatter => ({
  _tag: "DelegateMatter",
  implementationCode: code,
  kind: "delegateDown",
  to,
  effectiveFrom: date(effectiveFrom),
  basis: "湘政发〔2026〕5号",
})

const allCommands: ReadonlyArray<Matter.Command> = [
  { _tag: "DraftMatter", implementationCode: code, baseCode, elements },
  { _tag: "ReviseDraft", implementationCode: code, elements },
  { _tag: "PublishDraft", implementationCode: code },
  { _tag: "OpenRevision", implementationCode: code },
  { _tag: "SuspendMatter", implementationCode: code, reason: "暂停" },
  { _tag: "ResumeMatter", implementationCode: code },
  { _tag: "AbolishMatter", implementationCode: code, reason: "取消" },
  delegate(district, "2026-10-01"),
]

describe("Matter — DraftMatter", () => {
  it("starts a matter with its first draft", () => {
    spec
      .given([])
      .when({ _tag: "DraftMatter", implementationCode: code, baseCode, elements }, admin)
      .thenEmits([drafted])
  })

  it("accepts an incomplete draft (completeness is checked when publishing)", () => {
    spec
      .given([])
      .when(
        { _tag: "DraftMatter", implementationCode: code, baseCode, elements: { ...elements, conditions: [] } },
        admin,
      )
      .thenAccepts((_, state) => expect(state.phase).toBe("drafted"))
  })

  it("rejects a second draft of the same matter", () => {
    spec
      .given([drafted])
      .when({ _tag: "DraftMatter", implementationCode: code, baseCode, elements }, admin)
      .thenRejects({ _tag: "MatterAlreadyExists", implementationCode: code })
  })

  it("rejects an actor who is not a catalogue administrator", () => {
    spec
      .given([])
      .when({ _tag: "DraftMatter", implementationCode: code, baseCode, elements }, clerk)
      .thenRejects({ _tag: "NotAuthorized", actorId: "clerk-7", required: ["catalogueAdmin"] })
  })
})

describe("Matter — the rules over elements (one rejection per rule)", () => {
  const [m1, m2, m3] = elements.materials as [
    PublishedMatter.MaterialRequirement,
    PublishedMatter.MaterialRequirement,
    PublishedMatter.MaterialRequirement,
  ]
  const tolerant = elements.tolerantAcceptance!
  const commitment = elements.commitment!
  const immediate: PublishedMatter.MatterElements = {
    ...elements,
    processingMode: "immediate",
    statutoryLimitWorkingDays: 0,
    promisedLimitWorkingDays: 0,
    specialProcedures: [],
    extensionAllowed: false,
  }
  const { tolerantAcceptance: _t, ...immediateWithoutTolerance } = immediate
  const immediateBase = { ...immediateWithoutTolerance, materials: [m1, m2, { ...m3, deferrable: false }] }
  const cases: ReadonlyArray<readonly [string, PublishedMatter.MatterElements, Matter.ElementsRejection]> = [
    [
      "materialCodesUnique",
      { ...elements, materials: [m1, m2, m3, { ...m2, name: "营业执照副本" }] },
      { _tag: "DuplicateMaterialCodes", codes: ["M02"] },
    ],
    [
      "immediateHasNoLimits",
      { ...immediateBase, statutoryLimitWorkingDays: 1 },
      { _tag: "ImmediateMatterWithLimits", statutory: 1, promised: 0 },
    ],
    [
      "promisedHasLimit",
      {
        ...elements,
        promisedLimitWorkingDays: 0,
        tolerantAcceptance: { ...tolerant, supplementDeadlineWorkingDays: 1 },
      },
      { _tag: "PromisedMatterWithoutLimit", statutory: 20 },
    ],
    [
      "promisedWithinStatutory",
      { ...elements, promisedLimitWorkingDays: 25 },
      { _tag: "PromisedLimitAboveStatutory", promised: 25, statutory: 20 },
    ],
    [
      "immediateHasNoSpecialProcedures",
      { ...immediateBase, specialProcedures: ["hearing"] },
      { _tag: "ImmediateMatterWithSpecialProcedures", specialProcedures: ["hearing"] },
    ],
    ["immediateHasNoExtension", { ...immediateBase, extensionAllowed: true }, { _tag: "ImmediateMatterWithExtension" }],
    [
      "specialProceduresUnique",
      { ...elements, specialProcedures: ["inspection", "testing", "inspection"] },
      { _tag: "DuplicateSpecialProcedures", duplicates: ["inspection"] },
    ],
    [
      "coreMaterialsNotDeferrable",
      { ...elements, materials: [{ ...m1, deferrable: true }, m2, m3] },
      { _tag: "CoreMaterialDeferrable", codes: ["M01"] },
    ],
    [
      "deferrableAreSecondaryMaterials",
      { ...elements, tolerantAcceptance: { ...tolerant, deferrableMaterialCodes: ["M03", "M02", "M09"] } },
      { _tag: "DeferrableMaterialNotSecondary", codes: ["M02", "M09"] },
    ],
    [
      "deferrableFlagsMatchSettings",
      { ...elements, tolerantAcceptance: { ...tolerant, deferrableMaterialCodes: [] } },
      { _tag: "DeferrableFlagsDisagree", flaggedNotListed: ["M03"], listedNotFlagged: [] },
    ],
    [
      "supplementDeadlineWithinPromised",
      { ...elements, tolerantAcceptance: { ...tolerant, supplementDeadlineWorkingDays: 11 } },
      { _tag: "SupplementDeadlineBeyondPromised", supplementDeadline: 11, promised: 10 },
    ],
    [
      "commitmentNotBarred",
      { ...elements, commitment: { ...commitment, barredCategories: ["personalHealth", "publicSafety"] } },
      { _tag: "CommitmentOnBarredCategory", categories: ["personalHealth", "publicSafety"] },
    ],
    [
      "commitmentHasNotice",
      {
        ...elements,
        commitment: { ...commitment, notice: { ...commitment.notice!, proofContent: " ", verificationPower: "" } },
      },
      { _tag: "CommitmentWithoutNotice", missing: ["proofContent", "verificationPower"] },
    ],
    [
      "commitmentReplacesKnownMaterials",
      { ...elements, commitment: { ...commitment, replacedMaterialCodes: ["M03", "M07"] } },
      { _tag: "CommitmentReplacesUnknownMaterial", codes: ["M07"] },
    ],
    [
      "commitmentFlagsMatchSettings",
      { ...elements, materials: [m1, { ...m2, replaceableByCommitment: true }, m3] },
      { _tag: "CommitmentFlagsDisagree", flaggedNotListed: ["M02"], listedNotFlagged: [] },
    ],
  ]

  it("the fixture itself breaks no rule", () => {
    expect(Matter.violations(elements)).toEqual([])
    expect(Matter.violations(immediateBase)).toEqual([])
  })

  it("covers every rule", () => {
    expect(cases.map(([name]) => name)).toEqual(Matter.elementRules.map((rule) => rule.invariant))
  })

  for (const [invariant, broken, rejection] of cases) {
    it(`${invariant}: ${rejection._tag} when drafting and when revising`, () => {
      const rule = Matter.elementRules.find((r) => r.invariant === invariant)!
      expect(rule.holds(broken)).toBe(false)
      expect(Matter.violations(broken)[0]).toEqual(rejection)
      spec
        .given([])
        .when({ _tag: "DraftMatter", implementationCode: code, baseCode, elements: broken }, admin)
        .thenRejects(rejection)
      spec
        .given([drafted])
        .when({ _tag: "ReviseDraft", implementationCode: code, elements: broken }, admin)
        .thenRejects(rejection)
      spec
        .given([drafted, published(1), revisionOpened(1)])
        .when({ _tag: "ReviseDraft", implementationCode: code, elements: broken }, admin)
        .thenRejects(rejection)
    })
  }

  it("a commitment that is not enabled may touch a barred category and leave the notice out", () => {
    const { notice: _n, ...withoutNotice } = commitment
    const off = {
      ...elements,
      commitment: { ...withoutNotice, enabled: false, barredCategories: ["personalHealth" as const] },
    }
    expect(Matter.violations(off)).toEqual([])
  })

  it("an enabled commitment without any notice misses all five items", () => {
    const { notice: _n, ...withoutNotice } = commitment
    expect(Matter.missingNoticeItems({ ...elements, commitment: withoutNotice })).toEqual([
      "proofObligation",
      "proofContent",
      "mannerOfCommitment",
      "liabilityForFalseCommitment",
      "verificationPower",
    ])
  })
})

describe("Matter — ReviseDraft", () => {
  const revised = { ...elements, promisedLimitWorkingDays: 8 }

  it("replaces the first draft", () => {
    spec
      .given([drafted])
      .when({ _tag: "ReviseDraft", implementationCode: code, elements: revised }, admin)
      .thenEmits([{ _tag: "DraftRevised", implementationCode: code, elements: revised }])
  })

  it("replaces an open revision", () => {
    spec
      .given([drafted, published(1), revisionOpened(1)])
      .when({ _tag: "ReviseDraft", implementationCode: code, elements: revised }, admin)
      .thenAccepts((_, state) => {
        expect(state.draft).toEqual(revised)
        expect(Matter.publishedTerms(state, 1)?.promisedLimitWorkingDays).toBe(10)
      })
  })

  it("rejects changing a published version when no revision is open", () => {
    spec
      .given([drafted, published(1)])
      .when({ _tag: "ReviseDraft", implementationCode: code, elements: revised }, admin)
      .thenRejects({ _tag: "PublishedVersionImmutable", implementationCode: code, version: 1 })
  })

  it("rejects a matter that does not exist", () => {
    spec
      .given([])
      .when({ _tag: "ReviseDraft", implementationCode: code, elements }, admin)
      .thenRejects({ _tag: "UnknownMatter", implementationCode: code })
  })
})

describe("Matter — PublishDraft", () => {
  it("publishes the first draft as version 1", () => {
    spec
      .given([drafted])
      .when({ _tag: "PublishDraft", implementationCode: code }, admin)
      .thenEmits([published(1)])
  })

  it("publishes a revision as the next version and keeps the earlier one readable, unchanged", () => {
    const later = { ...admin, now: "2026-11-02T02:00:00.000Z" }
    const revised = { ...elements, promisedLimitWorkingDays: 7 }
    spec
      .given([
        drafted,
        published(1),
        revisionOpened(1),
        { _tag: "DraftRevised", implementationCode: code, elements: revised },
      ])
      .when({ _tag: "PublishDraft", implementationCode: code }, later)
      .thenAccepts((events, state) => {
        expect(events).toEqual([published(2, later.now, revised)])
        expect(Matter.publishedTerms(state)?.version).toBe(2)
        expect(Matter.publishedTerms(state)?.promisedLimitWorkingDays).toBe(7)
        expect(Matter.publishedTerms(state, 1)).toEqual({
          implementationCode: code,
          baseCode,
          version: 1,
          publishedAt: admin.now,
          ...elements,
        })
        expect(Matter.publishedTerms(state, 3)).toBeUndefined()
        expect(state.draft).toBeNull()
      })
  })

  it("rejects an incomplete draft and lists everything that is missing", () => {
    const incomplete = { ...elements, name: " ", legalBasis: [], scope: { subjectTypes: [], regions: [] } }
    spec
      .given([{ ...drafted, elements: incomplete } as Matter.Event])
      .when({ _tag: "PublishDraft", implementationCode: code }, admin)
      .thenRejects({ _tag: "DraftIncomplete", missing: ["name", "legalBasis", "subjectTypes", "regions"] })
  })

  it("rejects publishing when no draft is open", () => {
    spec
      .given([drafted, published(1)])
      .when({ _tag: "PublishDraft", implementationCode: code }, admin)
      .thenRejects({ _tag: "NoOpenDraft", implementationCode: code })
  })
})

describe("Matter — OpenRevision", () => {
  it("opens a revision that starts as a copy of the latest version", () => {
    spec
      .given([drafted, published(1)])
      .when({ _tag: "OpenRevision", implementationCode: code }, admin)
      .thenAccepts((events, state) => {
        expect(events).toEqual([revisionOpened(1)])
        expect(state.draft).toEqual(elements)
        expect(Matter.hasOpenRevision(state)).toBe(true)
        expect(Matter.acceptsApplications(state)).toBe(true)
      })
  })

  it("opens a revision of a suspended matter", () => {
    spec
      .given([drafted, published(1), suspended])
      .when({ _tag: "OpenRevision", implementationCode: code }, admin)
      .thenEmits([revisionOpened(1)])
  })

  it("rejects a second revision", () => {
    spec
      .given([drafted, published(1), revisionOpened(1)])
      .when({ _tag: "OpenRevision", implementationCode: code }, admin)
      .thenRejects({ _tag: "RevisionAlreadyOpen", implementationCode: code, basedOnVersion: 1 })
  })

  it("rejects a matter never published", () => {
    spec
      .given([drafted])
      .when({ _tag: "OpenRevision", implementationCode: code }, admin)
      .thenRejects({ _tag: "NotYetPublished", implementationCode: code })
  })
})

describe("Matter — SuspendMatter and ResumeMatter", () => {
  it("suspends a published matter, which then accepts no applications", () => {
    spec
      .given([drafted, published(1)])
      .when({ _tag: "SuspendMatter", implementationCode: code, reason: "系统升级" }, admin)
      .thenAccepts((events, state) => {
        expect(events).toEqual([suspended])
        expect(Matter.acceptsApplications(state)).toBe(false)
      })
  })

  it("rejects suspending twice", () => {
    spec
      .given([drafted, published(1), suspended])
      .when({ _tag: "SuspendMatter", implementationCode: code, reason: "again" }, admin)
      .thenRejects({ _tag: "AlreadySuspended", implementationCode: code })
  })

  it("rejects suspending a matter never published", () => {
    spec
      .given([drafted])
      .when({ _tag: "SuspendMatter", implementationCode: code, reason: "x" }, admin)
      .thenRejects({ _tag: "NotYetPublished", implementationCode: code })
  })

  it("resumes a suspended matter", () => {
    spec
      .given([drafted, published(1), suspended])
      .when({ _tag: "ResumeMatter", implementationCode: code }, admin)
      .thenAccepts((events, state) => {
        expect(events).toEqual([{ _tag: "MatterResumed", implementationCode: code }])
        expect(Matter.acceptsApplications(state)).toBe(true)
      })
  })

  it("keeps a matter suspended when a revision is published meanwhile", () => {
    spec
      .given([drafted, published(1), suspended, revisionOpened(1)])
      .when({ _tag: "PublishDraft", implementationCode: code }, admin)
      .thenAccepts((_, state) => expect(state.phase).toBe("suspended"))
  })

  it("rejects resuming a matter that is not suspended", () => {
    spec
      .given([drafted, published(1)])
      .when({ _tag: "ResumeMatter", implementationCode: code }, admin)
      .thenRejects({ _tag: "NotSuspended", implementationCode: code })
  })
})

describe("Matter — AbolishMatter", () => {
  it("abolishes a matter and discards an open draft", () => {
    spec
      .given([drafted, published(1), revisionOpened(1)])
      .when({ _tag: "AbolishMatter", implementationCode: code, reason: "国发〔2026〕1号取消" }, admin)
      .thenAccepts((events, state) => {
        expect(events).toEqual([abolished])
        expect(state.phase).toBe("abolished")
        expect(state.draft).toBeNull()
        expect(Matter.acceptsApplications(state)).toBe(false)
        expect(Matter.publishedTerms(state, 1)?.version).toBe(1)
      })
  })

  it("abolishes a matter never published", () => {
    spec
      .given([drafted])
      .when({ _tag: "AbolishMatter", implementationCode: code, reason: "国发〔2026〕1号取消" }, admin)
      .thenEmits([abolished])
  })

  for (const command of allCommands) {
    it(`rejects ${command._tag} on an abolished matter`, () => {
      spec
        .given([drafted, published(1), abolished])
        .when(command, admin)
        .thenRejects({ _tag: "MatterAlreadyAbolished", implementationCode: code })
    })
  }
})

describe("Matter — DelegateMatter (下放 / 委托 / 园区赋权)", () => {
  it("hands the matter to another authority from a date", () => {
    spec
      .given([drafted, published(1)])
      .when(delegate(district, "2026-10-01"), admin)
      .thenAccepts((events, state) => {
        expect(events).toEqual([
          {
            _tag: "MatterDelegated",
            implementationCode: code,
            kind: "delegateDown",
            from: city,
            to: district,
            effectiveFrom: "2026-10-01",
            basis: "湘政发〔2026〕5号",
          },
        ])
        expect(Matter.authorityOn(state, date("2026-09-30"))).toEqual(city)
        expect(Matter.authorityOn(state, date("2026-10-01"))).toEqual(district)
      })
  })

  it("accepts a delegation effective today (Beijing time)", () => {
    // 2026-09-23T17:00Z is 2026-09-24 01:00 in Beijing
    spec
      .given([drafted, published(1)])
      .when({ ...delegate(district, "2026-09-24"), kind: "entrust" }, { ...admin, now: "2026-09-23T17:00:00.000Z" })
      .thenAccepts()
  })

  it("rejects a delegation to the authority that already handles the matter on that date", () => {
    spec
      .given([drafted, published(1)])
      .when(delegate(city, "2026-10-01"), admin)
      .thenRejects({
        _tag: "DelegationToSameAuthority",
        creditCode: city.creditCode,
        effectiveFrom: date("2026-10-01"),
      })
    const toDistrict = Matter.decide(
      delegate(district, "2026-10-01"),
      Decider.fold(Matter.decider, [drafted, published(1)]),
      admin,
    )
    const events = [drafted, published(1), ...(toDistrict._tag === "Success" ? toDistrict.success : [])]
    spec
      .given(events)
      .when({ ...delegate(district, "2026-11-01"), kind: "zoneEmpowerment" }, admin)
      .thenRejects({
        _tag: "DelegationToSameAuthority",
        creditCode: district.creditCode,
        effectiveFrom: date("2026-11-01"),
      })
    spec
      .given(events)
      .when(delegate(province, "2026-11-01"), admin)
      .thenAccepts((delegated, state) => {
        expect(delegated[0]).toMatchObject({ from: district, to: province })
        expect(Matter.authorityOn(state, date("2026-10-15"))).toEqual(district)
        expect(Matter.authorityOn(state, date("2026-11-01"))).toEqual(province)
      })
  })

  it("orders delegations by effective date whatever order they were decided in", () => {
    const state = Decider.fold(Matter.decider, [drafted, published(1)])
    const first = Decider.run(Matter.decider, state, delegate(district, "2026-12-01"), admin)
    expect(first._tag).toBe("Success")
    if (first._tag !== "Success") return
    const second = Decider.run(Matter.decider, first.success.state, delegate(province, "2026-10-01"), admin)
    expect(second._tag).toBe("Success")
    if (second._tag !== "Success") return
    expect(second.success.state.delegations.map((d) => d.effectiveFrom)).toEqual(["2026-10-01", "2026-12-01"])
    expect(Matter.delegationsChangeAuthority(second.success.state)).toBe(true)
  })

  it("rejects a delegation effective in the past", () => {
    spec
      .given([drafted, published(1)])
      .when(delegate(district, "2026-09-23"), admin)
      .thenRejects({ _tag: "EffectiveDateInPast", effectiveFrom: date("2026-09-23"), today: date("2026-09-24") })
  })

  it("rejects a delegation decided at a malformed instant instead of throwing", () => {
    spec
      .given([drafted, published(1)])
      .when(delegate(district, "2026-10-01"), { ...admin, now: "2026-09-24 09:00" })
      .thenRejects({ _tag: "InvalidInstant", now: "2026-09-24 09:00" })
  })

  it("rejects delegating a matter never published", () => {
    spec
      .given([drafted])
      .when(delegate(district, "2026-10-01"), admin)
      .thenRejects({ _tag: "NotYetPublished", implementationCode: code })
  })
})

describe("Matter — every command", () => {
  for (const command of allCommands) {
    it(`${command._tag} requires a catalogue administrator`, () => {
      spec
        .given([drafted, published(1)])
        .when(command, clerk)
        .thenRejects({ _tag: "NotAuthorized", actorId: "clerk-7", required: ["catalogueAdmin"] })
    })

    it(`${command._tag} must name the matter of the stream`, () => {
      spec
        .given([drafted, published(1)])
        .when({ ...command, implementationCode: "OTHER-CODE" }, admin)
        .thenRejects({ _tag: "WrongMatter", expected: code, received: "OTHER-CODE" })
    })

    if (command._tag !== "DraftMatter") {
      it(`${command._tag} on a matter that does not exist is rejected`, () => {
        spec.given([]).when(command, admin).thenRejects({ _tag: "UnknownMatter", implementationCode: code })
      })
    }
  }

  it("names the stream matter-<implementationCode>", () => {
    expect(Matter.streamName(code)).toBe(`matter-${code}`)
  })
})
