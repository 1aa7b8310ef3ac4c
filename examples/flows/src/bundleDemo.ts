/**
 * The demo's bundle section: the 开办餐饮店 bundle's timeline (who did what on which working day)
 * and the applicant's effort against applying for the four matters one by one (the business licence
 * of the restaurant's earlier registration reused instead of a paper).
 */
import type { Yiciban } from "@yiciban/runtime"
import { publishRestaurantBundle, restaurantBundle } from "./bundle.ts"
import type { SimulatedClock } from "./clock.ts"
import { describeDay } from "./deadlines.ts"

export const showRestaurantBundle = async (yiciban: Yiciban.Yiciban, clock: SimulatedClock): Promise<void> => {
  console.log(
    "\n  d. 一件事一次办: 开办餐饮店 — four matters, three authorities, one form, one window, one result; the business licence of the day before reused, not handed over",
  )
  await publishRestaurantBundle(yiciban, clock)
  const run = await restaurantBundle(yiciban, clock)
  for (const step of run.timeline) {
    console.log(`  ${describeDay(step.day).padEnd(37)} ${step.caseNo.padEnd(19)} ${step.event} (${step.actor})`)
  }
  for (const result of run.results)
    console.log(`  unified result: ${result.matter} — ${result.outcome} (${result.authority})`)
  const row = (what: string, e: { forms: number; handOvers: number; visits: number; licencesReused: number }) =>
    console.log(
      `  ${what.padEnd(22)} forms ${e.forms}, materials handed over ${e.handOvers}, licences reused ${e.licencesReused}, visits ${e.visits}`,
    )
  row("as one bundle:", run.bundle)
  row("one matter at a time:", run.oneByOne)
}
