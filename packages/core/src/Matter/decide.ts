/**
 * `decide` for the `Matter` aggregate: one function per command, each returning the events or the
 * first rule the command would break.
 *
 * @since 0.1.0
 */
import * as Result from "effect/Result"
import { hasAnyRole, type Role } from "../Actor.ts"
import type * as CalendarDate from "../CalendarDate.ts"
import { type CommandContext, today as todayOf } from "../Decider.ts"
import type { ImplementingAuthority } from "../PublishedMatter.ts"
import type {
  AbolishMatter,
  Command,
  DelegateMatter,
  DraftMatter,
  OpenRevision,
  PublishDraft,
  ResumeMatter,
  ReviseDraft,
  SuspendMatter,
} from "./Commands.ts"
import type { Event } from "./Events.ts"
import { missingElements, violations } from "./invariants.ts"
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

const latestVersion = (state: State): number => state.versions.length

/**
 * The authority that handles the matter on a date: the latest delegation in effect on that date,
 * otherwise the implementing authority of the latest published version (or of the draft when
 * nothing is published yet).
 *
 * @category combinators
 * @since 0.1.0
 */
export const authorityOn = (state: State, date: CalendarDate.CalendarDate): ImplementingAuthority | undefined => {
  let current: ImplementingAuthority | undefined = state.versions.at(-1)?.implementingAuthority
  for (const delegation of state.delegations) {
    if (delegation.effectiveFrom <= date) current = delegation.to
  }
  return current ?? state.draft?.implementingAuthority
}

const checkElements = (elements: DraftMatter["elements"]): Rejection | undefined => violations(elements)[0]

const draftMatter = (command: DraftMatter, state: State): Decision => {
  if (state.phase !== "new")
    return reject({ _tag: "MatterAlreadyExists", implementationCode: state.implementationCode })
  const broken = checkElements(command.elements)
  if (broken !== undefined) return reject(broken)
  return emit({
    _tag: "MatterDrafted",
    implementationCode: command.implementationCode,
    baseCode: command.baseCode,
    elements: command.elements,
  })
}

const reviseDraft = (command: ReviseDraft, state: State): Decision => {
  if (state.draft === null) {
    return reject({
      _tag: "PublishedVersionImmutable",
      implementationCode: state.implementationCode,
      version: latestVersion(state),
    })
  }
  const broken = checkElements(command.elements)
  if (broken !== undefined) return reject(broken)
  return emit({ _tag: "DraftRevised", implementationCode: state.implementationCode, elements: command.elements })
}

const publishDraft = (_command: PublishDraft, state: State, context: CommandContext): Decision => {
  if (state.draft === null) return reject({ _tag: "NoOpenDraft", implementationCode: state.implementationCode })
  const missing = missingElements(state.draft)
  if (missing.length > 0) return reject({ _tag: "DraftIncomplete", missing })
  return emit({
    _tag: "MatterPublished",
    implementationCode: state.implementationCode,
    version: latestVersion(state) + 1,
    publishedAt: context.now,
    elements: state.draft,
  })
}

const openRevision = (_command: OpenRevision, state: State): Decision => {
  if (state.phase === "drafted")
    return reject({ _tag: "NotYetPublished", implementationCode: state.implementationCode })
  if (state.draft !== null) {
    return reject({
      _tag: "RevisionAlreadyOpen",
      implementationCode: state.implementationCode,
      basedOnVersion: latestVersion(state),
    })
  }
  return emit({
    _tag: "RevisionOpened",
    implementationCode: state.implementationCode,
    basedOnVersion: latestVersion(state),
  })
}

const suspendMatter = (command: SuspendMatter, state: State): Decision => {
  if (state.phase === "drafted")
    return reject({ _tag: "NotYetPublished", implementationCode: state.implementationCode })
  if (state.phase === "suspended")
    return reject({ _tag: "AlreadySuspended", implementationCode: state.implementationCode })
  return emit({ _tag: "MatterSuspended", implementationCode: state.implementationCode, reason: command.reason })
}

const resumeMatter = (_command: ResumeMatter, state: State): Decision => {
  if (state.phase !== "suspended") return reject({ _tag: "NotSuspended", implementationCode: state.implementationCode })
  return emit({ _tag: "MatterResumed", implementationCode: state.implementationCode })
}

const abolishMatter = (command: AbolishMatter, state: State): Decision =>
  emit({ _tag: "MatterAbolished", implementationCode: state.implementationCode, reason: command.reason })

const delegateMatter = (command: DelegateMatter, state: State, context: CommandContext): Decision => {
  if (state.phase === "drafted")
    return reject({ _tag: "NotYetPublished", implementationCode: state.implementationCode })
  const day = todayOf(context)
  if (Result.isFailure(day)) return reject(day.failure)
  const today = day.success
  if (command.effectiveFrom < today)
    return reject({ _tag: "EffectiveDateInPast", effectiveFrom: command.effectiveFrom, today })
  const from = authorityOn(state, command.effectiveFrom)!
  if (from.creditCode === command.to.creditCode) {
    return reject({
      _tag: "DelegationToSameAuthority",
      creditCode: from.creditCode,
      effectiveFrom: command.effectiveFrom,
    })
  }
  return emit({
    _tag: "MatterDelegated",
    implementationCode: state.implementationCode,
    kind: command.kind,
    from,
    to: command.to,
    effectiveFrom: command.effectiveFrom,
    basis: command.basis,
  })
}

/**
 * Decides a command against a matter's state. Checks, in order: the actor's role
 * (`catalogueAdmin`), that the command names this matter, that the matter is not abolished, then
 * the command's own rules.
 *
 * @category combinators
 * @since 0.1.0
 */
export const decide = (command: Command, state: State, context: CommandContext): Decision => {
  if (!hasAnyRole(context.actor, requiredRoles)) {
    return reject({ _tag: "NotAuthorized", actorId: context.actor.id, required: requiredRoles })
  }
  if (state.phase !== "new" && command.implementationCode !== state.implementationCode) {
    return reject({ _tag: "WrongMatter", expected: state.implementationCode, received: command.implementationCode })
  }
  if (state.phase === "abolished") {
    return reject({ _tag: "MatterAlreadyAbolished", implementationCode: state.implementationCode })
  }
  if (command._tag === "DraftMatter") return draftMatter(command, state)
  if (state.phase === "new") return reject({ _tag: "UnknownMatter", implementationCode: command.implementationCode })
  switch (command._tag) {
    case "ReviseDraft":
      return reviseDraft(command, state)
    case "PublishDraft":
      return publishDraft(command, state, context)
    case "OpenRevision":
      return openRevision(command, state)
    case "SuspendMatter":
      return suspendMatter(command, state)
    case "ResumeMatter":
      return resumeMatter(command, state)
    case "AbolishMatter":
      return abolishMatter(command, state)
    case "DelegateMatter":
      return delegateMatter(command, state, context)
  }
}
