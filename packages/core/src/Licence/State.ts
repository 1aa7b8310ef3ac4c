/**
 * Identity, parts and state of the `Licence` aggregate: the licence (许可证件, and its electronic form
 * 电子证照) a granted and concluded case produced, through its renewals, changes, suspensions,
 * revocation and deregistration.
 *
 * @since 0.2.0
 */
import * as Schema from "effect/Schema"
import { Applicant, CaseNo, ElectronicLicence } from "../Application/State.ts"
import * as CalendarDate from "../CalendarDate.ts"
import { CreditSubject, lastDayOf } from "../CreditRecord/State.ts"
import { ImplementingAuthority, MatterCode, ValidityPeriod } from "../PublishedMatter.ts"

// ---------------------------------------------------------------------------------------------
// Identity
// ---------------------------------------------------------------------------------------------

/**
 * A licence's id: the number of the case that produced it (办件编号). One granted case produces one
 * licence, so the process manager that issues it, and anyone who knows the case, finds it at
 * `licence-<caseNo>`; the licence's own number (证照编号) is `licenceNo`.
 *
 * @category schemas
 * @since 0.2.0
 */
export const LicenceId = CaseNo

/**
 * The stream that holds a licence's events: `licence-<licenceId>`.
 *
 * @example
 * ```ts
 * import { Licence } from "@yiciban/core"
 *
 * Licence.streamName("SCJG-2026-000731") // "licence-SCJG-2026-000731"
 * ```
 *
 * @category constructors
 * @since 0.2.0
 */
export const streamName = (licenceId: string): string => `licence-${licenceId}`

/**
 * The holder (被许可人): the applicant of the case that produced the licence, an enterprise by its
 * unified social credit code or a person by resident identity number, with the name.
 *
 * @category schemas
 * @since 0.2.0
 */
export const Holder = Applicant

/**
 * @category models
 * @since 0.2.0
 */
export type Holder = typeof Holder.Type

/**
 * The holder as a credit subject (the key of its credit record and of a re-application bar).
 *
 * @category constructors
 * @since 0.2.0
 */
export const holderSubject = (holder: Holder): CreditSubject =>
  holder.kind === "enterprise" ? { kind: "enterprise", code: holder.code } : { kind: "person", code: holder.code }

// ---------------------------------------------------------------------------------------------
// The grant a licence is issued from
// ---------------------------------------------------------------------------------------------

/**
 * The days before expiry by which a renewal must be applied for (ALL Art 50: 有效期届满三十日前),
 * unless a law, regulation or rule sets another period for the matter.
 *
 * @category models
 * @since 0.2.0
 */
export const statutoryRenewalLeadDays = 30

/**
 * What a licence takes from the matter it was granted under: its codes and name, how long it is
 * valid (有效期限), how many days before expiry a renewal must be applied for, and whether it
 * directly concerns public safety, personal health or the safety of life and property
 * (`PublishedMatter.concernsSafetyHealthProperty`: only then does a revocation for fraud bar a new
 * application for three years, ALL Art 79).
 *
 * @category schemas
 * @since 0.2.0
 */
export const LicensedMatter = Schema.Struct({
  implementationCode: MatterCode,
  baseCode: MatterCode,
  name: Schema.NonEmptyString,
  validity: ValidityPeriod,
  renewalLeadDays: Schema.Int.check(Schema.isGreaterThanOrEqualTo(1)),
  concernsSafetyHealthProperty: Schema.Boolean,
})

/**
 * @category models
 * @since 0.2.0
 */
export type LicensedMatter = typeof LicensedMatter.Type

/**
 * The grant a licence is issued from, as the runtime reads it from the concluded case (never from a
 * command body): the case, the certificate number, the holder, the matter, the authority that
 * decided, the scope licensed (许可范围), the decision and certificate dates and the electronic
 * licence, if one was issued. `Licence.grantOf(caseState)` builds it.
 *
 * @category schemas
 * @since 0.2.0
 */
export const Grant = Schema.Struct({
  caseNo: CaseNo,
  licenceNo: Schema.NonEmptyString,
  holder: Holder,
  matter: LicensedMatter,
  authority: ImplementingAuthority,
  scope: Schema.NonEmptyString,
  decidedOn: CalendarDate.CalendarDate,
  issuedOn: CalendarDate.CalendarDate,
  electronicLicence: Schema.optionalKey(ElectronicLicence),
})

/**
 * @category models
 * @since 0.2.0
 */
export type Grant = typeof Grant.Type

// ---------------------------------------------------------------------------------------------
// Parts of the state
// ---------------------------------------------------------------------------------------------

/**
 * One period of validity, both days included (`to` null: indefinite, 长期): the first from the
 * issue, each next one from a renewal, granted (`renewal`) or by law (`deemedRenewal`, ALL Art 50).
 *
 * @category schemas
 * @since 0.2.0
 */
export const Term = Schema.Struct({
  from: CalendarDate.CalendarDate,
  to: Schema.NullOr(CalendarDate.CalendarDate),
  by: Schema.Literals(["issue", "renewal", "deemedRenewal"]),
})

/**
 * @category models
 * @since 0.2.0
 */
export type Term = typeof Term.Type

/**
 * A renewal application (延续申请) awaiting its decision, with the case number it was registered
 * under, if any.
 *
 * @category schemas
 * @since 0.2.0
 */
export const PendingRenewal = Schema.Struct({
  appliedOn: CalendarDate.CalendarDate,
  caseNo: Schema.optionalKey(CaseNo),
  appliedBy: Schema.String,
})

/**
 * @category models
 * @since 0.2.0
 */
export type PendingRenewal = typeof PendingRenewal.Type

/**
 * What a change (变更, ALL Art 49) alters: the scope licensed, the holder's name, or both.
 *
 * @category schemas
 * @since 0.2.0
 */
export const Alteration = Schema.Struct({
  scope: Schema.optionalKey(Schema.NonEmptyString),
  holderName: Schema.optionalKey(Schema.NonEmptyString),
})

/**
 * @category models
 * @since 0.2.0
 */
export type Alteration = typeof Alteration.Type

/**
 * A change application awaiting its decision.
 *
 * @category schemas
 * @since 0.2.0
 */
export const PendingChange = Schema.Struct({
  requestedOn: CalendarDate.CalendarDate,
  alteration: Alteration,
  reason: Schema.NonEmptyString,
  caseNo: Schema.optionalKey(CaseNo),
  requestedBy: Schema.String,
})

/**
 * @category models
 * @since 0.2.0
 */
export type PendingChange = typeof PendingChange.Type

/**
 * A suspension by a supervising authority (暂停), from `from` to the day before `liftedOn` (null:
 * still suspended).
 *
 * @category schemas
 * @since 0.2.0
 */
export const Suspension = Schema.Struct({
  from: CalendarDate.CalendarDate,
  reason: Schema.NonEmptyString,
  legalBasis: Schema.NonEmptyString,
  by: Schema.String,
  liftedOn: Schema.NullOr(CalendarDate.CalendarDate),
})

/**
 * @category models
 * @since 0.2.0
 */
export type Suspension = typeof Suspension.Type

/**
 * The grounds of ALL Art 69(1), the authority's own error: abuse of power or neglect of duty
 * (滥用职权、玩忽职守), acting beyond its statutory power (超越法定职权), violating the statutory
 * procedure (违反法定程序), granting an applicant not qualified or not meeting the statutory
 * conditions (对不具备申请资格或者不符合法定条件的申请人准予行政许可), or another ground on which
 * the law allows revocation (依法可以撤销的其他情形).
 *
 * @category schemas
 * @since 0.2.0
 */
export const AuthorityErrorGround = Schema.Literals([
  "abuseOfPower",
  "beyondPower",
  "procedureViolated",
  "applicantNotQualified",
  "otherByLaw",
])

/**
 * @category models
 * @since 0.2.0
 */
export type AuthorityErrorGround = typeof AuthorityErrorGround.Type

/**
 * Compensation on a revocation for the authority's error (ALL Art 69(4)): the holder's lawful
 * rights and interests were harmed and compensation is owed (with the amount when decided), or no
 * harm was found (with why).
 *
 * @category schemas
 * @since 0.2.0
 */
export const Compensation = Schema.Union([
  Schema.TaggedStruct("Owed", {
    basis: Schema.NonEmptyString,
    amountInFen: Schema.optionalKey(Schema.Int.check(Schema.isGreaterThanOrEqualTo(0))),
  }),
  Schema.TaggedStruct("NoHarm", { reason: Schema.NonEmptyString }),
])

/**
 * @category models
 * @since 0.2.0
 */
export type Compensation = typeof Compensation.Type

/**
 * How a licence obtained by improper means was obtained (ALL Art 69(2), 79): deception (欺骗),
 * bribery (贿赂) or other improper means (其他不正当手段).
 *
 * @category schemas
 * @since 0.2.0
 */
export const ImproperMeans = Schema.Literals(["deception", "bribery", "otherImproperMeans"])

/**
 * @category models
 * @since 0.2.0
 */
export type ImproperMeans = typeof ImproperMeans.Type

/**
 * The finding a revocation for fraud (ALL Art 69(2)) rests on, with everything a re-application bar
 * (ALL Art 79: no new application for the same licence for three years where it directly concerns
 * public safety, personal health or the safety of life and property) and a credit entry need: the
 * holder, the matter's base code (the bar is keyed by the licence, across implementing
 * authorities) and implementation code, whether the licence concerns public safety, personal
 * health or the safety of life and property (from the licensed matter), the case, the finding date
 * and the findings. `entryFromCase` is true when the finding was made on the case itself (a false
 * commitment found on verification, whose credit entry the case already sent): the revocation then
 * adds no second entry for the same fact.
 *
 * @category schemas
 * @since 0.2.0
 */
export const FraudFinding = Schema.Struct({
  holder: CreditSubject,
  baseCode: MatterCode,
  implementationCode: MatterCode,
  concernsSafetyHealthProperty: Schema.Boolean,
  caseNo: CaseNo,
  means: ImproperMeans,
  foundOn: CalendarDate.CalendarDate,
  findings: Schema.NonEmptyString,
  entryFromCase: Schema.Boolean,
})

/**
 * @category models
 * @since 0.2.0
 */
export type FraudFinding = typeof FraudFinding.Type

/**
 * Why a licence was revoked (撤销):
 *
 * - `AuthorityError` — ALL Art 69(1): the authority's error, with its ground and the compensation
 *   on record (Art 69(4));
 * - `Fraud` — ALL Art 69(2): obtained by deception, bribery or other improper means; the holder's
 *   benefit is not protected, no compensation (Art 69(4)), and the finding carries what the credit
 *   entry and the Art 79 bar need;
 * - `GrantRescinded` — the grant of the case was rescinded on its own record (for instance a
 *   commitment not rectified) and the licence falls with it.
 *
 * @category schemas
 * @since 0.2.0
 */
export const RevocationBasis = Schema.Union([
  Schema.TaggedStruct("AuthorityError", {
    ground: AuthorityErrorGround,
    compensation: Compensation,
  }),
  Schema.TaggedStruct("Fraud", { finding: FraudFinding }),
  Schema.TaggedStruct("GrantRescinded", {
    caseNo: CaseNo,
    rescindedOn: CalendarDate.CalendarDate,
    legalBasis: Schema.String,
  }),
])

/**
 * @category models
 * @since 0.2.0
 */
export type RevocationBasis = typeof RevocationBasis.Type

/**
 * The public-interest assessment every revocation records (ALL Art 69(3): a revocation that may
 * seriously harm the public interest is not made): whether it would, and why.
 *
 * @category schemas
 * @since 0.2.0
 */
export const PublicInterestAssessment = Schema.Struct({
  seriousHarm: Schema.Boolean,
  assessment: Schema.NonEmptyString,
})

/**
 * @category models
 * @since 0.2.0
 */
export type PublicInterestAssessment = typeof PublicInterestAssessment.Type

/**
 * A revocation: its day, basis, reasons, public-interest assessment and who decided.
 *
 * @category schemas
 * @since 0.2.0
 */
export const Revocation = Schema.Struct({
  on: CalendarDate.CalendarDate,
  basis: RevocationBasis,
  reasons: Schema.NonEmptyString,
  publicInterest: PublicInterestAssessment,
  by: Schema.String,
})

/**
 * @category models
 * @since 0.2.0
 */
export type Revocation = typeof Revocation.Type

/**
 * The grounds of deregistration (注销, ALL Art 70): (1) expired and not renewed (有效期届满未延续),
 * (2) the person holding a licence of a personal qualification died or lost capacity
 * (公民死亡或者丧失行为能力), (3) the holding organisation terminated (法人或者其他组织依法终止),
 * (4) revoked, withdrawn or cancelled (被撤销、撤回，或者证件被吊销), (5) force majeure makes it
 * impossible to carry on (因不可抗力导致行政许可事项无法实施), (6) another case the law names.
 *
 * @category schemas
 * @since 0.2.0
 */
export const DeregistrationGround = Schema.Literals([
  "expiredNotRenewed",
  "holderDeceased",
  "holderTerminated",
  "revokedOrWithdrawn",
  "forceMajeure",
  "otherByLaw",
])

/**
 * @category models
 * @since 0.2.0
 */
export type DeregistrationGround = typeof DeregistrationGround.Type

/**
 * A deregistration: its day, ground, reasons and who recorded it.
 *
 * @category schemas
 * @since 0.2.0
 */
export const Deregistration = Schema.Struct({
  on: CalendarDate.CalendarDate,
  ground: DeregistrationGround,
  reasons: Schema.NonEmptyString,
  by: Schema.String,
})

/**
 * @category models
 * @since 0.2.0
 */
export type Deregistration = typeof Deregistration.Type

/**
 * A case the licence came from: the case that produced it (`issue`), or one registered for a
 * renewal or a change of it.
 *
 * @category schemas
 * @since 0.2.0
 */
export const LicenceCase = Schema.Struct({
  caseNo: CaseNo,
  purpose: Schema.Literals(["issue", "renewal", "change"]),
})

/**
 * @category models
 * @since 0.2.0
 */
export type LicenceCase = typeof LicenceCase.Type

/**
 * Where a licence is in its life: `new` (nothing recorded), `issued` (in its term; it may be
 * suspended), `expired` (its term ended without renewal), `revoked` (撤销) or `deregistered` (注销).
 *
 * @category schemas
 * @since 0.2.0
 */
export const Phase = Schema.Literals(["new", "issued", "expired", "revoked", "deregistered"])

/**
 * @category models
 * @since 0.2.0
 */
export type Phase = typeof Phase.Type

// ---------------------------------------------------------------------------------------------
// State
// ---------------------------------------------------------------------------------------------

const stateFields = {
  licenceId: Schema.String,
  phase: Phase,
  licenceNo: Schema.NullOr(Schema.String),
  holder: Schema.NullOr(Holder),
  matter: Schema.NullOr(LicensedMatter),
  authority: Schema.NullOr(ImplementingAuthority),
  scope: Schema.NullOr(Schema.String),
  electronicLicence: Schema.NullOr(ElectronicLicence),
  decidedOn: Schema.NullOr(CalendarDate.CalendarDate),
  terms: Schema.Array(Term),
  pendingRenewal: Schema.NullOr(PendingRenewal),
  pendingChange: Schema.NullOr(PendingChange),
  suspensions: Schema.Array(Suspension),
  revocation: Schema.NullOr(Revocation),
  withheldRevocations: Schema.Array(Revocation),
  deregistration: Schema.NullOr(Deregistration),
  expiredOn: Schema.NullOr(CalendarDate.CalendarDate),
  cases: Schema.Array(LicenceCase),
}

/**
 * The type of the {@link State} schema.
 *
 * @category schemas
 * @since 0.2.0
 */
export interface StateSchema extends Schema.Struct<typeof stateFields> {}

/**
 * The state of a licence:
 *
 * - `licenceNo`, `holder`, `matter`, `authority`, `scope`, `electronicLicence`, `decidedOn`: as
 *   issued, with every approved change applied;
 * - `terms`: its periods of validity in order (the issue, then each renewal);
 * - `pendingRenewal`, `pendingChange`: applications awaiting a decision;
 * - `suspensions`: every suspension, lifted or not;
 * - `revocation`: the revocation (撤销), if any; `withheldRevocations`: revocations not made because
 *   they would seriously harm the public interest (ALL Art 69(3));
 * - `deregistration`: the deregistration (注销), if any; `expiredOn`: the first day after the last
 *   term, once recorded;
 * - `cases`: the cases it came from.
 *
 * @category schemas
 * @since 0.2.0
 */
export const State: StateSchema = Schema.Struct(stateFields)

/**
 * @category models
 * @since 0.2.0
 */
export type State = typeof State.Type

/**
 * The state before any event.
 *
 * @category constructors
 * @since 0.2.0
 */
export const initialState: State = {
  licenceId: "",
  phase: "new",
  licenceNo: null,
  holder: null,
  matter: null,
  authority: null,
  scope: null,
  electronicLicence: null,
  decidedOn: null,
  terms: [],
  pendingRenewal: null,
  pendingChange: null,
  suspensions: [],
  revocation: null,
  withheldRevocations: [],
  deregistration: null,
  expiredOn: null,
  cases: [],
}

/**
 * The last day of a term that starts on `from` (its first valid day) under a validity period: the
 * day before the corresponding day `amount` years or months on (the month's last day when it has
 * none), or the day before `amount` days on — a term of five years from 2026-03-10 runs to
 * 2031-03-09, as licences state it (有效期自…至…); `null` for an indefinite or not applicable period.
 *
 * @example
 * ```ts
 * import { CalendarDate, Licence } from "@yiciban/core"
 *
 * Licence.termEnd(CalendarDate.make("2026-03-10"), { _tag: "Fixed", amount: 5, unit: "years" }) // "2031-03-09"
 * Licence.termEnd(CalendarDate.make("2026-03-10"), { _tag: "Indefinite" }) // null
 * ```
 *
 * @category combinators
 * @since 0.2.0
 */
export const termEnd = (from: CalendarDate.CalendarDate, validity: ValidityPeriod): CalendarDate.CalendarDate | null =>
  validity._tag === "Fixed"
    ? CalendarDate.addDays(lastDayOf(from, { amount: validity.amount, unit: validity.unit }), -1)
    : null

/**
 * The last day of the licence's current term (`null`: indefinite or not issued).
 *
 * @category combinators
 * @since 0.2.0
 */
export const expiresOn = (state: State): CalendarDate.CalendarDate | null => state.terms.at(-1)?.to ?? null

/**
 * The last day a renewal may be applied for: `renewalLeadDays` days before the expiry (`null` when
 * the licence does not expire).
 *
 * @example
 * ```ts
 * import { Licence } from "@yiciban/core"
 *
 * Licence.latestRenewalDay(state) // "2031-02-07" for a licence expiring 2031-03-09, 30 days
 * ```
 *
 * @category combinators
 * @since 0.2.0
 */
export const latestRenewalDay = (state: State): CalendarDate.CalendarDate | null => {
  const end = expiresOn(state)
  return end === null || state.matter === null ? null : CalendarDate.addDays(end, -state.matter.renewalLeadDays)
}
