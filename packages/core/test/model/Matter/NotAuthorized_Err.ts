import type { Actor, Matter } from "../../../src/index.ts"
import { admin, count, type MatterCommand, type MatterModel, type MatterReal, rejectExactly } from "./model.ts"

/** Any command from an actor who is not a catalogue administrator, in any phase. */
export class NotAuthorizedErrCommand implements MatterCommand {
  constructor(
    readonly command: Matter.Command,
    readonly roles: ReadonlyArray<Actor.Role>,
  ) {}
  check = () => true
  run(m: MatterModel, r: MatterReal): void {
    count("NotAuthorized_Err")
    rejectExactly(
      m,
      r,
      this.command,
      { _tag: "NotAuthorized", actorId: "intruder", required: ["catalogueAdmin"] },
      { ...admin, actor: { id: "intruder", roles: this.roles } },
    )
  }
  toString = () => `NotAuthorized_Err(${this.command._tag} as [${this.roles.join(",")}])`
}
