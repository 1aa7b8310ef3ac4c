import type { Actor, Application } from "../../../src/index.ts"
import {
  type ApplicationCommand,
  type ApplicationModel,
  type ApplicationReal,
  contextFor,
  count,
  rejectExactly,
  rolesOf,
  sampleCommand,
} from "./model.ts"

/** Any command from an actor without one of its roles: rejected first, whatever the phase. */
export class NotAuthorizedErrCommand implements ApplicationCommand {
  constructor(
    readonly tag: Application.CommandTag,
    readonly roles: ReadonlyArray<Actor.Role>,
  ) {}
  check = () => true
  run(m: ApplicationModel, r: ApplicationReal): void {
    count("NotAuthorized_Err")
    const roles = this.roles.filter((role) => !rolesOf[this.tag].includes(role))
    const actor: Actor.Actor = { id: "outsider", roles }
    rejectExactly(
      m,
      r,
      sampleCommand(this.tag, m.terms),
      { _tag: "NotAuthorized", command: this.tag, actorId: "outsider", required: rolesOf[this.tag] },
      contextFor(m, this.tag, actor),
    )
  }
  toString = () => `NotAuthorized_Err(${this.tag}, [${this.roles.join(",")}])`
}
