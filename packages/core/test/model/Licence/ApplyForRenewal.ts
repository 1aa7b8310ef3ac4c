import {
  accept,
  count,
  expires,
  holder,
  inForce,
  type LicenceCommand,
  type LicenceModel,
  type LicenceReal,
  latestApplyDay,
  licenceId,
  pending,
  settle,
} from "./model.ts"

/** ALL Art 50: the holder applies for renewal, on or before the last day (expiry − lead days). */
export class ApplyForRenewalCommand implements LicenceCommand {
  check = (m: Readonly<LicenceModel>) =>
    inForce(m) && expires(m) && !pending(m) && m.today <= latestApplyDay(m as LicenceModel)!
  run(m: LicenceModel, r: LicenceReal): void {
    count("ApplyForRenewal")
    accept(m, r, { _tag: "ApplyForRenewal", licenceId }, holder(m))
    m.pendingSince = m.today
    settle(m, r)
  }
  toString = () => "ApplyForRenewal"
}
