import type { Licence } from "../../../src/index.ts"
import {
  accept,
  approver,
  count,
  holder,
  inForce,
  type LicenceCommand,
  type LicenceModel,
  type LicenceReal,
  licenceId,
  rejectExactly,
  settle,
} from "./model.ts"

/** ALL Art 49: the holder applies for a change of scope; a second application while one is pending is refused. */
export class RequestChangeCommand implements LicenceCommand {
  constructor(readonly seed: number) {}
  check = (m: Readonly<LicenceModel>) => inForce(m as LicenceModel)
  run(m: LicenceModel, r: LicenceReal): void {
    const scope = `热食类食品制售；冷食类 ${this.seed}`
    const command = { _tag: "RequestChange", licenceId, alteration: { scope }, reason: "more dishes" } as const
    if (m.pendingChange) {
      count("RequestChange_Err(pending)")
      rejectExactly(m, r, command, { _tag: "ChangeAlreadyPending", licenceId }, holder(m))
      return
    }
    if (scope === m.scope) {
      count("RequestChange_Err(nothingToChange)")
      rejectExactly(m, r, command, { _tag: "NothingToChange", licenceId }, holder(m))
      return
    }
    count("RequestChange")
    accept(m, r, command, holder(m))
    m.pendingChange = true
    m.pendingScope = scope
    settle(m, r)
  }
  toString = () => `RequestChange(${this.seed})`
}

/** The authority approves or refuses the pending change. */
export class DecideChangeCommand implements LicenceCommand {
  constructor(readonly approve: boolean) {}
  check = (m: Readonly<LicenceModel>) => inForce(m as LicenceModel)
  run(m: LicenceModel, r: LicenceReal): void {
    const command: Licence.DecideChange = {
      _tag: "DecideChange",
      licenceId,
      decision: this.approve ? { _tag: "Approve" } : { _tag: "Refuse", reasons: "not allowed" },
    }
    if (!m.pendingChange) {
      count("DecideChange_Err(nothingPending)")
      rejectExactly(m, r, command, { _tag: "NothingPending", what: "change" }, approver(m))
      return
    }
    count(`DecideChange(${this.approve ? "approve" : "refuse"})`)
    accept(m, r, command, approver(m))
    if (this.approve) m.scope = m.pendingScope!
    m.pendingChange = false
    settle(m, r)
  }
  toString = () => `DecideChange(${this.approve ? "approve" : "refuse"})`
}
