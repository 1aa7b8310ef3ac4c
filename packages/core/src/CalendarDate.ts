/**
 * A day on the calendar, without a time or a zone: the unit of every statutory limit
 * (working days, 工作日). Written as ISO-8601 `YYYY-MM-DD`, so dates sort as strings.
 *
 * @since 0.1.0
 */
import * as Schema from "effect/Schema"

const pattern = /^(\d{4})-(\d{2})-(\d{2})$/
const msPerDay = 86_400_000

const isLeapYear = (year: number): boolean => (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0

/**
 * The number of days in a month (1–12) of the proleptic Gregorian calendar.
 *
 * @example
 * ```ts
 * import { CalendarDate } from "@yiciban/core"
 *
 * CalendarDate.daysInMonth(2028, 2) // 29
 * ```
 *
 * @category combinators
 * @since 0.1.0
 */
export const daysInMonth = (year: number, month: number): number =>
  month === 2 ? (isLeapYear(year) ? 29 : 28) : month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31

/**
 * True when year, month (1–12) and day name a real day.
 *
 * @category guards
 * @since 0.1.0
 */
export const isRealDay = (year: number, month: number, day: number): boolean =>
  Number.isInteger(month) &&
  Number.isInteger(day) &&
  month >= 1 &&
  month <= 12 &&
  day >= 1 &&
  day <= daysInMonth(year, month)

const isRealDate = (text: string): boolean => {
  const match = pattern.exec(text)
  return match !== null && isRealDay(Number(match[1]), Number(match[2]), Number(match[3]))
}

/**
 * A real calendar date written `YYYY-MM-DD`.
 *
 * @example
 * ```ts
 * import { Schema } from "effect"
 * import { CalendarDate } from "@yiciban/core"
 *
 * Schema.decodeUnknownSync(CalendarDate.CalendarDate)("2026-10-01") // ok
 * Schema.decodeUnknownSync(CalendarDate.CalendarDate)("2026-02-30") // throws: not a real date
 * ```
 *
 * @category schemas
 * @since 0.1.0
 */
export const CalendarDate = Schema.String.pipe(
  Schema.check(
    Schema.makeFilter((text: string) =>
      isRealDate(text) ? undefined : `expected a real calendar date written YYYY-MM-DD, got ${JSON.stringify(text)}`,
    ),
  ),
  Schema.brand("CalendarDate"),
)

/**
 * @category models
 * @since 0.1.0
 */
export type CalendarDate = typeof CalendarDate.Type

/**
 * Reads a `YYYY-MM-DD` string, throwing a descriptive error when it is not a real date.
 * Meant for literals in code and tests; decode untrusted input with the schema.
 *
 * @example
 * ```ts
 * import { CalendarDate } from "@yiciban/core"
 *
 * const nationalDay = CalendarDate.make("2026-10-01")
 * ```
 *
 * @category constructors
 * @since 0.1.0
 */
export const make = (text: string): CalendarDate => Schema.decodeUnknownSync(CalendarDate)(text)

/**
 * The number of days since 1970-01-01 (negative before it).
 *
 * @category combinators
 * @since 0.1.0
 */
export const toEpochDay = (date: CalendarDate): number => Date.parse(`${date}T00:00:00Z`) / msPerDay

/**
 * The date a number of days after 1970-01-01.
 *
 * @category constructors
 * @since 0.1.0
 */
export const fromEpochDay = (epochDay: number): CalendarDate =>
  new Date(epochDay * msPerDay).toISOString().slice(0, 10) as CalendarDate

/**
 * Adds calendar days (negative to go back).
 *
 * @example
 * ```ts
 * import { CalendarDate } from "@yiciban/core"
 *
 * CalendarDate.addDays(CalendarDate.make("2026-12-31"), 1) // "2027-01-01"
 * ```
 *
 * @category combinators
 * @since 0.1.0
 */
export const addDays = (date: CalendarDate, days: number): CalendarDate => fromEpochDay(toEpochDay(date) + days)

/**
 * Calendar days from `from` to `to` (negative when `to` is earlier).
 *
 * @category combinators
 * @since 0.1.0
 */
export const daysBetween = (from: CalendarDate, to: CalendarDate): number => toEpochDay(to) - toEpochDay(from)

/**
 * The ISO day of the week: 1 Monday … 7 Sunday.
 *
 * @category combinators
 * @since 0.1.0
 */
export const dayOfWeek = (date: CalendarDate): 1 | 2 | 3 | 4 | 5 | 6 | 7 => {
  const day = new Date(`${date}T00:00:00Z`).getUTCDay()
  return (day === 0 ? 7 : day) as 1 | 2 | 3 | 4 | 5 | 6 | 7
}

/**
 * True on Saturdays and Sundays.
 *
 * @category guards
 * @since 0.1.0
 */
export const isWeekend = (date: CalendarDate): boolean => dayOfWeek(date) >= 6

/**
 * The year of a date.
 *
 * @category combinators
 * @since 0.1.0
 */
export const year = (date: CalendarDate): number => Number(date.slice(0, 4))

// An ISO-8601 instant: a date, a time with optional fractions of a second, and a zone.
const instantPattern =
  /^(\d{4}-\d{2}-\d{2})T(?:[01]\d|2[0-3]):[0-5]\d:[0-5]\d(?:\.\d{1,9})?(?:Z|[+-](?:[01]\d|2[0-3]):[0-5]\d)$/
// The instants whose date is a real date at every offset within a day: 0100-01-02 to 9999-12-30 UTC.
const firstInstantMs = new Date(0).setUTCFullYear(100, 0, 2)
const lastInstantMs = Date.UTC(9999, 11, 31) - 1

/**
 * True when `text` is an ISO-8601 instant (`2026-09-24T01:30:00.000Z`, `2026-09-24T09:30:00+08:00`):
 * a real date, a time and a zone, `Z` or `±hh:mm`, between the years 100 and 9999. A text without
 * a zone is not an instant: its meaning would depend on the host's time zone.
 *
 * @example
 * ```ts
 * import { CalendarDate } from "@yiciban/core"
 *
 * CalendarDate.isInstant("2026-09-24T01:30:00.000Z") // true
 * CalendarDate.isInstant("2026-09-24T09:30:00") // false: no zone
 * ```
 *
 * @category guards
 * @since 0.1.0
 */
export const isInstant = (text: unknown): text is string => {
  if (typeof text !== "string") return false
  const match = instantPattern.exec(text)
  if (match === null || !isRealDate(match[1]!)) return false
  const ms = Date.parse(text)
  return ms >= firstInstantMs && ms <= lastInstantMs
}

/**
 * The date an instant falls on at a fixed UTC offset. Mainland China keeps UTC+8 all year
 * (no daylight saving since 1991), which is the default. Throws a `RangeError` when
 * `instant` is not one ({@link isInstant}); inside `decide`, read today with `Decider.today`,
 * which answers a typed rejection instead.
 *
 * @example
 * ```ts
 * import { CalendarDate } from "@yiciban/core"
 *
 * CalendarDate.ofInstant("2026-09-30T17:00:00.000Z") // "2026-10-01" in Beijing
 * ```
 *
 * @category constructors
 * @since 0.1.0
 */
export const ofInstant = (instant: string, offsetMinutes = 480): CalendarDate => {
  if (!isInstant(instant)) {
    throw new RangeError(`expected an ISO-8601 instant with a zone, got ${JSON.stringify(instant)}`)
  }
  return new Date(Date.parse(instant) + offsetMinutes * 60_000).toISOString().slice(0, 10) as CalendarDate
}

/**
 * Orders two dates: negative, zero or positive.
 *
 * @category combinators
 * @since 0.1.0
 */
export const compare = (a: CalendarDate, b: CalendarDate): number => (a < b ? -1 : a > b ? 1 : 0)

/**
 * The later of two dates.
 *
 * @category combinators
 * @since 0.1.0
 */
export const max = (a: CalendarDate, b: CalendarDate): CalendarDate => (a >= b ? a : b)
