/**
 * What the calendar tests share: a made-up 2027 notice, a host whose calendar can be swapped, and
 * commands on it.
 */
import { type Application, HolidayNotice, WorkCalendar } from "@yiciban/core"
import type { EventStore } from "@yiciban/eventstore"
import { type Effect, Result } from "effect"
import { type Aggregate, Aggregates, CommandHandler, type RuntimeStore } from "../src/index.ts"
import { allMaterials, applicant, clerk, elements, matterCode, restaurant } from "./fixtures.ts"

/**
 * A 2027 notice in the usual shape (made up: the real one is not published yet): 元旦 1–3 January;
 * 春节 5–13 February with make-up Sundays 31 January and 21 February; 清明 3–5 April; 劳动节 1–5 May
 * with make-up Saturday 8 May; 端午 9–11 June; 中秋 15–17 September; 国庆 1–7 October with make-up
 * Saturday 9 October.
 */
export const notice2027 = Result.getOrThrow(
  HolidayNotice.decode({
    year: 2027,
    notice: "国办发明电〔2026〕N号 (made up for the tests)",
    holidays: [
      ...["01-01", "01-02", "01-03"],
      ...["02-05", "02-06", "02-07", "02-08", "02-09", "02-10", "02-11", "02-12", "02-13"],
      ...["04-03", "04-04", "04-05"],
      ...["05-01", "05-02", "05-03", "05-04", "05-05"],
      ...["06-09", "06-10", "06-11"],
      ...["09-15", "09-16", "09-17"],
      ...["10-01", "10-02", "10-03", "10-04", "10-05", "10-06", "10-07"],
    ].map((d) => `2027-${d}`),
    makeUpWorkingDays: ["2027-01-31", "2027-02-21", "2027-05-08", "2027-10-09"],
  }),
)

/** A runtime whose calendar the host swaps: the application aggregate reads it on every use. */
export const makeHost = (): {
  readonly application: Aggregate.Any
  readonly aggregates: ReadonlyArray<Aggregate.Any>
  readonly load: (notice: HolidayNotice.HolidayNotice) => void
} => {
  // #region host-calendar
  let calendar = WorkCalendar.chinaMainland // official 2020–2026, provisional 2027–2100
  const application = Aggregates.makeApplication({ calendar: () => calendar })
  const aggregates = [application, Aggregates.matter, Aggregates.creditRecord]
  // when the State Council's notice is published: the host's data file, checked, then applied
  const load = (notice: HolidayNotice.HolidayNotice) => {
    calendar = HolidayNotice.apply(calendar, notice)
  }
  // #endregion host-calendar
  return { application, aggregates, load }
}
export type Host = ReturnType<typeof makeHost>

export const longerCode = "11430100MB1A38544B-000101002000-01"
export const longer = {
  ...elements,
  name: "食品经营许可（连锁）",
  promisedLimitWorkingDays: 20,
  statutoryLimitWorkingDays: 30,
}

type Step = Effect.Effect<
  CommandHandler.Outcome<Application.State, Application.Event>,
  CommandHandler.HandleError,
  EventStore.EventStore | RuntimeStore.RuntimeStore
>

export const submit = (host: Host, caseNo: string, code = matterCode): Step =>
  CommandHandler.handle(
    host.application,
    caseNo,
    { _tag: "SubmitApplication", caseNo, applicant, matterCode: code, materials: allMaterials },
    restaurant,
    { commandId: `submit-${caseNo}` },
  )
export const accept = (host: Host, caseNo: string): Step =>
  CommandHandler.handle(host.application, caseNo, { _tag: "AcceptApplication", caseNo }, clerk, {
    commandId: `accept-${caseNo}`,
  })

export const pending = (storage: RuntimeStore.MemoryStorage, stream: string) =>
  [...storage.timers.values()]
    .filter((t) => t.stream === stream && t.status === "pending")
    .map((t) => [t.id.slice(stream.length + 1), t.dueAt, t.provisional] as const)
    .sort()
