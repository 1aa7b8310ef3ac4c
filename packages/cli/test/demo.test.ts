/**
 * `yiciban demo`'s flows on the memory store: the deemed acceptance fires on Saturday 10 October
 * (the 5th working day after 24 September is 9 October: 中秋 and 国庆 do not count), once; a second
 * run changes nothing.
 */
import { createYiciban } from "@yiciban/runtime"
import { expect, it } from "vitest"
import { demoClock, runDemo } from "../src/commands/demo.ts"

it("publishes, accepts one case, deems the other accepted after 5 working days, and runs again unchanged", async () => {
  const clock = demoClock()
  const yiciban = await createYiciban({ now: clock.now })
  try {
    const first: Array<string> = []
    await runDemo(yiciban, clock, (line) => first.push(line))
    expect(first.filter((line) => line.includes("scheduler fires"))).toEqual([
      expect.stringMatching(/^2026-10-10 the scheduler fires .* on application-DEMO-2026-000002: dispatched$/),
    ])
    expect(first.slice(-2)).toEqual([
      "case DEMO-2026-000001: underReview, 食品经营许可",
      "case DEMO-2026-000002: underReview, 食品经营许可",
    ])
    const again: Array<string> = []
    await runDemo(yiciban, clock, (line) => again.push(line))
    expect(again).toEqual(first.filter((line) => !line.includes("scheduler fires")))
  } finally {
    await yiciban.close()
  }
})
