/**
 * The README's demo: real statutory deadlines on the mainland China working-day calendar, then
 * the flows run end to end on an embedded PostgreSQL (PGlite) in `.yiciban-data/`.
 * Run it with `npx -y pnpm@10 demo` from the repository root.
 */
import { join } from "node:path"
import { CalendarDate, Clock } from "@yiciban/core"
import type { StartStage } from "@yiciban/postgres/pglite"
import { Result } from "effect"
import { showRestaurantBundle } from "./bundleDemo.ts"
import { simulatedClock } from "./clock.ts"
import {
  correctionNoticeDue,
  describeDay,
  expertReviewThenExtension,
  licenceAcceptedBeforeNationalDay,
} from "./deadlines.ts"
import {
  deemedAcceptance,
  grantOnCommitment,
  publish,
  refusedThenOrdinary,
  supervisor,
  timeline,
  tolerantAcceptance,
  verifyFalse,
} from "./flows.ts"
import { policyDemo, sharedData as policySharedData } from "./policies.ts"
import { exportAndTamper, fiveRates, rateCase } from "./ratings.ts"
import { open } from "./setup.ts"

const line = (date: CalendarDate.CalendarDate | undefined, what: string) =>
  console.log(`  ${(date === undefined ? "(not known yet)" : describeDay(date)).padEnd(37)} ${what}`)

const orExit = <A, E>(result: Result.Result<A, E>): A => {
  if (Result.isSuccess(result)) return result.success
  console.error("unexpected:", result.failure)
  process.exit(1)
}

console.log("Yiciban (一次办) — statutory deadlines on the working-day calendar\n")

console.log("1. A licence accepted the week before 中秋 and 国庆 2026: promised 10, statutory 20 working days")
const licence = orExit(licenceAcceptedBeforeNationalDay())
line(licence.clock.startedOn, "accepted; counting starts the next day")
line(CalendarDate.make("2026-09-25"), "中秋 25–27 September: not counted")
line(CalendarDate.make("2026-10-01"), "国庆 1–7 October: not counted")
line(CalendarDate.make("2026-10-10"), "调休: a Saturday that counts")
line(CalendarDate.make("2026-10-12"), `warning level: ${licence.onMonday12October} (3 working days left)`)
line(licence.promisedDue, "promised completion date (承诺时限)")
line(licence.statutoryDue, "statutory completion date (法定时限)")

console.log("\n2. A one-time correction notice (补正) across Spring Festival 2026: 5 working days")
const received = CalendarDate.make("2026-02-12")
line(received, "application received")
line(CalendarDate.make("2026-02-14"), "调休: a Saturday that counts")
line(CalendarDate.make("2026-02-15"), "春节 15–23 February: not counted")
line(orExit(correctionNoticeDue(received)), "last day for the notice; after it, deemed accepted")

console.log("\n3. The licence again: an expert review pauses the clock, then a 10-day extension")
const review = orExit(expertReviewThenExtension())
line(review.paused.pauses[0]?.pausedOn, "paused: expert review (the day itself still counts)")
line(review.whilePaused, "due dates while paused")
line(review.resumed.pauses[0]?.resumedOn, `resumed: ${review.pausedDays} working days paused`)
line(review.promisedDue, "promised date, moved from 2026-10-15")
line(review.statutoryDue, `statutory date: +5 paused, +${review.extended.extension?.workingDays} extended`)
console.log(`  extension approved by ${review.extended.extension?.approver}: ${review.extended.extension?.reason}`)
console.log(
  `  statutory limit now ${Clock.effectiveStatutoryLimit(review.extended)} working days; due dates never move earlier`,
)

console.log("\n4. The flows, on an embedded PostgreSQL (PGlite) in examples/flows/.yiciban-data/")
const dataDir = join(import.meta.dirname, "..", ".yiciban-data")
const clock = simulatedClock("2026-09-01")
const started = Date.now()
const seconds = () => `${((Date.now() - started) / 1000).toFixed(1)} s`
const stages: Record<StartStage, string> = {
  restore: "a new database from the shipped seed",
  initdb: "a new database, initialised from scratch (initdb)",
  open: "opening the database there",
  migrate: "checking the schema",
  runtime: "the runtime's tables",
  ready: "ready",
}
// What the start is doing, each stage on its own line, and a dot every half second while one lasts.
const progress = setInterval(() => process.stdout.write("."), 500)
process.stdout.write("  starting the embedded database:")
const yiciban = await open(dataDir, clock, policySharedData, (stage) =>
  process.stdout.write(
    stage === "ready" ? `\n  ready in ${seconds()}\n` : `\n    ${seconds().padStart(6)} ${stages[stage]} `,
  ),
)
clearInterval(progress)
try {
  const terms = await publish(yiciban, clock)
  console.log(`  matter ${terms.implementationCode} ${terms.name}, version ${terms.version}, published`)
  const show = async (caseNo: string) => {
    for (const step of await timeline(yiciban, caseNo)) line(step.day, `${step.event} (${step.actor})`)
    const row = (await yiciban.cases(supervisor)).find((c) => c.stream === `application-${caseNo}`)
    console.log(`  case list: ${caseNo} is ${row?.status}`)
  }
  console.log("\n  a. Tolerant acceptance (容缺受理), supplemented and granted")
  await show(await tolerantAcceptance(yiciban, clock))
  console.log("\n  b. No correction notice in 5 working days: the timer deems the case accepted (视为受理)")
  const deemed = await deemedAcceptance(yiciban, clock, (day, fired) => {
    for (const what of fired) line(day, `timer fired: ${what}`)
  })
  await show(deemed)
  const pending = (await yiciban.timers(supervisor, `application-${deemed}`)).filter((t) => t.status === "pending")
  for (const timer of pending) line(CalendarDate.ofInstant(timer.dueAt), `pending timer: ${timer.notice}`)
  console.log(
    "\n  c. Notify-and-commit (告知承诺): granted on the spot, verified false, a credit entry, commitment refused",
  )
  const committed = await grantOnCommitment(yiciban, clock)
  const credit = await verifyFalse(yiciban, clock, committed)
  await show(committed)
  for (const event of credit) {
    const entry = event.data as { entryId: string; kind: string; effectiveOn: string; expiresOn: string }
    line(
      CalendarDate.ofInstant(event.metadata.occurredAt),
      `${event.type} in ${event.stream}: ${entry.kind} ${entry.entryId}, bars commitment until ${entry.expiresOn} (${event.metadata.actor.id})`,
    )
  }
  const next = await refusedThenOrdinary(yiciban, clock)
  const refusal = next.refusal as { _tag: string; message?: string; ordinaryProcedureOpen?: boolean } | undefined
  line(CalendarDate.make("2026-11-02"), `${next.onCommitment} on commitment refused: ${refusal?._tag}`)
  console.log(`  ${"".padEnd(37)} ${refusal?.message}`)
  console.log(`  ${"".padEnd(37)} ordinaryProcedureOpen: ${refusal?.ordinaryProcedureOpen}`)
  console.log(
    `  ${next.onCommitment}, the sign over its door: the one-time notice asks for the proof commitment would have replaced`,
  )
  await show(next.onCommitment)
  console.log(`  ${next.ordinary}, the sign at its second shop, with every proof: accepted in the ordinary procedure`)
  await show(next.ordinary)
  console.log("\n  d. Policies (政策库 / 政策兑现): search, 免申即享 paid from shared data, 贴息 applied for")
  await policyDemo(yiciban, clock, (text) => console.log(`  ${text}`))
  console.log(
    "\n  e. Ratings (好差评): the tolerant case rated online and at the hall; the negative handled to the end",
  )
  for (const [day, what] of await rateCase(yiciban, clock, "SCJG-2026-000731"))
    console.log(`  ${day.padEnd(37)} ${what}`)
  console.log("  the five rates (五率), as the supervisor reads them (CSV):")
  for (const row of (await fiveRates(yiciban)).trimEnd().split("\n")) console.log(`    ${row}`)
  console.log("  (data timeliness reads 0 here: the demo simulates November while the store records today's time)")
  const exported = await exportAndTamper(yiciban)
  console.log(
    `  supervision export: ${exported.records} records in ${exported.batches} batches, verify: ${exported.intact.problems.length === 0 ? "intact" : "NOT intact"}`,
  )
  console.log(`  line ${exported.line} tampered (level 5 → 2); verify says:`)
  for (const problem of exported.problems) console.log(`    ${problem}`)
  await showRestaurantBundle(yiciban, clock)
  console.log("\n  Run it again: every command has a fixed id, so nothing changes and the same timeline is read back.")
} finally {
  await yiciban.close()
}
