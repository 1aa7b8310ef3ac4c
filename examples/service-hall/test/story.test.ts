/**
 * The service hall in a real browser: Debian's Chromium (`/usr/bin/chromium`, or $CHROMIUM_PATH)
 * driven by playwright-core, against the hall started on a free port with a fresh PGlite folder.
 * Without Chromium the test fails on CI (CI=true) and is skipped elsewhere, saying so.
 */
import type { Browser } from "playwright-core"
import { afterAll, beforeAll, expect, it } from "vitest"
import { actorOf } from "../src/server/actors.ts"
import { buildUi, chromiumPath, hasChromium, launch, runStory, startFresh } from "./story.ts"

const available = hasChromium()
if (!available && process.env.CI) throw new Error(`Chromium is required on CI and is missing at ${chromiumPath}`)
if (!available) console.log(`service-hall: skipped, no Chromium at ${chromiumPath} (apt-get install chromium)`)

let browser: Browser | undefined
let hall: Awaited<ReturnType<typeof startFresh>> | undefined

beforeAll(async () => {
  if (!available) return
  buildUi()
  ;[hall, browser] = await Promise.all([startFresh(), launch()])
}, 180_000)

afterAll(async () => {
  await browser?.close()
  await hall?.close()
})

it.skipIf(!available)(
  "an applicant applies and answers a correction notice, the clerk accepts tolerantly, the clock turns the case yellow then red, a negative rating is handled; the bundle is applied for once and accepted once, a child denied; policies found, applied for and paid, the budget left shown",
  async () => {
    const page = await browser!.newPage()
    const story = await runStory(page, hall!.url)
    expect(story.refusal).toContain("必须提交的材料还没有齐全")
    expect(story.refusal).toContain("SP02")
    // 湘味小厨's false commitment (seeded) bars it from acceptance on commitment; the ordinary procedure stays open.
    expect(story.commitmentRefusal).toContain("申请人有虚假承诺记录")
    expect(story.levels.map(([, level]) => level)).toEqual(["yellow", "red"])
    // Accepted Monday 2 November with a promise of 10 working days: due Monday 16 November,
    // yellow once 3 or fewer working days remain, red the day after the promised date.
    expect(story.levels.map(([day]) => day)).toEqual(["2026-11-11", "2026-11-17"])
    expect(story.concluded).toBe("已办结")
    expect(story.ratingPhases).toEqual(["reported", "verified", "awaitingCallback", "closed"])
    expect(story.export).toMatch(/校验通过/)
    expect(story.unlabelled).toEqual([])
    // The bundle: one form, one acceptance, three children (two authorities) each with its authority, acceptance and clock;
    // the sign's child denied by the approver, the denial shown to the applicant.
    expect(story.bundleChildren.map((row) => [row[0], row[1], row[2], row[3], row[4]])).toEqual([
      [`${story.bundleCase}-J1`, "食品经营许可", "长沙市市场监督管理局", "容缺受理", "审查中"],
      [`${story.bundleCase}-J2`, "户外广告设施设置登记", "长沙市市场监督管理局", "一般受理", "不予许可"],
      [
        `${story.bundleCase}-J3`,
        "公众聚集场所投入使用、营业前消防安全检查",
        "长沙市消防救援支队",
        "一般受理",
        "审查中",
      ],
    ])
    expect(story.bundleChildren[0]![5]).toMatch(/^2026-11-\d\d$/)
    expect(story.jointDue).toMatch(/^2026-\d\d-\d\d$/)
    // Policies: the restaurant (H621, 12 employees in shared data) may be eligible for both; 贴息 applied for.
    expect(story.eligible).toContain("创业担保贷款贴息")
    expect(story.award).toContain("已申请")
    expect(story.searchTotal).toMatch(/^[1-9]/)
    expect(story.awardSteps).toEqual(["accepted", "approved", "disbursed"])
    // The budget left after one 5000-yuan award paid: 1 000 000 − 5 000.
    expect(story.budgets.find((row) => row.includes("餐饮业小微企业扩岗补助"))).toContain("995,000.00")
    // The five rates of November count the cases concluded (one rated online), and the negative handled on time.
    const supervisor = actorOf("supervisor")
    const november = (await hall!.yiciban.rating.fiveRates(supervisor)).find((row) => row.period === "2026-11")
    // The bundle's denied child concluded in November too, and nobody rated it: 1 of 2.
    expect(november?.actualRating).toEqual({ numerator: 1, denominator: 2, rate: 0.5 })
    expect(november?.negativeHandling).toEqual({ numerator: 1, denominator: 1, rate: 1 })
    // Nothing in the browser chose a role: the server's record names the demo actors it built.
    const bundleEvents = await hall!.yiciban.bundleCase.events(story.bundleCase, supervisor)
    expect(bundleEvents.slice(0, 2).map((e) => [e.type, e.metadata.actor.id])).toEqual([
      ["BundleApplicationSubmitted", "xiangwei-01"],
      ["BundleAccepted", "clerk-07"],
    ])
    // The deferred SP03 reached the food licence's child through the lead window (forwarded by the runtime).
    const child = await hall!.yiciban.application.events(`${story.bundleCase}-J1`, supervisor)
    expect(child.map((e) => e.type)).toContain("DeferredMaterialsSupplied")
    const ledger = await hall!.yiciban.redemption.events("CS-2026-TX-01", supervisor)
    expect(ledger.map((e) => [e.type, e.metadata.actor.id])).toEqual([["RedemptionApplied", "xiangwei-01"]])
    const paid = await hall!.yiciban.redemption.events("CS-2026-KG-01", supervisor)
    expect(paid.map((e) => [e.type, e.metadata.actor.id])).toEqual([
      ["RedemptionApplied", "xiangwei-01"],
      ["RedemptionAccepted", "policy-05"],
      ["RedemptionApproved", "policy-05"],
      ["RedemptionDisbursed", "policy-05"],
    ])
    const events = await hall!.yiciban.application.events(story.second, supervisor)
    expect(events.map((e) => [e.type, e.metadata.actor.id])).toEqual([
      ["ApplicationSubmitted", "xiangwei-01"],
      ["ApplicationAcceptedTolerantly", "clerk-07"],
      ["DeferredMaterialsSupplied", "xiangwei-01"],
    ])
  },
  180_000,
)
