import type { Actor, CreditRecord } from "../../../src/index.ts"
import {
  type CreditCommand,
  type CreditModel,
  type CreditReal,
  context,
  count,
  rejectExactly,
  someCommand,
} from "./model.ts"

/** Any command from an actor who is neither the system nor a supervisor. */
export class NotAuthorizedErrCommand implements CreditCommand {
  constructor(
    readonly tag: CreditRecord.Command["_tag"],
    readonly index: number,
    readonly roles: ReadonlyArray<Actor.Role>,
  ) {}
  check = () => true
  run(m: CreditModel, r: CreditReal): void {
    count("NotAuthorized_Err")
    rejectExactly(
      m,
      r,
      someCommand(m, this.tag, this.index),
      { _tag: "NotAuthorized", actorId: "intruder", required: ["system", "supervisor"] },
      { ...context(m), actor: { id: "intruder", roles: this.roles } },
    )
  }
  toString = () => `NotAuthorized_Err(${this.tag} as [${this.roles.join(",")}])`
}
