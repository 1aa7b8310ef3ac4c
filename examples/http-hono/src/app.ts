/**
 * Yiciban's handler mounted under `/api` in a Hono app, beside the app's own routes. Hono hands
 * the handler the standard `Request` (`c.req.raw`) and returns its `Response` as it is. The app's
 * sign-in is stood in for by a bearer-token table, as in examples/http-node.
 */
import { makeHandler } from "@yiciban/http"
import { pgliteStore } from "@yiciban/postgres/pglite"
import { createYiciban, type Yiciban } from "@yiciban/runtime"
import { Hono } from "hono"

const bureau = { authority: "11430100MB1A38544B", region: "430100" }
const demoTokens: Record<string, Yiciban.ActorInput> = {
  "admin-token": { id: "catalogue-01", roles: ["catalogueAdmin"], ...bureau },
  "clerk-token": { id: "clerk-07", roles: ["windowClerk"], ...bureau },
}

/** The app on a PGlite folder; `close` closes the store. */
export const makeApp = async (dataDir: string) => {
  // #region mount
  // The deployment secret (see the node example): from the environment, a public fallback here.
  const secret = process.env.YICIBAN_SECRET ?? "yiciban-example-secret-public-never-use-for-real-data"
  const yiciban = await createYiciban({ store: pgliteStore({ dataDir, secret }) })
  const handler = makeHandler({
    yiciban,
    basePath: "/api",
    authenticate: (request) => {
      const token = /^Bearer (\S+)$/.exec(request.headers.get("authorization") ?? "")?.[1]
      return token === undefined ? undefined : demoTokens[token]
    },
  })
  const app = new Hono()
  app.get("/health", (c) => c.json({ ok: true }))
  app.all("/api/*", (c) => handler(c.req.raw))
  // #endregion mount
  return { app, close: () => yiciban.close() }
}
