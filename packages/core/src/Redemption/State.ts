/**
 * The state of the `Redemption` aggregate: the ledger of one policy's redemptions (政策兑现), one
 * award per subject, and the sum committed against the budget.
 *
 * @since 0.3.0
 */
import * as Schema from "effect/Schema"
import { CalendarDate } from "../CalendarDate.ts"
import { ApplicantFacts, Authority, type Terms } from "../Policy/Terms.ts"

/**
 * Where a fact came from (see the runtime's `SharedData`): the kind of fact, the source, the
 * instant it was fetched and the SHA-256 digest of its value.
 *
 * @category schemas
 * @since 0.3.0
 */
export const Provenance = Schema.Struct({
  kind: Schema.Literals(["businessRegistration", "residentRecord", "socialSecurity", "payeeAccount"]),
  source: Schema.NonEmptyString,
  fetchedAt: Schema.String,
  digest: Schema.String,
})

/**
 * @category models
 * @since 0.3.0
 */
export type Provenance = typeof Provenance.Type

/**
 * A payee account the runtime read from shared data, with its provenance.
 *
 * @category schemas
 * @since 0.3.0
 */
export const Payee = Schema.Struct({
  bank: Schema.String,
  accountName: Schema.String,
  accountNo: Schema.String,
  provenance: Provenance,
})

/**
 * @category models
 * @since 0.3.0
 */
export type Payee = typeof Payee.Type

/**
 * Where an award stands: `offered` (免申即享, waiting for the subject), `applied`, `accepted`,
 * `approved` (committed against the budget), `disbursed` (paid, 直达), `refused`, `declined` (the
 * subject declined an offer), `rescinded` (the award was withdrawn: returned to the budget, a
 * disbursed amount to be repaid).
 *
 * @category schemas
 * @since 0.3.0
 */
export const AwardStatus = Schema.Literals([
  "offered",
  "applied",
  "accepted",
  "approved",
  "disbursed",
  "refused",
  "declined",
  "rescinded",
])

/**
 * @category models
 * @since 0.3.0
 */
export type AwardStatus = typeof AwardStatus.Type

/**
 * A joint review (联合审核) by a department.
 *
 * @category schemas
 * @since 0.3.0
 */
export const Review = Schema.Struct({
  department: Schema.String,
  agrees: Schema.Boolean,
  reasons: Schema.String,
  on: CalendarDate,
  by: Schema.String,
})

/**
 * One subject's award under the policy.
 *
 * @category schemas
 * @since 0.3.0
 */
export const Award = Schema.Struct({
  subjectCode: Schema.String,
  subjectName: Schema.String,
  status: AwardStatus,
  via: Schema.Literals(["application", "offer"]),
  policyVersion: Schema.Int,
  facts: ApplicantFacts,
  reliedOn: Schema.Array(Provenance),
  baseFen: Schema.NullOr(Schema.Int),
  amountFen: Schema.NullOr(Schema.Int),
  reviews: Schema.Array(Review),
  payee: Schema.NullOr(Payee),
  repaymentDueFen: Schema.Int,
  repaid: Schema.Boolean,
})

/**
 * @category models
 * @since 0.3.0
 */
export type Award = typeof Award.Type

/**
 * What the ledger keeps of the policy: the authority in charge, its region and the joint
 * reviewers (from the version the latest application or offer relied on).
 *
 * @category schemas
 * @since 0.3.0
 */
export const PolicyRef = Schema.Struct({
  version: Schema.Int,
  authority: Authority,
  region: Schema.String,
  jointReviewers: Schema.Array(Authority),
})

/**
 * @category models
 * @since 0.3.0
 */
export type PolicyRef = typeof PolicyRef.Type

/**
 * The ledger: the policy, the awards by subject, the sum committed (approved or disbursed, not
 * rescinded), the budget the last approval was checked against, the sums disbursed and repaid.
 *
 * @category schemas
 * @since 0.3.0
 */
export const State = Schema.Struct({
  policyId: Schema.String,
  policy: Schema.NullOr(PolicyRef),
  awards: Schema.Record(Schema.String, Award),
  committedFen: Schema.Int,
  budgetFen: Schema.Int,
  disbursedFen: Schema.Int,
  repaidFen: Schema.Int,
})

/**
 * @category models
 * @since 0.3.0
 */
export type State = typeof State.Type

/**
 * The empty ledger.
 *
 * @category constructors
 * @since 0.3.0
 */
export const initialState: State = {
  policyId: "",
  policy: null,
  awards: {},
  committedFen: 0,
  budgetFen: 0,
  disbursedFen: 0,
  repaidFen: 0,
}

/**
 * What the runtime hands `decide` (never the caller): the policy version in force and whether it
 * takes redemptions today; the subject's name, facts and their provenance from shared data; the
 * verified payee account for a disbursement.
 *
 * @category models
 * @since 0.3.0
 */
export interface Facts {
  readonly policy: {
    readonly version: number
    readonly terms: Terms
    readonly open: boolean
    /** The policy's expiry is recorded (`PolicyExpired`); absent: not expired. */
    readonly expired?: boolean | undefined
  } | null
  readonly subject: {
    readonly name: string
    readonly facts: ApplicantFacts
    readonly reliedOn: ReadonlyArray<Provenance>
  } | null
  readonly payee: Payee | null
}

/**
 * No facts (what a caller without the runtime has).
 *
 * @category constructors
 * @since 0.3.0
 */
export const noFacts: Facts = { policy: null, subject: null, payee: null }
