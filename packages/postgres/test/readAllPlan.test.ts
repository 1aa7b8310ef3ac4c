/**
 * `readAll` pages through one named statement per cap (`Sql.readAllCap`: the least power of two at
 * or above the limit), whose page is cut at that constant before the limit: its generic plan
 * estimates at most `cap` rows, so PostgreSQL keeps it instead of planning every poll again on a
 * large table (docs/scaling.md). The pages are the same as with the limit alone, at every limit.
 */
import { ExpectedVersion } from "@yiciban/eventstore"
import { newEvents } from "@yiciban/eventstore/testing"
import { Effect } from "effect"
import { describe, expect, it } from "vitest"
import { PostgresEventStore } from "../src/index.ts"
import * as Sql from "../src/internal/sql.ts"
import { storeRuntime } from "./storeRuntime.ts"
import { engines } from "./support.ts"

describe("readAllCap", () => {
  it("is the least power of two at or above the limit, up to maxReadAllCap", () => {
    expect([1, 2, 3, 4, 5, 1000, 1024, 1025].map(Sql.readAllCap)).toEqual([1, 2, 4, 4, 8, 1024, 1024, 2048])
    expect(Sql.readAllCap(Sql.maxReadAllCap)).toBe(Sql.maxReadAllCap)
    expect(Sql.readAllCap(Sql.maxReadAllCap + 1)).toBeUndefined()
  })
})

for (const engine of engines("readallplan")) {
  describe(`readAll's capped statement on ${engine.name}`, () => {
    const runtime = storeRuntime(engine)
    const store = Effect.service(PostgresEventStore.PostgresEventStore)

    it("reads the same pages as the limit alone, from any position, at any limit", async () => {
      const all = await runtime.runPromise(
        Effect.gen(function* () {
          const s = yield* store
          for (let i = 0; i < 5; i++) {
            for (const stream of ["page-a", "page-b", "page-c"]) {
              yield* s.append(stream, yield* newEvents(1 + (i % 3)), ExpectedVersion.any)
            }
          }
          return yield* s.readAll({ fromPosition: 0, limit: Sql.maxReadAllCap + 1 })
        }),
      )
      const positions = all.map((event) => event.globalPosition)
      expect(positions.length).toBe(27)
      // The rows in the table, in position order: what every page must be a slice of.
      const stored = (
        await engine.query(`SELECT global_position FROM "${engine.schema}".events ORDER BY global_position`)
      ).map((row) => Number(row.global_position))
      expect(positions).toEqual(stored)
      for (const from of [0, positions[0]!, positions[7]! - 1, positions[7]!, positions[26]!, positions[26]! + 1]) {
        for (const limit of [1, 2, 3, 5, 8, 9, 17, 26, 27, 28, 1000, Sql.maxReadAllCap + 1]) {
          const page = await runtime.runPromise(Effect.flatMap(store, (s) => s.readAll({ fromPosition: from, limit })))
          const expected = positions.filter((p) => p >= from).slice(0, limit)
          expect(
            page.map((event) => event.globalPosition),
            `from ${from}, limit ${limit}`,
          ).toEqual(expected)
        }
      }
    })

    it("its generic plan estimates at most the cap's rows, where the limit alone estimates a share of the table", async () => {
      // 20,000 rows, written directly (their positions are above any the store has made); the poll
      // reads nothing from them, only the planner's statistics count here.
      const table = `"${engine.schema}".events`
      await engine.query(`INSERT INTO ${table} (global_position, version, stream, event_id, type, schema_version, data, metadata, recorded_at, hash)
SELECT (g::bigint + 1000000) << 16, 1, 'plan-' || g, md5('plan' || g)::uuid, 'Planned', 1, '{}'::json, '{}'::json, now(), '\\x00'::bytea
  FROM pg_catalog.generate_series(1, 20000) g`)
      await engine.query(`ANALYZE ${table}`)
      const statements = Sql.statements(engine.schema)
      /** What the generic plan estimates the page's cut of the events table at (its Limit over the events' scan). */
      const genericPageRows = async (text: string) => {
        const name = `readallplan_${globalThis.crypto.randomUUID().replaceAll("-", "")}`
        await engine.query("SET plan_cache_mode = force_generic_plan")
        try {
          await engine.query(`PREPARE ${name}(bigint, integer) AS ${text}`)
          const explained = await engine.query(`EXPLAIN (FORMAT JSON) EXECUTE ${name}(1, 1)`)
          await engine.query(`DEALLOCATE ${name}`)
          const json = explained[0]!["QUERY PLAN"]
          type Node = { "Node Type": string; "Relation Name"?: string; "Plan Rows": number; Plans?: Array<Node> }
          const scansEvents = (node: Node): boolean =>
            node["Relation Name"] === "events" || (node.Plans ?? []).some(scansEvents)
          const cuts: Array<number> = []
          const walk = (node: Node) => {
            if (node["Node Type"] === "Limit" && (node.Plans ?? []).some(scansEvents)) cuts.push(node["Plan Rows"])
            for (const child of node.Plans ?? []) walk(child)
          }
          walk((typeof json === "string" ? JSON.parse(json) : json)[0].Plan)
          expect(cuts.length).toBeGreaterThan(0)
          return cuts[cuts.length - 1]!
        } finally {
          await engine.query("RESET plan_cache_mode")
        }
      }
      expect(await genericPageRows(statements.readAllCapped(1))).toBeLessThanOrEqual(1)
      expect(await genericPageRows(statements.readAllCapped(4))).toBeLessThanOrEqual(4)
      // Why the cap: the limit as a parameter is estimated at a tenth of the range's rows.
      expect(await genericPageRows(statements.readAll)).toBeGreaterThan(4)
    })
  })
}
