import type { Application } from "../../../src/index.ts"
import {
  type ApplicationCommand,
  type ApplicationModel,
  type ApplicationReal,
  caseNo,
  count,
  isAllowed,
  isImmediate,
  missingMandatory,
  phaseRejection,
  rejectExactly,
} from "./model.ts"

export type AcceptFault = "phase" | "immediate" | "missing"

/** AcceptApplication that must fail: wrong phase, an immediate matter, or missing mandatory materials. */
export class AcceptApplicationErrCommand implements ApplicationCommand {
  constructor(readonly fault: AcceptFault) {}
  check = (m: Readonly<ApplicationModel>) => {
    if (this.fault === "phase") return !isAllowed(m, "AcceptApplication")
    if (!isAllowed(m, "AcceptApplication")) return false
    return this.fault === "immediate" ? isImmediate(m) : !isImmediate(m) && missingMandatory(m).length > 0
  }
  run(m: ApplicationModel, r: ApplicationReal): void {
    count("AcceptApplication_Err")
    const expected: Application.Rejection =
      this.fault === "phase"
        ? phaseRejection(m, "AcceptApplication")
        : this.fault === "immediate"
          ? { _tag: "ImmediateMatter", implementationCode: m.terms.implementationCode }
          : { _tag: "MandatoryMaterialsMissing", codes: missingMandatory(m) }
    rejectExactly(m, r, { _tag: "AcceptApplication", caseNo }, expected)
  }
  toString = () => `AcceptApplication_Err(${this.fault})`
}
