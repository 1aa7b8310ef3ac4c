/**
 * The getting-started flows as the consumer test runs them (scripts/consumer.ts), with the
 * outcomes docs/getting-started.md states. Memory-safe: it imports no store adapter, so the
 * memory-only host compiles it without `@yiciban/postgres`.
 */
import { deepStrictEqual, equal } from "node:assert/strict"
import type { Yiciban } from "@yiciban/runtime"
import type { SimulatedClock } from "./clock.ts"
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

type Clock = SimulatedClock

const expectedCases = [
  ["application-GFDJ-2026-000812", "rescinded"],
  ["application-GGDJ-2026-000117", "correctionRequested"],
  ["application-GGDJ-2026-000118", "underReview"],
  ["application-SCJG-2026-000731", "concluded"],
  ["application-SCJG-2026-000732", "underReview"],
  ["licence-SCJG-2026-000731", "issued"],
  ["matter-11430100MB1A38544B-000101001000-01", "published"],
  ["matter-11430100MB1A38544B-000101008000-01", "published"],
  ["matter-11430100MB1A38544B-000110005000-01", "published"],
]

/** The getting-started flows, in the order the page shows them, with the outcomes it states. */
export const flows = async (yiciban: Yiciban.Yiciban, clock: Clock) => {
  const terms = await publish(yiciban, clock)
  equal(terms.version, 1, "the matter is published as version 1")
  const tolerant = await tolerantAcceptance(yiciban, clock)
  deepStrictEqual(
    (await timeline(yiciban, tolerant)).map((step) => step.event),
    [
      "ApplicationSubmitted",
      "ApplicationAcceptedTolerantly",
      "DeferredMaterialsSupplied",
      "ReviewStepRecorded",
      "ApplicationGranted",
      "CertificateIssued",
    ],
  )
  const fired: Array<string> = []
  const deemed = await deemedAcceptance(yiciban, clock, (day, what) => {
    for (const w of what) fired.push(`${day} ${w}`)
  })
  deepStrictEqual(fired, [
    "2026-10-10 no correction notice by 2026-10-09: deemed accepted from 2026-09-24 (dispatched)",
  ])
  deepStrictEqual(
    (await timeline(yiciban, deemed)).map((step) => [step.day, step.event, step.actor]),
    [
      ["2026-09-24", "ApplicationSubmitted", "chayan-01"],
      ["2026-10-10", "ApplicationAccepted", "yiciban-scheduler"],
    ],
  )
  const committed = await grantOnCommitment(yiciban, clock)
  const credit = await verifyFalse(yiciban, clock, committed)
  deepStrictEqual(
    credit.map((event) => [event.type, event.metadata.actor.id]),
    [["CreditEntryRecorded", "process:false-commitment-to-credit"]],
  )
  const next = await refusedThenOrdinary(yiciban, clock)
  equal((next.refusal as { readonly _tag?: string } | undefined)?._tag, "ApplicantBarredFromCommitment")
  deepStrictEqual(
    (await yiciban.cases(supervisor)).map((row) => [row.stream, row.status]),
    expectedCases,
  )
}
