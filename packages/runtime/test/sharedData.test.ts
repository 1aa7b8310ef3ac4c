import { Effect, Exit } from "effect"
import { describe, expect, it } from "vitest"
import { SharedData } from "../src/index.ts"

const code = "91430100MA4L0P1T5J"
const registration = {
  name: "长沙湘味餐饮有限公司",
  subjectKind: "enterprise",
  industryCodes: ["H621"],
  region: "430102",
  registeredCapitalFen: 50_000_000,
  employeeCount: 18,
}
const now = "2026-09-24T01:30:00.000Z"

describe("SharedData", () => {
  it("decodes a record and stamps it with the source, the instant and the digest of its value", async () => {
    const port = SharedData.make(
      SharedData.makeMemory({ [code]: { businessRegistration: registration } }, "湖南省数据共享交换平台"),
    )
    const fact = await Effect.runPromise(port.fetch("businessRegistration", code, now))
    expect(fact?.value).toEqual(registration)
    expect(fact?.provenance).toEqual({
      kind: "businessRegistration",
      source: "湖南省数据共享交换平台",
      fetchedAt: now,
      digest: SharedData.digestOf(registration),
    })
    // the digest does not depend on key order, and changes with any value
    expect(SharedData.digestOf({ ...registration, name: registration.name })).toBe(fact?.provenance.digest)
    expect(SharedData.digestOf({ ...registration, employeeCount: 19 })).not.toBe(fact?.provenance.digest)
  })

  it("answers undefined for a subject it has no record of, and a typed error for a malformed record", async () => {
    const port = SharedData.make(
      SharedData.makeMemory({ [code]: { socialSecurity: { insuredHeadcount: -3, month: "2026-08" } } }),
    )
    expect(await Effect.runPromise(port.fetch("payeeAccount", code, now))).toBeUndefined()
    const exit = await Effect.runPromiseExit(port.fetch("socialSecurity", code, now))
    expect(Exit.isFailure(exit)).toBe(true)
    const failure = Exit.isFailure(exit) ? exit.cause.reasons.find((r) => r._tag === "Fail") : undefined
    expect((failure as { error: { _tag: string } } | undefined)?.error._tag).toBe("SharedDataInvalid")
  })

  it("refuses a record with fields the kind does not have (no silent extra data)", async () => {
    const port = SharedData.make(
      SharedData.makeMemory({
        [code]: {
          payeeAccount: { bank: "x", accountName: "y", accountNo: "62220000111", verifiedOn: "2026-09-01", pin: "1" },
        },
      }),
    )
    const exit = await Effect.runPromiseExit(port.fetch("payeeAccount", code, now))
    expect(Exit.isFailure(exit)).toBe(true)
  })

  it("lists the subjects registered under a region prefix", async () => {
    const source = SharedData.makeMemory({
      [code]: { businessRegistration: registration },
      "91440300MA5F00000X": { businessRegistration: { ...registration, region: "440300" } },
    })
    expect(await Effect.runPromise(source.subjectsIn("4301"))).toEqual([code])
    expect(await Effect.runPromise(source.subjectsIn("44"))).toEqual(["91440300MA5F00000X"])
  })
})
