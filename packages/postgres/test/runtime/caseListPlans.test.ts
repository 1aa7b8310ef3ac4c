/**
 * The case list's plans do not grow with the table: a clerk's page of one category and status is
 * one ordered scan of `runtime_cases_authority_status` that stops at the page's end, so the rows
 * it reads are the page's, not the authority's caseload. Counted from the plan (`EXPLAIN ANALYZE`:
 * the rows each scan of `runtime_cases` returned or filtered out, the entries each bitmap index
 * scan produced), never from a time. And a store whose runtime tables an older build made (its
 * mark names another script, the index is missing) gains the index at its next start. An applicant's
 * page does not grow with the rows written since the last VACUUM (the owners' GIN index keeps no
 * pending list), counted in the index's buffers.
 * On PGlite and, when DATABASE_URL is set, on the server.
 */
import { RuntimeStore } from "@yiciban/runtime"
import { Effect, ManagedRuntime } from "effect"
import { afterAll, describe, expect, it } from "vitest"
import { PostgresEventStore } from "../../src/index.ts"
import * as CaseList from "../../src/internal/caseList.ts"
import * as PostgresRuntimeStore from "../../src/PostgresRuntimeStore.ts"
import { engines } from "../support.ts"

/**
 * 30,000 rows: 4 authorities, 90% applications, 5% accepted, 15% under review, the rest concluded;
 * 1,500 applicants of 20 rows each.
 */
const loadRows = (table: string) => `
INSERT INTO ${table} (stream, category, id, version, status, updated_at, owners, authority, region, public)
SELECT c || '-' || lpad(i::text, 6, '0'), c, lpad(i::text, 6, '0'), 1,
       CASE WHEN (i / 4) % 20 = 0 THEN 'accepted' WHEN (i / 4) % 20 < 4 THEN 'underReview' ELSE 'concluded' END,
       '2026-09-24T01:30:00.000Z', ARRAY['91430100MA' || lpad((i % 1500)::text, 8, '0')],
       '11430100MB0000000' || (i % 4)::text, NULL, false
  FROM generate_series(1, 30000) AS i, LATERAL (SELECT CASE WHEN i % 10 = 9 THEN 'licence' ELSE 'application' END) AS k(c)`

interface PlanNode {
  readonly "Node Type": string
  readonly "Relation Name"?: string
  readonly "Actual Rows"?: number
  readonly "Actual Loops"?: number
  readonly "Rows Removed by Filter"?: number
  readonly "Rows Removed by Index Recheck"?: number
  readonly "Index Name"?: string
  readonly "Shared Hit Blocks"?: number
  readonly "Shared Read Blocks"?: number
  readonly Plans?: ReadonlyArray<PlanNode>
}

/** The rows of `runtime_cases` a plan read: returned or filtered out by its scans, and bitmap entries. */
const rowsRead = (node: PlanNode): number => {
  const loops = node["Actual Loops"] ?? 1
  const own =
    node["Relation Name"] === "runtime_cases"
      ? ((node["Actual Rows"] ?? 0) +
          (node["Rows Removed by Filter"] ?? 0) +
          (node["Rows Removed by Index Recheck"] ?? 0)) *
        loops
      : node["Node Type"] === "Bitmap Index Scan"
        ? (node["Actual Rows"] ?? 0) * loops
        : 0
  return own + (node.Plans ?? []).reduce((sum, child) => sum + rowsRead(child), 0)
}

/** The shared buffers the plan's scans of `index` hit or read. */
const buffersOf = (node: PlanNode, index: string): number =>
  (node["Index Name"] === index ? (node["Shared Hit Blocks"] ?? 0) + (node["Shared Read Blocks"] ?? 0) : 0) +
  (node.Plans ?? []).reduce((sum, child) => sum + buffersOf(child, index), 0)

/** An applicant with 20 case rows (`loadRows`), and the first page of that applicant's cases. */
const applicant = {
  public: false,
  owners: ["91430100MA00000042"],
  authorities: [],
  regionPrefixes: [],
  identityAuthorities: [],
}
const applicantPage = { category: null, status: null, after: null, limit: 50 }

const clerk = {
  public: false,
  owners: [],
  authorities: ["11430100MB00000001"],
  regionPrefixes: [],
  identityAuthorities: ["11430100MB00000001"],
}

for (const engine of engines("caseplans")) {
  describe(`the case list's plans on ${engine.name}`, () => {
    const runtime = ManagedRuntime.make(engine.layer())
    const table = `"${engine.schema}".runtime_cases`
    const open = () =>
      runtime.runPromise(
        Effect.flatMap(Effect.service(PostgresEventStore.PostgresEventStore), PostgresRuntimeStore.make),
      )
    afterAll(async () => {
      await runtime.dispose()
      await engine.cleanup()
    })
    /** The plan of `statement` as `EXPLAIN (ANALYZE[, BUFFERS], FORMAT JSON)` gives it, and its text for messages. */
    const explain = async (statement: ReturnType<typeof CaseList.casesQuery>, buffers = false) => {
      const explained = await engine.query(
        `EXPLAIN (ANALYZE, ${buffers ? "BUFFERS, " : ""}FORMAT JSON) ${statement.text}`,
        statement.params,
      )
      const cell = explained[0]!["QUERY PLAN"]
      const plan = (typeof cell === "string" ? JSON.parse(cell) : cell) as ReadonlyArray<{ Plan: PlanNode }>
      return { root: plan[0]!.Plan, text: JSON.stringify(plan) }
    }

    it("an older build's store gains the index; a clerk's page of one status reads about the page's rows", async () => {
      await open()
      await engine.query(loadRows(table))
      await engine.query(`ANALYZE ${table}`)
      // As an older build left it: no index, its own script's mark.
      await engine.query(`DROP INDEX IF EXISTS "${engine.schema}".runtime_cases_authority_status`)
      await engine.query(`COMMENT ON TABLE ${table} IS 'yiciban runtime 00000000000000000000000000000000'`)
      const store = await open()
      const indexes = await engine.query("SELECT indexname FROM pg_indexes WHERE schemaname = $1 AND tablename = $2", [
        engine.schema,
        "runtime_cases",
      ])
      expect(indexes.map((row) => row.indexname)).toContain("runtime_cases_authority_status")

      for (const after of [null, "application-015000"]) {
        const query = { category: "application", status: "accepted", after, limit: 50 }
        const statement = CaseList.casesQuery(table, clerk, query)
        const plan = await explain(statement)
        // the branch's ordered scan, which stops at the page's end (the authority has 7,500 rows,
        // 375 of them accepted applications), each row read once
        expect(rowsRead(plan.root), plan.text).toBeLessThanOrEqual(query.limit + 2)
        const page = await runtime.runPromise(
          store.cases(clerk, { category: "application", status: "accepted", after: after ?? undefined, limit: 50 }),
        )
        const direct = await engine.query(
          `SELECT stream FROM ${table} WHERE authority = $1 AND category = 'application' AND status = 'accepted'
             AND ($2::text IS NULL OR stream > $2) ORDER BY stream LIMIT 50`,
          [clerk.authorities[0], after],
        )
        expect(page.map((row) => row.stream)).toEqual(direct.map((row) => row.stream))
        expect(page).toHaveLength(RuntimeStore.pageLimit(50))
      }
    }, 180_000)

    it("an applicant's page reads each of its rows once (not again by key)", async () => {
      const plan = await explain(CaseList.casesQuery(table, applicant, applicantPage))
      // its 20 rows: 20 entries of the owners' index, 20 rows from the table
      expect(rowsRead(plan.root), plan.text).toBeLessThanOrEqual(2 * 20 + 2)
      const page = await runtime.runPromise(
        Effect.flatMap(Effect.service(PostgresEventStore.PostgresEventStore), (store) =>
          Effect.flatMap(PostgresRuntimeStore.make(store), (s) => s.cases(applicant, { limit: 50 })),
        ),
      )
      const direct = await engine.query(`SELECT stream FROM ${table} WHERE owners && $1::text[] ORDER BY stream`, [
        applicant.owners,
      ])
      expect(page.map((row) => row.stream)).toEqual(direct.map((row) => row.stream))
      expect(page).toHaveLength(20)
    }, 180_000)

    it("an applicant's page does not read the rows written since the last VACUUM: the owners' index keeps no pending list, and an older build's is switched and merged", async () => {
      const index = `"${engine.schema}".runtime_cases_owners`
      const statement = CaseList.casesQuery(table, applicant, applicantPage)
      /** The buffers the page's scan of the owners' index touched. */
      const indexBuffers = async () => buffersOf((await explain(statement, true)).root, "runtime_cases_owners")
      /** 6,000 case rows change status (an update no index can skip: every index gains an entry). */
      const changeRows = () =>
        engine.query(
          `UPDATE ${table} SET status = CASE WHEN status = 'accepted' THEN 'underReview' ELSE 'accepted' END,
                  version = version + 1
            WHERE stream BETWEEN 'application-000001' AND 'application-006666'`,
        )
      const clean = await indexBuffers()
      // As an older build left it: the index with its pending list (PostgreSQL's default), rows
      // written since, and its own script's mark.
      await engine.query(`ALTER INDEX ${index} SET (fastupdate = on)`)
      await changeRows()
      await engine.query(`COMMENT ON TABLE ${table} IS 'yiciban runtime 00000000000000000000000000000000'`)
      const withList = await indexBuffers()
      // the list is read whole by every page: about 28 pages of entries for 6,000 rows
      expect(withList).toBeGreaterThan(clean + 10)
      await open()
      expect(await indexBuffers()).toBeLessThanOrEqual(clean + 1)
      // and rows written from now on go into the index itself
      await changeRows()
      expect(await indexBuffers()).toBeLessThanOrEqual(clean + 1)
      const options = await engine.query(
        "SELECT c.reloptions FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = $1 AND c.relname = $2",
        [engine.schema, "runtime_cases_owners"],
      )
      expect(options[0]!.reloptions).toEqual(["fastupdate=off"])
    }, 180_000)
  })
}
