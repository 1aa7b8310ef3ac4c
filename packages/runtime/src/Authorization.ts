/**
 * Who may issue a command and who may read an instance. The host authenticates and builds the
 * `Actor`; the runtime authorizes every command and every read against the instance's
 * {@link Aggregate.Scope}:
 *
 * - **applicants and agents** act and read only where the instance is owned by a subject the host
 *   verified they act for (`actor.subjects`: the person itself or an enterprise's legal
 *   representative for `applicant`; an authorised agent for `agent`);
 * - **staff** (window clerks, reviewers, approvers, verifiers, and any other role that is not one of
 *   the roles below) act and read only for the matter's implementing authority, or the authority
 *   it is delegated to on the day (`Matter.authorityOn`): the actor's `authority` is that
 *   authority's unified social credit code and its `region` the authority's division code;
 * - **supervisors** act and read within their region (`region` covers the instance's region:
 *   `430000` covers the province, `430100` the prefecture, `430102` the county);
 * - **catalogue administrators** act for their own authority's matters only;
 * - **data protection officers** erase persons of their region (`Erasure.erase`) and act on and
 *   read no case;
 * - **system** is not a role a caller can hold: the scheduler and the process managers act through
 *   the runtime's own capability.
 *
 * Resident identity numbers are masked (`430102********1234`) for readers who do not need them:
 * everyone but the subject itself and the window clerks and approvers of the authority in charge.
 *
 * @since 0.1.0
 */
import { Actor, CalendarDate, IdentityCode, Matter, type PublishedMatter } from "@yiciban/core"
import type { EventStore, EventStoreError } from "@yiciban/eventstore"
import * as Effect from "effect/Effect"
import type { Aggregate, Any, Scope } from "./Aggregate.ts"
import { matter } from "./internal/catalogue.ts"
import { actorOf, isSystem, type Principal } from "./internal/system.ts"
import { type Current, loadCurrent } from "./Loader.ts"
import { NotPermitted, type UnreadableEvent } from "./RuntimeError.ts"

/**
 * The roles that are not staff: every other role is checked against the matter's authority.
 *
 * @category models
 * @since 0.2.0
 */
export const nonStaffRoles: ReadonlyArray<Actor.Role> = [
  "applicant",
  "agent",
  "supervisor",
  "catalogueAdmin",
  "dataProtectionOfficer",
  "system",
]

/**
 * True for a staff role (checked against the matter's authority on the day).
 *
 * @category guards
 * @since 0.2.0
 */
export const isStaffRole = (role: Actor.Role): boolean => !nonStaffRoles.includes(role)

/**
 * Staff roles who see resident identity numbers in full (they check identities and sign
 * decisions); other staff see them masked.
 *
 * @category models
 * @since 0.2.0
 */
export const identityRoles: ReadonlyArray<Actor.Role> = ["windowClerk", "approver"]

/**
 * Finds the authority in charge of a matter on a date (`undefined` when the matter is unknown).
 *
 * @category models
 * @since 0.1.0
 */
export type AuthorityOf = (
  matterCode: string,
  on: CalendarDate.CalendarDate,
) => Effect.Effect<
  PublishedMatter.ImplementingAuthority | undefined,
  EventStoreError.StreamError | UnreadableEvent,
  EventStore.EventStore
>

/**
 * The authority from the matter's catalogue stream: its implementing authority, or the
 * delegation in force on the date. The stream is read through `Loader.loadCurrent`: its fold is
 * kept and only the events appended since are read, so a delegation or a suspension appended a
 * moment ago counts.
 *
 * @category combinators
 * @since 0.1.0
 */
export const fromCatalogue: AuthorityOf = (matterCode, on) =>
  Effect.map(loadCurrent(matter, matterCode), (loaded) => authorityIn(loaded, on))

const authorityIn = (loaded: Current<Matter.State>, on: CalendarDate.CalendarDate) =>
  loaded.version === 0 ? undefined : Matter.authorityOn(loaded.state, on)

/**
 * {@link fromCatalogue} reading each matter's catalogue stream once: the later lookups, whatever
 * their date, answer from that read. For the lookups of one command (its authority check and its
 * case-list access), which decide on the catalogue as it stood when the command was handled; a
 * new command takes a new one.
 *
 * @category combinators
 * @since 0.3.0
 */
export const fromCatalogueOnce = (): AuthorityOf => {
  const read = new Map<string, Current<Matter.State>>()
  return (matterCode, on) =>
    Effect.suspend(() => {
      const kept = read.get(matterCode)
      if (kept !== undefined) return Effect.succeed(authorityIn(kept, on))
      return Effect.map(loadCurrent(matter, matterCode), (loaded) => {
        read.set(matterCode, loaded)
        return authorityIn(loaded, on)
      })
    })
}

/**
 * True when a supervisor's region `actorRegion` covers `region`: a province code (`430000`)
 * covers every code of the province, a prefecture code (`430100`) every code of the prefecture, a
 * county code only itself.
 *
 * @example
 * ```ts
 * import { Authorization } from "@yiciban/runtime"
 *
 * Authorization.regionCovers("430100", "430102") // true
 * Authorization.regionCovers("430102", "430100") // false
 * ```
 *
 * @category guards
 * @since 0.2.0
 */
export const regionCovers = (actorRegion: string | undefined, region: string | undefined): boolean => {
  if (actorRegion === undefined || region === undefined || !/^\d{6}$/.test(actorRegion)) return false
  return region.startsWith(regionPrefix(actorRegion))
}

/** The prefix of the codes a region covers: `43` for `430000`, `4301` for `430100`. */
const regionPrefix = (region: string): string =>
  region.endsWith("0000") ? region.slice(0, 2) : region.endsWith("00") ? region.slice(0, 4) : region

/**
 * The division code of a subject: characters 3–8 of a unified social credit code (the registering
 * administration's division), the first six digits of a resident identity number.
 *
 * @category combinators
 * @since 0.2.0
 */
export const regionOfSubject = (code: string): string | undefined =>
  IdentityCode.isUnifiedSocialCreditCode(code)
    ? code.slice(2, 8)
    : IdentityCode.isResidentIdNumber(code)
      ? code.slice(0, 6)
      : undefined

/** Why a role does not qualify, or `undefined` when it does. */
type Check = { readonly reason: NotPermitted["reason"]; readonly detail: string } | undefined

/** The actor's authority is one of `scope.readers`, who read an instance without acting on it. */
const readerOnly = (actor: Actor.Actor, scope: Scope): boolean =>
  scope.readers?.some((by) => actor.authority === by.creditCode && actor.region === by.division) === true

const checkRole = (
  role: Actor.Role,
  actor: Actor.Actor,
  scope: Scope,
  today: CalendarDate.CalendarDate,
  authorityOf: AuthorityOf,
): Effect.Effect<Check, EventStoreError.StreamError | UnreadableEvent, EventStore.EventStore> =>
  Effect.gen(function* () {
    switch (role) {
      case "system":
        return { reason: "system", detail: "only the runtime's scheduler and process managers act as system" }
      case "applicant":
      case "agent": {
        const relations: ReadonlyArray<Actor.SubjectRelation> =
          role === "agent" ? ["agent"] : ["self", "legalRepresentative"]
        if (scope.owners.some((code) => Actor.actsFor(actor, code, relations))) return undefined
        return {
          reason: "owner",
          detail:
            scope.owners.length === 0
              ? "it names no subject the actor acts for"
              : `the actor does not act for its subject as ${role === "agent" ? "an authorised agent" : "the subject or its legal representative"}`,
        }
      }
      case "dataProtectionOfficer":
        return {
          reason: "role",
          detail: "a data protection officer erases persons (Erasure); it acts on and reads no case",
        }
      case "supervisor":
        return regionCovers(actor.region, scope.region)
          ? undefined
          : {
              reason: "jurisdiction",
              detail: `it belongs to region ${scope.region ?? "unknown"}, outside the supervisor's region ${actor.region ?? "none"}`,
            }
      case "catalogueAdmin": {
        const by = scope.administeredBy
        if (by !== undefined && actor.authority === by.creditCode && actor.region === by.division) return undefined
        return {
          reason: "jurisdiction",
          detail: `it is administered by ${by?.creditCode ?? "no known authority"}; the actor belongs to ${actor.authority ?? "no authority"}`,
        }
      }
      default: {
        if (readerOnly(actor, scope)) return undefined
        const found = scope.matter
        if (found === undefined) return { reason: "authority", detail: "no implementing authority is known for it" }
        const on = found.on ?? today
        const authority = (yield* authorityOf(found.matterCode, on)) ?? found.pinned
        if (authority === undefined) {
          return { reason: "authority", detail: `no implementing authority known for ${found.matterCode}` }
        }
        if (actor.authority === authority.creditCode && actor.region === authority.division) return undefined
        return {
          reason: "authority",
          detail: `on ${on} matter ${found.matterCode} is implemented by ${authority.name} (${authority.creditCode}, region ${authority.division}); the actor belongs to ${actor.authority ?? "no authority"}, region ${actor.region ?? "none"}`,
        }
      }
    }
  })

/** The first role that qualifies (`undefined` and the first refusal when none does). */
const firstQualifying = (
  roles: ReadonlyArray<Actor.Role>,
  actor: Actor.Actor,
  scope: Scope,
  today: CalendarDate.CalendarDate,
  authorityOf: AuthorityOf,
) =>
  Effect.gen(function* () {
    let refusal: Check
    for (const role of roles) {
      const check = yield* checkRole(role, actor, scope, today, authorityOf)
      if (check === undefined) return { role, refusal: undefined }
      refusal ??= check
    }
    return { role: undefined, refusal }
  })

/**
 * Checks the principal against the command: the system capability for `system` commands; for an
 * actor, its roles, then the role's scope (owner, authority, region). Fails with
 * {@link NotPermitted}.
 *
 * @category combinators
 * @since 0.1.0
 */
export const authorize = <S, Q extends { readonly _tag: string }>(input: {
  readonly aggregate: Aggregate<S, any, any, any, Q>
  readonly stream: string
  readonly command: Q
  readonly state: S
  readonly principal: Principal
  readonly now: string
  readonly authorityOf?: AuthorityOf | undefined
}): Effect.Effect<void, NotPermitted | EventStoreError.StreamError | UnreadableEvent, EventStore.EventStore> =>
  Effect.gen(function* () {
    const { command, principal } = input
    const actor = actorOf(principal)
    const refuse = (reason: NotPermitted["reason"], detail: string) =>
      Effect.fail(new NotPermitted({ stream: input.stream, command: command._tag, actorId: actor.id, reason, detail }))
    const required = input.aggregate.requiredRoles(command)
    if (isSystem(principal)) {
      if (required.includes("system")) return
      return yield* refuse("role", `requires one of ${required.join(", ")}; the runtime acts only as system`)
    }
    const qualifying = actor.roles.filter((role) => required.includes(role))
    if (qualifying.length === 0) return yield* refuse("role", `requires one of ${required.join(", ")}`)
    const scope = input.aggregate.scope(input.state, command)
    const today = CalendarDate.ofInstant(input.now)
    const found = yield* firstQualifying(qualifying, actor, scope, today, input.authorityOf ?? fromCatalogue)
    if (found.role === undefined) return yield* refuse(found.refusal!.reason, found.refusal!.detail)
  })

/**
 * What a reader may see of an instance: `Full` with identity numbers, `Masked` without, `Public`
 * (anyone may read it, identity numbers masked), or `Refused` (with the reason).
 *
 * @category models
 * @since 0.2.0
 */
export type ReadAccess =
  | { readonly _tag: "Full" }
  | { readonly _tag: "Masked" }
  | { readonly _tag: "Public" }
  | { readonly _tag: "Refused"; readonly reason: NotPermitted["reason"]; readonly detail: string }

/**
 * Whether `actor` may read an instance in `state`, and whether it sees identity numbers.
 *
 * @category combinators
 * @since 0.2.0
 */
export const readAccess = <S>(input: {
  readonly aggregate: Aggregate<S, any, any, any, any>
  readonly state: S
  readonly actor: Actor.Actor
  readonly now: string
  readonly authorityOf?: AuthorityOf | undefined
}): Effect.Effect<ReadAccess, EventStoreError.StreamError | UnreadableEvent, EventStore.EventStore> =>
  Effect.gen(function* () {
    const { actor } = input
    const scope = input.aggregate.scope(input.state, undefined)
    const today = CalendarDate.ofInstant(input.now)
    const authorityOf = input.authorityOf ?? fromCatalogue
    let refusal: Check
    let masked = false
    for (const role of actor.roles) {
      const check = yield* checkRole(role, actor, scope, today, authorityOf)
      if (check !== undefined) {
        refusal ??= check
        continue
      }
      if (role === "applicant" || role === "agent") return { _tag: "Full" }
      // a reader by `scope.readers` (a joint reviewer) reviews; it does not need identity numbers
      if (identityRoles.includes(role) && !readerOnly(actor, scope)) return { _tag: "Full" }
      masked = true
    }
    if (masked) return { _tag: "Masked" }
    if (scope.public === true) return { _tag: "Public" }
    return { _tag: "Refused", reason: refusal?.reason ?? "role", detail: refusal?.detail ?? "the actor has no role" }
  })

/**
 * Whether `actor` reads instances by jurisdiction: staff of an authority, a supervisor of a region, a
 * catalogue administrator of an authority. Such a reader is told that an instance does not exist
 * (`NotFound`). Any other reader (an applicant, an agent, a data protection officer, an actor with no
 * role) reads only what its subjects own, and learns nothing from an id: for an instance that does not
 * exist and for one it may not read it gets the same answer, {@link ownInstancesOnly}, so case numbers
 * cannot be probed.
 *
 * @category guards
 * @since 0.3.0
 */
export const readsByJurisdiction = (actor: Actor.Actor): boolean =>
  (actor.authority !== undefined && actor.roles.some((role) => isStaffRole(role) || role === "catalogueAdmin")) ||
  (actor.region !== undefined && actor.roles.includes("supervisor"))

/**
 * The one refusal a reader that does not read by jurisdiction gets for an instance it may not read,
 * whether the instance exists or not (see {@link readsByJurisdiction}).
 *
 * @category models
 * @since 0.3.0
 */
export const ownInstancesOnly = {
  _tag: "Refused",
  reason: "owner",
  detail: "the actor reads only what the subjects it acts for own, and nothing of this id",
} as const satisfies ReadAccess

/**
 * What a reader is told of an instance it found refused by {@link readAccess}, or found not to exist
 * (`undefined`): to readers by jurisdiction, and for aggregates whose ids are public, `NotFound` or
 * the refusal as it is; to any other reader one refusal, the same for a missing instance and for
 * another's (see {@link readsByJurisdiction}).
 *
 * @category combinators
 * @since 0.3.0
 */
export const unreadable = (
  actor: Actor.Actor,
  refused: Extract<ReadAccess, { readonly _tag: "Refused" }> | undefined,
  publicAggregate: boolean,
): { readonly _tag: "NotFound" } | Extract<ReadAccess, { readonly _tag: "Refused" }> => {
  // ids of a public aggregate say nothing, so the answer is the plain one, as for jurisdiction readers
  if (publicAggregate || readsByJurisdiction(actor)) return refused ?? { _tag: "NotFound" }
  return ownInstancesOnly
}

/**
 * The rows of the case list (and their timers) an actor may see: rows owned by a subject it acts
 * for, rows of its authority (staff), rows in its region (supervisors), and public rows.
 *
 * @category models
 * @since 0.2.0
 */
export interface Visibility {
  readonly owners: ReadonlyArray<string>
  readonly authorities: ReadonlyArray<string>
  readonly regionPrefixes: ReadonlyArray<string>
  readonly public: boolean
  /** Rows whose identity numbers it sees in full (owned by its subjects, or of its authority for clerks and approvers). */
  readonly identityAuthorities: ReadonlyArray<string>
}

/**
 * The {@link Visibility} of an actor. Case rows name a person owner by pseudonym, so the persons
 * among the actor's subjects are named through `pseudonym` (the keyring's).
 *
 * @category constructors
 * @since 0.2.0
 */
export const visibilityOf = (actor: Actor.Actor, pseudonym: (code: string) => string = (code) => code): Visibility => {
  const owners = new Set<string>()
  for (const subject of actor.subjects ?? []) {
    const asApplicant = actor.roles.includes("applicant") && subject.relation !== "agent"
    const asAgent = actor.roles.includes("agent") && subject.relation === "agent"
    if (asApplicant || asAgent) {
      owners.add(IdentityCode.isResidentIdNumber(subject.code) ? pseudonym(subject.code) : subject.code)
    }
  }
  const staff = actor.roles.some(isStaffRole) && actor.authority !== undefined
  const supervisor = actor.roles.includes("supervisor") && actor.region !== undefined && /^\d{6}$/.test(actor.region)
  return {
    owners: [...owners],
    authorities: staff ? [actor.authority!] : [],
    regionPrefixes: supervisor ? [regionPrefix(actor.region!)] : [],
    public: true,
    identityAuthorities: staff && actor.roles.some((role) => identityRoles.includes(role)) ? [actor.authority!] : [],
  }
}

/**
 * The runtime's own view: every row.
 *
 * @category constructors
 * @since 0.2.0
 */
export const everything: Visibility = {
  owners: [],
  authorities: [],
  regionPrefixes: [],
  public: true,
  identityAuthorities: [],
}

const residentIdPattern = /\d{17}[\dX]/g

/**
 * `value` with every resident identity number in it (in any string, at any depth) masked: the
 * first six and last four characters kept, the birth date and sequence replaced by `*`.
 *
 * @example
 * ```ts
 * import { Authorization } from "@yiciban/runtime"
 *
 * Authorization.maskIdentityNumbers({ applicant: { code: "430102199003077716" } })
 * // { applicant: { code: "430102********7716" } }
 * ```
 *
 * @category combinators
 * @since 0.2.0
 */
export const maskIdentityNumbers = <A>(value: A): A => {
  const maskText = (text: string) =>
    text.replace(residentIdPattern, (found) =>
      IdentityCode.isResidentIdNumber(found) ? `${found.slice(0, 6)}********${found.slice(14)}` : found,
    )
  const walk = (u: unknown): unknown => {
    if (typeof u === "string") return u.length >= 18 ? maskText(u) : u
    if (Array.isArray(u)) return u.map(walk)
    if (typeof u === "object" && u !== null) {
      const out: Record<string, unknown> = {}
      for (const [key, item] of Object.entries(u)) out[maskText(key)] = walk(item)
      return out
    }
    return u
  }
  return walk(value) as A
}

/**
 * Any aggregate's read access, for code that holds aggregates of many types.
 *
 * @category combinators
 * @since 0.2.0
 */
export const readAccessOf = (aggregate: Any, state: unknown, actor: Actor.Actor, now: string) =>
  readAccess({ aggregate, state, actor, now })
