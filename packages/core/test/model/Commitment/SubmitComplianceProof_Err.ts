import type { Application } from "../../../src/index.ts"
import {
  type CommitmentCommand,
  type CommitmentModel,
  type CommitmentReal,
  caseNoOf,
  count,
  countFault,
  day,
  isAllowed,
  pastMeetBy,
  phaseRejection,
  proofDue,
  rejectExactly,
} from "./model.ts"

export type ProofFault = "phase" | "notDue" | "late" | "text"

/** SubmitComplianceProof that must fail: wrong phase, no proof due, after the date, or without a description. */
export class SubmitComplianceProofErrCommand implements CommitmentCommand {
  constructor(readonly fault: ProofFault) {}
  check = (m: Readonly<CommitmentModel>) => {
    if (this.fault === "phase") return !isAllowed(m, "SubmitComplianceProof")
    if (!isAllowed(m, "SubmitComplianceProof")) return false
    if (this.fault === "notDue") return !proofDue(m)
    return proofDue(m) && (this.fault === "late") === pastMeetBy(m)
  }
  run(m: CommitmentModel, r: CommitmentReal): void {
    count("SubmitComplianceProof_Err")
    countFault("SubmitComplianceProof_Err", this.fault)
    const expected: Record<ProofFault, () => Application.Rejection> = {
      phase: () => phaseRejection(m, "SubmitComplianceProof"),
      notDue: () => ({ _tag: "ComplianceProofNotDue", caseNo: caseNoOf(m) }),
      late: () => ({ _tag: "ComplianceDeadlinePassed", meetBy: day(m.meetBy!), on: day(m.today) }),
      text: () => ({ _tag: "TextRequired", field: "description" }),
    }
    rejectExactly(
      m,
      r,
      { _tag: "SubmitComplianceProof", caseNo: caseNoOf(m), description: this.fault === "text" ? " " : "验收照片" },
      expected[this.fault](),
    )
  }
  toString = () => `SubmitComplianceProof_Err(${this.fault})`
}
