/**
 * The standing query: what a credit record says on a date about notify-and-commit eligibility.
 * The runtime computes it and hands it to an application's `decide` as `facts.creditStanding`.
 *
 * @since 0.1.0
 */
import * as Schema from "effect/Schema"
import { CalendarDate } from "../CalendarDate.ts"
import { barsCommitment } from "./invariants.ts"
import { CreditSubject, EntryKind, EntrySource, type State } from "./State.ts"

/**
 * An entry that bars, as the standing reports it.
 *
 * @category schemas
 * @since 0.1.0
 */
export const BarringEntry = Schema.Struct({
  entryId: Schema.NonEmptyString,
  kind: EntryKind,
  source: EntrySource,
  reason: Schema.NonEmptyString,
  effectiveOn: CalendarDate,
  expiresOn: CalendarDate,
})

/**
 * @category models
 * @since 0.1.0
 */
export type BarringEntry = typeof BarringEntry.Type

/**
 * The eligibility fact: whether the subject is barred from notify-and-commit (告知承诺制) on
 * `checkedOn`, and by which entries. `barredFromCommitment` is true exactly when `reasons` is not
 * empty.
 *
 * A barred applicant is barred from commitment only: the ordinary procedure, with the proofs the
 * matter requires, stays open (国办发〔2020〕42号: an applicant who cannot or will not commit submits
 * the proofs). An application's commitment mode requires this fact as `facts.creditStanding`, for
 * the applicant and for the day it decides.
 *
 * @example
 * ```ts
 * import type { CreditRecord } from "@yiciban/core"
 *
 * const clean: CreditRecord.CreditStanding = {
 *   subject: { kind: "enterprise", code },
 *   barredFromCommitment: false,
 *   reasons: [],
 *   checkedOn: CalendarDate.make("2026-10-09"),
 * }
 * ```
 *
 * @category schemas
 * @since 0.1.0
 */
export const CreditStanding = Schema.Struct({
  subject: CreditSubject,
  barredFromCommitment: Schema.Boolean,
  reasons: Schema.Array(BarringEntry),
  checkedOn: CalendarDate,
})

/**
 * @category models
 * @since 0.1.0
 */
export type CreditStanding = typeof CreditStanding.Type

/**
 * The standing of the record's subject on `at`: every entry that {@link barsCommitment} on that
 * day, in the order recorded. An expired, repaired or revoked entry no longer bars. A revoked entry
 * is void, so it is left out on every date, earlier ones included: the standing reads the record
 * as corrected.
 *
 * The state must know its subject: fold an empty or unknown stream from `initialFor(subject)`.
 * Asking the standing of a record with no subject is a programming error and throws a
 * `RangeError`.
 *
 * @example
 * ```ts
 * import { CalendarDate, CreditRecord, Decider } from "@yiciban/core"
 *
 * const state = Decider.fold(CreditRecord.decider, events, CreditRecord.initialFor(subject))
 * const fact = CreditRecord.standing(state, CalendarDate.make("2026-10-09"))
 * if (fact.barredFromCommitment) {
 *   // commitment mode is refused; the ordinary procedure with proofs stays open
 * }
 * ```
 *
 * @category combinators
 * @since 0.1.0
 */
export const standing = (state: State, at: CalendarDate): CreditStanding => {
  if (state.subject === null) {
    throw new RangeError(
      "a credit record with no subject has no standing: fold it from CreditRecord.initialFor(subject)",
    )
  }
  const reasons = state.entries
    .filter((entry) => barsCommitment(entry, at))
    .map(
      (entry): BarringEntry => ({
        entryId: entry.id,
        kind: entry.kind,
        source: entry.source,
        reason: entry.reason,
        effectiveOn: entry.effectiveOn,
        expiresOn: entry.expiresOn,
      }),
    )
  return { subject: state.subject, barredFromCommitment: reasons.length > 0, reasons, checkedOn: at }
}

/**
 * True when a standing is well formed: barred exactly when it lists a reason, and every reason in
 * effect on the day checked. Use it to check a fact that arrives from outside.
 *
 * @category guards
 * @since 0.1.0
 */
export const standingConsistent = (fact: CreditStanding): boolean =>
  fact.barredFromCommitment === fact.reasons.length > 0 &&
  fact.reasons.every((reason) => reason.effectiveOn <= fact.checkedOn && fact.checkedOn <= reason.expiresOn)
