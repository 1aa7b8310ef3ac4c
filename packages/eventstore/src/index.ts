/**
 * @yiciban/eventstore — the event store port of Yiciban, its errors, the in-memory store and the
 * helpers every adapter shares.
 *
 * @since 0.1.0
 */

/**
 * The append decision every adapter shares.
 *
 * @since 0.1.0
 */
export * as AppendPlan from "./AppendPlan.ts"

/**
 * Tamper evidence: per-stream hash chains, anchors, verification.
 *
 * @since 0.2.0
 */
export * as EventChain from "./EventChain.ts"

/**
 * The event envelope: new and recorded events, event ids.
 *
 * @since 0.1.0
 */
export * as EventEnvelope from "./EventEnvelope.ts"

/**
 * Ordering invariants as named predicates.
 *
 * @since 0.1.0
 */
export * as EventOrder from "./EventOrder.ts"

/**
 * The EventStore service (the port).
 *
 * @since 0.1.0
 */
export * as EventStore from "./EventStore.ts"

/**
 * The typed errors of the event store.
 *
 * @since 0.1.0
 */
export * as EventStoreError from "./EventStoreError.ts"

/**
 * Input checks every adapter shares.
 *
 * @since 0.1.0
 */
export * as EventValidation from "./EventValidation.ts"

/**
 * Append expectations: any, noStream, streamExists, exact(n).
 *
 * @since 0.1.0
 */
export * as ExpectedVersion from "./ExpectedVersion.ts"

/**
 * The in-memory event store.
 *
 * @since 0.1.0
 */
export * as MemoryEventStore from "./MemoryEventStore.ts"

/**
 * Stream names `<category>-<id>`.
 *
 * @since 0.1.0
 */
export * as StreamName from "./StreamName.ts"

/**
 * Subscriptions from durable checkpoints, built on the port.
 *
 * @since 0.1.0
 */
export * as Subscription from "./Subscription.ts"

/**
 * Upcasters by event type and schema version, applied on read.
 *
 * @since 0.1.0
 */
export * as Upcaster from "./Upcaster.ts"
