import {
  count,
  grantFor,
  type LicenceCommand,
  type LicenceModel,
  type LicenceReal,
  licenceId,
  rejectExactly,
  system,
} from "./model.ts"

/** Issuing again is refused; so is any other command before the issue. */
export class IssueErrCommand implements LicenceCommand {
  check = () => true
  run(m: LicenceModel, r: LicenceReal): void {
    if (m.issued) {
      count("Issue_Err(alreadyIssued)")
      rejectExactly(
        m,
        r,
        { _tag: "IssueLicence", licenceId, grant: grantFor(m.today, 90, 30) },
        { _tag: "AlreadyIssued", licenceId },
        system(m),
      )
    } else {
      count("Issue_Err(notIssued)")
      rejectExactly(m, r, { _tag: "RecordExpiry", licenceId }, { _tag: "NotIssued", licenceId }, system(m))
    }
  }
  toString = () => "Issue_Err"
}
