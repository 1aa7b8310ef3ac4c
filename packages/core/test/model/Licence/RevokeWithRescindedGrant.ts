import {
  accept,
  count,
  dateOf,
  type LicenceCommand,
  type LicenceModel,
  type LicenceReal,
  licenceId,
  open,
  settle,
  system,
} from "./model.ts"

/**
 * The case's grant was rescinded `back` days ago (after a false commitment, or on another
 * ground): the licence is revoked with it, from the rescission day (never before its first day).
 */
export class RevokeWithRescindedGrantCommand implements LicenceCommand {
  constructor(
    readonly back: number,
    readonly falseCommitment: boolean,
  ) {}
  check = (m: Readonly<LicenceModel>) => open(m as LicenceModel)
  run(m: LicenceModel, r: LicenceReal): void {
    count(`RevokeWithRescindedGrant(${this.falseCommitment ? "fraud" : "other"})`)
    const rescindedOn = m.today - this.back
    const events = accept(
      m,
      r,
      {
        _tag: "RevokeWithRescindedGrant",
        licenceId,
        rescission: {
          caseNo: licenceId,
          rescindedOn: dateOf(rescindedOn),
          legalBasis: "ALL Art 69",
          reasons: "verification found the commitment false",
          falseFinding: this.falseCommitment ? { foundOn: dateOf(rescindedOn), findings: "no premises" } : null,
        },
      },
      system(m),
    )
    const basis = events[0]?._tag === "LicenceRevoked" ? events[0].basis._tag : undefined
    if (basis !== (this.falseCommitment ? "Fraud" : "GrantRescinded")) throw new Error(`unexpected basis ${basis}`)
    m.revokedOn = Math.max(rescindedOn, m.terms[0]![0])
    m.rescindedFrom = m.revokedOn
    m.pendingSince = null
    m.pendingChange = false
    settle(m, r)
  }
  toString = () => `RevokeWithRescindedGrant(-${this.back}d, ${this.falseCommitment ? "false commitment" : "other"})`
}
