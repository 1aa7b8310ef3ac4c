/**
 * The runtime's tables, created beside the event store's (idempotent, under an advisory lock; a start
 * that finds them marked by this script skips it: internal/tablesScript.ts).
 * The access columns arrived in 0.2.0: `ADD COLUMN IF NOT EXISTS` brings an older schema along
 * (rows written before then are visible to the runtime only, until their next append).
 * `runtime_cases_authority_status` (a clerk's cases of one category and status, in stream order)
 * arrived later: an existing store gains it at its first start with this script (the table's
 * mark names another script), built under the script's lock, which holds the store's appends
 * for the build (seconds at a million cases: docs/scaling.md).
 * `runtime_cases_owners` is a GIN index without its pending list (`fastupdate = off`): with it, every
 * row written since the last VACUUM waits in a list that every applicant's page reads whole, up to
 * `gin_pending_list_limit` (4 MB) — 145 pages made a page of 17 cases 40 times slower (docs/scaling.md).
 * An index an older build made is switched and its list merged at the first start with this script.
 */
export const runtimeTables = (schema: string): string => `
CREATE TABLE IF NOT EXISTS "${schema}".runtime_cases (
  stream text PRIMARY KEY,
  category text NOT NULL,
  id text NOT NULL,
  version bigint NOT NULL,
  status text NOT NULL,
  title text,
  detail jsonb,
  updated_at text NOT NULL
);
CREATE INDEX IF NOT EXISTS runtime_cases_status ON "${schema}".runtime_cases (category, status);
ALTER TABLE "${schema}".runtime_cases
  ADD COLUMN IF NOT EXISTS owners text[] NOT NULL DEFAULT '{}',
  ADD COLUMN IF NOT EXISTS authority text,
  ADD COLUMN IF NOT EXISTS region text,
  ADD COLUMN IF NOT EXISTS public boolean NOT NULL DEFAULT false;
CREATE INDEX IF NOT EXISTS runtime_cases_owners ON "${schema}".runtime_cases USING gin (owners) WITH (fastupdate = off);
ALTER INDEX "${schema}".runtime_cases_owners SET (fastupdate = off);
SELECT pg_catalog.gin_clean_pending_list('"${schema}".runtime_cases_owners'::pg_catalog.regclass);
CREATE INDEX IF NOT EXISTS runtime_cases_authority ON "${schema}".runtime_cases (authority, stream);
CREATE INDEX IF NOT EXISTS runtime_cases_authority_status ON "${schema}".runtime_cases (authority, category, status, stream);
CREATE INDEX IF NOT EXISTS runtime_cases_region ON "${schema}".runtime_cases (region text_pattern_ops);
CREATE INDEX IF NOT EXISTS runtime_cases_public ON "${schema}".runtime_cases (category, stream) WHERE public;
CREATE TABLE IF NOT EXISTS "${schema}".runtime_timers (
  id text PRIMARY KEY,
  stream text NOT NULL,
  due_at timestamptz NOT NULL,
  notice text NOT NULL,
  command jsonb,
  status text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'claimed', 'fired')),
  claimed_by text,
  lease_until timestamptz,
  fired_at text,
  outcome text
);
ALTER TABLE "${schema}".runtime_timers ADD COLUMN IF NOT EXISTS provisional boolean NOT NULL DEFAULT false;
CREATE INDEX IF NOT EXISTS runtime_timers_due ON "${schema}".runtime_timers (due_at) WHERE status <> 'fired';
CREATE INDEX IF NOT EXISTS runtime_timers_stream ON "${schema}".runtime_timers (stream);
CREATE TABLE IF NOT EXISTS "${schema}".subject_keys (
  pseudonym text PRIMARY KEY,
  wrapped_key text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now()
);
`
