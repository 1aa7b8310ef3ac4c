import { PGlite } from "@electric-sql/pglite"
import { Effect } from "effect"
import { afterEach, describe, expect, it, vi } from "vitest"
import { holdingTheLoop } from "../src/internal/loopHold.ts"
import * as Pglite from "../src/pglite.ts"
import { temporaryDataDir } from "./support.ts"

/** The timers holding the event loop open now (what keeps Node's loop turning). */
const timers = () => process.getActiveResourcesInfo().filter((resource) => resource === "Timeout").length

describe("holdingTheLoop: a handle open while PGlite starts (the embedded start's idle wait)", () => {
  afterEach(() => {
    vi.restoreAllMocks()
  })

  it("holds one timer while the start is pending, and none once it has succeeded", async () => {
    const before = timers()
    let finish: (value: string) => void = () => {}
    const started = holdingTheLoop(() => new Promise<string>((resolve) => (finish = resolve)))
    expect(timers()).toBe(before + 1)
    finish("open")
    await expect(started).resolves.toBe("open")
    expect(timers()).toBe(before)
  })

  it("lets the timer go when the start fails, and fails with its error", async () => {
    const before = timers()
    const failure = new Error("the folder cannot be read")
    const started = holdingTheLoop(() => Promise.reject(failure))
    expect(timers()).toBe(before + 1)
    await expect(started).rejects.toBe(failure)
    expect(timers()).toBe(before)
  })

  it("lets the timer go when the start throws before it returns a promise", () => {
    const before = timers()
    const failure = new Error("bad options")
    expect(() =>
      holdingTheLoop(() => {
        throw failure
      }),
    ).toThrow(failure)
    expect(timers()).toBe(before)
  })

  it("is open while makePglite's PGlite.create runs, on a folder, and let go once the store is open", async () => {
    const folder = temporaryDataDir()
    const create = PGlite.create.bind(PGlite)
    const during: Array<number> = []
    vi.spyOn(PGlite, "create").mockImplementation(((...args: Parameters<typeof PGlite.create>) => {
      during.push(timers())
      return create(...args)
    }) as typeof PGlite.create)
    try {
      const before = timers()
      const version = await Effect.runPromise(
        Effect.scoped(Effect.map(Pglite.makePglite({ dataDir: folder.path }), (store) => store.schema)),
      )
      expect(version).toBe("yiciban")
      expect(during).toEqual([before + 1])
      // (PGlite's own timers, set and cleared while it runs, may take one of the test runner's along)
      expect(timers()).toBeLessThanOrEqual(before)
    } finally {
      folder.remove()
    }
  })
})
