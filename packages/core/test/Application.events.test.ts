/**
 * Every event of the `Application` aggregate survives a Schema encode → JSON → decode round trip,
 * and replaying a stream reproduces the state the decider reached.
 */
import { Schema } from "effect"
import { describe, expect, it } from "vitest"
import { Application, CalendarDate, Decider } from "../src/index.ts"
import { as, caseNo, D0, foodLicence, person, play, type Step, stepsTo } from "./arbitraries/application.ts"

const encode = Schema.encodeSync(Application.Event)
const decode = Schema.decodeUnknownSync(Application.Event)

/** Histories that, together, produce every event type (and the optional fields). */
const histories: ReadonlyArray<ReadonlyArray<Step>> = [
  ...Application.Phase.literals.map((phase) => stepsTo(phase)),
  ...(["granted", "concluded", "denied", "rescinded"] as const).map((phase) => stepsTo(phase, "complete")),
  ...(["corrected", "granted", "concluded"] as const).map((phase) => stepsTo(phase, "immediate")),
  ...(["terminated", "verified", "rescinded"] as const).map((phase) => stepsTo(phase, "commitment")),
  ...(["verified", "lapsed"] as const).map((phase) => stepsTo(phase, "willMeetBy")),
  [
    ...stepsTo("concluded", "commitment"),
    [
      {
        _tag: "RecordVerification",
        caseNo,
        method: "onSite",
        outcome: { _tag: "ConditionsNotMet", findings: "消毒设施未安装", rectifyBy: CalendarDate.make("2026-03-20") },
      },
      as("verifier", "2026-03-06"),
    ],
    [
      {
        _tag: "RecordVerification",
        caseNo,
        method: "onSite",
        outcome: { _tag: "FalseCommitment", findings: "经营场所系虚构" },
        lateExplanation: "整改期间复查",
      },
      as("verifier", "2026-04-20"),
    ],
  ],
  [
    ...stepsTo("concluded", "complete"),
    [{ _tag: "RecordFraudFinding", caseNo, findings: "以欺骗手段取得许可" }, as("verifier", "2026-04-20")],
  ],
  [
    ...stepsTo("submitted"),
    [{ _tag: "CorrectOnTheSpot", caseNo, items: [{ code: "M01", note: "笔误" }] }, as("windowClerk", D0)],
  ],
  [
    ...stepsTo("underReview", "complete"),
    [{ _tag: "RecordReviewStep", caseNo, step: "审查", opinion: "符合" }, as("reviewer", D0)],
    [
      { _tag: "StartSpecialProcedure", caseNo, procedure: "expertReview", expectedWorkingDays: 5, reason: "专家评审" },
      as("reviewer", D0),
    ],
    [{ _tag: "EndSpecialProcedure", caseNo, outcome: "通过" }, as("reviewer", "2026-03-05")],
    [
      { _tag: "ExtendTimeLimit", caseNo, reason: "复杂", noticeToApplicant: "延长办理期限十个工作日，理由已告知" },
      as("authorityHead", "2026-03-05"),
    ],
    [{ _tag: "GrantApplication", caseNo, overtimeExplanation: "专家评审延迟" }, as("approver", "2026-03-05")],
    [
      {
        _tag: "IssueCertificate",
        caseNo,
        certificateNo: "JY1",
        electronicLicence: { licenceType: "食品经营许可证", licenceNo: "E-1" },
        lateExplanation: "无",
      },
      as("windowClerk", "2026-03-05"),
    ],
  ],
  [
    ...stepsTo("suspended", "lenient"),
    [
      { _tag: "SupplementDeferredMaterials", caseNo, materials: [{ code: "M03", form: "electronic" }] },
      as("applicant", "2026-03-11"),
    ],
  ],
  [
    ...stepsTo("submitted"),
    [
      { _tag: "DeclineAcceptance", caseNo, ground: "notCompetent", reasons: "属天心区", referral: "天心区市场监管局" },
      as("windowClerk", D0),
    ],
  ],
  [...stepsTo("draft"), [{ _tag: "WithdrawApplication", caseNo, reason: "" }, as("agent", D0)]],
  [
    [
      {
        _tag: "SubmitApplication",
        caseNo,
        applicant: person,
        // open to natural persons (ALL Art 31: the scope must name the applicant's kind)
        matter: { ...foodLicence, scope: { ...foodLicence.scope, subjectTypes: ["naturalPerson"] } },
        materials: [
          { code: "M01", form: "electronic" },
          { code: "M02", form: "electronicLicence", licenceNo: "91430102MA4L0P1T5J" },
        ],
      },
      as("applicant", D0),
    ],
  ],
]

const played = histories.map((steps) => play(steps))

describe("Application events", () => {
  it("the fixtures produce every event type", () => {
    const produced = new Set(played.flatMap(({ events }) => events.map((e) => e._tag)))
    expect([...produced].sort()).toEqual(Object.keys(Application.eventVersions).sort())
  })

  it("every event survives encode → JSON → decode unchanged", () => {
    for (const { events } of played) {
      for (const event of events) {
        expect(decode(JSON.parse(JSON.stringify(encode(event))))).toEqual(event)
      }
    }
  })

  it("replaying the stream reproduces the state, deterministically", () => {
    for (const { events, state } of played) {
      expect(Decider.fold(Application.decider, events)).toEqual(state)
      expect(Application.replayIsDeterministic(events)).toBe(true)
    }
  })

  it("every event version is 1", () => {
    expect(new Set(Object.values(Application.eventVersions))).toEqual(new Set([1]))
  })

  it("the state itself is a schema: a snapshot survives encode → decode", () => {
    const encodeState = Schema.encodeSync(Application.State)
    const decodeState = Schema.decodeUnknownSync(Application.State)
    for (const { state } of played) expect(decodeState(JSON.parse(JSON.stringify(encodeState(state))))).toEqual(state)
  })

  it("a stream that does not decode is not a deterministic replay", () => {
    const { events } = play(stepsTo("underReview", "complete"))
    const corrupted = events.map((e) => (e._tag === "ApplicationAccepted" ? { ...e, acceptedOn: "2026-02-30" } : e))
    expect(Application.replayIsDeterministic(corrupted as Array<Application.Event>)).toBe(false)
  })
})
