/**
 * Holiday notices adopted in the store: checked before anything is written, adopted once, read by
 * every runtime opened afterwards, and the open timers re-planned on them.
 */
import { Effect } from "effect"
import { describe, expect, it } from "vitest"
import { createYiciban, HolidayNotices, Replan, RuntimeStore } from "../src/index.ts"
import { morningOf } from "./fixtures.ts"
import { notice2027 } from "./replanFixtures.ts"
import { publishMatter, submitCase } from "./support.ts"

const timersOf = Effect.flatMap(RuntimeStore.RuntimeStore, (store) => store.timers("all"))

describe("HolidayNotices", () => {
  it("an invalid notice is InvalidNotice and writes nothing; a valid one is adopted once", async () => {
    const storage = RuntimeStore.makeMemoryStorage()
    const yiciban = await createYiciban({ store: RuntimeStore.memory(storage) })
    await expect(
      yiciban.run(HolidayNotices.adopt({ ...notice2027, holidays: ["2027-01-01"] }, "ops")),
    ).rejects.toMatchObject({ _tag: "InvalidNotice" })
    expect(storage.events.events).toHaveLength(0)
    expect(await yiciban.run(HolidayNotices.adopt(notice2027, "ops"))).toBe(true)
    expect(await yiciban.run(HolidayNotices.adopt(notice2027, "ops"))).toBe(false)
    expect(await yiciban.run(HolidayNotices.adopted)).toEqual([notice2027])
    expect(storage.events.events.map((e) => [e.stream, e.type])).toEqual([["calendar-notices", "HolidayNoticeAdopted"]])
    await yiciban.close()
  })

  it("a runtime opened after the adoption judges on the notice; re-planning takes the provisional mark off", async () => {
    const storage = RuntimeStore.makeMemoryStorage()
    const now = () => morningOf("2026-12-28")
    const before = await createYiciban({ store: RuntimeStore.memory(storage), now })
    await before.run(publishMatter())
    await before.run(submitCase("NY-1"))
    const provisional = await before.run(timersOf)
    expect(provisional.length).toBeGreaterThan(0)
    expect(provisional.every((timer) => timer.provisional)).toBe(true)
    await before.run(HolidayNotices.adopt(notice2027, "ops"))
    await before.close()

    const after = await createYiciban({ store: RuntimeStore.memory(storage), now })
    const report = await after.run(Replan.replan({ aggregates: after.aggregates.map((facade) => facade.aggregate) }))
    expect(report.replanned.map((r) => r.stream)).toEqual(["application-NY-1"])
    const official = await after.run(timersOf)
    expect(official.filter((timer) => timer.status === "pending").every((timer) => !timer.provisional)).toBe(true)
    // The runtime opened before the adoption re-plans nothing back: the calendar is read on start.
    expect(
      (await after.run(Replan.replan({ aggregates: after.aggregates.map((f) => f.aggregate) }))).replanned,
    ).toEqual([])
    await after.close()
  })
})
