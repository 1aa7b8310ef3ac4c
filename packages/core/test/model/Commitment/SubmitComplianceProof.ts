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

/** Under "will meet by", the applicant proves it meets the conditions, by the date. */
export class SubmitComplianceProofCommand implements CommitmentCommand {
  check = (m: Readonly<CommitmentModel>) => isAllowed(m, "SubmitComplianceProof") && proofDue(m) && !pastMeetBy(m)
  run(m: CommitmentModel, r: CommitmentReal): void {
    count("SubmitComplianceProof")
    accept(m, r, { _tag: "SubmitComplianceProof", caseNo: caseNoOf(m), description: "经营场所改造完成，提交验收照片" })
    m.proofOn = m.today
    settle(m, r)
  }
  toString = () => "SubmitComplianceProof"
}
