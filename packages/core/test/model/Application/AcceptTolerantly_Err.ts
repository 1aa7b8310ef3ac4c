import type { Application } from "../../../src/index.ts"
import {
  type ApplicationCommand,
  type ApplicationModel,
  type ApplicationReal,
  caseNo,
  count,
  isAllowed,
  isImmediate,
  missingCore,
  missingMandatory,
  offersTolerance,
  phaseRejection,
  rejectExactly,
} from "./model.ts"

export type TolerantFault = "phase" | "immediate" | "notOffered" | "nothing" | "core" | "notDeferrable" | "incomplete"

/** AcceptTolerantly that must fail, for each rule of tolerant acceptance. */
export class AcceptTolerantlyErrCommand implements ApplicationCommand {
  constructor(readonly fault: TolerantFault) {}
  check = (m: Readonly<ApplicationModel>) => {
    if (this.fault === "phase") return !isAllowed(m, "AcceptTolerantly")
    if (!isAllowed(m, "AcceptTolerantly")) return false
    if (this.fault === "immediate") return isImmediate(m)
    if (isImmediate(m)) return false
    if (this.fault === "notOffered") return !offersTolerance(m)
    if (!offersTolerance(m)) return false
    switch (this.fault) {
      case "nothing":
        return true
      case "core":
        return missingCore(m).length > 0
      case "notDeferrable":
        return missingCore(m).length === 0
      case "incomplete":
        return missingCore(m).length === 0 && missingMandatory(m).some((code) => code !== "M03")
    }
  }
  run(m: ApplicationModel, r: ApplicationReal): void {
    count("AcceptTolerantly_Err")
    const deferred: Record<TolerantFault, ReadonlyArray<string>> = {
      phase: ["M03"],
      immediate: ["M03"],
      notOffered: ["M03"],
      nothing: [],
      core: ["M03"],
      notDeferrable: ["M03", "M04"],
      incomplete: ["M03"],
    }
    const expected: Record<TolerantFault, () => Application.Rejection> = {
      phase: () => phaseRejection(m, "AcceptTolerantly"),
      immediate: () => ({ _tag: "ImmediateMatter", implementationCode: m.terms.implementationCode }),
      notOffered: () => ({ _tag: "TolerantAcceptanceNotOffered", implementationCode: m.terms.implementationCode }),
      nothing: () => ({ _tag: "NothingToDefer", caseNo }),
      core: () => ({ _tag: "CoreMaterialsMissing", codes: missingCore(m) }),
      notDeferrable: () => ({ _tag: "MaterialsNotDeferrable", codes: ["M04"] }),
      incomplete: () => ({ _tag: "DeferralIncomplete", missing: missingMandatory(m).filter((code) => code !== "M03") }),
    }
    rejectExactly(
      m,
      r,
      {
        _tag: "AcceptTolerantly",
        caseNo,
        deferred: deferred[this.fault].map((code) => ({ code, howToSupply: "网上上传" })),
        commitment: { signedBy: "李湘", statement: "按期补齐" },
      },
      expected[this.fault](),
    )
  }
  toString = () => `AcceptTolerantly_Err(${this.fault})`
}
