import { expect } from "vitest"
import type { CreditRecord } from "../../../src/index.ts"
import {
  accept,
  type CreditCommand,
  type CreditModel,
  type CreditReal,
  count,
  dateOf,
  expectedExpiry,
  hasDefault,
  pm,
  settle,
  sourceFor,
  supervisor,
} from "./model.ts"

/**
 * RecordEntry of a new entry, effective some days before or after today, with an explicit expiry
 * (`length` days after the effective date) or the kind's default period (`length` null).
 */
export class RecordEntryCommand implements CreditCommand {
  constructor(
    readonly kind: CreditRecord.EntryKind,
    readonly seed: number,
    readonly effectiveOffset: number,
    readonly length: number | null,
    readonly bySupervisor: boolean,
  ) {}
  check = () => this.length !== null || hasDefault(this.kind)
  run(m: CreditModel, r: CreditReal): void {
    count("RecordEntry")
    const actor = this.bySupervisor ? supervisor : pm
    const id = `E${m.entries.length + 1}`
    const effective = m.today + this.effectiveOffset
    const expiry = this.length !== null ? effective + this.length : expectedExpiry(this.kind, effective)!
    const source = sourceFor(this.seed)
    const reason = `finding ${this.seed}`
    const command: CreditRecord.RecordEntry = {
      _tag: "RecordEntry",
      subject: m.subject,
      entryId: id,
      kind: this.kind,
      source,
      reason,
      effectiveOn: dateOf(effective),
      ...(this.length !== null ? { expiresOn: dateOf(expiry) } : {}),
    }
    expect(accept(m, r, command, actor)).toEqual([
      {
        _tag: "CreditEntryRecorded",
        subject: m.subject,
        entryId: id,
        kind: this.kind,
        source,
        reason,
        effectiveOn: dateOf(effective),
        expiresOn: dateOf(expiry),
        recordedBy: actor.id,
      },
    ])
    m.known = true
    m.entries.push({ id, kind: this.kind, effective, expiry, recorded: command, repairedOn: null, revokedOn: null })
    settle(m, r)
  }
  toString = () =>
    `RecordEntry(${this.kind}, ${this.effectiveOffset >= 0 ? "+" : ""}${this.effectiveOffset}d, ${this.length === null ? "default" : `${this.length}d`})`
}
