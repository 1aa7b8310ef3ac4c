import {
  count,
  type LicenceCommand,
  type LicenceModel,
  type LicenceReal,
  lastTo,
  latestApplyDay,
  settle,
} from "./model.ts"

/** Time passes: the next commands are decided `days` later. */
export class AdvanceDaysCommand implements LicenceCommand {
  constructor(readonly days: number) {}
  check = () => true
  run(m: LicenceModel, r: LicenceReal): void {
    count("AdvanceDays")
    m.today += this.days
    settle(m, r)
  }
  toString = () => `AdvanceDays(${this.days})`
}

/** The boundaries of ALL Art 50 a run should land on exactly. */
export type Boundary = "lastApplyDay" | "dayAfterLastApplyDay" | "expiry" | "dayAfterExpiry"

/** Time passes up to a boundary of the current term (nothing happens when it is past). */
export class AdvanceToCommand implements LicenceCommand {
  constructor(readonly boundary: Boundary) {}
  check = () => true
  run(m: LicenceModel, r: LicenceReal): void {
    const latest = latestApplyDay(m)
    const last = lastTo(m)
    const target =
      latest === null || last === null
        ? null
        : { lastApplyDay: latest, dayAfterLastApplyDay: latest + 1, expiry: last, dayAfterExpiry: last + 1 }[
            this.boundary
          ]
    if (target !== null && target > m.today) {
      count(`AdvanceTo(${this.boundary})`)
      m.today = target
    }
    settle(m, r)
  }
  toString = () => `AdvanceTo(${this.boundary})`
}
