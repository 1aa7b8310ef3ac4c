import {
  type ApplicationCommand,
  type ApplicationModel,
  type ApplicationReal,
  accept,
  acceptanceDay,
  caseNo,
  count,
  explanation,
  falseMaterialsFound,
  isAllowed,
  isImmediate,
  missingMandatory,
  settle,
} from "./model.ts"

/** An immediate matter accepted and decided at once (after a correction, on a later day only with an explanation). */
export class DecideOnTheSpotCommand implements ApplicationCommand {
  constructor(
    readonly grant: boolean,
    readonly explain: boolean,
  ) {}
  check = (m: Readonly<ApplicationModel>) =>
    isAllowed(m, "DecideOnTheSpot") &&
    isImmediate(m) &&
    missingMandatory(m).length === 0 &&
    !(this.grant && falseMaterialsFound(m)) &&
    (m.today <= acceptanceDay(m) || this.explain)
  run(m: ApplicationModel, r: ApplicationReal): void {
    count("DecideOnTheSpot")
    const remedies = { administrativeReview: "六十日内申请行政复议", litigation: "六个月内提起行政诉讼" }
    accept(m, r, {
      _tag: "DecideOnTheSpot",
      caseNo,
      outcome: this.grant ? { _tag: "Grant" } : { _tag: "Deny", reasons: "不符合条件", remedies },
      ...explanation(this.explain),
    })
    m.acceptedOn = acceptanceDay(m)
    m.decidedOn = m.today
    m.stoppedOn = m.today
    m.phase = this.grant ? "granted" : "denied"
    settle(m, r)
  }
  toString = () => `DecideOnTheSpot(${this.grant ? "grant" : "deny"}${this.explain ? ", explained" : ""})`
}
