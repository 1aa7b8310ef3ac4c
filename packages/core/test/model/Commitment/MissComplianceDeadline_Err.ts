import type { Application } from "../../../src/index.ts"
import {
  type CommitmentCommand,
  type CommitmentModel,
  type CommitmentReal,
  caseNoOf,
  count,
  countFault,
  day,
  dayAfter,
  isAllowed,
  pastMeetBy,
  phaseRejection,
  proofDue,
  rejectExactly,
} from "./model.ts"

export type MissFault = "phase" | "notDue" | "early"

/** MissComplianceDeadline that must fail: wrong phase, no proof due, or the date not yet passed. */
export class MissComplianceDeadlineErrCommand implements CommitmentCommand {
  constructor(readonly fault: MissFault) {}
  check = (m: Readonly<CommitmentModel>) => {
    if (this.fault === "phase") return !isAllowed(m, "MissComplianceDeadline")
    if (!isAllowed(m, "MissComplianceDeadline")) return false
    return this.fault === "notDue" ? !proofDue(m) : proofDue(m) && !pastMeetBy(m)
  }
  run(m: CommitmentModel, r: CommitmentReal): void {
    count("MissComplianceDeadline_Err")
    countFault("MissComplianceDeadline_Err", this.fault)
    const expected: Record<MissFault, () => Application.Rejection> = {
      phase: () => phaseRejection(m, "MissComplianceDeadline"),
      notDue: () => ({ _tag: "ComplianceProofNotDue", caseNo: caseNoOf(m) }),
      early: () => ({
        _tag: "TooEarly",
        command: "MissComplianceDeadline",
        earliestOn: dayAfter(m.meetBy!),
        on: day(m.today),
      }),
    }
    rejectExactly(m, r, { _tag: "MissComplianceDeadline", caseNo: caseNoOf(m) }, expected[this.fault]())
  }
  toString = () => `MissComplianceDeadline_Err(${this.fault})`
}
