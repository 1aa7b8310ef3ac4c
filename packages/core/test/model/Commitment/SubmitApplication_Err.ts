import type { Application } from "../../../src/index.ts"
import {
  type CommitmentCommand,
  type CommitmentModel,
  type CommitmentReal,
  caseNoOf,
  contextFor,
  count,
  countFault,
  enterprise,
  isAllowed,
  nextDay,
  phaseRejection,
  reapplicationBar,
  reapplicationRejection,
  rejectExactly,
  standingOn,
  terms,
} from "./model.ts"

export type SubmitFault = "phase" | "barred" | "stale"

/** SubmitApplication that must fail: wrong phase, barred from applying again, or a standing of another day. */
export class SubmitApplicationErrCommand implements CommitmentCommand {
  constructor(readonly fault: SubmitFault) {}
  check = (m: Readonly<CommitmentModel>) => {
    if (this.fault === "phase") return !isAllowed(m, "SubmitApplication")
    if (!isAllowed(m, "SubmitApplication")) return false
    return this.fault === "barred" ? reapplicationBar(m) !== undefined : true
  }
  run(m: CommitmentModel, r: CommitmentReal): void {
    count("SubmitApplication_Err")
    countFault("SubmitApplication_Err", this.fault)
    const yesterday = nextDay(m.today, -1)
    const facts: Record<SubmitFault, Application.Facts> = {
      phase: {},
      barred: { creditStanding: standingOn(r, m.today) },
      stale: { creditStanding: standingOn(r, yesterday) },
    }
    const expected: Record<SubmitFault, () => Application.Rejection> = {
      phase: () => phaseRejection(m, "SubmitApplication"),
      barred: () => reapplicationRejection(m),
      stale: () => ({
        _tag: "CreditStandingUnusable",
        problem: "notToday",
        message: `the credit standing was checked on ${yesterday}, not on ${m.today}`,
      }),
    }
    rejectExactly(
      m,
      r,
      {
        _tag: "SubmitApplication",
        caseNo: caseNoOf(m),
        applicant: enterprise,
        matter: terms(m),
        materials: [{ code: "M01", form: "paper" }],
      },
      expected[this.fault](),
      contextFor(m, "SubmitApplication", facts[this.fault]),
    )
  }
  toString = () => `SubmitApplication_Err(${this.fault})`
}
