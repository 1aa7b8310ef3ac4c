import type { Application } from "../../../src/index.ts"
import {
  type ApplicationCommand,
  type ApplicationModel,
  type ApplicationReal,
  acceptedByLaw,
  caseNo,
  correctionDeadline,
  count,
  day,
  isAllowed,
  missingMandatory,
  phaseRejection,
  rejectExactly,
} from "./model.ts"

export type CorrectionFault = "phase" | "empty" | "late" | "incomplete" | "outside"

const missing = (code: string): Application.CorrectionItem => ({ code, problem: "missing", note: "请补充" })
const defective = (code: string): Application.CorrectionItem => ({ code, problem: "defective", note: "不符合要求" })

/** A valid notice for the model's state: what RequestCorrectionCommand would send. */
const validItems = (m: ApplicationModel): Array<Application.CorrectionItem> =>
  m.phase === "corrected"
    ? [defective(m.notice![0]!)]
    : missingMandatory(m).length > 0
      ? missingMandatory(m).map(missing)
      : [defective(m.onFile[0]!)]

const outsideCode = (m: Readonly<ApplicationModel>): string | undefined =>
  m.terms.materials.map((x) => x.code).find((code) => !(m.notice ?? []).includes(code))

/** RequestCorrection that must fail: wrong phase, no items, too late, leaving a missing material out, or outside the one-time notice. */
export class RequestCorrectionErrCommand implements ApplicationCommand {
  constructor(readonly fault: CorrectionFault) {}
  check = (m: Readonly<ApplicationModel>) => {
    if (this.fault === "phase") return !isAllowed(m, "RequestCorrection")
    if (!isAllowed(m, "RequestCorrection")) return false
    const late = m.today > correctionDeadline(m)
    switch (this.fault) {
      case "empty":
        return true
      case "late":
        return late
      case "incomplete":
        return !late && m.phase === "submitted" && missingMandatory(m).length >= 2
      case "outside":
        return !late && m.phase === "corrected" && outsideCode(m) !== undefined
    }
  }
  run(m: ApplicationModel, r: ApplicationReal): void {
    count("RequestCorrection_Err")
    let items: Array<Application.CorrectionItem> = validItems(m)
    let expected: Application.Rejection
    switch (this.fault) {
      case "phase":
        expected = phaseRejection(m, "RequestCorrection")
        break
      case "empty":
        items = []
        expected = { _tag: "NothingToCorrect", caseNo }
        break
      case "late": {
        const from = m.phase === "corrected" ? m.completedOn! : m.receivedOn!
        expected = acceptedByLaw(m)
          ? {
              _tag: "AcceptedByLaw",
              command: "RequestCorrection",
              article: "ALL Art 32",
              receivedOn: day(from),
              deadline: day(correctionDeadline(m)),
              on: day(m.today),
              message: `no correction notice was given by ${correctionDeadline(m)}, the 5th working day after receipt on ${from}: the application is accepted by law from the date of receipt (ALL Art 32), so a correction notice can no longer be given`,
            }
          : {
              _tag: "CorrectionNoticeTooLate",
              receivedOn: day(from),
              deadline: day(correctionDeadline(m)),
              on: day(m.today),
            }
        break
      }
      case "incomplete": {
        const [first, ...rest] = missingMandatory(m)
        items = rest.map(missing)
        expected = { _tag: "CorrectionNoticeIncomplete", missing: [first!] }
        break
      }
      case "outside":
        items = [defective(outsideCode(m)!)]
        expected = { _tag: "OutsideOneTimeNotice", codes: [outsideCode(m)!] }
        break
    }
    rejectExactly(m, r, { _tag: "RequestCorrection", caseNo, items }, expected)
  }
  toString = () => `RequestCorrection_Err(${this.fault})`
}
