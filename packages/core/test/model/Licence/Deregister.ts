import type { Licence } from "../../../src/index.ts"
import {
  accept,
  approver,
  count,
  expires,
  isDeregistered,
  isRevoked,
  type LicenceCommand,
  type LicenceModel,
  type LicenceReal,
  licenceId,
  pending,
  rejectExactly,
  settle,
  termEnded,
} from "./model.ts"

/** The model's reading of ALL Art 70 for an enterprise's licence. */
const groundHolds = (m: LicenceModel, ground: Licence.DeregistrationGround): boolean => {
  switch (ground) {
    case "expiredNotRenewed":
      return expires(m) && termEnded(m) && !pending(m)
    case "holderDeceased":
      return false // the holder is an enterprise
    case "revokedOrWithdrawn":
      return isRevoked(m)
    case "holderTerminated":
    case "forceMajeure":
    case "otherByLaw":
      return true
  }
}

/** ALL Art 70: deregistration on a ground; refused with the article when the ground does not hold. */
export class DeregisterCommand implements LicenceCommand {
  constructor(readonly ground: Licence.DeregistrationGround) {}
  check = (m: Readonly<LicenceModel>) => m.issued && !isDeregistered(m as LicenceModel)
  run(m: LicenceModel, r: LicenceReal): void {
    const command = { _tag: "DeregisterLicence", licenceId, ground: this.ground, reasons: "recorded" } as const
    if (!groundHolds(m, this.ground)) {
      count(`Deregister_Err(${this.ground})`)
      rejectExactly(
        m,
        r,
        command,
        { _tag: "DeregistrationGroundNotMet", ground: this.ground, article: "ALL Art 70" },
        approver(m),
      )
      return
    }
    count(`Deregister(${this.ground})`)
    accept(m, r, command, approver(m))
    m.deregisteredOn = m.today
    m.pendingSince = null
    m.pendingChange = false
    settle(m, r)
  }
  toString = () => `Deregister(${this.ground})`
}
