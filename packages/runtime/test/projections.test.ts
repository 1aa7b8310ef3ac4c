/**
 * Asynchronous projections from checkpoints, rebuilding one from zero while another keeps its
 * place, and a process manager whose follow-ups take effect once even when events are redelivered.
 */
import { Effect } from "effect"
import { describe, expect, it } from "vitest"
import { Aggregates, CommandHandler, ProcessManager, Projection, RuntimeStore, Scheduler } from "../src/index.ts"
import { clerk, matterCode } from "./fixtures.ts"
import { onDay, publishMatter, submitCase, successOf } from "./support.ts"

const counting = (name: string) => {
  const seen = new Map<number, string>()
  const projection: Projection.Projection<never, never> = {
    name,
    handle: (event) => Effect.sync(() => void seen.set(event.globalPosition, event.type)),
    reset: Effect.sync(() => seen.clear()),
  }
  return { projection, seen }
}

describe("projections", () => {
  it("catch up from their checkpoints; rebuilding one replays from zero and leaves the other where it is", async () => {
    const storage = RuntimeStore.makeMemoryStorage()
    successOf(await onDay(storage, "2026-09-01", publishMatter()))
    const a = counting("a")
    const b = counting("b")
    expect(successOf(await onDay(storage, "2026-09-01", Projection.catchUp(a.projection)))).toEqual({
      handled: 2,
      position: 2,
    })
    successOf(await onDay(storage, "2026-09-24", submitCase("R-1")))
    expect(successOf(await onDay(storage, "2026-09-24", Projection.catchUp(b.projection))).handled).toBe(3)
    // a lost its read model: rebuild it from zero; b's checkpoint stays at 3
    a.seen.clear()
    a.seen.set(99, "stale")
    const rebuilt = successOf(await onDay(storage, "2026-09-24", Projection.rebuild(a.projection)))
    expect(rebuilt).toEqual({ handled: 3, position: 3 })
    expect([...a.seen.values()]).toEqual(["MatterDrafted", "MatterPublished", "ApplicationSubmitted"])
    expect(successOf(await onDay(storage, "2026-09-24", Projection.checkpointName("a")))).toBe("projection:a:1")
    expect(successOf(await onDay(storage, "2026-09-24", Projection.catchUp(b.projection))).handled).toBe(0)
    successOf(await onDay(storage, "2026-09-25", submitCase("R-2")))
    expect(successOf(await onDay(storage, "2026-09-25", Projection.catchUp(a.projection))).handled).toBe(1)
    expect(successOf(await onDay(storage, "2026-09-25", Projection.catchUp(b.projection))).handled).toBe(1)
  })

  it("a process manager's follow-ups take effect once, even when its checkpoint is lost", async () => {
    const storage = RuntimeStore.makeMemoryStorage()
    // An example policy (a deployment setting, not a rule of the law): a case terminated for
    // missing its supplement deadline leaves a minor credit default on the applicant's record.
    const policy: ProcessManager.ProcessManager = {
      name: "terminated-to-credit",
      react: (event) => {
        if (event.type !== "ApplicationTerminated") return []
        const data = event.data as { caseNo: string; terminatedOn: string }
        return [
          {
            aggregate: "credit",
            id: "91430102MA4L0P1T5J",
            command: {
              _tag: "RecordEntry",
              subject: { kind: "enterprise", code: "91430102MA4L0P1T5J" },
              entryId: `${data.caseNo}/supplement`,
              kind: "minorDefault",
              source: { _tag: "Application", caseNo: data.caseNo, matterCode },
              reason: "容缺材料逾期未补正",
              effectiveOn: data.terminatedOn,
              expiresOn: "2027-10-10",
            },
          },
        ]
      },
    }
    successOf(await onDay(storage, "2026-09-01", publishMatter()))
    successOf(
      await onDay(
        storage,
        "2026-09-24",
        submitCase("M-1", [
          { code: "SP01", form: "paper" },
          { code: "SP02", form: "paper" },
        ]),
      ),
    )
    successOf(
      await onDay(
        storage,
        "2026-09-24",
        CommandHandler.handle(
          Aggregates.application,
          "M-1",
          {
            _tag: "AcceptTolerantly",
            caseNo: "M-1",
            deferred: [{ code: "SP03", howToSupply: "到窗口提交" }],
            commitment: { signedBy: "李湘", statement: "承诺于期限内补齐" },
          },
          clerk,
        ),
      ),
    )
    successOf(await onDay(storage, "2026-10-10", Scheduler.runDue({ aggregates: Aggregates.all })))
    const rejected: Array<unknown> = []
    const manager = ProcessManager.asProjection(policy, Aggregates.all, (_, error) =>
      Effect.sync(() => void rejected.push(error)),
    )
    successOf(await onDay(storage, "2026-10-10", Projection.catchUp(manager)))
    expect(rejected).toEqual([])
    const credit = () => storage.events.streams.get("credit-91430102MA4L0P1T5J") ?? []
    expect(credit().map((e) => [e.type, e.metadata.causationId])).toEqual([
      ["CreditEntryRecorded", storage.events.streams.get("application-M-1")!.at(-1)!.eventId],
    ])
    // the checkpoint is lost (a rebuild replays every event): the same command ids append nothing
    successOf(await onDay(storage, "2026-10-12", Projection.rebuild(manager)))
    expect(credit()).toHaveLength(1)
  })
})
