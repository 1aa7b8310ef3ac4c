/**
 * The model of a bundle case, simpler than the aggregate: which merged materials are held, the
 * departments' proposals by material, whether the one notice went out and was answered, and the
 * children's outcomes. It knows nothing of schemas, events or the calendar.
 */
import type { fc } from "@fast-check/vitest"
import { Result } from "effect"
import { expect } from "vitest"
import { BundleApplication, type Decider, type PublishedMatter, type ServiceBundle } from "../../../src/index.ts"

export const caseNo = "YJS-2026-0001"
export const decider = BundleApplication.decider

export interface BundleModel {
  readonly bundle: ServiceBundle.PublishedBundle
  phase: BundleApplication.Phase
  /** Held merged materials, by the first code of their entry. */
  held: Set<string>
  /** Each member's proposed items: material key → problem. */
  proposals: Map<string, Map<string, "missing" | "defective">>
  notice: Map<string, "missing" | "defective"> | null
  resupplied: Set<string>
  children: Array<{ authority: string; outcome: string | null }>
  extended: boolean
}

export interface BundleReal {
  state: BundleApplication.State
  events: Array<BundleApplication.Event>
}

export type BundleCommand = fc.Command<BundleModel, BundleReal>

export const initialModel = (bundle: ServiceBundle.PublishedBundle): BundleModel => ({
  bundle,
  phase: "new",
  held: new Set(),
  proposals: new Map(),
  notice: null,
  resupplied: new Set(),
  children: [],
  extended: false,
})

/** The key of a material in the model: the first code of the merged entry it belongs to. */
export const keyOf = (m: BundleModel, code: string): string =>
  m.bundle.notice.materials.find((entry) => entry.codes.includes(code))!.codes[0]!

/** The mandatory materials of a member the model does not hold in good order. */
export const outstanding = (m: BundleModel, member: PublishedMatter.PublishedMatter): Array<string> =>
  member.materials
    .filter((r) => r.mandatory)
    .filter((r) => {
      const key = keyOf(m, r.code)
      return !m.held.has(key) || (m.notice?.get(key) === "defective" && !m.resupplied.has(key))
    })
    .map((r) => r.code)

export const runCounts = new Map<string, number>()
export const count = (name: string): void => {
  runCounts.set(name, (runCounts.get(name) ?? 0) + 1)
}

/** The real state agrees with the model and keeps every invariant. */
export const settle = (m: BundleModel, r: BundleReal): void => {
  expect(r.state.phase).toBe(m.phase)
  expect(r.state.children.map((c) => c.outcome?.result ?? null)).toEqual(m.children.map((c) => c.outcome))
  expect(r.state.clock?.extension !== null && r.state.clock !== null).toBe(m.extended)
  for (const [name, holds] of BundleApplication.stateInvariants) expect(holds(r.state), name).toBe(true)
  expect(BundleApplication.neverAskedAgain(r.events), "neverAskedAgain").toBe(true)
}

/** Decides the command, expects success, applies the events. */
export const succeed = (
  r: BundleReal,
  command: BundleApplication.Command,
  context: Decider.CommandContext,
): ReadonlyArray<BundleApplication.Event> => {
  const outcome = decider.decide(command, r.state, context)
  if (Result.isFailure(outcome)) throw new Error(`expected success, got ${JSON.stringify(outcome.failure)}`)
  r.state = outcome.success.reduce(decider.evolve, r.state)
  r.events.push(...outcome.success)
  return outcome.success
}

/** Decides the command and expects exactly this rejection (the state stays as it was). */
export const refuse = (
  r: BundleReal,
  command: BundleApplication.Command,
  context: Decider.CommandContext,
  expected: Partial<BundleApplication.Rejection> & { readonly _tag: BundleApplication.Rejection["_tag"] },
): void => {
  const outcome = decider.decide(command, r.state, context)
  if (Result.isSuccess(outcome)) throw new Error(`expected ${expected._tag}, got ${JSON.stringify(outcome.success)}`)
  expect(outcome.failure).toMatchObject(expected)
}
