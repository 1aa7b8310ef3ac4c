import type { CreditRecord } from "../../../src/index.ts"
import {
  type CreditCommand,
  type CreditModel,
  type CreditReal,
  count,
  dateOf,
  kinds,
  pick,
  rejectExactly,
  sourceFor,
} from "./model.ts"

export type RecordFault = "expiryRequired" | "expiryNotAfterEffective" | "idConflict"

/**
 * RecordEntry that must fail:
 * - `expiryRequired`: a `minorDefault` (no default period in the settings) without an expiry date;
 * - `expiryNotAfterEffective`: an explicit expiry `k` days before (or on) the effective date;
 * - `idConflict`: an existing id with different content (reason, kind, source or effective date).
 */
export class RecordEntryErrCommand implements CreditCommand {
  constructor(
    readonly fault: RecordFault,
    readonly index: number,
    readonly k: number,
  ) {}
  check = (m: Readonly<CreditModel>) => this.fault !== "idConflict" || m.entries.length > 0
  run(m: CreditModel, r: CreditReal): void {
    count(`RecordEntry_Err(${this.fault})`)
    const entryId = `E${m.entries.length + 1}`
    const base: CreditRecord.RecordEntry = {
      _tag: "RecordEntry",
      subject: m.subject,
      entryId,
      kind: "minorDefault",
      source: sourceFor(this.k),
      reason: "a finding",
      effectiveOn: dateOf(m.today),
    }
    rejectExactly(m, r, ...this.attempt(m, base))
  }
  private attempt(
    m: CreditModel,
    base: CreditRecord.RecordEntry,
  ): [command: CreditRecord.RecordEntry, expected: CreditRecord.Rejection] {
    const entryId = base.entryId
    switch (this.fault) {
      case "expiryRequired":
        return [base, { _tag: "ExpiryRequired", entryId, kind: "minorDefault" }]
      case "expiryNotAfterEffective": {
        const expiresOn = dateOf(m.today - (this.k % 40))
        return [
          { ...base, kind: kinds[this.k % kinds.length]!, expiresOn },
          { _tag: "ExpiryNotAfterEffective", entryId, effectiveOn: base.effectiveOn, expiresOn },
        ]
      }
      case "idConflict": {
        const entry = pick(m, this.index, () => true)!
        const same = { ...entry.recorded, expiresOn: dateOf(entry.expiry) }
        const changes: ReadonlyArray<Partial<CreditRecord.RecordEntry>> = [
          { reason: `${same.reason} (amended)` },
          { kind: kinds[(kinds.indexOf(entry.kind) + 1 + (this.k % (kinds.length - 1))) % kinds.length]! },
          { source: { _tag: "Decision", authority: "长沙市应急管理局", documentNo: `长应急罚〔2026〕${this.k}号` } },
          { effectiveOn: dateOf(entry.effective - 1 - (this.k % 30)) },
        ]
        return [
          { ...same, ...changes[this.index % changes.length] },
          { _tag: "EntryIdConflict", entryId: entry.id },
        ]
      }
    }
  }
  toString = () => `RecordEntry_Err(${this.fault}, #${this.index}, k=${this.k})`
}
