/**
 * The Promise facade for hosts that do not use Effect: `await createYiciban({ store })` gives one
 * typed object per aggregate (`yiciban.application`, `yiciban.matter`, `yiciban.credit`,
 * `yiciban.licence`) with the
 * same behaviour as the Effect API — the same command handling, authorization, inline read models
 * and timers. Commands and actors are plain data (what `JSON.parse` gives): the facade decodes and
 * checks them, strictly. A failed call rejects with one of the runtime's typed errors: an `Error`
 * with a `_tag` (`InvalidActor`, `InvalidCommand`, `WrongInstance`, `NotPermitted`, `NotFound`,
 * `CommandRejected`, …), a one-line `message` naming the field and the rule, and the details as
 * fields.
 *
 * The host authenticates and builds the actor; the library authorizes every command and every
 * read. The system (timers, process managers) is not an actor a host can pass: `runDueTimers` and
 * `runProcessManagers` run them.
 *
 * @since 0.1.0
 */
import type {
  Application,
  BundleApplication,
  CreditRecord,
  Licence,
  Policy,
  PublishedMatter,
  Redemption,
  ServiceBundle,
} from "@yiciban/core"
import { CalendarDate, Matter, Rating, type WorkCalendar, WorkCalendar as WorkCalendarData } from "@yiciban/core"
import type { EventStore } from "@yiciban/eventstore"
import { EventStore as Store } from "@yiciban/eventstore"
import * as Cause from "effect/Cause"
import * as Clock from "effect/Clock"
import * as Duration from "effect/Duration"
import * as Effect from "effect/Effect"
import * as Exit from "effect/Exit"
import * as ManagedRuntime from "effect/ManagedRuntime"
import * as Option from "effect/Option"
import * as Schema from "effect/Schema"
import type { Aggregate, Any } from "./Aggregate.ts"
import * as Aggregates from "./Aggregates.ts"
import { maskIdentityNumbers, readAccess, unreadable, visibilityOf } from "./Authorization.ts"
import * as BundleApplications from "./BundleApplications.ts"
import * as BundleCases from "./BundleCases.ts"
import { type HandleOptions, handle, type Outcome } from "./CommandHandler.ts"
import { type Erased, erase } from "./Erasure.ts"
import * as HolidayNotices from "./HolidayNotices.ts"
import { decodeActor } from "./Input.ts"
import * as Licences from "./Licences.ts"
import { load } from "./Loader.ts"
import { Keyring, openEvent, streamFor } from "./PersonalData.ts"
import * as Policies from "./Policies.ts"
import {
  makePolicyFacades,
  type PolicyCommand,
  type PolicyFacade,
  type RedemptionCommand,
  type RedemptionFacade,
} from "./PolicyFacade.ts"
import { catchUp, type ProcessManager } from "./ProcessManager.ts"
import * as ProcessManagers from "./ProcessManagers.ts"
import * as RatingAggregate from "./RatingAggregate.ts"
import { makeRatingFacade, type RatingFacade } from "./RatingFacade.ts"

export type { LibraryQueryInput, PolicyCommand, RedemptionCommand } from "./PolicyFacade.ts"
export type { RatingCommand } from "./RatingFacade.ts"

import { Defect, InvalidCommand, InvalidOptions, NotFound, NotPermitted } from "./RuntimeError.ts"
import * as RuntimeStore from "./RuntimeStore.ts"
import { type Fired, runDue } from "./Scheduler.ts"
import * as SharedData from "./SharedData.ts"

/**
 * - `store`: where events and read models live (default `RuntimeStore.memory()`; PGlite and the
 *   PostgreSQL server come from `@yiciban/postgres/pglite` and `@yiciban/postgres/pg`);
 * - `calendar`: the working-day calendar applications are judged on (default
 *   `WorkCalendar.chinaMainland`), with the holiday notices adopted in the store applied on top
 *   (`HolidayNotices`);
 * - `processManagers`: what `runProcessManagers` runs (default `ProcessManagers.all`: false
 *   commitment → credit entry, fraud found on a case → credit entry and bar, granted case concluded
 *   → licence, rescinded grant → revoked licence, licence revoked for fraud → credit entry and
 *   Art 79 bar);
 * - `now`: the clock in epoch milliseconds (default: the system clock); a host that simulates time
 *   (a demo, a test) passes its own;
 * - `sharedData`: the data-sharing source policy redemption reads a subject's facts and verified
 *   payee account from (`SharedData.SharedDataSource`; default: a source that knows no one, so every
 *   redemption is refused with `NoSharedRecord`); applications and bundle cases fetch from it the
 *   materials their matters mark `sharedDataKind` (docs/shared-data.md).
 *
 * @category models
 * @since 0.1.0
 */
export interface YicibanOptions {
  readonly store?: RuntimeStore.StoreAdapter | undefined
  readonly calendar?: WorkCalendar.WorkCalendar | undefined
  readonly processManagers?: ReadonlyArray<ProcessManager> | undefined
  readonly now?: (() => number) | undefined
  readonly sharedData?: SharedData.SharedDataSource | undefined
}

/**
 * The options of one command: its id (default a fresh UUIDv7; sending the same id again returns
 * the first outcome), the conversation it belongs to, the instance it is sent to (default: the one
 * the command names; another one is refused with `WrongInstance`) and the stream version the
 * caller decided on (`VersionConflict` when the stream has moved; default: none, conflicts are
 * retried).
 *
 * @category models
 * @since 0.2.0
 */
export interface CommandOptions {
  readonly commandId?: string | undefined
  readonly correlationId?: string | undefined
  readonly instance?: string | undefined
  readonly expectedVersion?: number | undefined
}

/**
 * An actor as plain data, built by the host after it authenticated someone (see `Actor.Actor`;
 * the `system` role is the runtime's own: an actor that claims it is refused with `InvalidActor`).
 *
 * @category models
 * @since 0.2.0
 */
export type ActorInput = typeof import("@yiciban/core").Actor.Actor["Encoded"]

/**
 * An instance's state and version as a reader may see it (identity numbers masked for readers who
 * do not need them).
 *
 * @category models
 * @since 0.2.0
 */
export interface Loaded<S> {
  readonly version: number
  readonly state: S
}

/**
 * One aggregate through the facade: `execute` a command (plain data, typed), `load` an instance's
 * state, read its `events`.
 *
 * @category models
 * @since 0.2.0
 */
export interface AggregateFacade<Q extends { readonly _tag: string }, QI, S, E> {
  readonly name: string
  /** How the runtime sees the aggregate: its command and event schemas, roles, scope (for adapters such as HTTP). */
  readonly aggregate: Any
  readonly execute: (command: QI, actor: ActorInput, options?: CommandOptions) => Promise<Outcome<S, E>>
  readonly load: (id: string, actor: ActorInput) => Promise<Loaded<S>>
  readonly events: (id: string, actor: ActorInput) => Promise<ReadonlyArray<EventStore.RecordedEvent>>
  /** Only for type inference: the decoded command type. */
  readonly _command?: Q | undefined
}

/**
 * A command to an application, as plain data.
 *
 * @category models
 * @since 0.2.0
 */
export type ApplicationCommand = (typeof Aggregates.ApplicationRequest)["Encoded"]

/**
 * A command to a matter, as plain data.
 *
 * @category models
 * @since 0.2.0
 */
export type MatterCommand = (typeof Matter.Command)["Encoded"]

/**
 * A command to a credit record, as plain data.
 *
 * @category models
 * @since 0.2.0
 */
export type CreditCommand = typeof import("@yiciban/core").CreditRecord.Command["Encoded"]

/**
 * A command to a licence, as plain data.
 *
 * @category models
 * @since 0.2.0
 */
export type LicenceCommand = (typeof Aggregates.LicenceRequest)["Encoded"]

/**
 * A bundle catalogue command as plain data.
 *
 * @category models
 * @since 0.3.0
 */
export type BundleCommand = (typeof BundleApplications.ServiceBundleRequest)["Encoded"]

/**
 * A bundle case command as plain data.
 *
 * @category models
 * @since 0.3.0
 */
export type BundleCaseCommand = (typeof BundleApplications.BundleApplicationRequest)["Encoded"]

/**
 * What `application.submit` takes: the case number, the applicant, the matter's implementation
 * code and the materials handed over.
 *
 * @category models
 * @since 0.2.0
 */
export type SubmitInput = Omit<(typeof Aggregates.SubmitApplicationRequest)["Encoded"], "_tag">

/**
 * What `matter.publish` takes: the codes and the nine elements (plain data).
 *
 * @category models
 * @since 0.2.0
 */
export interface PublishInput {
  readonly implementationCode: string
  readonly baseCode: string
  readonly elements: typeof import("@yiciban/core").PublishedMatter.MatterElements["Encoded"]
}

/**
 * The facade.
 *
 * @category models
 * @since 0.1.0
 */
export interface Yiciban {
  /** Every aggregate this instance serves, in order (adapters such as HTTP derive their routes from it). */
  readonly aggregates: ReadonlyArray<AggregateFacade<{ readonly _tag: string }, unknown, unknown, unknown>>
  /** Applications (办件). `submit` is `execute` of a `SubmitApplication`. */
  readonly application: AggregateFacade<
    Aggregates.ApplicationRequest,
    ApplicationCommand,
    Application.State,
    Application.Event
  > & {
    readonly submit: (
      input: SubmitInput,
      actor: ActorInput,
      options?: CommandOptions,
    ) => Promise<Outcome<Application.State, Application.Event>>
  }
  /** The matter catalogue (事项). `publish` drafts and publishes (command ids `<prefix>/draft`, `<prefix>/publish`). */
  readonly matter: AggregateFacade<Matter.Command, MatterCommand, Matter.State, Matter.Event> & {
    readonly publish: (
      input: PublishInput,
      actor: ActorInput,
      options?: { readonly commandIdPrefix?: string | undefined },
    ) => Promise<PublishedMatter.PublishedMatter>
  }
  /** Credit records (信用记录), by the subject's code. */
  readonly credit: AggregateFacade<CreditRecord.Command, CreditCommand, CreditRecord.State, CreditRecord.Event>
  /**
   * Licences (许可证件), by the number of the case that produced them; and the licence queries:
   * `validFor` (a holder's licences valid on a day, `YYYY-MM-DD`), `ofCase` (the licence a case
   * produced or was registered for), `casesOf` (the cases a licence came from; `NotFound` when the
   * actor may not see it). Every query is authorized like a read.
   */
  readonly licence: AggregateFacade<Aggregates.LicenceRequest, LicenceCommand, Licence.State, Licence.Event> & {
    readonly validFor: (
      holderCode: string,
      day: string,
      actor: ActorInput,
    ) => Promise<ReadonlyArray<Licences.LicenceRow>>
    readonly ofCase: (caseNo: string, actor: ActorInput) => Promise<Licences.LicenceRow | undefined>
    readonly casesOf: (licenceId: string, actor: ActorInput) => Promise<ReadonlyArray<string>>
  }
  /** Service bundles (一件事一次办) in the catalogue; drafts name their members by code. */
  readonly bundle: AggregateFacade<
    BundleApplications.ServiceBundleRequest,
    BundleCommand,
    ServiceBundle.State,
    ServiceBundle.Event
  >
  /**
   * Bundle cases (一件事): apply, correct once, accept once, deliver once; `view` lists a case with
   * its joint clock and its children with theirs (authorized like a read).
   */
  readonly bundleCase: AggregateFacade<
    BundleApplications.BundleApplicationRequest,
    BundleCaseCommand,
    BundleApplication.State,
    BundleApplication.Event
  > & {
    readonly view: (caseNo: string, actor: ActorInput) => Promise<BundleCases.BundleCaseView>
  }
  /** Service ratings (好差评), the five rates, early warnings and the supervision export. */
  readonly rating: RatingFacade
  /**
   * Policies (政策) by policy id: draft, publish, amend, suspend, resume, expire; the policy library
   * (`search`) and `eligibleFor` (the policies a subject may be eligible for, from shared data).
   */
  readonly policy: PolicyFacade
  /**
   * Policy redemption (政策兑现), one ledger per policy (the id is the policy id): apply, accept,
   * joint review, approve, refuse, disburse, rescind, repay, confirm or decline an offer; `budgetOf`,
   * `awardOf`, and `matchEntitlements` (免申即享, the runtime's own run).
   */
  readonly redemption: RedemptionFacade
  /** The case list rows the actor may see (identity numbers masked unless it needs them). */
  readonly cases: (actor: ActorInput, query?: RuntimeStore.CaseQuery) => Promise<ReadonlyArray<RuntimeStore.CaseRow>>
  /** The due timers of the cases the actor may see (of one stream, or all). */
  readonly timers: (actor: ActorInput, stream?: string) => Promise<ReadonlyArray<RuntimeStore.TimerRow>>
  /**
   * Erases a person's personal data (its resident identity number `code`), as a data protection
   * officer of the person's region: see `Erasure.erase`. Refused (`SubjectHasOpenCases`) while the
   * person has an open case.
   */
  readonly erase: (
    code: string,
    actor: ActorInput,
    options?: { readonly commandId?: string | undefined },
  ) => Promise<Erased>
  /** Fires every timer due now. */
  readonly runDueTimers: () => Promise<ReadonlyArray<Fired>>
  /** Runs every process manager over the events after its checkpoint; resolves with how many events each handled. */
  readonly runProcessManagers: () => Promise<ReadonlyArray<{ readonly name: string; readonly handled: number }>>
  /** Runs any Effect program against this instance's services (the host's own code: no authorization). */
  readonly run: <A, E>(effect: Effect.Effect<A, E, EventStore.EventStore | RuntimeStore.RuntimeStore>) => Promise<A>
  /** Closes the store (the database, the pool). */
  readonly close: () => Promise<void>
}

const clockOf = (now: () => number): Clock.Clock => ({
  currentTimeMillisUnsafe: now,
  currentTimeMillis: Effect.sync(now),
  currentTimeNanosUnsafe: () => BigInt(now()) * 1_000_000n,
  currentTimeNanos: Effect.sync(() => BigInt(now()) * 1_000_000n),
  monotonicTimeNanosUnsafe: () => BigInt(now()) * 1_000_000n,
  monotonicTimeNanos: Effect.sync(() => BigInt(now()) * 1_000_000n),
  sleep: (duration) =>
    Effect.callback<void>((resume) => {
      const timer = setTimeout(() => resume(Effect.void), Duration.toMillis(duration))
      return Effect.sync(() => clearTimeout(timer))
    }),
})

const checkOptions = (options: unknown): YicibanOptions => {
  if (options === undefined) return {}
  if (typeof options !== "object" || options === null) {
    throw new InvalidOptions({ path: "options", detail: "expected an object" })
  }
  const known = ["store", "calendar", "processManagers", "now", "sharedData"]
  for (const key of Object.keys(options)) {
    if (!known.includes(key)) {
      throw new InvalidOptions({ path: key, detail: `unknown option; the options are ${known.join(", ")}` })
    }
  }
  const { store, now, processManagers } = options as YicibanOptions
  if (store !== undefined && !RuntimeStore.isStoreAdapter(store)) {
    throw new InvalidOptions({
      path: "store",
      detail:
        "expected a store adapter: RuntimeStore.memory(), pgliteStore({ dataDir, secret }) from @yiciban/postgres/pglite or postgresStore({ connectionString, secret }) from @yiciban/postgres/pg",
    })
  }
  if (now !== undefined && typeof now !== "function") {
    throw new InvalidOptions({ path: "now", detail: "expected a function returning epoch milliseconds" })
  }
  const { sharedData } = options as YicibanOptions
  if (
    sharedData !== undefined &&
    (typeof sharedData !== "object" ||
      sharedData === null ||
      typeof sharedData.lookup !== "function" ||
      typeof sharedData.subjectsIn !== "function")
  ) {
    throw new InvalidOptions({
      path: "sharedData",
      detail: "expected a shared-data source ({ name, lookup, subjectsIn }), e.g. SharedData.makeMemory(records)",
    })
  }
  if (processManagers !== undefined && !Array.isArray(processManagers)) {
    throw new InvalidOptions({ path: "processManagers", detail: "expected an array of process managers" })
  }
  return options as YicibanOptions
}

/**
 * Opens Yiciban on a store (applying migrations) and resolves when it is ready.
 *
 * @example
 * ```ts
 * import { createYiciban } from "@yiciban/runtime"
 *
 * const yiciban = await createYiciban()
 * const clerk = { id: "clerk-07", roles: ["windowClerk"], authority: "11430100MB1A38544B", region: "430100" }
 * try {
 *   await yiciban.application.execute({ _tag: "AcceptApplication", caseNo: "SCJG-2026-000731" }, clerk)
 * } catch (error) {
 *   console.log((error as Error).message) // one line: what was refused and why
 * } finally {
 *   await yiciban.close()
 * }
 * ```
 *
 * @category constructors
 * @since 0.1.0
 */
export const createYiciban = async (options?: YicibanOptions): Promise<Yiciban> => {
  const checked = checkOptions(options)
  const runtime = ManagedRuntime.make((checked.store ?? RuntimeStore.memory()).layer)
  // The calendar with the holiday notices adopted in the store (read below, once the store is open);
  // the aggregates read it when they decide, so a notice adopted at start counts for all of them.
  let calendar: WorkCalendar.WorkCalendar = checked.calendar ?? WorkCalendarData.chinaMainland
  const sharedData = checked.sharedData ?? SharedData.makeMemory({}, "none")
  const application = Aggregates.makeApplication({ calendar: () => calendar, sharedData })
  const rating = RatingAggregate.makeRating({
    ...Rating.defaultSettings,
    get calendar() {
      return calendar
    },
  })
  const bundleCase = BundleApplications.makeBundleApplication({
    calendar: () => calendar,
    application,
    licence: Aggregates.licence,
    sharedData,
  })
  const redemption = Policies.makeRedemption({ sharedData })
  const aggregates: ReadonlyArray<Any> = [
    application,
    Aggregates.matter,
    Aggregates.creditRecord,
    Aggregates.licence,
    rating,
    BundleApplications.serviceBundle,
    bundleCase,
    Policies.policy,
    redemption,
  ]
  const processManagers = checked.processManagers ?? ProcessManagers.all
  const clock = checked.now === undefined ? undefined : clockOf(checked.now)
  const run = async <A, E>(
    effect: Effect.Effect<A, E, EventStore.EventStore | RuntimeStore.RuntimeStore>,
  ): Promise<A> => {
    const exit = await runtime.runPromiseExit(
      clock === undefined ? effect : Effect.provideService(effect, Clock.Clock, clock),
    )
    if (Exit.isSuccess(exit)) return exit.value
    const failure = exit.cause.reasons.find((reason) => reason._tag === "Fail")
    if (failure !== undefined) throw (failure as { error: unknown }).error
    throw new Defect({ detail: Cause.pretty(exit.cause).split("\n")[0] ?? "unknown" })
  }
  /** The host's actor, decoded (an `InvalidActor` failure, never a thrown exception). */
  const actorOf = (actor: unknown) => Effect.fromResult(decodeActor(actor))
  const nowIso = Effect.map(Clock.currentTimeMillis, (ms) => new Date(ms).toISOString())
  /** The actor's visibility, its persons named by pseudonym as the case rows name them. */
  const visibilityFor = (actorInput: unknown) =>
    Effect.gen(function* () {
      const actor = yield* actorOf(actorInput)
      const keyring = yield* Effect.serviceOption(Keyring)
      return Option.isSome(keyring) ? visibilityOf(actor, keyring.value.pseudonym) : visibilityOf(actor)
    })
  calendar = HolidayNotices.applyAll(calendar, await run(HolidayNotices.adopted))

  const facade = <
    S,
    C extends { readonly _tag: string },
    E extends { readonly _tag: string },
    F,
    Q extends { readonly _tag: string },
    QI,
  >(
    aggregate: Aggregate<S, C, E, F, Q>,
  ): AggregateFacade<Q, QI, S, E> => {
    const readable = (id: string, actorInput: ActorInput) =>
      Effect.gen(function* () {
        const actor = yield* actorOf(actorInput)
        const loaded = yield* load(aggregate, id)
        const access =
          loaded.version === 0
            ? undefined
            : yield* readAccess({ aggregate, state: loaded.state, actor, now: yield* nowIso })
        if (access === undefined || access._tag === "Refused") {
          // one answer for a case that does not exist and one the actor may not read (no probing of case numbers)
          const answer = unreadable(actor, access, aggregate.publicIds === true)
          if (answer._tag === "NotFound") return yield* new NotFound({ aggregate: aggregate.name, id })
          return yield* new NotPermitted({
            stream: loaded.stream,
            command: "read",
            actorId: actor.id,
            reason: answer.reason,
            detail: answer.detail,
          })
        }
        return { loaded, masked: access._tag !== "Full" }
      })
    return {
      name: aggregate.name,
      aggregate: aggregate as Any,
      execute: (command, actorInput, commandOptions = {}) =>
        run(
          Effect.gen(function* () {
            const actor = yield* actorOf(actorInput)
            const handleOptions: HandleOptions = {
              commandId: commandOptions.commandId,
              correlationId: commandOptions.correlationId,
              expectedVersion: commandOptions.expectedVersion,
            }
            // Without `instance`, the instance is the one the command names (no id to mismatch).
            const outcome = yield* handle(
              aggregate,
              commandOptions.instance,
              command as unknown as Q,
              actor,
              handleOptions,
            )
            const access = yield* readAccess({ aggregate, state: outcome.state, actor, now: yield* nowIso })
            return access._tag === "Full" ? outcome : maskIdentityNumbers(outcome)
          }),
        ),
      load: (id, actorInput) =>
        run(
          Effect.map(readable(id, actorInput), ({ loaded, masked }) => ({
            version: loaded.version,
            state: masked ? maskIdentityNumbers(loaded.state) : loaded.state,
          })),
        ),
      events: (id, actorInput) =>
        run(
          Effect.gen(function* () {
            const { masked } = yield* readable(id, actorInput)
            const store = yield* Store.EventStore
            const stored = yield* store.readStream(yield* streamFor(aggregate as Any, id))
            const events = yield* Effect.forEach(stored, openEvent)
            return masked ? events.map(maskIdentityNumbers) : events
          }),
        ),
    }
  }

  const applicationFacade = facade<
    Application.State,
    Application.Command,
    Application.Event,
    Application.Facts,
    Aggregates.ApplicationRequest,
    ApplicationCommand
  >(application)
  const matterFacade = facade<Matter.State, Matter.Command, Matter.Event, {}, Matter.Command, MatterCommand>(
    Aggregates.matter,
  )
  const creditFacade = facade<
    CreditRecord.State,
    CreditRecord.Command,
    CreditRecord.Event,
    {},
    CreditRecord.Command,
    CreditCommand
  >(Aggregates.creditRecord)

  const licenceFacade = facade<
    Licence.State,
    Licence.Command,
    Licence.Event,
    {},
    Aggregates.LicenceRequest,
    LicenceCommand
  >(Aggregates.licence)
  const bundleFacade = facade<
    ServiceBundle.State,
    ServiceBundle.Command,
    ServiceBundle.Event,
    {},
    BundleApplications.ServiceBundleRequest,
    BundleCommand
  >(BundleApplications.serviceBundle)
  const bundleCaseFacade = facade<
    BundleApplication.State,
    BundleApplication.Command,
    BundleApplication.Event,
    {},
    BundleApplications.BundleApplicationRequest,
    BundleCaseCommand
  >(bundleCase)
  const dayOf = (day: unknown) =>
    Effect.mapError(
      Schema.decodeUnknownEffect(CalendarDate.CalendarDate)(day),
      (error) => new InvalidCommand({ aggregate: "licence", path: "day", detail: error.message }),
    )

  const maskRows = <R extends { readonly access: RuntimeStore.CaseAccess }>(
    rows: ReadonlyArray<R>,
    visibility: ReturnType<typeof visibilityOf>,
  ) =>
    rows.map((row) =>
      row.access.owners.some((owner) => visibility.owners.includes(owner)) ||
      (row.access.authority !== undefined && visibility.identityAuthorities.includes(row.access.authority))
        ? row
        : maskIdentityNumbers(row),
    )

  const ratingFacade = makeRatingFacade(facade(rating), run)
  const policyFacades = makePolicyFacades({
    policy: facade<Policy.State, Policy.Command, Policy.Event, {}, Policy.Command, PolicyCommand>(Policies.policy),
    redemption: facade<
      Redemption.State,
      Redemption.Command,
      Redemption.Event,
      Redemption.Facts,
      Redemption.Command,
      RedemptionCommand
    >(redemption),
    redemptionAggregate: redemption,
    sharedData,
    run,
  })
  const applicationWithSubmit: Yiciban["application"] = {
    ...applicationFacade,
    submit: (input, actor, commandOptions) =>
      applicationFacade.execute({ _tag: "SubmitApplication", ...input } as ApplicationCommand, actor, commandOptions),
  }
  return {
    aggregates: [
      applicationFacade,
      matterFacade,
      creditFacade,
      ratingFacade,
      bundleFacade,
      bundleCaseFacade,
      policyFacades.policy,
      policyFacades.redemption,
    ] as unknown as Yiciban["aggregates"],
    application: applicationWithSubmit,
    matter: {
      ...matterFacade,
      publish: async (input, actor, publishOptions = {}) => {
        const prefix = publishOptions.commandIdPrefix ?? `matter/${input.implementationCode}`
        await matterFacade.execute(
          {
            _tag: "DraftMatter",
            implementationCode: input.implementationCode,
            baseCode: input.baseCode,
            elements: input.elements,
          },
          actor,
          { commandId: `${prefix}/draft` },
        )
        const published = await matterFacade.execute(
          { _tag: "PublishDraft", implementationCode: input.implementationCode },
          actor,
          { commandId: `${prefix}/publish` },
        )
        return Matter.publishedTerms(published.state)!
      },
    },
    credit: creditFacade,
    rating: ratingFacade,
    policy: policyFacades.policy,
    redemption: policyFacades.redemption,
    bundle: bundleFacade,
    bundleCase: {
      ...bundleCaseFacade,
      view: (caseNo, actorInput) =>
        run(
          Effect.gen(function* () {
            const actor = yield* actorOf(actorInput)
            const now = yield* nowIso
            return yield* BundleCases.viewOf(actor, caseNo, now, calendar)
          }),
        ),
    },
    licence: {
      ...licenceFacade,
      validFor: (holderCode, day, actorInput) =>
        run(
          Effect.gen(function* () {
            const actor = yield* actorOf(actorInput)
            return yield* Licences.validLicencesOf(actor, holderCode, yield* dayOf(day))
          }),
        ),
      ofCase: (caseNo, actorInput) =>
        run(Effect.flatMap(actorOf(actorInput), (actor) => Licences.licenceOfCase(actor, caseNo))),
      casesOf: (licenceId, actorInput) =>
        run(
          Effect.gen(function* () {
            const cases = yield* Licences.casesOfLicence(yield* actorOf(actorInput), licenceId)
            if (cases === undefined) return yield* new NotFound({ aggregate: "licence", id: licenceId })
            return cases
          }),
        ),
    },
    cases: (actorInput, query) =>
      run(
        Effect.gen(function* () {
          const visibility = yield* visibilityFor(actorInput)
          const store = yield* RuntimeStore.RuntimeStore
          return maskRows(yield* store.cases(visibility, query), visibility)
        }),
      ),
    timers: (actorInput, stream) =>
      run(
        Effect.gen(function* () {
          const visibility = yield* visibilityFor(actorInput)
          const store = yield* RuntimeStore.RuntimeStore
          const rows = yield* store.timers(visibility, stream)
          return visibility.identityAuthorities.length > 0 ? rows : rows.map(maskIdentityNumbers)
        }),
      ),
    erase: (code, actorInput, eraseOptions = {}) =>
      run(
        Effect.flatMap(actorOf(actorInput), (actor) =>
          erase({ code, actor, aggregates, commandId: eraseOptions.commandId }),
        ),
      ),
    runDueTimers: () => run(runDue({ aggregates })),
    runProcessManagers: () =>
      run(
        Effect.forEach(processManagers, (manager) =>
          Effect.map(catchUp(manager, aggregates), (result) => ({ name: manager.name, handled: result.handled })),
        ),
      ),
    run: (effect) => run(effect),
    close: () => runtime.dispose(),
  }
}
