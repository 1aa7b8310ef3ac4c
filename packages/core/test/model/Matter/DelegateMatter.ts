import { expect } from "vitest"
import { CalendarDate, Matter } from "../../../src/index.ts"
import {
  accept,
  authorityByCode,
  authorityOn,
  code,
  count,
  isLive,
  type MatterCommand,
  type MatterModel,
  type MatterReal,
  settle,
  today,
  wasPublished,
} from "./model.ts"

/** Hands a published matter to another authority from today or a later date. */
export class DelegateMatterCommand implements MatterCommand {
  readonly effectiveFrom: CalendarDate.CalendarDate
  constructor(
    readonly kind: Matter.DelegationKind,
    readonly to: string,
    readonly daysFromToday: number,
  ) {
    this.effectiveFrom = CalendarDate.addDays(today, daysFromToday)
  }
  check = (m: Readonly<MatterModel>) =>
    isLive(m) && wasPublished(m) && this.daysFromToday >= 0 && authorityOn(m, this.effectiveFrom) !== this.to
  run(m: MatterModel, r: MatterReal): void {
    count("DelegateMatter")
    const from = authorityOn(m, this.effectiveFrom)
    const events = accept(r, {
      _tag: "DelegateMatter",
      implementationCode: code,
      kind: this.kind,
      to: authorityByCode(this.to),
      effectiveFrom: this.effectiveFrom,
      basis: "湘政发〔2026〕5号",
    })
    expect(events).toMatchObject([{ _tag: "MatterDelegated", from: { creditCode: from }, to: { creditCode: this.to } }])
    m.delegations.push({ effectiveFrom: this.effectiveFrom, to: this.to })
    settle(m, r)
    expect(Matter.authorityOn(r.state, this.effectiveFrom)?.creditCode).toBe(this.to)
  }
  toString = () => `DelegateMatter(${this.kind} to ${this.to} from ${this.effectiveFrom})`
}
