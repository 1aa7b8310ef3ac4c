import {
  type ApplicationCommand,
  type ApplicationModel,
  type ApplicationReal,
  accept,
  addWorkingDays,
  caseNo,
  count,
  isAllowed,
  settle,
} from "./model.ts"

/** The timer: no notice within 5 working days of receipt, so the case is accepted from the receipt date. */
export class DeemAcceptedCommand implements ApplicationCommand {
  check = (m: Readonly<ApplicationModel>) => isAllowed(m, "DeemAccepted") && m.today > addWorkingDays(m.receivedOn!, 5)
  run(m: ApplicationModel, r: ApplicationReal): void {
    count("DeemAccepted")
    accept(m, r, { _tag: "DeemAccepted", caseNo })
    m.acceptedOn = m.receivedOn
    m.phase = "underReview"
    settle(m, r)
  }
  toString = () => "DeemAccepted"
}
