import {
  accept,
  type CommitmentCommand,
  type CommitmentModel,
  type CommitmentReal,
  caseNoOf,
  count,
  isAllowed,
  pastMeetBy,
  proofDue,
  settle,
} from "./model.ts"

/** The timer: the committed date passed without proof; the case lapses and the licence never takes effect. */
export class MissComplianceDeadlineCommand implements CommitmentCommand {
  check = (m: Readonly<CommitmentModel>) => isAllowed(m, "MissComplianceDeadline") && proofDue(m) && pastMeetBy(m)
  run(m: CommitmentModel, r: CommitmentReal): void {
    count("MissComplianceDeadline")
    accept(m, r, { _tag: "MissComplianceDeadline", caseNo: caseNoOf(m) })
    m.phase = "lapsed"
    settle(m, r)
  }
  toString = () => "MissComplianceDeadline"
}
