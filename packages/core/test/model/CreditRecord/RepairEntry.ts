import { expect } from "vitest"
import {
  accept,
  type CreditCommand,
  type CreditModel,
  type CreditReal,
  count,
  dateOf,
  hasStarted,
  isOpen,
  pick,
  pm,
  settle,
  supervisor,
} from "./model.ts"

/**
 * RepairEntry (信用修复) of an open entry that has taken effect, dated on a day from its effective
 * date to the earlier of its last day and today.
 */
export class RepairEntryCommand implements CreditCommand {
  constructor(
    readonly index: number,
    readonly offset: number,
    readonly bySupervisor: boolean,
  ) {}
  check = (m: Readonly<CreditModel>) => pick(m, this.index, (e) => isOpen(e) && hasStarted(m, e)) !== undefined
  run(m: CreditModel, r: CreditReal): void {
    count("RepairEntry")
    const entry = pick(m, this.index, (e) => isOpen(e) && hasStarted(m, e))!
    const latest = Math.min(entry.expiry, m.today)
    const repairedOn = entry.effective + (this.offset % (latest - entry.effective + 1))
    const actor = this.bySupervisor ? supervisor : pm
    const reason = "penalty paid and commitment to comply filed"
    expect(
      accept(
        m,
        r,
        { _tag: "RepairEntry", subject: m.subject, entryId: entry.id, reason, repairedOn: dateOf(repairedOn) },
        actor,
      ),
    ).toEqual([
      {
        _tag: "CreditEntryRepaired",
        subject: m.subject,
        entryId: entry.id,
        reason,
        repairedOn: dateOf(repairedOn),
        repairedBy: actor.id,
      },
    ])
    entry.repairedOn = repairedOn
    settle(m, r)
  }
  toString = () => `RepairEntry(#${this.index}, offset ${this.offset})`
}
