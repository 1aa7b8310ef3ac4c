/**
 * The hand-written baseline: one table with a unique (stream, version), one transaction per
 * append (a single autocommitted INSERT), prepared statements, nothing else: no expectation
 * modes, no idempotency, no gap safety, no upcasting. It stores and returns the same payload as
 * the store (same `json` columns) so the ratio measures what the store's guarantees cost.
 */
import type { EventEnvelope } from "@yiciban/eventstore"

/** What the baseline needs from a driver: pg's Pool and PGlite both fit. */
export interface Queryable {
  readonly query: (
    text: string,
    values?: ReadonlyArray<unknown>,
    name?: string,
  ) => Promise<ReadonlyArray<Record<string, unknown>>>
}

export interface RawEvent {
  readonly id: number
  readonly stream: string
  readonly version: number
  readonly eventId: string
  readonly type: string
  readonly schemaVersion: number
  readonly data: unknown
  readonly metadata: unknown
}

export const createTable = (schema: string) => `
CREATE SCHEMA "${schema}";
CREATE TABLE "${schema}".events (
  id             bigserial   PRIMARY KEY,
  stream         text        NOT NULL,
  version        integer     NOT NULL,
  event_id       uuid        NOT NULL,
  type           text        NOT NULL,
  schema_version integer     NOT NULL,
  data           json        NOT NULL,
  metadata       json        NOT NULL,
  recorded_at    timestamptz NOT NULL DEFAULT now(),
  UNIQUE (stream, version)
);`

const columns = "id, stream, version, event_id, type, schema_version, data, metadata"

const toEvent = (row: Record<string, unknown>): RawEvent => ({
  id: Number(row.id),
  stream: row.stream as string,
  version: row.version as number,
  eventId: row.event_id as string,
  type: row.type as string,
  schemaVersion: row.schema_version as number,
  data: row.data,
  metadata: row.metadata,
})

export const makeRaw = (db: Queryable, schema: string) => {
  const table = `"${schema}".events`
  const insertSql = (n: number) => {
    const rows: Array<string> = []
    for (let i = 0; i < n; i++) {
      const p = i * 7
      rows.push(`($${p + 1}, $${p + 2}, $${p + 3}, $${p + 4}, $${p + 5}, $${p + 6}, $${p + 7})`)
    }
    return `INSERT INTO ${table} (stream, version, event_id, type, schema_version, data, metadata) VALUES ${rows.join(", ")}`
  }
  return {
    /** Appends `events` to `stream` from version `from + 1`, in one autocommitted INSERT. */
    append: async (stream: string, from: number, events: ReadonlyArray<EventEnvelope.NewEvent>): Promise<void> => {
      const values: Array<unknown> = []
      events.forEach((event, i) => {
        values.push(
          stream,
          from + i + 1,
          event.eventId,
          event.type,
          event.schemaVersion,
          JSON.stringify(event.data),
          JSON.stringify(event.metadata),
        )
      })
      await db.query(insertSql(events.length), values, `raw_${schema}_insert_${events.length}`)
    },
    readStream: async (stream: string): Promise<Array<RawEvent>> =>
      (
        await db.query(
          `SELECT ${columns} FROM ${table} WHERE stream = $1 ORDER BY version`,
          [stream],
          `raw_${schema}_stream`,
        )
      ).map(toEvent),
    readAll: async (after: number, limit: number): Promise<Array<RawEvent>> =>
      (
        await db.query(
          `SELECT ${columns} FROM ${table} WHERE id > $1 ORDER BY id LIMIT $2`,
          [after, limit],
          `raw_${schema}_all`,
        )
      ).map(toEvent),
  }
}
