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

/** The special procedure ends; the clock resumes. */
export class EndSpecialProcedureCommand implements ApplicationCommand {
  check = (m: Readonly<ApplicationModel>) => isAllowed(m, "EndSpecialProcedure")
  run(m: ApplicationModel, r: ApplicationReal): void {
    count("EndSpecialProcedure")
    accept(m, r, { _tag: "EndSpecialProcedure", caseNo, outcome: "合格" })
    m.spans[m.spans.length - 1]!.to = m.today
    m.phase = "underReview"
    settle(m, r)
  }
  toString = () => "EndSpecialProcedure"
}
