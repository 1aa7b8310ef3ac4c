/**
 * The named invariants of the `Application` aggregate: predicates over a case's state, over one
 * step (the state before and after a command), over its clock and over its event stream. `decide`
 * uses the same helpers to reject a command that would break one; the tests check them after
 * every step; docs/application.md lists them.
 *
 * @since 0.1.0
 */
import * as Result from "effect/Result"
import * as Schema from "effect/Schema"
import * as CalendarDate from "../CalendarDate.ts"
import * as Clock from "../Clock.ts"
import { entryIdFor, sameSubject } from "../CreditRecord/State.ts"
import { fold } from "../Decider.ts"
import { concernsSafetyHealthProperty, type MatterElements, offersCommitment } from "../PublishedMatter.ts"
import * as WorkCalendar from "../WorkCalendar.ts"
import type { CommandTag } from "./Commands.ts"
import { creditKindFor, creditStandingProblem, creditSubjectOf } from "./commitment.ts"
import { Event } from "./Events.ts"
import { commitmentConfirmed, evolve } from "./evolve.ts"
import { initialState, type State } from "./State.ts"
import { commandsAllowedIn, isClosed, isTransition } from "./transitions.ts"

// ---------------------------------------------------------------------------------------------
// Helpers shared with decide
// ---------------------------------------------------------------------------------------------

/**
 * The working days the law gives the authority to issue a correction notice (ALL Art 32).
 *
 * @category models
 * @since 0.1.0
 */
export const correctionNoticeWorkingDays = 5

/**
 * True when the law has accepted the case as of receipt (ALL Art 32: 逾期不告知的，自收到申请材料之日起
 * 即为受理): the case is still `submitted` — no correction notice was ever given — and `today` is
 * after the 5th working day from receipt on `calendar`. From then on no correction notice and no
 * refusal of acceptance is possible, and an acceptance counts from receipt (basis `deemed`),
 * whether or not the deemed-acceptance timer ran. A receipt date the calendar cannot count from is
 * not judged here (`false`); `decide` refuses such a command with `CalendarNotCovered` first.
 *
 * @example
 * ```ts
 * import { Application, CalendarDate, WorkCalendar } from "@yiciban/core"
 *
 * // received Monday 2026-03-02: the 5th working day is 2026-03-09
 * Application.acceptedByLaw(state, WorkCalendar.chinaMainland, CalendarDate.make("2026-03-09")) // false
 * Application.acceptedByLaw(state, WorkCalendar.chinaMainland, CalendarDate.make("2026-03-10")) // true
 * ```
 *
 * @category guards
 * @since 0.2.0
 */
export const acceptedByLaw = (
  state: State,
  calendar: WorkCalendar.WorkCalendar,
  today: CalendarDate.CalendarDate,
): boolean => {
  if (state.phase !== "submitted" || state.receivedOn === null) return false
  const deadline = WorkCalendar.addWorkingDays(calendar, state.receivedOn, correctionNoticeWorkingDays)
  return Result.isSuccess(deadline) && today > deadline.success
}

/**
 * The codes of the matter's mandatory materials that are not among `onFile`, in the matter's
 * order.
 *
 * @category combinators
 * @since 0.1.0
 */
export const missingMandatory = (terms: MatterElements, onFile: ReadonlyArray<string>): Array<string> =>
  terms.materials.filter((m) => m.mandatory && !onFile.includes(m.code)).map((m) => m.code)

/**
 * True when the matter lets this material be deferred under tolerant acceptance: a secondary
 * material, flagged deferrable and listed in the tolerant-acceptance settings.
 *
 * @category guards
 * @since 0.1.0
 */
export const isDeferrable = (terms: MatterElements, code: string): boolean => {
  const requirement = terms.materials.find((m) => m.code === code)
  return (
    requirement !== undefined &&
    requirement.category === "secondary" &&
    requirement.deferrable &&
    (terms.tolerantAcceptance?.deferrableMaterialCodes.includes(code) ?? false)
  )
}

/**
 * The deferred codes still outstanding (empty when the case was not accepted tolerantly).
 *
 * @category combinators
 * @since 0.1.0
 */
export const outstandingDeferred = (state: State): ReadonlyArray<string> => state.deferral?.outstanding ?? []

/**
 * True when the result may be issued now as far as deferred materials go: none is outstanding, or
 * the matter allows the result before supplement.
 *
 * @category guards
 * @since 0.1.0
 */
export const resultMayBeIssued = (state: State): boolean =>
  outstandingDeferred(state).length === 0 || state.deferral?.notice.resultBeforeSupplement === true

/**
 * The codes of every material on file.
 *
 * @category combinators
 * @since 0.1.0
 */
export const codesOnFile = (state: State): Array<string> => state.materials.map((m) => m.code)

const isSubset = (part: ReadonlyArray<string>, whole: ReadonlyArray<string>): boolean =>
  part.every((code) => whole.includes(code))

// ---------------------------------------------------------------------------------------------
// Over a state
// ---------------------------------------------------------------------------------------------

/**
 * No decision before acceptance: a decided case was accepted, on or before the decision date.
 *
 * @example
 * ```ts
 * import { Application } from "@yiciban/core"
 *
 * Application.noDecisionBeforeAcceptance(Application.initialState) // true
 * ```
 *
 * @category guards
 * @since 0.1.0
 */
export const noDecisionBeforeAcceptance = (state: State): boolean =>
  state.decision === null || (state.acceptance !== null && state.acceptance.acceptedOn <= state.decision.decidedOn)

/**
 * No certificate without a grant.
 *
 * @category guards
 * @since 0.1.0
 */
export const noCertificateWithoutGrant = (state: State): boolean =>
  state.certificate === null || state.decision?._tag === "Granted"

/**
 * A core material is never deferred: every deferred item is a secondary material.
 *
 * @category guards
 * @since 0.1.0
 */
export const coreMaterialNeverDeferred = (state: State): boolean =>
  state.deferral === null ||
  state.deferral.notice.items.every(
    (item) => state.matter?.materials.find((m) => m.code === item.code)?.category === "secondary",
  )

/**
 * Every deferred item is a material the matter marks deferrable.
 *
 * @category guards
 * @since 0.1.0
 */
export const onlyDeferrableMaterialsDeferred = (state: State): boolean =>
  state.deferral === null ||
  (state.matter !== null &&
    state.deferral.notice.items.every((item) => deferrableHere(state, state.matter!, item.code)))

/**
 * True when this case may defer the material: the matter lets it be deferred ({@link isDeferrable}),
 * or — a bundle's child — the bundle's grant lists it (`bundleTolerance`, 跨部门容缺) and it is a
 * secondary material (a core one never is).
 *
 * @category guards
 * @since 0.3.0
 */
export const deferrableHere = (state: Pick<State, "bundleTolerance">, terms: MatterElements, code: string): boolean =>
  isDeferrable(terms, code) ||
  ((state.bundleTolerance?.materialCodes.includes(code) ?? false) &&
    terms.materials.find((m) => m.code === code)?.category === "secondary")

/**
 * The one-time notice lists every mandatory material missing from the original submission.
 *
 * @category guards
 * @since 0.1.0
 */
export const oneTimeNoticeListsEveryMissing = (state: State): boolean => {
  const notice = state.corrections[0]
  if (notice === undefined || state.matter === null) return true
  return isSubset(
    missingMandatory(state.matter, state.submittedCodes),
    notice.items.map((item) => item.code),
  )
}

/**
 * No later correction request asks for a material outside the one-time notice.
 *
 * @category guards
 * @since 0.1.0
 */
export const laterRequestsWithinNotice = (state: State): boolean => {
  const [notice, ...later] = state.corrections
  if (notice === undefined) return true
  const listed = notice.items.map((item) => item.code)
  return later.every((request) =>
    isSubset(
      request.items.map((item) => item.code),
      listed,
    ),
  )
}

/**
 * The supplement deadline of a tolerant acceptance is never after the promised completion date.
 *
 * @category guards
 * @since 0.1.0
 */
export const supplementDeadlineWithinPromised = (state: State): boolean =>
  state.deferral === null ||
  (state.acceptance !== null && state.deferral.notice.supplementBy <= state.acceptance.promisedDueOn)

/**
 * Every special procedure on record is one the pinned matter allows.
 *
 * @category guards
 * @since 0.1.0
 */
export const specialProceduresAllowed = (state: State): boolean =>
  state.specialProcedures.every((record) => state.matter?.specialProcedures.includes(record.procedure) === true)

/**
 * The clock is paused exactly while a special procedure runs or the case is suspended from review
 * (checked while the case is open).
 *
 * @category guards
 * @since 0.1.0
 */
export const clockPausedOnlyForCause = (state: State): boolean => {
  if (state.clock === null || isClosed(state.phase) || state.phase === "granted") return true
  const shouldPause = state.phase === "specialProcedure" || (state.phase === "suspended" && state.suspension !== null)
  return Clock.isPaused(state.clock) === shouldPause
}

/**
 * The phase agrees with what the case records: acceptance and clock from review on, a decision
 * exactly once decided, a certificate exactly when concluded (or rescinded after it), a closure
 * exactly when closed other than by a decision.
 *
 * @category guards
 * @since 0.1.0
 */
export const phaseMatchesRecord = (state: State): boolean => {
  const accepted = state.acceptance !== null && state.clock !== null
  switch (state.phase) {
    case "new":
      return state.caseNo === "" && state.matter === null
    case "draft":
      return state.applicant !== null && state.matter === null
    case "submitted":
    case "correctionRequested":
    case "corrected":
      return state.matter !== null && !accepted && state.decision === null
    case "underReview":
    case "specialProcedure":
      return accepted && state.decision === null && state.suspension === null
    case "suspended":
      return accepted && state.decision === null && state.suspension !== null
    case "granted":
      return accepted && state.decision?._tag === "Granted" && state.certificate === null
    case "concluded":
      return accepted && state.decision?._tag === "Granted" && state.certificate !== null
    case "verified":
      return accepted && state.decision?._tag === "Granted" && state.certificate !== null && commitmentConfirmed(state)
    case "denied":
      return accepted && state.decision?._tag === "Denied"
    case "acceptanceDeclined":
      return !accepted && state.closure?._tag === "Declined"
    case "withdrawn":
      return state.decision === null && state.closure?._tag === "Withdrawn"
    case "terminated":
      return (
        accepted &&
        state.decision === null &&
        (state.closure?._tag === "Terminated" || state.closure?._tag === "TerminatedForFalseCommitment")
      )
    case "rescinded":
      return state.decision?._tag === "Granted" && state.closure?._tag === "Rescinded"
    case "lapsed":
      return (
        accepted &&
        state.commitment?.businessLicence?.variant === "willMeetBy" &&
        state.decision?._tag !== "Denied" &&
        state.closure?._tag === "Lapsed"
      )
  }
}

// ---------------------------------------------------------------------------------------------
// Notify-and-commit, over a state
// ---------------------------------------------------------------------------------------------

/**
 * No commitment-mode acceptance on a matter that does not offer it or that touches a barred
 * category: a case accepted on commitment pinned a matter that offers it and names no barred
 * category, and the commitment record exists exactly in commitment mode.
 *
 * @example
 * ```ts
 * import { Application } from "@yiciban/core"
 *
 * Application.commitmentOnlyOnOfferingMatter(Application.initialState) // true
 * ```
 *
 * @category guards
 * @since 0.1.0
 */
export const commitmentOnlyOnOfferingMatter = (state: State): boolean => {
  const commitmentMode = state.acceptance?.mode === "commitment"
  if (commitmentMode !== (state.commitment !== null)) return false
  if (!commitmentMode) return true
  const terms = state.matter
  return terms !== null && offersCommitment(terms) && terms.commitment?.barredCategories.length === 0
}

/**
 * No commitment-mode acceptance for a barred applicant: the credit standing a case was accepted on
 * is well formed, the applicant's, checked on the day of the acceptance, and does not bar
 * commitment.
 *
 * @category guards
 * @since 0.1.0
 */
export const commitmentOnlyForEligibleApplicant = (state: State): boolean => {
  const commitment = state.commitment
  if (commitment === null) return true
  if (state.applicant === null || state.acceptance === null || state.matter === null) return false
  const standing = commitment.creditStanding
  return (
    creditStandingProblem(standing, state.applicant, state.acceptance.recordedOn) === undefined &&
    !standing.barredFromCommitment
  )
}

/**
 * No grant after a finding of concealment or false materials (ALL Art 78): a case whose finding
 * came before the decision is not granted; and a finding produced a statutory bar exactly when the
 * pinned licence directly concerns public safety, personal health or the safety of life and
 * property.
 *
 * @category guards
 * @since 0.2.0
 */
export const noGrantAfterFalseMaterials = (state: State): boolean => {
  const finding = state.fraudFinding
  if (finding === null) return true
  if (state.matter === null) return false
  const barred = concernsSafetyHealthProperty(state.matter)
  if ((finding.barId !== undefined) !== barred) return false
  return (
    finding.article === "ALL Art 79" || state.decision?._tag !== "Granted" || state.decision.decidedOn < finding.foundOn
  )
}

/**
 * A verification that finds a false commitment ends the case: rescinded when it was granted,
 * terminated otherwise; and the credit entry it produced is on record exactly when such a finding
 * is.
 *
 * @category guards
 * @since 0.1.0
 */
export const falseCommitmentEndsCase = (state: State): boolean => {
  const commitment = state.commitment
  if (commitment === null) return true
  const foundFalse = commitment.verifications.some((v) => v.outcome._tag === "FalseCommitment")
  if (foundFalse !== (commitment.falseFinding !== null)) return false
  if (!foundFalse) return true
  return state.decision?._tag === "Granted"
    ? state.phase === "rescinded" && state.closure?._tag === "Rescinded"
    : state.phase === "terminated" && state.closure?._tag === "TerminatedForFalseCommitment"
}

/**
 * A grant on commitment never skips its verification unless the matter is exempt: the grant
 * schedules it (unless it was already confirmed before the decision); the case reaches `verified` (its final state) only with a confirmed verification,
 * and a concluded case whose verification was confirmed is `verified`, not `concluded`; a
 * "will meet by" commitment is confirmed only after its proof; an exempt matter records no
 * verification and never reaches `verified`.
 *
 * @category guards
 * @since 0.1.0
 */
export const verificationNeverSkipped = (state: State): boolean => {
  const commitment = state.commitment
  if (commitment === null) return state.phase !== "verified"
  const confirmed = commitmentConfirmed(state)
  if (commitment.verification._tag === "Exempt") {
    return commitment.verifications.length === 0 && commitment.verificationDueOn === null && state.phase !== "verified"
  }
  if (state.decision?._tag === "Granted" && commitment.verificationDueOn === null && !confirmed) return false
  if (confirmed && commitment.businessLicence?.variant === "willMeetBy" && commitment.proof === null) return false
  if (state.phase === "verified") return confirmed
  if (state.phase === "concluded") return !confirmed
  return true
}

/**
 * Every invariant over a single state, by name.
 *
 * @category models
 * @since 0.1.0
 */
export const stateInvariants: ReadonlyArray<readonly [name: string, holds: (state: State) => boolean]> = [
  ["noDecisionBeforeAcceptance", noDecisionBeforeAcceptance],
  ["noCertificateWithoutGrant", noCertificateWithoutGrant],
  ["coreMaterialNeverDeferred", coreMaterialNeverDeferred],
  ["onlyDeferrableMaterialsDeferred", onlyDeferrableMaterialsDeferred],
  ["oneTimeNoticeListsEveryMissing", oneTimeNoticeListsEveryMissing],
  ["laterRequestsWithinNotice", laterRequestsWithinNotice],
  ["supplementDeadlineWithinPromised", supplementDeadlineWithinPromised],
  ["specialProceduresAllowed", specialProceduresAllowed],
  ["clockPausedOnlyForCause", clockPausedOnlyForCause],
  ["phaseMatchesRecord", phaseMatchesRecord],
  ["commitmentOnlyOnOfferingMatter", commitmentOnlyOnOfferingMatter],
  ["commitmentOnlyForEligibleApplicant", commitmentOnlyForEligibleApplicant],
  ["falseCommitmentEndsCase", falseCommitmentEndsCase],
  ["verificationNeverSkipped", verificationNeverSkipped],
  ["noGrantAfterFalseMaterials", noGrantAfterFalseMaterials],
]

// ---------------------------------------------------------------------------------------------
// Over one step
// ---------------------------------------------------------------------------------------------

/**
 * No certificate while deferred materials are outstanding, unless the matter allows the result
 * before supplement: judged on the state just before the certificate was issued.
 *
 * @category guards
 * @since 0.1.0
 */
export const noCertificateWhileDeferredOutstanding = (before: State, after: State): boolean =>
  !(before.certificate === null && after.certificate !== null) || resultMayBeIssued(before)

/**
 * No grant while deferred materials are outstanding, unless the matter allows the result before
 * supplement.
 *
 * @category guards
 * @since 0.1.0
 */
export const noGrantWhileDeferredOutstanding = (before: State, after: State): boolean =>
  !(before.decision === null && after.decision?._tag === "Granted") || resultMayBeIssued(before)

/**
 * A step follows the transition table: the command is allowed in the phase before, and the phase
 * after is one the table lists for it. In particular a closed case accepts only the commands
 * allowed after its phase.
 *
 * @category guards
 * @since 0.1.0
 */
export const followsTransitionTable = (before: State, command: CommandTag, after: State): boolean =>
  isTransition(before.phase, command, after.phase)

/**
 * A closed case accepts only the commands the table allows after its phase.
 *
 * @example
 * ```ts
 * import { Application } from "@yiciban/core"
 *
 * // a concluded case still takes a rescission, never a grant
 * Application.closedCaseAcceptsOnlyAllowed("concluded", "RescindGrant") // true
 * Application.closedCaseAcceptsOnlyAllowed("concluded", "GrantApplication") // false
 * ```
 *
 * @category guards
 * @since 0.1.0
 */
export const closedCaseAcceptsOnlyAllowed = (phase: State["phase"], accepted: CommandTag): boolean =>
  !isClosed(phase) || commandsAllowedIn(phase).includes(accepted)

/**
 * Due dates never move earlier: the promised and statutory completion dates after a step are on
 * or after those before it (when both are known), and the dates fixed at acceptance never change.
 *
 * @category guards
 * @since 0.1.0
 */
export const dueDatesNeverMoveEarlier = (
  before: State,
  after: State,
  calendar: WorkCalendar.WorkCalendar = WorkCalendar.chinaMainland,
): boolean => {
  if (before.acceptance !== null && JSON.stringify(before.acceptance) !== JSON.stringify(after.acceptance)) {
    return false
  }
  if (before.clock === null || after.clock === null) return true
  const pairs = [
    [Clock.promisedDueDate(calendar, before.clock), Clock.promisedDueDate(calendar, after.clock)],
    [Clock.statutoryDueDate(calendar, before.clock), Clock.statutoryDueDate(calendar, after.clock)],
  ] as const
  return pairs.every(([was, is]) => {
    if (Result.isFailure(was) || Result.isFailure(is)) return true
    return was.success === undefined || is.success === undefined || is.success >= was.success
  })
}

// ---------------------------------------------------------------------------------------------
// Over the clock
// ---------------------------------------------------------------------------------------------

/**
 * Paused time never counts: the clock's elapsed working days on `on` equal the working days after
 * the acceptance date up to `on` that fall in no pause, counted day by day (a pause from `p` to `r`
 * holds the days in `(p, r]`; an open pause holds every day after `p`). True for a case without a
 * clock, and when the calendar does not cover the days.
 *
 * @category guards
 * @since 0.1.0
 */
export const pausedTimeNeverCounts = (
  state: State,
  on: CalendarDate.CalendarDate,
  calendar: WorkCalendar.WorkCalendar = WorkCalendar.chinaMainland,
): boolean => {
  const clock = state.clock
  if (clock === null) return true
  const elapsed = Clock.elapsedWorkingDays(calendar, clock, on)
  if (Result.isFailure(elapsed)) return true
  let counted = 0
  for (let day = CalendarDate.addDays(clock.startedOn, 1); day <= on; day = CalendarDate.addDays(day, 1)) {
    const working = WorkCalendar.isWorkingDay(calendar, day)
    if (Result.isFailure(working)) return true
    const paused = clock.pauses.some((p) => p.pausedOn < day && (p.resumedOn === undefined || day <= p.resumedOn))
    if (working.success && !paused) counted += 1
  }
  return counted === elapsed.success
}

// ---------------------------------------------------------------------------------------------
// Over the event stream
// ---------------------------------------------------------------------------------------------

const deepEqual = (a: unknown, b: unknown): boolean => {
  if (a === b) return true
  if (typeof a !== "object" || typeof b !== "object" || a === null || b === null) return false
  if (Array.isArray(a) !== Array.isArray(b)) return false
  const keysA = Object.keys(a).filter((k) => (a as Record<string, unknown>)[k] !== undefined)
  const keysB = Object.keys(b).filter((k) => (b as Record<string, unknown>)[k] !== undefined)
  return (
    keysA.length === keysB.length &&
    keysA.every((k) => deepEqual((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k]))
  )
}

const encodeEvents = Schema.encodeResult(Schema.Array(Event))
const decodeEvents = Schema.decodeUnknownResult(Schema.Array(Event))

/**
 * Replay is deterministic: folding the events twice gives equal states, and so does folding them
 * after a round trip through their stored (encoded JSON) form. False when an event does not
 * survive the round trip.
 *
 * @category guards
 * @since 0.1.0
 */
export const replayIsDeterministic = (events: ReadonlyArray<Event>): boolean => {
  const decider = { initialState, evolve }
  const once = fold(decider, events)
  const twice = fold(decider, events)
  const encoded = encodeEvents(events)
  if (Result.isFailure(encoded)) return false
  const decoded = decodeEvents(JSON.parse(JSON.stringify(encoded.success)))
  if (Result.isFailure(decoded)) return false
  return deepEqual(once, twice) && deepEqual(once, fold(decider, decoded.success))
}

const isFalseFinding = (event: Event): boolean =>
  event._tag === "CommitmentVerified" && event.outcome._tag === "FalseCommitment"

/**
 * A false commitment is recorded once and ends the case: a stream holds at most one verification
 * that found the commitment false; it is followed at once by exactly one `FalseCommitmentFound` —
 * naming the applicant, this case and matter, the kind for the matter and the entry id
 * `CreditRecord.entryIdFor` gives — and by the rescission or termination, and nothing follows.
 * A stream with no such finding holds no `FalseCommitmentFound`.
 *
 * @category guards
 * @since 0.1.0
 */
export const falseCommitmentRecordedOnce = (events: ReadonlyArray<Event>): boolean => {
  const findings = events.flatMap((event, index) => (isFalseFinding(event) ? [index] : []))
  const found = events.filter((event) => event._tag === "FalseCommitmentFound")
  if (findings.length === 0) return found.length === 0
  if (findings.length !== 1 || found.length !== 1) return false
  const at = findings[0]!
  const entry = events[at + 1]
  const closing = events[at + 2]
  if (entry?._tag !== "FalseCommitmentFound" || events.length !== at + 3) return false
  if (closing?._tag !== "GrantRescinded" && closing?._tag !== "ApplicationTerminatedForFalseCommitment") return false
  const before = fold({ initialState, evolve }, events.slice(0, at))
  if (before.applicant === null || before.matter === null) return false
  return (
    sameSubject(entry.subject, creditSubjectOf(before.applicant)) &&
    entry.source.caseNo === before.caseNo &&
    entry.source.matterCode === before.matter.implementationCode &&
    entry.kind === creditKindFor(before.matter) &&
    entry.entryId === entryIdFor(entry.source, entry.kind)
  )
}
