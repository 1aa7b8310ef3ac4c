/**
 * @yiciban/http/node — the bridge from node:http to the Fetch-standard handler:
 * `http.createServer(toNodeListener(handler))`.
 *
 * @since 0.2.0
 */
import type { IncomingMessage, ServerResponse } from "node:http"
import { Readable } from "node:stream"

/**
 * The options of the bridge: the origin requests are given when the `Host` header is absent
 * (default `http://localhost`).
 *
 * @category models
 * @since 0.2.0
 */
export interface NodeListenerOptions {
  readonly origin?: string | undefined
}

/**
 * A `Request` from a node:http request: its method, URL (from the `Host` header), headers and,
 * for methods that carry one, its body as a stream.
 *
 * @category constructors
 * @since 0.2.0
 */
export const toRequest = (incoming: IncomingMessage, options: NodeListenerOptions = {}): Request => {
  const origin =
    incoming.headers.host === undefined ? (options.origin ?? "http://localhost") : `http://${incoming.headers.host}`
  const headers = new Headers()
  for (const [name, value] of Object.entries(incoming.headers)) {
    if (value === undefined) continue
    for (const one of Array.isArray(value) ? value : [value]) headers.append(name, one)
  }
  const method = incoming.method ?? "GET"
  const hasBody = method !== "GET" && method !== "HEAD"
  return new Request(new URL(incoming.url ?? "/", origin), {
    method,
    headers,
    ...(hasBody ? { body: Readable.toWeb(incoming) as ReadableStream<Uint8Array>, duplex: "half" } : {}),
  } as RequestInit)
}

/**
 * Writes a `Response` to a node:http response: status, headers (each `Set-Cookie` on its own)
 * and the body, streamed.
 *
 * @category combinators
 * @since 0.2.0
 */
export const writeResponse = async (response: Response, outgoing: ServerResponse): Promise<void> => {
  const headers: Record<string, string | Array<string>> = {}
  response.headers.forEach((value, name) => {
    if (name !== "set-cookie") headers[name] = value
  })
  const cookies = response.headers.getSetCookie()
  if (cookies.length > 0) headers["set-cookie"] = cookies
  outgoing.writeHead(response.status, headers)
  if (response.body === null) {
    outgoing.end()
    return
  }
  for await (const chunk of response.body as unknown as AsyncIterable<Uint8Array>) outgoing.write(chunk)
  outgoing.end()
}

/**
 * A node:http request listener that serves `handler`. A failure of the handler itself (it answers
 * every error as problem+json, so only a bug or a broken connection) ends the response with 500.
 *
 * @example
 * ```ts
 * import { createServer } from "node:http"
 * import { createYiciban } from "@yiciban/runtime"
 * import { makeHandler } from "@yiciban/http"
 * import { toNodeListener } from "@yiciban/http/node"
 *
 * const yiciban = await createYiciban()
 * const handler = makeHandler({ yiciban, authenticate: () => undefined })
 * createServer(toNodeListener(handler)).listen(8080)
 * ```
 *
 * @category constructors
 * @since 0.2.0
 */
export const toNodeListener =
  (handler: (request: Request) => Promise<Response>, options: NodeListenerOptions = {}) =>
  (incoming: IncomingMessage, outgoing: ServerResponse): void => {
    handler(toRequest(incoming, options))
      .then((response) => writeResponse(response, outgoing))
      .catch(() => {
        if (!outgoing.headersSent) outgoing.writeHead(500, { "content-type": "application/problem+json" })
        outgoing.end(
          outgoing.headersSent
            ? undefined
            : JSON.stringify({
                type: "urn:yiciban:problem:Defect",
                title: "Unexpected failure",
                status: 500,
                detail: "the response could not be written",
                tag: "Defect",
                instance: incoming.url ?? "/",
              }),
        )
      })
  }
