/**
 * The merge behind a bundle's single notice (一次告知) and single material list (一套材料): pure
 * functions over the pinned terms of the member matters, with their named invariants.
 *
 * @since 0.1.0
 */
import * as Schema from "effect/Schema"
import * as PublishedMatter from "../PublishedMatter.ts"

/**
 * One member's need for a merged material: which matter, its own material code, and whether it
 * is mandatory and core for that matter.
 *
 * @category schemas
 * @since 0.1.0
 */
export const MaterialNeed = Schema.Struct({
  implementationCode: Schema.String,
  materialCode: Schema.String,
  mandatory: Schema.Boolean,
  category: PublishedMatter.MaterialCategory,
})

/**
 * @category models
 * @since 0.1.0
 */
export type MaterialNeed = typeof MaterialNeed.Type

const bundleMaterialFields = {
  name: Schema.String,
  codes: Schema.Array(Schema.String),
  electronicLicenceTypes: Schema.Array(Schema.String),
  mandatory: Schema.Boolean,
  originals: Schema.Int,
  copies: Schema.Int,
  neededBy: Schema.Array(MaterialNeed),
}

/**
 * The type of the {@link BundleMaterial} schema, named so that declarations refer to it instead of
 * repeating it.
 *
 * @category schemas
 * @since 0.1.0
 */
export interface BundleMaterialSchema extends Schema.Struct<typeof bundleMaterialFields> {}

/**
 * One entry of the merged material list: the members' requirements that are the same material —
 * the same material code or the same electronic licence type — collected once. The applicant
 * supplies it once, in the largest number of originals and copies any member asks for.
 *
 * @category schemas
 * @since 0.1.0
 */
export const BundleMaterial: BundleMaterialSchema = Schema.Struct(bundleMaterialFields)

/**
 * @category models
 * @since 0.1.0
 */
export type BundleMaterial = typeof BundleMaterial.Type

/**
 * The members' conditions merged: each distinct text once, with the members that state it.
 *
 * @category schemas
 * @since 0.1.0
 */
export const BundleCondition = Schema.Struct({
  text: Schema.String,
  members: Schema.Array(Schema.String),
})

/**
 * @category models
 * @since 0.1.0
 */
export type BundleCondition = typeof BundleCondition.Type

/**
 * One member as the notice lists it.
 *
 * @category schemas
 * @since 0.1.0
 */
export const NoticeMember = Schema.Struct({
  implementationCode: Schema.String,
  version: Schema.Int,
  name: Schema.String,
  implementingAuthority: PublishedMatter.ImplementingAuthority,
  statutoryLimitWorkingDays: Schema.Int,
  promisedLimitWorkingDays: Schema.Int,
})

/**
 * @category models
 * @since 0.1.0
 */
export type NoticeMember = typeof NoticeMember.Type

/**
 * A member's fee as the notice lists it.
 *
 * @category schemas
 * @since 0.1.0
 */
export const NoticeFee = Schema.Struct({
  implementationCode: Schema.String,
  name: Schema.String,
  amountInFen: Schema.Int,
  basis: Schema.String,
})

const bundleNoticeFields = {
  members: Schema.Array(NoticeMember),
  conditions: Schema.Array(BundleCondition),
  materials: Schema.Array(BundleMaterial),
  fees: Schema.Array(NoticeFee),
}

/**
 * The type of the {@link BundleNotice} schema, named so that declarations refer to it instead of
 * repeating it.
 *
 * @category schemas
 * @since 0.1.0
 */
export interface BundleNoticeSchema extends Schema.Struct<typeof bundleNoticeFields> {}

/**
 * The merged notice (一次告知) of a bundle: the members, the conditions once each, one material
 * list, the fees and the joint limit.
 *
 * @category schemas
 * @since 0.1.0
 */
export const BundleNotice: BundleNoticeSchema = Schema.Struct(bundleNoticeFields)

/**
 * @category models
 * @since 0.1.0
 */
export type BundleNotice = typeof BundleNotice.Type

/** Union–find over the members' requirements. */
const disjointSets = (size: number) => {
  const parent = Array.from({ length: size }, (_, i) => i)
  const find = (i: number): number => {
    let root = i
    while (parent[root] !== root) root = parent[root]!
    while (parent[i] !== root) {
      const next = parent[i]!
      parent[i] = root
      i = next
    }
    return root
  }
  const union = (a: number, b: number): void => {
    const [ra, rb] = [find(a), find(b)]
    if (ra !== rb) parent[Math.max(ra, rb)] = Math.min(ra, rb)
  }
  return { find, union }
}

const unique = <A>(values: Iterable<A>): Array<A> => [...new Set(values)]

/**
 * Merges the members' material requirements into one list, de-duplicated by material code or
 * electronic licence type: two requirements that share either are one entry (transitively), and
 * each entry says which members need it. Entries keep the order in which they first appear.
 *
 * @example
 * ```ts
 * import { ServiceBundle } from "@yiciban/core"
 *
 * const list = ServiceBundle.mergeMaterials([foodBusinessLicence, signboardPermit])
 * // the business licence both ask for appears once, neededBy both matters
 * ```
 *
 * @category combinators
 * @since 0.1.0
 */
export const mergeMaterials = (members: ReadonlyArray<PublishedMatter.PublishedMatter>): Array<BundleMaterial> => {
  const requirements = members.flatMap((member) =>
    member.materials.map((requirement) => ({ member: member.implementationCode, requirement })),
  )
  const sets = disjointSets(requirements.length)
  const firstByKey = new Map<string, number>()
  requirements.forEach(({ requirement }, index) => {
    const keys = [`code:${requirement.code}`]
    if (requirement.electronicLicenceType !== undefined) keys.push(`licence:${requirement.electronicLicenceType}`)
    for (const key of keys) {
      const first = firstByKey.get(key)
      if (first === undefined) firstByKey.set(key, index)
      else sets.union(first, index)
    }
  })
  const groups = new Map<number, Array<number>>()
  requirements.forEach((_, index) => {
    const root = sets.find(index)
    const group = groups.get(root)
    if (group === undefined) groups.set(root, [index])
    else group.push(index)
  })
  return [...groups.values()].map((indexes) => {
    const entries = indexes.map((i) => requirements[i]!)
    const first = entries[0]!.requirement
    return {
      name: first.name,
      codes: unique(entries.map((e) => e.requirement.code)),
      electronicLicenceTypes: unique(
        entries.flatMap((e) =>
          e.requirement.electronicLicenceType === undefined ? [] : [e.requirement.electronicLicenceType],
        ),
      ),
      mandatory: entries.some((e) => e.requirement.mandatory),
      originals: Math.max(...entries.map((e) => e.requirement.originals)),
      copies: Math.max(...entries.map((e) => e.requirement.copies)),
      neededBy: entries.map((e) => ({
        implementationCode: e.member,
        materialCode: e.requirement.code,
        mandatory: e.requirement.mandatory,
        category: e.requirement.category,
      })),
    }
  })
}

/**
 * Merges the members' conditions: each distinct text once, with the members that state it.
 *
 * @category combinators
 * @since 0.1.0
 */
export const mergeConditions = (members: ReadonlyArray<PublishedMatter.PublishedMatter>): Array<BundleCondition> => {
  const byText = new Map<string, Array<string>>()
  for (const member of members) {
    for (const text of member.conditions) {
      const holders = byText.get(text)
      if (holders === undefined) byText.set(text, [member.implementationCode])
      else if (!holders.includes(member.implementationCode)) holders.push(member.implementationCode)
    }
  }
  return [...byText].map(([text, holders]) => ({ text, members: holders }))
}

/**
 * Builds the bundle's single notice from the pinned terms of its members.
 *
 * @category combinators
 * @since 0.1.0
 */
export const mergeNotice = (members: ReadonlyArray<PublishedMatter.PublishedMatter>): BundleNotice => ({
  members: members.map((m) => ({
    implementationCode: m.implementationCode,
    version: m.version,
    name: m.name,
    implementingAuthority: m.implementingAuthority,
    statutoryLimitWorkingDays: m.statutoryLimitWorkingDays,
    promisedLimitWorkingDays: m.promisedLimitWorkingDays,
  })),
  conditions: mergeConditions(members),
  materials: mergeMaterials(members),
  fees: members.flatMap((m) =>
    m.fees.map((fee) => ({
      implementationCode: m.implementationCode,
      name: fee.name,
      amountInFen: fee.amountInFen,
      basis: fee.basis,
    })),
  ),
})

/**
 * No two entries of a merged list share a material code or an electronic licence type.
 *
 * @category guards
 * @since 0.1.0
 */
export const mergedMaterialsUnique = (materials: ReadonlyArray<BundleMaterial>): boolean => {
  const codes = materials.flatMap((m) => m.codes)
  const licences = materials.flatMap((m) => m.electronicLicenceTypes)
  return new Set(codes).size === codes.length && new Set(licences).size === licences.length
}

/**
 * Every mandatory material of every member is in the merged list, attributed to that member.
 *
 * @category guards
 * @since 0.1.0
 */
export const mergedMaterialsCoverMandatory = (
  members: ReadonlyArray<PublishedMatter.PublishedMatter>,
  materials: ReadonlyArray<BundleMaterial>,
): boolean =>
  members.every((member) =>
    member.materials
      .filter((requirement) => requirement.mandatory)
      .every((requirement) =>
        materials.some((entry) =>
          entry.neededBy.some(
            (need) => need.implementationCode === member.implementationCode && need.materialCode === requirement.code,
          ),
        ),
      ),
  )

/**
 * Every need in the merged list is a real requirement of a member, listed once, with the code and
 * licence type of its entry.
 *
 * @category guards
 * @since 0.1.0
 */
export const mergedMaterialsAttributed = (
  members: ReadonlyArray<PublishedMatter.PublishedMatter>,
  materials: ReadonlyArray<BundleMaterial>,
): boolean => {
  const seen = new Set<string>()
  for (const entry of materials) {
    for (const need of entry.neededBy) {
      const key = `${need.implementationCode}\u0000${need.materialCode}`
      if (seen.has(key)) return false
      seen.add(key)
      const requirement = members
        .find((m) => m.implementationCode === need.implementationCode)
        ?.materials.find((r) => r.code === need.materialCode)
      if (requirement === undefined || !entry.codes.includes(requirement.code)) return false
      if (
        requirement.electronicLicenceType !== undefined &&
        !entry.electronicLicenceTypes.includes(requirement.electronicLicenceType)
      ) {
        return false
      }
    }
  }
  return true
}
