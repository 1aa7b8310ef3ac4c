/**
 * One Fetch-standard handler, `(request: Request) => Promise<Response>`, for every command and
 * read of every aggregate a Yiciban instance serves. It mounts wherever a `Request` arrives:
 * node:http (through a small bridge), Hono, Bun, Deno, a serverless function.
 *
 * - **Routes** are derived from the aggregates (`Routes`): `POST /{aggregate}/{id}/{Command}`
 *   for each command of each aggregate, `GET /{aggregate}/{id}`, `GET /{aggregate}/{id}/events`,
 *   `GET /bundlecase/{id}/view`, `GET /cases`, `GET /timers`, `GET /openapi.json`; the policy library and budget
 *   reads `GET /policies`, `GET /policies/eligible`, `GET /policies/{policyId}/budget`,
 *   `GET /policies/{policyId}/awards/{subjectCode}`.
 * - **The host authenticates**: `authenticate(request)` returns the actor it built from verified
 *   claims, or `undefined` (401). The handler reads no actor from anywhere else: a body that
 *   carries one is refused by strict decoding, a header that claims one is ignored.
 * - **The library authorizes**: every command and read goes through the facade, which checks the
 *   actor.
 * - `Idempotency-Key` is the command id (a resent request answers the first outcome);
 *   `If-Match: "<version>"` is the stream version the client decided on (412 when it moved);
 *   reads answer an `ETag` of the stream version and `304` to a matching `If-None-Match`.
 * - Every failure is `application/problem+json` (`Problem`).
 *
 * @since 0.2.0
 */
import type { Yiciban } from "@yiciban/runtime"
import * as Result from "effect/Result"
import * as Schema from "effect/Schema"
import * as OpenApi from "./OpenApi.ts"
import * as Problem from "./Problem.ts"
import * as Routes from "./Routes.ts"

/**
 * What `authenticate` returns: the actor the host built after it verified who sent the request
 * (plain data, as the facade takes it), or `undefined` when no one is signed in.
 *
 * @category models
 * @since 0.2.0
 */
export type Authenticate = (
  request: Request,
) => Yiciban.ActorInput | undefined | Promise<Yiciban.ActorInput | undefined>

/**
 * The handler's options.
 *
 * - `yiciban`: the instance it serves (`createYiciban`);
 * - `authenticate`: the host's hook;
 * - `basePath`: where the API is mounted (default `""`, e.g. `"/api"`);
 * - `maxBodyBytes`: the largest body taken (default 1 MiB; larger is 413);
 * - `problemType`: the `type` URI of a problem from its tag (default `urn:yiciban:problem:<tag>`);
 * - `wwwAuthenticate`: the challenge sent with a 401 (default `Bearer`);
 * - `info`: the OpenAPI document's title and version.
 *
 * @category models
 * @since 0.2.0
 */
export interface HandlerOptions {
  readonly yiciban: Yiciban.Yiciban
  readonly authenticate: Authenticate
  readonly basePath?: string | undefined
  readonly maxBodyBytes?: number | undefined
  readonly problemType?: ((tag: string) => string) | undefined
  readonly wwwAuthenticate?: string | undefined
  readonly info?: { readonly title?: string | undefined; readonly version?: string | undefined } | undefined
}

/**
 * The limits on query parameters and headers.
 *
 * @category models
 * @since 0.2.0
 */
export const limits = {
  /** The largest page of `GET /cases`. */
  maxPage: 1000,
  /** The default page of `GET /cases`. */
  defaultPage: 100,
  /** The longest `Idempotency-Key`. */
  maxIdempotencyKey: 200,
} as const

class RequestProblem {
  constructor(readonly problem: Problem.Problem) {}
}

/**
 * An `If-Match` header as a stream version: `"<n>"` (a strong entity tag of a non-negative
 * integer), or `undefined` for none. Anything else (a weak tag, a list, `*`) is refused: a
 * command needs one exact version.
 *
 * @example
 * ```ts
 * import { Handler } from "@yiciban/http"
 *
 * Handler.parseIfMatch('"3"') // { _tag: "Success", success: 3 }
 * ```
 *
 * @category combinators
 * @since 0.2.0
 */
export const parseIfMatch = (header: string | null): Result.Result<number | undefined, string> => {
  if (header === null) return Result.succeed(undefined)
  const matched = /^\s*"(0|[1-9][0-9]{0,14})"\s*$/.exec(header)
  if (matched === null) {
    return Result.fail(
      `If-Match must be one strong entity tag of a stream version, like "3"; got ${header.slice(0, 40)}`,
    )
  }
  return Result.succeed(Number(matched[1]))
}

/**
 * An `Idempotency-Key` header as a command id: 1 to 200 visible ASCII characters, or `undefined`.
 *
 * @category combinators
 * @since 0.2.0
 */
export const parseIdempotencyKey = (header: string | null): Result.Result<string | undefined, string> => {
  if (header === null) return Result.succeed(undefined)
  const key = header.trim()
  if (key.length === 0 || key.length > limits.maxIdempotencyKey || !/^[\x21-\x7e]+$/.test(key)) {
    return Result.fail(`Idempotency-Key must be 1 to ${limits.maxIdempotencyKey} visible ASCII characters`)
  }
  return Result.succeed(key)
}

/** The entity tag of a stream version. */
const etagOf = (version: number) => `"${version}"`

/** Whether an `If-None-Match` header matches the entity tag (weak comparison, RFC 9110 §13.1.2). */
const noneMatch = (header: string | null, etag: string): boolean =>
  header !== null &&
  (header.trim() === "*" ||
    header
      .split(",")
      .map((tag) => tag.trim().replace(/^W\//, ""))
      .includes(etag))

const json = (status: number, body: unknown, headers: Record<string, string> = {}) =>
  new Response(JSON.stringify(body), {
    status,
    headers: { "content-type": "application/json", ...headers },
  })

/** Reads the body as text, refusing past `max` bytes without reading the rest. */
const readBody = async (request: Request, max: number, instance: string, typeOf: (tag: string) => string) => {
  const declared = request.headers.get("content-length")
  if (declared !== null && Number(declared) > max) {
    throw new RequestProblem(
      Problem.make("PayloadTooLarge", `the body is ${declared} bytes; at most ${max} are taken`, instance, {}, typeOf),
    )
  }
  if (request.body === null) return ""
  const reader = request.body.getReader()
  const chunks: Array<Uint8Array> = []
  let size = 0
  for (;;) {
    const { done, value } = await reader.read()
    if (done) break
    size += value.byteLength
    if (size > max) {
      await reader.cancel()
      throw new RequestProblem(
        Problem.make(
          "PayloadTooLarge",
          `the body is more than ${max} bytes; at most ${max} are taken`,
          instance,
          {},
          typeOf,
        ),
      )
    }
    chunks.push(value)
  }
  const all = new Uint8Array(size)
  let offset = 0
  for (const chunk of chunks) {
    all.set(chunk, offset)
    offset += chunk.byteLength
  }
  try {
    return new TextDecoder("utf-8", { fatal: true }).decode(all)
  } catch {
    throw new RequestProblem(Problem.make("InvalidRequest", "the body is not UTF-8 text", instance, {}, typeOf))
  }
}

/** A case-list row as the API shows it: without the access columns (who may see it). */
const publicRow = <R extends { readonly access: unknown }>(row: R): Omit<R, "access"> => {
  const { access: _access, ...rest } = row
  return rest
}

/**
 * Makes the handler.
 *
 * @example
 * ```ts
 * import { createYiciban } from "@yiciban/runtime"
 * import { makeHandler } from "@yiciban/http"
 *
 * const yiciban = await createYiciban()
 * const handler = makeHandler({
 *   yiciban,
 *   // the host's own sign-in: look the bearer token up, build the actor from verified claims
 *   authenticate: async (request) => undefined,
 * })
 * const response = await handler(new Request("http://localhost/openapi.json"))
 * ```
 *
 * @category constructors
 * @since 0.2.0
 */
export const makeHandler = (options: HandlerOptions): ((request: Request) => Promise<Response>) => {
  const { yiciban, authenticate } = options
  const basePath = (options.basePath ?? "").replace(/\/+$/, "")
  const maxBodyBytes = options.maxBodyBytes ?? 1024 * 1024
  const typeOf = options.problemType ?? Problem.defaultType
  const challenge = options.wwwAuthenticate ?? "Bearer"
  const facades = new Map(yiciban.aggregates.map((facade) => [facade.name, facade]))
  // the reads with a view of their own: a bundle case with its children's phases and clocks
  const viewed = facades.has("bundlecase") ? ["bundlecase"] : []
  const commands = new Map(
    yiciban.aggregates.map((facade) => [facade.name, new Set(Routes.commandsOf(facade.aggregate).map((c) => c.tag))]),
  )
  const encoders = new Map(
    yiciban.aggregates.map((facade) => [facade.name, Schema.encodeUnknownResult(facade.aggregate.eventSchema)]),
  )
  let document: string | undefined
  const openApi = () => {
    document ??= JSON.stringify(
      OpenApi.document(
        yiciban.aggregates.map((facade) => facade.aggregate),
        { basePath, title: options.info?.title, version: options.info?.version },
      ),
    )
    return document
  }

  const fail = (problem: Problem.Problem, headers: Record<string, string> = {}) => Problem.toResponse(problem, headers)
  const invalid = (detail: string, instance: string, path?: string) =>
    new RequestProblem(
      Problem.make(
        "InvalidRequest",
        path === undefined ? detail : `at ${path}: ${detail}`,
        instance,
        path === undefined ? {} : { errors: [{ path, detail }] },
        typeOf,
      ),
    )
  const header = <A>(result: Result.Result<A, string>, name: string, instance: string): A => {
    if (Result.isFailure(result)) throw invalid(result.failure, instance, name)
    return result.success
  }

  const query = (url: URL, allowed: ReadonlyArray<string>, instance: string) => {
    const values: Record<string, string> = {}
    for (const [key, value] of url.searchParams) {
      if (!allowed.includes(key)) {
        throw invalid(`unknown query parameter; this route takes ${allowed.join(", ")}`, instance, key)
      }
      if (Object.hasOwn(values, key)) throw invalid("given more than once", instance, key)
      values[key] = value
    }
    return values
  }

  const serve = async (request: Request): Promise<Response> => {
    const url = new URL(request.url)
    const instance = url.pathname
    const segments = Routes.segmentsOf(url.pathname, basePath)
    const matched =
      segments === undefined ? undefined : Routes.match(request.method, segments, [...facades.keys()], viewed)
    if (matched === undefined) {
      return fail(Problem.make("UnknownRoute", `no route ${request.method} ${url.pathname}`, instance, {}, typeOf))
    }
    if (matched.route === undefined) {
      return fail(
        Problem.make(
          "MethodNotAllowed",
          `${url.pathname} takes ${matched.allowed.join(", ")}, not ${request.method}`,
          instance,
          {},
          typeOf,
        ),
        { allow: matched.allowed.join(", ") },
      )
    }
    const route = matched.route
    const head = request.method === "HEAD"
    const read = (status: number, body: unknown, headers: Record<string, string> = {}) => {
      const response = json(status, body, headers)
      return head ? new Response(null, { status, headers: response.headers }) : response
    }
    if (route._tag === "OpenApi") {
      query(url, [], instance)
      const body = openApi()
      return head
        ? new Response(null, { headers: { "content-type": "application/json" } })
        : new Response(body, { headers: { "content-type": "application/json" } })
    }

    let actor: Yiciban.ActorInput | undefined
    try {
      actor = await authenticate(request)
    } catch (error) {
      // The hook is the host's code: its failure is not the client's, and says nothing about who sent it.
      return fail(Problem.fromError(error, instance, typeOf))
    }
    if (actor === undefined) {
      return fail(
        Problem.make(
          "Unauthenticated",
          "sign in first: the request carries no accepted credentials",
          instance,
          {},
          typeOf,
        ),
        {
          "www-authenticate": challenge,
        },
      )
    }

    switch (route._tag) {
      case "Cases": {
        const params = query(url, ["category", "status", "after", "limit"], instance)
        let limit: number = limits.defaultPage
        if (params.limit !== undefined) {
          if (!/^[1-9][0-9]{0,3}$/.test(params.limit) || Number(params.limit) > limits.maxPage) {
            throw invalid(`expected a whole number from 1 to ${limits.maxPage}`, instance, "limit")
          }
          limit = Number(params.limit)
        }
        const rows = await yiciban.cases(actor, {
          category: params.category,
          status: params.status,
          after: params.after,
          limit,
        })
        const next = rows.length === limit ? rows.at(-1)?.stream : undefined
        return read(200, { items: rows.map(publicRow), ...(next === undefined ? {} : { next }) })
      }
      case "Timers": {
        const params = query(url, ["stream"], instance)
        const rows = await yiciban.timers(actor, params.stream)
        return read(200, { items: rows })
      }
      case "PolicySearch": {
        const params = query(
          url,
          ["text", "division", "industry", "subjectKind", "authority", "openOn", "minAmountFen", "limit", "offset"],
          instance,
        )
        const numbers: Record<string, number> = {}
        for (const key of ["minAmountFen", "limit", "offset"]) {
          const value = params[key]
          if (value === undefined) continue
          if (!/^(0|[1-9][0-9]{0,14})$/.test(value)) throw invalid("expected a whole number", instance, key)
          numbers[key] = Number(value)
        }
        const page = await yiciban.policy.search({ ...params, ...numbers } as never, actor)
        return read(200, page)
      }
      case "PolicyEligible": {
        const params = query(url, ["subject", "day"], instance)
        if (params.subject === undefined || params.day === undefined) {
          throw invalid(
            "required: the subject's code and the day (YYYY-MM-DD)",
            instance,
            params.subject === undefined ? "subject" : "day",
          )
        }
        return read(200, { items: await yiciban.policy.eligibleFor(params.subject, params.day, actor) })
      }
      case "PolicyBudget": {
        query(url, [], instance)
        return read(200, await yiciban.redemption.budgetOf(route.policyId, actor))
      }
      case "PolicyAward": {
        query(url, [], instance)
        return read(200, await yiciban.redemption.awardOf(route.policyId, route.subjectCode, actor))
      }
      case "Instance": {
        query(url, [], instance)
        const facade = facades.get(route.aggregate)!
        const loaded = await facade.load(route.id, actor)
        const etag = etagOf(loaded.version)
        if (noneMatch(request.headers.get("if-none-match"), etag)) {
          return new Response(null, { status: 304, headers: { etag } })
        }
        return read(200, { version: loaded.version, state: loaded.state }, { etag })
      }
      case "View": {
        query(url, [], instance)
        return read(200, await yiciban.bundleCase.view(route.id, actor))
      }
      case "Events": {
        query(url, [], instance)
        const facade = facades.get(route.aggregate)!
        const events = await facade.events(route.id, actor)
        const version = events.at(-1)?.streamVersion ?? 0
        const etag = etagOf(version)
        if (noneMatch(request.headers.get("if-none-match"), etag)) {
          return new Response(null, { status: 304, headers: { etag } })
        }
        return read(200, { version, events }, { etag })
      }
      case "Command": {
        query(url, [], instance)
        const facade = facades.get(route.aggregate)!
        if (!commands.get(route.aggregate)!.has(route.command)) {
          return fail(
            Problem.make(
              "UnknownRoute",
              `${route.aggregate} takes no command ${route.command.slice(0, 60)}; it takes ${[...commands.get(route.aggregate)!].join(", ")}`,
              instance,
              {},
              typeOf,
            ),
          )
        }
        const commandId = header(
          parseIdempotencyKey(request.headers.get("idempotency-key")),
          "Idempotency-Key",
          instance,
        )
        const expectedVersion = header(parseIfMatch(request.headers.get("if-match")), "If-Match", instance)
        const contentType = request.headers.get("content-type") ?? ""
        if (!/^application\/([a-z0-9.+-]+\+)?json\s*(;|$)/i.test(contentType)) {
          return fail(
            Problem.make(
              "UnsupportedMediaType",
              `the body must be application/json, got ${contentType === "" ? "no Content-Type" : contentType.slice(0, 60)}`,
              instance,
              {},
              typeOf,
            ),
          )
        }
        const text = await readBody(request, maxBodyBytes, instance, typeOf)
        let body: unknown
        try {
          body = JSON.parse(text)
        } catch (error) {
          throw invalid(`the body is not JSON: ${(error as Error).message}`, instance)
        }
        if (typeof body !== "object" || body === null || Array.isArray(body)) {
          throw invalid(`the body must be a JSON object with the command's fields`, instance)
        }
        const { _tag, ...fields } = body as { readonly _tag?: unknown; readonly [key: string]: unknown }
        if (_tag !== undefined && _tag !== route.command) {
          throw invalid(`the body's _tag must be ${route.command} (the route's command) or absent`, instance, "_tag")
        }
        const outcome = await facade.execute({ _tag: route.command, ...fields }, actor, {
          commandId,
          instance: route.id,
          expectedVersion,
        })
        const events: Array<unknown> = []
        for (const event of outcome.events) {
          const encoded = encoders.get(route.aggregate)!(event)
          if (Result.isFailure(encoded))
            throw new Error(`event ${String((event as { _tag?: unknown })._tag)}: ${encoded.failure.message}`)
          events.push(encoded.success)
        }
        return json(
          200,
          {
            stream: outcome.stream,
            commandId: outcome.commandId,
            version: outcome.version,
            duplicate: outcome.duplicate,
            events,
            state: outcome.state,
          },
          { etag: etagOf(outcome.version), ...(outcome.duplicate ? { "idempotent-replayed": "true" } : {}) },
        )
      }
    }
  }

  return async (request) => {
    try {
      return await serve(request)
    } catch (error) {
      if (error instanceof RequestProblem) return fail(error.problem)
      return fail(Problem.fromError(error, new URL(request.url).pathname, typeOf))
    }
  }
}
