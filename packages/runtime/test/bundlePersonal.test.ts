/**
 * A person's bundle case under PIPL (个人信息保护法): the applicant's identity number and name are
 * sealed in the bundle case's events (the submission and the acceptance, which carries the
 * applicant for the children) as in the children's; erasure is refused while the bundle case is
 * open, and once it is delivered the person's data is gone from every stored row, the bundle case
 * and its children replaying with the erased values.
 */
import { IdentityCode } from "@yiciban/core"
import { describe, expect, it } from "vitest"
import { createYiciban, Erasure, RuntimeStore, type Yiciban } from "../src/index.ts"
import { elementsForPersons, matterCode } from "./fixtures.ts"

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
const otherCode = "11430100MB1A38544B-000101002000-01"
const caseNo = "YJS-P1"

const rejects = async (promise: Promise<unknown>) => {
  try {
    await promise
  } catch (error) {
    return error as Error & { readonly _tag: string }
  }
  throw new Error("expected a rejection")
}

describe("a person's bundle case (PIPL)", () => {
  it("is sealed in the store, cannot be erased while open, and is erased with its children once delivered", async () => {
    const storage = RuntimeStore.makeMemoryStorage()
    const yiciban = await createYiciban({
      store: RuntimeStore.memory(storage),
      now: () => Date.parse("2026-09-01T01:30:00.000Z"),
    })
    try {
      for (const implementationCode of [matterCode, otherCode]) {
        await yiciban.matter.publish(
          { implementationCode, baseCode: implementationCode.split("-")[1]!, elements: elementsForPersons },
          admin,
        )
      }
      await yiciban.bundle.execute(
        {
          _tag: "DraftBundle",
          bundleId: "CS-P",
          elements: {
            name: "个人开办食品小作坊",
            leadDepartment: { name: "长沙市市场监督管理局", creditCode: "11430100MB1A38544B", division: "430100" },
            memberCodes: [matterCode, otherCode],
            introduction: "一次告知、一表申请",
            jointLimitWorkingDays: 20,
          },
        },
        admin,
      )
      await yiciban.bundle.execute({ _tag: "PublishBundle", bundleId: "CS-P" }, admin)
      const applicant = { kind: "person" as const, code, name }
      await yiciban.bundleCase.execute(
        {
          _tag: "SubmitBundleApplication",
          caseNo,
          applicant,
          bundleId: "CS-P",
          materials: ["SP01", "SP02", "SP03"].map((c) => ({ code: c, form: "paper" as const })),
        },
        person,
      )
      await yiciban.bundleCase.execute(
        {
          _tag: "AcceptBundle",
          caseNo,
          members: [matterCode, otherCode].map((c) => ({ implementationCode: c, acceptance: { _tag: "Ordinary" } })),
        },
        clerk,
      )
      await yiciban.runProcessManagers()
      // sealed: no stored row holds the person's number or name in the clear, yet the person reads in full
      expect(Erasure.tracesOf([JSON.stringify(storage.events.events)], [code, name])).toEqual([])
      expect((await yiciban.bundleCase.load(caseNo, person)).state.applicant).toEqual(applicant)
      expect(storage.events.events.filter((e) => e.stream.startsWith("application-"))).toHaveLength(4)

      const open = await rejects(yiciban.erase(code, officer))
      expect(open._tag).toBe("SubjectHasOpenCases")

      // the person withdraws both children; the fan-in concludes the bundle and the lead window delivers
      for (const child of [`${caseNo}-J1`, `${caseNo}-J2`]) {
        await yiciban.application.execute({ _tag: "WithdrawApplication", caseNo: child, reason: "不再办理" }, person)
      }
      await yiciban.runProcessManagers()
      expect((await yiciban.bundleCase.load(caseNo, person)).state.phase).toBe("concluded")
      await yiciban.bundleCase.execute({ _tag: "DeliverUnified", caseNo }, clerk)

      const erased = await yiciban.erase(code, officer)
      expect([...erased.cases].sort()).toEqual([
        `application-${caseNo}-J1`,
        `application-${caseNo}-J2`,
        `bundlecase-${caseNo}`,
      ])
      const seen = JSON.stringify([
        await yiciban.bundleCase.load(caseNo, clerk),
        await yiciban.bundleCase.events(caseNo, clerk),
        await yiciban.application.load(`${caseNo}-J1`, clerk),
        await yiciban.cases(clerk, { category: "bundlecase" }),
      ])
      expect(Erasure.tracesOf([seen], [code, name])).toEqual([])
      expect(seen).toContain(IdentityCode.erasedName)
    } finally {
      await yiciban.close()
    }
  })
})
