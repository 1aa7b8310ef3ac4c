/**
 * Command handling: decode the command strictly → check it names the instance it was sent to →
 * load (latest snapshot + the events after it) → authorize the principal → answer a repeated
 * command id with its earlier outcome → complete the command from trusted sources (`resolve`) →
 * decide with its context (`now` from effect's `Clock`, the actor, facts from the aggregate's
 * providers) → append with `exact(version)` together with the inline read models (case list,
 * due timers).
 *
 * - **Trust boundary**: the command is what the actor asserts; a field the schema does not name
 *   is refused (`InvalidCommand`), so a caller can never supply what the runtime looks up — the
 *   matter's terms in force, the credit standing. A command whose own id (case number, matter code,
 *   subject) is not the instance it was sent to is refused (`WrongInstance`).
 * - **Authorization first**: the principal is checked before anything about the instance is
 *   answered, including the outcome of a repeated command id.
 * - **Conflicts**: when another writer appended first (`VersionConflict`), the command is decided
 *   again on the reloaded stream, at most `maxAttempts` times in all (default 5), then
 *   `TooMuchContention`.
 * - **Idempotency by command id**: every event carries its `commandId` in its metadata. When the
 *   loaded events already hold events of this command id, the command returns that earlier
 *   outcome (`duplicate: true`) and appends nothing. The window is the events after the latest
 *   snapshot (every event when the aggregate keeps no snapshots). Event ids are derived from the
 *   stream, the command id and the event's index, so a command re-sent after a lost reply is also
 *   recognised by the store. A rejected command appends nothing and leaves no trace: sent again, it
 *   is decided again.
 * - **Errors** are typed: `InvalidCommand`, `WrongInstance`, `NotPermitted`, `CommandRejected` (the
 *   aggregate's rejection inside), `UnreadableEvent`, `TooMuchContention`, `ReadModelUnavailable`
 *   and the store's errors. Nothing is appended on any of them.
 *
 * @since 0.1.0
 */
import { createHash } from "node:crypto"
import type { Actor } from "@yiciban/core"
import { CalendarDate, Decider, IdentityCode } from "@yiciban/core"
import { EventEnvelope, EventStore, EventStoreError, ExpectedVersion } from "@yiciban/eventstore"
import type { Schema } from "effect"
import * as Clock from "effect/Clock"
import * as Effect from "effect/Effect"
import * as Option from "effect/Option"
import * as Result from "effect/Result"
import * as Semaphore from "effect/Semaphore"
import type { Aggregate, Any, Scope } from "./Aggregate.ts"
import { type AuthorityOf, authorize, fromCatalogue, fromCatalogueOnce } from "./Authorization.ts"
import { decodeCommand } from "./Input.ts"
import { encoderOf } from "./internal/codecs.ts"
import { actorOf, type Principal } from "./internal/system.ts"
import { decodeEvent, load } from "./Loader.ts"
import { Keyring, pseudonymIfPerson, sealFields, streamFor } from "./PersonalData.ts"
import {
  CommandRejected,
  InvalidCommand,
  type NotPermitted,
  PersonalDataUnprotected,
  type ReadModelUnavailable,
  TooMuchContention,
  type UnreadableEvent,
  WrongInstance,
} from "./RuntimeError.ts"
import { type CaseAccess, RuntimeStore } from "./RuntimeStore.ts"
import type { SharedDataInvalid, SharedDataUnavailable } from "./SharedData.ts"

/**
 * Options of one command: its id (default: a fresh UUIDv7), the conversation it belongs to
 * (default: its own id), what caused it (default: its own id), how to find a matter's authority
 * and how many attempts a conflict gets.
 *
 * @category models
 * @since 0.1.0
 */
export interface HandleOptions {
  readonly commandId?: string | undefined
  readonly correlationId?: string | undefined
  readonly causationId?: string | undefined
  readonly authorityOf?: AuthorityOf | undefined
  readonly maxAttempts?: number | undefined
  /**
   * The stream version the caller decided on (an HTTP `If-Match`): when the stream is at another
   * version the command fails with `VersionConflict` and is not decided again. A repeated command
   * id still answers its earlier outcome. Default: none (conflicts are retried).
   *
   * @since 0.2.0
   */
  readonly expectedVersion?: number | undefined
}

/**
 * What a handled command did: the events it produced (or, for a repeated command id, the events
 * it produced the first time), the stream's version and the aggregate's state after them.
 *
 * @category models
 * @since 0.1.0
 */
export interface Outcome<S, E> {
  readonly stream: string
  readonly commandId: string
  readonly events: ReadonlyArray<E>
  readonly version: number
  readonly state: S
  readonly duplicate: boolean
}

/**
 * Everything `handle` may fail with.
 *
 * @category errors
 * @since 0.1.0
 */
export type HandleError =
  | CommandRejected
  | NotPermitted
  | InvalidCommand
  | WrongInstance
  | UnreadableEvent
  | TooMuchContention
  | ReadModelUnavailable
  | PersonalDataUnprotected
  | EventStoreError.AppendError
  | EventStoreError.TamperDetected
  | SharedDataUnavailable
  | SharedDataInvalid

/**
 * A UUID (version 8, RFC 9562) from the SHA-256 of the stream, the command id and the index. Hashed
 * synchronously (node:crypto): WebCrypto's `digest` is asynchronous and runs on the thread pool,
 * which left the command path waiting on it (38% idle in the in-memory runtime's profile).
 */
const derivedEventIds = (stream: string, commandId: string, count: number): Effect.Effect<Array<string>> =>
  Effect.sync(() =>
    Array.from({ length: count }, (_, index) => {
      const digest = createHash("sha256").update(`${stream}\n${commandId}\n${index}`).digest()
      digest[6] = (digest[6]! & 0x0f) | 0x80
      digest[8] = (digest[8]! & 0x3f) | 0x80
      const h = digest.toString("hex", 0, 16)
      return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20, 32)}`
    }),
  )

/**
 * The case-list access of an instance from its scope: its owners, the authority in charge on the
 * day (for staff) and its region (for supervisors).
 *
 * @category combinators
 * @since 0.2.0
 */
export const accessOf = (
  scope: Scope,
  now: string,
  authorityOf: AuthorityOf = fromCatalogue,
): Effect.Effect<CaseAccess, EventStoreError.StreamError | UnreadableEvent, EventStore.EventStore> =>
  Effect.gen(function* () {
    const authority =
      scope.matter === undefined
        ? scope.administeredBy
        : ((yield* authorityOf(scope.matter.matterCode, CalendarDate.ofInstant(now))) ?? scope.matter.pinned)
    return {
      owners: scope.owners,
      authority: authority?.creditCode,
      region: scope.region ?? authority?.division,
      public: scope.public === true,
    }
  })

/**
 * The actor as recorded in event metadata: the persons among its subjects named by pseudonym (an
 * enterprise's credit code stays as it is).
 *
 * @category combinators
 * @since 0.2.0
 */
export const recordedActor = (
  actor: Actor.Actor,
  keyring: Keyring["Service"] | undefined,
  stream: string,
): Effect.Effect<Actor.Actor, PersonalDataUnprotected> =>
  Effect.gen(function* () {
    if (actor.subjects === undefined) return actor
    if (keyring === undefined) {
      if (actor.subjects.some((subject) => IdentityCode.isResidentIdNumber(subject.code))) {
        return yield* new PersonalDataUnprotected({ stream, detail: "the actor acts for a person" })
      }
      return actor
    }
    return {
      ...actor,
      subjects: actor.subjects.map((subject) => ({ ...subject, code: pseudonymIfPerson(keyring, subject.code) })),
    }
  })

/**
 * A case row's access with its person owners named by pseudonym (readers' visibility is
 * pseudonymised the same way, `Authorization.visibilityOf`).
 *
 * @category combinators
 * @since 0.2.0
 */
export const pseudonymousAccess = (
  access: CaseAccess,
  keyring: Keyring["Service"] | undefined,
  stream: string,
): Effect.Effect<CaseAccess, PersonalDataUnprotected> =>
  Effect.gen(function* () {
    if (keyring === undefined) {
      if (access.owners.some((owner) => IdentityCode.isResidentIdNumber(owner))) {
        return yield* new PersonalDataUnprotected({ stream, detail: "the case is owned by a person" })
      }
      return access
    }
    return { ...access, owners: access.owners.map((owner) => pseudonymIfPerson(keyring, owner)) }
  })

/**
 * Handles one command against the aggregate's instance `addressed` (`undefined`: the instance the
 * command names), as `principal` (an actor the host built and checked with `Input.decodeActor`;
 * the runtime's scheduler and process managers pass their own capability).
 *
 * @example
 * ```ts
 * import { Effect } from "effect"
 * import { Aggregates, CommandHandler, RuntimeStore } from "@yiciban/runtime"
 *
 * const program = CommandHandler.handle(
 *   Aggregates.application,
 *   "SCJG-2026-000731",
 *   { _tag: "AcceptApplication", caseNo: "SCJG-2026-000731" },
 *   { id: "clerk-07", roles: ["windowClerk"], authority: "11430100MB1A38544B", region: "430100" },
 *   { commandId: "accept-000731" },
 * ).pipe(Effect.provide(RuntimeStore.layerMemory()))
 * ```
 *
 * @category combinators
 * @since 0.1.0
 */
export const handle = <
  S,
  C extends { readonly _tag: string },
  E extends { readonly _tag: string },
  F,
  Q extends { readonly _tag: string },
>(
  aggregate: Aggregate<S, C, E, F, Q>,
  addressed: string | undefined,
  command: Q | { readonly _tag: string },
  principal: Principal,
  options: HandleOptions = {},
): Effect.Effect<Outcome<S, E>, HandleError, EventStore.EventStore | RuntimeStore> => {
  const attempts = handleAttempts(aggregate, addressed, command, principal, options)
  if (aggregate.cache?.oneAtATime !== true) return attempts
  // Commands to one instance of such an aggregate take turns in this process: they would
  // otherwise load and decide at once and all but one lose the append (optimistic concurrency
  // still decides between processes).
  return Effect.gen(function* () {
    const decoded = decodeCommand<Q>(aggregate as Any, command)
    if (Result.isFailure(decoded)) return yield* attempts
    const stream = yield* streamFor(aggregate as Any, aggregate.idOf(decoded.success))
    return yield* turnOf(yield* EventStore.EventStore, stream).withPermits(1)(attempts)
  })
}

/** One turn per stream per event store, for aggregates whose commands take turns in a process. */
const turns = new WeakMap<object, Map<string, Semaphore.Semaphore>>()

const turnOf = (store: object, stream: string): Semaphore.Semaphore => {
  let byStream = turns.get(store)
  if (byStream === undefined) {
    byStream = new Map()
    turns.set(store, byStream)
  }
  let turn = byStream.get(stream)
  if (turn === undefined) {
    // Bounded: forgetting a turn costs only lost races, never correctness.
    if (byStream.size >= 4096) byStream.clear()
    turn = Semaphore.makeUnsafe(1)
    byStream.set(stream, turn)
  }
  return turn
}

const handleAttempts = <
  S,
  C extends { readonly _tag: string },
  E extends { readonly _tag: string },
  F,
  Q extends { readonly _tag: string },
>(
  aggregate: Aggregate<S, C, E, F, Q>,
  addressed: string | undefined,
  command: Q | { readonly _tag: string },
  principal: Principal,
  options: HandleOptions,
): Effect.Effect<Outcome<S, E>, HandleError, EventStore.EventStore | RuntimeStore> =>
  Effect.gen(function* () {
    const decoded = decodeCommand<Q>(aggregate as Any, command)
    if (Result.isFailure(decoded)) return yield* decoded.failure
    const request = decoded.success
    const id = aggregate.idOf(request)
    if (addressed !== undefined && addressed !== id) {
      return yield* new WrongInstance({ aggregate: aggregate.name, addressed, named: id, command: request._tag })
    }
    const actor: Actor.Actor = actorOf(principal)
    const runtimeStore = yield* RuntimeStore
    const store = yield* EventStore.EventStore
    const stream = yield* streamFor(aggregate as Any, id)
    const keyring = Option.getOrUndefined(yield* Effect.serviceOption(Keyring))
    const commandId = options.commandId ?? (yield* EventEnvelope.makeEventId)
    const maxAttempts = options.maxAttempts ?? 5
    for (let attempt = 1; attempt <= maxAttempts; attempt++) {
      const loaded = yield* load(aggregate, id)
      const now = new Date(yield* Clock.currentTimeMillis).toISOString()
      // The authority check and the case list's access ask for the same matter's authority: the
      // catalogue is read once per attempt (an attempt after a conflict reads it again).
      const authorityOf = options.authorityOf ?? fromCatalogueOnce()
      yield* authorize({
        aggregate,
        stream,
        command: request,
        state: loaded.state,
        principal,
        now,
        authorityOf,
      })
      const earlier = loaded.tail.filter((event) => event.metadata.commandId === commandId)
      if (earlier.length > 0) {
        const events: Array<E> = []
        for (const event of earlier) events.push(yield* Effect.fromResult(decodeEvent(aggregate, event)))
        return { stream, commandId, events, version: loaded.version, state: loaded.state, duplicate: true }
      }
      if (options.expectedVersion !== undefined && options.expectedVersion !== loaded.version) {
        return yield* new EventStoreError.VersionConflict({
          stream,
          expected: ExpectedVersion.exact(options.expectedVersion),
          actual: loaded.version,
        })
      }
      const valid: C =
        aggregate.resolve === undefined
          ? (request as unknown as C)
          : yield* aggregate.resolve({ id, request, state: loaded.state, actor, now })
      const facts = (
        aggregate.facts === undefined
          ? {}
          : yield* Effect.mapError(
              aggregate.facts({ id, command: valid, state: loaded.state, actor, now }),
              (error) => new InvalidCommand({ aggregate: aggregate.name, detail: `facts: ${String(error)}` }),
            )
      ) as F
      const decision = Decider.run(aggregate.decider, loaded.state, valid, { now, actor, facts })
      if (Result.isFailure(decision)) {
        return yield* new CommandRejected({
          aggregate: aggregate.name,
          stream,
          command: valid._tag,
          commandId,
          rejection: decision.failure,
        })
      }
      const { events, state } = decision.success
      if (events.length === 0) {
        return { stream, commandId, events, version: loaded.version, state, duplicate: false }
      }
      const ids = yield* derivedEventIds(stream, commandId, events.length)
      const newEvents: Array<EventEnvelope.NewEvent> = []
      for (const [index, event] of events.entries()) {
        const data = encoderOf(aggregate.eventSchema)(event)
        if (Result.isFailure(data)) {
          return yield* new InvalidCommand({
            aggregate: aggregate.name,
            detail: `event ${event._tag}: ${data.failure.message}`,
          })
        }
        const personal = aggregate.personal?.fields(event, state) ?? []
        if (personal.length > 0 && keyring === undefined) {
          return yield* new PersonalDataUnprotected({ stream, detail: `event ${event._tag} holds personal data` })
        }
        const sealed =
          personal.length === 0
            ? data.success
            : yield* sealFields(keyring!, data.success as Schema.Json, personal).pipe(
                Effect.mapError((error) =>
                  error._tag === "MissingPersonalField"
                    ? new PersonalDataUnprotected({ stream, detail: `event ${event._tag}: ${error.message}` })
                    : error._tag === "BrokenSeal"
                      ? new PersonalDataUnprotected({
                          stream,
                          detail: `event ${event._tag}: the key of subject ${error.subject} does not unwrap (wrapped under another secret, or its row altered), so nothing can be sealed under it`,
                        })
                      : error,
                ),
              )
        newEvents.push({
          eventId: ids[index]!,
          type: event._tag,
          schemaVersion: aggregate.eventVersions[event._tag] ?? 1,
          data: sealed as EventEnvelope.NewEvent["data"],
          metadata: {
            commandId,
            correlationId: options.correlationId ?? commandId,
            causationId: options.causationId ?? commandId,
            actor: (yield* recordedActor(actor, keyring, stream)) as unknown as EventEnvelope.ActorRef,
            occurredAt: now,
          },
        })
      }
      const version = loaded.version + events.length
      const summary = aggregate.summary?.(state)
      const access = yield* pseudonymousAccess(
        yield* accessOf(aggregate.scope(state, undefined), now, authorityOf),
        keyring,
        stream,
      )
      const appended = yield* Effect.result(
        runtimeStore.append(stream, newEvents, ExpectedVersion.exact(loaded.version), {
          stream,
          category: aggregate.name,
          // A person's instance is listed by its stream's pseudonym, never by the person's code.
          id: aggregate.personal?.instanceSubject?.(id) === undefined ? id : stream.slice(aggregate.name.length + 1),
          version,
          at: now,
          summary,
          access,
          timers: aggregate.timers?.(state, id),
        }),
      )
      if (Result.isFailure(appended)) {
        if (appended.failure._tag === "VersionConflict") continue
        return yield* Effect.fail(appended.failure)
      }
      const snapshot = aggregate.snapshot
      if (
        snapshot !== undefined &&
        Math.floor(version / snapshot.every) > Math.floor(loaded.version / snapshot.every) &&
        aggregate.personal?.withholdSnapshot?.(state) !== true
      ) {
        const encoded = encoderOf(snapshot.schema)(state)
        const subject = aggregate.personal?.snapshotSubject?.(state)
        if (Result.isSuccess(encoded) && (subject === undefined || keyring !== undefined)) {
          // A snapshot of a person's case is sealed whole under the person's key (erased: null).
          const saved =
            subject === undefined
              ? Effect.succeed(encoded.success)
              : keyring!.seal(subject, encoded.success as Schema.Json, () => null)
          // Best effort after the append: a snapshot not saved costs a longer load, not a write,
          // and says why.
          yield* Effect.flatMap(saved, (state) =>
            store.saveSnapshot(stream, {
              version,
              schemaVersion: snapshot.schemaVersion,
              state: state as EventEnvelope.NewEvent["data"],
            }),
          ).pipe(
            Effect.catch((error) =>
              Effect.logWarning(`snapshot of ${stream} at version ${version} not saved: ${error.message}`),
            ),
          )
        }
      }
      return { stream, commandId, events, version: appended.success.streamVersion, state, duplicate: false }
    }
    return yield* new TooMuchContention({ stream, attempts: maxAttempts })
  })
