import type { Application } from "../../../src/index.ts"
import {
  type ApplicationCommand,
  type ApplicationModel,
  type ApplicationReal,
  caseNo,
  count,
  day,
  falseMaterialsFound,
  isAllowed,
  isOvertime,
  phaseRejection,
  promisedDue,
  rejectExactly,
  resultAllowed,
} from "./model.ts"

export type GrantFault = "phase" | "outstanding" | "overtime" | "falseMaterials"

/** GrantApplication that must fail: wrong phase, deferred materials outstanding, past the promised date unexplained, or false materials found (ALL Art 78). */
export class GrantApplicationErrCommand implements ApplicationCommand {
  constructor(readonly fault: GrantFault) {}
  check = (m: Readonly<ApplicationModel>) => {
    if (this.fault === "phase") return !isAllowed(m, "GrantApplication")
    if (!isAllowed(m, "GrantApplication")) return false
    if (this.fault === "outstanding") return !resultAllowed(m)
    if (this.fault === "overtime") return resultAllowed(m) && isOvertime(m)
    return resultAllowed(m) && !isOvertime(m) && falseMaterialsFound(m)
  }
  run(m: ApplicationModel, r: ApplicationReal): void {
    count("GrantApplication_Err")
    const expected: Record<GrantFault, () => Application.Rejection> = {
      phase: () => phaseRejection(m, "GrantApplication"),
      outstanding: () => ({ _tag: "DeferredMaterialsOutstanding", codes: m.deferred }),
      overtime: () => ({ _tag: "OvertimeExplanationRequired", dueOn: day(promisedDue(m)!), on: day(m.today) }),
      falseMaterials: () => ({ _tag: "FraudFindingOnRecord", foundOn: day(m.fraudOn!), article: "ALL Art 78" }),
    }
    rejectExactly(m, r, { _tag: "GrantApplication", caseNo }, expected[this.fault]())
  }
  toString = () => `GrantApplication_Err(${this.fault})`
}
