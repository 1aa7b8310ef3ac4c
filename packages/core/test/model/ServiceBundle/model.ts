/**
 * The model of the `ServiceBundle` lifecycle, simpler than the aggregate: a phase, a version count
 * and what the open draft lacks. No members, no notice, no merge.
 */
import type { fc } from "@fast-check/vitest"
import { Result } from "effect"
import { expect } from "vitest"
import { Decider, ServiceBundle } from "../../../src/index.ts"

export const bundleId = "CS-KBCYD"
export const now = "2026-09-24T01:30:00.000Z"
export const admin: Decider.CommandContext = { now, actor: { id: "admin", roles: ["catalogueAdmin"] }, facts: {} }

export interface BundleModel {
  phase: ServiceBundle.Phase
  versions: number
  draft: { readonly missing: ReadonlyArray<ServiceBundle.RequiredBundleElement> } | null
}

export interface BundleReal {
  state: ServiceBundle.State
}

export type BundleCommand = fc.Command<BundleModel, BundleReal>

export const initialModel = (): BundleModel => ({ phase: "new", versions: 0, draft: null })

// Named predicates over the model
export const isNew = (m: BundleModel): boolean => m.phase === "new"
export const isAbolished = (m: BundleModel): boolean => m.phase === "abolished"
export const isLive = (m: BundleModel): boolean => !isNew(m) && !isAbolished(m)
export const hasOpenDraft = (m: BundleModel): boolean => m.draft !== null
export const draftIsPublishable = (m: BundleModel): boolean => m.draft !== null && m.draft.missing.length === 0
export const wasPublished = (m: BundleModel): boolean => m.versions > 0
export const isRunning = (m: BundleModel): boolean => m.phase === "published"
export const isSuspended = (m: BundleModel): boolean => m.phase === "suspended"

/** The rejection every command except DraftBundle gets from the lifecycle guards, if any. */
export const lifecycleRejection = (m: BundleModel): ServiceBundle.Rejection | undefined =>
  isAbolished(m)
    ? { _tag: "BundleAlreadyAbolished", bundleId }
    : isNew(m)
      ? { _tag: "UnknownBundle", bundleId }
      : undefined

export const runCounts = new Map<string, number>()
export const count = (name: string): void => {
  runCounts.set(name, (runCounts.get(name) ?? 0) + 1)
}

/** The real state agrees with the model. */
export const settle = (m: BundleModel, r: BundleReal): void => {
  expect(r.state.phase).toBe(m.phase)
  expect(r.state.versions.length).toBe(m.versions)
  expect(r.state.draft !== null).toBe(m.draft !== null)
}

/** Decides the command, expects acceptance, applies the events and checks every state invariant. */
export const accept = (r: BundleReal, command: ServiceBundle.Command): ReadonlyArray<ServiceBundle.Event> => {
  const outcome = ServiceBundle.decide(command, r.state, admin)
  if (Result.isFailure(outcome)) {
    throw new Error(`expected ${command._tag} to be accepted, got ${JSON.stringify(outcome.failure)}`)
  }
  const before = r.state
  r.state = Decider.fold(ServiceBundle.decider, outcome.success, before)
  for (const [name, holds] of ServiceBundle.stateInvariants) expect(holds(r.state), name).toBe(true)
  for (const [index, version] of before.versions.entries()) expect(r.state.versions[index]).toBe(version)
  return outcome.success
}

/** Decides the command and expects exactly this rejection, with the state untouched. */
export const rejectExactly = (
  m: BundleModel,
  r: BundleReal,
  command: ServiceBundle.Command,
  expected: ServiceBundle.Rejection,
  context: Decider.CommandContext = admin,
): void => {
  const outcome = ServiceBundle.decide(command, r.state, context)
  expect(Result.isFailure(outcome) ? outcome.failure : { accepted: outcome.success }).toEqual(expected)
  settle(m, r)
}
