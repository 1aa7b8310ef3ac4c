/**
 * Properties of the handler over generated requests (fast-check):
 *
 * 1. whatever the body, a command route answers a success on the path's own instance or a
 *    well-formed problem (`Problem.isWellFormed`) with a 4xx status — client input never causes a
 *    5xx — and a failure appends nothing;
 * 2. an actor claimed anywhere but the host's hook (headers, query) changes nothing: the answer
 *    is byte for byte the one the authenticated actor gets without the claims.
 */
import { fc, test } from "@fast-check/vitest"
import { Aggregates } from "@yiciban/runtime"
import { describe, expect } from "vitest"
import { Problem, Routes } from "../src/index.ts"
import { allMaterials, applicant, matterCode, open, request, submission, tokens } from "./support.ts"

const caseNos = ["P-1", "P-2"]
const routes = Aggregates.all.flatMap((aggregate) =>
  Routes.commandsOf(aggregate).map((command) => ({ aggregate: aggregate.name, tag: command.tag })),
)
const applicationRoutes = routes.filter((route) => route.aggregate === "application")

/** Bodies near the valid ones (so that some succeed), and anything at all. */
const body = fc.oneof(
  fc.record({ caseNo: fc.constantFrom(...caseNos) }),
  fc.constantFrom(...caseNos).map((caseNo) => submission(caseNo)),
  fc.record({
    caseNo: fc.constantFrom(...caseNos),
    applicant: fc.constantFrom(applicant, { ...applicant, code: "x" }),
    matterCode: fc.constantFrom(matterCode, "nope"),
    materials: fc.constantFrom(allMaterials, [], [{ code: 1 }]),
  }),
  fc.dictionary(fc.string({ maxLength: 8 }), fc.jsonValue({ maxDepth: 3 }), { maxKeys: 4 }),
  fc.jsonValue({ maxDepth: 3 }),
)
const raw = fc.oneof(
  body.map((value) => JSON.stringify(value)),
  fc.string({ maxLength: 40 }),
)
const route = fc.oneof({ weight: 3, arbitrary: fc.constantFrom(...applicationRoutes) }, fc.constantFrom(...routes))
const token = fc.constantFrom(...Object.keys(tokens), "nobody")

describe("the handler over generated requests", () => {
  test.prop([fc.array(fc.tuple(route, fc.constantFrom(...caseNos), token, raw), { minLength: 1, maxLength: 12 })], {
    numRuns: 60,
  })(
    "a command route answers a success on its own instance or a well-formed 4xx problem; a failure appends nothing",
    async (requests) => {
      const { handler, eventCount } = await open()
      for (const [{ aggregate, tag }, id, who, text] of requests) {
        const before = eventCount()
        const response = await handler(
          request("POST", `/${aggregate}/${encodeURIComponent(id)}/${tag}`, {
            token: who,
            body: text,
            headers: { "content-type": "application/json" },
          }),
        )
        const answer = (await response.json()) as { stream?: string }
        if (response.status === 200) {
          expect(answer.stream).toBe(`${aggregate}-${id}`)
        } else {
          expect(Problem.isWellFormed(response.status, answer)).toBe(true)
          expect(response.status).toBeLessThan(500)
          expect(eventCount()).toBe(before)
        }
      }
    },
  )

  const claim = fc.record({
    id: fc.constantFrom("clerk-07", "head-01", "system"),
    roles: fc.subarray(["windowClerk", "approver", "supervisor", "catalogueAdmin", "system"], { minLength: 1 }),
    authority: fc.constant("11430100MB1A38544B"),
    region: fc.constant("430100"),
  })
  const claimHeaders = fc.dictionary(
    fc.constantFrom("x-actor", "x-yiciban-actor", "x-user", "x-roles", "x-forwarded-user", "actor", "forwarded"),
    claim.map((actor) => JSON.stringify(actor)),
    { minKeys: 1 },
  )

  test.prop([claimHeaders, fc.constantFrom("token-restaurant", "token-stranger")], { numRuns: 40 })(
    "an actor claimed in a header changes nothing: the answer is the authenticated actor's",
    async (headers, who) => {
      const { handler, eventCount } = await open()
      await handler(
        request("POST", "/application/P-1/SubmitApplication", { token: "token-restaurant", body: submission("P-1") }),
      )
      const before = eventCount()
      const asked = [
        () => request("POST", "/application/P-1/AcceptApplication", { token: who, body: { caseNo: "P-1" } }),
        () => request("GET", "/application/P-1", { token: who }),
        () => request("GET", "/application/P-1/events", { token: who }),
        () => request("GET", "/cases?category=application", { token: who }),
        () => request("GET", "/timers", { token: who }),
      ]
      for (const make of asked) {
        const plain = make()
        const claimed = new Request(plain, { headers: { ...Object.fromEntries(plain.headers), ...headers } })
        const [a, b] = [await handler(make()), await handler(claimed)]
        expect([b.status, await b.text()]).toEqual([a.status, await a.text()])
      }
      expect(eventCount()).toBe(before)
    },
  )
})
