import {
  type ApplicationCommand,
  type ApplicationModel,
  type ApplicationReal,
  addWorkingDays,
  correctionDeadline,
  count,
  lastDay,
  nextDay,
  promisedDue,
  settle,
  statutoryDue,
} from "./model.ts"

export type Boundary = "correctionNotice" | "supplement" | "promised" | "statutory" | "certificate"

/** The day a limit falls on in the model's state, if the case has that limit now. */
const boundaryOf = (m: Readonly<ApplicationModel>, boundary: Boundary): string | null => {
  switch (boundary) {
    case "correctionNotice":
      return m.phase === "submitted" || m.phase === "corrected" ? correctionDeadline(m) : null
    case "supplement":
      return m.supplementBy
    case "promised":
      return m.acceptedOn === null ? null : promisedDue(m)
    case "statutory":
      return m.acceptedOn === null ? null : statutoryDue(m)
    case "certificate":
      return m.decidedOn === null ? null : addWorkingDays(m.decidedOn, 10)
  }
}

/** Time passes up to a limit, or to the day after it: the days on which rules change. */
export class AdvanceToBoundaryCommand implements ApplicationCommand {
  constructor(
    readonly boundary: Boundary,
    readonly dayAfter: boolean,
  ) {}
  private target = (m: Readonly<ApplicationModel>): string | null => {
    const day = boundaryOf(m, this.boundary)
    return day === null ? null : this.dayAfter ? nextDay(day) : day
  }
  check = (m: Readonly<ApplicationModel>) => {
    const target = this.target(m)
    return target !== null && target > m.today && target <= lastDay
  }
  run(m: ApplicationModel, r: ApplicationReal): void {
    count("AdvanceToBoundary")
    m.today = this.target(m)!
    settle(m, r)
  }
  toString = () => `AdvanceToBoundary(${this.boundary}${this.dayAfter ? " + 1 day" : ""})`
}
