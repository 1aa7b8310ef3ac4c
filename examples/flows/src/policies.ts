/**
 * The policy demo (政策兑现): three policies published in the policy library, searched in Chinese,
 * a 稳岗补贴 paid automatically from shared data (免申即享, 直兑直达), a 创业担保贷款贴息 applied for,
 * jointly reviewed with the finance bureau and paid, and the budget left of each — all through the
 * Promise facade, as a host would.
 */
import { CalendarDate, type Policy } from "@yiciban/core"
import { SharedData, type Yiciban } from "@yiciban/runtime"
import type { SimulatedClock } from "./clock.ts"

type RedemptionCommand = Yiciban.RedemptionCommand

const hr = { creditCode: "11430100006183245G", name: "长沙市人力资源和社会保障局", division: "430100" }
const finance = { creditCode: "11430100006184001K", name: "长沙市财政局", division: "430100" }
const shenzhen = { creditCode: "11440300007542391T", name: "深圳市文化广电旅游体育局", division: "440300" }
const restaurant = "91430102MA4L0P1T5J"
const snackBar = "91430103MA4L16JQ9Q"
const bookshop = "91430104MA4L2A7X69"

/**
 * What the province's data-sharing platform knows of three businesses of 长沙 (the demo opens
 * Yiciban with it: `createYiciban({ sharedData })`).
 */
export const sharedData = SharedData.makeMemory(
  {
    [restaurant]: {
      businessRegistration: {
        name: "长沙湘味餐饮有限公司",
        subjectKind: "enterprise",
        industryCodes: ["H621"],
        region: "430102",
        registeredCapitalFen: 50_000_000,
        employeeCount: 18,
      },
      socialSecurity: { insuredHeadcount: 18, month: "2026-10" },
      payeeAccount: {
        bank: "长沙银行",
        accountName: "长沙湘味餐饮有限公司",
        accountNo: "6222000012340001",
        verifiedOn: "2026-08-01",
      },
    },
    [snackBar]: {
      businessRegistration: {
        name: "长沙星城小吃店有限公司",
        subjectKind: "enterprise",
        industryCodes: ["H622"],
        region: "430103",
        registeredCapitalFen: 3_000_000,
        employeeCount: 6,
      },
      socialSecurity: { insuredHeadcount: 6, month: "2026-10" },
      payeeAccount: {
        bank: "湖南银行",
        accountName: "长沙星城小吃店有限公司",
        accountNo: "6222000012340002",
        verifiedOn: "2026-08-01",
      },
    },
    [bookshop]: {
      businessRegistration: {
        name: "长沙岳麓书店有限公司",
        subjectKind: "enterprise",
        industryCodes: ["F5243"],
        region: "430104",
        registeredCapitalFen: 80_000_000,
        employeeCount: 450,
      },
      socialSecurity: { insuredHeadcount: 400, month: "2026-10" },
    },
  },
  "湖南省政务数据共享交换平台",
)

const window = { opensOn: CalendarDate.make("2026-09-01"), closesOn: CalendarDate.make("2026-12-31") }
const policies: ReadonlyArray<readonly [string, Policy.Terms]> = [
  [
    "CS-2026-WG-01",
    {
      title: "小型微型企业稳岗补贴",
      summary: "对不裁员或少裁员的小型微型企业，按参保职工人数每人1000元发放稳岗补贴，免申即享、直兑直达。",
      keywords: ["稳岗", "失业保险", "援企稳岗"],
      authority: hr,
      legalBasis: "人社部发〔2022〕23号",
      region: "430100",
      industries: [],
      subjectKinds: ["enterprise", "individualBusiness"],
      criteria: [
        { _tag: "AtMost", fact: "employeeCount", value: 300 },
        { _tag: "AtLeast", fact: "insuredHeadcount", value: 1 },
      ],
      amount: { _tag: "PerUnit", unit: "insuredHeadcount", perUnitFen: 100_000, capFen: 3_000_000 },
      budgetFen: 50_000_000,
      window,
      mode: { _tag: "AutoEntitlement", confirmation: "disburseWithoutConfirmation" },
      jointReviewers: [],
      materials: [],
    },
  ],
  [
    "CS-2026-TX-01",
    {
      title: "创业担保贷款贴息",
      summary: "对餐饮服务业小微企业的创业担保贷款，按实际支付利息的50%给予财政贴息，最高2万元。",
      keywords: ["贴息", "创业担保贷款", "小微企业"],
      authority: hr,
      legalBasis: "财金〔2020〕21号",
      region: "430100",
      industries: ["H62"],
      subjectKinds: ["enterprise"],
      criteria: [{ _tag: "AtMost", fact: "employeeCount", value: 100 }],
      amount: { _tag: "PercentOfBase", baseName: "已付利息", basisPoints: 5_000, capFen: 2_000_000 },
      budgetFen: 10_000_000,
      window,
      mode: { _tag: "ApplyAndRedeem" },
      jointReviewers: [finance],
      materials: [{ code: "TX01", name: "贷款合同及付息凭证" }],
    },
  ],
  [
    "SZ-2026-WL-01",
    {
      title: "文旅企业消费券补贴",
      summary: "对参与文旅消费季的旅行社、景区等文化旅游企业给予定额补贴。",
      keywords: ["文旅", "消费券"],
      authority: shenzhen,
      legalBasis: "深文旅〔2026〕3号",
      region: "440300",
      industries: ["L7271"],
      subjectKinds: ["enterprise"],
      criteria: [],
      amount: { _tag: "Fixed", amountFen: 500_000 },
      budgetFen: 20_000_000,
      window,
      mode: { _tag: "ApplyAndRedeem" },
      jointReviewers: [],
      materials: [],
    },
  ],
]

const staff = (
  authority: typeof hr,
  role: "catalogueAdmin" | "windowClerk" | "reviewer" | "approver",
  id: string,
): Yiciban.ActorInput => ({
  id,
  roles: [role],
  authority: authority.creditCode,
  region: authority.division,
})
const yuan = (fen: number) => `${(fen / 100).toLocaleString("zh-CN")} 元`

/** Runs the policy demo through the facade (`yiciban.policy`, `yiciban.redemption`); `print` writes one line. */
export const policyDemo = async (yiciban: Yiciban.Yiciban, clock: SimulatedClock, print: (line: string) => void) => {
  const send = (command: RedemptionCommand, actor: Yiciban.ActorInput, id: string) =>
    yiciban.redemption.execute(command, actor, { commandId: `demo/policy/${id}` })
  clock.set("2026-11-16")
  for (const [policyId, terms] of policies) {
    const admin = staff(terms.authority as typeof hr, "catalogueAdmin", `admin-${terms.authority.division}`)
    await yiciban.policy.execute({ _tag: "DraftPolicy", policyId, terms }, admin, {
      commandId: `demo/policy/${policyId}/DraftPolicy`,
    })
    await yiciban.policy.execute({ _tag: "PublishPolicy", policyId }, admin, {
      commandId: `demo/policy/${policyId}/PublishPolicy`,
    })
    print(`published ${policyId} ${terms.title} (${terms.authority.name}), budget ${yuan(terms.budgetFen)}`)
  }
  const representative: Yiciban.ActorInput = {
    id: "rep-restaurant",
    roles: ["applicant"],
    subjects: [{ code: restaurant, relation: "legalRepresentative" }],
  }
  for (const text of ["餐饮", "小微企业", "稳岗"]) {
    const page = await yiciban.policy.search({ text }, representative)
    print(`search 「${text}」: ${page.items.map((i) => `${i.entry.terms.title} (${i.score})`).join("; ") || "nothing"}`)
  }
  const eligible = await yiciban.policy.eligibleFor(restaurant, clock.today(), representative)
  print(`湘味餐饮 may be eligible for (its facts from shared data): ${eligible.map((e) => e.terms.title).join("、")}`)

  const matched = await yiciban.redemption.matchEntitlements("CS-2026-WG-01")
  print(
    `免申即享 稳岗补贴: offered and approved to ${matched.approved.length} (${matched.passedOver.map((p) => `${p.subjectCode.slice(-4)} ${p.reason}`).join(", ") || "none passed over"})`,
  )
  const approver = staff(hr, "approver", "approver-hr")
  for (const subjectCode of [restaurant, snackBar]) {
    const paid = await send(
      {
        _tag: "DisburseRedemption",
        policyId: "CS-2026-WG-01",
        subjectCode,
        reference: `GK-WG-${subjectCode.slice(-4)}`,
      },
      approver,
      `WG/${subjectCode}/disburse`,
    )
    const event = paid.events.find((e) => e._tag === "RedemptionDisbursed")
    if (event?._tag === "RedemptionDisbursed") {
      print(
        `直达 ${yuan(event.amountFen)} to ${event.payee.accountName} ${event.payee.bank} ${event.payee.accountNo} (account from ${event.payee.provenance.source})`,
      )
    }
  }

  clock.set("2026-11-17")
  const about = { policyId: "CS-2026-TX-01", subjectCode: restaurant }
  await send(
    { _tag: "ApplyForRedemption", ...about, materials: ["TX01"], baseFen: 3_000_000 },
    representative,
    "TX/apply",
  )
  await send({ _tag: "AcceptRedemption", ...about }, staff(hr, "windowClerk", "clerk-hr"), "TX/accept")
  clock.set("2026-11-18")
  await send(
    {
      _tag: "ReviewRedemption",
      ...about,
      department: finance.creditCode,
      agrees: true,
      reasons: "付息凭证与银行流水一致",
    },
    staff(finance, "reviewer", "reviewer-finance"),
    "TX/review",
  )
  clock.set("2026-11-19")
  await send({ _tag: "ApproveRedemption", ...about }, approver, "TX/approve")
  await send({ _tag: "DisburseRedemption", ...about, reference: "GK-TX-0001" }, approver, "TX/disburse")
  const award = await yiciban.redemption.awardOf("CS-2026-TX-01", restaurant, representative)
  print(
    `快申快享 贴息: 湘味餐饮 applied (30 000 元 interest paid), accepted, finance agreed, approved, paid ${yuan(award.amountFen ?? 0)} (${award.status})`,
  )
  for (const policyId of ["CS-2026-WG-01", "CS-2026-TX-01"]) {
    const budget = await yiciban.redemption.budgetOf(policyId, approver)
    print(
      `budget of ${policyId}: ${yuan(budget.budgetFen)}, committed ${yuan(budget.committedFen)}, paid ${yuan(budget.disbursedFen)}, left ${yuan(budget.remainingFen)}`,
    )
  }
}
