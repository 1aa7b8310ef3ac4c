/**
 * Every SQL text of the store, generated once per schema. One schema, one set of statements, for
 * the server and for PGlite.
 */

/** Schema names the store accepts: lowercase, so they never need case-sensitive quoting. */
export const schemaPattern = /^[a-z_][a-z0-9_]{0,62}$/

/** A 32-bit FNV-1a hash as a signed int4. */
const fnv1a = (text: string): number => {
  let hash = 0x811c9dc5
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i)
    hash = Math.imul(hash, 0x01000193)
  }
  return hash | 0
}

/**
 * The advisory lock keys of a schema. The append function locks a stream with
 * `pg_advisory_xact_lock(hashtextextended(stream, schemaKey))` (the bigint form, objsubid 1);
 * migrations lock with `pg_advisory_xact_lock(migrationKey)`. (Migration 1's function also marked
 * appenders with `pg_advisory_xact_lock_shared(appenderClass, schemaKey)`; from migration 2 the
 * mark is the `RowExclusiveLock` on the events table, see `horizonCte`.)
 */
export interface LockKeys {
  readonly appenderClass: number
  readonly schemaKey: number
  readonly migrationKey: bigint
}

/** "YCB!" as an int4: the high half of the migration key (and the class of migration 1's appender lock). */
const appenderClass = 0x59434221

export const lockKeys = (schema: string): LockKeys => {
  const schemaKey = fnv1a(`yiciban:${schema}`)
  return {
    appenderClass,
    schemaKey,
    migrationKey: (BigInt(appenderClass) << 32n) | BigInt(schemaKey >>> 0),
  }
}

/**
 * Positions are `xid8 * 2^16 + index in the transaction`: 16 bits for the index (at most 65,536
 * events per append), 37 bits for the transaction id (below 2^37 ≈ 1.4 × 10^11), so every
 * position is a safe integer.
 */
export const positionShift = 16
export const maxBatch = 2 ** positionShift
export const maxXid = 2 ** (53 - positionShift)

/** The SQL of one schema. */
export interface Statements {
  readonly schema: string
  readonly keys: LockKeys
  readonly migrationsTable: string
  /** The fast path for one event: `$1` stream, `$2` expectation tag, `$3` expected version, `$4`–`$8` the event. */
  readonly appendOne: string
  /** The fast path for a batch: like `appendOne` with `$4`–`$8` arrays (ids, types, versions, data, metadata). */
  readonly appendMany: string
  /**
   * `appendOne` with an inline update: its INSERT as the CTE `appended(global_position, version)`,
   * then `ctes` (data-modifying CTEs reading `appended`, parameters from `$9`).
   */
  readonly appendOneInline: (ctes: string) => string
  /** `appendMany` with an inline update, like `appendOneInline`. */
  readonly appendManyInline: (ctes: string) => string
  /** The append function (migration 2): decides under the stream lock and looks ids up when asked. */
  readonly append: string
  readonly readStream: string
  /**
   * The rows the process checks a stream's chain with, from version 1 (`$2` = 1, at most `$3`):
   * the JSON as text, the recorded time with microseconds, the stored hash (hex) and `batch_start`.
   */
  readonly readStreamChecked: string
  /**
   * The same from version `$2` > 1: from the predecessor of `$2`, or of its batch's first version
   * when `$2` is inside a format-2 batch, and at most `$3` rows from `$2` on. (A statement of its
   * own: the lookup of `$2`'s batch costs a read from version 1 about a tenth of its time.)
   */
  readonly readStreamCheckedFrom: string
  /** The rest of a format-2 batch after version `$2`: its rows with `batch_start = $3`, one index probe each (a read cut inside it). */
  readonly readBatchRest: string
  /** Every event whose link or version does not follow (stream, version, previous version, linked). */
  readonly verifyLinks: string
  readonly verifyCounts: string
  /** Every anchor with the stream's version and the hash stored at the anchored version. */
  readonly anchors: string
  /** Records each stream's head where it extends its anchor; returns how many moved. */
  readonly anchor: string
  /** A page of the global order with the horizon's row: `$1` the first position, `$2` the limit. */
  readonly readAll: string
  /**
   * `readAll` for a limit at most `cap` (a power of two, `readAllCap`): the page is cut at the
   * constant `cap` first, then at `$2`, so that its generic plan estimates at most `cap` rows.
   */
  readonly readAllCapped: (cap: number) => string
  readonly horizon: string
  readonly terminate: string
  readonly loadCheckpoint: string
  readonly saveCheckpoint: string
  readonly saveSnapshot: string
  readonly loadSnapshot: string
}

/**
 * `readAll`'s statement. With `cap`, the page is cut at that constant before `$2`: PostgreSQL keeps a
 * named statement's generic plan only while its estimated cost is below the custom plans', and a
 * generic plan estimates `LIMIT $2` at a tenth of the rows its range may hold — at 10 million events
 * 5,181 rows, cost 878 against 271 for the custom plan, so every poll was planned again (about 1 ms,
 * more than its execution; docs/scaling.md). Cut at a constant, the estimate is at most `cap` rows
 * at any size. The rows are the same: the first `$2` (≤ `cap`) of the range in position order.
 */
const readAll = (s: string, locksSource: string | undefined, cap?: number) => `WITH ${horizonCte(s, locksSource)},
page AS (
  SELECT ${eventColumns("e")}
  FROM ${s}.events e
  WHERE e.global_position >= $1 AND e.global_position < (SELECT h.bound FROM horizon h)
  ORDER BY e.global_position
  LIMIT ${cap === undefined ? "$2" : `${cap}`}
)
SELECT * FROM (
  SELECT NULL::bigint AS global_position, h.bound AS version, h.blocker_pid::text AS stream,
         NULL::uuid AS event_id, h.blocker_xid AS type, NULL::integer AS schema_version,
         NULL::json AS data, NULL::json AS metadata, h.blocker_since AS recorded_at, h.blocker_age_ms
  FROM horizon h
  UNION ALL
  SELECT p.*, NULL::float8 FROM ${cap === undefined ? "page p" : "(SELECT * FROM page ORDER BY global_position LIMIT $2) p"}
) rows`

/** The largest `readAll` limit served by a capped statement (`readAllCapped`); larger ones use `readAll`. */
export const maxReadAllCap = 2 ** 16

/** The cap of `readAllCapped` for `limit`: the least power of two at or above it; undefined above `maxReadAllCap`. */
export const readAllCap = (limit: number): number | undefined => {
  if (limit > maxReadAllCap) return undefined
  let cap = 1
  while (cap < limit) cap *= 2
  return cap
}

const iso = (column: string) => `to_char(${column} AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`

/** What the read check needs of a row: `eventColumns` with the JSON as text, the time to the microsecond, the hash (hex) and `batch_start`. */
const checkedColumns = (e: string) =>
  `${e}.global_position, ${e}.version, ${e}.stream, ${e}.event_id, ${e}.type, ${e}.schema_version, ` +
  `${e}.data::text, ${e}.metadata::text, ${chainInstant(`${e}.recorded_at`)} AS recorded_at, ` +
  `pg_catalog.encode(${e}.hash, 'hex') AS hash, ${e}.batch_start`

const eventColumns = (e: string) =>
  `${e}.global_position, ${e}.version, ${e}.stream, ${e}.event_id, ${e}.type, ${e}.schema_version, ` +
  `${e}.data, ${e}.metadata, ${iso(`${e}.recorded_at`)} AS recorded_at`

/**
 * The read horizon, as a CTE chain ending in `horizon(bound, blocker_pid, blocker_xid,
 * blocker_since, blocker_age_ms)`. `bound` is the first global position a reader may not return
 * yet: every committed event below it is visible in this statement's snapshot and no event below
 * it will ever be committed later (see docs/eventstore.md for the argument).
 *
 * A transaction in progress in the snapshot is passed over only when the lock read shows it
 * holding its transaction id without the appender lock AND it is still in progress after that
 * read (`pg_xact_status`, which asks the proc array): `pg_locks` reads the backends' fast-path
 * locks before the shared lock table, and a committing transaction leaves the proc array, then
 * drops its fast-path locks (the appender lock) before its shared ones (its transaction-id lock),
 * so a lock read alone can show a committing appender as a non-appender. The CASE makes the status
 * check wait for the whole lock read. `locksSource` replaces `pg_locks` in tests that replay a lock
 * read taken at a chosen moment.
 */
// #region horizon
const horizonCte = (s: string, locksSource = "pg_catalog.pg_locks") => `
snap AS MATERIALIZED (SELECT pg_catalog.pg_current_snapshot() AS s),
locks AS MATERIALIZED (
  SELECT l.locktype, l.database, l.relation, l.transactionid, l.pid, l.mode, l.granted
  FROM ${locksSource} l
),
appenders AS (
  SELECT l.pid FROM locks l
  WHERE l.locktype = 'relation' AND l.granted AND l.mode = 'RowExclusiveLock'
    AND l.relation = '${s}.events'::pg_catalog.regclass
    AND l.database = (SELECT d.oid FROM pg_catalog.pg_database d WHERE d.datname = pg_catalog.current_database())
),
xip AS (
  SELECT x.id, r.pid, r.pid IN (SELECT a.pid FROM appenders a) AS appending
  FROM snap CROSS JOIN pg_catalog.pg_snapshot_xip(snap.s) AS x(id)
  LEFT JOIN locks r
    ON r.locktype = 'transactionid' AND r.mode = 'ExclusiveLock' AND r.granted AND r.transactionid = x.id::xid
),
open AS (
  SELECT x.id, x.pid, x.appending FROM xip x
  WHERE x.pid IS NULL OR x.appending
     OR CASE WHEN (SELECT count(*) FROM locks) >= 0 THEN pg_catalog.pg_xact_status(x.id) END
        IS DISTINCT FROM 'in progress'
),
blocker AS (
  SELECT o.id, o.pid FROM open o WHERE o.appending ORDER BY o.id LIMIT 1
),
horizon AS (
  SELECT
    (LEAST((SELECT min(o.id) FROM open o), (SELECT pg_catalog.pg_snapshot_xmax(snap.s) FROM snap))::text::bigint
      << ${positionShift}) AS bound,
    b.pid AS blocker_pid,
    b.id::text AS blocker_xid,
    ${iso("a.xact_start")} AS blocker_since,
    (extract(epoch FROM (pg_catalog.clock_timestamp() - a.xact_start)) * 1000)::float8 AS blocker_age_ms
  FROM (SELECT 1) AS one
  LEFT JOIN blocker b ON true
  LEFT JOIN pg_catalog.pg_stat_activity a ON a.pid = b.pid
)`
// #endregion horizon

// #region tables
const tables = (s: string) => `
CREATE TABLE ${s}.events (
  global_position bigint      NOT NULL,
  version         bigint      NOT NULL,
  stream          text        NOT NULL,
  event_id        uuid        NOT NULL,
  type            text        NOT NULL,
  schema_version  integer     NOT NULL,
  data            json        NOT NULL,
  metadata        json        NOT NULL,
  recorded_at     timestamptz NOT NULL DEFAULT now(),
  CONSTRAINT events_pkey PRIMARY KEY (stream, version),
  CONSTRAINT events_global_position_key UNIQUE (global_position),
  CONSTRAINT events_event_id_key UNIQUE (event_id),
  CONSTRAINT events_version_check CHECK (version >= 1)
);
COMMENT ON TABLE ${s}.events IS 'Yiciban events. Write only through the append function; see docs/eventstore.md.';
COMMENT ON COLUMN ${s}.events.global_position IS 'xid8 of the appending transaction * 65536 + index in the append';
CREATE TABLE ${s}.checkpoints (
  name       text        NOT NULL,
  position   bigint      NOT NULL,
  updated_at timestamptz NOT NULL DEFAULT now(),
  CONSTRAINT checkpoints_pkey PRIMARY KEY (name),
  CONSTRAINT checkpoints_position_check CHECK (position >= 0)
);
CREATE TABLE ${s}.snapshots (
  stream         text        NOT NULL,
  version        bigint      NOT NULL,
  schema_version integer     NOT NULL,
  state          json        NOT NULL,
  saved_at       timestamptz NOT NULL DEFAULT now(),
  CONSTRAINT snapshots_pkey PRIMARY KEY (stream)
);`
// #endregion tables

// #region chain
/** 32 zero bytes: the hash before every stream's first event (`EventChain.genesis`). */
export const genesis = `pg_catalog.decode('${"00".repeat(32)}', 'hex')`

/** The recorded time as the chain covers it: UTC, six fraction digits (`EventChain.canonicalInstant`). */
const chainInstant = (column: string) =>
  `pg_catalog.to_char(${column} AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')`

/** The time an append records: the transaction's start, to the millisecond (what reads return). */
const recordedNow = `pg_catalog.date_trunc('milliseconds', pg_catalog.now())`

interface ChainFields {
  readonly stream: string
  readonly version: string
  readonly eventId: string
  readonly type: string
  readonly schemaVersion: string
  readonly data: string
  readonly metadata: string
  readonly recordedAt: string
}

/**
 * The preimage of a link (`EventChain.preimage`): netstrings `<octets>:<text>,` of the stream,
 * version, event id, type, schema version, stored data and metadata JSON text and the recorded
 * time, as UTF-8. Each argument is a SQL expression of type text.
 */
const preimage = (f: ChainFields): string =>
  `pg_catalog.convert_to(${[f.stream, f.version, f.eventId, f.type, f.schemaVersion, f.data, f.metadata, f.recordedAt]
    .map((text) => `pg_catalog.octet_length(${text})::text || ':' || ${text} || ','`)
    .join(" || ")}, 'UTF8')`

/** The preimage of the stored row `e` (its columns as stored), as `verifyLinks` and migration 3 compute it. */
export const storedPreimage = (e: string) =>
  preimage({
    stream: `${e}.stream`,
    version: `${e}.version::text`,
    eventId: `${e}.event_id::text`,
    type: `${e}.type`,
    schemaVersion: `${e}.schema_version::text`,
    data: `${e}.data::text`,
    metadata: `${e}.metadata::text`,
    recordedAt: chainInstant(`${e}.recorded_at`),
  })

/** The stream's head in one row, (0, genesis) when it has no events: its version and its hash. */
const headOf = (s: string, stream: string) => `(SELECT 1) AS one
      LEFT JOIN LATERAL (
        SELECT e.version, e.hash FROM ${s}.events e WHERE e.stream = ${stream} ORDER BY e.version DESC LIMIT 1
      ) h ON true`

/**
 * A batch's rows with their hashes: `input(n, version, …, pre)` holds the batch (n from 1), `head`
 * the stream's head hash; the `chain` aggregate folds the head then each preimage in order, so
 * row n gets SHA-256(hash of row n − 1 ‖ preimage of row n), in one pass.
 */
const chained = (s: string, head: string) => `chained AS (
  SELECT i.*, ${s}.chain(i.pre) OVER (ORDER BY i.n ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW) AS hash
    FROM (
      SELECT 0::bigint AS n, NULL::bigint AS version, NULL::uuid AS id, NULL::text AS type, NULL::integer AS v,
             NULL::json AS data, NULL::json AS meta, NULL::timestamptz AS at, ${head} AS pre
      UNION ALL
      SELECT i.n, i.version, i.id, i.type, i.v, i.data, i.meta, i.at, i.pre FROM input i
    ) i
)`

/** The batch as rows with their preimages, from arrays (`$4`–`$8` or the function's parameters). */
const inputRows = (
  stream: string,
  version: string,
  at: string,
  arrays: readonly [string, string, string, string, string],
  atText: string = chainInstant(at),
) => `
  SELECT x.n, ${version} + x.n AS version, x.id, x.type, x.v, x.data, x.meta, ${at} AS at,
         ${preimage({
           stream,
           version: `(${version} + x.n)::text`,
           eventId: "x.id::text",
           type: "x.type",
           schemaVersion: "x.v::text",
           data: "x.data::text",
           metadata: "x.meta::text",
           recordedAt: atText,
         })} AS pre
    FROM ROWS FROM (
      unnest(${arrays[0]}), unnest(${arrays[1]}), unnest(${arrays[2]}), json_array_elements(${arrays[3]}), json_array_elements(${arrays[4]})
    ) WITH ORDINALITY AS x(id, type, v, data, meta, n)`
// #endregion chain

/** Migration 1's append function. Superseded by migration 2; its text must never change. */
const appendFunctionV1 = (s: string, keys: LockKeys) => `
CREATE FUNCTION ${s}.append(
  p_stream text, p_expected text, p_expected_version bigint,
  p_ids uuid[], p_types text[], p_versions integer[], p_data json, p_meta json,
  p_look_up_ids boolean,
  OUT outcome text, OUT stream_version bigint, OUT first_position bigint, OUT existing json
)
LANGUAGE plpgsql
AS $append$
DECLARE
  v_count integer := coalesce(cardinality(p_ids), 0);
  v_xid bigint;
BEGIN
  -- Positions come from this transaction's id, so it must get its id after the locks below.
  IF pg_catalog.pg_current_xact_id_if_assigned() IS NOT NULL THEN
    RAISE EXCEPTION 'an append must be the first write of its transaction' USING ERRCODE = 'YC001';
  END IF;
  -- Each statement below must see what committed before it (the stream's version after the lock).
  IF pg_catalog.current_setting('transaction_isolation') <> 'read committed' THEN
    RAISE EXCEPTION 'an append runs at READ COMMITTED, not %', pg_catalog.current_setting('transaction_isolation')
      USING ERRCODE = 'YC004';
  END IF;
  IF v_count > ${maxBatch} THEN
    RAISE EXCEPTION 'an append holds at most ${maxBatch} events' USING ERRCODE = 'YC002';
  END IF;
  -- Mark this transaction as an appender for readers (shared lock, held to the end), then
  -- serialize appends to the stream (exclusive lock on the stream's hash, held to the end).
  PERFORM pg_catalog.pg_advisory_xact_lock_shared(${keys.appenderClass}, ${keys.schemaKey}),
          pg_catalog.pg_advisory_xact_lock(pg_catalog.hashtextextended(p_stream, ${keys.schemaKey}));
  -- A new statement, so a new snapshot: it sees the stream as the previous lock holder left it.
  SELECT coalesce(max(e.version), 0) INTO stream_version FROM ${s}.events e WHERE e.stream = p_stream;
  outcome := 'facts';
  IF v_count = 0 OR NOT (
       p_expected = 'Any'
    OR (p_expected = 'NoStream' AND stream_version = 0)
    OR (p_expected = 'StreamExists' AND stream_version > 0)
    OR (p_expected = 'Exact' AND stream_version = p_expected_version)
  ) OR p_look_up_ids THEN
    -- Off the fast path: the caller decides (AppendPlan) from the version and the stored ids.
    SELECT json_agg(json_build_array(e.event_id, e.stream, e.version, e.global_position) ORDER BY e.global_position)
      INTO existing
      FROM ${s}.events e
     WHERE e.event_id = ANY (p_ids);
    IF existing IS NOT NULL OR v_count = 0 OR NOT (
         p_expected = 'Any'
      OR (p_expected = 'NoStream' AND stream_version = 0)
      OR (p_expected = 'StreamExists' AND stream_version > 0)
      OR (p_expected = 'Exact' AND stream_version = p_expected_version)
    ) THEN
      RETURN;
    END IF;
  END IF;
  v_xid := pg_catalog.pg_current_xact_id()::text::bigint;
  IF v_xid >= ${maxXid} THEN
    RAISE EXCEPTION 'transaction id % is beyond the range of global positions', v_xid USING ERRCODE = 'YC003';
  END IF;
  -- The fast path writes without looking the ids up: an id already stored fails the unique
  -- index (23505), the statement rolls back, and the caller retries with p_look_up_ids.
  INSERT INTO ${s}.events (global_position, version, stream, event_id, type, schema_version, data, metadata)
  SELECT (v_xid << ${positionShift}) + x.n - 1, stream_version + x.n, p_stream, x.id, x.type, x.v, x.data, x.meta
    FROM ROWS FROM (
      unnest(p_ids), unnest(p_types), unnest(p_versions), json_array_elements(p_data), json_array_elements(p_meta)
    ) WITH ORDINALITY AS x(id, type, v, data, meta, n);
  outcome := 'written';
  stream_version := stream_version + v_count;
  first_position := v_xid << ${positionShift};
END
$append$`

// #region append-function
/**
 * Migration 2's append function: the slow path, called when the single-statement fast path
 * (`fastAppend`) did not write — the expectation did not hold there, an id was already stored, or
 * a concurrent append took the version. It decides under the stream lock with a fresh snapshot and
 * returns the facts (`outcome = 'facts'`) whenever the caller must plan with `AppendPlan`.
 */
const appendFunction = (s: string, keys: LockKeys) => `
CREATE OR REPLACE FUNCTION ${s}.append(
  p_stream text, p_expected text, p_expected_version bigint,
  p_ids uuid[], p_types text[], p_versions integer[], p_data json, p_meta json,
  p_look_up_ids boolean,
  OUT outcome text, OUT stream_version bigint, OUT first_position bigint, OUT existing json
)
LANGUAGE plpgsql
AS $append$
DECLARE
  v_count integer := coalesce(cardinality(p_ids), 0);
  v_xid bigint;
BEGIN
  -- Positions come from this transaction's id, so it must get its id after the locks below.
  IF pg_catalog.pg_current_xact_id_if_assigned() IS NOT NULL THEN
    RAISE EXCEPTION 'an append must be the first write of its transaction' USING ERRCODE = 'YC001';
  END IF;
  -- Each statement below must see what committed before it (the stream's version after the lock).
  IF pg_catalog.current_setting('transaction_isolation') <> 'read committed' THEN
    RAISE EXCEPTION 'an append runs at READ COMMITTED, not %', pg_catalog.current_setting('transaction_isolation')
      USING ERRCODE = 'YC004';
  END IF;
  IF v_count > ${maxBatch} THEN
    RAISE EXCEPTION 'an append holds at most ${maxBatch} events' USING ERRCODE = 'YC002';
  END IF;
  -- Mark this transaction as an appender for readers: they look for writers of the events table
  -- in pg_locks. The INSERT below takes this lock too, but only after the transaction id exists.
  LOCK TABLE ${s}.events IN ROW EXCLUSIVE MODE;
  -- Serialize the slow path on the stream (exclusive lock on the stream's hash, held to the end).
  PERFORM pg_catalog.pg_advisory_xact_lock(pg_catalog.hashtextextended(p_stream, ${keys.schemaKey}));
  -- A new statement, so a new snapshot: it sees the stream as the previous lock holder left it.
  SELECT coalesce(max(e.version), 0) INTO stream_version FROM ${s}.events e WHERE e.stream = p_stream;
  outcome := 'facts';
  IF v_count = 0 OR NOT (
       p_expected = 'Any'
    OR (p_expected = 'NoStream' AND stream_version = 0)
    OR (p_expected = 'StreamExists' AND stream_version > 0)
    OR (p_expected = 'Exact' AND stream_version = p_expected_version)
  ) OR p_look_up_ids THEN
    -- The caller decides (AppendPlan) from the version and the stored ids.
    SELECT json_agg(json_build_array(e.event_id, e.stream, e.version, e.global_position) ORDER BY e.global_position)
      INTO existing
      FROM ${s}.events e
     WHERE e.event_id = ANY (p_ids);
    IF existing IS NOT NULL OR v_count = 0 OR NOT (
         p_expected = 'Any'
      OR (p_expected = 'NoStream' AND stream_version = 0)
      OR (p_expected = 'StreamExists' AND stream_version > 0)
      OR (p_expected = 'Exact' AND stream_version = p_expected_version)
    ) THEN
      RETURN;
    END IF;
  END IF;
  v_xid := pg_catalog.pg_current_xact_id()::text::bigint;
  IF v_xid >= ${maxXid} THEN
    RAISE EXCEPTION 'transaction id % is beyond the range of global positions', v_xid USING ERRCODE = 'YC003';
  END IF;
  -- Without p_look_up_ids an id already stored fails the unique index (23505) and the caller
  -- retries with it; so does a fast-path append that took the version first.
  INSERT INTO ${s}.events (global_position, version, stream, event_id, type, schema_version, data, metadata)
  SELECT (v_xid << ${positionShift}) + x.n - 1, stream_version + x.n, p_stream, x.id, x.type, x.v, x.data, x.meta
    FROM ROWS FROM (
      unnest(p_ids), unnest(p_types), unnest(p_versions), json_array_elements(p_data), json_array_elements(p_meta)
    ) WITH ORDINALITY AS x(id, type, v, data, meta, n);
  outcome := 'written';
  stream_version := stream_version + v_count;
  first_position := v_xid << ${positionShift};
END
$append$`
// #endregion append-function

// #region append-function-v3
/**
 * The append function from migration 3 on: it decides under the stream lock, as migration 2's,
 * reads the head's version and hash from the same row, records the transaction's start (to the
 * millisecond) explicitly, and ends with `write`, the INSERT that chains the new events to
 * `v_head` (`declarations`: more variables for it). Migration 3's and 4's differ in `write` only.
 */
const chainedAppendFunction = (s: string, keys: LockKeys, declarations: string, write: string) => `
CREATE OR REPLACE FUNCTION ${s}.append(
  p_stream text, p_expected text, p_expected_version bigint,
  p_ids uuid[], p_types text[], p_versions integer[], p_data json, p_meta json,
  p_look_up_ids boolean,
  OUT outcome text, OUT stream_version bigint, OUT first_position bigint, OUT existing json
)
LANGUAGE plpgsql
AS $append$
DECLARE
  v_count integer := coalesce(cardinality(p_ids), 0);
  v_xid bigint;
  v_head bytea;
${declarations}  v_at timestamptz := ${recordedNow};
BEGIN
  -- Positions come from this transaction's id, so it must get its id after the locks below.
  IF pg_catalog.pg_current_xact_id_if_assigned() IS NOT NULL THEN
    RAISE EXCEPTION 'an append must be the first write of its transaction' USING ERRCODE = 'YC001';
  END IF;
  -- Each statement below must see what committed before it (the stream's version after the lock).
  IF pg_catalog.current_setting('transaction_isolation') <> 'read committed' THEN
    RAISE EXCEPTION 'an append runs at READ COMMITTED, not %', pg_catalog.current_setting('transaction_isolation')
      USING ERRCODE = 'YC004';
  END IF;
  IF v_count > ${maxBatch} THEN
    RAISE EXCEPTION 'an append holds at most ${maxBatch} events' USING ERRCODE = 'YC002';
  END IF;
  -- Mark this transaction as an appender for readers: they look for writers of the events table
  -- in pg_locks. The INSERT below takes this lock too, but only after the transaction id exists.
  LOCK TABLE ${s}.events IN ROW EXCLUSIVE MODE;
  -- Serialize the slow path on the stream (exclusive lock on the stream's hash, held to the end).
  PERFORM pg_catalog.pg_advisory_xact_lock(pg_catalog.hashtextextended(p_stream, ${keys.schemaKey}));
  -- A new statement, so a new snapshot: it sees the stream as the previous lock holder left it.
  -- The head's version and hash come from the same row.
  SELECT coalesce(h.version, 0), coalesce(h.hash, ${genesis}) INTO stream_version, v_head FROM ${headOf(s, "p_stream")};
  outcome := 'facts';
  IF v_count = 0 OR NOT (
       p_expected = 'Any'
    OR (p_expected = 'NoStream' AND stream_version = 0)
    OR (p_expected = 'StreamExists' AND stream_version > 0)
    OR (p_expected = 'Exact' AND stream_version = p_expected_version)
  ) OR p_look_up_ids THEN
    -- The caller decides (AppendPlan) from the version and the stored ids.
    SELECT json_agg(json_build_array(e.event_id, e.stream, e.version, e.global_position) ORDER BY e.global_position)
      INTO existing
      FROM ${s}.events e
     WHERE e.event_id = ANY (p_ids);
    IF existing IS NOT NULL OR v_count = 0 OR NOT (
         p_expected = 'Any'
      OR (p_expected = 'NoStream' AND stream_version = 0)
      OR (p_expected = 'StreamExists' AND stream_version > 0)
      OR (p_expected = 'Exact' AND stream_version = p_expected_version)
    ) THEN
      RETURN;
    END IF;
  END IF;
  v_xid := pg_catalog.pg_current_xact_id()::text::bigint;
  IF v_xid >= ${maxXid} THEN
    RAISE EXCEPTION 'transaction id % is beyond the range of global positions', v_xid USING ERRCODE = 'YC003';
  END IF;
  -- Without p_look_up_ids an id already stored fails the unique index (23505) and the caller
  -- retries with it; so does a fast-path append that took the version first.
${write}  outcome := 'written';
  stream_version := stream_version + v_count;
  first_position := v_xid << ${positionShift};
END
$append$`

/**
 * Migration 3's append function: each event's hash chained to the previous one (format 1), the
 * recorded time written explicitly, so the hash covers what is stored. Its text must never change.
 */
const appendFunctionV3 = (s: string, keys: LockKeys) =>
  chainedAppendFunction(
    s,
    keys,
    "",
    `  WITH input AS MATERIALIZED (${inputRows("p_stream", "stream_version", "v_at", ["p_ids", "p_types", "p_versions", "p_data", "p_meta"])}
  ),
  ${chained(s, "v_head")}
  INSERT INTO ${s}.events (global_position, version, stream, event_id, type, schema_version, data, metadata, recorded_at, hash)
  SELECT (v_xid << ${positionShift}) + c.n - 1, c.version, p_stream, c.id, c.type, c.v, c.data, c.meta, c.at, c.hash
    FROM chained c WHERE c.n > 0;
`,
  )
// #endregion append-function-v3

// #region append-function-v4
/**
 * Migration 4's append function: migration 3's, with a batch of two or more events linked once
 * (format 2, `batchLink`: every row stores the batch's hash and its first version in
 * `batch_start`); a single event is linked as before (format 1).
 */
const appendFunctionV4 = (s: string, keys: LockKeys) =>
  chainedAppendFunction(
    s,
    keys,
    "  v_hash bytea;\n",
    `  IF v_count = 1 THEN
    WITH input AS MATERIALIZED (${inputRows("p_stream", "stream_version", "v_at", ["p_ids", "p_types", "p_versions", "p_data", "p_meta"])}
    ),
    ${chained(s, "v_head")}
    INSERT INTO ${s}.events (global_position, version, stream, event_id, type, schema_version, data, metadata, recorded_at, hash)
    SELECT (v_xid << ${positionShift}) + c.n - 1, c.version, p_stream, c.id, c.type, c.v, c.data, c.meta, c.at, c.hash
      FROM chained c WHERE c.n > 0;
  ELSE
    -- Once, into a variable: in the INSERT's target list it would be computed for every row.
    v_hash := ${batchLink("v_head", {
      streamField: netstring("p_stream"),
      first: "(stream_version + 1)::text",
      count: "v_count::text",
      timeField: netstring(chainInstant("v_at")),
      arrays: ["p_ids::text", "p_types::text", "p_versions::text", "p_data::text", "p_meta::text"],
    })};
    INSERT INTO ${s}.events (global_position, version, stream, event_id, type, schema_version, data, metadata, recorded_at, hash, batch_start)
    SELECT (v_xid << ${positionShift}) + x.n - 1, stream_version + x.n, p_stream, x.id, x.type, x.v, x.data, x.meta, v_at,
           v_hash, stream_version + 1
      FROM ROWS FROM (
        unnest(p_ids), unnest(p_types), unnest(p_versions), json_array_elements(p_data), json_array_elements(p_meta)
      ) WITH ORDINALITY AS x(id, type, v, data, meta, n);
  END IF;
`,
  )
// #endregion append-function-v4

// #region migration-4
/**
 * Migration 4: a batch of two or more events is linked once (format 2): `batch_start` marks its
 * rows with the batch's first version (NULL for a link of one event, format 1, and for every event
 * stored before this migration, whose links do not change).
 */
const batchLinkMigration = (s: string, keys: LockKeys) => `
ALTER TABLE ${s}.events ADD COLUMN batch_start bigint;
COMMENT ON COLUMN ${s}.events.batch_start IS 'The first version of the append whose events share one link (format 2); NULL for a link of one event. See docs/eventstore.md';
COMMENT ON COLUMN ${s}.events.hash IS 'sha256(hash of the previous event of the stream || preimage): of this event (format 1) or of its whole append (format 2, batch_start set); see docs/eventstore.md';
${appendFunctionV4(s, keys)};
`
// #endregion migration-4

// #region migration-3
/**
 * Migration 3: the hash chain. Events stored before it are chained here, in version order per
 * stream, over what is stored (their recorded times keep their microseconds); the column is then
 * NOT NULL. `anchors` keeps the last anchored head of each stream.
 */
const chainMigration = (s: string, keys: LockKeys) => `
CREATE FUNCTION ${s}.chain_link(bytea, bytea) RETURNS bytea
  LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
  AS $link$SELECT pg_catalog.sha256($1 OPERATOR(pg_catalog.||) $2)$link$;
COMMENT ON FUNCTION ${s}.chain_link(bytea, bytea) IS 'One link of an event hash chain: sha256(previous hash || preimage)';
CREATE AGGREGATE ${s}.chain(bytea) (SFUNC = ${s}.chain_link, STYPE = bytea);
COMMENT ON AGGREGATE ${s}.chain(bytea) IS 'Folds a head hash, then preimages, into the chain (first value is the start)';
ALTER TABLE ${s}.events ADD COLUMN hash bytea;
COMMENT ON COLUMN ${s}.events.hash IS 'sha256(hash of the previous event of the stream || preimage of this one); see docs/eventstore.md';
UPDATE ${s}.events e SET hash = c.hash
  FROM (
    SELECT x.stream, x.version,
           ${s}.chain(x.pre) OVER (PARTITION BY x.stream ORDER BY x.version ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW) AS hash
      FROM (
        SELECT DISTINCT e.stream, 0::bigint AS version, ${genesis} AS pre FROM ${s}.events e
        UNION ALL
        SELECT e.stream, e.version, ${storedPreimage("e")} AS pre FROM ${s}.events e
      ) x
  ) c
 WHERE c.stream = e.stream AND c.version = e.version AND c.version > 0;
ALTER TABLE ${s}.events ALTER COLUMN hash SET NOT NULL;
CREATE TABLE ${s}.anchors (
  stream      text        NOT NULL,
  version     bigint      NOT NULL,
  hash        bytea       NOT NULL,
  anchored_at timestamptz NOT NULL DEFAULT now(),
  CONSTRAINT anchors_pkey PRIMARY KEY (stream)
);
COMMENT ON TABLE ${s}.anchors IS 'The last anchored head (version, hash) of each stream; see docs/eventstore.md';
${appendFunctionV3(s, keys)};
`
// #endregion migration-3

// #region fast-append
/**
 * The fast path: one INSERT that reads the stream's version in its own snapshot, checks the
 * expectation and writes, or writes nothing. No function call, no advisory lock: the unique
 * `(stream, version)` index settles races (a concurrent append of the same version makes this one
 * fail with 23505, and the caller goes to the append function), and the statement's
 * `RowExclusiveLock` on the events table, taken before it runs, marks it as an appender before it
 * gets its transaction id (in the projection of its first row). `fresh` (no transaction id yet, READ
 * COMMITTED) is computed once, before any row is written; when it is false nothing is written and
 * the append function raises the precise error.
 */
const fresh = `pg_catalog.pg_current_xact_id_if_assigned() IS NULL
           AND pg_catalog.current_setting('transaction_isolation') = 'read committed'`
const expectationHolds = (version: string) => `(
       $2::text = 'Any'
    OR ($2::text = 'NoStream' AND ${version} = 0)
    OR ($2::text = 'StreamExists' AND ${version} > 0)
    OR ($2::text = 'Exact' AND ${version} = $3::bigint))`
/** NULL — a NOT NULL violation (23502) — for a transaction id beyond the range of positions. */
const position = `CASE WHEN pg_catalog.pg_current_xact_id() < '${maxXid}'::pg_catalog.xid8
         THEN pg_catalog.pg_current_xact_id()::text::bigint << ${positionShift} END`

/**
 * A netstring `<octets>:<text>,` of a SQL text expression, as `preimage` makes each field. Each
 * expression is evaluated twice (its length, its text).
 */
const netstring = (text: string) => `pg_catalog.octet_length(${text})::text || ':' || ${text} || ','`

/** The same netstring as `concat()` arguments (its length, `:`, the text, `,`): no `||` copies. */
const netstringParts = (text: string) => `pg_catalog.octet_length(${text}), ':', ${text}, ','`

/**
 * The stream's head (`headOf`) with what the fast paths chain a new event from, once per statement:
 * the head's version and hash, the recorded time, the stream's and the time's netstrings (the first
 * and last fields of every preimage of the append) and `fresh`.
 */
const fastHead = (
  s: string,
) => `SELECT coalesce(h.version, 0) AS version, coalesce(h.hash, ${genesis}) AS hash, ${recordedNow} AS at,
         ${netstring("$1::text")} AS stream_field, ${netstring(chainInstant(recordedNow))} AS time_field, ${fresh} AS fresh
    FROM ${headOf(s, "$1")}`

/**
 * The preimage of a new event on the fast paths: the same bytes as `preimage` (which migration 3's
 * append function and `verifyLinks` use) with fewer calls per event — the stream's and the recorded
 * time's netstrings come from `c` (made once per statement), an event id's text is always 36
 * characters (a uuid's canonical form), and the other fields are netstrings as in `preimage`. The test
 * "the fast paths' preimage is the bytes of EventChain.preimage" holds the two to the same bytes.
 */
const newEventPreimage = (f: Omit<ChainFields, "stream" | "recordedAt">) =>
  `pg_catalog.convert_to(pg_catalog.concat(c.stream_field, ${[f.version, f.type, f.schemaVersion, f.data, f.metadata]
    .map((text, i) => `${i === 1 ? `'36:', ${f.eventId}, ',', ` : ""}${netstringParts(text)}`)
    .join(", ")}, c.time_field), 'UTF8')`

/**
 * One event: the subquery is the only FROM item, so it runs once. It reads the stream's head —
 * version and hash from the same row — and the hash of the new event is chained to it.
 */
const appendOne = (
  s: string,
) => `INSERT INTO ${s}.events (global_position, version, stream, event_id, type, schema_version, data, metadata, recorded_at, hash)
SELECT ${position}, c.version + 1, $1, $4::uuid, $5::text, $6::integer, $7::json, $8::json, c.at,
       pg_catalog.sha256(c.hash || ${newEventPreimage({
         version: "(c.version + 1)::text",
         eventId: "$4::uuid::text",
         type: "$5::text",
         schemaVersion: "$6::integer::text",
         data: "$7::json::text",
         metadata: "$8::json::text",
       })})
  FROM (
    ${fastHead(s)}
  ) c
 WHERE c.fresh AND ${expectationHolds("c.version")}
RETURNING global_position, version`

/**
 * The hash of a batch (format 2, `EventChain.linkBatch`): `sha256(head hash ‖ netstrings of the
 * stream, the first version, the count, the recorded time, the ids', types' and schema versions'
 * array texts and the data and metadata JSON arrays)` — one `sha256()` per append, nothing per
 * event. The arrays are the append's parameters (`$4`–`$8`, or the append function's): `array_out`
 * renders the uuid, text and integer arrays canonically from their values, and the JSON arrays are
 * the texts the events' data and metadata are cut from (`json_array_elements` keeps each element's
 * text as sent; the process joins texts with no space around them, so the array's text is
 * `[` + the stored texts joined by `,` + `]`, which is what `verifyLinks` and the read check
 * rebuild from the stored rows).
 */
const batchLink = (
  head: string,
  f: {
    readonly streamField: string
    readonly first: string
    readonly count: string
    readonly timeField: string
    readonly arrays: readonly [string, string, string, string, string]
  },
) =>
  `pg_catalog.sha256(${head} || pg_catalog.convert_to(pg_catalog.concat(${[
    f.streamField,
    netstringParts(f.first),
    netstringParts(f.count),
    f.timeField,
    ...f.arrays.map(netstringParts),
  ].join(", ")}), 'UTF8'))`

/**
 * The batch link of the fast path's batch, from `c` (`fastHead`) and the arrays' texts `t`, each
 * rendered once (`OFFSET 0` keeps the subquery from being pulled up and its expressions repeated).
 */
const fastBatchLink = `${batchLink("c.hash", {
  streamField: "c.stream_field",
  first: "(c.version + 1)::text",
  count: "pg_catalog.cardinality($4::uuid[])::text",
  timeField: "c.time_field",
  arrays: ["t.ids", "t.types", "t.versions", "t.data", "t.meta"],
})} AS hash FROM current c, (
    SELECT $4::uuid[]::text AS ids, $5::text[]::text AS types, $6::integer[]::text AS versions,
           $7::json::text AS data, $8::json::text AS meta OFFSET 0
  ) t`

/**
 * A batch: the head and the batch's link (`batchLink`, one hash for the append) are MATERIALIZED
 * CTEs, computed once however the join is planned; every row stores the link, and `batch_start`
 * the batch's first version. One row comes back (the first position, the new version) or none.
 */
const appendManyWritten = (s: string) => `WITH current AS MATERIALIZED (
  ${fastHead(s)}
),
link AS MATERIALIZED (
  SELECT ${fastBatchLink}
),
written AS (
  INSERT INTO ${s}.events (global_position, version, stream, event_id, type, schema_version, data, metadata, recorded_at, hash, batch_start)
  SELECT (${position}) + x.n - 1, c.version + x.n, $1, x.id, x.type, x.v, x.data, x.meta, c.at, l.hash, c.version + 1
    FROM current c, link l, ROWS FROM (
      unnest($4::uuid[]), unnest($5::text[]), unnest($6::integer[]), json_array_elements($7::json), json_array_elements($8::json)
    ) WITH ORDINALITY AS x(id, type, v, data, meta, n)
   WHERE c.fresh AND ${expectationHolds("c.version")}
  RETURNING global_position, version
)`
const appendMany = (s: string) => `${appendManyWritten(s)}
SELECT min(w.global_position) AS global_position, max(w.version) AS version
  FROM written w HAVING count(*) > 0`
// #endregion fast-append

// #region inline-append
/**
 * The fast path with an inline update in the same statement (`PostgresEventStore.appendInline`):
 * the events' INSERT above becomes the CTE `appended` — one row (the first position and the new
 * version) when the events were written, none when nothing was — followed by the caller's
 * data-modifying CTEs (their parameters from `$9`), all in one autocommitted statement, so all of
 * it commits or none of it does. The parts of one statement share its snapshot and none sees
 * another's rows. The caller's CTEs read `appended`, so they write only when the events were
 * written, and only after the events' INSERT has taken the transaction id: nothing else in the
 * statement writes before it, and its `fresh` holds as in the plain fast path. The statement's
 * `RowExclusiveLock` on the events table, the appender's mark, is taken before it runs, as for
 * the plain INSERT.
 */
const appendOneInline = (s: string, ctes: string) => `WITH appended AS (
${appendOne(s)}
),
${ctes}
SELECT a.global_position, a.version FROM appended a`

/** A batch with an inline update: `appended` is the batch's first position and new version. */
const appendManyInline = (s: string, ctes: string) => `${appendManyWritten(s)},
appended AS (
  SELECT min(w.global_position) AS global_position, max(w.version) AS version
    FROM written w HAVING count(*) > 0
),
${ctes}
SELECT a.global_position, a.version FROM appended a`
// #endregion inline-append

/** A versioned migration. */
export interface Migration {
  readonly version: number
  readonly name: string
  readonly sql: string
}

/** Every migration of a schema, in order. Never edit one that has shipped: add the next. */
export const migrations = (schema: string): ReadonlyArray<Migration> => {
  const s = `"${schema}"`
  const keys = lockKeys(schema)
  return [
    {
      version: 1,
      name: "events, checkpoints, snapshots and the append function",
      sql: `${tables(s)}
${appendFunctionV1(s, keys)};
`,
    },
    {
      version: 2,
      name: "single-statement appends: writers of the events table are the appenders; no CHECK on events",
      // PostgreSQL prepares a table's CHECK constraints anew for every statement that writes it
      // (about 5 µs each here); the append paths compute versions from 1 and refuse positions
      // beyond 2^53, so the version check only cost time.
      sql: `${appendFunction(s, keys)};
ALTER TABLE ${s}.events DROP CONSTRAINT events_version_check;
`,
    },
    {
      version: 3,
      name: "tamper evidence: a hash chain per stream (existing events chained), anchors of stream heads",
      sql: chainMigration(s, keys),
    },
    {
      version: 4,
      name: "one link per batch append (format 2): batch_start marks the events that share it",
      sql: batchLinkMigration(s, keys),
    },
  ]
}

/**
 * The statements of one schema. `options.locksSource` (tests only) reads the horizon's locks from
 * another relation than `pg_catalog.pg_locks`.
 */
export const statements = (schema: string, options: { readonly locksSource?: string } = {}): Statements => {
  const s = `"${schema}"`
  const keys = lockKeys(schema)
  return {
    schema,
    keys,
    migrationsTable: `${s}.migrations`,
    appendOne: appendOne(s),
    appendMany: appendMany(s),
    appendOneInline: (ctes) => appendOneInline(s, ctes),
    appendManyInline: (ctes) => appendManyInline(s, ctes),
    append: `SELECT outcome, stream_version, first_position, existing
FROM ${s}.append($1, $2, $3, $4::uuid[], $5::text[], $6::integer[], $7::json, $8::json, $9)`,
    readStream: `SELECT ${eventColumns("e")} FROM ${s}.events e
WHERE e.stream = $1 AND e.version >= $2 ORDER BY e.version LIMIT $3`,
    readStreamChecked: `SELECT ${checkedColumns("e")}
  FROM ${s}.events e
 WHERE e.stream = $1 AND e.version >= $2 - 1 ORDER BY e.version LIMIT $3`,
    readStreamCheckedFrom: `WITH w AS (
  SELECT coalesce((SELECT b.batch_start FROM ${s}.events b WHERE b.stream = $1 AND b.version = $2::bigint), $2::bigint) - 1 AS lower
)
SELECT ${checkedColumns("e")}
  FROM ${s}.events e
 WHERE e.stream = $1 AND e.version >= (SELECT w.lower FROM w)
 ORDER BY e.version LIMIT $3::bigint + ($2::bigint - (SELECT w.lower FROM w))`,
    readBatchRest: `WITH RECURSIVE rest AS (
  SELECT e.* FROM ${s}.events e WHERE e.stream = $1 AND e.version = $2::bigint + 1 AND e.batch_start = $3::bigint
  UNION ALL
  SELECT e.* FROM rest r JOIN ${s}.events e ON e.stream = $1 AND e.version = r.version + 1 AND e.batch_start = $3::bigint
)
SELECT ${checkedColumns("e")} FROM rest e ORDER BY e.version`,
    verifyLinks: `WITH batches AS (
  SELECT o.stream, o.batch_start,
         -- The preimage takes the time once and the count of the rows found (a deleted event changes
         -- it); every row must carry that time and the one hash.
         min(o.recorded_at) = max(o.recorded_at) AND count(DISTINCT o.hash) = 1
           AND (pg_catalog.array_agg(o.hash ORDER BY o.version))[1] = ${batchLink(
             `(CASE WHEN o.batch_start = 1 THEN ${genesis}
                   ELSE (SELECT p.hash FROM ${s}.events p WHERE p.stream = o.stream AND p.version = o.batch_start - 1) END)`,
             {
               streamField: netstring("o.stream"),
               first: "o.batch_start::text",
               count: "count(*)::text",
               timeField: netstring(chainInstant("min(o.recorded_at)")),
               arrays: [
                 "pg_catalog.array_agg(o.event_id ORDER BY o.version)::text",
                 "pg_catalog.array_agg(o.type ORDER BY o.version)::text",
                 "pg_catalog.array_agg(o.schema_version ORDER BY o.version)::text",
                 "'[' || pg_catalog.string_agg(o.data::text, ',' ORDER BY o.version) || ']'",
                 "'[' || pg_catalog.string_agg(o.metadata::text, ',' ORDER BY o.version) || ']'",
               ],
             },
           )} AS linked
    FROM ${s}.events o
   WHERE o.batch_start IS NOT NULL
   GROUP BY o.stream, o.batch_start
),
links AS (
  SELECT o.stream, o.version, o.previous_version,
         CASE WHEN o.batch_start IS NULL
              THEN coalesce(o.hash = pg_catalog.sha256(
                     (CASE WHEN o.previous_version IS NULL
                           THEN CASE WHEN o.version = 1 THEN ${genesis} END
                           ELSE o.previous_hash END) || ${storedPreimage("o")}), false)
              ELSE coalesce(b.linked, false)
          END AS linked
    FROM (
      SELECT e.*, lag(e.version) OVER w AS previous_version, lag(e.hash) OVER w AS previous_hash
        FROM ${s}.events e
      WINDOW w AS (PARTITION BY e.stream ORDER BY e.version)
    ) o
    LEFT JOIN batches b ON b.stream = o.stream AND b.batch_start = o.batch_start
)
SELECT l.stream, l.version, l.previous_version FROM links l
WHERE NOT l.linked OR l.version <> coalesce(l.previous_version, 0) + 1
ORDER BY l.stream, l.version`,
    verifyCounts: `SELECT count(DISTINCT e.stream)::bigint AS streams, count(*)::bigint AS events FROM ${s}.events e`,
    anchors: `SELECT a.stream, a.version, pg_catalog.encode(a.hash, 'hex') AS hash,
       coalesce((SELECT max(e.version) FROM ${s}.events e WHERE e.stream = a.stream), 0) AS current,
       (SELECT pg_catalog.encode(e.hash, 'hex') FROM ${s}.events e WHERE e.stream = a.stream AND e.version = a.version) AS stored
FROM ${s}.anchors a ORDER BY a.stream`,
    anchor: `WITH heads AS (
  SELECT DISTINCT ON (e.stream) e.stream, e.version, e.hash FROM ${s}.events e ORDER BY e.stream, e.version DESC
),
moved AS (
  SELECT h.stream, h.version, h.hash FROM heads h
  LEFT JOIN ${s}.anchors a ON a.stream = h.stream
  WHERE a.stream IS NULL
     OR (h.version > a.version
         AND EXISTS (SELECT 1 FROM ${s}.events e WHERE e.stream = a.stream AND e.version = a.version AND e.hash = a.hash))
),
written AS (
  INSERT INTO ${s}.anchors AS a (stream, version, hash)
  SELECT m.stream, m.version, m.hash FROM moved m
  ON CONFLICT (stream) DO UPDATE SET version = excluded.version, hash = excluded.hash, anchored_at = now()
    WHERE a.version < excluded.version
  RETURNING 1
)
SELECT count(*)::bigint AS anchored FROM written`,
    readAll: readAll(s, options.locksSource),
    readAllCapped: (cap: number) => readAll(s, options.locksSource, cap),
    horizon: `WITH ${horizonCte(s, options.locksSource)} SELECT * FROM horizon`,
    terminate: `SELECT pg_catalog.pg_terminate_backend(a.pid, 5000) AS terminated
FROM pg_catalog.pg_stat_activity a WHERE a.pid = $1 AND a.backend_xid = ($2::text)::xid8::xid`,
    loadCheckpoint: `SELECT position FROM ${s}.checkpoints WHERE name = $1`,
    saveCheckpoint: `INSERT INTO ${s}.checkpoints AS c (name, position) VALUES ($1, $2)
ON CONFLICT (name) DO UPDATE SET position = GREATEST(c.position, excluded.position), updated_at = now()
RETURNING position`,
    saveSnapshot: `WITH current_version AS (
  SELECT coalesce(max(e.version), 0) AS version FROM ${s}.events e WHERE e.stream = $1
),
saved AS (
  INSERT INTO ${s}.snapshots AS sn (stream, version, schema_version, state)
  SELECT $1, $2, $3, $4::json FROM current_version c WHERE c.version >= $2
  ON CONFLICT (stream) DO UPDATE
    SET version = excluded.version, schema_version = excluded.schema_version, state = excluded.state, saved_at = now()
    WHERE sn.version <= excluded.version
  RETURNING 1
)
SELECT c.version AS stream_version FROM current_version c`,
    loadSnapshot: `SELECT sn.stream, sn.version, sn.schema_version, sn.state, ${iso("sn.saved_at")} AS saved_at
FROM ${s}.snapshots sn WHERE sn.stream = $1`,
  }
}

// #region hash-partitioning
/** How many hash partitions `hashPartitionEvents` accepts. */
export const partitionRange = { min: 2, max: 256 } as const

/**
 * Turns a schema's `events` table into one HASH-partitioned by `stream` with `partitions`
 * partitions (`events_p0` …), keeping its rows, columns and their order. PostgreSQL requires a
 * partitioned table's unique constraints to include the partition key: the primary key
 * `(stream, version)` stays on the parent, and the unique indexes on `global_position` and
 * `event_id` become one per partition (`events_p<k>_global_position_key`,
 * `events_p<k>_event_id_key`). Positions stay unique across partitions by construction: a
 * position is the appending transaction's id × 65,536 + the index in its append, a transaction
 * appends once (the fast path writes only in a transaction without an id, the append function
 * refuses a second write, YC001), and one append writes one stream, so one partition. The append
 * paths and the reader name `events` and need no change; a reader's appender check sees the
 * `RowExclusiveLock` every INSERT takes on the parent before it takes its transaction id.
 * Run it before the store's sessions start (they prepare statements against the old table).
 */
export const hashPartitionEvents = (schema: string, partitions: number): string => {
  const s = `"${schema}"`
  const each = (f: (k: number) => string) => Array.from({ length: partitions }, (_, k) => f(k)).join("\n")
  return `
ALTER TABLE ${s}.events RENAME TO events_unpartitioned;
ALTER TABLE ${s}.events_unpartitioned RENAME CONSTRAINT events_pkey TO events_unpartitioned_pkey;
ALTER TABLE ${s}.events_unpartitioned RENAME CONSTRAINT events_global_position_key TO events_unpartitioned_global_position_key;
ALTER TABLE ${s}.events_unpartitioned RENAME CONSTRAINT events_event_id_key TO events_unpartitioned_event_id_key;
CREATE TABLE ${s}.events (
  global_position bigint      NOT NULL,
  version         bigint      NOT NULL,
  stream          text        NOT NULL,
  event_id        uuid        NOT NULL,
  type            text        NOT NULL,
  schema_version  integer     NOT NULL,
  data            json        NOT NULL,
  metadata        json        NOT NULL,
  recorded_at     timestamptz NOT NULL DEFAULT now(),
  hash            bytea       NOT NULL,
  batch_start     bigint
) PARTITION BY HASH (stream);
${each((k) => `CREATE TABLE ${s}.events_p${k} PARTITION OF ${s}.events FOR VALUES WITH (MODULUS ${partitions}, REMAINDER ${k});`)}
INSERT INTO ${s}.events (global_position, version, stream, event_id, type, schema_version, data, metadata, recorded_at, hash, batch_start)
SELECT global_position, version, stream, event_id, type, schema_version, data, metadata, recorded_at, hash, batch_start
  FROM ${s}.events_unpartitioned;
DROP TABLE ${s}.events_unpartitioned;
ALTER TABLE ${s}.events ADD CONSTRAINT events_pkey PRIMARY KEY (stream, version);
${each(
  (k) => `CREATE UNIQUE INDEX events_p${k}_global_position_key ON ${s}.events_p${k} (global_position);
CREATE UNIQUE INDEX events_p${k}_event_id_key ON ${s}.events_p${k} (event_id);`,
)}
COMMENT ON TABLE ${s}.events IS 'Yiciban events, hash-partitioned by stream (${partitions} partitions). Write only through the append function; see docs/eventstore.md and docs/scaling.md.';
COMMENT ON COLUMN ${s}.events.global_position IS 'xid8 of the appending transaction * 65536 + index in the append (unique per partition; across partitions by construction)';
COMMENT ON COLUMN ${s}.events.hash IS 'sha256(hash of the previous event of the stream || preimage): of this event (format 1) or of its whole append (format 2, batch_start set); see docs/eventstore.md';
COMMENT ON COLUMN ${s}.events.batch_start IS 'The first version of the append whose events share one link (format 2); NULL for a link of one event. See docs/eventstore.md';
`
}
// #endregion hash-partitioning
