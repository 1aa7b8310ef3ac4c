/**
 * Policies over HTTP: the routes generated from the `policy` and `redemption` aggregates, and the
 * policy library and budget reads (`/policies…`), each authorized by the facade and described in
 * the OpenAPI document.
 */
import { createYiciban, RuntimeStore, SharedData, type Yiciban } from "@yiciban/runtime"
import { describe, expect, it } from "vitest"
import {
  financeReviewer,
  hrApprover,
  hrClerk,
  loanInterest,
  policyAdmin,
  representative,
  restaurantCode,
  sharedRecords,
  snackCode,
  stableJobs,
} from "../../runtime/test/policyFixtures.ts"
import { type Handler, makeHandler } from "../src/index.ts"
import { request } from "./support.ts"

const tokens: Record<string, Yiciban.ActorInput> = {
  admin: policyAdmin as Yiciban.ActorInput,
  clerk: hrClerk as Yiciban.ActorInput,
  finance: financeReviewer as Yiciban.ActorInput,
  approver: hrApprover as Yiciban.ActorInput,
  restaurant: representative(restaurantCode) as Yiciban.ActorInput,
  snack: representative(snackCode) as Yiciban.ActorInput,
}
const authenticate: Handler.Authenticate = (r) =>
  tokens[/^Bearer (\S+)$/.exec(r.headers.get("authorization") ?? "")?.[1] ?? ""]

const open = async () => {
  let now = Date.parse("2026-08-25T01:30:00.000Z")
  const yiciban = await createYiciban({
    store: RuntimeStore.memory(RuntimeStore.makeMemoryStorage()),
    now: () => now,
    sharedData: SharedData.makeMemory(sharedRecords(), "湖南省数据共享交换平台"),
  })
  const handler = makeHandler({ yiciban, authenticate })
  const send = async (method: string, path: string, token: string, body?: unknown) => {
    const response = await handler(request(method, path, { token, body }))
    return { status: response.status, body: (await response.json()) as Record<string, unknown> }
  }
  return {
    yiciban,
    send,
    setDay: (day: string) => {
      now = Date.parse(`${day}T01:30:00.000Z`)
    },
  }
}

describe("policies over HTTP", () => {
  it("publishes, searches, redeems and reads the budget through the generated routes", async () => {
    const { yiciban, send, setDay } = await open()
    for (const [id, terms] of [
      ["HN-2026-TX-01", loanInterest],
      ["HN-2026-WG-01", stableJobs],
    ] as const) {
      expect((await send("POST", `/policy/${id}/DraftPolicy`, "admin", { policyId: id, terms })).status).toBe(200)
      expect((await send("POST", `/policy/${id}/PublishPolicy`, "admin", { policyId: id })).status).toBe(200)
    }
    // another instance than the route's is refused
    const wrong = await send("POST", "/policy/HN-2026-TX-01/SuspendPolicy", "admin", {
      policyId: "HN-2026-WG-01",
      reason: "x",
    })
    expect([wrong.status, wrong.body.title ?? wrong.body.type]).toEqual([400, expect.anything()])

    const found = await send(
      "GET",
      `/policies?text=${encodeURIComponent("小微企业")}&division=430102&limit=10`,
      "snack",
    )
    expect(found.status).toBe(200)
    expect((found.body.items as Array<{ entry: { policyId: string } }>).map((i) => i.entry.policyId).sort()).toEqual([
      "HN-2026-TX-01",
      "HN-2026-WG-01",
    ])
    expect((await send("GET", "/policies?limit=ten", "snack")).status).toBe(400)
    expect((await send("GET", "/policies?region=43", "snack")).status).toBe(400)
    expect((await handler401(yiciban)).status).toBe(401)

    setDay("2026-09-24")
    const eligible = await send("GET", `/policies/eligible?subject=${restaurantCode}&day=2026-09-24`, "restaurant")
    expect(eligible.status).toBe(200)
    expect((eligible.body.items as Array<{ policyId: string }>).map((e) => e.policyId).sort()).toEqual([
      "HN-2026-TX-01",
      "HN-2026-WG-01",
    ])
    expect((await send("GET", `/policies/eligible?subject=${restaurantCode}&day=2026-09-24`, "snack")).status).toBe(403)

    const about = { policyId: "HN-2026-TX-01", subjectCode: restaurantCode }
    const path = "/redemption/HN-2026-TX-01"
    expect(
      (
        await send("POST", `${path}/ApplyForRedemption`, "restaurant", {
          ...about,
          materials: ["M1"],
          baseFen: 4_000_000,
        })
      ).status,
    ).toBe(200)
    // a payee account in the command is refused: the runtime reads it from shared data
    const smuggled = await send("POST", `${path}/DisburseRedemption`, "approver", {
      ...about,
      reference: "GK-1",
      payee: { accountNo: "6222999999999999" },
    })
    expect(smuggled.status).toBe(400)
    expect((await send("POST", `${path}/AcceptRedemption`, "clerk", about)).status).toBe(200)
    expect(
      (
        await send("POST", `${path}/ReviewRedemption`, "finance", {
          ...about,
          department: loanInterest.jointReviewers[0]!.creditCode,
          agrees: true,
          reasons: "付息凭证一致",
        })
      ).status,
    ).toBe(200)
    expect((await send("POST", `${path}/ApproveRedemption`, "restaurant", about)).status).toBe(403)
    expect((await send("POST", `${path}/ApproveRedemption`, "approver", about)).status).toBe(200)
    const paid = await send("POST", `${path}/DisburseRedemption`, "approver", { ...about, reference: "GK-1" })
    expect(paid.status).toBe(200)

    const budget = await send("GET", "/policies/HN-2026-TX-01/budget", "approver")
    expect([budget.status, budget.body]).toEqual([
      200,
      { budgetFen: 3_000_000, committedFen: 2_000_000, disbursedFen: 2_000_000, repaidFen: 0, remainingFen: 1_000_000 },
    ])
    expect((await send("GET", "/policies/HN-2026-TX-01/budget", "restaurant")).status).toBe(403)
    expect((await send("GET", "/policies/HN-2026-XX-09/budget", "approver")).status).toBe(404)
    const award = await send("GET", `/policies/HN-2026-TX-01/awards/${restaurantCode}`, "restaurant")
    expect([award.status, award.body.status, award.body.amountFen]).toEqual([200, "disbursed", 2_000_000])
    expect((await send("GET", `/policies/HN-2026-TX-01/awards/${restaurantCode}`, "snack")).status).toBe(403)
    expect((await send("GET", path, "restaurant")).status).toBe(403)
    expect((await send("GET", path, "approver")).status).toBe(200)
    await yiciban.close()
  })

  it("the OpenAPI document lists the policy commands and the library and budget reads", async () => {
    const { yiciban, send } = await open()
    const document = await send("GET", "/openapi.json", "admin")
    const paths = Object.keys(document.body.paths as object)
    for (const path of [
      "/policy/{id}/PublishPolicy",
      "/policy/{id}/ExpirePolicy",
      "/redemption/{id}/ApproveRedemption",
      "/redemption/{id}/ConfirmEntitlement",
      "/policies",
      "/policies/eligible",
      "/policies/{policyId}/budget",
      "/policies/{policyId}/awards/{subjectCode}",
    ]) {
      expect(paths, path).toContain(path)
    }
    await yiciban.close()
  })
})

const handler401 = (yiciban: Yiciban.Yiciban) =>
  makeHandler({ yiciban, authenticate: () => undefined })(request("GET", "/policies"))
