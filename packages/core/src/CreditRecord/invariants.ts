/**
 * The named invariants of the `CreditRecord` aggregate: predicates over entries, commands and the
 * state. `decide` rejects any command that would break one; the tests check them after every
 * step; docs/credit.md lists them.
 *
 * @since 0.1.0
 */
import type { CalendarDate } from "../CalendarDate.ts"
import { barsLastTheirStatutoryPeriod } from "./Bars.ts"
import {
  barringKinds,
  type CreditSubject,
  type Entry,
  type EntryKind,
  type EntrySource,
  type Settings,
  type State,
  sameSource,
  sameSubject,
} from "./State.ts"

/**
 * The command's subject is the record's, or the record has none yet.
 *
 * @category guards
 * @since 0.1.0
 */
export const subjectMatches = (state: State, subject: CreditSubject): boolean =>
  state.subject === null || sameSubject(state.subject, subject)

/**
 * An expiry date can be found: the command names one, or the settings give the kind a period.
 *
 * @category guards
 * @since 0.1.0
 */
export const expiryResolvable = (settings: Settings, kind: EntryKind, expiresOn: CalendarDate | undefined): boolean =>
  expiresOn !== undefined || settings.periods[kind] !== undefined

/**
 * An entry expires after it takes effect.
 *
 * @example
 * ```ts
 * import { CalendarDate, CreditRecord } from "@yiciban/core"
 *
 * CreditRecord.expiryAfterEffective({
 *   effectiveOn: CalendarDate.make("2026-10-09"),
 *   expiresOn: CalendarDate.make("2027-10-09"),
 * }) // true
 * ```
 *
 * @category guards
 * @since 0.1.0
 */
export const expiryAfterEffective = (entry: {
  readonly effectiveOn: CalendarDate
  readonly expiresOn: CalendarDate
}): boolean => entry.expiresOn > entry.effectiveOn

/**
 * The content that identifies an entry for idempotence: an entry id is recorded once, and
 * recording it again is a no-op only when all of this is the same.
 *
 * @category models
 * @since 0.1.0
 */
export interface EntryContent {
  readonly kind: EntryKind
  readonly source: EntrySource
  readonly reason: string
  readonly effectiveOn: CalendarDate
  readonly expiresOn: CalendarDate
}

/**
 * True when a recorded entry has this content: a re-record is then a no-op, otherwise a conflict.
 *
 * @category guards
 * @since 0.1.0
 */
export const sameEntryContent = (entry: EntryContent, content: EntryContent): boolean =>
  entry.kind === content.kind &&
  sameSource(entry.source, content.source) &&
  entry.reason === content.reason &&
  entry.effectiveOn === content.effectiveOn &&
  entry.expiresOn === content.expiresOn

/**
 * The entry was revoked.
 *
 * @category guards
 * @since 0.1.0
 */
export const isRevoked = (entry: Entry): boolean => entry.revocation !== null

/**
 * The entry was repaired.
 *
 * @category guards
 * @since 0.1.0
 */
export const isRepaired = (entry: Entry): boolean => entry.repair !== null

/**
 * A repair or revocation is dated today or earlier.
 *
 * @category guards
 * @since 0.1.0
 */
export const notAfterToday = (date: CalendarDate, today: CalendarDate): boolean => date <= today

/**
 * A repair is dated on or after the day the entry takes effect.
 *
 * @category guards
 * @since 0.1.0
 */
export const repairNotBeforeEffective = (entry: Entry, repairedOn: CalendarDate): boolean =>
  repairedOn >= entry.effectiveOn

/**
 * A repair is dated on or before the entry's last day.
 *
 * @category guards
 * @since 0.1.0
 */
export const repairNotAfterExpiry = (entry: Entry, repairedOn: CalendarDate): boolean => repairedOn <= entry.expiresOn

/**
 * True for the kinds that bar notify-and-commit while in effect.
 *
 * @category guards
 * @since 0.1.0
 */
export const kindBarsCommitment = (kind: EntryKind): boolean => barringKinds.includes(kind)

/**
 * True when the entry bars notify-and-commit on `at`: a barring kind, not revoked, in effect
 * (`effectiveOn ≤ at ≤ expiresOn`) and not repaired on or before `at`. An expired, repaired or
 * revoked entry no longer bars; nor does a `minorDefault`.
 *
 * @example
 * ```ts
 * import { CalendarDate, CreditRecord } from "@yiciban/core"
 *
 * CreditRecord.barsCommitment(entry, CalendarDate.make("2027-10-09")) // true: the last day
 * CreditRecord.barsCommitment(entry, CalendarDate.make("2027-10-10")) // false: expired
 * ```
 *
 * @category guards
 * @since 0.1.0
 */
export const barsCommitment = (entry: Entry, at: CalendarDate): boolean =>
  kindBarsCommitment(entry.kind) &&
  entry.revocation === null &&
  entry.effectiveOn <= at &&
  at <= entry.expiresOn &&
  (entry.repair === null || at < entry.repair.repairedOn)

/**
 * No two entries share an id.
 *
 * @category guards
 * @since 0.1.0
 */
export const entryIdsUnique = (state: State): boolean =>
  new Set(state.entries.map((entry) => entry.id)).size === state.entries.length

/**
 * Every entry expires after it takes effect, and every repair falls within the entry's period.
 *
 * @category guards
 * @since 0.1.0
 */
export const entriesWellFormed = (state: State): boolean =>
  state.entries.every(
    (entry) =>
      expiryAfterEffective(entry) &&
      (entry.repair === null ||
        (repairNotBeforeEffective(entry, entry.repair.repairedOn) &&
          repairNotAfterExpiry(entry, entry.repair.repairedOn))),
  )

/**
 * No two statutory bars share an id.
 *
 * @category guards
 * @since 0.2.0
 */
export const barIdsUnique = (state: State): boolean =>
  new Set(state.bars.map((bar) => bar.id)).size === state.bars.length

/**
 * Every state invariant at once: unique ids, well-formed entries, unique bar ids, and every bar
 * lasting exactly its article's period (`barsLastTheirStatutoryPeriod`).
 *
 * @category guards
 * @since 0.1.0
 */
export const consistent = (state: State): boolean =>
  entryIdsUnique(state) && entriesWellFormed(state) && barIdsUnique(state) && barsLastTheirStatutoryPeriod(state)
