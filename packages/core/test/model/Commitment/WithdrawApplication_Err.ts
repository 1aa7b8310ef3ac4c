import {
  type CommitmentCommand,
  type CommitmentModel,
  type CommitmentReal,
  caseNoOf,
  count,
  isAllowed,
  phaseRejection,
  rejectExactly,
} from "./model.ts"

/** WithdrawApplication after the decision, or before the case exists. */
export class WithdrawApplicationErrCommand implements CommitmentCommand {
  check = (m: Readonly<CommitmentModel>) => !isAllowed(m, "WithdrawApplication")
  run(m: CommitmentModel, r: CommitmentReal): void {
    count("WithdrawApplication_Err")
    rejectExactly(
      m,
      r,
      { _tag: "WithdrawApplication", caseNo: caseNoOf(m), reason: "" },
      phaseRejection(m, "WithdrawApplication"),
    )
  }
  toString = () => "WithdrawApplication_Err(phase)"
}
