/**
 * Yiciban over HTTP in node:http, on PGlite (a folder on disk): the handler of `@yiciban/http`
 * mounted with the node:http bridge. The host's sign-in is stood in for by a table of demo
 * tokens: a real host verifies a session or a token and builds the actor from verified claims.
 */
import { createServer } from "node:http"
import type { AddressInfo } from "node:net"
import { makeHandler } from "@yiciban/http"
import { toNodeListener } from "@yiciban/http/node"
import { pgliteStore } from "@yiciban/postgres/pglite"
import { createYiciban, type Yiciban } from "@yiciban/runtime"

// #region authenticate
const bureau = { authority: "11430100MB1A38544B", region: "430100" }

/** Stands in for the host's sign-in: each demo token is an actor the host "verified". */
const demoTokens: Record<string, Yiciban.ActorInput> = {
  "admin-token": { id: "catalogue-01", roles: ["catalogueAdmin"], ...bureau },
  "clerk-token": { id: "clerk-07", roles: ["windowClerk"], ...bureau },
  "approver-token": { id: "head-01", roles: ["approver"], ...bureau },
  "restaurant-token": {
    id: "xiangwei-01",
    roles: ["applicant"],
    subjects: [{ code: "91430102MA4L0P1T5J", relation: "legalRepresentative" }],
  },
}

/** The actor of a request: from its bearer token only, never from its body or another header. */
const authenticate = (request: Request): Yiciban.ActorInput | undefined => {
  const token = /^Bearer (\S+)$/.exec(request.headers.get("authorization") ?? "")?.[1]
  return token === undefined ? undefined : demoTokens[token]
}
// #endregion authenticate

/**
 * Starts the server on `port` (0: a free one) with its data in `dataDir`; resolves with its URL
 * and a `close` that stops taking requests, then closes the store.
 */
export const startServer = async (options: {
  readonly dataDir: string
  readonly port?: number
  readonly host?: string
}) => {
  // #region mount
  // The deployment secret names persons by pseudonym and wraps their data keys: from the host's
  // secret store (here the environment; the fallback is public, for the example only).
  const secret = process.env.YICIBAN_SECRET ?? "yiciban-example-secret-public-never-use-for-real-data"
  const yiciban = await createYiciban({ store: pgliteStore({ dataDir: options.dataDir, secret }) })
  const handler = makeHandler({ yiciban, authenticate })
  const server = createServer(toNodeListener(handler))
  // #endregion mount
  await new Promise<void>((resolve) => server.listen(options.port ?? 0, options.host ?? "127.0.0.1", resolve))
  const { address, port } = server.address() as AddressInfo
  return {
    url: `http://${address}:${port}`,
    close: async () => {
      await new Promise<void>((resolve, reject) => server.close((error) => (error ? reject(error) : resolve())))
      await yiciban.close()
    },
  }
}
