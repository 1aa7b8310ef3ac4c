/**
 * Service bundles (一件事一次办) in the runtime: the bundle catalogue (`bundle`, streams
 * `bundle-<bundleId>`), whose drafts name their members by code and get the members' published
 * terms from the matter catalogue, and the bundle case (`bundlecase`, streams
 * `bundlecase-<caseNo>`), pinned to the bundle's latest published version when submitted, whose
 * children's outcomes are read from the children's own cases.
 *
 * @since 0.3.0
 */
import {
  Application,
  BundleApplication,
  CalendarDate,
  IdentityCode,
  type Licence,
  Matter,
  PublishedMatter,
  ServiceBundle,
  WorkCalendar,
} from "@yiciban/core"
import type { EventStore, EventStoreError } from "@yiciban/eventstore"
import * as Effect from "effect/Effect"
import * as Schema from "effect/Schema"
import type { Aggregate, Personal, ResolveInput, Scope, Summary, TimerSpec } from "./Aggregate.ts"
import { type CalendarSource, matter, startOfDay } from "./internal/catalogue.ts"
import { licenceOnFile } from "./LicenceReliance.ts"
import { load } from "./Loader.ts"
import type { PersonalField } from "./PersonalData.ts"
import {
  CommandRejected,
  type InvalidCommand,
  type ReadModelUnavailable,
  type UnreadableEvent,
} from "./RuntimeError.ts"
import type { RuntimeStore } from "./RuntimeStore.ts"
import * as SharedData from "./SharedData.ts"
import * as SharedDataReliance from "./SharedDataReliance.ts"

type ResolveError =
  | InvalidCommand
  | CommandRejected
  | ReadModelUnavailable
  | EventStoreError.StreamError
  | UnreadableEvent
  | SharedData.SharedDataUnavailable
  | SharedData.SharedDataInvalid

// ---------------------------------------------------------------------------------------------
// The bundle catalogue
// ---------------------------------------------------------------------------------------------

/**
 * A bundle draft as a caller sends it: the members by implementation code; the runtime pins each
 * member's published terms from the matter catalogue.
 *
 * @category schemas
 * @since 0.3.0
 */
export const BundleElementsRequest = Schema.Struct({
  name: ServiceBundle.BundleElements.fields.name,
  leadDepartment: ServiceBundle.BundleElements.fields.leadDepartment,
  memberCodes: Schema.Array(PublishedMatter.MatterCode),
  introduction: ServiceBundle.BundleElements.fields.introduction,
  jointLimitWorkingDays: ServiceBundle.BundleElements.fields.jointLimitWorkingDays,
  extension: ServiceBundle.BundleElements.fields.extension,
  crossTolerance: ServiceBundle.BundleElements.fields.crossTolerance,
})

/**
 * @category models
 * @since 0.3.0
 */
export type BundleElementsRequest = typeof BundleElementsRequest.Type

/**
 * `DraftBundle` as a caller sends it.
 *
 * @category schemas
 * @since 0.3.0
 */
export const DraftBundleRequest = Schema.TaggedStruct("DraftBundle", {
  bundleId: ServiceBundle.BundleId,
  elements: BundleElementsRequest,
})

/**
 * `ReviseBundleDraft` as a caller sends it.
 *
 * @category schemas
 * @since 0.3.0
 */
export const ReviseBundleDraftRequest = Schema.TaggedStruct("ReviseBundleDraft", {
  bundleId: ServiceBundle.BundleId,
  elements: BundleElementsRequest,
})

/**
 * The commands a caller may send to a bundle: the decider's, with drafts naming members by code.
 *
 * @category schemas
 * @since 0.3.0
 */
export const ServiceBundleRequest = Schema.Union([
  DraftBundleRequest,
  ReviseBundleDraftRequest,
  ServiceBundle.PublishBundle,
  ServiceBundle.OpenBundleRevision,
  ServiceBundle.SuspendBundle,
  ServiceBundle.ResumeBundle,
  ServiceBundle.AbolishBundle,
])

/**
 * @category models
 * @since 0.3.0
 */
export type ServiceBundleRequest = typeof ServiceBundleRequest.Type

const refusal = (aggregate: string, stream: string, command: string, rejection: unknown) =>
  new CommandRejected({ aggregate, stream, command, commandId: "", rejection })

/**
 * Completes a bundle draft with its members' published terms, read from their catalogue streams:
 * a member that is not published, or is suspended or abolished, is refused
 * (`MatterNotAcceptingApplications`).
 *
 * @category combinators
 * @since 0.3.0
 */
export const resolveServiceBundle = (
  input: ResolveInput<ServiceBundle.State, ServiceBundleRequest>,
): Effect.Effect<ServiceBundle.Command, ResolveError, EventStore.EventStore | RuntimeStore> =>
  Effect.gen(function* () {
    const request = input.request
    if (request._tag !== "DraftBundle" && request._tag !== "ReviseBundleDraft") return request
    const { memberCodes, ...rest } = request.elements
    const members: Array<PublishedMatter.PublishedMatter> = []
    for (const code of memberCodes) {
      const catalogue = yield* load(matter, code)
      const terms = Matter.publishedTerms(catalogue.state)
      if (terms === undefined || !Matter.acceptsApplications(catalogue.state)) {
        return yield* refusal("bundle", `bundle-${input.id}`, request._tag, {
          _tag: "MatterNotAcceptingApplications",
          matterCode: code,
          phase: catalogue.version === 0 ? "unknown" : catalogue.state.phase,
        })
      }
      members.push(terms)
    }
    return { _tag: request._tag, bundleId: request.bundleId, elements: { ...rest, members } }
  })

/**
 * Who may act on and read a bundle: the catalogue administrators of its lead department; anyone
 * reads a published bundle.
 *
 * @category combinators
 * @since 0.3.0
 */
export const serviceBundleScope = (state: ServiceBundle.State, command: ServiceBundleRequest | undefined): Scope => {
  const lead =
    state.draft?.leadDepartment ??
    state.versions.at(-1)?.leadDepartment ??
    (command !== undefined && "elements" in command ? command.elements.leadDepartment : undefined)
  return {
    owners: [],
    administeredBy: lead === undefined ? undefined : { creditCode: lead.creditCode, division: lead.division },
    region: lead?.division,
    public: state.versions.length > 0,
  }
}

/**
 * The bundle catalogue aggregate. Streams `bundle-<bundleId>`.
 *
 * @category models
 * @since 0.3.0
 */
export const serviceBundle: Aggregate<
  ServiceBundle.State,
  ServiceBundle.Command,
  ServiceBundle.Event,
  {},
  ServiceBundleRequest
> = {
  name: "bundle",
  publicIds: true,
  decider: ServiceBundle.decider,
  idOf: (command) => command.bundleId,
  commandSchema: ServiceBundleRequest,
  resolve: resolveServiceBundle,
  eventSchema: ServiceBundle.Event,
  eventVersions: ServiceBundle.eventVersions,
  requiredRoles: () => ServiceBundle.requiredRoles,
  scope: serviceBundleScope,
  summary: (state) => ({
    status: state.phase,
    title: state.versions.at(-1)?.name ?? state.draft?.name,
    detail: {
      version: state.versions.length,
      members: (state.versions.at(-1)?.members ?? []).map((m) => m.implementationCode),
    },
  }),
}

// ---------------------------------------------------------------------------------------------
// The bundle case
// ---------------------------------------------------------------------------------------------

/**
 * What a caller sends to apply for a bundle: the case number, the applicant, the bundle's id and
 * the materials handed over. The runtime pins the bundle's latest published version.
 *
 * @category schemas
 * @since 0.3.0
 */
export const SubmitBundleApplicationRequest = Schema.TaggedStruct("SubmitBundleApplication", {
  caseNo: BundleApplication.BundleCaseNo,
  applicant: Application.ApplicantInput,
  bundleId: ServiceBundle.BundleId,
  materials: BundleApplication.SubmitBundleApplication.fields.materials,
})

/**
 * What the runtime's fan-in sends when a child concluded: the child's case number only; the
 * outcome is read from the child's case.
 *
 * @category schemas
 * @since 0.3.0
 */
export const RecordChildOutcomeRequest = Schema.TaggedStruct("RecordChildOutcome", {
  caseNo: BundleApplication.BundleCaseNo,
  childCaseNo: Application.CaseNo,
})

/**
 * The commands a caller may send to a bundle case.
 *
 * @category schemas
 * @since 0.3.0
 */
export const BundleApplicationRequest = Schema.Union([
  SubmitBundleApplicationRequest,
  BundleApplication.ProposeCorrection,
  BundleApplication.IssueCombinedNotice,
  BundleApplication.AnswerCombinedNotice,
  BundleApplication.AcceptBundle,
  BundleApplication.DeclineBundle,
  RecordChildOutcomeRequest,
  BundleApplication.ExtendJointLimit,
  BundleApplication.DeliverUnified,
  BundleApplication.SupplementBundle,
])

/**
 * @category models
 * @since 0.3.0
 */
export type BundleApplicationRequest = typeof BundleApplicationRequest.Type

/**
 * A child's outcome as its case records it, or `undefined` while it is open: a concluded (or
 * verified) grant, a denial, a declined acceptance — each with the authority that judges the
 * child — or a withdrawal, termination or lapse.
 *
 * @category combinators
 * @since 0.3.0
 */
export const outcomeOfChild = (state: Application.State): BundleApplication.ChildOutcome | undefined => {
  const authority = Application.judgingAuthority(state)?.creditCode ?? null
  const last = state.lastRecordedOn ?? state.receivedOn
  if (last === null) return undefined
  switch (state.phase) {
    case "concluded":
    case "verified":
      return { result: "granted", on: state.decision?.decidedOn ?? last, decidedBy: authority }
    case "denied":
      return { result: "denied", on: state.decision?.decidedOn ?? last, decidedBy: authority }
    case "acceptanceDeclined":
      return { result: "declined", on: last, decidedBy: authority }
    case "rescinded":
      return { result: "rescinded", on: last, decidedBy: authority }
    case "withdrawn":
      return { result: "withdrawn", on: last, decidedBy: null }
    case "terminated":
      return { result: "terminated", on: last, decidedBy: null }
    case "lapsed":
      return { result: "lapsed", on: last, decidedBy: null }
    default:
      return undefined
  }
}

/**
 * The aggregates a bundle case reads: the applications its children are (their outcomes) and the
 * licences that spare the applicant a material (电子证照).
 *
 * @category models
 * @since 0.3.0
 */
export interface BundleReads {
  readonly application: Aggregate<Application.State, any, any, any, any>
  readonly licence: Aggregate<Licence.State, any, any, any, any>
  /** Where materials members mark `sharedDataKind` are fetched from (default: a source that knows no one). */
  readonly sharedData?: SharedData.SharedDataSource | undefined
}

/**
 * The materials of a submission completed from the applicant's electronic licences: for every
 * merged entry a member marks as satisfied by a licence of this system (`licenceBaseCode`) that
 * the applicant did not hand over itself (on paper or as a file), the licence valid on `day` is
 * looked up in the runtime's own licences — never taken from the command. Found, the entry is on
 * file as that licence and a reliance records which licence and which version of its stream; not
 * found, the material stays to be handed over, unless the applicant asked for a licence to be used
 * (`LicenceRelianceInvalid`, `noValidLicence`). A licence number in the command is never believed.
 *
 * @category combinators
 * @since 0.3.0
 */
export const spareBundleMaterials = (
  licence: Aggregate<Licence.State, any, any, any, any>,
  input: {
    readonly caseNo: string
    readonly applicant: Application.ApplicantInput
    readonly bundle: ServiceBundle.PublishedBundle
    readonly materials: ReadonlyArray<Application.SubmittedMaterial>
    readonly day: CalendarDate.CalendarDate
  },
): Effect.Effect<
  {
    readonly materials: ReadonlyArray<Application.SubmittedMaterial>
    readonly reliances: ReadonlyArray<Application.LicenceReliance>
  },
  ResolveError,
  EventStore.EventStore | RuntimeStore
> =>
  Effect.gen(function* () {
    const materials = [...input.materials]
    const reliances: Array<Application.LicenceReliance> = []
    const missing: Array<string> = []
    const requirements = input.bundle.members.flatMap((member) => member.materials)
    for (const entry of input.bundle.notice.materials) {
      const baseCode = requirements.find(
        (r) => entry.codes.includes(r.code) && r.licenceBaseCode !== undefined,
      )?.licenceBaseCode
      if (baseCode === undefined) continue
      const index = materials.findIndex((m) => entry.codes.includes(m.code))
      const given = index < 0 ? undefined : materials[index]
      if (given !== undefined && given.form !== "electronicLicence") continue
      const found = yield* licenceOnFile(licence, input.applicant, baseCode, input.day)
      if (found === undefined) {
        if (given !== undefined) missing.push(given.code)
        continue
      }
      const code = given?.code ?? entry.codes[0]!
      const asLicence: Application.SubmittedMaterial = { code, form: "electronicLicence", licenceNo: found.licenceNo }
      if (index < 0) materials.push(asLicence)
      else materials[index] = asLicence
      reliances.push({
        materialCode: code,
        licenceId: found.licenceId,
        licenceNo: found.licenceNo,
        baseCode,
        version: found.version,
        validOn: input.day,
      })
    }
    if (missing.length > 0) {
      return yield* refusal("bundlecase", `bundlecase-${input.caseNo}`, "SubmitBundleApplication", {
        _tag: "LicenceRelianceInvalid",
        problem: "noValidLicence",
        codes: missing,
        message: `the applicant holds no licence valid on ${input.day} for ${missing.join(", ")}: hand over the material itself`,
      })
    }
    return { materials, reliances }
  })

/**
 * The members delegated on `day` to another authority than their implementing one (下放 / 委托,
 * `Matter.authorityOn` over each member's catalogue stream): the delegate judges the child.
 *
 * @category combinators
 * @since 0.3.0
 */
export const delegationsOn = (
  bundle: ServiceBundle.PublishedBundle,
  day: CalendarDate.CalendarDate,
): Effect.Effect<ReadonlyArray<BundleApplication.Delegation>, ResolveError, EventStore.EventStore> =>
  Effect.gen(function* () {
    const delegations: Array<BundleApplication.Delegation> = []
    for (const member of bundle.members) {
      const catalogue = yield* load(matter, member.implementationCode)
      const authority = Matter.authorityOn(catalogue.state, day)
      if (authority !== undefined && authority.creditCode !== member.implementingAuthority.creditCode) {
        delegations.push({ implementationCode: member.implementationCode, authority })
      }
    }
    return delegations
  })

/**
 * Completes a submission with the bundle's latest published version (a bundle never published, or
 * suspended or abolished, takes no application: `BundleNotAcceptingApplications`), the materials
 * the applicant's electronic licences valid on the day satisfy ({@link spareBundleMaterials}) and
 * the members delegated on the day ({@link delegationsOn}); and a child's outcome with what the
 * child's case records (an open child: `ChildNotConcluded`).
 *
 * @category combinators
 * @since 0.3.0
 */
export const resolveBundleApplication = (reads: BundleReads) => {
  const port = SharedData.make(reads.sharedData ?? SharedData.makeMemory({}, "none"))
  return (
    input: ResolveInput<BundleApplication.State, BundleApplicationRequest>,
  ): Effect.Effect<BundleApplication.Command, ResolveError, EventStore.EventStore | RuntimeStore> =>
    Effect.gen(function* () {
      const request = input.request
      const stream = `bundlecase-${input.id}`
      if (request._tag === "SubmitBundleApplication") {
        const catalogue = yield* load(serviceBundle, request.bundleId)
        const latest = catalogue.state.versions.at(-1)
        if (latest === undefined || catalogue.state.phase === "suspended" || catalogue.state.phase === "abolished") {
          return yield* refusal("bundlecase", stream, request._tag, {
            _tag: "BundleNotAcceptingApplications",
            bundleId: request.bundleId,
            phase: catalogue.version === 0 ? "unknown" : catalogue.state.phase,
          })
        }
        const day = CalendarDate.ofInstant(input.now)
        const spared = yield* spareBundleMaterials(reads.licence, {
          caseNo: request.caseNo,
          applicant: request.applicant,
          bundle: latest,
          materials: request.materials,
          day,
        })
        const shared = yield* SharedDataReliance.spareBundleMaterials(port, {
          caseNo: request.caseNo,
          applicant: request.applicant,
          bundle: latest,
          materials: spared.materials,
          now: input.now,
        })
        const delegations = yield* delegationsOn(latest, day)
        return {
          _tag: "SubmitBundleApplication",
          caseNo: request.caseNo,
          applicant: request.applicant,
          bundle: latest,
          materials: shared.materials,
          ...(spared.reliances.length === 0 ? {} : { licencesReliedOn: spared.reliances }),
          ...(shared.reliances.length === 0 ? {} : { sharedDataReliedOn: shared.reliances }),
          ...(delegations.length === 0 ? {} : { delegations }),
        }
      }
      if (request._tag === "RecordChildOutcome") {
        const child = yield* load(reads.application, request.childCaseNo)
        const outcome = outcomeOfChild(child.state)
        if (outcome === undefined) {
          return yield* refusal("bundlecase", stream, request._tag, {
            _tag: "ChildNotConcluded",
            childCaseNo: request.childCaseNo,
            phase: child.version === 0 ? "unknown" : child.state.phase,
          })
        }
        return { _tag: "RecordChildOutcome", caseNo: request.caseNo, childCaseNo: request.childCaseNo, outcome }
      }
      return request
    })
}

/**
 * The pseudo matter code under which the lead department's staff act on a bundle case: the lead
 * department is pinned in the case (no matter stream has this code: matter codes are upper case).
 */
const leadScopeCode = (bundleId: string) => `bundle-${bundleId}`

/**
 * Who may act on and read a bundle case: its applicant (owner); the lead department's staff
 * (acceptance, the combined notice, the extension, the delivery); a member's department for its
 * own `ProposeCorrection`; supervisors of the lead department's region.
 *
 * @category combinators
 * @since 0.3.0
 */
export const bundleApplicationScope = (
  state: BundleApplication.State,
  command: BundleApplicationRequest | undefined,
): Scope => {
  const applicant = state.applicant ?? (command?._tag === "SubmitBundleApplication" ? command.applicant : null)
  const bundle = state.bundle
  const owners = applicant === null ? [] : [applicant.code]
  if (bundle === null) return { owners }
  if (command?._tag === "ProposeCorrection") {
    const member = BundleApplication.memberOf(state, command.implementationCode)
    return {
      owners,
      matter:
        member === undefined
          ? undefined
          : { matterCode: member.implementationCode, pinned: member.implementingAuthority },
      region: bundle.leadDepartment.division,
    }
  }
  return {
    owners,
    matter: { matterCode: leadScopeCode(bundle.bundleId), pinned: bundle.leadDepartment },
    region: bundle.leadDepartment.division,
  }
}

/** How many working days before the joint due date the yellow warning is due. */
const jointYellowWarningDays = 5

/**
 * The joint limit's warnings (ALL Arts 26, 42), while children are open: yellow five working days
 * before the due date, overdue from the day after it. They dispatch nothing: the lead department
 * chases the departments, or its head extends the limit.
 *
 * @category combinators
 * @since 0.3.0
 */
export const bundleTimers =
  (calendar: CalendarSource) =>
  (state: BundleApplication.State): ReadonlyArray<TimerSpec> => {
    const clock = state.clock
    if (state.phase !== "accepted" || clock === null) return []
    const current = typeof calendar === "function" ? calendar() : calendar
    const open = BundleApplication.openChildren(state).map((c) => c.caseNo)
    const timers: Array<TimerSpec> = []
    const yellow = WorkCalendar.addWorkingDays(current, clock.dueOn, -jointYellowWarningDays)
    if (yellow._tag === "Success" && yellow.success > clock.startedOn) {
      timers.push({
        key: `joint/yellow/${clock.dueOn}`,
        dueAt: startOfDay(yellow.success),
        notice: `joint limit of bundle case ${state.caseNo} due on ${clock.dueOn}; open children: ${open.join(", ")}`,
      })
    }
    timers.push({
      key: `joint/overdue/${clock.dueOn}`,
      dueAt: startOfDay(CalendarDate.addDays(clock.dueOn, 1)),
      notice: `joint limit of bundle case ${state.caseNo} passed on ${clock.dueOn}; open children: ${open.join(", ")}`,
    })
    return timers
  }

/**
 * A bundle case's row: its phase, the bundle's name, and in `detail` the bundle, the applicant's
 * name, the joint clock and every child with its authority, acceptance and outcome.
 *
 * @category combinators
 * @since 0.3.0
 */
export const bundleSummary = (state: BundleApplication.State): Summary | undefined =>
  state.bundle === null
    ? undefined
    : {
        status: state.phase,
        title: state.bundle.name,
        detail: {
          bundleId: state.bundle.bundleId,
          version: state.bundle.version,
          applicant: state.applicant?.name ?? null,
          receivedOn: state.receivedOn,
          jointClock:
            state.clock === null
              ? null
              : {
                  startedOn: state.clock.startedOn,
                  limitWorkingDays: state.clock.limitWorkingDays,
                  extensionWorkingDays: state.clock.extension?.workingDays ?? 0,
                  dueOn: state.clock.dueOn,
                },
          children: state.children.map((child) => ({
            caseNo: child.caseNo,
            matterCode: child.implementationCode,
            authority: child.authority.creditCode,
            acceptance: child.acceptance._tag,
            outcome: child.outcome?.result ?? null,
          })),
          concludedOn: state.concludedOn,
          deliveredOn: state.deliveredOn,
        },
      }

const personApplicant = (
  path: ReadonlyArray<string>,
  applicant: Application.Applicant,
): ReadonlyArray<PersonalField> =>
  applicant.kind === "person" && IdentityCode.isResidentIdNumber(applicant.code)
    ? [{ path, subject: applicant.code, erased: (code) => ({ kind: "person", code, name: IdentityCode.erasedName }) }]
    : []

/**
 * The personal data of bundle cases: a person applicant in the submission and in the acceptance
 * (which carries the applicant for the children). A case is open until delivered or declined.
 *
 * @category models
 * @since 0.3.0
 */
export const bundlePersonal: Personal<BundleApplication.State, BundleApplication.Event> = {
  fields: (event) =>
    event._tag === "BundleApplicationSubmitted" || event._tag === "BundleAccepted"
      ? personApplicant(["applicant"], event.applicant)
      : [],
  open: (state) => state.phase !== "new" && state.phase !== "delivered" && state.phase !== "declined",
  snapshotSubject: (state) =>
    state.applicant?.kind === "person" && IdentityCode.isResidentIdNumber(state.applicant.code)
      ? state.applicant.code
      : undefined,
}

/**
 * The bundle case aggregate on a working-day calendar (the joint limit is counted in working days),
 * reading its children's cases and the applicant's licences through the aggregates it is given
 * (`Aggregates.bundleApplication` is the one on the mainland China calendar).
 *
 * @category constructors
 * @since 0.3.0
 */
export const makeBundleApplication = (
  options: {
    readonly calendar: CalendarSource
  } & BundleReads,
): Aggregate<
  BundleApplication.State,
  BundleApplication.Command,
  BundleApplication.Event,
  {},
  BundleApplicationRequest
> => {
  const current =
    typeof options.calendar === "function" ? options.calendar : () => options.calendar as WorkCalendar.WorkCalendar
  return {
    name: "bundlecase",
    decider: {
      initialState: BundleApplication.initialState,
      evolve: BundleApplication.evolve,
      decide: (command, state, context) => BundleApplication.makeDecide(current())(command, state, context),
    },
    idOf: (command) => command.caseNo,
    commandSchema: BundleApplicationRequest,
    resolve: resolveBundleApplication(options),
    eventSchema: BundleApplication.Event,
    eventVersions: BundleApplication.eventVersions,
    requiredRoles: (command) => BundleApplication.requiredRoles[command._tag],
    scope: bundleApplicationScope,
    summary: bundleSummary,
    timers: bundleTimers(options.calendar),
    personal: bundlePersonal,
    snapshot: { schema: BundleApplication.State, schemaVersion: 2, every: 50 },
  }
}
