/** The hall's labels in Chinese (the default) and English; the toggle is kept in localStorage. */
import { signal } from "./state.ts"

export type Lang = "zh" | "en"

const stored = typeof localStorage === "undefined" ? null : localStorage.getItem("hall-lang")
export const lang = signal<Lang>(stored === "en" ? "en" : "zh")

export const setLang = (next: Lang) => {
  localStorage.setItem("hall-lang", next)
  document.documentElement.lang = next === "zh" ? "zh-CN" : "en"
  lang.set(next)
}

const labels = {
  title: ["政务服务大厅（演示）", "Service hall (demo)"],
  skip: ["跳到正文", "Skip to content"],
  language: ["English", "中文"],
  signIn: ["登录", "Sign in"],
  signOut: ["退出", "Sign out"],
  signInAs: ["选择演示身份", "Pick a demo identity"],
  signInNote: [
    "演示用：身份由服务器根据所选演示账号生成，浏览器不提交任何角色。",
    "Demo only: the server builds the identity of the account you pick; the browser sends no role.",
  ],
  catalogue: ["办事指南", "Catalogue"],
  apply: ["我要办", "Apply"],
  clerk: ["窗口受理", "Window"],
  queue: ["审查审批", "Review queue"],
  supervisor: ["电子监察", "Supervision"],
  today: ["演示日期", "Demo day"],
  search: ["搜索事项", "Search matters"],
  searchPlaceholder: ["例如：食品、广告", "e.g. food, advertising"],
  matterName: ["事项名称", "Matter"],
  legalBasis: ["设定依据", "Legal basis"],
  authority: ["实施主体", "Implementing authority"],
  conditions: ["受理条件", "Conditions"],
  materials: ["申请材料", "Materials to bring"],
  procedure: ["办理流程", "Procedure"],
  timeLimit: ["办理时限", "Time limit"],
  fees: ["收费标准", "Fees"],
  scope: ["服务对象", "Who may apply"],
  workingDays: ["个工作日", "working days"],
  promised: ["承诺", "promised"],
  statutory: ["法定", "statutory"],
  free: ["不收费", "free of charge"],
  tolerantOffered: ["可容缺受理", "Tolerant acceptance offered"],
  commitmentOffered: ["可告知承诺", "Acceptance on commitment offered"],
  deferrable: ["可容缺", "may be deferred"],
  mandatory: ["必须", "mandatory"],
  bundle: ["一件事一次办", "One-thing bundles"],
  policies: ["惠企政策（登录后在“政策兑现”申请）", "Policies (apply under Policies once signed in)"],
  members: ["包含事项", "Matters"],
  jointLimit: ["联办时限", "Joint limit"],
  choose: ["选择", "Choose"],
  declare: ["申报材料（本演示不上传文件，只申报）", "Declare materials (the demo uploads nothing)"],
  submit: ["提交申请", "Submit"],
  myCases: ["我的办件", "My cases"],
  caseNo: ["办件编号", "Case"],
  phase: ["状态", "Status"],
  received: ["收件日期", "Received"],
  dueOn: ["承诺办结日", "Due (promised)"],
  warning: ["预警", "Warning"],
  correctionNotice: ["一次性告知书", "One-time correction notice"],
  answerNotice: ["提交补正材料", "Send the corrected materials"],
  supplement: ["补交容缺材料", "Supplement deferred materials"],
  rate: ["评价本次服务", "Rate this service"],
  level: ["评价等级", "Level"],
  comment: ["意见", "Comment"],
  send: ["提交评价", "Send rating"],
  rated: ["已评价", "Rated"],
  accept: ["受理", "Accept"],
  requestCorrection: ["一次性告知补正", "Send correction notice"],
  acceptTolerantly: ["容缺受理", "Accept tolerantly"],
  acceptOnCommitment: ["告知承诺受理", "Accept on commitment"],
  signedBy: ["承诺人签名", "Signed by"],
  openRating: ["邀请评价", "Invite a rating"],
  conclude: ["发证办结并邀请网上评价", "Issue the licence, conclude, invite an online rating"],
  rateOnline: ["网上评价", "Rate online"],
  negatives: ["差评处理", "Negative ratings"],
  verifyNegative: ["核实", "Verify"],
  rectify: ["立即整改", "Rectify at once"],
  callback: ["回访", "Call back"],
  findings: ["核实情况", "Findings"],
  measures: ["整改措施", "Measures"],
  review: ["审查通过", "Record review"],
  grant: ["准予许可", "Grant"],
  onFile: ["已收材料", "On file"],
  missing: ["缺少", "Missing"],
  nothing: ["暂无", "Nothing"],
  clock: ["演示时钟", "Demo clock"],
  advance: ["时钟前进", "Move the clock"],
  days: ["天", "days"],
  overdue: ["超期与临期办件", "Overdue and nearly overdue"],
  fiveRates: ["好差评“五率”", "The five rates"],
  falseCommitments: ["虚假承诺", "False commitments"],
  exportLog: ["导出并校验监管记录", "Export and verify the record"],
  download: ["下载监管记录（JSON Lines）", "Download the record (JSON Lines)"],
  intact: ["校验通过，记录完整", "Verified: the record is intact"],
  records: ["条记录", "records"],
  month: ["月份", "month"],
  done: ["已完成", "Done"],
  applicant: ["申请人", "Applicant"],
  matter: ["事项", "Matter"],
  fired: ["触发的定时任务", "Timers fired"],
  warnings: ["预警", "Warnings"],
  bundleApply: ["一件事一次办：一表申请", "One-thing bundle: one form"],
  bundleDeclare: ["申报材料（合并清单，每份只交一次）", "Declare materials (the merged list: each once)"],
  bundleSubmit: ["提交一件事申请", "Submit the bundle application"],
  myBundles: ["我的一件事", "My bundle cases"],
  bundleWaiting: ["一件事办件", "Bundle cases"],
  supplementBundle: ["到牵头窗口一次补交容缺材料", "Hand the deferred items to the lead window once"],
  acceptBundle: ["一窗受理（各事项一并受理）", "Accept once for every member"],
  jointDue: ["联办期限", "Joint due date"],
  children: ["子办件", "Member cases"],
  acceptance: ["受理方式", "Acceptance"],
  outcome: ["结果", "Outcome"],
  redeem: ["政策兑现", "Policies"],
  policySearch: ["搜索政策", "Search policies"],
  policySearchPlaceholder: ["例如：贴息、稳岗、小微企业", "e.g. 贴息, 稳岗, 小微企业"],
  found: ["条政策", "policies found"],
  eligible: ["我可能符合的政策", "Policies I may be eligible for"],
  eligibleNote: [
    "根据数据共享平台的登记、社保信息判断，无需自行填报。",
    "Judged on the registration and social-security data shared with the hall; nothing to fill in.",
  ],
  policyMaterials: ["兑现材料", "Materials for the policy"],
  interestPaid: ["已付利息（元）", "Interest paid (yuan)"],
  applyPolicy: ["快申快享：申请兑现", "Apply for it (快申快享)"],
  autoEntitlement: ["免申即享：符合条件的直接兑现，无需申请", "Paid without an application to those who qualify"],
  award: ["兑现情况", "Award"],
  amount: ["金额", "Amount"],
  budgets: ["政策资金使用", "Policy budgets"],
  budget: ["预算", "Budget"],
  committed: ["已核定", "Committed"],
  disbursed: ["已拨付", "Paid"],
  remaining: ["剩余", "Left"],
  policy: ["政策", "Policy"],
  yuan: ["元", "yuan"],
  deny: ["不予许可", "Deny"],
  ledger: ["兑现审核", "Redemption desk"],
  acceptRedemption: ["受理兑现申请", "Accept the application"],
  approveRedemption: ["核定", "Approve"],
  disburse: ["直达拨付", "Pay directly"],
  denyReasons: ["不予许可的理由", "Reasons for the denial"],
  denyReasonsRequired: ["不予许可必须说明理由（行政许可法第三十八条）。", "A denial states its reasons (ALL Art 38)."],
} as const

export type Label = keyof typeof labels
export const t = (key: Label): string => labels[key][lang.get() === "zh" ? 0 : 1]

const phases: Record<string, readonly [string, string]> = {
  submitted: ["已收件，待受理", "received, awaiting acceptance"],
  correctionRequested: ["待补正", "correction requested"],
  corrected: ["已补正，待受理", "corrected, awaiting acceptance"],
  underReview: ["审查中", "under review"],
  specialProcedure: ["特别程序", "special procedure"],
  suspended: ["中止", "suspended"],
  granted: ["准予许可", "granted"],
  concluded: ["已办结", "concluded"],
  denied: ["不予许可", "denied"],
  terminated: ["终止", "terminated"],
  withdrawn: ["已撤回", "withdrawn"],
  accepted: ["已受理，各部门并联办理", "accepted, the departments at work"],
  delivered: ["已统一出件", "delivered"],
  rescinded: ["已撤销（承诺不实）", "rescinded (false commitment)"],
  declined: ["不予受理", "declined"],
}

const acceptances: Record<string, readonly [string, string]> = {
  Ordinary: ["一般受理", "ordinary"],
  Tolerant: ["容缺受理", "tolerant"],
  OnCommitment: ["告知承诺", "on commitment"],
}
export const acceptanceLabel = (tag: string) => acceptances[tag]?.[lang.get() === "zh" ? 0 : 1] ?? tag

const awardStatuses: Record<string, readonly [string, string]> = {
  offered: ["待确认", "offered"],
  applied: ["已申请，待受理", "applied, awaiting acceptance"],
  accepted: ["已受理，审核中", "accepted, under review"],
  approved: ["已核定", "approved"],
  disbursed: ["已拨付到账", "paid"],
  refused: ["不予兑现", "refused"],
  declined: ["已放弃", "declined"],
  rescinded: ["已撤销", "rescinded"],
}
export const awardLabel = (status: string) => awardStatuses[status]?.[lang.get() === "zh" ? 0 : 1] ?? status
export const phaseLabel = (phase: string) => phases[phase]?.[lang.get() === "zh" ? 0 : 1] ?? phase

const levels: Record<string, readonly [string, string]> = {
  normal: ["正常", "on time"],
  yellow: ["黄灯：临近承诺期限", "yellow: promised date near"],
  red: ["红灯：超过承诺期限", "red: promised date passed"],
  overdue: ["超过法定期限", "statutory limit passed"],
}
const subjectTypes: Record<string, readonly [string, string]> = {
  naturalPerson: ["自然人", "natural person"],
  enterpriseLegalPerson: ["企业法人", "enterprise legal person"],
  unincorporatedEnterprise: ["非法人企业", "unincorporated enterprise"],
  individualBusiness: ["个体工商户", "individual business"],
  publicInstitution: ["事业单位", "public institution"],
  socialOrganisation: ["社会组织", "social organisation"],
  otherOrganisation: ["其他组织", "other organisation"],
}
export const subjectTypeLabel = (type: string) => subjectTypes[type]?.[lang.get() === "zh" ? 0 : 1] ?? type

const ratingPhases: Record<string, readonly [string, string]> = {
  invited: ["待评价", "invited"],
  reported: ["差评待核实", "negative, to verify"],
  verified: ["已核实，待整改", "verified, to rectify"],
  rectifying: ["整改中", "rectifying"],
  awaitingCallback: ["已整改，待回访", "rectified, to call back"],
  closed: ["已办结", "closed"],
}
export const ratingPhaseLabel = (phase: string) => ratingPhases[phase]?.[lang.get() === "zh" ? 0 : 1] ?? phase

export const levelLabel = (level: string) => levels[level]?.[lang.get() === "zh" ? 0 : 1] ?? level

export const ratingLevels: ReadonlyArray<readonly [number, string, string]> = [
  [1, "非常满意", "very satisfied"],
  [2, "满意", "satisfied"],
  [3, "基本满意", "basically satisfied"],
  [4, "不满意", "dissatisfied"],
  [5, "非常不满意", "very dissatisfied"],
]

/** The rule that refused a command, in plain words. */
const rules: Record<string, readonly [string, string]> = {
  MandatoryMaterialsMissing: [
    "不能受理：必须提交的材料还没有齐全（行政许可法第三十二条）。请一次性告知补正，或在事项允许时容缺受理。",
    "Cannot accept: mandatory materials are missing (ALL Art 32). Send the one-time correction notice, or accept tolerantly where the matter allows.",
  ],
  CorrectionNoticeIncomplete: [
    "一次性告知必须列出全部缺少的材料，不能分批告知。",
    "The one-time notice must list every missing material at once.",
  ],
  CoreMaterialsMissing: [
    "不能容缺受理：主要材料不齐全，只有次要材料可以容缺。",
    "Cannot accept tolerantly: a core material is missing; only secondary ones may be deferred.",
  ],
  MaterialsNotDeferrable: ["该材料不允许容缺。", "That material may not be deferred."],
  DeferralIncomplete: ["所有缺少的必须材料都要列入容缺清单。", "Every missing mandatory material must be deferred."],
  NothingToDefer: ["材料已齐全，无需容缺，请直接受理。", "Nothing is missing: accept normally."],
  TolerantAcceptanceNotOffered: ["该事项不提供容缺受理。", "This matter offers no tolerant acceptance."],
  ApplicantBarredFromCommitment: [
    "不能按告知承诺办理：申请人有虚假承诺记录，在限制期内不适用告知承诺制。可按一般程序办理：请一次性告知补正所缺材料。",
    "Cannot accept on commitment: the applicant has a false commitment on record and is barred from it for now. The ordinary procedure stays open: send the correction notice for the missing material.",
  ],
  CommitmentNotOffered: ["该事项不适用告知承诺制。", "This matter offers no acceptance on commitment."],
  NotAllowedInPhase: ["办件当前状态下不能办理这一步。", "The case cannot take this step in its current status."],
  AcceptedByLaw: [
    "收件已超过5个工作日未告知补正，依法视为受理，不能再告知补正或不予受理。",
    "Five working days passed without a notice: the case is accepted by law.",
  ],
  NotRequested: ["只能补正告知书列出的材料。", "Only items of the notice may be corrected."],
  NotPermitted: ["您没有办理这一步的权限。", "You may not do this."],
  Unauthenticated: ["请先登录。", "Please sign in first."],
  VersionConflict: ["办件刚被他人更新，请刷新后再试。", "Someone changed the case meanwhile: refresh and try again."],
  InvalidCommand: ["填写的内容不完整或格式不对。", "Something entered is incomplete or malformed."],
  AcceptanceNotAllowed: [
    "不能一窗受理：有事项的必须材料还没有齐全，且不属于该事项可容缺或可承诺替代的材料。",
    "Cannot accept: a member's mandatory material is missing and that member may not defer it or take a commitment for it.",
  ],
  UnknownMaterials: ["申报了一件事材料清单以外的材料。", "A material is not on the bundle's list."],
  DuplicateMaterials: ["同一份材料只需提交一次。", "Each material is handed over once."],
  AlreadyAwarded: ["已经申请过该政策，不能重复申请。", "You have already applied for this policy."],
  NotEligible: ["根据共享数据，暂不符合该政策的条件。", "On the shared data, the conditions are not met."],
  MissingMaterials: ["兑现材料不齐全。", "A material of the policy is missing."],
  WrongMode: ["该政策免申即享，无需申请。", "This policy is paid without an application."],
  JointReviewIncomplete: ["联合审核部门尚未全部同意，不能核定。", "The joint reviewers have not all agreed yet."],
  BudgetExceeded: ["政策资金不足，不能核定。", "The policy's budget would be exceeded."],
  NoVerifiedPayee: ["企业没有经核验的收款账户，不能拨付。", "No verified payee account: nothing can be paid."],
  PolicyNotOpen: ["该政策不在申报期内。", "The policy is not open for applications today."],
}

export interface ApiError {
  readonly status: number
  readonly tag: string
  readonly detail: string
  readonly rejection?: { readonly _tag: string; readonly codes?: ReadonlyArray<string> } | undefined
}

export const plainWords = (error: ApiError): string => {
  const tag = error.rejection?._tag ?? error.tag
  const rule = rules[tag]
  const codes = error.rejection?.codes?.length ? `（${error.rejection.codes.join("、")}）` : ""
  if (rule === undefined) return error.detail
  return `${rule[lang.get() === "zh" ? 0 : 1]}${codes}`
}
