import { fc, test } from "@fast-check/vitest"
import { EventChain, type EventStore } from "@yiciban/eventstore"
import { describe, expect, it } from "vitest"
import { SupervisionExport } from "../src/index.ts"

const key = { id: "test-2026-12", secret: "k".repeat(32) }
const streams = ["application-A1", "application-A2", "rating-A1.online", "matter-M1"]

/** A log of `n` events over four streams, in global order. */
const logOf = (n: number): ReadonlyArray<EventStore.RecordedEvent> => {
  const versions = new Map<string, number>()
  return Array.from({ length: n }, (_, i) => {
    const stream = streams[(i * 7) % streams.length]!
    const version = (versions.get(stream) ?? 0) + 1
    versions.set(stream, version)
    return {
      eventId: `0190f0c8-8d6b-7c3e-9a51-${String(i).padStart(12, "0")}`,
      type: i % 3 === 0 ? "ApplicationSubmitted" : "RatingGiven",
      schemaVersion: 1,
      data: {
        caseNo: `A${i}`,
        applicant: { "~sealed": "aes-256-gcm", subject: "ab12", data: "Zm9v", erased: null },
        note: "430102199003077716",
      },
      metadata: {
        commandId: `c${i}`,
        correlationId: `c${i}`,
        causationId: `c${i}`,
        actor: { id: "clerk-1", roles: ["windowClerk"] },
        occurredAt: "2026-09-24T01:30:00.000Z",
      },
      stream,
      streamVersion: version,
      globalPosition: i + 1,
      recordedAt: `2026-09-24T01:30:${String(i % 60).padStart(2, "0")}.000Z`,
    } as unknown as EventStore.RecordedEvent
  })
}

const exported = (n: number, batchSize: number): Array<string> => {
  const exporter = SupervisionExport.makeExporter({ key, exportedAt: "2026-12-02T00:00:00.000Z", batchSize })
  return [...logOf(n).flatMap(exporter.add), ...exporter.finish()]
}

describe("the supervision export", () => {
  it("verifies intact, masks sealed fields and identity numbers, seals batches", () => {
    const lines = exported(25, 10)
    expect(lines.filter((l) => l.includes('"kind":"head"'))).toHaveLength(3)
    expect(lines.join("\n")).not.toContain("Zm9v")
    expect(lines.join("\n")).not.toContain("430102199003077716")
    expect(lines[0]).toContain('"~masked":"ab12"')
    const report = SupervisionExport.verify(lines, key)
    expect(report).toEqual({ records: 25, batches: 3, problems: [] })
  })

  it("refuses a short key and fails with another key", () => {
    expect(() => SupervisionExport.verify([], { id: "x", secret: "short" })).toThrow(/at least 32/)
    const report = SupervisionExport.verify(exported(5, 10), { id: key.id, secret: "z".repeat(32) })
    expect(report.problems.map((p) => p._tag)).toContain("BadHead")
  })
})

type Tamper =
  | { readonly kind: "alterField"; readonly at: number; readonly field: string }
  | { readonly kind: "alterAndRehash"; readonly at: number }
  | { readonly kind: "remove"; readonly at: number }
  | { readonly kind: "duplicate"; readonly at: number; readonly to: number }
  | { readonly kind: "forge"; readonly to: number }
  | { readonly kind: "swap"; readonly at: number; readonly with: number }
  | { readonly kind: "move"; readonly at: number; readonly to: number }
  | { readonly kind: "removeHead"; readonly at: number }
  | { readonly kind: "alterHead"; readonly at: number; readonly field: string }
  | { readonly kind: "truncate"; readonly keep: number }

const recordFields = [
  "data",
  "metadata",
  "type",
  "recordedAt",
  "stream",
  "streamVersion",
  "eventId",
  "seq",
  "previous",
  "hash",
]
const headFields = ["count", "lastSeq", "digest", "final", "batch", "exportedAt"]

const tamper = (arb: fc.Arbitrary<number>) =>
  fc.oneof(
    fc.record({ kind: fc.constant("alterField" as const), at: arb, field: fc.constantFrom(...recordFields) }),
    fc.record({ kind: fc.constant("alterAndRehash" as const), at: arb }),
    fc.record({ kind: fc.constant("remove" as const), at: arb }),
    fc.record({ kind: fc.constant("duplicate" as const), at: arb, to: arb }),
    fc.record({ kind: fc.constant("forge" as const), to: arb }),
    fc.record({ kind: fc.constant("swap" as const), at: arb, with: arb }),
    fc.record({ kind: fc.constant("move" as const), at: arb, to: arb }),
    fc.record({ kind: fc.constant("removeHead" as const), at: arb }),
    fc.record({ kind: fc.constant("alterHead" as const), at: arb, field: fc.constantFrom(...headFields) }),
    fc.record({ kind: fc.constant("truncate" as const), keep: arb }),
  )

const changed = (value: unknown): unknown =>
  typeof value === "number"
    ? value + 1
    : typeof value === "boolean"
      ? !value
      : typeof value === "string"
        ? `${value}x`
        : { ...(value as object), tampered: true }

/** Applies a tamper; returns the lines and the seq it targets (if a record), or undefined when it changes nothing. */
const apply = (lines: ReadonlyArray<string>, t: Tamper): { lines: Array<string>; seq?: number } | undefined => {
  const out = [...lines]
  const records = out.flatMap((l, i) => (l.includes('"kind":"record"') ? [i] : []))
  const heads = out.flatMap((l, i) => (l.includes('"kind":"head"') ? [i] : []))
  const pick = (xs: ReadonlyArray<number>, n: number) => xs[n % xs.length]!
  const seqAt = (i: number) => JSON.parse(out[i]!).seq as number
  switch (t.kind) {
    case "alterField": {
      const i = pick(records, t.at)
      const r = JSON.parse(out[i]!)
      r[t.field] = changed(r[t.field])
      out[i] = JSON.stringify(r)
      return { lines: out, seq: seqAt(i) === r.seq ? r.seq : JSON.parse(lines[i]!).seq }
    }
    case "alterAndRehash": {
      // an attacker without the key: changes the data and recomputes a plausible hash
      const i = pick(records, t.at)
      const r = JSON.parse(out[i]!)
      r.data = { ...r.data, amount: 1 }
      r.hash = EventChain.link(r.previous, {
        ...r,
        data: JSON.stringify(r.data),
        metadata: JSON.stringify(r.metadata),
      })
      out[i] = JSON.stringify(r)
      return { lines: out, seq: r.seq }
    }
    case "remove": {
      const i = pick(records, t.at)
      const seq = seqAt(i)
      out.splice(i, 1)
      return { lines: out, seq }
    }
    case "duplicate": {
      const i = pick(records, t.at)
      out.splice(pick(records, t.to) + 1, 0, out[i]!)
      return { lines: out, seq: seqAt(i) }
    }
    case "forge": {
      const i = pick(records, t.to)
      const r = JSON.parse(out[i]!)
      out.splice(i + 1, 0, JSON.stringify({ ...r, seq: r.seq + 1, eventId: "forged", tag: "0".repeat(32) }))
      return { lines: out, seq: r.seq + 1 }
    }
    case "swap": {
      const i = pick(records, t.at)
      const j = pick(records, t.with)
      if (i === j) return undefined
      ;[out[i], out[j]] = [out[j]!, out[i]!]
      return { lines: out, seq: Math.min(seqAt(i), seqAt(j)) }
    }
    case "move": {
      const i = pick(records, t.at)
      const j = pick(records, t.to)
      if (i === j) return undefined
      const [line] = out.splice(i, 1)
      out.splice(j, 0, line!)
      if (out.every((l, k) => l === lines[k])) return undefined
      return { lines: out, seq: JSON.parse(line!).seq }
    }
    case "removeHead":
      out.splice(pick(heads, t.at), 1)
      return { lines: out }
    case "alterHead": {
      const i = pick(heads, t.at)
      const h = JSON.parse(out[i]!)
      h[t.field] = changed(h[t.field])
      out[i] = JSON.stringify(h)
      return { lines: out }
    }
    case "truncate": {
      const keep = t.keep % out.length
      return { lines: out.slice(0, keep) }
    }
  }
}

const names = (p: SupervisionExport.Problem): ReadonlyArray<number> =>
  p._tag === "Removed"
    ? Array.from({ length: p.upTo - p.seq + 1 }, (_, k) => p.seq + k)
    : "seq" in p
      ? [p.seq, ...(p._tag === "Reordered" ? [p.after] : [])]
      : []

const tried = new Map<string, number>()
const patterns = new Set<string>()
const base = exported(40, 9)

test.prop([tamper(fc.nat({ max: 1000 }))], { numRuns: 800 })(
  "verify catches every tampering of an export and names the record it touched",
  (t) => {
    const tampered = apply(base, t)
    fc.pre(tampered !== undefined)
    tried.set(t.kind, (tried.get(t.kind) ?? 0) + 1)
    patterns.add(JSON.stringify(t))
    const report = SupervisionExport.verify(tampered!.lines, key)
    expect(report.problems.length).toBeGreaterThan(0)
    const seq = tampered!.seq
    if (seq !== undefined && t.kind !== "forge") {
      // the record touched is named by some problem (a removed last record: by its batch head)
      const named =
        report.problems.some((p) => names(p).includes(seq)) || report.problems.some((p) => p._tag === "BadHead")
      expect(named, JSON.stringify(report.problems)).toBe(true)
    }
    if (t.kind === "alterField" || t.kind === "alterAndRehash") {
      expect(report.problems.some((p) => (p._tag === "Altered" || p._tag === "Inserted") && names(p).length > 0)).toBe(
        true,
      )
    }
  },
)

it("tried every kind of tampering, and reports how many patterns", () => {
  console.log(
    `supervision export: ${patterns.size} distinct tampering patterns tried, all caught:\n${[...tried.entries()]
      .sort()
      .map(([k, n]) => `  ${k.padEnd(16)} ${n}`)
      .join("\n")}`,
  )
  expect(tried.size).toBe(10)
})
