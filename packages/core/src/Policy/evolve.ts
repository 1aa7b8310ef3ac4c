/**
 * `evolve` for the `Policy` aggregate: the only place the state changes.
 *
 * @since 0.3.0
 */
import { castDraft, produce } from "immer"
import type { Event } from "./Events.ts"
import type { State } from "./State.ts"

/**
 * Applies one event to a policy.
 *
 * @category combinators
 * @since 0.3.0
 */
export const evolve = (state: State, event: Event): State =>
  produce(state, (draft) => {
    switch (event._tag) {
      case "PolicyDrafted":
        draft.policyId = event.policyId
        draft.draft = castDraft(event.terms)
        if (draft.phase === "new") draft.phase = "drafted"
        return
      case "PolicyPublished":
        draft.versions.push(castDraft({ version: event.version, terms: event.terms, publishedOn: event.publishedOn }))
        draft.draft = null
        if (draft.phase === "new" || draft.phase === "drafted") draft.phase = "published"
        return
      case "PolicySuspended":
        draft.phase = "suspended"
        draft.suspension = { since: event.suspendedOn, reason: event.reason }
        return
      case "PolicyResumed":
        draft.phase = "published"
        draft.suspension = null
        return
      case "PolicyExpired":
        draft.phase = "expired"
        draft.suspension = null
        draft.expiredOn = event.recordedOn
        return
      default: {
        const unhandled: never = event
        return unhandled
      }
    }
  })
