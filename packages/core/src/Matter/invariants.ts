/**
 * The named invariants of the `Matter` aggregate: predicates over a matter's elements and over its
 * state. `decide` rejects any command that would break one; the tests check them after every step;
 * docs/catalogue.md lists them.
 *
 * @since 0.1.0
 */
import type { BarredCategory, CommitmentNoticeItem, MatterElements, PublishedMatter } from "../PublishedMatter.ts"
import type { ElementsRejection, RequiredElement } from "./Rejections.ts"
import type { State } from "./State.ts"

const duplicates = <A>(values: ReadonlyArray<A>): Array<A> => {
  const seen = new Set<A>()
  const repeated = new Set<A>()
  for (const value of values) (seen.has(value) ? repeated : seen).add(value)
  return [...repeated]
}

const difference = (left: ReadonlyArray<string>, right: ReadonlyArray<string>): Array<string> => {
  const others = new Set(right)
  return [...new Set(left)].filter((value) => !others.has(value))
}

const isBlank = (text: string): boolean => text.trim().length === 0

const codesWhere = (elements: MatterElements, keep: (m: MatterElements["materials"][number]) => boolean) =>
  elements.materials.filter(keep).map((m) => m.code)

// ---------------------------------------------------------------------------------------------
// Over elements
// ---------------------------------------------------------------------------------------------

/**
 * No two materials share a code.
 *
 * @category guards
 * @since 0.1.0
 */
export const materialCodesUnique = (elements: MatterElements): boolean =>
  duplicates(elements.materials.map((m) => m.code)).length === 0

/**
 * An immediate matter (即办件) has statutory and promised limits of 0.
 *
 * @category guards
 * @since 0.1.0
 */
export const immediateHasNoLimits = (elements: MatterElements): boolean =>
  elements.processingMode !== "immediate" ||
  (elements.statutoryLimitWorkingDays === 0 && elements.promisedLimitWorkingDays === 0)

/**
 * A promised matter (承诺件) promises at least one working day.
 *
 * @category guards
 * @since 0.1.0
 */
export const promisedHasLimit = (elements: MatterElements): boolean =>
  elements.processingMode !== "promised" || elements.promisedLimitWorkingDays >= 1

/**
 * The promised limit is at most the statutory limit.
 *
 * @example
 * ```ts
 * import { Matter } from "@yiciban/core"
 *
 * Matter.promisedWithinStatutory({ ...elements, statutoryLimitWorkingDays: 20, promisedLimitWorkingDays: 10 }) // true
 * ```
 *
 * @category guards
 * @since 0.1.0
 */
export const promisedWithinStatutory = (elements: MatterElements): boolean =>
  elements.promisedLimitWorkingDays <= elements.statutoryLimitWorkingDays

/**
 * An immediate matter lists no special procedures: there is no clock to pause.
 *
 * @category guards
 * @since 0.1.0
 */
export const immediateHasNoSpecialProcedures = (elements: MatterElements): boolean =>
  elements.processingMode !== "immediate" || elements.specialProcedures.length === 0

/**
 * An immediate matter allows no extension.
 *
 * @category guards
 * @since 0.1.0
 */
export const immediateHasNoExtension = (elements: MatterElements): boolean =>
  elements.processingMode !== "immediate" || !elements.extensionAllowed

/**
 * Each special procedure is listed once.
 *
 * @category guards
 * @since 0.1.0
 */
export const specialProceduresUnique = (elements: MatterElements): boolean =>
  duplicates(elements.specialProcedures).length === 0

/**
 * No core material is flagged deferrable.
 *
 * @category guards
 * @since 0.1.0
 */
export const coreMaterialsNotDeferrable = (elements: MatterElements): boolean =>
  codesWhere(elements, (m) => m.category === "core" && m.deferrable).length === 0

const deferrableCodesNotSecondary = (elements: MatterElements): Array<string> => {
  const secondary = codesWhere(elements, (m) => m.category === "secondary")
  return difference(elements.tolerantAcceptance?.deferrableMaterialCodes ?? [], secondary)
}

/**
 * Every code the tolerant-acceptance settings list is a secondary material of the matter.
 *
 * @category guards
 * @since 0.1.0
 */
export const deferrableAreSecondaryMaterials = (elements: MatterElements): boolean =>
  deferrableCodesNotSecondary(elements).length === 0

const deferrableDisagreement = (elements: MatterElements) => {
  const flagged = codesWhere(elements, (m) => m.deferrable)
  const listed = elements.tolerantAcceptance?.deferrableMaterialCodes ?? []
  return { flaggedNotListed: difference(flagged, listed), listedNotFlagged: difference(listed, flagged) }
}

/**
 * The materials flagged deferrable are exactly those the tolerant-acceptance settings list (none
 * without settings).
 *
 * @category guards
 * @since 0.1.0
 */
export const deferrableFlagsMatchSettings = (elements: MatterElements): boolean => {
  const { flaggedNotListed, listedNotFlagged } = deferrableDisagreement(elements)
  return flaggedNotListed.length === 0 && listedNotFlagged.length === 0
}

/**
 * The supplement deadline of tolerant acceptance is at most the promised limit.
 *
 * @category guards
 * @since 0.1.0
 */
export const supplementDeadlineWithinPromised = (elements: MatterElements): boolean =>
  elements.tolerantAcceptance === undefined ||
  elements.tolerantAcceptance.supplementDeadlineWorkingDays <= elements.promisedLimitWorkingDays

/** The barred categories a matter touches, with the three of a matter that says it concerns safety. */
const barredCategoriesOf = (elements: MatterElements): ReadonlyArray<BarredCategory> => [
  ...new Set([
    ...(elements.commitment?.barredCategories ?? []),
    ...(elements.concernsSafetyHealthProperty === true
      ? (["publicSafety", "personalHealth", "lifeAndPropertySafety"] as const)
      : []),
  ]),
]

/**
 * Notify-and-commit is not enabled on a matter that touches a barred category (national security,
 * public safety, ecological environment, personal health, life and property safety, state secrets,
 * prudential financial supervision, major foreign-related matters), nor on one that says it
 * directly concerns public safety, personal health or the safety of life and property
 * (`concernsSafetyHealthProperty`, 国办发〔2020〕42号).
 *
 * @category guards
 * @since 0.1.0
 */
export const commitmentNotBarred = (elements: MatterElements): boolean =>
  elements.commitment?.enabled !== true ||
  (elements.commitment.barredCategories.length === 0 && elements.concernsSafetyHealthProperty !== true)

/**
 * The notice items an enabled commitment leaves blank or out.
 *
 * @category combinators
 * @since 0.1.0
 */
export const missingNoticeItems = (elements: MatterElements): Array<CommitmentNoticeItem> => {
  const commitment = elements.commitment
  if (commitment?.enabled !== true) return []
  const notice = commitment.notice
  const items: ReadonlyArray<CommitmentNoticeItem> = [
    "proofObligation",
    "proofContent",
    "mannerOfCommitment",
    "liabilityForFalseCommitment",
    "verificationPower",
  ]
  return items.filter((item) => notice === undefined || isBlank(notice[item]))
}

/**
 * An enabled commitment states all five notice items.
 *
 * @category guards
 * @since 0.1.0
 */
export const commitmentHasNotice = (elements: MatterElements): boolean => missingNoticeItems(elements).length === 0

const unknownReplacedCodes = (elements: MatterElements): Array<string> =>
  difference(
    elements.commitment?.replacedMaterialCodes ?? [],
    elements.materials.map((m) => m.code),
  )

/**
 * Every material code a commitment replaces is a material of the matter.
 *
 * @category guards
 * @since 0.1.0
 */
export const commitmentReplacesKnownMaterials = (elements: MatterElements): boolean =>
  unknownReplacedCodes(elements).length === 0

const commitmentDisagreement = (elements: MatterElements) => {
  const flagged = codesWhere(elements, (m) => m.replaceableByCommitment)
  const listed = elements.commitment?.replacedMaterialCodes ?? []
  return { flaggedNotListed: difference(flagged, listed), listedNotFlagged: difference(listed, flagged) }
}

/**
 * The materials flagged replaceable by a commitment are exactly those the commitment settings
 * list (none without settings).
 *
 * @category guards
 * @since 0.1.0
 */
export const commitmentFlagsMatchSettings = (elements: MatterElements): boolean => {
  const { flaggedNotListed, listedNotFlagged } = commitmentDisagreement(elements)
  return flaggedNotListed.length === 0 && listedNotFlagged.length === 0
}

/**
 * One rule over a matter's elements: the invariant's name, the predicate and the rejection when
 * it does not hold.
 *
 * @category models
 * @since 0.1.0
 */
export interface ElementRule {
  readonly invariant: string
  readonly holds: (elements: MatterElements) => boolean
  readonly rejection: (elements: MatterElements) => ElementsRejection
}

/**
 * Every rule over a matter's elements, in the order `decide` checks them.
 *
 * @category models
 * @since 0.1.0
 */
export const elementRules: ReadonlyArray<ElementRule> = [
  {
    invariant: "materialCodesUnique",
    holds: materialCodesUnique,
    rejection: (e) => ({ _tag: "DuplicateMaterialCodes", codes: duplicates(e.materials.map((m) => m.code)) }),
  },
  {
    invariant: "immediateHasNoLimits",
    holds: immediateHasNoLimits,
    rejection: (e) => ({
      _tag: "ImmediateMatterWithLimits",
      statutory: e.statutoryLimitWorkingDays,
      promised: e.promisedLimitWorkingDays,
    }),
  },
  {
    invariant: "promisedHasLimit",
    holds: promisedHasLimit,
    rejection: (e) => ({ _tag: "PromisedMatterWithoutLimit", statutory: e.statutoryLimitWorkingDays }),
  },
  {
    invariant: "promisedWithinStatutory",
    holds: promisedWithinStatutory,
    rejection: (e) => ({
      _tag: "PromisedLimitAboveStatutory",
      promised: e.promisedLimitWorkingDays,
      statutory: e.statutoryLimitWorkingDays,
    }),
  },
  {
    invariant: "immediateHasNoSpecialProcedures",
    holds: immediateHasNoSpecialProcedures,
    rejection: (e) => ({ _tag: "ImmediateMatterWithSpecialProcedures", specialProcedures: e.specialProcedures }),
  },
  {
    invariant: "immediateHasNoExtension",
    holds: immediateHasNoExtension,
    rejection: () => ({ _tag: "ImmediateMatterWithExtension" }),
  },
  {
    invariant: "specialProceduresUnique",
    holds: specialProceduresUnique,
    rejection: (e) => ({ _tag: "DuplicateSpecialProcedures", duplicates: duplicates(e.specialProcedures) }),
  },
  {
    invariant: "coreMaterialsNotDeferrable",
    holds: coreMaterialsNotDeferrable,
    rejection: (e) => ({
      _tag: "CoreMaterialDeferrable",
      codes: codesWhere(e, (m) => m.category === "core" && m.deferrable),
    }),
  },
  {
    invariant: "deferrableAreSecondaryMaterials",
    holds: deferrableAreSecondaryMaterials,
    rejection: (e) => ({ _tag: "DeferrableMaterialNotSecondary", codes: deferrableCodesNotSecondary(e) }),
  },
  {
    invariant: "deferrableFlagsMatchSettings",
    holds: deferrableFlagsMatchSettings,
    rejection: (e) => ({ _tag: "DeferrableFlagsDisagree", ...deferrableDisagreement(e) }),
  },
  {
    invariant: "supplementDeadlineWithinPromised",
    holds: supplementDeadlineWithinPromised,
    rejection: (e) => ({
      _tag: "SupplementDeadlineBeyondPromised",
      supplementDeadline: e.tolerantAcceptance?.supplementDeadlineWorkingDays ?? 0,
      promised: e.promisedLimitWorkingDays,
    }),
  },
  {
    invariant: "commitmentNotBarred",
    holds: commitmentNotBarred,
    rejection: (e) => ({ _tag: "CommitmentOnBarredCategory", categories: barredCategoriesOf(e) }),
  },
  {
    invariant: "commitmentHasNotice",
    holds: commitmentHasNotice,
    rejection: (e) => ({ _tag: "CommitmentWithoutNotice", missing: missingNoticeItems(e) }),
  },
  {
    invariant: "commitmentReplacesKnownMaterials",
    holds: commitmentReplacesKnownMaterials,
    rejection: (e) => ({ _tag: "CommitmentReplacesUnknownMaterial", codes: unknownReplacedCodes(e) }),
  },
  {
    invariant: "commitmentFlagsMatchSettings",
    holds: commitmentFlagsMatchSettings,
    rejection: (e) => ({ _tag: "CommitmentFlagsDisagree", ...commitmentDisagreement(e) }),
  },
]

/**
 * Every rule the elements break, as rejections, in the order of {@link elementRules}. Empty when
 * the elements are consistent.
 *
 * @example
 * ```ts
 * import { Matter } from "@yiciban/core"
 *
 * Matter.violations({ ...elements, statutoryLimitWorkingDays: 5, promisedLimitWorkingDays: 10 })
 * // [{ _tag: "PromisedLimitAboveStatutory", promised: 10, statutory: 5 }]
 * ```
 *
 * @category combinators
 * @since 0.1.0
 */
export const violations = (elements: MatterElements): Array<ElementsRejection> =>
  elementRules.filter((rule) => !rule.holds(elements)).map((rule) => rule.rejection(elements))

/**
 * True when the elements break no rule.
 *
 * @category guards
 * @since 0.1.0
 */
export const isConsistent = (elements: MatterElements): boolean => elementRules.every((rule) => rule.holds(elements))

/**
 * The required elements a draft leaves empty (a blank name, no legal basis, conditions, procedure
 * steps, materials, subject types or regions).
 *
 * @category combinators
 * @since 0.1.0
 */
export const missingElements = (elements: MatterElements): Array<RequiredElement> => {
  const missing: Array<RequiredElement> = []
  if (isBlank(elements.name)) missing.push("name")
  if (elements.legalBasis.length === 0) missing.push("legalBasis")
  if (elements.conditions.length === 0) missing.push("conditions")
  if (elements.procedure.length === 0) missing.push("procedure")
  if (elements.materials.length === 0) missing.push("materials")
  if (elements.scope.subjectTypes.length === 0) missing.push("subjectTypes")
  if (elements.scope.regions.length === 0) missing.push("regions")
  return missing
}

/**
 * True when a draft fills every required element and may be published.
 *
 * @category guards
 * @since 0.1.0
 */
export const isComplete = (elements: MatterElements): boolean => missingElements(elements).length === 0

// ---------------------------------------------------------------------------------------------
// Over state
// ---------------------------------------------------------------------------------------------

/**
 * The open draft, if any, breaks no rule.
 *
 * @category guards
 * @since 0.1.0
 */
export const draftIsConsistent = (state: State): boolean => state.draft === null || isConsistent(state.draft)

/**
 * Every published version is complete and breaks no rule.
 *
 * @category guards
 * @since 0.1.0
 */
export const publishedVersionsAreValid = (state: State): boolean =>
  state.versions.every((version) => isComplete(version) && isConsistent(version))

/**
 * Versions are numbered 1, 2, 3, … in order and carry the matter's codes.
 *
 * @category guards
 * @since 0.1.0
 */
export const versionsAreConsecutive = (state: State): boolean =>
  state.versions.every(
    (version, index) =>
      version.version === index + 1 &&
      version.implementationCode === state.implementationCode &&
      version.baseCode === state.baseCode,
  )

/**
 * The phase agrees with the record: a drafted matter has a draft and no version; a published or
 * suspended matter has a version; an abolished matter has no open draft.
 *
 * @category guards
 * @since 0.1.0
 */
export const phaseMatchesRecord = (state: State): boolean => {
  switch (state.phase) {
    case "new":
      return state.draft === null && state.versions.length === 0 && state.delegations.length === 0
    case "drafted":
      return state.draft !== null && state.versions.length === 0
    case "published":
    case "suspended":
      return state.versions.length >= 1
    case "abolished":
      return state.draft === null
  }
}

/**
 * Every delegation hands the matter to a different authority, and delegations are sorted by
 * effective date.
 *
 * @category guards
 * @since 0.1.0
 */
export const delegationsChangeAuthority = (state: State): boolean =>
  state.delegations.every(
    (delegation, index) =>
      delegation.from.creditCode !== delegation.to.creditCode &&
      (index === 0 || state.delegations[index - 1]!.effectiveFrom <= delegation.effectiveFrom),
  )

/**
 * Every invariant over a single state, by name.
 *
 * @category models
 * @since 0.1.0
 */
export const stateInvariants: ReadonlyArray<readonly [name: string, holds: (state: State) => boolean]> = [
  ["draftIsConsistent", draftIsConsistent],
  ["publishedVersionsAreValid", publishedVersionsAreValid],
  ["versionsAreConsecutive", versionsAreConsecutive],
  ["phaseMatchesRecord", phaseMatchesRecord],
  ["delegationsChangeAuthority", delegationsChangeAuthority],
]

const sameVersion = (a: PublishedMatter, b: PublishedMatter): boolean => JSON.stringify(a) === JSON.stringify(b)

/**
 * A step never changes a published version: every version published before is still there,
 * unchanged, after.
 *
 * @category guards
 * @since 0.1.0
 */
export const publishedVersionsUnchanged = (before: State, after: State): boolean =>
  before.versions.every((version, index) => {
    const later = after.versions[index]
    return later !== undefined && sameVersion(version, later)
  })

/**
 * Nothing changes an abolished matter.
 *
 * @category guards
 * @since 0.1.0
 */
export const abolishedIsFinal = (before: State, after: State): boolean =>
  before.phase !== "abolished" || before === after || JSON.stringify(before) === JSON.stringify(after)
