/**
 * The hall's sign-in and demo clock, over HTTP without a browser: the actor comes from the
 * server-side session only (a role claimed in a header or a body changes nothing), an unknown or
 * forged session is 401, and only the demo supervisor moves the clock.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { SupervisionExport } from "@yiciban/runtime"
import { afterAll, beforeAll, expect, it } from "vitest"
import { exportKey, type Hall, startHall } from "../src/server/hall.ts"

const folder = mkdtempSync(join(tmpdir(), "yiciban-hall-session-"))
let hall: Hall

beforeAll(async () => {
  // These requests need no web app: a one-line page stands in for dist/.
  mkdirSync(join(folder, "dist"))
  writeFileSync(join(folder, "dist", "index.html"), "<!doctype html><title>hall</title>")
  hall = await startHall({ dataDir: join(folder, "data"), distDir: join(folder, "dist") })
}, 120_000)

afterAll(async () => {
  await hall?.close()
  rmSync(folder, { recursive: true, force: true })
})

const signIn = async (key: string) => {
  const response = await fetch(`${hall.url}/hall/signin`, { method: "POST", body: JSON.stringify({ key }) })
  expect(response.status).toBe(200)
  const cookie = response.headers.get("set-cookie") ?? ""
  expect(cookie).toMatch(/^hall_session=[0-9a-f]{64}; Path=\/; HttpOnly; SameSite=Strict$/)
  return cookie.split(";")[0]!
}

const moveClock = (cookie: string | undefined, body: unknown, headers: Record<string, string> = {}) =>
  fetch(`${hall.url}/hall/clock`, {
    method: "POST",
    headers: { ...(cookie === undefined ? {} : { cookie }), "content-type": "application/json", ...headers },
    body: JSON.stringify(body),
  })

it("builds the actor from the session, never from what the browser claims", async () => {
  const applicant = await signIn("xiangwei")
  const me = await fetch(`${hall.url}/hall/me`, {
    headers: { cookie: applicant, "x-roles": "supervisor", "x-actor": '{"id":"x","roles":["supervisor"]}' },
  })
  expect(await me.json()).toMatchObject({ key: "xiangwei", roles: ["applicant"] })
  // The applicant may not read the supervisor's dashboard, whatever it claims.
  const dashboard = await fetch(`${hall.url}/hall/supervision`, {
    headers: { cookie: applicant, "x-roles": "supervisor" },
  })
  expect(dashboard.status).toBe(403)
  // A role in the body of a sign-in is not a demo actor.
  const claimed = await fetch(`${hall.url}/hall/signin`, {
    method: "POST",
    body: JSON.stringify({ roles: ["supervisor"], id: "supervisor-01" }),
  })
  expect(claimed.status).toBe(400)
  expect(claimed.headers.get("set-cookie")).toBeNull()
  for (const body of ["null", "[]", "not json", '"clerk"']) {
    const odd = await fetch(`${hall.url}/hall/signin`, { method: "POST", body })
    expect(odd.status).toBe(400)
  }
})

it("answers 401 without a session or with one it did not issue", async () => {
  expect((await fetch(`${hall.url}/hall/me`)).status).toBe(401)
  expect((await fetch(`${hall.url}/api/cases`)).status).toBe(401)
  const forged = `hall_session=${"0".repeat(64)}`
  expect((await fetch(`${hall.url}/api/cases`, { headers: { cookie: forged } })).status).toBe(401)
  const out = await signIn("clerk")
  await fetch(`${hall.url}/hall/signout`, { method: "POST", headers: { cookie: out } })
  expect((await fetch(`${hall.url}/api/cases`, { headers: { cookie: out } })).status).toBe(401)
})

it("lets only the demo supervisor move the clock, by whole days, forward", async () => {
  const today = (await (await fetch(`${hall.url}/hall/clock`)).json()) as { today: string }
  expect(today.today).toBe("2026-11-02")
  const clerk = await signIn("clerk")
  expect((await moveClock(clerk, { days: 1 }, { "x-roles": "supervisor" })).status).toBe(403)
  expect((await moveClock(undefined, { days: 1 })).status).toBe(401)
  const supervisor = await signIn("supervisor")
  for (const days of [0, -1, 1.5, 61, "1"]) expect((await moveClock(supervisor, { days })).status).toBe(400)
  expect((await moveClock(supervisor, null)).status).toBe(400)
  expect(((await (await fetch(`${hall.url}/hall/clock`)).json()) as { today: string }).today).toBe("2026-11-02")
  const moved = await moveClock(supervisor, { days: 1 })
  expect(await moved.json()).toMatchObject({ today: "2026-11-03" })
  // The seeded case accepted on 19 October was due on 2 November: on the 3rd it is red.
  const board = (await (await fetch(`${hall.url}/hall/supervision`, { headers: { cookie: supervisor } })).json()) as {
    cases: ReadonlyArray<{ caseNo: string; warningLevel: string }>
  }
  expect(board.cases.find((c) => c.caseNo === "SCJG-2026-000701")?.warningLevel).toBe("red")
})

it("hands the supervision record to the supervisor only, and it verifies with the demo's key", async () => {
  const applicant = await signIn("xiangwei")
  expect((await fetch(`${hall.url}/hall/export.jsonl`, { headers: { cookie: applicant } })).status).toBe(403)
  const supervisor = await signIn("supervisor")
  const response = await fetch(`${hall.url}/hall/export.jsonl`, { headers: { cookie: supervisor } })
  expect(response.headers.get("content-disposition")).toMatch(
    /^attachment; filename="supervision-2026-11-\d\d\.jsonl"$/,
  )
  const lines = (await response.text()).trimEnd().split("\n")
  expect(SupervisionExport.verify(lines, exportKey).problems).toEqual([])
  const tampered = lines.map((line) => line.replace('"level":2', '"level":1'))
  expect(tampered).not.toEqual(lines)
  expect(SupervisionExport.verify(tampered, exportKey).problems.length).toBeGreaterThan(0)
})

it("shows the published catalogue before sign-in, read as a visitor who acts for no one", async () => {
  const response = await fetch(`${hall.url}/hall/catalogue`)
  const catalogue = (await response.json()) as { matters: ReadonlyArray<{ name: string }>; bundle: { name: string } }
  expect(catalogue.matters.map((m) => m.name)).toEqual([
    "食品经营许可",
    "广告发布登记",
    "户外广告设施设置登记",
    "公众聚集场所投入使用、营业前消防安全检查",
  ])
  expect(catalogue.bundle.name).toBe("开办餐饮店")
  // Nothing else is open to a visitor: no case, no command.
  expect((await fetch(`${hall.url}/hall/queue`)).status).toBe(401)
  const submit = await fetch(`${hall.url}/api/application/SCJG-2026-999999/SubmitApplication`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: "{}",
  })
  expect(submit.status).toBe(401)
})

it("lets an applicant apply for a policy only as its own subject, with its facts from shared data", async () => {
  const xiangwei = await signIn("xiangwei")
  const post = (path: string, body: unknown) =>
    fetch(`${hall.url}/api/${path}`, {
      method: "POST",
      headers: { cookie: xiangwei, "content-type": "application/json", "x-roles": "approver" },
      body: JSON.stringify(body),
    })
  // 湘味小厨 applying in the name of 茶颜小馆: refused, nothing recorded.
  const other = await post("redemption/CS-2026-KG-01/ApplyForRedemption", {
    policyId: "CS-2026-KG-01",
    subjectCode: "91430100MA4L16JQ9D",
    materials: ["KG01"],
  })
  expect(other.status).toBe(403)
  // Facts in the body (an employee count, an industry) are not the command's to give: refused, nothing recorded.
  const facts = await post("redemption/CS-2026-KG-01/ApplyForRedemption", {
    policyId: "CS-2026-KG-01",
    subjectCode: "91430102MA4L0P1T5J",
    materials: ["KG01"],
    employeeCount: 3,
  })
  expect(facts.status).toBe(400)
  // Its own: recorded with the facts shared data gave, by the demo actor the server built.
  const own = await post("redemption/CS-2026-KG-01/ApplyForRedemption", {
    policyId: "CS-2026-KG-01",
    subjectCode: "91430102MA4L0P1T5J",
    materials: ["KG01"],
  })
  expect(own.status).toBe(200)
  const events = await hall.yiciban.redemption.events("CS-2026-KG-01", {
    id: "supervisor-01",
    roles: ["supervisor"],
    region: "430100",
  })
  expect(events.map((e) => [e.type, e.metadata.actor.id])).toEqual([["RedemptionApplied", "xiangwei-01"]])
  // The eligibility of another subject is not the applicant's to read; its own is.
  const eligible = (subject: string) =>
    fetch(`${hall.url}/api/policies/eligible?subject=${subject}&day=2026-11-02`, { headers: { cookie: xiangwei } })
  expect((await eligible("91430100MA4L16JQ9D")).status).toBe(403)
  expect((await eligible("91430102MA4L0P1T5J")).status).toBe(200)
})
