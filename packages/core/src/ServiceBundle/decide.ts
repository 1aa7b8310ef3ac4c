/**
 * `decide` for the `ServiceBundle` aggregate.
 *
 * @since 0.1.0
 */
import * as Result from "effect/Result"
import { hasAnyRole, type Role } from "../Actor.ts"
import type { CommandContext } from "../Decider.ts"
import type { Command } from "./Commands.ts"
import type { Event } from "./Events.ts"
import { missingElements, violations } from "./invariants.ts"
import { mergeNotice } from "./merge.ts"
import type { Rejection } from "./Rejections.ts"
import type { State } from "./State.ts"

type Decision = Result.Result<ReadonlyArray<Event>, Rejection>

/**
 * The roles that may issue every command of the aggregate.
 *
 * @category models
 * @since 0.1.0
 */
export const requiredRoles: ReadonlyArray<Role> = ["catalogueAdmin"]

const reject = (rejection: Rejection): Decision => Result.fail(rejection)
const emit = (...events: ReadonlyArray<Event>): Decision => Result.succeed(events)

/**
 * Decides a command against a bundle's state: role, bundle id, abolished, then the command's
 * own rules.
 *
 * @category combinators
 * @since 0.1.0
 */
export const decide = (command: Command, state: State, context: CommandContext): Decision => {
  if (!hasAnyRole(context.actor, requiredRoles)) {
    return reject({ _tag: "NotAuthorized", actorId: context.actor.id, required: requiredRoles })
  }
  if (state.phase !== "new" && command.bundleId !== state.bundleId) {
    return reject({ _tag: "WrongBundle", expected: state.bundleId, received: command.bundleId })
  }
  const bundleId = state.bundleId
  if (state.phase === "abolished") return reject({ _tag: "BundleAlreadyAbolished", bundleId })
  if (command._tag === "DraftBundle") {
    if (state.phase !== "new") return reject({ _tag: "BundleAlreadyExists", bundleId })
    const broken = violations(command.elements)[0]
    return broken !== undefined
      ? reject(broken)
      : emit({ _tag: "BundleDrafted", bundleId: command.bundleId, elements: command.elements })
  }
  if (state.phase === "new") return reject({ _tag: "UnknownBundle", bundleId: command.bundleId })
  const latest = state.versions.length
  switch (command._tag) {
    case "ReviseBundleDraft": {
      if (state.draft === null) return reject({ _tag: "PublishedVersionImmutable", bundleId, version: latest })
      const broken = violations(command.elements)[0]
      return broken !== undefined
        ? reject(broken)
        : emit({ _tag: "BundleDraftRevised", bundleId, elements: command.elements })
    }
    case "PublishBundle": {
      if (state.draft === null) return reject({ _tag: "NoOpenDraft", bundleId })
      const missing = missingElements(state.draft)
      if (missing.length > 0) return reject({ _tag: "DraftIncomplete", missing })
      return emit({
        _tag: "BundlePublished",
        bundleId,
        version: latest + 1,
        publishedAt: context.now,
        elements: state.draft,
        notice: mergeNotice(state.draft.members),
      })
    }
    case "OpenBundleRevision":
      if (state.phase === "drafted") return reject({ _tag: "NotYetPublished", bundleId })
      if (state.draft !== null) return reject({ _tag: "RevisionAlreadyOpen", bundleId, basedOnVersion: latest })
      return emit({ _tag: "BundleRevisionOpened", bundleId, basedOnVersion: latest })
    case "SuspendBundle":
      if (state.phase === "drafted") return reject({ _tag: "NotYetPublished", bundleId })
      if (state.phase === "suspended") return reject({ _tag: "AlreadySuspended", bundleId })
      return emit({ _tag: "BundleSuspended", bundleId, reason: command.reason })
    case "ResumeBundle":
      if (state.phase !== "suspended") return reject({ _tag: "NotSuspended", bundleId })
      return emit({ _tag: "BundleResumed", bundleId })
    case "AbolishBundle":
      return emit({ _tag: "BundleAbolished", bundleId, reason: command.reason })
  }
}
