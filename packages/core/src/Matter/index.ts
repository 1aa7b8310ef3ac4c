/**
 * A service matter (政务服务事项): the versioned catalogue entry every application is judged
 * against. A matter is drafted, published as version 1, revised and published as version 2, …;
 * it may be suspended and resumed, handed to another authority from a date (下放 / 委托 /
 * 园区赋权) and abolished (取消). A published version never changes.
 *
 * Stream: `matter-<implementationCode>`. Every command requires the `catalogueAdmin` role.
 *
 * @example
 * ```ts
 * import { Decider, Matter } from "@yiciban/core"
 *
 * const outcome = Decider.runAll(Matter.decider, Matter.initialState, [
 *   [{ _tag: "DraftMatter", implementationCode, baseCode, elements }, context],
 *   [{ _tag: "PublishDraft", implementationCode }, context],
 * ])
 * // Matter.publishedTerms(state) is version 1
 * ```
 *
 * @since 0.1.0
 */
import type { Decider } from "../Decider.ts"
import type { PublishedMatter } from "../PublishedMatter.ts"
import type { Command } from "./Commands.ts"
import { decide } from "./decide.ts"
import type { Event } from "./Events.ts"
import { evolve } from "./evolve.ts"
import type { Rejection } from "./Rejections.ts"
import { initialState, type State } from "./State.ts"

export * from "./Commands.ts"
export { authorityOn, decide, requiredRoles } from "./decide.ts"
export * from "./Events.ts"
export { elementsOf, evolve } from "./evolve.ts"
export * from "./invariants.ts"
export * from "./Rejections.ts"
export * from "./State.ts"

/**
 * The terms of a published version — the latest when no version is given — or `undefined` when
 * that version does not exist. An application pins these at submission.
 *
 * @example
 * ```ts
 * import { Matter } from "@yiciban/core"
 *
 * Matter.publishedTerms(state)?.version // the latest version
 * Matter.publishedTerms(state, 1)?.promisedLimitWorkingDays // version 1, unchanged by later versions
 * ```
 *
 * @category combinators
 * @since 0.1.0
 */
export const publishedTerms = (state: State, version?: number): PublishedMatter | undefined =>
  version === undefined ? state.versions.at(-1) : state.versions[version - 1]

/**
 * True when the matter takes new applications: published, neither suspended nor abolished.
 *
 * @category guards
 * @since 0.1.0
 */
export const acceptsApplications = (state: State): boolean => state.phase === "published"

/**
 * True when a revision (the draft of the next version) is open.
 *
 * @category guards
 * @since 0.1.0
 */
export const hasOpenRevision = (state: State): boolean => state.versions.length > 0 && state.draft !== null

/**
 * The `Matter` decider.
 *
 * @category models
 * @since 0.1.0
 */
export const decider: Decider<State, Command, Event, Rejection> = { initialState, decide, evolve }
