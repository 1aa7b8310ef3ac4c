/**
 * A service bundle (一件事一次办): several matters — possibly of several authorities — offered as
 * one thing with a lead department (牵头部门), one notice, one material list de-duplicated by
 * material code or electronic licence type, and a joint limit of at most 45 working days (+15 with
 * approval). Members are pinned by version: the commands carry each member's published terms.
 * Same lifecycle as a matter: draft, revise, publish, open a revision, publish the next version,
 * suspend, resume, abolish.
 *
 * Stream: `bundle-<id>`. Every command requires the `catalogueAdmin` role.
 *
 * @example
 * ```ts
 * import { Decider, ServiceBundle } from "@yiciban/core"
 *
 * const outcome = Decider.runAll(ServiceBundle.decider, ServiceBundle.initialState, [
 *   [{ _tag: "DraftBundle", bundleId: "OPEN-A-RESTAURANT", elements }, context],
 *   [{ _tag: "PublishBundle", bundleId: "OPEN-A-RESTAURANT" }, context],
 * ])
 * ```
 *
 * @since 0.1.0
 */
import type { Decider } from "../Decider.ts"
import type { Command } from "./Commands.ts"
import { decide } from "./decide.ts"
import type { Event } from "./Events.ts"
import { evolve } from "./evolve.ts"
import type { Rejection } from "./Rejections.ts"
import { initialState, type PublishedBundle, type State } from "./State.ts"

export * from "./Commands.ts"
export { decide, requiredRoles } from "./decide.ts"
export * from "./Events.ts"
export { elementsOf, evolve } from "./evolve.ts"
export * from "./invariants.ts"
export * from "./merge.ts"
export * from "./Rejections.ts"
export * from "./State.ts"

/**
 * A published version of the bundle — the latest when no version is given — or `undefined`.
 *
 * @category combinators
 * @since 0.1.0
 */
export const publishedVersion = (state: State, version?: number): PublishedBundle | undefined =>
  version === undefined ? state.versions.at(-1) : state.versions[version - 1]

/**
 * True when the bundle takes new applications: published, neither suspended nor abolished.
 *
 * @category guards
 * @since 0.1.0
 */
export const acceptsApplications = (state: State): boolean => state.phase === "published"

/**
 * The `ServiceBundle` decider.
 *
 * @category models
 * @since 0.1.0
 */
export const decider: Decider<State, Command, Event, Rejection> = { initialState, decide, evolve }
