/**
 * The read routes: the case list with filters and cursor paging, a case's timeline, the due
 * timers, matters and their published versions — each authorized as the facade's reads are (an
 * applicant sees only its own cases).
 */
import { describe, expect, it } from "vitest"
import { matterCode, open, request, submission } from "./support.ts"

type Page = { items: Array<{ stream: string; status: string; access?: unknown }>; next?: string }

const setUp = async () => {
  const opened = await open()
  const { handler } = opened
  for (const n of [1, 2, 3, 4, 5]) {
    const response = await handler(
      request("POST", `/application/Q-${n}/SubmitApplication`, {
        token: "token-restaurant",
        body: submission(`Q-${n}`),
      }),
    )
    expect(response.status).toBe(200)
  }
  const accepted = await handler(
    request("POST", "/application/Q-1/AcceptApplication", { token: "token-clerk", body: { caseNo: "Q-1" } }),
  )
  expect(accepted.status).toBe(200)
  return opened
}

const get = async (handler: (request: Request) => Promise<Response>, path: string, token: string) => {
  const response = await handler(request("GET", path, { token }))
  expect(response.status).toBe(200)
  return response.json()
}

describe("the case list", () => {
  it("pages with a cursor: following `next` gives every row once, in stream order", async () => {
    const { handler } = await setUp()
    const seen: Array<string> = []
    let path: string | undefined = "/cases?category=application&limit=2"
    let pages = 0
    while (path !== undefined) {
      const page = (await get(handler, path, "token-restaurant")) as Page
      pages++
      expect(page.items.length).toBeLessThanOrEqual(2)
      seen.push(...page.items.map((row) => row.stream))
      path =
        page.next === undefined
          ? undefined
          : `/cases?category=application&limit=2&after=${encodeURIComponent(page.next)}`
    }
    expect(seen).toEqual([1, 2, 3, 4, 5].map((n) => `application-Q-${n}`))
    expect(pages).toBe(3)
  })

  it("filters by status, and shows no access columns", async () => {
    const { handler } = await setUp()
    const accepted = (await get(handler, "/cases?category=application&status=underReview", "token-clerk")) as Page
    expect(accepted.items.map((row) => row.stream)).toEqual(["application-Q-1"])
    expect(accepted.items[0]!.access).toBeUndefined()
    const submitted = (await get(handler, "/cases?category=application&status=submitted", "token-clerk")) as Page
    expect(submitted.items).toHaveLength(4)
  })

  it("an applicant sees only its own cases; staff of the matter's authority see them all", async () => {
    const { handler } = await setUp()
    expect(((await get(handler, "/cases?category=application", "token-stranger")) as Page).items).toEqual([])
    expect(((await get(handler, "/cases?category=application", "token-clerk")) as Page).items).toHaveLength(5)
    const refused = await handler(request("GET", "/application/Q-1/events", { token: "token-stranger" }))
    expect(refused.status).toBe(403)
  })
})

describe("a case's timeline and the due timers", () => {
  it("the timeline is the case's events in order, for its owner", async () => {
    const { handler } = await setUp()
    const timeline = (await get(handler, "/application/Q-1/events", "token-restaurant")) as {
      version: number
      events: Array<{ type: string; streamVersion: number; metadata: { actor: { id: string } } }>
    }
    expect(timeline.events.map((event) => event.type)).toEqual(["ApplicationSubmitted", "ApplicationAccepted"])
    expect(timeline.events.map((event) => event.streamVersion)).toEqual([1, 2])
    expect(timeline.version).toBe(2)
    expect(timeline.events[1]!.metadata.actor.id).toBe("clerk-07")
  })

  it("the due timers of the cases the actor may see, of one stream or all", async () => {
    const { handler } = await setUp()
    const mine = (await get(handler, "/timers", "token-restaurant")) as { items: Array<{ stream: string }> }
    expect(mine.items.length).toBeGreaterThan(0)
    const one = (await get(handler, "/timers?stream=application-Q-1", "token-clerk")) as {
      items: Array<{ stream: string }>
    }
    expect(one.items.length).toBeGreaterThan(0)
    expect(one.items.every((timer) => timer.stream === "application-Q-1")).toBe(true)
    expect(((await get(handler, "/timers", "token-stranger")) as { items: unknown[] }).items).toEqual([])
  })
})

describe("matters", () => {
  it("published matters are listed for anyone signed in, with their published versions", async () => {
    const { handler } = await setUp()
    const matters = (await get(handler, "/cases?category=matter", "token-stranger")) as Page
    expect(matters.items.map((row) => row.stream)).toEqual([`matter-${matterCode}`])
    const matter = (await get(handler, `/matter/${matterCode}`, "token-stranger")) as {
      state: { phase: string; versions: Array<{ name: string }> }
    }
    expect(matter.state.versions.map((version) => version.name)).toEqual(["食品经营许可"])
  })
})
