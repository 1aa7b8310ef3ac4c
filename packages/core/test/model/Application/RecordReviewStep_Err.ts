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

export type ReviewFault = "phase" | "unknownStep"

/** RecordReviewStep that must fail: wrong phase, or a step the procedure does not have. */
export class RecordReviewStepErrCommand implements ApplicationCommand {
  constructor(readonly fault: ReviewFault) {}
  check = (m: Readonly<ApplicationModel>) =>
    this.fault === "phase" ? !isAllowed(m, "RecordReviewStep") : isAllowed(m, "RecordReviewStep")
  run(m: ApplicationModel, r: ApplicationReal): void {
    count("RecordReviewStep_Err")
    const expected: Application.Rejection =
      this.fault === "phase"
        ? phaseRejection(m, "RecordReviewStep")
        : { _tag: "UnknownProcedureStep", step: "会商", steps: m.terms.procedure.map((s) => s.name) }
    rejectExactly(m, r, { _tag: "RecordReviewStep", caseNo, step: "会商", opinion: "同意" }, expected)
  }
  toString = () => `RecordReviewStep_Err(${this.fault})`
}
