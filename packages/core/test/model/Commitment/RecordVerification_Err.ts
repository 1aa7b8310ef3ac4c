import type { Application } from "../../../src/index.ts"
import {
  allowedMethods,
  type CommitmentCommand,
  type CommitmentModel,
  type CommitmentReal,
  caseNoOf,
  count,
  countFault,
  day,
  dayAfter,
  decided,
  isAllowed,
  isCommitment,
  methods,
  nextDay,
  phaseRejection,
  proofDue,
  rejectExactly,
  required,
  settingsOf,
  terms,
  verificationLate,
} from "./model.ts"
import { verifiable } from "./RecordVerification.ts"

export type VerificationFault =
  | "phase"
  | "notCommitment"
  | "exempt"
  | "confirmed"
  | "method"
  | "text"
  | "late"
  | "proof"
  | "notGranted"
  | "ordered"
  | "rectifyBy"
  | "noOrder"
  | "early"

/** Checks in the order decide makes them: each fault presupposes the earlier checks pass. */
const applies = (m: Readonly<CommitmentModel>, fault: VerificationFault): boolean => {
  if (fault === "phase") return !isAllowed(m, "RecordVerification")
  if (!isAllowed(m, "RecordVerification")) return false
  if (fault === "notCommitment") return !isCommitment(m)
  if (!isCommitment(m)) return false
  if (fault === "exempt") return !required(m)
  if (!required(m)) return false
  if (fault === "confirmed") return m.confirmedOn !== null
  if (!verifiable(m)) return false
  switch (fault) {
    case "method":
      return allowedMethods(m).length < methods.length
    case "text":
      return true
    case "late":
      return verificationLate(m)
    case "proof":
      return proofDue(m)
    case "notGranted":
      return !decided(m)
    case "ordered":
      return decided(m) && m.rectifyBy !== null
    case "rectifyBy":
    case "noOrder":
      return decided(m) && m.rectifyBy === null
    case "early":
      return decided(m) && m.rectifyBy !== null && m.today <= m.rectifyBy
  }
}

/** RecordVerification that must fail, with exactly the rejection of the first rule it breaks. */
export class RecordVerificationErrCommand implements CommitmentCommand {
  constructor(readonly fault: VerificationFault) {}
  check = (m: Readonly<CommitmentModel>) => applies(m, this.fault)
  run(m: CommitmentModel, r: CommitmentReal): void {
    count("RecordVerification_Err")
    countFault("RecordVerification_Err", this.fault)
    const allowed = allowedMethods(m)
    const method = allowed[0] ?? "onSite"
    const findings = "核查记录"
    const explained = verificationLate(m) ? { lateExplanation: "核查人员抽调" } : {}
    const confirmed: Application.VerificationOutcome = { _tag: "Confirmed", findings }
    const notMet = (rectifyBy: string): Application.VerificationOutcome => ({
      _tag: "ConditionsNotMet",
      findings,
      rectifyBy: day(rectifyBy),
    })
    const notRectified: Application.VerificationOutcome = { _tag: "NotRectified", findings }
    const verification = settingsOf(m).verification
    const cases: Record<
      VerificationFault,
      () => {
        outcome: Application.VerificationOutcome
        method?: Application.RecordVerification["method"]
        late?: boolean
        expected: Application.Rejection
      }
    > = {
      phase: () => ({ outcome: confirmed, expected: phaseRejection(m, "RecordVerification") }),
      notCommitment: () => ({ outcome: confirmed, expected: { _tag: "NotACommitmentCase", caseNo: caseNoOf(m) } }),
      exempt: () => ({
        outcome: confirmed,
        expected: {
          _tag: "VerificationExempt",
          implementationCode: terms(m).implementationCode,
          reason: verification._tag === "Exempt" ? verification.reason : "",
        },
      }),
      confirmed: () => ({
        outcome: { _tag: "FalseCommitment", findings },
        expected: { _tag: "CommitmentAlreadyVerified", verifiedOn: day(m.confirmedOn!) },
      }),
      method: () => {
        const outside = methods.find((x) => !allowed.includes(x))!
        return {
          outcome: confirmed,
          method: outside,
          expected: { _tag: "VerificationMethodNotAllowed", method: outside, allowed },
        }
      },
      text: () => ({
        outcome: { _tag: "FalseCommitment", findings: "" },
        expected: { _tag: "TextRequired", field: "outcome.findings" },
      }),
      late: () => ({
        outcome: confirmed,
        late: true,
        expected: { _tag: "OvertimeExplanationRequired", dueOn: day(m.verificationDue!), on: day(m.today) },
      }),
      proof: () => ({ outcome: confirmed, expected: { _tag: "ComplianceProofOutstanding", meetBy: day(m.meetBy!) } }),
      notGranted: () => ({
        outcome: notMet(nextDay(m.today, 5)),
        expected: { _tag: "NotYetGranted", caseNo: caseNoOf(m) },
      }),
      ordered: () => ({
        outcome: notMet(nextDay(m.today, 5)),
        expected: { _tag: "RectificationAlreadyOrdered", rectifyBy: day(m.rectifyBy!) },
      }),
      rectifyBy: () => ({
        outcome: notMet(m.today),
        expected: { _tag: "DateNotInFuture", field: "rectifyBy", date: day(m.today), on: day(m.today) },
      }),
      noOrder: () => ({ outcome: notRectified, expected: { _tag: "NoRectificationOrdered", caseNo: caseNoOf(m) } }),
      early: () => ({
        outcome: notRectified,
        expected: {
          _tag: "TooEarly",
          command: "RecordVerification",
          earliestOn: dayAfter(m.rectifyBy!),
          on: day(m.today),
        },
      }),
    }
    const { outcome, expected, ...rest } = cases[this.fault]()
    rejectExactly(
      m,
      r,
      {
        _tag: "RecordVerification",
        caseNo: caseNoOf(m),
        method: rest.method ?? method,
        outcome,
        ...(rest.late === true ? {} : explained),
      },
      expected,
    )
  }
  toString = () => `RecordVerification_Err(${this.fault})`
}
