/**
 * Questions about a bundle case, used by `decide`, the invariants, the runtime and the docs.
 *
 * @since 0.3.0
 */
import type { LicenceReliance, SharedDataReliance, SubmittedMaterial } from "../Application/State.ts"
import type { ImplementingAuthority, PublishedMatter } from "../PublishedMatter.ts"
import type { BundleMaterial } from "../ServiceBundle/merge.ts"
import type { PublishedBundle } from "../ServiceBundle/State.ts"
import type { Child, State } from "./State.ts"

/**
 * The merged-list entry a material code belongs to, if any.
 *
 * @category combinators
 * @since 0.3.0
 */
export const entryOf = (bundle: PublishedBundle, code: string): BundleMaterial | undefined =>
  bundle.notice.materials.find((entry) => entry.codes.includes(code))

/**
 * Every member material code the applicant has handed over, counting a merged entry as handed over
 * for every code in it (a material shared by members is handed over once for all of them).
 *
 * @category combinators
 * @since 0.3.0
 */
export const heldCodes = (state: Pick<State, "bundle" | "handedOver">): ReadonlySet<string> => {
  const held = new Set<string>()
  if (state.bundle === null) return held
  for (const material of state.handedOver) {
    for (const code of entryOf(state.bundle, material.code)?.codes ?? [material.code]) held.add(code)
  }
  return held
}

/**
 * The member matter with `implementationCode` in the pinned bundle version.
 *
 * @category combinators
 * @since 0.3.0
 */
export const memberOf = (state: Pick<State, "bundle">, implementationCode: string): PublishedMatter | undefined =>
  state.bundle?.members.find((m) => m.implementationCode === implementationCode)

/**
 * The codes the combined notice called defective and the answer did not replace.
 *
 * @category combinators
 * @since 0.3.0
 */
export const stillDefective = (state: State): ReadonlySet<string> => {
  const defective = new Set<string>()
  const resupplied = new Set(
    state.resupplied.flatMap((code) => (state.bundle === null ? [code] : (entryOf(state.bundle, code)?.codes ?? []))),
  )
  for (const item of state.notice?.items ?? []) {
    if (item.problem === "defective" && !resupplied.has(item.code)) defective.add(item.code)
  }
  return defective
}

/**
 * The mandatory materials of a member that the case does not yet hold in good order: not handed
 * over, or called defective and not replaced.
 *
 * @category combinators
 * @since 0.3.0
 */
export const outstandingFor = (state: State, member: PublishedMatter): ReadonlyArray<string> => {
  const held = heldCodes(state)
  const defective = stillDefective(state)
  return member.materials.filter((r) => r.mandatory && (!held.has(r.code) || defective.has(r.code))).map((r) => r.code)
}

/**
 * What a member's child is handed from the bundle: every material of the member that the applicant
 * handed over (under the member's own code, in the form it was handed over).
 *
 * @category combinators
 * @since 0.3.0
 */
export const materialsFor = (state: State, member: PublishedMatter): ReadonlyArray<SubmittedMaterial> => {
  if (state.bundle === null) return []
  const bundle = state.bundle
  const out: Array<SubmittedMaterial> = []
  for (const requirement of member.materials) {
    const entry = entryOf(bundle, requirement.code)
    const given = state.handedOver.find((m) => entry?.codes.includes(m.code) ?? m.code === requirement.code)
    if (given !== undefined) out.push({ ...given, code: requirement.code })
  }
  return out
}

/**
 * The electronic licences the bundle relied on for a member's materials, under the member's own
 * material codes: what its child inherits (a material spared at the bundle is never asked of the
 * applicant by a child).
 *
 * @category combinators
 * @since 0.3.0
 */
export const reliancesFor = (
  state: Pick<State, "bundle" | "licencesReliedOn">,
  member: PublishedMatter,
): ReadonlyArray<LicenceReliance> => {
  if (state.bundle === null) return []
  const bundle = state.bundle
  const out: Array<LicenceReliance> = []
  for (const requirement of member.materials) {
    if (requirement.licenceBaseCode === undefined) continue
    const entry = entryOf(bundle, requirement.code)
    const reliance = state.licencesReliedOn.find(
      (r) => r.baseCode === requirement.licenceBaseCode && (entry?.codes.includes(r.materialCode) ?? false),
    )
    if (reliance !== undefined) out.push({ ...reliance, materialCode: requirement.code })
  }
  return out
}

/**
 * The shared facts (数据共享) the bundle relied on for a member's materials, under the member's own
 * material codes: what its child inherits (it never asks for such a material again, nor fetches
 * the fact again).
 *
 * @category combinators
 * @since 0.3.0
 */
export const sharedReliancesFor = (
  state: Pick<State, "bundle" | "sharedDataReliedOn">,
  member: PublishedMatter,
): ReadonlyArray<SharedDataReliance> => {
  if (state.bundle === null) return []
  const bundle = state.bundle
  const out: Array<SharedDataReliance> = []
  for (const requirement of member.materials) {
    if (requirement.sharedDataKind === undefined) continue
    const entry = entryOf(bundle, requirement.code)
    const reliance = state.sharedDataReliedOn.find(
      (r) => r.kind === requirement.sharedDataKind && (entry?.codes.includes(r.materialCode) ?? false),
    )
    if (reliance !== undefined) out.push({ ...reliance, materialCode: requirement.code })
  }
  return out
}

/**
 * The authority that judges a member's child: the one the member was delegated to on the day of
 * submission (下放 / 委托), else the member's implementing authority.
 *
 * @category combinators
 * @since 0.3.0
 */
export const authorityFor = (state: Pick<State, "delegations">, member: PublishedMatter): ImplementingAuthority =>
  state.delegations.find((d) => d.implementationCode === member.implementationCode)?.authority ??
  member.implementingAuthority

/**
 * The materials an open child deferred (容缺) that the lead window has not yet been handed and
 * forwarded, by member code: what the applicant still supplies once, for every department.
 *
 * @category combinators
 * @since 0.3.0
 */
export const deferredOutstanding = (
  state: Pick<State, "children" | "supplied">,
): ReadonlyArray<{ readonly childCaseNo: string; readonly codes: ReadonlyArray<string> }> =>
  openChildren(state).flatMap((child) => {
    if (child.acceptance._tag !== "Tolerant") return []
    const supplied = new Set(state.supplied.filter((s) => s.childCaseNo === child.caseNo).flatMap((s) => s.codes))
    const codes = child.acceptance.deferred.map((d) => d.code).filter((code) => !supplied.has(code))
    return codes.length === 0 ? [] : [{ childCaseNo: child.caseNo, codes }]
  })

/**
 * The children not yet concluded.
 *
 * @category combinators
 * @since 0.3.0
 */
export const openChildren = (state: Pick<State, "children">): ReadonlyArray<Child> =>
  state.children.filter((child) => child.outcome === null)

/**
 * Every child has concluded (and there is at least one).
 *
 * @category guards
 * @since 0.3.0
 */
export const everyChildConcluded = (state: Pick<State, "children">): boolean =>
  state.children.length > 0 && openChildren(state).length === 0

/**
 * The joint limit in force in working days: the version's limit plus an approved extension.
 *
 * @category combinators
 * @since 0.3.0
 */
export const jointWorkingDays = (state: Pick<State, "clock">): number | undefined =>
  state.clock === null ? undefined : state.clock.limitWorkingDays + (state.clock.extension?.workingDays ?? 0)
