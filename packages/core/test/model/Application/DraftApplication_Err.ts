import {
  type ApplicationCommand,
  type ApplicationModel,
  type ApplicationReal,
  count,
  isAllowed,
  phaseRejection,
  rejectExactly,
  sampleCommand,
} from "./model.ts"

/** DraftApplication that must fail: the case already exists. */
export class DraftApplicationErrCommand implements ApplicationCommand {
  check = (m: Readonly<ApplicationModel>) => !isAllowed(m, "DraftApplication")
  run(m: ApplicationModel, r: ApplicationReal): void {
    count("DraftApplication_Err")
    rejectExactly(m, r, sampleCommand("DraftApplication", m.terms), phaseRejection(m, "DraftApplication"))
  }
  toString = () => "DraftApplication_Err"
}
