/**
 * `yiciban demo`: a compact demo of its own on a PGlite folder or a PostgreSQL server (the flows
 * demo, examples/flows, is a private workspace package that is not published, so the published
 * command cannot run it; docs/cli.md says more). On a simulated clock it publishes a food-business
 * licence matter of 长沙市市场监督管理局, submits two cases on Thursday 24 September 2026: the
 * window clerk accepts the first, nobody acts on the second, and the scheduler, run every morning,
 * deems it accepted (视为受理) the day after its 5th working day — 中秋 and 国庆 do not count — on
 * Saturday 10 October. Then it prints the case list. Every command has a fixed id: a second run
 * on the same store changes nothing.
 */
import { CalendarDate } from "@yiciban/core"
import type { Yiciban } from "@yiciban/runtime"
import type { Command } from "commander"
import type { Context, StoreOptions } from "./context.ts"

const authority = { name: "长沙市市场监督管理局", creditCode: "11430100MB1A38544B", division: "430100" }
const matterCode = "11430100MB1A38544B-000101001000-01"

const material = (code: string, name: string, category: "core" | "secondary") => ({
  code,
  name,
  mandatory: true,
  category,
  originals: 0,
  copies: 1,
  deferrable: false,
  replaceableByCommitment: false,
})

const foodLicence: Yiciban.PublishInput["elements"] = {
  kind: "01",
  name: "食品经营许可",
  legalBasis: [{ document: "《中华人民共和国食品安全法》", provision: "第三十五条" }],
  implementingAuthority: authority,
  conditions: ["具有与经营的食品品种、数量相适应的经营场所"],
  procedure: [
    { name: "受理", description: "材料齐全、符合法定形式的予以受理" },
    { name: "审查", description: "材料审查与现场核查" },
    { name: "决定", description: "作出准予或不予许可的决定" },
  ],
  processingMode: "promised",
  statutoryLimitWorkingDays: 20,
  promisedLimitWorkingDays: 10,
  materials: [
    material("SP01", "食品经营许可申请书", "core"),
    material("SP02", "营业执照", "core"),
    material("SP03", "从业人员健康证明", "secondary"),
  ],
  scope: { subjectTypes: ["enterpriseLegalPerson", "unincorporatedEnterprise"], regions: ["430100"] },
  validity: { _tag: "Fixed", amount: 5, unit: "years" },
  intermediaryServices: [],
  fees: [],
  specialProcedures: ["inspection"],
  extensionAllowed: true,
  ratingEnabled: false,
}

const staff = (id: string, role: "windowClerk" | "catalogueAdmin") =>
  ({ id, roles: [role], authority: authority.creditCode, region: authority.division }) satisfies Yiciban.ActorInput
const admin = staff("catalogue-01", "catalogueAdmin")
const clerk = staff("clerk-07", "windowClerk")
const supervisor: Yiciban.ActorInput = { id: "supervisor-01", roles: ["supervisor"], region: "430100" }

const restaurant = { kind: "enterprise", code: "91430102MA4L0P1T5J", name: "长沙市芙蓉区湘味小厨餐饮店" } as const
const teahouse = { kind: "enterprise", code: "91430100MA4L16JQ9D", name: "长沙市茶颜小馆" } as const
const applicantOf = (id: string, code: string): Yiciban.ActorInput => ({
  id,
  roles: ["applicant"],
  subjects: [{ code, relation: "legalRepresentative" }],
})

/** 09:30 Beijing time on `day`, in epoch milliseconds. */
const morningOf = (day: string) => Date.parse(`${day}T01:30:00.000Z`)

/** The simulated clock the demo moves; pass `now` to `createYiciban`. */
export const demoClock = () => {
  let now = morningOf("2026-09-01")
  return {
    now: () => now,
    set: (day: string) => {
      now = morningOf(day)
    },
  }
}

/** Runs the demo on `yiciban` (opened with `clock.now`), writing what happens to `out`. */
export const runDemo = async (
  yiciban: Yiciban.Yiciban,
  clock: ReturnType<typeof demoClock>,
  out: (line: string) => void,
) => {
  clock.set("2026-09-01")
  const published = await yiciban.matter.publish(
    { implementationCode: matterCode, baseCode: "000101001000", elements: foodLicence },
    admin,
    { commandIdPrefix: "cli-demo/matter" },
  )
  out(`2026-09-01 ${authority.name} publishes ${published.name} (${matterCode})`)

  clock.set("2026-09-24")
  const materials = ["SP01", "SP02", "SP03"].map((code) => ({ code, form: "paper" as const }))
  const cases = [
    { caseNo: "DEMO-2026-000001", applicant: restaurant, actor: applicantOf("xiangwei-01", restaurant.code) },
    { caseNo: "DEMO-2026-000002", applicant: teahouse, actor: applicantOf("chayan-01", teahouse.code) },
  ]
  for (const { caseNo, applicant, actor } of cases) {
    await yiciban.application.submit({ caseNo, applicant, matterCode, materials }, actor, {
      commandId: `cli-demo/${caseNo}/submit`,
    })
    out(`2026-09-24 ${applicant.name} submits ${caseNo}`)
  }
  const accepted = await yiciban.application.execute({ _tag: "AcceptApplication", caseNo: cases[0]!.caseNo }, clerk, {
    commandId: `cli-demo/${cases[0]!.caseNo}/accept`,
  })
  out(`2026-09-24 the window clerk accepts ${cases[0]!.caseNo}: ${accepted.state.phase}`)

  for (let day = CalendarDate.make("2026-09-25"); day <= "2026-10-12"; day = CalendarDate.addDays(day, 1)) {
    clock.set(day)
    for (const fired of await yiciban.runDueTimers()) {
      out(`${day} the scheduler fires ${fired.timer.notice} on ${fired.timer.stream}: ${fired.outcome}`)
    }
  }
  for (const row of await yiciban.cases(supervisor, { category: "application" })) {
    out(`case ${row.id}: ${row.status}, ${row.title ?? ""}`)
  }
}

export const registerDemo = (program: Command, context: Context) => {
  context
    .storeOptions(
      program
        .command("demo")
        .description(
          "a compact demo on a simulated clock: a matter published, two cases submitted, one accepted by the clerk, one deemed accepted by the scheduler after 5 working days (中秋 and 国庆 do not count)",
        ),
    )
    .action(async (options: StoreOptions) => {
      const clock = demoClock()
      const { yiciban, where } = await context.open(options, clock.now)
      try {
        context.out(`demo on ${where}`)
        await runDemo(yiciban, clock, context.out)
      } finally {
        await yiciban.close()
      }
    })
}
