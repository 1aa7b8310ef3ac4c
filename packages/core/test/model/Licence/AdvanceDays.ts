import { count, type LicenceCommand, type LicenceModel, type LicenceReal, settle } from "./model.ts"

/** Time passes: the next commands are decided `days` later. */
export class AdvanceDaysCommand implements LicenceCommand {
  constructor(readonly days: number) {}
  check = () => true
  run(m: LicenceModel, r: LicenceReal): void {
    count("AdvanceDays")
    m.today += this.days
    settle(m, r)
  }
  toString = () => `AdvanceDays(${this.days})`
}
