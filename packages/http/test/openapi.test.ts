/**
 * The OpenAPI document is generated from the schemas, served at /openapi.json, valid OpenAPI 3.1
 * (checked by @seriousme/openapi-schema-validator against the specification's own JSON Schema),
 * and names every command of every aggregate.
 */
import { Validator } from "@seriousme/openapi-schema-validator"
import { Aggregates } from "@yiciban/runtime"
import { describe, expect, it } from "vitest"
import { OpenApi, Routes } from "../src/index.ts"
import { open, request } from "./support.ts"

describe("/openapi.json", () => {
  it("is a valid OpenAPI 3.1 document, served without credentials", async () => {
    const { handler } = await open({ publish: false })
    const response = await handler(request("GET", "/openapi.json"))
    expect(response.status).toBe(200)
    const document = (await response.json()) as { openapi: string; paths: Record<string, unknown> }
    expect(document.openapi).toBe("3.1.0")
    const validator = new Validator()
    const result = await validator.validate(document as never)
    expect(result.errors ?? []).toEqual([])
    expect(result.valid).toBe(true)
  })

  it("has a POST route for every command of every aggregate, and none other", () => {
    const document = OpenApi.document(Aggregates.all)
    const posts = Object.entries(document.paths)
      .filter(([, item]) => (item as { post?: unknown }).post !== undefined)
      .map(([path]) => path)
      .sort()
    const expected = Aggregates.all
      .flatMap((aggregate) => Routes.commandsOf(aggregate).map((command) => `/${aggregate.name}/{id}/${command.tag}`))
      .sort()
    expect(posts).toEqual(expected)
    expect(expected.length).toBeGreaterThan(30)
  })

  it("a command's body schema refuses unknown fields, as the decoder does, and does not require _tag", () => {
    const document = OpenApi.document(Aggregates.all) as unknown as {
      components: { schemas: Record<string, { additionalProperties?: unknown; required?: Array<string> }> }
    }
    const accept = document.components.schemas["application.AcceptApplication"]!
    expect(accept.additionalProperties).toBe(false)
    expect(accept.required).toEqual(["caseNo"])
  })
})
