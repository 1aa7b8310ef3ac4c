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

/** EndSpecialProcedure that must fail: no special procedure runs. */
export class EndSpecialProcedureErrCommand implements ApplicationCommand {
  check = (m: Readonly<ApplicationModel>) => !isAllowed(m, "EndSpecialProcedure")
  run(m: ApplicationModel, r: ApplicationReal): void {
    count("EndSpecialProcedure_Err")
    rejectExactly(
      m,
      r,
      { _tag: "EndSpecialProcedure", caseNo, outcome: "合格" },
      phaseRejection(m, "EndSpecialProcedure"),
    )
  }
  toString = () => "EndSpecialProcedure_Err"
}
