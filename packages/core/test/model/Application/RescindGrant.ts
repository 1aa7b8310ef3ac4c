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

/** The approver rescinds a grant. */
export class RescindGrantCommand implements ApplicationCommand {
  check = (m: Readonly<ApplicationModel>) => isAllowed(m, "RescindGrant")
  run(m: ApplicationModel, r: ApplicationReal): void {
    count("RescindGrant")
    accept(m, r, { _tag: "RescindGrant", caseNo, legalBasis: "《行政许可法》第六十九条", reasons: "以欺骗手段取得" })
    m.phase = "rescinded"
    settle(m, r)
  }
  toString = () => "RescindGrant"
}
