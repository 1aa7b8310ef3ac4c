/**
 * `evolve` for the `Rating` aggregate: the only place the state changes.
 *
 * @since 0.3.0
 */
import { castDraft, produce } from "immer"
import type { Event } from "./Events.ts"
import type { State } from "./State.ts"

/**
 * Applies one event to a rating.
 *
 * @category combinators
 * @since 0.3.0
 */
export const evolve = (state: State, event: Event): State =>
  produce(state, (draft) => {
    switch (event._tag) {
      case "RatingOpened":
        draft.ratingId = event.ratingId
        draft.phase = "invited"
        draft.ratedCase = castDraft(event.ratedCase)
        draft.rater = castDraft(event.rater)
        draft.openedOn = event.openedOn
        draft.defaultOn = event.defaultOn
        return
      case "RatingGiven":
        draft.given = castDraft(event.given)
        if (event.handleBy === null) {
          draft.phase = "rated"
          return
        }
        draft.phase = "reported"
        draft.negative = {
          handleBy: event.handleBy,
          verification: null,
          handling: null,
          callback: null,
          closedOn: null,
          appeals: [],
        }
        return
      case "NegativeVerified":
        draft.phase = "verified"
        if (draft.negative !== null)
          draft.negative.verification = { findings: event.findings, on: event.on, by: event.by }
        return
      case "RectifiedAtOnce":
        draft.phase = "awaitingCallback"
        if (draft.negative !== null)
          draft.negative.handling = { _tag: "RectifiedAtOnce", measures: event.measures, on: event.on }
        return
      case "RectificationOrdered":
        draft.phase = "rectifying"
        if (draft.negative !== null) {
          draft.negative.handling = {
            _tag: "RectifyByDeadline",
            measures: event.measures,
            on: event.on,
            rectifyBy: event.rectifyBy,
            doneOn: null,
          }
        }
        return
      case "RectificationCompleted":
        draft.phase = "awaitingCallback"
        if (draft.negative?.handling?._tag === "RectifyByDeadline") draft.negative.handling.doneOn = event.on
        return
      case "NegativeExplained":
        draft.phase = "awaitingCallback"
        if (draft.negative !== null)
          draft.negative.handling = { _tag: "Explained", explanation: event.explanation, on: event.on }
        return
      case "CallbackRecorded":
        draft.phase = "closed"
        if (draft.negative !== null) {
          draft.negative.callback = {
            on: event.on,
            reached: event.reached,
            satisfied: event.satisfied,
            notes: event.notes,
          }
          draft.negative.closedOn = event.on
        }
        return
      case "AppealFiled":
        if (draft.negative !== null) {
          draft.negative.appeals.push({
            ground: event.ground,
            reasons: event.reasons,
            filedOn: event.on,
            resumeAt: draft.phase,
            decision: null,
          })
        }
        draft.phase = "appealed"
        return
      case "AppealDecided": {
        const appeal = draft.negative?.appeals.find((a) => a.decision === null)
        if (appeal === undefined) return
        appeal.decision = { upheld: event.upheld, reasons: event.reasons, on: event.on, by: event.by }
        draft.phase = event.upheld ? "excluded" : appeal.resumeAt
        return
      }
      default: {
        const unhandled: never = event
        return unhandled
      }
    }
  })
