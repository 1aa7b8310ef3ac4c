import {
  type ApplicationCommand,
  type ApplicationModel,
  type ApplicationReal,
  accept,
  caseNo,
  count,
  explanation,
  isAllowed,
  isOvertime,
  settle,
} from "./model.ts"

export const remedies = { administrativeReview: "六十日内申请行政复议", litigation: "六个月内提起行政诉讼" }

/** The approver denies with reasons and the remedies, explained when past the promised date. */
export class DenyApplicationCommand implements ApplicationCommand {
  constructor(readonly explain: boolean) {}
  check = (m: Readonly<ApplicationModel>) => isAllowed(m, "DenyApplication") && (!isOvertime(m) || this.explain)
  run(m: ApplicationModel, r: ApplicationReal): void {
    count("DenyApplication")
    accept(m, r, { _tag: "DenyApplication", caseNo, reasons: "不符合许可条件", remedies, ...explanation(this.explain) })
    m.decidedOn = m.today
    m.stoppedOn = m.today
    m.phase = "denied"
    settle(m, r)
  }
  toString = () => `DenyApplication(${this.explain ? "explained" : ""})`
}
