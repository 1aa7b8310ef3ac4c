import type { Application } from "../../../src/index.ts"
import { remedies } from "./DenyApplication.ts"
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
} from "./model.ts"

export type DenyFault = "phase" | "reasons" | "overtime"

/** DenyApplication that must fail: wrong phase, no reasons, or past the promised date unexplained. */
export class DenyApplicationErrCommand implements ApplicationCommand {
  constructor(readonly fault: DenyFault) {}
  check = (m: Readonly<ApplicationModel>) => {
    if (this.fault === "phase") return !isAllowed(m, "DenyApplication")
    if (!isAllowed(m, "DenyApplication")) return false
    return this.fault === "reasons" || isOvertime(m)
  }
  run(m: ApplicationModel, r: ApplicationReal): void {
    count("DenyApplication_Err")
    const expected: Record<DenyFault, () => Application.Rejection> = {
      phase: () => phaseRejection(m, "DenyApplication"),
      reasons: () => ({ _tag: "TextRequired", field: "reasons" }),
      overtime: () => ({ _tag: "OvertimeExplanationRequired", dueOn: day(promisedDue(m)!), on: day(m.today) }),
    }
    const reasons = this.fault === "reasons" ? " " : "不符合许可条件"
    rejectExactly(m, r, { _tag: "DenyApplication", caseNo, reasons, remedies }, expected[this.fault]())
  }
  toString = () => `DenyApplication_Err(${this.fault})`
}
