/**
 * The bundle case view: a bundle case with its joint clock and each child with its own clock and
 * outcome, for the applicant, the lead department and each member's department — authorized like
 * reads (a child the reader may not see is listed without its clock: its number, matter and
 * authority only). A member's department (staff of an authority that judges a member, its delegate
 * included) that may not read the case itself gets the masked view: its own children in full, the
 * others without phase or clock, identity numbers masked.
 *
 * @since 0.3.0
 */
import { type Actor, Application, type BundleApplication, CalendarDate, WorkCalendar } from "@yiciban/core"
import type { EventStore, EventStoreError } from "@yiciban/eventstore"
import * as Effect from "effect/Effect"
import * as Result from "effect/Result"
import * as Aggregates from "./Aggregates.ts"
import { isStaffRole, maskIdentityNumbers, readAccess, unreadable } from "./Authorization.ts"
import { load } from "./Loader.ts"
import { NotFound, NotPermitted, type UnreadableEvent } from "./RuntimeError.ts"

/**
 * One child in the view: its case, matter, authority, how it was accepted, its phase and clock
 * (`undefined` when the reader may not see the child) and its outcome.
 *
 * @category models
 * @since 0.3.0
 */
export interface ChildView {
  readonly caseNo: string
  readonly matterCode: string
  readonly authority: string
  readonly acceptance: BundleApplication.MemberAcceptance["_tag"]
  readonly outcome: BundleApplication.ChildOutcome | null
  readonly phase: Application.Phase | undefined
  readonly clock: Application.ClockView | undefined
}

/**
 * A bundle case as its view shows it.
 *
 * @category models
 * @since 0.3.0
 */
export interface BundleCaseView {
  readonly caseNo: string
  readonly phase: BundleApplication.Phase
  readonly bundle: { readonly bundleId: string; readonly version: number; readonly name: string }
  readonly jointClock: BundleApplication.JointClock | null
  readonly jointWorkingDaysLeft: number | undefined
  readonly children: ReadonlyArray<ChildView>
}

/**
 * The view of bundle case `caseNo` for `actor` on the day of `now`: `NotPermitted` when the actor may
 * not read it; `NotFound` for a case that does not exist, told only to readers by jurisdiction (an
 * applicant gets the same refusal for a case that does not exist as for another's: `Authorization.unreadable`).
 *
 * @category combinators
 * @since 0.3.0
 */
export const viewOf = (
  actor: Actor.Actor,
  caseNo: string,
  now: string,
  calendar: WorkCalendar.WorkCalendar,
): Effect.Effect<
  BundleCaseView,
  NotFound | NotPermitted | EventStoreError.StreamError | UnreadableEvent,
  EventStore.EventStore
> =>
  Effect.gen(function* () {
    const aggregate = Aggregates.bundleApplication
    const loaded = yield* load(aggregate, caseNo)
    const exists = loaded.version > 0 && loaded.state.bundle !== null
    const caseAccess = exists ? yield* readAccess({ aggregate, state: loaded.state, actor, now }) : undefined
    // a member's department reads the case through its own children: masked, the others' without phase or clock
    const access =
      caseAccess?._tag === "Refused" && isMemberStaff(actor, loaded.state) ? { _tag: "Masked" as const } : caseAccess
    if (access === undefined || access._tag === "Refused") {
      // one answer for a case that does not exist and one the actor may not read (no probing of case numbers)
      const answer = unreadable(actor, access, false)
      if (answer._tag === "NotFound") return yield* new NotFound({ aggregate: aggregate.name, id: caseNo })
      return yield* new NotPermitted({
        stream: loaded.stream,
        command: "read",
        actorId: actor.id,
        reason: answer.reason,
        detail: answer.detail,
      })
    }
    const today = CalendarDate.ofInstant(now)
    const state = loaded.state
    const children = yield* Effect.forEach(state.children, (child) =>
      Effect.gen(function* () {
        const base = {
          caseNo: child.caseNo,
          matterCode: child.implementationCode,
          authority: child.authority.creditCode,
          acceptance: child.acceptance._tag,
          outcome: child.outcome,
        }
        const childCase = yield* load(Aggregates.application, child.caseNo)
        const seen =
          childCase.version === 0
            ? { _tag: "Refused" as const }
            : yield* readAccess({ aggregate: Aggregates.application, state: childCase.state, actor, now })
        if (seen._tag === "Refused") return { ...base, phase: undefined, clock: undefined }
        const clock = Application.clockView(childCase.state, today, calendar)
        return { ...base, phase: childCase.state.phase, clock: Result.isSuccess(clock) ? clock.success : undefined }
      }),
    )
    const clock = state.clock
    const view: BundleCaseView = {
      caseNo: state.caseNo,
      phase: state.phase,
      bundle: { bundleId: state.bundle!.bundleId, version: state.bundle!.version, name: state.bundle!.name },
      jointClock: clock,
      jointWorkingDaysLeft: clock === null ? undefined : workingDaysLeft(calendar, today, clock.dueOn),
      children,
    }
    return access._tag === "Full" ? view : maskIdentityNumbers(view)
  })

/**
 * The actor is staff of an authority that judges one of the case's members: the member's
 * implementing authority, or the one it was delegated to on the day of submission (and, once
 * accepted, the child's authority).
 */
const isMemberStaff = (actor: Actor.Actor, state: BundleApplication.State): boolean => {
  if (actor.authority === undefined || !actor.roles.some(isStaffRole)) return false
  const authorities = new Set<string>([
    ...(state.bundle?.members ?? []).map((m) => m.implementingAuthority.creditCode),
    ...state.delegations.map((d) => d.authority.creditCode),
    ...state.children.map((c) => c.authority.creditCode),
  ])
  return authorities.has(actor.authority)
}

const workingDaysLeft = (
  calendar: WorkCalendar.WorkCalendar,
  today: CalendarDate.CalendarDate,
  due: CalendarDate.CalendarDate,
): number | undefined => {
  if (today > due) return 0
  const between = WorkCalendar.workingDaysBetween(calendar, today, due)
  return Result.isSuccess(between) ? between.success : undefined
}
