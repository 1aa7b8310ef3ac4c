import type { Application } from "../../../src/index.ts"
import {
  type ApplicationCommand,
  type ApplicationModel,
  type ApplicationReal,
  caseNo,
  count,
  day,
  falseMaterialsFound,
  isAllowed,
  isImmediate,
  missingMandatory,
  phaseRejection,
  rejectExactly,
} from "./model.ts"

export type OnTheSpotFault = "phase" | "notImmediate" | "missing" | "overtime"

/** DecideOnTheSpot that must fail: wrong phase, a promised matter, missing materials, or late without an explanation. */
export class DecideOnTheSpotErrCommand implements ApplicationCommand {
  constructor(readonly fault: OnTheSpotFault) {}
  check = (m: Readonly<ApplicationModel>) => {
    if (this.fault === "phase") return !isAllowed(m, "DecideOnTheSpot")
    if (!isAllowed(m, "DecideOnTheSpot")) return false
    if (this.fault === "notImmediate") return !isImmediate(m)
    if (!isImmediate(m)) return false
    if (this.fault === "missing") return missingMandatory(m).length > 0
    return (
      missingMandatory(m).length === 0 && m.phase === "corrected" && m.completedOn! < m.today && !falseMaterialsFound(m)
    )
  }
  run(m: ApplicationModel, r: ApplicationReal): void {
    count("DecideOnTheSpot_Err")
    const expected: Record<OnTheSpotFault, () => Application.Rejection> = {
      phase: () => phaseRejection(m, "DecideOnTheSpot"),
      notImmediate: () => ({ _tag: "NotImmediateMatter", implementationCode: m.terms.implementationCode }),
      missing: () => ({ _tag: "MandatoryMaterialsMissing", codes: missingMandatory(m) }),
      overtime: () => ({ _tag: "OvertimeExplanationRequired", dueOn: day(m.completedOn!), on: day(m.today) }),
    }
    rejectExactly(m, r, { _tag: "DecideOnTheSpot", caseNo, outcome: { _tag: "Grant" } }, expected[this.fault]())
  }
  toString = () => `DecideOnTheSpot_Err(${this.fault})`
}
