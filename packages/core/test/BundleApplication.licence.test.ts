/**
 * The bundle decider's rules for electronic licences relied on at submission (the runtime looks
 * them up; the decider checks they fit): a reliance must be for a merged entry a member marks for
 * that licence and given as that licence with its number; a material given as such a licence
 * without the runtime's reliance is refused; the children inherit the reliances under their own
 * material codes; a material on file as a licence is never asked for again.
 */
import { Result } from "effect"
import { describe, expect, it } from "vitest"
import { BundleApplication, type PublishedMatter } from "../src/index.ts"
import {
  applicant,
  asApplicant,
  asClerkOf,
  asLeadClerk,
  fireSafety,
  foodLicence,
  publishedBundle,
} from "./model/BundleApplication/fixtures.ts"

const licenceMaterial: PublishedMatter.MaterialRequirement = {
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
const food = { ...foodLicence, materials: [...foodLicence.materials, licenceMaterial] }
const fire = { ...fireSafety, materials: [...fireSafety.materials, licenceMaterial] }
const bundle = publishedBundle([food, fire])
const reliance = {
  materialCode: "YYZZ",
  licenceId: "Q-1",
  licenceNo: "YYZZ-0001",
  baseCode: "000201001000",
  version: 3,
  validOn: "2026-09-24",
} as BundleApplication.State["licencesReliedOn"][number]
const paper = (...codes: ReadonlyArray<string>) => codes.map((code) => ({ code, form: "paper" as const }))
const asLicence = { code: "YYZZ", form: "electronicLicence" as const, licenceNo: "YYZZ-0001" }
const { decide, evolve, initialState } = BundleApplication.decider

const submit = (
  materials: BundleApplication.SubmitBundleApplication["materials"],
  licencesReliedOn?: BundleApplication.SubmitBundleApplication["licencesReliedOn"],
) =>
  decide(
    {
      _tag: "SubmitBundleApplication",
      caseNo: "YJS-1",
      applicant,
      bundle,
      materials,
      ...(licencesReliedOn === undefined ? {} : { licencesReliedOn }),
    },
    initialState,
    asApplicant,
  )

describe("BundleApplication — electronic licences relied on", () => {
  it("refuses a material given as a licence of this system without the runtime's look-up", () => {
    const refused = submit([...paper("F01"), asLicence])
    expect(Result.isFailure(refused) && refused.failure).toMatchObject({
      _tag: "LicenceRelianceInvalid",
      problem: "notLookedUp",
      codes: ["YYZZ"],
    })
  })

  it("refuses a reliance that does not fit the material handed over", () => {
    for (const [materials, relied] of [
      [[...paper("F01"), { ...asLicence, licenceNo: "OTHER" }], [reliance]],
      [paper("F01", "YYZZ"), [reliance]],
      [[...paper("F01"), asLicence], [{ ...reliance, baseCode: "000101001000" }]],
      [
        [...paper("F01"), asLicence],
        [reliance, reliance],
      ],
      [[...paper("F01"), asLicence], [{ ...reliance, materialCode: "NOPE" }]],
    ] as const) {
      const refused = submit(materials, relied)
      expect(Result.isFailure(refused) && refused.failure).toMatchObject({
        _tag: "LicenceRelianceInvalid",
        problem: "mismatch",
      })
    }
  })

  it("records the reliance, never asks for the material again and hands it to every child that needs it", () => {
    const submitted = submit([...paper("F01", "F-ID", "LEASE", "F04", "X01", "X03"), asLicence], [reliance])
    if (Result.isFailure(submitted)) throw new Error(JSON.stringify(submitted.failure))
    expect(submitted.success[0]).toMatchObject({ licencesReliedOn: [reliance] })
    const state = submitted.success.reduce(evolve, initialState)
    const askedAgain = decide(
      {
        _tag: "ProposeCorrection",
        caseNo: "YJS-1",
        implementationCode: fire.implementationCode,
        items: [{ code: "YYZZ", problem: "missing", note: "请提交营业执照" }],
      },
      state,
      asClerkOf(fire.implementingAuthority),
    )
    expect(Result.isFailure(askedAgain) && askedAgain.failure).toMatchObject({ _tag: "MaterialAlreadyHandedOver" })
    const accepted = decide(
      {
        _tag: "AcceptBundle",
        caseNo: "YJS-1",
        members: [food, fire].map((m) => ({
          implementationCode: m.implementationCode,
          acceptance: { _tag: "Ordinary" },
        })),
      },
      state,
      asLeadClerk,
    )
    if (Result.isFailure(accepted)) throw new Error(JSON.stringify(accepted.failure))
    const children = (accepted.success[0] as BundleApplication.BundleAccepted).children
    for (const child of children) {
      expect(child.licencesReliedOn).toEqual([reliance])
      expect(child.materials).toContainEqual(asLicence)
    }
  })
})
