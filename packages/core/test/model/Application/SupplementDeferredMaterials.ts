import {
  type ApplicationCommand,
  type ApplicationModel,
  type ApplicationReal,
  accept,
  caseNo,
  count,
  hasDeferred,
  isAllowed,
  settle,
} from "./model.ts"

/** The applicant supplies the deferred materials in time, or at any time while suspended (which resumes the case). */
export class SupplementDeferredMaterialsCommand implements ApplicationCommand {
  check = (m: Readonly<ApplicationModel>) =>
    isAllowed(m, "SupplementDeferredMaterials") &&
    hasDeferred(m) &&
    (m.phase === "suspended" || m.today <= m.supplementBy!)
  run(m: ApplicationModel, r: ApplicationReal): void {
    count("SupplementDeferredMaterials")
    const codes = [...m.deferred]
    accept(m, r, {
      _tag: "SupplementDeferredMaterials",
      caseNo,
      materials: codes.map((code) => ({ code, form: "electronic" })),
    })
    m.onFile = [...new Set([...m.onFile, ...codes])]
    m.deferred = []
    if (m.phase === "suspended") {
      if (m.suspendedFrom === "underReview") m.spans[m.spans.length - 1]!.to = m.today
      m.phase = m.suspendedFrom!
      m.suspendedFrom = null
    }
    settle(m, r)
  }
  toString = () => "SupplementDeferredMaterials"
}
