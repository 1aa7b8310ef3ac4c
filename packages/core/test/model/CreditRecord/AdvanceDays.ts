import { type CreditCommand, type CreditModel, type CreditReal, count, settle } from "./model.ts"

/**
 * Time passes: the next commands are decided `days` later. Not a command of the aggregate, so it
 * has no `_Err` twin; after it the standing is checked again on every probe day.
 */
export class AdvanceDaysCommand implements CreditCommand {
  constructor(readonly days: number) {}
  check = () => true
  run(m: CreditModel, r: CreditReal): void {
    count("AdvanceDays")
    m.today += this.days
    settle(m, r)
  }
  toString = () => `AdvanceDays(${this.days})`
}
