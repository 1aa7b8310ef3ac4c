import {
  type ApplicationCommand,
  type ApplicationModel,
  type ApplicationReal,
  accept,
  acceptedByLaw,
  caseNo,
  count,
  isAllowed,
  settle,
} from "./model.ts"

/** Acceptance declined: no licence needed, or not competent with a referral. */
export class DeclineAcceptanceCommand implements ApplicationCommand {
  /** `rarely` other than 0 skips the command, so that fewer runs end early. */
  constructor(
    readonly notCompetent: boolean,
    readonly rarely: number,
  ) {}
  check = (m: Readonly<ApplicationModel>) => this.rarely === 0 && isAllowed(m, "DeclineAcceptance") && !acceptedByLaw(m)
  run(m: ApplicationModel, r: ApplicationReal): void {
    count("DeclineAcceptance")
    accept(
      m,
      r,
      this.notCompetent
        ? {
            _tag: "DeclineAcceptance",
            caseNo,
            ground: "notCompetent",
            reasons: "不属本机关职权",
            referral: "天心区市场监管局",
          }
        : { _tag: "DeclineAcceptance", caseNo, ground: "noLicenceRequired", reasons: "无需取得许可" },
    )
    m.phase = "acceptanceDeclined"
    settle(m, r)
  }
  toString = () => `DeclineAcceptance(${this.notCompetent ? "notCompetent" : "noLicenceRequired"})`
}
