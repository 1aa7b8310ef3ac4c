import { type Actor, Licence } from "../../../src/index.ts"
import {
  contextOf,
  count,
  type LicenceCommand,
  type LicenceModel,
  type LicenceReal,
  licenceId,
  rejectExactly,
} from "./model.ts"

const commandOf = (tag: Licence.Command["_tag"]): Licence.Command => {
  switch (tag) {
    case "ApplyForRenewal":
    case "DeemRenewed":
    case "RecordExpiry":
      return { _tag: tag, licenceId }
    case "SuspendLicence":
      return { _tag: tag, licenceId, reason: "r", legalBasis: "b" }
    case "DeregisterLicence":
      return { _tag: tag, licenceId, ground: "forceMajeure", reasons: "r" }
    default:
      return { _tag: "DecideRenewal", licenceId, decision: { _tag: "Approve" } }
  }
}

/** A command from an actor who holds none of the roles it requires. */
export class NotAuthorizedErrCommand implements LicenceCommand {
  constructor(
    readonly tag: Licence.Command["_tag"],
    readonly roles: ReadonlyArray<Actor.Role>,
  ) {}
  check = () => true
  run(m: LicenceModel, r: LicenceReal): void {
    const command = commandOf(this.tag)
    const required = Licence.requiredRoles[command._tag]
    const roles = this.roles.filter((role) => !required.includes(role))
    count("NotAuthorized_Err")
    rejectExactly(
      m,
      r,
      command,
      { _tag: "NotAuthorized", actorId: "intruder", required },
      contextOf(m, roles, "intruder"),
    )
  }
  toString = () => `NotAuthorized_Err(${this.tag} as [${this.roles.join(",")}])`
}
