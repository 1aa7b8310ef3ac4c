/**
 * Durable timers on the in-memory runtime, driven by TestClock: the table follows the state
 * inline, the scheduler fires a due timer once, two schedulers never fire one twice.
 */
import { Effect } from "effect"
import { describe, expect, it } from "vitest"
import { Aggregates, CommandHandler, RuntimeStore, Scheduler } from "../src/index.ts"
import { system } from "../src/internal/system.ts"
import { clerk } from "./fixtures.ts"
import { onDay, publishMatter, submitCase, successOf } from "./support.ts"

const scheduler = { aggregates: Aggregates.all }
const timersOf = (storage: RuntimeStore.MemoryStorage, stream: string) =>
  [...storage.timers.values()].filter((t) => t.stream === stream)

describe("durable timers", () => {
  it("no correction notice in 5 working days: the timer deems the case accepted once, from the day of receipt", async () => {
    const storage = RuntimeStore.makeMemoryStorage()
    successOf(await onDay(storage, "2026-09-01", publishMatter()))
    successOf(await onDay(storage, "2026-09-24", submitCase("D-1")))
    // received Thursday 24 Sep; 中秋 25 Sep and 国庆 1–7 Oct do not count: the 5th working day is Fri 9 Oct
    expect(timersOf(storage, "application-D-1")).toEqual([
      expect.objectContaining({
        id: "application-D-1/DeemAccepted/2026-10-09",
        dueAt: "2026-10-09T16:00:00.000Z",
        status: "pending",
        command: { aggregate: "application", id: "D-1", command: { _tag: "DeemAccepted", caseNo: "D-1" } },
      }),
    ])
    expect(successOf(await onDay(storage, "2026-10-09", Scheduler.runDue(scheduler)))).toEqual([])
    const fired = successOf(await onDay(storage, "2026-10-10", Scheduler.runDue(scheduler)))
    expect(fired.map((f) => [f.timer.id, f.outcome])).toEqual([
      ["application-D-1/DeemAccepted/2026-10-09", "dispatched"],
    ])
    const events = storage.events.streams.get("application-D-1")!
    expect(events.map((e) => e.type)).toEqual(["ApplicationSubmitted", "ApplicationAccepted"])
    expect(events[1]!.data).toMatchObject({ basis: "deemed", acceptedOn: "2026-09-24", recordedOn: "2026-10-10" })
    expect(events[1]!.metadata).toMatchObject({
      commandId: "application-D-1/DeemAccepted/2026-10-09",
      actor: Scheduler.systemActor,
    })
    expect(
      successOf(await onDay(storage, "2026-10-12", Scheduler.runDue(scheduler))).map((f) => f.timer.notice),
    ).toEqual([])
    // accepted: the deemed-acceptance timer is fired, the clock's warnings are pending
    const timers = timersOf(storage, "application-D-1")
    expect(timers.find((t) => t.id.includes("DeemAccepted"))).toMatchObject({ status: "fired", outcome: "dispatched" })
    expect(timers.filter((t) => t.status === "pending").map((t) => t.id.split("/").slice(1, 3).join("/"))).toEqual([
      "warning/yellow",
      "warning/red",
      "warning/overdue",
    ])
  })

  it("a correction notice in time removes the deemed-acceptance timer inline", async () => {
    const storage = RuntimeStore.makeMemoryStorage()
    successOf(await onDay(storage, "2026-09-01", publishMatter()))
    successOf(await onDay(storage, "2026-09-24", submitCase("D-2", [{ code: "SP01", form: "paper" }])))
    successOf(
      await onDay(
        storage,
        "2026-09-28",
        CommandHandler.handle(
          Aggregates.application,
          "D-2",
          {
            _tag: "RequestCorrection",
            caseNo: "D-2",
            items: [
              { code: "SP02", problem: "missing", note: "营业执照" },
              { code: "SP03", problem: "missing", note: "从业人员健康证明" },
            ],
          },
          clerk,
        ),
      ),
    )
    expect(timersOf(storage, "application-D-2")).toEqual([])
    expect(successOf(await onDay(storage, "2026-10-12", Scheduler.runDue(scheduler)))).toEqual([])
    expect(storage.events.streams.get("application-D-2")!.map((e) => e.type)).toEqual([
      "ApplicationSubmitted",
      "CorrectionRequested",
    ])
  })

  it("two schedulers over one storage, many cases: every timer fires exactly once", async () => {
    const storage = RuntimeStore.makeMemoryStorage()
    successOf(await onDay(storage, "2026-09-01", publishMatter()))
    const cases = Array.from({ length: 12 }, (_, i) => `P-${i}`)
    for (const caseNo of cases) successOf(await onDay(storage, "2026-09-24", submitCase(caseNo)))
    const both = Effect.all(
      [
        Scheduler.runDue({ ...scheduler, owner: "a", batchSize: 3 }),
        Scheduler.runDue({ ...scheduler, owner: "b", batchSize: 3 }),
      ],
      { concurrency: 2 },
    )
    const [a, b] = successOf(await onDay(storage, "2026-10-10", both))
    expect([...a, ...b].map((f) => f.timer.id).sort()).toEqual(
      cases.map((c) => `application-${c}/DeemAccepted/2026-10-09`).sort(),
    )
    for (const caseNo of cases) {
      expect(storage.events.streams.get(`application-${caseNo}`)!.map((e) => e.type)).toEqual([
        "ApplicationSubmitted",
        "ApplicationAccepted",
      ])
    }
  })

  it("a lease that runs out lets another scheduler dispatch again, which appends nothing", async () => {
    const storage = RuntimeStore.makeMemoryStorage()
    successOf(await onDay(storage, "2026-09-01", publishMatter()))
    successOf(await onDay(storage, "2026-09-24", submitCase("L-1")))
    const store = RuntimeStore.makeMemory(storage, undefined as never)
    // scheduler "a" claims the timer and dispatches, then dies before marking it fired
    const [claimed] = successOf(
      await onDay(storage, "2026-10-10", store.claimDue("2026-10-10T01:30:00.000Z", "a", 1000, 10)),
    )
    successOf(
      await onDay(
        storage,
        "2026-10-10",
        CommandHandler.handle(
          Aggregates.application,
          "L-1",
          claimed!.command!.command as never,
          system("yiciban-scheduler"),
          {
            commandId: claimed!.id,
          },
        ),
      ),
    )
    const fired = successOf(await onDay(storage, "2026-10-12", Scheduler.runDue({ ...scheduler, owner: "b" })))
    expect(fired.map((f) => f.outcome)).toContain("duplicate")
    expect(storage.events.streams.get("application-L-1")!.filter((e) => e.type === "ApplicationAccepted")).toHaveLength(
      1,
    )
  })

  it("tolerant acceptance: the supplement deadline timer terminates the case per the matter's setting", async () => {
    const storage = RuntimeStore.makeMemoryStorage()
    successOf(await onDay(storage, "2026-09-01", publishMatter()))
    successOf(
      await onDay(
        storage,
        "2026-09-24",
        Effect.andThen(
          submitCase("T-1", [
            { code: "SP01", form: "paper" },
            { code: "SP02", form: "paper" },
          ]),
          CommandHandler.handle(
            Aggregates.application,
            "T-1",
            {
              _tag: "AcceptTolerantly",
              caseNo: "T-1",
              deferred: [{ code: "SP03", howToSupply: "到窗口提交" }],
              commitment: { signedBy: "李湘", statement: "承诺于期限内补齐" },
            },
            clerk,
          ),
        ),
      ),
    )
    const supplement = timersOf(storage, "application-T-1").find((t) => t.id.includes("MissSupplementDeadline"))
    expect(supplement).toMatchObject({ id: "application-T-1/MissSupplementDeadline/2026-10-09", status: "pending" })
    const fired = successOf(await onDay(storage, "2026-10-10", Scheduler.runDue(scheduler)))
    expect(fired.map((f) => [f.timer.id, f.outcome])).toEqual([
      ["application-T-1/MissSupplementDeadline/2026-10-09", "dispatched"],
    ])
    expect(storage.events.streams.get("application-T-1")!.at(-1)!.type).toBe("ApplicationTerminated")
    expect(storage.cases.get("application-T-1")).toMatchObject({ status: "terminated" })
  })
})
