import type { Licence } from "../../../src/index.ts"
import {
  accept,
  approver,
  count,
  dateOf,
  type LicenceCommand,
  type LicenceModel,
  type LicenceReal,
  licenceId,
  open,
  rejectExactly,
  settle,
  supervisor,
} from "./model.ts"

/**
 * ALL Art 69: revocation for the authority's error (69(1)) or the holder's fraud (69(2)) found
 * `foundBack` days ago; withheld when it would seriously harm the public interest (69(3)).
 */
export class RevokeCommand implements LicenceCommand {
  constructor(
    readonly fraud: boolean,
    readonly seriousHarm: boolean,
    readonly foundBack: number,
    readonly bySupervisor: boolean,
  ) {}
  check = (m: Readonly<LicenceModel>) =>
    open(m as LicenceModel) && (!this.fraud || m.today - this.foundBack >= m.decidedOn)
  run(m: LicenceModel, r: LicenceReal): void {
    count(`Revoke(${this.fraud ? "69(2)" : "69(1)"}${this.seriousHarm ? ", withheld" : ""})`)
    const ground: Licence.RevocationGround = this.fraud
      ? { _tag: "Fraud", means: "bribery", foundOn: dateOf(m.today - this.foundBack), findings: "bribe paid" }
      : { _tag: "AuthorityError", ground: "beyondPower", compensation: { _tag: "Owed", basis: "Art 69(4)" } }
    const events = accept(
      m,
      r,
      {
        _tag: "RevokeLicence",
        licenceId,
        ground,
        reasons: "found on review",
        publicInterest: { seriousHarm: this.seriousHarm, assessment: "assessed" },
      },
      this.bySupervisor ? supervisor(m) : approver(m),
    )
    if (this.seriousHarm) {
      if (events[0]?._tag !== "RevocationWithheld") throw new Error("expected the revocation withheld")
    } else {
      m.revokedOn = m.today
      m.pendingSince = null
      m.pendingChange = false
    }
    settle(m, r)
  }
  toString = () =>
    `Revoke(${this.fraud ? `fraud found -${this.foundBack}d` : "authority error"}${this.seriousHarm ? ", serious harm" : ""})`
}

/** A revocation of a closed licence, or resting on a finding dated after today. */
export class RevokeErrCommand implements LicenceCommand {
  check = (m: Readonly<LicenceModel>) => m.issued
  run(m: LicenceModel, r: LicenceReal): void {
    const closed = !open(m)
    count(`Revoke_Err(${closed ? "closed" : "findingInFuture"})`)
    rejectExactly(
      m,
      r,
      {
        _tag: "RevokeLicence",
        licenceId,
        ground: { _tag: "Fraud", means: "deception", foundOn: dateOf(m.today + 1), findings: "x" },
        reasons: "x",
        publicInterest: { seriousHarm: false, assessment: "x" },
      },
      closed ? { _tag: "LicenceClosed", licenceId } : { _tag: "FindingDateOutOfRange", foundOn: dateOf(m.today + 1) },
      approver(m),
    )
  }
  toString = () => "Revoke_Err"
}
