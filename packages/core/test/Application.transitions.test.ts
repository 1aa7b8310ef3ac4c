/**
 * Every legal and every illegal transition of the `Application` aggregate: for each phase and
 * each command, either a valid command of that kind is accepted and leads to a phase the table
 * lists, or it is rejected with exactly `NotAllowedInPhase` (open case) or `ApplicationClosed`
 * (closed case). Also: every command names its roles, and an actor without them is rejected.
 */
import { describe, expect, it } from "vitest"
import { Actor, Application } from "../src/index.ts"
import { DeciderSpecification } from "../src/testing.ts"
import {
  as,
  caseNo,
  commitment,
  D0,
  enterprise,
  foodLicence,
  issuerOf,
  LATE,
  letter,
  noticeOf,
  paper,
  play,
  remedies,
  stepsTo,
  type Variant,
  withCredit,
} from "./arbitraries/application.ts"

const spec = DeciderSpecification.for(Application.decider)

/**
 * A valid command of each kind for a phase the table allows it in, the fixture it needs, whether
 * it waits for a timer and whether it needs the applicant's credit standing.
 */
const legal: {
  readonly [K in Application.CommandTag]: (phase: Application.Phase) => {
    readonly command: Extract<Application.Command, { _tag: K }>
    readonly variant?: Variant
    readonly late?: boolean
    readonly credit?: boolean
  }
} = {
  DraftApplication: () => ({
    command: { _tag: "DraftApplication", caseNo, applicant: enterprise, matterCode: foodLicence.implementationCode },
  }),
  SubmitApplication: () => ({
    command: {
      _tag: "SubmitApplication",
      caseNo,
      applicant: enterprise,
      matter: foodLicence,
      materials: [paper("M01")],
    },
    variant: "complete",
  }),
  RequestCorrection: (phase) => ({
    command: {
      _tag: "RequestCorrection",
      caseNo,
      items:
        phase === "corrected" ? [{ code: "M03", problem: "defective", note: "健康证明已过期" }] : noticeOf("lenient"),
    },
  }),
  ResubmitMaterials: () => ({ command: { _tag: "ResubmitMaterials", caseNo, materials: [paper("M03")] } }),
  AcceptApplication: (phase) => ({
    command: { _tag: "AcceptApplication", caseNo },
    variant: phase === "submitted" ? "complete" : "lenient",
  }),
  AcceptTolerantly: () => ({
    command: { _tag: "AcceptTolerantly", caseNo, deferred: [{ code: "M03", howToSupply: "网上上传" }], commitment },
  }),
  DeemAccepted: () => ({ command: { _tag: "DeemAccepted", caseNo }, late: true }),
  DeclineAcceptance: () => ({
    command: {
      _tag: "DeclineAcceptance",
      caseNo,
      ground: "notCompetent",
      reasons: "不属于本机关职权",
      referral: "长沙市芙蓉区市场监督管理局",
    },
  }),
  DecideOnTheSpot: () => ({
    command: { _tag: "DecideOnTheSpot", caseNo, outcome: { _tag: "Grant" } },
    variant: "immediate",
  }),
  RecordReviewStep: () => ({
    command: { _tag: "RecordReviewStep", caseNo, step: "审查", opinion: "材料齐全，符合法定形式" },
  }),
  StartSpecialProcedure: () => ({
    command: {
      _tag: "StartSpecialProcedure",
      caseNo,
      procedure: "expertReview",
      expectedWorkingDays: 10,
      reason: "新工艺需专家评审",
    },
  }),
  EndSpecialProcedure: () => ({ command: { _tag: "EndSpecialProcedure", caseNo, outcome: "现场核查合格" } }),
  ExtendTimeLimit: () => ({
    command: {
      _tag: "ExtendTimeLimit",
      caseNo,
      reason: "涉及多个经营场所",
      noticeToApplicant: "延长办理期限十个工作日，理由已告知",
    },
  }),
  SupplementDeferredMaterials: () => ({
    command: { _tag: "SupplementDeferredMaterials", caseNo, materials: [paper("M03")] },
  }),
  MissSupplementDeadline: () => ({ command: { _tag: "MissSupplementDeadline", caseNo }, late: true }),
  GrantApplication: () => ({ command: { _tag: "GrantApplication", caseNo } }),
  DenyApplication: () => ({ command: { _tag: "DenyApplication", caseNo, reasons: "不符合许可条件", remedies } }),
  IssueCertificate: () => ({ command: { _tag: "IssueCertificate", caseNo, certificateNo: "JY14301020001234" } }),
  WithdrawApplication: () => ({ command: { _tag: "WithdrawApplication", caseNo, reason: "" } }),
  RescindGrant: () => ({
    command: { _tag: "RescindGrant", caseNo, legalBasis: "《行政许可法》第六十九条", reasons: "以欺骗手段取得许可" },
  }),
  AcceptOnCommitment: () => ({
    command: {
      _tag: "AcceptOnCommitment",
      caseNo,
      letter,
      businessLicence: { variant: "meetsNow" },
      grantOnTheSpot: true,
    },
    variant: "commitment",
    credit: true,
  }),
  SubmitComplianceProof: () => ({
    command: { _tag: "SubmitComplianceProof", caseNo, description: "提交经营场所验收照片" },
    variant: "willMeetBy",
  }),
  MissComplianceDeadline: () => ({
    command: { _tag: "MissComplianceDeadline", caseNo },
    variant: "willMeetBy",
    late: true,
  }),
  RecordVerification: () => ({
    command: {
      _tag: "RecordVerification",
      caseNo,
      method: "dataCheck",
      outcome: { _tag: "Confirmed", findings: "数据比对属实" },
    },
    variant: "commitment",
  }),
  RecordFraudFinding: () => ({ command: { _tag: "RecordFraudFinding", caseNo, findings: "伪造场地租赁合同" } }),
  CorrectOnTheSpot: () => ({ command: { _tag: "CorrectOnTheSpot", caseNo, items: [{ code: "M01", note: "笔误" }] } }),
}

const tags = Object.keys(Application.requiredRoles) as Array<Application.CommandTag>
const phases = Application.Phase.literals

const cases = phases.flatMap((phase) =>
  tags.map((tag) => ({ phase, tag, allowed: Application.isAllowedIn(tag, phase) })),
)

describe("Application — the transition table", () => {
  it("covers every command and every phase", () => {
    expect(new Set(Application.transitions.map((t) => t.command))).toEqual(new Set(tags))
    const reached = new Set(Application.transitions.flatMap((t) => [t.from, t.to]))
    expect(phases.filter((p) => !reached.has(p))).toEqual([])
  })

  it.each(cases.filter((c) => c.allowed))("$tag in $phase is accepted and follows the table", ({ phase, tag }) => {
    const { command, variant, late, credit } = legal[tag](phase)
    const { events, state } = play(stepsTo(phase, variant))
    expect(state.phase).toBe(phase)
    const last = state.lastRecordedOn ?? D0
    const day = late && last < LATE ? LATE : last
    spec
      .given(events)
      .when(command, credit ? withCredit(issuerOf(tag), day) : as(issuerOf(tag), day))
      .thenAccepts((produced, after) => {
        expect(produced.length).toBeGreaterThan(0)
        expect(Application.followsTransitionTable(state, tag, after)).toBe(true)
        for (const [name, holds] of Application.stateInvariants) expect(holds(after), name).toBe(true)
      })
  })

  it.each(cases.filter((c) => !c.allowed))("$tag in $phase is rejected", ({ phase, tag }) => {
    const { command } = legal[tag](phase)
    const { events, state } = play(stepsTo(phase))
    const expected: Application.Rejection = Application.isClosed(phase)
      ? { _tag: "ApplicationClosed", caseNo, phase, allowed: Application.commandsAllowedIn(phase) }
      : { _tag: "NotAllowedInPhase", command: tag, phase, allowedIn: Application.phasesAllowing(tag) }
    spec
      .given(events)
      .when(command, as(issuerOf(tag), state.lastRecordedOn ?? LATE))
      .thenRejects(expected)
    expect(Application.closedCaseAcceptsOnlyAllowed(phase, tag)).toBe(!Application.isClosed(phase))
  })
})

describe("Application — roles", () => {
  it("every command names the roles that may issue it", () => {
    expect(Application.requiredRoles).toEqual({
      DraftApplication: ["applicant", "agent"],
      SubmitApplication: ["applicant", "agent", "windowClerk", "system"],
      RequestCorrection: ["windowClerk"],
      ResubmitMaterials: ["applicant", "agent", "windowClerk"],
      AcceptApplication: ["windowClerk", "system"],
      AcceptTolerantly: ["windowClerk", "system"],
      DeemAccepted: ["system"],
      DeclineAcceptance: ["windowClerk"],
      DecideOnTheSpot: ["windowClerk", "approver"],
      RecordReviewStep: ["reviewer"],
      StartSpecialProcedure: ["reviewer"],
      EndSpecialProcedure: ["reviewer"],
      ExtendTimeLimit: ["authorityHead"],
      SupplementDeferredMaterials: ["applicant", "agent", "windowClerk", "system"],
      MissSupplementDeadline: ["system"],
      GrantApplication: ["approver"],
      DenyApplication: ["approver"],
      IssueCertificate: ["windowClerk", "approver"],
      WithdrawApplication: ["applicant", "agent"],
      RescindGrant: ["approver"],
      AcceptOnCommitment: ["windowClerk", "approver", "system"],
      SubmitComplianceProof: ["applicant", "agent", "windowClerk"],
      MissComplianceDeadline: ["system"],
      RecordVerification: ["verifier", "approver"],
      RecordFraudFinding: ["verifier", "approver"],
      CorrectOnTheSpot: ["windowClerk"],
    })
  })

  it.each(tags)("%s from an actor without its roles is rejected, naming the roles", (tag) => {
    const phase = Application.phasesAllowing(tag)[0]!
    const { command, variant } = legal[tag](phase)
    const { events } = play(stepsTo(phase, variant))
    const required = Application.requiredRoles[tag]
    const outsider = Actor.Role.literals.filter((role) => !required.includes(role))
    for (const role of outsider) {
      spec
        .given(events)
        .when(command, { now: "2026-03-10T01:30:00.000Z", actor: { id: `someone-${role}`, roles: [role] }, facts: {} })
        .thenRejects({ _tag: "NotAuthorized", command: tag, actorId: `someone-${role}`, required })
    }
  })

  it("an agent may act wherever the applicant may", () => {
    for (const tag of tags) {
      expect(Application.requiredRoles[tag].includes("applicant")).toBe(
        Application.requiredRoles[tag].includes("agent"),
      )
    }
  })
})
