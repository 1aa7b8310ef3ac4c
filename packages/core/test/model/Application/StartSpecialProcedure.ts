import {
  type ApplicationCommand,
  type ApplicationModel,
  type ApplicationReal,
  accept,
  caseNo,
  count,
  isAllowed,
  settle,
} from "./model.ts"

/** A special procedure the matter allows starts; the clock stops. */
export class StartSpecialProcedureCommand implements ApplicationCommand {
  constructor(
    readonly kind: number,
    readonly expectedWorkingDays: number,
  ) {}
  check = (m: Readonly<ApplicationModel>) =>
    isAllowed(m, "StartSpecialProcedure") && m.terms.specialProcedures.length > 0
  run(m: ApplicationModel, r: ApplicationReal): void {
    count("StartSpecialProcedure")
    const procedure = m.terms.specialProcedures[this.kind % m.terms.specialProcedures.length]!
    accept(m, r, {
      _tag: "StartSpecialProcedure",
      caseNo,
      procedure,
      expectedWorkingDays: this.expectedWorkingDays,
      reason: "需要核查",
    })
    m.spans.push({ from: m.today, to: null })
    m.phase = "specialProcedure"
    settle(m, r)
  }
  toString = () => `StartSpecialProcedure(${this.kind}, ${this.expectedWorkingDays})`
}
