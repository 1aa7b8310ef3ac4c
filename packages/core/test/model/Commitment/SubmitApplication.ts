import {
  accept,
  type CommitmentCommand,
  type CommitmentModel,
  type CommitmentReal,
  caseNoOf,
  count,
  enterprise,
  isAllowed,
  reapplicationBar,
  settle,
  terms,
  withStanding,
} from "./model.ts"

/** The applicant submits, with the credit standing as a fact or without one, and is not barred from applying. */
export class SubmitApplicationCommand implements CommitmentCommand {
  constructor(
    readonly codes: ReadonlyArray<string>,
    readonly withFact: boolean,
  ) {}
  check = (m: Readonly<CommitmentModel>) =>
    isAllowed(m, "SubmitApplication") && (!this.withFact || reapplicationBar(m) === undefined)
  run(m: CommitmentModel, r: CommitmentReal): void {
    count("SubmitApplication")
    accept(
      m,
      r,
      {
        _tag: "SubmitApplication",
        caseNo: caseNoOf(m),
        applicant: enterprise,
        matter: terms(m),
        materials: this.codes.map((code) => ({ code, form: "paper" as const })),
      },
      this.withFact ? withStanding(m, r) : {},
    )
    m.phase = "submitted"
    m.receivedOn = m.today
    m.onFile = [...this.codes]
    settle(m, r)
  }
  toString = () => `SubmitApplication([${this.codes.join(",")}]${this.withFact ? ", with standing" : ""})`
}
