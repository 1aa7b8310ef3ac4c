import type { Actor, Application } from "../../../src/index.ts"
import {
  type CommitmentCommand,
  type CommitmentModel,
  type CommitmentReal,
  caseNoOf,
  contextFor,
  count,
  rejectExactly,
  rolesOf,
  sampleCommand,
} from "./model.ts"

/** A notify-and-commit command from an actor without one of its roles: rejected first, whatever the phase. */
export class NotAuthorizedErrCommand implements CommitmentCommand {
  constructor(
    readonly tag: Application.CommandTag,
    readonly roles: ReadonlyArray<Actor.Role>,
  ) {}
  check = () => true
  run(m: CommitmentModel, r: CommitmentReal): void {
    count("NotAuthorized_Err")
    const required = rolesOf[this.tag]!
    const actor: Actor.Actor = { id: "outsider", roles: this.roles.filter((role) => !required.includes(role)) }
    rejectExactly(
      m,
      r,
      sampleCommand(this.tag, caseNoOf(m)),
      { _tag: "NotAuthorized", command: this.tag, actorId: "outsider", required },
      contextFor(m, this.tag, {}, actor),
    )
  }
  toString = () => `NotAuthorized_Err(${this.tag}, [${this.roles.join(",")}])`
}
