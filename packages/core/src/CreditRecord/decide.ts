/**
 * `decide` for the `CreditRecord` aggregate: one function per command, each returning the events
 * or the first rule the command would break. The rules are checked in this order:
 *
 * - every command: the role (`NotAuthorized`), `context.now` is an ISO-8601 instant
 *   (`InvalidInstant`), the subject's codes (`InvalidCreditSubject`), the subject of the record
 *   (`WrongSubject`);
 * - `RecordEntry`: an expiry can be found (`ExpiryRequired`), it is after the effective date
 *   (`ExpiryNotAfterEffective`), the id is new — or the same entry again, a no-op — (`EntryIdConflict`);
 * - `RepairEntry`: the entry exists (`UnknownEntry`), is not revoked (`EntryRevoked`) nor repaired
 *   (`EntryAlreadyRepaired`), the repair is not dated after today (`DateInFuture`), nor before the
 *   entry takes effect (`RepairBeforeEffective`), nor after its last day (`EntryExpired`);
 * - `RevokeEntry`: the entry exists (`UnknownEntry`), is not revoked (`EntryRevoked`), the
 *   revocation is not dated after today (`DateInFuture`);
 * - `RecordStatutoryBar`: the id is new — or the same bar again, a no-op — (`BarIdConflict`); the
 *   last day is the article's (1 or 3 years);
 * - `AnnulStatutoryBar`: the bar exists (`UnknownBar`), is not annulled (`BarAlreadyAnnulled`),
 *   the annulment is not dated after today (`DateInFuture`).
 *
 * "Today" is the day `context.now` falls on in Beijing time.
 *
 * @since 0.1.0
 */
import * as Result from "effect/Result"
import { hasAnyRole, type Role } from "../Actor.ts"
import type * as CalendarDate from "../CalendarDate.ts"
import { type CommandContext, today as todayOf } from "../Decider.ts"
import { barEndsOn, sameBarContent } from "./Bars.ts"
import type {
  AnnulStatutoryBar,
  Command,
  RecordEntry,
  RecordStatutoryBar,
  RepairEntry,
  RevokeEntry,
} from "./Commands.ts"
import type { Event } from "./Events.ts"
import {
  expiryAfterEffective,
  expiryResolvable,
  isRepaired,
  isRevoked,
  notAfterToday,
  repairNotAfterExpiry,
  repairNotBeforeEffective,
  sameEntryContent,
  subjectMatches,
} from "./invariants.ts"
import type { Rejection } from "./Rejections.ts"
import { type CreditSubject, findEntry, lastDayOf, parseSubject, type Settings, type State } from "./State.ts"

type Decision = Result.Result<ReadonlyArray<Event>, Rejection>

/** The context once `now` has been read: the day it falls on in Beijing time. */
interface At {
  readonly today: CalendarDate.CalendarDate
  readonly actorId: string
}

/**
 * The roles that may issue each command: the runtime's process managers (`system`) and
 * supervision staff (`supervisor`).
 *
 * @category models
 * @since 0.1.0
 */
export const requiredRoles: { readonly [K in Command["_tag"]]: ReadonlyArray<Role> } = {
  RecordEntry: ["system", "supervisor"],
  RepairEntry: ["system", "supervisor"],
  RevokeEntry: ["system", "supervisor"],
  RecordStatutoryBar: ["system", "supervisor"],
  AnnulStatutoryBar: ["system", "supervisor"],
}

const reject = (rejection: Rejection): Decision => Result.fail(rejection)
const emit = (...events: ReadonlyArray<Event>): Decision => Result.succeed(events)

// The checks every command shares: role, the instant, subject codes, subject of the record.
const admit = (command: Command, state: State, context: CommandContext): Result.Result<At, Rejection> => {
  const required = requiredRoles[command._tag]
  if (!hasAnyRole(context.actor, required)) {
    return Result.fail({ _tag: "NotAuthorized", actorId: context.actor.id, required })
  }
  const today = todayOf(context)
  if (Result.isFailure(today)) return Result.fail(today.failure)
  const parsed = parseSubject(command.subject)
  if (Result.isFailure(parsed)) return Result.fail(parsed.failure)
  if (!subjectMatches(state, command.subject)) {
    return Result.fail({ _tag: "WrongSubject", expected: state.subject as CreditSubject, received: command.subject })
  }
  return Result.succeed({ today: today.success, actorId: context.actor.id })
}

const recordEntry = (command: RecordEntry, state: State, at: At, settings: Settings): Decision => {
  const { entryId, kind, effectiveOn } = command
  if (!expiryResolvable(settings, kind, command.expiresOn)) return reject({ _tag: "ExpiryRequired", entryId, kind })
  const expiresOn = command.expiresOn ?? lastDayOf(effectiveOn, settings.periods[kind]!)
  if (!expiryAfterEffective({ effectiveOn, expiresOn })) {
    return reject({ _tag: "ExpiryNotAfterEffective", entryId, effectiveOn, expiresOn })
  }
  const content = { kind, source: command.source, reason: command.reason, effectiveOn, expiresOn }
  const existing = findEntry(state, entryId)
  if (existing !== undefined) {
    return sameEntryContent(existing, content) ? emit() : reject({ _tag: "EntryIdConflict", entryId })
  }
  return emit({
    _tag: "CreditEntryRecorded",
    subject: command.subject,
    entryId,
    ...content,
    recordedBy: at.actorId,
  })
}

const repairEntry = (command: RepairEntry, state: State, { today, actorId }: At): Decision => {
  const { entryId, repairedOn } = command
  const entry = findEntry(state, entryId)
  if (entry === undefined) return reject({ _tag: "UnknownEntry", entryId })
  if (isRevoked(entry)) return reject({ _tag: "EntryRevoked", entryId, revokedOn: entry.revocation!.revokedOn })
  if (isRepaired(entry)) return reject({ _tag: "EntryAlreadyRepaired", entryId, repairedOn: entry.repair!.repairedOn })
  if (!notAfterToday(repairedOn, today)) return reject({ _tag: "DateInFuture", entryId, date: repairedOn, today })
  if (!repairNotBeforeEffective(entry, repairedOn)) {
    return reject({ _tag: "RepairBeforeEffective", entryId, effectiveOn: entry.effectiveOn, repairedOn })
  }
  if (!repairNotAfterExpiry(entry, repairedOn)) {
    return reject({ _tag: "EntryExpired", entryId, expiresOn: entry.expiresOn, repairedOn })
  }
  return emit({
    _tag: "CreditEntryRepaired",
    subject: command.subject,
    entryId,
    reason: command.reason,
    repairedOn,
    repairedBy: actorId,
  })
}

const revokeEntry = (command: RevokeEntry, state: State, { today, actorId }: At): Decision => {
  const { entryId, revokedOn } = command
  const entry = findEntry(state, entryId)
  if (entry === undefined) return reject({ _tag: "UnknownEntry", entryId })
  if (isRevoked(entry)) return reject({ _tag: "EntryRevoked", entryId, revokedOn: entry.revocation!.revokedOn })
  if (!notAfterToday(revokedOn, today)) return reject({ _tag: "DateInFuture", entryId, date: revokedOn, today })
  return emit({
    _tag: "CreditEntryRevoked",
    subject: command.subject,
    entryId,
    reason: command.reason,
    revokedOn,
    revokedBy: actorId,
  })
}

const recordStatutoryBar = (command: RecordStatutoryBar, state: State, at: At): Decision => {
  const { barId, article, baseCode, source, reason, effectiveOn } = command
  const content = { article, baseCode, source, reason, effectiveOn }
  const existing = state.bars.find((bar) => bar.id === barId)
  if (existing !== undefined)
    return sameBarContent(existing, content) ? emit() : reject({ _tag: "BarIdConflict", barId })
  return emit({
    _tag: "StatutoryBarRecorded",
    subject: command.subject,
    barId,
    ...content,
    endsOn: barEndsOn(article, effectiveOn),
    recordedBy: at.actorId,
  })
}

const annulStatutoryBar = (command: AnnulStatutoryBar, state: State, { today, actorId }: At): Decision => {
  const { barId, annulledOn } = command
  const bar = state.bars.find((candidate) => candidate.id === barId)
  if (bar === undefined) return reject({ _tag: "UnknownBar", barId })
  if (bar.annulment !== null) return reject({ _tag: "BarAlreadyAnnulled", barId, annulledOn: bar.annulment.annulledOn })
  if (!notAfterToday(annulledOn, today))
    return reject({ _tag: "DateInFuture", entryId: barId, date: annulledOn, today })
  return emit({
    _tag: "StatutoryBarAnnulled",
    subject: command.subject,
    barId,
    reason: command.reason,
    annulledOn,
    annulledBy: actorId,
  })
}

/**
 * `decide` under a deployment's settings (the default period of each kind).
 *
 * @category constructors
 * @since 0.1.0
 */
export const makeDecide =
  (settings: Settings) =>
  (command: Command, state: State, context: CommandContext): Decision => {
    const admitted = admit(command, state, context)
    if (Result.isFailure(admitted)) return reject(admitted.failure)
    const at = admitted.success
    switch (command._tag) {
      case "RecordEntry":
        return recordEntry(command, state, at, settings)
      case "RepairEntry":
        return repairEntry(command, state, at)
      case "RevokeEntry":
        return revokeEntry(command, state, at)
      case "RecordStatutoryBar":
        return recordStatutoryBar(command, state, at)
      case "AnnulStatutoryBar":
        return annulStatutoryBar(command, state, at)
      default: {
        const unhandled: never = command
        return unhandled
      }
    }
  }
