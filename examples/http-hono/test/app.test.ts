/**
 * The handler mounted in Hono on a PGlite folder: the app's own route and Yiciban's routes side by
 * side, a command through Hono, its problem+json answers passed through unchanged.
 */
import { mkdtempSync, readFileSync, rmSync } from "node:fs"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { afterAll, expect, it } from "vitest"
import { makeApp } from "../src/app.ts"

const folder = mkdtempSync(join(tmpdir(), "yiciban-hono-"))
afterAll(() => rmSync(folder, { recursive: true, force: true }))
const matter = JSON.parse(readFileSync(join(import.meta.dirname, "../../http-node/matter.json"), "utf8"))

it("serves the app's routes and Yiciban's under /api", async () => {
  const { app, close } = await makeApp(folder)
  try {
    expect(await (await app.request("/health")).json()).toEqual({ ok: true })
    const document = await app.request("/api/openapi.json")
    expect(((await document.json()) as { openapi: string }).openapi).toBe("3.1.0")
    const drafted = await app.request(`/api/matter/${matter.implementationCode}/DraftMatter`, {
      method: "POST",
      headers: { authorization: "Bearer admin-token", "content-type": "application/json" },
      body: JSON.stringify(matter),
    })
    expect(drafted.status).toBe(200)
    expect(drafted.headers.get("etag")).toBe('"1"')
    const refused = await app.request(`/api/matter/${matter.implementationCode}/PublishDraft`, {
      method: "POST",
      headers: { authorization: "Bearer clerk-token", "content-type": "application/json" },
      body: JSON.stringify({ implementationCode: matter.implementationCode }),
    })
    expect(refused.status).toBe(403)
    expect(refused.headers.get("content-type")).toBe("application/problem+json")
    expect(await refused.json()).toMatchObject({
      tag: "NotPermitted",
      instance: `/api/matter/${matter.implementationCode}/PublishDraft`,
    })
    expect((await app.request("/api/cases")).status).toBe(401)
  } finally {
    await close()
  }
}, 180_000)
