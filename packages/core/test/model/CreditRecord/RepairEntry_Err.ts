import type { CreditRecord } from "../../../src/index.ts"
import {
  type CreditCommand,
  type CreditModel,
  type CreditReal,
  count,
  dateOf,
  hasExpiredBy,
  isOpen,
  isRepaired,
  isRevoked,
  type ModelEntry,
  pick,
  rejectExactly,
} from "./model.ts"

export type RepairFault = "unknown" | "revoked" | "alreadyRepaired" | "future" | "beforeEffective" | "expired"

const candidates: Record<RepairFault, (m: Readonly<CreditModel>) => (e: ModelEntry) => boolean> = {
  unknown: () => () => true,
  revoked: () => isRevoked,
  alreadyRepaired: () => (e) => isRepaired(e) && !isRevoked(e),
  future: () => isOpen,
  beforeEffective: () => isOpen,
  expired: (m) => (e) => isOpen(e) && hasExpiredBy(m, e),
}

/**
 * RepairEntry that must fail:
 * - `unknown`: no such entry;
 * - `revoked` / `alreadyRepaired`: the entry was revoked / repaired, whatever the date (even a future
 *   one: the entry's state is checked first);
 * - `future`: an open entry, the repair dated after today;
 * - `beforeEffective`: an open entry, the repair dated before it takes effect (and not after today);
 * - `expired`: an open entry past its last day, the repair dated after that day (and not after today).
 */
export class RepairEntryErrCommand implements CreditCommand {
  constructor(
    readonly fault: RepairFault,
    readonly index: number,
    readonly k: number,
  ) {}
  check = (m: Readonly<CreditModel>) =>
    this.fault === "unknown" || pick(m, this.index, candidates[this.fault](m)) !== undefined
  run(m: CreditModel, r: CreditReal): void {
    count(`RepairEntry_Err(${this.fault})`)
    const entry = pick(m, this.index, candidates[this.fault](m))
    const entryId = this.fault === "unknown" || entry === undefined ? `X${this.k}` : entry.id
    const day = (d: number) => dateOf(d)
    let repairedOn = m.today
    let expected: CreditRecord.Rejection = { _tag: "UnknownEntry", entryId }
    if (entry !== undefined && this.fault !== "unknown") {
      switch (this.fault) {
        case "revoked":
          repairedOn = m.today + this.k - 30
          expected = { _tag: "EntryRevoked", entryId, revokedOn: day(entry.revokedOn!) }
          break
        case "alreadyRepaired":
          repairedOn = m.today + this.k - 30
          expected = { _tag: "EntryAlreadyRepaired", entryId, repairedOn: day(entry.repairedOn!) }
          break
        case "future":
          repairedOn = m.today + 1 + this.k
          expected = { _tag: "DateInFuture", entryId, date: day(repairedOn), today: day(m.today) }
          break
        case "beforeEffective":
          repairedOn = Math.min(m.today, entry.effective - 1) - this.k
          expected = {
            _tag: "RepairBeforeEffective",
            entryId,
            effectiveOn: day(entry.effective),
            repairedOn: day(repairedOn),
          }
          break
        case "expired":
          repairedOn = entry.expiry + 1 + (this.k % (m.today - entry.expiry))
          expected = { _tag: "EntryExpired", entryId, expiresOn: day(entry.expiry), repairedOn: day(repairedOn) }
          break
      }
    }
    rejectExactly(
      m,
      r,
      { _tag: "RepairEntry", subject: m.subject, entryId, reason: "repair requested", repairedOn: day(repairedOn) },
      expected,
    )
  }
  toString = () => `RepairEntry_Err(${this.fault}, #${this.index}, k=${this.k})`
}
