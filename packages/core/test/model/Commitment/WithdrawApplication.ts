import {
  accept,
  type CommitmentCommand,
  type CommitmentModel,
  type CommitmentReal,
  caseNoOf,
  count,
  isAllowed,
  settle,
} from "./model.ts"

/** The applicant withdraws before a decision (rarely, so that cases reach their ends). */
export class WithdrawApplicationCommand implements CommitmentCommand {
  constructor(readonly rarely: number) {}
  check = (m: Readonly<CommitmentModel>) => this.rarely === 0 && isAllowed(m, "WithdrawApplication")
  run(m: CommitmentModel, r: CommitmentReal): void {
    count("WithdrawApplication")
    accept(m, r, { _tag: "WithdrawApplication", caseNo: caseNoOf(m), reason: "改为普通程序另行申请" })
    m.phase = "withdrawn"
    settle(m, r)
  }
  toString = () => "WithdrawApplication"
}
