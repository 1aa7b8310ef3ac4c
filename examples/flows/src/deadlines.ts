/**
 * Real statutory deadlines on the mainland China working-day calendar: a licence accepted the
 * week before 中秋 and 国庆 2026, a correction notice across Spring Festival 2026, and a case
 * paused for an expert review and then extended. docs/calendar.md includes the regions below.
 */
// #region setup
import { CalendarDate, Clock, HolidayNotice, WorkCalendar } from "@yiciban/core"
import { Result } from "effect"

const calendar = WorkCalendar.chinaMainland // mainland China: official 2020–2026, provisional 2027–2100
// #endregion setup

/**
 * A licence accepted on Thursday 24 September 2026 with the Administrative Licensing Law's
 * 20 working days (Art 42) and a 10-working-day service promise; the limits are the matter's
 * settings (a food-business licence in the README's story).
 */
// #region national-day
export const licenceAcceptedBeforeNationalDay = () =>
  Result.gen(function* () {
    const clock = yield* Clock.start({
      startedOn: CalendarDate.make("2026-09-24"), // Thursday; the day itself does not count
      promisedLimit: 10,
      statutoryLimit: 20,
      yellowWarningDays: 3,
    })
    return {
      clock,
      // 中秋 25–27 Sep and 国庆 1–7 Oct do not count; Saturday 10 Oct (调休) does
      promisedDue: yield* Clock.promisedDueDate(calendar, clock), // "2026-10-15"
      statutoryDue: yield* Clock.statutoryDueDate(calendar, clock), // "2026-10-29"
      onMonday12October: yield* Clock.warningLevel(calendar, clock, CalendarDate.make("2026-10-12")), // "yellow"
    }
  })
// #endregion national-day

/**
 * The one-time correction notice (一次性告知补正) must be given within 5 working days of
 * receiving the application (行政许可法 Art 32); otherwise the application is deemed accepted
 * from the date of receipt.
 */
// #region correction-notice
export const correctionNoticeDue = (receivedOn: CalendarDate.CalendarDate) =>
  // Received Thursday 12 February 2026: Friday 13 and make-up Saturday 14 count, 春节 15–23 Feb
  // does not, then 24, 25 and 26 February: due "2026-02-26".
  WorkCalendar.addWorkingDays(WorkCalendar.chinaMainland, receivedOn, 5)
// #endregion correction-notice

/**
 * The same licence: an expert review (专家评审) stops the clock from Monday 12 to Monday 19
 * October 2026, then the head of the agency approves a 10-working-day extension (Art 42).
 */
export const expertReviewThenExtension = () =>
  Result.gen(function* () {
    const { clock: accepted } = yield* licenceAcceptedBeforeNationalDay()
    // #region pause-and-extend
    const paused = yield* Clock.pause(accepted, CalendarDate.make("2026-10-12"), "expert review")
    // while paused the due dates are not known: they depend on when the review ends
    const whilePaused = yield* Clock.promisedDueDate(calendar, paused) // undefined
    const resumed = yield* Clock.resume(paused, CalendarDate.make("2026-10-19"))
    // 13, 14, 15, 16 and 19 October were paused: both due dates move 5 working days later
    const pausedDays = yield* Clock.pausedWorkingDays(calendar, resumed, CalendarDate.make("2026-10-19")) // 5
    const extended = yield* Clock.extend(resumed, 10, {
      approver: "head of the agency",
      reason: "the expert review asked for a second site inspection",
    })
    const promisedDue = yield* Clock.promisedDueDate(calendar, extended) // "2026-10-22"
    const statutoryDue = yield* Clock.statutoryDueDate(calendar, extended) // "2026-11-19"
    // #endregion pause-and-extend
    return { paused, whilePaused, resumed, pausedDays, extended, promisedDue, statutoryDue }
  })

/**
 * A deployment loads its own calendar from JSON and adds it to the shipped one. The data here is
 * illustrative, not a published arrangement.
 */
// #region custom-calendar
export const loadCustomCalendar = (json: string) =>
  Result.map(WorkCalendar.fromData(JSON.parse(json)), (own) =>
    // years in `own` are added, or replace the shipped year whole
    WorkCalendar.merge(WorkCalendar.chinaMainland, own),
  )
// #endregion custom-calendar

/**
 * A licence accepted on Sunday 20 December 2026 with 20 promised and 30 statutory working days,
 * before the State Council's 2027 notice is published, then again once the host loads it.
 */
// #region provisional
export const acceptedBeforeTheNotice = (noticeJson: string) =>
  Result.gen(function* () {
    const clock = yield* Clock.start({
      startedOn: CalendarDate.make("2026-12-20"),
      promisedLimit: 20,
      statutoryLimit: 30,
    })
    // 2027 is provisional: its statutory holidays and weekends off, no make-up working days yet
    const provisionalDue = yield* Clock.statutoryDueDate(calendar, clock) // "2027-02-01"
    const provisional = yield* Clock.isProvisional(calendar, clock) // true
    // the host's data file with the notice; a bad file is an InvalidNotice and changes nothing
    const notice = yield* HolidayNotice.fromJson(noticeJson)
    const official = HolidayNotice.apply(calendar, notice) // 2027 replaced whole, no longer provisional
    const officialDue = yield* Clock.statutoryDueDate(official, clock) // "2027-01-31" if Sunday 31 January is worked
    const stillProvisional = yield* Clock.isProvisional(official, clock) // false
    return { provisionalDue, provisional, officialDue, stillProvisional }
  })
// #endregion provisional

/** A date with its weekday and, when it is not an ordinary day, what kind of day it is. */
export const describeDay = (date: CalendarDate.CalendarDate): string => {
  const weekday = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"][CalendarDate.dayOfWeek(date) - 1]
  const kind = WorkCalendar.dayKind(calendar, date)
  const note = Result.isSuccess(kind)
    ? { workday: "", weekend: "", holiday: ", holiday", makeUpWorkday: ", make-up working day" }[kind.success]
    : ", no calendar data"
  return `${weekday} ${date}${note}`
}
