/**
 * W1 port's floor (`bench/peer.ts`, contender `floor`): the least an in-memory store does per
 * command while keeping what Yiciban's port promises, written by hand in plain functions — no
 * Effect, no storage a test can reach into, nothing general. Per append: the envelope's checks
 * (a lowercase UUID, a type name, an integer schema version, metadata with its ids, the size
 * limit), the expected version, an index by event id (a re-append of the same ids is answered,
 * not written twice), a deeply frozen private copy of the data and metadata (checked as JSON while
 * copied, in one walk) and their JSON text, the stream's SHA-256 chain link (`EventChain.link`, one hash call), a global position
 * and the recorded instant. A read hands out the stored frozen events; it checks nothing, because
 * nothing outside this closure can change them (the port's memory store does check on read, its
 * storage being open to tests). What this costs is what the guarantees cost in memory: the
 * distance from it to the port is the port's own overhead, and from Emmett to it the guarantees'.
 * A benchmark's contender, not a store: it keeps no checkpoints, snapshots or global reads.
 *
 * `parts` takes guarantees away, to show what each costs (`peer.ts --floor-parts`): `"no link"`
 * keeps no chain; `"no copy, no link"` keeps the caller's objects as they are, unfrozen and
 * unchecked, and makes no JSON text, so the size limit goes unchecked too (Emmett's in-memory
 * store keeps none of these either).
 */
import { EventChain } from "@yiciban/eventstore"

const uuid = /^[0-9a-f]{8}-[0-9a-f]{4}-[1-8][0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/
const typeName = /^[A-Za-z][A-Za-z0-9_.:-]{0,127}$/
const maxEventSize = 1024 * 1024

export interface FloorEvent {
  readonly eventId: string
  readonly type: string
  readonly schemaVersion: number
  readonly data: unknown
  readonly metadata: { readonly commandId: string; readonly [key: string]: unknown }
}

export interface FloorRecorded extends FloorEvent {
  readonly stream: string
  readonly streamVersion: number
  readonly globalPosition: number
  readonly recordedAt: string
}

/** A deeply frozen copy of a JSON value, checked as it is copied (one walk, as the port's fast decoder). */
const frozenCopy = (value: unknown): unknown => {
  switch (typeof value) {
    case "string":
    case "boolean":
      return value
    case "number":
      if (!Number.isFinite(value)) throw new Error("not JSON: a non-finite number")
      return value
    case "object": {
      if (value === null) return null
      if (Array.isArray(value)) {
        const copy = new Array<unknown>(value.length)
        for (let i = 0; i < value.length; i++) copy[i] = frozenCopy(value[i])
        return Object.freeze(copy)
      }
      if (Object.getPrototypeOf(value) !== Object.prototype) throw new Error("not JSON: not a plain object")
      const copy: Record<string, unknown> = {}
      for (const key of Object.keys(value)) copy[key] = frozenCopy((value as Record<string, unknown>)[key])
      return Object.freeze(copy)
    }
    default:
      throw new Error(`not JSON: a ${typeof value}`)
  }
}

/** The guarantees a floor keeps: all of them, all but the chain, or none of the copy, JSON and chain. */
export type FloorParts = "all" | "no link" | "no copy, no link"

export const makeFloor = (parts: FloorParts = "all") => {
  const copy = parts !== "no copy, no link"
  const link = parts === "all"
  const streams = new Map<string, Array<FloorRecorded>>()
  const hashes = new Map<string, string>()
  const byId = new Map<string, FloorRecorded>()
  let position = 0
  return {
    readStream: (stream: string): ReadonlyArray<FloorRecorded> => streams.get(stream)?.slice() ?? [],
    /** Appends one event after `expected`; answers the stored event's version when its id is already stored. */
    append: (stream: string, event: FloorEvent, expected: number): number => {
      if (!uuid.test(event.eventId)) throw new Error("invalid event id")
      if (!typeName.test(event.type)) throw new Error("invalid type")
      if (!Number.isInteger(event.schemaVersion) || event.schemaVersion < 1) throw new Error("invalid schema version")
      if (typeof event.metadata !== "object" || typeof event.metadata.commandId !== "string") {
        throw new Error("invalid metadata")
      }
      const existing = byId.get(event.eventId)
      if (existing !== undefined) {
        if (existing.stream !== stream) throw new Error("duplicate event id")
        return existing.streamVersion
      }
      const events = streams.get(stream) ?? []
      const version = events.length === 0 ? 0 : events[events.length - 1]!.streamVersion
      if (version !== expected) throw new Error(`version conflict: at ${version}, expected ${expected}`)
      const dataCopy = copy ? frozenCopy(event.data) : event.data
      const metadataCopy = copy ? frozenCopy(event.metadata) : event.metadata
      const data = copy ? JSON.stringify(dataCopy) : ""
      const metadata = copy ? JSON.stringify(metadataCopy) : ""
      if (copy && Buffer.byteLength(data) + Buffer.byteLength(metadata) > maxEventSize) {
        throw new Error("event too large")
      }
      const recordedAt = new Date().toISOString()
      const recorded: FloorRecorded = Object.freeze({
        eventId: event.eventId,
        type: event.type,
        schemaVersion: event.schemaVersion,
        data: dataCopy,
        metadata: metadataCopy as FloorEvent["metadata"],
        stream,
        streamVersion: version + 1,
        globalPosition: ++position,
        recordedAt,
      })
      if (link) {
        const previous = events.length === 0 ? EventChain.genesis : hashes.get(events[events.length - 1]!.eventId)!
        hashes.set(
          event.eventId,
          EventChain.link(previous, {
            stream,
            streamVersion: version + 1,
            eventId: event.eventId,
            type: event.type,
            schemaVersion: event.schemaVersion,
            data,
            metadata,
            recordedAt,
          }),
        )
      }
      events.push(recorded)
      streams.set(stream, events)
      byId.set(event.eventId, recorded)
      return version + 1
    },
  }
}
