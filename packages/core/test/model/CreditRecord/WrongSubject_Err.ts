import type { CreditRecord } from "../../../src/index.ts"
import { CreditRecord as Credit } from "../../../src/index.ts"
import { type CreditCommand, type CreditModel, type CreditReal, count, rejectExactly, someCommand } from "./model.ts"

/** Any command naming another valid subject than the one the record holds. */
export class WrongSubjectErrCommand implements CreditCommand {
  constructor(
    readonly tag: CreditRecord.Command["_tag"],
    readonly index: number,
    readonly other: CreditRecord.CreditSubjectInput,
  ) {}
  check = (m: Readonly<CreditModel>) => m.known && !Credit.sameSubject(m.subject, this.other)
  run(m: CreditModel, r: CreditReal): void {
    count("WrongSubject_Err")
    rejectExactly(m, r, someCommand(m, this.tag, this.index, this.other), {
      _tag: "WrongSubject",
      expected: m.subject,
      received: this.other,
    })
  }
  toString = () => `WrongSubject_Err(${this.tag}, ${this.other.kind} ${this.other.code})`
}
