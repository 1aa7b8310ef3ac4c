import { Result } from "effect"
import { CalendarDate, Decider } from "../../../src/index.ts"
import {
  type CommitmentCommand,
  type CommitmentModel,
  type CommitmentReal,
  count,
  day,
  nextDay,
  settle,
  subject,
} from "./model.ts"

/**
 * Another authority lists the applicant as seriously dishonest for a number of days: an entry from
 * a decision, which bars commitment for any matter but names none, so applying stays open.
 */
export class RecordSeriousDefaultCommand implements CommitmentCommand {
  constructor(readonly days: number) {}
  check = (m: Readonly<CommitmentModel>) => m.decisions < 3
  run(m: CommitmentModel, r: CommitmentReal): void {
    count("RecordSeriousDefault")
    const n = m.decisions + 1
    const source = {
      _tag: "Decision" as const,
      authority: "长沙市发展和改革委员会",
      documentNo: `长发改信〔2026〕${n}号`,
    }
    const expiresOn = nextDay(m.today, this.days)
    const outcome = Decider.run(
      r.creditDecider,
      r.credit,
      {
        _tag: "RecordEntry",
        subject,
        entryId: `${source.authority}/${source.documentNo}/seriousDefault`,
        kind: "seriousDefault",
        source,
        reason: "列入严重失信主体名单",
        effectiveOn: day(m.today),
        expiresOn: CalendarDate.make(expiresOn),
      },
      { now: `${m.today}T01:30:00.000Z`, actor: { id: "supervisor-1", roles: ["supervisor"] }, facts: {} },
    )
    if (Result.isFailure(outcome)) throw new Error(JSON.stringify(outcome.failure))
    r.credit = outcome.success.state
    m.decisions = n
    m.credit.push({
      id: `${source.authority}/${source.documentNo}/seriousDefault`,
      kind: "seriousDefault",
      matterCode: null,
      effectiveOn: m.today,
      expiresOn,
      repairedOn: null,
    })
    settle(m, r)
  }
  toString = () => `RecordSeriousDefault(${this.days})`
}
