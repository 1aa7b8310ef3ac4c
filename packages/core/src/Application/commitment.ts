/**
 * Notify-and-commit (告知承诺制) helpers of the `Application` aggregate: the facts `decide` needs
 * (the applicant's credit standing), how that fact is checked, the reapplication bar, the kind of
 * credit entry a false commitment produces, the mapping of the finding to
 * `CreditRecord.RecordEntry`, and queries over a commitment case. `decide`, the tests and
 * docs/commitment.md share them.
 *
 * @since 0.1.0
 */
import * as Schema from "effect/Schema"
import * as CalendarDate from "../CalendarDate.ts"
import { CalendarDate as CalendarDateSchema } from "../CalendarDate.ts"
import { barInEffect } from "../CreditRecord/Bars.ts"
import type { RecordEntry, RecordStatutoryBar } from "../CreditRecord/Commands.ts"
import { CreditStanding, standingConsistent } from "../CreditRecord/Standing.ts"
import {
  type CreditSubject,
  type CreditSubjectInput,
  CreditSubject as CreditSubjectSchema,
  StatutoryBar,
  sameSubject,
} from "../CreditRecord/State.ts"
import type { BarredCategory, MatterElements } from "../PublishedMatter.ts"
import type { FalseCommitmentFound, FalseCommitmentKind, FraudFound } from "./Events.ts"
import type { CreditStandingUnusable, ReapplicationBarsUnusable } from "./Rejections.ts"
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
  readonly reapplicationBars?: ReapplicationBars | undefined
}

/**
 * The statutory re-application bars (ALL Arts 78, 79) on the licence an applicant submits for, as
 * the runtime reads them at submission: `CreditRecord.barsOn(record, baseCode, today)` for the
 * applicant's record and the pinned matter's base code. `SubmitApplication` refuses while one is in
 * effect (`ReapplicationBarred`), whatever credit repair did.
 *
 * @category schemas
 * @since 0.2.0
 */
export const ReapplicationBars = Schema.Struct({
  subject: CreditSubjectSchema,
  baseCode: Schema.String,
  checkedOn: CalendarDateSchema,
  bars: Schema.Array(StatutoryBar),
})

/**
 * @category models
 * @since 0.2.0
 */
export type ReapplicationBars = typeof ReapplicationBars.Type

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
 * What is wrong with the statutory bars that arrived as `facts.reapplicationBars` for `applicant`,
 * the licence `baseCode` and `today`, or `undefined` when they can be used.
 *
 * @category combinators
 * @since 0.2.0
 */
export const reapplicationBarsProblem = (
  fact: unknown,
  applicant: Applicant,
  baseCode: string,
  today: CalendarDate.CalendarDate,
): ReapplicationBarsUnusable | undefined => {
  const unusable = (problem: ReapplicationBarsUnusable["problem"], message: string): ReapplicationBarsUnusable => ({
    _tag: "ReapplicationBarsUnusable",
    problem,
    message,
  })
  if (!isReapplicationBars(fact))
    return unusable("malformed", "facts.reapplicationBars is not an Application.ReapplicationBars")
  if (!sameSubject(fact.subject, creditSubjectOf(applicant))) {
    return unusable("otherSubject", "the statutory bars are another subject's, not the applicant's")
  }
  if (fact.baseCode !== baseCode) {
    return unusable("otherLicence", `the statutory bars were read for ${fact.baseCode}, not for ${baseCode}`)
  }
  if (fact.checkedOn !== today) {
    return unusable("notToday", `the statutory bars were read on ${fact.checkedOn}, not on ${today}`)
  }
  return undefined
}

const isReapplicationBars = Schema.is(ReapplicationBars)

/**
 * The statutory bar that stops a new application for the licence, if any: among bars read for
 * it, the one in effect on `today` that lasts longest. Only a bar (ALL Arts 78, 79) stops an
 * application; a credit entry — repaired or not — never does (it bars notify-and-commit, which is
 * policy).
 *
 * @example
 * ```ts
 * import { Application } from "@yiciban/core"
 *
 * Application.reapplicationBar(facts.reapplicationBars, today)?.endsOn // "2027-10-09"
 * ```
 *
 * @category combinators
 * @since 0.1.0
 */
export const reapplicationBar = (fact: ReapplicationBars, today: CalendarDate.CalendarDate): StatutoryBar | undefined =>
  fact.bars
    .filter((bar) => bar.baseCode === fact.baseCode && barInEffect(bar, today))
    .reduce<StatutoryBar | undefined>(
      (longest, bar) => (longest === undefined || bar.endsOn > longest.endsOn ? bar : longest),
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
export const toRecordEntry = (event: FalseCommitmentFound | FraudFound): RecordEntry => ({
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
 * The `CreditRecord.RecordStatutoryBar` command for a finding of fraud whose licence directly
 * concerns public safety, personal health or the safety of life and property (the event names a
 * `barId`), or `undefined` when the finding bars no re-application. What the runtime's process
 * manager sends to the applicant's credit record beside the entry.
 *
 * @category constructors
 * @since 0.2.0
 */
export const toStatutoryBar = (event: FraudFound): RecordStatutoryBar | undefined =>
  event.barId === undefined
    ? undefined
    : {
        _tag: "RecordStatutoryBar",
        // As in toRecordEntry: an erased person's code is refused when the runtime decodes the command.
        subject: event.subject as RecordStatutoryBar["subject"],
        barId: event.barId,
        article: event.article,
        baseCode: event.baseCode,
        source: event.source,
        reason: event.findings,
        effectiveOn: event.foundOn,
      }

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
