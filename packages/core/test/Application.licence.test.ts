/**
 * 电子证照免提交 in the decider: a material the matter marks as satisfied by a licence
 * (`licenceBaseCode`) is taken as a licence only with the reliance the runtime looked up at
 * submission; the case records it. A caller's word (a licence number alone), a reliance for another
 * material or another licence, or a licence given on resubmission is refused, and nothing changes.
 */
import { describe, it } from "vitest"
import { Application, type PublishedMatter } from "../src/index.ts"
import { DeciderSpecification } from "../src/testing.ts"
import { as, caseNo, D0, date, enterprise, foodLicence, paper, play } from "./arbitraries/application.ts"

const spec = DeciderSpecification.for(Application.decider)

// M04 (the premises layout) is satisfied by the premises licence, base code 000301001000
const matter: PublishedMatter.PublishedMatter = {
  ...foodLicence,
  materials: foodLicence.materials.map((m) => (m.code === "M04" ? { ...m, licenceBaseCode: "000301001000" } : m)),
}
const licence = { code: "M04", form: "electronicLicence", licenceNo: "CS-2026-0001" } as const
const reliance: Application.LicenceReliance = {
  materialCode: "M04",
  licenceId: "2026-0007",
  licenceNo: "CS-2026-0001",
  baseCode: "000301001000",
  version: 3,
  validOn: date(D0),
}
const submit = (
  materials: ReadonlyArray<Application.SubmittedMaterial>,
  licencesReliedOn?: ReadonlyArray<Application.LicenceReliance>,
): Application.SubmitApplication => ({
  _tag: "SubmitApplication",
  caseNo,
  applicant: enterprise,
  matter,
  materials,
  ...(licencesReliedOn === undefined ? {} : { licencesReliedOn }),
})
const others = ["M01", "M02", "M03"].map(paper)

describe("电子证照 — a licence the runtime looked up satisfies a material", () => {
  it("the case records the licence and the version relied on", () => {
    spec
      .given([])
      .when(submit([...others, licence], [reliance]), as("windowClerk", D0))
      .thenEmits([
        {
          _tag: "ApplicationSubmitted",
          caseNo,
          applicant: enterprise,
          matter,
          materials: [...others, licence],
          receivedOn: date(D0),
          licencesReliedOn: [reliance],
        },
      ])
  })
  it("a licence number alone (no reliance) is the caller's word: refused", () => {
    spec
      .given([])
      .when(submit([...others, licence]), as("windowClerk", D0))
      .thenRejects({
        _tag: "LicenceRelianceInvalid",
        problem: "notLookedUp",
        codes: ["M04"],
        message:
          "a material satisfied by a licence is taken only as the runtime looked the licence up at submission; otherwise give the material itself",
      })
  })
  it("a reliance for another licence number, or for a material the matter does not mark, is refused", () => {
    spec
      .given([])
      .when(submit([...others, { ...licence, licenceNo: "CS-OTHER" }], [reliance]), as("windowClerk", D0))
      .thenRejects((r) => r._tag === "LicenceRelianceInvalid")
    spec
      .given([])
      .when(
        submit([...others, licence], [reliance, { ...reliance, materialCode: "M01", baseCode: "000301001000" }]),
        as("windowClerk", D0),
      )
      .thenRejects((r) => r._tag === "LicenceRelianceInvalid")
  })
  it("on resubmission a licence cannot be named: the material itself is handed over", () => {
    const noticed = play([
      [submit(others), as("windowClerk", D0)],
      [
        { _tag: "RequestCorrection", caseNo, items: [{ code: "M04", problem: "missing", note: "" }] },
        as("windowClerk", D0),
      ],
    ]).events
    spec
      .given(noticed)
      .when({ _tag: "ResubmitMaterials", caseNo, materials: [licence] }, as("applicant", D0))
      .thenRejects((r) => r._tag === "LicenceRelianceInvalid")
  })
})
