/**
 * A day on the calendar, without a time or a zone: the unit of every statutory limit
 * (working days, 工作日). Written as ISO-8601 `YYYY-MM-DD`, so dates sort as strings.
 *
 * @since 0.1.0
 */
import { Schema } from "effect"

const pattern = /^(\d{4})-(\d{2})-(\d{2})$/
const msPerDay = 86_400_000

const isRealDate = (text: string): boolean => {
  const match = pattern.exec(text)
  if (match === null) return false
  const [, y, m, d] = match
  const date = new Date(Date.UTC(Number(y), Number(m) - 1, Number(d)))
  return date.toISOString().slice(0, 10) === text
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

/**
 * The date an instant falls on at a fixed UTC offset. Mainland China keeps UTC+8 all year
 * (no daylight saving since 1991), which is the default.
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
  const ms = Date.parse(instant)
  if (Number.isNaN(ms)) throw new RangeError(`expected an ISO-8601 instant, got ${JSON.stringify(instant)}`)
  return new Date(ms + offsetMinutes * 60_000).toISOString().slice(0, 10) as CalendarDate
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
