import type { Application } from "../../../src/index.ts"
import {
  type ApplicationCommand,
  type ApplicationModel,
  type ApplicationReal,
  caseNo,
  count,
  day,
  isAllowed,
  isOvertime,
  phaseRejection,
  promisedDue,
  rejectExactly,
  resultAllowed,
} from "./model.ts"

export type GrantFault = "phase" | "outstanding" | "overtime"

/** GrantApplication that must fail: wrong phase, deferred materials outstanding, or past the promised date unexplained. */
export class GrantApplicationErrCommand implements ApplicationCommand {
  constructor(readonly fault: GrantFault) {}
  check = (m: Readonly<ApplicationModel>) => {
    if (this.fault === "phase") return !isAllowed(m, "GrantApplication")
    if (!isAllowed(m, "GrantApplication")) return false
    return this.fault === "outstanding" ? !resultAllowed(m) : resultAllowed(m) && isOvertime(m)
  }
  run(m: ApplicationModel, r: ApplicationReal): void {
    count("GrantApplication_Err")
    const expected: Record<GrantFault, () => Application.Rejection> = {
      phase: () => phaseRejection(m, "GrantApplication"),
      outstanding: () => ({ _tag: "DeferredMaterialsOutstanding", codes: m.deferred }),
      overtime: () => ({ _tag: "OvertimeExplanationRequired", dueOn: day(promisedDue(m)!), on: day(m.today) }),
    }
    rejectExactly(m, r, { _tag: "GrantApplication", caseNo }, expected[this.fault]())
  }
  toString = () => `GrantApplication_Err(${this.fault})`
}
