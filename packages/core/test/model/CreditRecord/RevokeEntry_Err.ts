import type { CreditRecord } from "../../../src/index.ts"
import {
  type CreditCommand,
  type CreditModel,
  type CreditReal,
  count,
  dateOf,
  isRevoked,
  pick,
  rejectExactly,
} from "./model.ts"

export type RevokeFault = "unknown" | "alreadyRevoked" | "future"

/**
 * RevokeEntry that must fail: no such entry; an entry already revoked (whatever the date, even a
 * future one); an entry not revoked, with the revocation dated after today.
 */
export class RevokeEntryErrCommand implements CreditCommand {
  constructor(
    readonly fault: RevokeFault,
    readonly index: number,
    readonly k: number,
  ) {}
  private target = (m: Readonly<CreditModel>) =>
    this.fault === "alreadyRevoked"
      ? pick(m, this.index, isRevoked)
      : this.fault === "future"
        ? pick(m, this.index, (e) => !isRevoked(e))
        : undefined
  check = (m: Readonly<CreditModel>) => this.fault === "unknown" || this.target(m) !== undefined
  run(m: CreditModel, r: CreditReal): void {
    count(`RevokeEntry_Err(${this.fault})`)
    const entry = this.target(m)
    const entryId = entry?.id ?? `X${this.k}`
    const revokedOn =
      this.fault === "future" ? m.today + 1 + this.k : this.fault === "alreadyRevoked" ? m.today + this.k - 30 : m.today
    const expected: CreditRecord.Rejection =
      this.fault === "alreadyRevoked"
        ? { _tag: "EntryRevoked", entryId, revokedOn: dateOf(entry!.revokedOn!) }
        : this.fault === "future"
          ? { _tag: "DateInFuture", entryId, date: dateOf(revokedOn), today: dateOf(m.today) }
          : { _tag: "UnknownEntry", entryId }
    rejectExactly(
      m,
      r,
      { _tag: "RevokeEntry", subject: m.subject, entryId, reason: "recorded by mistake", revokedOn: dateOf(revokedOn) },
      expected,
    )
  }
  toString = () => `RevokeEntry_Err(${this.fault}, #${this.index}, k=${this.k})`
}
