import { expect } from "vitest"
import type { CreditRecord } from "../../../src/index.ts"
import {
  accept,
  baseCodes,
  type CreditCommand,
  type CreditModel,
  type CreditReal,
  count,
  dateOf,
  expectedBarEnd,
  pm,
  settle,
  sourceFor,
  supervisor,
} from "./model.ts"

/** RecordStatutoryBar of a new bar on one of two licences, starting `offset` days from today; or the same bar again (a no-op). */
export class RecordStatutoryBarCommand implements CreditCommand {
  constructor(
    readonly article: CreditRecord.BarArticle,
    readonly code: number,
    readonly seed: number,
    readonly offset: number,
    readonly bySupervisor: boolean,
    readonly again: number | null,
  ) {}
  check = (_m: Readonly<CreditModel>) => true
  run(m: CreditModel, r: CreditReal): void {
    const actor = this.bySupervisor ? supervisor : pm
    if (this.again !== null && m.bars.length > 0) {
      count("RecordStatutoryBar_Again")
      const bar = m.bars[this.again % m.bars.length]!
      expect(accept(m, r, bar.recorded, actor)).toEqual([])
      settle(m, r)
      return
    }
    count("RecordStatutoryBar")
    const effective = m.today + this.offset
    const command: CreditRecord.RecordStatutoryBar = {
      _tag: "RecordStatutoryBar",
      subject: m.subject,
      barId: `B${m.bars.length + 1}`,
      article: this.article,
      baseCode: baseCodes[this.code % 2]!,
      source: sourceFor(this.seed),
      reason: "concealed the premises' flood history",
      effectiveOn: dateOf(effective),
    }
    const end = expectedBarEnd(this.article, effective)
    expect(accept(m, r, command, actor)).toEqual([
      {
        _tag: "StatutoryBarRecorded",
        subject: m.subject,
        barId: command.barId,
        article: command.article,
        baseCode: command.baseCode,
        source: command.source,
        reason: command.reason,
        effectiveOn: command.effectiveOn,
        endsOn: dateOf(end),
        recordedBy: actor.id,
      },
    ])
    m.bars.push({
      id: command.barId,
      article: this.article,
      baseCode: command.baseCode,
      effective,
      end,
      recorded: command,
      annulledOn: null,
    })
    m.known = true
    settle(m, r)
  }
  toString = () =>
    `RecordStatutoryBar(${this.article}, ${baseCodes[this.code % 2]}, ${this.offset}d${this.again === null ? "" : `, again #${this.again}`})`
}
