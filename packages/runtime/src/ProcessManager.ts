/**
 * Process managers: policies over events that issue commands to other aggregates (false
 * commitment → a credit entry; bundle fan-out; disbursement). A process manager reads events in
 * global order from its own checkpoint and dispatches the follow-ups it derives with the `system`
 * role (actor id `process:<name>`) and command id `<name>/<eventId>/<index>`: redelivering an
 * event (delivery is at least once) re-sends the same command ids, which append nothing the second
 * time. The follow-up carries the event's correlation id and the event id as its causation.
 *
 * A follow-up the target rejects is reported to `onRejected` and skipped (the policy asked for
 * something the target's rules refuse; replaying cannot change that); a store failure stops the
 * run, to be resumed from the checkpoint.
 *
 * @since 0.1.0
 */
import type { Actor } from "@yiciban/core"
import type { EventStore, Subscription } from "@yiciban/eventstore"
import * as Effect from "effect/Effect"
import * as Result from "effect/Result"
import { type Any, type FollowUp, find } from "./Aggregate.ts"
import { handle } from "./CommandHandler.ts"
import { system } from "./internal/system.ts"
import { openEvent } from "./PersonalData.ts"
import * as Projection from "./Projection.ts"
import { CommandRejected, InvalidCommand, type NotPermitted, type WrongInstance } from "./RuntimeError.ts"
import type { RuntimeStore } from "./RuntimeStore.ts"

/**
 * The actor a process manager's follow-ups are issued as: the `system` role, id
 * `process:<name>` (so a case's timeline tells a policy's act from a timer's).
 *
 * @category constructors
 * @since 0.1.0
 */
export const actorOf = (manager: ProcessManager): Actor.Actor => system(`process:${manager.name}`).actor

/**
 * A process manager: a name and what it does on an event (usually nothing).
 *
 * @category models
 * @since 0.1.0
 */
export interface ProcessManager {
  readonly name: string
  readonly react: (event: EventStore.RecordedEvent) => ReadonlyArray<FollowUp>
}

/**
 * The process manager as a projection over the event log (its read model is the commands it
 * sent, so `reset` does nothing). `aggregates` are where follow-ups go, by name.
 *
 * @example
 * ```ts
 * import { Aggregates, ProcessManager, Projection } from "@yiciban/runtime"
 *
 * const program = Projection.catchUp(ProcessManager.asProjection(policy, Aggregates.all))
 * ```
 *
 * @category combinators
 * @since 0.1.0
 */
export const asProjection = (
  manager: ProcessManager,
  aggregates: ReadonlyArray<Any>,
  onRejected: (
    followUp: FollowUp,
    error: CommandRejected | NotPermitted | InvalidCommand | WrongInstance,
  ) => Effect.Effect<void> = () => Effect.void,
): Projection.Projection<unknown, EventStore.EventStore | RuntimeStore> => ({
  name: `process:${manager.name}`,
  reset: Effect.void,
  handle: (stored) =>
    Effect.flatMap(openEvent(stored), (event) =>
      Effect.forEach(
        manager.react(event),
        (followUp, index) =>
          Effect.gen(function* () {
            const aggregate = find(aggregates, followUp.aggregate)
            if (aggregate === undefined) {
              return yield* onRejected(
                followUp,
                new InvalidCommand({ aggregate: followUp.aggregate, detail: "no such aggregate" }),
              )
            }
            const result = yield* Effect.result(
              handle(aggregate, followUp.id, followUp.command, system(`process:${manager.name}`), {
                commandId: `${manager.name}/${event.eventId}/${index}`,
                correlationId: event.metadata.correlationId,
                causationId: event.eventId,
              }),
            )
            if (Result.isSuccess(result)) return
            const error = result.failure
            if (
              error instanceof CommandRejected ||
              error instanceof InvalidCommand ||
              error._tag === "NotPermitted" ||
              error._tag === "WrongInstance"
            ) {
              return yield* onRejected(
                followUp,
                error as CommandRejected | NotPermitted | InvalidCommand | WrongInstance,
              )
            }
            return yield* Effect.fail(error)
          }),
        { discard: true },
      ),
    ),
})

/**
 * Runs the process manager once over every event after its checkpoint.
 *
 * @category combinators
 * @since 0.1.0
 */
export const catchUp = (
  manager: ProcessManager,
  aggregates: ReadonlyArray<Any>,
): Effect.Effect<Subscription.CatchUpResult, unknown, EventStore.EventStore | RuntimeStore> =>
  Projection.catchUp(asProjection(manager, aggregates))
