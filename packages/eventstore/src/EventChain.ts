/**
 * Tamper evidence: every stored event carries a hash that chains it to the event before it in its
 * stream, and anchors record stream heads so that a deleted tail shows.
 *
 * **The link.** `hash(v) = SHA-256(hash(v − 1) ‖ preimage(v))`, with `hash(0)` = 32 zero bytes
 * ({@link genesis}). The preimage is the UTF-8 of netstrings (`<byte length>:<text>,`) of, in order:
 * the stream, the version, the event id, the type, the schema version, the data and the metadata as
 * the store keeps them (JSON text; the adapter's serialization, never re-ordered), and the recorded
 * time as an ISO-8601 UTC instant with six fraction digits. Length prefixes make the encoding
 * unambiguous whatever the texts hold; the chain hashes the stored bytes and knows nothing of what
 * they mean (encrypted personal fields are hashed as stored).
 *
 * **Per stream.** One chain per stream: a global chain would serialise every append. A chain
 * proves the order and content of a stream's events up to its head; a head recorded elsewhere (an
 * anchor) proves the head itself.
 *
 * **A batch's link** (format 2): an adapter may link the events of one append of two or more at
 * once — every one of them stores `SHA-256(hash before the batch ‖ batchPreimage)` — and the event
 * after the batch links from that hash ({@link linkBatch}; the PostgreSQL adapter does, marking the
 * rows with their batch's first version). The in-memory store links every event alone.
 *
 * Adapters compute the link where they write (PostgreSQL in SQL, in the statement that reads the
 * previous event's hash with the stream's version); this module is the reference: the same bytes,
 * for the in-memory store and for anyone re-checking an export.
 *
 * @since 0.2.0
 */
import { createHash, hash } from "node:crypto"
import type { Duration } from "effect"
import * as Effect from "effect/Effect"
import * as Schema from "effect/Schema"
import type { RecordedEvent } from "./EventEnvelope.ts"
import { EventStore } from "./EventStore.ts"

/**
 * The hash before the first event of every stream: 32 zero bytes, as lowercase hex.
 *
 * @category constants
 * @since 0.2.0
 */
export const genesis: string = "0".repeat(64)

/**
 * What a link covers: the event as the store keeps it. `data` and `metadata` are the stored JSON
 * texts; `recordedAt` is an ISO-8601 UTC instant (see {@link canonicalInstant}).
 *
 * @category models
 * @since 0.2.0
 */
export interface Linked {
  readonly stream: string
  readonly streamVersion: number
  readonly eventId: string
  readonly type: string
  readonly schemaVersion: number
  readonly data: string
  readonly metadata: string
  readonly recordedAt: string
}

// The last instant made canonical, and its answer (see canonicalInstant).
let lastInstant: string | undefined
let lastCanonical = ""

/**
 * An instant with exactly six fraction digits (microseconds, PostgreSQL's precision):
 * `2026-09-24T01:30:00.120Z` → `2026-09-24T01:30:00.120000Z`.
 *
 * @category combinators
 * @since 0.2.0
 */
export const canonicalInstant = (instant: string): string => {
  // The events of a batch, and of a busy millisecond, share their instant: the last answer is kept.
  if (instant === lastInstant) return lastCanonical
  const match = /^(.*T\d{2}:\d{2}:\d{2})(?:\.(\d+))?Z$/.exec(instant)
  const canonical = match === null ? instant : `${match[1]}.${(match[2] ?? "").padEnd(6, "0").slice(0, 6)}Z`
  lastInstant = instant
  lastCanonical = canonical
  return canonical
}

const netstring = (text: string): string => `${Buffer.byteLength(text, "utf8")}:${text},`

/**
 * The preimage of a link, as text (hash its UTF-8 bytes).
 *
 * @category combinators
 * @since 0.2.0
 */
export const preimage = (event: Linked): string =>
  netstring(event.stream) +
  netstring(String(event.streamVersion)) +
  netstring(event.eventId) +
  netstring(event.type) +
  netstring(String(event.schemaVersion)) +
  netstring(event.data) +
  netstring(event.metadata) +
  netstring(canonicalInstant(event.recordedAt))

/** The buffer {@link link} hashes in: grown on demand up to `maxScratch` bytes, used synchronously. */
let linkScratch = Buffer.allocUnsafe(4096)
const maxScratch = 1 << 20

/**
 * The hash of `event` after `previous` (lowercase hex).
 *
 * @example
 * ```ts
 * import { EventChain } from "@yiciban/eventstore"
 *
 * const first = EventChain.link(EventChain.genesis, {
 *   stream: "application-1",
 *   streamVersion: 1,
 *   eventId: "0190f0c8-8d6b-7c3e-9a51-6f2b0e8c1d2a",
 *   type: "ApplicationSubmitted",
 *   schemaVersion: 1,
 *   data: '{"matter":"0001"}',
 *   metadata: '{"commandId":"c1"}',
 *   recordedAt: "2026-09-24T01:30:00.000Z",
 * })
 * ```
 *
 * @category combinators
 * @since 0.2.0
 */
export const link = (previous: string, event: Linked): string => hashAfter(previous, preimage(event))

/** SHA-256 of the previous hash's bytes then the preimage's UTF-8 (lowercase hex). */
const hashAfter = (previous: string, text: string): string => {
  // The previous hash's bytes then the preimage's, in one buffer hashed in one call (`hash` makes
  // no Hash object): the same bytes `createHash().update(hex).update(text)` hashes. A UTF-8
  // character takes at most 3 bytes per UTF-16 unit; a larger preimage takes the stream path.
  const room = (previous.length >>> 1) + 3 * text.length
  if (room > linkScratch.length) {
    if (room > maxScratch) {
      return createHash("sha256").update(Buffer.from(previous, "hex")).update(text, "utf8").digest("hex")
    }
    linkScratch = Buffer.allocUnsafe(Math.min(maxScratch, Math.max(room, 2 * linkScratch.length)))
  }
  const before = linkScratch.write(previous, 0, "hex")
  const size = before + linkScratch.write(text, before, "utf8")
  return hash("sha256", linkScratch.subarray(0, size), "hex")
}

/**
 * What a batch link covers (format 2): the events of one append of two or more, as the store keeps
 * them — versions `firstVersion` … `firstVersion + events.length − 1`, one recorded time.
 *
 * @category models
 * @since 0.4.0
 */
export interface LinkedBatch {
  readonly stream: string
  readonly firstVersion: number
  readonly recordedAt: string
  readonly events: ReadonlyArray<Omit<Linked, "stream" | "streamVersion" | "recordedAt">>
}

/** Whitespace as PostgreSQL's `array_out` sees it (`array_isspace`). */
const arrayElementNeedsQuotes = /[{}",\\ \t\n\r\v\f]/

/**
 * A one-dimensional array's text as PostgreSQL's `array_out` writes it (`{a,b}`): an element is
 * quoted when it is empty, spells `NULL` in any case, or holds a brace, a comma, a double quote, a
 * backslash or white space; inside quotes `"` and `\` are escaped with a backslash. Uuids and
 * integers never need quotes.
 *
 * @category combinators
 * @since 0.4.0
 */
export const arrayText = (elements: ReadonlyArray<string>): string => {
  let text = "{"
  for (let i = 0; i < elements.length; i++) {
    const element = elements[i]!
    if (i > 0) text += ","
    text +=
      element === "" || element.toUpperCase() === "NULL" || arrayElementNeedsQuotes.test(element)
        ? `"${element.replace(/["\\]/g, "\\$&")}"`
        : element
  }
  return `${text}}`
}

/**
 * The preimage of a batch link (format 2), as text (hash its UTF-8 bytes): netstrings of the
 * stream, the first version, the number of events, the recorded time (six fraction digits), then
 * the batch's event ids, types and schema versions as array texts ({@link arrayText}) and its data
 * and metadata as JSON arrays of the stored texts (`[d1,d2,…]`). Nine netstrings, where a link of
 * one event has eight, so no preimage of one format is a preimage of the other.
 *
 * @category combinators
 * @since 0.4.0
 */
export const batchPreimage = (batch: LinkedBatch): string => {
  const ids: Array<string> = []
  const types: Array<string> = []
  const versions: Array<string> = []
  let data = "["
  let metadata = "["
  batch.events.forEach((event, i) => {
    ids.push(event.eventId)
    types.push(event.type)
    versions.push(String(event.schemaVersion))
    data += (i === 0 ? "" : ",") + event.data
    metadata += (i === 0 ? "" : ",") + event.metadata
  })
  return (
    netstring(batch.stream) +
    netstring(String(batch.firstVersion)) +
    netstring(String(batch.events.length)) +
    netstring(canonicalInstant(batch.recordedAt)) +
    netstring(arrayText(ids)) +
    netstring(arrayText(types)) +
    netstring(arrayText(versions)) +
    netstring(`${data}]`) +
    netstring(`${metadata}]`)
  )
}

/**
 * The hash every event of a batch stores (format 2): `SHA-256(previous ‖ batchPreimage(batch))`,
 * one hash for the whole append, where {@link link} makes one per event. The event after the batch
 * links from it.
 *
 * @category combinators
 * @since 0.4.0
 */
export const linkBatch = (previous: string, batch: LinkedBatch): string => hashAfter(previous, batchPreimage(batch))

/**
 * What a link covers of a recorded event, for a store that keeps JSON values: the data and
 * metadata serialized with `JSON.stringify` (what the adapters store).
 *
 * @category combinators
 * @since 0.2.0
 */
export const linkedOf = (event: RecordedEvent): Linked => ({
  stream: event.stream,
  streamVersion: event.streamVersion,
  eventId: event.eventId,
  type: event.type,
  schemaVersion: event.schemaVersion,
  data: JSON.stringify(event.data),
  metadata: JSON.stringify(event.metadata),
  recordedAt: event.recordedAt,
})

/**
 * A stream head: the version of its last event and that event's hash.
 *
 * @category models
 * @since 0.2.0
 */
export interface Head {
  readonly stream: string
  readonly version: number
  readonly hash: string
}

/**
 * A break in the evidence:
 *
 * - `Changed`: the stored event at `version` does not hash, after its predecessor's stored hash,
 *   to its own stored hash (its content, time or version was changed, or events were reordered);
 * - `Missing`: versions `version` … `upTo` are absent while a later one is stored (deleted);
 * - `TailDeleted`: the stream ends at `actual`, before the anchored `version` (its tail deleted);
 * - `AnchorMismatch`: the event stored at an anchored `version` is not the anchored one (the
 *   tail was deleted and rewritten, or the anchor was changed).
 *
 * @category models
 * @since 0.2.0
 */
export const ChainBreak = Schema.Union([
  Schema.TaggedStruct("Changed", { stream: Schema.String, version: Schema.Number }),
  Schema.TaggedStruct("Missing", { stream: Schema.String, version: Schema.Number, upTo: Schema.Number }),
  Schema.TaggedStruct("TailDeleted", { stream: Schema.String, version: Schema.Number, actual: Schema.Number }),
  Schema.TaggedStruct("AnchorMismatch", { stream: Schema.String, version: Schema.Number }),
])

/**
 * @category models
 * @since 0.2.0
 */
export type ChainBreak = typeof ChainBreak.Type

/**
 * One stored event as a checker sees it: its version, the version of the stored event before it
 * in the stream (`undefined` when none is before it in what was read) and whether its stored hash
 * equals the link recomputed from that predecessor's stored hash (from {@link genesis} at version 1).
 *
 * @category models
 * @since 0.2.0
 */
export interface Checked {
  readonly version: number
  readonly previousVersion: number | undefined
  readonly linked: boolean
}

/**
 * The breaks in a run of checked events of one stream, in version order. `floor` is the lowest
 * version the read could see (1 for the whole stream; `from − 1` for a read from `from`): a
 * first event above it with no predecessor means the versions between are missing.
 *
 * @category combinators
 * @since 0.2.0
 */
export const breaksOf = (stream: string, checked: ReadonlyArray<Checked>, floor = 1): Array<ChainBreak> => {
  const breaks: Array<ChainBreak> = []
  for (const event of checked) {
    const expectedFrom = event.previousVersion === undefined ? floor : event.previousVersion + 1
    if (event.version > expectedFrom) {
      breaks.push({ _tag: "Missing", stream, version: expectedFrom, upTo: event.version - 1 })
      // The link of the event after a gap cannot be checked: its predecessor is gone.
      continue
    }
    if (!event.linked) breaks.push({ _tag: "Changed", stream, version: event.version })
  }
  return breaks
}

/**
 * Checks stored events of one stream in version order against their stored hashes (`hashes[i]`
 * is the stored hash of `events[i]`), from `previous` (the stored hash of the event before the
 * first, {@link genesis} when the first is version 1; `undefined` when it is not stored).
 *
 * @category combinators
 * @since 0.2.0
 */
export const check = (
  events: ReadonlyArray<{ readonly linked: Linked; readonly hash: string }>,
  previous: { readonly version: number; readonly hash: string } | undefined,
): Array<Checked> => {
  const checked: Array<Checked> = []
  let before = previous
  for (const { linked, hash } of events) {
    const predecessor = before !== undefined && before.version === linked.streamVersion - 1 ? before : undefined
    checked.push({
      version: linked.streamVersion,
      previousVersion: before?.version,
      linked:
        predecessor !== undefined
          ? link(predecessor.hash, linked) === hash
          : linked.streamVersion === 1 && link(genesis, linked) === hash,
    })
    before = { version: linked.streamVersion, hash }
  }
  return checked
}

/**
 * Checks anchors against the stored heads: for each anchor, the stream's current version and the
 * stored hash at the anchored version (`undefined` when no event is stored there).
 *
 * @category combinators
 * @since 0.2.0
 */
export const anchorBreaks = (
  anchors: ReadonlyArray<Head & { readonly current: number; readonly stored: string | undefined }>,
): Array<ChainBreak> => {
  const breaks: Array<ChainBreak> = []
  for (const anchor of anchors) {
    if (anchor.current < anchor.version) {
      breaks.push({ _tag: "TailDeleted", stream: anchor.stream, version: anchor.version, actual: anchor.current })
    } else if (anchor.stored !== anchor.hash) {
      breaks.push({ _tag: "AnchorMismatch", stream: anchor.stream, version: anchor.version })
    }
  }
  return breaks
}

/**
 * The result of `verify`: how many streams, events and anchors were checked, and every break
 * found (empty when the store is intact).
 *
 * @category models
 * @since 0.2.0
 */
export interface VerifyReport {
  readonly streams: number
  readonly events: number
  readonly anchors: number
  readonly breaks: ReadonlyArray<ChainBreak>
}

/**
 * True when a report found no break.
 *
 * @category guards
 * @since 0.2.0
 */
export const isIntact = (report: VerifyReport): boolean => report.breaks.length === 0

/**
 * The result of `anchor`: how many stream heads were recorded (new or moved on) and the streams
 * whose head no longer extends their anchor (they are not re-anchored, so the break stays visible).
 *
 * @category models
 * @since 0.2.0
 */
export interface AnchorReport {
  readonly anchored: number
  readonly refused: ReadonlyArray<ChainBreak>
}

/**
 * What the loader reports: the break's kind and versions as text.
 *
 * @category combinators
 * @since 0.2.0
 */
export const describe = (chainBreak: ChainBreak): string => {
  switch (chainBreak._tag) {
    case "Changed":
      return `event ${chainBreak.version} does not match its hash (changed, or reordered)`
    case "Missing":
      return chainBreak.version === chainBreak.upTo
        ? `version ${chainBreak.version} is missing`
        : `versions ${chainBreak.version} to ${chainBreak.upTo} are missing`
    case "TailDeleted":
      return `the stream ends at version ${chainBreak.actual}, before its anchor at ${chainBreak.version} (tail deleted)`
    case "AnchorMismatch":
      return `the event at anchored version ${chainBreak.version} is not the anchored one (tail rewritten)`
  }
}

/**
 * Anchors the store's stream heads now and then every `every`, forever: fork it for the life of
 * the app (or run `anchor` from the host's own scheduler). A failed round (the store unavailable)
 * is logged and the next round runs as planned; streams whose head no longer extends their anchor
 * are logged as warnings each round (`verify` reports them in full).
 *
 * @example
 * ```ts
 * import { Effect } from "effect"
 * import { EventChain } from "@yiciban/eventstore"
 *
 * const anchoring = Effect.forkDetach(EventChain.anchorEvery("1 hour"))
 * ```
 *
 * @category combinators
 * @since 0.2.0
 */
export const anchorEvery = (every: Duration.Input): Effect.Effect<never, never, EventStore> =>
  EventStore.use((store) =>
    Effect.forever(
      Effect.andThen(
        store.anchor.pipe(
          Effect.tap((report) =>
            report.refused.length === 0
              ? Effect.void
              : Effect.logWarning(
                  `anchor: ${report.refused.length} stream(s) no longer extend their anchor: ${report.refused
                    .slice(0, 5)
                    .map((b) => `${b.stream} (${describe(b)})`)
                    .join("; ")}`,
                ),
          ),
          Effect.catch((error) => Effect.logError(`anchor: ${error.message}`)),
        ),
        Effect.sleep(every),
      ),
    ),
  )
