/**
 * The events of the `Rating` aggregate.
 *
 * @since 0.3.0
 */
import * as Schema from "effect/Schema"
import { CalendarDate } from "../CalendarDate.ts"
import type { EventVersions } from "../Decider.ts"
import { AppealGround, Given, RatedCase, Rater } from "./State.ts"

/**
 * A rating was opened for a case, with the case and its applicant read from the case.
 *
 * @category schemas
 * @since 0.3.0
 */
export const RatingOpened = Schema.TaggedStruct("RatingOpened", {
  ratingId: Schema.String,
  ratedCase: RatedCase,
  rater: Rater,
  openedOn: CalendarDate,
  defaultOn: Schema.NullOr(CalendarDate),
})

/**
 * @category models
 * @since 0.3.0
 */
export type RatingOpened = typeof RatingOpened.Type

/**
 * The rating was given (or recorded by default). A negative one carries the day its handling must
 * be closed by (`handleBy`).
 *
 * @category schemas
 * @since 0.3.0
 */
export const RatingGiven = Schema.TaggedStruct("RatingGiven", {
  ratingId: Schema.String,
  given: Given,
  handleBy: Schema.NullOr(CalendarDate),
})

/**
 * @category models
 * @since 0.3.0
 */
export type RatingGiven = typeof RatingGiven.Type

/**
 * The unit verified the negative rating.
 *
 * @category schemas
 * @since 0.3.0
 */
export const NegativeVerified = Schema.TaggedStruct("NegativeVerified", {
  ratingId: Schema.String,
  findings: Schema.NonEmptyString,
  on: CalendarDate,
  by: Schema.String,
})

/**
 * @category models
 * @since 0.3.0
 */
export type NegativeVerified = typeof NegativeVerified.Type

/**
 * The unit rectified at once.
 *
 * @category schemas
 * @since 0.3.0
 */
export const RectifiedAtOnce = Schema.TaggedStruct("RectifiedAtOnce", {
  ratingId: Schema.String,
  measures: Schema.NonEmptyString,
  on: CalendarDate,
  by: Schema.String,
})

/**
 * @category models
 * @since 0.3.0
 */
export type RectifiedAtOnce = typeof RectifiedAtOnce.Type

/**
 * The unit undertook to rectify by `rectifyBy`.
 *
 * @category schemas
 * @since 0.3.0
 */
export const RectificationOrdered = Schema.TaggedStruct("RectificationOrdered", {
  ratingId: Schema.String,
  measures: Schema.NonEmptyString,
  on: CalendarDate,
  rectifyBy: CalendarDate,
  by: Schema.String,
})

/**
 * @category models
 * @since 0.3.0
 */
export type RectificationOrdered = typeof RectificationOrdered.Type

/**
 * The rectification undertaken by a deadline was done.
 *
 * @category schemas
 * @since 0.3.0
 */
export const RectificationCompleted = Schema.TaggedStruct("RectificationCompleted", {
  ratingId: Schema.String,
  outcome: Schema.NonEmptyString,
  on: CalendarDate,
  by: Schema.String,
})

/**
 * @category models
 * @since 0.3.0
 */
export type RectificationCompleted = typeof RectificationCompleted.Type

/**
 * The unit explained instead of rectifying.
 *
 * @category schemas
 * @since 0.3.0
 */
export const NegativeExplained = Schema.TaggedStruct("NegativeExplained", {
  ratingId: Schema.String,
  explanation: Schema.NonEmptyString,
  on: CalendarDate,
  by: Schema.String,
})

/**
 * @category models
 * @since 0.3.0
 */
export type NegativeExplained = typeof NegativeExplained.Type

/**
 * The rater was called back; the negative rating is closed.
 *
 * @category schemas
 * @since 0.3.0
 */
export const CallbackRecorded = Schema.TaggedStruct("CallbackRecorded", {
  ratingId: Schema.String,
  reached: Schema.Boolean,
  satisfied: Schema.Boolean,
  notes: Schema.String,
  on: CalendarDate,
  by: Schema.String,
})

/**
 * @category models
 * @since 0.3.0
 */
export type CallbackRecorded = typeof CallbackRecorded.Type

/**
 * The unit appealed the negative rating.
 *
 * @category schemas
 * @since 0.3.0
 */
export const AppealFiled = Schema.TaggedStruct("AppealFiled", {
  ratingId: Schema.String,
  ground: AppealGround,
  reasons: Schema.NonEmptyString,
  on: CalendarDate,
  by: Schema.String,
})

/**
 * @category models
 * @since 0.3.0
 */
export type AppealFiled = typeof AppealFiled.Type

/**
 * A supervisor decided the appeal.
 *
 * @category schemas
 * @since 0.3.0
 */
export const AppealDecided = Schema.TaggedStruct("AppealDecided", {
  ratingId: Schema.String,
  upheld: Schema.Boolean,
  reasons: Schema.NonEmptyString,
  on: CalendarDate,
  by: Schema.String,
})

/**
 * @category models
 * @since 0.3.0
 */
export type AppealDecided = typeof AppealDecided.Type

/**
 * Every event of the aggregate.
 *
 * @category schemas
 * @since 0.3.0
 */
export const Event = Schema.Union([
  RatingOpened,
  RatingGiven,
  NegativeVerified,
  RectifiedAtOnce,
  RectificationOrdered,
  RectificationCompleted,
  NegativeExplained,
  CallbackRecorded,
  AppealFiled,
  AppealDecided,
])

/**
 * @category models
 * @since 0.3.0
 */
export type Event = typeof Event.Type

/**
 * The schema version of each event type.
 *
 * @category models
 * @since 0.3.0
 */
export const eventVersions: EventVersions<Event> = {
  RatingOpened: 1,
  RatingGiven: 1,
  NegativeVerified: 1,
  RectifiedAtOnce: 1,
  RectificationOrdered: 1,
  RectificationCompleted: 1,
  NegativeExplained: 1,
  CallbackRecorded: 1,
  AppealFiled: 1,
  AppealDecided: 1,
}
