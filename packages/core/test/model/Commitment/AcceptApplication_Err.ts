import {
  type CommitmentCommand,
  type CommitmentModel,
  type CommitmentReal,
  caseNoOf,
  count,
  countFault,
  isAllowed,
  missing,
  phaseRejection,
  rejectExactly,
} from "./model.ts"

export type AcceptFault = "phase" | "missing"

/** AcceptApplication that must fail: wrong phase, or a mandatory material (a replaceable one too) missing. */
export class AcceptApplicationErrCommand implements CommitmentCommand {
  constructor(readonly fault: AcceptFault) {}
  check = (m: Readonly<CommitmentModel>) =>
    this.fault === "phase"
      ? !isAllowed(m, "AcceptApplication")
      : isAllowed(m, "AcceptApplication") && missing(m, false).length > 0
  run(m: CommitmentModel, r: CommitmentReal): void {
    count("AcceptApplication_Err")
    countFault("AcceptApplication_Err", this.fault)
    rejectExactly(
      m,
      r,
      { _tag: "AcceptApplication", caseNo: caseNoOf(m) },
      this.fault === "phase"
        ? phaseRejection(m, "AcceptApplication")
        : { _tag: "MandatoryMaterialsMissing", codes: missing(m, false) },
    )
  }
  toString = () => `AcceptApplication_Err(${this.fault})`
}
