/**
 * Who may issue a command. Every command names the roles that may issue it (the aggregate's
 * `requiredRoles`). Staff — an actor who qualifies only through a staff role (window clerk,
 * reviewer, approver, verifier) — must also belong to the matter's implementing authority, or to
 * the authority the matter is delegated to on the day of the command (`Matter.authorityOn`): the
 * actor's `authority` is that authority's unified social credit code and its `region` the
 * authority's division code. Applicants, agents, supervisors, catalogue administrators and the
 * `system` actor are not checked against an authority.
 *
 * @since 0.1.0
 */
import { type Actor, CalendarDate, Matter, type PublishedMatter } from "@yiciban/core"
import type { EventStore, EventStoreError } from "@yiciban/eventstore"
import { Effect } from "effect"
import type { Aggregate } from "./Aggregate.ts"
import { matter } from "./Aggregates.ts"
import { load } from "./Loader.ts"
import { NotPermitted, type UnreadableEvent } from "./RuntimeError.ts"

/**
 * The roles checked against the matter's authority.
 *
 * @category models
 * @since 0.1.0
 */
export const staffRoles: ReadonlyArray<Actor.Role> = ["windowClerk", "reviewer", "approver", "verifier"]

/**
 * Finds the authority in charge of a matter on a date (`undefined` when the matter is unknown).
 *
 * @category models
 * @since 0.1.0
 */
export type AuthorityOf = (
  matterCode: string,
  on: CalendarDate.CalendarDate,
) => Effect.Effect<
  PublishedMatter.ImplementingAuthority | undefined,
  EventStoreError.StreamError | UnreadableEvent,
  EventStore.EventStore
>

/**
 * The authority from the matter's catalogue stream: its implementing authority, or the
 * delegation in force on the date.
 *
 * @category combinators
 * @since 0.1.0
 */
export const fromCatalogue: AuthorityOf = (matterCode, on) =>
  Effect.map(load(matter, matterCode), (loaded) =>
    loaded.version === 0 ? undefined : Matter.authorityOn(loaded.state, on),
  )

/**
 * Checks the actor against the command: its roles, then (for staff) its authority and region.
 * Fails with {@link NotPermitted}.
 *
 * @example
 * ```ts
 * import { Aggregates, Authorization } from "@yiciban/runtime"
 *
 * const check = Authorization.authorize({
 *   aggregate: Aggregates.application,
 *   stream: "application-0001",
 *   command: { _tag: "AcceptApplication", caseNo: "0001" },
 *   state,
 *   actor: { id: "clerk-07", roles: ["windowClerk"], authority: "11430100MB1A38544B", region: "430100" },
 *   now: "2026-09-24T01:30:00.000Z",
 * })
 * ```
 *
 * @category combinators
 * @since 0.1.0
 */
export const authorize = <S, C extends { readonly _tag: string }>(input: {
  readonly aggregate: Aggregate<S, C, any, any>
  readonly stream: string
  readonly command: C
  readonly state: S
  readonly actor: Actor.Actor
  readonly now: string
  readonly authorityOf?: AuthorityOf | undefined
}): Effect.Effect<void, NotPermitted | EventStoreError.StreamError | UnreadableEvent, EventStore.EventStore> =>
  Effect.gen(function* () {
    const { actor, command } = input
    const refuse = (reason: "role" | "authority", detail: string) =>
      Effect.fail(new NotPermitted({ stream: input.stream, command: command._tag, actorId: actor.id, reason, detail }))
    const required = input.aggregate.requiredRoles(command)
    const qualifying = actor.roles.filter((role) => required.includes(role))
    if (qualifying.length === 0) return yield* refuse("role", `requires one of ${required.join(", ")}`)
    if (qualifying.some((role) => !staffRoles.includes(role))) return
    const scope = input.aggregate.authority?.(command, input.state)
    if (scope === undefined) return
    const today = CalendarDate.ofInstant(input.now)
    const authority = (yield* (input.authorityOf ?? fromCatalogue)(scope.matterCode, today)) ?? scope.pinned
    if (authority === undefined)
      return yield* refuse("authority", `no implementing authority known for ${scope.matterCode}`)
    if (actor.authority !== authority.creditCode || actor.region !== authority.division) {
      return yield* refuse(
        "authority",
        `on ${today} matter ${scope.matterCode} is implemented by ${authority.name} (${authority.creditCode}, region ${authority.division}); the actor belongs to ${actor.authority ?? "no authority"}, region ${actor.region ?? "none"}`,
      )
    }
  })
