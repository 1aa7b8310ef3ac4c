/**
 * `pnpm --filter @yiciban/runtime bench:ratings [--cases N]`: the five-rate rebuild on N cases
 * (default 100,000). 100 real cases run through the runtime on the memory store (submitted,
 * accepted, granted, concluded, rated online and at a visit, one in four negative and handled to
 * the end); their events are replicated under new case numbers up to N cases; then the ratings
 * projection is fed from zero (decode, evolve) and the five rates computed. The time excludes
 * reading the store. A benchmark, not a test.
 */
import { performance } from "node:perf_hooks"
import { Aggregates, CommandHandler, RatingAggregate, Ratings, RuntimeStore } from "../src/index.ts"
import { approver, clerk, matterCode, restaurant } from "../test/fixtures.ts"
import { onDay, publishMatter, submitCase, successOf } from "../test/support.ts"

const argument = (flag: string, fallback: number) => {
  const i = process.argv.indexOf(flag)
  return i < 0 ? fallback : Number(process.argv[i + 1])
}
const totalCases = argument("--cases", 100_000)
const rate = (n: number, ms: number) => `${Math.round((n / ms) * 1000).toLocaleString("en")}/s`

const rebuildBench = async () => {
  const storage = RuntimeStore.makeMemoryStorage()
  const sample = 100
  successOf(await onDay(storage, "2026-09-01", publishMatter()))
  for (let i = 0; i < sample; i++) {
    const caseNo = `S-${i}`
    const act = (command: never, actor = clerk) => CommandHandler.handle(Aggregates.application, caseNo, command, actor)
    successOf(await onDay(storage, "2026-09-24", submitCase(caseNo)))
    successOf(await onDay(storage, "2026-09-24", act({ _tag: "AcceptApplication", caseNo } as never)))
    successOf(await onDay(storage, "2026-09-25", act({ _tag: "GrantApplication", caseNo } as never, approver)))
    successOf(
      await onDay(storage, "2026-09-28", act({ _tag: "IssueCertificate", caseNo, certificateNo: `JY${i}` } as never)),
    )
    const rate1 = (ratingId: string, command: never, actor: typeof clerk = clerk) =>
      onDay(storage, "2026-09-29", CommandHandler.handle(RatingAggregate.rating, ratingId, command, actor))
    for (const ratingId of [`${caseNo}.online`, `${caseNo}.visit-1`]) {
      successOf(await rate1(ratingId, { _tag: "OpenRating", ratingId, matterCode } as never))
      const level = i % 4 === 0 && ratingId.endsWith("online") ? 5 : 1
      successOf(await rate1(ratingId, { _tag: "GiveRating", ratingId, level, channel: "pc" } as never, restaurant))
      if (level === 5) {
        for (const command of [
          { _tag: "VerifyNegative", ratingId, findings: "f" },
          { _tag: "RectifyAtOnce", ratingId, measures: "m" },
          { _tag: "RecordCallback", ratingId, reached: true, satisfied: true, notes: "" },
        ]) {
          successOf(await rate1(ratingId, command as never))
        }
      }
    }
  }
  const sampleEvents = storage.events.events.filter((e) => !e.stream.startsWith("matter-"))
  const matterEvents = storage.events.events.filter((e) => e.stream.startsWith("matter-"))
  // replicate the sample under new case numbers up to totalCases, fed to the projection as made
  const copies = Math.ceil(totalCases / sample)
  const cases = copies * sample
  const model = new Ratings.RatingsModel()
  const sampleText = sampleEvents.map((event) => ({ event, stream: event.stream, data: JSON.stringify(event.data) }))
  let count = 0
  const t = performance.now()
  for (const event of matterEvents) model.apply(event)
  for (let c = 0; c < copies; c++) {
    const prefix = `S${c}-`
    for (const { event, stream, data } of sampleText) {
      model.apply({
        ...event,
        stream: stream.replaceAll("S-", prefix),
        data: JSON.parse(data.replaceAll("S-", prefix)),
      })
      count++
    }
  }
  const rows = model.fiveRates()
  const ms = performance.now() - t
  const events = { length: count + matterEvents.length }
  console.log(
    `five-rate rebuild: ${cases.toLocaleString("en")} cases, ${events.length.toLocaleString("en")} events in ${(ms / 1000).toFixed(1)} s (${rate(events.length, ms)}); ${rows.length} row(s): ${JSON.stringify(rows[0]?.actualRating)} ${JSON.stringify(rows[0]?.negativeHandling)}`,
  )
}

await rebuildBench()
