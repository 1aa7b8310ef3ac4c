import {
  type ApplicationCommand,
  type ApplicationModel,
  type ApplicationReal,
  accept,
  caseNo,
  count,
  enterprise,
  isAllowed,
  settle,
} from "./model.ts"

/** The applicant starts a draft. */
export class DraftApplicationCommand implements ApplicationCommand {
  check = (m: Readonly<ApplicationModel>) => isAllowed(m, "DraftApplication")
  run(m: ApplicationModel, r: ApplicationReal): void {
    count("DraftApplication")
    accept(m, r, { _tag: "DraftApplication", caseNo, applicant: enterprise, matterCode: m.terms.implementationCode })
    m.phase = "draft"
    settle(m, r)
  }
  toString = () => "DraftApplication"
}
