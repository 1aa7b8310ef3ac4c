/**
 * Queries over licences, pure functions over state: the grant and the rescission a case records
 * (what the runtime reads to issue and revoke), a licence's status on a day, a holder's valid
 * licences on a day, the licence a case produced and the cases a licence came from.
 *
 * @since 0.2.0
 */
import * as Result from "effect/Result"
import * as Schema from "effect/Schema"
import type { State as CaseState } from "../Application/State.ts"
import type * as CalendarDate from "../CalendarDate.ts"
import { concernsSafetyHealthProperty } from "../PublishedMatter.ts"
import type { Rescission } from "./Commands.ts"
import { deemedRenewedOn, deregisteredBy, inTermOn, revokedBy, suspendedOn, validityOf } from "./invariants.ts"
import { type Grant, type State, statutoryRenewalLeadDays } from "./State.ts"

/**
 * Why a case produces no licence (yet): it is not granted and concluded with a certificate, or its
 * grant was rescinded.
 *
 * @category errors
 * @since 0.2.0
 */
export const NoGrant = Schema.TaggedStruct("NoGrant", {
  caseNo: Schema.String,
  phase: Schema.String,
  why: Schema.String,
})

/**
 * @category models
 * @since 0.2.0
 */
export type NoGrant = typeof NoGrant.Type

/**
 * The grant a case records, for its licence: the case must be granted and concluded (办结, the
 * certificate issued: ALL Art 39, 44), verified or not — or rescinded after its certificate (the
 * licence existed until the rescission revokes it). The scope licensed is
 * the matter's name; the validity and the renewal lead days come from the pinned matter
 * (`validity`, `renewalLeadDays`, default 30 by ALL Art 50), and so does whether the licence
 * concerns public safety, personal health or the safety of life and property
 * (`PublishedMatter.concernsSafetyHealthProperty`).
 *
 * @example
 * ```ts
 * import { Licence } from "@yiciban/core"
 *
 * Licence.grantOf(caseState) // Result.succeed({ caseNo, licenceNo: "JY14301020012345", holder, … })
 * ```
 *
 * @category combinators
 * @since 0.2.0
 */
export const grantOf = (state: CaseState): Result.Result<Grant, NoGrant> => {
  const no = (why: string) => Result.fail({ _tag: "NoGrant" as const, caseNo: state.caseNo, phase: state.phase, why })
  // a rescinded case still records the grant it had: its licence existed until the rescission,
  // which revokes it (the process manager reads the case later than the event it follows)
  const rescindedAfterCertificate = state.phase === "rescinded" && state.certificate !== null
  if (state.phase !== "concluded" && state.phase !== "verified" && !rescindedAfterCertificate) {
    return no("the case is not concluded with a granted licence")
  }
  if (state.decision?._tag !== "Granted" || state.certificate === null) return no("no grant with a certificate")
  if (state.applicant === null || state.matter === null) return no("the case records no applicant or matter")
  const { matter, certificate } = state
  return Result.succeed({
    caseNo: state.caseNo,
    licenceNo: certificate.certificateNo,
    holder: state.applicant,
    matter: {
      implementationCode: matter.implementationCode,
      baseCode: matter.baseCode,
      name: matter.name.trim() === "" ? matter.implementationCode : matter.name,
      validity: matter.validity,
      renewalLeadDays: matter.renewalLeadDays ?? statutoryRenewalLeadDays,
      concernsSafetyHealthProperty: concernsSafetyHealthProperty(matter),
    },
    authority: matter.implementingAuthority,
    scope: matter.name.trim() === "" ? matter.implementationCode : matter.name,
    decidedOn: state.decision.decidedOn,
    issuedOn: certificate.issuedOn,
    ...(certificate.electronicLicence !== undefined ? { electronicLicence: certificate.electronicLicence } : {}),
  })
}

/**
 * The rescission of a case's grant, for its licence: the day, legal basis and reasons the case
 * records, and the false-commitment finding it followed (its findings are the rescission's
 * reasons), or a {@link NoGrant} when the grant was not rescinded.
 *
 * @category combinators
 * @since 0.2.0
 */
export const rescissionOf = (state: CaseState): Result.Result<Rescission, NoGrant> => {
  const closure = state.closure
  if (closure?._tag !== "Rescinded") {
    return Result.fail({
      _tag: "NoGrant",
      caseNo: state.caseNo,
      phase: state.phase,
      why: "the grant was not rescinded",
    })
  }
  const finding = state.commitment?.falseFinding ?? null
  return Result.succeed({
    caseNo: state.caseNo,
    rescindedOn: closure.on,
    legalBasis: closure.legalBasis,
    reasons: closure.reasons,
    falseFinding:
      finding === null
        ? null
        : { foundOn: finding.foundOn, findings: closure.reasons.trim() === "" ? "false commitment" : closure.reasons },
  })
}

/**
 * A licence's status on a day: `valid`, `suspended`, `revoked`, `deregistered`, `expired` (after
 * its last term, no renewal pending), `notYetValid` (before its first day) or `notIssued`.
 *
 * @category models
 * @since 0.2.0
 */
export type Status = "valid" | "suspended" | "revoked" | "deregistered" | "expired" | "notYetValid" | "notIssued"

/**
 * The status of a licence on `day`, as recorded now. Deregistration and revocation come first,
 * then the term, then a suspension.
 *
 * @example
 * ```ts
 * import { CalendarDate, Licence } from "@yiciban/core"
 *
 * Licence.statusOn(state, CalendarDate.make("2031-03-10")) // "expired", or "valid" when renewed
 * ```
 *
 * @category combinators
 * @since 0.2.0
 */
export const statusOn = (state: State, day: CalendarDate.CalendarDate): Status => {
  if (state.phase === "new") return "notIssued"
  const validity = validityOf(state)
  if (deregisteredBy(validity, day)) return "deregistered"
  if (revokedBy(validity, day)) return "revoked"
  if (day < state.terms[0]!.from) return "notYetValid"
  if (!inTermOn(validity, day) && !deemedRenewedOn(validity, day)) return "expired"
  return suspendedOn(validity, day) ? "suspended" : "valid"
}

/**
 * A holder's valid licences on a day, among `licences`: held by the subject `holderCode` (its
 * unified social credit code or identity number) and valid on `day` (`validOn`).
 *
 * @category combinators
 * @since 0.2.0
 */
export const validLicencesOf = (
  licences: Iterable<State>,
  holderCode: string,
  day: CalendarDate.CalendarDate,
): ReadonlyArray<State> =>
  [...licences].filter((licence) => licence.holder?.code === holderCode && statusOn(licence, day) === "valid")

/**
 * The licence a case produced or was registered for (a renewal or change case), among `licences`.
 *
 * @category combinators
 * @since 0.2.0
 */
export const licenceOfCase = (licences: Iterable<State>, caseNo: string): State | undefined =>
  [...licences].find((licence) => licence.cases.some((c) => c.caseNo === caseNo))

/**
 * The cases a licence came from: the case that produced it first, then each renewal and change
 * case, in the order recorded.
 *
 * @category combinators
 * @since 0.2.0
 */
export const casesOf = (state: State): ReadonlyArray<string> => state.cases.map((c) => c.caseNo)
