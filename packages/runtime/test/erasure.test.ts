import { fc, it } from "@fast-check/vitest"
import { IdentityCode } from "@yiciban/core"
import { EventStore } from "@yiciban/eventstore"
import { Effect } from "effect"
import { afterAll, describe, expect } from "vitest"
import { Aggregates, CommandHandler, createYiciban, Erasure, RuntimeStore, type Yiciban } from "../src/index.ts"
import { type Dump, persons, type Run, scanned, scenario, untyped } from "./erasure.ts"
import { elementsForPersons, matterCode } from "./fixtures.ts"
import { failureOf, onDay } from "./support.ts"

/** Every row of the memory store as text: events (with their stream names), case rows, timers, keys, snapshots, checkpoints. */
export const dumpMemory =
  (storage: RuntimeStore.MemoryStorage): Dump =>
  async () => {
    const text = (value: unknown) =>
      JSON.stringify(value, (_, v) =>
        v instanceof Map ? [...v.entries()] : v instanceof Uint8Array ? Buffer.from(v).toString("base64") : v,
      )
    return [
      ...storage.events.events.map(text),
      ...[...storage.events.streams.keys()],
      ...[...storage.events.snapshots.entries()].map(text),
      ...[...storage.events.checkpoints.entries()].map(text),
      ...[...storage.cases.entries()].map(text),
      ...[...storage.timers.entries()].map(text),
      ...[...storage.keys.entries()].map(text),
    ]
  }

describe("erasure (memory)", () => {
  afterAll(() => {
    console.log(`erasure on memory: ${JSON.stringify(scanned)}`)
  })

  let run = 0
  it.prop([persons], { numRuns: 25 })(
    "after erasure no byte of an erased person's identity number or name is readable anywhere in the store; replay, repeated commands and the persons not erased still work",
    async (people) => {
      const storage = RuntimeStore.makeMemoryStorage()
      const on: Run = (effect) => onDay(storage, "2026-09-01", effect)
      await scenario(`m${++run}`, people, on, dumpMemory(storage))
    },
  )

  it.prop([fc.constantFrom("91430102MA4L0P1T5J", "not a number", "")])(
    "an enterprise's credit code (not personal data) or anything but an identity number is InvalidCommand",
    async (code) => {
      const exit = await onDay(
        RuntimeStore.makeMemoryStorage(),
        "2026-09-01",
        Erasure.erase({
          code,
          actor: { id: "dpo-1", roles: ["dataProtectionOfficer"], region: "430100" },
          aggregates: Aggregates.all,
        }),
      )
      expect(failureOf(exit)?._tag).toBe("InvalidCommand")
    },
  )

  it("only a data protection officer of the person's region erases", async () => {
    const storage = RuntimeStore.makeMemoryStorage()
    const code = "430102199003077716"
    const refused = async (actor: Parameters<typeof Erasure.erase>[0]["actor"]) =>
      failureOf(await onDay(storage, "2026-09-01", Erasure.erase({ code, actor, aggregates: Aggregates.all })))
    expect(await refused({ id: "s", roles: ["supervisor"], region: "430100" })).toMatchObject({ reason: "role" })
    expect(await refused({ id: "d", roles: ["dataProtectionOfficer"], region: "440300" })).toMatchObject({
      reason: "jurisdiction",
    })
    expect(storage.events.events.length).toBe(0)
  })

  it("a person's case cannot be stored without a keyring: PersonalDataUnprotected, nothing appended", async () => {
    const storage = RuntimeStore.makeMemoryStorage()
    const events = await Effect.runPromise(
      Effect.gen(function* () {
        const { MemoryEventStore, EventStore } = yield* Effect.promise(() => import("@yiciban/eventstore"))
        const store = yield* MemoryEventStore.makeMemory({ storage: storage.events })
        const exit = yield* Effect.exit(
          CommandHandler.handle(
            Aggregates.application,
            "N-1",
            untyped({
              _tag: "DraftApplication",
              caseNo: "N-1",
              applicant: { kind: "person", code: "430102199003077716", name: "李嫣然" },
              matterCode,
            }),
            { id: "p", roles: ["applicant"], subjects: [{ code: "430102199003077716", relation: "self" }] },
          ).pipe(
            Effect.provideService(EventStore.EventStore, store),
            Effect.provideService(RuntimeStore.RuntimeStore, RuntimeStore.makeMemory(storage, store)),
          ),
        )
        return { exit, count: storage.events.events.length }
      }),
    )
    expect(failureOf(events.exit)?._tag).toBe("PersonalDataUnprotected")
    expect(events.count).toBe(0)
  })
})

describe("erasure through the facade", () => {
  const code = "430102199003077716"
  const name = "王珩昱"
  const person: Yiciban.ActorInput = { id: "wang-01", roles: ["applicant"], subjects: [{ code, relation: "self" }] }
  const officer: Yiciban.ActorInput = { id: "dpo-1", roles: ["dataProtectionOfficer"], region: "430100" }
  const admin: Yiciban.ActorInput = {
    id: "admin-01",
    roles: ["catalogueAdmin"],
    authority: "11430100MB1A38544B",
    region: "430100",
  }
  const clerk: Yiciban.ActorInput = {
    id: "clerk-07",
    roles: ["windowClerk"],
    authority: "11430100MB1A38544B",
    region: "430100",
  }
  const applications = { category: "application" }

  it("refused while the person's case is open; after it is closed: erased, recorded, and the case list, events and repeated commands show nothing of the person", async () => {
    const storage = RuntimeStore.makeMemoryStorage()
    const yiciban = await createYiciban({
      store: RuntimeStore.memory(storage),
      now: () => Date.parse("2026-09-01T01:30:00.000Z"),
    })
    try {
      await yiciban.matter.publish(
        { implementationCode: matterCode, baseCode: "000101001000", elements: elementsForPersons },
        admin,
      )
      const submit = {
        caseNo: "F-1",
        applicant: { kind: "person" as const, code, name },
        matterCode,
        materials: [{ code: "SP01", form: "paper" as const }],
      }
      await yiciban.application.submit(submit, person, { commandId: "F-1/submit" })
      // The person's own reads are in full; the case row is listed by pseudonym, found through the keyring.
      expect((await yiciban.cases(person, applications)).map((row) => row.id)).toEqual(["F-1"])
      expect((await yiciban.application.load("F-1", person)).state.applicant).toEqual(submit.applicant)

      const open = await rejects(yiciban.erase(code, officer))
      expect(open._tag).toBe("SubjectHasOpenCases")
      expect((await yiciban.application.load("F-1", person)).state.applicant).toEqual(submit.applicant)

      await yiciban.application.execute({ _tag: "WithdrawApplication", caseNo: "F-1", reason: "不再办理" }, person)
      const erased = await yiciban.erase(code, officer)
      expect(erased).toMatchObject({ keyDeleted: true, cases: ["application-F-1"], by: "dpo-1" })

      const seen = JSON.stringify([
        await yiciban.cases(clerk, applications),
        await yiciban.application.events("F-1", clerk),
        await yiciban.application.load("F-1", clerk),
        await yiciban.application.submit(submit, clerk, { commandId: "F-1/submit" }),
        await yiciban.run(
          Effect.flatMap(Effect.service(EventStore.EventStore), (store) =>
            store.readStream(`erasure-${erased.pseudonym}`),
          ),
        ),
      ])
      expect(Erasure.tracesOf([seen], [code, name])).toEqual([])
      expect(seen).toContain(IdentityCode.erasedName)
      expect(seen).toContain("SubjectErased")
      // The person, erased, no longer owns the case.
      expect(await yiciban.cases(person, applications)).toEqual([])
    } finally {
      await yiciban.close()
    }
  })
})

const rejects = async (promise: Promise<unknown>) => {
  try {
    await promise
  } catch (error) {
    return error as Error & { readonly _tag: string }
  }
  throw new Error("expected a rejection")
}
