/**
 * Policies (政策) and their redemption (政策兑现) for the runtime: the `policy` aggregate (streams
 * `policy-<policyId>`), the `redemption` aggregate made over a shared-data source (streams
 * `redemption-<policyId>`, one ledger per policy), and auto-entitlement (免申即享): the runtime finds
 * the eligible subjects of a policy's region in shared data and records an offer to each.
 *
 * Facts never come from a command: the policy in force is read from its stream, the subject's
 * registration and insured headcount and its verified payee account from shared data, each with
 * its provenance, which the events record.
 *
 * @since 0.3.0
 */
import { Actor, CalendarDate, IdentityCode, Policy, type PublishedMatter, Redemption } from "@yiciban/core"
import type { EventStore, EventStoreError } from "@yiciban/eventstore"
import * as Effect from "effect/Effect"
import * as Result from "effect/Result"
import type { Aggregate, FactsInput, Personal, Scope, Summary, TimerSpec } from "./Aggregate.ts"
import { readAccess } from "./Authorization.ts"
import { handle } from "./CommandHandler.ts"
import { system } from "./internal/system.ts"
import { load } from "./Loader.ts"
import type { PersonalField } from "./PersonalData.ts"
import { NotFound, NotPermitted } from "./RuntimeError.ts"
import { type RuntimeStore, RuntimeStore as RuntimeStoreService } from "./RuntimeStore.ts"
import * as SharedData from "./SharedData.ts"

// ---------------------------------------------------------------------------------------------
// Policy
// ---------------------------------------------------------------------------------------------

/**
 * Who may act on and read a policy: the policy administrators (`catalogueAdmin`) of its issuing
 * authority; supervisors of its region; anyone may read a published one (政策公开).
 *
 * @category combinators
 * @since 0.3.0
 */
export const policyScope = (state: Policy.State, command: Policy.Command | undefined): Scope => {
  const terms =
    Policy.current(state)?.terms ??
    state.draft ??
    (command !== undefined && "terms" in command ? command.terms : undefined)
  if (terms === undefined) return { owners: [] }
  return {
    owners: [],
    administeredBy: { creditCode: terms.authority.creditCode, division: terms.authority.division },
    region: terms.region,
    public: state.versions.length > 0,
  }
}

/**
 * A policy's case-list row: its phase, title, and in `detail` the version in force, the issuing
 * authority, region, budget and window.
 *
 * @category combinators
 * @since 0.3.0
 */
export const policySummary = (state: Policy.State): Summary | undefined => {
  const version = Policy.current(state)
  const terms = version?.terms ?? state.draft
  if (terms === null || terms === undefined) return undefined
  return {
    status: state.phase,
    title: terms.title,
    detail: {
      version: version?.version ?? 0,
      authority: terms.authority.creditCode,
      region: terms.region,
      budgetFen: terms.budgetFen,
      window: { opensOn: terms.window.opensOn, closesOn: terms.window.closesOn },
      mode: terms.mode._tag,
    },
  }
}

/**
 * A policy's durable timer: while it is published (or suspended), its expiry the day after its
 * window's last day (00:00 Beijing time), when the scheduler sends `ExpirePolicy` as the runtime.
 * Publishing a version with another window moves it; an expired policy has none.
 *
 * @category combinators
 * @since 0.3.0
 */
export const policyTimers = (state: Policy.State, id: string): ReadonlyArray<TimerSpec> => {
  const version = Policy.current(state)
  if (version === undefined || (state.phase !== "published" && state.phase !== "suspended")) return []
  const lastDay = version.terms.window.closesOn
  return [
    {
      key: `expiry/${lastDay}`,
      dueAt: new Date(`${CalendarDate.addDays(lastDay, 1)}T00:00:00+08:00`).toISOString(),
      notice: `policy ${id} (${version.terms.title}) takes applications until ${lastDay}: it expires the day after`,
      command: { aggregate: "policy", id, command: { _tag: "ExpirePolicy", policyId: id } },
    },
  ]
}

/**
 * The policy aggregate. Streams `policy-<policyId>`.
 *
 * @category models
 * @since 0.3.0
 */
export const policy: Aggregate<Policy.State, Policy.Command, Policy.Event> = {
  name: "policy",
  publicIds: true,
  decider: Policy.decider,
  idOf: (command) => command.policyId,
  commandSchema: Policy.Command,
  eventSchema: Policy.Event,
  eventVersions: Policy.eventVersions,
  requiredRoles: (command) => Policy.requiredRoles[command._tag],
  scope: policyScope,
  summary: policySummary,
  timers: policyTimers,
  snapshot: { schema: Policy.State, schemaVersion: 1, every: 50 },
  // read by every redemption command (the version in force): kept in memory between loads
  cache: { streams: 256 },
}

// ---------------------------------------------------------------------------------------------
// Redemption
// ---------------------------------------------------------------------------------------------

/**
 * The pseudo matter code under which staff of a policy's authority are authorized (lower case: it
 * can never be a matter's implementation code, so no catalogue entry can claim it).
 *
 * @category combinators
 * @since 0.3.0
 */
export const authorityKey = (policyId: string): string => `policy:${policyId}`

/**
 * Who may act on and read a policy's ledger: the subject a command names (applicants and agents
 * acting for it); the staff of the issuing authority — or, for a joint review, of the department
 * the review names, when it is one of the policy's joint reviewers; supervisors of the policy's
 * region. The ledger as a whole is never public (awards are read one by one, by their subject).
 *
 * @category combinators
 * @since 0.3.0
 */
export const redemptionScope = (state: Redemption.State, command: Redemption.Command | undefined): Scope => {
  const owners = command === undefined ? [] : [command.subjectCode]
  const ref = state.policy
  if (ref === null) return { owners }
  const department =
    command?._tag === "ReviewRedemption"
      ? ref.jointReviewers.find((reviewer) => reviewer.creditCode === command.department)
      : undefined
  const pinned = command?._tag === "ReviewRedemption" ? department : ref.authority
  return {
    owners,
    ...(pinned !== undefined
      ? {
          matter: { matterCode: authorityKey(state.policyId), pinned: pinned as PublishedMatter.ImplementingAuthority },
        }
      : {}),
    region: ref.region,
    // A read (no command): the joint reviewers read the ledger whose awards they review.
    ...(command === undefined && ref.jointReviewers.length > 0
      ? { readers: ref.jointReviewers.map(({ creditCode, division }) => ({ creditCode, division })) }
      : {}),
  }
}

/**
 * A ledger's case-list row: `open`, the policy id, and in `detail` the budget, the sums committed,
 * disbursed and repaid, and the number of awards by status — what "the budget left" is read from.
 *
 * @category combinators
 * @since 0.3.0
 */
export const redemptionSummary = (state: Redemption.State): Summary | undefined => {
  if (state.policy === null) return undefined
  const byStatus: Record<string, number> = {}
  for (const award of Object.values(state.awards)) byStatus[award.status] = (byStatus[award.status] ?? 0) + 1
  return {
    status: "open",
    title: state.policyId,
    detail: {
      budgetFen: state.budgetFen,
      committedFen: state.committedFen,
      disbursedFen: state.disbursedFen,
      repaidFen: state.repaidFen,
      awards: byStatus,
    },
  }
}

/**
 * A subject's facts as shared data gives them: its name, kind, industries, region, capital,
 * employees and insured headcount, with the provenance of each record relied on; `null` when
 * shared data has no registration of the subject.
 *
 * @category combinators
 * @since 0.3.0
 */
export const subjectFactsOf = (
  port: SharedData.SharedData["Service"],
  subjectCode: string,
  now: string,
): Effect.Effect<Redemption.Facts["subject"], SharedData.SharedDataUnavailable | SharedData.SharedDataInvalid> =>
  Effect.gen(function* () {
    if (IdentityCode.isResidentIdNumber(subjectCode)) {
      // A person (自然人): its record of residence; no registered capital, no employees.
      const resident = yield* port.fetch("residentRecord", subjectCode, now)
      if (resident === undefined) return null
      const insurance = yield* port.fetch("socialSecurity", subjectCode, now)
      return {
        name: resident.value.name,
        facts: {
          subjectKind: "naturalPerson" as const,
          industryCodes: [],
          region: resident.value.region,
          registeredCapitalFen: 0,
          employeeCount: 0,
          insuredHeadcount: insurance?.value.insuredHeadcount ?? null,
        },
        reliedOn: [resident.provenance, ...(insurance === undefined ? [] : [insurance.provenance])],
      }
    }
    const registration = yield* port.fetch("businessRegistration", subjectCode, now)
    if (registration === undefined) return null
    const insurance = yield* port.fetch("socialSecurity", subjectCode, now)
    return {
      name: registration.value.name,
      facts: {
        subjectKind: registration.value.subjectKind,
        industryCodes: registration.value.industryCodes,
        region: registration.value.region,
        registeredCapitalFen: registration.value.registeredCapitalFen,
        employeeCount: registration.value.employeeCount,
        insuredHeadcount: insurance?.value.insuredHeadcount ?? null,
      },
      reliedOn: [registration.provenance, ...(insurance === undefined ? [] : [insurance.provenance])],
    }
  })

/**
 * The facts of a ledger command, read by the runtime: the policy version in force and whether it
 * takes redemptions today (`Policy.openOn`); for commands that judge a subject (an application,
 * an offer), its business registration and social security from shared data; for a disbursement,
 * its verified payee account. A subject with no registration is `subject: null` (the decider
 * refuses with `NoSharedRecord`).
 *
 * @category combinators
 * @since 0.3.0
 */
export const redemptionFacts =
  (port: SharedData.SharedData["Service"]) =>
  (
    input: FactsInput<Redemption.State, Redemption.Command>,
  ): Effect.Effect<
    Redemption.Facts,
    EventStoreError.StreamError | SharedData.SharedDataUnavailable | SharedData.SharedDataInvalid | unknown,
    EventStore.EventStore
  > =>
    Effect.gen(function* () {
      const { command, now } = input
      const loaded = yield* load(policy, command.policyId)
      const version = Policy.current(loaded.state)
      const today = CalendarDate.ofInstant(now)
      const policyFacts =
        version === undefined
          ? null
          : {
              version: version.version,
              terms: version.terms,
              open: Policy.openOn(loaded.state, today),
              expired: loaded.state.phase === "expired",
            }
      const subject =
        command._tag === "ApplyForRedemption" || command._tag === "OfferEntitlement"
          ? yield* subjectFactsOf(port, command.subjectCode, now)
          : null
      let payee: Redemption.Facts["payee"] = null
      if (command._tag === "DisburseRedemption") {
        const account = yield* port.fetch("payeeAccount", command.subjectCode, now)
        if (account !== undefined) {
          payee = {
            bank: account.value.bank,
            accountName: account.value.accountName,
            accountNo: account.value.accountNo,
            provenance: account.provenance,
          }
        }
      }
      return { policy: policyFacts, subject, payee }
    })

/** The statuses in which a person's award is still open (erasure waits for them to close). */
const openStatuses: ReadonlyArray<Redemption.AwardStatus> = ["offered", "applied", "accepted", "approved"]

/**
 * A person's data in a ledger (自然人, PIPL): in every event about a person (its subject code a
 * resident identity number), the code, the name and the payee account's name and number are
 * sealed under the person's key; a ledger holding a person's award is never snapshotted (a
 * snapshot is sealed under one person's key, a ledger holds many) nor cached in memory; erasure
 * finds the ledgers a person has an award in, and waits while the award is open (offered,
 * applied, accepted, approved, or a repayment due). Once erased, the award reads under the erased
 * code and its amounts still count: the budget stays consistent.
 *
 * @category models
 * @since 0.3.0
 */
export const redemptionPersonal: Personal<Redemption.State, Redemption.Event> = {
  fields: (event) => {
    const code = event.subjectCode
    if (!IdentityCode.isResidentIdNumber(code)) return []
    const fields: Array<PersonalField> = [{ path: ["subjectCode"], subject: code, erased: (erased) => erased }]
    if (event._tag === "RedemptionApplied" || event._tag === "EntitlementOffered") {
      fields.push({ path: ["subjectName"], subject: code, erased: () => IdentityCode.erasedName })
    }
    if (event._tag === "RedemptionDisbursed") {
      fields.push(
        { path: ["payee", "accountName"], subject: code, erased: () => IdentityCode.erasedName },
        { path: ["payee", "accountNo"], subject: code, erased: () => "erased" },
      )
    }
    return fields
  },
  open: (state, subject) => {
    const award = state.awards[subject]
    return (
      award !== undefined &&
      (openStatuses.includes(award.status) ||
        (award.status === "rescinded" && award.repaymentDueFen > 0 && !award.repaid))
    )
  },
  withholdSnapshot: (state) => Object.keys(state.awards).some((code) => IdentityCode.isResidentIdNumber(code)),
  instancesOf: (code) =>
    Effect.gen(function* () {
      const store = yield* RuntimeStoreService
      const found: Array<string> = []
      for (let after: string | undefined; ; ) {
        const page = yield* store.cases("all", { category: "redemption", after, limit: 1000 })
        for (const row of page) {
          const ledger = yield* load(policyLedger, row.id)
          if (ledger.state.awards[code] !== undefined) found.push(row.id)
        }
        if (page.length < 1000) return found
        after = page[page.length - 1]!.stream
      }
    }),
}

/** The ledger as erasure reads it (its facts are never needed to load). */
const policyLedger: Aggregate<Redemption.State, Redemption.Command, Redemption.Event, Redemption.Facts> = {
  name: "redemption",
  publicIds: true,
  decider: Redemption.decider,
  idOf: (command) => command.policyId,
  commandSchema: Redemption.Command,
  eventSchema: Redemption.Event,
  eventVersions: Redemption.eventVersions,
  requiredRoles: (command) => Redemption.requiredRoles[command._tag],
  scope: redemptionScope,
  snapshot: { schema: Redemption.State, schemaVersion: 1, every: 10 },
}

/**
 * The redemption aggregate over a shared-data source. Streams `redemption-<policyId>`: one ledger
 * per policy, so each approval is decided on the whole ledger and appended with its expected
 * version — two approvers at once conflict, and the one retried decides again on the new sum.
 *
 * @example
 * ```ts
 * import { Policies, SharedData } from "@yiciban/runtime"
 *
 * const redemption = Policies.makeRedemption({ sharedData: SharedData.makeMemory(records) })
 * ```
 *
 * @category constructors
 * @since 0.3.0
 */
export const makeRedemption = (options: {
  readonly sharedData: SharedData.SharedDataSource
}): Aggregate<Redemption.State, Redemption.Command, Redemption.Event, Redemption.Facts> => {
  const port = SharedData.make(options.sharedData)
  return {
    name: "redemption",
    publicIds: true,
    decider: Redemption.decider,
    idOf: (command) => command.policyId,
    commandSchema: Redemption.Command,
    eventSchema: Redemption.Event,
    eventVersions: Redemption.eventVersions,
    requiredRoles: (command) => Redemption.requiredRoles[command._tag],
    scope: redemptionScope,
    facts: redemptionFacts(port),
    summary: redemptionSummary,
    snapshot: { schema: Redemption.State, schemaVersion: 1, every: 10 },
    personal: redemptionPersonal,
    // one ledger per policy, written by every approver: a reload reads only what was appended since
    cache: { streams: 64, oneAtATime: true },
  }
}

// ---------------------------------------------------------------------------------------------
// Auto-entitlement (免申即享)
// ---------------------------------------------------------------------------------------------

/**
 * What a matching run did: the subjects offered (and, for a policy that disburses without
 * confirmation, approved), and those passed over with the reason (`NotEligible`, `AlreadyAwarded`,
 * `BudgetExceeded`, …).
 *
 * @category models
 * @since 0.3.0
 */
export interface MatchResult {
  readonly offered: ReadonlyArray<string>
  readonly approved: ReadonlyArray<string>
  readonly passedOver: ReadonlyArray<{ readonly subjectCode: string; readonly reason: string }>
}

/**
 * Auto-entitlement (免申即享): lists the subjects shared data knows in the policy's region, and
 * sends each an `OfferEntitlement` as the runtime (`system`); the decider judges eligibility on the
 * facts the runtime fetches and records each offer with them. Idempotent: a subject already
 * offered is passed over (`AlreadyAwarded`), and each offer's command id is
 * `entitlement/<policyId>/<subject>/<version>`. A subject refused by a rule or with an invalid record
 * is passed over with the reason; an outage of the store or of the source fails the run with its
 * error (run it again: offers already made are not made twice).
 *
 * @category combinators
 * @since 0.3.0
 */
export const matchEntitlements = (
  redemption: Aggregate<Redemption.State, Redemption.Command, Redemption.Event, Redemption.Facts>,
  source: SharedData.SharedDataSource,
  policyId: string,
): Effect.Effect<MatchResult, unknown, EventStore.EventStore | RuntimeStore> =>
  Effect.gen(function* () {
    const loaded = yield* load(policy, policyId)
    const version = Policy.current(loaded.state)
    if (version === undefined) return { offered: [], approved: [], passedOver: [] }
    const candidates = yield* source.subjectsIn(Policy.regionPrefix(version.terms.region))
    const offered: Array<string> = []
    const approved: Array<string> = []
    const passedOver: Array<{ subjectCode: string; reason: string }> = []
    for (const subjectCode of candidates) {
      const outcome = yield* Effect.result(
        handle(
          redemption,
          undefined,
          { _tag: "OfferEntitlement", policyId, subjectCode },
          system(`process:entitlement/${policyId}`),
          { commandId: `entitlement/${policyId}/${subjectCode}/${version.version}` },
        ),
      )
      if (Result.isSuccess(outcome)) {
        const tags = outcome.success.events.map((event) => event._tag)
        if (outcome.success.duplicate) passedOver.push({ subjectCode, reason: "AlreadyAwarded" })
        else {
          offered.push(subjectCode)
          if (tags.includes("RedemptionApproved")) approved.push(subjectCode)
        }
      } else {
        const failure = outcome.failure as { readonly _tag: string; readonly rejection?: { readonly _tag: string } }
        // A subject refused by a rule, or whose record is invalid, is passed over with the reason; an
        // outage (the store, the source) fails the run with its own error, never reads as "not
        // eligible" (offers carry fixed command ids, so running it again is safe).
        if (failure._tag !== "CommandRejected" && failure._tag !== "SharedDataInvalid") {
          return yield* Effect.fail(outcome.failure)
        }
        passedOver.push({ subjectCode, reason: failure.rejection?._tag ?? failure._tag })
      }
    }
    return { offered, approved, passedOver }
  })

/**
 * The budget of a policy's ledger: the budget in force, and what is committed, disbursed, repaid
 * and left.
 *
 * @category models
 * @since 0.3.0
 */
export interface BudgetView {
  readonly budgetFen: number
  readonly committedFen: number
  readonly disbursedFen: number
  readonly repaidFen: number
  readonly remainingFen: number
}

/**
 * The budget view of a policy, as `actor` may read it: its budget in force (from the policy) and
 * the ledger's sums. Read like the ledger — the issuing authority's staff and supervisors of the
 * policy's region (before the first award too: the policy names its authority) — `NotFound` for a
 * policy never published, `NotPermitted` for anyone else.
 *
 * @category combinators
 * @since 0.3.0
 */
export const budgetOf = (
  redemption: Aggregate<Redemption.State, Redemption.Command, Redemption.Event, Redemption.Facts>,
  policyId: string,
  actor: Actor.Actor,
  now: string,
) =>
  Effect.gen(function* () {
    const version = Policy.current((yield* load(policy, policyId)).state)
    if (version === undefined) return yield* new NotFound({ aggregate: "policy", id: policyId })
    const { terms } = version
    const ledger = (yield* load(redemption, policyId)).state
    // Authorized on the policy in force: the ledger of a policy with no award yet names no authority.
    const access = yield* readAccess({
      aggregate: redemption,
      state: {
        ...ledger,
        policyId,
        policy: {
          version: version.version,
          authority: terms.authority,
          region: terms.region,
          jointReviewers: terms.jointReviewers,
        },
      },
      actor,
      now,
    })
    if (access._tag === "Refused") {
      return yield* new NotPermitted({
        stream: `redemption-${policyId}`,
        command: "read",
        actorId: actor.id,
        reason: access.reason,
        detail: access.detail,
      })
    }
    return {
      budgetFen: terms.budgetFen,
      committedFen: ledger.committedFen,
      disbursedFen: ledger.disbursedFen,
      repaidFen: ledger.repaidFen,
      remainingFen: Redemption.remainingFen(ledger, terms.budgetFen),
    } satisfies BudgetView
  })

/**
 * One subject's award under a policy, as `actor` may read it: the subject itself (an applicant
 * acting for it as itself or its legal representative, or its authorised agent), or whoever may
 * read the ledger (the issuing authority's staff, supervisors of the region). `NotFound` when the
 * subject has no award, `NotPermitted` for anyone else.
 *
 * @category combinators
 * @since 0.3.0
 */
export const awardOf = (
  redemption: Aggregate<Redemption.State, Redemption.Command, Redemption.Event, Redemption.Facts>,
  policyId: string,
  subjectCode: string,
  actor: Actor.Actor,
  now: string,
) =>
  Effect.gen(function* () {
    const ledger = yield* load(redemption, policyId)
    const ownSubject =
      (actor.roles.includes("applicant") && Actor.actsFor(actor, subjectCode, ["self", "legalRepresentative"])) ||
      (actor.roles.includes("agent") && Actor.actsFor(actor, subjectCode, ["agent"]))
    if (!ownSubject) {
      const access = yield* readAccess({ aggregate: redemption, state: ledger.state, actor, now })
      if (access._tag === "Refused") {
        return yield* new NotPermitted({
          stream: `redemption-${policyId}`,
          command: "read",
          actorId: actor.id,
          reason: access.reason,
          detail: access.detail,
        })
      }
    }
    const award = ledger.state.awards[subjectCode]
    if (award === undefined) return yield* new NotFound({ aggregate: "redemption", id: `${policyId}/${subjectCode}` })
    return award
  })
