/**
 * The core aggregates described for the runtime: `application` (办件), `matter` (事项),
 * `creditRecord` (信用记录) and `licence` (许可证件), with their stream names, schemas, roles, authority scopes, case-list
 * rows, due timers and facts (an application's applicant's credit standing, read from the credit
 * record). A deployment with another calendar makes its own with
 * {@link makeApplication}.
 *
 * @since 0.1.0
 */
import {
  Application,
  BundleApplication,
  CalendarDate,
  Clock,
  CreditRecord,
  IdentityCode,
  Licence,
  Matter,
  WorkCalendar,
} from "@yiciban/core"
import type { EventStore, EventStoreError } from "@yiciban/eventstore"
import * as Effect from "effect/Effect"
import * as Result from "effect/Result"
import * as Schema from "effect/Schema"
import type { Aggregate, FactsInput, Personal, ResolveInput, Scope, Summary, TimerSpec } from "./Aggregate.ts"
import * as BundleApplications from "./BundleApplications.ts"
import * as catalogue from "./internal/catalogue.ts"
import { spareMaterials } from "./LicenceReliance.ts"
import { load, loadCurrent } from "./Loader.ts"
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

/**
 * The instant a calendar day starts in Beijing (UTC+8): when a timer due on that day fires.
 *
 * @category constructors
 * @since 0.1.0
 */
export const startOfDay: (date: CalendarDate.CalendarDate) => string = catalogue.startOfDay

/**
 * The working-day calendar an aggregate counts with: a calendar, or a function that gives the one
 * in force now (a host that loads the State Council's notice at run time swaps what it returns,
 * then runs `Replan.replan`).
 *
 * @category models
 * @since 0.1.0
 */
export type CalendarSource = catalogue.CalendarSource

const currentOf = catalogue.currentOf

/**
 * The deadlines of an application now, as due timers:
 *
 * - submitted and no one-time correction notice yet: `DeemAccepted` from the day after the 5th
 *   working day after receipt (行政许可法 Art 32);
 * - deferred materials outstanding under tolerant acceptance: `MissSupplementDeadline` from the
 *   day after the supplement deadline (the application terminates or suspends itself per the
 *   matter's setting);
 * - the clock running and no decision yet: warnings when the promised date comes near (yellow,
 *   `yellowWarningDays` working days before it), when it passes (red) and when the statutory
 *   date passes (overdue);
 * - a "will meet the conditions by a date" commitment without its proof: `MissComplianceDeadline`
 *   from the day after that date (the case lapses);
 * - a commitment whose verification is due and not recorded: a warning from the day after the
 *   verification due date; a rectification order outstanding: a warning from the day after its
 *   deadline, the first day a verifier may record it as not rectified. Verification is the
 *   verifier's act (`RecordVerification`), so these timers dispatch no command.
 *
 * The deemed acceptance and the clock's warnings are counted on the calendar in force each time
 * the timers are derived, so loading a holiday notice moves them (`Replan`); a date counted through
 * a provisional year gives a timer marked `provisional` (and `/provisional` in its key). Dates
 * fixed in an event (the supplement deadline notified to the applicant, the verification due date)
 * keep the date and the mark they were recorded with. A deadline the calendar cannot count (a year
 * it has no data for) is never dropped: it becomes a warning timer
 * `calendar/not-covered/<deadline>/<year>`, due at once, that says which year to load.
 *
 * @category combinators
 * @since 0.1.0
 */
export const applicationTimers =
  (calendar: CalendarSource) =>
  (state: Application.State, id: string): ReadonlyArray<TimerSpec> => {
    const current = currentOf(calendar)()
    const timers: Array<TimerSpec> = []
    const dayAfter = (date: CalendarDate.CalendarDate) => startOfDay(CalendarDate.addDays(date, 1))
    const marked = (timer: TimerSpec, provisional: boolean): TimerSpec =>
      provisional
        ? {
            ...timer,
            key: `${timer.key}/provisional`,
            notice: `${timer.notice} (provisional: counted through a year whose holiday notice is not loaded)`,
            provisional: true,
          }
        : timer
    /** The counted value, or a warning timer, due at once, that the deadline could not be counted. */
    const counted = <A>(what: string, result: Result.Result<A, WorkCalendar.YearNotCovered>): A | undefined => {
      if (Result.isSuccess(result)) return result.success
      const { year, message } = result.failure
      timers.push({
        key: `calendar/not-covered/${what}/${year}`,
        dueAt: startOfDay(state.lastRecordedOn ?? state.receivedOn ?? result.failure.date),
        notice: `${what} of case ${state.caseNo} cannot be counted: ${message}; load the working-day calendar for ${year}`,
      })
      return undefined
    }
    if (state.phase === "submitted" && state.receivedOn !== null) {
      const deadline = counted(
        "DeemAccepted",
        WorkCalendar.addWorkingDays(current, state.receivedOn, Application.correctionNoticeWorkingDays),
      )
      if (deadline !== undefined) {
        timers.push(
          marked(
            {
              key: `DeemAccepted/${deadline}`,
              dueAt: dayAfter(deadline),
              notice: `no correction notice by ${deadline}: deemed accepted from ${state.receivedOn}`,
              command: { aggregate: "application", id, command: { _tag: "DeemAccepted", caseNo: state.caseNo } },
            },
            WorkCalendar.isProvisional(current, state.receivedOn, deadline),
          ),
        )
      }
    }
    if (
      state.deferral !== null &&
      state.deferral.outstanding.length > 0 &&
      Application.isAllowedIn("MissSupplementDeadline", state.phase)
    ) {
      const by = state.deferral.notice.supplementBy
      timers.push(
        marked(
          {
            key: `MissSupplementDeadline/${by}`,
            dueAt: dayAfter(by),
            notice: `deferred materials ${state.deferral.outstanding.join(", ")} not supplied by ${by}: ${state.deferral.notice.consequence}`,
            command: {
              aggregate: "application",
              id,
              command: { _tag: "MissSupplementDeadline", caseNo: state.caseNo },
            },
          },
          state.acceptance?.provisional === true,
        ),
      )
    }
    const commitment = state.commitment
    const licence = commitment?.businessLicence
    if (
      licence?.variant === "willMeetBy" &&
      commitment?.proof === null &&
      Application.isAllowedIn("MissComplianceDeadline", state.phase)
    ) {
      timers.push({
        key: `MissComplianceDeadline/${licence.meetBy}`,
        dueAt: dayAfter(licence.meetBy),
        notice: `no compliance proof by ${licence.meetBy}: the licence on commitment lapses`,
        command: { aggregate: "application", id, command: { _tag: "MissComplianceDeadline", caseNo: state.caseNo } },
      })
    }
    if (commitment !== null && Application.isAllowedIn("RecordVerification", state.phase)) {
      const status = Application.verificationStatus(state)
      if (status === "pending" && commitment.verificationDueOn !== null) {
        timers.push(
          marked(
            {
              key: `verification/due/${commitment.verificationDueOn}`,
              dueAt: dayAfter(commitment.verificationDueOn),
              notice: `verification of the commitment due by ${commitment.verificationDueOn} not recorded: a late verification needs an explanation`,
            },
            commitment.verificationDueProvisional === true,
          ),
        )
      }
      if (status === "rectificationOrdered" && commitment.rectification !== null) {
        const by = commitment.rectification.rectifyBy
        timers.push({
          key: `verification/rectification/${by}`,
          dueAt: dayAfter(by),
          notice: `rectification ordered on ${commitment.rectification.orderedOn} due by ${by}: verify again (not rectified: the grant is rescinded)`,
        })
      }
    }
    const clock = state.clock
    if (clock !== null && state.decision === null && state.closure === null && !Clock.isPaused(clock)) {
      const promised = counted("the promised date", Clock.promisedDueDate(current, clock))
      const statutory = counted("the statutory date", Clock.statutoryDueDate(current, clock))
      if (promised !== undefined) {
        const promisedProvisional = WorkCalendar.isProvisional(current, clock.startedOn, promised)
        if (clock.yellowWarningDays > 0) {
          const yellow = counted(
            "the yellow warning",
            WorkCalendar.addWorkingDays(current, promised, -clock.yellowWarningDays),
          )
          if (yellow !== undefined) {
            timers.push(
              marked(
                {
                  key: `warning/yellow/${promised}`,
                  dueAt: dayAfter(yellow),
                  notice: `promised date ${promised} near`,
                },
                promisedProvisional || WorkCalendar.isProvisional(current, yellow, promised),
              ),
            )
          }
        }
        timers.push(
          marked(
            { key: `warning/red/${promised}`, dueAt: dayAfter(promised), notice: `promised date ${promised} passed` },
            promisedProvisional,
          ),
        )
      }
      if (statutory !== undefined) {
        timers.push(
          marked(
            {
              key: `warning/overdue/${statutory}`,
              dueAt: dayAfter(statutory),
              notice: `statutory date ${statutory} passed`,
            },
            WorkCalendar.isProvisional(current, clock.startedOn, statutory),
          ),
        )
      }
    }
    return timers
  }

/**
 * The credit record's current state for `subject`: its stream folded, or a clean record
 * (`CreditRecord.initialFor(subject)`) when the subject has no stream yet.
 *
 * @category combinators
 * @since 0.1.0
 */
export const loadCreditRecord = (
  subject: CreditRecord.CreditSubject,
): Effect.Effect<CreditRecord.State, EventStoreError.StreamError | UnreadableEvent, EventStore.EventStore> =>
  Effect.map(load(creditRecord, subject.code), (loaded) =>
    loaded.state.subject === null ? CreditRecord.initialFor(subject) : loaded.state,
  )

/**
 * The application's fact provider, read from the applicant's credit record (stream
 * `credit-<code>`, a clean record when there is none): for `SubmitApplication`, the statutory
 * re-application bars on the pinned matter's base code (ALL Arts 78, 79,
 * `CreditRecord.barsOn(record, baseCode, today)` as `facts.reapplicationBars`); for
 * `AcceptOnCommitment`, the credit standing (notify-and-commit eligibility,
 * `CreditRecord.standing(record, today)`); no facts for the other commands.
 *
 * @example
 * ```ts
 * import { Aggregates } from "@yiciban/runtime"
 *
 * const facts = Aggregates.creditStandingFacts({ id, command, state, actor, now })
 * // Effect<{ creditStanding?, reapplicationBars? }, …, EventStore>
 * ```
 *
 * @category combinators
 * @since 0.1.0
 */
export const creditStandingFacts = (
  input: FactsInput<Application.State, Application.Command>,
): Effect.Effect<Application.Facts, EventStoreError.StreamError | UnreadableEvent, EventStore.EventStore> => {
  const today = CalendarDate.ofInstant(input.now)
  const command = input.command
  if (command._tag === "SubmitApplication") {
    const subject = Application.creditSubjectOf(command.applicant)
    return Effect.map(loadCreditRecord(subject), (record) => ({
      reapplicationBars: {
        subject,
        baseCode: command.matter.baseCode,
        checkedOn: today,
        bars: CreditRecord.barsOn(record, command.matter.baseCode, today),
      },
    }))
  }
  const applicant = command._tag === "AcceptOnCommitment" ? input.state.applicant : null
  if (applicant === null) return Effect.succeed({})
  return Effect.map(loadCreditRecord(Application.creditSubjectOf(applicant)), (record) => ({
    creditStanding: CreditRecord.standing(record, today),
  }))
}

/**
 * What a caller sends to submit an application: the case number, the applicant, the matter's
 * implementation code and the materials handed over. The runtime completes it with the matter's
 * terms in force (`Matter.publishedTerms` of the matter's stream); a caller can never supply them.
 *
 * @category schemas
 * @since 0.2.0
 */
export const SubmitApplicationRequest = Schema.TaggedStruct("SubmitApplication", {
  caseNo: Application.SubmitApplication.fields.caseNo,
  applicant: Application.SubmitApplication.fields.applicant,
  matterCode: Application.DraftApplication.fields.matterCode,
  materials: Application.SubmitApplication.fields.materials,
})

/**
 * @category models
 * @since 0.2.0
 */
export type SubmitApplicationRequest = typeof SubmitApplicationRequest.Type

/**
 * The commands a caller may send to an application: the decider's commands, with
 * `SubmitApplication` as {@link SubmitApplicationRequest}.
 *
 * @category schemas
 * @since 0.2.0
 */
export const ApplicationRequest = Schema.Union([
  SubmitApplicationRequest,
  ...(Application.Command.members.filter((member) => member !== Application.SubmitApplication) as Array<
    Exclude<(typeof Application.Command.members)[number], typeof Application.SubmitApplication>
  >),
])

/**
 * @category models
 * @since 0.2.0
 */
export type ApplicationRequest = typeof ApplicationRequest.Type

/**
 * Completes a submission with the matter's published terms, read from its catalogue stream, and —
 * when the matter is delegated on the day (`Matter.authorityOn`) — the authority it is delegated
 * to, which the case records and is judged by: a matter that is not published, or that is
 * suspended or abolished, takes no application (`CommandRejected` with
 * `MatterNotAcceptingApplications`). The materials an electronic licence or a shared fact satisfies
 * are completed by the runtime (`LicenceReliance.spareMaterials`, `SharedDataReliance.spareMaterials`
 * over `port`); {@link resolveApplication} asks a source that knows no one.
 *
 * @category combinators
 * @since 0.3.0
 */
export const resolveApplicationWith =
  (port: SharedData.SharedData["Service"]) =>
  (
    input: ResolveInput<Application.State, ApplicationRequest>,
  ): Effect.Effect<
    Application.Command,
    | InvalidCommand
    | CommandRejected
    | ReadModelUnavailable
    | EventStoreError.StreamError
    | UnreadableEvent
    | SharedData.SharedDataUnavailable
    | SharedData.SharedDataInvalid,
    EventStore.EventStore | RuntimeStore
  > =>
    resolveApplicationOn(port, input)

const resolveApplicationOn = (
  port: SharedData.SharedData["Service"],
  input: ResolveInput<Application.State, ApplicationRequest>,
) =>
  Effect.gen(function* () {
    const request = input.request
    if (request._tag !== "SubmitApplication") return request
    const catalogue = yield* loadCurrent(matter, request.matterCode)
    const terms = Matter.publishedTerms(catalogue.state)
    if (terms === undefined || !Matter.acceptsApplications(catalogue.state)) {
      return yield* new CommandRejected({
        aggregate: "application",
        stream: `application-${input.id}`,
        command: "SubmitApplication",
        commandId: "",
        rejection: {
          _tag: "MatterNotAcceptingApplications",
          matterCode: request.matterCode,
          phase: catalogue.version === 0 ? "unknown" : catalogue.state.phase,
        },
      })
    }
    // the authority the matter is delegated to today judges the case (下放 / 委托 / 园区赋权)
    const authority = Matter.authorityOn(catalogue.state, CalendarDate.ofInstant(input.now))
    // a bundle's child: the bundle's record says who judges it and which licences it relied on
    const parent = yield* bundleChildOf(request)
    // materials a licence satisfies: the applicant's licence valid today, looked up here (电子证照)
    const spared = yield* spareMaterials(licence, {
      ...request,
      terms,
      now: input.now,
      inherited: parent?.licencesReliedOn ?? [],
    })
    // materials a shared fact satisfies: fetched here from the host's source (数据共享); a child
    // keeps what its bundle fetched
    const shared = yield* SharedDataReliance.spareMaterials(port, {
      caseNo: request.caseNo,
      applicant: request.applicant,
      terms,
      materials: spared.materials,
      now: input.now,
      inherited: parent?.sharedDataReliedOn ?? [],
    })
    const judge = parent?.authority ?? authority
    return {
      _tag: "SubmitApplication",
      caseNo: request.caseNo,
      applicant: request.applicant,
      matter: terms,
      materials: shared.materials,
      ...(judge === undefined || judge.creditCode === terms.implementingAuthority.creditCode
        ? {}
        : { authority: judge }),
      ...(spared.reliances.length === 0 ? {} : { licencesReliedOn: spared.reliances }),
      ...(shared.reliances.length === 0 ? {} : { sharedDataReliedOn: shared.reliances }),
      // a bundle's child: the tolerance its bundle granted (跨部门容缺), from the bundle case's record
      ...(parent?.tolerance === undefined ? {} : { bundleTolerance: parent.tolerance }),
    } satisfies Application.Command as Application.Command
  })

/**
 * {@link resolveApplicationWith} over a shared-data source that knows no one: a material marked
 * `sharedDataKind` stays to be handed over.
 *
 * @category combinators
 * @since 0.2.0
 */
export const resolveApplication = resolveApplicationWith(SharedData.make(SharedData.makeMemory({}, "none")))

/**
 * The bundle child a submission opens, as its bundle case records it: a case numbered
 * `<bundle caseNo>-J<n>` whose bundle case lists it for the same matter and applicant. Its child
 * inherits what the bundle decided at submission — the authority the member was delegated to on
 * that day and the electronic licences relied on — instead of looking them up again.
 *
 * @category combinators
 * @since 0.3.0
 */
export const bundleChildOf = (
  request: SubmitApplicationRequest,
): Effect.Effect<
  BundleApplication.Child | undefined,
  EventStoreError.StreamError | UnreadableEvent,
  EventStore.EventStore
> =>
  Effect.gen(function* () {
    const parent = BundleApplication.parentOf(request.caseNo)
    if (parent === undefined) return undefined
    const bundleCase = yield* load(bundleApplication, parent)
    if (bundleCase.state.applicant?.code !== request.applicant.code) return undefined
    return bundleCase.state.children.find(
      (child) => child.caseNo === request.caseNo && child.implementationCode === request.matterCode,
    )
  })

/**
 * Who may act on and read an application: its applicant (owner), the staff of the matter's
 * authority on the day, supervisors of the authority's region.
 *
 * @category combinators
 * @since 0.2.0
 */
export const applicationScope = (state: Application.State, command: ApplicationRequest | undefined): Scope => {
  const applicant =
    state.applicant ??
    (command !== undefined && "applicant" in command ? (command.applicant as Application.Applicant) : null)
  const matterCode =
    state.matter?.implementationCode ??
    state.matterCode ??
    (command !== undefined && "matterCode" in command ? (command.matterCode as string) : undefined)
  const pinned = Application.judgingAuthority(state)
  return {
    owners: applicant === null ? [] : [applicant.code],
    // a submitted case is judged by the authority that handled the matter on the day of submission
    matter: matterCode === undefined ? undefined : { matterCode, pinned, on: state.receivedOn ?? undefined },
    region: pinned?.division,
  }
}

/**
 * The personal fields of a person's applicant or credit subject (`{ kind: "person", code, … }`) at
 * `path`, sealed as a whole under the person's key; erased, it reads as the same kind with the
 * erased code (and `IdentityCode.erasedName` when it has a name). An enterprise's code and name
 * are not personal data: nothing is sealed.
 */
const personField = (
  path: ReadonlyArray<string>,
  subject: { readonly kind: string; readonly code: string; readonly name?: string | undefined },
): ReadonlyArray<PersonalField> =>
  subject.kind === "person" && IdentityCode.isResidentIdNumber(subject.code)
    ? [
        {
          path,
          subject: subject.code,
          erased: (code) =>
            subject.name === undefined
              ? { kind: "person", code }
              : { kind: "person", code, name: IdentityCode.erasedName },
        },
      ]
    : []

/**
 * The personal data of applications: a person applicant (its identity number and name, in
 * `ApplicationDrafted` and `ApplicationSubmitted`), a person's credit subject in
 * `FalseCommitmentFound` and `FraudFound`, and the signer of a person applicant's commitment letter (its name, and
 * an agent's authorisation). An application is open until it is closed
 * (`Application.closedPhases`).
 *
 * @category models
 * @since 0.2.0
 */
export const applicationPersonal: Personal<Application.State, Application.Event> = {
  fields: (event, state) => {
    switch (event._tag) {
      case "ApplicationDrafted":
      case "ApplicationSubmitted":
        return personField(["applicant"], event.applicant)
      case "FalseCommitmentFound":
      case "FraudFound":
        return personField(["subject"], event.subject)
      case "ApplicationAcceptedOnCommitment": {
        const applicant = state.applicant
        if (applicant === null || applicant.kind !== "person" || !IdentityCode.isResidentIdNumber(applicant.code)) {
          return []
        }
        return [
          {
            path: ["letter", "signer"],
            subject: applicant.code,
            erased: () => ({ _tag: event.letter.signer._tag, name: IdentityCode.erasedName }),
          },
        ]
      }
      default:
        return []
    }
  },
  open: (state) => state.phase !== "new" && !Application.closedPhases.includes(state.phase),
  snapshotSubject: (state) =>
    state.applicant?.kind === "person" && IdentityCode.isResidentIdNumber(state.applicant.code)
      ? state.applicant.code
      : undefined,
}

/**
 * The application aggregate on a calendar. Pass a function to change the calendar at run time
 * (when the State Council's notice for a year is loaded): every command is decided, and every
 * timer derived, on the calendar it returns at that moment.
 *
 * @example
 * ```ts
 * import { WorkCalendar } from "@yiciban/core"
 * import { Aggregates } from "@yiciban/runtime"
 *
 * let calendar = WorkCalendar.chinaMainland
 * const application = Aggregates.makeApplication({ calendar: () => calendar })
 * ```
 *
 * @category constructors
 * @since 0.1.0
 */
export const makeApplication = (options: {
  readonly calendar: CalendarSource
  /** Where materials marked `sharedDataKind` are fetched from (default: a source that knows no one). */
  readonly sharedData?: SharedData.SharedDataSource | undefined
}): Aggregate<Application.State, Application.Command, Application.Event, Application.Facts, ApplicationRequest> => ({
  name: "application",
  decider: deciderOn(currentOf(options.calendar)),
  idOf: (command) => command.caseNo,
  commandSchema: ApplicationRequest,
  resolve:
    options.sharedData === undefined ? resolveApplication : resolveApplicationWith(SharedData.make(options.sharedData)),
  facts: creditStandingFacts,
  eventSchema: Application.Event,
  eventVersions: Application.eventVersions,
  requiredRoles: (command) => Application.requiredRoles[command._tag],
  scope: applicationScope,
  summary: (state) => ({
    status: state.phase,
    title: state.matter?.name,
    detail: {
      applicant: state.applicant?.name ?? null,
      matterCode: state.matterCode,
      receivedOn: state.receivedOn,
      acceptedOn: state.acceptance?.acceptedOn ?? null,
      promisedDueOn: state.acceptance?.promisedDueOn ?? null,
    },
  }),
  timers: applicationTimers(options.calendar),
  snapshot: { schema: Application.State, schemaVersion: 2, every: 50 },
  personal: applicationPersonal,
})

/** The application decider that decides every command on the calendar in force at that moment. */
const deciderOn = (
  current: () => WorkCalendar.WorkCalendar,
): Aggregate<Application.State, Application.Command, Application.Event, Application.Facts>["decider"] => {
  const fixed = Application.makeDecider({ calendar: current() })
  return {
    initialState: fixed.initialState,
    evolve: fixed.evolve,
    decide: (command, state, context) =>
      Application.makeDecider({ calendar: current() }).decide(command, state, context),
  }
}

/**
 * The application aggregate on the mainland China calendar.
 *
 * @category models
 * @since 0.1.0
 */
export const application = makeApplication({ calendar: WorkCalendar.chinaMainland })

/**
 * The authority that maintains a matter: the implementing authority of its draft, else of its
 * latest published version, else (a new matter) of the draft a command brings.
 *
 * @category combinators
 * @since 0.2.0
 */
export const matterScope: (state: Matter.State, command: Matter.Command | undefined) => Scope = catalogue.matterScope

/**
 * The matter aggregate (the catalogue). Streams `matter-<implementationCode>`. Catalogue
 * administrators act only for their own authority's matters; published matters are public.
 *
 * @category models
 * @since 0.1.0
 */
export const matter: Aggregate<Matter.State, Matter.Command, Matter.Event> = catalogue.matter

/**
 * Who may act on and read a credit record: the subject itself (read), supervisors of the
 * subject's region (the region in its code), and the runtime's process managers.
 *
 * @category combinators
 * @since 0.2.0
 */
export const creditScope = (state: CreditRecord.State, command: CreditRecord.Command | undefined): Scope => {
  const code = state.subject?.code ?? command?.subject.code
  return {
    owners: code === undefined ? [] : [code],
    region: code === undefined ? undefined : regionOfCode(code),
  }
}

/** The division code in a subject's code: characters 3–8 of a credit code, the first six of an identity number. */
const regionOfCode = (code: string): string | undefined =>
  code.length === 18 ? (/^\d{17}[\dX]$/.test(code) ? code.slice(0, 6) : code.slice(2, 8)) : undefined

/**
 * The personal data of credit records: a person's subject in every event; a person's record is an
 * instance named by its identity number (its stream is named by the person's pseudonym).
 *
 * @category models
 * @since 0.2.0
 */
export const creditPersonal: Personal<CreditRecord.State, CreditRecord.Event> = {
  fields: (event) => personField(["subject"], event.subject),
  instanceSubject: (id) => (IdentityCode.isResidentIdNumber(id) || IdentityCode.isErasedCode(id) ? id : undefined),
}

/**
 * The credit record aggregate. Streams `credit-<credit code>` for an enterprise, `credit-<pseudonym>`
 * for a person (see `PersonalData`).
 *
 * @category models
 * @since 0.1.0
 */
export const creditRecord: Aggregate<CreditRecord.State, CreditRecord.Command, CreditRecord.Event> = {
  name: "credit",
  decider: CreditRecord.decider,
  idOf: (command) => command.subject.code,
  commandSchema: CreditRecord.Command,
  eventSchema: CreditRecord.Event,
  eventVersions: CreditRecord.eventVersions,
  requiredRoles: (command) => CreditRecord.requiredRoles[command._tag],
  scope: creditScope,
  personal: creditPersonal,
}

// ---------------------------------------------------------------------------------------------
// Licence
// ---------------------------------------------------------------------------------------------

/**
 * What the runtime sends to issue a licence: the licence id (the number of the granted case). The
 * runtime completes it with the grant it reads from the case (`Licence.grantOf`); a caller can
 * never supply the grant, and only the runtime (`system`) issues.
 *
 * @category schemas
 * @since 0.2.0
 */
export const IssueLicenceRequest = Schema.TaggedStruct("IssueLicence", { licenceId: Licence.LicenceId })

/**
 * What the runtime sends to revoke a licence whose grant was rescinded: the licence id. The
 * rescission (its day, basis, reasons and the false-commitment finding it followed) is read from
 * the case (`Licence.rescissionOf`).
 *
 * @category schemas
 * @since 0.2.0
 */
export const RevokeWithRescindedGrantRequest = Schema.TaggedStruct("RevokeWithRescindedGrant", {
  licenceId: Licence.LicenceId,
})

/**
 * The commands a caller may send to a licence: the decider's commands, with `IssueLicence` and
 * `RevokeWithRescindedGrant` as requests the runtime completes from the case.
 *
 * @category schemas
 * @since 0.2.0
 */
export const LicenceRequest = Schema.Union([
  IssueLicenceRequest,
  RevokeWithRescindedGrantRequest,
  ...(Licence.Command.members.filter(
    (member) => member !== Licence.IssueLicence && member !== Licence.RevokeWithRescindedGrant,
  ) as Array<
    Exclude<
      (typeof Licence.Command.members)[number],
      typeof Licence.IssueLicence | typeof Licence.RevokeWithRescindedGrant
    >
  >),
])

/**
 * @category models
 * @since 0.2.0
 */
export type LicenceRequest = typeof LicenceRequest.Type

/**
 * Completes the two commands that rest on a case with what the case records: `IssueLicence` with
 * `Licence.grantOf` of `application-<licenceId>` (a case that is not granted and concluded is
 * `CommandRejected` with `NoGrant`), `RevokeWithRescindedGrant` with `Licence.rescissionOf` (a
 * grant not rescinded is `NoGrant` too). Every other command is the caller's.
 *
 * @category combinators
 * @since 0.2.0
 */
export const resolveLicence = (
  input: ResolveInput<Licence.State, LicenceRequest>,
): Effect.Effect<
  Licence.Command,
  InvalidCommand | CommandRejected | EventStoreError.StreamError | UnreadableEvent,
  EventStore.EventStore
> =>
  Effect.gen(function* () {
    const request = input.request
    if (request._tag !== "IssueLicence" && request._tag !== "RevokeWithRescindedGrant") return request
    const theCase = yield* load(application, request.licenceId)
    const refuse = (failure: Licence.NoGrant) =>
      new CommandRejected({
        aggregate: "licence",
        stream: `licence-${input.id}`,
        command: request._tag,
        commandId: "",
        rejection: theCase.version === 0 ? { ...failure, phase: "unknown", why: "no such case" } : failure,
      })
    if (request._tag === "IssueLicence") {
      const grant = Licence.grantOf(theCase.state)
      if (Result.isFailure(grant)) return yield* refuse(grant.failure)
      return { _tag: "IssueLicence", licenceId: request.licenceId, grant: grant.success }
    }
    const rescission = Licence.rescissionOf(theCase.state)
    if (Result.isFailure(rescission)) return yield* refuse(rescission.failure)
    return { _tag: "RevokeWithRescindedGrant", licenceId: request.licenceId, rescission: rescission.success }
  })

/**
 * Who may act on and read a licence: its holder (owner), the staff of the issuing matter's
 * authority on the day (the authority that decided, when the catalogue is elsewhere), supervisors
 * of that authority's region; and anyone may read it, because a grant is public (ALL Art 40:
 * 准予行政许可的决定，应当予以公开), identity numbers masked.
 *
 * @category combinators
 * @since 0.2.0
 */
export const licenceScope = (state: Licence.State): Scope =>
  state.holder === null || state.matter === null || state.authority === null
    ? { owners: [] }
    : {
        owners: [state.holder.code],
        matter: { matterCode: state.matter.implementationCode, pinned: state.authority },
        region: state.authority.division,
        public: true,
      }

/**
 * The deadlines of a licence in its term, as due timers (calendar days: ALL Art 50's 30 days bind
 * the holder, not the authority's working-day limits of Art 82):
 *
 * - no renewal pending: a reminder 30 days before the last day to apply for renewal
 *   (`renewal/reminder/<last day>`, a notice), and the expiry from the day after the term
 *   (`expiry/<last day of the term>`, `RecordExpiry`);
 * - a renewal pending: its deemed grant from the day after the term (`renewal/deemed/<last day of
 *   the term>`, `DeemRenewed`, ALL Art 50).
 *
 * @category combinators
 * @since 0.2.0
 */
export const licenceTimers = (state: Licence.State, id: string): ReadonlyArray<TimerSpec> => {
  const end = Licence.expiresOn(state)
  if (state.phase !== "issued" || end === null) return []
  const dayAfterEnd = startOfDay(CalendarDate.addDays(end, 1))
  if (state.pendingRenewal !== null) {
    return [
      {
        key: `renewal/deemed/${end}`,
        dueAt: dayAfterEnd,
        notice: `renewal of licence ${state.licenceNo} applied for on ${state.pendingRenewal.appliedOn} not decided by ${end}: renewed by law (ALL Art 50)`,
        command: { aggregate: "licence", id, command: { _tag: "DeemRenewed", licenceId: id } },
      },
    ]
  }
  const latest = Licence.latestRenewalDay(state)!
  const remindOn = CalendarDate.max(CalendarDate.addDays(latest, -renewalReminderDays), state.terms[0]!.from)
  return [
    {
      key: `renewal/reminder/${latest}`,
      dueAt: startOfDay(remindOn),
      notice: `licence ${state.licenceNo} expires on ${end}: a renewal must be applied for by ${latest} (ALL Art 50)`,
    },
    {
      key: `expiry/${end}`,
      dueAt: dayAfterEnd,
      notice: `licence ${state.licenceNo} expired after ${end}`,
      command: { aggregate: "licence", id, command: { _tag: "RecordExpiry", licenceId: id } },
    },
  ]
}

/**
 * How many days before the last day to apply for renewal the reminder timer is due.
 *
 * @category models
 * @since 0.2.0
 */
export const renewalReminderDays = 30

/**
 * A licence's case-list row: status (`issued`, `suspended`, `expired`, `revoked`, `deregistered`),
 * the matter's name, and in `detail` the number, holder (a person's name without its identity
 * number, which the row's owner names by pseudonym), matter codes, authority, scope, the cases it
 * came from and its validity record (`Licence.Validity`), so the licence queries read the row
 * alone.
 *
 * @category combinators
 * @since 0.2.0
 */
export const licenceSummary = (state: Licence.State): Summary | undefined => {
  if (state.phase === "new" || state.holder === null || state.matter === null || state.authority === null) {
    return undefined
  }
  return {
    status: state.phase === "issued" && Licence.isSuspended(state) ? "suspended" : state.phase,
    title: state.matter.name,
    detail: {
      licenceNo: state.licenceNo,
      // A person's identity number stays out of the row (the row's owner names the person by
      // pseudonym); an enterprise's credit code is public.
      holder:
        state.holder.kind === "enterprise"
          ? { kind: state.holder.kind, code: state.holder.code, name: state.holder.name }
          : { kind: state.holder.kind, name: state.holder.name },
      matterCode: state.matter.implementationCode,
      baseCode: state.matter.baseCode,
      authority: state.authority.creditCode,
      scope: state.scope,
      cases: [...Licence.casesOf(state)],
      validity: Licence.validityOf(state) as unknown as Schema.Json,
    },
  }
}

/**
 * The personal data of licences: a person holder in `LicenceIssued` (the grant's holder) and in a
 * revocation for fraud (the finding's holder). A licence in force (issued, suspended or not) is
 * open: its holder is not erased while the licence can still be relied on.
 *
 * @category models
 * @since 0.2.0
 */
export const licencePersonal: Personal<Licence.State, Licence.Event> = {
  fields: (event) => {
    switch (event._tag) {
      case "LicenceIssued":
        return personField(["grant", "holder"], event.grant.holder)
      case "LicenceRevoked":
        return event.basis._tag === "Fraud"
          ? personField(["basis", "finding", "holder"], event.basis.finding.holder)
          : []
      default:
        return []
    }
  },
  open: (state) => state.phase === "issued",
}

/**
 * The licence aggregate. Streams `licence-<caseNo>` (the case that produced it). Issued and, with
 * a rescinded grant, revoked by the runtime's process managers from the case; renewal and change
 * applied for by the holder and decided by the authority's approvers; suspended by supervisors;
 * public to read (ALL Art 40), identity numbers masked.
 *
 * @category models
 * @since 0.2.0
 */
export const licence: Aggregate<Licence.State, Licence.Command, Licence.Event, {}, LicenceRequest> = {
  name: "licence",
  publicIds: true,
  decider: Licence.decider,
  idOf: (command) => command.licenceId,
  commandSchema: LicenceRequest,
  resolve: resolveLicence,
  eventSchema: Licence.Event,
  eventVersions: Licence.eventVersions,
  requiredRoles: (command) => Licence.requiredRoles[command._tag],
  scope: licenceScope,
  summary: licenceSummary,
  timers: licenceTimers,
  personal: licencePersonal,
  snapshot: { schema: Licence.State, schemaVersion: 1, every: 50 },
}

/**
 * The bundle case aggregate (一件事一次办, streams `bundlecase-<caseNo>`) on the mainland China
 * calendar, over the application and licence aggregates above; a deployment with another calendar
 * makes its own with `BundleApplications.makeBundleApplication`.
 *
 * @category models
 * @since 0.3.0
 */
export const bundleApplication = BundleApplications.makeBundleApplication({
  calendar: WorkCalendar.chinaMainland,
  application,
  licence,
})

/**
 * The core aggregates, for the scheduler and the process managers to look up by name.
 *
 * @category models
 * @since 0.1.0
 */
export const all = [
  application,
  matter,
  creditRecord,
  licence,
  BundleApplications.serviceBundle,
  bundleApplication,
] as const
