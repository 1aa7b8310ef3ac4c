/**
 * The named invariants of the `ServiceBundle` aggregate (the merge's own invariants are in
 * `merge.ts`).
 *
 * @since 0.1.0
 */
import { mergedMaterialsAttributed, mergedMaterialsCoverMandatory, mergedMaterialsUnique } from "./merge.ts"
import type { ElementsRejection, RequiredBundleElement } from "./Rejections.ts"
import { type BundleElements, extensionCap, jointLimitCap, type State } from "./State.ts"

const duplicateMembers = (elements: BundleElements): Array<string> => {
  const seen = new Set<string>()
  const repeated = new Set<string>()
  for (const m of elements.members) (seen.has(m.implementationCode) ? repeated : seen).add(m.implementationCode)
  return [...repeated]
}

/**
 * No matter is a member twice.
 *
 * @category guards
 * @since 0.1.0
 */
export const membersUnique = (elements: BundleElements): boolean => duplicateMembers(elements).length === 0

/**
 * The joint limit is at most 45 working days.
 *
 * @category guards
 * @since 0.1.0
 */
export const jointLimitWithinCap = (elements: BundleElements): boolean =>
  elements.jointLimitWorkingDays <= jointLimitCap

/**
 * An approved extension is at most 15 working days.
 *
 * @category guards
 * @since 0.1.0
 */
export const extensionWithinCap = (elements: BundleElements): boolean =>
  elements.extension === undefined || elements.extension.workingDays <= extensionCap

/** The first cross-tolerance entry that is not allowed, with the offending codes. */
const badTolerance = (elements: BundleElements): { implementationCode: string; codes: Array<string> } | undefined => {
  const entries = elements.crossTolerance ?? []
  for (const [index, entry] of entries.entries()) {
    const member = elements.members.find((m) => m.implementationCode === entry.implementationCode)
    const twice = entries.findIndex((e) => e.implementationCode === entry.implementationCode) !== index
    const late = member !== undefined && entry.supplementDeadlineWorkingDays > member.promisedLimitWorkingDays
    if (member === undefined || twice || late) return { implementationCode: entry.implementationCode, codes: [] }
    const codes = entry.materialCodes.filter(
      (code) => member.materials.find((r) => r.code === code)?.category !== "secondary",
    )
    if (codes.length > 0) return { implementationCode: entry.implementationCode, codes }
  }
  return undefined
}

/**
 * Cross-department tolerance names members, once each, and only their secondary materials (a core
 * material is never deferred: 容缺 covers 次要材料 only), with a supplement deadline within the
 * member's promised limit.
 *
 * @category guards
 * @since 0.3.0
 */
export const crossToleranceOnlySecondary = (elements: BundleElements): boolean => badTolerance(elements) === undefined

/**
 * One rule over a bundle's elements.
 *
 * @category models
 * @since 0.1.0
 */
export interface BundleRule {
  readonly invariant: string
  readonly holds: (elements: BundleElements) => boolean
  readonly rejection: (elements: BundleElements) => ElementsRejection
}

/**
 * Every rule over a bundle's elements, in the order `decide` checks them.
 *
 * @category models
 * @since 0.1.0
 */
export const bundleRules: ReadonlyArray<BundleRule> = [
  {
    invariant: "membersUnique",
    holds: membersUnique,
    rejection: (e) => ({ _tag: "DuplicateMembers", implementationCodes: duplicateMembers(e) }),
  },
  {
    invariant: "jointLimitWithinCap",
    holds: jointLimitWithinCap,
    rejection: (e) => ({ _tag: "JointLimitAboveCap", jointLimit: e.jointLimitWorkingDays, cap: jointLimitCap }),
  },
  {
    invariant: "extensionWithinCap",
    holds: extensionWithinCap,
    rejection: (e) => ({ _tag: "ExtensionAboveCap", extension: e.extension?.workingDays ?? 0, cap: extensionCap }),
  },
  {
    invariant: "crossToleranceOnlySecondary",
    holds: crossToleranceOnlySecondary,
    rejection: (e) => ({ _tag: "ToleranceNotAllowed", ...badTolerance(e)! }),
  },
]

/**
 * Every rule the elements break, as rejections.
 *
 * @category combinators
 * @since 0.1.0
 */
export const violations = (elements: BundleElements): Array<ElementsRejection> =>
  bundleRules.filter((rule) => !rule.holds(elements)).map((rule) => rule.rejection(elements))

/**
 * What a draft lacks before it may be published: a name, at least two members, an introduction.
 *
 * @category combinators
 * @since 0.1.0
 */
export const missingElements = (elements: BundleElements): Array<RequiredBundleElement> => {
  const missing: Array<RequiredBundleElement> = []
  if (elements.name.trim() === "") missing.push("name")
  if (elements.members.length < 2) missing.push("members")
  if (elements.introduction.trim() === "") missing.push("introduction")
  return missing
}

/**
 * Every published version breaks no rule, and its notice's material list has no duplicates,
 * covers every member's mandatory materials and attributes every need to a real requirement.
 *
 * @category guards
 * @since 0.1.0
 */
export const publishedNoticesAreSound = (state: State): boolean =>
  state.versions.every(
    (v) =>
      violations(v).length === 0 &&
      missingElements(v).length === 0 &&
      mergedMaterialsUnique(v.notice.materials) &&
      mergedMaterialsCoverMandatory(v.members, v.notice.materials) &&
      mergedMaterialsAttributed(v.members, v.notice.materials),
  )

/**
 * Versions are numbered 1, 2, 3, … in order.
 *
 * @category guards
 * @since 0.1.0
 */
export const versionsAreConsecutive = (state: State): boolean =>
  state.versions.every((v, index) => v.version === index + 1 && v.bundleId === state.bundleId)

/**
 * The open draft, if any, breaks no rule.
 *
 * @category guards
 * @since 0.1.0
 */
export const draftIsConsistent = (state: State): boolean => state.draft === null || violations(state.draft).length === 0

/**
 * Every invariant over a single state, by name.
 *
 * @category models
 * @since 0.1.0
 */
export const stateInvariants: ReadonlyArray<readonly [name: string, holds: (state: State) => boolean]> = [
  ["draftIsConsistent", draftIsConsistent],
  ["publishedNoticesAreSound", publishedNoticesAreSound],
  ["versionsAreConsecutive", versionsAreConsecutive],
]
