import type { Application } from "../../../src/index.ts"
import {
  accept,
  allowedMethods,
  type CommitmentCommand,
  type CommitmentModel,
  type CommitmentReal,
  caseNoOf,
  count,
  day,
  decided,
  isAllowed,
  isCommitment,
  nextDay,
  proofDue,
  required,
  settle,
  terms,
  verificationLate,
} from "./model.ts"

export type OutcomeKind = Application.VerificationOutcome["_tag"]

/** Verification may be recorded at all: a commitment case of a matter that requires it, not yet confirmed. */
export const verifiable = (m: Readonly<CommitmentModel>): boolean =>
  isAllowed(m, "RecordVerification") && isCommitment(m) && required(m) && m.confirmedOn === null

/** Whether this outcome may be recorded now. */
export const outcomeAllowed = (m: Readonly<CommitmentModel>, kind: OutcomeKind): boolean => {
  switch (kind) {
    case "Confirmed":
      return !proofDue(m)
    case "ConditionsNotMet":
      return decided(m) && m.rectifyBy === null
    case "NotRectified":
      return decided(m) && m.rectifyBy !== null && m.today > m.rectifyBy
    case "FalseCommitment":
      return true
  }
}

/** The verifier records an outcome by one of the matter's methods (explained when late). */
export class RecordVerificationCommand implements CommitmentCommand {
  constructor(
    readonly kind: OutcomeKind,
    readonly methodPick: number,
    readonly rectifyDays: number,
  ) {}
  check = (m: Readonly<CommitmentModel>) => verifiable(m) && outcomeAllowed(m, this.kind)
  run(m: CommitmentModel, r: CommitmentReal): void {
    count("RecordVerification")
    count(`RecordVerification.${this.kind}`)
    const methods = allowedMethods(m)
    const findings = "核查记录"
    const rectifyBy = nextDay(m.today, this.rectifyDays)
    const outcome: Application.VerificationOutcome =
      this.kind === "ConditionsNotMet"
        ? { _tag: this.kind, findings, rectifyBy: day(rectifyBy) }
        : { _tag: this.kind, findings }
    accept(m, r, {
      _tag: "RecordVerification",
      caseNo: caseNoOf(m),
      method: methods[this.methodPick % methods.length]!,
      outcome,
      ...(verificationLate(m) ? { lateExplanation: "核查人员抽调" } : {}),
    })
    switch (this.kind) {
      case "Confirmed":
        m.confirmedOn = m.today
        m.rectifyBy = null
        if (m.phase === "concluded") m.phase = "verified"
        break
      case "ConditionsNotMet":
        m.rectifyBy = rectifyBy
        break
      case "NotRectified":
        m.rectifyBy = null
        m.phase = "rescinded"
        break
      case "FalseCommitment":
        m.rectifyBy = null
        m.phase = decided(m) ? "rescinded" : "terminated"
        m.falseFindings += 1
        m.credit.push({
          id: `${caseNoOf(m)}/falseCommitment`,
          kind: "falseCommitment",
          matterCode: terms(m).implementationCode,
          effectiveOn: m.today,
          expiresOn: nextDay(m.today, m.setup.falseCommitmentDays),
          repairedOn: null,
        })
        break
    }
    settle(m, r)
  }
  toString = () => `RecordVerification(${this.kind}, method ${this.methodPick}, +${this.rectifyDays}d)`
}
