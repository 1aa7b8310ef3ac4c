/**
 * The model of notify-and-commit (告知承诺制), deliberately simpler than the aggregate: one
 * applicant applying for one matter again and again, one case at a time. A case is a phase, a set
 * of material codes and a handful of dates; the applicant's credit record is a list of entries
 * with their last day and repair day, and "bars" is one comparison chain. Working days are walked
 * day by day (the Application model's calendar walk). Which phases take which commands is the
 * Application model's table, restated from DOMAIN.md.
 *
 * The real side is what the runtime would run: the `Application` aggregate, the applicant's
 * `CreditRecord` (under a deployment's short period for false commitments, so that entries expire
 * within a run), and the process manager between them — every `FalseCommitmentFound` mapped by
 * `Application.toRecordEntry` and delivered twice. The credit standing handed to `decide` is read
 * from that real record, as the runtime would read it.
 */
import { fc } from "@fast-check/vitest"
import { Result } from "effect"
import {
  type Actor,
  Application,
  CalendarDate,
  CreditRecord,
  Decider,
  type PublishedMatter,
} from "../../../src/index.ts"
import { commitmentLicence, enterprise, letter } from "../../arbitraries/application.ts"
import { addWorkingDays, allowedIn, closed, nextDay } from "../Application/model.ts"
import { expectEqual, expectSame, expectTrue } from "../cheapExpect.ts"

export { addWorkingDays, enterprise, letter, nextDay }

type Phase = Application.Phase
type Tag = Application.CommandTag

// ---------------------------------------------------------------------------------------------
// Terms and settings of a run
// ---------------------------------------------------------------------------------------------

export const methods = ["written", "dataCheck", "onSite", "publicNotice"] as const
export const variants = ["meetsNow", "willMeetBy"] as const

export interface RunSetup {
  readonly terms: PublishedMatter.PublishedMatter
  /** The deployment's period of a false-commitment entry, in days. */
  readonly falseCommitmentDays: number
}

/** The commitment licence with the verification terms and the variants offered varying. */
export const runSetup: fc.Arbitrary<RunSetup> = fc
  .record({
    verification: fc.oneof(
      {
        weight: 4,
        arbitrary: fc
          .record({
            period: fc.integer({ min: 2, max: 20 }),
            methods: fc.subarray([...methods], { minLength: 1 }),
          })
          .map(
            ({ period, methods }): PublishedMatter.CommitmentVerification => ({
              _tag: "Required",
              periodWorkingDays: period,
              methods,
            }),
          ),
      },
      {
        weight: 1,
        arbitrary: fc.constant<PublishedMatter.CommitmentVerification>({ _tag: "Exempt", reason: "数据共享实时核验" }),
      },
    ),
    variants: fc.constantFrom<ReadonlyArray<PublishedMatter.BusinessLicenceVariant>>(
      [],
      ["meetsNow"],
      ["willMeetBy"],
      ["meetsNow", "willMeetBy"],
      ["meetsNow", "willMeetBy"],
    ),
    falseCommitmentDays: fc.integer({ min: 5, max: 60 }),
  })
  .map(({ verification, variants, falseCommitmentDays }) => ({
    terms: {
      ...commitmentLicence,
      commitment: { ...commitmentLicence.commitment!, verification, businessLicenceVariants: variants },
    },
    falseCommitmentDays,
  }))

// ---------------------------------------------------------------------------------------------
// The model
// ---------------------------------------------------------------------------------------------

export interface ModelEntry {
  readonly id: string
  readonly kind: CreditRecord.EntryKind
  /** The matter of the case it came from; null for a decision's entry. */
  readonly matterCode: string | null
  readonly effectiveOn: string
  readonly expiresOn: string
  repairedOn: string | null
}

export interface CommitmentModel {
  today: string
  readonly setup: RunSetup
  readonly credit: Array<ModelEntry>
  decisions: number
  caseIndex: number
  phase: Phase
  onFile: Array<string>
  mode: "ordinary" | "commitment" | null
  receivedOn: string | null
  acceptedOn: string | null
  variant: "meetsNow" | "willMeetBy" | null
  meetBy: string | null
  proofOn: string | null
  decidedOn: string | null
  verificationDue: string | null
  confirmedOn: string | null
  rectifyBy: string | null
  certificate: boolean
  /** FalseCommitmentFound events seen, over every case of the run. */
  falseFindings: number
}

export interface CommitmentReal {
  state: Application.State
  events: Array<Application.Event>
  /** Every closed case's stream, checked again at the end of the run. */
  readonly streams: Array<ReadonlyArray<Application.Event>>
  credit: CreditRecord.State
  readonly creditDecider: Decider.Decider<
    CreditRecord.State,
    CreditRecord.Command,
    CreditRecord.Event,
    CreditRecord.Rejection
  >
}

export type CommitmentCommand = fc.Command<CommitmentModel, CommitmentReal>

/** Monday 1 September 2025. */
export const firstDay = "2025-09-01"
/** Time never passes this day, so every due date stays in the calendar's years. */
export const lastDay = "2026-06-30"

export const subject = Application.creditSubjectOf(enterprise)

export const initialModel = (setup: RunSetup): CommitmentModel => ({
  today: firstDay,
  setup,
  credit: [],
  decisions: 0,
  caseIndex: 1,
  falseFindings: 0,
  ...freshCase,
})

const freshCase = {
  phase: "new" as Phase,
  onFile: [] as Array<string>,
  mode: null,
  receivedOn: null,
  acceptedOn: null,
  variant: null,
  meetBy: null,
  proofOn: null,
  decidedOn: null,
  verificationDue: null,
  confirmedOn: null,
  rectifyBy: null,
  certificate: false,
}

/** Starts the model's next case. */
export const nextCase = (m: CommitmentModel): void => {
  Object.assign(m, freshCase, { onFile: [], caseIndex: m.caseIndex + 1 })
}

export const initialReal = (setup: RunSetup): CommitmentReal => ({
  state: Application.initialState,
  events: [],
  streams: [],
  credit: CreditRecord.initialFor(subject),
  creditDecider: CreditRecord.make({
    periods: {
      ...CreditRecord.defaultSettings.periods,
      falseCommitment: { amount: setup.falseCommitmentDays, unit: "days" },
    },
  }),
})

export const caseNoOf = (m: Readonly<CommitmentModel>): string => `SCJG-2026-${String(m.caseIndex).padStart(6, "0")}`

// ---------------------------------------------------------------------------------------------
// Named predicates over the model: every check() is built from these
// ---------------------------------------------------------------------------------------------

export const terms = (m: Readonly<CommitmentModel>) => m.setup.terms
export const settingsOf = (m: Readonly<CommitmentModel>) => m.setup.terms.commitment!
export const isAllowed = (m: Readonly<CommitmentModel>, tag: Tag): boolean => allowedIn[tag].includes(m.phase)
export const isClosed = (m: Readonly<CommitmentModel>): boolean => closed.includes(m.phase)

export const barsOn = (entry: ModelEntry, day: string): boolean =>
  entry.effectiveOn <= day && day <= entry.expiresOn && (entry.repairedOn === null || day < entry.repairedOn)
/** The entries that bar commitment today, in the order recorded. */
export const barring = (m: Readonly<CommitmentModel>): Array<ModelEntry> => m.credit.filter((e) => barsOn(e, m.today))
export const isBarred = (m: Readonly<CommitmentModel>): boolean => barring(m).length > 0
/** Mandatory codes missing from the file; with `replaced`, those the commitment replaces do not count. */
export const missing = (m: Readonly<CommitmentModel>, replaced: boolean): Array<string> =>
  terms(m)
    .materials.filter((r) => r.mandatory && !m.onFile.includes(r.code))
    .map((r) => r.code)
    .filter((code) => !replaced || !settingsOf(m).replacedMaterialCodes.includes(code))

export const isCommitment = (m: Readonly<CommitmentModel>): boolean => m.mode === "commitment"
export const required = (m: Readonly<CommitmentModel>): boolean => settingsOf(m).verification._tag === "Required"
export const allowedMethods = (m: Readonly<CommitmentModel>): ReadonlyArray<PublishedMatter.VerificationMethod> => {
  const verification = settingsOf(m).verification
  return verification._tag === "Required" ? verification.methods : []
}
export const decided = (m: Readonly<CommitmentModel>): boolean => m.decidedOn !== null
export const proofDue = (m: Readonly<CommitmentModel>): boolean => m.variant === "willMeetBy" && m.proofOn === null
export const pastMeetBy = (m: Readonly<CommitmentModel>): boolean => m.meetBy !== null && m.today > m.meetBy
/** ALL Art 32: an acceptance after the 5th working day from receipt with no notice counts from receipt. */
export const acceptanceDay = (m: Readonly<CommitmentModel>): string =>
  m.phase === "submitted" && m.receivedOn !== null && m.today > addWorkingDays(m.receivedOn, 5) ? m.receivedOn : m.today
export const promisedDue = (m: Readonly<CommitmentModel>): string =>
  addWorkingDays(m.acceptedOn!, terms(m).promisedLimitWorkingDays)
export const verificationLate = (m: Readonly<CommitmentModel>): boolean =>
  m.verificationDue !== null && m.today > m.verificationDue
/** The variants offered, and whether one must be chosen. */
export const offered = (m: Readonly<CommitmentModel>): ReadonlyArray<PublishedMatter.BusinessLicenceVariant> =>
  settingsOf(m).businessLicenceVariants

/** Ready to be accepted on commitment as far as the applicant and the file go. */
export const eligible = (m: Readonly<CommitmentModel>): boolean => !isBarred(m) && missing(m, true).length === 0

/** The rejection of a command in a phase that does not take it. */
export const phaseRejection = (m: Readonly<CommitmentModel>, tag: Tag): Application.Rejection =>
  isClosed(m)
    ? {
        _tag: "ApplicationClosed",
        caseNo: caseNoOf(m),
        phase: m.phase,
        allowed: (Object.keys(allowedIn) as Array<Tag>).filter((t) => allowedIn[t].includes(m.phase)),
      }
    : { _tag: "NotAllowedInPhase", command: tag, phase: m.phase, allowedIn: allowedIn[tag] }

export const barredRejection = (m: Readonly<CommitmentModel>): Application.Rejection => ({
  _tag: "ApplicantBarredFromCommitment",
  reasons: barring(m).map((e) => ({ entryId: e.id, kind: e.kind, expiresOn: day(e.expiresOn) })),
  ordinaryProcedureOpen: true,
  message:
    "the applicant's credit record bars notify-and-commit until its entries expire or are repaired; the ordinary procedure with the proofs the matter requires stays open",
})

// ---------------------------------------------------------------------------------------------
// Running commands against the real aggregate
// ---------------------------------------------------------------------------------------------

export const runCounts = new Map<string, number>()
export const count = (name: string): void => {
  runCounts.set(name, (runCounts.get(name) ?? 0) + 1)
}

/** How often each fault of an _Err command ran (reported, not required: some need long histories). */
export const faultCounts = new Map<string, number>()
export const countFault = (name: string, fault: string): void => {
  const key = `${name}(${fault})`
  faultCounts.set(key, (faultCounts.get(key) ?? 0) + 1)
}

/** Who may issue each command this model runs (restated). */
export const rolesOf: { readonly [K in Tag]?: ReadonlyArray<Actor.Role> } = {
  SubmitApplication: ["applicant", "agent", "windowClerk"],
  AcceptApplication: ["windowClerk"],
  AcceptOnCommitment: ["windowClerk", "approver", "system"],
  GrantApplication: ["approver"],
  IssueCertificate: ["windowClerk", "approver"],
  SubmitComplianceProof: ["applicant", "agent", "windowClerk"],
  MissComplianceDeadline: ["system"],
  RecordVerification: ["verifier", "approver"],
  WithdrawApplication: ["applicant", "agent"],
}

export const day = (text: string): CalendarDate.CalendarDate => text as CalendarDate.CalendarDate

/** The real standing on `on` (today by default), as the runtime reads it. */
export const standingOn = (r: CommitmentReal, on: string): CreditRecord.CreditStanding =>
  CreditRecord.standing(r.credit, day(on))

export const contextFor = (
  m: Readonly<CommitmentModel>,
  tag: Tag,
  facts: Application.Facts = {},
  actor: Actor.Actor = { id: `${rolesOf[tag]![0]}-1`, roles: [rolesOf[tag]![0]!] },
): Decider.CommandContext<Application.Facts> => ({ now: `${m.today}T01:30:00.000Z`, actor, facts })

export const withStanding = (m: Readonly<CommitmentModel>, r: CommitmentReal): Application.Facts => ({
  creditStanding: standingOn(r, m.today),
})

const stepInvariants = (before: Application.State, command: Application.Command, after: Application.State): void => {
  for (const [name, holds] of Application.stateInvariants) expectTrue(holds(after), name)
  expectTrue(Application.followsTransitionTable(before, command._tag, after), "followsTransitionTable")
  expectTrue(Application.closedCaseAcceptsOnlyAllowed(before.phase, command._tag), "closedCaseAcceptsOnlyAllowed")
}

/** The runtime's process manager: each finding becomes the credit record's command, delivered twice. */
const deliverToCredit = (r: CommitmentReal, events: ReadonlyArray<Application.Event>, on: string): void => {
  for (const event of events) {
    if (event._tag !== "FalseCommitmentFound") continue
    const command = Application.toRecordEntry(event)
    const context = { now: `${on}T01:30:00.000Z`, actor: { id: "pm", roles: ["system" as const] }, facts: {} }
    const first = Decider.run(r.creditDecider, r.credit, command, context)
    if (Result.isFailure(first)) throw new Error(`the credit record refused ${JSON.stringify(first.failure)}`)
    expectSame(first.success.events.length, 1, "entries recorded by the first delivery")
    const again = Decider.run(r.creditDecider, first.success.state, command, context)
    if (Result.isFailure(again)) throw new Error(`the credit record refused again ${JSON.stringify(again.failure)}`)
    expectEqual(again.success.events, [], "entries recorded by the second delivery")
    r.credit = again.success.state
  }
}

/** Decides the command, expects acceptance, applies the events and delivers findings to the credit record. */
export const accept = (
  m: Readonly<CommitmentModel>,
  r: CommitmentReal,
  command: Application.Command,
  facts: Application.Facts = {},
): ReadonlyArray<Application.Event> => {
  const before = r.state
  const outcome = Application.decide(command, before, contextFor(m, command._tag, facts))
  if (Result.isFailure(outcome)) {
    throw new Error(`expected ${command._tag} on ${m.today} to be accepted, got ${JSON.stringify(outcome.failure)}`)
  }
  expectTrue(outcome.success.length > 0, "accepted with events")
  r.state = Decider.fold(Application.decider, outcome.success, before)
  r.events.push(...outcome.success)
  stepInvariants(before, command, r.state)
  deliverToCredit(r, outcome.success, m.today)
  return outcome.success
}

/** Decides the command and expects exactly this rejection, the state untouched. */
export const rejectExactly = (
  m: CommitmentModel,
  r: CommitmentReal,
  command: Application.Command,
  expected: Application.Rejection,
  context: Decider.CommandContext<Application.Facts> = contextFor(m, command._tag),
): void => {
  const outcome = Application.decide(command, r.state, context)
  expectEqual<unknown>(Result.isFailure(outcome) ? outcome.failure : { accepted: outcome.success }, expected)
  settle(m, r)
}

const sorted = (codes: ReadonlyArray<string>): Array<string> => [...codes].sort()

/** The model's licence effective date. */
const effectiveOn = (m: Readonly<CommitmentModel>): string | undefined => {
  if (m.decidedOn === null || !["granted", "concluded", "verified"].includes(m.phase)) return undefined
  if (m.variant !== "willMeetBy") return m.decidedOn
  if (m.proofOn === null) return undefined
  return [m.proofOn, m.decidedOn].sort()[1]
}

/** The real case and credit record agree with the model. */
export const settle = (m: Readonly<CommitmentModel>, r: CommitmentReal): void => {
  const s = r.state
  expectSame<string>(s.phase, m.phase, "phase")
  expectSame<string>(s.caseNo, m.phase === "new" ? "" : caseNoOf(m), "caseNo")
  expectEqual(sorted(s.materials.map((x) => x.code)), sorted(m.onFile), "materials")
  expectSame<string | null>(s.acceptance?.mode ?? null, m.mode, "mode")
  expectSame<string | null>(s.acceptance?.acceptedOn ?? null, m.acceptedOn, "acceptedOn")
  expectSame<string | null>(s.decision?._tag === "Granted" ? s.decision.decidedOn : null, m.decidedOn, "decidedOn")
  expectSame(s.certificate !== null, m.certificate, "certificate")
  const c = s.commitment
  expectSame<string | null>(c?.businessLicence?.variant ?? null, m.variant, "variant")
  expectSame<string | null>(
    c?.businessLicence?.variant === "willMeetBy" ? c.businessLicence.meetBy : null,
    m.meetBy,
    "meetBy",
  )
  expectSame<string | null>(c?.proof?.submittedOn ?? null, m.proofOn, "proofOn")
  expectSame<string | null>(c?.verificationDueOn ?? null, m.verificationDue, "verificationDue")
  expectSame<string | null>(c?.rectification?.rectifyBy ?? null, m.rectifyBy, "rectifyBy")
  expectSame<string | null>(
    c?.verifications.find((v) => v.outcome._tag === "Confirmed")?.verifiedOn ?? null,
    m.confirmedOn,
    "confirmedOn",
  )
  expectSame<string | undefined>(Application.licenceEffectiveOn(s), effectiveOn(m), "licenceEffectiveOn")
  // the credit record: one entry per finding, and the standing the model predicts
  expectSame(r.credit.entries.filter((e) => e.kind === "falseCommitment").length, m.falseFindings, "falseFindings")
  const standing = standingOn(r, m.today)
  expectEqual<Array<string>>(
    standing.reasons.map((reason) => reason.entryId),
    barring(m).map((e) => e.id),
    "barring entries",
  )
  expectTrue(CreditRecord.consistent(r.credit), "CreditRecord.consistent")
}

/** Closes the current stream into the run's list and starts an empty case. */
export const archive = (r: CommitmentReal): void => {
  r.streams.push(r.events)
  r.state = Application.initialState
  r.events = []
}

/** The commands of a commitment case, for the checks that precede every rule. */
export const sampleCommand = (tag: Tag, caseNumber: string): Application.Command => {
  switch (tag) {
    case "AcceptOnCommitment":
      return { _tag: tag, caseNo: caseNumber, letter, grantOnTheSpot: false }
    case "SubmitComplianceProof":
      return { _tag: tag, caseNo: caseNumber, description: "验收照片" }
    case "MissComplianceDeadline":
      return { _tag: tag, caseNo: caseNumber }
    default:
      return {
        _tag: "RecordVerification",
        caseNo: caseNumber,
        method: "onSite",
        outcome: { _tag: "Confirmed", findings: "属实" },
      }
  }
}

export const commitmentTags = [
  "AcceptOnCommitment",
  "SubmitComplianceProof",
  "MissComplianceDeadline",
  "RecordVerification",
] as const satisfies ReadonlyArray<Tag>

/** The calendar day after `text`. */
export const dayAfter = (text: string): CalendarDate.CalendarDate => CalendarDate.addDays(day(text), 1)
