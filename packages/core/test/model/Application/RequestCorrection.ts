import type { Application } from "../../../src/index.ts"
import {
  type ApplicationCommand,
  type ApplicationModel,
  type ApplicationReal,
  accept,
  caseNo,
  correctionDeadline,
  count,
  isAllowed,
  missingMandatory,
  settle,
} from "./model.ts"

/**
 * The correction notice within the window: the first lists every missing mandatory material
 * (and some defective ones); a later one repeats items of the first.
 */
export class RequestCorrectionCommand implements ApplicationCommand {
  constructor(readonly picks: ReadonlyArray<number>) {}
  check = (m: Readonly<ApplicationModel>) => isAllowed(m, "RequestCorrection") && m.today <= correctionDeadline(m)
  run(m: ApplicationModel, r: ApplicationReal): void {
    count("RequestCorrection")
    const pick = (from: ReadonlyArray<string>) => [...new Set(this.picks.map((i) => from[i % from.length]!))]
    const defective = (code: string): Application.CorrectionItem => ({ code, problem: "defective", note: "不符合要求" })
    let items: Array<Application.CorrectionItem>
    if (m.phase === "submitted") {
      const missing = missingMandatory(m).map(
        (code): Application.CorrectionItem => ({ code, problem: "missing", note: "请补充" }),
      )
      const defects = m.onFile.length === 0 ? [] : pick(m.onFile).map(defective)
      items = [...missing, ...defects]
      if (items.length === 0) items = [defective(m.onFile[0]!)]
    } else {
      items = pick(m.notice!).map(defective)
      if (items.length === 0) items = [defective(m.notice![0]!)]
    }
    accept(m, r, { _tag: "RequestCorrection", caseNo, items })
    const codes = items.map((item) => item.code)
    m.notice ??= codes
    m.toCorrect = codes
    m.completedOn = null
    m.phase = "correctionRequested"
    settle(m, r)
  }
  toString = () => `RequestCorrection([${this.picks.join(",")}])`
}
