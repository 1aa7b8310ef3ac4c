/**
 * What the runtime accepts from a host, checked before anything is read or written: the actor
 * (built by the host after it authenticated someone) and the command (sent by that someone).
 *
 * - Both are decoded strictly: a field the schema does not name is refused, not dropped.
 * - Text must be text the event log and the read models both keep unchanged: no NUL character
 *   and no lone UTF-16 surrogate anywhere (PostgreSQL's `jsonb` refuses the first; the second
 *   does not survive UTF-8).
 * - Nesting is bounded ({@link maxDepth} levels).
 * - An actor may not claim the `system` role: only the runtime's scheduler and process managers
 *   act as the system, through a capability the facade never hands out.
 *
 * Each refusal is a typed error whose one-line message names the field (`path`) and the rule.
 *
 * @since 0.2.0
 */
import { Actor } from "@yiciban/core"
import type { Schema } from "effect"
import * as Result from "effect/Result"
import * as SchemaIssue from "effect/SchemaIssue"
import type { Any } from "./Aggregate.ts"
import { decoderOf } from "./internal/codecs.ts"
import { InvalidActor, InvalidCommand } from "./RuntimeError.ts"

/**
 * How deep commands and actors may nest (objects and arrays within each other).
 *
 * @category models
 * @since 0.2.0
 */
export const maxDepth = 32

/**
 * What is wrong with the text in `value`, or `undefined`: the first string (or object key) that
 * holds a NUL character or a lone surrogate, or nesting deeper than {@link maxDepth}, with the
 * path to it.
 *
 * @example
 * ```ts
 * import { Input } from "@yiciban/runtime"
 *
 * Input.textProblem({ applicant: { name: "李\u0000雷" } }) // { path: "applicant.name", detail: "contains a NUL character (U+0000)" }
 * ```
 *
 * @category combinators
 * @since 0.2.0
 */
export const textProblem = (
  value: unknown,
  path: ReadonlyArray<string | number> = [],
): { readonly path: string; readonly detail: string } | undefined => {
  const at = (segments: ReadonlyArray<string | number>) =>
    segments.map((s, i) => (typeof s === "number" ? `[${s}]` : i === 0 ? s : `.${s}`)).join("")
  const walk = (
    u: unknown,
    segments: ReadonlyArray<string | number>,
    depth: number,
  ): { readonly path: string; readonly detail: string } | undefined => {
    if (typeof u === "string") {
      const problem = stringProblem(u)
      return problem === undefined ? undefined : { path: at(segments), detail: problem }
    }
    if (typeof u !== "object" || u === null) return undefined
    if (depth >= maxDepth) return { path: at(segments), detail: `nested deeper than ${maxDepth} levels` }
    if (Array.isArray(u)) {
      for (let i = 0; i < u.length; i++) {
        const found = walk(u[i], [...segments, i], depth + 1)
        if (found !== undefined) return found
      }
      return undefined
    }
    for (const key of Object.keys(u)) {
      const keyProblem = stringProblem(key)
      if (keyProblem !== undefined) return { path: at([...segments, key]), detail: `its name ${keyProblem}` }
      const found = walk((u as Record<string, unknown>)[key], [...segments, key], depth + 1)
      if (found !== undefined) return found
    }
    return undefined
  }
  return walk(value, path, 0)
}

const stringProblem = (text: string): string | undefined => {
  for (let i = 0; i < text.length; i++) {
    const unit = text.charCodeAt(i)
    if (unit === 0) return "contains a NUL character (U+0000)"
    if (unit >= 0xd800 && unit <= 0xdbff) {
      const next = text.charCodeAt(i + 1)
      if (next >= 0xdc00 && next <= 0xdfff) {
        i++
        continue
      }
      return `contains a lone surrogate (U+${unit.toString(16).toUpperCase()})`
    }
    if (unit >= 0xdc00 && unit <= 0xdfff) return `contains a lone surrogate (U+${unit.toString(16).toUpperCase()})`
  }
  return undefined
}

const strict = { onExcessProperty: "error" } as const

/** The first issue of a schema failure as a path and a one-line message. */
const firstIssue = (issue: SchemaIssue.Issue): { readonly path: string | undefined; readonly detail: string } => {
  const issues = SchemaIssue.makeFormatterStandardSchemaV1()(issue).issues
  const first = issues[0]
  if (first === undefined) return { path: undefined, detail: "invalid" }
  const path = (first.path ?? []).map((segment) =>
    typeof segment === "object" && segment !== null && "key" in segment ? segment.key : segment,
  )
  const rendered = path
    .map((s, i) => (typeof s === "number" ? `[${s}]` : i === 0 ? String(s) : `.${String(s)}`))
    .join("")
  let detail = first.message.replace(/\s+/g, " ")
  if (detail.length > 240) detail = `${detail.slice(0, 239)}…`
  if (issues.length > 1) detail += ` (and ${issues.length - 1} more)`
  return { path: rendered === "" ? undefined : rendered, detail }
}

const HostActor = Actor.Actor

/**
 * Decodes the actor a host built: an `Actor` (id, roles, and for staff authority and region, for
 * applicants the subjects it acts for), strictly, with checked text and no `system` role.
 *
 * @example
 * ```ts
 * import { Input } from "@yiciban/runtime"
 *
 * Input.decodeActor({ id: "clerk-07", roles: ["windowClerk"], authority: "11430100MB1A38544B", region: "430100" })
 * // Result.succeed(…)
 * ```
 *
 * @category constructors
 * @since 0.2.0
 */
export const decodeActor = (input: unknown): Result.Result<Actor.Actor, InvalidActor> => {
  if (typeof input !== "object" || input === null || Array.isArray(input)) {
    return Result.fail(
      new InvalidActor({
        detail: `expected an object with an id and roles, got ${input === null ? "null" : Array.isArray(input) ? "an array" : typeof input}`,
      }),
    )
  }
  const decoded = decoderOf(HostActor)(input, strict)
  if (Result.isFailure(decoded)) {
    const { path, detail } = firstIssue(decoded.failure.issue)
    return Result.fail(new InvalidActor(path === undefined ? { detail } : { path, detail }))
  }
  const actor = decoded.success
  const text = textProblem(actor)
  if (text !== undefined) return Result.fail(new InvalidActor({ path: text.path, detail: text.detail }))
  if (actor.id.trim() === "") return Result.fail(new InvalidActor({ path: "id", detail: "must not be blank" }))
  const system = actor.roles.indexOf("system")
  if (system >= 0) {
    return Result.fail(
      new InvalidActor({
        path: `roles[${system}]`,
        detail: "no caller may act as system: only the runtime's scheduler and process managers do",
      }),
    )
  }
  return Result.succeed(actor)
}

/** The command schemas of an aggregate by `_tag` (one entry, `undefined`, for an untagged schema). */
type Member = Schema.Codec<unknown, unknown>

const membersOf = (aggregate: Any): ReadonlyMap<string | undefined, Member> => {
  const cached = memberCache.get(aggregate.commandSchema)
  if (cached !== undefined) return cached
  const schema = aggregate.commandSchema as unknown as Member & { readonly members?: ReadonlyArray<Member> }
  const members = new Map<string | undefined, Member>()
  for (const member of schema.members ?? [schema]) {
    const tag = (
      member as unknown as { readonly fields?: { readonly _tag?: { readonly ast?: { readonly literal?: unknown } } } }
    ).fields?._tag?.ast?.literal
    if (typeof tag !== "string") {
      members.clear()
      members.set(undefined, schema)
      break
    }
    members.set(tag, member)
  }
  memberCache.set(aggregate.commandSchema, members)
  return members
}
const memberCache = new WeakMap<object, ReadonlyMap<string | undefined, Member>>()

/**
 * Decodes a command for `aggregate` strictly: a known `_tag`, every field as the schema says, no
 * unknown field, text the store keeps. Fails with {@link InvalidCommand} naming the field.
 *
 * @category constructors
 * @since 0.2.0
 */
export const decodeCommand = <Q>(aggregate: Any, input: unknown): Result.Result<Q, InvalidCommand> => {
  const invalid = (detail: string, path?: string) =>
    Result.fail(
      new InvalidCommand(
        path === undefined ? { aggregate: aggregate.name, detail } : { aggregate: aggregate.name, detail, path },
      ),
    )
  if (typeof input !== "object" || input === null || Array.isArray(input)) {
    return invalid(`expected a command object with a _tag, got ${input === null ? "null" : typeof input}`)
  }
  const tag = (input as { readonly _tag?: unknown })._tag
  const members = membersOf(aggregate)
  const schema = members.get(undefined) ?? (typeof tag === "string" ? members.get(tag) : undefined)
  if (schema === undefined) {
    const tags = [...members.keys()].join(", ")
    return invalid(
      `${typeof tag === "string" ? `unknown command ${JSON.stringify(tag.slice(0, 60))}` : "no _tag"}; ${aggregate.name} takes ${tags}`,
      "_tag",
    )
  }
  const text = textProblem(input)
  if (text !== undefined) return invalid(text.detail, text.path)
  const decoded = decoderOf(schema)(input, strict)
  if (Result.isFailure(decoded)) {
    const { path, detail } = firstIssue(decoded.failure.issue)
    return invalid(detail, path)
  }
  return Result.succeed(decoded.success as Q)
}
