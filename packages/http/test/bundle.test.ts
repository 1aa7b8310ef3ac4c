/**
 * Bundles (一件事一次办) over HTTP: the bundle and bundle-case commands have their generated routes
 * (`POST /bundle/{id}/{Command}`, `POST /bundlecase/{id}/{Command}`), the bundle case reads as
 * every aggregate does, and `GET /bundlecase/{id}/view` lists it with its children; OpenAPI names
 * them; the library authorizes each (a stranger is refused, a member's department reads its own
 * child through the view).
 */
import type { Yiciban } from "@yiciban/runtime"
import { describe, expect, it } from "vitest"
import {
  adminOf,
  bundleId,
  clerkOf,
  fireBrigade,
  leadClerk,
  members,
  urbanManagement,
} from "../../runtime/test/bundleFixtures.ts"
import { cityBureau } from "../../runtime/test/fixtures.ts"
import { applicant, open, request, tokens } from "./support.ts"

Object.assign(tokens, {
  "token-city-admin": adminOf(cityBureau),
  "token-lead-clerk": leadClerk,
  "token-fire-clerk": clerkOf(fireBrigade),
  "token-urban-clerk": clerkOf(urbanManagement),
})

const paper = (...codes: ReadonlyArray<string>) => codes.map((code) => ({ code, form: "paper" }))

const withBundle = async () => {
  const opened = await open({ publish: false })
  for (const [code, elements] of members) {
    await opened.yiciban.matter.publish(
      { implementationCode: code, baseCode: code.split("-")[1]!, elements },
      adminOf(elements.implementingAuthority) as Yiciban.ActorInput,
    )
  }
  const post = (path: string, token: string, body: unknown) => opened.handler(request("POST", path, { token, body }))
  return { ...opened, post }
}

describe("bundles over HTTP", () => {
  it("publishes a bundle, applies, accepts once and reads the case with its children through the generated routes", async () => {
    const { handler, post, yiciban } = await withBundle()
    const drafted = await post(`/bundle/${bundleId}/DraftBundle`, "token-city-admin", {
      bundleId,
      elements: {
        name: "开办餐饮店",
        leadDepartment: cityBureau,
        memberCodes: members.map(([code]) => code),
        introduction: "一次告知、一表申请、一窗受理、并联审批、统一出件",
        jointLimitWorkingDays: 20,
      },
    })
    expect(drafted.status).toBe(200)
    expect((await post(`/bundle/${bundleId}/PublishBundle`, "token-city-admin", { bundleId })).status).toBe(200)
    // anyone reads a published bundle
    expect((await handler(request("GET", `/bundle/${bundleId}`, { token: "token-stranger" }))).status).toBe(200)

    const caseNo = "YJS-H1"
    const submitted = await post(`/bundlecase/${caseNo}/SubmitBundleApplication`, "token-restaurant", {
      caseNo,
      applicant,
      bundleId,
      materials: paper("QY01", "SFZ", "ZS", "QY04", "SP01", "SP03", "XF01", "XF03", "ZP01", "ZP02"),
    })
    expect(submitted.status).toBe(200)
    expect(((await submitted.json()) as { events: Array<{ _tag: string }> }).events[0]!._tag).toBe(
      "BundleApplicationSubmitted",
    )
    // a command body cannot pin the bundle's terms: strict decoding refuses them
    const pinned = await post(`/bundlecase/YJS-H2/SubmitBundleApplication`, "token-restaurant", {
      caseNo: "YJS-H2",
      applicant,
      bundleId,
      materials: [],
      bundle: {},
    })
    expect(pinned.status).toBe(400)
    // only the lead department's window accepts
    const accept = {
      caseNo,
      members: members.map(([code]) => ({ implementationCode: code, acceptance: { _tag: "Ordinary" } })),
    }
    expect((await post(`/bundlecase/${caseNo}/AcceptBundle`, "token-fire-clerk", accept)).status).toBe(403)
    expect((await post(`/bundlecase/${caseNo}/AcceptBundle`, "token-lead-clerk", accept)).status).toBe(200)
    await yiciban.runProcessManagers()

    // the case itself: the applicant and the lead department; not a stranger
    const own = await handler(request("GET", `/bundlecase/${caseNo}`, { token: "token-restaurant" }))
    expect(own.status).toBe(200)
    expect(((await own.json()) as { state: { phase: string } }).state.phase).toBe("accepted")
    expect((await handler(request("GET", `/bundlecase/${caseNo}`, { token: "token-stranger" }))).status).toBe(403)
    expect((await handler(request("GET", `/bundlecase/${caseNo}/events`, { token: "token-lead-clerk" }))).status).toBe(
      200,
    )

    // the view: every child with its authority; the phase where the reader may read the child
    type View = { children: Array<{ caseNo: string; authority: string; phase?: string }> }
    const asApplicant = await handler(request("GET", `/bundlecase/${caseNo}/view`, { token: "token-restaurant" }))
    expect(asApplicant.status).toBe(200)
    const view = (await asApplicant.json()) as View
    expect(view.children.map((c) => c.phase)).toEqual(["underReview", "underReview", "underReview", "underReview"])
    const asFire = (await (
      await handler(request("GET", `/bundlecase/${caseNo}/view`, { token: "token-fire-clerk" }))
    ).json()) as View
    expect(asFire.children.map((c) => (c.authority === fireBrigade.creditCode ? c.phase : (c.phase ?? null)))).toEqual([
      null,
      null,
      "underReview",
      null,
    ])
    expect((await handler(request("GET", `/bundlecase/${caseNo}/view`, { token: "token-stranger" }))).status).toBe(403)
    expect((await handler(request("POST", `/bundlecase/${caseNo}/view`, { token: "token-restaurant" }))).status).toBe(
      405,
    )
    // the view is a bundle case's only
    expect(
      (await handler(request("GET", `/application/${caseNo}-J1/view`, { token: "token-restaurant" }))).status,
    ).toBe(405)
  })

  it("OpenAPI lists the bundle and bundle-case routes", async () => {
    const { handler } = await open({ publish: false })
    const document = (await (await handler(request("GET", "/openapi.json"))).json()) as {
      paths: Record<string, unknown>
    }
    for (const path of [
      "/bundle/{id}/DraftBundle",
      "/bundle/{id}/PublishBundle",
      "/bundlecase/{id}",
      "/bundlecase/{id}/events",
      "/bundlecase/{id}/view",
      "/bundlecase/{id}/SubmitBundleApplication",
      "/bundlecase/{id}/ProposeCorrection",
      "/bundlecase/{id}/IssueCombinedNotice",
      "/bundlecase/{id}/AnswerCombinedNotice",
      "/bundlecase/{id}/AcceptBundle",
      "/bundlecase/{id}/ExtendJointLimit",
      "/bundlecase/{id}/DeliverUnified",
    ]) {
      expect(document.paths, path).toHaveProperty([path])
    }
  })
})
