import type { Application } from "../../../src/index.ts"
import {
  type ApplicationCommand,
  type ApplicationModel,
  type ApplicationReal,
  caseNo,
  count,
  rejectExactly,
  sampleCommand,
} from "./model.ts"

/** Any command naming another case, once this one exists. */
export class WrongCaseErrCommand implements ApplicationCommand {
  constructor(readonly tag: Application.CommandTag) {}
  check = (m: Readonly<ApplicationModel>) => m.phase !== "new"
  run(m: ApplicationModel, r: ApplicationReal): void {
    count("WrongCase_Err")
    rejectExactly(m, r, sampleCommand(this.tag, m.terms, "OTHER-2026-1"), {
      _tag: "WrongCase",
      expected: caseNo,
      received: "OTHER-2026-1",
    })
  }
  toString = () => `WrongCase_Err(${this.tag})`
}
