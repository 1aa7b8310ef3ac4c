/**
 * The one place the HTTP tests open a Yiciban instance and mount the handler (an integrator who
 * changes `createYiciban`'s options adapts this function only). The host's `authenticate` here
 * looks a bearer token up in a table of actors it "verified": the only source of actors.
 */
import { createYiciban, RuntimeStore, type Yiciban } from "@yiciban/runtime"
import {
  admin,
  allMaterials,
  applicant,
  approver,
  clerk,
  elements,
  matterCode,
  restaurant,
} from "../../runtime/test/fixtures.ts"
import { type Handler, makeHandler } from "../src/index.ts"

export { allMaterials, applicant, approver, clerk, matterCode, restaurant } from "../../runtime/test/fixtures.ts"

/** Another enterprise's representative: an applicant, but not for the restaurant. */
export const stranger: Yiciban.ActorInput = {
  id: "other-01",
  roles: ["applicant"],
  subjects: [{ code: "91430103MA4PQ8LD0X", relation: "legalRepresentative" }],
}

/** The tokens the host's sign-in knows, and the actor each stands for. */
export const tokens: Record<string, Yiciban.ActorInput> = {
  "token-restaurant": restaurant as Yiciban.ActorInput,
  "token-clerk": clerk as Yiciban.ActorInput,
  "token-approver": approver as Yiciban.ActorInput,
  "token-admin": admin as Yiciban.ActorInput,
  "token-stranger": stranger,
}

/** The host's hook: a known bearer token, or no one. */
export const authenticate: Handler.Authenticate = (request) => {
  const token = /^Bearer (\S+)$/.exec(request.headers.get("authorization") ?? "")?.[1]
  return token === undefined ? undefined : tokens[token]
}

/** Opens a memory instance at 09:30 on 24 September 2026 with the food licence matter published. */
export const open = async (options: { readonly publish?: boolean; readonly basePath?: string } = {}) => {
  const storage = RuntimeStore.makeMemoryStorage()
  const yiciban = await createYiciban({
    store: RuntimeStore.memory(storage),
    now: () => Date.parse("2026-09-24T01:30:00.000Z"),
  })
  if (options.publish !== false) {
    await yiciban.matter.publish(
      { implementationCode: matterCode, baseCode: "000101001000", elements },
      admin as Yiciban.ActorInput,
    )
  }
  const handler = makeHandler({ yiciban, authenticate, basePath: options.basePath })
  const eventCount = () => storage.events.events.length
  return { yiciban, handler, storage, eventCount }
}

/** A request to the test origin. */
export const request = (
  method: string,
  path: string,
  options: { readonly token?: string; readonly body?: unknown; readonly headers?: Record<string, string> } = {},
): Request =>
  new Request(`http://yiciban.test${path}`, {
    method,
    headers: {
      ...(options.token === undefined ? {} : { authorization: `Bearer ${options.token}` }),
      ...(options.body === undefined ? {} : { "content-type": "application/json" }),
      ...options.headers,
    },
    ...(options.body === undefined
      ? {}
      : { body: typeof options.body === "string" ? options.body : JSON.stringify(options.body) }),
  })

/** A submission by the restaurant, as the HTTP body. */
export const submission = (caseNo: string) => ({ caseNo, applicant, matterCode, materials: allMaterials })
