/**
 * The service hall's server: one Fetch handler in node:http that serves
 *
 * - `/api/*`: the library's HTTP adapter (`@yiciban/http`), every command and read of every
 *   aggregate, authorized by the library for the actor the `authenticate` hook builds;
 * - `/hall/*`: the example's own endpoints: the demo sign-in, the demo clock, and reads that the
 *   adapter has no route for yet (the queue with each case's clock, the supervisor's warnings and
 *   five rates, the supervision export, the policy library), each through the facade with the
 *   signed-in actor, so the library authorizes them too;
 * - everything else: the built web app (`dist/`), nothing fetched from elsewhere.
 *
 * The session is a random id in an HttpOnly cookie, kept in this process's memory with the key of
 * the demo actor it signed in as; the actor itself is built here, never read from the browser.
 */
import { randomBytes } from "node:crypto"
import { existsSync, mkdirSync, readFileSync } from "node:fs"
import { createServer } from "node:http"
import type { AddressInfo } from "node:net"
import { extname, join, normalize, sep } from "node:path"
import { Application, type CalendarDate } from "@yiciban/core"
import { makeHandler, Problem } from "@yiciban/http"
import { toNodeListener } from "@yiciban/http/node"
import { pgliteStore } from "@yiciban/postgres/pglite"
import { createYiciban, PolicyLibrary, Projection, SupervisionExport, type Yiciban } from "@yiciban/runtime"
import { Effect, Result } from "effect"
import { type DemoActor, demoActor, demoActors } from "./actors.ts"
import { type DemoClock, demoClock } from "./clock.ts"
import { bundleId, markSeeded, seed, seeded, sharedData } from "./seed.ts"

/** The day the demo starts on: Monday 2 November 2026. */
export const startDay = "2026-11-02"

/** The key the demo's supervision export is MAC'd with (a host keeps its own in its secret store). */
export const exportKey = { id: "hall-demo", secret: "service-hall-demo-export-key-not-for-production" }

const cookieName = "hall_session"

/** Who reads the public catalogue before signing in: acts for no subject, holds no staff role. */
const visitor: Yiciban.ActorInput = { id: "visitor", roles: ["applicant"], subjects: [] }

/** A request's JSON body as an object (anything else, or no JSON, is an empty one). */
const bodyOf = async (request: Request): Promise<Record<string, unknown>> => {
  const body: unknown = await request.json().catch(() => undefined)
  return typeof body === "object" && body !== null && !Array.isArray(body) ? (body as Record<string, unknown>) : {}
}

const json = (body: unknown, status = 200, headers: Record<string, string> = {}) =>
  new Response(JSON.stringify(body), {
    status,
    headers: { "content-type": "application/json; charset=utf-8", "cache-control": "no-store", ...headers },
  })

const types: Record<string, string> = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".svg": "image/svg+xml",
  ".png": "image/png",
  ".ico": "image/x-icon",
}

/** One row of a queue: a case with its clock on the demo's today. */
export interface QueueRow {
  readonly caseNo: string
  readonly version: number
  readonly phase: string
  readonly matter: string | undefined
  readonly matterCode: string | undefined
  readonly applicant: string | undefined
  readonly receivedOn: string | undefined
  readonly acceptedOn: string | undefined
  readonly promisedDueOn: string | undefined
  readonly statutoryDueOn: string | undefined
  readonly warningLevel: string
  /** Materials still owed after a tolerant acceptance. */
  readonly deferred: ReadonlyArray<string>
  /** Codes still to correct after the one-time notice. */
  readonly toCorrect: ReadonlyArray<string>
  /** Codes on file. */
  readonly onFile: ReadonlyArray<string>
  /** The pinned matter's materials. */
  readonly materials: ReadonlyArray<{
    readonly code: string
    readonly name: string
    readonly mandatory: boolean
    readonly deferrable: boolean
  }>
  readonly tolerant: boolean
  readonly commitment: boolean
}

const closed = new Set([
  "concluded",
  "verified",
  "denied",
  "acceptanceDeclined",
  "withdrawn",
  "terminated",
  "rescinded",
  "lapsed",
])

export interface HallOptions {
  readonly dataDir: string
  readonly distDir: string
  readonly port?: number | undefined
  readonly host?: string | undefined
}

/** A running hall: its URL, the instance and clock behind it, and `close`. */
export interface Hall {
  readonly url: string
  readonly yiciban: Yiciban.Yiciban
  readonly clock: DemoClock
  readonly close: () => Promise<void>
}

/** Starts the hall; seeds it on the first start. Resolves with its URL and `close`. */
export const startHall = async (options: HallOptions): Promise<Hall> => {
  mkdirSync(options.dataDir, { recursive: true })
  const clock: DemoClock = demoClock(options.dataDir, startDay)
  const secret = process.env.YICIBAN_SECRET ?? "yiciban-example-secret-public-never-use-for-real-data"
  const yiciban = await createYiciban({
    store: pgliteStore({ dataDir: options.dataDir, secret }),
    now: clock.now,
    sharedData,
  })
  if (!seeded(options.dataDir)) {
    await seed(yiciban, clock, startDay)
    markSeeded(options.dataDir)
  }

  const sessions = new Map<string, DemoActor>()
  const sessionOf = (request: Request): DemoActor | undefined => {
    const cookie = request.headers.get("cookie") ?? ""
    const id = new RegExp(`(?:^|;\\s*)${cookieName}=([0-9a-f]{64})(?:;|$)`).exec(cookie)?.[1]
    return id === undefined ? undefined : sessions.get(id)
  }
  // #region authenticate
  /** The adapter's hook: the actor of the session's demo actor, built here; nothing from the browser. */
  const authenticate = (request: Request): Yiciban.ActorInput | undefined => sessionOf(request)?.actor
  // #endregion authenticate
  const api = makeHandler({ yiciban, authenticate, basePath: "/api", info: { title: "Service hall (demo)" } })

  const policyLibrary = PolicyLibrary.makeMemory()
  const policyProjection = PolicyLibrary.projection(policyLibrary)
  const policyCursor: Projection.MemoryCursor = { position: 0 }

  const queue = async (
    actor: Yiciban.ActorInput,
    today: CalendarDate.CalendarDate,
    withClosed = false,
  ): Promise<Array<QueueRow>> => {
    const rows = await yiciban.cases(actor, { category: "application", limit: 1000 })
    const out: Array<QueueRow> = []
    for (const row of rows) {
      if (!withClosed && closed.has(row.status)) continue
      const { state, version } = await yiciban.application.load(row.id, actor)
      const view = Application.clockView(state, today)
      const clockView = Result.isSuccess(view) ? view.success : undefined
      out.push({
        caseNo: row.id,
        version,
        phase: state.phase,
        matter: state.matter?.name,
        matterCode: state.matterCode ?? undefined,
        applicant: state.applicant?.name,
        receivedOn: state.receivedOn ?? undefined,
        acceptedOn: clockView?.acceptedOn,
        promisedDueOn: clockView?.promisedDueOn,
        statutoryDueOn: clockView?.statutoryDueOn,
        warningLevel: clockView?.warningLevel ?? "normal",
        deferred: state.deferral?.outstanding ?? [],
        toCorrect: state.toCorrect,
        onFile: state.materials.map((m) => m.code),
        materials: (state.matter?.materials ?? []).map((m) => ({
          code: m.code,
          name: m.name,
          mandatory: m.mandatory,
          deferrable: m.deferrable,
        })),
        tolerant: state.matter?.tolerantAcceptance != null,
        commitment: state.matter?.commitment?.enabled === true,
      })
    }
    const order = (r: QueueRow) => r.promisedDueOn ?? "9999-12-31"
    return out.sort((a, b) => order(a).localeCompare(order(b)) || a.caseNo.localeCompare(b.caseNo))
  }

  const hall = async (request: Request, path: string, who: DemoActor | undefined): Promise<Response> => {
    const method = request.method
    if (path === "/hall/actors" && method === "GET") {
      return json(demoActors.map(({ key, zh, en, home }) => ({ key, zh, en, home })))
    }
    if (path === "/hall/signin" && method === "POST") {
      const body = await bodyOf(request)
      const picked = typeof body.key === "string" ? demoActor(body.key) : undefined
      if (picked === undefined) return json({ tag: "UnknownDemoActor", detail: "no such demo actor" }, 400)
      const id = randomBytes(32).toString("hex")
      sessions.set(id, picked)
      return json({ key: picked.key, zh: picked.zh, en: picked.en, home: picked.home }, 200, {
        "set-cookie": `${cookieName}=${id}; Path=/; HttpOnly; SameSite=Strict`,
      })
    }
    if (path === "/hall/signout" && method === "POST") {
      const id = /hall_session=([0-9a-f]{64})/.exec(request.headers.get("cookie") ?? "")?.[1]
      if (id !== undefined) sessions.delete(id)
      return json({ ok: true }, 200, { "set-cookie": `${cookieName}=; Path=/; HttpOnly; SameSite=Strict; Max-Age=0` })
    }
    if (path === "/hall/clock" && method === "GET") return json({ today: clock.today() })
    if (path === "/hall/catalogue" && method === "GET") {
      // The published catalogue is public: before sign-in it is read as a visitor, an actor the
      // server builds that acts for no one (it may read public streams only, and may not apply).
      const reader = who?.actor ?? visitor
      const rows = await yiciban.cases(reader, { category: "matter", status: "published", limit: 1000 })
      const matters = await Promise.all(rows.map((row) => yiciban.matter.load(row.id, reader)))
      const bundle = await yiciban.bundle.load(bundleId, reader)
      return json({ matters: matters.map((m) => m.state.versions.at(-1)), bundle: bundle.state.versions.at(-1) })
    }
    if (path === "/hall/policies" && method === "GET") {
      await yiciban.run(Projection.catchUpInMemory(policyProjection, policyCursor))
      const text = new URL(request.url).searchParams.get("q") ?? undefined
      const page = Effect.runSync(policyLibrary.search({ text, limit: 50 }))
      return json(page.items.map((i) => ({ policyId: i.entry.policyId, ...i.entry.terms })))
    }
    if (who === undefined) {
      return Problem.toResponse(Problem.fromError({ _tag: "Unauthenticated" }, path), {
        "www-authenticate": 'Cookie realm="service-hall"',
      })
    }
    const actor = who.actor
    if (path === "/hall/me" && method === "GET") {
      return json({ key: who.key, zh: who.zh, en: who.en, home: who.home, roles: actor.roles })
    }
    if (path === "/hall/clock" && method === "POST") {
      // Example-only: the demo supervisor moves the clock. A real hall has no such endpoint.
      if (!actor.roles.includes("supervisor")) {
        return json({ tag: "NotPermitted", detail: "only the demo supervisor moves the demo clock" }, 403)
      }
      const body = await bodyOf(request)
      const days = body.days
      if (typeof days !== "number" || !Number.isInteger(days) || days < 1 || days > 60) {
        return json({ tag: "InvalidRequest", detail: "days: a whole number from 1 to 60" }, 400)
      }
      const fired: Array<string> = []
      for (let i = 0; i < days; i++) {
        clock.advance(1)
        for (const f of await yiciban.runDueTimers())
          fired.push(`${clock.today()} ${f.timer.stream}: ${f.timer.notice}`)
        await yiciban.runProcessManagers()
      }
      return json({ today: clock.today(), fired })
    }
    if (path === "/hall/queue" && method === "GET") {
      // `?all=1`: closed cases too (the applicant's own list, where a concluded case is rated).
      return json(await queue(actor, clock.today(), new URL(request.url).searchParams.get("all") === "1"))
    }
    if (path === "/hall/supervision" && method === "GET") {
      const today = clock.today()
      const [warnings, rates, cases] = await Promise.all([
        yiciban.rating.warnings(today, actor),
        yiciban.rating.fiveRates(actor),
        queue(actor, today),
      ])
      return json({ today, warnings, rates, cases })
    }
    if (path === "/hall/ratings" && method === "GET") return json(await yiciban.rating.unitRatings(actor))
    if (path === "/hall/export.jsonl" && method === "GET") {
      // The record itself, to keep, or to check with `SupervisionExport.verify` and the demo key.
      const lines: Array<string> = []
      await yiciban.rating.exportLog({ key: exportKey, write: (more) => void lines.push(...more) }, actor)
      return new Response(`${lines.join("\n")}\n`, {
        headers: {
          "content-type": "application/jsonl; charset=utf-8",
          "content-disposition": `attachment; filename="supervision-${clock.today()}.jsonl"`,
          "cache-control": "no-store",
        },
      })
    }
    if (path === "/hall/export" && method === "POST") {
      const lines: Array<string> = []
      const { records, batches } = await yiciban.rating.exportLog(
        { key: exportKey, write: (more) => void lines.push(...more), batchSize: 100 },
        actor,
      )
      const report = SupervisionExport.verify(lines, exportKey)
      return json({
        records,
        batches,
        intact: report.problems.length === 0,
        problems: report.problems.map(SupervisionExport.describe),
      })
    }
    return Problem.toResponse(Problem.fromError({ _tag: "UnknownRoute", detail: `no route ${method} ${path}` }, path))
  }

  const distDir = options.distDir
  const file = (path: string): Response => {
    const relative = normalize(path === "/" ? "/index.html" : path).replace(/^[/\\]+/, "")
    const full = join(distDir, relative)
    if (!full.startsWith(distDir + sep) || !existsSync(full)) {
      // A page of the app (the app routes by hash, so this is only the root and unknown files).
      return new Response("not found", { status: 404, headers: { "content-type": "text/plain" } })
    }
    return new Response(readFileSync(full), {
      headers: {
        "content-type": types[extname(full)] ?? "application/octet-stream",
        "x-content-type-options": "nosniff",
        "content-security-policy":
          "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; connect-src 'self'",
      },
    })
  }

  const handler = async (request: Request): Promise<Response> => {
    const path = new URL(request.url).pathname
    if (path === "/api" || path.startsWith("/api/")) {
      const response = await api(request)
      // A bundle case accepted opens its children, a child concluded is recorded on its bundle case:
      // the process managers run at once after such a command (a real host runs them in its worker).
      if (request.method === "POST" && response.ok && /^\/api\/(bundlecase|application)\//.test(path)) {
        await yiciban.runProcessManagers()
      }
      return response
    }
    if (path.startsWith("/hall/")) {
      try {
        return await hall(request, path, sessionOf(request))
      } catch (error) {
        const problem = Problem.fromError(error, path)
        return Problem.toResponse(problem)
      }
    }
    if (request.method !== "GET" && request.method !== "HEAD") return new Response(null, { status: 405 })
    return file(path)
  }

  const server = createServer(toNodeListener(handler))
  await new Promise<void>((resolve) => server.listen(options.port ?? 0, options.host ?? "127.0.0.1", resolve))
  const { address, port } = server.address() as AddressInfo
  return {
    url: `http://${address}:${port}`,
    yiciban,
    clock,
    close: async () => {
      server.closeAllConnections()
      await new Promise<void>((resolve, reject) => server.close((error) => (error ? reject(error) : resolve())))
      await yiciban.close()
    },
  }
}
