/**
 * `decide` for the `Licence` aggregate: one function per command, an exhaustive switch, typed
 * rejections, no throw.
 *
 * @since 0.2.0
 */
import * as Result from "effect/Result"
import { hasAnyRole, type Role } from "../Actor.ts"
import * as CalendarDate from "../CalendarDate.ts"
import { type CommandContext, today as todayOf } from "../Decider.ts"
import type {
  ApplyForRenewal,
  Command,
  DecideChange,
  DecideRenewal,
  DeregisterLicence,
  IssueLicence,
  RequestChange,
  RevokeLicence,
  RevokeWithRescindedGrant,
  SuspendLicence,
} from "./Commands.ts"
import type { Event } from "./Events.ts"
import {
  altersSomething,
  deregistrationGroundProblem,
  isOpen,
  isSuspended,
  renewalDecidableOn,
  renewalInTime,
  renewalPending,
  sameCase,
  termEndedBy,
} from "./invariants.ts"
import type { Rejection } from "./Rejections.ts"
import {
  expiresOn,
  holderSubject,
  latestRenewalDay,
  type PublicInterestAssessment,
  type RevocationBasis,
  type State,
  termEnd,
} from "./State.ts"

type Decision = Result.Result<ReadonlyArray<Event>, Rejection>

/** The context once `now` has been read. */
interface At {
  readonly today: CalendarDate.CalendarDate
  readonly actorId: string
}

/**
 * The roles that may issue each command: the runtime (`system`: issue from a grant, the timers,
 * revocation with a rescinded grant), the holder (`applicant` / `agent`: renewal and change
 * applications), the authority (`approver`: decisions, revocation, deregistration) and supervising
 * authorities (`supervisor`: suspension; revocation by the superior authority, ALL Art 69).
 *
 * @category models
 * @since 0.2.0
 */
export const requiredRoles: { readonly [K in Command["_tag"]]: ReadonlyArray<Role> } = {
  IssueLicence: ["system"],
  ApplyForRenewal: ["applicant", "agent"],
  DecideRenewal: ["approver"],
  DeemRenewed: ["system"],
  RequestChange: ["applicant", "agent"],
  DecideChange: ["approver"],
  SuspendLicence: ["supervisor"],
  LiftSuspension: ["supervisor"],
  RevokeLicence: ["approver", "supervisor"],
  RevokeWithRescindedGrant: ["system"],
  DeregisterLicence: ["approver"],
  RecordExpiry: ["system"],
}

const reject = (rejection: Rejection): Decision => Result.fail(rejection)
const emit = (...events: ReadonlyArray<Event>): Decision => Result.succeed(events)

/** The day a closed licence closed on. */
const closedSince = (state: State): CalendarDate.CalendarDate =>
  state.deregistration?.on ?? state.revocation?.on ?? state.expiredOn ?? state.terms[0]!.from

const closed = (state: State): Decision =>
  reject({ _tag: "LicenceClosed", licenceId: state.licenceId, phase: state.phase, since: closedSince(state) })

/** The licence is issued and neither revoked, deregistered nor recorded as expired. */
const requireInForce = (state: State): Rejection | undefined =>
  state.phase === "issued"
    ? undefined
    : { _tag: "LicenceClosed", licenceId: state.licenceId, phase: state.phase, since: closedSince(state) }

const issue = (command: IssueLicence, state: State): Decision => {
  const { grant } = command
  if (state.phase !== "new") {
    return reject({ _tag: "AlreadyIssued", licenceId: state.licenceId, licenceNo: state.licenceNo ?? "" })
  }
  if (!sameCase(command.licenceId, grant.caseNo)) {
    return reject({ _tag: "WrongCase", licenceId: command.licenceId, caseNo: grant.caseNo })
  }
  return emit({
    _tag: "LicenceIssued",
    licenceId: command.licenceId,
    grant,
    term: { from: grant.issuedOn, to: termEnd(grant.issuedOn, grant.matter.validity), by: "issue" },
  })
}

const applyForRenewal = (command: ApplyForRenewal, state: State, { today, actorId }: At): Decision => {
  const notInForce = requireInForce(state)
  if (notInForce !== undefined) return reject(notInForce)
  const end = expiresOn(state)
  if (end === null) return reject({ _tag: "DoesNotExpire", licenceId: state.licenceId })
  if (renewalPending(state)) {
    return reject({
      _tag: "RenewalAlreadyPending",
      licenceId: state.licenceId,
      appliedOn: state.pendingRenewal!.appliedOn,
    })
  }
  const latestDay = latestRenewalDay(state)!
  if (!renewalInTime(state, today)) {
    return reject({
      _tag: "RenewalApplicationTooLate",
      licenceId: state.licenceId,
      expiresOn: end,
      leadDays: state.matter!.renewalLeadDays,
      latestDay,
      today,
      article: "ALL Art 50",
    })
  }
  return emit({
    _tag: "RenewalApplied",
    licenceId: state.licenceId,
    appliedOn: today,
    latestDay,
    expiresOn: end,
    ...(command.caseNo !== undefined ? { caseNo: command.caseNo } : {}),
    appliedBy: actorId,
  })
}

const nextTerm = (state: State, by: "renewal" | "deemedRenewal") => {
  const from = CalendarDate.addDays(expiresOn(state)!, 1)
  return { from, to: termEnd(from, state.matter!.validity), by }
}

const decideRenewal = (command: DecideRenewal, state: State, { today, actorId }: At): Decision => {
  if (!isOpen(state)) return closed(state)
  if (!renewalPending(state)) return reject({ _tag: "NothingPending", licenceId: state.licenceId, what: "renewal" })
  if (!renewalDecidableOn(state, today)) {
    const end = expiresOn(state)!
    return reject({
      _tag: "RenewalDecisionTooLate",
      licenceId: state.licenceId,
      expiresOn: end,
      deemedFrom: CalendarDate.addDays(end, 1),
      today,
      article: "ALL Art 50",
    })
  }
  return command.decision._tag === "Approve"
    ? emit({
        _tag: "LicenceRenewed",
        licenceId: state.licenceId,
        renewedOn: today,
        term: nextTerm(state, "renewal"),
        deemed: false,
        decidedBy: actorId,
      })
    : emit({
        _tag: "RenewalRefused",
        licenceId: state.licenceId,
        refusedOn: today,
        reasons: command.decision.reasons,
        decidedBy: actorId,
      })
}

const deemRenewed = (state: State, { today, actorId }: At): Decision => {
  if (!isOpen(state)) return closed(state)
  if (!renewalPending(state)) return reject({ _tag: "NothingPending", licenceId: state.licenceId, what: "renewal" })
  if (!termEndedBy(state, today)) {
    return reject({ _tag: "TermNotEnded", licenceId: state.licenceId, expiresOn: expiresOn(state)!, today })
  }
  return emit({
    _tag: "LicenceRenewed",
    licenceId: state.licenceId,
    renewedOn: today,
    term: nextTerm(state, "deemedRenewal"),
    deemed: true,
    decidedBy: actorId,
  })
}

const requestChange = (command: RequestChange, state: State, { today, actorId }: At): Decision => {
  const notInForce = requireInForce(state)
  if (notInForce !== undefined) return reject(notInForce)
  if (state.pendingChange !== null) {
    return reject({
      _tag: "ChangeAlreadyPending",
      licenceId: state.licenceId,
      requestedOn: state.pendingChange.requestedOn,
    })
  }
  if (!altersSomething(state, command.alteration))
    return reject({ _tag: "NothingToChange", licenceId: state.licenceId })
  return emit({
    _tag: "ChangeRequested",
    licenceId: state.licenceId,
    requestedOn: today,
    alteration: command.alteration,
    reason: command.reason,
    ...(command.caseNo !== undefined ? { caseNo: command.caseNo } : {}),
    requestedBy: actorId,
  })
}

const decideChange = (command: DecideChange, state: State, { today, actorId }: At): Decision => {
  const notInForce = requireInForce(state)
  if (notInForce !== undefined) return reject(notInForce)
  if (state.pendingChange === null)
    return reject({ _tag: "NothingPending", licenceId: state.licenceId, what: "change" })
  return command.decision._tag === "Approve"
    ? emit({
        _tag: "LicenceChanged",
        licenceId: state.licenceId,
        changedOn: today,
        alteration: state.pendingChange.alteration,
        decidedBy: actorId,
      })
    : emit({
        _tag: "ChangeRefused",
        licenceId: state.licenceId,
        refusedOn: today,
        reasons: command.decision.reasons,
        decidedBy: actorId,
      })
}

const suspend = (command: SuspendLicence, state: State, { today, actorId }: At): Decision => {
  const notInForce = requireInForce(state)
  if (notInForce !== undefined) return reject(notInForce)
  const open = state.suspensions.find((s) => s.liftedOn === null)
  if (open !== undefined) return reject({ _tag: "AlreadySuspended", licenceId: state.licenceId, since: open.from })
  return emit({
    _tag: "LicenceSuspended",
    licenceId: state.licenceId,
    suspendedOn: today,
    reason: command.reason,
    legalBasis: command.legalBasis,
    suspendedBy: actorId,
  })
}

const lift = (reason: string, state: State, { today, actorId }: At): Decision => {
  if (!isOpen(state)) return closed(state)
  if (!isSuspended(state)) return reject({ _tag: "NotSuspended", licenceId: state.licenceId })
  return emit({ _tag: "SuspensionLifted", licenceId: state.licenceId, liftedOn: today, reason, liftedBy: actorId })
}

const revocation = (
  state: State,
  basis: RevocationBasis,
  reasons: string,
  publicInterest: PublicInterestAssessment,
  on: CalendarDate.CalendarDate,
  actorId: string,
): Decision =>
  publicInterest.seriousHarm
    ? emit({
        _tag: "RevocationWithheld",
        licenceId: state.licenceId,
        withheldOn: on,
        basis,
        reasons,
        publicInterest,
        decidedBy: actorId,
      })
    : emit({
        _tag: "LicenceRevoked",
        licenceId: state.licenceId,
        revokedOn: on,
        basis,
        reasons,
        publicInterest,
        revokedBy: actorId,
      })

const revoke = (command: RevokeLicence, state: State, { today, actorId }: At): Decision => {
  if (!isOpen(state)) return closed(state)
  const { ground } = command
  if (ground._tag === "AuthorityError") {
    const basis: RevocationBasis = { _tag: "AuthorityError", ground: ground.ground, compensation: ground.compensation }
    return revocation(state, basis, command.reasons, command.publicInterest, today, actorId)
  }
  const earliest = state.decidedOn ?? state.terms[0]!.from
  if (ground.foundOn > today || ground.foundOn < earliest) {
    return reject({
      _tag: "FindingDateOutOfRange",
      licenceId: state.licenceId,
      foundOn: ground.foundOn,
      earliest,
      today,
    })
  }
  const basis: RevocationBasis = {
    _tag: "Fraud",
    finding: {
      holder: holderSubject(state.holder!),
      baseCode: state.matter!.baseCode,
      implementationCode: state.matter!.implementationCode,
      concernsSafetyHealthProperty: state.matter!.concernsSafetyHealthProperty,
      caseNo: state.licenceId,
      means: ground.means,
      foundOn: ground.foundOn,
      findings: ground.findings,
      entryFromCase: false,
    },
  }
  return revocation(state, basis, command.reasons, command.publicInterest, today, actorId)
}

const revokeWithGrant = (command: RevokeWithRescindedGrant, state: State, { actorId }: At): Decision => {
  if (!isOpen(state)) return closed(state)
  const { rescission } = command
  if (!sameCase(state.licenceId, rescission.caseNo)) {
    return reject({ _tag: "WrongCase", licenceId: state.licenceId, caseNo: rescission.caseNo })
  }
  const basis: RevocationBasis =
    rescission.falseFinding !== null
      ? {
          _tag: "Fraud",
          finding: {
            holder: holderSubject(state.holder!),
            baseCode: state.matter!.baseCode,
            implementationCode: state.matter!.implementationCode,
            concernsSafetyHealthProperty: state.matter!.concernsSafetyHealthProperty,
            caseNo: state.licenceId,
            means: "deception",
            foundOn: rescission.falseFinding.foundOn,
            findings: rescission.falseFinding.findings,
            entryFromCase: true,
          },
        }
      : {
          _tag: "GrantRescinded",
          caseNo: rescission.caseNo,
          rescindedOn: rescission.rescindedOn,
          legalBasis: rescission.legalBasis,
        }
  const reasons = rescission.reasons.trim() === "" ? `grant rescinded: ${rescission.legalBasis}` : rescission.reasons
  return emit({
    _tag: "LicenceRevoked",
    licenceId: state.licenceId,
    revokedOn: CalendarDate.max(rescission.rescindedOn, state.terms[0]!.from),
    basis,
    reasons,
    publicInterest: {
      seriousHarm: false,
      assessment: `decided with the rescission of the grant of case ${rescission.caseNo} on ${rescission.rescindedOn}`,
    },
    revokedBy: actorId,
  })
}

const deregister = (command: DeregisterLicence, state: State, { today, actorId }: At): Decision => {
  if (state.phase === "deregistered") return closed(state)
  const why = deregistrationGroundProblem(state, command.ground, today)
  if (why !== undefined) {
    return reject({
      _tag: "DeregistrationGroundNotMet",
      licenceId: state.licenceId,
      ground: command.ground,
      why,
      article: "ALL Art 70",
    })
  }
  return emit({
    _tag: "LicenceDeregistered",
    licenceId: state.licenceId,
    deregisteredOn: today,
    ground: command.ground,
    reasons: command.reasons,
    deregisteredBy: actorId,
  })
}

const recordExpiry = (state: State, { today }: At): Decision => {
  const notInForce = requireInForce(state)
  if (notInForce !== undefined) return reject(notInForce)
  const end = expiresOn(state)
  if (end === null) return reject({ _tag: "DoesNotExpire", licenceId: state.licenceId })
  if (renewalPending(state)) {
    return reject({ _tag: "RenewalPending", licenceId: state.licenceId, appliedOn: state.pendingRenewal!.appliedOn })
  }
  if (!termEndedBy(state, today))
    return reject({ _tag: "TermNotEnded", licenceId: state.licenceId, expiresOn: end, today })
  return emit({ _tag: "LicenceExpired", licenceId: state.licenceId, lastDay: end, recordedOn: today })
}

/**
 * Decides a command against a licence: the role, the instant, that the licence was issued (every
 * command but `IssueLicence`), then the command's own rules.
 *
 * @example
 * ```ts
 * import { Licence } from "@yiciban/core"
 *
 * Licence.decide({ _tag: "ApplyForRenewal", licenceId }, state, { now, actor: holder, facts: {} })
 * // Result.fail({ _tag: "RenewalApplicationTooLate", latestDay: "2031-02-07", article: "ALL Art 50", … }) after the last day
 * ```
 *
 * @category combinators
 * @since 0.2.0
 */
export const decide = (command: Command, state: State, context: CommandContext): Decision => {
  const required = requiredRoles[command._tag]
  if (!hasAnyRole(context.actor, required)) {
    return reject({ _tag: "NotAuthorized", actorId: context.actor.id, required })
  }
  const today = todayOf(context)
  if (Result.isFailure(today)) return reject(today.failure)
  const at: At = { today: today.success, actorId: context.actor.id }
  if (command._tag !== "IssueLicence" && state.phase === "new") {
    return reject({ _tag: "NotIssued", licenceId: command.licenceId })
  }
  switch (command._tag) {
    case "IssueLicence":
      return issue(command, state)
    case "ApplyForRenewal":
      return applyForRenewal(command, state, at)
    case "DecideRenewal":
      return decideRenewal(command, state, at)
    case "DeemRenewed":
      return deemRenewed(state, at)
    case "RequestChange":
      return requestChange(command, state, at)
    case "DecideChange":
      return decideChange(command, state, at)
    case "SuspendLicence":
      return suspend(command, state, at)
    case "LiftSuspension":
      return lift(command.reason, state, at)
    case "RevokeLicence":
      return revoke(command, state, at)
    case "RevokeWithRescindedGrant":
      return revokeWithGrant(command, state, at)
    case "DeregisterLicence":
      return deregister(command, state, at)
    case "RecordExpiry":
      return recordExpiry(state, at)
    default: {
      const unhandled: never = command
      return unhandled
    }
  }
}
