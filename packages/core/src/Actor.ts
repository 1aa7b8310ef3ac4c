/**
 * Who issues a command: an identifier, the roles they act in, and — for staff — the
 * authority and region they work for. Jurisdiction is checked by the runtime; `decide`
 * checks roles.
 *
 * @since 0.1.0
 */
import { Schema } from "effect"

/**
 * The roles a command may require.
 *
 * - `applicant`: the person or enterprise applying (申请人), or `agent` acting for them (代理人).
 * - `windowClerk`: the service-hall window that receives and accepts (窗口受理人员).
 * - `reviewer` / `approver`: the case reviewer (审核) and the decision maker (审批 / 决定).
 * - `verifier`: checks commitments after approval (核查).
 * - `catalogueAdmin`: maintains the service-matter catalogue (事项管理).
 * - `supervisor`: supervision staff (监管).
 * - `system`: the runtime itself (timers, process managers).
 *
 * @category schemas
 * @since 0.1.0
 */
export const Role = Schema.Literals([
  "applicant",
  "agent",
  "windowClerk",
  "reviewer",
  "approver",
  "verifier",
  "catalogueAdmin",
  "supervisor",
  "system",
])

/**
 * @category models
 * @since 0.1.0
 */
export type Role = typeof Role.Type

/**
 * The acting party of a command.
 *
 * @example
 * ```ts
 * import type { Actor } from "@yiciban/core"
 *
 * const clerk: Actor = {
 *   id: "clerk-7",
 *   roles: ["windowClerk"],
 *   authority: "11430100MB1234567X",
 *   region: "430100",
 * }
 * ```
 *
 * @category schemas
 * @since 0.1.0
 */
export const Actor = Schema.Struct({
  id: Schema.String,
  roles: Schema.Array(Role),
  authority: Schema.optionalKey(Schema.String),
  region: Schema.optionalKey(Schema.String),
})

/**
 * @category models
 * @since 0.1.0
 */
export type Actor = typeof Actor.Type

/**
 * True when the actor holds at least one of the roles.
 *
 * @example
 * ```ts
 * import { Actor } from "@yiciban/core"
 *
 * Actor.hasAnyRole({ id: "a", roles: ["reviewer"] }, ["reviewer", "approver"]) // true
 * ```
 *
 * @category guards
 * @since 0.1.0
 */
export const hasAnyRole = (actor: Actor, roles: ReadonlyArray<Role>): boolean =>
  actor.roles.some((role) => roles.includes(role))
