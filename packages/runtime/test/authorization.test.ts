/**
 * Authorization: roles, then the authority and region of staff against the matter's implementing
 * authority or the delegation in force on the day. A refusal appends nothing.
 */
import { Effect } from "effect"
import { describe, expect, it } from "vitest"
import { Aggregates, CommandHandler, RuntimeStore } from "../src/index.ts"
import { admin, clerk, districtBureau, districtClerk, matterCode, restaurant } from "./fixtures.ts"
import { failureOf, onDay, publishMatter, submitCase, successOf } from "./support.ts"

const accept = (caseNo: string, actor = clerk) =>
  CommandHandler.handle(Aggregates.application, caseNo, { _tag: "AcceptApplication", caseNo }, actor)

const setUp = async () => {
  const storage = RuntimeStore.makeMemoryStorage()
  successOf(await onDay(storage, "2026-09-01", publishMatter()))
  return storage
}

describe("authorization", () => {
  it("an actor without a required role is refused, typed, and nothing is appended", async () => {
    const storage = await setUp()
    successOf(await onDay(storage, "2026-09-24", submitCase("A-1")))
    const exit = await onDay(storage, "2026-09-24", accept("A-1", restaurant))
    expect(failureOf(exit)).toMatchObject({
      _tag: "NotPermitted",
      reason: "role",
      command: "AcceptApplication",
      actorId: restaurant.id,
    })
    expect(storage.events.streams.get("application-A-1")).toHaveLength(1)
  })

  it("staff of another authority or region are refused; the matter's own staff are not", async () => {
    const storage = await setUp()
    successOf(await onDay(storage, "2026-09-24", submitCase("A-2")))
    expect(failureOf(await onDay(storage, "2026-09-24", accept("A-2", districtClerk)))).toMatchObject({
      _tag: "NotPermitted",
      reason: "authority",
    })
    expect(failureOf(await onDay(storage, "2026-09-24", accept("A-2", { ...clerk, region: "430102" })))).toMatchObject({
      _tag: "NotPermitted",
      reason: "authority",
    })
    expect(
      failureOf(await onDay(storage, "2026-09-24", accept("A-2", { id: "x", roles: ["windowClerk"] }))),
    ).toMatchObject({
      _tag: "NotPermitted",
      reason: "authority",
    })
    expect(storage.events.streams.get("application-A-2")).toHaveLength(1)
    successOf(await onDay(storage, "2026-09-24", accept("A-2")))
  })

  it("a delegation moves the authority from its effective date, not before, and a case stays with the authority of its day of submission", async () => {
    const storage = await setUp()
    successOf(
      await onDay(
        storage,
        "2026-09-01",
        CommandHandler.handle(
          Aggregates.matter,
          matterCode,
          {
            _tag: "DelegateMatter",
            implementationCode: matterCode,
            kind: "delegateDown",
            to: districtBureau,
            effectiveFrom: "2026-10-12" as never,
            basis: "长政发〔2026〕9号",
          },
          admin,
        ),
      ),
    )
    successOf(await onDay(storage, "2026-09-24", submitCase("A-3")))
    successOf(await onDay(storage, "2026-09-24", submitCase("A-4")))
    expect(failureOf(await onDay(storage, "2026-09-24", accept("A-3", districtClerk)))).toMatchObject({
      reason: "authority",
    })
    successOf(await onDay(storage, "2026-09-24", accept("A-3")))
    // A-4 was submitted before the delegation: the city bureau judges it to its end (权力下放 reaches new cases)
    expect(failureOf(await onDay(storage, "2026-10-12", accept("A-4", districtClerk)))).toMatchObject({
      reason: "authority",
    })
    successOf(await onDay(storage, "2026-10-12", accept("A-4")))
    // a case submitted from the effective date is the district's
    successOf(await onDay(storage, "2026-10-12", submitCase("A-6")))
    expect(failureOf(await onDay(storage, "2026-10-12", accept("A-6")))).toMatchObject({ reason: "authority" })
    successOf(await onDay(storage, "2026-10-12", accept("A-6", districtClerk)))
  })

  it("without the catalogue stream, the authority pinned in the case decides", async () => {
    const storage = RuntimeStore.makeMemoryStorage()
    const withoutCatalogue = { authorityOf: () => Effect.succeed(undefined) }
    successOf(await onDay(storage, "2026-09-01", publishMatter()))
    successOf(await onDay(storage, "2026-09-24", submitCase("A-5")))
    const handle = (actor: typeof clerk) =>
      CommandHandler.handle(
        Aggregates.application,
        "A-5",
        { _tag: "AcceptApplication", caseNo: "A-5" },
        actor,
        withoutCatalogue,
      )
    expect(failureOf(await onDay(storage, "2026-09-24", handle(districtClerk)))).toMatchObject({ reason: "authority" })
    successOf(await onDay(storage, "2026-09-24", handle(clerk)))
  })
})
