/**
 * The case list's page query: the rows a reader may see, of one category and status, after a
 * stream, in stream order. Shared by `PostgresRuntimeStore.cases` and the province bench (which
 * prints its plans).
 *
 * A reader's visibility is a union — public rows, rows it owns, rows of its authorities, rows of
 * its region prefixes — and one condition OR-ing the four cannot use an index: the planner walks
 * the primary key in stream order and filters, which reads the whole table whenever the reader
 * sees fewer rows than the page (an applicant with a few cases among a million). So each kind of
 * reader is its own branch over its own index, each giving its first page in stream order, and
 * the page is the first rows of their union:
 * - public rows: the partial index `runtime_cases_public (category, stream) WHERE public`;
 * - owned rows: the GIN index on `owners` (a reader owns few rows);
 * - an authority's rows: `runtime_cases_authority (authority, stream)`, one ordered scan per
 *   authority that stops at the page's end; for a page of one category and status (a clerk's
 *   accepted cases), `runtime_cases_authority_status (authority, category, status, stream)`, the
 *   same ordered scan over that status's rows only (with the authority's index alone, the
 *   planner filters or intersects all the authority's rows and sorts them: it grows with the
 *   authority's caseload);
 * - a region's rows: the primary key in stream order, filtered (a region prefix is a supervisor's,
 *   who sees a large share of the rows, so the page fills early).
 * A branch a reader does not have is cut by a condition on the parameters alone (`cardinality`,
 * the `public` flag), which the planner folds away for the unnamed statement it plans with the
 * values. The union of the branches' first pages holds the first page of the union. The
 * branches return whole rows and the page is the first distinct ones of their union (a row
 * several branches found is one row of one snapshot): each row is read once, by its branch's
 * index, not again by key through the primary key, whose leaf pages at a million cases are
 * mostly outside shared buffers (one more page read per row of the page: docs/scaling.md).
 */
import type { Authorization } from "@yiciban/runtime"

export interface CaseListQuery {
  readonly category: string | null
  readonly status: string | null
  readonly after: string | null
  readonly limit: number
}

/** The statement and its parameters; `table` is the quoted, schema-qualified `runtime_cases`. */
export const casesQuery = (
  table: string,
  visibility: Authorization.Visibility | "all",
  query: CaseListQuery,
): { readonly text: string; readonly params: ReadonlyArray<unknown> } => {
  const page = [query.category, query.status, query.after, query.limit]
  const filters = `($1::text IS NULL OR c.category = $1) AND ($2::text IS NULL OR c.status = $2)
               AND ($3::text IS NULL OR c.stream > $3)`
  if (visibility === "all") {
    return { text: `SELECT c.* FROM ${table} c WHERE ${filters} ORDER BY c.stream LIMIT $4`, params: page }
  }
  return {
    text: `SELECT DISTINCT ON (v.stream) v.* FROM (
   (SELECT c.* FROM ${table} c WHERE $5::boolean AND c.public AND ${filters} ORDER BY c.stream LIMIT $4)
   UNION ALL
   (SELECT c.* FROM ${table} c WHERE pg_catalog.cardinality($6::text[]) > 0 AND c.owners && $6::text[] AND ${filters}
     ORDER BY c.stream LIMIT $4)
   UNION ALL
   (SELECT x.* FROM unnest($7::text[]) AS a(authority) CROSS JOIN LATERAL (
      SELECT c.* FROM ${table} c WHERE c.authority = a.authority AND ${filters} ORDER BY c.stream LIMIT $4) x)
   UNION ALL
   (SELECT c.* FROM ${table} c WHERE pg_catalog.cardinality($8::text[]) > 0 AND ${filters}
       AND EXISTS (SELECT 1 FROM unnest($8::text[]) AS p(prefix) WHERE c.region LIKE p.prefix || '%')
     ORDER BY c.stream LIMIT $4)) v
 ORDER BY v.stream LIMIT $4`,
    params: [...page, visibility.public, visibility.owners, visibility.authorities, visibility.regionPrefixes],
  }
}
