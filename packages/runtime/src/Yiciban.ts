/**
 * The Promise facade for hosts that do not use Effect: `await createYiciban({ store })` gives
 * async methods with the same behaviour as the Effect API (the same command handling,
 * authorization, inline read models and timers). A failed call rejects with the runtime's tagged
 * error object (`{ _tag: "CommandRejected", rejection, … }`, `{ _tag: "NotPermitted", … }`, …).
 *
 * @since 0.1.0
 */
import type { Actor, Application, PublishedMatter } from "@yiciban/core"
import { Matter } from "@yiciban/core"
import { EventStore } from "@yiciban/eventstore"
import { Clock, Duration, Effect, Exit, type Layer, ManagedRuntime } from "effect"
import { type Any, find } from "./Aggregate.ts"
import * as Aggregates from "./Aggregates.ts"
import { type HandleOptions, handle, type Outcome } from "./CommandHandler.ts"
import { load } from "./Loader.ts"
import { catchUp, type ProcessManager } from "./ProcessManager.ts"
import * as ProcessManagers from "./ProcessManagers.ts"
import { InvalidCommand } from "./RuntimeError.ts"
import * as RuntimeStore from "./RuntimeStore.ts"
import { type Fired, runDue } from "./Scheduler.ts"

/**
 * Where the events live: in memory, in PGlite (a folder, created on first use), or on a
 * PostgreSQL server. `schema` is the SQL schema (default `yiciban`).
 *
 * @category models
 * @since 0.1.0
 */
export type StoreOptions =
  | { readonly kind: "memory" }
  | { readonly kind: "pglite"; readonly dataDir?: string | undefined; readonly schema?: string | undefined }
  | { readonly kind: "postgres"; readonly connectionString: string; readonly schema?: string | undefined }

/**
 * - `store`: see {@link StoreOptions};
 * - `aggregates`: the aggregates commands may address (default `Aggregates.all`);
 * - `processManagers`: what `runProcessManagers` runs (default `ProcessManagers.all`: false
 *   commitment → credit entry);
 * - `now`: the clock in epoch milliseconds (default: the system clock); a host that simulates time
 *   (a demo, a test) passes its own.
 *
 * @category models
 * @since 0.1.0
 */
export interface YicibanOptions {
  readonly store: StoreOptions
  readonly aggregates?: ReadonlyArray<Any> | undefined
  readonly processManagers?: ReadonlyArray<ProcessManager> | undefined
  readonly now?: (() => number) | undefined
}

/**
 * The facade.
 *
 * @category models
 * @since 0.1.0
 */
export interface Yiciban {
  /** Handles `command` on the aggregate `aggregate` (by name), instance `id`. */
  readonly execute: (
    aggregate: string,
    id: string,
    command: { readonly _tag: string },
    actor: Actor.Actor,
    options?: { readonly commandId?: string | undefined; readonly correlationId?: string | undefined },
  ) => Promise<Outcome<unknown, { readonly _tag: string }>>
  /** Drafts and publishes a matter (command ids `<prefix>/draft` and `<prefix>/publish`); returns the published terms. */
  readonly publishMatter: (
    input: {
      readonly implementationCode: string
      readonly baseCode: string
      readonly elements: PublishedMatter.MatterElements
    },
    actor: Actor.Actor,
    options?: { readonly commandIdPrefix?: string | undefined },
  ) => Promise<PublishedMatter.PublishedMatter>
  /** Submits an application pinned to the matter's latest published terms. */
  readonly submitApplication: (
    input: {
      readonly caseNo: string
      readonly applicant: Application.Applicant
      readonly matterCode: string
      readonly materials: ReadonlyArray<Application.SubmittedMaterial>
    },
    actor: Actor.Actor,
    options?: { readonly commandId?: string | undefined },
  ) => Promise<Outcome<Application.State, Application.Event>>
  /** The state and version of an aggregate's instance. */
  readonly load: (aggregate: string, id: string) => Promise<{ readonly version: number; readonly state: unknown }>
  /** The events of an aggregate's instance, as stored. */
  readonly events: (aggregate: string, id: string) => Promise<ReadonlyArray<EventStore.RecordedEvent>>
  /** The inline case list. */
  readonly cases: () => Promise<ReadonlyArray<RuntimeStore.CaseRow>>
  /** The due-timer table (of one stream, or all). */
  readonly timers: (stream?: string) => Promise<ReadonlyArray<RuntimeStore.TimerRow>>
  /** Fires every timer due now. */
  readonly runDueTimers: () => Promise<ReadonlyArray<Fired>>
  /** Runs every process manager over the events after its checkpoint; resolves with how many events each handled. */
  readonly runProcessManagers: () => Promise<ReadonlyArray<{ readonly name: string; readonly handled: number }>>
  /** Runs any Effect program against this instance's services. */
  readonly run: <A, E>(
    effect: Effect.Effect<A, E, RuntimeStore.SqlServices | EventStore.EventStore | RuntimeStore.RuntimeStore>,
  ) => Promise<A>
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

const layerOf = (store: StoreOptions): Layer.Layer<EventStore.EventStore | RuntimeStore.RuntimeStore, unknown> => {
  switch (store.kind) {
    case "memory":
      return RuntimeStore.layerMemory()
    case "pglite":
      return RuntimeStore.layerPglite({ dataDir: store.dataDir, schema: store.schema })
    case "postgres":
      return RuntimeStore.layerPostgres({ connectionString: store.connectionString, schema: store.schema })
  }
}

/**
 * Opens Yiciban on a store (applying migrations) and resolves when it is ready.
 *
 * @example
 * ```ts
 * import { createYiciban } from "@yiciban/runtime"
 *
 * const yiciban = await createYiciban({ store: { kind: "pglite", dataDir: "./.yiciban-data" } })
 * try {
 *   await yiciban.execute("application", "SCJG-2026-000731", { _tag: "AcceptApplication", caseNo: "SCJG-2026-000731" }, clerk)
 * } catch (error) {
 *   if (error._tag === "CommandRejected") console.log(error.rejection._tag)
 * } finally {
 *   await yiciban.close()
 * }
 * ```
 *
 * @category constructors
 * @since 0.1.0
 */
export const createYiciban = async (options: YicibanOptions): Promise<Yiciban> => {
  const runtime = ManagedRuntime.make(layerOf(options.store))
  const aggregates = options.aggregates ?? Aggregates.all
  const processManagers = options.processManagers ?? ProcessManagers.all
  const clock = options.now === undefined ? undefined : clockOf(options.now)
  const run = async <A, E>(
    effect: Effect.Effect<A, E, EventStore.EventStore | RuntimeStore.RuntimeStore>,
  ): Promise<A> => {
    const exit = await runtime.runPromiseExit(
      clock === undefined ? effect : Effect.provideService(effect, Clock.Clock, clock),
    )
    if (Exit.isSuccess(exit)) return exit.value
    const failure = exit.cause.reasons.find((reason) => reason._tag === "Fail")
    throw failure !== undefined ? (failure as { error: unknown }).error : new Error(String(exit.cause))
  }
  const aggregate = (name: string) =>
    Effect.suspend(() => {
      const found = find(aggregates, name)
      return found === undefined
        ? Effect.fail(new InvalidCommand({ aggregate: name, detail: `no aggregate named ${name}` }))
        : Effect.succeed(found)
    })
  await run(Effect.void)
  const execute = (
    name: string,
    id: string,
    command: { readonly _tag: string },
    actor: Actor.Actor,
    handleOptions: HandleOptions = {},
  ) => run(Effect.flatMap(aggregate(name), (found) => handle(found, id, command, actor, handleOptions)))
  return {
    execute,
    publishMatter: async (input, actor, publishOptions = {}) => {
      const prefix = publishOptions.commandIdPrefix ?? `matter/${input.implementationCode}`
      await execute(
        "matter",
        input.implementationCode,
        {
          _tag: "DraftMatter",
          implementationCode: input.implementationCode,
          baseCode: input.baseCode,
          elements: input.elements,
        } as never,
        actor,
        { commandId: `${prefix}/draft` },
      )
      const published = await execute(
        "matter",
        input.implementationCode,
        { _tag: "PublishDraft", implementationCode: input.implementationCode } as never,
        actor,
        { commandId: `${prefix}/publish` },
      )
      return Matter.publishedTerms(published.state as Matter.State)!
    },
    submitApplication: (input, actor, submitOptions = {}) =>
      run(
        Effect.gen(function* () {
          const matter = Matter.publishedTerms((yield* load(Aggregates.matter, input.matterCode)).state)
          if (matter === undefined) {
            return yield* new InvalidCommand({
              aggregate: "application",
              detail: `matter ${input.matterCode} is not published`,
            })
          }
          const application = (yield* aggregate("application")) as typeof Aggregates.application
          return yield* handle(
            application,
            input.caseNo,
            {
              _tag: "SubmitApplication",
              caseNo: input.caseNo,
              applicant: input.applicant,
              matter,
              materials: input.materials,
            },
            actor,
            submitOptions,
          )
        }),
      ),
    load: (name, id) => run(Effect.flatMap(aggregate(name), (found) => load(found, id))),
    events: (name, id) =>
      run(
        Effect.gen(function* () {
          const found = yield* aggregate(name)
          const store = yield* EventStore.EventStore
          return yield* store.readStream(`${found.name}-${id}`)
        }),
      ),
    cases: () => run(Effect.flatMap(Effect.service(RuntimeStore.RuntimeStore), (store) => store.cases)),
    timers: (stream) => run(Effect.flatMap(Effect.service(RuntimeStore.RuntimeStore), (store) => store.timers(stream))),
    runDueTimers: () => run(runDue({ aggregates })),
    runProcessManagers: () =>
      run(
        Effect.forEach(processManagers, (manager) =>
          Effect.map(catchUp(manager, aggregates), (result) => ({ name: manager.name, handled: result.handled })),
        ),
      ),
    run: (effect) => run(effect as Effect.Effect<any, any, EventStore.EventStore | RuntimeStore.RuntimeStore>),
    close: () => runtime.dispose(),
  }
}
