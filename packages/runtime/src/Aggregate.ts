/**
 * What the runtime needs to know about an aggregate, handed to it as a parameter (the runtime
 * never switches on an aggregate's or an event's name): its decider, its stream name and how a
 * command names its instance, the schema of the commands a caller may send and how the runtime
 * completes them from trusted sources, its events with their versions, the roles each command
 * requires, who may act on and read an instance ({@link Scope}), where its facts come from, and
 * what it projects inline (a row in the case list and its due timers).
 *
 * @since 0.1.0
 */
import type { Actor, CalendarDate, Decider, PublishedMatter } from "@yiciban/core"
import type { EventStore, EventStoreError } from "@yiciban/eventstore"
import type { Effect, Schema } from "effect"
import type { PersonalField } from "./PersonalData.ts"
import type { CommandRejected, InvalidCommand, ReadModelUnavailable, UnreadableEvent } from "./RuntimeError.ts"
import type { RuntimeStore } from "./RuntimeStore.ts"
import type { SharedDataInvalid, SharedDataUnavailable } from "./SharedData.ts"

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
  /**
   * The day whose delegation decides (a case's day of submission: the authority that handled the
   * matter then judges the case to its end); absent, the day of the command.
   *
   * @since 0.2.0
   */
  readonly on?: CalendarDate.CalendarDate | undefined
}

/**
 * Who may act on and read an instance, derived from its state (and, for a command, the command):
 *
 * - `owners`: the subjects (unified social credit codes, resident identity numbers) whose own
 *   instance it is — applicants and agents act and read only where the host verified they act
 *   for one of them;
 * - `matter`: the matter whose implementing authority, or the authority it is delegated to on
 *   the day, staff must belong to;
 * - `administeredBy`: the authority that maintains it (catalogue administrators act for it);
 * - `region`: the division code it belongs to (supervisors act within their region);
 * - `public`: anyone may read it (a published catalogue entry).
 *
 * @category models
 * @since 0.2.0
 */
export interface Scope {
  readonly owners: ReadonlyArray<string>
  readonly matter?: AuthorityScope | undefined
  readonly administeredBy?: { readonly creditCode: string; readonly division: string } | undefined
  readonly region?: string | undefined
  readonly public?: boolean | undefined
  /**
   * Other authorities whose staff may read the instance (never act on it): a policy's joint
   * reviewers (联合审核) read the ledger whose awards they review. Only a read's scope names them.
   */
  readonly readers?: ReadonlyArray<{ readonly creditCode: string; readonly division: string }> | undefined
}

/**
 * Which of an aggregate's data is personal (个人信息) and whose, so the runtime can seal it, name
 * streams by pseudonym and erase it (see `PersonalData`); the runtime never looks at event names.
 *
 * - `fields(event, state)`: the personal fields of an event (paths into its encoded data, the
 *   person whose data they are, and what each reads as once the person is erased), given the
 *   state after the command's events;
 * - `instanceSubject(id)`: the person an instance id is (a person's credit record is named by its
 *   identity number): its stream is named by the person's pseudonym instead;
 * - `open(state, subject)`: the instance is an open case of its subject — or, for an instance
 *   holding several persons' data, of the person `subject` (erasure is refused while one is);
 * - `instancesOf(code)`: the instances holding the person's data that are not its own cases (a
 *   policy's ledger holds every applicant's award): erasure finds them there;
 * - `withholdSnapshot(state)`: the state holds several persons' data: no snapshot is saved (a
 *   snapshot is sealed under one person's key only), the stream is replayed from the last one;
 * - `snapshotSubject(state)`: the person whose data a snapshot of the state holds (the snapshot is
 *   sealed whole under the person's key; once erased it is ignored and the stream replayed).
 *
 * @category models
 * @since 0.2.0
 */
export interface Personal<S, E> {
  readonly fields: (event: E, state: S) => ReadonlyArray<PersonalField>
  readonly instanceSubject?: ((id: string) => string | undefined) | undefined
  readonly open?: ((state: S, subject: string) => boolean) | undefined
  readonly instancesOf?:
    | ((
        code: string,
      ) => Effect.Effect<
        ReadonlyArray<string>,
        ReadModelUnavailable | EventStoreError.StreamError | UnreadableEvent,
        EventStore.EventStore | RuntimeStore
      >)
    | undefined
  readonly withholdSnapshot?: ((state: S) => boolean) | undefined
  readonly snapshotSubject?: ((state: S) => string | undefined) | undefined
}

/**
 * What a command's completion is given: the instance, its state, the day's instant and the actor.
 *
 * @category models
 * @since 0.2.0
 */
export interface ResolveInput<S, Q> {
  readonly id: string
  readonly request: Q
  readonly state: S
  readonly actor: Actor.Actor
  readonly now: string
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
 * - `idOf(command)`: the instance a command addresses (a command sent to another instance is
 *   refused with `WrongInstance`);
 * - `commandSchema`: the commands a caller may send (decoded strictly: unknown fields are refused);
 * - `resolve(input)`: the decider's command from the caller's, completed from trusted sources —
 *   the matter's terms in force, for instance — never from the caller (default: the same command);
 * - `decider`, `eventSchema`, `eventVersions`;
 * - `requiredRoles(command)`: the roles that may issue it;
 * - `scope(state, command?)`: who may act on and read the instance ({@link Scope});
 * - `facts(input)`: the command context's facts (default `{}`), read from other streams;
 * - `summary(state)`: its row in the inline case list (none: no row);
 * - `timers(state, id)`: the deadlines it has now (the runtime keeps the due-timer table equal to
 *   them, inline with every append);
 * - `snapshot`: the state schema, its version and how often (in events) to save one;
 * - `personal`: which event fields are personal data and whose ({@link Personal});
 * - `publicIds`: its instances' ids are public knowledge (the catalogue, bundles, policies and their
 *   ledgers, licences), so any reader is told that an instance does not exist; without it (cases,
 *   credit records, ratings) a reader that does not read by jurisdiction gets the same refusal for
 *   an instance that does not exist as for another's (`Authorization.unreadable`: ids cannot be probed);
 * - `cache`: keep the latest loaded state of up to `streams` instances in this process, so a load
 *   reads only the events appended since (a long stream written often — one policy's ledger —
 *   is not decoded and folded again for every command). A stream that holds sealed personal data
 *   is never cached (an erasure must not leave it readable in memory). With `oneAtATime`, commands
 *   to one instance take turns in this process instead of racing to the append (between
 *   processes, the expected version still decides).
 *
 * `C` is the decider's command, `Q` the command a caller sends (the same unless `resolve`
 * completes it).
 *
 * @category models
 * @since 0.1.0
 */
export interface Aggregate<
  S,
  C extends { readonly _tag: string },
  E extends { readonly _tag: string },
  F = {},
  Q extends { readonly _tag: string } = C,
> {
  readonly name: string
  readonly decider: Decider.Decider<S, C, E, unknown, Decider.CommandContext<F>>
  readonly idOf: (command: Q) => string
  readonly commandSchema: Schema.Codec<Q, any>
  readonly resolve?:
    | ((
        input: ResolveInput<S, Q>,
      ) => Effect.Effect<
        C,
        | InvalidCommand
        | CommandRejected
        | ReadModelUnavailable
        | EventStoreError.StreamError
        | UnreadableEvent
        | SharedDataUnavailable
        | SharedDataInvalid,
        EventStore.EventStore | RuntimeStore
      >)
    | undefined
  readonly eventSchema: Schema.Codec<E, any>
  readonly eventVersions: { readonly [tag: string]: number }
  readonly requiredRoles: (command: Q) => ReadonlyArray<Actor.Role>
  readonly scope: (state: S, command: Q | undefined) => Scope
  readonly facts?: ((input: FactsInput<S, C>) => Effect.Effect<F, unknown, EventStore.EventStore>) | undefined
  readonly summary?: ((state: S) => Summary | undefined) | undefined
  readonly timers?: ((state: S, id: string) => ReadonlyArray<TimerSpec>) | undefined
  readonly snapshot?:
    | { readonly schema: Schema.Codec<S, any>; readonly schemaVersion: number; readonly every: number }
    | undefined
  readonly personal?: Personal<S, E> | undefined
  readonly publicIds?: boolean | undefined
  readonly cache?: { readonly streams: number; readonly oneAtATime?: boolean | undefined } | undefined
}

/**
 * Any aggregate, whatever its types.
 *
 * @category models
 * @since 0.1.0
 */
export type Any = Aggregate<any, any, any, any, any>

/**
 * The stream of an aggregate's instance: `<name>-<id>` (for an instance that is a person, the
 * runtime names the stream by pseudonym instead: `PersonalData.streamFor`).
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
