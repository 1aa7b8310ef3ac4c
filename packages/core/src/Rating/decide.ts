/**
 * `decide` for the `Rating` aggregate: one function per command, an exhaustive switch, typed
 * rejections, no throw. The deployment's settings (working-day calendar, deadlines, default
 * rating) are given once to {@link makeDecide}.
 *
 * @since 0.3.0
 */
import * as Result from "effect/Result"
import type { Role } from "../Actor.ts"
import type * as CalendarDate from "../CalendarDate.ts"
import { type CommandContext, today as todayOf } from "../Decider.ts"
import * as WorkCalendar from "../WorkCalendar.ts"
import type { Command } from "./Commands.ts"
import type { Event } from "./Events.ts"
import { allowedPhases, isAllowedIn, rateableOn } from "./invariants.ts"
import type { Rejection } from "./Rejections.ts"
import { isNegativeLevel, type Level, type State } from "./State.ts"

/**
 * The deployment's rating settings:
 *
 * - `calendar`: the working-day calendar deadlines are counted on;
 * - `handlingWorkingDays`: a negative rating is closed (verified, handled, called back) within
 *   this many working days of the rating;
 * - `rectificationWorkingDays`: the deadline of a rectification by deadline (5, 7 or 15 are
 *   common);
 * - `defaultRating`: the level recorded when no answer came within `afterWorkingDays` of the
 *   opening (some provinces: 3, basically satisfied, after 5), or `null` for none.
 *
 * @category models
 * @since 0.3.0
 */
export interface Settings {
  readonly calendar: WorkCalendar.WorkCalendar
  readonly handlingWorkingDays: number
  readonly rectificationWorkingDays: number
  readonly defaultRating: { readonly level: Level; readonly afterWorkingDays: number } | null
}

/**
 * The settings used when a deployment gives none: mainland China's calendar, 15 working days to
 * close a negative, 7 to rectify by deadline, and a default rating of 3 (basically satisfied)
 * after 5 working days.
 *
 * @category models
 * @since 0.3.0
 */
export const defaultSettings: Settings = {
  calendar: WorkCalendar.chinaMainland,
  handlingWorkingDays: 15,
  rectificationWorkingDays: 7,
  defaultRating: { level: 3, afterWorkingDays: 5 },
}

/**
 * The roles that may issue each command: the window clerk opens a rating after a visit (the runtime
 * opens the online one), the applicant or its agent rates, the unit's staff handle a negative and
 * appeal it, a supervisor decides appeals, and the runtime's timer records the default rating.
 *
 * @category models
 * @since 0.3.0
 */
export const requiredRoles: { readonly [K in Command["_tag"]]: ReadonlyArray<Role> } = {
  OpenRating: ["windowClerk", "system"],
  GiveRating: ["applicant", "agent"],
  RecordDefaultRating: ["system"],
  VerifyNegative: ["windowClerk", "reviewer", "approver", "authorityHead"],
  RectifyAtOnce: ["windowClerk", "reviewer", "approver", "authorityHead"],
  RectifyByDeadline: ["windowClerk", "reviewer", "approver", "authorityHead"],
  CompleteRectification: ["windowClerk", "reviewer", "approver", "authorityHead"],
  ExplainNegative: ["windowClerk", "reviewer", "approver", "authorityHead"],
  RecordCallback: ["windowClerk", "reviewer", "approver", "authorityHead"],
  AppealRating: ["approver", "authorityHead"],
  DecideAppeal: ["supervisor"],
}

type Decision = Result.Result<ReadonlyArray<Event>, Rejection>

const emit = (...events: ReadonlyArray<Event>): Decision => Result.succeed(events)

const counted = (
  settings: Settings,
  from: CalendarDate.CalendarDate,
  days: number,
): Result.Result<CalendarDate.CalendarDate, Rejection> => WorkCalendar.addWorkingDays(settings.calendar, from, days)

/**
 * `decide` for the given settings.
 *
 * @category constructors
 * @since 0.3.0
 */
export const makeDecide =
  (settings: Settings) =>
  (command: Command, state: State, context: CommandContext): Decision => {
    const day = todayOf(context)
    if (Result.isFailure(day)) return Result.fail(day.failure)
    const today = day.success
    const by = context.actor.id
    if (!isAllowedIn(command._tag, state.phase)) {
      return Result.fail({
        _tag: "NotInPhase",
        ratingId: command.ratingId,
        command: command._tag,
        phase: state.phase,
        allowedIn: [...allowedPhases[command._tag]],
      })
    }
    const ratingId = command.ratingId
    switch (command._tag) {
      case "OpenRating": {
        const why = rateableOn(ratingId, command.ratedCase)
        if (why !== undefined) {
          return Result.fail({ _tag: "NotRateable", ratingId, caseNo: command.ratedCase.caseNo, why })
        }
        let defaultOn: CalendarDate.CalendarDate | null = null
        if (settings.defaultRating !== null) {
          const due = counted(settings, today, settings.defaultRating.afterWorkingDays)
          if (Result.isFailure(due)) return Result.fail(due.failure)
          defaultOn = due.success
        }
        return emit({
          _tag: "RatingOpened",
          ratingId,
          ratedCase: command.ratedCase,
          rater: command.rater,
          openedOn: today,
          defaultOn,
        })
      }
      case "GiveRating": {
        let handleBy: CalendarDate.CalendarDate | null = null
        if (isNegativeLevel(command.level)) {
          const due = counted(settings, today, settings.handlingWorkingDays)
          if (Result.isFailure(due)) return Result.fail(due.failure)
          handleBy = due.success
        }
        return emit({
          _tag: "RatingGiven",
          ratingId,
          given: {
            level: command.level,
            channel: command.channel,
            text: command.text ?? "",
            tags: [...(command.tags ?? [])],
            ratedOn: today,
            default: false,
          },
          handleBy,
        })
      }
      case "RecordDefaultRating": {
        const defaultOn = state.defaultOn
        if (settings.defaultRating === null || defaultOn === null || today <= defaultOn) {
          return Result.fail({
            _tag: "NotRateable",
            ratingId,
            caseNo: state.ratedCase?.caseNo ?? "",
            why:
              defaultOn === null
                ? "the deployment records no default rating"
                : `no default rating before ${defaultOn} has passed`,
          })
        }
        return emit({
          _tag: "RatingGiven",
          ratingId,
          given: {
            level: settings.defaultRating.level,
            channel: null,
            text: "",
            tags: [],
            ratedOn: today,
            default: true,
          },
          handleBy: null,
        })
      }
      case "VerifyNegative":
        return emit({ _tag: "NegativeVerified", ratingId, findings: command.findings, on: today, by })
      case "RectifyAtOnce":
        return emit({ _tag: "RectifiedAtOnce", ratingId, measures: command.measures, on: today, by })
      case "RectifyByDeadline": {
        const due = counted(settings, today, settings.rectificationWorkingDays)
        if (Result.isFailure(due)) return Result.fail(due.failure)
        return emit({
          _tag: "RectificationOrdered",
          ratingId,
          measures: command.measures,
          on: today,
          rectifyBy: due.success,
          by,
        })
      }
      case "CompleteRectification":
        return emit({ _tag: "RectificationCompleted", ratingId, outcome: command.outcome, on: today, by })
      case "ExplainNegative":
        return emit({ _tag: "NegativeExplained", ratingId, explanation: command.explanation, on: today, by })
      case "RecordCallback":
        return emit({
          _tag: "CallbackRecorded",
          ratingId,
          reached: command.reached,
          satisfied: command.satisfied,
          notes: command.notes,
          on: today,
          by,
        })
      case "AppealRating":
        if ((state.negative?.appeals.length ?? 0) > 0) return Result.fail({ _tag: "AlreadyAppealed", ratingId })
        return emit({ _tag: "AppealFiled", ratingId, ground: command.ground, reasons: command.reasons, on: today, by })
      case "DecideAppeal":
        return emit({
          _tag: "AppealDecided",
          ratingId,
          upheld: command.upheld,
          reasons: command.reasons,
          on: today,
          by,
        })
      default: {
        const unhandled: never = command
        return unhandled
      }
    }
  }
