import type { Application } from "../../../src/index.ts"
import {
  type ApplicationCommand,
  type ApplicationModel,
  type ApplicationReal,
  addWorkingDays,
  caseNo,
  count,
  day,
  isAllowed,
  nextDay,
  phaseRejection,
  rejectExactly,
} from "./model.ts"

export type DeemFault = "phase" | "early"

/** DeemAccepted that must fail: wrong phase, or the 5 working days have not passed. */
export class DeemAcceptedErrCommand implements ApplicationCommand {
  constructor(readonly fault: DeemFault) {}
  check = (m: Readonly<ApplicationModel>) =>
    this.fault === "phase"
      ? !isAllowed(m, "DeemAccepted")
      : isAllowed(m, "DeemAccepted") && m.today <= addWorkingDays(m.receivedOn!, 5)
  run(m: ApplicationModel, r: ApplicationReal): void {
    count("DeemAccepted_Err")
    const expected: Application.Rejection =
      this.fault === "phase"
        ? phaseRejection(m, "DeemAccepted")
        : {
            _tag: "TooEarly",
            command: "DeemAccepted",
            earliestOn: day(nextDay(addWorkingDays(m.receivedOn!, 5))),
            on: day(m.today),
          }
    rejectExactly(m, r, { _tag: "DeemAccepted", caseNo }, expected)
  }
  toString = () => `DeemAccepted_Err(${this.fault})`
}
