import type { Application } from "../../../src/index.ts"
import {
  type ApplicationCommand,
  type ApplicationModel,
  type ApplicationReal,
  caseNo,
  count,
  day,
  hasDeferred,
  isAllowed,
  nextDay,
  phaseRejection,
  rejectExactly,
} from "./model.ts"

export type MissFault = "phase" | "none" | "early"

/** MissSupplementDeadline that must fail: wrong phase, nothing deferred, or the deadline has not passed. */
export class MissSupplementDeadlineErrCommand implements ApplicationCommand {
  constructor(readonly fault: MissFault) {}
  check = (m: Readonly<ApplicationModel>) => {
    if (this.fault === "phase") return !isAllowed(m, "MissSupplementDeadline")
    if (!isAllowed(m, "MissSupplementDeadline")) return false
    return this.fault === "none" ? !hasDeferred(m) : hasDeferred(m) && m.today <= m.supplementBy!
  }
  run(m: ApplicationModel, r: ApplicationReal): void {
    count("MissSupplementDeadline_Err")
    const expected: Record<MissFault, () => Application.Rejection> = {
      phase: () => phaseRejection(m, "MissSupplementDeadline"),
      none: () => ({ _tag: "NoDeferredMaterialsOutstanding", caseNo }),
      early: () => ({
        _tag: "TooEarly",
        command: "MissSupplementDeadline",
        earliestOn: day(nextDay(m.supplementBy!)),
        on: day(m.today),
      }),
    }
    rejectExactly(m, r, { _tag: "MissSupplementDeadline", caseNo }, expected[this.fault]())
  }
  toString = () => `MissSupplementDeadline_Err(${this.fault})`
}
