/**
 * The supervision record (互联网+监管 全记录): the event log exported for a supervision system as
 * JSON Lines that carry the store's hash chain (`EventChain`), sealed in batches whose heads are
 * MAC'd with a key the host supplies, with applicants' personal data masked by the host's rule;
 * and {@link verify}, which names every altered, removed, inserted or reordered record.
 *
 * **Records.** One line per event in global order: `seq` (1, 2, … in the export), the position,
 * stream, version, event id, type, schema version, data and metadata (masked), the recorded time,
 * `previous` and `hash` — the `EventChain.link` of the record after the previous record of its
 * stream (`EventChain.genesis` before version 1), exactly the store's link function over the
 * exported text — and `tag`, `HMAC-SHA-256(key, "<seq>:<hash>")` truncated to 128 bits, which
 * binds each record to its place and makes a recomputed hash visible.
 *
 * **Heads.** After every `batchSize` records (default 1,000) and at the end, a head line: the
 * batch number, its first and last `seq`, its record count, the SHA-256 digest of its records'
 * `seq:hash` in order, the MAC of the head before it, whether it is the last (`final`), the key's
 * id and the export's time; `mac` is the HMAC-SHA-256 of all of that. A removed batch, a
 * truncated export or a head from another export breaks the chain of heads.
 *
 * **Before exporting**, the store's own chain is verified (`EventStore.verify`): a store with a
 * break is not exported ({@link StoreNotIntact}), so the export starts from evidence that holds.
 *
 * @since 0.3.0
 */
import { createHash, createHmac, timingSafeEqual } from "node:crypto"
import { EventChain, type EventStore, type EventStoreError, EventStore as Store } from "@yiciban/eventstore"
import type { Schema } from "effect"
import * as Data from "effect/Data"
import * as Effect from "effect/Effect"
import { maskIdentityNumbers } from "./Authorization.ts"
import { isSealed } from "./PersonalData.ts"

/**
 * The host's masking rule: what of an event goes into the export. It is given the stored event
 * (personal fields still sealed) and returns its data and metadata as exported.
 *
 * @category models
 * @since 0.3.0
 */
export type MaskRule = (event: EventStore.RecordedEvent) => {
  readonly data: Schema.Json
  readonly metadata: Schema.Json
}

/**
 * The default masking rule: a sealed personal field is exported as `{ "~masked": <pseudonym> }`
 * (the subject stays traceable across records, its data does not leave), and any resident
 * identity number left in clear is masked (`430102********1234`).
 *
 * @category combinators
 * @since 0.3.0
 */
export const defaultMask: MaskRule = (event) => {
  const walk = (u: unknown): unknown => {
    if (isSealed(u)) return { "~masked": u.subject }
    if (Array.isArray(u)) return u.map(walk)
    if (typeof u === "object" && u !== null) {
      const out: Record<string, unknown> = {}
      for (const [key, item] of Object.entries(u)) out[key] = walk(item)
      return out
    }
    return u
  }
  return {
    data: maskIdentityNumbers(walk(event.data)) as Schema.Json,
    metadata: maskIdentityNumbers(walk(event.metadata)) as Schema.Json,
  }
}

/**
 * The key the heads and tags are MAC'd with: at least 32 bytes, and its id (written in each head,
 * so the supervisor knows which key to verify with).
 *
 * @category models
 * @since 0.3.0
 */
export interface ExportKey {
  readonly id: string
  readonly secret: Uint8Array | string
}

/**
 * The key is shorter than 32 bytes, or has no id.
 *
 * @category errors
 * @since 0.3.0
 */
export class InvalidExportKey extends Data.TaggedError("InvalidExportKey")<{ readonly detail: string }> {
  override get message(): string {
    return `invalid export key: ${this.detail}`
  }
}

/**
 * The store's own chain is broken: it is not exported.
 *
 * @category errors
 * @since 0.3.0
 */
export class StoreNotIntact extends Data.TaggedError("StoreNotIntact")<{
  readonly breaks: ReadonlyArray<EventChain.ChainBreak>
}> {
  override get message(): string {
    return `the store's hash chain is broken (${this.breaks.length} break(s), first: ${this.breaks[0]?.stream} ${EventChain.describe(this.breaks[0]!)}); run verify and investigate before exporting`
  }
}

const keyBytes = (key: ExportKey): Uint8Array | InvalidExportKey => {
  const bytes = typeof key.secret === "string" ? Buffer.from(key.secret, "utf8") : key.secret
  if (bytes.length < 32) return new InvalidExportKey({ detail: `${bytes.length} bytes; at least 32 are needed` })
  if (!/^[\x21-\x7e]{1,64}$/.test(key.id))
    return new InvalidExportKey({ detail: "the key id must be 1–64 printable ASCII characters" })
  return bytes
}

/** One exported record, as a line holds it. */
interface RecordLine {
  readonly kind: "record"
  readonly seq: number
  readonly position: number
  readonly stream: string
  readonly streamVersion: number
  readonly eventId: string
  readonly type: string
  readonly schemaVersion: number
  readonly data: Schema.Json
  readonly metadata: Schema.Json
  readonly recordedAt: string
  readonly previous: string
  readonly hash: string
  readonly tag: string
}

/** One batch head, as a line holds it. */
interface HeadLine {
  readonly kind: "head"
  readonly batch: number
  readonly firstSeq: number
  readonly lastSeq: number
  readonly count: number
  readonly digest: string
  readonly previousMac: string
  readonly final: boolean
  readonly keyId: string
  readonly exportedAt: string
  readonly mac: string
}

const hashOf = (r: Omit<RecordLine, "hash" | "tag" | "kind" | "seq" | "position">): string =>
  EventChain.link(r.previous, {
    stream: r.stream,
    streamVersion: r.streamVersion,
    eventId: r.eventId,
    type: r.type,
    schemaVersion: r.schemaVersion,
    data: JSON.stringify(r.data),
    metadata: JSON.stringify(r.metadata),
    recordedAt: r.recordedAt,
  })

const tagOf = (key: Uint8Array, seq: number, hash: string): string =>
  createHmac("sha256", key).update(`${seq}:${hash}`).digest("hex").slice(0, 32)

const headMac = (key: Uint8Array, head: Omit<HeadLine, "mac">): string =>
  createHmac("sha256", key)
    .update(
      [
        head.batch,
        head.firstSeq,
        head.lastSeq,
        head.count,
        head.digest,
        head.previousMac,
        head.final,
        head.keyId,
        head.exportedAt,
      ].join("\n"),
    )
    .digest("hex")

const noMac = "0".repeat(64)
const hex64 = /^[0-9a-f]{64}$/

/**
 * An exporter: feed it the stored events in global order with `add` (it returns the lines to
 * write: the record, and a head when a batch fills), then `finish` (the last head).
 *
 * @category models
 * @since 0.3.0
 */
export interface Exporter {
  readonly add: (event: EventStore.RecordedEvent) => ReadonlyArray<string>
  readonly finish: () => ReadonlyArray<string>
  readonly records: () => number
}

/**
 * Makes an {@link Exporter}.
 *
 * @example
 * ```ts
 * import { SupervisionExport } from "@yiciban/runtime"
 *
 * const exporter = SupervisionExport.makeExporter({ key: { id: "2026-12", secret: hostKey }, exportedAt })
 * const lines = [...events.flatMap(exporter.add), ...exporter.finish()]
 * ```
 *
 * @category constructors
 * @since 0.3.0
 */
export const makeExporter = (options: {
  readonly key: ExportKey
  readonly exportedAt: string
  readonly mask?: MaskRule | undefined
  readonly batchSize?: number | undefined
}): Exporter => {
  const key = keyBytes(options.key)
  if (key instanceof InvalidExportKey) throw key
  const mask = options.mask ?? defaultMask
  const batchSize = Math.max(1, Math.floor(options.batchSize ?? 1000))
  const heads = new Map<string, string>()
  let seq = 0
  let batch = 0
  let firstSeq = 1
  let count = 0
  let digest = createHash("sha256")
  let previousMac = noMac
  const head = (final: boolean): string => {
    batch++
    const fields: Omit<HeadLine, "mac"> = {
      kind: "head",
      batch,
      firstSeq,
      lastSeq: seq,
      count,
      digest: digest.digest("hex"),
      previousMac,
      final,
      keyId: options.key.id,
      exportedAt: options.exportedAt,
    }
    const mac = headMac(key, fields)
    previousMac = mac
    firstSeq = seq + 1
    count = 0
    digest = createHash("sha256")
    return JSON.stringify({ ...fields, mac })
  }
  return {
    add: (event) => {
      seq++
      const masked = mask(event)
      const previous = heads.get(event.stream) ?? EventChain.genesis
      const body = {
        stream: event.stream,
        streamVersion: event.streamVersion,
        eventId: event.eventId,
        type: event.type,
        schemaVersion: event.schemaVersion,
        data: masked.data,
        metadata: masked.metadata,
        recordedAt: event.recordedAt,
        previous,
      }
      const hash = hashOf(body)
      heads.set(event.stream, hash)
      const line: RecordLine = {
        kind: "record",
        seq,
        position: event.globalPosition,
        ...body,
        hash,
        tag: tagOf(key, seq, hash),
      }
      digest.update(`${seq}:${hash}\n`)
      count++
      const lines = [JSON.stringify(line)]
      if (count === batchSize) lines.push(head(false))
      return lines
    },
    finish: () => [head(true)],
    records: () => seq,
  }
}

/**
 * Exports the whole event log through `write` (one call per line), after checking the store's own
 * chain. Returns the number of records and batches.
 *
 * @category combinators
 * @since 0.3.0
 */
export const exportLog = <E>(options: {
  readonly key: ExportKey
  readonly write: (lines: ReadonlyArray<string>) => Effect.Effect<void, E>
  readonly mask?: MaskRule | undefined
  readonly batchSize?: number | undefined
  readonly pageSize?: number | undefined
  /** Skip the store's own verification (a bench, or a store just verified). */
  readonly skipStoreVerify?: boolean | undefined
}): Effect.Effect<
  { readonly records: number; readonly batches: number },
  E | InvalidExportKey | StoreNotIntact | EventStoreError.ReadError | EventStoreError.StoreUnavailable,
  Store.EventStore
> =>
  Effect.gen(function* () {
    const key = keyBytes(options.key)
    if (key instanceof InvalidExportKey) return yield* key
    const store = yield* Store.EventStore
    if (options.skipStoreVerify !== true) {
      const report = yield* store.verify
      if (report.breaks.length > 0) return yield* new StoreNotIntact({ breaks: report.breaks })
    }
    const exporter = makeExporter({
      key: options.key,
      exportedAt: new Date(yield* Effect.clockWith((clock) => clock.currentTimeMillis)).toISOString(),
      mask: options.mask,
      batchSize: options.batchSize,
    })
    const pageSize = options.pageSize ?? 1000
    let from = 0
    let batches = 0
    for (;;) {
      const page = yield* store.readAll({ fromPosition: from, limit: pageSize })
      const lines: Array<string> = []
      for (const event of page) lines.push(...exporter.add(event))
      batches += lines.length - page.length
      if (lines.length > 0) yield* options.write(lines)
      if (page.length < pageSize) break
      from = page.at(-1)!.globalPosition + 1
    }
    yield* options.write(exporter.finish())
    return { records: exporter.records(), batches: batches + 1 }
  })

/**
 * A problem `verify` found, with the line (1-based) it is on:
 *
 * - `Malformed`: not a record or head line;
 * - `Altered`: the record's content does not hash to its `hash`, or its `tag` does not match (its
 *   hash or its seq was recomputed without the key);
 * - `Removed`: records `seq` … `upTo` are missing;
 * - `Inserted`: a record that is no part of the export (a forged tag) or a second copy of `seq`;
 * - `Reordered`: record `seq` comes after record `after`;
 * - `ChainBroken`: the record's `previous` is not the hash of its stream's record before it (a
 *   record of the stream is missing or moved);
 * - `BadHead`: a head's MAC, its chain to the head before, or its count or digest of the records
 *   since the last head does not hold; `Truncated`: the export ends without its final head.
 *
 * @category models
 * @since 0.3.0
 */
export type Problem =
  | { readonly _tag: "Malformed"; readonly line: number; readonly detail: string }
  | { readonly _tag: "Altered"; readonly line: number; readonly seq: number; readonly detail: string }
  | { readonly _tag: "Removed"; readonly line: number; readonly seq: number; readonly upTo: number }
  | { readonly _tag: "Inserted"; readonly line: number; readonly seq: number; readonly detail: string }
  | { readonly _tag: "Reordered"; readonly line: number; readonly seq: number; readonly after: number }
  | { readonly _tag: "ChainBroken"; readonly line: number; readonly seq: number; readonly stream: string }
  | { readonly _tag: "BadHead"; readonly line: number; readonly batch: number; readonly detail: string }
  | { readonly _tag: "Truncated"; readonly line: number; readonly detail: string }

/**
 * What `verify` found: the records and batches read and every problem, in line order.
 *
 * @category models
 * @since 0.3.0
 */
export interface VerifyReport {
  readonly records: number
  readonly batches: number
  readonly problems: ReadonlyArray<Problem>
}

/**
 * One problem as a sentence.
 *
 * @category combinators
 * @since 0.3.0
 */
export const describe = (p: Problem): string => {
  switch (p._tag) {
    case "Malformed":
      return `line ${p.line}: malformed (${p.detail})`
    case "Altered":
      return `line ${p.line}: record ${p.seq} was altered (${p.detail})`
    case "Removed":
      return p.seq === p.upTo
        ? `line ${p.line}: record ${p.seq} was removed before this line`
        : `line ${p.line}: records ${p.seq} to ${p.upTo} were removed before this line`
    case "Inserted":
      return `line ${p.line}: record ${p.seq} was inserted (${p.detail})`
    case "Reordered":
      return `line ${p.line}: record ${p.seq} is out of order (after record ${p.after})`
    case "ChainBroken":
      return `line ${p.line}: record ${p.seq} does not follow its stream ${p.stream}'s record before it in the export`
    case "BadHead":
      return `line ${p.line}: head of batch ${p.batch}: ${p.detail}`
    case "Truncated":
      return `line ${p.line}: ${p.detail}`
  }
}

const isRecord = (u: unknown): u is RecordLine => {
  const r = u as RecordLine
  return (
    typeof u === "object" &&
    u !== null &&
    r.kind === "record" &&
    Number.isSafeInteger(r.seq) &&
    typeof r.stream === "string" &&
    Number.isSafeInteger(r.streamVersion) &&
    typeof r.eventId === "string" &&
    typeof r.type === "string" &&
    Number.isSafeInteger(r.schemaVersion) &&
    typeof r.recordedAt === "string" &&
    typeof r.previous === "string" &&
    typeof r.hash === "string" &&
    typeof r.tag === "string" &&
    "data" in r &&
    "metadata" in r
  )
}

const isHead = (u: unknown): u is HeadLine => {
  const h = u as HeadLine
  return (
    typeof u === "object" &&
    u !== null &&
    h.kind === "head" &&
    Number.isSafeInteger(h.batch) &&
    Number.isSafeInteger(h.firstSeq) &&
    Number.isSafeInteger(h.lastSeq) &&
    Number.isSafeInteger(h.count) &&
    typeof h.digest === "string" &&
    typeof h.previousMac === "string" &&
    typeof h.final === "boolean" &&
    typeof h.keyId === "string" &&
    typeof h.exportedAt === "string" &&
    typeof h.mac === "string"
  )
}

const sameHex = (a: string, b: string): boolean =>
  a.length === b.length && /^[0-9a-f]*$/.test(a) && timingSafeEqual(Buffer.from(a, "hex"), Buffer.from(b, "hex"))

/**
 * A verifier fed one line at a time (`push`, for files too large to hold), then `finish` for the
 * report; {@link verify} over an iterable of lines.
 *
 * @category models
 * @since 0.3.0
 */
export interface Verifier {
  readonly push: (line: string) => void
  readonly finish: () => VerifyReport
}

/**
 * Makes a {@link Verifier} for the key an export was MAC'd with.
 *
 * @category constructors
 * @since 0.3.0
 */
export const makeVerifier = (exportKey: ExportKey): Verifier => {
  const key = keyBytes(exportKey)
  if (key instanceof InvalidExportKey) throw key
  const problems: Array<Problem> = []
  const seen = new Set<number>()
  const lineOfSeq = new Map<number, number>()
  let sealedUpTo = 0
  const streamHeads = new Map<string, { hash: string; version: number }>()
  let maxSeq = 0
  let records = 0
  let batches = 0
  let lineNo = 0
  let count = 0
  let digest = createHash("sha256")
  let previousMac = noMac
  let nextBatch = 1
  let lastHead: HeadLine | undefined
  let lastHeadLine = 0
  let afterFinal = false
  const push = (text: string): void => {
    lineNo++
    if (text.trim() === "") return
    let parsed: unknown
    try {
      parsed = JSON.parse(text)
    } catch {
      problems.push({ _tag: "Malformed", line: lineNo, detail: "not JSON" })
      return
    }
    if (afterFinal) {
      problems.push({ _tag: "Truncated", line: lineNo, detail: "content after the final head" })
    }
    if (isRecord(parsed)) {
      records++
      const r = parsed
      count++
      digest.update(`${r.seq}:${r.hash}\n`)
      const recomputed = hashOf(r)
      const tagged = sameHex(tagOf(key, r.seq, r.hash), r.tag)
      if (!tagged && seen.has(r.seq)) {
        problems.push({
          _tag: "Inserted",
          line: lineNo,
          seq: r.seq,
          detail: "a record with a seq already seen and no valid tag",
        })
        return
      }
      if (!tagged && (r.seq > maxSeq + 1 || r.seq < 1)) {
        problems.push({
          _tag: "Inserted",
          line: lineNo,
          seq: r.seq,
          detail: "its tag does not match: not part of the export",
        })
        return
      }
      if (!hex64.test(r.previous) || !hex64.test(r.hash)) {
        problems.push({
          _tag: "Altered",
          line: lineNo,
          seq: r.seq,
          detail: "its previous or hash is not a SHA-256 in hex",
        })
      } else if (recomputed !== r.hash) {
        problems.push({ _tag: "Altered", line: lineNo, seq: r.seq, detail: "its content does not match its hash" })
      } else if (!tagged) {
        problems.push({ _tag: "Altered", line: lineNo, seq: r.seq, detail: "its tag does not match its seq and hash" })
      }
      if (seen.has(r.seq)) {
        problems.push({ _tag: "Inserted", line: lineNo, seq: r.seq, detail: "a second copy" })
        return
      }
      seen.add(r.seq)
      lineOfSeq.set(r.seq, lineNo)
      if (r.seq < maxSeq) problems.push({ _tag: "Reordered", line: lineNo, seq: r.seq, after: maxSeq })
      const head = streamHeads.get(r.stream)
      const expectedPrevious = head?.hash ?? EventChain.genesis
      if (r.previous !== expectedPrevious || (head !== undefined && r.streamVersion !== head.version + 1)) {
        problems.push({ _tag: "ChainBroken", line: lineNo, seq: r.seq, stream: r.stream })
      }
      streamHeads.set(r.stream, { hash: r.hash, version: r.streamVersion })
      maxSeq = Math.max(maxSeq, r.seq)
      return
    }
    if (isHead(parsed)) {
      batches++
      const h = parsed
      const { mac, ...fields } = h
      const bad = (detail: string) => problems.push({ _tag: "BadHead", line: lineNo, batch: h.batch, detail })
      if (!sameHex(headMac(key, fields), mac)) bad("its MAC does not match (forged, altered, or another key)")
      else {
        sealedUpTo = Math.max(sealedUpTo, h.lastSeq)
        if (h.batch !== nextBatch) bad(`batch ${nextBatch} was expected (a batch was removed, added or moved)`)
        if (h.previousMac !== previousMac) bad("it does not follow the head before it")
        if (h.count !== count) bad(`${h.count} records sealed, ${count} found since the last head`)
        if (h.digest !== digest.digest("hex")) bad("the records since the last head are not the ones sealed")
        if (h.lastSeq !== maxSeq) bad(`it seals records up to ${h.lastSeq}; the export reached ${maxSeq}`)
      }
      digest = createHash("sha256")
      count = 0
      previousMac = h.mac
      nextBatch = h.batch + 1
      lastHead = h
      lastHeadLine = lineNo
      if (h.final) afterFinal = true
      return
    }
    problems.push({ _tag: "Malformed", line: lineNo, detail: "neither a record nor a head" })
  }
  const finish = (): VerifyReport => {
    // Records missing from 1 to the highest seq (sealed or seen): removed.
    const highest = Math.max(maxSeq, sealedUpTo)
    for (let seq = 1; seq <= highest; seq++) {
      if (seen.has(seq)) continue
      let upTo = seq
      while (upTo + 1 <= highest && !seen.has(upTo + 1)) upTo++
      problems.push({ _tag: "Removed", line: lineOfSeq.get(upTo + 1) ?? lineNo, seq, upTo })
      seq = upTo
    }
    problems.sort((a, b) => a.line - b.line)
    if (count > 0) {
      problems.push({
        _tag: "Truncated",
        line: lineNo,
        detail: `${count} record(s) after the last head are not sealed`,
      })
    }
    if (lastHead === undefined || !lastHead.final) {
      problems.push({
        _tag: "Truncated",
        line: lastHeadLine,
        detail: "the export ends without its final head (batches or records were cut off)",
      })
    }
    return { records, batches, problems }
  }
  return { push, finish }
}

/**
 * Verifies an export, line by line, with the key it was MAC'd with, and names every problem. An
 * empty `problems` means every record is there, unchanged, once and in order, and every head holds.
 *
 * @example
 * ```ts
 * import { SupervisionExport } from "@yiciban/runtime"
 *
 * const report = SupervisionExport.verify(text.split("\n"), { id: "2026-12", secret: hostKey })
 * report.problems.map(SupervisionExport.describe) // ["line 12: record 11 was altered (…)"]
 * ```
 *
 * @category combinators
 * @since 0.3.0
 */
export const verify = (lines: Iterable<string>, exportKey: ExportKey): VerifyReport => {
  const verifier = makeVerifier(exportKey)
  for (const line of lines) verifier.push(line)
  return verifier.finish()
}
