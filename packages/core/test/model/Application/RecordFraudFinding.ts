import { expect } from "vitest"
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

/**
 * A verifier records a finding of fraud: before the decision it is concealment or false materials
 * (ALL Art 78), after a grant a licence obtained by improper means (ALL Art 79). The model's
 * matters do not concern public safety, health or property, so no statutory bar comes of it.
 */
export class RecordFraudFindingCommand implements ApplicationCommand {
  /** `rarely` other than 0 skips the command, so that most runs reach a decision without a finding. */
  constructor(readonly rarely: number) {}
  check = (m: Readonly<ApplicationModel>) => this.rarely === 0 && isAllowed(m, "RecordFraudFinding") && m.fraud === null
  run(m: ApplicationModel, r: ApplicationReal): void {
    count("RecordFraudFinding")
    const article = m.decidedOn !== null ? "ALL Art 79" : "ALL Art 78"
    const [found] = accept(m, r, { _tag: "RecordFraudFinding", caseNo, findings: "伪造场地租赁合同" })
    expect(found).toMatchObject({ _tag: "FraudFound", article, kind: "falseMaterials", foundOn: m.today })
    expect(found).not.toHaveProperty("barId")
    m.fraud = article
    m.fraudOn = m.today
    settle(m, r)
  }
  toString = () => "RecordFraudFinding"
}
