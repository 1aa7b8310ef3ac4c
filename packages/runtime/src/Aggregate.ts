/**
 * What the runtime needs to know about an aggregate, handed to it as a parameter (the runtime
 * never switches on an aggregate's or an event's name): its decider, its stream name, the schemas
 * of its commands and events with their versions, the roles each command requires, where its
 * facts come from, which matter's authority scopes it, and what it projects inline (a row in the
 * case list and its due timers).
 *
 * @since 0.1.0
 */
import type { Actor, Decider, PublishedMatter } from "@yiciban/core"
import type { EventStore } from "@yiciban/eventstore"
import type { Effect, Schema } from "effect"

/**
 * A deadline derived from an aggregate's state, kept in the due-timer table.
 *
 * - `key`: unique and stable within the stream (the timer's id is `<stream>/<key>`; put the due
 *   date in the key so a moved deadline is a new timer);
 * - `dueAt`: the ISO instant from which it fires;
 * - `command`: the follow-up command the scheduler dispatches (as the `system` actor, with the
 *   timer's id as the command id), or none for a warning that is only reported;
 * - `notice`: what the timer means, for people (timelines, warnings);
 * - `provisional`: the due date was counted through a provisional year of the working-day
 *   calendar (its State Council notice not loaded yet) and may move when it is (put the mark in
 *   the key too, so a confirmed deadline is a new timer).
 *
 * @category models
 * @since 0.1.0
 */
export interface TimerSpec {
  readonly key: string
  readonly dueAt: string
  readonly notice: string
  readonly command?: FollowUp | undefined
  readonly provisional?: boolean | undefined
}

/**
 * A command addressed to an aggregate by its `name` and id.
 *
 * @category models
 * @since 0.1.0
 */
export interface FollowUp {
  readonly aggregate: string
  readonly id: string
  readonly command: { readonly _tag: string; readonly [field: string]: unknown }
}

/**
 * The case-list row of a stream: its status and a few display fields (JSON).
 *
 * @category models
 * @since 0.1.0
 */
export interface Summary {
  readonly status: string
  readonly title?: string | undefined
  readonly detail?: Schema.Json | undefined
}

/**
 * Where the authority over a command comes from: the matter whose implementing authority (or a
 * delegation of it in force on the day) the staff actor must belong to, and the authority pinned
 * in the case (used when the matter's catalogue stream is not in this store).
 *
 * @category models
 * @since 0.1.0
 */
export interface AuthorityScope {
  readonly matterCode: string
  readonly pinned?: PublishedMatter.ImplementingAuthority | undefined
}

/**
 * What a fact provider is given.
 *
 * @category models
 * @since 0.1.0
 */
export interface FactsInput<S, C> {
  readonly id: string
  readonly command: C
  readonly state: S
  readonly actor: Actor.Actor
  readonly now: string
}

/**
 * An aggregate as the runtime sees it.
 *
 * - `name`: the stream category (`application` → streams `application-<id>`);
 * - `decider`, `commandSchema`, `eventSchema`, `eventVersions`;
 * - `requiredRoles(command)`: the roles that may issue it;
 * - `facts(input)`: the command context's facts (default `{}`), read from other streams;
 * - `authority(command, state)`: the matter that scopes staff actors (none: no authority check);
 * - `summary(state)`: its row in the inline case list (none: no row);
 * - `timers(state, id)`: the deadlines it has now (the runtime keeps the due-timer table equal to
 *   them, inline with every append);
 * - `snapshot`: the state schema, its version and how often (in events) to save one.
 *
 * @category models
 * @since 0.1.0
 */
export interface Aggregate<S, C extends { readonly _tag: string }, E extends { readonly _tag: string }, F = {}> {
  readonly name: string
  readonly decider: Decider.Decider<S, C, E, unknown, Decider.CommandContext<F>>
  readonly commandSchema: Schema.Codec<C, any>
  readonly eventSchema: Schema.Codec<E, any>
  readonly eventVersions: { readonly [tag: string]: number }
  readonly requiredRoles: (command: C) => ReadonlyArray<Actor.Role>
  readonly facts?: ((input: FactsInput<S, C>) => Effect.Effect<F, unknown, EventStore.EventStore>) | undefined
  readonly authority?: ((command: C, state: S) => AuthorityScope | undefined) | undefined
  readonly summary?: ((state: S) => Summary | undefined) | undefined
  readonly timers?: ((state: S, id: string) => ReadonlyArray<TimerSpec>) | undefined
  readonly snapshot?:
    | { readonly schema: Schema.Codec<S, any>; readonly schemaVersion: number; readonly every: number }
    | undefined
}

/**
 * Any aggregate, whatever its types.
 *
 * @category models
 * @since 0.1.0
 */
export type Any = Aggregate<any, any, any, any>

/**
 * The stream of an aggregate's instance: `<name>-<id>`.
 *
 * @category combinators
 * @since 0.1.0
 */
export const streamOf = (aggregate: Any, id: string): string => `${aggregate.name}-${id}`

/**
 * The aggregate named `name` among `aggregates`, or `undefined`.
 *
 * @category combinators
 * @since 0.1.0
 */
export const find = (aggregates: ReadonlyArray<Any>, name: string): Any | undefined =>
  aggregates.find((aggregate) => aggregate.name === name)
