/**
 * The model of a credit record, deliberately simpler than the aggregate: dates are day numbers,
 * an entry is its kind, period, repair day and a revoked flag, and "bars" is one comparison chain.
 * No schemas, no sources beyond a key, no immer.
 */
import type { fc } from "@fast-check/vitest"
import { Result, Schema } from "effect"
import { expect } from "vitest"
import { CalendarDate, CreditRecord, Decider } from "../../../src/index.ts"

// ---------------------------------------------------------------------------------------------
// Fixtures
// ---------------------------------------------------------------------------------------------

/** Settings with every unit and one kind without a period, so that every path of the expiry is reached. */
export const settings: CreditRecord.Settings = {
  periods: {
    falseCommitment: { amount: 1, unit: "years" },
    falseMaterials: { amount: 6, unit: "months" },
    fraudInSafetyHealthProperty: { amount: 3, unit: "years" },
    seriousDefault: { amount: 45, unit: "days" },
  },
}
export const decider = CreditRecord.make(settings)

export const kinds = CreditRecord.EntryKind.literals
export const barring: ReadonlySet<CreditRecord.EntryKind> = new Set([
  "falseCommitment",
  "falseMaterials",
  "fraudInSafetyHealthProperty",
  "seriousDefault",
])

/** Day numbers (days since 1970-01-01). The clock starts on 2026-01-01. */
export const startDay = CalendarDate.toEpochDay(CalendarDate.make("2026-01-01"))
export const dateOf = (day: number): CalendarDate.CalendarDate => CalendarDate.fromEpochDay(day)
export const dayOf = (date: string): number => CalendarDate.toEpochDay(date as CalendarDate.CalendarDate)

export const context = (
  m: CreditModel,
  actor: { readonly id: string; readonly roles: ReadonlyArray<"system" | "supervisor"> } = pm,
): Decider.CommandContext => ({
  // noon in Beijing, so the instant falls on the model's day
  now: `${dateOf(m.today)}T04:00:00.000Z`,
  actor,
  facts: {},
})
export const pm = { id: "pm-verification", roles: ["system"] } as const
export const supervisor = { id: "supervisor-3", roles: ["supervisor"] } as const

export const sourceFor = (seed: number): CreditRecord.EntrySource =>
  seed % 2 === 0
    ? {
        _tag: "Application",
        caseNo: `2026-${String(seed).padStart(4, "0")}`,
        matterCode: "11430100MB1A38544B-000101001000-01",
      }
    : { _tag: "Decision", authority: "长沙市市场监督管理局", documentNo: `长市监处〔2026〕${seed}号` }

// ---------------------------------------------------------------------------------------------
// The model
// ---------------------------------------------------------------------------------------------

export interface ModelEntry {
  readonly id: string
  readonly kind: CreditRecord.EntryKind
  readonly effective: number
  readonly expiry: number
  /** The command that recorded it, to issue again. */
  readonly recorded: CreditRecord.RecordEntry
  repairedOn: number | null
  revokedOn: number | null
}

/** A statutory re-application bar (ALL Arts 78, 79): its licence's base code, its days, annulled or not. */
export interface ModelBar {
  readonly id: string
  readonly article: CreditRecord.BarArticle
  readonly baseCode: string
  readonly effective: number
  readonly end: number
  readonly recorded: CreditRecord.RecordStatutoryBar
  annulledOn: number | null
}

export interface CreditModel {
  readonly subject: CreditRecord.CreditSubjectInput
  /** Whether the record has taken its subject (after the first entry or bar). */
  known: boolean
  today: number
  readonly entries: Array<ModelEntry>
  readonly bars: Array<ModelBar>
}

/** Two licences' base codes: a bar on one never stops an application for the other. */
export const baseCodes = ["000101001000", "000104002000"] as const

/** The model's own reading of a bar's last day: the corresponding day 1 or 3 years on, or the month's last day. */
export const expectedBarEnd = (article: CreditRecord.BarArticle, effective: number): number => {
  const years = article === "ALL Art 78" ? 1 : 3
  const [y, mo, d] = dateOf(effective).split("-").map(Number) as [number, number, number]
  return dayOf(`${y + years}-${pad(mo)}-${pad(Math.min(d, monthLength(y + years, mo)))}`)
}

/** The model's "the bar stops an application on day d": not annulled, d within its days. Repairs play no part. */
export const barHolds = (b: ModelBar, d: number): boolean => b.annulledOn === null && b.effective <= d && d <= b.end

export interface CreditReal {
  state: CreditRecord.State
  events: Array<CreditRecord.Event>
}

export type CreditCommand = fc.Command<CreditModel, CreditReal>

export const initialModel = (subject: CreditRecord.CreditSubjectInput): CreditModel => ({
  subject,
  known: false,
  today: startDay,
  entries: [],
  bars: [],
})

const leap = (y: number): boolean => (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0
const monthLength = (y: number, month: number): number =>
  month === 2 ? (leap(y) ? 29 : 28) : [4, 6, 9, 11].includes(month) ? 30 : 31
const pad = (n: number): string => String(n).padStart(2, "0")

/** The model's own reading of a period: the corresponding day n months on, or the month's last day. */
export const expectedExpiry = (kind: CreditRecord.EntryKind, effective: number): number | null => {
  const period = settings.periods[kind]
  if (period === undefined) return null
  if (period.unit === "days") return effective + period.amount
  const months = period.unit === "years" ? 12 * period.amount : period.amount
  const [y, mo, d] = dateOf(effective).split("-").map(Number) as [number, number, number]
  const total = mo - 1 + months
  const year = y + Math.floor(total / 12)
  const month = (total % 12) + 1
  return dayOf(`${year}-${pad(month)}-${pad(Math.min(d, monthLength(year, month)))}`)
}

// Named predicates over the model: every check() is built from these.
export const isRevoked = (e: ModelEntry): boolean => e.revokedOn !== null
export const isRepaired = (e: ModelEntry): boolean => e.repairedOn !== null
export const isOpen = (e: ModelEntry): boolean => !isRevoked(e) && !isRepaired(e)
export const hasStarted = (m: CreditModel, e: ModelEntry): boolean => e.effective <= m.today
export const hasExpiredBy = (m: CreditModel, e: ModelEntry): boolean => e.expiry < m.today
export const hasDefault = (kind: CreditRecord.EntryKind): boolean => settings.periods[kind] !== undefined

/** The model's "bars on day d". */
export const bars = (e: ModelEntry, d: number): boolean =>
  barring.has(e.kind) &&
  !isRevoked(e) &&
  e.effective <= d &&
  d <= e.expiry &&
  (e.repairedOn === null || d < e.repairedOn)

/** Picks the nth entry among those that pass `keep` (cycling), or undefined. */
export const pick = (m: CreditModel, index: number, keep: (e: ModelEntry) => boolean): ModelEntry | undefined => {
  const candidates = m.entries.filter(keep)
  return candidates.length === 0 ? undefined : candidates[index % candidates.length]
}

// ---------------------------------------------------------------------------------------------
// Running commands against the real aggregate
// ---------------------------------------------------------------------------------------------

export const runCounts = new Map<string, number>()
export const count = (name: string): void => {
  runCounts.set(name, (runCounts.get(name) ?? 0) + 1)
}

const encodeEvent = Schema.encodeSync(CreditRecord.Event)
const decodeEvent = Schema.decodeUnknownSync(CreditRecord.Event)

/** The days worth checking: today and each entry's boundaries. */
const probeDays = (m: CreditModel): Array<number> => {
  const days = new Set<number>([m.today])
  for (const e of m.entries) {
    for (const d of [e.effective - 1, e.effective, e.expiry, e.expiry + 1]) days.add(d)
    if (e.repairedOn !== null) for (const d of [e.repairedOn - 1, e.repairedOn]) days.add(d)
  }
  for (const b of m.bars) for (const d of [b.effective - 1, b.effective, b.end, b.end + 1]) days.add(d)
  return [...days]
}

/** The real record agrees with the model: entries, and the standing on every probe day. */
const agrees = (m: CreditModel, r: CreditReal): void => {
  expect(r.state.subject).toEqual(m.known ? m.subject : null)
  expect(
    r.state.entries.map((e) => ({
      id: e.id,
      kind: e.kind,
      effective: dayOf(e.effectiveOn),
      expiry: dayOf(e.expiresOn),
      repairedOn: e.repair === null ? null : dayOf(e.repair.repairedOn),
      revokedOn: e.revocation === null ? null : dayOf(e.revocation.revokedOn),
    })),
  ).toEqual(
    m.entries.map((e) => ({
      id: e.id,
      kind: e.kind,
      effective: e.effective,
      expiry: e.expiry,
      repairedOn: e.repairedOn,
      revokedOn: e.revokedOn,
    })),
  )
  expect(
    r.state.bars.map((b) => ({
      id: b.id,
      article: b.article,
      baseCode: b.baseCode,
      effective: dayOf(b.effectiveOn),
      end: dayOf(b.endsOn),
      annulledOn: b.annulment === null ? null : dayOf(b.annulment.annulledOn),
    })),
  ).toEqual(
    m.bars.map((b) => ({
      id: b.id,
      article: b.article,
      baseCode: b.baseCode,
      effective: b.effective,
      end: b.end,
      annulledOn: b.annulledOn,
    })),
  )
  for (const d of probeDays(m)) {
    for (const code of baseCodes) {
      const expected = m.bars
        .filter((b) => b.baseCode === code && barHolds(b, d))
        .sort((a, b) => b.end - a.end)
        .map((b) => b.id)
      expect(
        CreditRecord.barsOn(r.state, code, dateOf(d)).map((b) => b.id),
        `bars on ${code} on ${dateOf(d)}`,
      ).toEqual(expected)
    }
  }
  if (!m.known) return
  for (const d of probeDays(m)) {
    const fact = CreditRecord.standing(r.state, dateOf(d))
    const expected = m.entries.filter((e) => bars(e, d)).map((e) => e.id)
    expect(
      fact.reasons.map((reason) => reason.entryId),
      `standing on ${dateOf(d)}`,
    ).toEqual(expected)
    expect(fact.barredFromCommitment).toBe(expected.length > 0)
    expect(fact.checkedOn).toBe(dateOf(d))
    expect(CreditRecord.standingConsistent(fact)).toBe(true)
  }
}

const barringIds = (state: CreditRecord.State, day: number): Array<string> =>
  state.entries.filter((e) => CreditRecord.barsCommitment(e, dateOf(day))).map((e) => e.id)

/**
 * Recording never makes a subject less barred on any day (every entry that barred still bars);
 * repairing or revoking never makes it more barred.
 */
const monotone = (before: CreditRecord.State, after: CreditRecord.State, direction: "more" | "less"): void => {
  const days = new Set<number>()
  for (const e of after.entries) for (const d of [dayOf(e.effectiveOn), dayOf(e.expiresOn)]) days.add(d)
  for (const d of days) {
    const [fewer, more] =
      direction === "more"
        ? [barringIds(before, d), barringIds(after, d)]
        : [barringIds(after, d), barringIds(before, d)]
    expect(more, `monotone on ${dateOf(d)}`).toEqual(expect.arrayContaining(fewer))
  }
}

/** Decides the command, expects exactly `expectedEvents` events, applies them; then the model is updated by the caller. */
export const accept = (
  m: CreditModel,
  r: CreditReal,
  command: CreditRecord.Command,
  actor: { readonly id: string; readonly roles: ReadonlyArray<"system" | "supervisor"> } = pm,
): ReadonlyArray<CreditRecord.Event> => {
  const outcome = decider.decide(command, r.state, context(m, actor))
  if (Result.isFailure(outcome)) {
    throw new Error(`expected ${command._tag} to be accepted, got ${JSON.stringify(outcome.failure)}`)
  }
  const before = r.state
  r.state = Decider.fold(decider, outcome.success, before)
  r.events.push(...outcome.success)
  expect(CreditRecord.consistent(r.state), "consistent").toBe(true)
  // every event survives an encode → decode round trip, and replay reproduces the state
  for (const event of outcome.success) expect(decodeEvent(encodeEvent(event))).toEqual(event)
  expect(Decider.fold(decider, r.events)).toEqual(r.state)
  monotone(before, r.state, command._tag === "RecordEntry" ? "more" : "less")
  return outcome.success
}

/** Decides the command and expects exactly this rejection, with the state untouched. */
export const rejectExactly = (
  m: CreditModel,
  r: CreditReal,
  command: CreditRecord.Command,
  expected: CreditRecord.Rejection | ((rejection: CreditRecord.Rejection) => void),
  actorContext: Decider.CommandContext = context(m),
): void => {
  const outcome = decider.decide(command, r.state, actorContext)
  if (Result.isSuccess(outcome)) {
    throw new Error(`expected ${command._tag} to be rejected, got ${JSON.stringify(outcome.success)}`)
  }
  if (typeof expected === "function") expected(outcome.failure)
  else expect(outcome.failure).toEqual(expected)
  agrees(m, r)
}

/** After the model is updated: the real record agrees with it. */
export const settle = (m: CreditModel, r: CreditReal): void => agrees(m, r)

/** A command of each tag against the model's record: a fresh entry, or the nth entry (or a missing one). */
export const someCommand = (
  m: CreditModel,
  tag: CreditRecord.Command["_tag"],
  index: number,
  subject: CreditRecord.CreditSubjectInput = m.subject,
): CreditRecord.Command => {
  const entryId = pick(m, index, () => true)?.id ?? "X0"
  switch (tag) {
    case "RecordEntry":
      return {
        _tag: "RecordEntry",
        subject,
        entryId: `E${m.entries.length + 1}`,
        kind: "falseCommitment",
        source: sourceFor(index),
        reason: "a finding",
        effectiveOn: dateOf(m.today),
      }
    case "RepairEntry":
      return { _tag: "RepairEntry", subject, entryId, reason: "repaired", repairedOn: dateOf(m.today) }
    case "RevokeEntry":
      return { _tag: "RevokeEntry", subject, entryId, reason: "mistaken", revokedOn: dateOf(m.today) }
    case "RecordStatutoryBar":
      return {
        _tag: "RecordStatutoryBar",
        subject,
        barId: `B${m.bars.length + 1}`,
        article: "ALL Art 78",
        baseCode: baseCodes[index % 2]!,
        source: sourceFor(index),
        reason: "false materials",
        effectiveOn: dateOf(m.today),
      }
    case "AnnulStatutoryBar":
      return {
        _tag: "AnnulStatutoryBar",
        subject,
        barId: m.bars[index % Math.max(1, m.bars.length)]?.id ?? "B0",
        reason: "set aside",
        annulledOn: dateOf(m.today),
      }
  }
}
export const commandTags: ReadonlyArray<CreditRecord.Command["_tag"]> = [
  "RecordEntry",
  "RepairEntry",
  "RevokeEntry",
  "RecordStatutoryBar",
  "AnnulStatutoryBar",
]
