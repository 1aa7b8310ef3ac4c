import { fc, test } from "@fast-check/vitest"
import { describe, expect } from "vitest"
import { EventOrder } from "../src/index.ts"

// A history built by a trivial model: appends of 1–3 events to one of three streams, positions
// increasing by random steps (a database sequence may skip numbers).
const historyArb = fc
  .array(fc.tuple(fc.nat(2), fc.integer({ min: 1, max: 3 }), fc.integer({ min: 1, max: 3 })), {
    minLength: 1,
    maxLength: 30,
  })
  .map((appends) => {
    const versions = [0, 0, 0]
    const events: Array<EventOrder.Ordered> = []
    let position = 0
    for (const [stream, size, step] of appends) {
      for (let i = 0; i < size; i++) {
        position += step
        versions[stream]! += 1
        events.push({
          eventId: `e${events.length}`,
          stream: `s-${stream}`,
          streamVersion: versions[stream]!,
          globalPosition: position,
        })
      }
    }
    return events
  })

describe("EventOrder", () => {
  test.prop([historyArb])("a history of appends is consistent", (events) => {
    expect(EventOrder.isConsistent(events)).toBe(true)
  })

  test.prop([historyArb, fc.nat(), fc.nat()])(
    "swapping the positions of two events of one stream breaks the stream order in the global order",
    (events, a, b) => {
      const i = a % events.length
      const sameStream = events.filter((e, j) => j !== i && e.stream === events[i]!.stream)
      fc.pre(sameStream.length > 0)
      const other = sameStream[b % sameStream.length]!
      const j = events.indexOf(other)
      const swapped = events.map((e, k) =>
        k === i
          ? { ...e, globalPosition: other.globalPosition }
          : k === j
            ? { ...e, globalPosition: events[i]!.globalPosition }
            : e,
      )
      expect(EventOrder.globalOrderRespectsStreamOrder(swapped)).toBe(false)
      expect(EventOrder.isConsistent(swapped)).toBe(false)
    },
  )

  test.prop([historyArb, fc.nat()])("losing an event that is not its stream's last leaves a gap", (events, a) => {
    const i = a % events.length
    const lost = events[i]!
    fc.pre(events.some((e) => e.stream === lost.stream && e.streamVersion > lost.streamVersion))
    const remaining = events.filter((_, k) => k !== i)
    expect(EventOrder.noGapsInStreamVersions(remaining)).toBe(false)
  })

  test.prop([historyArb, fc.nat()])("a duplicated event breaks uniqueness and the version sequence", (events, a) => {
    const twice = [...events, events[a % events.length]!]
    expect(EventOrder.eventIdsUnique(twice)).toBe(false)
    expect(EventOrder.noGapsInStreamVersions(twice)).toBe(false)
    expect(EventOrder.globalPositionsIncrease(twice)).toBe(false)
  })

  test.prop([historyArb, fc.nat()])("two events out of position order are detected", (events, a) => {
    fc.pre(events.length > 1)
    const i = a % (events.length - 1)
    const out = [...events]
    ;[out[i], out[i + 1]] = [out[i + 1]!, out[i]!]
    expect(EventOrder.globalPositionsIncrease(out)).toBe(false)
  })
})
