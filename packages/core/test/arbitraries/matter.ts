/**
 * Arbitraries for `Matter` and `ServiceBundle` tests: consistent elements, incomplete drafts and
 * elements that break exactly one rule, each paired with the rejection it must produce. The
 * expected rejections are worked out here, from how the elements were built, never by calling the
 * code under test.
 */
import { fc } from "@fast-check/vitest"
import { Schema } from "effect"
import type { Matter } from "../../src/index.ts"
import { CalendarDate, PublishedMatter, type ServiceBundle } from "../../src/index.ts"

type Elements = PublishedMatter.MatterElements
type Material = PublishedMatter.MaterialRequirement
type Authority = PublishedMatter.ImplementingAuthority

const decodeAuthority = Schema.decodeUnknownSync(PublishedMatter.ImplementingAuthority)

/** Real-looking authorities in Changsha, Hunan (credit codes with valid check characters). */
export const authorities: ReadonlyArray<Authority> = [
  { name: "湖南省市场监督管理局", creditCode: "11430000006114324Y", division: "430000" },
  { name: "长沙市市场监督管理局", creditCode: "11430100MB1A38544B", division: "430100" },
  { name: "长沙市芙蓉区市场监督管理局", creditCode: "11430102MB0F22318R", division: "430102" },
  { name: "长沙市天心区市场监督管理局", creditCode: "11430103MB1C667075", division: "430103" },
  { name: "长沙市雨花区市场监督管理局", creditCode: "11430111MB1D093596", division: "430111" },
  { name: "长沙县市场监督管理局", creditCode: "11430121007375219B", division: "430121" },
  { name: "长沙经济技术开发区管理委员会", creditCode: "12430100MB1E441208", division: "430100" },
  { name: "浏阳市市场监督管理局", creditCode: "11430181MB1F880287", division: "430181" },
].map((authority) => decodeAuthority(authority))

export const authority = fc.constantFrom(...authorities)

export const divisions = ["430000", "430100", "430102", "430103", "430111", "430121", "430181"] as const

const decodeDivision = Schema.decodeUnknownSync(PublishedMatter.Scope.fields.regions)

const kinds = PublishedMatter.MatterKind.literals
const specialProcedureKinds = PublishedMatter.SpecialProcedureKind.literals
const barredCategories = PublishedMatter.BarredCategory.literals
const noticeItems = PublishedMatter.CommitmentNoticeItem.literals
const licenceTypes = ["营业执照", "居民身份证", "食品经营许可证", "不动产权证书", "健康证明"] as const

const text = (prefix: string) => fc.integer({ min: 1, max: 99 }).map((n) => `${prefix}${n}`)

/** Material codes M01…M09; tests add X9x and S9x codes that never collide with them. */
const materialCode = fc.integer({ min: 1, max: 9 }).map((n) => `M0${n}`)

const material = (code: string, category: PublishedMatter.MaterialCategory): fc.Arbitrary<Material> =>
  fc
    .record({
      name: text("材料"),
      mandatory: fc.boolean(),
      originals: fc.integer({ min: 0, max: 2 }),
      copies: fc.integer({ min: 0, max: 3 }),
      electronicLicenceType: fc.option(fc.constantFrom(...licenceTypes), { nil: undefined }),
    })
    .map(({ electronicLicenceType, ...rest }) => ({
      code,
      category,
      ...rest,
      ...(electronicLicenceType === undefined ? {} : { electronicLicenceType }),
      deferrable: false,
      replaceableByCommitment: false,
    }))

/** One to five materials with unique codes; the first is always core. */
const materials: fc.Arbitrary<Array<Material>> = fc
  .uniqueArray(materialCode, { minLength: 1, maxLength: 5 })
  .chain((codes) =>
    fc.tuple(
      ...codes.map((code, index) =>
        index === 0
          ? material(code, "core")
          : fc.constantFrom<PublishedMatter.MaterialCategory>("core", "secondary").chain((c) => material(code, c)),
      ),
    ),
  )

const fullNotice: fc.Arbitrary<PublishedMatter.CommitmentNotice> = fc.record({
  proofObligation: text("证明义务"),
  proofContent: text("证明内容"),
  mannerOfCommitment: text("承诺方式"),
  liabilityForFalseCommitment: text("不实承诺责任"),
  verificationPower: text("核查权力"),
})

const verification: fc.Arbitrary<PublishedMatter.CommitmentVerification> = fc.oneof(
  fc.record({
    _tag: fc.constant("Required" as const),
    periodWorkingDays: fc.integer({ min: 1, max: 60 }),
    methods: fc.uniqueArray(fc.constantFrom(...PublishedMatter.VerificationMethod.literals), {
      minLength: 1,
      maxLength: 4,
    }),
  }),
  text("豁免理由").map((reason) => ({ _tag: "Exempt" as const, reason })),
)

const commitmentSettings = (codes: ReadonlyArray<string>): fc.Arbitrary<PublishedMatter.CommitmentSettings> =>
  fc.boolean().chain((enabled) =>
    fc
      .record({
        notice: enabled ? fullNotice : fc.option(fullNotice, { nil: undefined }),
        replacedMaterialCodes: fc.subarray([...codes]),
        replacedConditions: fc.array(text("条件"), { maxLength: 2 }),
        verification,
        barredCategories: enabled ? fc.constant([]) : fc.uniqueArray(fc.constantFrom(...barredCategories)),
        businessLicenceVariants: fc.subarray([
          "meetsNow",
          "willMeetBy",
        ] as Array<PublishedMatter.BusinessLicenceVariant>),
      })
      .map(({ notice, ...rest }) => ({ enabled, ...(notice === undefined ? {} : { notice }), ...rest })),
  )

type Timing = Pick<
  Elements,
  "processingMode" | "statutoryLimitWorkingDays" | "promisedLimitWorkingDays" | "specialProcedures" | "extensionAllowed"
>

const immediateTiming: fc.Arbitrary<Timing> = fc.constant({
  processingMode: "immediate",
  statutoryLimitWorkingDays: 0,
  promisedLimitWorkingDays: 0,
  specialProcedures: [],
  extensionAllowed: false,
})

const promisedTiming: fc.Arbitrary<Timing> = fc.integer({ min: 1, max: 60 }).chain((statutory) =>
  fc.record({
    processingMode: fc.constant("promised" as const),
    statutoryLimitWorkingDays: fc.constant(statutory),
    promisedLimitWorkingDays: fc.integer({ min: 1, max: statutory }),
    specialProcedures: fc.uniqueArray(fc.constantFrom(...specialProcedureKinds), { maxLength: 3 }),
    extensionAllowed: fc.boolean(),
  }),
)

const sharedElements = fc.record({
  kind: fc.constantFrom(...kinds),
  name: text("事项"),
  legalBasis: fc.array(fc.record({ document: text("《法规"), provision: text("第") }, { requiredKeys: ["document"] }), {
    minLength: 1,
    maxLength: 2,
  }),
  implementingAuthority: authority,
  conditions: fc.array(text("条件"), { minLength: 1, maxLength: 3 }),
  procedure: fc.array(fc.record({ name: text("环节"), description: text("说明") }), { minLength: 1, maxLength: 4 }),
  scope: fc.record({
    subjectTypes: fc.uniqueArray(fc.constantFrom(...PublishedMatter.SubjectType.literals), {
      minLength: 1,
      maxLength: 3,
    }),
    regions: fc.uniqueArray(fc.constantFrom(...divisions), { minLength: 1, maxLength: 2 }).map(decodeDivision),
  }),
  validity: fc.oneof(
    fc.record({
      _tag: fc.constant("Fixed" as const),
      amount: fc.integer({ min: 1, max: 10 }),
      unit: fc.constantFrom("years" as const, "months" as const, "days" as const),
    }),
    fc.constant({ _tag: "Indefinite" as const }),
    fc.constant({ _tag: "NotApplicable" as const }),
  ),
  intermediaryServices: fc.array(
    fc.record({ name: text("中介"), timeLimitWorkingDays: fc.integer({ min: 1, max: 30 }) }),
    { maxLength: 2 },
  ),
  fees: fc.array(fc.record({ name: text("收费"), amountInFen: fc.nat(100_000), basis: text("依据") }), {
    maxLength: 2,
  }),
  ratingEnabled: fc.boolean(),
})

/** Consistent and complete elements: every rule holds and the draft may be published. */
export const validElements: fc.Arbitrary<Elements> = fc
  .tuple(sharedElements, fc.oneof(immediateTiming, promisedTiming), materials)
  .chain(([shared, timing, mats]) => {
    const secondary = mats.filter((m) => m.category === "secondary").map((m) => m.code)
    const tolerant =
      timing.processingMode === "promised"
        ? fc.option(
            fc.record({
              deferrableMaterialCodes: fc.subarray(secondary),
              supplementDeadlineWorkingDays: fc.integer({ min: 1, max: timing.promisedLimitWorkingDays }),
              resultBeforeSupplement: fc.boolean(),
              onDeadlineMissed: fc.constantFrom("terminate" as const, "suspend" as const),
            }),
            { nil: undefined },
          )
        : fc.constant(undefined)
    const commitment = fc.option(commitmentSettings(mats.map((m) => m.code)), { nil: undefined })
    return fc.tuple(tolerant, commitment).map(([tolerantAcceptance, commitmentSet]): Elements => {
      const deferrable = new Set(tolerantAcceptance?.deferrableMaterialCodes ?? [])
      const replaced = new Set(commitmentSet?.replacedMaterialCodes ?? [])
      return {
        ...shared,
        ...timing,
        materials: mats.map((m) => ({
          ...m,
          deferrable: deferrable.has(m.code),
          replaceableByCommitment: replaced.has(m.code),
        })),
        ...(tolerantAcceptance === undefined ? {} : { tolerantAcceptance }),
        ...(commitmentSet === undefined ? {} : { commitment: commitmentSet }),
      }
    })
  })

const requiredElements: ReadonlyArray<Matter.RequiredElement> = [
  "name",
  "legalBasis",
  "conditions",
  "procedure",
  "materials",
  "subjectTypes",
  "regions",
]

const emptied = (elements: Elements, missing: ReadonlyArray<Matter.RequiredElement>): Elements => {
  let result = elements
  for (const element of missing) {
    switch (element) {
      case "name":
        result = { ...result, name: "  " }
        break
      case "subjectTypes":
        result = { ...result, scope: { ...result.scope, subjectTypes: [] } }
        break
      case "regions":
        result = { ...result, scope: { ...result.scope, regions: [] } }
        break
      case "materials": {
        // no materials: the settings that name materials go too, or other rules would break
        const { tolerantAcceptance: _t, commitment: _c, ...rest } = result
        result = { ...rest, materials: [] }
        break
      }
      default:
        result = { ...result, [element]: [] }
    }
  }
  return result
}

/** A draft: consistent elements, mostly complete, sometimes with required elements left empty (listed in canonical order). */
export const draft: fc.Arbitrary<{
  readonly elements: Elements
  readonly missing: ReadonlyArray<Matter.RequiredElement>
}> = fc.oneof(
  { weight: 3, arbitrary: validElements.map((elements) => ({ elements, missing: [] })) },
  {
    weight: 1,
    arbitrary: fc
      .tuple(validElements, fc.subarray([...requiredElements], { minLength: 1 }))
      .map(([elements, missing]) => ({ elements: emptied(elements, missing), missing })),
  },
)

/** Elements that break a rule, with the exact rejection `decide` must return. */
export interface Broken {
  readonly elements: Elements
  readonly rejection: Matter.ElementsRejection
}

const promisedElements = validElements.filter((e) => e.processingMode === "promised")
const immediateElements = validElements.filter((e) => e.processingMode === "immediate")

const withMaterial = (e: Elements, m: Material): Elements => ({ ...e, materials: [...e.materials, m] })

const breakers: ReadonlyArray<fc.Arbitrary<Broken>> = [
  validElements.map((e) => {
    const first = e.materials[0]!
    return { elements: withMaterial(e, first), rejection: { _tag: "DuplicateMaterialCodes", codes: [first.code] } }
  }),
  fc.tuple(promisedElements).map(([e]) => ({
    elements: { ...e, processingMode: "immediate" },
    rejection: {
      _tag: "ImmediateMatterWithLimits",
      statutory: e.statutoryLimitWorkingDays,
      promised: e.promisedLimitWorkingDays,
    },
  })),
  promisedElements.map((e) => ({
    elements: { ...e, promisedLimitWorkingDays: 0 },
    rejection: { _tag: "PromisedMatterWithoutLimit", statutory: e.statutoryLimitWorkingDays },
  })),
  fc.tuple(promisedElements, fc.integer({ min: 1, max: 30 })).map(([e, over]) => ({
    elements: { ...e, promisedLimitWorkingDays: e.statutoryLimitWorkingDays + over },
    rejection: {
      _tag: "PromisedLimitAboveStatutory",
      promised: e.statutoryLimitWorkingDays + over,
      statutory: e.statutoryLimitWorkingDays,
    },
  })),
  fc
    .tuple(immediateElements, fc.uniqueArray(fc.constantFrom(...specialProcedureKinds), { minLength: 1, maxLength: 3 }))
    .map(([e, specialProcedures]) => ({
      elements: { ...e, specialProcedures },
      rejection: { _tag: "ImmediateMatterWithSpecialProcedures", specialProcedures },
    })),
  immediateElements.map((e) => ({
    elements: { ...e, extensionAllowed: true },
    rejection: { _tag: "ImmediateMatterWithExtension" },
  })),
  fc.tuple(promisedElements, fc.constantFrom(...specialProcedureKinds)).map(([e, kind]) => ({
    elements: { ...e, specialProcedures: [...e.specialProcedures.filter((k) => k !== kind), kind, kind] },
    rejection: { _tag: "DuplicateSpecialProcedures", duplicates: [kind] },
  })),
  validElements.map((e) => {
    const core = e.materials[0]!
    return {
      elements: { ...e, materials: [{ ...core, deferrable: true }, ...e.materials.slice(1)] },
      rejection: { _tag: "CoreMaterialDeferrable", codes: [core.code] },
    }
  }),
  promisedElements.map((e) => {
    const settings = e.tolerantAcceptance ?? {
      deferrableMaterialCodes: [],
      supplementDeadlineWorkingDays: 1,
      resultBeforeSupplement: false,
      onDeadlineMissed: "terminate" as const,
    }
    return {
      elements: {
        ...e,
        tolerantAcceptance: { ...settings, deferrableMaterialCodes: [...settings.deferrableMaterialCodes, "X99"] },
      },
      rejection: { _tag: "DeferrableMaterialNotSecondary", codes: ["X99"] },
    }
  }),
  fc.tuple(validElements, material("S99", "secondary")).map(([e, m]) => ({
    elements: withMaterial(e, { ...m, deferrable: true }),
    rejection: { _tag: "DeferrableFlagsDisagree", flaggedNotListed: ["S99"], listedNotFlagged: [] },
  })),
  fc.tuple(promisedElements, fc.integer({ min: 1, max: 20 })).map(([e, over]) => {
    const deadline = e.promisedLimitWorkingDays + over
    const settings = e.tolerantAcceptance ?? {
      deferrableMaterialCodes: [],
      resultBeforeSupplement: false,
      onDeadlineMissed: "suspend" as const,
    }
    return {
      elements: { ...e, tolerantAcceptance: { ...settings, supplementDeadlineWorkingDays: deadline } },
      rejection: {
        _tag: "SupplementDeadlineBeyondPromised",
        supplementDeadline: deadline,
        promised: e.promisedLimitWorkingDays,
      },
    }
  }),
  fc
    .tuple(validElements, fullNotice, fc.uniqueArray(fc.constantFrom(...barredCategories), { minLength: 1 }))
    .map(([e, notice, categories]) => ({
      elements: {
        ...e,
        commitment: {
          ...(e.commitment ?? {
            replacedMaterialCodes: [],
            replacedConditions: [],
            verification: { _tag: "Exempt", reason: "低风险" },
            businessLicenceVariants: [],
          }),
          enabled: true,
          notice,
          barredCategories: categories,
        },
      },
      rejection: { _tag: "CommitmentOnBarredCategory", categories },
    })),
  fc
    .tuple(validElements, fullNotice, fc.subarray([...noticeItems], { minLength: 1 }), fc.boolean())
    .map(([e, notice, blank, dropNotice]) => {
      const missing = dropNotice ? [...noticeItems] : blank
      const partial = { ...notice }
      for (const item of blank) partial[item] = " "
      const base = e.commitment ?? {
        enabled: true,
        replacedMaterialCodes: [],
        replacedConditions: [],
        verification: { _tag: "Exempt" as const, reason: "低风险" },
        businessLicenceVariants: [],
        barredCategories: [],
      }
      const { notice: _dropped, ...withoutNotice } = base
      return {
        elements: {
          ...e,
          commitment: {
            ...withoutNotice,
            enabled: true,
            barredCategories: [],
            ...(dropNotice ? {} : { notice: partial }),
          },
        },
        rejection: { _tag: "CommitmentWithoutNotice", missing },
      }
    }),
  validElements.map((e) => {
    const settings = e.commitment ?? {
      enabled: false,
      replacedMaterialCodes: [],
      replacedConditions: [],
      verification: { _tag: "Exempt" as const, reason: "低风险" },
      barredCategories: [],
      businessLicenceVariants: [],
    }
    return {
      elements: {
        ...e,
        commitment: { ...settings, replacedMaterialCodes: [...settings.replacedMaterialCodes, "X98"] },
      },
      rejection: { _tag: "CommitmentReplacesUnknownMaterial", codes: ["X98"] },
    }
  }),
  fc.tuple(validElements, material("S98", "secondary")).map(([e, m]) => ({
    elements: withMaterial(e, { ...m, replaceableByCommitment: true }),
    rejection: { _tag: "CommitmentFlagsDisagree", flaggedNotListed: ["S98"], listedNotFlagged: [] },
  })),
]

/** Elements that break exactly the first rule the rejection names. */
export const brokenElements: fc.Arbitrary<Broken> = fc.oneof(...breakers)

/** The rejection tags `brokenElements` covers (every rule over elements). */
export const brokenRejectionTags = [
  "DuplicateMaterialCodes",
  "ImmediateMatterWithLimits",
  "PromisedMatterWithoutLimit",
  "PromisedLimitAboveStatutory",
  "ImmediateMatterWithSpecialProcedures",
  "ImmediateMatterWithExtension",
  "DuplicateSpecialProcedures",
  "CoreMaterialDeferrable",
  "DeferrableMaterialNotSecondary",
  "DeferrableFlagsDisagree",
  "SupplementDeadlineBeyondPromised",
  "CommitmentOnBarredCategory",
  "CommitmentWithoutNotice",
  "CommitmentReplacesUnknownMaterial",
  "CommitmentFlagsDisagree",
] as const

/** Any `Matter` command for the matter `implementationCode`, valid or not, weighted towards the ones that move the lifecycle. */
export const matterCommand = (implementationCode: string, baseCode: string): fc.Arbitrary<Matter.Command> =>
  fc.oneof(
    {
      weight: 3,
      arbitrary: draft.map(({ elements }) => ({
        _tag: "DraftMatter" as const,
        implementationCode,
        baseCode,
        elements,
      })),
    },
    {
      weight: 1,
      arbitrary: brokenElements.map(({ elements }) => ({ _tag: "ReviseDraft" as const, implementationCode, elements })),
    },
    {
      weight: 2,
      arbitrary: draft.map(({ elements }) => ({ _tag: "ReviseDraft" as const, implementationCode, elements })),
    },
    { weight: 4, arbitrary: fc.constant({ _tag: "PublishDraft" as const, implementationCode }) },
    { weight: 2, arbitrary: fc.constant({ _tag: "OpenRevision" as const, implementationCode }) },
    {
      weight: 1,
      arbitrary: text("暂停理由").map((reason) => ({ _tag: "SuspendMatter" as const, implementationCode, reason })),
    },
    { weight: 1, arbitrary: fc.constant({ _tag: "ResumeMatter" as const, implementationCode }) },
    {
      weight: 1,
      arbitrary: text("取消依据").map((reason) => ({ _tag: "AbolishMatter" as const, implementationCode, reason })),
    },
    {
      weight: 2,
      arbitrary: fc
        .record({
          kind: fc.constantFrom(...(["delegateDown", "entrust", "zoneEmpowerment"] as const)),
          to: authority,
          days: fc.integer({ min: -5, max: 60 }),
          basis: text("湘政发〔2026〕"),
        })
        .map(({ kind, to, days, basis }) => ({
          _tag: "DelegateMatter" as const,
          implementationCode,
          kind,
          to,
          effectiveFrom: CalendarDate.addDays(CalendarDate.make("2026-09-24"), days),
          basis,
        })),
    },
  )

const memberCodes = [
  "11430100MB1A38544B-000101001000-01",
  "11430100MB1A38544B-000101002000-01",
  "11430102MB0F22318R-000105003000-02",
  "11430103MB1C667075-000201004000-01",
  "11430111MB1D093596-000301005000-01",
  "11430121007375219B-000101006000-03",
] as const

/** The published terms of a matter, as a bundle pins them. Material codes and licence types come from small pools, so members overlap. */
export const publishedMatter: fc.Arbitrary<PublishedMatter.PublishedMatter> = fc
  .record({
    implementationCode: fc.constantFrom(...memberCodes),
    version: fc.integer({ min: 1, max: 5 }),
    elements: validElements,
  })
  .map(({ implementationCode, version, elements }) => ({
    implementationCode,
    baseCode: implementationCode.split("-")[1]!,
    version,
    publishedAt: "2026-09-01T02:00:00.000Z",
    ...elements,
  }))

/** Bundle members: distinct matters. */
export const members = (constraints: { minLength?: number; maxLength?: number } = {}) =>
  fc.uniqueArray(publishedMatter, { selector: (m) => m.implementationCode, maxLength: 5, ...constraints })

// ---------------------------------------------------------------------------------------------
// Service bundles
// ---------------------------------------------------------------------------------------------

type BundleElements = ServiceBundle.BundleElements

const consistentBundle: fc.Arbitrary<BundleElements> = fc
  .record(
    {
      name: fc.constantFrom("开办餐饮店一件事", "企业开办一件事", "新生儿出生一件事"),
      leadDepartment: authority,
      members: members({ minLength: 2, maxLength: 4 }),
      introduction: fc.constantFrom("一次告知、一表申请、一窗受理、一次办结", "并联审批、统一出件"),
      jointLimitWorkingDays: fc.integer({ min: 0, max: 45 }),
      extension: fc.record({ workingDays: fc.integer({ min: 1, max: 15 }), approvedBy: fc.constant("长沙市人民政府") }),
    },
    { requiredKeys: ["name", "leadDepartment", "members", "introduction", "jointLimitWorkingDays"] },
  )
  .map((elements) => elements as BundleElements)

const requiredBundleElements: ReadonlyArray<ServiceBundle.RequiredBundleElement> = ["name", "members", "introduction"]

/** A bundle draft that breaks no rule: mostly complete, sometimes lacking a name, members or an introduction (listed in canonical order). */
export const bundleDraft: fc.Arbitrary<{
  readonly elements: BundleElements
  readonly missing: ReadonlyArray<ServiceBundle.RequiredBundleElement>
}> = fc.oneof(
  { weight: 3, arbitrary: consistentBundle.map((elements) => ({ elements, missing: [] })) },
  {
    weight: 1,
    arbitrary: fc
      .tuple(consistentBundle, fc.subarray([...requiredBundleElements], { minLength: 1 }))
      .map(([elements, missing]) => ({
        elements: {
          ...elements,
          ...(missing.includes("name") ? { name: " " } : {}),
          ...(missing.includes("members") ? { members: elements.members.slice(0, 1) } : {}),
          ...(missing.includes("introduction") ? { introduction: "" } : {}),
        },
        missing,
      })),
  },
)

/** Bundle elements that break a rule, with the exact rejection. */
export const brokenBundle: fc.Arbitrary<{
  readonly elements: BundleElements
  readonly rejection: ServiceBundle.ElementsRejection
}> = fc.oneof(
  consistentBundle.map((e) => {
    const first = e.members[0]!
    return {
      elements: { ...e, members: [...e.members, { ...first, version: first.version + 1 }] },
      rejection: { _tag: "DuplicateMembers" as const, implementationCodes: [first.implementationCode] },
    }
  }),
  fc.tuple(consistentBundle, fc.integer({ min: 46, max: 90 })).map(([e, jointLimit]) => ({
    elements: { ...e, jointLimitWorkingDays: jointLimit },
    rejection: { _tag: "JointLimitAboveCap" as const, jointLimit, cap: 45 },
  })),
  fc.tuple(consistentBundle, fc.integer({ min: 16, max: 40 })).map(([e, extension]) => ({
    elements: { ...e, extension: { workingDays: extension, approvedBy: "长沙市人民政府" } },
    rejection: { _tag: "ExtensionAboveCap" as const, extension, cap: 15 },
  })),
)
