import { expect } from "vitest"
import {
  accept,
  type CreditCommand,
  type CreditModel,
  type CreditReal,
  count,
  dateOf,
  isRevoked,
  pick,
  settle,
  supervisor,
} from "./model.ts"

/** RevokeEntry of an entry not yet revoked (repaired, expired or in the future alike), dated today or `back` days before. */
export class RevokeEntryCommand implements CreditCommand {
  constructor(
    readonly index: number,
    readonly back: number,
  ) {}
  check = (m: Readonly<CreditModel>) => pick(m, this.index, (e) => !isRevoked(e)) !== undefined
  run(m: CreditModel, r: CreditReal): void {
    count("RevokeEntry")
    const entry = pick(m, this.index, (e) => !isRevoked(e))!
    const revokedOn = m.today - this.back
    const reason = "the rescission was annulled on administrative reconsideration"
    expect(
      accept(
        m,
        r,
        { _tag: "RevokeEntry", subject: m.subject, entryId: entry.id, reason, revokedOn: dateOf(revokedOn) },
        supervisor,
      ),
    ).toEqual([
      {
        _tag: "CreditEntryRevoked",
        subject: m.subject,
        entryId: entry.id,
        reason,
        revokedOn: dateOf(revokedOn),
        revokedBy: supervisor.id,
      },
    ])
    entry.revokedOn = revokedOn
    settle(m, r)
  }
  toString = () => `RevokeEntry(#${this.index}, ${this.back}d ago)`
}
