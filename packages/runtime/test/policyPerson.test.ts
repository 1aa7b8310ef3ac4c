/**
 * A person's redemption (灵活就业人员社会保险补贴): a natural person applies with its resident identity
 * number; the number, the name and the payee account are sealed in every stored byte, the ledger
 * holding it is neither snapshotted nor cached, erasure waits while the award is open, finds the
 * ledger, and after it the award reads as erased while the budget stays whole.
 */
import { CalendarDate, IdentityCode, type Policy } from "@yiciban/core"
import { describe, expect, it } from "vitest"
import { createYiciban, Erasure, RuntimeStore, SharedData, type Yiciban } from "../src/index.ts"
import { hrApprover, hrBureau, hrClerk, policyAdmin } from "./policyFixtures.ts"

const personCode = (first17: string) => `${first17}${IdentityCode.residentIdCheckCharacter(first17)}`
const li = { code: personCode("43010219900307123"), name: "李嫣琰", accountNo: "6217000012345678901" }
const wang = { code: personCode("43010319880512456"), name: "王骁翊", accountNo: "6217000098765432101" }

/** 灵活就业人员社会保险补贴: 3 000 yuan to a flexibly employed person of 长沙 who pays social insurance. */
const flexibleWork: Policy.Terms = {
  title: "灵活就业人员社会保险补贴",
  summary: "对登记失业后灵活就业并缴纳社会保险费的人员，给予一定数额的社会保险补贴。",
  keywords: ["灵活就业", "社保补贴"],
  authority: hrBureau,
  legalBasis: "就业促进法第五十二条；湘人社规〔2023〕5号",
  region: "430100",
  industries: [],
  subjectKinds: ["naturalPerson"],
  criteria: [{ _tag: "AtLeast", fact: "insuredHeadcount", value: 1 }],
  amount: { _tag: "Fixed", amountFen: 300_000 },
  budgetFen: 10_000_000,
  window: { opensOn: CalendarDate.make("2026-09-01"), closesOn: CalendarDate.make("2026-12-31") },
  mode: { _tag: "ApplyAndRedeem" },
  jointReviewers: [],
  materials: [],
}

const extras = ["43010519790101111", "43010519800202222", "43010519810303333"].map((first17, i) => ({
  code: personCode(first17),
  name: ["张琦珩", "刘瑾昱", "陈晗蔚"][i]!,
  accountNo: `62170000${first17.slice(-6)}000`,
}))

const records = (): SharedData.MemoryRecords =>
  Object.fromEntries(
    [li, wang, ...extras].map((p) => [
      p.code,
      {
        residentRecord: { name: p.name, region: p.code.slice(0, 6) },
        socialSecurity: { insuredHeadcount: 1, month: "2026-08" },
        payeeAccount: { bank: "长沙银行", accountName: p.name, accountNo: p.accountNo, verifiedOn: "2026-08-01" },
      },
    ]),
  )

const self = (p: typeof li): Yiciban.ActorInput => ({
  id: `person-${p.code.slice(-4)}`,
  roles: ["applicant"],
  subjects: [{ code: p.code, relation: "self" }],
})
const officer: Yiciban.ActorInput = { id: "dpo-cs", roles: ["dataProtectionOfficer"], region: "430100" }
const policyId = "CS-2026-LH-01"

/** Every stored text: events, snapshots, case rows, timers. */
const dump = (storage: RuntimeStore.MemoryStorage) => [
  ...storage.events.events.map((event) => JSON.stringify(event)),
  ...[...storage.events.snapshots.values()].map((snapshot) => JSON.stringify(snapshot)),
  ...[...storage.cases.values()].map((row) => JSON.stringify(row)),
  ...[...storage.timers.values()].map((row) => JSON.stringify(row)),
]

describe("a person's redemption", () => {
  it("seals the person's number, name and account; erasure waits for the open award, then forgets it and keeps the budget", async () => {
    const storage = RuntimeStore.makeMemoryStorage()
    let now = Date.parse("2026-09-10T01:30:00.000Z")
    const yiciban = await createYiciban({
      store: RuntimeStore.memory(storage),
      now: () => now,
      sharedData: SharedData.makeMemory(records(), "湖南省政务数据共享交换平台"),
    })
    const admin = policyAdmin as Yiciban.ActorInput
    await yiciban.policy.execute(
      { _tag: "DraftPolicy", policyId, terms: JSON.parse(JSON.stringify(flexibleWork)) },
      admin,
    )
    await yiciban.policy.execute({ _tag: "PublishPolicy", policyId }, admin)
    const approver = hrApprover as Yiciban.ActorInput
    for (const p of [li, wang]) {
      const about = { policyId, subjectCode: p.code }
      await yiciban.redemption.execute({ _tag: "ApplyForRedemption", ...about, materials: [] }, self(p))
      await yiciban.redemption.execute({ _tag: "AcceptRedemption", ...about }, hrClerk as Yiciban.ActorInput)
    }
    const liAbout = { policyId, subjectCode: li.code }
    await yiciban.redemption.execute({ _tag: "ApproveRedemption", ...liAbout }, approver)
    const paid = await yiciban.redemption.execute(
      { _tag: "DisburseRedemption", ...liAbout, reference: "GK-1" },
      approver,
    )
    expect(paid.state.awards[li.code]?.payee?.accountNo).toBe(li.accountNo)
    // the person reads its own award in full
    expect(await yiciban.redemption.awardOf(policyId, li.code, self(li))).toMatchObject({
      subjectName: li.name,
      status: "disbursed",
      amountFen: 300_000,
    })
    // three more persons apply: the ledger passes a snapshot interval (10 events) with persons in it
    for (const p of extras) {
      await yiciban.redemption.execute(
        { _tag: "ApplyForRedemption", policyId, subjectCode: p.code, materials: [] },
        self(p),
      )
      await yiciban.redemption.execute(
        { _tag: "AcceptRedemption", policyId, subjectCode: p.code },
        hrClerk as Yiciban.ActorInput,
      )
    }
    expect((await yiciban.redemption.load(policyId, approver)).version).toBeGreaterThan(10)
    // nothing of either person is stored in plain: not the number, the name or the account
    for (const p of [li, wang]) expect(Erasure.tracesOf(dump(storage), [p.code, p.name, p.accountNo])).toEqual([])
    expect(storage.events.snapshots.has(`redemption-${policyId}`)).toBe(false)

    // wang's award is open: its erasure is refused; li's is closed (paid)
    now = Date.parse("2026-10-10T01:30:00.000Z")
    await expect(yiciban.erase(wang.code, officer)).rejects.toMatchObject({ _tag: "SubjectHasOpenCases" })
    const erased = await yiciban.erase(li.code, officer)
    expect(erased.cases).toContain(`redemption-${policyId}`)
    expect(Erasure.tracesOf(dump(storage), [li.code, li.name, li.accountNo])).toEqual([])

    // the ledger replays: li's award under the erased code, its amount still committed and paid
    const budget = await yiciban.redemption.budgetOf(policyId, approver)
    expect(budget).toMatchObject({ committedFen: 300_000, disbursedFen: 300_000, remainingFen: 9_700_000 })
    const ledger = await yiciban.redemption.load(policyId, approver)
    expect(Object.keys(ledger.state.awards)).not.toContain(li.code)
    const forgotten = Object.values(ledger.state.awards).find((award) => IdentityCode.isErasedCode(award.subjectCode))
    expect(forgotten).toMatchObject({ subjectName: IdentityCode.erasedName, status: "disbursed", amountFen: 300_000 })
    expect(forgotten?.payee?.accountNo).toBe("erased")
    expect(Erasure.tracesOf([JSON.stringify(ledger)], [li.code, li.name, li.accountNo])).toEqual([])
    // wang, not erased, still reads in full; its award goes on
    expect(ledger.state.awards[wang.code]?.subjectName).toBe(wang.name)
    await yiciban.redemption.execute({ _tag: "ApproveRedemption", policyId, subjectCode: wang.code }, approver)
    expect((await yiciban.redemption.budgetOf(policyId, approver)).committedFen).toBe(600_000)
    await yiciban.close()
  })

  it("a person's facts come from its resident record: an organisation-only policy is not for it, one for persons is", async () => {
    const yiciban = await createYiciban({
      store: RuntimeStore.memory(RuntimeStore.makeMemoryStorage()),
      now: () => Date.parse("2026-09-10T01:30:00.000Z"),
      sharedData: SharedData.makeMemory(records()),
    })
    const admin = policyAdmin as Yiciban.ActorInput
    await yiciban.policy.execute(
      { _tag: "DraftPolicy", policyId, terms: JSON.parse(JSON.stringify(flexibleWork)) },
      admin,
    )
    await yiciban.policy.execute({ _tag: "PublishPolicy", policyId }, admin)
    const eligible = await yiciban.policy.eligibleFor(li.code, "2026-09-10", self(li))
    expect(eligible.map((entry) => entry.policyId)).toEqual([policyId])
    const unknown = personCode("43010419950101888")
    await expect(
      yiciban.redemption.execute(
        { _tag: "ApplyForRedemption", policyId, subjectCode: unknown, materials: [] },
        self({ ...li, code: unknown }),
      ),
    ).rejects.toMatchObject({ rejection: { _tag: "NoSharedRecord", kind: "residentRecord" } })
    await yiciban.close()
  })
})
