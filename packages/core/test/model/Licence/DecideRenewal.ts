import {
  accept,
  approver,
  count,
  type LicenceCommand,
  type LicenceModel,
  type LicenceReal,
  lastTo,
  licenceId,
  open,
  pending,
  settle,
} from "./model.ts"

/** ALL Art 50: the authority decides a pending renewal on or before the expiry. */
export class DecideRenewalCommand implements LicenceCommand {
  constructor(readonly approve: boolean) {}
  check = (m: Readonly<LicenceModel>) =>
    open(m as LicenceModel) && pending(m as LicenceModel) && m.today <= lastTo(m as LicenceModel)!
  run(m: LicenceModel, r: LicenceReal): void {
    count(`DecideRenewal(${this.approve ? "approve" : "refuse"})`)
    accept(
      m,
      r,
      {
        _tag: "DecideRenewal",
        licenceId,
        decision: this.approve ? { _tag: "Approve" } : { _tag: "Refuse", reasons: "conditions no longer met" },
      },
      approver(m),
    )
    const last = lastTo(m)!
    if (this.approve) m.terms.push([last + 1, last + m.period!])
    m.pendingSince = null
    settle(m, r)
  }
  toString = () => `DecideRenewal(${this.approve ? "approve" : "refuse"})`
}
