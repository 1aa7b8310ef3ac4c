import { fc, test } from "@fast-check/vitest"
import type { Schema } from "effect"
import { describe, expect, it } from "vitest"
import { type EventEnvelope, Upcaster } from "../src/index.ts"

// Step n appends n to `steps`, so the data records exactly which steps ran, in which order.
const chain = (from: number, to: number): Upcaster.Upcasters[string] =>
  Object.fromEntries(
    Array.from({ length: to - from }, (_, i) => {
      const version = from + i
      return [version, (data: Schema.Json) => ({ steps: [...(data as { steps: Array<number> }).steps, version] })]
    }),
  )

const recorded = (type: string, schemaVersion: number): EventEnvelope.RecordedEvent => ({
  eventId: "0190f0c8-8d6b-7c3e-9a51-6f2b0e8c1d2a",
  type,
  schemaVersion,
  data: { steps: [] },
  metadata: {
    commandId: "c",
    correlationId: "c",
    causationId: "c",
    actor: { id: "a", roles: ["system"] },
    occurredAt: "2026-09-24T01:30:00.000Z",
  },
  stream: "test-1",
  streamVersion: 1,
  globalPosition: 1,
  recordedAt: "2026-09-24T01:30:00.000Z",
})

describe("Upcaster", () => {
  test.prop([fc.integer({ min: 1, max: 5 }), fc.integer({ min: 0, max: 6 }), fc.integer({ min: 1, max: 12 })])(
    "lifts from the stored version through every step of the chain, once each, in order",
    (first, length, stored) => {
      const upcasters = { Renamed: chain(first, first + length) }
      const event = Upcaster.upcast(upcasters, recorded("Renamed", stored))
      const inChain = stored >= first && stored < first + length
      const steps = inChain ? Array.from({ length: first + length - stored }, (_, i) => stored + i) : []
      expect(event.data).toEqual({ steps })
      expect(event.schemaVersion).toBe(inChain ? first + length : stored)
    },
  )

  test.prop([fc.constantFrom("Other", "constructor", "toString", "__proto__", "hasOwnProperty")])(
    "leaves events without an upcaster (including names on Object.prototype) untouched",
    (type) => {
      const event = recorded(type, 1)
      expect(Upcaster.upcast({ Renamed: chain(1, 3) }, event)).toBe(event)
      expect(Upcaster.upcast(Upcaster.none, event)).toBe(event)
    },
  )

  it("does not rewrite the stored event", () => {
    const event = recorded("Renamed", 1)
    const lifted = Upcaster.upcast({ Renamed: chain(1, 2) }, event)
    expect(lifted).not.toBe(event)
    expect(event.data).toEqual({ steps: [] })
    expect(event.schemaVersion).toBe(1)
  })
})
