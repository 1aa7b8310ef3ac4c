import type { Application } from "../../../src/index.ts"
import {
  type ApplicationCommand,
  type ApplicationModel,
  type ApplicationReal,
  caseNo,
  count,
  day,
  isAllowed,
  phaseRejection,
  rejectExactly,
} from "./model.ts"

export type FraudFault = "phase" | "again" | "findings"

/** RecordFraudFinding that must fail: wrong phase, a finding already on record, or no findings. */
export class RecordFraudFindingErrCommand implements ApplicationCommand {
  constructor(readonly fault: FraudFault) {}
  check = (m: Readonly<ApplicationModel>) => {
    if (this.fault === "phase") return !isAllowed(m, "RecordFraudFinding")
    if (!isAllowed(m, "RecordFraudFinding")) return false
    return this.fault === "again" ? m.fraud !== null : m.fraud === null
  }
  run(m: ApplicationModel, r: ApplicationReal): void {
    count("RecordFraudFinding_Err")
    const expected: Application.Rejection =
      this.fault === "phase"
        ? phaseRejection(m, "RecordFraudFinding")
        : this.fault === "again"
          ? { _tag: "FraudAlreadyFound", foundOn: day(m.fraudOn!), article: m.fraud! }
          : { _tag: "TextRequired", field: "findings" }
    rejectExactly(
      m,
      r,
      { _tag: "RecordFraudFinding", caseNo, findings: this.fault === "findings" ? " " : "伪造场地租赁合同" },
      expected,
    )
  }
  toString = () => `RecordFraudFinding_Err(${this.fault})`
}
