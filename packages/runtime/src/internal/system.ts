/**
 * The system capability: what the scheduler and the process managers act with. It is a value only
 * this package can make (the class's constructor takes a module-private token) and the facade
 * never hands one out, so no caller can act as the system, whatever actor it builds.
 */
import type { Actor } from "@yiciban/core"

const token: unique symbol = Symbol("yiciban/system")

export class SystemCapability {
  /** The actor recorded on the events it causes: `{ id, roles: ["system"] }`. */
  readonly actor: Actor.Actor
  constructor(secret: typeof token, id: string) {
    if (secret !== token) throw new TypeError("the system capability is the runtime's own")
    this.actor = { id, roles: ["system"] }
  }
}

/** The capability of one of the runtime's own components (`yiciban-scheduler`, `process:<name>`). */
export const system = (id: string): SystemCapability => new SystemCapability(token, id)

/** Who acts: an actor the host built, or the runtime itself. */
export type Principal = Actor.Actor | SystemCapability

export const isSystem = (principal: Principal): principal is SystemCapability => principal instanceof SystemCapability

/** The actor recorded on the events and handed to `decide`. */
export const actorOf = (principal: Principal): Actor.Actor => (isSystem(principal) ? principal.actor : principal)
