import { expect } from "vitest"
import type { CreditRecord } from "../../../src/index.ts"
import { type CreditCommand, type CreditModel, type CreditReal, count, rejectExactly, someCommand } from "./model.ts"

/**
 * Any command whose subject's code has a wrong check character (the last character replaced):
 * rejected for the code, before anything else is looked at.
 */
export class InvalidSubjectErrCommand implements CreditCommand {
  constructor(
    readonly tag: CreditRecord.Command["_tag"],
    readonly index: number,
    readonly shift: number,
  ) {}
  check = () => true
  run(m: CreditModel, r: CreditReal): void {
    count("InvalidSubject_Err")
    const alphabet = m.subject.kind === "person" ? "0123456789X" : "0123456789ABCDEFGHJKLMNPQRTUWXY"
    const last = m.subject.code.slice(-1)
    const wrong = alphabet[(alphabet.indexOf(last) + 1 + (this.shift % (alphabet.length - 1))) % alphabet.length]
    const subject = { ...m.subject, code: `${m.subject.code.slice(0, -1)}${wrong}` } as CreditRecord.CreditSubjectInput
    rejectExactly(m, r, someCommand(m, this.tag, this.index, subject), (rejection) => {
      expect(rejection).toEqual({ _tag: "InvalidCreditSubject", kind: m.subject.kind, problem: expect.any(String) })
      expect(rejection._tag === "InvalidCreditSubject" && rejection.problem).toContain(
        `check character at position 18 is "${wrong}"`,
      )
    })
  }
  toString = () => `InvalidSubject_Err(${this.tag}, shift ${this.shift})`
}
