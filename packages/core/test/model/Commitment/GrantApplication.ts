import {
  accept,
  addWorkingDays,
  type CommitmentCommand,
  type CommitmentModel,
  type CommitmentReal,
  caseNoOf,
  count,
  isAllowed,
  isCommitment,
  pastMeetBy,
  promisedDue,
  proofDue,
  settingsOf,
  settle,
} from "./model.ts"

/** The approver grants — never on a commitment whose date passed without proof; explained when late. */
export class GrantApplicationCommand implements CommitmentCommand {
  check = (m: Readonly<CommitmentModel>) => isAllowed(m, "GrantApplication") && !(proofDue(m) && pastMeetBy(m))
  run(m: CommitmentModel, r: CommitmentReal): void {
    count("GrantApplication")
    const late = m.today > promisedDue(m)
    accept(m, r, {
      _tag: "GrantApplication",
      caseNo: caseNoOf(m),
      ...(late ? { overtimeExplanation: "现场核查排期延误" } : {}),
    })
    m.phase = "granted"
    m.decidedOn = m.today
    const verification = settingsOf(m).verification
    if (isCommitment(m) && verification._tag === "Required" && m.confirmedOn === null) {
      m.verificationDue = addWorkingDays(m.today, verification.periodWorkingDays)
    }
    settle(m, r)
  }
  toString = () => "GrantApplication"
}
