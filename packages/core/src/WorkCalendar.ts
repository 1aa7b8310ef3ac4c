/**
 * The working-day calendar (工作日历): which dates are working days. Every statutory time limit
 * is counted in working days (行政许可法 Art 82), which excludes statutory holidays and includes
 * the official make-up working days (调休上班: weekend days that the State Council's yearly
 * notice turns into working days).
 *
 * A calendar is data — per year, the holidays, the make-up working days and the notice they come
 * from — so a deployment can load its own. Asking about a year the calendar has no data for is a
 * typed error ({@link YearNotCovered}), never a guess. A year may be marked `provisional`: built
 * from the statutory holidays before the State Council's notice for it was published (see
 * `StatutoryHolidays`); every count that depends on such a year is provisional
 * ({@link isProvisional}) until the notice replaces it (`HolidayNotice.apply`).
 *
 * Counting rule: a period counts from the day after the date it starts on, so
 * `addWorkingDays(calendar, date, n)` is the n-th working day after `date` and
 * `workingDaysBetween(calendar, from, to)` counts the working days in `(from, to]`.
 *
 * @since 0.1.0
 */
import * as Result from "effect/Result"
import * as Schema from "effect/Schema"
import * as CalendarDate from "./CalendarDate.ts"
import { chinaMainlandData } from "./internal/chinaHolidays.ts"
import * as StatutoryHolidays from "./StatutoryHolidays.ts"

// ---------------------------------------------------------------------------------------------
// Schemas
// ---------------------------------------------------------------------------------------------

/**
 * One year of a calendar: its holidays (every rest day of the official arrangement, weekend days
 * inside it included), its make-up working days (weekend days that are working days) and the
 * notice both come from. `provisional: true` marks a year built before its notice was published
 * (absent or `false`: the official arrangement).
 *
 * @category schemas
 * @since 0.1.0
 */
export const CalendarYear = Schema.Struct({
  holidays: Schema.Array(CalendarDate.CalendarDate),
  makeUpWorkdays: Schema.Array(CalendarDate.CalendarDate),
  source: Schema.String,
  provisional: Schema.optionalKey(Schema.Boolean),
})

/**
 * @category models
 * @since 0.1.0
 */
export type CalendarYear = typeof CalendarYear.Type

const weekdayNames = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"] as const

/** @internal Every problem of a calendar, one readable sentence each, with the path it is at. */
const problemsOf = (years: Readonly<Record<string, CalendarYear>>): Array<Schema.FilterIssue> => {
  const issues: Array<Schema.FilterIssue> = []
  for (const [key, year] of Object.entries(years)) {
    if (!/^\d{4}$/.test(key)) {
      issues.push({ path: ["years", key], issue: `the year key must be four digits, got ${JSON.stringify(key)}` })
      continue
    }
    const listed = new Set<string>()
    year.holidays.forEach((date, index) => {
      const path = ["years", key, "holidays", index]
      if (!date.startsWith(`${key}-`)) issues.push({ path, issue: `${date} is listed under ${key}` })
      if (listed.has(date)) issues.push({ path, issue: `holiday ${date} is listed twice` })
      listed.add(date)
    })
    const makeUp = new Set<string>()
    year.makeUpWorkdays.forEach((date, index) => {
      const path = ["years", key, "makeUpWorkdays", index]
      if (!date.startsWith(`${key}-`)) issues.push({ path, issue: `${date} is listed under ${key}` })
      if (!CalendarDate.isWeekend(date)) {
        const weekday = weekdayNames[CalendarDate.dayOfWeek(date) - 1]
        issues.push({ path, issue: `make-up working day ${date} is a ${weekday}, not a weekend day` })
      }
      if (makeUp.has(date)) issues.push({ path, issue: `make-up working day ${date} is listed twice` })
      if (listed.has(date))
        issues.push({ path, issue: `${date} is listed both as a holiday and as a make-up working day` })
      makeUp.add(date)
    })
  }
  return issues
}

/**
 * A working-day calendar: for each covered year (keyed `"2026"`), its holidays, make-up working
 * days and source. Decoding checks that every date belongs to the year it is listed under, that no
 * date is listed twice, that make-up working days are weekend days and that no date is both a
 * holiday and a make-up working day.
 *
 * @example
 * ```ts
 * import { WorkCalendar } from "@yiciban/core"
 *
 * const local = WorkCalendar.fromData({
 *   years: { "2027": { holidays: ["2027-01-01"], makeUpWorkdays: [], source: "our notice" } },
 * })
 * ```
 *
 * @category schemas
 * @since 0.1.0
 */
export const WorkCalendar = Schema.Struct({
  years: Schema.Record(Schema.String, CalendarYear),
}).check(Schema.makeFilter((calendar) => problemsOf(calendar.years)))

/**
 * @category models
 * @since 0.1.0
 */
export type WorkCalendar = typeof WorkCalendar.Type

/**
 * A date in a year the calendar has no data for. Carries the date, its year, the years the
 * calendar covers and a readable message.
 *
 * @category errors
 * @since 0.1.0
 */
export const YearNotCovered = Schema.TaggedStruct("YearNotCovered", {
  date: CalendarDate.CalendarDate,
  year: Schema.Number,
  coveredYears: Schema.Array(Schema.Number),
  message: Schema.String,
})

/**
 * @category models
 * @since 0.1.0
 */
export type YearNotCovered = typeof YearNotCovered.Type

/**
 * Data that is not a valid calendar; `message` lists every problem with where it is.
 *
 * @category errors
 * @since 0.1.0
 */
export const InvalidCalendar = Schema.TaggedStruct("InvalidCalendar", {
  message: Schema.String,
})

/**
 * @category models
 * @since 0.1.0
 */
export type InvalidCalendar = typeof InvalidCalendar.Type

// ---------------------------------------------------------------------------------------------
// Constructors
// ---------------------------------------------------------------------------------------------

/**
 * Reads a calendar from untrusted data (for example JSON a deployment ships), or explains every
 * problem in it.
 *
 * @example
 * ```ts
 * import { Result } from "effect"
 * import { WorkCalendar } from "@yiciban/core"
 *
 * const result = WorkCalendar.fromData({
 *   years: { "2027": { holidays: [], makeUpWorkdays: ["2027-02-08"], source: "draft" } },
 * })
 * // Result.fail: "make-up working day 2027-02-08 is a Monday, not a weekend day …"
 * ```
 *
 * @category constructors
 * @since 0.1.0
 */
export const fromData = (data: unknown): Result.Result<WorkCalendar, InvalidCalendar> =>
  Result.mapError(Schema.decodeUnknownResult(WorkCalendar)(data, { errors: "all" }), (error) =>
    InvalidCalendar.make({ message: `not a valid working-day calendar: ${error.message}` }),
  )

/**
 * Mainland China: the official arrangements of 2020–2026, from the State Council General Office's
 * yearly notices 《国务院办公厅关于 N 年部分节假日安排的通知》 (国办发明电〔2019〕16号 for 2020 with
 * 国办发明电〔2020〕1号 extending that Spring Festival to 2 February, 〔2020〕27号, 〔2021〕11号,
 * 〔2022〕16号, 〔2023〕7号, 〔2024〕12号 and 〔2025〕7号 for 2026), each year's `source` citing its
 * notice; then provisional years for 2027–2100 built from the statutory holidays
 * (`StatutoryHolidays.provisionalYear`), to be replaced by each year's notice when it is published
 * (`HolidayNotice.apply`). `officialYears(chinaMainland)` keeps only the announced years.
 *
 * @example
 * ```ts
 * import { CalendarDate, WorkCalendar } from "@yiciban/core"
 *
 * WorkCalendar.isWorkingDay(WorkCalendar.chinaMainland, CalendarDate.make("2026-10-10")) // Result.succeed(true): a make-up Saturday
 * WorkCalendar.isProvisional(WorkCalendar.chinaMainland, CalendarDate.make("2026-12-28"), CalendarDate.make("2027-01-05")) // true
 * ```
 *
 * @category constructors
 * @since 0.1.0
 */
export const chinaMainland: WorkCalendar = Result.getOrThrow(
  StatutoryHolidays.withProvisionalYears(chinaMainlandData as unknown as WorkCalendar, {
    from: 2027,
    to: StatutoryHolidays.lastYear,
  }),
)

/**
 * The calendar without its provisional years: only the announced arrangements. A deployment that
 * prefers a typed refusal (`YearNotCovered`) to a provisional date uses this.
 *
 * @example
 * ```ts
 * import { WorkCalendar } from "@yiciban/core"
 *
 * WorkCalendar.coveredYears(WorkCalendar.officialYears(WorkCalendar.chinaMainland)) // [2020, …, 2026]
 * ```
 *
 * @category combinators
 * @since 0.1.0
 */
export const officialYears = (calendar: WorkCalendar): WorkCalendar => ({
  years: Object.fromEntries(Object.entries(calendar.years).filter(([, year]) => year.provisional !== true)),
})

/**
 * Adds years to a calendar; a year present in both is taken from `additions` whole (years are
 * never mixed date by date).
 *
 * @example
 * ```ts
 * import { Result } from "effect"
 * import { WorkCalendar } from "@yiciban/core"
 *
 * const with2027 = Result.map(
 *   WorkCalendar.fromData({ years: { "2027": { holidays: ["2027-01-01"], makeUpWorkdays: [], source: "…" } } }),
 *   (year2027) => WorkCalendar.merge(WorkCalendar.chinaMainland, year2027),
 * )
 * ```
 *
 * @category combinators
 * @since 0.1.0
 */
export const merge = (base: WorkCalendar, additions: WorkCalendar): WorkCalendar => ({
  years: { ...base.years, ...additions.years },
})

// ---------------------------------------------------------------------------------------------
// The index: built once per calendar object, then every query is a few array reads.
// ---------------------------------------------------------------------------------------------

/** A run of consecutive covered years. */
interface Block {
  readonly firstEpoch: number
  readonly lastEpoch: number
  /** `cumulative[i]`: working days in [firstEpoch, firstEpoch + i]. */
  readonly cumulative: Int32Array
  /** The working days of the block, as epoch days, in order. */
  readonly workdays: Int32Array
  readonly holidays: ReadonlySet<number>
  readonly makeUp: ReadonlySet<number>
}

interface Index {
  readonly coveredYears: ReadonlyArray<number>
  readonly provisionalYears: ReadonlyArray<number>
  readonly blockOfYear: ReadonlyMap<number, Block>
}

const indexes = new WeakMap<WorkCalendar, Index>()

const epochOfYearStart = (year: number): number => Date.UTC(year, 0, 1) / 86_400_000

/** ISO weekday of an epoch day: 1970-01-01 was a Thursday (4). */
const isWeekendEpoch = (epoch: number): boolean => ((((epoch + 3) % 7) + 7) % 7) + 1 >= 6

const buildBlock = (calendar: WorkCalendar, firstYear: number, lastYear: number): Block => {
  const firstEpoch = epochOfYearStart(firstYear)
  const lastEpoch = epochOfYearStart(lastYear + 1) - 1
  const holidays = new Set<number>()
  const makeUp = new Set<number>()
  for (let year = firstYear; year <= lastYear; year++) {
    const data = calendar.years[String(year)]!
    for (const date of data.holidays) holidays.add(CalendarDate.toEpochDay(date))
    for (const date of data.makeUpWorkdays) makeUp.add(CalendarDate.toEpochDay(date))
  }
  const cumulative = new Int32Array(lastEpoch - firstEpoch + 1)
  const workdays: Array<number> = []
  let count = 0
  for (let epoch = firstEpoch; epoch <= lastEpoch; epoch++) {
    const working = !holidays.has(epoch) && (makeUp.has(epoch) || !isWeekendEpoch(epoch))
    if (working) {
      count++
      workdays.push(epoch)
    }
    cumulative[epoch - firstEpoch] = count
  }
  return { firstEpoch, lastEpoch, cumulative, workdays: Int32Array.from(workdays), holidays, makeUp }
}

const indexOf = (calendar: WorkCalendar): Index => {
  const cached = indexes.get(calendar)
  if (cached !== undefined) return cached
  const coveredYears = Object.keys(calendar.years)
    .filter((key) => /^\d{4}$/.test(key))
    .map(Number)
    .sort((a, b) => a - b)
  const blockOfYear = new Map<number, Block>()
  let start = 0
  while (start < coveredYears.length) {
    let end = start
    while (end + 1 < coveredYears.length && coveredYears[end + 1] === coveredYears[end]! + 1) end++
    const block = buildBlock(calendar, coveredYears[start]!, coveredYears[end]!)
    for (let i = start; i <= end; i++) blockOfYear.set(coveredYears[i]!, block)
    start = end + 1
  }
  const provisionalYears = coveredYears.filter((year) => calendar.years[String(year)]!.provisional === true)
  const index: Index = { coveredYears, provisionalYears, blockOfYear }
  indexes.set(calendar, index)
  return index
}

const describeYears = (years: ReadonlyArray<number>): string => {
  if (years.length === 0) return "no years"
  const runs: Array<string> = []
  let start = 0
  for (let i = 1; i <= years.length; i++) {
    if (i === years.length || years[i] !== years[i - 1]! + 1) {
      runs.push(start === i - 1 ? `${years[start]}` : `${years[start]}–${years[i - 1]}`)
      start = i
    }
  }
  return runs.join(", ")
}

const notCovered = (index: Index, date: CalendarDate.CalendarDate): YearNotCovered => {
  const year = CalendarDate.year(date)
  return YearNotCovered.make({
    date,
    year,
    coveredYears: index.coveredYears,
    message: `the working-day calendar has no data for ${year} (needed for ${date}); it covers ${describeYears(index.coveredYears)}`,
  })
}

interface Located {
  readonly block: Block
  /** Offset of the date inside the block. */
  readonly offset: number
}

const locate = (index: Index, date: CalendarDate.CalendarDate): Result.Result<Located, YearNotCovered> => {
  const block = index.blockOfYear.get(CalendarDate.year(date))
  return block === undefined
    ? Result.fail(notCovered(index, date))
    : Result.succeed({ block, offset: CalendarDate.toEpochDay(date) - block.firstEpoch })
}

/** Working days strictly before the located date, inside its block. */
const workingBefore = ({ block, offset }: Located): number => (offset === 0 ? 0 : block.cumulative[offset - 1]!)

// ---------------------------------------------------------------------------------------------
// Queries
// ---------------------------------------------------------------------------------------------

/**
 * The years a calendar covers, in order.
 *
 * @category combinators
 * @since 0.1.0
 */
export const coveredYears = (calendar: WorkCalendar): ReadonlyArray<number> => indexOf(calendar).coveredYears

/**
 * The years of a calendar marked provisional, in order.
 *
 * @category combinators
 * @since 0.1.0
 */
export const provisionalYears = (calendar: WorkCalendar): ReadonlyArray<number> => indexOf(calendar).provisionalYears

/**
 * True when a count between `from` and `to` (in either order, both included) depends on a
 * provisional year: when a provisional year of the calendar overlaps the span. A count depends
 * only on the days it passes, so this is the mark of every result: `addWorkingDays(d, n) = r` is
 * provisional when `isProvisional(d, r)`, `workingDaysBetween(a, b)` when `isProvisional(a, b)`,
 * a clock's due date when `isProvisional(startedOn, due)`. A result that is not provisional does
 * not change when a provisional year is replaced.
 *
 * @example
 * ```ts
 * import { CalendarDate, WorkCalendar } from "@yiciban/core"
 *
 * const calendar = WorkCalendar.chinaMainland // official through 2026, provisional from 2027
 * WorkCalendar.isProvisional(calendar, CalendarDate.make("2026-12-01"), CalendarDate.make("2026-12-29")) // false
 * WorkCalendar.isProvisional(calendar, CalendarDate.make("2026-12-28"), CalendarDate.make("2027-01-05")) // true
 * ```
 *
 * @category guards
 * @since 0.1.0
 */
export const isProvisional = (
  calendar: WorkCalendar,
  from: CalendarDate.CalendarDate,
  to: CalendarDate.CalendarDate,
): boolean => {
  const [low, high] = from <= to ? [from, to] : [to, from]
  const first = CalendarDate.year(low)
  const last = CalendarDate.year(high)
  return indexOf(calendar).provisionalYears.some((year) => year >= first && year <= last)
}

/**
 * True when the year of `date` has data in the calendar.
 *
 * @category guards
 * @since 0.1.0
 */
export const covers = (calendar: WorkCalendar, date: CalendarDate.CalendarDate): boolean =>
  indexOf(calendar).blockOfYear.has(CalendarDate.year(date))

/**
 * What kind of day a date is: an ordinary `workday`, a `weekend` day, a `holiday` (any rest day of
 * an official holiday arrangement) or a `makeUpWorkday` (a weekend day that is a working day).
 *
 * @category models
 * @since 0.1.0
 */
export type DayKind = "workday" | "weekend" | "holiday" | "makeUpWorkday"

/**
 * Classifies a date.
 *
 * @example
 * ```ts
 * import { CalendarDate, WorkCalendar } from "@yiciban/core"
 *
 * WorkCalendar.dayKind(WorkCalendar.chinaMainland, CalendarDate.make("2026-02-14")) // Result.succeed("makeUpWorkday")
 * ```
 *
 * @category combinators
 * @since 0.1.0
 */
export const dayKind = (
  calendar: WorkCalendar,
  date: CalendarDate.CalendarDate,
): Result.Result<DayKind, YearNotCovered> =>
  Result.map(locate(indexOf(calendar), date), ({ block, offset }) => {
    const epoch = block.firstEpoch + offset
    if (block.holidays.has(epoch)) return "holiday"
    if (block.makeUp.has(epoch)) return "makeUpWorkday"
    return isWeekendEpoch(epoch) ? "weekend" : "workday"
  })

/**
 * True on working days: ordinary weekdays that are not holidays, and make-up working days.
 *
 * @example
 * ```ts
 * import { CalendarDate, WorkCalendar } from "@yiciban/core"
 *
 * WorkCalendar.isWorkingDay(WorkCalendar.chinaMainland, CalendarDate.make("2026-10-01")) // Result.succeed(false)
 * WorkCalendar.isWorkingDay(WorkCalendar.chinaMainland, CalendarDate.make("2027-01-04")) // Result.succeed(true), provisionally
 * WorkCalendar.isWorkingDay(WorkCalendar.officialYears(WorkCalendar.chinaMainland), CalendarDate.make("2027-01-04")) // Result.fail(YearNotCovered)
 * ```
 *
 * @category guards
 * @since 0.1.0
 */
export const isWorkingDay = (
  calendar: WorkCalendar,
  date: CalendarDate.CalendarDate,
): Result.Result<boolean, YearNotCovered> =>
  Result.map(locate(indexOf(calendar), date), (at) => at.block.cumulative[at.offset]! > workingBefore(at))

const assertInteger = (n: number): void => {
  if (!Number.isSafeInteger(n)) throw new RangeError(`expected a whole number of working days, got ${n}`)
}

/**
 * The n-th working day after `date`; the date itself never counts (a period counts from the next
 * day). `n = 0` returns `date`; a negative `n` gives the |n|-th working day before `date`. Fails
 * with {@link YearNotCovered} when `date`, or any day the count passes through, is in a year the
 * calendar has no data for. `n` must be a whole number (a fraction throws a `RangeError`: it is a
 * programming error, not data).
 *
 * @example
 * ```ts
 * import { CalendarDate, WorkCalendar } from "@yiciban/core"
 *
 * // From Thursday 24 September 2026: 25–27 Sep are 中秋 holidays and 1–7 Oct 国庆, so the five
 * // working days are 28, 29, 30 September, 8 and 9 October.
 * WorkCalendar.addWorkingDays(WorkCalendar.chinaMainland, CalendarDate.make("2026-09-24"), 5) // "2026-10-09"
 * ```
 *
 * @category combinators
 * @since 0.1.0
 */
export const addWorkingDays = (
  calendar: WorkCalendar,
  date: CalendarDate.CalendarDate,
  n: number,
): Result.Result<CalendarDate.CalendarDate, YearNotCovered> => {
  assertInteger(n)
  const index = indexOf(calendar)
  return Result.flatMap(locate(index, date), (at) => {
    if (n === 0) return Result.succeed(date)
    const { block } = at
    if (n > 0) {
      const position = block.cumulative[at.offset]! + n - 1
      return position < block.workdays.length
        ? Result.succeed(CalendarDate.fromEpochDay(block.workdays[position]!))
        : Result.fail(notCovered(index, CalendarDate.fromEpochDay(block.lastEpoch + 1)))
    }
    const position = workingBefore(at) + n
    return position >= 0
      ? Result.succeed(CalendarDate.fromEpochDay(block.workdays[position]!))
      : Result.fail(notCovered(index, CalendarDate.fromEpochDay(block.firstEpoch - 1)))
  })
}

/**
 * The first working day after `date` (the same as `addWorkingDays(calendar, date, 1)`).
 *
 * @category combinators
 * @since 0.1.0
 */
export const nextWorkingDay = (
  calendar: WorkCalendar,
  date: CalendarDate.CalendarDate,
): Result.Result<CalendarDate.CalendarDate, YearNotCovered> => addWorkingDays(calendar, date, 1)

/**
 * The number of working days in `(from, to]`: after `from`, up to and including `to`. Zero when
 * `to` equals `from`; when `to` is earlier it is minus the working days in `(to, from]`, so
 * `workingDaysBetween(a, b) = -workingDaysBetween(b, a)`. For every n ≥ 0,
 * `workingDaysBetween(d, addWorkingDays(d, n)) = n` (and for n < 0 too when `d` is a working day).
 *
 * @example
 * ```ts
 * import { CalendarDate, WorkCalendar } from "@yiciban/core"
 *
 * // 国庆 2026: 1–7 October are holidays, Saturday 10 October is a make-up working day.
 * WorkCalendar.workingDaysBetween(
 *   WorkCalendar.chinaMainland,
 *   CalendarDate.make("2026-09-30"),
 *   CalendarDate.make("2026-10-10"),
 * ) // Result.succeed(3): 8, 9 and 10 October
 * ```
 *
 * @category combinators
 * @since 0.1.0
 */
export const workingDaysBetween = (
  calendar: WorkCalendar,
  from: CalendarDate.CalendarDate,
  to: CalendarDate.CalendarDate,
): Result.Result<number, YearNotCovered> => {
  const index = indexOf(calendar)
  return Result.flatMap(locate(index, from), (start) =>
    Result.flatMap(locate(index, to), (end) => {
      if (start.block !== end.block) {
        const earlier = from <= to ? start.block : end.block
        return Result.fail(notCovered(index, CalendarDate.fromEpochDay(earlier.lastEpoch + 1)))
      }
      return Result.succeed(start.block.cumulative[end.offset]! - start.block.cumulative[start.offset]!)
    }),
  )
}
