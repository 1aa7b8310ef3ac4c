/**
 * `pnpm bench` (examples/flows): the cost of a bundle case on the PostgreSQL server at
 * DATABASE_URL (default postgres://postgres@127.0.0.1:5432/test, in a fresh schema dropped
 * afterwards). For bundles of 4 and of 20 members (matters of one authority, sharing one material):
 * submit, accept, the fan-out (timed: from the start of the process-manager run to every child
 * opened and accepted), a grant and a certificate per child, the fan-in, the unified delivery.
 * Reports commands per second (every command the runtime handled, process managers' included) and
 * the fan-out latency per bundle. A benchmark, not a test.
 */
import { performance } from "node:perf_hooks"
import { postgresStore } from "@yiciban/postgres/pg"
import { createYiciban, type Yiciban } from "@yiciban/runtime"
import pg from "pg"
import { simulatedClock } from "../src/clock.ts"
import { deploymentSecret } from "../src/secret.ts"

const connectionString = process.env.DATABASE_URL || "postgres://postgres@127.0.0.1:5432/test"
const schema = `bench_bundle_${process.pid}`
const authority = { name: "长沙市市场监督管理局", creditCode: "11430100MB1A38544B", division: "430100" }
const staff = (role: "windowClerk" | "approver" | "catalogueAdmin", id: string): Yiciban.ActorInput => ({
  id,
  roles: [role],
  authority: authority.creditCode,
  region: authority.division,
})
const admin = staff("catalogueAdmin", "admin-1")
const clerk = staff("windowClerk", "clerk-1")
const approver = staff("approver", "approver-1")
const restaurant = { kind: "enterprise", code: "91430102MA4L0P1T5J", name: "长沙市芙蓉区湘味小厨餐饮店" } as const
const applicant: Yiciban.ActorInput = {
  id: "xiangwei-01",
  roles: ["applicant"],
  subjects: [{ code: restaurant.code, relation: "self" }],
}

const material = (code: string) => ({
  code,
  name: code,
  mandatory: true,
  category: "core",
  originals: 0,
  copies: 1,
  deferrable: false,
  replaceableByCommitment: false,
})
const elements = (i: number) => ({
  kind: "01",
  name: `事项${i}`,
  legalBasis: [{ document: "《中华人民共和国行政许可法》" }],
  implementingAuthority: authority,
  conditions: ["申请人为依法登记的市场主体"],
  procedure: [{ name: "受理", description: "" }],
  processingMode: "promised",
  statutoryLimitWorkingDays: 20,
  promisedLimitWorkingDays: 10,
  materials: [material(`M${i}A`), material(`M${i}B`), material("ZS")],
  scope: { subjectTypes: ["enterpriseLegalPerson", "unincorporatedEnterprise"], regions: ["430100"] },
  validity: { _tag: "NotApplicable" },
  intermediaryServices: [],
  fees: [],
  specialProcedures: [],
  extensionAllowed: false,
  ratingEnabled: false,
})
const codeOf = (i: number) => `11430100MB1A38544B-0009${String(i).padStart(2, "0")}001000-01`

const run = async (yiciban: Yiciban.Yiciban, clock: ReturnType<typeof simulatedClock>, size: number, cases: number) => {
  clock.set("2026-11-02")
  for (let i = 0; i < size; i++) {
    await yiciban.matter.publish(
      { implementationCode: codeOf(i), baseCode: codeOf(i).split("-")[1]!, elements: elements(i) as never },
      admin,
    )
  }
  const bundleId = `BENCH-${size}`
  await yiciban.bundle.execute(
    {
      _tag: "DraftBundle",
      bundleId,
      elements: {
        name: `bench ${size}`,
        leadDepartment: authority,
        memberCodes: Array.from({ length: size }, (_, i) => codeOf(i)),
        introduction: "bench",
        jointLimitWorkingDays: 45,
      },
    },
    admin,
  )
  await yiciban.bundle.execute({ _tag: "PublishBundle", bundleId }, admin)
  await yiciban.runProcessManagers()
  const materials = [
    { code: "ZS", form: "paper" as const },
    ...Array.from({ length: size }, (_, i) => [`M${i}A`, `M${i}B`])
      .flat()
      .map((code) => ({ code, form: "paper" as const })),
  ]
  let commands = 0
  const fanOut: Array<number> = []
  const started = performance.now()
  for (let c = 0; c < cases; c++) {
    const caseNo = `B${size}-${c}`
    clock.set("2026-11-03")
    await yiciban.bundleCase.execute(
      { _tag: "SubmitBundleApplication", caseNo, applicant: restaurant, bundleId, materials },
      applicant,
    )
    await yiciban.bundleCase.execute(
      {
        _tag: "AcceptBundle",
        caseNo,
        members: Array.from({ length: size }, (_, i) => ({
          implementationCode: codeOf(i),
          acceptance: { _tag: "Ordinary" },
        })),
      },
      clerk,
    )
    const t0 = performance.now()
    await yiciban.runProcessManagers()
    fanOut.push(performance.now() - t0)
    clock.set("2026-11-10")
    for (let i = 0; i < size; i++) {
      const child = `${caseNo}-J${i + 1}`
      await yiciban.application.execute({ _tag: "GrantApplication", caseNo: child }, approver)
      await yiciban.application.execute({ _tag: "IssueCertificate", caseNo: child, certificateNo: `C-${child}` }, clerk)
    }
    await yiciban.runProcessManagers()
    await yiciban.bundleCase.execute({ _tag: "DeliverUnified", caseNo }, clerk)
    // submit, accept, deliver; per child: submit + accept (fan-out), grant, certificate, licence, outcome (fan-in)
    commands += 3 + size * 6
  }
  const seconds = (performance.now() - started) / 1000
  fanOut.sort((a, b) => a - b)
  return {
    size,
    cases,
    commands,
    commandsPerSecond: Math.round(commands / seconds),
    fanOutMedianMs: Math.round(fanOut[Math.floor(fanOut.length / 2)]!),
    fanOutMaxMs: Math.round(fanOut.at(-1)!),
    bundlesPerMinute: Math.round((cases / seconds) * 60),
  }
}

const client = new pg.Client({ connectionString })
await client.connect()
try {
  const clock = simulatedClock("2026-11-02")
  const yiciban = await createYiciban({
    store: postgresStore({ connectionString, schema, secret: deploymentSecret() }),
    now: clock.now,
  })
  try {
    const results = [await run(yiciban, clock, 4, 10), await run(yiciban, clock, 20, 4)]
    console.table(results)
  } finally {
    await yiciban.close()
  }
} finally {
  await client.query(`drop schema if exists ${schema} cascade`)
  await client.end()
}
