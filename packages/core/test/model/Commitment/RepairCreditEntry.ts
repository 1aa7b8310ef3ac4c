import { Result } from "effect"
import { Decider } from "../../../src/index.ts"
import {
  type CommitmentCommand,
  type CommitmentModel,
  type CommitmentReal,
  count,
  day,
  type ModelEntry,
  settle,
  subject,
} from "./model.ts"

const repairable = (m: Readonly<CommitmentModel>): ModelEntry | undefined =>
  m.credit.find((e) => e.repairedOn === null && e.effectiveOn <= m.today && m.today <= e.expiresOn)

/** The applicant completes credit repair (信用修复) of its first entry in effect, as of today. */
export class RepairCreditEntryCommand implements CommitmentCommand {
  check = (m: Readonly<CommitmentModel>) => repairable(m) !== undefined
  run(m: CommitmentModel, r: CommitmentReal): void {
    count("RepairCreditEntry")
    const entry = repairable(m)!
    const outcome = Decider.run(
      r.creditDecider,
      r.credit,
      { _tag: "RepairEntry", subject, entryId: entry.id, reason: "已完成信用修复", repairedOn: day(m.today) },
      { now: `${m.today}T01:30:00.000Z`, actor: { id: "supervisor-1", roles: ["supervisor"] }, facts: {} },
    )
    if (Result.isFailure(outcome)) throw new Error(JSON.stringify(outcome.failure))
    r.credit = outcome.success.state
    entry.repairedOn = m.today
    settle(m, r)
  }
  toString = () => "RepairCreditEntry"
}
