import { expect } from "vitest"
import {
  accept,
  type CreditCommand,
  type CreditModel,
  type CreditReal,
  count,
  dateOf,
  settle,
  supervisor,
} from "./model.ts"

/** AnnulStatutoryBar of a bar not yet annulled, dated today or `back` days before. */
export class AnnulStatutoryBarCommand implements CreditCommand {
  constructor(
    readonly index: number,
    readonly back: number,
  ) {}
  private target = (m: Readonly<CreditModel>) => {
    const open = m.bars.filter((b) => b.annulledOn === null)
    return open.length === 0 ? undefined : open[this.index % open.length]
  }
  check = (m: Readonly<CreditModel>) => this.target(m) !== undefined
  run(m: CreditModel, r: CreditReal): void {
    count("AnnulStatutoryBar")
    const bar = this.target(m)!
    const annulledOn = m.today - this.back
    const reason = "the finding was set aside by the court"
    expect(
      accept(
        m,
        r,
        { _tag: "AnnulStatutoryBar", subject: m.subject, barId: bar.id, reason, annulledOn: dateOf(annulledOn) },
        supervisor,
      ),
    ).toEqual([
      {
        _tag: "StatutoryBarAnnulled",
        subject: m.subject,
        barId: bar.id,
        reason,
        annulledOn: dateOf(annulledOn),
        annulledBy: supervisor.id,
      },
    ])
    bar.annulledOn = annulledOn
    settle(m, r)
  }
  toString = () => `AnnulStatutoryBar(#${this.index}, ${this.back}d ago)`
}
