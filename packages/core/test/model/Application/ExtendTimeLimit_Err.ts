import type { Application } from "../../../src/index.ts"
import {
  type ApplicationCommand,
  type ApplicationModel,
  type ApplicationReal,
  caseNo,
  count,
  day,
  isAllowed,
  phaseRejection,
  rejectExactly,
  rolesOf,
  statutoryDue,
} from "./model.ts"

export type ExtendFault = "phase" | "notAllowed" | "twice" | "late"

/** ExtendTimeLimit that must fail: wrong phase, not allowed by the matter, a second time, or after the statutory date. */
export class ExtendTimeLimitErrCommand implements ApplicationCommand {
  constructor(readonly fault: ExtendFault) {}
  check = (m: Readonly<ApplicationModel>) => {
    if (this.fault === "phase") return !isAllowed(m, "ExtendTimeLimit")
    if (!isAllowed(m, "ExtendTimeLimit")) return false
    if (this.fault === "notAllowed") return !m.terms.extensionAllowed
    if (!m.terms.extensionAllowed) return false
    if (this.fault === "twice") return m.extended
    const due = statutoryDue(m)
    return !m.extended && due !== null && m.today > due
  }
  run(m: ApplicationModel, r: ApplicationReal): void {
    count("ExtendTimeLimit_Err")
    const expected: Record<ExtendFault, () => Application.Rejection> = {
      phase: () => phaseRejection(m, "ExtendTimeLimit"),
      notAllowed: () => ({ _tag: "ExtensionNotAllowed", implementationCode: m.terms.implementationCode }),
      twice: () => ({ _tag: "AlreadyExtended", workingDays: 10, approver: `${rolesOf.ExtendTimeLimit[0]}-1` }),
      late: () => ({ _tag: "ExtensionTooLate", statutoryDueOn: day(statutoryDue(m)!), on: day(m.today) }),
    }
    rejectExactly(
      m,
      r,
      { _tag: "ExtendTimeLimit", caseNo, reason: "情况复杂", noticeToApplicant: "延长办理期限十个工作日，理由已告知" },
      expected[this.fault](),
    )
  }
  toString = () => `ExtendTimeLimit_Err(${this.fault})`
}
