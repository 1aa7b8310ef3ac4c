/**
 * Identity and state of the `BundleApplication` aggregate: one application (一件事) against a
 * published service bundle, accepted once by the lead department's window and fanned out to one
 * child application per member matter.
 *
 * @since 0.3.0
 */
import * as Schema from "effect/Schema"
import {
  Applicant,
  BundleTolerance,
  BusinessLicenceCommitment,
  CommitmentLetter,
  CorrectionItem,
  LicenceReliance,
  SharedDataReliance,
  SubmittedMaterial,
  SupplementCommitment,
} from "../Application/State.ts"
import { CalendarDate } from "../CalendarDate.ts"
import { ImplementingAuthority } from "../PublishedMatter.ts"
import { PublishedBundle } from "../ServiceBundle/State.ts"

/**
 * A bundle case's number: the same alphabet as an application's, at most 60 characters (its
 * children are numbered `<caseNo>-J<n>`).
 *
 * @category schemas
 * @since 0.3.0
 */
export const BundleCaseNo = Schema.String.check(Schema.isPattern(/^[0-9A-Za-z][0-9A-Za-z-]{0,59}$/))

/**
 * The stream that holds a bundle case's events: `bundlecase-<caseNo>`.
 *
 * @category constructors
 * @since 0.3.0
 */
export const streamName = (caseNo: string): string => `bundlecase-${caseNo}`

/**
 * The case number of the child application opened for the member at `index` (0-based):
 * `<caseNo>-J<index + 1>` (J for 联办, joint processing).
 *
 * @category constructors
 * @since 0.3.0
 */
export const childCaseNo = (caseNo: string, index: number): string => `${caseNo}-J${index + 1}`

/**
 * The bundle case a child case number belongs to, or `undefined` for a case number that is not a
 * child's.
 *
 * @category combinators
 * @since 0.3.0
 */
export const parentOf = (child: string): string | undefined => /^(.+)-J[1-9]\d*$/.exec(child)?.[1]

/**
 * How the lead window accepts one member (受理方式): ordinarily, tolerantly with some of its
 * secondary materials deferred (容缺受理), or on the applicant's commitment (告知承诺制).
 *
 * @category schemas
 * @since 0.3.0
 */
export const MemberAcceptance = Schema.Union([
  Schema.TaggedStruct("Ordinary", {}),
  Schema.TaggedStruct("Tolerant", {
    deferred: Schema.Array(Schema.Struct({ code: Schema.NonEmptyString, howToSupply: Schema.String })),
    commitment: SupplementCommitment,
  }),
  Schema.TaggedStruct("OnCommitment", {
    letter: CommitmentLetter,
    businessLicence: Schema.optionalKey(BusinessLicenceCommitment),
    grantOnTheSpot: Schema.Boolean,
  }),
])

/**
 * @category models
 * @since 0.3.0
 */
export type MemberAcceptance = typeof MemberAcceptance.Type

/**
 * The outcome of a concluded child as the bundle records it: the child's closing phase, the day,
 * and the authority that decided (none for an outcome by law or by the applicant, such as a
 * withdrawal or a missed deadline).
 *
 * @category schemas
 * @since 0.3.0
 */
export const ChildOutcome = Schema.Struct({
  result: Schema.Literals(["granted", "denied", "declined", "withdrawn", "terminated", "lapsed", "rescinded"]),
  on: CalendarDate,
  decidedBy: Schema.NullOr(Schema.String),
})

/**
 * @category models
 * @since 0.3.0
 */
export type ChildOutcome = typeof ChildOutcome.Type

/**
 * A member delegated on the day of submission to another authority than its implementing
 * authority (下放 / 委托 / 园区赋权, as the matter's catalogue records it): that authority judges the
 * member's child.
 *
 * @category schemas
 * @since 0.3.0
 */
export const Delegation = Schema.Struct({
  implementationCode: Schema.String,
  authority: ImplementingAuthority,
})

/**
 * @category models
 * @since 0.3.0
 */
export type Delegation = typeof Delegation.Type

/**
 * One child application: the member matter, its case number, the authority that judges it on its
 * own pinned terms (the delegate on the day of submission, if the member was delegated), how it was
 * accepted, the materials it was handed from the bundle, the electronic licences the bundle relied
 * on for them (the child inherits them: it never asks for such a material again), and its outcome
 * once it concludes.
 *
 * @category schemas
 * @since 0.3.0
 */
export const Child = Schema.Struct({
  implementationCode: Schema.String,
  version: Schema.Int,
  caseNo: Schema.String,
  authority: ImplementingAuthority,
  acceptance: MemberAcceptance,
  materials: Schema.Array(SubmittedMaterial),
  licencesReliedOn: Schema.optionalKey(Schema.Array(LicenceReliance)),
  sharedDataReliedOn: Schema.optionalKey(Schema.Array(SharedDataReliance)),
  tolerance: Schema.optionalKey(BundleTolerance),
  outcome: Schema.NullOr(ChildOutcome),
})

/**
 * @category models
 * @since 0.3.0
 */
export type Child = typeof Child.Type

/**
 * One item of the combined correction notice: a material, what is wrong with it, and every member
 * that asked for it (one entry per material, however many departments asked).
 *
 * @category schemas
 * @since 0.3.0
 */
export const CombinedItem = Schema.Struct({
  code: Schema.NonEmptyString,
  problem: CorrectionItem.fields.problem,
  notes: Schema.Array(Schema.Struct({ implementationCode: Schema.String, note: Schema.String })),
})

/**
 * @category models
 * @since 0.3.0
 */
export type CombinedItem = typeof CombinedItem.Type

/**
 * A department's correction items for its member, proposed to the lead window before acceptance.
 *
 * @category schemas
 * @since 0.3.0
 */
export const Proposal = Schema.Struct({
  implementationCode: Schema.String,
  items: Schema.Array(CorrectionItem),
  proposedOn: CalendarDate,
  by: Schema.String,
})

/**
 * @category models
 * @since 0.3.0
 */
export type Proposal = typeof Proposal.Type

/**
 * Where a bundle case is: submitted at the lead window, with its combined correction notice out,
 * corrected, accepted (children open, joint clock running), concluded (every child concluded),
 * delivered (统一出件), or declined at the window.
 *
 * @category schemas
 * @since 0.3.0
 */
export const Phase = Schema.Literals([
  "new",
  "submitted",
  "correctionRequested",
  "corrected",
  "accepted",
  "concluded",
  "delivered",
  "declined",
])

/**
 * @category models
 * @since 0.3.0
 */
export type Phase = typeof Phase.Type

/**
 * The joint time limit (ALL Art 26, 42): counted from acceptance in working days, with the limit the
 * bundle version sets (at most 45) and, once, an extension approved by the head of the lead
 * department (at most 15).
 *
 * @category schemas
 * @since 0.3.0
 */
export const JointClock = Schema.Struct({
  startedOn: CalendarDate,
  limitWorkingDays: Schema.Int,
  extension: Schema.NullOr(
    Schema.Struct({ workingDays: Schema.Int, approvedBy: Schema.String, reason: Schema.String, on: CalendarDate }),
  ),
  dueOn: CalendarDate,
})

/**
 * @category models
 * @since 0.3.0
 */
export type JointClock = typeof JointClock.Type

/**
 * The state of a bundle case.
 *
 * - `bundle`: the published bundle version the case is pinned to (its members' terms inside);
 * - `handedOver`: every material the applicant handed over, once each (by member material code),
 *   including those on file as the applicant's electronic licence;
 * - `licencesReliedOn`, `sharedDataReliedOn`, `delegations`: what the runtime looked up at submission;
 * - `proposals`, `notice`: the departments' correction items and the one combined notice;
 * - `answeredOn`, `resupplied`: the applicant's one answer and the material codes it handed over;
 * - `children`, `clock`: after acceptance;
 * - `supplied`: the deferred materials (by member code) handed to the lead window and forwarded, per child;
 * - `concludedOn`, `deliveredOn`: the last child's conclusion and the unified delivery.
 *
 * @category schemas
 * @since 0.3.0
 */
export const State = Schema.Struct({
  caseNo: Schema.String,
  phase: Phase,
  applicant: Schema.NullOr(Applicant),
  bundle: Schema.NullOr(PublishedBundle),
  receivedOn: Schema.NullOr(CalendarDate),
  handedOver: Schema.Array(SubmittedMaterial),
  licencesReliedOn: Schema.Array(LicenceReliance),
  sharedDataReliedOn: Schema.Array(SharedDataReliance),
  delegations: Schema.Array(Delegation),
  proposals: Schema.Array(Proposal),
  notice: Schema.NullOr(Schema.Struct({ issuedOn: CalendarDate, items: Schema.Array(CombinedItem) })),
  answeredOn: Schema.NullOr(CalendarDate),
  resupplied: Schema.Array(Schema.String),
  acceptedBy: Schema.NullOr(Schema.String),
  children: Schema.Array(Child),
  supplied: Schema.Array(Schema.Struct({ childCaseNo: Schema.String, codes: Schema.Array(Schema.String) })),
  clock: Schema.NullOr(JointClock),
  concludedOn: Schema.NullOr(CalendarDate),
  deliveredOn: Schema.NullOr(CalendarDate),
})

/**
 * @category models
 * @since 0.3.0
 */
export type State = typeof State.Type

/**
 * The state before any event.
 *
 * @category constructors
 * @since 0.3.0
 */
export const initialState: State = {
  caseNo: "",
  phase: "new",
  applicant: null,
  bundle: null,
  receivedOn: null,
  handedOver: [],
  licencesReliedOn: [],
  sharedDataReliedOn: [],
  delegations: [],
  proposals: [],
  notice: null,
  answeredOn: null,
  resupplied: [],
  acceptedBy: null,
  children: [],
  supplied: [],
  clock: null,
  concludedOn: null,
  deliveredOn: null,
}
