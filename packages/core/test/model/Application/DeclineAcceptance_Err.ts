import type { Application } from "../../../src/index.ts"
import {
  type ApplicationCommand,
  type ApplicationModel,
  type ApplicationReal,
  caseNo,
  count,
  isAllowed,
  phaseRejection,
  rejectExactly,
} from "./model.ts"

export type DeclineFault = "phase" | "referral"

/** DeclineAcceptance that must fail: wrong phase, or not competent without a referral. */
export class DeclineAcceptanceErrCommand implements ApplicationCommand {
  constructor(readonly fault: DeclineFault) {}
  check = (m: Readonly<ApplicationModel>) =>
    this.fault === "phase" ? !isAllowed(m, "DeclineAcceptance") : isAllowed(m, "DeclineAcceptance")
  run(m: ApplicationModel, r: ApplicationReal): void {
    count("DeclineAcceptance_Err")
    const expected: Application.Rejection =
      this.fault === "phase" ? phaseRejection(m, "DeclineAcceptance") : { _tag: "ReferralRequired", caseNo }
    rejectExactly(
      m,
      r,
      { _tag: "DeclineAcceptance", caseNo, ground: "notCompetent", reasons: "不属本机关职权" },
      expected,
    )
  }
  toString = () => `DeclineAcceptance_Err(${this.fault})`
}
