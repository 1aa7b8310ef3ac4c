/**
 * The model of the `Matter` lifecycle, deliberately simpler than the aggregate: a phase, a version
 * count, whether a draft is open and what it lacks, and who handles the matter from which date.
 * No elements, no schemas, no rules over materials.
 */
import type { fc } from "@fast-check/vitest"
import { Result } from "effect"
import { expect } from "vitest"
import { CalendarDate, Decider, Matter } from "../../../src/index.ts"
import { authorities } from "../../arbitraries/matter.ts"

export const code = "11430100MB1A38544B-000101001000-01"
export const baseCode = "000101001000"
export const now = "2026-09-24T01:30:00.000Z"
export const today = CalendarDate.make("2026-09-24")
export const admin: Decider.CommandContext = { now, actor: { id: "admin", roles: ["catalogueAdmin"] }, facts: {} }

export interface MatterModel {
  phase: Matter.Phase
  versions: number
  draft: { readonly missing: ReadonlyArray<Matter.RequiredElement>; readonly authority: string } | null
  versionAuthority: string | null
  delegations: Array<{ readonly effectiveFrom: string; readonly to: string }>
}

export interface MatterReal {
  state: Matter.State
  events: Array<Matter.Event>
}

export type MatterCommand = fc.Command<MatterModel, MatterReal>

export const initialModel = (): MatterModel => ({
  phase: "new",
  versions: 0,
  draft: null,
  versionAuthority: null,
  delegations: [],
})

// ---------------------------------------------------------------------------------------------
// Named predicates over the model: every check() is built from these.
// ---------------------------------------------------------------------------------------------

export const isNew = (m: MatterModel): boolean => m.phase === "new"
export const isAbolished = (m: MatterModel): boolean => m.phase === "abolished"
/** Exists and is not abolished: commands other than DraftMatter get past the lifecycle guards. */
export const isLive = (m: MatterModel): boolean => !isNew(m) && !isAbolished(m)
export const hasOpenDraft = (m: MatterModel): boolean => m.draft !== null
export const draftIsPublishable = (m: MatterModel): boolean => m.draft !== null && m.draft.missing.length === 0
export const wasPublished = (m: MatterModel): boolean => m.versions > 0
export const isRunning = (m: MatterModel): boolean => m.phase === "published"
export const isSuspended = (m: MatterModel): boolean => m.phase === "suspended"
export const isOnlyDrafted = (m: MatterModel): boolean => m.phase === "drafted"

/** The credit code of whoever handles the matter on a date: the latest delegation in effect, else the latest version's authority. */
export const authorityOn = (m: MatterModel, date: string): string | null => {
  let best: { readonly effectiveFrom: string; readonly to: string } | undefined
  for (const d of m.delegations)
    if (d.effectiveFrom <= date && (best === undefined || d.effectiveFrom >= best.effectiveFrom)) best = d
  return best?.to ?? m.versionAuthority
}

/** The rejection every command except DraftMatter gets from the lifecycle guards, if any. */
export const lifecycleRejection = (m: MatterModel): Matter.Rejection | undefined =>
  isAbolished(m)
    ? { _tag: "MatterAlreadyAbolished", implementationCode: code }
    : isNew(m)
      ? { _tag: "UnknownMatter", implementationCode: code }
      : undefined

export const authorityByCode = (creditCode: string) => authorities.find((a) => a.creditCode === creditCode)!

// ---------------------------------------------------------------------------------------------
// Running commands against the real aggregate
// ---------------------------------------------------------------------------------------------

export const runCounts = new Map<string, number>()
export const count = (name: string): void => {
  runCounts.set(name, (runCounts.get(name) ?? 0) + 1)
}

const agrees = (m: MatterModel, r: MatterReal): void => {
  expect(r.state.phase).toBe(m.phase)
  expect(r.state.versions.length).toBe(m.versions)
  expect(r.state.draft !== null).toBe(m.draft !== null)
  expect(r.state.delegations.length).toBe(m.delegations.length)
}

const invariantsHold = (before: Matter.State, after: Matter.State): void => {
  for (const [name, holds] of Matter.stateInvariants) expect(holds(after), name).toBe(true)
  expect(Matter.publishedVersionsUnchanged(before, after), "publishedVersionsUnchanged").toBe(true)
}

/** Decides the command, expects acceptance, applies the events; the caller then updates the model. */
export const accept = (
  r: MatterReal,
  command: Matter.Command,
  context: Decider.CommandContext = admin,
): ReadonlyArray<Matter.Event> => {
  const before = r.state
  const outcome = Matter.decide(command, before, context)
  if (Result.isFailure(outcome)) {
    throw new Error(`expected ${command._tag} to be accepted, got ${JSON.stringify(outcome.failure)}`)
  }
  r.state = Decider.fold(Matter.decider, outcome.success, before)
  r.events.push(...outcome.success)
  invariantsHold(before, r.state)
  return outcome.success
}

/** Decides the command and expects exactly this rejection, with the state untouched. */
export const rejectExactly = (
  m: MatterModel,
  r: MatterReal,
  command: Matter.Command,
  expected: Matter.Rejection,
  context: Decider.CommandContext = admin,
): void => {
  const outcome = Matter.decide(command, r.state, context)
  expect(Result.isFailure(outcome) ? outcome.failure : { accepted: outcome.success }).toEqual(expected)
  agrees(m, r)
}

/** After the model is updated: the real state agrees with it. */
export const settle = (m: MatterModel, r: MatterReal): void => agrees(m, r)
