/**
 * The demo actors of the service hall. The sign-in page offers them as a picker; the browser
 * sends only the key of the one it picks, the server keeps the session, and the `authenticate`
 * hook builds the actor from this table on every request. No role ever comes from the browser.
 * A real hall signs people in through the government's unified identity service instead.
 */
import type { Yiciban } from "@yiciban/runtime"

export const bureau = { name: "长沙市市场监督管理局", creditCode: "11430100MB1A38544B", division: "430100" } as const

export const restaurant = {
  kind: "enterprise",
  code: "91430102MA4L0P1T5J",
  name: "长沙市芙蓉区湘味小厨餐饮店",
} as const
export const teahouse = { kind: "enterprise", code: "91430100MA4L16JQ9D", name: "长沙市茶颜小馆" } as const

/** The authority that issues the demo's policies and redeems them. */
export const policyOffice = {
  creditCode: "11430100006183245G",
  name: "长沙市人力资源和社会保障局",
  division: "430100",
} as const

const staff = (id: string, role: Yiciban.ActorInput["roles"][number]): Yiciban.ActorInput => ({
  id,
  roles: [role],
  authority: bureau.creditCode,
  region: bureau.division,
})

/** A demo actor: the key the picker sends, its names in both languages, and the actor. */
export interface DemoActor {
  readonly key: string
  readonly zh: string
  readonly en: string
  /** The page the hall opens after sign-in. */
  readonly home: "apply" | "clerk" | "queue" | "supervisor" | "ledger"
  readonly actor: Yiciban.ActorInput
}

export const demoActors: ReadonlyArray<DemoActor> = [
  {
    key: "xiangwei",
    zh: "李湘（湘味小厨 经营者）",
    en: "Li Xiang (owner, Xiangwei restaurant)",
    home: "apply",
    actor: {
      id: "xiangwei-01",
      roles: ["applicant"],
      subjects: [{ code: restaurant.code, relation: "legalRepresentative" }],
    },
  },
  {
    key: "chayan",
    zh: "陈妍（茶颜小馆 经营者）",
    en: "Chen Yan (owner, Chayan teahouse)",
    home: "apply",
    actor: {
      id: "chayan-01",
      roles: ["applicant"],
      subjects: [{ code: teahouse.code, relation: "legalRepresentative" }],
    },
  },
  {
    key: "clerk",
    zh: "王敏（综合窗口）",
    en: "Wang Min (window clerk)",
    home: "clerk",
    actor: staff("clerk-07", "windowClerk"),
  },
  {
    key: "reviewer",
    zh: "赵刚（审查员）",
    en: "Zhao Gang (reviewer)",
    home: "queue",
    actor: staff("reviewer-03", "reviewer"),
  },
  {
    key: "approver",
    zh: "刘洁（审批负责人）",
    en: "Liu Jie (approver)",
    home: "queue",
    actor: staff("head-01", "approver"),
  },
  {
    key: "policy",
    zh: "孙磊（人社局 政策兑现）",
    en: "Sun Lei (policy redemption, human resources bureau)",
    home: "ledger",
    actor: {
      id: "policy-05",
      roles: ["windowClerk", "approver"],
      authority: policyOffice.creditCode,
      region: policyOffice.division,
    },
  },
  {
    key: "supervisor",
    zh: "周平（电子监察）",
    en: "Zhou Ping (supervisor)",
    home: "supervisor",
    actor: { id: "supervisor-01", roles: ["supervisor"], region: bureau.division },
  },
]

export const demoActor = (key: string): DemoActor | undefined => demoActors.find((a) => a.key === key)

export const actorOf = (key: string): Yiciban.ActorInput => {
  const found = demoActor(key)
  if (found === undefined) throw new Error(`no demo actor ${key}`)
  return found.actor
}
