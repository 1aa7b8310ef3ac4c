/**
 * The commands of the `Rating` aggregate. Every command names its rating (`ratingId`), which
 * routes it to the stream `rating-<ratingId>`.
 *
 * @since 0.3.0
 */
import * as Schema from "effect/Schema"
import { AppealGround, Channel, Level, RatedCase, Rater, RatingId } from "./State.ts"

/**
 * Opens a rating for a case: at the hall after an on-site visit (the window clerk), or online once
 * the case concluded (the runtime, or the clerk). The runtime completes it with the case and its
 * applicant, read from the case; a caller never supplies them.
 *
 * @category schemas
 * @since 0.3.0
 */
export const OpenRating = Schema.TaggedStruct("OpenRating", {
  ratingId: RatingId,
  ratedCase: RatedCase,
  rater: Rater,
})

/**
 * @category models
 * @since 0.3.0
 */
export type OpenRating = typeof OpenRating.Type

/**
 * The applicant rates (评价): a level of GB/T 39046 A.8, the channel, optional text and tags.
 *
 * @category schemas
 * @since 0.3.0
 */
export const GiveRating = Schema.TaggedStruct("GiveRating", {
  ratingId: RatingId,
  level: Level,
  channel: Channel,
  text: Schema.optionalKey(Schema.String.check(Schema.isMaxLength(2000))),
  tags: Schema.optionalKey(
    Schema.Array(Schema.NonEmptyString.check(Schema.isMaxLength(40))).check(Schema.isMaxLength(20)),
  ),
})

/**
 * @category models
 * @since 0.3.0
 */
export type GiveRating = typeof GiveRating.Type

/**
 * No answer came by the deployment's deadline: the runtime's timer records its default rating
 * (默认评价), which never counts as an actual rating.
 *
 * @category schemas
 * @since 0.3.0
 */
export const RecordDefaultRating = Schema.TaggedStruct("RecordDefaultRating", { ratingId: RatingId })

/**
 * @category models
 * @since 0.3.0
 */
export type RecordDefaultRating = typeof RecordDefaultRating.Type

/**
 * The unit that handled the case verifies (核实) the negative rating and records its findings.
 *
 * @category schemas
 * @since 0.3.0
 */
export const VerifyNegative = Schema.TaggedStruct("VerifyNegative", {
  ratingId: RatingId,
  findings: Schema.NonEmptyString,
})

/**
 * @category models
 * @since 0.3.0
 */
export type VerifyNegative = typeof VerifyNegative.Type

/**
 * The unit rectifies at once (立即整改).
 *
 * @category schemas
 * @since 0.3.0
 */
export const RectifyAtOnce = Schema.TaggedStruct("RectifyAtOnce", {
  ratingId: RatingId,
  measures: Schema.NonEmptyString,
})

/**
 * @category models
 * @since 0.3.0
 */
export type RectifyAtOnce = typeof RectifyAtOnce.Type

/**
 * The unit undertakes to rectify by a deadline (限期整改): the deployment's number of working days.
 *
 * @category schemas
 * @since 0.3.0
 */
export const RectifyByDeadline = Schema.TaggedStruct("RectifyByDeadline", {
  ratingId: RatingId,
  measures: Schema.NonEmptyString,
})

/**
 * @category models
 * @since 0.3.0
 */
export type RectifyByDeadline = typeof RectifyByDeadline.Type

/**
 * The rectification undertaken by a deadline is done.
 *
 * @category schemas
 * @since 0.3.0
 */
export const CompleteRectification = Schema.TaggedStruct("CompleteRectification", {
  ratingId: RatingId,
  outcome: Schema.NonEmptyString,
})

/**
 * @category models
 * @since 0.3.0
 */
export type CompleteRectification = typeof CompleteRectification.Type

/**
 * The unit explains (解释说明) instead of rectifying: the rating rests on the rules, not a fault.
 *
 * @category schemas
 * @since 0.3.0
 */
export const ExplainNegative = Schema.TaggedStruct("ExplainNegative", {
  ratingId: RatingId,
  explanation: Schema.NonEmptyString,
})

/**
 * @category models
 * @since 0.3.0
 */
export type ExplainNegative = typeof ExplainNegative.Type

/**
 * The unit called the rater back (回访): whether the rater was reached and satisfied; this closes
 * the negative rating.
 *
 * @category schemas
 * @since 0.3.0
 */
export const RecordCallback = Schema.TaggedStruct("RecordCallback", {
  ratingId: RatingId,
  reached: Schema.Boolean,
  satisfied: Schema.Boolean,
  notes: Schema.String,
})

/**
 * @category models
 * @since 0.3.0
 */
export type RecordCallback = typeof RecordCallback.Type

/**
 * The unit appeals (申诉) a negative rating as mistaken or malicious, before it is closed.
 *
 * @category schemas
 * @since 0.3.0
 */
export const AppealRating = Schema.TaggedStruct("AppealRating", {
  ratingId: RatingId,
  ground: AppealGround,
  reasons: Schema.NonEmptyString,
})

/**
 * @category models
 * @since 0.3.0
 */
export type AppealRating = typeof AppealRating.Type

/**
 * A supervisor decides the appeal (复核): upheld excludes the rating from the rates (it stays on
 * record); dismissed returns it to where its handling stood.
 *
 * @category schemas
 * @since 0.3.0
 */
export const DecideAppeal = Schema.TaggedStruct("DecideAppeal", {
  ratingId: RatingId,
  upheld: Schema.Boolean,
  reasons: Schema.NonEmptyString,
})

/**
 * @category models
 * @since 0.3.0
 */
export type DecideAppeal = typeof DecideAppeal.Type

/**
 * Every command of the aggregate.
 *
 * @category schemas
 * @since 0.3.0
 */
export const Command = Schema.Union([
  OpenRating,
  GiveRating,
  RecordDefaultRating,
  VerifyNegative,
  RectifyAtOnce,
  RectifyByDeadline,
  CompleteRectification,
  ExplainNegative,
  RecordCallback,
  AppealRating,
  DecideAppeal,
])

/**
 * @category models
 * @since 0.3.0
 */
export type Command = typeof Command.Type
