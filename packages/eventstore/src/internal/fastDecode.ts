/**
 * Structural checks for the common, valid shape of an append's input, several times cheaper than
 * running the schemas. They only ever accept a subset of what the schemas accept and build the
 * same value the schema decoder would (fields in schema order, unknown keys dropped); anything
 * else answers `undefined` and the caller runs the schema, which gives the exact error (or the
 * value, when these checks were merely stricter). A test compares both on generated input.
 */
import type { ActorRef, EventMetadata, NewEvent } from "../EventEnvelope.ts"
import type { ExpectedVersion } from "../ExpectedVersion.ts"
import { isUtcInstant } from "./instant.ts"

const eventIdPattern = /^[0-9a-f]{8}-[0-9a-f]{4}-[1-8][0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/
const eventTypePattern = /^[A-Za-z][A-Za-z0-9_.:-]{0,127}$/

/** Deeper (or cyclic) values are left to the schema. */
const maxDepth = 64

const isPlainObject = (u: unknown): u is Record<string, unknown> =>
  typeof u === "object" && u !== null && Object.getPrototypeOf(u) === Object.prototype

/** `Schema.Json`: null, strings, booleans, finite numbers, arrays and plain objects of them. */
export const isJson = (u: unknown, depth = 0): boolean => {
  switch (typeof u) {
    case "string":
    case "boolean":
      return true
    case "number":
      return Number.isFinite(u)
    case "object": {
      if (u === null) return true
      if (depth >= maxDepth) return false
      if (Array.isArray(u)) {
        for (let i = 0; i < u.length; i++) if (!isJson(u[i], depth + 1)) return false
        return true
      }
      const prototype = Object.getPrototypeOf(u)
      if (prototype !== Object.prototype && prototype !== null) return false
      const keys = Object.keys(u)
      for (let i = 0; i < keys.length; i++) {
        if (!isJson((u as Record<string, unknown>)[keys[i]!], depth + 1)) return false
      }
      return true
    }
    default:
      return false
  }
}

/** What {@link frozenJson} answers for a value that is not JSON. */
export const notJson: unique symbol = Symbol("notJson")

/**
 * A deeply frozen copy of a `Schema.Json` value, made in the same walk that checks it (the values
 * {@link isJson} accepts, each read once), or {@link notJson}. The copy is what `JSON.parse` of its
 * `JSON.stringify` gives: plain objects and arrays, `-0` as `0`, an own `__proto__` key kept as an
 * own property.
 */
export const frozenJson = (u: unknown, depth = 0): unknown => {
  switch (typeof u) {
    case "string":
    case "boolean":
      return u
    case "number":
      // `u === 0` holds for -0 too: JSON has no negative zero.
      return Number.isFinite(u) ? (u === 0 ? 0 : u) : notJson
    case "object": {
      if (u === null) return null
      if (depth >= maxDepth) return notJson
      if (Array.isArray(u)) {
        const copy = new Array<unknown>(u.length)
        for (let i = 0; i < u.length; i++) {
          const item = frozenJson(u[i], depth + 1)
          if (item === notJson) return notJson
          copy[i] = item
        }
        return Object.freeze(copy)
      }
      const prototype = Object.getPrototypeOf(u)
      if (prototype !== Object.prototype && prototype !== null) return notJson
      const keys = Object.keys(u)
      const copy: Record<string, unknown> = {}
      for (let i = 0; i < keys.length; i++) {
        const key = keys[i]!
        const item = frozenJson((u as Record<string, unknown>)[key], depth + 1)
        if (item === notJson) return notJson
        if (key === "__proto__") Object.defineProperty(copy, key, { value: item, enumerable: true, writable: true })
        else copy[key] = item
      }
      return Object.freeze(copy)
    }
    default:
      return notJson
  }
}

const isId = (u: unknown): u is string => typeof u === "string" && u.length >= 1 && u.length <= 200

/** Decodes an {@link ActorRef} (an object with an `id`; its other fields JSON), or `undefined`. */
const actor = (u: unknown): ActorRef | undefined => {
  if (!isPlainObject(u) || !isId(u.id) || !isJson(u)) return undefined
  // The schema decoder builds a new object with `id` first; so does this.
  return { id: u.id, ...u } as ActorRef
}

/** {@link actor} as a deeply frozen copy (see {@link frozenJson}). */
const frozenActor = (u: unknown): ActorRef | undefined => {
  if (!isPlainObject(u)) return undefined
  const copy = frozenJson(u)
  if (copy === notJson) return undefined
  const fields = copy as Record<string, unknown>
  if (!isId(fields.id)) return undefined
  // `id` first, as the schema decoder builds it (a spread defines keys, `__proto__` included).
  return Object.freeze({ id: fields.id, ...fields }) as ActorRef
}

/** The last instant found valid: the events of one batch, and of one command, usually share it. */
let lastInstant: string | undefined

/**
 * Decodes the events of one batch, one after the other. Events of a batch usually share one
 * metadata object: when an event carries the very object the previous one did, its decoded
 * metadata is reused (the same value, which callers treat as immutable). `frozen`: each event's
 * data and metadata are deeply frozen copies made while they are checked (see {@link frozenJson}),
 * which no caller's object shares.
 */
export const makeEventDecoder = (frozen = false) => {
  const actorOf = frozen ? frozenActor : actor
  let lastInput: unknown
  let lastOutput: EventMetadata | undefined
  const metadata = (u: unknown): EventMetadata | undefined => {
    if (u === lastInput && lastOutput !== undefined) return lastOutput
    const decoded = decodeMetadata(u)
    lastInput = u
    lastOutput = decoded
    return decoded
  }
  const decodeMetadata = (u: unknown): EventMetadata | undefined => {
    if (!isPlainObject(u)) return undefined
    const { commandId, correlationId, causationId, occurredAt } = u
    if (!isId(commandId) || !isId(correlationId) || !isId(causationId) || typeof occurredAt !== "string") {
      return undefined
    }
    if (occurredAt !== lastInstant) {
      if (!isUtcInstant(occurredAt)) return undefined
      lastInstant = occurredAt
    }
    const by = actorOf(u.actor)
    if (by === undefined) return undefined
    const decoded = { commandId, correlationId, causationId, actor: by, occurredAt }
    return frozen ? Object.freeze(decoded) : decoded
  }
  return (u: unknown): NewEvent | undefined => {
    if (!isPlainObject(u)) return undefined
    const { eventId, type, schemaVersion, data } = u
    if (typeof eventId !== "string" || !eventIdPattern.test(eventId)) return undefined
    if (typeof type !== "string" || !eventTypePattern.test(type)) return undefined
    if (
      !Number.isSafeInteger(schemaVersion) ||
      (schemaVersion as number) < 1 ||
      (schemaVersion as number) > 2_147_483_647
    ) {
      return undefined
    }
    const value = frozen ? frozenJson(data) : isJson(data) ? data : notJson
    if (value === notJson) return undefined
    const meta = metadata(u.metadata)
    if (meta === undefined) return undefined
    return { eventId, type, schemaVersion: schemaVersion as number, data: value as NewEvent["data"], metadata: meta }
  }
}

/** Decodes an `ExpectedVersion`, or `undefined`. */
export const expectedVersion = (u: unknown): ExpectedVersion | undefined => {
  if (!isPlainObject(u)) return undefined
  switch (u._tag) {
    case "Any":
      return { _tag: "Any" }
    case "NoStream":
      return { _tag: "NoStream" }
    case "StreamExists":
      return { _tag: "StreamExists" }
    case "Exact":
      return Number.isSafeInteger(u.version) && (u.version as number) >= 0
        ? { _tag: "Exact", version: u.version as number }
        : undefined
  }
  return undefined
}
