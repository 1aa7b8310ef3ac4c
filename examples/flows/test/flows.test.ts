/**
 * The demo's flows on PGlite in a temporary folder, and on the PostgreSQL server when
 * `DATABASE_URL` is set (in a schema of their own, dropped after), each run twice on the same
 * store: the second run changes nothing. The notify-and-commit flow ends in one credit entry (the process manager runs
 * twice per run), a refused commitment application and an accepted ordinary one.
 */
import { mkdtempSync, rmSync } from "node:fs"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { postgresStore } from "@yiciban/postgres/pg"
import { createYiciban, type Yiciban } from "@yiciban/runtime"
import pg from "pg"
import { afterAll, describe, expect, it } from "vitest"
import { simulatedClock } from "../src/clock.ts"
import {
  deemedAcceptance,
  grantOnCommitment,
  publish,
  refusedThenOrdinary,
  supervisor,
  timeline,
  tolerantAcceptance,
  verifyFalse,
} from "../src/flows.ts"
import { deploymentSecret } from "../src/secret.ts"
import { open } from "../src/setup.ts"

const folder = mkdtempSync(join(tmpdir(), "yiciban-flows-"))
afterAll(() => rmSync(folder, { recursive: true, force: true }))

type Clock = ReturnType<typeof simulatedClock>

const runAll = async (openStore: (clock: Clock) => Promise<Yiciban.Yiciban>) => {
  const clock = simulatedClock("2026-09-01")
  const yiciban = await openStore(clock)
  try {
    const terms = await publish(yiciban, clock)
    const fired: Array<[string, string]> = []
    const tolerant = await tolerantAcceptance(yiciban, clock)
    const deemed = await deemedAcceptance(yiciban, clock, (day, what) => {
      for (const w of what) fired.push([day, w])
    })
    const committed = await grantOnCommitment(yiciban, clock)
    const credit = await verifyFalse(yiciban, clock, committed)
    const next = await refusedThenOrdinary(yiciban, clock)
    return {
      version: terms.version,
      committed: await timeline(yiciban, committed),
      credit: credit.map((e) => [e.type, e.metadata.actor.id, e.data]),
      refusal: next.refusal,
      onCommitment: await timeline(yiciban, next.onCommitment),
      ordinary: await timeline(yiciban, next.ordinary),
      tolerant: await timeline(yiciban, tolerant),
      deemed: await timeline(yiciban, deemed),
      fired,
      cases: (await yiciban.cases(supervisor)).map((c) => [c.stream, c.status]),
    }
  } finally {
    await yiciban.close()
  }
}

const expectFlows = async (openStore: (clock: Clock) => Promise<Yiciban.Yiciban>) => {
  const first = await runAll(openStore)
  expect(first.version).toBe(1)
  expect(first.tolerant.map((s) => [s.day, s.event])).toEqual([
    ["2026-09-24", "ApplicationSubmitted"],
    ["2026-09-24", "ApplicationAcceptedTolerantly"],
    ["2026-09-30", "DeferredMaterialsSupplied"],
    ["2026-10-12", "ReviewStepRecorded"],
    ["2026-10-13", "ApplicationGranted"],
    ["2026-10-14", "CertificateIssued"],
  ])
  expect(first.deemed.map((s) => [s.day, s.event, s.actor])).toEqual([
    ["2026-09-24", "ApplicationSubmitted", "chayan-01"],
    ["2026-10-10", "ApplicationAccepted", "yiciban-scheduler"],
  ])
  expect(first.fired).toEqual([
    ["2026-10-10", "no correction notice by 2026-10-09: deemed accepted from 2026-09-24 (dispatched)"],
  ])
  expect(first.committed.map((s) => [s.day, s.event, s.actor])).toEqual([
    ["2026-10-12", "ApplicationSubmitted", "xiangwei-01"],
    ["2026-10-12", "ApplicationAcceptedOnCommitment", "clerk-07"],
    ["2026-10-12", "ApplicationGranted", "clerk-07"],
    ["2026-10-12", "VerificationScheduled", "clerk-07"],
    ["2026-10-20", "CommitmentVerified", "inspector-12"],
    ["2026-10-20", "FalseCommitmentFound", "inspector-12"],
    ["2026-10-20", "GrantRescinded", "inspector-12"],
  ])
  // one entry, though the process manager ran twice
  expect(first.credit).toEqual([
    [
      "CreditEntryRecorded",
      "process:false-commitment-to-credit",
      expect.objectContaining({
        entryId: "GFDJ-2026-000812/falseCommitment",
        kind: "falseCommitment",
        effectiveOn: "2026-10-20",
        expiresOn: "2027-10-20",
      }),
    ],
  ])
  expect(first.refusal).toMatchObject({ _tag: "ApplicantBarredFromCommitment", ordinaryProcedureOpen: true })
  expect(first.onCommitment.map((s) => [s.day, s.event])).toEqual([
    ["2026-11-02", "ApplicationSubmitted"],
    ["2026-11-02", "CorrectionRequested"],
  ])
  expect(first.ordinary.map((s) => [s.day, s.event])).toEqual([
    ["2026-11-02", "ApplicationSubmitted"],
    ["2026-11-02", "ApplicationAccepted"],
  ])
  expect(first.cases).toEqual([
    ["application-GFDJ-2026-000812", "rescinded"],
    ["application-GGDJ-2026-000117", "correctionRequested"],
    ["application-GGDJ-2026-000118", "underReview"],
    ["application-SCJG-2026-000731", "concluded"],
    ["application-SCJG-2026-000732", "underReview"],
    // the concluded food licence case produced its licence (the process manager, ALL Art 39, 44)
    ["licence-SCJG-2026-000731", "issued"],
    ["matter-11430100MB1A38544B-000101001000-01", "published"],
    ["matter-11430100MB1A38544B-000101008000-01", "published"],
    ["matter-11430100MB1A38544B-000110005000-01", "published"],
  ])
  const second = await runAll(openStore)
  expect(second).toEqual({ ...first, fired: [] })
}

describe("the demo's flows on PGlite", () => {
  it("run end to end with real working-day dates, and a second run on the same folder changes nothing", async () => {
    await expectFlows((clock) => open(folder, clock))
  })
})

const connectionString = process.env.DATABASE_URL
if (connectionString === undefined)
  console.log("DATABASE_URL is not set: the flows on the PostgreSQL server are skipped")

describe.runIf(connectionString !== undefined)("the demo's flows on the PostgreSQL server", () => {
  const schema = `flows_${process.pid}_${Date.now().toString(36)}`
  afterAll(async () => {
    const client = new pg.Client({ connectionString })
    await client.connect()
    await client.query(`drop schema if exists ${schema} cascade`)
    await client.end()
  })

  it("run end to end with the same dates and outcomes, and a second run changes nothing", async () => {
    await expectFlows((clock) =>
      createYiciban({
        store: postgresStore({ connectionString: connectionString!, schema, secret: deploymentSecret() }),
        now: clock.now,
      }),
    )
  })
})
