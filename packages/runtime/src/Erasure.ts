/**
 * Erasure of a person's personal data (删除个人信息, PIPL Art 47): a data protection officer of the
 * person's region erases a subject by resident identity number. The subject's data key is deleted,
 * so every sealed field of the person — in every event, snapshot and outcome — reads as erased
 * from then on; the case-list rows of the person's cases are derived again from the erased state
 * (nothing of the person is left in them); and the erasure itself is recorded in the stream
 * `erasure-<pseudonym>` (who, when, which pseudonym, which cases), without the personal data.
 *
 * A person with an open case is not erased: a case being handled needs its applicant (and the
 * archive law keeps closed cases' records; their personal data is what erasure removes).
 * `SubjectHasOpenCases` names the cases; close them (withdraw, decide) first.
 *
 * @since 0.2.0
 */
import { type Actor, IdentityCode } from "@yiciban/core"
import { EventEnvelope, EventStore, type EventStoreError, ExpectedVersion } from "@yiciban/eventstore"
import * as Clock from "effect/Clock"
import * as Effect from "effect/Effect"
import * as Option from "effect/Option"
import * as Schema from "effect/Schema"
import { type Any, find } from "./Aggregate.ts"
import { regionCovers } from "./Authorization.ts"
import { accessOf, pseudonymousAccess, recordedActor } from "./CommandHandler.ts"
import { load } from "./Loader.ts"
import { Keyring, streamFor } from "./PersonalData.ts"
import {
  InvalidCommand,
  NotPermitted,
  PersonalDataUnprotected,
  type ReadModelUnavailable,
  type UnreadableEvent,
} from "./RuntimeError.ts"
import { RuntimeStore } from "./RuntimeStore.ts"

/**
 * The person has cases that are still open (`streams`): they are not erased.
 *
 * @category errors
 * @since 0.2.0
 */
export class SubjectHasOpenCases extends Schema.TaggedError<SubjectHasOpenCases>()("SubjectHasOpenCases", {
  pseudonym: Schema.String,
  streams: Schema.Array(Schema.String),
}) {
  override get message(): string {
    return `subject ${this.pseudonym} has open cases (${this.streams.join(", ")}): close them before erasing`
  }
}

/**
 * What an erasure did: the subject's pseudonym, whether a key was deleted (false: the subject had
 * none, or was erased before), the cases whose rows were derived again, when, by whom, and the
 * stream that records it.
 *
 * @category models
 * @since 0.2.0
 */
export interface Erased {
  readonly pseudonym: string
  readonly keyDeleted: boolean
  readonly cases: ReadonlyArray<string>
  readonly erasedAt: string
  readonly by: string
  readonly stream: string
}

/**
 * Everything {@link erase} may fail with.
 *
 * @category errors
 * @since 0.2.0
 */
export type EraseError =
  | InvalidCommand
  | NotPermitted
  | SubjectHasOpenCases
  | PersonalDataUnprotected
  | ReadModelUnavailable
  | UnreadableEvent
  | EventStoreError.StreamError
  | EventStoreError.AppendError

/**
 * The roles that may erase: `dataProtectionOfficer`, within its region (the person's region is
 * the division code in its identity number).
 *
 * @category models
 * @since 0.2.0
 */
export const erasureRoles: ReadonlyArray<Actor.Role> = ["dataProtectionOfficer"]

/**
 * Why `actor` may not erase the person `code`, or `undefined` when it may.
 *
 * @category guards
 * @since 0.2.0
 */
export const erasureRefusal = (
  actor: Actor.Actor,
  code: string,
): { readonly reason: NotPermitted["reason"]; readonly detail: string } | undefined => {
  if (!actor.roles.some((role) => erasureRoles.includes(role))) {
    return { reason: "role", detail: `requires one of ${erasureRoles.join(", ")}` }
  }
  const region = code.slice(0, 6)
  return regionCovers(actor.region, region)
    ? undefined
    : {
        reason: "jurisdiction",
        detail: `the person belongs to region ${region}, outside the officer's region ${actor.region ?? "none"}`,
      }
}

/**
 * Erases the person `code` (a resident identity number) as `actor`: authorized first, refused
 * while the person has an open case, then the key is deleted, the person's case rows derived
 * again and the erasure recorded. Erasing again records again and deletes nothing more.
 *
 * @example
 * ```ts
 * import { Aggregates, Erasure, RuntimeStore } from "@yiciban/runtime"
 * import { Effect } from "effect"
 *
 * const officer = { id: "dpo-1", roles: ["dataProtectionOfficer"], region: "430100" } as const
 * const program = Erasure.erase({ code: "430102199003077716", actor: officer, aggregates: Aggregates.all })
 * ```
 *
 * @category combinators
 * @since 0.2.0
 */
export const erase = (input: {
  readonly code: unknown
  readonly actor: Actor.Actor
  readonly aggregates: ReadonlyArray<Any>
  readonly commandId?: string | undefined
}): Effect.Effect<Erased, EraseError, EventStore.EventStore | RuntimeStore> =>
  Effect.gen(function* () {
    const { actor, code } = input
    if (!IdentityCode.isResidentIdNumber(code)) {
      return yield* new InvalidCommand({
        aggregate: "erasure",
        detail:
          "code: expected a person's resident identity number (an enterprise's credit code is not personal data and is not erased)",
      })
    }
    const keyring = Option.getOrUndefined(yield* Effect.serviceOption(Keyring))
    if (keyring === undefined) {
      return yield* new PersonalDataUnprotected({ stream: "erasure", detail: "no Keyring: nothing can be erased" })
    }
    const pseudonym = keyring.pseudonym(code)
    const stream = `erasure-${pseudonym}`
    const refusal = erasureRefusal(actor, code)
    if (refusal !== undefined) {
      return yield* new NotPermitted({ stream, command: "EraseSubject", actorId: actor.id, ...refusal })
    }
    const store = yield* RuntimeStore
    const owned: Array<{ readonly aggregate: Any; readonly id: string; readonly stream: string }> = []
    const visibility = {
      owners: [pseudonym],
      authorities: [],
      regionPrefixes: [],
      public: false,
      identityAuthorities: [],
    }
    for (let after: string | undefined; ; ) {
      const page = yield* store.cases(visibility, { after, limit: 1000 })
      for (const row of page) {
        const aggregate = find(input.aggregates, row.category)
        if (aggregate !== undefined) owned.push({ aggregate, id: row.id, stream: row.stream })
      }
      if (page.length < 1000) break
      after = page[page.length - 1]!.stream
    }
    // Instances that hold the person's data without being its own case (a policy's ledger).
    for (const aggregate of input.aggregates) {
      const instancesOf = aggregate.personal?.instancesOf
      if (instancesOf === undefined) continue
      for (const id of yield* instancesOf(code)) {
        const instanceStream = yield* streamFor(aggregate, id)
        if (!owned.some((o) => o.stream === instanceStream)) owned.push({ aggregate, id, stream: instanceStream })
      }
    }
    const open: Array<string> = []
    for (const { aggregate, id, stream } of owned) {
      const loaded = yield* load(aggregate, id)
      if (aggregate.personal?.open?.(loaded.state, code) === true) open.push(stream)
    }
    if (open.length > 0) return yield* new SubjectHasOpenCases({ pseudonym, streams: open })

    const keyDeleted = yield* keyring.erase(pseudonym)
    const now = new Date(yield* Clock.currentTimeMillis).toISOString()
    for (const { aggregate, id, stream } of owned) {
      for (let attempt = 1; attempt <= 5; attempt++) {
        const loaded = yield* load(aggregate, id, { snapshot: false })
        const access = yield* pseudonymousAccess(
          yield* accessOf(aggregate.scope(loaded.state, undefined), now),
          keyring,
          stream,
        )
        if (yield* store.rewriteCase(stream, loaded.version, aggregate.summary?.(loaded.state), access)) break
      }
    }
    const events = yield* EventStore.EventStore
    const recorded: Erased = {
      pseudonym,
      keyDeleted,
      cases: owned.map((o) => o.stream),
      erasedAt: now,
      by: actor.id,
      stream,
    }
    const commandId = input.commandId ?? (yield* EventEnvelope.makeEventId)
    yield* events.append(
      stream,
      [
        {
          eventId: yield* EventEnvelope.makeEventId,
          type: "SubjectErased",
          schemaVersion: 1,
          data: { pseudonym, keyDeleted, cases: [...recorded.cases], erasedAt: now },
          metadata: {
            commandId,
            correlationId: commandId,
            causationId: commandId,
            actor: (yield* recordedActor(actor, keyring, stream)) as unknown as EventEnvelope.ActorRef,
            occurredAt: now,
          },
        },
      ],
      ExpectedVersion.any,
    )
    return recorded
  })

/**
 * The forms a piece of personal text can take in stored bytes: as it is (UTF-8 text), JSON-escaped
 * (`\uXXXX` for every non-ASCII character, as some encoders write it) and base64 of its UTF-8
 * bytes.
 *
 * @category constructors
 * @since 0.2.0
 */
export const encodingsOf = (text: string): ReadonlyArray<string> => {
  const escaped = [...text]
    .map((c) => (c.charCodeAt(0) < 128 ? c : `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`))
    .join("")
  return [...new Set([text, escaped, Buffer.from(text, "utf8").toString("base64")])]
}

/**
 * True when none of `texts` (stored rows, as text) holds any encoding ({@link encodingsOf}) of any
 * of `personal` (a person's identity number, name): what an erasure must leave behind.
 *
 * @example
 * ```ts
 * import { Erasure } from "@yiciban/runtime"
 *
 * Erasure.isForgotten(['{"applicant":"(erased)"}'], ["李嫣然"]) // true
 * Erasure.isForgotten(['{"applicant":"李嫣然"}'], ["李嫣然"]) // false
 * ```
 *
 * @category guards
 * @since 0.2.0
 */
export const isForgotten = (texts: ReadonlyArray<string>, personal: ReadonlyArray<string>): boolean =>
  tracesOf(texts, personal).length === 0

/**
 * Where any encoding of `personal` appears in `texts`: the text's index and the encoding found.
 *
 * @category combinators
 * @since 0.2.0
 */
export const tracesOf = (
  texts: ReadonlyArray<string>,
  personal: ReadonlyArray<string>,
): ReadonlyArray<{ readonly index: number; readonly found: string }> => {
  const needles = personal.flatMap(encodingsOf)
  const traces: Array<{ readonly index: number; readonly found: string }> = []
  texts.forEach((text, index) => {
    for (const needle of needles) if (text.includes(needle)) traces.push({ index, found: needle })
  })
  return traces
}
