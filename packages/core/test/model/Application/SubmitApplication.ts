import type { Application } from "../../../src/index.ts"
import {
  type ApplicationCommand,
  type ApplicationModel,
  type ApplicationReal,
  accept,
  caseNo,
  count,
  enterprise,
  isAllowed,
  settle,
} from "./model.ts"

/** The case is submitted with some of the matter's materials (M02 possibly as an electronic licence). */
export class SubmitApplicationCommand implements ApplicationCommand {
  constructor(
    readonly codes: ReadonlyArray<string>,
    readonly viaLicence: boolean,
  ) {}
  check = (m: Readonly<ApplicationModel>) => isAllowed(m, "SubmitApplication")
  run(m: ApplicationModel, r: ApplicationReal): void {
    count("SubmitApplication")
    const codes = m.terms.materials.map((x) => x.code).filter((code) => this.codes.includes(code))
    const materials = codes.map(
      (code): Application.SubmittedMaterial =>
        code === "M02" && this.viaLicence
          ? { code, form: "electronicLicence", licenceNo: "E-91430102" }
          : { code, form: "paper" },
    )
    accept(m, r, { _tag: "SubmitApplication", caseNo, applicant: enterprise, matter: m.terms, materials })
    m.phase = "submitted"
    m.onFile = codes
    m.receivedOn = m.today
    settle(m, r)
  }
  toString = () => `SubmitApplication([${this.codes.join(",")}]${this.viaLicence ? ", M02 as e-licence" : ""})`
}
