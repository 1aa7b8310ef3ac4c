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

/** IssueCertificate before a grant, or after the case moved on. */
export class IssueCertificateErrCommand implements CommitmentCommand {
  check = (m: Readonly<CommitmentModel>) => !isAllowed(m, "IssueCertificate")
  run(m: CommitmentModel, r: CommitmentReal): void {
    count("IssueCertificate_Err")
    rejectExactly(
      m,
      r,
      { _tag: "IssueCertificate", caseNo: caseNoOf(m), certificateNo: "JY1" },
      phaseRejection(m, "IssueCertificate"),
    )
  }
  toString = () => "IssueCertificate_Err(phase)"
}
