/**
 * The pieces of the runtime's aggregates that the others build on without importing
 * `Aggregates` (which would make a cycle): the day's start, the calendar source and the matter
 * catalogue aggregate. `Aggregates` re-exports them.
 */
import { type CalendarDate, Matter, type WorkCalendar } from "@yiciban/core"
import type { Aggregate, Scope } from "../Aggregate.ts"

/**
 * The instant a calendar day starts in Beijing (UTC+8): when a timer due on that day fires.
 *
 * @category constructors
 * @since 0.1.0
 */
export const startOfDay = (date: CalendarDate.CalendarDate): string => new Date(`${date}T00:00:00+08:00`).toISOString()

/**
 * The working-day calendar an aggregate counts with: a calendar, or a function that gives the one
 * in force now (a host that loads the State Council's notice at run time swaps what it returns,
 * then runs `Replan.replan`).
 *
 * @category models
 * @since 0.1.0
 */
export type CalendarSource = WorkCalendar.WorkCalendar | (() => WorkCalendar.WorkCalendar)

export const currentOf = (source: CalendarSource): (() => WorkCalendar.WorkCalendar) =>
  typeof source === "function" ? source : () => source

/**
 * The authority that maintains a matter: the implementing authority of its draft, else of its
 * latest published version, else (a new matter) of the draft a command brings.
 *
 * @category combinators
 * @since 0.2.0
 */
export const matterScope = (state: Matter.State, command: Matter.Command | undefined): Scope => {
  const elements =
    state.draft ??
    state.versions.at(-1) ??
    (command?._tag === "DraftMatter" ? command.elements : undefined) ??
    undefined
  const by = elements?.implementingAuthority
  return {
    owners: [],
    administeredBy: by === undefined ? undefined : { creditCode: by.creditCode, division: by.division },
    region: by?.division,
    public: state.versions.length > 0,
  }
}

/**
 * The matter aggregate (the catalogue). Streams `matter-<implementationCode>`. Catalogue
 * administrators act only for their own authority's matters; published matters are public.
 *
 * @category models
 * @since 0.1.0
 */
export const matter: Aggregate<Matter.State, Matter.Command, Matter.Event> = {
  name: "matter",
  publicIds: true,
  decider: Matter.decider,
  idOf: (command) => command.implementationCode,
  commandSchema: Matter.Command,
  eventSchema: Matter.Event,
  eventVersions: Matter.eventVersions,
  requiredRoles: () => Matter.requiredRoles,
  scope: matterScope,
  summary: (state) => ({
    status: state.phase,
    title: state.versions.at(-1)?.name ?? state.draft?.name,
    detail: { version: state.versions.length },
  }),
}
