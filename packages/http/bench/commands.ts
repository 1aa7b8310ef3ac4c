/**
 * HTTP requests per second against the facade's own commands per second, in the same run, on the
 * PostgreSQL server (`DATABASE_URL`; skipped without it). The command is a read-decide-append: a
 * `SubmitApplication` of a new case, which loads the (empty) case stream, reads the matter's terms
 * in force and the applicant's credit record, decides, and appends with the case-list row and the
 * timers in one transaction. 8 clients keep one request each in flight for `--seconds` (default
 * 15) after a 2-second warm-up; each side gets its own schema, dropped after. Three sides: the
 * facade in this process; the handler called in this process with `Request` objects (the
 * adapter's own cost); and the HTTP server in its own process (node:http + the handler) with
 * fetch loops in this one as the clients.
 * A benchmark, not a test.
 */
import { type ChildProcess, spawn } from "node:child_process"
import { readFileSync } from "node:fs"
import { join } from "node:path"
import { createInterface } from "node:readline"
import { postgresStore } from "@yiciban/postgres/pg"
import { createYiciban } from "@yiciban/runtime"
import pg from "pg"
import { makeHandler } from "../src/index.ts"
import { actors } from "./actors.ts"

const url = process.env.DATABASE_URL
if (url === undefined || url === "") {
  console.log("HTTP vs facade commands/s: skipped (set DATABASE_URL to a PostgreSQL server)")
  process.exit(0)
}
const secondsAt = process.argv.indexOf("--seconds")
const seconds = secondsAt > 0 ? Number(process.argv[secondsAt + 1]) : 15
const clients = 8
const matter = JSON.parse(readFileSync(join(import.meta.dirname, "../../../examples/http-node/matter.json"), "utf8"))
const applicant = { kind: "enterprise", code: "91430102MA4L0P1T5J", name: "长沙市芙蓉区湘味小厨餐饮店" }
const materials = ["SP01", "SP02", "SP03"].map((code) => ({ code, form: "paper" }))
const stamp = Date.now().toString(36)

/** Runs `clients` loops of `one(n)` for warm-up + `seconds`; counts what finished in the window. */
const measure = async (one: (n: number) => Promise<void>) => {
  let next = 0
  const latencies: Array<number> = []
  let counted = 0
  const warmUpEnds = performance.now() + 2000
  const ends = warmUpEnds + seconds * 1000
  await Promise.all(
    Array.from({ length: clients }, async () => {
      while (performance.now() < ends) {
        const started = performance.now()
        await one(next++)
        const finished = performance.now()
        if (started >= warmUpEnds && finished <= ends) {
          counted++
          latencies.push(finished - started)
        }
      }
    }),
  )
  latencies.sort((a, b) => a - b)
  const at = (q: number) => latencies[Math.min(latencies.length - 1, Math.floor(q * latencies.length))]!
  return { perSecond: counted / seconds, p50: at(0.5), p99: at(0.99), count: counted }
}

/** The deployment secret of the benchmark's stores (not a secret: the schemas are dropped). */
const benchSecret = "bench-secret-0123456789abcdef0123456789"
const schemas = [`bench_facade_${stamp}`, `bench_http_${stamp}`, `bench_handler_${stamp}`]
let server: ChildProcess | undefined
try {
  // The facade, in this process.
  const yiciban = await createYiciban({
    store: postgresStore({ connectionString: url, schema: schemas[0], poolSize: 10, secret: benchSecret }),
  })
  await yiciban.matter.publish(matter, actors.admin!)
  const facade = await measure(async (n) => {
    await yiciban.application.submit(
      { caseNo: `F-${stamp}-${n}`, applicant, matterCode: matter.implementationCode, materials } as never,
      actors.restaurant!,
    )
  })
  await yiciban.close()

  // The handler called in this process with Request objects: the adapter's cost without a network.
  const inProcess = await createYiciban({
    store: postgresStore({ connectionString: url, schema: schemas[2], poolSize: 10, secret: benchSecret }),
  })
  await inProcess.matter.publish(matter, actors.admin!)
  const handler = makeHandler({
    yiciban: inProcess,
    authenticate: (request) => actors[(request.headers.get("authorization") ?? "").replace(/^Bearer /, "")],
  })
  const direct = await measure(async (n) => {
    const caseNo = `D-${stamp}-${n}`
    const response = await handler(
      new Request(`http://bench/application/${caseNo}/SubmitApplication`, {
        method: "POST",
        headers: { authorization: "Bearer restaurant", "content-type": "application/json" },
        body: JSON.stringify({ caseNo, applicant, matterCode: matter.implementationCode, materials }),
      }),
    )
    if (response.status !== 200) throw new Error(`${response.status} ${await response.text()}`)
  })
  await inProcess.close()

  // The handler, in its own process.
  server = spawn(
    process.execPath,
    ["--conditions=@yiciban/source", "--import", "tsx", join(import.meta.dirname, "server.ts")],
    {
      env: { ...process.env, BENCH_SCHEMA: schemas[1] },
      stdio: ["ignore", "pipe", "inherit"],
    },
  )
  const base = await new Promise<string>((resolve, reject) => {
    server!.once("exit", (code) => reject(new Error(`the server exited (${code})`)))
    createInterface({ input: server!.stdout! }).once("line", (line) => resolve(JSON.parse(line).url))
  })
  const post = async (path: string, token: string, body: unknown) => {
    const response = await fetch(`${base}${path}`, {
      method: "POST",
      headers: { authorization: `Bearer ${token}`, "content-type": "application/json" },
      body: JSON.stringify(body),
    })
    const text = await response.text()
    if (response.status !== 200) throw new Error(`${path}: ${response.status} ${text}`)
  }
  await post(`/matter/${matter.implementationCode}/DraftMatter`, "admin", matter)
  await post(`/matter/${matter.implementationCode}/PublishDraft`, "admin", {
    implementationCode: matter.implementationCode,
  })
  const http = await measure(async (n) => {
    const caseNo = `H-${stamp}-${n}`
    await post(`/application/${caseNo}/SubmitApplication`, "restaurant", {
      caseNo,
      applicant,
      matterCode: matter.implementationCode,
      materials,
    })
  })

  const row = (label: string, r: Awaited<ReturnType<typeof measure>>) =>
    console.log(
      `${label.padEnd(34)} ${r.perSecond.toFixed(0).padStart(6)} /s   p50 ${r.p50.toFixed(1)} ms   p99 ${r.p99.toFixed(1)} ms   (${r.count} in ${seconds} s)`,
    )
  console.log(`SubmitApplication (read-decide-append) on the PostgreSQL server, ${clients} clients in flight:`)
  row("facade (createYiciban, in process)", facade)
  row("handler in process (no network)", direct)
  row("HTTP (node:http + handler, fetch)", http)
  console.log(`HTTP / facade: ${((http.perSecond / facade.perSecond) * 100).toFixed(0)}%`)
} finally {
  server?.kill("SIGTERM")
  const client = new pg.Client({ connectionString: url })
  await client.connect()
  for (const schema of schemas) await client.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`)
  await client.end()
}
