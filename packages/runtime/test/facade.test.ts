/**
 * The Promise facade's failures are typed: every rejection is an `Error` with a `_tag` and a
 * one-line message — bad options, a missing actor, an unknown command, a refused command — and
 * nothing is appended.
 */
import { describe, expect, it } from "vitest"
import { createYiciban, RuntimeStore } from "../src/index.ts"
import { applicant, clerk, elements, matterCode, restaurant } from "./fixtures.ts"

const rejects = async (promise: Promise<unknown>) => {
  try {
    await promise
  } catch (error) {
    return error as Error & { readonly _tag: string; readonly path?: string; readonly rejection?: { _tag: string } }
  }
  throw new Error("expected a rejection")
}

const oneLine = (error: Error) => {
  expect(error).toBeInstanceOf(Error)
  expect(error.message.length).toBeGreaterThan(0)
  expect(error.message).not.toContain("\n")
}

describe("createYiciban", () => {
  it.each([
    ["a typo in an option", { stroe: RuntimeStore.memory() }, "stroe"],
    ["a store that is not an adapter", { store: { kind: "memry" } }, "store"],
    ["a clock that is not a function", { now: 5 }, "now"],
  ])("%s is InvalidOptions naming the option", async (_, options, path) => {
    const error = await rejects(createYiciban(options as never))
    expect(error._tag).toBe("InvalidOptions")
    expect(error.path).toBe(path)
    oneLine(error)
  })
})

describe("the facade's errors", () => {
  const open = async () => {
    const storage = RuntimeStore.makeMemoryStorage()
    const yiciban = await createYiciban({
      store: RuntimeStore.memory(storage),
      now: () => Date.parse("2026-09-24T01:30:00.000Z"),
    })
    await yiciban.matter.publish(
      { implementationCode: matterCode, baseCode: "000101001000", elements },
      { id: "admin-01", roles: ["catalogueAdmin"], authority: "11430100MB1A38544B", region: "430100" },
    )
    return { storage, yiciban }
  }

  it("an undefined actor is InvalidActor, not a TypeError", async () => {
    const { storage, yiciban } = await open()
    const before = storage.events.events.length
    const error = await rejects(
      yiciban.application.execute({ _tag: "AcceptApplication", caseNo: "X" }, undefined as never),
    )
    expect(error._tag).toBe("InvalidActor")
    oneLine(error)
    expect(storage.events.events.length).toBe(before)
    await yiciban.close()
  })

  it("a refused command is CommandRejected naming the rule, with the aggregate's rejection", async () => {
    const { yiciban } = await open()
    await yiciban.application.submit({ caseNo: "R-1", applicant, matterCode, materials: [] }, restaurant)
    const error = await rejects(
      yiciban.application.execute(
        { _tag: "GrantApplication", caseNo: "R-1" },
        {
          id: "head-01",
          roles: ["approver"],
          authority: "11430100MB1A38544B",
          region: "430100",
        },
      ),
    )
    expect(error._tag).toBe("CommandRejected")
    expect(error.rejection?._tag).toBeDefined()
    expect(error.message).toMatch(new RegExp(`^application-R-1: GrantApplication refused: ${error.rejection!._tag}`))
    oneLine(error)
    await yiciban.close()
  })

  it("a submission for a matter that takes no applications is refused, typed", async () => {
    const { yiciban } = await open()
    const error = await rejects(
      yiciban.application.submit(
        { caseNo: "R-2", applicant, matterCode: "11430100MB1A38544B-000000000000-01", materials: [] },
        restaurant,
      ),
    )
    expect(error._tag).toBe("CommandRejected")
    expect(error.rejection).toMatchObject({ _tag: "MatterNotAcceptingApplications", phase: "unknown" })
    await yiciban.close()
  })

  it("a typed command and a typed state", async () => {
    const { yiciban } = await open()
    await yiciban.application.submit({ caseNo: "R-3", applicant, matterCode, materials: [] }, restaurant)
    const outcome = await yiciban.application.execute(
      {
        _tag: "RequestCorrection",
        caseNo: "R-3",
        items: ["SP01", "SP02", "SP03"].map((code) => ({ code, problem: "missing" as const, note: "请补充" })),
      },
      clerk,
    )
    const phase: string = outcome.state.phase
    expect(phase).toBe("correctionRequested")
    expect(outcome.events.map((event) => event._tag)).toEqual(["CorrectionRequested"])
    await yiciban.close()
  })

  it("expectedVersion: another version is VersionConflict with the actual one, nothing appended; instance: another is WrongInstance", async () => {
    const { storage, yiciban } = await open()
    await yiciban.application.submit({ caseNo: "R-4", applicant, matterCode, materials: [] }, restaurant)
    const before = storage.events.events.length
    const stale = await rejects(
      yiciban.application.execute({ _tag: "WithdrawApplication", caseNo: "R-4", reason: "改日再办" }, restaurant, {
        expectedVersion: 0,
      }),
    )
    expect(stale).toMatchObject({ _tag: "VersionConflict", actual: 1 })
    const elsewhere = await rejects(
      yiciban.application.execute({ _tag: "WithdrawApplication", caseNo: "R-4", reason: "改日再办" }, restaurant, {
        instance: "R-5",
      }),
    )
    expect(elsewhere).toMatchObject({ _tag: "WrongInstance", addressed: "R-5", named: "R-4" })
    expect(storage.events.events.length).toBe(before)
    const withdrawn = await yiciban.application.execute(
      { _tag: "WithdrawApplication", caseNo: "R-4", reason: "改日再办" },
      restaurant,
      {
        expectedVersion: 1,
        instance: "R-4",
        commandId: "withdraw-R-4",
      },
    )
    expect(withdrawn.version).toBe(2)
    // a repeated command id answers its outcome even though the stream is no longer at the expected version
    const again = await yiciban.application.execute(
      { _tag: "WithdrawApplication", caseNo: "R-4", reason: "改日再办" },
      restaurant,
      {
        expectedVersion: 1,
        commandId: "withdraw-R-4",
      },
    )
    expect(again).toMatchObject({ duplicate: true, version: 2 })
    expect(yiciban.aggregates.map((facade) => facade.name)).toEqual([
      "application",
      "matter",
      "credit",
      "rating",
      "bundle",
      "bundlecase",
      "policy",
      "redemption",
    ])
    await yiciban.close()
  })
})
