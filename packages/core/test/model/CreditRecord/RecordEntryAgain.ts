import { expect } from "vitest"
import {
  accept,
  type CreditCommand,
  type CreditModel,
  type CreditReal,
  count,
  dateOf,
  pick,
  settle,
  supervisor,
} from "./model.ts"

/**
 * RecordEntry of an entry already recorded, with the same content: a no-op, whatever became of
 * the entry since and whoever re-records it. With `explicit`, the expiry the first command left to
 * the default period is now written out (and the same date), which is still the same entry.
 */
export class RecordEntryAgainCommand implements CreditCommand {
  constructor(
    readonly index: number,
    readonly explicit: boolean,
  ) {}
  check = (m: Readonly<CreditModel>) => m.entries.length > 0
  run(m: CreditModel, r: CreditReal): void {
    count("RecordEntry_Again")
    const entry = pick(m, this.index, () => true)!
    const command = this.explicit ? { ...entry.recorded, expiresOn: dateOf(entry.expiry) } : entry.recorded
    expect(accept(m, r, command, supervisor)).toEqual([])
    settle(m, r)
  }
  toString = () => `RecordEntry_Again(#${this.index}${this.explicit ? ", explicit expiry" : ""})`
}
