/**
 * The Promise facade of service ratings (好差评) and supervision, for hosts that do not use Effect:
 * the rating aggregate's commands and reads (the rater's identity left out of every outcome for
 * actors other than the rater and supervisors), the five rates as JSON or CSV, the units' ratings,
 * the early warnings, and the supervision export. The ratings read model is kept in memory and
 * caught up from the event log before each query.
 *
 * @since 0.3.0
 */
import { Actor, CalendarDate, type Rating } from "@yiciban/core"
import type { EventStore } from "@yiciban/eventstore"
import * as Effect from "effect/Effect"
import * as Schema from "effect/Schema"
import { decodeActor } from "./Input.ts"
import * as Projection from "./Projection.ts"
import type { RatingRequest } from "./RatingAggregate.ts"
import * as Ratings from "./Ratings.ts"
import { InvalidCommand, NotPermitted } from "./RuntimeError.ts"
import type * as RuntimeStore from "./RuntimeStore.ts"
import * as SupervisionExport from "./SupervisionExport.ts"
import type { ActorInput, AggregateFacade, Loaded } from "./Yiciban.ts"

/**
 * A command a caller sends to a rating, as JSON.
 *
 * @category models
 * @since 0.3.0
 */
export type RatingCommand = typeof import("./RatingAggregate.ts").RatingRequest["Encoded"]

/**
 * The rating facade.
 *
 * @category models
 * @since 0.3.0
 */
export interface RatingFacade extends AggregateFacade<RatingRequest, RatingCommand, Rating.State, Rating.Event> {
  /** The five rates the actor may read (its authority's, or its region's for a supervisor). */
  readonly fiveRates: (actor: ActorInput) => Promise<ReadonlyArray<Ratings.FiveRatesRow>>
  /** The five rates as CSV. */
  readonly fiveRatesCsv: (actor: ActorInput) => Promise<string>
  /** The ratings of the actor's units, without raters. */
  readonly unitRatings: (actor: ActorInput) => Promise<ReadonlyArray<Ratings.UnitRating>>
  /** The early warnings on `day` the actor may read. */
  readonly warnings: (day: string, actor: ActorInput) => Promise<ReadonlyArray<Ratings.Warning>>
  /** Rebuilds the ratings read model from zero; returns how many events it handled. */
  readonly rebuild: () => Promise<number>
  /** Exports the event log for supervision, one call of `write` per group of lines. Supervisors only. */
  readonly exportLog: (
    options: {
      readonly key: SupervisionExport.ExportKey
      readonly write: (lines: ReadonlyArray<string>) => void
      readonly mask?: SupervisionExport.MaskRule | undefined
      readonly batchSize?: number | undefined
    },
    actor: ActorInput,
  ) => Promise<{ readonly records: number; readonly batches: number }>
}

/** The outcome without the rater, unless the actor is the rater or a supervisor. */
const withoutRater = <A>(value: A, actor: Actor.Actor): A => {
  const state = (value as { state?: Rating.State }).state
  if (state?.rater == null) return value
  const own = Actor.actsFor(actor, state.rater.code, ["self", "legalRepresentative", "agent"])
  if (own || actor.roles.includes("supervisor")) return value
  return { ...value, state: { ...state, rater: null } }
}

/**
 * Makes the rating facade over the generic facade of the rating aggregate and the runtime's `run`.
 *
 * @category constructors
 * @since 0.3.0
 */
export const makeRatingFacade = (
  base: AggregateFacade<RatingRequest, RatingCommand, Rating.State, Rating.Event>,
  run: <A, E>(effect: Effect.Effect<A, E, EventStore.EventStore | RuntimeStore.RuntimeStore>) => Promise<A>,
): RatingFacade => {
  const model = new Ratings.RatingsModel()
  const projection = Ratings.projection(model)
  // The model lives in this process, so its position does too (a durable checkpoint would let a
  // restarted process, or a second node on the same store, skip the events before it).
  const cursor: Projection.MemoryCursor = { position: 0 }
  const actorOf = (input: unknown) => Effect.fromResult(decodeActor(input))
  const query = <A, E>(actorInput: unknown, f: (actor: Actor.Actor) => Effect.Effect<A, E>) =>
    run(
      Effect.gen(function* () {
        const actor = yield* actorOf(actorInput)
        yield* Projection.catchUpInMemory(projection, cursor)
        return yield* f(actor)
      }),
    )
  return {
    ...base,
    execute: async (command, actorInput, options) => {
      const outcome = await base.execute(command, actorInput, options)
      return withoutRater(outcome, Schema.decodeUnknownSync(Actor.Actor)(actorInput))
    },
    load: async (id, actorInput): Promise<Loaded<Rating.State>> => base.load(id, actorInput),
    fiveRates: (actor) => query(actor, (a) => Ratings.fiveRates(model, a)),
    fiveRatesCsv: (actor) => query(actor, (a) => Effect.map(Ratings.fiveRates(model, a), Ratings.toCsv)),
    unitRatings: (actor) => query(actor, (a) => Ratings.unitRatings(model, a)),
    warnings: (day, actor) =>
      query(actor, (a) =>
        Effect.flatMap(
          Effect.mapError(
            Schema.decodeUnknownEffect(CalendarDate.CalendarDate)(day),
            (error) => new InvalidCommand({ aggregate: "rating", path: "day", detail: error.message }),
          ),
          (today) => Ratings.warnings(model, a, today),
        ),
      ),
    rebuild: () => run(Effect.map(Projection.rebuildInMemory(projection, cursor), (result) => result.handled)),
    exportLog: (options, actorInput) =>
      run(
        Effect.gen(function* () {
          const actor = yield* actorOf(actorInput)
          if (!actor.roles.includes("supervisor")) {
            return yield* new NotPermitted({
              stream: "$all",
              command: "export",
              actorId: actor.id,
              reason: "role",
              detail: "only supervisors export the event log (the whole log: a host scopes who may)",
            })
          }
          return yield* SupervisionExport.exportLog({
            key: options.key,
            mask: options.mask,
            batchSize: options.batchSize,
            write: (lines) => Effect.sync(() => options.write(lines)),
          })
        }),
      ),
  }
}
