/**
 * The HTTP side of `bench/commands.ts`, in its own process: the handler in node:http over the
 * PostgreSQL server (`DATABASE_URL`, schema `BENCH_SCHEMA`). Prints its URL as one JSON line.
 */
import { createServer } from "node:http"
import type { AddressInfo } from "node:net"
import { postgresStore } from "@yiciban/postgres/pg"
import { createYiciban, type Yiciban } from "@yiciban/runtime"
import { makeHandler } from "../src/index.ts"
import { toNodeListener } from "../src/node.ts"
import { actors } from "./actors.ts"

const yiciban = await createYiciban({
  store: postgresStore({
    connectionString: process.env.DATABASE_URL!,
    schema: process.env.BENCH_SCHEMA!,
    poolSize: 10,
    secret: "bench-secret-0123456789abcdef0123456789",
  }),
})
const authenticate = (request: Request): Yiciban.ActorInput | undefined =>
  actors[(request.headers.get("authorization") ?? "").replace(/^Bearer /, "")]
const server = createServer(toNodeListener(makeHandler({ yiciban, authenticate })))
server.keepAliveTimeout = 60_000
await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve))
console.log(JSON.stringify({ url: `http://127.0.0.1:${(server.address() as AddressInfo).port}` }))
process.once("SIGTERM", () => {
  server.close()
  void yiciban.close().then(() => process.exit(0))
})
