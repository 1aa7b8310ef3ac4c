/**
 * The State Council's holiday notices a deployment has adopted, kept in the store (the stream
 * `calendar-notices`, one `HolidayNoticeAdopted` event a notice), so that every process opening the
 * store judges deadlines on the same calendar: `createYiciban` reads them on start and applies
 * them, in the order adopted, on top of its calendar (a later notice for a year replaces an earlier
 * one, e.g. a corrected notice). After {@link adopt}, re-plan the open timers (`Replan.replan`)
 * on a runtime opened after it (the `yiciban calendar add` command does both); a process that was
 * already running keeps its calendar until it restarts.
 *
 * These are the host's programs (like `Replan`): no actor is authorized; whoever runs them has the
 * store. The notice is checked (`HolidayNotice.decode`) before anything is written.
 *
 * @since 0.3.0
 */
import { HolidayNotice, type WorkCalendar } from "@yiciban/core"
import { EventEnvelope, EventStore, type EventStoreError, ExpectedVersion } from "@yiciban/eventstore"
import * as Clock from "effect/Clock"
import * as Effect from "effect/Effect"
import * as Result from "effect/Result"
import { UnreadableEvent } from "./RuntimeError.ts"

/**
 * The stream of adopted notices.
 *
 * @category constants
 * @since 0.3.0
 */
export const stream = "calendar-notices"

/**
 * The event type of an adopted notice (its data: the notice, as `HolidayNotice` encodes it).
 *
 * @category constants
 * @since 0.3.0
 */
export const adoptedType = "HolidayNoticeAdopted"

/**
 * Every notice adopted, in the order adopted; `UnreadableEvent` for one that no longer decodes.
 *
 * @category combinators
 * @since 0.3.0
 */
export const adopted: Effect.Effect<
  ReadonlyArray<HolidayNotice.HolidayNotice>,
  EventStoreError.StreamError | UnreadableEvent,
  EventStore.EventStore
> = Effect.gen(function* () {
  const store = yield* EventStore.EventStore
  const notices: Array<HolidayNotice.HolidayNotice> = []
  for (const event of yield* store.readStream(stream, { from: 1 })) {
    const unreadable = (detail: string) =>
      new UnreadableEvent({ stream, streamVersion: event.streamVersion, type: event.type, detail })
    if (event.type !== adoptedType || event.schemaVersion !== 1)
      return yield* unreadable(`expected ${adoptedType} version 1`)
    const notice = HolidayNotice.decode(event.data)
    if (Result.isFailure(notice)) return yield* unreadable(notice.failure.message)
    notices.push(notice.success)
  }
  return notices
})

/**
 * `calendar` with every notice in `notices` applied, in order.
 *
 * @category combinators
 * @since 0.3.0
 */
export const applyAll = (
  calendar: WorkCalendar.WorkCalendar,
  notices: ReadonlyArray<HolidayNotice.HolidayNotice>,
): WorkCalendar.WorkCalendar => notices.reduce(HolidayNotice.apply, calendar)

/**
 * Adopts `notice` (checked first: `InvalidNotice` writes nothing), recorded as done by `by` (an
 * operator's name). Adopting the notice last adopted for its year again writes nothing and
 * resolves `false`.
 *
 * @category combinators
 * @since 0.3.0
 */
export const adopt = (
  notice: unknown,
  by: string,
): Effect.Effect<
  boolean,
  HolidayNotice.InvalidNotice | EventStoreError.AppendError | EventStoreError.StreamError | UnreadableEvent,
  EventStore.EventStore
> =>
  Effect.gen(function* () {
    const checked = HolidayNotice.decode(notice)
    if (Result.isFailure(checked)) return yield* Effect.fail(checked.failure)
    const store = yield* EventStore.EventStore
    const before = yield* adopted
    const last = before.findLast((n) => n.year === checked.success.year)
    if (last !== undefined && JSON.stringify(last) === JSON.stringify(checked.success)) return false
    const eventId = yield* EventEnvelope.makeEventId
    const now = new Date(yield* Clock.currentTimeMillis).toISOString()
    yield* store.append(
      stream,
      [
        {
          eventId,
          type: adoptedType,
          schemaVersion: 1,
          data: {
            year: checked.success.year,
            notice: checked.success.notice,
            holidays: [...checked.success.holidays],
            makeUpWorkingDays: [...checked.success.makeUpWorkingDays],
          },
          metadata: {
            commandId: eventId,
            correlationId: eventId,
            causationId: eventId,
            actor: { id: by, roles: [] },
            occurredAt: now,
          },
        },
      ],
      ExpectedVersion.exact(before.length),
    )
    return true
  })
