/**
 * Arbitraries for the `CreditRecord` property tests: subjects, and histories built by deciding a
 * random sequence of intents against the decider (rejected ones are skipped), so that every
 * history is one the aggregate could really have produced.
 */
import { fc } from "@fast-check/vitest"
import { Result } from "effect"
import { CreditRecord, Decider } from "../../../src/index.ts"
import { validResidentIdNumber, validUnifiedSocialCreditCode } from "../../arbitraries/identityCode.ts"
import { dateOf, dayOf, decider, kinds, sourceFor, startDay } from "./model.ts"

export const subject: fc.Arbitrary<CreditRecord.CreditSubjectInput> = fc.oneof(
  validUnifiedSocialCreditCode.map((code) => ({ kind: "enterprise" as const, code })),
  validResidentIdNumber.map((code) => ({ kind: "person" as const, code })),
)

type Intent =
  | {
      readonly _tag: "record"
      readonly kind: CreditRecord.EntryKind
      readonly seed: number
      readonly offset: number
      readonly length: number | null
    }
  | { readonly _tag: "repair"; readonly index: number; readonly offset: number }
  | { readonly _tag: "revoke"; readonly index: number; readonly back: number }
  | { readonly _tag: "advance"; readonly days: number }

export const recordIntent = fc.record({
  _tag: fc.constant("record" as const),
  kind: fc.constantFrom(...kinds),
  seed: fc.nat({ max: 40 }),
  offset: fc.integer({ min: -400, max: 200 }),
  length: fc.option(fc.integer({ min: -3, max: 800 }), { nil: null }),
})

const intent: fc.Arbitrary<Intent> = fc.oneof(
  { weight: 4, arbitrary: recordIntent },
  {
    weight: 2,
    arbitrary: fc.record({
      _tag: fc.constant("repair" as const),
      index: fc.nat({ max: 20 }),
      offset: fc.integer({ min: -30, max: 400 }),
    }),
  },
  {
    weight: 1,
    arbitrary: fc.record({
      _tag: fc.constant("revoke" as const),
      index: fc.nat({ max: 20 }),
      back: fc.nat({ max: 60 }),
    }),
  },
  { weight: 2, arbitrary: fc.record({ _tag: fc.constant("advance" as const), days: fc.nat({ max: 200 }) }) },
)

/** The command an intent stands for on a record, on day `today`, or undefined for time passing. */
export const commandOf = (
  who: CreditRecord.CreditSubjectInput,
  state: CreditRecord.State,
  today: number,
  step: Intent,
): CreditRecord.Command | undefined => {
  const nth = (index: number) => state.entries[index % Math.max(1, state.entries.length)]
  switch (step._tag) {
    case "record": {
      const effective = today + step.offset
      return {
        _tag: "RecordEntry",
        subject: who,
        entryId: `E${step.seed}`,
        kind: step.kind,
        source: sourceFor(step.seed),
        reason: `finding ${step.seed}`,
        effectiveOn: dateOf(effective),
        ...(step.length === null ? {} : { expiresOn: dateOf(effective + step.length) }),
      }
    }
    case "repair": {
      const entry = nth(step.index)
      if (entry === undefined) return undefined
      return {
        _tag: "RepairEntry",
        subject: who,
        entryId: entry.id,
        reason: "repaired",
        repairedOn: dateOf(Math.min(today, dayOf(entry.effectiveOn) + step.offset)),
      }
    }
    case "revoke": {
      const entry = nth(step.index)
      if (entry === undefined) return undefined
      return {
        _tag: "RevokeEntry",
        subject: who,
        entryId: entry.id,
        reason: "mistaken",
        revokedOn: dateOf(today - step.back),
      }
    }
    case "advance":
      return undefined
  }
}

export interface History {
  readonly subject: CreditRecord.CreditSubjectInput
  /** The state after each accepted command, in order (the first is the initial state). */
  readonly states: ReadonlyArray<CreditRecord.State>
  readonly events: ReadonlyArray<CreditRecord.Event>
  readonly state: CreditRecord.State
  readonly today: number
}

const supervisorOn = (today: number): Decider.CommandContext => ({
  now: `${dateOf(today)}T04:00:00.000Z`,
  actor: { id: "supervisor-3", roles: ["supervisor"] },
  facts: {},
})

/** Decides the intents one by one, keeping what the decider accepts. */
export const play = (who: CreditRecord.CreditSubjectInput, intents: ReadonlyArray<Intent>): History => {
  let state = CreditRecord.initialState
  let today = startDay
  const states = [state]
  const events: Array<CreditRecord.Event> = []
  for (const step of intents) {
    if (step._tag === "advance") {
      today += step.days
      continue
    }
    const command = commandOf(who, state, today, step)
    if (command === undefined) continue
    const outcome = Decider.run(decider, state, command, supervisorOn(today))
    if (Result.isFailure(outcome) || outcome.success.events.length === 0) continue
    events.push(...outcome.success.events)
    state = outcome.success.state
    states.push(state)
  }
  return { subject: who, states, events, state, today }
}

export const history: fc.Arbitrary<History> = fc
  .tuple(subject, fc.array(intent, { maxLength: 30, size: "max" }))
  .map(([who, intents]) => play(who, intents))

/** Every day on which some entry's standing may change, with its neighbours. */
export const boundaryDays = (state: CreditRecord.State): Array<number> => {
  const days = new Set<number>()
  for (const e of state.entries) {
    for (const d of [dayOf(e.effectiveOn), dayOf(e.expiresOn)]) for (const n of [d - 1, d, d + 1]) days.add(n)
    if (e.repair !== null) for (const n of [-1, 0]) days.add(dayOf(e.repair.repairedOn) + n)
  }
  return [...days]
}
