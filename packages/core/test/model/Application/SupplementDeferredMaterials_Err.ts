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
  phaseRejection,
  rejectExactly,
} from "./model.ts"

export type SupplementFault = "phase" | "none" | "notDeferred" | "late"

/** SupplementDeferredMaterials that must fail: wrong phase, nothing deferred, a material not deferred, or after the deadline. */
export class SupplementDeferredMaterialsErrCommand implements ApplicationCommand {
  constructor(readonly fault: SupplementFault) {}
  check = (m: Readonly<ApplicationModel>) => {
    if (this.fault === "phase") return !isAllowed(m, "SupplementDeferredMaterials")
    if (!isAllowed(m, "SupplementDeferredMaterials")) return false
    if (this.fault === "none") return !hasDeferred(m)
    if (!hasDeferred(m)) return false
    return this.fault === "notDeferred" || (m.phase !== "suspended" && m.today > m.supplementBy!)
  }
  run(m: ApplicationModel, r: ApplicationReal): void {
    count("SupplementDeferredMaterials_Err")
    const code = this.fault === "notDeferred" ? "M01" : "M03"
    const expected: Record<SupplementFault, () => Application.Rejection> = {
      phase: () => phaseRejection(m, "SupplementDeferredMaterials"),
      none: () => ({ _tag: "NoDeferredMaterialsOutstanding", caseNo }),
      notDeferred: () => ({ _tag: "NotDeferred", codes: ["M01"] }),
      late: () => ({ _tag: "SupplementDeadlinePassed", supplementBy: day(m.supplementBy!), on: day(m.today) }),
    }
    rejectExactly(
      m,
      r,
      { _tag: "SupplementDeferredMaterials", caseNo, materials: [{ code, form: "paper" }] },
      expected[this.fault](),
    )
  }
  toString = () => `SupplementDeferredMaterials_Err(${this.fault})`
}
