import type { Actor, ServiceBundle } from "../../../src/index.ts"
import { admin, type BundleCommand, type BundleModel, type BundleReal, count, rejectExactly } from "./model.ts"

/** Any command from an actor who is not a catalogue administrator, in any phase. */
export class NotAuthorizedErrCommand implements BundleCommand {
  constructor(
    readonly command: ServiceBundle.Command,
    readonly roles: ReadonlyArray<Actor.Role>,
  ) {}
  check = () => true
  run(m: BundleModel, r: BundleReal): void {
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
