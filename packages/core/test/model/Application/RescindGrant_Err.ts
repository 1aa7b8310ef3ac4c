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

export type RescindFault = "phase" | "basis"

/** RescindGrant that must fail: no grant, or no legal basis. */
export class RescindGrantErrCommand implements ApplicationCommand {
  constructor(readonly fault: RescindFault) {}
  check = (m: Readonly<ApplicationModel>) =>
    this.fault === "phase" ? !isAllowed(m, "RescindGrant") : isAllowed(m, "RescindGrant")
  run(m: ApplicationModel, r: ApplicationReal): void {
    count("RescindGrant_Err")
    const expected: Application.Rejection =
      this.fault === "phase" ? phaseRejection(m, "RescindGrant") : { _tag: "TextRequired", field: "legalBasis" }
    rejectExactly(m, r, { _tag: "RescindGrant", caseNo, legalBasis: "", reasons: "以欺骗手段取得" }, expected)
  }
  toString = () => `RescindGrant_Err(${this.fault})`
}
