/**
 * Shared data spares the applicant a material (数据共享, Decree 716 Art 13: what an authority can
 * obtain by sharing it does not ask the applicant for again): a material the matter marks with
 * `MaterialRequirement.sharedDataKind` is satisfied, at submission, by that fact about the
 * applicant as the host's source ({@link SharedData.SharedDataSource}) answers it — fetched by the
 * runtime, never taken from the command. The case records what it relied on (the material, the
 * kind, the source, when it was fetched and the digest of the value: `sharedDataReliedOn`), so the
 * record shows why the material was not asked for.
 *
 * An outage of the source is a typed failure (`SharedDataUnavailable`), a malformed answer too
 * (`SharedDataInvalid`): the submission is not decided on a guess either way, and can be sent
 * again (or with the material itself, which is then not fetched). No record: the material stays to
 * be handed over — unless the applicant asked for it to be taken from shared data
 * (`form: "sharedData"`), which is refused (`SharedDataRelianceInvalid`, `noRecord`).
 *
 * @since 0.3.0
 */
import type { Application, PublishedMatter, ServiceBundle } from "@yiciban/core"
import * as Effect from "effect/Effect"
import { CommandRejected } from "./RuntimeError.ts"
import type * as SharedData from "./SharedData.ts"

/**
 * What fetching shared facts for a submission may fail with.
 *
 * @category errors
 * @since 0.3.0
 */
export type FetchError = CommandRejected | SharedData.SharedDataUnavailable | SharedData.SharedDataInvalid

/** One material to take from shared data: the code it is given under and the kind of fact. */
interface Wanted {
  readonly code: string
  /** The codes the material answers to (a bundle's merged entry; else the code alone). */
  readonly codes: ReadonlyArray<string>
  readonly kind: PublishedMatter.SharedFactKind
}

const complete = (
  port: SharedData.SharedData["Service"],
  input: {
    readonly aggregate: string
    readonly stream: string
    readonly command: string
    readonly applicant: Application.ApplicantInput
    readonly materials: ReadonlyArray<Application.SubmittedMaterial>
    readonly now: string
    readonly wanted: ReadonlyArray<Wanted>
    readonly inherited: ReadonlyArray<Application.SharedDataReliance>
  },
): Effect.Effect<
  {
    readonly materials: ReadonlyArray<Application.SubmittedMaterial>
    readonly reliances: ReadonlyArray<Application.SharedDataReliance>
  },
  FetchError
> =>
  Effect.gen(function* () {
    const materials = [...input.materials]
    const reliances: Array<Application.SharedDataReliance> = []
    const noRecord: Array<string> = []
    for (const want of input.wanted) {
      const index = materials.findIndex((m) => want.codes.includes(m.code))
      const given = index < 0 ? undefined : materials[index]
      // handed over by the applicant itself (on paper, as a file, as a licence): nothing to fetch
      if (given !== undefined && given.form !== "sharedData") continue
      const code = given?.code ?? want.code
      const asShared: Application.SubmittedMaterial = { code, form: "sharedData" }
      const inherited = input.inherited.find((r) => want.codes.includes(r.materialCode) && r.kind === want.kind)
      if (inherited !== undefined) {
        if (index < 0) materials.push(asShared)
        else materials[index] = asShared
        reliances.push({ ...inherited, materialCode: code })
        continue
      }
      const fact = yield* port.fetch(want.kind, input.applicant.code, input.now)
      if (fact === undefined) {
        if (given !== undefined) noRecord.push(code)
        continue
      }
      if (index < 0) materials.push(asShared)
      else materials[index] = asShared
      reliances.push({
        materialCode: code,
        kind: want.kind,
        source: fact.provenance.source,
        fetchedAt: fact.provenance.fetchedAt,
        digest: fact.provenance.digest,
      })
    }
    if (noRecord.length > 0) {
      return yield* new CommandRejected({
        aggregate: input.aggregate,
        stream: input.stream,
        command: input.command,
        commandId: "",
        rejection: {
          _tag: "SharedDataRelianceInvalid",
          problem: "noRecord",
          codes: noRecord,
          message: `the shared-data source has no such fact about the applicant for ${noRecord.join(", ")}: hand over the material itself`,
        },
      })
    }
    return { materials, reliances }
  })

/**
 * Completes an application's materials from shared data: for every material the matter marks with
 * `sharedDataKind` that the applicant did not hand over itself, the fact is fetched about the
 * applicant; found (and decoded), the material is on file as `form: "sharedData"` and a reliance
 * records the source, the instant and the digest. A reliance already recorded for the case
 * (`inherited`: a bundle's child, whose bundle fetched the fact at its own submission) is kept as it
 * was and not fetched again.
 *
 * @category combinators
 * @since 0.3.0
 */
export const spareMaterials = (
  port: SharedData.SharedData["Service"],
  input: {
    readonly caseNo: string
    readonly applicant: Application.ApplicantInput
    readonly terms: PublishedMatter.PublishedMatter
    readonly materials: ReadonlyArray<Application.SubmittedMaterial>
    readonly now: string
    readonly inherited?: ReadonlyArray<Application.SharedDataReliance> | undefined
  },
) =>
  complete(port, {
    aggregate: "application",
    stream: `application-${input.caseNo}`,
    command: "SubmitApplication",
    applicant: input.applicant,
    materials: input.materials,
    now: input.now,
    inherited: input.inherited ?? [],
    wanted: input.terms.materials.flatMap((r) =>
      r.sharedDataKind === undefined ? [] : [{ code: r.code, codes: [r.code], kind: r.sharedDataKind }],
    ),
  })

/**
 * Completes a bundle submission's materials from shared data: a merged entry is taken from shared
 * data when every member requirement in it marks the same kind of fact (a member that does not
 * take it from shared data keeps asking for the material itself, so the entry is not spared).
 *
 * @category combinators
 * @since 0.3.0
 */
export const spareBundleMaterials = (
  port: SharedData.SharedData["Service"],
  input: {
    readonly caseNo: string
    readonly applicant: Application.ApplicantInput
    readonly bundle: ServiceBundle.PublishedBundle
    readonly materials: ReadonlyArray<Application.SubmittedMaterial>
    readonly now: string
  },
) => {
  const requirements = input.bundle.members.flatMap((member) => member.materials)
  const wanted: Array<Wanted> = []
  for (const entry of input.bundle.notice.materials) {
    const inEntry = requirements.filter((r) => entry.codes.includes(r.code))
    const kind = inEntry[0]?.sharedDataKind
    if (kind === undefined || !inEntry.every((r) => r.sharedDataKind === kind)) continue
    wanted.push({ code: entry.codes[0]!, codes: entry.codes, kind })
  }
  return complete(port, {
    aggregate: "bundlecase",
    stream: `bundlecase-${input.caseNo}`,
    command: "SubmitBundleApplication",
    applicant: input.applicant,
    materials: input.materials,
    now: input.now,
    inherited: [],
    wanted,
  })
}
