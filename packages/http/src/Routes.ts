/**
 * The routes of the HTTP API, derived from the aggregates a Yiciban instance serves: one
 * `POST /{aggregate}/{id}/{Command}` per member of each aggregate's command schema (its `_tag`),
 * reads of an instance and its events, and the runtime's read models. Nothing is listed by hand:
 * a command added to an aggregate's schema is a route.
 *
 * @since 0.2.0
 */
import type { Aggregate } from "@yiciban/runtime"
import type { Schema } from "effect"

/**
 * One command an aggregate takes: its `_tag` and its schema.
 *
 * @category models
 * @since 0.2.0
 */
export interface CommandRoute {
  readonly tag: string
  readonly schema: Schema.Top
}

/**
 * The commands of an aggregate, from the members of its command schema (a tagged union, or one
 * tagged struct).
 *
 * @example
 * ```ts
 * import { Aggregates } from "@yiciban/runtime"
 * import { Routes } from "@yiciban/http"
 *
 * Routes.commandsOf(Aggregates.matter).map((command) => command.tag) // ["DraftMatter", "ReviseDraft", …]
 * ```
 *
 * @category constructors
 * @since 0.2.0
 */
export const commandsOf = (aggregate: Aggregate.Any): ReadonlyArray<CommandRoute> => {
  const schema = aggregate.commandSchema as unknown as Schema.Top & { readonly members?: ReadonlyArray<Schema.Top> }
  const commands: Array<CommandRoute> = []
  for (const member of schema.members ?? [schema]) {
    const tag = (
      member as unknown as { readonly fields?: { readonly _tag?: { readonly ast?: { readonly literal?: unknown } } } }
    ).fields?._tag?.ast?.literal
    if (typeof tag !== "string") {
      throw new TypeError(`${aggregate.name}: every command schema must be a tagged struct to be routed`)
    }
    commands.push({ tag, schema: member })
  }
  return commands
}

/**
 * What a request's method and path address.
 *
 * @category models
 * @since 0.2.0
 */
export type Match =
  | { readonly _tag: "OpenApi" }
  | { readonly _tag: "Cases" }
  | { readonly _tag: "Timers" }
  | { readonly _tag: "PolicySearch" }
  | { readonly _tag: "PolicyEligible" }
  | { readonly _tag: "PolicyBudget"; readonly policyId: string }
  | { readonly _tag: "PolicyAward"; readonly policyId: string; readonly subjectCode: string }
  | { readonly _tag: "Instance"; readonly aggregate: string; readonly id: string }
  | { readonly _tag: "Events"; readonly aggregate: string; readonly id: string }
  | { readonly _tag: "View"; readonly aggregate: string; readonly id: string }
  | { readonly _tag: "Command"; readonly aggregate: string; readonly id: string; readonly command: string }

/**
 * The segments of a path under `basePath`, percent-decoded, or `undefined` when the path is not
 * under it or a segment does not decode.
 *
 * @category combinators
 * @since 0.2.0
 */
export const segmentsOf = (pathname: string, basePath: string): ReadonlyArray<string> | undefined => {
  const base = basePath.replace(/\/+$/, "")
  if (base !== "" && pathname !== base && !pathname.startsWith(`${base}/`)) return undefined
  const rest = pathname.slice(base.length).replace(/^\/+/, "").replace(/\/+$/, "")
  if (rest === "") return []
  try {
    return rest.split("/").map((segment) => decodeURIComponent(segment))
  } catch {
    return undefined
  }
}

/**
 * Matches a method and the path's segments: `{ route }` when both fit, `{ allowed }` (the methods
 * the path takes) when only the path does, `undefined` when nothing does. `GET /{aggregate}/{id}/view`
 * is a route only for the aggregates in `viewed` (the bundle case's view with its children).
 *
 * @category combinators
 * @since 0.2.0
 */
export const match = (
  method: string,
  segments: ReadonlyArray<string>,
  aggregates: ReadonlyArray<string>,
  viewed: ReadonlyArray<string> = [],
):
  | { readonly route: Match; readonly allowed?: undefined }
  | { readonly route?: undefined; readonly allowed: ReadonlyArray<string> }
  | undefined => {
  const get = (route: Match) =>
    method === "GET" || method === "HEAD" ? { route } : { allowed: ["GET", "HEAD"] as ReadonlyArray<string> }
  const [first, id, third, ...more] = segments
  if (first === undefined) return undefined
  if (segments.length === 1) {
    if (first === "openapi.json") return get({ _tag: "OpenApi" })
    if (first === "cases") return get({ _tag: "Cases" })
    if (first === "timers") return get({ _tag: "Timers" })
    if (first === "policies") return get({ _tag: "PolicySearch" })
    return undefined
  }
  // The policy library and a policy's budget and awards (政策库, 政策兑现): reads, under `policies`.
  if (first === "policies" && id !== undefined && id !== "") {
    if (segments.length === 2 && id === "eligible") return get({ _tag: "PolicyEligible" })
    if (segments.length === 3 && third === "budget") return get({ _tag: "PolicyBudget", policyId: id })
    if (segments.length === 4 && third === "awards" && more[0] !== "") {
      return get({ _tag: "PolicyAward", policyId: id, subjectCode: more[0]! })
    }
    return undefined
  }
  if (!aggregates.includes(first) || id === undefined || id === "" || more.length > 0) return undefined
  if (third === undefined) return get({ _tag: "Instance", aggregate: first, id })
  if (third === "events") return get({ _tag: "Events", aggregate: first, id })
  if (third === "view" && viewed.includes(first)) return get({ _tag: "View", aggregate: first, id })
  return method === "POST"
    ? { route: { _tag: "Command", aggregate: first, id, command: third } }
    : { allowed: ["POST"] }
}
