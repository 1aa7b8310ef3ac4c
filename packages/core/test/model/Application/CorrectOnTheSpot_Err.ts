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
} from "./model.ts"

export type OnTheSpotCorrectionFault = "phase" | "late"

/** CorrectOnTheSpot that must fail: wrong phase, or after the day of receipt (a notice is needed then). */
export class CorrectOnTheSpotErrCommand implements ApplicationCommand {
  constructor(readonly fault: OnTheSpotCorrectionFault) {}
  check = (m: Readonly<ApplicationModel>) =>
    this.fault === "phase"
      ? !isAllowed(m, "CorrectOnTheSpot")
      : isAllowed(m, "CorrectOnTheSpot") && m.today !== m.receivedOn
  run(m: ApplicationModel, r: ApplicationReal): void {
    count("CorrectOnTheSpot_Err")
    const expected: Application.Rejection =
      this.fault === "phase"
        ? phaseRejection(m, "CorrectOnTheSpot")
        : { _tag: "OnTheSpotCorrectionTooLate", receivedOn: day(m.receivedOn!), on: day(m.today) }
    rejectExactly(m, r, { _tag: "CorrectOnTheSpot", caseNo, items: [{ code: "M01", note: "笔误" }] }, expected)
  }
  toString = () => `CorrectOnTheSpot_Err(${this.fault})`
}
