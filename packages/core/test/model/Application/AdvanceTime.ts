import {
  type ApplicationCommand,
  type ApplicationModel,
  type ApplicationReal,
  count,
  lastDay,
  nextDay,
  settle,
} from "./model.ts"

/** Time passes: a number of calendar days, never beyond the model's last day. */
export class AdvanceTimeCommand implements ApplicationCommand {
  constructor(readonly days: number) {}
  check = (m: Readonly<ApplicationModel>) => m.today < lastDay
  run(m: ApplicationModel, r: ApplicationReal): void {
    count("AdvanceTime")
    const later = nextDay(m.today, this.days)
    m.today = [later, lastDay].sort()[0]!
    settle(m, r)
  }
  toString = () => `AdvanceTime(${this.days})`
}
