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

/** The applicant withdraws before a decision. */
export class WithdrawApplicationCommand implements ApplicationCommand {
  /** `rarely` other than 0 skips the command, so that fewer runs end early. */
  constructor(readonly rarely: number) {}
  check = (m: Readonly<ApplicationModel>) => this.rarely === 0 && isAllowed(m, "WithdrawApplication")
  run(m: ApplicationModel, r: ApplicationReal): void {
    count("WithdrawApplication")
    accept(m, r, { _tag: "WithdrawApplication", caseNo, reason: "经营计划变更" })
    m.phase = "withdrawn"
    m.stoppedOn = m.today
    settle(m, r)
  }
  toString = () => "WithdrawApplication"
}
