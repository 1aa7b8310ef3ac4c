import {
  approver,
  count,
  dateOf,
  type LicenceCommand,
  type LicenceModel,
  type LicenceReal,
  lastTo,
  licenceId,
  open,
  pending,
  rejectExactly,
} from "./model.ts"

/** A decision after the expiry (the law renewed it) or with nothing pending. */
export class DecideRenewalErrCommand implements LicenceCommand {
  constructor(readonly fault: "tooLate" | "nothingPending") {}
  check = (m: Readonly<LicenceModel>) => {
    const model = m as LicenceModel
    if (!open(model)) return false
    return this.fault === "tooLate" ? pending(model) && m.today > lastTo(model)! : !pending(model)
  }
  run(m: LicenceModel, r: LicenceReal): void {
    count(`DecideRenewal_Err(${this.fault})`)
    rejectExactly(
      m,
      r,
      { _tag: "DecideRenewal", licenceId, decision: { _tag: "Approve" } },
      this.fault === "tooLate"
        ? { _tag: "RenewalDecisionTooLate", deemedFrom: dateOf(lastTo(m)! + 1), article: "ALL Art 50" }
        : { _tag: "NothingPending", what: "renewal" },
      approver(m),
    )
  }
  toString = () => `DecideRenewal_Err(${this.fault})`
}
