import type { Application } from "../../../src/index.ts"
import {
  type ApplicationCommand,
  type ApplicationModel,
  type ApplicationReal,
  caseNo,
  count,
  isAllowed,
  phaseRejection,
  rejectExactly,
} from "./model.ts"

export type ResubmitFault = "phase" | "notRequested"

const unrequested = (m: Readonly<ApplicationModel>): string | undefined =>
  m.terms.materials.map((x) => x.code).find((code) => !m.toCorrect.includes(code))

/** ResubmitMaterials that must fail: wrong phase, or a material no request asks for. */
export class ResubmitMaterialsErrCommand implements ApplicationCommand {
  constructor(readonly fault: ResubmitFault) {}
  check = (m: Readonly<ApplicationModel>) =>
    this.fault === "phase"
      ? !isAllowed(m, "ResubmitMaterials")
      : isAllowed(m, "ResubmitMaterials") && unrequested(m) !== undefined
  run(m: ApplicationModel, r: ApplicationReal): void {
    count("ResubmitMaterials_Err")
    const code = this.fault === "phase" ? "M01" : unrequested(m)!
    const expected: Application.Rejection =
      this.fault === "phase" ? phaseRejection(m, "ResubmitMaterials") : { _tag: "NotRequested", codes: [code] }
    rejectExactly(m, r, { _tag: "ResubmitMaterials", caseNo, materials: [{ code, form: "paper" }] }, expected)
  }
  toString = () => `ResubmitMaterials_Err(${this.fault})`
}
