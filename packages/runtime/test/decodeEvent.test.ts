/**
 * `Loader.decodeEvent` keeps the decoding of an event the store hands out frozen (the in-memory
 * store's objects, which cannot change) and decodes everything else afresh: the kept event is the
 * same frozen value on every load, per schema.
 */
import { Result } from "effect"
import { describe, expect, it } from "vitest"
import { Aggregates, Loader, RuntimeStore } from "../src/index.ts"
import { onDay, publishMatter, submitCase, successOf } from "./support.ts"

const storedSubmission = async () => {
  const storage = RuntimeStore.makeMemoryStorage()
  successOf(await onDay(storage, "2026-09-01", publishMatter()))
  successOf(await onDay(storage, "2026-09-24", submitCase("D-1")))
  return storage.events.streams.get("application-D-1")![0]!
}

describe("decoding stored events", () => {
  it("a frozen stored event is decoded once per schema; its decoding is frozen and handed out again", async () => {
    const stored = await storedSubmission()
    expect(Object.isFrozen(stored.data)).toBe(true)
    const first = Result.getOrThrow(Loader.decodeEvent(Aggregates.application, stored))
    const again = Result.getOrThrow(Loader.decodeEvent(Aggregates.application, stored))
    expect(again).toBe(first)
    expect(Object.isFrozen(first)).toBe(true)
    // Another aggregate with another schema decodes it itself (and refuses what it does not know).
    const other = { ...Aggregates.application, eventSchema: Aggregates.licence.eventSchema }
    expect(Result.isFailure(Loader.decodeEvent(other as never, stored))).toBe(true)
  })

  it("an event that is not frozen (a row read afresh, an opened or upcast event) is decoded every time", async () => {
    const stored = await storedSubmission()
    const fresh = JSON.parse(JSON.stringify(stored))
    const first = Result.getOrThrow(Loader.decodeEvent(Aggregates.application, fresh))
    const again = Result.getOrThrow(Loader.decodeEvent(Aggregates.application, fresh))
    expect(again).not.toBe(first)
    expect(again).toEqual(first)
    // Its data changed in place: the next decoding sees the change.
    fresh.data.caseNo = "D-2"
    expect(Result.getOrThrow(Loader.decodeEvent(Aggregates.application, fresh))).toMatchObject({ caseNo: "D-2" })
  })

  it("a load of the stream gives the same state with the kept decodings", async () => {
    const storage = RuntimeStore.makeMemoryStorage()
    successOf(await onDay(storage, "2026-09-01", publishMatter()))
    successOf(await onDay(storage, "2026-09-24", submitCase("D-3")))
    const load = () => onDay(storage, "2026-09-24", Loader.load(Aggregates.application, "D-3"))
    const first = successOf(await load())
    const again = successOf(await load())
    expect(again.state).toEqual(first.state)
  })
})
