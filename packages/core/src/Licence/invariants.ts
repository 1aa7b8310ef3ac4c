/**
 * The named invariants of the `Licence` aggregate: predicates over the state and over its
 * validity record. `decide` rejects any command that would break one; the model-based test checks
 * them after every step; docs/licence.md lists them with their articles.
 *
 * The central one is {@link validOn}: a licence is valid on a day exactly when it was issued by
 * then, the day falls in one of its terms (renewals counted, a renewal granted by law included),
 * and it was neither revoked nor deregistered by that day nor suspended on it.
 *
 * @since 0.2.0
 */
import * as Schema from "effect/Schema"
import * as CalendarDate from "../CalendarDate.ts"
import {
  type Alteration,
  type DeregistrationGround,
  expiresOn,
  latestRenewalDay,
  type State,
  Term,
  termEnd,
} from "./State.ts"

// ---------------------------------------------------------------------------------------------
// Validity
// ---------------------------------------------------------------------------------------------

/**
 * What decides a licence's validity on any day, and nothing else: its terms, how far a pending
 * renewal would run if the term ends undecided (`deemedUntil`, ALL Art 50), its suspensions, and
 * the days it was revoked and deregistered. The runtime keeps it in the licence's case-list row,
 * so the valid licences of a holder are found without loading every stream.
 *
 * @category schemas
 * @since 0.2.0
 */
export const Validity = Schema.Struct({
  terms: Schema.Array(Term),
  deemedUntil: Schema.NullOr(CalendarDate.CalendarDate),
  suspensions: Schema.Array(
    Schema.Struct({ from: CalendarDate.CalendarDate, liftedOn: Schema.NullOr(CalendarDate.CalendarDate) }),
  ),
  revokedOn: Schema.NullOr(CalendarDate.CalendarDate),
  deregisteredOn: Schema.NullOr(CalendarDate.CalendarDate),
})

/**
 * @category models
 * @since 0.2.0
 */
export type Validity = typeof Validity.Type

/**
 * The validity record of a licence.
 *
 * @category constructors
 * @since 0.2.0
 */
export const validityOf = (state: State): Validity => {
  const end = expiresOn(state)
  return {
    terms: state.terms,
    deemedUntil:
      state.pendingRenewal !== null && end !== null && state.matter !== null
        ? termEnd(CalendarDate.addDays(end, 1), state.matter.validity)
        : null,
    suspensions: state.suspensions.map(({ from, liftedOn }) => ({ from, liftedOn })),
    revokedOn: state.revocation?.on ?? null,
    deregisteredOn: state.deregistration?.on ?? null,
  }
}

/**
 * True when `day` falls in one of the terms (both ends included; an open end runs forever).
 *
 * @category guards
 * @since 0.2.0
 */
export const inTermOn = (validity: Validity, day: CalendarDate.CalendarDate): boolean =>
  validity.terms.some((term) => term.from <= day && (term.to === null || day <= term.to))

/**
 * True when `day` is after the last term and a renewal applied for in time is still undecided:
 * the renewal is granted by law from the day after the expiry (ALL Art 50, 逾期未作决定的，视为准予延续),
 * whether or not the timer that records it has fired.
 *
 * @category guards
 * @since 0.2.0
 */
export const deemedRenewedOn = (validity: Validity, day: CalendarDate.CalendarDate): boolean => {
  const last = validity.terms.at(-1)?.to ?? null
  return validity.deemedUntil !== null && last !== null && day > last && day <= validity.deemedUntil
}

/**
 * True when a suspension covers `day` (from its first day up to the day before it was lifted).
 *
 * @category guards
 * @since 0.2.0
 */
export const suspendedOn = (validity: Validity, day: CalendarDate.CalendarDate): boolean =>
  validity.suspensions.some((s) => s.from <= day && (s.liftedOn === null || day < s.liftedOn))

/**
 * True when the licence was revoked on or before `day`.
 *
 * @category guards
 * @since 0.2.0
 */
export const revokedBy = (validity: Validity, day: CalendarDate.CalendarDate): boolean =>
  validity.revokedOn !== null && validity.revokedOn <= day

/**
 * True when the licence was deregistered on or before `day`.
 *
 * @category guards
 * @since 0.2.0
 */
export const deregisteredBy = (validity: Validity, day: CalendarDate.CalendarDate): boolean =>
  validity.deregisteredOn !== null && validity.deregisteredOn <= day

/**
 * The validity invariant over a validity record: in a term (or renewed by law), not revoked or
 * deregistered by the day, not suspended on it.
 *
 * @category guards
 * @since 0.2.0
 */
export const isValidOn = (validity: Validity, day: CalendarDate.CalendarDate): boolean =>
  (inTermOn(validity, day) || deemedRenewedOn(validity, day)) &&
  !revokedBy(validity, day) &&
  !deregisteredBy(validity, day) &&
  !suspendedOn(validity, day)

/**
 * A licence is valid on `day` iff it was issued, the day falls in a term (renewals counted, a
 * renewal granted by law included), and it was not deregistered or revoked by that day nor
 * suspended on it. The answer is as recorded now: about a future day it assumes nothing more
 * happens.
 *
 * @example
 * ```ts
 * import { CalendarDate, Licence } from "@yiciban/core"
 *
 * Licence.validOn(state, CalendarDate.make("2027-05-01")) // true while in force
 * ```
 *
 * @category guards
 * @since 0.2.0
 */
export const validOn = (state: State, day: CalendarDate.CalendarDate): boolean =>
  state.phase !== "new" && isValidOn(validityOf(state), day)

// ---------------------------------------------------------------------------------------------
// Rules of the commands
// ---------------------------------------------------------------------------------------------

/**
 * The licence has been issued and is neither revoked nor deregistered (an expired licence is still
 * open: it may be deregistered).
 *
 * @category guards
 * @since 0.2.0
 */
export const isOpen = (state: State): boolean => state.phase === "issued" || state.phase === "expired"

/**
 * A renewal application awaits its decision.
 *
 * @category guards
 * @since 0.2.0
 */
export const renewalPending = (state: State): boolean => state.pendingRenewal !== null

/**
 * ALL Art 50: a renewal applied for on `today` is in time — on or before the last day, at least
 * `renewalLeadDays` days before the expiry.
 *
 * @category guards
 * @since 0.2.0
 */
export const renewalInTime = (state: State, today: CalendarDate.CalendarDate): boolean => {
  const latest = latestRenewalDay(state)
  return latest !== null && today <= latest
}

/**
 * ALL Art 50: the authority may still decide a pending renewal on `today` — the expiry has not
 * passed.
 *
 * @category guards
 * @since 0.2.0
 */
export const renewalDecidableOn = (state: State, today: CalendarDate.CalendarDate): boolean => {
  const end = expiresOn(state)
  return end !== null && today <= end
}

/**
 * The current term ended before `today`.
 *
 * @category guards
 * @since 0.2.0
 */
export const termEndedBy = (state: State, today: CalendarDate.CalendarDate): boolean => {
  const end = expiresOn(state)
  return end !== null && today > end
}

/**
 * The licence is suspended now (a suspension not lifted).
 *
 * @category guards
 * @since 0.2.0
 */
export const isSuspended = (state: State): boolean => state.suspensions.some((s) => s.liftedOn === null)

/**
 * A change alters at least one field to something other than what the licence says.
 *
 * @category guards
 * @since 0.2.0
 */
export const altersSomething = (state: State, alteration: Alteration): boolean =>
  (alteration.scope !== undefined && alteration.scope !== state.scope) ||
  (alteration.holderName !== undefined && alteration.holderName !== state.holder?.name)

/**
 * Why an Art 70 ground does not hold for the licence on `today`, or `undefined` when it does:
 * (1) expired and not renewed needs the term ended with no renewal pending; (2) death or loss of
 * capacity needs a person as holder; (3) termination needs an organisation as holder; (4) needs a
 * revocation on record; (5) force majeure and (6) another legal ground rest on the reasons given.
 *
 * @category combinators
 * @since 0.2.0
 */
export const deregistrationGroundProblem = (
  state: State,
  ground: DeregistrationGround,
  today: CalendarDate.CalendarDate,
): string | undefined => {
  switch (ground) {
    case "expiredNotRenewed":
      if (expiresOn(state) === null) return "the licence does not expire"
      if (!termEndedBy(state, today)) return `its term runs until ${expiresOn(state)}`
      if (renewalPending(state)) return "a renewal applied for in time is pending: it is renewed by law"
      return undefined
    case "holderDeceased":
      return state.holder?.kind === "person" ? undefined : "the holder is an organisation, not a person"
    case "holderTerminated":
      return state.holder?.kind === "enterprise" ? undefined : "the holder is a person, not an organisation"
    case "revokedOrWithdrawn":
      return state.revocation !== null ? undefined : "no revocation is on record"
    case "forceMajeure":
    case "otherByLaw":
      return undefined
  }
}

/**
 * ALL Art 70: the ground holds for the licence on `today`.
 *
 * @category guards
 * @since 0.2.0
 */
export const deregistrationGroundHolds = (
  state: State,
  ground: DeregistrationGround,
  today: CalendarDate.CalendarDate,
): boolean => deregistrationGroundProblem(state, ground, today) === undefined

/**
 * The grant or rescission names the case that produced this licence.
 *
 * @category guards
 * @since 0.2.0
 */
export const sameCase = (licenceId: string, caseNo: string): boolean => licenceId === caseNo

// ---------------------------------------------------------------------------------------------
// State invariants
// ---------------------------------------------------------------------------------------------

/**
 * Each term starts the day after the one before ends, and ends on or after its start; only the
 * last may be open.
 *
 * @category guards
 * @since 0.2.0
 */
export const termsContiguous = (state: State): boolean =>
  state.terms.every(
    (term, i) =>
      (term.to === null ? i === state.terms.length - 1 : term.to >= term.from) &&
      (i === 0 || (state.terms[i - 1]!.to !== null && term.from === CalendarDate.addDays(state.terms[i - 1]!.to!, 1))),
  )

/**
 * Suspensions follow each other: each lifted on or after it started, each starting on or after
 * the one before was lifted; only the last may be open.
 *
 * @category guards
 * @since 0.2.0
 */
export const suspensionsOrdered = (state: State): boolean =>
  state.suspensions.every(
    (s, i) =>
      (s.liftedOn === null ? i === state.suspensions.length - 1 : s.liftedOn >= s.from) &&
      (i === 0 || s.from >= state.suspensions[i - 1]!.liftedOn!),
  )

/**
 * The phase agrees with the record: revoked exactly with a revocation, deregistered exactly with a
 * deregistration, a licence with terms exactly when issued.
 *
 * @category guards
 * @since 0.2.0
 */
export const phaseAgrees = (state: State): boolean =>
  (state.phase === "new") === (state.terms.length === 0) &&
  (state.phase === "deregistered") === (state.deregistration !== null) &&
  (state.phase !== "revoked" || state.revocation !== null) &&
  (state.phase !== "expired" || state.expiredOn !== null)

/**
 * Every state invariant at once.
 *
 * @category guards
 * @since 0.2.0
 */
export const consistent = (state: State): boolean =>
  termsContiguous(state) && suspensionsOrdered(state) && phaseAgrees(state)
