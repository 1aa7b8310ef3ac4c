import {
  type CommitmentCommand,
  type CommitmentModel,
  type CommitmentReal,
  count,
  lastDay,
  nextDay,
  settle,
} from "./model.ts"

/** Time passes: a number of calendar days, never beyond the model's last day. */
export class AdvanceTimeCommand implements CommitmentCommand {
  constructor(readonly days: number) {}
  check = (m: Readonly<CommitmentModel>) => m.today < lastDay
  run(m: CommitmentModel, r: CommitmentReal): void {
    count("AdvanceTime")
    const later = nextDay(m.today, this.days)
    m.today = [later, lastDay].sort()[0]!
    settle(m, r)
  }
  toString = () => `AdvanceTime(${this.days})`
}
