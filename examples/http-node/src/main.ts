/**
 * `pnpm start`: serves Yiciban on http://127.0.0.1:$PORT (default 8080) with its data in
 * $DATA_DIR (default ./.yiciban-data); SIGTERM or Ctrl-C stops taking requests and closes the
 * store.
 */
import { startServer } from "./server.ts"

const server = await startServer({
  dataDir: process.env.DATA_DIR ?? "./.yiciban-data",
  port: Number(process.env.PORT ?? 8080),
})
console.log(`Yiciban on ${server.url} (OpenAPI: ${server.url}/openapi.json)`)
for (const signal of ["SIGTERM", "SIGINT"] as const) {
  process.once(signal, () => {
    server
      .close()
      .then(() => process.exit(0))
      .catch((error: unknown) => {
        console.error(error)
        process.exit(1)
      })
  })
}
