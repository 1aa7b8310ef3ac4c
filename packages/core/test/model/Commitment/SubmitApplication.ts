import {
  accept,
  type CommitmentCommand,
  type CommitmentModel,
  type CommitmentReal,
  caseNoOf,
  count,
  enterprise,
  isAllowed,
  settle,
  terms,
  withStanding,
} from "./model.ts"

/** The applicant submits, with the credit standing as a fact or without one: credit entries never stop a submission (only a statutory bar does, and commitment matters never concern safety, health or property). */
export class SubmitApplicationCommand implements CommitmentCommand {
  constructor(
    readonly codes: ReadonlyArray<string>,
    readonly withFact: boolean,
  ) {}
  check = (m: Readonly<CommitmentModel>) => isAllowed(m, "SubmitApplication")
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
