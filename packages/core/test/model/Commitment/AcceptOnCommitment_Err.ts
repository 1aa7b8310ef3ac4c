import { Application, CreditRecord } from "../../../src/index.ts"
import { person } from "../../arbitraries/application.ts"
import {
  barredRejection,
  type CommitmentCommand,
  type CommitmentModel,
  type CommitmentReal,
  caseNoOf,
  contextFor,
  count,
  countFault,
  day,
  isAllowed,
  isBarred,
  letter,
  missing,
  nextDay,
  offered,
  phaseRejection,
  rejectExactly,
  standingOn,
} from "./model.ts"

export type AcceptOnCommitmentFault =
  | "phase"
  | "missingFact"
  | "stale"
  | "otherSubject"
  | "inconsistent"
  | "barred"
  | "letter"
  | "agent"
  | "variantRequired"
  | "variantNotOffered"
  | "meetBy"
  | "materials"

/** Checks in the order decide makes them: each fault presupposes the earlier checks pass. */
const applies = (m: Readonly<CommitmentModel>, fault: AcceptOnCommitmentFault): boolean => {
  if (fault === "phase") return !isAllowed(m, "AcceptOnCommitment")
  if (!isAllowed(m, "AcceptOnCommitment")) return false
  switch (fault) {
    case "missingFact":
    case "stale":
    case "otherSubject":
    case "inconsistent":
      return true
    case "barred":
      return isBarred(m)
  }
  if (isBarred(m)) return false
  switch (fault) {
    case "letter":
    case "agent":
      return true
    case "variantRequired":
      return offered(m).length > 0
    case "variantNotOffered":
      return offered(m).length < 2
    case "meetBy":
      return offered(m).includes("willMeetBy")
    case "materials":
      return missing(m, true).length > 0
  }
}

/** AcceptOnCommitment that must fail, with exactly the rejection of the first rule it breaks. */
export class AcceptOnCommitmentErrCommand implements CommitmentCommand {
  constructor(readonly fault: AcceptOnCommitmentFault) {}
  check = (m: Readonly<CommitmentModel>) => applies(m, this.fault)
  run(m: CommitmentModel, r: CommitmentReal): void {
    count("AcceptOnCommitment_Err")
    countFault("AcceptOnCommitment_Err", this.fault)
    const today = standingOn(r, m.today)
    const yesterday = nextDay(m.today, -1)
    const variants = offered(m)
    const valid: Application.BusinessLicenceCommitment | undefined =
      variants[0] === undefined
        ? undefined
        : variants[0] === "meetsNow"
          ? { variant: "meetsNow" }
          : { variant: "willMeetBy", meetBy: day(nextDay(m.today, 3)) }
    const unoffered: Application.BusinessLicenceCommitment = variants.includes("meetsNow")
      ? { variant: "willMeetBy", meetBy: day(nextDay(m.today, 3)) }
      : { variant: "meetsNow" }
    const base: Application.AcceptOnCommitment = {
      _tag: "AcceptOnCommitment",
      caseNo: caseNoOf(m),
      letter,
      ...(valid === undefined ? {} : { businessLicence: valid }),
      grantOnTheSpot: false,
    }
    const { businessLicence: _omitted, ...unchosen } = base
    const cases: Record<
      AcceptOnCommitmentFault,
      () => { command: Application.AcceptOnCommitment; facts: Application.Facts; expected: Application.Rejection }
    > = {
      phase: () => ({
        command: base,
        facts: { creditStanding: today },
        expected: phaseRejection(m, "AcceptOnCommitment"),
      }),
      missingFact: () => ({
        command: base,
        facts: {},
        expected: {
          _tag: "CreditStandingUnusable",
          problem: "missing",
          message: "commitment mode needs the applicant's credit standing as facts.creditStanding",
        },
      }),
      stale: () => ({
        command: base,
        facts: { creditStanding: standingOn(r, yesterday) },
        expected: {
          _tag: "CreditStandingUnusable",
          problem: "notToday",
          message: `the credit standing was checked on ${yesterday}, not on ${m.today}`,
        },
      }),
      otherSubject: () => ({
        command: base,
        facts: {
          creditStanding: CreditRecord.standing(
            CreditRecord.initialFor(Application.creditSubjectOf(person)),
            day(m.today),
          ),
        },
        expected: {
          _tag: "CreditStandingUnusable",
          problem: "otherSubject",
          message: "the credit standing is another subject's, not the applicant's",
        },
      }),
      inconsistent: () => ({
        command: base,
        facts: { creditStanding: { ...today, barredFromCommitment: today.reasons.length === 0 } },
        expected: {
          _tag: "CreditStandingUnusable",
          problem: "inconsistent",
          message: "the credit standing's barred flag, reasons and dates disagree",
        },
      }),
      barred: () => ({ command: base, facts: { creditStanding: today }, expected: barredRejection(m) }),
      letter: () => ({
        command: { ...base, letter: { ...letter, confirmations: { ...letter.confirmations, informationTrue: false } } },
        facts: { creditStanding: today },
        expected: { _tag: "CommitmentLetterIncomplete", missing: ["informationTrue"] },
      }),
      agent: () => ({
        command: { ...base, letter: { ...letter, signer: { _tag: "Agent", name: "王律师" } } },
        facts: { creditStanding: today },
        expected: { _tag: "AgentAuthorisationRequired", agent: "王律师" },
      }),
      variantRequired: () => ({
        command: unchosen,
        facts: { creditStanding: today },
        expected: { _tag: "BusinessLicenceVariantRequired", offered: variants },
      }),
      variantNotOffered: () => ({
        command: { ...base, businessLicence: unoffered },
        facts: { creditStanding: today },
        expected: { _tag: "BusinessLicenceVariantNotOffered", variant: unoffered.variant, offered: variants },
      }),
      meetBy: () => ({
        command: { ...base, businessLicence: { variant: "willMeetBy", meetBy: day(m.today) } },
        facts: { creditStanding: today },
        expected: { _tag: "DateNotInFuture", field: "meetBy", date: day(m.today), on: day(m.today) },
      }),
      materials: () => ({
        command: base,
        facts: { creditStanding: today },
        expected: { _tag: "MandatoryMaterialsMissing", codes: missing(m, true) },
      }),
    }
    const { command, facts, expected } = cases[this.fault]()
    rejectExactly(m, r, command, expected, contextFor(m, "AcceptOnCommitment", facts))
  }
  toString = () => `AcceptOnCommitment_Err(${this.fault})`
}
