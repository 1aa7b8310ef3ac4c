/** `pnpm start`: the Hono app on http://127.0.0.1:$PORT (default 8081), data in $DATA_DIR. */
import { serve } from "@hono/node-server"
import { makeApp } from "./app.ts"

const { app, close } = await makeApp(process.env.DATA_DIR ?? "./.yiciban-data")
const server = serve({ fetch: app.fetch, port: Number(process.env.PORT ?? 8081), hostname: "127.0.0.1" })
console.log(`Yiciban in Hono on http://127.0.0.1:${process.env.PORT ?? 8081}/api (OpenAPI: /api/openapi.json)`)
process.once("SIGTERM", () => {
  server.close()
  void close().then(() => process.exit(0))
})
