import { CalendarDate, type Matter } from "../../../src/index.ts"
import {
  authorityByCode,
  authorityOn,
  code,
  count,
  isLive,
  lifecycleRejection,
  type MatterCommand,
  type MatterModel,
  type MatterReal,
  rejectExactly,
  today,
  wasPublished,
} from "./model.ts"

/**
 * DelegateMatter that must fail: never published, effective in the past, or to the authority that
 * already handles the matter on that date (`toCurrent` picks that authority from the model).
 */
export class DelegateMatterErrCommand implements MatterCommand {
  readonly effectiveFrom: CalendarDate.CalendarDate
  constructor(
    readonly daysFromToday: number,
    readonly toCurrent: boolean,
    readonly other: string,
  ) {
    this.effectiveFrom = CalendarDate.addDays(today, daysFromToday)
  }
  private target = (m: Readonly<MatterModel>): string =>
    this.toCurrent ? (authorityOn(m, this.effectiveFrom) ?? this.other) : this.other
  check = (m: Readonly<MatterModel>) =>
    !(isLive(m) && wasPublished(m) && this.daysFromToday >= 0 && authorityOn(m, this.effectiveFrom) !== this.target(m))
  run(m: MatterModel, r: MatterReal): void {
    count("DelegateMatter_Err")
    const to = this.target(m)
    const expected: Matter.Rejection =
      lifecycleRejection(m) ??
      (!wasPublished(m)
        ? { _tag: "NotYetPublished", implementationCode: code }
        : this.daysFromToday < 0
          ? { _tag: "EffectiveDateInPast", effectiveFrom: this.effectiveFrom, today }
          : { _tag: "DelegationToSameAuthority", creditCode: to, effectiveFrom: this.effectiveFrom })
    rejectExactly(
      m,
      r,
      {
        _tag: "DelegateMatter",
        implementationCode: code,
        kind: "entrust",
        to: authorityByCode(to),
        effectiveFrom: this.effectiveFrom,
        basis: "湘政发〔2026〕5号",
      },
      expected,
    )
  }
  toString = () => `DelegateMatter_Err(${this.toCurrent ? "current authority" : this.other} from ${this.effectiveFrom})`
}
