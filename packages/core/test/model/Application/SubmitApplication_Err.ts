import type { Application } from "../../../src/index.ts"
import { person } from "../../arbitraries/application.ts"
import {
  type ApplicationCommand,
  type ApplicationModel,
  type ApplicationReal,
  caseNo,
  count,
  enterprise,
  isAllowed,
  phaseRejection,
  rejectExactly,
} from "./model.ts"

export type SubmitFault = "phase" | "duplicate" | "unknown" | "electronicLicence" | "applicant"

/** SubmitApplication that must fail: wrong phase, a repeated or unknown material, an unaccepted e-licence, another applicant than the draft's. */
export class SubmitApplicationErrCommand implements ApplicationCommand {
  constructor(readonly fault: SubmitFault) {}
  check = (m: Readonly<ApplicationModel>) =>
    this.fault === "phase"
      ? !isAllowed(m, "SubmitApplication")
      : isAllowed(m, "SubmitApplication") && (this.fault !== "applicant" || m.phase === "draft")
  run(m: ApplicationModel, r: ApplicationReal): void {
    count("SubmitApplication_Err")
    const paper = (code: string): Application.SubmittedMaterial => ({ code, form: "paper" })
    const materials: Record<SubmitFault, ReadonlyArray<Application.SubmittedMaterial>> = {
      phase: [paper("M01")],
      duplicate: [paper("M01"), paper("M01")],
      unknown: [paper("M01"), paper("X99")],
      electronicLicence: [{ code: "M01", form: "electronicLicence", licenceNo: "E-1" }],
      applicant: [paper("M01")],
    }
    const expected: Record<SubmitFault, () => Application.Rejection> = {
      phase: () => phaseRejection(m, "SubmitApplication"),
      duplicate: () => ({ _tag: "DuplicateMaterialCodes", codes: ["M01"] }),
      unknown: () => ({ _tag: "UnknownMaterials", codes: ["X99"] }),
      electronicLicence: () => ({ _tag: "ElectronicLicenceNotAccepted", codes: ["M01"] }),
      applicant: () => ({ _tag: "ApplicantMismatch", caseNo }),
    }
    rejectExactly(
      m,
      r,
      {
        _tag: "SubmitApplication",
        caseNo,
        applicant: this.fault === "applicant" ? person : enterprise,
        matter: m.terms,
        materials: materials[this.fault],
      },
      expected[this.fault](),
    )
  }
  toString = () => `SubmitApplication_Err(${this.fault})`
}
