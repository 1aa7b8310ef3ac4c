/**
 * The policy library and the budget, measured (a benchmark, not a test):
 *
 * - search latency p50/p95 over 10 000 policies in the SQL library, on PGlite (in memory) and on
 *   the PostgreSQL server (DATABASE_URL), for a mix of Chinese text queries (exact words and
 *   abbreviations) with and without filters;
 * - approvals per second on one policy's ledger with 8 approvers at once, and how many commands
 *   lost a race and were retried.
 *
 * The approvals run twice per store, alternating: without the ledger's in-process state cache
 * (every attempt loads the snapshot and folds the tail) and with it (`Aggregate.cache`: a reload
 * reads only the events appended since), so the ratio is measured under the same load.
 *
 * Run: `npx tsx --conditions=@yiciban/source packages/postgres/bench/policy.ts [policies] [approvals] [rounds]`
 * (`policies` 0 skips the search figures, `approvals` 0 the approvals).
 */
import { CalendarDate, IdentityCode, type Policy } from "@yiciban/core"
import type { EventStore } from "@yiciban/eventstore"
import { CommandHandler, Policies, PolicyLibrary, Projection, SharedData } from "@yiciban/runtime"
import { Effect, Exit, Layer, ManagedRuntime } from "effect"
import pg from "pg"
import * as PolicyLibrarySql from "../src/PolicyLibrarySql.ts"
import { PostgresEventStore } from "../src/PostgresEventStore.ts"
import * as Pg from "../src/pg.ts"
import * as Pglite from "../src/pglite.ts"

const policies = Number(process.argv[2] ?? 10_000)
const approvalsWanted = Number(process.argv[3] ?? 200)
const databaseUrl = process.env.DATABASE_URL || undefined
const secret = "bench-secret-0123456789abcdef0123456789"

const hr = { creditCode: "11430100006183245G", name: "长沙市人力资源和社会保障局", division: "430100" }
const topics = [
  ["餐饮服务", "H621"],
  ["小型微型企业", ""],
  ["稳定岗位", ""],
  ["创业担保贷款", ""],
  ["科技创新", "M75"],
  ["高新技术企业", "M73"],
  ["文化旅游", "L7271"],
  ["先进制造业", "C34"],
  ["外贸出口", "F51"],
  ["农业产业化", "A01"],
  ["住宿服务", "H61"],
  ["养老服务", "Q85"],
] as const
const regions = ["430000", "430100", "430102", "430103", "430200", "440300", "440305", "110000"]

const termsFor = (i: number): Policy.Terms => {
  const [a, industry] = topics[i % topics.length]!
  const [b] = topics[(i * 7 + 3) % topics.length]!
  const opens = CalendarDate.addDays(CalendarDate.make("2026-01-01"), i % 300)
  return {
    title: `${a}${["补贴", "奖励", "贴息", "扶持资金"][i % 4]}（第${i}号）`,
    summary: `对符合条件的${b}主体给予支持，支持${a}发展。`,
    keywords: [a, b],
    authority: { ...hr, creditCode: i % 5 === 0 ? "11440300007542391T" : hr.creditCode },
    legalBasis: `示例〔2026〕${i}号`,
    region: regions[i % regions.length]!,
    industries: industry === "" ? [] : [industry],
    subjectKinds: i % 3 === 0 ? ["enterprise", "individualBusiness"] : ["enterprise"],
    criteria: [],
    amount: { _tag: "Fixed", amountFen: 100_000 * (1 + (i % 50)) },
    budgetFen: 100_000_000,
    window: { opensOn: opens, closesOn: CalendarDate.addDays(opens, 60 + (i % 200)) },
    mode: { _tag: "ApplyAndRedeem" },
    jointReviewers: [],
    materials: [],
  }
}

const queries: ReadonlyArray<PolicyLibrary.Query> = [
  { text: "餐饮" },
  { text: "小微企业" },
  { text: "稳岗" },
  { text: "创业 贴息" },
  { text: "科技", division: "430102" },
  { text: "补贴", division: "430102", industry: "H621", subjectKind: "enterprise" },
  { division: "430103", openOn: CalendarDate.make("2026-06-01") },
  { text: "文旅", minAmountFen: 2_000_000, limit: 10, offset: 10 },
]

const percentile = (values: ReadonlyArray<number>, p: number) => {
  const sorted = [...values].sort((a, b) => a - b)
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!
}

const searchBench = (name: string, layer: Layer.Layer<PostgresEventStore | EventStore.EventStore, unknown>) =>
  Effect.scoped(
    Effect.gen(function* () {
      const context = yield* Layer.build(layer)
      const store = yield* Effect.provide(Effect.service(PostgresEventStore), context)
      const library = yield* PolicyLibrarySql.make(store.sql, store.schema)
      const loadStart = performance.now()
      for (let i = 0; i < policies; i++) {
        const terms = termsFor(i)
        yield* library.upsert({
          policyId: `P-${i}`,
          version: 1,
          phase: "published",
          terms,
          text: [terms.title, terms.summary, ...terms.keywords].join(" "),
          maxAmountFen: terms.amount._tag === "Fixed" ? terms.amount.amountFen : terms.amount.capFen,
        })
      }
      const loadMs = performance.now() - loadStart
      yield* store.sql.query(`ANALYZE "${store.schema}".policy_library`)
      // Baselines in the same run, interleaved with the search (order alternating per round):
      // - "key": one row by primary key (a round trip and the JSON of one entry);
      // - "LIKE": the query's first term as a plain substring over every row (no index, no
      //   abbreviation, no ranking), the 20 latest;
      // - "facade": what `yiciban.policy.search` does on a SQL store: the catch-up from the durable
      //   checkpoint (nothing new to read here), then the search.
      const projection = PolicyLibrary.projection(library)
      const t = `"${store.schema}".policy_library`
      const kinds = ["search", "key", "LIKE", "facade"] as const
      const latencies: Record<(typeof kinds)[number], Array<number>> = { search: [], key: [], LIKE: [], facade: [] }
      const totals: Array<string> = []
      for (let round = 0; round < 25; round++) {
        for (const [q, query] of queries.entries()) {
          const term = PolicyLibrary.termsOf(query.text)[0] ?? ""
          const order = round % 2 === 0 ? kinds : [...kinds].reverse()
          for (const kind of order) {
            const started = performance.now()
            if (kind === "search") {
              const page = yield* library.search(query)
              if (round === 0) totals.push(`${JSON.stringify(query.text ?? "")}: ${page.total}`)
            } else if (kind === "key") {
              yield* store.sql.query(`SELECT entry FROM ${t} WHERE policy_id = $1`, [`P-${(round * 8 + q) % policies}`])
            } else if (kind === "LIKE") {
              yield* store.sql.query(
                `SELECT entry FROM ${t} WHERE body LIKE '%' || $1 || '%' ORDER BY closes_on DESC LIMIT 20`,
                [term],
              )
            } else {
              yield* Effect.provide(Projection.catchUp(projection), context)
              yield* library.search(query)
            }
            latencies[kind].push(performance.now() - started)
          }
        }
      }
      const p50 = (kind: (typeof kinds)[number]) => percentile(latencies[kind], 50)
      const line = (kind: (typeof kinds)[number]) =>
        `${kind} p50 ${p50(kind).toFixed(1)} ms, p95 ${percentile(latencies[kind], 95).toFixed(1)} ms (${(p50(kind) / p50("search")).toFixed(2)}x the search's p50)`
      console.log(
        `search on ${name}: ${policies} policies loaded in ${(loadMs / 1000).toFixed(1)} s; ${latencies.search.length} searches p50 ${p50("search").toFixed(1)} ms, p95 ${percentile(latencies.search, 95).toFixed(1)} ms (${totals.join(", ")})`,
      )
      for (const kind of ["key", "LIKE", "facade"] as const) console.log(`  baseline on ${name}: ${line(kind)}`)
    }),
  )

const subjectCodes = (count: number) =>
  Array.from({ length: count }, (_, i) => {
    const org = `MB${String(i).padStart(6, "0")}`
    const body = `91430102${org}${IdentityCode.organizationCodeCheckCharacter(org)}`
    return `${body}${IdentityCode.unifiedSocialCreditCheckCharacter(body)}`
  })

const rounds = Number(process.argv[4] ?? 1)

type Mode = "no cache" | "state cache" | "state cache + turns" | "one person (cache + turns)"
// "one person": the same as "state cache + turns", but the first applicant is a natural person, so
// the ledger holds sealed personal data: it is neither cached nor snapshotted after that award.
// POLICY_BENCH_MODES (comma separated) picks some of them.
const modes: ReadonlyArray<Mode> = (
  ["no cache", "state cache", "state cache + turns", "one person (cache + turns)"] as const
).filter((mode) => (process.env.POLICY_BENCH_MODES?.split(",") ?? [mode]).includes(mode))
const personCode = `43010219900307123${IdentityCode.residentIdCheckCharacter("43010219900307123")}`

const approvalBench = async (name: string, layer: Layer.Layer<any, unknown>, mode: Mode) => {
  const withPerson = mode === "one person (cache + turns)"
  const codes = withPerson ? [personCode, ...subjectCodes(approvalsWanted - 1)] : subjectCodes(approvalsWanted)
  const records: SharedData.MemoryRecords = {}
  if (withPerson) {
    records[personCode] = {
      residentRecord: { name: "李嫣琰", region: "430102" },
      socialSecurity: { insuredHeadcount: 1, month: "2026-08" },
    }
  }
  for (const code of codes.slice(withPerson ? 1 : 0)) {
    records[code] = {
      businessRegistration: {
        name: `企业${code.slice(10, 16)}`,
        subjectKind: "enterprise",
        industryCodes: ["H621"],
        region: "430102",
        registeredCapitalFen: 1,
        employeeCount: 10,
      },
    }
  }
  const made = Policies.makeRedemption({ sharedData: SharedData.makeMemory(records) })
  const redemption =
    mode === "state cache + turns" || withPerson
      ? made
      : mode === "state cache"
        ? { ...made, cache: { streams: 64 } }
        : { ...made, cache: undefined }
  const admin = { id: "admin", roles: ["catalogueAdmin" as const], authority: hr.creditCode, region: hr.division }
  const clerk = { ...admin, id: "clerk", roles: ["windowClerk" as const] }
  const policyId = "BENCH-1"
  const terms: Policy.Terms = {
    ...termsFor(1),
    authority: hr,
    region: "430100",
    industries: [],
    subjectKinds: ["enterprise", "naturalPerson"],
    budgetFen: 100_000 * approvalsWanted,
    amount: { _tag: "Fixed", amountFen: 100_000 },
    window: { opensOn: CalendarDate.make("2026-01-01"), closesOn: CalendarDate.make("2027-12-31") },
  }
  const runtime = ManagedRuntime.make(layer)
  try {
    const run = <A, E>(effect: Effect.Effect<A, E, any>) => runtime.runPromise(effect as Effect.Effect<A, E, never>)
    await run(CommandHandler.handle(Policies.policy, undefined, { _tag: "DraftPolicy", policyId, terms }, admin))
    await run(CommandHandler.handle(Policies.policy, undefined, { _tag: "PublishPolicy", policyId }, admin))
    for (const subjectCode of codes) {
      const applicant = {
        id: subjectCode,
        roles: ["applicant" as const],
        subjects: [
          {
            code: subjectCode,
            relation: subjectCode === personCode ? ("self" as const) : ("legalRepresentative" as const),
          },
        ],
      }
      await run(
        CommandHandler.handle(
          redemption,
          undefined,
          { _tag: "ApplyForRedemption", policyId, subjectCode, materials: [] },
          applicant,
        ),
      )
      await run(
        CommandHandler.handle(redemption, undefined, { _tag: "AcceptRedemption", policyId, subjectCode }, clerk),
      )
    }
    const queue = [...codes]
    let retried = 0
    let approved = 0
    const started = performance.now()
    await Promise.all(
      Array.from({ length: 8 }, async (_, n) => {
        const approver = { ...admin, id: `approver-${n}`, roles: ["approver" as const] }
        for (let subjectCode = queue.shift(); subjectCode !== undefined; subjectCode = queue.shift()) {
          for (;;) {
            const exit = await runtime.runPromiseExit(
              CommandHandler.handle(
                redemption,
                undefined,
                { _tag: "ApproveRedemption", policyId, subjectCode },
                approver,
                { maxAttempts: 1 },
              ) as unknown as Effect.Effect<unknown, { _tag: string }, never>,
            )
            if (Exit.isSuccess(exit)) {
              approved += 1
              break
            }
            const failure = exit.cause.reasons.find((r) => r._tag === "Fail") as { error: { _tag: string } } | undefined
            if (failure?.error._tag === "TooMuchContention" || failure?.error._tag === "VersionConflict") {
              retried += 1
              continue
            }
            throw new Error(`approval failed: ${failure?.error._tag}`)
          }
        }
      }),
    )
    const seconds = (performance.now() - started) / 1000
    console.log(
      `approvals on ${name} (${mode}): ${approved} approvals by 8 approvers on one ledger in ${seconds.toFixed(2)} s = ${(approved / seconds).toFixed(0)} approvals/s; ${retried} lost races retried (${((retried / (approved + retried)) * 100).toFixed(0)}% of attempts)`,
    )
  } finally {
    await runtime.dispose()
  }
}

const schemaName = `policy_bench_${process.pid}`
if (policies > 0) await Effect.runPromise(searchBench("PGlite", Pglite.layerPglite({}) as never))
for (let round = 0; round < (approvalsWanted > 0 ? rounds : 0); round++) {
  for (const mode of round % 2 === 0 ? modes : [...modes].reverse()) {
    await approvalBench("PGlite", Pglite.layerRuntime({ secret }), mode)
  }
}
if (databaseUrl === undefined) console.log("DATABASE_URL is not set: the server figures are skipped")
else {
  try {
    if (policies > 0) {
      await Effect.runPromise(
        searchBench("server", Pg.layerPostgres({ connectionString: databaseUrl, schema: schemaName }) as never),
      )
    }
    for (let round = 0; round < (approvalsWanted > 0 ? rounds : 0); round++) {
      for (const [index, mode] of (round % 2 === 0 ? modes : [...modes].reverse()).entries()) {
        await approvalBench(
          "server",
          Pg.layerRuntime({
            connectionString: databaseUrl,
            schema: `${schemaName}_r${round}_${index}`,
            poolSize: 8,
            secret,
          }),
          mode,
        )
      }
    }
  } finally {
    const client = new pg.Client({ connectionString: databaseUrl })
    await client.connect()
    await client.query(`DROP SCHEMA IF EXISTS "${schemaName}" CASCADE`)
    for (let round = 0; round < rounds; round++) {
      for (const index of modes.keys()) {
        await client.query(`DROP SCHEMA IF EXISTS "${schemaName}_r${round}_${index}" CASCADE`)
      }
    }
    await client.end()
  }
}
