/**
 * `decide` for the `Policy` aggregate.
 *
 * @since 0.3.0
 */
import * as Result from "effect/Result"
import { hasAnyRole, type Role } from "../Actor.ts"
import { type CommandContext, today as todayOf } from "../Decider.ts"
import type { Command } from "./Commands.ts"
import type { Event } from "./Events.ts"
import type { Rejection } from "./Rejections.ts"
import { current, type State } from "./State.ts"
import { termsProblem } from "./Terms.ts"

type Decision = Result.Result<ReadonlyArray<Event>, Rejection>

/**
 * The roles that may issue each command: the policy administrators of the issuing authority
 * (`catalogueAdmin`, 政策管理), and the runtime's timer for the expiry.
 *
 * @category models
 * @since 0.3.0
 */
export const requiredRoles: { readonly [K in Command["_tag"]]: ReadonlyArray<Role> } = {
  DraftPolicy: ["catalogueAdmin"],
  AmendPolicy: ["catalogueAdmin"],
  PublishPolicy: ["catalogueAdmin"],
  SuspendPolicy: ["catalogueAdmin"],
  ResumePolicy: ["catalogueAdmin"],
  ExpirePolicy: ["system", "catalogueAdmin"],
}

const reject = (rejection: Rejection): Decision => Result.fail(rejection)
const emit = (...events: ReadonlyArray<Event>): Decision => Result.succeed(events)

/**
 * Decides a command against a policy: the role, the instant, then the command's rules.
 *
 * @example
 * ```ts
 * import { Policy } from "@yiciban/core"
 *
 * Policy.decide({ _tag: "PublishPolicy", policyId: "HN-2026-WG-01" }, state, { now, actor: admin, facts: {} })
 * ```
 *
 * @category combinators
 * @since 0.3.0
 */
export const decide = (command: Command, state: State, context: CommandContext): Decision => {
  const required = requiredRoles[command._tag]
  if (!hasAnyRole(context.actor, required)) {
    return reject({ _tag: "NotAuthorized", actorId: context.actor.id, required })
  }
  const day = todayOf(context)
  if (Result.isFailure(day)) return reject(day.failure)
  const today = day.success
  const by = context.actor.id
  const wrongPhase = () =>
    reject({ _tag: "WrongPhase", policyId: command.policyId, command: command._tag, phase: state.phase })
  switch (command._tag) {
    case "DraftPolicy":
    case "AmendPolicy": {
      const amend = command._tag === "AmendPolicy"
      const allowed = amend ? ["published", "suspended"] : ["new", "drafted"]
      if (!allowed.includes(state.phase)) return wrongPhase()
      const problem = termsProblem(command.terms)
      if (problem !== undefined) return reject({ _tag: "InvalidTerms", policyId: command.policyId, problem })
      const inForce = current(state)
      if (amend && inForce !== undefined && inForce.terms.authority.creditCode !== command.terms.authority.creditCode) {
        return reject({
          _tag: "AuthorityChanged",
          policyId: command.policyId,
          from: inForce.terms.authority.creditCode,
          to: command.terms.authority.creditCode,
        })
      }
      return emit({
        _tag: "PolicyDrafted",
        policyId: command.policyId,
        terms: command.terms,
        revisionOf: amend ? (inForce?.version ?? null) : null,
        draftedOn: today,
        draftedBy: by,
      })
    }
    case "PublishPolicy": {
      if (state.phase === "expired" || state.phase === "new") return wrongPhase()
      if (state.draft === null) return reject({ _tag: "NoDraft", policyId: command.policyId })
      return emit({
        _tag: "PolicyPublished",
        policyId: command.policyId,
        version: state.versions.length + 1,
        terms: state.draft,
        publishedOn: today,
        publishedBy: by,
      })
    }
    case "SuspendPolicy":
      if (state.phase !== "published") return wrongPhase()
      return emit({
        _tag: "PolicySuspended",
        policyId: command.policyId,
        suspendedOn: today,
        reason: command.reason,
        suspendedBy: by,
      })
    case "ResumePolicy":
      if (state.phase !== "suspended") return wrongPhase()
      return emit({
        _tag: "PolicyResumed",
        policyId: command.policyId,
        resumedOn: today,
        reason: command.reason,
        resumedBy: by,
      })
    case "ExpirePolicy": {
      const inForce = current(state)
      if ((state.phase !== "published" && state.phase !== "suspended") || inForce === undefined) return wrongPhase()
      const closesOn = inForce.terms.window.closesOn
      if (today <= closesOn) return reject({ _tag: "WindowStillOpen", policyId: command.policyId, closesOn, today })
      return emit({ _tag: "PolicyExpired", policyId: command.policyId, lastDay: closesOn, recordedOn: today })
    }
    default: {
      const unhandled: never = command
      return unhandled
    }
  }
}
