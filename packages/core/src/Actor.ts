/**
 * Who issues a command: an identifier, the roles they act in, and — for staff — the
 * authority and region they work for. Jurisdiction is checked by the runtime; `decide`
 * checks roles.
 *
 * @since 0.1.0
 */
import * as Schema from "effect/Schema"

/**
 * The roles a command may require.
 *
 * - `applicant`: the person or enterprise applying (申请人), or `agent` acting for them (代理人).
 * - `windowClerk`: the service-hall window that receives and accepts (窗口受理人员).
 * - `reviewer` / `approver`: the case reviewer (审核) and the decision maker (审批 / 决定).
 * - `authorityHead`: the head of the authority (行政机关负责人), who alone approves the extension of
 *   the decision's time limit (ALL Art 42); staff of the authority like the others.
 * - `verifier`: checks commitments after approval (核查).
 * - `catalogueAdmin`: maintains the service-matter catalogue (事项管理).
 * - `supervisor`: supervision staff (监管).
 * - `dataProtectionOfficer`: erases a person's personal data on request (个人信息保护负责人), within a
 *   region.
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
  "authorityHead",
  "verifier",
  "catalogueAdmin",
  "supervisor",
  "dataProtectionOfficer",
  "system",
])

/**
 * @category models
 * @since 0.1.0
 */
export type Role = typeof Role.Type

/**
 * How the actor stands to a subject it may act for, as the host verified it (实名认证 and the
 * enterprise's authorisation records): the person itself (`self`), the enterprise's legal
 * representative (`legalRepresentative`, 法定代表人) or an authorised agent (`agent`, 经办人 /
 * 委托代理人).
 *
 * @category schemas
 * @since 0.2.0
 */
export const SubjectRelation = Schema.Literals(["self", "legalRepresentative", "agent"])

/**
 * @category models
 * @since 0.2.0
 */
export type SubjectRelation = typeof SubjectRelation.Type

/**
 * A subject the actor may act for: a person by resident identity number, an enterprise by unified
 * social credit code, and how the actor stands to it.
 *
 * @category schemas
 * @since 0.2.0
 */
export const Subject = Schema.Struct({
  code: Schema.String,
  relation: SubjectRelation,
})

/**
 * @category models
 * @since 0.2.0
 */
export type Subject = typeof Subject.Type

/**
 * The acting party of a command.
 *
 * - `id`: who the host authenticated (a staff number, an account);
 * - `roles`: what the actor acts as;
 * - `authority`, `region`: for staff, the unified social credit code of the authority they work
 *   for and its division code; for supervisors, the region they supervise;
 * - `subjects`: for applicants and agents, the subjects the host verified the actor may act for.
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
  subjects: Schema.optionalKey(Schema.Array(Subject)),
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

/**
 * True when the actor may act for the subject `code` in one of the `relations`.
 *
 * @example
 * ```ts
 * import { Actor } from "@yiciban/core"
 *
 * const agent = { id: "u-1", roles: ["agent"], subjects: [{ code: "91430102MA4L0P1T5J", relation: "agent" }] }
 * Actor.actsFor(agent, "91430102MA4L0P1T5J", ["agent"]) // true
 * ```
 *
 * @category guards
 * @since 0.2.0
 */
export const actsFor = (actor: Actor, code: string, relations: ReadonlyArray<SubjectRelation>): boolean =>
  actor.subjects?.some((subject) => subject.code === code && relations.includes(subject.relation)) ?? false
