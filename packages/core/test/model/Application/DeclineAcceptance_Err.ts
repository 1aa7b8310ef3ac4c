import type { Application } from "../../../src/index.ts"
import {
  type ApplicationCommand,
  type ApplicationModel,
  type ApplicationReal,
  acceptedByLaw,
  addWorkingDays,
  caseNo,
  count,
  day,
  isAllowed,
  phaseRejection,
  rejectExactly,
} from "./model.ts"

export type DeclineFault = "phase" | "referral" | "acceptedByLaw"

/** DeclineAcceptance that must fail: wrong phase, not competent without a referral, or after the law accepted the case (ALL Art 32). */
export class DeclineAcceptanceErrCommand implements ApplicationCommand {
  constructor(readonly fault: DeclineFault) {}
  check = (m: Readonly<ApplicationModel>) =>
    this.fault === "phase"
      ? !isAllowed(m, "DeclineAcceptance")
      : isAllowed(m, "DeclineAcceptance") && (this.fault === "acceptedByLaw") === acceptedByLaw(m)
  run(m: ApplicationModel, r: ApplicationReal): void {
    count("DeclineAcceptance_Err")
    const deadline = m.receivedOn === null ? "" : addWorkingDays(m.receivedOn, 5)
    const expected: Application.Rejection =
      this.fault === "phase"
        ? phaseRejection(m, "DeclineAcceptance")
        : this.fault === "acceptedByLaw"
          ? {
              _tag: "AcceptedByLaw",
              command: "DeclineAcceptance",
              article: "ALL Art 32",
              receivedOn: day(m.receivedOn!),
              deadline: day(deadline),
              on: day(m.today),
              message: `no correction notice was given by ${deadline}, the 5th working day after receipt on ${m.receivedOn}: the application is accepted by law from the date of receipt (ALL Art 32), so acceptance can no longer be declined`,
            }
          : { _tag: "ReferralRequired", caseNo }
    rejectExactly(
      m,
      r,
      { _tag: "DeclineAcceptance", caseNo, ground: "notCompetent", reasons: "不属本机关职权" },
      expected,
    )
  }
  toString = () => `DeclineAcceptance_Err(${this.fault})`
}
