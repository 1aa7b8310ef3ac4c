import {
  type ApplicationCommand,
  type ApplicationModel,
  type ApplicationReal,
  accept,
  caseNo,
  count,
  explanation,
  falseMaterialsFound,
  isAllowed,
  isOvertime,
  resultAllowed,
  settle,
} from "./model.ts"

/** The approver grants: deferred materials supplied (or allowed outstanding), explained when past the promised date. */
export class GrantApplicationCommand implements ApplicationCommand {
  constructor(readonly explain: boolean) {}
  check = (m: Readonly<ApplicationModel>) =>
    isAllowed(m, "GrantApplication") && resultAllowed(m) && (!isOvertime(m) || this.explain) && !falseMaterialsFound(m)
  run(m: ApplicationModel, r: ApplicationReal): void {
    count("GrantApplication")
    accept(m, r, { _tag: "GrantApplication", caseNo, ...explanation(this.explain) })
    m.decidedOn = m.today
    m.stoppedOn = m.today
    m.phase = "granted"
    settle(m, r)
  }
  toString = () => `GrantApplication(${this.explain ? "explained" : ""})`
}
