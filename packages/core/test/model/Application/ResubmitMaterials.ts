import {
  type ApplicationCommand,
  type ApplicationModel,
  type ApplicationReal,
  accept,
  caseNo,
  count,
  isAllowed,
  settle,
} from "./model.ts"

/** The applicant supplies some or all of the items still to correct. */
export class ResubmitMaterialsCommand implements ApplicationCommand {
  constructor(readonly take: number) {}
  check = (m: Readonly<ApplicationModel>) => isAllowed(m, "ResubmitMaterials")
  run(m: ApplicationModel, r: ApplicationReal): void {
    count("ResubmitMaterials")
    const codes = m.toCorrect.slice(0, 1 + (this.take % m.toCorrect.length))
    accept(m, r, { _tag: "ResubmitMaterials", caseNo, materials: codes.map((code) => ({ code, form: "paper" })) })
    m.onFile = [...new Set([...m.onFile, ...codes])]
    m.toCorrect = m.toCorrect.filter((code) => !codes.includes(code))
    if (m.toCorrect.length === 0) {
      m.phase = "corrected"
      m.completedOn = m.today
    }
    settle(m, r)
  }
  toString = () => `ResubmitMaterials(${this.take})`
}
