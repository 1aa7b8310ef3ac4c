/**
 * The model of a case, deliberately simpler than the aggregate: a phase, sets of material codes,
 * a handful of dates, and the clock as a list of paused spans. Working days are counted by walking
 * the calendar one day at a time over the holiday data — never with the library's indexed
 * arithmetic. Which phases take which commands, and who may issue them, is restated here from
 * DOMAIN.md, not read from the aggregate.
 */
import type { fc } from "@fast-check/vitest"
import { Result } from "effect"
import {
  type Actor,
  Application,
  CalendarDate,
  Decider,
  type PublishedMatter,
  WorkCalendar,
} from "../../../src/index.ts"
import { caseNo, enterprise, letter } from "../../arbitraries/application.ts"
import { expectEqual, expectMatch, expectSame, expectTrue } from "../cheapExpect.ts"

export { caseNo, enterprise }

type Phase = Application.Phase
type Tag = Application.CommandTag

// ---------------------------------------------------------------------------------------------
// The calendar, day by day
// ---------------------------------------------------------------------------------------------

const holidays = new Set<string>()
const makeUpDays = new Set<string>()
for (const year of Object.values(WorkCalendar.chinaMainland.years)) {
  for (const day of year.holidays) holidays.add(day)
  for (const day of year.makeUpWorkdays) makeUpDays.add(day)
}

// The walks below visit the same few hundred days thousands of times a run: the next day and
// whether a day is worked are remembered once computed (the answers never change).
const following = new Map<string, string>()
const worked = new Map<string, boolean>()

const daysOn = (day: string, n: number): string =>
  new Date(Date.parse(`${day}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10)

/** The day `n` calendar days after `day` (before it when `n` is negative). */
export const nextDay = (day: string, n = 1): string => {
  if (n !== 1) return daysOn(day, n)
  let next = following.get(day)
  if (next === undefined) {
    next = daysOn(day, 1)
    following.set(day, next)
  }
  return next
}

const workingDay = (day: string): boolean => {
  if (makeUpDays.has(day)) return true
  if (holidays.has(day)) return false
  const weekday = new Date(`${day}T00:00:00Z`).getUTCDay()
  return weekday !== 0 && weekday !== 6
}

export const isWorkingDay = (day: string): boolean => {
  let answer = worked.get(day)
  if (answer === undefined) {
    answer = workingDay(day)
    worked.set(day, answer)
  }
  return answer
}

/** The n-th working day after `day`. */
export const addWorkingDays = (day: string, n: number): string => {
  let current = day
  for (let left = n; left > 0; ) {
    current = nextDay(current)
    if (isWorkingDay(current)) left -= 1
  }
  return current
}

export interface Span {
  readonly from: string
  to: string | null
}

const pausedOn = (spans: ReadonlyArray<Span>, day: string): boolean =>
  spans.some((s) => s.from < day && (s.to === null || day <= s.to))

/** The date `limit` unpaused working days after `start`, or null while an open pause holds it. */
export const dueDate = (start: string, limit: number, spans: ReadonlyArray<Span>): string | null => {
  let day = start
  for (let counted = 0; counted < limit; ) {
    day = nextDay(day)
    if (spans.some((s) => s.to === null && day > s.from)) return null
    if (isWorkingDay(day) && !pausedOn(spans, day)) counted += 1
  }
  return day
}

/** Working days in `(start, on]`: those that ran and those that were paused. */
export const countDays = (start: string, on: string, spans: ReadonlyArray<Span>) => {
  let ran = 0
  let paused = 0
  for (let day = nextDay(start); day <= on; day = nextDay(day)) {
    if (!isWorkingDay(day)) continue
    if (pausedOn(spans, day)) paused += 1
    else ran += 1
  }
  return { ran, paused }
}

// ---------------------------------------------------------------------------------------------
// The rules restated
// ---------------------------------------------------------------------------------------------

const open: ReadonlyArray<Phase> = [
  "draft",
  "submitted",
  "correctionRequested",
  "corrected",
  "underReview",
  "specialProcedure",
  "suspended",
]

const afterCommitment: ReadonlyArray<Phase> = ["underReview", "specialProcedure", "granted", "concluded"]

/** The phases each command is allowed in (listed in the order the aggregate reports them). */
export const allowedIn: { readonly [K in Tag]: ReadonlyArray<Phase> } = {
  DraftApplication: ["new"],
  SubmitApplication: ["new", "draft"],
  RequestCorrection: ["submitted", "corrected"],
  ResubmitMaterials: ["correctionRequested"],
  AcceptApplication: ["submitted", "corrected"],
  AcceptTolerantly: ["submitted"],
  DeemAccepted: ["submitted"],
  DeclineAcceptance: ["submitted", "correctionRequested", "corrected"],
  DecideOnTheSpot: ["submitted", "corrected"],
  RecordReviewStep: ["underReview"],
  StartSpecialProcedure: ["underReview"],
  EndSpecialProcedure: ["specialProcedure"],
  ExtendTimeLimit: ["underReview", "specialProcedure"],
  SupplementDeferredMaterials: ["underReview", "specialProcedure", "granted", "concluded", "suspended"],
  MissSupplementDeadline: ["underReview", "specialProcedure"],
  AcceptOnCommitment: ["submitted", "correctionRequested", "corrected"],
  GrantApplication: ["underReview"],
  DenyApplication: ["underReview"],
  IssueCertificate: ["granted"],
  SubmitComplianceProof: afterCommitment,
  MissComplianceDeadline: afterCommitment,
  RecordVerification: ["underReview", "specialProcedure", "granted", "concluded"],
  WithdrawApplication: open,
  RescindGrant: ["granted", "concluded", "verified"],
  CorrectOnTheSpot: ["submitted"],
  RecordFraudFinding: [...open.filter((phase) => phase !== "draft"), "granted", "concluded", "verified"],
}

/** Every command, in the order the aggregate lists the commands a phase allows. */
export const commandTags = Object.keys(allowedIn) as ReadonlyArray<Tag>

/** The notify-and-commit commands: modelled in test/model/Commitment, not here. */
export const commitmentTags: ReadonlyArray<Tag> = [
  "AcceptOnCommitment",
  "SubmitComplianceProof",
  "MissComplianceDeadline",
  "RecordVerification",
]

/** The commands this model generates (with their _Err twins). */
export const modelledTags = commandTags.filter((tag) => !commitmentTags.includes(tag))

export const closed: ReadonlyArray<Phase> = [
  "concluded",
  "verified",
  "denied",
  "acceptanceDeclined",
  "withdrawn",
  "terminated",
  "rescinded",
  "lapsed",
]

/** Who may issue each command. */
export const rolesOf: { readonly [K in Tag]: ReadonlyArray<Actor.Role> } = {
  DraftApplication: ["applicant", "agent"],
  SubmitApplication: ["applicant", "agent", "windowClerk", "system"],
  RequestCorrection: ["windowClerk"],
  ResubmitMaterials: ["applicant", "agent", "windowClerk"],
  AcceptApplication: ["windowClerk", "system"],
  AcceptTolerantly: ["windowClerk", "system"],
  DeemAccepted: ["system"],
  DeclineAcceptance: ["windowClerk"],
  DecideOnTheSpot: ["windowClerk", "approver"],
  RecordReviewStep: ["reviewer"],
  StartSpecialProcedure: ["reviewer"],
  EndSpecialProcedure: ["reviewer"],
  ExtendTimeLimit: ["authorityHead"],
  SupplementDeferredMaterials: ["applicant", "agent", "windowClerk", "system"],
  MissSupplementDeadline: ["system"],
  GrantApplication: ["approver"],
  DenyApplication: ["approver"],
  IssueCertificate: ["windowClerk", "approver"],
  WithdrawApplication: ["applicant", "agent"],
  RescindGrant: ["approver"],
  AcceptOnCommitment: ["windowClerk", "approver", "system"],
  SubmitComplianceProof: ["applicant", "agent", "windowClerk"],
  MissComplianceDeadline: ["system"],
  RecordVerification: ["verifier", "approver"],
  RecordFraudFinding: ["verifier", "approver"],
  CorrectOnTheSpot: ["windowClerk"],
}

// ---------------------------------------------------------------------------------------------
// The model
// ---------------------------------------------------------------------------------------------

export interface ApplicationModel {
  today: string
  readonly terms: PublishedMatter.PublishedMatter
  phase: Phase
  onFile: Array<string>
  notice: Array<string> | null
  toCorrect: Array<string>
  receivedOn: string | null
  completedOn: string | null
  acceptedOn: string | null
  deferred: Array<string>
  supplementBy: string | null
  spans: Array<Span>
  suspendedFrom: "underReview" | "specialProcedure" | null
  extended: boolean
  decidedOn: string | null
  stoppedOn: string | null
  /** The article of a finding of fraud on record (ALL Art 78 before the decision, Art 79 after a grant). */
  fraud: "ALL Art 78" | "ALL Art 79" | null
  fraudOn: string | null
}

export interface ApplicationReal {
  state: Application.State
  events: Array<Application.Event>
}

export type ApplicationCommand = fc.Command<ApplicationModel, ApplicationReal>

/** The first day of every run: Monday 1 September 2025, before 国庆 2025 and 春节 2026. */
export const firstDay = "2025-09-01"
/** Time never passes this day, so that every due date stays in the calendar's years. */
export const lastDay = "2026-06-30"

export const initialModel = (terms: PublishedMatter.PublishedMatter): ApplicationModel => ({
  today: firstDay,
  terms,
  phase: "new",
  onFile: [],
  notice: null,
  toCorrect: [],
  receivedOn: null,
  completedOn: null,
  acceptedOn: null,
  deferred: [],
  supplementBy: null,
  spans: [],
  suspendedFrom: null,
  extended: false,
  decidedOn: null,
  stoppedOn: null,
  fraud: null,
  fraudOn: null,
})

// ---------------------------------------------------------------------------------------------
// Named predicates over the model: every check() is built from these
// ---------------------------------------------------------------------------------------------

export const isAllowed = (m: ApplicationModel, tag: Tag): boolean => allowedIn[tag].includes(m.phase)
export const isImmediate = (m: ApplicationModel): boolean => m.terms.processingMode === "immediate"
export const offersTolerance = (m: ApplicationModel): boolean => m.terms.tolerantAcceptance !== undefined
export const missingMandatory = (m: ApplicationModel): Array<string> =>
  m.terms.materials.filter((r) => r.mandatory && !m.onFile.includes(r.code)).map((r) => r.code)
export const missingCore = (m: ApplicationModel): Array<string> =>
  missingMandatory(m).filter((code) => m.terms.materials.find((r) => r.code === code)?.category === "core")
export const hasDeferred = (m: ApplicationModel): boolean => m.deferred.length > 0
export const resultAllowed = (m: ApplicationModel): boolean =>
  m.deferred.length === 0 || m.terms.tolerantAcceptance?.resultBeforeSupplement === true
export const correctionDeadline = (m: ApplicationModel): string =>
  addWorkingDays(m.phase === "corrected" ? m.completedOn! : m.receivedOn!, 5)
/** ALL Art 32: still submitted (no notice ever given) after the 5th working day from receipt — accepted by law. */
export const acceptedByLaw = (m: Readonly<ApplicationModel>): boolean =>
  m.phase === "submitted" && m.today > addWorkingDays(m.receivedOn!, 5)
/** The day an acceptance now counts from: completion after a correction, receipt once the law accepted, or today. */
export const acceptanceDay = (m: Readonly<ApplicationModel>): string =>
  m.phase === "corrected" ? m.completedOn! : acceptedByLaw(m) ? m.receivedOn! : m.today
export const promisedDue = (m: ApplicationModel): string | null =>
  dueDate(m.acceptedOn!, m.terms.promisedLimitWorkingDays, m.spans)
export const statutoryDue = (m: ApplicationModel): string | null =>
  dueDate(m.acceptedOn!, m.terms.statutoryLimitWorkingDays + (m.extended ? 10 : 0), m.spans)
/** ALL Art 78: once concealment or false materials were found in the application, it is never granted. */
export const falseMaterialsFound = (m: Readonly<ApplicationModel>): boolean => m.fraud === "ALL Art 78"
export const isOvertime = (m: ApplicationModel): boolean => {
  const due = promisedDue(m)
  return due !== null && m.today > due
}

/** The rejection of a command in a phase that does not take it. */
export const phaseRejection = (m: ApplicationModel, tag: Tag): Application.Rejection =>
  closed.includes(m.phase)
    ? {
        _tag: "ApplicationClosed",
        caseNo,
        phase: m.phase,
        allowed: commandTags.filter((t) => allowedIn[t].includes(m.phase)),
      }
    : { _tag: "NotAllowedInPhase", command: tag, phase: m.phase, allowedIn: allowedIn[tag] }

// ---------------------------------------------------------------------------------------------
// Running commands against the real aggregate
// ---------------------------------------------------------------------------------------------

export const runCounts = new Map<string, number>()
export const count = (name: string): void => {
  runCounts.set(name, (runCounts.get(name) ?? 0) + 1)
}

const actorFor = (tag: Tag): Actor.Actor => {
  const role = rolesOf[tag][0]!
  return { id: `${role}-1`, roles: [role] }
}

export const contextFor = (
  m: ApplicationModel,
  tag: Tag,
  actor: Actor.Actor = actorFor(tag),
): Decider.CommandContext => ({
  now: `${m.today}T01:30:00.000Z`,
  actor,
  facts: {},
})

const stepInvariants = (before: Application.State, command: Application.Command, after: Application.State): void => {
  for (const [name, holds] of Application.stateInvariants) expectTrue(holds(after), name)
  expectTrue(Application.followsTransitionTable(before, command._tag, after), "followsTransitionTable")
  expectTrue(Application.closedCaseAcceptsOnlyAllowed(before.phase, command._tag), "closedCaseAcceptsOnlyAllowed")
  expectTrue(Application.noGrantWhileDeferredOutstanding(before, after), "noGrantWhileDeferredOutstanding")
  expectTrue(Application.noCertificateWhileDeferredOutstanding(before, after), "noCertificateWhileDeferredOutstanding")
  expectTrue(Application.dueDatesNeverMoveEarlier(before, after), "dueDatesNeverMoveEarlier")
}

/** Decides the command, expects acceptance and applies the events; the caller then updates the model and settles. */
export const accept = (
  m: ApplicationModel,
  r: ApplicationReal,
  command: Application.Command,
): ReadonlyArray<Application.Event> => {
  const before = r.state
  const outcome = Application.decide(command, before, contextFor(m, command._tag))
  if (Result.isFailure(outcome)) {
    throw new Error(`expected ${command._tag} on ${m.today} to be accepted, got ${JSON.stringify(outcome.failure)}`)
  }
  expectTrue(outcome.success.length > 0, "accepted with events")
  r.state = Decider.fold(Application.decider, outcome.success, before)
  r.events.push(...outcome.success)
  stepInvariants(before, command, r.state)
  return outcome.success
}

/** Decides the command and expects exactly this rejection, the state untouched. */
export const rejectExactly = (
  m: ApplicationModel,
  r: ApplicationReal,
  command: Application.Command,
  expected: Application.Rejection,
  context: Decider.CommandContext = contextFor(m, command._tag),
): void => {
  const outcome = Application.decide(command, r.state, context)
  expectEqual<unknown>(Result.isFailure(outcome) ? outcome.failure : { accepted: outcome.success }, expected)
  settle(m, r)
}

const sorted = (codes: ReadonlyArray<string>): Array<string> => [...codes].sort()

/** The real state agrees with the model: phase, materials, acceptance, deferral, and the clock day by day. */
export const settle = (m: ApplicationModel, r: ApplicationReal): void => {
  const s = r.state
  expectSame(s.phase, m.phase, "phase")
  expectEqual(sorted(s.materials.map((x) => x.code)), sorted(m.onFile), "materials")
  expectEqual(sorted(s.toCorrect), sorted(m.toCorrect), "toCorrect")
  expectSame<string | null>(s.acceptance?.acceptedOn ?? null, m.acceptedOn, "acceptedOn")
  expectEqual<Array<string>>(sorted(Application.outstandingDeferred(s)), sorted(m.deferred), "deferred")
  expectSame<string | null>(s.deferral?.notice.supplementBy ?? null, m.supplementBy, "supplementBy")
  if (m.acceptedOn === null) {
    expectSame(s.clock, null, "clock")
    return
  }
  const on = CalendarDate.make(m.today)
  const view = Application.clockView(s, on)
  if (Result.isFailure(view) || view.success === undefined) throw new Error("the case has no clock view")
  const asOf = m.stoppedOn !== null && m.stoppedOn < m.today ? m.stoppedOn : m.today
  const { ran, paused } = countDays(m.acceptedOn, asOf, m.spans)
  expectMatch(view.success, {
    acceptedOn: m.acceptedOn,
    asOf,
    promisedDueOn: promisedDue(m) ?? undefined,
    statutoryDueOn: statutoryDue(m) ?? undefined,
    elapsedWorkingDays: ran,
    pausedWorkingDays: paused,
    paused: m.spans.some((span) => span.to === null),
    extended: m.extended,
  })
  expectTrue(Application.pausedTimeNeverCounts(s, on), "pausedTimeNeverCounts")
}

/** A command of each kind for this case (or another); its content never matters to the checks it is used for. */
export const sampleCommand = (
  tag: Tag,
  terms: PublishedMatter.PublishedMatter,
  caseNumber = caseNo,
): Application.Command => {
  const remedies = { administrativeReview: "六十日内申请行政复议", litigation: "六个月内提起行政诉讼" }
  switch (tag) {
    case "DraftApplication":
      return { _tag: tag, caseNo: caseNumber, applicant: enterprise, matterCode: terms.implementationCode }
    case "SubmitApplication":
      return { _tag: tag, caseNo: caseNumber, applicant: enterprise, matter: terms, materials: [] }
    case "RequestCorrection":
      return { _tag: tag, caseNo: caseNumber, items: [{ code: "M01", problem: "missing", note: "" }] }
    case "ResubmitMaterials":
    case "SupplementDeferredMaterials":
      return { _tag: tag, caseNo: caseNumber, materials: [{ code: "M01", form: "paper" }] }
    case "AcceptApplication":
    case "DeemAccepted":
    case "MissSupplementDeadline":
    case "GrantApplication":
      return { _tag: tag, caseNo: caseNumber }
    case "AcceptTolerantly":
      return {
        _tag: tag,
        caseNo: caseNumber,
        deferred: [{ code: "M03", howToSupply: "上传" }],
        commitment: { signedBy: "李湘", statement: "按期补齐" },
      }
    case "DeclineAcceptance":
      return { _tag: tag, caseNo: caseNumber, ground: "noLicenceRequired", reasons: "无需许可" }
    case "DecideOnTheSpot":
      return { _tag: tag, caseNo: caseNumber, outcome: { _tag: "Grant" } }
    case "RecordReviewStep":
      return { _tag: tag, caseNo: caseNumber, step: "审查", opinion: "同意" }
    case "StartSpecialProcedure":
      return { _tag: tag, caseNo: caseNumber, procedure: "inspection", expectedWorkingDays: 3, reason: "核查" }
    case "EndSpecialProcedure":
      return { _tag: tag, caseNo: caseNumber, outcome: "合格" }
    case "ExtendTimeLimit":
      return { _tag: tag, caseNo: caseNumber, reason: "复杂", noticeToApplicant: "延长十个工作日" }
    case "DenyApplication":
      return { _tag: tag, caseNo: caseNumber, reasons: "不符合条件", remedies }
    case "IssueCertificate":
      return { _tag: tag, caseNo: caseNumber, certificateNo: "JY1" }
    case "WithdrawApplication":
      return { _tag: tag, caseNo: caseNumber, reason: "不再需要" }
    case "RescindGrant":
      return { _tag: tag, caseNo: caseNumber, legalBasis: "《行政许可法》第六十九条", reasons: "欺骗" }
    case "AcceptOnCommitment":
      return { _tag: tag, caseNo: caseNumber, letter, grantOnTheSpot: false }
    case "SubmitComplianceProof":
      return { _tag: tag, caseNo: caseNumber, description: "验收照片" }
    case "MissComplianceDeadline":
      return { _tag: tag, caseNo: caseNumber }
    case "RecordVerification":
      return { _tag: tag, caseNo: caseNumber, method: "onSite", outcome: { _tag: "Confirmed", findings: "属实" } }
    case "RecordFraudFinding":
      return { _tag: tag, caseNo: caseNumber, findings: "伪造场地租赁合同" }
    case "CorrectOnTheSpot":
      return { _tag: tag, caseNo: caseNumber, items: [{ code: "M01", note: "申请书日期笔误，当场更正" }] }
  }
}

/** An overtime explanation when `explain`, for commands that may need one. */
export const explanation = (
  explain: boolean,
  field: "overtimeExplanation" | "lateExplanation" = "overtimeExplanation",
) => (explain ? { [field]: "因系统故障延误" } : {})

/** A model date as the aggregate's branded date. */
export const day = (text: string): CalendarDate.CalendarDate => text as CalendarDate.CalendarDate
