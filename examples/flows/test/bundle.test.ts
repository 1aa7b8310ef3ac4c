/**
 * The 开办餐饮店 bundle of the demo on the memory store: one form in which the business licence of
 * an earlier case is reused instead of a paper, one combined notice, one acceptance, one hand-over of
 * the deferred items at the lead window, four children decided by three authorities, one unified
 * delivery listing the denial; run twice, the second run changes nothing; the applicant's effort
 * against applying one by one.
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
    // the business licence of the earlier case is reused, never handed over: once in the bundle, once per matter one by one
    expect(run.bundle).toEqual({ forms: 1, handOvers: 10, visits: 4, licencesReused: 1 })
    expect(run.oneByOne).toEqual({ forms: 4, handOvers: 12, visits: 12, licencesReused: 3 })
    const submitted = run.timeline.filter((s) => s.event === "ApplicationSubmitted").map((s) => s.caseNo)
    expect(submitted).toHaveLength(4)
    // every child relied on the same licence, which the bundle looked up once at submission
    const reliances = await Promise.all(
      submitted.map(async (caseNo) => {
        const events = await yiciban.application.events(caseNo, { id: "s", roles: ["supervisor"], region: "430100" })
        return (events[0]!.data as { licencesReliedOn?: ReadonlyArray<{ licenceId: string }> }).licencesReliedOn
      }),
    )
    expect(reliances.map((r) => r?.map((x) => x.licenceId))).toEqual([
      ["QY-2026-000731"],
      ["QY-2026-000731"],
      undefined,
      ["QY-2026-000731"],
    ])
    // the deferred items were handed to the lead window once and forwarded to both children
    expect(run.timeline.filter((s) => s.event === "BundleSupplemented")).toHaveLength(1)
    expect(run.timeline.filter((s) => s.event === "DeferredMaterialsSupplied").map((s) => s.actor)).toEqual([
      "process:bundle-supplements",
      "process:bundle-supplements",
    ])
    const again = await restaurantBundle(yiciban, clock)
    expect(again.timeline).toEqual(run.timeline)
  } finally {
    await yiciban.close()
  }
})
