/**
 * The ordering invariants of an event store, as named predicates over a sequence of recorded
 * events. The conformance suite, the property tests and the docs use these same predicates.
 *
 * @since 0.1.0
 */
import type { RecordedEvent } from "./EventEnvelope.ts"

/**
 * The fields the predicates look at.
 *
 * @category models
 * @since 0.1.0
 */
export type Ordered = Pick<RecordedEvent, "eventId" | "stream" | "streamVersion" | "globalPosition">

/**
 * Global positions strictly increase along the sequence (as `readAll` returns them).
 *
 * @example
 * ```ts
 * import { EventOrder } from "@yiciban/eventstore"
 *
 * EventOrder.globalPositionsIncrease([
 *   { eventId: "a", stream: "s-1", streamVersion: 1, globalPosition: 1 },
 *   { eventId: "b", stream: "s-1", streamVersion: 2, globalPosition: 3 },
 * ]) // true
 * ```
 *
 * @category guards
 * @since 0.1.0
 */
export const globalPositionsIncrease = (events: ReadonlyArray<Ordered>): boolean =>
  events.every((event, i) => i === 0 || events[i - 1]!.globalPosition < event.globalPosition)

/**
 * Ordered by global position, every stream's events appear in increasing version order: the global
 * order keeps each stream's order.
 *
 * @category guards
 * @since 0.1.0
 */
export const globalOrderRespectsStreamOrder = (events: ReadonlyArray<Ordered>): boolean => {
  const sorted = [...events].sort((a, b) => a.globalPosition - b.globalPosition)
  const last = new Map<string, number>()
  for (const event of sorted) {
    const previous = last.get(event.stream)
    if (previous !== undefined && previous >= event.streamVersion) return false
    last.set(event.stream, event.streamVersion)
  }
  return true
}

/**
 * Every stream in the sequence has exactly the versions 1, 2, …, n, each once: no gap, no
 * duplicate version. Meant for sequences that hold whole streams (a full `readAll`, or a
 * `readStream` from version 1).
 *
 * @category guards
 * @since 0.1.0
 */
export const noGapsInStreamVersions = (events: ReadonlyArray<Ordered>): boolean => {
  const versions = new Map<string, Array<number>>()
  for (const event of events) {
    const list = versions.get(event.stream) ?? []
    list.push(event.streamVersion)
    versions.set(event.stream, list)
  }
  for (const list of versions.values()) {
    list.sort((a, b) => a - b)
    if (!list.every((version, i) => version === i + 1)) return false
  }
  return true
}

/**
 * No event id appears twice.
 *
 * @category guards
 * @since 0.1.0
 */
export const eventIdsUnique = (events: ReadonlyArray<Ordered>): boolean =>
  new Set(events.map((event) => event.eventId)).size === events.length

/**
 * All the ordering invariants at once: ids unique, global positions increasing, stream order kept
 * in global order, no gaps in stream versions.
 *
 * @category guards
 * @since 0.1.0
 */
export const isConsistent = (events: ReadonlyArray<Ordered>): boolean =>
  eventIdsUnique(events) &&
  globalPositionsIncrease(events) &&
  globalOrderRespectsStreamOrder(events) &&
  noGapsInStreamVersions(events)
