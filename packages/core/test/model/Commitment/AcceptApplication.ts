import {
  accept,
  acceptanceDay,
  type CommitmentCommand,
  type CommitmentModel,
  type CommitmentReal,
  caseNoOf,
  count,
  isAllowed,
  missing,
  settle,
} from "./model.ts"

/** The ordinary procedure, open whatever the credit record says: every mandatory material on file. */
export class AcceptApplicationCommand implements CommitmentCommand {
  check = (m: Readonly<CommitmentModel>) => isAllowed(m, "AcceptApplication") && missing(m, false).length === 0
  run(m: CommitmentModel, r: CommitmentReal): void {
    count("AcceptApplication")
    accept(m, r, { _tag: "AcceptApplication", caseNo: caseNoOf(m) })
    m.mode = "ordinary"
    m.acceptedOn = acceptanceDay(m)
    m.phase = "underReview"
    settle(m, r)
  }
  toString = () => "AcceptApplication"
}
