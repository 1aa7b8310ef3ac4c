/**
 * The 开办餐饮店 bundle of the demo on the memory store: one form, one combined notice, one
 * acceptance, four children decided by three authorities, one unified delivery listing the denial;
 * run twice, the second run changes nothing; the applicant's effort against applying one by one.
 */
import { createYiciban } from "@yiciban/runtime"
import { expect, it } from "vitest"
import { publishRestaurantBundle, restaurantBundle } from "../src/bundle.ts"
import { simulatedClock } from "../src/clock.ts"

it("runs the restaurant bundle end to end, idempotently, and counts the applicant's effort", async () => {
  const clock = simulatedClock("2026-10-12")
  const yiciban = await createYiciban({ now: clock.now })
  try {
    await publishRestaurantBundle(yiciban, clock)
    const run = await restaurantBundle(yiciban, clock)
    expect(run.results.map((r) => r.outcome)).toEqual(["granted", "denied", "granted", "granted"])
    expect(new Set(run.results.map((r) => r.authority)).size).toBe(3)
    const once = (event: string) => run.timeline.filter((s) => s.event === event).length
    expect([once("CombinedNoticeIssued"), once("BundleAccepted"), once("UnifiedDelivery")]).toEqual([1, 1, 1])
    expect(once("ApplicationSubmitted")).toBe(4)
    expect(run.timeline.find((s) => s.event === "ApplicationAcceptedOnCommitment")?.actor).toBe(
      "process:bundle-fan-out",
    )
    expect(run.bundle).toEqual({ forms: 1, handOvers: 10, visits: 4 })
    expect(run.oneByOne).toEqual({ forms: 4, handOvers: 13, visits: 12 })
    const again = await restaurantBundle(yiciban, clock)
    expect(again.timeline).toEqual(run.timeline)
  } finally {
    await yiciban.close()
  }
})
