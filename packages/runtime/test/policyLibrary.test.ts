import { CalendarDate } from "@yiciban/core"
import { Effect } from "effect"
import { describe, expect, it } from "vitest"
import { CommandHandler, Policies, PolicyLibrary, Projection, RuntimeStore } from "../src/index.ts"
import { loanInterest, policyAdmin, stableJobs, tourismVouchers } from "./policyFixtures.ts"
import { onDay, successOf } from "./support.ts"

const shenzhenAdmin = { ...policyAdmin, id: "admin-sz", authority: "11440300007542391T", region: "440300" }

/** The three policies published on a memory store, projected into a memory library. */
const published = async () => {
  const storage = RuntimeStore.makeMemoryStorage()
  for (const [policyId, terms, admin] of [
    ["HN-2026-WG-01", stableJobs, policyAdmin],
    ["HN-2026-TX-01", loanInterest, policyAdmin],
    ["SZ-2026-WL-01", tourismVouchers, shenzhenAdmin],
  ] as const) {
    for (const command of [
      { _tag: "DraftPolicy", policyId, terms },
      { _tag: "PublishPolicy", policyId },
    ] as const) {
      successOf(await onDay(storage, "2026-08-25", CommandHandler.handle(Policies.policy, undefined, command, admin)))
    }
  }
  const library = PolicyLibrary.makeMemory()
  successOf(await onDay(storage, "2026-08-25", Projection.catchUp(PolicyLibrary.projection(library))))
  return library
}

const ids = (page: PolicyLibrary.Page) => page.items.map((item) => item.entry.policyId)

describe("the policy library (memory)", () => {
  it("finds 餐饮 in 餐饮服务 and 小微企业 in 小型微型企业, ranks the title first, and filters", async () => {
    const library = await published()
    const search = (query: PolicyLibrary.Query) => Effect.runSync(library.search(query))
    expect(ids(search({ text: "餐饮" }))).toEqual(["HN-2026-TX-01"])
    // 稳岗补贴's title says 小型微型企业 (an abbreviation, 1); 贴息 names 小微企业 in its keywords (2)
    const small = search({ text: "小微企业" })
    expect(small.items.map((i) => [i.entry.policyId, i.score])).toEqual([
      ["HN-2026-TX-01", 2],
      ["HN-2026-WG-01", 1],
    ])
    expect(ids(search({ text: "火锅" }))).toEqual([])
    expect(ids(search({ division: "430102", industry: "H621", subjectKind: "enterprise" }))).toEqual([
      "HN-2026-TX-01",
      "HN-2026-WG-01",
    ])
    expect(ids(search({ division: "440305" }))).toEqual(["SZ-2026-WL-01"])
    expect(ids(search({ openOn: CalendarDate.make("2026-09-15") })).sort()).toEqual(["HN-2026-TX-01", "HN-2026-WG-01"])
    expect(ids(search({ minAmountFen: 2_500_000 }))).toEqual(["HN-2026-WG-01"])
    const paged = search({ text: "补贴", limit: 1, offset: 1 })
    expect([paged.total, paged.items.length]).toEqual([2, 1])
  })

  it("lists the policies a subject may be eligible for from its facts", async () => {
    const library = await published()
    const restaurant = {
      subjectKind: "enterprise" as const,
      industryCodes: ["H621"],
      region: "430102",
      registeredCapitalFen: 50_000_000,
      employeeCount: 18,
      insuredHeadcount: 18,
    }
    const day = CalendarDate.make("2026-09-15")
    const found = Effect.runSync(PolicyLibrary.eligibleFor(library, restaurant, day))
    expect(found.map((e) => e.policyId).sort()).toEqual(["HN-2026-TX-01", "HN-2026-WG-01"])
    const big = Effect.runSync(PolicyLibrary.eligibleFor(library, { ...restaurant, employeeCount: 150 }, day))
    expect(big.map((e) => e.policyId)).toEqual(["HN-2026-WG-01"])
  })
})
