import {
  type ApplicationCommand,
  type ApplicationModel,
  type ApplicationReal,
  accept,
  caseNo,
  count,
  hasDeferred,
  isAllowed,
  settle,
} from "./model.ts"

/** The timer: the supplement deadline passed; the case terminates or suspends, as the matter says. */
export class MissSupplementDeadlineCommand implements ApplicationCommand {
  check = (m: Readonly<ApplicationModel>) =>
    isAllowed(m, "MissSupplementDeadline") && hasDeferred(m) && m.today > m.supplementBy!
  run(m: ApplicationModel, r: ApplicationReal): void {
    count("MissSupplementDeadline")
    accept(m, r, { _tag: "MissSupplementDeadline", caseNo })
    if (m.terms.tolerantAcceptance!.onDeadlineMissed === "terminate") {
      m.phase = "terminated"
      m.stoppedOn = m.today
    } else {
      const from = m.phase === "specialProcedure" ? "specialProcedure" : "underReview"
      if (from === "underReview") m.spans.push({ from: m.today, to: null })
      m.suspendedFrom = from
      m.phase = "suspended"
    }
    settle(m, r)
  }
  toString = () => "MissSupplementDeadline"
}
