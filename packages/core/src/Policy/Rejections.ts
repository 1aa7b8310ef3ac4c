/**
 * The rejections of the `Policy` aggregate: data, never thrown.
 *
 * @since 0.3.0
 */
import * as Schema from "effect/Schema"
import { Role } from "../Actor.ts"
import { CalendarDate } from "../CalendarDate.ts"
import { InvalidInstant } from "../Decider.ts"
import { Phase } from "./State.ts"

export { InvalidInstant }

/**
 * The actor holds none of the roles the command requires.
 *
 * @category errors
 * @since 0.3.0
 */
export const NotAuthorized = Schema.TaggedStruct("NotAuthorized", {
  actorId: Schema.String,
  required: Schema.Array(Role),
})

/**
 * The command does not apply in the policy's phase (`DraftPolicy` on a published policy: amend it).
 *
 * @category errors
 * @since 0.3.0
 */
export const WrongPhase = Schema.TaggedStruct("WrongPhase", {
  policyId: Schema.String,
  command: Schema.String,
  phase: Phase,
})

/**
 * There is no draft to publish.
 *
 * @category errors
 * @since 0.3.0
 */
export const NoDraft = Schema.TaggedStruct("NoDraft", { policyId: Schema.String })

/**
 * The terms are inconsistent (guarded by `termsProblem`).
 *
 * @category errors
 * @since 0.3.0
 */
export const InvalidTerms = Schema.TaggedStruct("InvalidTerms", { policyId: Schema.String, problem: Schema.String })

/**
 * An amendment changes the issuing authority: a policy stays with the authority that issued it.
 *
 * @category errors
 * @since 0.3.0
 */
export const AuthorityChanged = Schema.TaggedStruct("AuthorityChanged", {
  policyId: Schema.String,
  from: Schema.String,
  to: Schema.String,
})

/**
 * The window has not closed yet: the policy cannot expire before `closesOn` has passed.
 *
 * @category errors
 * @since 0.3.0
 */
export const WindowStillOpen = Schema.TaggedStruct("WindowStillOpen", {
  policyId: Schema.String,
  closesOn: CalendarDate,
  today: CalendarDate,
})

/**
 * Every rejection.
 *
 * @category schemas
 * @since 0.3.0
 */
export const Rejection = Schema.Union([
  NotAuthorized,
  InvalidInstant,
  WrongPhase,
  NoDraft,
  InvalidTerms,
  AuthorityChanged,
  WindowStillOpen,
])

/**
 * @category models
 * @since 0.3.0
 */
export type Rejection = typeof Rejection.Type
