/**
 * Event ids draw their random bytes from a pool (`internal/randomPool.ts`) that asks the platform
 * for 4 KiB at a time: every byte is handed out once, as the caller's own array, and the ids stay
 * as random as before.
 */
import { Effect } from "effect"
import { TestClock } from "effect/testing"
import { describe, expect, it } from "vitest"
import { EventEnvelope } from "../src/index.ts"
import { makeRandomPool } from "../src/internal/randomPool.ts"

/** A fill that writes a running count, so every byte it ever makes is known and distinct mod 256 per call. */
const countingFill = () => {
  let next = 0
  let calls = 0
  return {
    fill: (bytes: Uint8Array) => {
      calls++
      for (let i = 0; i < bytes.length; i++) bytes[i] = next++ & 0xff
      return bytes
    },
    calls: () => calls,
  }
}

describe("makeRandomPool", () => {
  it("hands out each byte of a fill once, in order, refilling when a request does not fit", () => {
    const source = countingFill()
    const draw = makeRandomPool(source.fill, 64)
    const drawn: Array<number> = []
    for (let i = 0; i < 8; i++) drawn.push(...draw(16))
    // 64 bytes per fill, 4 requests of 16 each: two fills, bytes 0 … 127 in order.
    expect(source.calls()).toBe(2)
    expect(drawn).toEqual(Array.from({ length: 128 }, (_, i) => i))
    // 10 bytes do not fit in the 0 left after 4 × 16: a new fill, its first 10 bytes.
    draw(10)
    draw(50)
    expect(source.calls()).toBe(3)
    expect([...draw(10)]).toEqual(Array.from({ length: 10 }, (_, i) => (192 + i) & 0xff))
  })

  it("gives the caller its own array and keeps no copy of what it handed out", () => {
    const source = countingFill()
    const draw = makeRandomPool(source.fill, 64)
    const first = draw(16)
    first.fill(0xee)
    expect([...draw(16)]).toEqual(Array.from({ length: 16 }, (_, i) => 16 + i))
    expect(first.buffer.byteLength).toBe(16)
  })

  it("fills a request larger than the pool on its own", () => {
    const source = countingFill()
    const draw = makeRandomPool(source.fill, 64)
    expect(draw(100).length).toBe(100)
    expect(source.calls()).toBe(1)
  })
})

describe("makeEventId", () => {
  it("makes ids whose random bits differ across milliseconds and across refills of the pool", async () => {
    // 1,000 ids, one per millisecond: each new millisecond reseeds the UUIDv7 counter from fresh bytes,
    // so bytes 8 … 15 (62 random bits) must differ between all of them; 1,000 ids take 4 refills.
    const ids = await Effect.runPromise(
      Effect.forEach(Array.from({ length: 1000 }), (_, i) =>
        Effect.andThen(TestClock.setTime(1_790_000_000_000 + i), EventEnvelope.makeEventId),
      ).pipe(Effect.provide(TestClock.layer())),
    )
    const tails = new Set(ids.map((id) => id.replaceAll("-", "").slice(16)))
    expect(tails.size).toBe(1000)
    expect(new Set(ids).size).toBe(1000)
    for (const id of ids) expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/)
  })
})
