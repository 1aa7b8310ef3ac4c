/**
 * The policy library in SQL answers every query as the memory library does, on PGlite and on the
 * server (or on PGlite without DATABASE_URL): 餐饮 in 餐饮服务, 小微企业 in 小型微型企业, filters, ranking and paging.
 */
import { CommandHandler, Policies, PolicyLibrary, Projection } from "@yiciban/runtime"
import { Effect } from "effect"
import { afterAll, describe, expect, it } from "vitest"
import {
  libraryQueries,
  loanInterest,
  policyAdmin,
  stableJobs,
  tourismVouchers,
} from "../../../runtime/test/policyFixtures.ts"
import * as PolicyLibrarySql from "../../src/PolicyLibrarySql.ts"
import { PostgresEventStore } from "../../src/PostgresEventStore.ts"
import { engines } from "./engines.ts"

const shenzhenAdmin = { ...policyAdmin, id: "admin-sz", authority: "11440300007542391T", region: "440300" }

// One SQL engine is enough here (PGlite's start costs ~30 s on a loaded machine): the server when
// DATABASE_URL is set, else PGlite. The bench runs the search on both.
const all = engines("policylib")
const chosen = all.find((engine) => engine.name === "server") ?? all[0]!
for (const engine of [chosen]) {
  describe(`the policy library on ${engine.name}`, () => {
    const node = engine.node()
    afterAll(async () => {
      await node.dispose()
      for (const each of all) await each.cleanup()
    })

    it("answers every query as the memory library does", async () => {
      for (const [policyId, terms, admin] of [
        ["HN-2026-WG-01", stableJobs, policyAdmin],
        ["HN-2026-TX-01", loanInterest, policyAdmin],
        ["SZ-2026-WL-01", tourismVouchers, shenzhenAdmin],
      ] as const) {
        await node.on(
          "2026-08-25",
          CommandHandler.handle(Policies.policy, undefined, { _tag: "DraftPolicy", policyId, terms }, admin),
        )
        await node.on(
          "2026-08-25",
          CommandHandler.handle(Policies.policy, undefined, { _tag: "PublishPolicy", policyId }, admin),
        )
      }
      const memory = PolicyLibrary.makeMemory()
      const answers = await node.on(
        "2026-08-25",
        Effect.gen(function* () {
          const store = yield* PostgresEventStore
          const sql = yield* PolicyLibrarySql.make(store.sql, store.schema)
          yield* Projection.catchUp(PolicyLibrary.projection(sql))
          yield* Projection.catchUp({ ...PolicyLibrary.projection(memory), name: "policy-library-memory" })
          return yield* Effect.forEach(libraryQueries, (query) => Effect.all([sql.search(query), memory.search(query)]))
        }),
      )
      const shape = (page: PolicyLibrary.Page) => ({
        total: page.total,
        items: page.items.map((item) => [item.entry.policyId, item.score]),
      })
      for (const [i, [sql, memory]] of answers.entries()) {
        expect(shape(sql), JSON.stringify(libraryQueries[i])).toEqual(shape(memory))
      }
      expect(shape(answers[0]![0]).items).toEqual([["HN-2026-TX-01", 2]])
      expect(shape(answers[1]![0]).items).toEqual([
        ["HN-2026-TX-01", 2],
        ["HN-2026-WG-01", 1],
      ])
    })
  })
}
