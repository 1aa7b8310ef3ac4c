import {
  type ApplicationCommand,
  type ApplicationModel,
  type ApplicationReal,
  accept,
  caseNo,
  count,
  isAllowed,
  settle,
  statutoryDue,
} from "./model.ts"

/** The approver extends the statutory limit once, before it passes. */
export class ExtendTimeLimitCommand implements ApplicationCommand {
  check = (m: Readonly<ApplicationModel>) => {
    if (!isAllowed(m, "ExtendTimeLimit") || !m.terms.extensionAllowed || m.extended) return false
    const due = statutoryDue(m)
    return due === null || m.today <= due
  }
  run(m: ApplicationModel, r: ApplicationReal): void {
    count("ExtendTimeLimit")
    accept(m, r, {
      _tag: "ExtendTimeLimit",
      caseNo,
      reason: "情况复杂",
      noticeToApplicant: "延长办理期限十个工作日，理由已告知",
    })
    m.extended = true
    settle(m, r)
  }
  toString = () => "ExtendTimeLimit"
}
