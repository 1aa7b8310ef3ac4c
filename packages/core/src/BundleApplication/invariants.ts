/**
 * The named invariants of the `BundleApplication` aggregate, over a state and over an event
 * sequence, used by `decide`, the property tests and the docs.
 *
 * @since 0.3.0
 */
import { extensionCap, jointLimitCap } from "../ServiceBundle/State.ts"
import type { Event } from "./Events.ts"
import { evolve } from "./evolve.ts"
import { everyChildConcluded, heldCodes, memberOf } from "./queries.ts"
import { type Child, type ChildOutcome, initialState, type State } from "./State.ts"

/**
 * A bundle is concluded (or delivered) if and only if every child has concluded.
 *
 * @category guards
 * @since 0.3.0
 */
export const concludedIffEveryChildConcluded = (state: State): boolean =>
  (state.phase === "concluded" || state.phase === "delivered") === everyChildConcluded(state)

/**
 * The joint limit never exceeds the law's: at most 45 working days, plus at most 15 with the
 * approval of the lead department's head (ALL Arts 26, 42).
 *
 * @category guards
 * @since 0.3.0
 */
export const jointLimitWithinLaw = (state: Pick<State, "clock">): boolean =>
  state.clock === null ||
  (state.clock.limitWorkingDays <= jointLimitCap &&
    (state.clock.extension === null || state.clock.extension.workingDays <= extensionCap))

/**
 * A child's decision (grant, denial, declined acceptance) is recorded only as made by the authority
 * that judges the child; withdrawals and outcomes by law name no authority or that one.
 *
 * @category guards
 * @since 0.3.0
 */
export const decisionByOwnAuthority = (child: Child, outcome: ChildOutcome): boolean =>
  outcome.decidedBy === child.authority.creditCode ||
  (outcome.decidedBy === null && ["withdrawn", "terminated", "lapsed"].includes(outcome.result))

/**
 * Every recorded child outcome names the child's own authority.
 *
 * @category guards
 * @since 0.3.0
 */
export const childrenDecidedByOwnAuthority = (state: State): boolean =>
  state.children.every((child) => child.outcome === null || decisionByOwnAuthority(child, child.outcome))

/**
 * Every child was handed every material of its member that the applicant handed over to the
 * bundle: no department needs to ask for it again.
 *
 * @category guards
 * @since 0.3.0
 */
export const childrenHoldWhatWasHandedOver = (state: State): boolean => {
  const held = heldCodes(state)
  return state.children.every((child) => {
    const member = memberOf(state, child.implementationCode)
    const given = new Set(child.materials.map((m) => m.code))
    return member?.materials.every((r) => !held.has(r.code) || given.has(r.code)) === true
  })
}

/**
 * One child per member, in the members' order, each for its own member's authority.
 *
 * @category guards
 * @since 0.3.0
 */
export const oneChildPerMember = (state: State): boolean =>
  state.children.length === 0 ||
  (state.bundle !== null &&
    state.children.length === state.bundle.members.length &&
    state.children.every(
      (child, i) =>
        child.implementationCode === state.bundle!.members[i]!.implementationCode &&
        child.authority.creditCode === state.bundle!.members[i]!.implementingAuthority.creditCode,
    ))

/**
 * Every invariant over a single state, by name.
 *
 * @category models
 * @since 0.3.0
 */
export const stateInvariants: ReadonlyArray<readonly [name: string, holds: (state: State) => boolean]> = [
  ["concludedIffEveryChildConcluded", concludedIffEveryChildConcluded],
  ["jointLimitWithinLaw", jointLimitWithinLaw],
  ["childrenDecidedByOwnAuthority", childrenDecidedByOwnAuthority],
  ["childrenHoldWhatWasHandedOver", childrenHoldWhatWasHandedOver],
  ["oneChildPerMember", oneChildPerMember],
]

/**
 * Over a case's events: a material handed over once is never asked for again (no correction
 * proposal or combined notice says "missing" for a material the case held at that moment), and
 * there is at most one combined notice and one answer (一次告知, answered once).
 *
 * @category guards
 * @since 0.3.0
 */
export const neverAskedAgain = (events: ReadonlyArray<Event>): boolean => {
  let state = initialState
  let notices = 0
  let answers = 0
  for (const event of events) {
    const held = heldCodes(state)
    if (event._tag === "CorrectionProposed") {
      if (event.proposal.items.some((i) => i.problem === "missing" && held.has(i.code))) return false
    }
    if (event._tag === "CombinedNoticeIssued") {
      notices++
      if (event.items.some((i) => i.problem === "missing" && held.has(i.code))) return false
    }
    if (event._tag === "CombinedNoticeAnswered") answers++
    state = evolve(state, event)
  }
  return notices <= 1 && answers <= 1
}
