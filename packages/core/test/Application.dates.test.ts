/**
 * Real-date scenarios on the mainland China calendar: cases that run across 国庆 and 中秋 2026,
 * 国庆 2025 and 春节 2026. Every expected date is worked out by hand from the State Council's
 * notices (the working days are listed next to each one).
 */
import { Result } from "effect"
import { describe, expect, it } from "vitest"
import { Application } from "../src/index.ts"
import { DeciderSpecification } from "../src/testing.ts"
import {
  allMaterials,
  as,
  caseNo,
  commitment,
  date,
  enterprise,
  foodLicence,
  paper,
  play,
  type Step,
} from "./arbitraries/application.ts"

const spec = DeciderSpecification.for(Application.decider)
const submit = (day: string, materials = allMaterials, matter = foodLicence): Step => [
  { _tag: "SubmitApplication", caseNo, applicant: enterprise, matter, materials },
  as("windowClerk", day),
]
const accept = (day: string): Step => [{ _tag: "AcceptApplication", caseNo }, as("windowClerk", day)]
const view = (state: Application.State, on: string) => {
  const result = Application.clockView(state, date(on))
  if (Result.isFailure(result) || result.success === undefined) throw new Error(`no clock view on ${on}`)
  return result.success
}

describe("a 20-working-day licence accepted the week before 国庆 2026", () => {
  // Accepted Thursday 24 September 2026. 25–27 Sep are 中秋 holidays, 1–7 Oct 国庆, Saturday
  // 10 Oct a make-up working day. Working days: 28, 29, 30 Sep (1–3), 8, 9, 10 Oct (4–6),
  // 12–16 Oct (7–11), 19–23 Oct (12–16), 26–29 Oct (17–20).
  const twenty = { ...foodLicence, statutoryLimitWorkingDays: 20, promisedLimitWorkingDays: 20 }
  const { state } = play([submit("2026-09-24", allMaterials, twenty), accept("2026-09-24")])

  it("fixes the promised and statutory date on Thursday 29 October", () => {
    expect(state.acceptance).toMatchObject({ promisedDueOn: "2026-10-29", statutoryDueOn: "2026-10-29" })
  })

  it("counts the make-up Saturday and none of the holidays", () => {
    expect(view(state, "2026-10-07").elapsedWorkingDays).toBe(3)
    expect(view(state, "2026-10-10").elapsedWorkingDays).toBe(6)
    expect(view(state, "2026-10-11").elapsedWorkingDays).toBe(6)
  })

  it("turns yellow three working days before and overdue after (promised = statutory here)", () => {
    expect(view(state, "2026-10-23").warningLevel).toBe("normal") // 26, 27, 28, 29 remain: 4
    expect(view(state, "2026-10-26").warningLevel).toBe("yellow") // 27, 28, 29 remain: 3
    expect(view(state, "2026-10-29").warningLevel).toBe("yellow")
    expect(view(state, "2026-10-30").warningLevel).toBe("overdue")
  })

  it("an extension moves the statutory date to Thursday 12 November, the promised date stays", () => {
    spec
      .given(play([submit("2026-09-24", allMaterials, twenty), accept("2026-09-24")]).events)
      .when(
        {
          _tag: "ExtendTimeLimit",
          caseNo,
          reason: "三处经营场所需逐一核查",
          noticeToApplicant: "延长办理期限十个工作日，理由已告知",
        },
        as("authorityHead", "2026-10-29"),
      )
      .thenAccepts((_, extended) => {
        // 30 Oct (21), 2–6 Nov (22–26), 9–12 Nov (27–30)
        expect(view(extended, "2026-10-30")).toMatchObject({
          promisedDueOn: "2026-10-29",
          statutoryDueOn: "2026-11-12",
          warningLevel: "red",
          extended: true,
        })
      })
  })

  it("an inspection from 30 September to 9 October stops exactly 8 and 9 October", () => {
    const { state: inspected } = play([
      submit("2026-09-24", allMaterials, twenty),
      accept("2026-09-24"),
      [
        { _tag: "StartSpecialProcedure", caseNo, procedure: "inspection", expectedWorkingDays: 3, reason: "现场核查" },
        as("reviewer", "2026-09-30"),
      ],
      [{ _tag: "EndSpecialProcedure", caseNo, outcome: "合格" }, as("reviewer", "2026-10-09")],
    ])
    expect(view(inspected, "2026-10-09")).toMatchObject({
      elapsedWorkingDays: 3,
      pausedWorkingDays: 2,
      promisedDueOn: "2026-11-02", // 29 Oct + 2 working days: 30 Oct, 2 Nov
    })
    expect(Application.pausedTimeNeverCounts(inspected, date("2026-10-20"))).toBe(true)
  })

  it("the clock freezes at the decision: a grant on 15 October reads the same a month later", () => {
    const { state: granted } = play([
      submit("2026-09-24", allMaterials, twenty),
      accept("2026-09-24"),
      [{ _tag: "GrantApplication", caseNo }, as("approver", "2026-10-15")],
    ])
    expect(view(granted, "2026-11-20")).toMatchObject({
      asOf: "2026-10-15",
      stoppedOn: "2026-10-15",
      elapsedWorkingDays: 10,
      warningLevel: "normal",
    })
  })
})

describe("the promised licence of 10 working days accepted before 国庆 2026", () => {
  const { state } = play([submit("2026-09-24"), accept("2026-09-24")])

  it("is due on 15 October and turns yellow on Monday 12 October, not on the make-up Saturday", () => {
    expect(state.acceptance?.promisedDueOn).toBe("2026-10-15")
    expect(view(state, "2026-10-10").warningLevel).toBe("normal") // 12, 13, 14, 15 remain
    expect(view(state, "2026-10-12").warningLevel).toBe("yellow")
    expect(view(state, "2026-10-16").warningLevel).toBe("red")
  })

  it("the certificate of a decision on 29 September is due by 19 October", () => {
    // 30 Sep (1), 8, 9, 10 Oct (2–4), 12–16 Oct (5–9), 19 Oct (10)
    const decided = [
      submit("2026-09-24"),
      accept("2026-09-24"),
      [{ _tag: "GrantApplication", caseNo }, as("approver", "2026-09-29")],
    ] as const
    spec
      .given(play(decided).events)
      .when({ _tag: "IssueCertificate", caseNo, certificateNo: "JY1" }, as("windowClerk", "2026-10-19"))
      .thenAccepts()
    spec
      .given(play(decided).events)
      .when({ _tag: "IssueCertificate", caseNo, certificateNo: "JY1" }, as("windowClerk", "2026-10-20"))
      .thenRejects({ _tag: "OvertimeExplanationRequired", dueOn: date("2026-10-19"), on: date("2026-10-20") })
  })

  it("a notice for materials received on Monday 28 September is due by the make-up Saturday 10 October", () => {
    // 29, 30 Sep (1, 2), 8, 9 Oct (3, 4), Saturday 10 Oct (5)
    const received = play([submit("2026-09-28", ["M01", "M02", "M04"].map(paper))]).events
    const notice: Application.Command = {
      _tag: "RequestCorrection",
      caseNo,
      items: [{ code: "M03", problem: "missing", note: "请补充健康证明" }],
    }
    spec.given(received).when(notice, as("windowClerk", "2026-10-10")).thenAccepts()
    spec
      .given(received)
      .when(notice, as("windowClerk", "2026-10-12"))
      .thenRejects({
        _tag: "AcceptedByLaw",
        command: "RequestCorrection",
        article: "ALL Art 32",
        receivedOn: date("2026-09-28"),
        deadline: date("2026-10-10"),
        on: date("2026-10-12"),
        message:
          "no correction notice was given by 2026-10-10, the 5th working day after receipt on 2026-09-28: the application is accepted by law from the date of receipt (ALL Art 32), so a correction notice can no longer be given",
      })
    spec
      .given(received)
      .when({ _tag: "DeemAccepted", caseNo }, as("system", "2026-10-10"))
      .thenRejects({
        _tag: "TooEarly",
        command: "DeemAccepted",
        earliestOn: date("2026-10-11"),
        on: date("2026-10-10"),
      })
  })
})

describe("国庆 2025", () => {
  it("a licence accepted on Friday 26 September 2025 is due on 16 October", () => {
    // Sunday 28 Sep make-up (1), 29, 30 Sep (2, 3), 1–8 Oct holidays, 9, 10 Oct (4, 5),
    // Saturday 11 Oct make-up (6), 13–16 Oct (7–10)
    const { state } = play([submit("2025-09-26"), accept("2025-09-26")])
    expect(state.acceptance?.promisedDueOn).toBe("2025-10-16")
  })
})

describe("春节 2026", () => {
  // 15–23 February 2026 are holidays; Saturdays 14 and 28 February are make-up working days.
  const partial = ["M01", "M02", "M04"].map(paper)

  it("a correction notice for materials received on Thursday 12 February is due by 26 February", () => {
    // 13 Feb (1), Saturday 14 Feb (2), 24, 25, 26 Feb (3–5)
    const received = play([submit("2026-02-12", partial)]).events
    const notice: Application.Command = {
      _tag: "RequestCorrection",
      caseNo,
      items: [{ code: "M03", problem: "missing", note: "请补充健康证明" }],
    }
    spec.given(received).when(notice, as("windowClerk", "2026-02-26")).thenAccepts()
    spec
      .given(received)
      .when(notice, as("windowClerk", "2026-02-27"))
      .thenRejects({
        _tag: "AcceptedByLaw",
        command: "RequestCorrection",
        article: "ALL Art 32",
        receivedOn: date("2026-02-12"),
        deadline: date("2026-02-26"),
        on: date("2026-02-27"),
        message:
          "no correction notice was given by 2026-02-26, the 5th working day after receipt on 2026-02-12: the application is accepted by law from the date of receipt (ALL Art 32), so a correction notice can no longer be given",
      })
  })

  it("without a notice, the case is deemed accepted from 12 February and due on 4 March", () => {
    const received = play([submit("2026-02-12", partial)]).events
    spec
      .given(received)
      .when({ _tag: "DeemAccepted", caseNo }, as("system", "2026-02-26"))
      .thenRejects({
        _tag: "TooEarly",
        command: "DeemAccepted",
        earliestOn: date("2026-02-27"),
        on: date("2026-02-26"),
      })
    // from 12 Feb: 13, 14 (1, 2), 24–27 (3–6), Saturday 28 Feb (7), 2, 3, 4 Mar (8–10); statutory 18 Mar
    spec
      .given(received)
      .when({ _tag: "DeemAccepted", caseNo }, as("system", "2026-02-27"))
      .thenAccepts((events) =>
        expect(events[0]).toMatchObject({
          acceptedOn: "2026-02-12",
          recordedOn: "2026-02-27",
          basis: "deemed",
          promisedDueOn: "2026-03-04",
          statutoryDueOn: "2026-03-18",
        }),
      )
  })

  it("deferred materials of a tolerant acceptance on 13 February are due by 27 February", () => {
    // Saturday 14 Feb (1), 24–27 Feb (2–5)
    const steps: Array<Step> = [
      submit("2026-02-13", partial),
      [
        { _tag: "AcceptTolerantly", caseNo, deferred: [{ code: "M03", howToSupply: "网上上传" }], commitment },
        as("windowClerk", "2026-02-13"),
      ],
    ]
    const { events, state } = play(steps)
    expect(state.deferral?.notice.supplementBy).toBe("2026-02-27")
    spec
      .given(events)
      .when({ _tag: "MissSupplementDeadline", caseNo }, as("system", "2026-02-27"))
      .thenRejects({
        _tag: "TooEarly",
        command: "MissSupplementDeadline",
        earliestOn: date("2026-02-28"),
        on: date("2026-02-27"),
      })
    spec
      .given(events)
      .when({ _tag: "MissSupplementDeadline", caseNo }, as("system", "2026-02-28"))
      .thenAccepts((_, after) => expect(after.phase).toBe("terminated"))
  })
})
