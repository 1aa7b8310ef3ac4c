/**
 * ISO-8601 UTC instants (`2026-09-24T01:30:00.000Z`), checked without the domain's calendar: the
 * store knows nothing of the domain, only that `occurredAt` and `recordedAt` are real instants.
 */

const pattern = /^(\d{4})-(\d{2})-(\d{2})T(?:[01]\d|2[0-3]):[0-5]\d:[0-5]\d(?:\.\d{1,9})?Z$/

const isLeapYear = (year: number) => (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0

const daysInMonth = (year: number, month: number) =>
  month === 2 ? (isLeapYear(year) ? 29 : 28) : month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31

// The instants whose date is a real date at every offset within a day: 0100-01-02 to 9999-12-30 UTC.
const firstInstantMs = new Date(0).setUTCFullYear(100, 0, 2)
const lastInstantMs = Date.UTC(9999, 11, 31) - 1

/** True when `text` is an ISO-8601 instant in UTC (`Z`) on a real day, within years 100–9999. */
export const isUtcInstant = (text: unknown): text is string => {
  if (typeof text !== "string") return false
  const match = pattern.exec(text)
  if (match === null) return false
  const year = Number(match[1])
  const month = Number(match[2])
  const day = Number(match[3])
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return false
  const ms = Date.parse(text)
  return ms >= firstInstantMs && ms <= lastInstantMs
}
