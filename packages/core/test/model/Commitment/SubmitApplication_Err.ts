import { type Application, CreditRecord } from "../../../src/index.ts"
import {
  type CommitmentCommand,
  type CommitmentModel,
  type CommitmentReal,
  caseNoOf,
  contextFor,
  count,
  countFault,
  day,
  enterprise,
  isAllowed,
  nextDay,
  phaseRejection,
  rejectExactly,
  subject,
  terms,
} from "./model.ts"

export type SubmitFault = "phase" | "stale"

/** SubmitApplication that must fail: wrong phase, or the statutory bars read on another day. */
export class SubmitApplicationErrCommand implements CommitmentCommand {
  constructor(readonly fault: SubmitFault) {}
  check = (m: Readonly<CommitmentModel>) => {
    if (this.fault === "phase") return !isAllowed(m, "SubmitApplication")
    if (!isAllowed(m, "SubmitApplication")) return false
    return true
  }
  run(m: CommitmentModel, r: CommitmentReal): void {
    count("SubmitApplication_Err")
    countFault("SubmitApplication_Err", this.fault)
    const yesterday = nextDay(m.today, -1)
    const facts: Record<SubmitFault, Application.Facts> = {
      phase: {},
      stale: {
        reapplicationBars: {
          subject,
          baseCode: terms(m).baseCode,
          checkedOn: day(yesterday),
          bars: CreditRecord.barsOn(r.credit, terms(m).baseCode, day(yesterday)),
        },
      },
    }
    const expected: Record<SubmitFault, () => Application.Rejection> = {
      phase: () => phaseRejection(m, "SubmitApplication"),
      stale: () => ({
        _tag: "ReapplicationBarsUnusable",
        problem: "notToday",
        message: `the statutory bars were read on ${yesterday}, not on ${m.today}`,
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
