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
 * An error in a material on file corrected at the window on the day of receipt (当场更正, ALL
 * Art 32): nothing in the model changes — no notice, the phase stays, the 5-day window and every
 * clock keep counting — which `settle` then checks against the aggregate.
 */
export class CorrectOnTheSpotCommand implements ApplicationCommand {
  constructor(readonly pick: number) {}
  check = (m: Readonly<ApplicationModel>) =>
    isAllowed(m, "CorrectOnTheSpot") && m.today === m.receivedOn && m.onFile.length > 0
  run(m: ApplicationModel, r: ApplicationReal): void {
    count("CorrectOnTheSpot")
    const code = m.onFile[this.pick % m.onFile.length]!
    const events = accept(m, r, { _tag: "CorrectOnTheSpot", caseNo, items: [{ code, note: "笔误，当场更正" }] })
    expect(events.map((e) => e._tag)).toEqual(["CorrectedOnTheSpot"])
    expect(r.state.corrections).toEqual([])
    settle(m, r)
  }
  toString = () => `CorrectOnTheSpot(#${this.pick})`
}
