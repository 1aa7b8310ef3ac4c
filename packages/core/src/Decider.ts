/**
 * The Decider kernel: every aggregate in Yiciban is a pure `decide` / `evolve` pair over an
 * initial state. `decide` never reads a clock, a random source or a store: time, the acting
 * {@link Actor} and facts fetched elsewhere arrive in the {@link CommandContext}.
 *
 * @since 0.1.0
 */
import * as Result from "effect/Result"
import * as Schema from "effect/Schema"
import type { Actor } from "./Actor.ts"
import * as CalendarDate from "./CalendarDate.ts"

/**
 * Everything `decide` may know besides the command and the state.
 *
 * - `now`: the instant the command is decided, as an ISO-8601 UTC string
 *   (`2026-09-24T01:30:00.000Z`). The working day it falls on is
 *   `CalendarDate.ofInstant(now)`.
 * - `actor`: who issues the command, in which roles, for which authority and region.
 * - `facts`: data the caller fetched beforehand (for example the applicant's credit standing).
 *
 * @example
 * ```ts
 * import type { CommandContext } from "@yiciban/core"
 *
 * const context: CommandContext = {
 *   now: "2026-09-24T01:30:00.000Z",
 *   actor: { id: "clerk-7", roles: ["windowClerk"] },
 *   facts: {},
 * }
 * ```
 *
 * @category models
 * @since 0.1.0
 */
export interface CommandContext<Facts = {}> {
  readonly now: string
  readonly actor: Actor
  readonly facts: Facts
}

/**
 * `context.now` is not an ISO-8601 instant with a zone (see `CalendarDate.isInstant`): the
 * rejection of every `decide` that reads today with {@link today}.
 *
 * @category errors
 * @since 0.1.0
 */
export const InvalidInstant = Schema.TaggedStruct("InvalidInstant", {
  now: Schema.String,
})

/**
 * @category models
 * @since 0.1.0
 */
export type InvalidInstant = typeof InvalidInstant.Type

/**
 * The day `context.now` falls on in Beijing time (UTC+8), or {@link InvalidInstant} when it is not
 * an ISO-8601 instant with a zone. It never throws, so `decide` can use it on any input.
 *
 * @example
 * ```ts
 * import { Decider } from "@yiciban/core"
 *
 * Decider.today({ now: "2026-09-30T17:00:00.000Z", actor, facts: {} }) // Result.succeed("2026-10-01")
 * Decider.today({ now: "2026-09-30 17:00", actor, facts: {} }) // Result.fail({ _tag: "InvalidInstant", now: "2026-09-30 17:00" })
 * ```
 *
 * @category combinators
 * @since 0.1.0
 */
export const today = (context: { readonly now: string }): Result.Result<CalendarDate.CalendarDate, InvalidInstant> =>
  CalendarDate.isInstant(context.now)
    ? Result.succeed(CalendarDate.ofInstant(context.now))
    : Result.fail({ _tag: "InvalidInstant", now: String(context.now) })

/**
 * An aggregate as three pure parts: the state before any event, a total `decide` that turns a
 * command into events or a typed rejection, and a total `evolve` that applies one event.
 *
 * @example
 * ```ts
 * import { Result } from "effect"
 * import type { Decider } from "@yiciban/core"
 *
 * type Counter = { readonly count: number }
 * type Add = { readonly _tag: "Add"; readonly by: number }
 * type Added = { readonly _tag: "Added"; readonly by: number }
 * type TooBig = { readonly _tag: "TooBig"; readonly limit: number }
 *
 * const counter: Decider<Counter, Add, Added, TooBig> = {
 *   initialState: { count: 0 },
 *   decide: (command, state) =>
 *     state.count + command.by > 10
 *       ? Result.fail({ _tag: "TooBig", limit: 10 })
 *       : Result.succeed([{ _tag: "Added", by: command.by }]),
 *   evolve: (state, event) => ({ count: state.count + event.by }),
 * }
 * ```
 *
 * @category models
 * @since 0.1.0
 */
export interface Decider<State, Command, Event, Rejection, Context = CommandContext> {
  readonly initialState: State
  readonly decide: (command: Command, state: State, context: Context) => Result.Result<ReadonlyArray<Event>, Rejection>
  readonly evolve: (state: State, event: Event) => State
}

/**
 * The state type of a decider.
 *
 * @category models
 * @since 0.1.0
 */
export type StateOf<D> = D extends Decider<infer S, any, any, any, any> ? S : never

/**
 * The command type of a decider.
 *
 * @category models
 * @since 0.1.0
 */
export type CommandOf<D> = D extends Decider<any, infer C, any, any, any> ? C : never

/**
 * The event type of a decider.
 *
 * @category models
 * @since 0.1.0
 */
export type EventOf<D> = D extends Decider<any, any, infer E, any, any> ? E : never

/**
 * The rejection type of a decider.
 *
 * @category models
 * @since 0.1.0
 */
export type RejectionOf<D> = D extends Decider<any, any, any, infer R, any> ? R : never

/**
 * The context type of a decider.
 *
 * @category models
 * @since 0.1.0
 */
export type ContextOf<D> = D extends Decider<any, any, any, any, infer X> ? X : never

/**
 * Applies events to a state in order. With no starting state it starts from
 * `initialState`, which makes it the replay of a whole stream.
 *
 * @example
 * ```ts
 * import { Decider } from "@yiciban/core"
 *
 * const state = Decider.fold(counter, [{ _tag: "Added", by: 2 }, { _tag: "Added", by: 3 }])
 * // state.count === 5
 * ```
 *
 * @category combinators
 * @since 0.1.0
 */
export const fold = <S, E>(
  decider: Pick<Decider<S, any, E, any, any>, "initialState" | "evolve">,
  events: Iterable<E>,
  from: S = decider.initialState,
): S => {
  let state = from
  for (const event of events) state = decider.evolve(state, event)
  return state
}

/**
 * The outcome of running one command: the events `decide` produced and the state after them.
 *
 * @category models
 * @since 0.1.0
 */
export interface Decision<S, E> {
  readonly events: ReadonlyArray<E>
  readonly state: S
}

/**
 * Decides one command against a state and, when accepted, evolves the state by the resulting
 * events.
 *
 * @example
 * ```ts
 * import { Result } from "effect"
 * import { Decider } from "@yiciban/core"
 *
 * const outcome = Decider.run(counter, counter.initialState, { _tag: "Add", by: 4 }, context)
 * if (Result.isSuccess(outcome)) outcome.success.state.count // 4
 * ```
 *
 * @category combinators
 * @since 0.1.0
 */
export const run = <S, C, E, R, X>(
  decider: Decider<S, C, E, R, X>,
  state: S,
  command: C,
  context: X,
): Result.Result<Decision<S, E>, R> =>
  Result.map(decider.decide(command, state, context), (events) => ({
    events,
    state: fold(decider, events, state),
  }))

/**
 * Runs several commands one after the other, each against the state the previous one left.
 * Stops at the first rejection.
 *
 * @category combinators
 * @since 0.1.0
 */
export const runAll = <S, C, E, R, X>(
  decider: Decider<S, C, E, R, X>,
  state: S,
  steps: Iterable<readonly [command: C, context: X]>,
): Result.Result<Decision<S, E>, R> => {
  const events: Array<E> = []
  let current = state
  for (const [command, context] of steps) {
    const outcome = run(decider, current, command, context)
    if (Result.isFailure(outcome)) return outcome
    events.push(...outcome.success.events)
    current = outcome.success.state
  }
  return Result.succeed({ events, state: current })
}

/**
 * The schema version of every event type of an aggregate. Stored with each event so that old
 * versions can be upcast on read.
 *
 * @example
 * ```ts
 * import type { Decider } from "@yiciban/core"
 *
 * const versions: Decider.EventVersions<{ _tag: "Added" } | { _tag: "Removed" }> = {
 *   Added: 1,
 *   Removed: 2,
 * }
 * ```
 *
 * @category models
 * @since 0.1.0
 */
export type EventVersions<E extends { readonly _tag: string }> = {
  readonly [K in E["_tag"]]: number
}
