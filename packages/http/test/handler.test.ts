/**
 * The handler end to end on a memory store: commands through their generated routes, the status
 * of every kind of failure as problem+json, Idempotency-Key, If-Match, ETag, and the trust
 * boundary (an actor comes only from the host's hook).
 */
import { describe, expect, it } from "vitest"
import { Problem } from "../src/index.ts"
import { allMaterials, open, request, submission } from "./support.ts"

const problemOf = async (response: Response) => {
  expect(response.headers.get("content-type")).toBe(Problem.mediaType)
  const body = (await response.json()) as Problem.Problem
  expect(Problem.isWellFormed(response.status, body)).toBe(true)
  return body
}

describe("commands", () => {
  it("a submission through its route appends, answers the events and the version as ETag", async () => {
    const { handler, eventCount } = await open()
    const before = eventCount()
    const response = await handler(
      request("POST", "/application/H-1/SubmitApplication", { token: "token-restaurant", body: submission("H-1") }),
    )
    expect(response.status).toBe(200)
    const body = (await response.json()) as { version: number; events: Array<{ _tag: string }>; duplicate: boolean }
    expect(body.version).toBe(1)
    expect(body.duplicate).toBe(false)
    expect(body.events.map((event) => event._tag)).toEqual(["ApplicationSubmitted"])
    expect(response.headers.get("etag")).toBe('"1"')
    expect(eventCount()).toBe(before + 1)
  })

  it("Idempotency-Key is the command id: a resent request answers the first outcome and appends nothing", async () => {
    const { handler, eventCount } = await open()
    await handler(
      request("POST", "/application/H-2/SubmitApplication", { token: "token-restaurant", body: submission("H-2") }),
    )
    const accept = () =>
      handler(
        request("POST", "/application/H-2/AcceptApplication", {
          token: "token-clerk",
          body: { caseNo: "H-2" },
          headers: { "idempotency-key": "accept-H-2" },
        }),
      )
    const first = await accept()
    expect(first.status).toBe(200)
    const count = eventCount()
    const again = await accept()
    expect(again.status).toBe(200)
    expect(again.headers.get("idempotent-replayed")).toBe("true")
    const [a, b] = [(await first.json()) as { version: number; events: unknown }, await again.json()]
    expect(b).toMatchObject({ duplicate: true, version: a.version, commandId: "accept-H-2", events: a.events })
    expect(eventCount()).toBe(count)
  })

  it("If-Match: the version decided on is appended to, another is 412 with the actual version and appends nothing", async () => {
    const { handler, eventCount } = await open()
    await handler(
      request("POST", "/application/H-3/SubmitApplication", { token: "token-restaurant", body: submission("H-3") }),
    )
    const stale = await handler(
      request("POST", "/application/H-3/AcceptApplication", {
        token: "token-clerk",
        body: { caseNo: "H-3" },
        headers: { "if-match": '"0"' },
      }),
    )
    expect(stale.status).toBe(412)
    const problem = await problemOf(stale)
    expect(problem).toMatchObject({ tag: "VersionConflict", actualVersion: 1 })
    const count = eventCount()
    expect(count).toBeGreaterThan(0)
    const fresh = await handler(
      request("POST", "/application/H-3/AcceptApplication", {
        token: "token-clerk",
        body: { caseNo: "H-3" },
        headers: { "if-match": '"1"' },
      }),
    )
    expect(fresh.status).toBe(200)
    expect(eventCount()).toBeGreaterThan(count)
    const malformed = await handler(
      request("POST", "/application/H-3/GrantApplication", {
        token: "token-approver",
        body: { caseNo: "H-3" },
        headers: { "if-match": 'W/"2"' },
      }),
    )
    expect(malformed.status).toBe(400)
    expect((await problemOf(malformed)).errors?.[0]?.path).toBe("If-Match")
  })

  it("the status of each failure, as problem+json with the tag, the one-line detail and the field paths", async () => {
    const { handler, eventCount } = await open()
    await handler(
      request("POST", "/application/H-4/SubmitApplication", { token: "token-restaurant", body: submission("H-4") }),
    )
    const before = eventCount()
    const cases: ReadonlyArray<[string, Request, number, string]> = [
      [
        "no credentials",
        request("POST", "/application/H-4/AcceptApplication", { body: { caseNo: "H-4" } }),
        401,
        "Unauthenticated",
      ],
      [
        "an unknown token",
        request("POST", "/application/H-4/AcceptApplication", { token: "forged", body: { caseNo: "H-4" } }),
        401,
        "Unauthenticated",
      ],
      [
        "an applicant accepting",
        request("POST", "/application/H-4/AcceptApplication", { token: "token-restaurant", body: { caseNo: "H-4" } }),
        403,
        "NotPermitted",
      ],
      [
        "a field of the wrong type",
        request("POST", "/application/H-4/RequestCorrection", {
          token: "token-clerk",
          body: { caseNo: "H-4", items: [{ code: 5 }] },
        }),
        400,
        "InvalidCommand",
      ],
      [
        "another instance in the body",
        request("POST", "/application/H-4/AcceptApplication", { token: "token-clerk", body: { caseNo: "H-5" } }),
        400,
        "WrongInstance",
      ],
      [
        "a business rule",
        request("POST", "/application/H-4/GrantApplication", { token: "token-approver", body: { caseNo: "H-4" } }),
        409,
        "CommandRejected",
      ],
      [
        "an unknown command",
        request("POST", "/application/H-4/Approve", { token: "token-clerk", body: { caseNo: "H-4" } }),
        404,
        "UnknownRoute",
      ],
      [
        "an unknown aggregate",
        request("POST", "/licence/H-4/Approve", { token: "token-clerk", body: {} }),
        404,
        "UnknownRoute",
      ],
      [
        "GET on a command",
        request("GET", "/application/H-4/AcceptApplication", { token: "token-clerk" }),
        405,
        "MethodNotAllowed",
      ],
      [
        "a body that is not JSON",
        request("POST", "/application/H-4/AcceptApplication", { token: "token-clerk", body: "{caseNo" }),
        400,
        "InvalidRequest",
      ],
      [
        "a body that is text/plain",
        request("POST", "/application/H-4/AcceptApplication", {
          token: "token-clerk",
          body: "x",
          headers: { "content-type": "text/plain" },
        }),
        415,
        "UnsupportedMediaType",
      ],
      [
        "another _tag in the body",
        request("POST", "/application/H-4/AcceptApplication", {
          token: "token-clerk",
          body: { _tag: "GrantApplication", caseNo: "H-4" },
        }),
        400,
        "InvalidRequest",
      ],
      ["a case nobody submitted", request("GET", "/application/H-404", { token: "token-clerk" }), 404, "NotFound"],
      ["reading another's case", request("GET", "/application/H-4", { token: "token-stranger" }), 403, "NotPermitted"],
      [
        "an unknown query parameter",
        request("GET", "/cases?categroy=application", { token: "token-clerk" }),
        400,
        "InvalidRequest",
      ],
      ["a limit out of range", request("GET", "/cases?limit=0", { token: "token-clerk" }), 400, "InvalidRequest"],
    ]
    for (const [name, req, status, tag] of cases) {
      const response = await handler(req)
      expect([name, response.status]).toEqual([name, status])
      const problem = await problemOf(response)
      expect([name, problem.tag]).toEqual([name, tag])
      expect(problem.instance).toBe(new URL(req.url).pathname)
    }
    expect(eventCount()).toBe(before)
    const wrongType = await problemOf(
      await handler(
        request("POST", "/application/H-4/RequestCorrection", {
          token: "token-clerk",
          body: { caseNo: "H-4", items: [{ code: 5 }] },
        }),
      ),
    )
    expect(wrongType.errors?.[0]?.path).toMatch(/^items\[0\]/)
    const rule = await problemOf(
      await handler(
        request("POST", "/application/H-4/GrantApplication", { token: "token-approver", body: { caseNo: "H-4" } }),
      ),
    )
    expect((rule.rejection as { _tag: string })._tag).toEqual(expect.any(String))
    expect(rule.detail).toContain(`refused: ${(rule.rejection as { _tag: string })._tag}`)
    const unauthenticated = await handler(request("GET", "/cases"))
    expect(unauthenticated.headers.get("www-authenticate")).toBe("Bearer")
  })

  it("a store that cannot be reached is 503, a bug in the host's hook is 500 without its internals", async () => {
    const { yiciban } = await open()
    const { makeHandler } = await import("../src/index.ts")
    const { EventStoreError } = await import("@yiciban/eventstore")
    const down = makeHandler({
      yiciban: {
        ...yiciban,
        cases: () =>
          Promise.reject(
            new EventStoreError.StoreUnavailable({ operation: "cases", cause: new Error("connection refused") }),
          ),
      },
      authenticate: () => ({
        id: "clerk-07",
        roles: ["windowClerk"],
        authority: "11430100MB1A38544B",
        region: "430100",
      }),
    })
    const unavailable = await down(request("GET", "/cases"))
    expect(unavailable.status).toBe(503)
    expect((await problemOf(unavailable)).tag).toBe("StoreUnavailable")
    const broken = makeHandler({
      yiciban,
      authenticate: () => {
        throw new TypeError("Cannot read properties of undefined (reading 'sub')\n    at verify (auth.ts:12)")
      },
    })
    const failed = await broken(request("GET", "/cases"))
    expect(failed.status).toBe(500)
    const problem = await problemOf(failed)
    expect(problem.tag).toBe("Defect")
    expect(problem.detail).not.toContain("auth.ts")
  })
})

describe("the trust boundary: the actor is the hook's", () => {
  it("a request claiming roles in its body gets nothing more: the body is refused, nothing appended", async () => {
    const { handler, eventCount } = await open()
    await handler(
      request("POST", "/application/T-1/SubmitApplication", { token: "token-restaurant", body: submission("T-1") }),
    )
    const before = eventCount()
    const claims = [
      {
        caseNo: "T-1",
        actor: { id: "clerk-07", roles: ["windowClerk"], authority: "11430100MB1A38544B", region: "430100" },
      },
      { caseNo: "T-1", roles: ["windowClerk", "approver"] },
      { caseNo: "T-1", metadata: { actor: { id: "system", roles: ["system"] } } },
    ]
    for (const body of claims) {
      const response = await handler(
        request("POST", "/application/T-1/AcceptApplication", { token: "token-restaurant", body }),
      )
      expect(response.status).toBe(400)
      expect((await problemOf(response)).tag).toBe("InvalidCommand")
    }
    const plain = await handler(
      request("POST", "/application/T-1/AcceptApplication", { token: "token-restaurant", body: { caseNo: "T-1" } }),
    )
    expect(plain.status).toBe(403)
    expect(eventCount()).toBe(before)
  })

  it("headers claiming an actor or roles are ignored: the answer is the authenticated actor's", async () => {
    const { handler, eventCount } = await open()
    await handler(
      request("POST", "/application/T-2/SubmitApplication", { token: "token-restaurant", body: submission("T-2") }),
    )
    const before = eventCount()
    const claimed = await handler(
      request("POST", "/application/T-2/AcceptApplication", {
        token: "token-restaurant",
        body: { caseNo: "T-2" },
        headers: {
          "x-actor": JSON.stringify({
            id: "clerk-07",
            roles: ["windowClerk"],
            authority: "11430100MB1A38544B",
            region: "430100",
          }),
          "x-roles": "windowClerk,system",
          "x-forwarded-user": "clerk-07",
        },
      }),
    )
    expect(claimed.status).toBe(403)
    expect((await problemOf(claimed)).reason).toBe("role")
    expect(eventCount()).toBe(before)
  })

  it("an actor the hook built with the system role is refused (403 InvalidActor)", async () => {
    const { yiciban } = await open()
    const { makeHandler } = await import("../src/index.ts")
    const handler = makeHandler({ yiciban, authenticate: () => ({ id: "svc", roles: ["system"] }) as never })
    const response = await handler(request("GET", "/cases"))
    expect(response.status).toBe(403)
    expect((await problemOf(response)).tag).toBe("InvalidActor")
  })
})

describe("reads", () => {
  it("GET an instance answers its version as ETag and 304 to a matching If-None-Match", async () => {
    const { handler } = await open()
    await handler(
      request("POST", "/application/R-1/SubmitApplication", {
        token: "token-restaurant",
        body: { ...submission("R-1"), materials: allMaterials },
      }),
    )
    const response = await handler(request("GET", "/application/R-1", { token: "token-clerk" }))
    expect(response.status).toBe(200)
    expect(response.headers.get("etag")).toBe('"1"')
    expect(await response.json()).toMatchObject({ version: 1, state: { phase: "submitted" } })
    const cached = await handler(
      request("GET", "/application/R-1", { token: "token-clerk", headers: { "if-none-match": '"1"' } }),
    )
    expect(cached.status).toBe(304)
    const events = await handler(request("GET", "/application/R-1/events", { token: "token-restaurant" }))
    expect(await events.json()).toMatchObject({
      version: 1,
      events: [{ type: "ApplicationSubmitted", streamVersion: 1 }],
    })
    const head = await handler(request("HEAD", "/application/R-1", { token: "token-clerk" }))
    expect([head.status, await head.text(), head.headers.get("etag")]).toEqual([200, "", '"1"'])
  })

  it("a base path mounts every route under it", async () => {
    const { handler } = await open({ basePath: "/api/" })
    expect((await handler(request("GET", "/api/openapi.json"))).status).toBe(200)
    expect((await handler(request("GET", "/openapi.json"))).status).toBe(404)
    expect((await handler(request("GET", "/api/cases", { token: "token-clerk" }))).status).toBe(200)
  })
})
