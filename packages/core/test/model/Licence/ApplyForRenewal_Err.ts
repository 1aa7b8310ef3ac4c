import {
  count,
  dateOf,
  expires,
  holder,
  inForce,
  type LicenceCommand,
  type LicenceModel,
  type LicenceReal,
  latestApplyDay,
  licenceId,
  pending,
  rejectExactly,
} from "./model.ts"

export type RenewalFault = "tooLate" | "pending" | "closed" | "doesNotExpire"

/** A renewal application that the law or the record refuses, with the exact rejection. */
export class ApplyForRenewalErrCommand implements LicenceCommand {
  constructor(readonly fault: RenewalFault) {}
  check = (m: Readonly<LicenceModel>) => {
    const model = m as LicenceModel
    switch (this.fault) {
      case "tooLate":
        return inForce(model) && expires(model) && !pending(model) && m.today > latestApplyDay(model)!
      case "pending":
        return inForce(model) && pending(model)
      case "closed":
        return m.issued && !inForce(model)
      case "doesNotExpire":
        return inForce(model) && !expires(model)
    }
  }
  run(m: LicenceModel, r: LicenceReal): void {
    count(`ApplyForRenewal_Err(${this.fault})`)
    const expected = {
      tooLate: { _tag: "RenewalApplicationTooLate", latestDay: dateOf(latestApplyDay(m) ?? 0), article: "ALL Art 50" },
      pending: { _tag: "RenewalAlreadyPending", appliedOn: dateOf(m.pendingSince ?? 0) },
      closed: { _tag: "LicenceClosed", licenceId },
      doesNotExpire: { _tag: "DoesNotExpire", licenceId },
    } as const
    rejectExactly(m, r, { _tag: "ApplyForRenewal", licenceId }, expected[this.fault], holder(m))
  }
  toString = () => `ApplyForRenewal_Err(${this.fault})`
}
