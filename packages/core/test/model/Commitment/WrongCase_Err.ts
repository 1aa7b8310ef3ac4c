import type { Application } from "../../../src/index.ts"
import {
  type CommitmentCommand,
  type CommitmentModel,
  type CommitmentReal,
  caseNoOf,
  count,
  rejectExactly,
  sampleCommand,
} from "./model.ts"

/** A notify-and-commit command naming another case, once this one exists. */
export class WrongCaseErrCommand implements CommitmentCommand {
  constructor(readonly tag: Application.CommandTag) {}
  check = (m: Readonly<CommitmentModel>) => m.phase !== "new"
  run(m: CommitmentModel, r: CommitmentReal): void {
    count("WrongCase_Err")
    rejectExactly(m, r, sampleCommand(this.tag, "OTHER-2026-1"), {
      _tag: "WrongCase",
      expected: caseNoOf(m),
      received: "OTHER-2026-1",
    })
  }
  toString = () => `WrongCase_Err(${this.tag})`
}
