/**
 * The OpenAPI 3.1 document of the HTTP API, generated from the same Schemas the runtime decodes
 * with: every command of every aggregate (`Routes.commandsOf`), its events, the read models and
 * the problem details. effect's JSON Schema generation writes the schemas (encoded side, unknown
 * fields refused as the decoder refuses them); only the paths are put together here.
 *
 * @since 0.2.0
 */

import { Policy, Redemption } from "@yiciban/core"
import { EventEnvelope } from "@yiciban/eventstore"
import type { Aggregate } from "@yiciban/runtime"
import * as JsonSchema from "effect/JsonSchema"
import * as Schema from "effect/Schema"
import * as SchemaAST from "effect/SchemaAST"
import * as SchemaRepresentation from "effect/SchemaRepresentation"
import * as Problem from "./Problem.ts"
import * as Routes from "./Routes.ts"

/**
 * A case-list row as the API shows it (the access columns stay inside).
 *
 * @category schemas
 * @since 0.2.0
 */
export const CaseRow = Schema.Struct({
  stream: Schema.String,
  category: Schema.String,
  id: Schema.String,
  version: Schema.Int,
  status: Schema.String,
  title: Schema.optionalKey(Schema.String),
  detail: Schema.optionalKey(Schema.Json),
  updatedAt: Schema.String,
}).annotate({ identifier: "CaseRow" })

/**
 * A page of the case list: `next` is the cursor of the following page (pass it as `after`),
 * absent on the last page.
 *
 * @category schemas
 * @since 0.2.0
 */
export const CasePage = Schema.Struct({
  items: Schema.Array(CaseRow),
  next: Schema.optionalKey(Schema.String),
}).annotate({ identifier: "CasePage" })

/**
 * A row of the due-timer table.
 *
 * @category schemas
 * @since 0.2.0
 */
export const TimerRow = Schema.Struct({
  id: Schema.String,
  stream: Schema.String,
  dueAt: Schema.String,
  notice: Schema.String,
  command: Schema.optionalKey(
    Schema.Struct({
      aggregate: Schema.String,
      id: Schema.String,
      command: Schema.Record(Schema.String, Schema.Json),
    }),
  ),
  provisional: Schema.Boolean,
  status: Schema.Literals(["pending", "claimed", "fired"]),
  claimedBy: Schema.optionalKey(Schema.String),
  leaseUntil: Schema.optionalKey(Schema.String),
  firedAt: Schema.optionalKey(Schema.String),
  outcome: Schema.optionalKey(Schema.String),
}).annotate({ identifier: "TimerRow" })

/**
 * The due timers the actor may see.
 *
 * @category schemas
 * @since 0.2.0
 */
export const TimerPage = Schema.Struct({ items: Schema.Array(TimerRow) }).annotate({ identifier: "TimerPage" })

/**
 * A policy as the library keeps it: the version in force, its phase and terms, the text searched,
 * the largest amount one subject can receive.
 *
 * @category schemas
 * @since 0.3.0
 */
export const PolicyEntry = Schema.Struct({
  policyId: Schema.String,
  version: Schema.Int,
  phase: Policy.Phase,
  terms: Policy.Terms,
  text: Schema.String,
  maxAmountFen: Schema.Int,
}).annotate({ identifier: "PolicyEntry" })

/**
 * A page of the policy library: the total that matched and the ranked entries on the page.
 *
 * @category schemas
 * @since 0.3.0
 */
export const PolicyPage = Schema.Struct({
  total: Schema.Int,
  items: Schema.Array(Schema.Struct({ entry: PolicyEntry, score: Schema.Int })),
}).annotate({ identifier: "PolicyPage" })

/**
 * The policies a subject may be eligible for, best first.
 *
 * @category schemas
 * @since 0.3.0
 */
export const EligiblePolicies = Schema.Struct({ items: Schema.Array(PolicyEntry) }).annotate({
  identifier: "EligiblePolicies",
})

/**
 * A policy's budget: in force, committed, disbursed, repaid and left (fen).
 *
 * @category schemas
 * @since 0.3.0
 */
export const BudgetView = Schema.Struct({
  budgetFen: Schema.Int,
  committedFen: Schema.Int,
  disbursedFen: Schema.Int,
  repaidFen: Schema.Int,
  remainingFen: Schema.Int,
}).annotate({ identifier: "BudgetView" })

/**
 * An instance's timeline: its recorded events and the stream's version.
 *
 * @category schemas
 * @since 0.2.0
 */
export const Timeline = Schema.Struct({
  version: Schema.Int,
  events: Schema.Array(EventEnvelope.RecordedEvent),
}).annotate({ identifier: "Timeline" })

const State = Schema.Record(Schema.String, Schema.Unknown).annotate({
  description: "The aggregate's state after the command (identity numbers masked for readers who do not need them)",
})

/**
 * What a command answers: the events it appended (or, for a repeated `Idempotency-Key`, the
 * events it appended the first time, with `duplicate: true`), the stream's version and the state.
 *
 * @category schemas
 * @since 0.2.0
 */
export const outcomeOf = (aggregate: Aggregate.Any) =>
  Schema.Struct({
    stream: Schema.String,
    commandId: Schema.String,
    version: Schema.Int,
    duplicate: Schema.Boolean,
    events: Schema.Array(aggregate.eventSchema as Schema.Codec<unknown, unknown>),
    state: State,
  })

/**
 * An instance's state and version.
 *
 * @category schemas
 * @since 0.2.0
 */
export const Loaded = Schema.Struct({ version: Schema.Int, state: State }).annotate({ identifier: "Loaded" })

/**
 * The options of the document: where the API is mounted and its title and version.
 *
 * @category models
 * @since 0.2.0
 */
export interface DocumentOptions {
  readonly basePath?: string | undefined
  readonly title?: string | undefined
  readonly version?: string | undefined
}

type Json = { readonly [key: string]: unknown }

const problemResponse = (description: string) => ({
  description,
  content: { [Problem.mediaType]: { schema: { $ref: "#/components/schemas/Problem" } } },
})

const errorResponses = (statuses: ReadonlyArray<number>) => {
  const described: Record<number, string> = {
    400: "Malformed: the command does not decode (field paths in `errors`), names another instance, or a header or parameter is out of its form",
    401: "No authenticated actor",
    403: "The actor may not (`reason`), or the authenticated actor is refused",
    404: "Nothing recorded for this instance, or no such command",
    409: "Refused by a business rule (`rejection`), or too much contention",
    412: "The stream is not at the version in If-Match (`actualVersion`)",
    413: "The body is too large",
    415: "The body is not JSON",
    503: "The store is unavailable; safe to resend with the same Idempotency-Key",
  }
  return Object.fromEntries(statuses.map((status) => [String(status), problemResponse(described[status]!)]))
}

const jsonContent = (schema: unknown) => ({ "application/json": { schema } })

const idParameter = { name: "id", in: "path", required: true, schema: { type: "string" } }

const etagHeader = {
  ETag: { description: "The stream version as a strong entity tag", schema: { type: "string" } },
}

/**
 * The OpenAPI 3.1 document of the routes of `aggregates`.
 *
 * @example
 * ```ts
 * import { Aggregates } from "@yiciban/runtime"
 * import { OpenApi } from "@yiciban/http"
 *
 * const document = OpenApi.document(Aggregates.all)
 * document.openapi // "3.1.0"
 * ```
 *
 * @category constructors
 * @since 0.2.0
 */
export const document = (
  aggregates: ReadonlyArray<Aggregate.Any>,
  options: DocumentOptions = {},
): Json & { readonly openapi: string; readonly paths: Json } => {
  const base = (options.basePath ?? "").replace(/\/+$/, "")
  const roots: Array<Schema.Top> = [
    Problem.Problem,
    CasePage,
    TimerPage,
    Timeline,
    Loaded,
    PolicyPage,
    EligiblePolicies,
    BudgetView,
    Redemption.Award.annotate({ identifier: "Award" }),
  ]
  const perAggregate = aggregates.map((aggregate) => {
    const commands = Routes.commandsOf(aggregate)
    const first = roots.length
    roots.push(outcomeOf(aggregate), ...commands.map((command) => command.schema))
    return { aggregate, commands, first }
  })
  const asts = roots.map((schema) => SchemaAST.toEncoded(schema.ast)) as [SchemaAST.AST, ...Array<SchemaAST.AST>]
  const generated = JsonSchema.toMultiDocumentOpenApi3_1(
    SchemaRepresentation.toJsonSchemaMultiDocument(SchemaRepresentation.toRepresentations(asts), {
      onExcessProperty: "error",
    }),
  )
  const schemas = generated.schemas as ReadonlyArray<Json>
  const components: Record<string, unknown> = { ...generated.definitions }
  const named = (name: string, index: number) => {
    components[name] = schemas[index]
    return { $ref: `#/components/schemas/${name}` }
  }
  named("Problem", 0)
  const casePage = named("CasePage", 1)
  const timerPage = named("TimerPage", 2)
  const timeline = named("Timeline", 3)
  const loaded = named("Loaded", 4)
  const policyPage = named("PolicyPage", 5)
  const eligiblePolicies = named("EligiblePolicies", 6)
  const budgetView = named("BudgetView", 7)
  const award = named("Award", 8)

  const paths: Record<string, unknown> = {}
  for (const { aggregate, commands, first } of perAggregate) {
    const name = aggregate.name
    const outcome = named(`${name}.Outcome`, first)
    paths[`${base}/${name}/{id}`] = {
      get: {
        operationId: `${name}.load`,
        tags: [name],
        summary: `The ${name}'s state and stream version`,
        parameters: [idParameter],
        responses: {
          "200": { description: "The state", headers: etagHeader, content: jsonContent(loaded) },
          "304": { description: "Not modified since the ETag in If-None-Match" },
          ...errorResponses([400, 401, 403, 404, 503]),
        },
      },
    }
    paths[`${base}/${name}/{id}/events`] = {
      get: {
        operationId: `${name}.events`,
        tags: [name],
        summary: `The ${name}'s timeline: its recorded events`,
        parameters: [idParameter],
        responses: {
          "200": { description: "The events", headers: etagHeader, content: jsonContent(timeline) },
          "304": { description: "Not modified since the ETag in If-None-Match" },
          ...errorResponses([400, 401, 403, 404, 503]),
        },
      },
    }
    commands.forEach((command, index) => {
      const body = { ...(schemas[first + 1 + index] as Json) }
      // The route names the command: `_tag` may be left out of the body.
      if (Array.isArray(body.required)) body.required = body.required.filter((key) => key !== "_tag")
      components[`${name}.${command.tag}`] = body
      paths[`${base}/${name}/{id}/${command.tag}`] = {
        post: {
          operationId: `${name}.${command.tag}`,
          tags: [name],
          summary: `${command.tag} on the ${name} {id}`,
          parameters: [
            idParameter,
            {
              name: "Idempotency-Key",
              in: "header",
              required: false,
              description: "The command id: a resent request with the same key answers the first outcome",
              schema: { type: "string", minLength: 1, maxLength: 200 },
            },
            {
              name: "If-Match",
              in: "header",
              required: false,
              description: 'The stream version the client decided on, as "<version>"; 412 when it moved',
              schema: { type: "string" },
            },
          ],
          requestBody: {
            required: true,
            content: jsonContent({ $ref: `#/components/schemas/${name}.${command.tag}` }),
          },
          responses: {
            "200": { description: "Appended (or answered again)", headers: etagHeader, content: jsonContent(outcome) },
            ...errorResponses([400, 401, 403, 404, 409, 412, 413, 415, 503]),
          },
        },
      }
    })
  }
  if (aggregates.some((aggregate) => aggregate.name === "bundlecase")) {
    paths[`${base}/bundlecase/{id}/view`] = {
      get: {
        operationId: "bundlecase.view",
        tags: ["bundlecase"],
        summary:
          "The bundle case with its joint clock and every child: its matter, authority, acceptance and outcome, and its phase and clock where the actor may read the child",
        parameters: [idParameter],
        responses: {
          "200": { description: "The view", content: jsonContent({ type: "object" }) },
          ...errorResponses([400, 401, 403, 404, 503]),
        },
      },
    }
  }
  paths[`${base}/cases`] = {
    get: {
      operationId: "cases",
      tags: ["read models"],
      summary: "A page of the case list the actor may see, in stream order",
      parameters: [
        {
          name: "category",
          in: "query",
          required: false,
          schema: { type: "string" },
          description: "An aggregate name",
        },
        { name: "status", in: "query", required: false, schema: { type: "string" } },
        {
          name: "after",
          in: "query",
          required: false,
          schema: { type: "string" },
          description: "The cursor: `next` of the previous page",
        },
        { name: "limit", in: "query", required: false, schema: { type: "integer", minimum: 1, maximum: 1000 } },
      ],
      responses: {
        "200": { description: "A page", content: jsonContent(casePage) },
        ...errorResponses([400, 401, 403, 503]),
      },
    },
  }
  paths[`${base}/timers`] = {
    get: {
      operationId: "timers",
      tags: ["read models"],
      summary: "The due timers of the cases the actor may see",
      parameters: [{ name: "stream", in: "query", required: false, schema: { type: "string" } }],
      responses: {
        "200": { description: "The timers", content: jsonContent(timerPage) },
        ...errorResponses([400, 401, 403, 503]),
      },
    },
  }
  const policyRead = (operationId: string, summary: string, parameters: ReadonlyArray<Json>, content: unknown) => ({
    get: {
      operationId,
      tags: ["policy library"],
      summary,
      parameters,
      responses: {
        "200": { description: "Found", content: jsonContent(content) },
        ...errorResponses([400, 401, 403, 404, 503]),
      },
    },
  })
  const queryParameter = (name: string, schema: Json, description?: string, required = false) => ({
    name,
    in: "query",
    required,
    schema,
    ...(description === undefined ? {} : { description }),
  })
  const policyIdParameter = { name: "policyId", in: "path", required: true, schema: { type: "string" } }
  paths[`${base}/policies`] = policyRead(
    "policies.search",
    "Searches the policy library (published policies are public): Chinese text, filters, ranked and paged",
    [
      queryParameter(
        "text",
        { type: "string", maxLength: 200 },
        "Terms separated by spaces; 餐饮 finds 餐饮服务, 小微企业 finds 小型微型企业",
      ),
      queryParameter("division", { type: "string" }, "The subject's division code: policies whose region covers it"),
      queryParameter(
        "industry",
        { type: "string" },
        "A GB/T 4754 code: policies for every industry or one of its prefixes",
      ),
      queryParameter("subjectKind", { type: "string" }),
      queryParameter("authority", { type: "string" }, "The issuing authority's credit code"),
      queryParameter("openOn", { type: "string", format: "date" }, "Published and the day in its window"),
      queryParameter("minAmountFen", { type: "integer", minimum: 0 }),
      queryParameter("limit", { type: "integer", minimum: 1, maximum: 100 }),
      queryParameter("offset", { type: "integer", minimum: 0 }),
    ],
    policyPage,
  )
  paths[`${base}/policies/eligible`] = policyRead(
    "policies.eligible",
    "The policies open on a day that a subject may be eligible for, judged on its facts in shared data (the subject or its agent only)",
    [
      queryParameter("subject", { type: "string" }, "The subject's code", true),
      queryParameter("day", { type: "string", format: "date" }, undefined, true),
    ],
    eligiblePolicies,
  )
  paths[`${base}/policies/{policyId}/budget`] = policyRead(
    "policies.budget",
    "A policy's budget and what is committed, paid, repaid and left (the issuing authority and supervisors of its region)",
    [policyIdParameter],
    budgetView,
  )
  paths[`${base}/policies/{policyId}/awards/{subjectCode}`] = policyRead(
    "policies.award",
    "One subject's award under a policy (the subject, its agent, and the ledger's readers)",
    [policyIdParameter, { name: "subjectCode", in: "path", required: true, schema: { type: "string" } }],
    award,
  )
  paths[`${base}/openapi.json`] = {
    get: {
      operationId: "openapi",
      tags: ["meta"],
      summary: "This document",
      security: [],
      responses: { "200": { description: "The OpenAPI 3.1 document", content: jsonContent({ type: "object" }) } },
    },
  }
  return {
    openapi: "3.1.0",
    info: { title: options.title ?? "Yiciban", version: options.version ?? "0.2.0" },
    paths,
    components: { schemas: components },
  }
}
