/**
 * `evolve` for the `CreditRecord` aggregate: the only place the state changes.
 *
 * @since 0.1.0
 */
import { castDraft, produce } from "immer"
import type { Event } from "./Events.ts"
import type { State } from "./State.ts"

/**
 * Applies one event to a credit record. An event about an entry the record does not hold changes
 * nothing.
 *
 * @category combinators
 * @since 0.1.0
 */
export const evolve = (state: State, event: Event): State =>
  produce(state, (draft) => {
    switch (event._tag) {
      case "CreditEntryRecorded":
        if (draft.subject === null) draft.subject = castDraft(event.subject)
        draft.entries.push(
          castDraft({
            id: event.entryId,
            kind: event.kind,
            source: event.source,
            reason: event.reason,
            effectiveOn: event.effectiveOn,
            expiresOn: event.expiresOn,
            recordedBy: event.recordedBy,
            repair: null,
            revocation: null,
          }),
        )
        return
      case "CreditEntryRepaired": {
        const entry = draft.entries.find((candidate) => candidate.id === event.entryId)
        if (entry !== undefined) {
          entry.repair = { reason: event.reason, repairedOn: event.repairedOn, repairedBy: event.repairedBy }
        }
        return
      }
      case "CreditEntryRevoked": {
        const entry = draft.entries.find((candidate) => candidate.id === event.entryId)
        if (entry !== undefined) {
          entry.revocation = { reason: event.reason, revokedOn: event.revokedOn, revokedBy: event.revokedBy }
        }
        return
      }
      case "StatutoryBarRecorded":
        if (draft.subject === null) draft.subject = castDraft(event.subject)
        draft.bars.push(
          castDraft({
            id: event.barId,
            article: event.article,
            baseCode: event.baseCode,
            source: event.source,
            reason: event.reason,
            effectiveOn: event.effectiveOn,
            endsOn: event.endsOn,
            recordedBy: event.recordedBy,
            annulment: null,
          }),
        )
        return
      case "StatutoryBarAnnulled": {
        const bar = draft.bars.find((candidate) => candidate.id === event.barId)
        if (bar !== undefined) {
          bar.annulment = { reason: event.reason, annulledOn: event.annulledOn, annulledBy: event.annulledBy }
        }
        return
      }
      default: {
        const unhandled: never = event
        return unhandled
      }
    }
  })
