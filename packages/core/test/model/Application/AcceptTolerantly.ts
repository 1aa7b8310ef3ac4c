import {
  type ApplicationCommand,
  type ApplicationModel,
  type ApplicationReal,
  accept,
  acceptanceDay,
  addWorkingDays,
  caseNo,
  count,
  isAllowed,
  isImmediate,
  missingMandatory,
  offersTolerance,
  settle,
} from "./model.ts"

/** Tolerant acceptance: only the deferrable M03 may be missing; it is deferred with the applicant's commitment. */
export class AcceptTolerantlyCommand implements ApplicationCommand {
  check = (m: Readonly<ApplicationModel>) =>
    isAllowed(m, "AcceptTolerantly") &&
    !isImmediate(m) &&
    offersTolerance(m) &&
    missingMandatory(m).every((code) => code === "M03") &&
    // counted from today, the supplement deadline must still fall within the promised date counted from acceptance
    addWorkingDays(m.today, m.terms.tolerantAcceptance!.supplementDeadlineWorkingDays) <=
      addWorkingDays(acceptanceDay(m), m.terms.promisedLimitWorkingDays)
  run(m: ApplicationModel, r: ApplicationReal): void {
    count("AcceptTolerantly")
    accept(m, r, {
      _tag: "AcceptTolerantly",
      caseNo,
      deferred: [{ code: "M03", howToSupply: "网上上传" }],
      commitment: { signedBy: "李湘", statement: "按期补齐" },
    })
    m.acceptedOn = acceptanceDay(m)
    m.deferred = ["M03"]
    m.supplementBy = addWorkingDays(m.today, m.terms.tolerantAcceptance!.supplementDeadlineWorkingDays)
    m.phase = "underReview"
    settle(m, r)
  }
  toString = () => "AcceptTolerantly"
}
