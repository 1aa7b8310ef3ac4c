import {
  accept,
  count,
  expires,
  inForce,
  type LicenceCommand,
  type LicenceModel,
  type LicenceReal,
  licenceId,
  pending,
  rejectExactly,
  settle,
  system,
  termEnded,
} from "./model.ts"

/** The expiry timer: recorded after the term with no renewal pending; refused otherwise. */
export class RecordExpiryCommand implements LicenceCommand {
  check = (m: Readonly<LicenceModel>) => inForce(m as LicenceModel) && expires(m as LicenceModel)
  run(m: LicenceModel, r: LicenceReal): void {
    if (pending(m)) {
      count("RecordExpiry_Err(renewalPending)")
      rejectExactly(m, r, { _tag: "RecordExpiry", licenceId }, { _tag: "RenewalPending", licenceId }, system(m))
      return
    }
    if (!termEnded(m)) {
      count("RecordExpiry_Err(termNotEnded)")
      rejectExactly(m, r, { _tag: "RecordExpiry", licenceId }, { _tag: "TermNotEnded", licenceId }, system(m))
      return
    }
    count("RecordExpiry")
    accept(m, r, { _tag: "RecordExpiry", licenceId }, system(m))
    m.expiryRecorded = true
    settle(m, r)
  }
  toString = () => "RecordExpiry"
}
