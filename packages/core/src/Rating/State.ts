/**
 * The state of a service rating (好差评): who rated which service, how, and — for a negative
 * rating — how the unit that handled the case dealt with it.
 *
 * @since 0.3.0
 */
import * as Schema from "effect/Schema"
import { Applicant, CaseNo } from "../Application/State.ts"
import { CalendarDate } from "../CalendarDate.ts"
import { ImplementingAuthority } from "../PublishedMatter.ts"

/**
 * A rating's id: `<caseNo>.visit-<n>` for the n-th on-site visit of a case, `<caseNo>.online`
 * for the rating of the concluded case online. Stream: `rating-<ratingId>`.
 *
 * @category schemas
 * @since 0.3.0
 */
export const RatingId = Schema.String.check(
  Schema.isPattern(/^[0-9A-Za-z][0-9A-Za-z-]{0,63}\.(online|visit-[1-9][0-9]{0,3})$/),
)

/**
 * @category models
 * @since 0.3.0
 */
export type RatingId = typeof RatingId.Type

/**
 * The stream of a rating.
 *
 * @category constructors
 * @since 0.3.0
 */
export const streamName = (ratingId: string): string => `rating-${ratingId}`

/**
 * The rating id of a case's n-th on-site visit, or of the concluded case online.
 *
 * @category constructors
 * @since 0.3.0
 */
export const ratingIdOf = (caseNo: string, occasion: { readonly visit: number } | "online"): string =>
  occasion === "online" ? `${caseNo}.online` : `${caseNo}.visit-${occasion.visit}`

/**
 * The case a rating id names.
 *
 * @category combinators
 * @since 0.3.0
 */
export const caseNoOf = (ratingId: string): string => ratingId.slice(0, ratingId.lastIndexOf("."))

/**
 * The occasion a rating id names: an on-site visit (its number) or the concluded case online.
 *
 * @category combinators
 * @since 0.3.0
 */
export const occasionOf = (ratingId: string): Occasion => {
  const tail = ratingId.slice(ratingId.lastIndexOf(".") + 1)
  return tail === "online" ? { _tag: "Online" } : { _tag: "Visit", visit: Number(tail.slice("visit-".length)) }
}

/**
 * What is rated: one on-site visit (现场服务, rated at the hall) or the concluded case online.
 *
 * @category schemas
 * @since 0.3.0
 */
export const Occasion = Schema.Union([
  Schema.TaggedStruct("Visit", { visit: Schema.Int }),
  Schema.TaggedStruct("Online", {}),
])

/**
 * @category models
 * @since 0.3.0
 */
export type Occasion = typeof Occasion.Type

/**
 * The five levels of GB/T 39046 A.8: 1 very satisfied (非常满意), 2 satisfied (满意), 3 basically
 * satisfied (基本满意), 4 dissatisfied (不满意), 5 very dissatisfied (非常不满意).
 *
 * @category schemas
 * @since 0.3.0
 */
export const Level = Schema.Literals([1, 2, 3, 4, 5])

/**
 * @category models
 * @since 0.3.0
 */
export type Level = typeof Level.Type

/**
 * True for a negative level (差评): 4 or 5.
 *
 * @category guards
 * @since 0.3.0
 */
export const isNegativeLevel = (level: Level): boolean => level >= 4

/**
 * The channels of GB/T 39046 A.8: PC (网上), mobile (移动端), QR code (二维码), hall tablet (评价器),
 * other hall terminal (其他自助终端), phone (电话), SMS (短信).
 *
 * @category schemas
 * @since 0.3.0
 */
export const Channel = Schema.Literals(["pc", "mobile", "qrCode", "hallTablet", "hallTerminal", "phone", "sms"])

/**
 * @category models
 * @since 0.3.0
 */
export type Channel = typeof Channel.Type

/**
 * The case a rating is about, as the runtime reads it from the case (never from the rater): its
 * number, matter, the unit that handled it (the matter's implementing authority pinned in the
 * case) and the day it concluded, if it did.
 *
 * @category schemas
 * @since 0.3.0
 */
export const RatedCase = Schema.Struct({
  caseNo: CaseNo,
  matterCode: Schema.String,
  matterName: Schema.String,
  unit: ImplementingAuthority,
  concludedOn: Schema.NullOr(CalendarDate),
})

/**
 * @category models
 * @since 0.3.0
 */
export type RatedCase = typeof RatedCase.Type

/**
 * The rater: the case's applicant (a person's identity number and name are personal data, sealed
 * in the event log). The unit that handled the case never reads it.
 *
 * @category schemas
 * @since 0.3.0
 */
export const Rater = Applicant

/**
 * @category models
 * @since 0.3.0
 */
export type Rater = typeof Rater.Type

/**
 * A rating as given: level, channel, optional text and tags, the day; `default` when it was
 * recorded by the deployment's default after no answer (never counted as an actual rating).
 *
 * @category schemas
 * @since 0.3.0
 */
export const Given = Schema.Struct({
  level: Level,
  channel: Schema.NullOr(Channel),
  text: Schema.String,
  tags: Schema.Array(Schema.String),
  ratedOn: CalendarDate,
  default: Schema.Boolean,
})

/**
 * @category models
 * @since 0.3.0
 */
export type Given = typeof Given.Type

/**
 * Where a rating is:
 *
 * - `new`: nothing recorded; `invited`: the rating was opened for the case (after a visit, or
 *   online once it concluded) and awaits the applicant's answer (the default rating follows after
 *   no answer, when the deployment has one);
 * - `rated`: a positive or neutral rating (1–3), or any default rating: final;
 * - a negative rating (4–5) is handled by the unit: `reported` → `verified` (核实) → `rectifying`
 *   (整改 by a deadline) → `awaitingCallback` (rectified at once, explained, or rectification done)
 *   → `closed` (回访 made); `appealed` (申诉) while an appeal is pending; `excluded` when the appeal
 *   was upheld (the rating stays on record, out of the rates).
 *
 * @category schemas
 * @since 0.3.0
 */
export const Phase = Schema.Literals([
  "new",
  "invited",
  "rated",
  "reported",
  "verified",
  "rectifying",
  "awaitingCallback",
  "closed",
  "appealed",
  "excluded",
])

/**
 * @category models
 * @since 0.3.0
 */
export type Phase = typeof Phase.Type

/**
 * How the unit dealt with a negative rating: rectified at once, rectifying by a deadline, or an
 * explanation (the rating rested on a misunderstanding of the rules).
 *
 * @category schemas
 * @since 0.3.0
 */
export const Handling = Schema.Union([
  Schema.TaggedStruct("RectifiedAtOnce", { measures: Schema.NonEmptyString, on: CalendarDate }),
  Schema.TaggedStruct("RectifyByDeadline", {
    measures: Schema.NonEmptyString,
    on: CalendarDate,
    rectifyBy: CalendarDate,
    doneOn: Schema.NullOr(CalendarDate),
  }),
  Schema.TaggedStruct("Explained", { explanation: Schema.NonEmptyString, on: CalendarDate }),
])

/**
 * @category models
 * @since 0.3.0
 */
export type Handling = typeof Handling.Type

/**
 * The grounds of an appeal: the rating was given by mistake (误评) or maliciously (恶意差评).
 *
 * @category schemas
 * @since 0.3.0
 */
export const AppealGround = Schema.Literals(["mistaken", "malicious"])

/**
 * @category models
 * @since 0.3.0
 */
export type AppealGround = typeof AppealGround.Type

/**
 * The record of a negative rating's handling.
 *
 * @category schemas
 * @since 0.3.0
 */
export const Negative = Schema.Struct({
  handleBy: CalendarDate,
  verification: Schema.NullOr(Schema.Struct({ findings: Schema.NonEmptyString, on: CalendarDate, by: Schema.String })),
  handling: Schema.NullOr(Handling),
  callback: Schema.NullOr(
    Schema.Struct({ on: CalendarDate, reached: Schema.Boolean, satisfied: Schema.Boolean, notes: Schema.String }),
  ),
  closedOn: Schema.NullOr(CalendarDate),
  appeals: Schema.Array(
    Schema.Struct({
      ground: AppealGround,
      reasons: Schema.NonEmptyString,
      filedOn: CalendarDate,
      resumeAt: Phase,
      decision: Schema.NullOr(
        Schema.Struct({ upheld: Schema.Boolean, reasons: Schema.NonEmptyString, on: CalendarDate, by: Schema.String }),
      ),
    }),
  ),
})

/**
 * @category models
 * @since 0.3.0
 */
export type Negative = typeof Negative.Type

/**
 * A rating.
 *
 * @category schemas
 * @since 0.3.0
 */
export const State = Schema.Struct({
  ratingId: Schema.String,
  phase: Phase,
  ratedCase: Schema.NullOr(RatedCase),
  openedOn: Schema.NullOr(CalendarDate),
  defaultOn: Schema.NullOr(CalendarDate),
  rater: Schema.NullOr(Rater),
  given: Schema.NullOr(Given),
  negative: Schema.NullOr(Negative),
})

/**
 * @category models
 * @since 0.3.0
 */
export type State = typeof State.Type

/**
 * Before anything is recorded.
 *
 * @category constructors
 * @since 0.3.0
 */
export const initialState: State = {
  ratingId: "",
  phase: "new",
  ratedCase: null,
  openedOn: null,
  defaultOn: null,
  rater: null,
  given: null,
  negative: null,
}
