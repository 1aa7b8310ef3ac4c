/**
 * Errors over HTTP as RFC 9457 problem details (`application/problem+json`): every failure of
 * the runtime — a typed `Error` with a `_tag` and a one-line `message` — becomes a response whose
 * status is chosen here, at the HTTP edge, and whose body says what was refused and why: `type`,
 * `title`, `status`, `detail` (the error's one-line message), `instance` (the request's path),
 * `tag` (the error's `_tag`), the field paths (`errors`), and for a business rule the aggregate's
 * own `rejection` (data with its `_tag`).
 *
 * @since 0.2.0
 */
import * as Schema from "effect/Schema"

/**
 * One field a request got wrong: where (`path`, e.g. `applicant.name`, `materials[1].form`) and
 * what is wrong with it.
 *
 * @category schemas
 * @since 0.2.0
 */
export const FieldError = Schema.Struct({
  path: Schema.String,
  detail: Schema.String,
}).annotate({ identifier: "FieldError" })

/**
 * A problem details object (RFC 9457) as this adapter writes it.
 *
 * - `type`: a URI naming the kind of problem (`urn:yiciban:problem:<tag>` by default);
 * - `title`: a short summary of the kind, the same for every occurrence;
 * - `status`: the HTTP status, repeated;
 * - `detail`: the one-line message of this occurrence (what was refused, and why);
 * - `instance`: the request's path;
 * - `tag`: the error's `_tag` (`InvalidCommand`, `NotPermitted`, `CommandRejected`, …);
 * - `errors`: the fields the request got wrong;
 * - `rejection`: for `CommandRejected`, the aggregate's rejection (`{ _tag, … }`);
 * - `reason`: for `NotPermitted`, `role`, `owner`, `authority`, `jurisdiction` or `system`;
 * - `actualVersion`: for `VersionConflict`, the stream's version now.
 *
 * @category schemas
 * @since 0.2.0
 */
export const Problem = Schema.Struct({
  type: Schema.String,
  title: Schema.String,
  status: Schema.Int.check(Schema.isBetween({ minimum: 400, maximum: 599 })),
  detail: Schema.String.check(Schema.isMinLength(1)),
  instance: Schema.String,
  tag: Schema.String.check(Schema.isMinLength(1)),
  errors: Schema.optionalKey(Schema.Array(FieldError)),
  rejection: Schema.optionalKey(Schema.Json),
  reason: Schema.optionalKey(Schema.String),
  actualVersion: Schema.optionalKey(Schema.Int),
}).annotate({ identifier: "Problem" })

/**
 * @category models
 * @since 0.2.0
 */
export type Problem = typeof Problem.Type

/**
 * The media type of a problem body.
 *
 * @category models
 * @since 0.2.0
 */
export const mediaType = "application/problem+json"

/**
 * The status and title of each tag the adapter knows. Tags not listed are 500 (a bug, or an
 * error of code the host plugged in).
 *
 * - 400 the request is malformed: a command that does not decode (`InvalidCommand`, with the
 *   field's path), a command naming another instance than its path (`WrongInstance`), a body that
 *   is not JSON, a header or a query parameter out of its form;
 * - 401 the host's `authenticate` hook produced no actor;
 * - 403 the actor may not (`NotPermitted`), or the actor the hook built is not one the library
 *   accepts (`InvalidActor`: it claims the `system` role, or its text cannot be kept);
 * - 404 nothing is recorded for the instance (`NotFound`), or no such route;
 * - 409 the aggregate refused the command under its rules and the instance's state
 *   (`CommandRejected`), or other writers kept winning (`TooMuchContention`, safe to resend);
 * - 412 the `If-Match` version is not the stream's version (`VersionConflict`, RFC 9110 §13.1.1);
 * - 503 the store or the read models could not be reached (`StoreUnavailable`,
 *   `ReadModelUnavailable`), safe to resend with the same `Idempotency-Key`; the same for the
 *   host's shared-data source (`SharedDataUnavailable`), and 502 when it answered with a record
 *   that is not what the kind of fact must be (`SharedDataInvalid`).
 *
 * @category models
 * @since 0.2.0
 */
export const statuses: { readonly [tag: string]: { readonly status: number; readonly title: string } } = {
  InvalidCommand: { status: 400, title: "The command is not one the aggregate takes" },
  WrongInstance: { status: 400, title: "The command names another instance than its path" },
  InvalidRequest: { status: 400, title: "The request is malformed" },
  Unauthenticated: { status: 401, title: "No authenticated actor" },
  NotPermitted: { status: 403, title: "The actor may not do this" },
  InvalidActor: { status: 403, title: "The authenticated actor is not one the library accepts" },
  NotFound: { status: 404, title: "Nothing is recorded for this instance" },
  UnknownRoute: { status: 404, title: "No such route" },
  MethodNotAllowed: { status: 405, title: "The route does not take this method" },
  CommandRejected: { status: 409, title: "Refused by a business rule" },
  TooMuchContention: { status: 409, title: "Other writers kept appending; send it again" },
  VersionConflict: { status: 412, title: "The stream is not at the version in If-Match" },
  PayloadTooLarge: { status: 413, title: "The body is larger than the handler takes" },
  UnsupportedMediaType: { status: 415, title: "The body must be application/json" },
  StoreUnavailable: { status: 503, title: "The store is unavailable" },
  ReadModelUnavailable: { status: 503, title: "The read models are unavailable" },
  SharedDataUnavailable: { status: 503, title: "The shared-data source is unavailable" },
  SharedDataInvalid: { status: 502, title: "The shared-data source answered with an invalid record" },
  Defect: { status: 500, title: "Unexpected failure" },
}

/**
 * The status of an error tag (500 for a tag the adapter does not know).
 *
 * @example
 * ```ts
 * import { Problem } from "@yiciban/http"
 *
 * Problem.statusOf("CommandRejected") // 409
 * ```
 *
 * @category combinators
 * @since 0.2.0
 */
export const statusOf = (tag: string): number => (Object.hasOwn(statuses, tag) ? statuses[tag]!.status : 500)

const oneLine = (text: string): string => {
  const line = text.replace(/\s+/g, " ").trim()
  return line.length > 480 ? `${line.slice(0, 479)}…` : line
}

/**
 * The problem for an error thrown by the facade (or by the handler itself): `error` is anything;
 * an `Error` with a `_tag` keeps its tag, message and details, anything else is a `Defect`.
 *
 * @category constructors
 * @since 0.2.0
 */
export const fromError = (error: unknown, instance: string, typeOf: (tag: string) => string = defaultType): Problem => {
  const record = (typeof error === "object" && error !== null ? error : {}) as { readonly [key: string]: unknown }
  const known = typeof record._tag === "string" && Object.hasOwn(statuses, record._tag)
  const tag = known ? (record._tag as string) : "Defect"
  const message =
    error instanceof Error && error.message !== ""
      ? error.message
      : typeof record.message === "string" && record.message !== ""
        ? record.message
        : String(error)
  // An unknown error's message may carry internals; its first line is enough to find it in the logs.
  const detail = oneLine(known ? message : `unexpected failure: ${message.split("\n")[0] ?? ""}`) || tag
  const { status, title } = statuses[tag]!
  const problem: { -readonly [K in keyof Problem]?: Problem[K] } = {
    type: typeOf(tag),
    title,
    status,
    detail,
    instance,
    tag,
  }
  if (typeof record.path === "string") problem.errors = [{ path: record.path, detail: String(record.detail ?? detail) }]
  if (tag === "CommandRejected") problem.rejection = toJson(record.rejection)
  if (tag === "NotPermitted" && typeof record.reason === "string") problem.reason = record.reason
  if (tag === "VersionConflict" && typeof record.actual === "number") problem.actualVersion = record.actual
  return problem as Problem
}

/**
 * A problem of the handler's own (a malformed request, no actor, no route).
 *
 * @category constructors
 * @since 0.2.0
 */
export const make = (
  tag: keyof typeof statuses & string,
  detail: string,
  instance: string,
  options: { readonly errors?: ReadonlyArray<{ readonly path: string; readonly detail: string }> } = {},
  typeOf: (tag: string) => string = defaultType,
): Problem => {
  const { status, title } = statuses[tag]!
  return {
    type: typeOf(tag),
    title,
    status,
    detail: oneLine(detail),
    instance,
    tag,
    ...(options.errors === undefined ? {} : { errors: options.errors }),
  }
}

/**
 * The default `type` of a problem: `urn:yiciban:problem:<tag>`.
 *
 * @category constructors
 * @since 0.2.0
 */
export const defaultType = (tag: string): string => `urn:yiciban:problem:${tag}`

const toJson = (value: unknown): Schema.Json => {
  try {
    return JSON.parse(JSON.stringify(value ?? null)) as Schema.Json
  } catch {
    return String(value)
  }
}

/**
 * The response for a problem: its status, `Content-Type: application/problem+json`.
 *
 * @category constructors
 * @since 0.2.0
 */
export const toResponse = (problem: Problem, headers: Record<string, string> = {}): Response =>
  new Response(JSON.stringify(problem), {
    status: problem.status,
    headers: { "content-type": mediaType, ...headers },
  })

const isProblemShape = Schema.is(Problem)

/**
 * The invariant of every error response: the body is a problem whose `status` is the response's,
 * whose status is the one its `tag` has ({@link statusOf}), whose `detail` is one non-empty line,
 * and whose `type` names its tag.
 *
 * @example
 * ```ts
 * import { Problem } from "@yiciban/http"
 *
 * Problem.isWellFormed(409, Problem.make("TooMuchContention", "application-1: gave up after 5 version conflicts", "/x"))
 * // true
 * ```
 *
 * @category guards
 * @since 0.2.0
 */
export const isWellFormed = (status: number, body: unknown): body is Problem =>
  isProblemShape(body) &&
  body.status === status &&
  statusOf(body.tag) === status &&
  body.detail.trim() !== "" &&
  !/[\r\n]/.test(body.detail) &&
  body.type.endsWith(body.tag)
