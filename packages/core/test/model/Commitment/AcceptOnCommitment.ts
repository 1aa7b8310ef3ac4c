import type { Application } from "../../../src/index.ts"
import {
  accept,
  acceptanceDay,
  addWorkingDays,
  type CommitmentCommand,
  type CommitmentModel,
  type CommitmentReal,
  caseNoOf,
  count,
  day,
  eligible,
  isAllowed,
  letter,
  nextDay,
  offered,
  required,
  settingsOf,
  settle,
  withStanding,
} from "./model.ts"

const settingsOfTerms = (m: Readonly<CommitmentModel>): number => m.setup.terms.promisedLimitWorkingDays

/** The letter an agent signs with the applicant's authorisation. */
export const agentLetter: Application.CommitmentLetter = {
  ...letter,
  signer: {
    _tag: "Agent",
    name: "王律师",
    authorisation: { documentRef: "授权委托书 2026-017", coversCommitment: true },
  },
}

/** The variant chosen among those offered (none when the matter offers none). */
export const chosenVariant = (
  m: Readonly<CommitmentModel>,
  pick: number,
  meetByDays: number,
): Application.BusinessLicenceCommitment | undefined => {
  const variants = offered(m)
  if (variants.length === 0) return undefined
  return variants[pick % variants.length] === "meetsNow"
    ? { variant: "meetsNow" }
    : { variant: "willMeetBy", meetBy: day(nextDay(m.today, meetByDays)) }
}

/** The window accepts on commitment — an eligible applicant, every unreplaced material on file — and may grant on the spot. */
export class AcceptOnCommitmentCommand implements CommitmentCommand {
  constructor(
    readonly onTheSpot: boolean,
    readonly pick: number,
    readonly meetByDays: number,
    readonly byAgent: boolean,
  ) {}
  check = (m: Readonly<CommitmentModel>) =>
    isAllowed(m, "AcceptOnCommitment") &&
    eligible(m) &&
    // a grant on the spot past the promised date (counted from receipt once the law accepted) needs an explanation
    (!this.onTheSpot || m.today <= addWorkingDays(acceptanceDay(m), settingsOfTerms(m)))
  run(m: CommitmentModel, r: CommitmentReal): void {
    count("AcceptOnCommitment")
    const businessLicence = chosenVariant(m, this.pick, this.meetByDays)
    accept(
      m,
      r,
      {
        _tag: "AcceptOnCommitment",
        caseNo: caseNoOf(m),
        letter: this.byAgent ? agentLetter : letter,
        ...(businessLicence === undefined ? {} : { businessLicence }),
        grantOnTheSpot: this.onTheSpot,
      },
      withStanding(m, r),
    )
    m.mode = "commitment"
    m.acceptedOn = acceptanceDay(m)
    m.variant = businessLicence?.variant ?? null
    m.meetBy = businessLicence?.variant === "willMeetBy" ? businessLicence.meetBy : null
    if (this.onTheSpot) {
      m.phase = "granted"
      m.decidedOn = m.today
      const verification = settingsOf(m).verification
      m.verificationDue =
        required(m) && verification._tag === "Required" ? addWorkingDays(m.today, verification.periodWorkingDays) : null
    } else {
      m.phase = "underReview"
    }
    settle(m, r)
  }
  toString = () =>
    `AcceptOnCommitment(${this.onTheSpot ? "on the spot, " : ""}variant ${this.pick}, +${this.meetByDays}d${this.byAgent ? ", agent" : ""})`
}
