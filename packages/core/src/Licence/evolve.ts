/**
 * `evolve` for the `Licence` aggregate: the only place the state changes.
 *
 * @since 0.2.0
 */
import { castDraft, produce } from "immer"
import * as CalendarDate from "../CalendarDate.ts"
import type { Event } from "./Events.ts"
import type { State } from "./State.ts"

/**
 * Applies one event to a licence.
 *
 * @category combinators
 * @since 0.2.0
 */
export const evolve = (state: State, event: Event): State =>
  produce(state, (draft) => {
    switch (event._tag) {
      case "LicenceIssued": {
        const { grant } = event
        draft.licenceId = event.licenceId
        draft.phase = "issued"
        draft.licenceNo = grant.licenceNo
        draft.holder = castDraft(grant.holder)
        draft.matter = castDraft(grant.matter)
        draft.authority = castDraft(grant.authority)
        draft.scope = grant.scope
        draft.electronicLicence = grant.electronicLicence === undefined ? null : castDraft(grant.electronicLicence)
        draft.decidedOn = grant.decidedOn
        draft.terms = [castDraft(event.term)]
        draft.cases = [{ caseNo: grant.caseNo, purpose: "issue" }]
        return
      }
      case "RenewalApplied":
        draft.pendingRenewal = {
          appliedOn: event.appliedOn,
          appliedBy: event.appliedBy,
          ...(event.caseNo !== undefined ? { caseNo: event.caseNo } : {}),
        }
        if (event.caseNo !== undefined) draft.cases.push({ caseNo: event.caseNo, purpose: "renewal" })
        return
      case "LicenceRenewed":
        draft.terms.push(castDraft(event.term))
        draft.pendingRenewal = null
        return
      case "RenewalRefused":
        draft.pendingRenewal = null
        return
      case "ChangeRequested":
        draft.pendingChange = castDraft({
          requestedOn: event.requestedOn,
          alteration: event.alteration,
          reason: event.reason,
          requestedBy: event.requestedBy,
          ...(event.caseNo !== undefined ? { caseNo: event.caseNo } : {}),
        })
        if (event.caseNo !== undefined) draft.cases.push({ caseNo: event.caseNo, purpose: "change" })
        return
      case "LicenceChanged":
        if (event.alteration.scope !== undefined) draft.scope = event.alteration.scope
        if (event.alteration.holderName !== undefined && draft.holder !== null) {
          draft.holder.name = event.alteration.holderName
        }
        draft.pendingChange = null
        return
      case "ChangeRefused":
        draft.pendingChange = null
        return
      case "LicenceSuspended":
        draft.suspensions.push({
          from: event.suspendedOn,
          reason: event.reason,
          legalBasis: event.legalBasis,
          by: event.suspendedBy,
          liftedOn: null,
        })
        return
      case "SuspensionLifted": {
        const open = draft.suspensions.find((s) => s.liftedOn === null)
        if (open !== undefined) open.liftedOn = event.liftedOn
        return
      }
      case "LicenceRevoked":
        draft.phase = "revoked"
        draft.revocation = castDraft({
          on: event.revokedOn,
          basis: event.basis,
          reasons: event.reasons,
          publicInterest: event.publicInterest,
          by: event.revokedBy,
        })
        draft.pendingRenewal = null
        draft.pendingChange = null
        return
      case "RevocationWithheld":
        draft.withheldRevocations.push(
          castDraft({
            on: event.withheldOn,
            basis: event.basis,
            reasons: event.reasons,
            publicInterest: event.publicInterest,
            by: event.decidedBy,
          }),
        )
        return
      case "LicenceDeregistered":
        draft.phase = "deregistered"
        draft.deregistration = {
          on: event.deregisteredOn,
          ground: event.ground,
          reasons: event.reasons,
          by: event.deregisteredBy,
        }
        draft.pendingRenewal = null
        draft.pendingChange = null
        return
      case "LicenceExpired":
        draft.phase = "expired"
        draft.expiredOn = CalendarDate.addDays(event.lastDay, 1)
        return
      default: {
        const unhandled: never = event
        return unhandled
      }
    }
  })
