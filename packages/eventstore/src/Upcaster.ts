/**
 * Upcasters turn the data of an old event schema version into the next version, on read. A
 * registry maps an event type and a version to the function that lifts data from that version to
 * the next; reading applies the chain v1 → v2 → v3 … for as long as the registry has a step, so a
 * stored event always reaches the newest version its type has an upcaster chain for. Stored data
 * is never rewritten.
 *
 * Upcasters must be pure and total on the data they are registered for; one that throws is a bug
 * and surfaces as a defect of the read.
 *
 * @since 0.1.0
 */
import type { Schema } from "effect"
import type { RecordedEvent } from "./EventEnvelope.ts"

/**
 * Lifts data from one schema version to the next.
 *
 * @category models
 * @since 0.1.0
 */
export type Upcast = (data: Schema.Json) => Schema.Json

/**
 * The registry: `{ [eventType]: { [fromVersion]: upcast } }`, where `upcasters[type][n]` turns
 * version-`n` data into version-`n + 1` data.
 *
 * @example
 * ```ts
 * import type { Upcaster } from "@yiciban/eventstore"
 *
 * const upcasters: Upcaster.Upcasters = {
 *   ApplicationSubmitted: {
 *     // v1 had `name`; v2 splits it
 *     1: (data) => ({ ...(data as object), applicant: { name: (data as { name: string }).name } }),
 *     // v3 adds a channel, defaulting old events to the service hall
 *     2: (data) => ({ ...(data as object), channel: "hall" }),
 *   },
 * }
 * ```
 *
 * @category models
 * @since 0.1.0
 */
export interface Upcasters {
  readonly [eventType: string]: { readonly [fromVersion: number]: Upcast }
}

/**
 * The empty registry: events are read as stored.
 *
 * @category constructors
 * @since 0.1.0
 */
export const none: Upcasters = {}

/**
 * Lifts `data` of `type` from `schemaVersion` as far as the registry's chain goes.
 *
 * @category combinators
 * @since 0.1.0
 */
export const upcastData = (
  upcasters: Upcasters,
  type: string,
  schemaVersion: number,
  data: Schema.Json,
): { readonly schemaVersion: number; readonly data: Schema.Json } => {
  if (!Object.hasOwn(upcasters, type)) return { schemaVersion, data }
  const steps = upcasters[type]!
  let version = schemaVersion
  let current = data
  while (Object.hasOwn(steps, version)) {
    current = steps[version]!(current)
    version++
  }
  return { schemaVersion: version, data: current }
}

/**
 * Applies the registry to a recorded event; returns the same object when no step applies.
 * Every adapter calls this on every event it reads.
 *
 * @example
 * ```ts
 * import { Upcaster } from "@yiciban/eventstore"
 *
 * declare const stored: import("@yiciban/eventstore").EventEnvelope.RecordedEvent
 * const latest = Upcaster.upcast({ Renamed: { 1: (d) => d, 2: (d) => d } }, stored)
 * ```
 *
 * @category combinators
 * @since 0.1.0
 */
export const upcast = (upcasters: Upcasters, event: RecordedEvent): RecordedEvent => {
  const lifted = upcastData(upcasters, event.type, event.schemaVersion, event.data)
  return lifted.schemaVersion === event.schemaVersion
    ? event
    : { ...event, schemaVersion: lifted.schemaVersion, data: lifted.data }
}
