import {
  type ApplicationCommand,
  type ApplicationModel,
  type ApplicationReal,
  accept,
  acceptanceDay,
  caseNo,
  count,
  isAllowed,
  isImmediate,
  missingMandatory,
  settle,
} from "./model.ts"

/** Ordinary acceptance of a promised matter with every mandatory material on file. */
export class AcceptApplicationCommand implements ApplicationCommand {
  check = (m: Readonly<ApplicationModel>) =>
    isAllowed(m, "AcceptApplication") && !isImmediate(m) && missingMandatory(m).length === 0
  run(m: ApplicationModel, r: ApplicationReal): void {
    count("AcceptApplication")
    accept(m, r, { _tag: "AcceptApplication", caseNo })
    m.acceptedOn = acceptanceDay(m)
    m.phase = "underReview"
    settle(m, r)
  }
  toString = () => "AcceptApplication"
}
