/**
 * `evolve` for the `ServiceBundle` aggregate: the only place the state changes.
 *
 * @since 0.1.0
 */
import { castDraft, produce } from "immer"
import type { Event } from "./Events.ts"
import type { BundleElements, PublishedBundle, State } from "./State.ts"

/**
 * The elements of a published bundle version, without its id, number, instant and notice.
 *
 * @category combinators
 * @since 0.1.0
 */
export const elementsOf = (published: PublishedBundle): BundleElements => {
  const { bundleId: _id, version: _version, publishedAt: _at, notice: _notice, ...elements } = published
  return elements
}

/**
 * Applies one event to a bundle's state.
 *
 * @category combinators
 * @since 0.1.0
 */
export const evolve = (state: State, event: Event): State =>
  produce(state, (draft) => {
    switch (event._tag) {
      case "BundleDrafted":
        draft.bundleId = event.bundleId
        draft.phase = "drafted"
        draft.draft = castDraft(event.elements)
        return
      case "BundleDraftRevised":
        draft.draft = castDraft(event.elements)
        return
      case "BundlePublished":
        draft.versions.push(
          castDraft({
            bundleId: state.bundleId,
            version: event.version,
            publishedAt: event.publishedAt,
            ...event.elements,
            notice: event.notice,
          }),
        )
        draft.draft = null
        if (draft.phase === "drafted") draft.phase = "published"
        return
      case "BundleRevisionOpened": {
        const base = state.versions[event.basedOnVersion - 1]
        draft.draft = base === undefined ? null : castDraft(elementsOf(base))
        return
      }
      case "BundleSuspended":
        draft.phase = "suspended"
        return
      case "BundleResumed":
        draft.phase = "published"
        return
      case "BundleAbolished":
        draft.phase = "abolished"
        draft.draft = null
        return
    }
  })
