/**
 * The case list's page query (`internal/caseList.ts`: one branch per kind of reader, each over its
 * own index) returns exactly what the visibility rule says (`RuntimeStore.isVisible`): for any
 * reader — public flag, owners, authorities, region prefixes, in any combination — and any page
 * (category, status, after, limit), the rows visible to it, in stream order, the first `limit`.
 * On PGlite and, when DATABASE_URL is set, on the server.
 */
import { fc, test } from "@fast-check/vitest"
import { type Authorization, RuntimeStore } from "@yiciban/runtime"
import { Effect, ManagedRuntime } from "effect"
import { afterAll, beforeAll, describe, expect } from "vitest"
import { PostgresEventStore } from "../../src/index.ts"
import * as PostgresRuntimeStore from "../../src/PostgresRuntimeStore.ts"
import { engines } from "../support.ts"

const owners = ["91430100MA00000001", "91430100MA00000002", "91430100MA00000003", "p-4f1c", "p-9a02"]
const authorities = ["11430100MB00000001", "11430100MB00000002", "11430100MB00000003", "11430200MB00000004"]
const regions = ["430102", "430103", "430111", "430211", "430302"]
const prefixes = ["43", "4301", "430102", "4302", "430211"]
const categories = ["application", "licence", "matter"]
const statuses = ["submitted", "accepted", "concluded"]

interface Row {
  readonly stream: string
  readonly category: string
  readonly status: string
  readonly access: RuntimeStore.CaseAccess
}

/** A fixed table of 160 rows, the same on every engine. */
const rows: ReadonlyArray<Row> = fc
  .sample(
    fc.record({
      category: fc.constantFrom(...categories),
      status: fc.constantFrom(...statuses),
      owners: fc.subarray(owners, { maxLength: 2 }),
      authority: fc.option(fc.constantFrom(...authorities), { nil: undefined }),
      region: fc.option(fc.constantFrom(...regions), { nil: undefined }),
      public: fc.boolean(),
    }),
    { numRuns: 160, seed: 14 },
  )
  .map((r, i) => ({
    stream: `${r.category}-${String(i).padStart(4, "0")}`,
    category: r.category,
    status: r.status,
    access: { owners: r.owners, authority: r.authority, region: r.region, public: r.public },
  }))

const visibility: fc.Arbitrary<Authorization.Visibility | "all"> = fc.oneof(
  { weight: 1, arbitrary: fc.constant("all" as const) },
  {
    weight: 8,
    arbitrary: fc.record({
      public: fc.boolean(),
      owners: fc.subarray(owners, { maxLength: 2 }),
      authorities: fc.subarray(authorities, { maxLength: 2 }),
      regionPrefixes: fc.subarray(prefixes, { maxLength: 2 }),
      identityAuthorities: fc.constant([]),
    }),
  },
)
const page = fc.record({
  category: fc.option(fc.constantFrom(...categories), { nil: undefined }),
  status: fc.option(fc.constantFrom(...statuses), { nil: undefined }),
  after: fc.option(fc.constantFrom(...rows.map((row) => row.stream)), { nil: undefined }),
  limit: fc.option(fc.integer({ min: 1, max: 60 }), { nil: undefined }),
})

/** What the rule says: the visible rows of the page, in stream order, the first `limit`. */
const expected = (v: Authorization.Visibility | "all", q: RuntimeStore.CaseQuery) =>
  rows
    .filter(
      (row) =>
        (q.category === undefined || row.category === q.category) &&
        (q.status === undefined || row.status === q.status) &&
        (q.after === undefined || row.stream > q.after) &&
        RuntimeStore.isVisible(row.access, v),
    )
    .map((row) => row.stream)
    .sort()
    .slice(0, RuntimeStore.pageLimit(q.limit))

for (const engine of engines("caselist")) {
  describe(`the case list on ${engine.name}`, () => {
    const runtime = ManagedRuntime.make(engine.layer())
    const store = Effect.flatMap(Effect.service(PostgresEventStore.PostgresEventStore), PostgresRuntimeStore.make)
    let loaded: Promise<void> | undefined
    const load = () => {
      loaded ??= runtime.runPromise(store).then(async () => {
        for (const row of rows) {
          await engine.query(
            `INSERT INTO "${engine.schema}".runtime_cases (stream, category, id, version, status, updated_at, owners, authority, region, public)
             VALUES ($1, $2, $3, 1, $4, '2026-09-24T01:30:00.000Z', $5::text[], $6, $7, $8)`,
            [
              row.stream,
              row.category,
              row.stream,
              row.status,
              row.access.owners,
              row.access.authority ?? null,
              row.access.region ?? null,
              row.access.public,
            ],
          )
        }
      })
      return loaded
    }
    // The first start of PGlite takes most of a minute on a loaded machine.
    beforeAll(load, 180_000)
    afterAll(async () => {
      await runtime.dispose()
      await engine.cleanup()
    })

    test.prop([visibility, page], { numRuns: 60 })(
      "any reader, any page: exactly the visible rows, in stream order, the first `limit`",
      async (v, q) => {
        await load()
        const found = await runtime.runPromise(Effect.flatMap(store, (s) => s.cases(v, q)))
        expect(found.map((row) => row.stream)).toEqual(expected(v, q))
      },
    )
  })
}
