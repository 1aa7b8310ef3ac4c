/**
 * W2's floor on the server (`bench/serverW2.ts --floor`, contender `floor`): the least a store
 * does per read–decide–append while keeping what Yiciban's port promises, written by hand with
 * `pg` and plain functions — no Effect, no general append (one event, an exact expected version),
 * no fallback paths. Its table is the store's own, made by the store's migrations in the floor's
 * schema (`Pg.makePostgres`): the same columns and keys (`(stream, version)`, the global position
 * and the event id unique, the hash). What it keeps of the guarantees:
 *
 * - a global position from the appending transaction's id (what lets a global reader be gap-safe;
 *   the reader's side costs nothing here);
 * - an event id unique across the store (idempotent re-appends are decided by it);
 * - the hash chain: each event's SHA-256 link over its predecessor's stored hash, computed in this
 *   process from the head the read just checked (the cheapest place: `EventChain.link`, one hash
 *   call), the recorded instant sent with it;
 * - the check on read: every row read is compared with the row this process last checked at that
 *   version (all the fields the link covers, its hash and its predecessor's), and a row not seen
 *   before, or changed, has its link recomputed;
 * - the expected version, by the unique `(stream, version)`: a lost race is SQLSTATE 23505.
 *
 * What it leaves out, which the store has: batches, expectation modes, the append function's
 * precise errors, upcasting, size limits, memory bounds. So the floor is a bound: no store with
 * these guarantees does W2 with less work than this. A benchmark's contender, not a store.
 */
import { EventChain } from "@yiciban/eventstore"
import type pg from "pg"

interface Checked {
  readonly hash: string
  readonly previous: string
  readonly eventId: string
  readonly type: string
  readonly schemaVersion: number
  readonly data: string
  readonly metadata: string
  readonly instant: string
  readonly event: FloorEvent
}

export interface FloorEvent {
  readonly globalPosition: number
  readonly streamVersion: number
  readonly eventId: string
  readonly type: string
  readonly schemaVersion: number
  readonly data: unknown
  readonly metadata: unknown
  readonly recordedAt: string
}

export const makeFloor = (pool: pg.Pool, schema: string) => {
  const table = `"${schema}".events`
  const read = {
    name: `floor_${schema}_read`,
    text: `SELECT global_position, version, event_id, type, schema_version, data::text, metadata::text,
       pg_catalog.to_char(recorded_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"'),
       pg_catalog.encode(hash, 'hex')
  FROM ${table} WHERE stream = $1 ORDER BY version`,
    rowMode: "array" as const,
  }
  const insert = {
    name: `floor_${schema}_insert`,
    text: `INSERT INTO ${table} (global_position, version, stream, event_id, type, schema_version, data, metadata, recorded_at, hash)
VALUES (pg_catalog.pg_current_xact_id()::text::bigint << 16, $1, $2, $3, $4, $5, $6, $7, $8, pg_catalog.decode($9, 'hex'))`,
  }
  /** The rows this process has checked, per stream, by version. */
  const checked = new Map<string, Array<Checked>>()
  return {
    statements: { read, insert },
    /** The stream's events, each link checked (or found unchanged since it was): its head's hash too. */
    readStream: async (stream: string) => {
      const rows = (await pool.query({ ...read, values: [stream] })).rows as Array<Array<unknown>>
      let known = checked.get(stream)
      if (known === undefined) {
        known = []
        checked.set(stream, known)
      }
      const events: Array<FloorEvent> = []
      let previous = EventChain.genesis
      for (let i = 0; i < rows.length; i++) {
        const row = rows[i]!
        const version = Number(row[1])
        if (version !== i + 1) throw new Error(`${stream}: version ${version} at ${i + 1}`)
        const [eventId, type, schemaVersion, data, metadata, instant, hash] = row.slice(2) as [
          string,
          string,
          number,
          string,
          string,
          string,
          string,
        ]
        const seen = known[i]
        let event: FloorEvent
        if (
          seen !== undefined &&
          seen.hash === hash &&
          seen.previous === previous &&
          seen.eventId === eventId &&
          seen.type === type &&
          seen.schemaVersion === schemaVersion &&
          seen.data === data &&
          seen.metadata === metadata &&
          seen.instant === instant &&
          seen.event.globalPosition === Number(row[0])
        ) {
          event = seen.event
        } else {
          const linked = { stream, streamVersion: version, eventId, type, schemaVersion, data, metadata }
          if (EventChain.link(previous, { ...linked, recordedAt: instant }) !== hash) {
            throw new Error(`${stream}: the link of version ${version} does not hold`)
          }
          event = Object.freeze({
            globalPosition: Number(row[0]),
            streamVersion: version,
            eventId,
            type,
            schemaVersion,
            data: JSON.parse(data),
            metadata: JSON.parse(metadata),
            recordedAt: `${instant.slice(0, -4)}Z`,
          })
          known[i] = { hash, previous, eventId, type, schemaVersion, data, metadata, instant, event }
        }
        events.push(event)
        previous = hash
      }
      return { events, head: previous }
    },
    /** Appends one event at `expected + 1`, linked to `head`; false when the version was taken (23505). */
    append: async (
      stream: string,
      event: {
        readonly eventId: string
        readonly type: string
        readonly schemaVersion: number
        readonly data: unknown
        readonly metadata: unknown
      },
      expected: number,
      head: string,
    ): Promise<boolean> => {
      const data = JSON.stringify(event.data)
      const metadata = JSON.stringify(event.metadata)
      const recordedAt = new Date().toISOString()
      const hash = EventChain.link(head, {
        stream,
        streamVersion: expected + 1,
        eventId: event.eventId,
        type: event.type,
        schemaVersion: event.schemaVersion,
        data,
        metadata,
        recordedAt,
      })
      const values = [
        expected + 1,
        stream,
        event.eventId,
        event.type,
        event.schemaVersion,
        data,
        metadata,
        recordedAt,
        hash,
      ]
      return pool.query({ ...insert, values }).then(
        () => true,
        (error: { code?: string; constraint?: string }) => {
          if (error.code === "23505" && error.constraint === "events_pkey") return false
          throw error
        },
      )
    },
  }
}
