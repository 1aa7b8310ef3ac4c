/**
 * @yiciban/runtime — command handling, authorization, durable timers, projections, process
 * managers and a Promise facade over Yiciban's aggregates and event stores.
 *
 * @since 0.1.0
 */

/**
 * How the runtime sees an aggregate: decider, schemas, roles, facts, authority, case-list row,
 * timers, snapshots.
 *
 * @since 0.1.0
 */
export * as Aggregate from "./Aggregate.ts"

/**
 * The core aggregates described for the runtime.
 *
 * @since 0.1.0
 */
export * as Aggregates from "./Aggregates.ts"

/**
 * Roles, and the authority and region of staff.
 *
 * @since 0.1.0
 */
export * as Authorization from "./Authorization.ts"

/**
 * Service bundles (一件事一次办) in the runtime: the bundle catalogue and the bundle case.
 *
 * @since 0.3.0
 */
export * as BundleApplications from "./BundleApplications.ts"
/**
 * The bundle case view: a bundle case with its joint clock and its children's clocks.
 *
 * @since 0.3.0
 */
export * as BundleCases from "./BundleCases.ts"
/**
 * The bundle fan-out and fan-in process managers.
 *
 * @since 0.3.0
 */
export * as BundleProcesses from "./BundleProcesses.ts"

/**
 * Load → authorize → decide → append, with retries and idempotency by command id.
 *
 * @since 0.1.0
 */
export * as CommandHandler from "./CommandHandler.ts"

/**
 * Loading an aggregate from its snapshot and events.
 *
 * @since 0.1.0
 */
/**
 * Erasure of a person's personal data by a data protection officer.
 *
 * @since 0.2.0
 */
export * as Erasure from "./Erasure.ts"
/**
 * The State Council's holiday notices adopted in the store, applied by every runtime on start.
 *
 * @since 0.3.0
 */
export * as HolidayNotices from "./HolidayNotices.ts"

/**
 * What the runtime accepts from a host, checked: actors and commands, decoded strictly, with text
 * the store keeps and bounded nesting.
 *
 * @since 0.2.0
 */
export * as Input from "./Input.ts"
/**
 * Electronic licences spare the applicant (电子证照免提交): at submission the runtime looks up the
 * applicant's licence valid on the day for each material the matter marks as satisfied by one.
 *
 * @since 0.2.0
 */
export * as LicenceReliance from "./LicenceReliance.ts"
/**
 * Licence queries over the case list: a holder's valid licences on a day, the licence a case
 * produced, the cases a licence came from — authorized like every read.
 *
 * @since 0.2.0
 */
export * as Licences from "./Licences.ts"
export * as Loader from "./Loader.ts"

/**
 * Personal data: pseudonymous stream names, fields sealed with a key per subject, erasure.
 *
 * @since 0.2.0
 */
export * as PersonalData from "./PersonalData.ts"

/**
 * Policies (政策) and their redemption (政策兑现): the aggregates, auto-entitlement and the budget view.
 *
 * @since 0.3.0
 */
export * as Policies from "./Policies.ts"

/**
 * The policy library (政策库): search with filters and Chinese text, and the policies a subject may be eligible for.
 *
 * @since 0.3.0
 */
export * as PolicyLibrary from "./PolicyLibrary.ts"
/**
 * Process managers: policies over events that issue follow-up commands exactly once.
 *
 * @since 0.1.0
 */
export * as ProcessManager from "./ProcessManager.ts"
/**
 * The core process managers: false commitment → credit entry.
 *
 * @since 0.1.0
 */
export * as ProcessManagers from "./ProcessManagers.ts"
/**
 * Asynchronous projections from checkpoints, with rebuilds from zero.
 *
 * @since 0.1.0
 */
export * as Projection from "./Projection.ts"
/**
 * The rating aggregate (好差评) described for the runtime.
 *
 * @since 0.3.0
 */
export * as RatingAggregate from "./RatingAggregate.ts"
/**
 * The five rates (五率), the units' ratings and the early warnings: a projection and its queries.
 *
 * @since 0.3.0
 */
export * as Ratings from "./Ratings.ts"
/**
 * Re-planning the due timers after the working-day calendar changed (a holiday notice loaded).
 *
 * @since 0.1.0
 */
export * as Replan from "./Replan.ts"
/**
 * The typed errors of the runtime.
 *
 * @since 0.1.0
 */
export * as RuntimeError from "./RuntimeError.ts"
/**
 * The case list and the due-timer table, written inline with the events.
 *
 * @since 0.1.0
 */
export * as RuntimeStore from "./RuntimeStore.ts"

/**
 * Durable timers: claiming due timers and dispatching their follow-up commands exactly once.
 *
 * @since 0.1.0
 */
export * as Scheduler from "./Scheduler.ts"

/**
 * Shared data (数据共享): the port to a host's sources of facts about applicants, with provenance.
 *
 * @since 0.3.0
 */
export * as SharedData from "./SharedData.ts"
/**
 * Shared data spares the applicant a material (数据共享): at submission the runtime fetches the fact
 * a matter marks (`sharedDataKind`) about the applicant, and the case records its provenance.
 *
 * @since 0.3.0
 */
export * as SharedDataReliance from "./SharedDataReliance.ts"

/**
 * The supervision record (互联网+监管): the event log exported with its hash chain and MAC'd batch
 * heads, and its verification.
 *
 * @since 0.3.0
 */
export * as SupervisionExport from "./SupervisionExport.ts"

/**
 * A background worker: due timers and process managers on an interval with jitter, graceful
 * stop, health (last run, lag, stall).
 *
 * @since 0.2.0
 */
export * as Worker from "./Worker.ts"

/**
 * The Promise facade: `createYiciban({ store })`.
 *
 * @since 0.1.0
 */
export * as Yiciban from "./Yiciban.ts"

/**
 * Opens Yiciban on a store and resolves when it is ready (see `Yiciban`).
 *
 * @since 0.1.0
 */
export { createYiciban } from "./Yiciban.ts"
