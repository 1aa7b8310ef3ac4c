/**
 * The Promise facade of policies (政策) and their redemption (政策兑现), for hosts that do not use
 * Effect: the `policy` and `redemption` aggregates' commands and authorized reads, the policy
 * library (政策库: search, and the policies a subject may be eligible for, from its facts in shared
 * data), a policy's budget and one subject's award — every read authorized — and the runtime's
 * auto-entitlement run (免申即享). The library is caught up from the event log before each query:
 * in the store when the store provides a `PolicyLibrary` (PostgreSQL and PGlite: a table, under a
 * durable checkpoint, shared by every process on the store), otherwise in this process's memory
 * (from the first event, in each process).
 *
 * @since 0.3.0
 */
import { Actor, CalendarDate, Policy, type Redemption } from "@yiciban/core"
import type { EventStore } from "@yiciban/eventstore"
import * as Clock from "effect/Clock"
import * as Effect from "effect/Effect"
import * as Option from "effect/Option"
import * as Schema from "effect/Schema"
import * as Semaphore from "effect/Semaphore"
import type { Aggregate } from "./Aggregate.ts"
import { decodeActor } from "./Input.ts"
import * as Policies from "./Policies.ts"
import * as PolicyLibrary from "./PolicyLibrary.ts"
import * as Projection from "./Projection.ts"
import { InvalidCommand, NotFound, NotPermitted } from "./RuntimeError.ts"
import type * as RuntimeStore from "./RuntimeStore.ts"
import * as SharedData from "./SharedData.ts"
import type { ActorInput, AggregateFacade } from "./Yiciban.ts"

/**
 * A command to a policy, as plain data.
 *
 * @category models
 * @since 0.3.0
 */
export type PolicyCommand = (typeof Policy.Command)["Encoded"]

/**
 * A command to a policy's ledger, as plain data.
 *
 * @category models
 * @since 0.3.0
 */
export type RedemptionCommand = (typeof Redemption.Command)["Encoded"]

/**
 * A library search as plain data (what a query string gives, numbers as numbers): `text`,
 * `division`, `industry`, `subjectKind`, `authority`, `openOn` (`YYYY-MM-DD`), `minAmountFen`,
 * `limit` (1–100) and `offset`. Any other field is refused (`InvalidCommand`).
 *
 * @category schemas
 * @since 0.3.0
 */
export const LibraryQuery = Schema.Struct({
  text: Schema.optionalKey(Schema.String.check(Schema.isMaxLength(200))),
  division: Schema.optionalKey(Schema.String.check(Schema.isPattern(/^[0-9]{2,12}$/))),
  industry: Schema.optionalKey(Schema.String.check(Schema.isPattern(/^[A-Z][0-9]{0,4}$/))),
  subjectKind: Schema.optionalKey(Policy.SubjectKind),
  authority: Schema.optionalKey(Schema.NonEmptyString),
  openOn: Schema.optionalKey(CalendarDate.CalendarDate),
  minAmountFen: Schema.optionalKey(Schema.Int.check(Schema.isGreaterThanOrEqualTo(0))),
  limit: Schema.optionalKey(Schema.Int.check(Schema.isBetween({ minimum: 1, maximum: 100 }))),
  offset: Schema.optionalKey(Schema.Int.check(Schema.isGreaterThanOrEqualTo(0))),
})

/**
 * @category models
 * @since 0.3.0
 */
export type LibraryQueryInput = (typeof LibraryQuery)["Encoded"]

/**
 * The policy facade.
 *
 * @category models
 * @since 0.3.0
 */
export interface PolicyFacade extends AggregateFacade<Policy.Command, PolicyCommand, Policy.State, Policy.Event> {
  /**
   * Searches the policy library (published policies are public: any authenticated actor), ranked
   * and paged.
   */
  readonly search: (query: LibraryQueryInput, actor: ActorInput) => Promise<PolicyLibrary.Page>
  /**
   * The policies open on `day` that a subject may be eligible for, judged on its facts in shared
   * data (never on facts the caller sends). Only the subject (an applicant acting for it, its
   * agent) may ask; `NotFound` when shared data does not know the subject.
   */
  readonly eligibleFor: (
    subjectCode: string,
    day: string,
    actor: ActorInput,
  ) => Promise<ReadonlyArray<PolicyLibrary.Entry>>
}

/**
 * The redemption facade (one ledger per policy: the instance id is the policy id).
 *
 * @category models
 * @since 0.3.0
 */
export interface RedemptionFacade
  extends AggregateFacade<Redemption.Command, RedemptionCommand, Redemption.State, Redemption.Event> {
  /** The budget of a policy and what is committed, paid, repaid and left: the ledger's readers only. */
  readonly budgetOf: (policyId: string, actor: ActorInput) => Promise<Policies.BudgetView>
  /** One subject's award: the subject itself (or its agent) and the ledger's readers. */
  readonly awardOf: (policyId: string, subjectCode: string, actor: ActorInput) => Promise<Redemption.Award>
  /**
   * Auto-entitlement (免申即享) as the runtime: offers the policy to every eligible subject of its
   * region that shared data knows (see `Policies.matchEntitlements`). No actor: like
   * `runDueTimers`, the host's scheduler runs it; it is no HTTP route.
   */
  readonly matchEntitlements: (policyId: string) => Promise<Policies.MatchResult>
}

const invalid = (aggregate: string, path: string, detail: string) => new InvalidCommand({ aggregate, path, detail })

/**
 * Makes the policy and redemption facades over the generic facades of the two aggregates, the
 * redemption aggregate (its shared-data source) and the runtime's `run`.
 *
 * @category constructors
 * @since 0.3.0
 */
export const makePolicyFacades = (options: {
  readonly policy: AggregateFacade<Policy.Command, PolicyCommand, Policy.State, Policy.Event>
  readonly redemption: AggregateFacade<Redemption.Command, RedemptionCommand, Redemption.State, Redemption.Event>
  readonly redemptionAggregate: Aggregate<Redemption.State, Redemption.Command, Redemption.Event, Redemption.Facts>
  readonly sharedData: SharedData.SharedDataSource
  readonly run: <A, E>(effect: Effect.Effect<A, E, EventStore.EventStore | RuntimeStore.RuntimeStore>) => Promise<A>
}): { readonly policy: PolicyFacade; readonly redemption: RedemptionFacade } => {
  const { run, redemptionAggregate } = options
  const port = SharedData.make(options.sharedData)
  const memory = PolicyLibrary.makeMemory()
  const memoryProjection = PolicyLibrary.projection(memory)
  // A library in memory lives in this process, so its position does too (see
  // `Projection.catchUpInMemory`); a library in the store has a durable checkpoint beside it.
  const cursor: Projection.MemoryCursor = { position: 0 }
  const actorOf = (input: unknown) => Effect.fromResult(decodeActor(input))
  const nowIso = Effect.map(Clock.currentTimeMillis, (ms) => new Date(ms).toISOString())
  // One catch-up at a time in this process: queries arriving together wait for it and then find
  // nothing left to read, instead of each reading (and writing) the same events.
  const catchingUp = Semaphore.makeUnsafe(1)
  /** The library, caught up with the log: the store's when it provides one, else the memory one. */
  const caughtUp = Effect.flatMap(Effect.serviceOption(PolicyLibrary.PolicyLibrary), (inStore) =>
    catchingUp.withPermit(
      Option.isSome(inStore)
        ? Effect.as(Projection.catchUp(PolicyLibrary.projection(inStore.value)), inStore.value)
        : Effect.as(Projection.catchUpInMemory(memoryProjection, cursor), memory),
    ),
  )

  const policy: PolicyFacade = {
    ...options.policy,
    search: (query, actorInput) =>
      run(
        Effect.gen(function* () {
          yield* actorOf(actorInput)
          const decoded = yield* Effect.mapError(
            Schema.decodeUnknownEffect(LibraryQuery)(query, { onExcessProperty: "error" }),
            (error) => invalid("policy", "query", error.message.split("\n")[0] ?? "invalid"),
          )
          const library = yield* caughtUp
          return yield* library.search(decoded)
        }),
      ),
    eligibleFor: (subjectCode, day, actorInput) =>
      run(
        Effect.gen(function* () {
          const actor = yield* actorOf(actorInput)
          const today = yield* Effect.mapError(Schema.decodeUnknownEffect(CalendarDate.CalendarDate)(day), (error) =>
            invalid("policy", "day", error.message),
          )
          const own =
            (actor.roles.includes("applicant") && Actor.actsFor(actor, subjectCode, ["self", "legalRepresentative"])) ||
            (actor.roles.includes("agent") && Actor.actsFor(actor, subjectCode, ["agent"]))
          if (!own) {
            return yield* new NotPermitted({
              stream: "$policy-library",
              command: "eligibleFor",
              actorId: actor.id,
              reason: "owner",
              detail: "only the subject (or its agent) asks which policies it may be eligible for",
            })
          }
          const subject = yield* Policies.subjectFactsOf(port, subjectCode, yield* nowIso)
          if (subject === null) return yield* new NotFound({ aggregate: "sharedData", id: subjectCode })
          const library = yield* caughtUp
          return yield* PolicyLibrary.eligibleFor(library, subject.facts, today)
        }),
      ),
  }

  const redemption: RedemptionFacade = {
    ...options.redemption,
    budgetOf: (policyId, actorInput) =>
      run(
        Effect.gen(function* () {
          const actor = yield* actorOf(actorInput)
          return yield* Policies.budgetOf(redemptionAggregate, policyId, actor, yield* nowIso)
        }),
      ),
    awardOf: (policyId, subjectCode, actorInput) =>
      run(
        Effect.gen(function* () {
          const actor = yield* actorOf(actorInput)
          return yield* Policies.awardOf(redemptionAggregate, policyId, subjectCode, actor, yield* nowIso)
        }),
      ),
    matchEntitlements: (policyId) => run(Policies.matchEntitlements(redemptionAggregate, options.sharedData, policyId)),
  }
  return { policy, redemption }
}
