import {
  type ApplicationCommand,
  type ApplicationModel,
  type ApplicationReal,
  accept,
  caseNo,
  count,
  isAllowed,
  settle,
} from "./model.ts"

/** The reviewer records a step of the matter's procedure. */
export class RecordReviewStepCommand implements ApplicationCommand {
  constructor(readonly step: number) {}
  check = (m: Readonly<ApplicationModel>) => isAllowed(m, "RecordReviewStep")
  run(m: ApplicationModel, r: ApplicationReal): void {
    count("RecordReviewStep")
    const steps = m.terms.procedure.map((s) => s.name)
    accept(m, r, { _tag: "RecordReviewStep", caseNo, step: steps[this.step % steps.length]!, opinion: "同意" })
    settle(m, r)
  }
  toString = () => `RecordReviewStep(${this.step})`
}
