/**
 * The rows of one extended-protocol exchange with PGlite, read from the bytes PostgreSQL writes.
 *
 * `PGlite.execProtocol` copies each chunk PostgreSQL writes out of the WebAssembly memory twice
 * (a slice, then into a growing buffer), parses it into message objects, copying every field of
 * every row into an `ArrayBuffer` of its own before decoding it, and `parse.parseResults` then
 * walks those objects again. Rehydrating a 10,000-event stream spent about 45% of its CPU there
 * (docs/performance.md, "W4 on PGlite"). This reader takes the chunks as PGlite hands them to
 * `execProtocolRawStream`'s callback, views into its memory, and decodes each field once, straight
 * from them, with the same parsers `parseResults` uses (`types.parseType` and the instance's
 * `parsers`), so a row is the value `PGlite.query` makes of it. Only a message cut by a chunk's end
 * is copied, to be completed by the next chunk.
 *
 * What it keeps: the last RowDescription's columns, the DataRows in order, the first
 * ErrorResponse as PGlite's own `DatabaseError` with the same fields, and the channels of
 * NotificationResponses: a notification sent by a prepared statement itself (`pg_notify` in a
 * host's inline update, autocommitted) arrives in that statement's response, and PGlite has no
 * public way to hand it to its listeners, so the client logs a warning naming the channel instead of
 * losing it unsaid. Everything else (BindComplete, CommandComplete, ReadyForQuery, notices,
 * parameter statuses) is not needed by the store's statements and is skipped; none of them can
 * carry a row or an error.
 */
import { isDeepStrictEqual } from "node:util"
import { messages, types } from "@electric-sql/pglite"

type Parsers = Parameters<typeof types.parseType>[2]

/** How rows are made: an array of the row's values in column order, or an object by column name. */
export type RowMode = "object" | "array"

interface Column {
  readonly name: string
  readonly type: number
}

const decoder = new TextDecoder()

/** The `DatabaseError` fields, by the ErrorResponse field type that carries each (PostgreSQL's protocol, "Error and Notice Message Fields"). */
const errorFields = {
  S: "severity",
  C: "code",
  D: "detail",
  H: "hint",
  P: "position",
  p: "internalPosition",
  q: "internalQuery",
  W: "where",
  s: "schema",
  t: "table",
  c: "column",
  d: "dataType",
  n: "constraint",
  F: "file",
  L: "line",
  R: "routine",
} as const satisfies Record<string, keyof messages.DatabaseError>

/** Reads the backend messages of one exchange, chunk by chunk, as PGlite hands them over. */
export class RowReader {
  readonly rows: Array<unknown> = []
  /** The first ErrorResponse of the exchange; PostgreSQL skips to the Sync after it. */
  error: messages.DatabaseError | undefined
  /** The channels of the NotificationResponses in the exchange, in order. */
  readonly notified: Array<string> = []
  private columns: ReadonlyArray<Column> = []
  /** The start of a message the last chunk ended in, copied. */
  private pending: Uint8Array | undefined
  private malformed = false

  constructor(
    private readonly parsers: Parsers,
    private readonly mode: RowMode,
  ) {}

  /**
   * Reads the complete messages in `chunk` (with what the last chunk left); keeps a copy of an
   * incomplete one. `chunk` may be a view into memory that changes after the call returns.
   */
  readonly take = (chunk: Uint8Array): number => {
    if (this.malformed) return chunk.length
    let bytes = chunk
    if (this.pending !== undefined) {
      bytes = new Uint8Array(this.pending.length + chunk.length)
      bytes.set(this.pending)
      bytes.set(chunk, this.pending.length)
      this.pending = undefined
    }
    const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength)
    let offset = 0
    while (bytes.length - offset >= 5) {
      // A message: its type (one byte), its length (four, counting themselves), its body.
      const length = view.getInt32(offset + 1)
      if (length < 4) {
        // Not PostgreSQL's protocol: nothing after it can be read.
        this.malformed = true
        return chunk.length
      }
      const end = offset + 1 + length
      if (end > bytes.length) break
      this.message(bytes[offset]!, bytes, view, offset + 5, end)
      offset = end
    }
    if (offset < bytes.length) this.pending = bytes.slice(offset)
    return chunk.length
  }

  /**
   * Whether the output was not whole messages: it ended inside one (bytes left that no message
   * completed), or a message's length was one no message has.
   */
  get truncated(): boolean {
    return this.pending !== undefined || this.malformed
  }

  private message(type: number, bytes: Uint8Array, view: DataView, start: number, end: number): void {
    switch (type) {
      case 0x54: // 'T' RowDescription
        this.columns = readColumns(bytes, view, start)
        return
      case 0x44: // 'D' DataRow
        this.rows.push(this.readRow(bytes, view, start))
        return
      case 0x45: // 'E' ErrorResponse
        this.error ??= readError(bytes, start, end)
        return
      case 0x41: // 'A' NotificationResponse: the sender's pid (4), the channel, the payload
        this.notified.push(cstring(bytes, start + 4)[0])
        return
    }
  }

  private readRow(bytes: Uint8Array, view: DataView, start: number): unknown {
    const count = view.getInt16(start)
    let at = start + 2
    const array = this.mode === "array" ? new Array<unknown>(count) : undefined
    const object = array === undefined ? ({} as Record<string, unknown>) : undefined
    for (let i = 0; i < count; i++) {
      const length = view.getInt32(at)
      at += 4
      const column = this.columns[i]
      let value: unknown = null
      if (length !== -1) {
        value = types.parseType(decoder.decode(bytes.subarray(at, at + length)), column?.type ?? 25, this.parsers)
        at += length
      }
      if (array !== undefined) array[i] = value
      else object![column?.name ?? String(i)] = value
    }
    return array ?? object
  }
}

/** A null-terminated string at `at`, and where the next field starts. */
const cstring = (bytes: Uint8Array, at: number): readonly [string, number] => {
  const zero = bytes.indexOf(0, at)
  const end = zero === -1 ? bytes.length : zero
  return [decoder.decode(bytes.subarray(at, end)), end + 1]
}

const readColumns = (bytes: Uint8Array, view: DataView, start: number): ReadonlyArray<Column> => {
  const count = view.getInt16(start)
  let at = start + 2
  const columns = new Array<Column>(count)
  for (let i = 0; i < count; i++) {
    const [name, next] = cstring(bytes, at)
    // After the name: table oid (4), column number (2), type oid (4), size (2), modifier (4), format (2).
    columns[i] = { name, type: view.getInt32(next + 6) }
    at = next + 18
  }
  return columns
}

const readError = (bytes: Uint8Array, start: number, end: number): messages.DatabaseError => {
  const fields: Record<string, string> = {}
  let at = start
  while (at < end && bytes[at] !== 0) {
    const type = String.fromCharCode(bytes[at]!)
    const [text, next] = cstring(bytes, at + 1)
    fields[type] = text
    at = next
  }
  const error = new messages.DatabaseError(fields.M ?? "", end - start + 4, "error")
  for (const [type, field] of Object.entries(errorFields)) {
    ;(error as unknown as Record<string, string | undefined>)[field] = fields[type]
  }
  return error
}

/** What a reader made of `chunks`, read one after another. */
export const readChunks = (
  parsers: Parsers,
  mode: RowMode,
  chunks: ReadonlyArray<Uint8Array>,
): {
  readonly rows: ReadonlyArray<unknown>
  readonly error: messages.DatabaseError | undefined
  readonly truncated: boolean
} => {
  const reader = new RowReader(parsers, mode)
  for (const chunk of chunks) reader.take(chunk)
  return { rows: reader.rows, error: reader.error, truncated: reader.truncated }
}

/**
 * The reader's invariant: where PGlite cuts its output into chunks does not change what is read.
 * `bytes` cut at `cuts` (offsets, in any order, repeats and ends allowed) reads as `bytes` whole.
 */
export const readsTheSameWhereverCut = (
  parsers: Parsers,
  mode: RowMode,
  bytes: Uint8Array,
  cuts: ReadonlyArray<number>,
): boolean => {
  const at = [...new Set(cuts.map((cut) => Math.max(0, Math.min(bytes.length, cut))))].sort((a, b) => a - b)
  const chunks = [0, ...at].map((start, i) => bytes.subarray(start, i < at.length ? at[i] : bytes.length))
  const whole = readChunks(parsers, mode, [bytes])
  const cut = readChunks(parsers, mode, chunks)
  return (
    !cut.truncated &&
    cut.error?.code === whole.error?.code &&
    cut.error?.message === whole.error?.message &&
    isDeepStrictEqual(cut.rows, whole.rows)
  )
}
