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

/** WithdrawApplication that must fail: nothing to withdraw, or already decided or closed. */
export class WithdrawApplicationErrCommand implements ApplicationCommand {
  check = (m: Readonly<ApplicationModel>) => !isAllowed(m, "WithdrawApplication")
  run(m: ApplicationModel, r: ApplicationReal): void {
    count("WithdrawApplication_Err")
    rejectExactly(m, r, { _tag: "WithdrawApplication", caseNo, reason: "" }, phaseRejection(m, "WithdrawApplication"))
  }
  toString = () => "WithdrawApplication_Err"
}
