/**
 * Command handling on the in-memory runtime: load → authorize → decide → append, the case list,
 * idempotency by command id, rejections, conflicts and retries.
 */
import { Application } from "@yiciban/core"
import { EventStore, ExpectedVersion } from "@yiciban/eventstore"
import { Effect } from "effect"
import { describe, expect, it } from "vitest"
import { type Aggregate, Aggregates, CommandHandler, RuntimeStore } from "../src/index.ts"
import { system } from "../src/internal/system.ts"
import { allMaterials, applicant, clerk, matterCode, restaurant } from "./fixtures.ts"
import { failureOf, onDay, publishMatter, successOf } from "./support.ts"

const published = (storage: RuntimeStore.MemoryStorage) => onDay(storage, "2026-09-01", publishMatter())

const submitCommand = (_storage: RuntimeStore.MemoryStorage, caseNo: string, materials = allMaterials) =>
  ({ _tag: "SubmitApplication", caseNo, applicant, matterCode, materials }) as const

describe("handle", () => {
  it("appends the decided events with their metadata and writes the case-list row inline", async () => {
    const storage = RuntimeStore.makeMemoryStorage()
    successOf(await published(storage))
    const outcome = successOf(
      await onDay(
        storage,
        "2026-09-24",
        CommandHandler.handle(Aggregates.application, "C-1", submitCommand(storage, "C-1"), restaurant, {
          commandId: "submit-C-1",
        }),
      ),
    )
    expect(outcome.events.map((e) => e._tag)).toEqual(["ApplicationSubmitted"])
    expect(outcome.version).toBe(1)
    expect(outcome.duplicate).toBe(false)
    const [recorded] = storage.events.streams.get("application-C-1")!
    expect(recorded!.metadata).toMatchObject({
      commandId: "submit-C-1",
      correlationId: "submit-C-1",
      actor: restaurant,
      occurredAt: "2026-09-24T01:30:00.000Z",
    })
    expect(recorded!.schemaVersion).toBe(Application.eventVersions.ApplicationSubmitted)
    // The event id is derived from the stream, the command id and the index (SHA-256, UUID v8), so
    // a command repeated after a restart writes the same ids: pinned, it must never change.
    expect(recorded!.eventId).toBe("01ef6b0e-117f-8464-978e-c367631f0dba")
    expect(storage.cases.get("application-C-1")).toMatchObject({
      status: "submitted",
      version: 1,
      title: "食品经营许可",
    })
    expect(storage.cases.get("matter-11430100MB1A38544B-000101001000-01")).toMatchObject({ status: "published" })
  })

  it("a repeated command id returns the earlier outcome and appends nothing", async () => {
    const storage = RuntimeStore.makeMemoryStorage()
    successOf(await published(storage))
    const accept = CommandHandler.handle(
      Aggregates.application,
      "C-2",
      { _tag: "AcceptApplication", caseNo: "C-2" },
      clerk,
      { commandId: "accept-C-2" },
    )
    successOf(
      await onDay(
        storage,
        "2026-09-24",
        CommandHandler.handle(Aggregates.application, "C-2", submitCommand(storage, "C-2"), restaurant),
      ),
    )
    const first = successOf(await onDay(storage, "2026-09-24", accept))
    const again = successOf(await onDay(storage, "2026-09-25", accept))
    expect(again.duplicate).toBe(true)
    expect(again.events).toEqual(first.events)
    expect(again.version).toBe(2)
    expect(storage.events.streams.get("application-C-2")).toHaveLength(2)
  })

  it("a rejection is typed, carries the aggregate's rejection and appends nothing", async () => {
    const storage = RuntimeStore.makeMemoryStorage()
    successOf(await published(storage))
    successOf(
      await onDay(
        storage,
        "2026-09-24",
        CommandHandler.handle(Aggregates.application, "C-3", submitCommand(storage, "C-3"), restaurant),
      ),
    )
    const before = storage.events.events.length
    const exit = await onDay(
      storage,
      "2026-09-24",
      CommandHandler.handle(
        Aggregates.application,
        "C-3",
        { _tag: "DeemAccepted", caseNo: "C-3" },
        system("yiciban-scheduler"),
      ),
    )
    expect(failureOf(exit)).toMatchObject({
      _tag: "CommandRejected",
      stream: "application-C-3",
      command: "DeemAccepted",
      rejection: { _tag: "TooEarly", command: "DeemAccepted" },
    })
    expect((failureOf(exit) as Error).message).toBe(
      "application-C-3: DeemAccepted refused: TooEarly (command: DeemAccepted, earliestOn: 2026-10-10, on: 2026-09-24)",
    )
    expect(storage.events.events.length).toBe(before)
  })

  it("a caller claiming the system role is refused, and appends nothing", async () => {
    const storage = RuntimeStore.makeMemoryStorage()
    successOf(await published(storage))
    successOf(
      await onDay(
        storage,
        "2026-09-24",
        CommandHandler.handle(Aggregates.application, "C-9", submitCommand(storage, "C-9"), restaurant),
      ),
    )
    const before = storage.events.events.length
    const exit = await onDay(
      storage,
      "2026-10-12",
      CommandHandler.handle(
        Aggregates.application,
        "C-9",
        { _tag: "DeemAccepted", caseNo: "C-9" },
        { id: "timer", roles: ["system"] },
      ),
    )
    expect(failureOf(exit)).toMatchObject({ _tag: "NotPermitted", reason: "system", command: "DeemAccepted" })
    expect(storage.events.events.length).toBe(before)
  })

  it("a command that does not match its schema is InvalidCommand and appends nothing", async () => {
    const storage = RuntimeStore.makeMemoryStorage()
    const exit = await onDay(
      storage,
      "2026-09-24",
      CommandHandler.handle(Aggregates.application, "C-4", { _tag: "AcceptApplication", caseNo: 42 } as never, clerk),
    )
    expect(failureOf(exit)).toMatchObject({ _tag: "InvalidCommand", aggregate: "application" })
    expect(storage.events.events).toHaveLength(0)
  })

  it("a version conflict is retried on the reloaded stream; endless conflicts give up typed", async () => {
    const storage = RuntimeStore.makeMemoryStorage()
    successOf(await published(storage))
    successOf(
      await onDay(
        storage,
        "2026-09-24",
        CommandHandler.handle(Aggregates.application, "C-5", submitCommand(storage, "C-5"), restaurant),
      ),
    )
    // A fact provider that lets another writer append first, `times` times.
    const racing = (
      times: number,
    ): Aggregate.Aggregate<
      Application.State,
      Application.Command,
      Application.Event,
      Application.Facts,
      Aggregates.ApplicationRequest
    > => {
      let left = times
      return {
        ...Aggregates.application,
        facts: ({ id }) =>
          Effect.gen(function* () {
            if (left-- <= 0) return {}
            const store = yield* EventStore.EventStore
            const stream = `application-${id}`
            const [first] = yield* store.readStream(stream)
            yield* Effect.orDie(
              store.append(
                stream,
                [
                  {
                    ...first!,
                    eventId: globalThis.crypto.randomUUID(),
                    type: "ReviewStepRecorded",
                    data: {
                      _tag: "ReviewStepRecorded",
                      caseNo: id,
                      step: "审查",
                      recordedOn: "2026-09-24",
                      reviewer: "r",
                      opinion: `concurrent ${left}`,
                    },
                  },
                ],
                ExpectedVersion.any,
              ),
            )
            return {}
          }),
      }
    }
    const exit = await onDay(
      storage,
      "2026-09-24",
      CommandHandler.handle(racing(2), "C-5", { _tag: "AcceptApplication", caseNo: "C-5" }, clerk, {
        commandId: "accept-C-5",
      }),
    )
    const outcome = successOf(exit)
    expect(outcome.version).toBe(4)
    expect(storage.events.streams.get("application-C-5")!.map((e) => e.type)).toEqual([
      "ApplicationSubmitted",
      "ReviewStepRecorded",
      "ReviewStepRecorded",
      "ApplicationAccepted",
    ])
    const gaveUp = await onDay(
      storage,
      "2026-09-24",
      CommandHandler.handle(
        racing(10),
        "C-5",
        { _tag: "RecordReviewStep", caseNo: "C-5", step: "审查", opinion: "ok" },
        { id: "r", roles: ["reviewer"], authority: "11430100MB1A38544B", region: "430100" },
        { maxAttempts: 3 },
      ),
    )
    expect(failureOf(gaveUp)).toMatchObject({ _tag: "TooMuchContention", stream: "application-C-5", attempts: 3 })
    // the concurrent writers' events are there; the command that gave up appended nothing
    expect(storage.events.streams.get("application-C-5")!.filter((e) => e.type === "ReviewStepRecorded")).toHaveLength(
      5,
    )
    expect(storage.events.streams.get("application-C-5")!.every((e) => e.metadata.actor.id !== "r")).toBe(true)
  })
})
