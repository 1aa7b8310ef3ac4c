/**
 * The model of a licence, deliberately simpler than the aggregate: days are numbers, a term is a
 * pair of numbers, a suspension a pair, revocation and deregistration a day each, and "valid on
 * d" one boolean expression over them. No schemas, no immer, no calendar dates.
 */
import type { fc } from "@fast-check/vitest"
import { Result, Schema } from "effect"
import { expect } from "vitest"
import { CalendarDate, Decider, IdentityCode, Licence } from "../../../src/index.ts"

export const decider = Licence.decider
export const licenceId = "SCJG-2026-000731"

/** Day numbers (days since 1970-01-01). The clock starts on 2026-01-01. */
export const startDay = CalendarDate.toEpochDay(CalendarDate.make("2026-01-01"))
export const dateOf = (day: number): CalendarDate.CalendarDate => CalendarDate.fromEpochDay(day)
export const dayOf = (date: string): number => CalendarDate.toEpochDay(date as CalendarDate.CalendarDate)

type Roles = Decider.CommandContext["actor"]["roles"]
export const contextOf = (m: LicenceModel, roles: Roles, id = "actor"): Decider.CommandContext => ({
  now: `${dateOf(m.today)}T04:00:00.000Z`, // noon in Beijing
  actor: { id, roles },
  facts: {},
})
export const system = (m: LicenceModel) => contextOf(m, ["system"], "runtime")
export const holder = (m: LicenceModel) => contextOf(m, ["applicant"], "holder")
export const approver = (m: LicenceModel) => contextOf(m, ["approver"], "approver")
export const supervisor = (m: LicenceModel) => contextOf(m, ["supervisor"], "supervisor")

const enterprise = IdentityCode.makeUnifiedSocialCreditCode("91110000600037341L")
export const grantFor = (issuedOn: number, periodDays: number | null, lead: number): Licence.Grant => ({
  caseNo: licenceId,
  licenceNo: "JY14301020012345",
  holder: { kind: "enterprise", code: enterprise, name: "湘味小厨" },
  matter: {
    implementationCode: "11430100MB1A38544B-000101001000-01",
    baseCode: "000101001000",
    name: "食品经营许可",
    validity: periodDays === null ? { _tag: "Indefinite" } : { _tag: "Fixed", amount: periodDays, unit: "days" },
    renewalLeadDays: lead,
    concernsSafetyHealthProperty: true,
  },
  authority: {
    name: "长沙市市场监督管理局",
    creditCode: IdentityCode.makeUnifiedSocialCreditCode("11430100MB1A38544B"),
    division: IdentityCode.makeDivisionCode("430100"),
  },
  scope: "热食类食品制售",
  decidedOn: dateOf(issuedOn - 2),
  issuedOn: dateOf(issuedOn),
})

// ---------------------------------------------------------------------------------------------
// The model
// ---------------------------------------------------------------------------------------------

export interface LicenceModel {
  today: number
  issued: boolean
  /** Days per term, or null for indefinite. */
  period: number | null
  lead: number
  decidedOn: number
  terms: Array<[from: number, to: number | null]>
  pendingSince: number | null
  pendingChange: boolean
  pendingScope: string | null
  scope: string
  suspensions: Array<[from: number, lifted: number | null]>
  revokedOn: number | null
  deregisteredOn: number | null
  expiryRecorded: boolean
  /** The day a rescinded grant revoked the licence from, when that is how it was revoked. */
  rescindedFrom: number | null
}

export interface LicenceReal {
  state: Licence.State
  events: Array<Licence.Event>
}

export type LicenceCommand = fc.Command<LicenceModel, LicenceReal>

export const initialModel = (): LicenceModel => ({
  today: startDay,
  issued: false,
  period: null,
  lead: 30,
  decidedOn: startDay,
  terms: [],
  pendingSince: null,
  pendingChange: false,
  pendingScope: null,
  scope: "热食类食品制售",
  suspensions: [],
  revokedOn: null,
  deregisteredOn: null,
  expiryRecorded: false,
  rescindedFrom: null,
})

// Named predicates over the model: every check() is built from these.
export const lastTo = (m: LicenceModel): number | null => m.terms.at(-1)?.[1] ?? null
export const expires = (m: LicenceModel): boolean => m.issued && lastTo(m) !== null
export const isRevoked = (m: LicenceModel): boolean => m.revokedOn !== null
export const isDeregistered = (m: LicenceModel): boolean => m.deregisteredOn !== null
/** Issued, not revoked, deregistered, or recorded as expired. */
export const inForce = (m: LicenceModel): boolean =>
  m.issued && !isRevoked(m) && !isDeregistered(m) && !m.expiryRecorded
/** Issued, not revoked or deregistered (an expired licence is still open). */
export const open = (m: LicenceModel): boolean => m.issued && !isRevoked(m) && !isDeregistered(m)
export const pending = (m: LicenceModel): boolean => m.pendingSince !== null
export const suspendedNow = (m: LicenceModel): boolean => m.suspensions.some(([, lifted]) => lifted === null)
export const latestApplyDay = (m: LicenceModel): number | null => (expires(m) ? lastTo(m)! - m.lead : null)
export const termEnded = (m: LicenceModel): boolean => expires(m) && m.today > lastTo(m)!

/** The model's "valid on day d". */
export const validOn = (m: LicenceModel, d: number): boolean => {
  if (!m.issued) return false
  const last = lastTo(m)
  const inTerm = m.terms.some(([from, to]) => from <= d && (to === null || d <= to))
  const byLaw = pending(m) && last !== null && m.period !== null && d > last && d <= last + m.period
  const suspended = m.suspensions.some(([from, lifted]) => from <= d && (lifted === null || d < lifted))
  return (
    (inTerm || byLaw) &&
    !(m.revokedOn !== null && m.revokedOn <= d) &&
    !(m.deregisteredOn !== null && m.deregisteredOn <= d) &&
    !suspended
  )
}

// ---------------------------------------------------------------------------------------------
// Running commands against the real aggregate
// ---------------------------------------------------------------------------------------------

export const runCounts = new Map<string, number>()
export const count = (name: string): void => {
  runCounts.set(name, (runCounts.get(name) ?? 0) + 1)
}

const encodeEvent = Schema.encodeSync(Licence.Event)
const decodeEvent = Schema.decodeUnknownSync(Licence.Event)

/** The days worth checking: today and every boundary the model knows, with their neighbours. */
const probeDays = (m: LicenceModel): Array<number> => {
  const days = new Set<number>([m.today, m.today + 1])
  const add = (d: number | null) => {
    if (d !== null) for (const x of [d - 1, d, d + 1]) days.add(x)
  }
  for (const [from, to] of m.terms) {
    add(from)
    add(to)
  }
  for (const [from, lifted] of m.suspensions) {
    add(from)
    add(lifted)
  }
  add(m.revokedOn)
  add(m.deregisteredOn)
  const last = lastTo(m)
  if (last !== null && m.period !== null) add(last + m.period)
  return [...days]
}

/** The real licence agrees with the model on every probe day, and with its own invariants. */
export const settle = (m: LicenceModel, r: LicenceReal): void => {
  expect(Licence.consistent(r.state), "consistent").toBe(true)
  expect(r.state.terms.map((t) => [dayOf(t.from), t.to === null ? null : dayOf(t.to)])).toEqual(m.terms)
  expect(r.state.pendingRenewal !== null).toBe(pending(m))
  expect(r.state.scope).toBe(m.issued ? m.scope : null)
  for (const d of probeDays(m)) {
    expect(Licence.validOn(r.state, dateOf(d)), `valid on ${dateOf(d)}`).toBe(validOn(m, d))
    expect(Licence.statusOn(r.state, dateOf(d)) === "valid", `status on ${dateOf(d)}`).toBe(validOn(m, d))
  }
  // a rescinded grant revokes its licence: never valid again from the rescission day on
  if (m.rescindedFrom !== null) {
    for (const d of probeDays(m).filter((d) => d >= m.rescindedFrom!)) {
      expect(Licence.validOn(r.state, dateOf(d)), `valid after the rescission, on ${dateOf(d)}`).toBe(false)
    }
  }
}

/** Decides the command, expects it accepted, applies the events (replay and round trip checked). */
export const accept = (
  _m: LicenceModel,
  r: LicenceReal,
  command: Licence.Command,
  context: Decider.CommandContext,
): ReadonlyArray<Licence.Event> => {
  const outcome = decider.decide(command, r.state, context)
  if (Result.isFailure(outcome)) {
    throw new Error(`expected ${command._tag} to be accepted, got ${JSON.stringify(outcome.failure)}`)
  }
  r.state = Decider.fold(decider, outcome.success, r.state)
  r.events.push(...outcome.success)
  for (const event of outcome.success) expect(decodeEvent(encodeEvent(event))).toEqual(event)
  expect(Decider.fold(decider, r.events)).toEqual(r.state)
  return outcome.success
}

/** Decides the command and expects a rejection with this tag (and fields), the state untouched. */
export const rejectExactly = (
  m: LicenceModel,
  r: LicenceReal,
  command: Licence.Command,
  expected: Partial<Licence.Rejection> & { readonly _tag: Licence.Rejection["_tag"] },
  context: Decider.CommandContext,
): void => {
  const outcome = decider.decide(command, r.state, context)
  if (Result.isSuccess(outcome)) {
    throw new Error(
      `expected ${command._tag} to be rejected with ${expected._tag}, got ${JSON.stringify(outcome.success)}`,
    )
  }
  expect(outcome.failure).toMatchObject(expected)
  settle(m, r)
}
