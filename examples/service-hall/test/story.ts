/**
 * The scripted story of the service hall, driven in a real browser (Debian's Chromium through
 * playwright-core; no browser is downloaded): 湘味小厨 applies twice; the window clerk is refused
 * when accepting an incomplete case (the rule shown in plain words), sends the one-time
 * correction notice, which the applicant answers, accepts that case and the other one tolerantly;
 * the applicant supplements the deferred material; the clock moves and the supervisor sees the
 * case turn yellow, then red; a rating is given, negative, and the clerk handles it to the end;
 * the supervisor exports the record and it verifies. The test (story.test.ts) and the screenshot
 * script (scripts/screenshots.ts) both run it; `shot` is called once per page worth a picture.
 */
import { execFileSync } from "node:child_process"
import { existsSync, mkdtempSync } from "node:fs"
import { createRequire } from "node:module"
import { tmpdir } from "node:os"
import { dirname, join } from "node:path"
import { type Browser, chromium, type Locator, type Page } from "playwright-core"
import { type Hall, startHall } from "../src/server/hall.ts"

export const chromiumPath = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium"
export const hasChromium = () => existsSync(chromiumPath)

const root = join(import.meta.dirname, "..")

/** Builds the web app into dist/ (vite, in a child process). */
export const buildUi = () => {
  const require = createRequire(join(root, "package.json"))
  const vite = join(dirname(require.resolve("vite/package.json")), "bin", "vite.js")
  execFileSync(process.execPath, [vite, "build"], { cwd: root, stdio: "pipe" })
}

export const launch = (): Promise<Browser> =>
  chromium.launch({
    executablePath: chromiumPath,
    args: ["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage"],
  })

export const startFresh = (): Promise<Hall> =>
  startHall({ dataDir: mkdtempSync(join(tmpdir(), "yiciban-hall-")), distDir: join(root, "dist") })

export interface Story {
  readonly first: string
  readonly second: string
  readonly refusal: string
  readonly commitmentRefusal: string
  /** The first case's status once the applicant rated it online. */
  readonly concluded: string
  readonly levels: ReadonlyArray<readonly [string, string]>
  readonly ratingPhases: ReadonlyArray<string>
  readonly export: string
  /** The bundle case applied for with one form, and its children as the applicant sees them. */
  readonly bundleCase: string
  readonly bundleChildren: ReadonlyArray<ReadonlyArray<string>>
  readonly jointDue: string
  /** The policies the applicant may be eligible for, the search's count for 小微企业, the award's status. */
  readonly eligible: ReadonlyArray<string>
  readonly searchTotal: string
  readonly award: string
  /** The 扩岗补助 award's steps at the policy office. */
  readonly awardSteps: ReadonlyArray<string>
  /** The budget rows on the supervisor's dashboard. */
  readonly budgets: ReadonlyArray<string>
  /** Form controls without an accessible name, by page (none expected). */
  readonly unlabelled: ReadonlyArray<string>
}

/** The form controls of the page that have no accessible name (no label, no aria-label). */
const unlabelledControls = (page: Page): Promise<ReadonlyArray<string>> =>
  page.evaluate(() =>
    [...document.querySelectorAll("input, select, textarea")]
      .filter((e) => (e as HTMLInputElement).labels?.length === 0 && !e.getAttribute("aria-label"))
      .map((e) => e.outerHTML.slice(0, 80)),
  )

/** The text of an element (its textContent). */
const text = async (locator: Locator) => (await locator.textContent()) ?? ""

const signIn = async (page: Page, base: string, key: string) => {
  await page.goto(`${base}/#/`)
  const out = page.getByRole("button", { name: /^(退出|Sign out)$/ })
  if (await out.isVisible().catch(() => false)) {
    await out.click()
  }
  await page.locator(`input[name="actor"][value="${key}"]`).check()
  await page.getByRole("button", { name: "登录" }).click()
  await page.getByTestId("who").waitFor()
}

const go = async (page: Page, base: string, hash: string, heading: string) => {
  await page.goto(`${base}/#/${hash}`)
  await page.getByRole("heading", { name: heading, level: 2 }).waitFor()
}

/** Runs the story against the hall at `base`; `picture(name, part?)` takes a picture of the page (or of `part`). */
export const runStory = async (
  page: Page,
  base: string,
  picture: (name: string, part?: Locator) => Promise<void> = async () => {},
): Promise<Story> => {
  const unlabelled: Array<string> = []
  // Each page worth a picture is also checked for form controls without a label.
  // `part`: the picture shows that part of the page only (the page is still checked whole).
  const shot = async (name: string, part?: Locator) => {
    for (const control of await unlabelledControls(page)) unlabelled.push(`${name}: ${control}`)
    await picture(name, part)
  }
  // The sign-in page, then the applicant reads the catalogue.
  await page.goto(`${base}/#/`)
  await page.getByRole("heading", { name: "选择演示身份" }).waitFor()
  await shot("signin")
  // The first sign-in by keyboard only: arrow keys move along the picker, Enter submits the form.
  await page.locator('input[name="actor"][value="xiangwei"]').focus()
  await page.keyboard.press("ArrowDown")
  await page.keyboard.press("ArrowUp")
  await page.keyboard.press("Enter")
  await page.getByTestId("who").filter({ hasText: "李湘" }).waitFor()
  await go(page, base, "catalogue", "办事指南")
  const food = page.locator('article[data-matter$="-000101001000-01"]')
  await food.getByRole("button").click()
  await food.getByTestId("time-limit").waitFor()
  await page.getByText("开办餐饮店").waitFor()
  await shot("catalogue")

  // Two applications: the first with the application form only, the second without the health certificates.
  await go(page, base, "apply", "我要办")
  const submit = async (codes: ReadonlyArray<string>, matter = "食品经营许可") => {
    await page.getByLabel("事项").selectOption({ label: matter })
    for (const code of codes) await page.locator(`input[type="checkbox"][name="${code}"]`).check()
    await page.getByRole("button", { name: "提交申请" }).click()
    const status = page.getByTestId("submitted")
    await status.waitFor()
    const caseNo = /SCJG-2026-\d{6}/.exec(await text(status))?.[0]
    if (caseNo === undefined) throw new Error("no case number shown")
    await page.locator(`article[data-case="${caseNo}"]`).waitFor()
    return caseNo
  }
  const first = await submit(["SP01"])
  await page.reload()
  await page.getByRole("heading", { name: "我要办", level: 2 }).waitFor()
  const second = await submit(["SP01", "SP02"])
  await page.reload()
  await page.getByRole("heading", { name: "我要办", level: 2 }).waitFor()
  const sign = await submit(["GG01", "GG02"], "户外广告设施设置登记")
  await shot("apply")

  // The clerk: accepting the incomplete case is refused in plain words; the notice goes out.
  await signIn(page, base, "clerk")
  await go(page, base, "clerk", "窗口受理")
  const firstCard = page.locator(`article[data-case="${first}"]`)
  await firstCard.getByRole("button", { name: "受理", exact: true }).click()
  const alert = firstCard.getByRole("alert")
  await alert.waitFor()
  const refusal = await text(alert)
  await shot("clerk")
  await firstCard.getByRole("button", { name: "一次性告知补正" }).click()
  await firstCard.getByTestId("phase").filter({ hasText: "待补正" }).waitFor()
  // Acceptance on commitment for the sign: refused, the applicant's false commitment is on record.
  const signCard = page.locator(`article[data-case="${sign}"]`)
  await signCard.getByRole("button", { name: "告知承诺受理" }).click()
  const commitmentRefusal = await text(signCard.getByRole("alert"))

  // The applicant answers the notice once.
  await signIn(page, base, "xiangwei")
  await go(page, base, "apply", "我要办")
  const mine = page.locator(`article[data-case="${first}"]`)
  await mine.getByText("一次性告知书").waitFor()
  await shot("correction")
  await mine.getByRole("button", { name: "提交补正材料" }).click()
  await mine.getByTestId("phase").filter({ hasText: "已补正" }).waitFor()

  // The clerk accepts the corrected case, and the second one tolerantly; invites a rating.
  await signIn(page, base, "clerk")
  await go(page, base, "clerk", "窗口受理")
  await firstCard.getByRole("button", { name: "受理", exact: true }).click()
  await firstCard.getByTestId("phase").filter({ hasText: "审查中" }).waitFor()
  const secondCard = page.locator(`article[data-case="${second}"]`)
  await secondCard.getByRole("button", { name: "容缺受理" }).click()
  await secondCard.getByTestId("phase").filter({ hasText: "审查中" }).waitFor()
  await secondCard.getByRole("button", { name: "邀请评价" }).click()
  await secondCard.getByRole("status").filter({ hasText: "已完成" }).waitFor()

  // The applicant supplements the deferred certificates and rates the visit: very dissatisfied.
  await signIn(page, base, "xiangwei")
  await go(page, base, "apply", "我要办")
  const mySecond = page.locator(`article[data-case="${second}"]`)
  await mySecond.getByRole("button", { name: "补交容缺材料" }).click()
  await mySecond.getByRole("button", { name: "补交容缺材料" }).waitFor({ state: "detached" })
  await mySecond.getByLabel("评价等级").selectOption("5")
  await mySecond.getByLabel("意见").fill("补交材料跑了两趟")
  await mySecond.getByRole("button", { name: "提交评价" }).click()
  await mySecond.getByText("已评价").waitFor()

  // The clerk handles the negative rating: verify, rectify at once, call back.
  await signIn(page, base, "clerk")
  await go(page, base, "clerk", "窗口受理")
  const negative = page.locator(`article[data-rating="${second}.visit-1"]`)
  const ratingPhases: Array<string> = [(await negative.getByTestId("rating-phase").getAttribute("data-phase")) ?? ""]
  await shot("negative")
  for (const [button, next] of [
    ["核实", "verified"],
    ["立即整改", "awaitingCallback"],
  ] as const) {
    await negative.getByRole("button", { name: button, exact: true }).click()
    await negative.locator(`[data-phase="${next}"]`).waitFor()
    ratingPhases.push(next)
  }
  await negative.getByRole("button", { name: "回访" }).click()
  await negative.waitFor({ state: "detached" })
  ratingPhases.push("closed")

  // The reviewer's queue, ordered by deadline: the first case is reviewed, granted, concluded and rated online.
  await signIn(page, base, "reviewer")
  await go(page, base, "queue", "审查审批")
  await page.locator(`tr[data-case="${second}"]`).waitFor()
  await shot("queue")
  const firstRow = page.locator(`tr[data-case="${first}"]`)
  await firstRow.getByRole("button", { name: "审查通过" }).click()
  await firstRow.getByRole("status").waitFor()
  await signIn(page, base, "approver")
  await go(page, base, "queue", "审查审批")
  await firstRow.getByRole("button", { name: "准予许可" }).click()
  await firstRow.getByText("准予许可", { exact: true }).waitFor()
  await signIn(page, base, "clerk")
  await go(page, base, "clerk", "窗口受理")
  await firstCard.getByRole("button", { name: "发证办结并邀请网上评价" }).click()
  await firstCard.waitFor({ state: "detached" })
  await signIn(page, base, "xiangwei")
  await go(page, base, "apply", "我要办")
  await mine.getByTestId("phase").filter({ hasText: "已办结" }).waitFor()
  await mine.getByLabel("评价等级").selectOption("1")
  await mine.getByRole("button", { name: "提交评价" }).click()
  await mine.getByText("已评价").waitFor()
  const concluded = await text(mine.getByTestId("phase"))

  // One form for the bundle 开办餐饮店: every material of the merged list declared once, but the staff health
  // certificates (SP03, which the food licence lets the window defer).
  const bundleForm = page.locator("section[aria-labelledby=bundle-apply] fieldset")
  for (const box of await bundleForm.locator('input[type="checkbox"]').all()) {
    if ((await box.getAttribute("name")) !== "bundle-SP03") await box.check()
  }
  await bundleForm.getByRole("button", { name: "提交一件事申请" }).click()
  const bundleStatus = page.getByTestId("bundle-submitted")
  await bundleStatus.waitFor()
  const bundleCase = /YJS-2026-\d{6}/.exec(await text(bundleStatus))?.[0]
  if (bundleCase === undefined) throw new Error("no bundle case number shown")
  const myBundle = page.locator(`article[data-bundle-case="${bundleCase}"]`)
  await myBundle.getByTestId("bundle-phase").filter({ hasText: "已收件" }).waitFor()

  // The lead window accepts once (the food licence tolerantly); the children open, each with its authority and clock.
  await signIn(page, base, "clerk")
  await go(page, base, "clerk", "窗口受理")
  const clerkBundle = page.locator(`article[data-bundle-case="${bundleCase}"]`)
  await clerkBundle.getByRole("button", { name: "一窗受理（各事项一并受理）" }).click()
  await clerkBundle.locator("tr[data-child]").nth(1).waitFor()

  // The approver denies the sign's child, with reasons (the denial is reported, not hidden).
  await signIn(page, base, "approver")
  await go(page, base, "queue", "审查审批")
  const signChild = page.locator(`tr[data-case="${bundleCase}-J2"]`)
  await signChild.getByLabel("不予许可的理由").fill("设置位置位于城市主干道禁设区域")
  await signChild.getByRole("button", { name: "不予许可", exact: true }).click()
  await signChild.waitFor({ state: "detached" })

  // The applicant sees the bundle case and its children.
  await signIn(page, base, "xiangwei")
  await go(page, base, "apply", "我要办")
  await myBundle.locator(`tr[data-child="${bundleCase}-J2"]`).getByText("不予许可").waitFor()
  await shot("bundle", page.locator("section[aria-labelledby=bundle-apply]"))
  // The deferred certificates, handed to the lead window once; the runtime forwards them to the food licence's child.
  await myBundle.getByRole("button", { name: "到牵头窗口一次补交容缺材料" }).click()
  await myBundle.getByRole("button", { name: "到牵头窗口一次补交容缺材料" }).waitFor({ state: "detached" })
  const bundleChildren = await myBundle
    .locator("tr[data-child]")
    .evaluateAll((rows) => rows.map((r) => [...r.querySelectorAll("td")].map((td) => td.textContent ?? "")))
  const jointDue = await text(myBundle.getByTestId("joint-due"))

  // Policies: those the shared data says the restaurant may be eligible for; apply for 贴息 (快申快享); search.
  await go(page, base, "redeem", "政策兑现")
  const loan = page.getByTestId("eligible").locator('article[data-policy="CS-2026-TX-01"]')
  await loan.waitFor()
  const eligible = await page.getByTestId("eligible").locator("article h4").allTextContents()
  await loan.getByLabel("TX01 贷款合同及付息凭证").check()
  await loan.getByLabel("已付利息（元）").fill("8000")
  await loan.getByRole("button", { name: "快申快享：申请兑现" }).click()
  await loan.getByTestId("award").waitFor()
  const award = await text(loan.getByTestId("award"))
  // And for the 扩岗补助 (快申快享, no joint review): the policy office accepts, approves and pays it.
  const hire = page.getByTestId("eligible").locator('article[data-policy="CS-2026-KG-01"]')
  await hire.getByLabel("KG01 新吸纳就业人员名单").check()
  await hire.getByRole("button", { name: "快申快享：申请兑现" }).click()
  await hire.getByTestId("award").waitFor()
  await page.getByLabel("搜索政策").fill("小微企业")
  await page
    .getByTestId("policy-total")
    .filter({ hasText: /^[1-9]/ })
    .waitFor()
  const searchTotal = await text(page.getByTestId("policy-total"))
  await shot("policies")

  await signIn(page, base, "policy")
  await go(page, base, "ledger", "兑现审核")
  const hireAward = page.locator('article[data-ledger="CS-2026-KG-01"] tr[data-award]')
  const awardSteps: Array<string> = []
  for (const [button, next] of [
    ["受理兑现申请", "accepted"],
    ["核定", "approved"],
    ["直达拨付", "disbursed"],
  ] as const) {
    await hireAward.getByRole("button", { name: button }).click()
    await hireAward.locator(`[data-status="${next}"]`).waitFor()
    awardSteps.push(next)
  }
  await shot("ledger", page.locator("main"))

  // The supervisor moves the clock a day at a time until the case turns yellow, then red.
  await signIn(page, base, "supervisor")
  await go(page, base, "supervisor", "电子监察")
  const levels: Array<readonly [string, string]> = []
  const row = page.locator(`tr[data-case="${second}"]`)
  // The dashboard lists the cases that are not on time; a case it does not list is on time.
  const levelOf = async () =>
    (await row.count()) === 0 ? "normal" : ((await row.locator("[data-level]").getAttribute("data-level")) ?? "")
  for (const wanted of ["yellow", "red"]) {
    for (let i = 0; i < 15 && (await levelOf()) !== wanted; i++) {
      const before = await text(page.getByTestId("today"))
      await page.getByRole("button", { name: "时钟前进" }).click()
      await page.getByTestId("today").filter({ hasNotText: before }).waitFor()
    }
    levels.push([await text(page.getByTestId("today")), await levelOf()])
    if (wanted === "yellow") await shot("supervisor-yellow")
  }
  const budgets = await page.locator("tr[data-budget]").evaluateAll((rows) => rows.map((r) => r.textContent ?? ""))
  await page.getByRole("button", { name: "导出并校验监管记录" }).click()
  const exported = page.getByTestId("export")
  await exported.waitFor()
  await shot("supervisor")
  // The English toggle.
  await page.getByRole("button", { name: "English" }).click()
  await page.getByRole("heading", { name: "Supervision", level: 2 }).waitFor()
  await shot("supervisor-en")
  await page.getByRole("button", { name: "中文" }).click()
  return {
    first,
    second,
    refusal,
    commitmentRefusal,
    concluded,
    levels,
    ratingPhases,
    export: await text(exported),
    bundleCase,
    bundleChildren,
    jointDue,
    eligible,
    searchTotal,
    award,
    awardSteps,
    budgets,
    unlabelled,
  }
}
