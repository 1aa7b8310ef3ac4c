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

export type SpecialFault = "phase" | "notAllowed" | "duration"

/** StartSpecialProcedure that must fail: wrong phase, a procedure the matter does not allow, or no whole expected duration. */
export class StartSpecialProcedureErrCommand implements ApplicationCommand {
  constructor(readonly fault: SpecialFault) {}
  check = (m: Readonly<ApplicationModel>) => {
    if (this.fault === "phase") return !isAllowed(m, "StartSpecialProcedure")
    if (!isAllowed(m, "StartSpecialProcedure")) return false
    return this.fault === "notAllowed" || m.terms.specialProcedures.length > 0
  }
  run(m: ApplicationModel, r: ApplicationReal): void {
    count("StartSpecialProcedure_Err")
    const procedure = this.fault === "notAllowed" ? "hearing" : (m.terms.specialProcedures[0] ?? "hearing")
    const expectedWorkingDays = this.fault === "duration" ? 0 : 5
    const expected: Application.Rejection =
      this.fault === "phase"
        ? phaseRejection(m, "StartSpecialProcedure")
        : this.fault === "notAllowed"
          ? { _tag: "SpecialProcedureNotAllowed", procedure, allowed: m.terms.specialProcedures }
          : { _tag: "InvalidExpectedDuration", expectedWorkingDays }
    rejectExactly(
      m,
      r,
      { _tag: "StartSpecialProcedure", caseNo, procedure, expectedWorkingDays, reason: "核查" },
      expected,
    )
  }
  toString = () => `StartSpecialProcedure_Err(${this.fault})`
}
