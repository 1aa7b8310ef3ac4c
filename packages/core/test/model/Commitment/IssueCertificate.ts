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

/** The certificate: the case is concluded, or verified when its commitment was already confirmed. */
export class IssueCertificateCommand implements CommitmentCommand {
  check = (m: Readonly<CommitmentModel>) => isAllowed(m, "IssueCertificate")
  run(m: CommitmentModel, r: CommitmentReal): void {
    count("IssueCertificate")
    accept(m, r, {
      _tag: "IssueCertificate",
      caseNo: caseNoOf(m),
      certificateNo: `JY1430102${m.caseIndex}`,
      lateExplanation: "制证系统升级",
    })
    m.certificate = true
    m.phase = m.confirmedOn === null ? "concluded" : "verified"
    settle(m, r)
  }
  toString = () => "IssueCertificate"
}
