/**
 * Notify-and-commit (告知承诺制) helpers of the `Application` aggregate: the facts `decide` needs
 * (the applicant's credit standing), how that fact is checked, the reapplication bar, the kind of
 * credit entry a false commitment produces, the mapping of the finding to
 * `CreditRecord.RecordEntry`, and queries over a commitment case. `decide`, the tests and
 * docs/commitment.md share them.
 *
 * @since 0.1.0
 */
import { Schema } from "effect"
import * as CalendarDate from "../CalendarDate.ts"
import type { RecordEntry } from "../CreditRecord/Commands.ts"
import { type BarringEntry, CreditStanding, standingConsistent } from "../CreditRecord/Standing.ts"
import { type CreditSubject, type CreditSubjectInput, type EntryKind, sameSubject } from "../CreditRecord/State.ts"
import type { BarredCategory, MatterElements } from "../PublishedMatter.ts"
import type { FalseCommitmentFound, FalseCommitmentKind } from "./Events.ts"
import type { CreditStandingUnusable } from "./Rejections.ts"
import type { Applicant, ApplicantInput, State } from "./State.ts"

/**
 * The facts `decide` reads from the command context. `creditStanding` is the applicant's
 * `CreditRecord.CreditStanding` on the day of the command (`CreditRecord.standing(record, today)`):
 * required by `AcceptOnCommitment`, and read by `SubmitApplication` for the reapplication bar when
 * present. The runtime fetches it for both.
 *
 * @example
 * ```ts
 * import { Application, CalendarDate, CreditRecord, type Decider } from "@yiciban/core"
 *
 * const context: Decider.CommandContext<Application.Facts> = {
 *   now: "2026-10-09T01:30:00.000Z",
 *   actor: { id: "clerk-7", roles: ["windowClerk"] },
 *   facts: { creditStanding: CreditRecord.standing(record, CalendarDate.make("2026-10-09")) },
 * }
 * ```
 *
 * @category models
 * @since 0.1.0
 */
export interface Facts {
  readonly creditStanding?: CreditStanding | undefined
}

/**
 * The credit subject of an applicant: its kind and code (the key of its credit record).
 *
 * @category constructors
 * @since 0.1.0
 */
export const creditSubjectOf: {
  (applicant: ApplicantInput): CreditSubjectInput
  (applicant: Applicant): CreditSubject
} = ((applicant: Applicant): CreditSubject =>
  applicant.kind === "enterprise"
    ? { kind: "enterprise", code: applicant.code }
    : { kind: "person", code: applicant.code }) as never

const isStanding = Schema.is(CreditStanding)

/**
 * What is wrong with a credit standing that arrived as a fact for `applicant` on `today`, or
 * `undefined` when it can be used: it must be there, be a `CreditRecord.CreditStanding`, pass
 * `CreditRecord.standingConsistent`, name this applicant and have been checked today.
 *
 * @category combinators
 * @since 0.1.0
 */
export const creditStandingProblem = (
  fact: unknown,
  applicant: Applicant,
  today: CalendarDate.CalendarDate,
): CreditStandingUnusable | undefined => {
  const unusable = (problem: CreditStandingUnusable["problem"], message: string): CreditStandingUnusable => ({
    _tag: "CreditStandingUnusable",
    problem,
    message,
  })
  if (fact === undefined) {
    return unusable("missing", "commitment mode needs the applicant's credit standing as facts.creditStanding")
  }
  if (!isStanding(fact)) return unusable("malformed", "facts.creditStanding is not a CreditRecord.CreditStanding")
  if (!standingConsistent(fact)) {
    return unusable("inconsistent", "the credit standing's barred flag, reasons and dates disagree")
  }
  if (!sameSubject(fact.subject, creditSubjectOf(applicant))) {
    return unusable("otherSubject", "the credit standing is another subject's, not the applicant's")
  }
  if (fact.checkedOn !== today) {
    return unusable("notToday", `the credit standing was checked on ${fact.checkedOn}, not on ${today}`)
  }
  return undefined
}

/**
 * The kinds of entry that bar a new application for the same matter: false materials (ALL
 * Art 78), fraud in safety, health or property matters (Art 79), and a false commitment.
 *
 * @category models
 * @since 0.1.0
 */
export const reapplicationBarKinds: ReadonlyArray<EntryKind> = [
  "falseCommitment",
  "falseMaterials",
  "fraudInSafetyHealthProperty",
]

/**
 * The entry of a standing that bars the applicant from applying for the matter `matterCode`
 * (its implementation code) again, if any: an entry of a bar kind whose source is a case of this
 * matter. The standing lists only the entries in effect on the day it was checked, so the bar
 * lasts as long as the entry (1 year, 3 years for Art 79 by default) and ends with its repair or
 * revocation. When several bar, the one that lasts longest.
 *
 * @example
 * ```ts
 * import { Application } from "@yiciban/core"
 *
 * Application.reapplicationBar(standing, "11430100MB1A38544B-000101001000-01")?.expiresOn // "2027-10-09"
 * ```
 *
 * @category combinators
 * @since 0.1.0
 */
export const reapplicationBar = (standing: CreditStanding, matterCode: string): BarringEntry | undefined =>
  standing.reasons
    .filter(
      (reason) =>
        reapplicationBarKinds.includes(reason.kind) &&
        reason.source._tag === "Application" &&
        reason.source.matterCode === matterCode,
    )
    .reduce<BarringEntry | undefined>(
      (longest, reason) => (longest === undefined || reason.expiresOn > longest.expiresOn ? reason : longest),
      undefined,
    )

/**
 * The barred categories that make a fraudulently obtained licence an Art 79 matter: public safety,
 * personal health, the safety of life and property.
 *
 * @category models
 * @since 0.1.0
 */
export const safetyHealthPropertyCategories: ReadonlyArray<BarredCategory> = [
  "publicSafety",
  "personalHealth",
  "lifeAndPropertySafety",
]

/**
 * The kind of credit entry a false commitment under these terms produces:
 * `fraudInSafetyHealthProperty` (3 years by default, ALL Art 79) when the matter names a public
 * safety, personal health or life-and-property category, otherwise `falseCommitment` (1 year).
 * A matter that offers commitment names no barred category (the catalogue refuses to publish one
 * that does, and acceptance on commitment refuses it again), so a case that reached verification
 * always produces `falseCommitment`; the other branch serves terms read from elsewhere.
 *
 * @category combinators
 * @since 0.1.0
 */
export const creditKindFor = (terms: MatterElements): FalseCommitmentKind =>
  terms.commitment?.barredCategories.some((category) => safetyHealthPropertyCategories.includes(category)) === true
    ? "fraudInSafetyHealthProperty"
    : "falseCommitment"

/**
 * The `CreditRecord.RecordEntry` command for a false commitment: what the runtime's process manager
 * sends to the applicant's credit record (stream `credit-<code>`) for each `FalseCommitmentFound`.
 * The entry id is deterministic, so sending it twice records one entry; the expiry is left to the
 * credit record's settings (1 year, or 3 years for Art 79).
 *
 * @example
 * ```ts
 * import { Application, CreditRecord, Decider } from "@yiciban/core"
 *
 * for (const event of events) {
 *   if (event._tag === "FalseCommitmentFound") {
 *     const command = Application.toRecordEntry(event)
 *     Decider.run(CreditRecord.decider, record, command, asSystem)
 *   }
 * }
 * ```
 *
 * @category constructors
 * @since 0.1.0
 */
export const toRecordEntry = (event: FalseCommitmentFound): RecordEntry => ({
  _tag: "RecordEntry",
  // An erased person's code is no command's subject: the runtime refuses it when it decodes the command.
  subject: event.subject as RecordEntry["subject"],
  entryId: event.entryId,
  kind: event.kind,
  source: event.source,
  reason: event.findings,
  effectiveOn: event.foundOn,
})

/**
 * The legal basis recorded when a grant obtained by a false commitment is rescinded.
 *
 * @category models
 * @since 0.1.0
 */
export const falseCommitmentLegalBasis =
  "《中华人民共和国行政许可法》第六十九条第二款；国办发〔2020〕42号（申请人作出不实承诺）"

/**
 * The legal basis recorded when a grant on commitment is rescinded because a rectification order
 * was not complied with.
 *
 * @category models
 * @since 0.1.0
 */
export const notRectifiedLegalBasis =
  "《中华人民共和国行政许可法》第六十九条；国办发〔2020〕42号（不符合承诺条件，逾期未整改）"

/**
 * Where the verification of a case stands:
 *
 * - `notCommitment`: the case was not accepted on commitment.
 * - `exempt`: the matter exempts it.
 * - `notDue`: not decided yet, nothing on record.
 * - `pending`: due (or already due), no outcome that settles it.
 * - `rectificationOrdered`: a rectification order is outstanding.
 * - `confirmed`, `foundFalse`, `notRectified`: settled.
 *
 * @category models
 * @since 0.1.0
 */
export type VerificationStatus =
  | "notCommitment"
  | "exempt"
  | "notDue"
  | "pending"
  | "rectificationOrdered"
  | "confirmed"
  | "foundFalse"
  | "notRectified"

/**
 * The verification status of a case (see {@link VerificationStatus}).
 *
 * @example
 * ```ts
 * import { Application } from "@yiciban/core"
 *
 * Application.verificationStatus(Application.initialState) // "notCommitment"
 * ```
 *
 * @category combinators
 * @since 0.1.0
 */
export const verificationStatus = (state: State): VerificationStatus => {
  const commitment = state.commitment
  if (commitment === null) return "notCommitment"
  if (commitment.verification._tag === "Exempt") return "exempt"
  const last = commitment.verifications[commitment.verifications.length - 1]
  switch (last?.outcome._tag) {
    case "Confirmed":
      return "confirmed"
    case "FalseCommitment":
      return "foundFalse"
    case "NotRectified":
      return "notRectified"
    case "ConditionsNotMet":
      return "rectificationOrdered"
    case undefined:
      return state.decision === null ? "notDue" : "pending"
  }
}

/**
 * The date by which the compliance proof of a "will meet the conditions by a date" commitment is
 * due, while it is: `undefined` for any other case and once the proof is in. The runtime's timer
 * sends `MissComplianceDeadline` the day after it.
 *
 * @example
 * ```ts
 * import { Application } from "@yiciban/core"
 *
 * Application.complianceProofDueBy(state) // "2026-11-30", or undefined
 * ```
 *
 * @category combinators
 * @since 0.1.0
 */
export const complianceProofDueBy = (state: State): CalendarDate.CalendarDate | undefined => {
  const licence = state.commitment?.businessLicence
  return licence?.variant === "willMeetBy" && state.commitment?.proof === null ? licence.meetBy : undefined
}

/**
 * The day the licence of a grant on commitment takes effect, or `undefined` while it has not: the
 * decision day, or — under the "will meet the conditions by a date" variant — the day the proof
 * came in, if later. `undefined` for a case not granted, and after a rescission or a lapse.
 *
 * @category combinators
 * @since 0.1.0
 */
export const licenceEffectiveOn = (state: State): CalendarDate.CalendarDate | undefined => {
  if (state.decision?._tag !== "Granted" || state.closure !== null) return undefined
  const decidedOn = state.decision.decidedOn
  const licence = state.commitment?.businessLicence
  if (licence?.variant !== "willMeetBy") return decidedOn
  const proof = state.commitment?.proof
  if (proof === null || proof === undefined) return undefined
  return CalendarDate.max(proof.submittedOn, decidedOn)
}
