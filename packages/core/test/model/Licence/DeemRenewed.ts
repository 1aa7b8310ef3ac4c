import {
  accept,
  count,
  type LicenceCommand,
  type LicenceModel,
  type LicenceReal,
  lastTo,
  licenceId,
  open,
  pending,
  rejectExactly,
  settle,
  system,
  termEnded,
} from "./model.ts"

/** The timer records the renewal the law made (ALL Art 50); before the expiry it is refused. */
export class DeemRenewedCommand implements LicenceCommand {
  check = (m: Readonly<LicenceModel>) => open(m as LicenceModel) && pending(m as LicenceModel)
  run(m: LicenceModel, r: LicenceReal): void {
    if (!termEnded(m)) {
      count("DeemRenewed_Err(termNotEnded)")
      rejectExactly(m, r, { _tag: "DeemRenewed", licenceId }, { _tag: "TermNotEnded", licenceId }, system(m))
      return
    }
    count("DeemRenewed")
    accept(m, r, { _tag: "DeemRenewed", licenceId }, system(m))
    const last = lastTo(m)!
    m.terms.push([last + 1, last + m.period!])
    m.pendingSince = null
    settle(m, r)
  }
  toString = () => "DeemRenewed"
}
