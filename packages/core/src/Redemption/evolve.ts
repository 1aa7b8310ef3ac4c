/**
 * `evolve` for the `Redemption` aggregate: the only place the ledger changes.
 *
 * @since 0.3.0
 */
import { castDraft, produce } from "immer"
import type { Event } from "./Events.ts"
import type { State } from "./State.ts"

/**
 * Applies one event to the ledger.
 *
 * @category combinators
 * @since 0.3.0
 */
export const evolve = (state: State, event: Event): State =>
  produce(state, (draft) => {
    draft.policyId = event.policyId
    const award = draft.awards[event.subjectCode]
    switch (event._tag) {
      case "RedemptionApplied":
      case "EntitlementOffered": {
        const applied = event._tag === "RedemptionApplied"
        draft.policy = castDraft(event.policy)
        draft.awards[event.subjectCode] = castDraft({
          subjectCode: event.subjectCode,
          subjectName: event.subjectName,
          status: applied ? "applied" : "offered",
          via: applied ? "application" : "offer",
          policyVersion: event.policy.version,
          facts: event.facts,
          reliedOn: event.reliedOn,
          baseFen: applied ? event.baseFen : null,
          amountFen: null,
          reviews: [],
          payee: null,
          repaymentDueFen: 0,
          repaid: false,
        })
        return
      }
      case "RedemptionAccepted":
        if (award !== undefined) award.status = "accepted"
        return
      case "JointReviewRecorded":
        award?.reviews.push({
          department: event.department,
          agrees: event.agrees,
          reasons: event.reasons,
          on: event.reviewedOn,
          by: event.reviewedBy,
        })
        return
      case "RedemptionApproved":
        if (award === undefined) return
        award.status = "approved"
        award.amountFen = event.amountFen
        draft.committedFen += event.amountFen
        draft.budgetFen = event.budgetFen
        return
      case "RedemptionRefused":
        if (award !== undefined) award.status = "refused"
        return
      case "EntitlementDeclined":
        if (award !== undefined) award.status = "declined"
        return
      case "RedemptionDisbursed":
        if (award === undefined) return
        award.status = "disbursed"
        award.payee = castDraft(event.payee)
        draft.disbursedFen += event.amountFen
        return
      case "AwardRescinded":
        if (award === undefined) return
        award.status = "rescinded"
        award.repaymentDueFen = event.repaymentDueFen
        draft.committedFen -= event.returnedFen
        return
      case "RepaymentRecorded":
        if (award === undefined) return
        award.repaid = true
        draft.repaidFen += event.amountFen
        return
      default: {
        const unhandled: never = event
        return unhandled
      }
    }
  })
