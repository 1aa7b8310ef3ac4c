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

export type GrantFault = "phase" | "lapsedCommitment"

/** GrantApplication that must fail: wrong phase, or the committed date passed without proof. */
export class GrantApplicationErrCommand implements CommitmentCommand {
  constructor(readonly fault: GrantFault) {}
  check = (m: Readonly<CommitmentModel>) =>
    this.fault === "phase"
      ? !isAllowed(m, "GrantApplication")
      : isAllowed(m, "GrantApplication") && proofDue(m) && pastMeetBy(m)
  run(m: CommitmentModel, r: CommitmentReal): void {
    count("GrantApplication_Err")
    countFault("GrantApplication_Err", this.fault)
    rejectExactly(
      m,
      r,
      { _tag: "GrantApplication", caseNo: caseNoOf(m), overtimeExplanation: "现场核查排期延误" },
      this.fault === "phase"
        ? phaseRejection(m, "GrantApplication")
        : { _tag: "ComplianceDeadlinePassed", meetBy: day(m.meetBy!), on: day(m.today) },
    )
  }
  toString = () => `GrantApplication_Err(${this.fault})`
}
