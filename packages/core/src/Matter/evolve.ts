/**
 * `evolve` for the `Matter` aggregate: the only place the state changes.
 *
 * @since 0.1.0
 */
import { castDraft, produce } from "immer"
import type { MatterElements, PublishedMatter } from "../PublishedMatter.ts"
import type { Event } from "./Events.ts"
import type { State } from "./State.ts"

/**
 * The elements of a published version, without its codes, number and instant.
 *
 * @category combinators
 * @since 0.1.0
 */
export const elementsOf = (published: PublishedMatter): MatterElements => {
  const { implementationCode: _code, baseCode: _base, version: _version, publishedAt: _at, ...elements } = published
  return elements
}

/**
 * Applies one event to a matter's state.
 *
 * @category combinators
 * @since 0.1.0
 */
export const evolve = (state: State, event: Event): State =>
  produce(state, (draft) => {
    switch (event._tag) {
      case "MatterDrafted":
        draft.implementationCode = event.implementationCode
        draft.baseCode = event.baseCode
        draft.phase = "drafted"
        draft.draft = castDraft(event.elements)
        return
      case "DraftRevised":
        draft.draft = castDraft(event.elements)
        return
      case "MatterPublished":
        draft.versions.push(
          castDraft({
            implementationCode: state.implementationCode,
            baseCode: state.baseCode,
            version: event.version,
            publishedAt: event.publishedAt,
            ...event.elements,
          }),
        )
        draft.draft = null
        if (draft.phase === "drafted") draft.phase = "published"
        return
      case "RevisionOpened": {
        const base = state.versions[event.basedOnVersion - 1]
        draft.draft = base === undefined ? null : castDraft(elementsOf(base))
        return
      }
      case "MatterSuspended":
        draft.phase = "suspended"
        return
      case "MatterResumed":
        draft.phase = "published"
        return
      case "MatterAbolished":
        draft.phase = "abolished"
        draft.draft = null
        return
      case "MatterDelegated": {
        const delegation = {
          kind: event.kind,
          from: event.from,
          to: event.to,
          effectiveFrom: event.effectiveFrom,
          basis: event.basis,
        }
        const at = draft.delegations.findIndex((existing) => existing.effectiveFrom > event.effectiveFrom)
        if (at === -1) draft.delegations.push(castDraft(delegation))
        else draft.delegations.splice(at, 0, castDraft(delegation))
        return
      }
    }
  })
