/**
 * The rating aggregate (好差评) described for the runtime: streams `rating-<ratingId>`, the
 * opening completed from the case (its matter, the unit that handled it, its applicant — never
 * from the caller), who may act and read, the case-list row, the due timers (the default rating
 * after no answer, warnings on the day each negative-rating deadline falls due and after it) and
 * the rater as personal data.
 *
 * The rater's identity is protected: only the rater, and supervisors of the unit's region (who
 * decide appeals), read a rating's stream; the unit that handled the case acts on it (verify,
 * rectify, explain, call back, appeal) and reads its ratings through `Ratings.unitRatings`, which
 * carries no rater.
 *
 * @since 0.3.0
 */
import { type Application, CalendarDate, IdentityCode, Rating } from "@yiciban/core"
import type { EventStore, EventStoreError } from "@yiciban/eventstore"
import * as Effect from "effect/Effect"
import * as Schema from "effect/Schema"
import type { Aggregate, Personal, ResolveInput, Scope, Summary, TimerSpec } from "./Aggregate.ts"
import { application, startOfDay } from "./Aggregates.ts"
import { load } from "./Loader.ts"
import type { PersonalField } from "./PersonalData.ts"
import { CommandRejected, type InvalidCommand, type UnreadableEvent } from "./RuntimeError.ts"

/**
 * What a caller sends to open a rating: the rating id and the matter code of the case, as the
 * clerk asserts it (it places the command under the matter's authority; the runtime refuses it
 * when the case says otherwise). The case, its unit and its applicant are read from the case.
 *
 * @category schemas
 * @since 0.3.0
 */
export const OpenRatingRequest = Schema.TaggedStruct("OpenRating", {
  ratingId: Rating.RatingId,
  matterCode: Schema.NonEmptyString,
})

/**
 * The commands a caller may send to a rating.
 *
 * @category schemas
 * @since 0.3.0
 */
export const RatingRequest = Schema.Union([
  OpenRatingRequest,
  ...(Rating.Command.members.filter((member) => member !== Rating.OpenRating) as Array<
    Exclude<(typeof Rating.Command.members)[number], typeof Rating.OpenRating>
  >),
])

/**
 * @category models
 * @since 0.3.0
 */
export type RatingRequest = typeof RatingRequest.Type

/** The day a case concluded (办结): its certificate, or its closure; `null` while it is open. */
const concludedOn = (state: Application.State): CalendarDate.CalendarDate | null => {
  if (state.phase === "concluded" || state.phase === "verified") return state.certificate?.issuedOn ?? null
  return state.closure?.on ?? (state.phase === "denied" ? (state.decision?.decidedOn ?? null) : null)
}

/**
 * Completes `OpenRating` from the case `application-<caseNo>`: the case, its matter and unit (the
 * implementing authority pinned in it), the day it concluded, and its applicant as the rater.
 *
 * @category combinators
 * @since 0.3.0
 */
export const resolveRating = (
  input: ResolveInput<Rating.State, RatingRequest>,
): Effect.Effect<
  Rating.Command,
  InvalidCommand | CommandRejected | EventStoreError.StreamError | UnreadableEvent,
  EventStore.EventStore
> =>
  Effect.gen(function* () {
    const request = input.request
    if (request._tag !== "OpenRating") return request
    const caseNo = Rating.caseNoOf(request.ratingId)
    const theCase = yield* load(application, caseNo)
    const refuse = (why: string) =>
      new CommandRejected({
        aggregate: "rating",
        stream: Rating.streamName(input.id),
        command: request._tag,
        commandId: "",
        rejection: { _tag: "NotRateable", ratingId: request.ratingId, caseNo, why },
      })
    const { matter, applicant } = theCase.state
    if (theCase.version === 0 || matter === null || applicant === null) return yield* refuse("no such case")
    if (matter.implementationCode !== request.matterCode) {
      return yield* refuse(`the case is of matter ${matter.implementationCode}, not ${request.matterCode}`)
    }
    return {
      _tag: "OpenRating",
      ratingId: request.ratingId,
      ratedCase: {
        caseNo,
        matterCode: matter.implementationCode,
        matterName: matter.name,
        unit: matter.implementingAuthority,
        concludedOn: concludedOn(theCase.state),
      },
      rater: applicant,
    } satisfies Rating.Command
  })

/**
 * Who may act on and read a rating. Opening: the staff of the matter's authority (the matter the
 * clerk names). Acting on an opened rating: the rater (its applicant), the staff of the unit that
 * handled the case, supervisors of its region. Reading: the rater and supervisors only — the unit
 * never reads who rated it.
 *
 * @category combinators
 * @since 0.3.0
 */
export const ratingScope = (state: Rating.State, command: RatingRequest | undefined): Scope => {
  if (state.ratedCase === null || state.rater === null) {
    return command?._tag === "OpenRating" ? { owners: [], matter: { matterCode: command.matterCode } } : { owners: [] }
  }
  const unit = state.ratedCase.unit
  const read: Scope = { owners: [state.rater.code], region: unit.division }
  return command === undefined ? read : { ...read, matter: { matterCode: state.ratedCase.matterCode, pinned: unit } }
}

/**
 * The deadlines of a rating, as due timers:
 *
 * - opened with a default rating and not answered: `RecordDefaultRating` from the day after the
 *   default day (`default/<day>`);
 * - a negative being handled: a warning on its closing day (`handle/due/<day>`) and one after it
 *   (`handle/overdue/<day>`); a rectification by deadline: the same for its deadline
 *   (`rectify/due/<day>`, `rectify/overdue/<day>`).
 *
 * @category combinators
 * @since 0.3.0
 */
export const ratingTimers = (state: Rating.State, id: string): ReadonlyArray<TimerSpec> => {
  const timers: Array<TimerSpec> = []
  const dayAfter = (date: CalendarDate.CalendarDate) => startOfDay(CalendarDate.addDays(date, 1))
  if (state.phase === "invited" && state.defaultOn !== null) {
    timers.push({
      key: `default/${state.defaultOn}`,
      dueAt: dayAfter(state.defaultOn),
      notice: `rating ${id} not answered by ${state.defaultOn}: the default rating is recorded (never counted as actual)`,
      command: { aggregate: "rating", id, command: { _tag: "RecordDefaultRating", ratingId: id } },
    })
  }
  const negative = state.negative
  if (negative !== null && negative.closedOn === null && state.phase !== "excluded") {
    const deadlines: Array<readonly [string, CalendarDate.CalendarDate, string]> = [
      ["handle", negative.handleBy, "the negative rating must be closed (verified, handled, called back)"],
    ]
    if (negative.handling?._tag === "RectifyByDeadline" && negative.handling.doneOn === null) {
      deadlines.push(["rectify", negative.handling.rectifyBy, "the rectification undertaken must be done"])
    }
    for (const [what, day, notice] of deadlines) {
      timers.push(
        { key: `${what}/due/${day}`, dueAt: startOfDay(day), notice: `rating ${id}: ${notice} by today (${day})` },
        {
          key: `${what}/overdue/${day}`,
          dueAt: dayAfter(day),
          notice: `rating ${id}: overdue since ${day}: ${notice}`,
        },
      )
    }
  }
  return timers
}

/**
 * A rating's case-list row: the phase, the matter's name, and in `detail` the case, matter, unit,
 * the rating given (level, channel, default, day; no text, tags or rater) and its handling
 * deadline.
 *
 * @category combinators
 * @since 0.3.0
 */
export const ratingSummary = (state: Rating.State): Summary | undefined => {
  if (state.ratedCase === null) return undefined
  return {
    status: state.phase,
    title: state.ratedCase.matterName,
    detail: {
      caseNo: state.ratedCase.caseNo,
      matterCode: state.ratedCase.matterCode,
      unit: state.ratedCase.unit.creditCode,
      level: state.given?.level ?? null,
      default: state.given?.default ?? null,
      ratedOn: state.given?.ratedOn ?? null,
      handleBy: state.negative?.handleBy ?? null,
    },
  }
}

const raterField = (rater: Rating.Rater): ReadonlyArray<PersonalField> =>
  rater.kind === "person" && IdentityCode.isResidentIdNumber(rater.code)
    ? [
        {
          path: ["rater"],
          subject: rater.code,
          erased: (code) => ({ kind: "person", code, name: IdentityCode.erasedName }),
        },
      ]
    : []

/**
 * The personal data of ratings: a person rater in `RatingOpened`. A rating whose negative is being
 * handled is open (the callback needs the rater).
 *
 * @category models
 * @since 0.3.0
 */
export const ratingPersonal: Personal<Rating.State, Rating.Event> = {
  fields: (event) => (event._tag === "RatingOpened" ? raterField(event.rater) : []),
  open: (state) => state.negative !== null && state.negative.closedOn === null && state.phase !== "excluded",
}

/**
 * The rating aggregate for a deployment's settings (calendar, deadlines, default rating).
 *
 * @category constructors
 * @since 0.3.0
 */
export const makeRating = (
  settings: Rating.Settings = Rating.defaultSettings,
): Aggregate<Rating.State, Rating.Command, Rating.Event, {}, RatingRequest> => ({
  name: "rating",
  decider: Rating.makeDecider(settings),
  idOf: (command) => command.ratingId,
  commandSchema: RatingRequest,
  resolve: resolveRating,
  eventSchema: Rating.Event,
  eventVersions: Rating.eventVersions,
  requiredRoles: (command) => Rating.requiredRoles[command._tag],
  scope: ratingScope,
  summary: ratingSummary,
  timers: ratingTimers,
  personal: ratingPersonal,
})

/**
 * The rating aggregate with `Rating.defaultSettings`.
 *
 * @category models
 * @since 0.3.0
 */
export const rating = makeRating()
