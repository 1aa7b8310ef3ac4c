import type { CreditRecord } from "../../../src/index.ts"
import { type CreditCommand, type CreditModel, type CreditReal, count, dateOf, rejectExactly } from "./model.ts"

export type BarFault = "idConflict" | "unknown" | "alreadyAnnulled" | "future"

/**
 * Statutory-bar commands that must fail: a bar id recorded with other content; annulling a bar that
 * does not exist, one already annulled, or with an annulment dated after today.
 */
export class StatutoryBarErrCommand implements CreditCommand {
  constructor(
    readonly fault: BarFault,
    readonly index: number,
    readonly k: number,
  ) {}
  private target = (m: Readonly<CreditModel>) => {
    if (this.fault === "unknown") return undefined
    const candidates = m.bars.filter((b) =>
      this.fault === "alreadyAnnulled" ? b.annulledOn !== null : this.fault === "future" ? b.annulledOn === null : true,
    )
    return candidates.length === 0 ? undefined : candidates[this.index % candidates.length]
  }
  check = (m: Readonly<CreditModel>) => this.fault === "unknown" || this.target(m) !== undefined
  run(m: CreditModel, r: CreditReal): void {
    count(`StatutoryBar_Err(${this.fault})`)
    const bar = this.target(m)
    if (this.fault === "idConflict") {
      const command: CreditRecord.RecordStatutoryBar = {
        ...bar!.recorded,
        reason: `${bar!.recorded.reason} (${this.k})`,
      }
      rejectExactly(m, r, command, { _tag: "BarIdConflict", barId: bar!.id })
      return
    }
    const barId = bar?.id ?? `X${this.k}`
    const annulledOn = this.fault === "future" ? m.today + 1 + this.k : m.today
    const expected: CreditRecord.Rejection =
      this.fault === "alreadyAnnulled"
        ? { _tag: "BarAlreadyAnnulled", barId, annulledOn: dateOf(bar!.annulledOn!) }
        : this.fault === "future"
          ? { _tag: "DateInFuture", entryId: barId, date: dateOf(annulledOn), today: dateOf(m.today) }
          : { _tag: "UnknownBar", barId }
    rejectExactly(
      m,
      r,
      { _tag: "AnnulStatutoryBar", subject: m.subject, barId, reason: "set aside", annulledOn: dateOf(annulledOn) },
      expected,
    )
  }
  toString = () => `StatutoryBar_Err(${this.fault}, #${this.index}, k=${this.k})`
}
