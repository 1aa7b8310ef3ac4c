import {
  accept,
  count,
  grantFor,
  type LicenceCommand,
  type LicenceModel,
  type LicenceReal,
  licenceId,
  settle,
  system,
} from "./model.ts"

/** The runtime issues the licence from a grant whose certificate is `back` days old. */
export class IssueCommand implements LicenceCommand {
  constructor(
    readonly period: number | null,
    readonly lead: number,
    readonly back: number,
  ) {}
  check = (m: Readonly<LicenceModel>) => !m.issued && (this.period === null || this.lead < this.period)
  run(m: LicenceModel, r: LicenceReal): void {
    count("Issue")
    const from = m.today - this.back
    accept(m, r, { _tag: "IssueLicence", licenceId, grant: grantFor(from, this.period, this.lead) }, system(m))
    m.issued = true
    m.period = this.period
    m.lead = this.lead
    m.decidedOn = from - 2
    m.terms = [[from, this.period === null ? null : from + this.period - 1]]
    settle(m, r)
  }
  toString = () =>
    `Issue(${this.period === null ? "indefinite" : `${this.period}d`}, lead ${this.lead}, -${this.back}d)`
}
