/**
 * `evolve` for the `BundleApplication` aggregate: total and exhaustive.
 *
 * @since 0.3.0
 */
import type { Event } from "./Events.ts"
import type { State } from "./State.ts"

/**
 * The state after one event.
 *
 * @category combinators
 * @since 0.3.0
 */
export const evolve = (state: State, event: Event): State => {
  switch (event._tag) {
    case "BundleApplicationSubmitted":
      return {
        ...state,
        caseNo: event.caseNo,
        phase: "submitted",
        applicant: event.applicant,
        bundle: event.bundle,
        receivedOn: event.receivedOn,
        handedOver: event.materials,
        licencesReliedOn: event.licencesReliedOn ?? [],
        sharedDataReliedOn: event.sharedDataReliedOn ?? [],
        delegations: event.delegations ?? [],
      }
    case "CorrectionProposed":
      return {
        ...state,
        proposals: [
          ...state.proposals.filter((p) => p.implementationCode !== event.proposal.implementationCode),
          event.proposal,
        ],
      }
    case "CombinedNoticeIssued":
      return { ...state, phase: "correctionRequested", notice: { issuedOn: event.issuedOn, items: event.items } }
    case "CombinedNoticeAnswered": {
      const codes = new Set(event.materials.map((m) => m.code))
      return {
        ...state,
        phase: "corrected",
        answeredOn: event.answeredOn,
        resupplied: event.materials.map((m) => m.code),
        handedOver: [...state.handedOver.filter((m) => !codes.has(m.code)), ...event.materials],
      }
    }
    case "BundleAccepted":
      return { ...state, phase: "accepted", acceptedBy: event.acceptedBy, children: event.children, clock: event.clock }
    case "BundleDeclined":
      return { ...state, phase: "declined" }
    case "ChildConcluded":
      return {
        ...state,
        children: state.children.map((c) => (c.caseNo === event.childCaseNo ? { ...c, outcome: event.outcome } : c)),
      }
    case "BundleConcluded":
      return { ...state, phase: "concluded", concludedOn: event.concludedOn }
    case "JointLimitExtended":
      return state.clock === null
        ? state
        : {
            ...state,
            clock: {
              ...state.clock,
              extension: {
                workingDays: event.workingDays,
                approvedBy: event.approvedBy,
                reason: event.reason,
                on: event.on,
              },
              dueOn: event.dueOn,
            },
          }
    case "BundleSupplemented": {
      const codes = new Set(event.materials.map((m) => m.code))
      return {
        ...state,
        handedOver: [...state.handedOver.filter((m) => !codes.has(m.code)), ...event.materials],
        supplied: [
          ...state.supplied,
          ...event.forwards.map((f) => ({ childCaseNo: f.childCaseNo, codes: f.materials.map((m) => m.code) })),
        ],
      }
    }
    case "UnifiedDelivery":
      return { ...state, phase: "delivered", deliveredOn: event.deliveredOn }
    default: {
      const unreachable: never = event
      return unreachable
    }
  }
}
