import type { Application } from "../../../src/index.ts"
import {
  type ApplicationCommand,
  type ApplicationModel,
  type ApplicationReal,
  addWorkingDays,
  caseNo,
  count,
  day,
  isAllowed,
  phaseRejection,
  rejectExactly,
} from "./model.ts"

export type CertificateFault = "phase" | "late"

/** IssueCertificate that must fail: no grant, or after the 10th working day unexplained. */
export class IssueCertificateErrCommand implements ApplicationCommand {
  constructor(readonly fault: CertificateFault) {}
  check = (m: Readonly<ApplicationModel>) =>
    this.fault === "phase"
      ? !isAllowed(m, "IssueCertificate")
      : isAllowed(m, "IssueCertificate") && m.today > addWorkingDays(m.decidedOn!, 10)
  run(m: ApplicationModel, r: ApplicationReal): void {
    count("IssueCertificate_Err")
    const expected: Application.Rejection =
      this.fault === "phase"
        ? phaseRejection(m, "IssueCertificate")
        : { _tag: "OvertimeExplanationRequired", dueOn: day(addWorkingDays(m.decidedOn!, 10)), on: day(m.today) }
    rejectExactly(m, r, { _tag: "IssueCertificate", caseNo, certificateNo: "JY1" }, expected)
  }
  toString = () => `IssueCertificate_Err(${this.fault})`
}
