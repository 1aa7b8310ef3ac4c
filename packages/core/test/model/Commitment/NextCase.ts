import { expect } from "vitest"
import { Application } from "../../../src/index.ts"
import {
  archive,
  type CommitmentCommand,
  type CommitmentModel,
  type CommitmentReal,
  count,
  isClosed,
  nextCase,
  settle,
} from "./model.ts"

/** The case is closed: the same applicant starts its next case for the same matter. */
export class NextCaseCommand implements CommitmentCommand {
  check = (m: Readonly<CommitmentModel>) => isClosed(m)
  run(m: CommitmentModel, r: CommitmentReal): void {
    count("NextCase")
    expect(Application.falseCommitmentRecordedOnce(r.events), "falseCommitmentRecordedOnce").toBe(true)
    archive(r)
    nextCase(m)
    settle(m, r)
  }
  toString = () => "NextCase"
}
