/**
 * Identity and state of the `Matter` aggregate.
 *
 * @since 0.1.0
 */
import * as Schema from "effect/Schema"
import { CalendarDate } from "../CalendarDate.ts"
import { ImplementingAuthority, MatterElements, PublishedMatter } from "../PublishedMatter.ts"

/**
 * The stream that holds a matter's events: `matter-<implementationCode>`.
 *
 * @example
 * ```ts
 * import { Matter } from "@yiciban/core"
 *
 * Matter.streamName("11430100MB1234567X-000110003000-01") // "matter-11430100MB1234567X-000110003000-01"
 * ```
 *
 * @category constructors
 * @since 0.1.0
 */
export const streamName = (implementationCode: string): string => `matter-${implementationCode}`

/**
 * Where a matter is in its lifecycle.
 *
 * - `new`: nothing recorded yet.
 * - `drafted`: a first draft exists; nothing published.
 * - `published`: at least one version is published and it accepts applications.
 * - `suspended`: published but accepting no new applications.
 * - `abolished`: 取消; terminal.
 *
 * A revision (the draft of the next version) may be open while `published` or `suspended`.
 *
 * @category schemas
 * @since 0.1.0
 */
export const Phase = Schema.Literals(["new", "drafted", "published", "suspended", "abolished"])

/**
 * @category models
 * @since 0.1.0
 */
export type Phase = typeof Phase.Type

/**
 * How the power is handed to another authority: delegated down to a lower level (下放), entrusted
 * (委托, the entrusted body acts in the entrusting authority's name, ALL Art 24) or granted to a
 * development zone (园区赋权).
 *
 * @category schemas
 * @since 0.1.0
 */
export const DelegationKind = Schema.Literals(["delegateDown", "entrust", "zoneEmpowerment"])

/**
 * @category models
 * @since 0.1.0
 */
export type DelegationKind = typeof DelegationKind.Type

/**
 * A delegation in the matter's record: from which authority to which, from which date, on what
 * basis.
 *
 * @category schemas
 * @since 0.1.0
 */
export const Delegation = Schema.Struct({
  kind: DelegationKind,
  from: ImplementingAuthority,
  to: ImplementingAuthority,
  effectiveFrom: CalendarDate,
  basis: Schema.NonEmptyString,
})

/**
 * @category models
 * @since 0.1.0
 */
export type Delegation = typeof Delegation.Type

/**
 * The state of a matter: its codes, phase, the open draft (`null` when none), every published
 * version in order (version n at index n − 1, never changed once published) and the delegations
 * sorted by effective date.
 *
 * @category schemas
 * @since 0.1.0
 */
export const State = Schema.Struct({
  implementationCode: Schema.String,
  baseCode: Schema.String,
  phase: Phase,
  draft: Schema.NullOr(MatterElements),
  versions: Schema.Array(PublishedMatter),
  delegations: Schema.Array(Delegation),
})

/**
 * @category models
 * @since 0.1.0
 */
export type State = typeof State.Type

/**
 * The state before any event.
 *
 * @category constructors
 * @since 0.1.0
 */
export const initialState: State = {
  implementationCode: "",
  baseCode: "",
  phase: "new",
  draft: null,
  versions: [],
  delegations: [],
}
