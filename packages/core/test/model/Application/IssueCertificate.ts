import {
  type ApplicationCommand,
  type ApplicationModel,
  type ApplicationReal,
  accept,
  addWorkingDays,
  caseNo,
  count,
  explanation,
  isAllowed,
  resultAllowed,
  settle,
} from "./model.ts"

/** The certificate is issued (possibly as an electronic licence); late only with an explanation. */
export class IssueCertificateCommand implements ApplicationCommand {
  constructor(
    readonly explain: boolean,
    readonly electronic: boolean,
  ) {}
  check = (m: Readonly<ApplicationModel>) =>
    isAllowed(m, "IssueCertificate") &&
    resultAllowed(m) &&
    (m.today <= addWorkingDays(m.decidedOn!, 10) || this.explain)
  run(m: ApplicationModel, r: ApplicationReal): void {
    count("IssueCertificate")
    accept(m, r, {
      _tag: "IssueCertificate",
      caseNo,
      certificateNo: "JY14301020001234",
      ...(this.electronic ? { electronicLicence: { licenceType: "食品经营许可证", licenceNo: "E-1" } } : {}),
      ...explanation(this.explain, "lateExplanation"),
    })
    m.phase = "concluded"
    settle(m, r)
  }
  toString = () => `IssueCertificate(${this.explain ? "explained" : ""}${this.electronic ? ", e-licence" : ""})`
}
