import { fc, test } from "@fast-check/vitest"
import { Result, Schema } from "effect"
import { expect } from "vitest"
import { CreditRecord, Decider } from "../src/index.ts"
import { boundaryDays, commandOf, history, recordIntent } from "./model/CreditRecord/arbitraries.ts"
import { barring, dateOf, dayOf, decider } from "./model/CreditRecord/model.ts"

const numRuns = 1000

const barringIds = (state: CreditRecord.State, day: number): Array<string> =>
  CreditRecord.standing(state, dateOf(day)).reasons.map((reason) => reason.entryId)

test.prop([history.filter((h) => h.state.entries.length > 0)], { numRuns })(
  "an expired, repaired or revoked entry no longer bars; an entry of a barring kind in its period bars",
  (h) => {
    for (const d of boundaryDays(h.state)) {
      const barred = new Set(barringIds(h.state, d))
      for (const e of h.state.entries) {
        const expired = d > dayOf(e.expiresOn)
        const repaired = e.repair !== null && d >= dayOf(e.repair.repairedOn)
        const inPeriod = dayOf(e.effectiveOn) <= d && !expired
        const shouldBar = barring.has(e.kind) && inPeriod && !repaired && e.revocation === null
        expect(barred.has(e.id), `${e.id} on ${dateOf(d)}`).toBe(shouldBar)
        expect(CreditRecord.barsCommitment(e, dateOf(d))).toBe(shouldBar)
      }
    }
  },
)

test.prop([history, recordIntent], { numRuns })(
  "standing is monotone: recording an entry never makes a subject less barred on any day; repairing or revoking never makes it more barred",
  (h, intent) => {
    const check = (before: CreditRecord.State, after: CreditRecord.State, more: boolean) => {
      for (const d of boundaryDays(after)) {
        const [less, greater] = more
          ? [barringIds(before, d), barringIds(after, d)]
          : [barringIds(after, d), barringIds(before, d)]
        expect(greater, `on ${dateOf(d)}`).toEqual(expect.arrayContaining(less))
      }
    }
    // every step of the history, and one more recording at its end
    h.states.forEach((after, i) => {
      if (i === 0 || after.subject === null) return
      const before = h.states[i - 1]!
      check(
        before.subject === null ? CreditRecord.initialFor(after.subject) : before,
        after,
        after.entries.length > before.entries.length,
      )
    })
    const command = commandOf(h.subject, h.state, h.today, intent)!
    const outcome = Decider.run(decider, h.state, command, {
      now: `${dateOf(h.today)}T04:00:00.000Z`,
      actor: { id: "pm", roles: ["system"] },
      facts: {},
    })
    if (Result.isSuccess(outcome)) {
      check(h.state.subject === null ? CreditRecord.initialFor(h.subject) : h.state, outcome.success.state, true)
    }
  },
)

const encode = Schema.encodeSync(CreditRecord.Event)
const decode = Schema.decodeUnknownSync(CreditRecord.Event)
const encodeStanding = Schema.encodeSync(CreditRecord.CreditStanding)
const decodeStanding = Schema.decodeUnknownSync(CreditRecord.CreditStanding)

test.prop([history], { numRuns })(
  "every event, and every standing, survives a Schema encode → JSON → decode round trip",
  (h) => {
    for (const event of h.events) expect(decode(JSON.parse(JSON.stringify(encode(event))))).toEqual(event)
    if (h.state.subject !== null) {
      for (const d of boundaryDays(h.state)) {
        const fact = CreditRecord.standing(h.state, dateOf(d))
        expect(decodeStanding(JSON.parse(JSON.stringify(encodeStanding(fact))))).toEqual(fact)
      }
    }
  },
)

test.prop([history, fc.nat()], { numRuns })(
  "replay reproduces the state: folding the stored events from the start, or from a snapshot, gives the state the commands produced",
  (h, cut) => {
    const stored = h.events.map((event) => JSON.parse(JSON.stringify(encode(event))))
    const replayed = Decider.fold(
      CreditRecord.decider,
      stored.map((e) => decode(e)),
    )
    expect(replayed).toEqual(h.state)
    const at = h.events.length === 0 ? 0 : cut % (h.events.length + 1)
    const snapshot = Decider.fold(decider, h.events.slice(0, at))
    expect(Decider.fold(decider, h.events.slice(at), snapshot)).toEqual(h.state)
    expect(CreditRecord.consistent(replayed)).toBe(true)
  },
)
