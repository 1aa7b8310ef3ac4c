/**
 * Given / when / then specifications of the `Application` aggregate: every rule of every command,
 * accepted and rejected. (The phase gate of every command in every phase is in
 * Application.transitions.test.ts; real-date scenarios in Application.dates.test.ts.)
 */
import { Result } from "effect"
import { describe, expect, it } from "vitest"
import { Application, CalendarDate, Clock, WorkCalendar } from "../src/index.ts"
import { DeciderSpecification } from "../src/testing.ts"
import {
  allMaterials,
  as,
  caseNo,
  commitment,
  D0,
  date,
  enterprise,
  foodLicence,
  healthRecord,
  LATE,
  paper,
  person,
  play,
  remedies,
  type Step,
  stepsTo,
  type Variant,
} from "./arbitraries/application.ts"

const spec = DeciderSpecification.for(Application.decider)
const given = (phase: Application.Phase, variant?: Variant) => spec.given(play(stepsTo(phase, variant)).events)
const history = (...steps: ReadonlyArray<Step>) => spec.given(play(steps).events)

const submit = (
  materials: ReadonlyArray<Application.SubmittedMaterial> = allMaterials,
  matter = foodLicence,
  day = D0,
): Step => [{ _tag: "SubmitApplication", caseNo, applicant: enterprise, matter, materials }, as("windowClerk", day)]
const accept = (day = D0): Step => [{ _tag: "AcceptApplication", caseNo }, as("windowClerk", day)]
const withoutM03 = ["M01", "M02", "M04"].map(paper)

describe("Application — submission pins the matter", () => {
  it("records the receipt date, the materials and the published terms", () => {
    spec
      .given([])
      .when(submit()[0], as("windowClerk", D0))
      .thenEmits([
        {
          _tag: "ApplicationSubmitted",
          caseNo,
          applicant: enterprise,
          matter: foodLicence,
          materials: allMaterials,
          receivedOn: date(D0),
        },
      ])
  })

  it("judges the case by the pinned version even after the catalogue publishes another", () => {
    const { state } = play([submit()])
    const revised = { ...foodLicence, version: 4, promisedLimitWorkingDays: 3 }
    expect(revised.version).not.toBe(state.matter?.version)
    spec
      .given(play([submit()]).events)
      .when({ _tag: "AcceptApplication", caseNo }, as("windowClerk", D0))
      .thenAccepts((events, after) => {
        expect(after.matter?.version).toBe(3)
        expect(events[0]).toMatchObject({ promisedDueOn: "2026-03-16" }) // 10 working days, not 3
      })
  })

  it("takes a draft through to submission by the same applicant for the drafted matter", () => {
    given("draft")
      .when(submit()[0], as("applicant", D0))
      .thenAccepts((_, state) => expect(state.phase).toBe("submitted"))
    given("draft")
      .when({ ...submit()[0], applicant: person } as Application.Command, as("applicant", D0))
      .thenRejects({ _tag: "ApplicantMismatch", caseNo })
    given("draft").when(submit(allMaterials, healthRecord)[0], as("applicant", D0)).thenRejects({
      _tag: "MatterMismatch",
      drafted: foodLicence.implementationCode,
      submitted: healthRecord.implementationCode,
    })
  })

  it("refuses terms that break the matter's rules", () => {
    const broken = { ...foodLicence, promisedLimitWorkingDays: 30 }
    spec
      .given([])
      .when(submit(allMaterials, broken)[0], as("windowClerk", D0))
      .thenRejects({
        _tag: "InconsistentMatterTerms",
        implementationCode: foodLicence.implementationCode,
        violated: ["promisedWithinStatutory"],
      })
  })

  it("refuses repeated, unknown and wrongly electronic materials", () => {
    const when = (materials: ReadonlyArray<Application.SubmittedMaterial>) =>
      spec.given([]).when(submit(materials)[0], as("windowClerk", D0))
    when([paper("M01"), paper("M01")]).thenRejects({ _tag: "DuplicateMaterialCodes", codes: ["M01"] })
    when([paper("M01"), paper("X99")]).thenRejects({ _tag: "UnknownMaterials", codes: ["X99"] })
    when([{ code: "M01", form: "electronicLicence", licenceNo: "E-1" }]).thenRejects({
      _tag: "ElectronicLicenceNotAccepted",
      codes: ["M01"],
    })
    when([{ code: "M02", form: "electronicLicence", licenceNo: "91430102MA4L0P1T" }]).thenAccepts()
  })
})

describe("Application — the one-time correction notice", () => {
  const missing = (code: string) => ({ code, problem: "missing" as const, note: `请补充${code}` })
  const defective = (code: string) => ({ code, problem: "defective" as const, note: `${code}不符合要求` })
  const request = (items: ReadonlyArray<Application.CorrectionItem>): Application.Command => ({
    _tag: "RequestCorrection",
    caseNo,
    items,
  })
  const partial = () => history(submit(["M01", "M02"].map(paper)))

  it("lists every missing mandatory material, and may add defective ones", () => {
    partial()
      .when(request([missing("M03"), missing("M04"), defective("M02")]), as("windowClerk", D0))
      .thenEmits([
        {
          _tag: "CorrectionRequested",
          caseNo,
          requestedOn: date(D0),
          items: [missing("M03"), missing("M04"), defective("M02")],
          oneTimeNotice: true,
        },
      ])
  })

  it("is rejected when it leaves out a missing mandatory material", () => {
    partial()
      .when(request([missing("M03")]), as("windowClerk", D0))
      .thenRejects({ _tag: "CorrectionNoticeIncomplete", missing: ["M04"] })
  })

  it("does not require a material that is mandatory only in some cases", () => {
    partial()
      .when(request([missing("M03"), missing("M04")]), as("windowClerk", D0))
      .thenAccepts((_, state) => expect(state.toCorrect).toEqual(["M03", "M04"]))
  })

  it("is rejected when empty, repeated, unknown or contradicting the file", () => {
    partial().when(request([]), as("windowClerk", D0)).thenRejects({ _tag: "NothingToCorrect", caseNo })
    partial()
      .when(request([missing("M03"), missing("M03")]), as("windowClerk", D0))
      .thenRejects({ _tag: "DuplicateMaterialCodes", codes: ["M03"] })
    partial()
      .when(request([missing("X01")]), as("windowClerk", D0))
      .thenRejects({ _tag: "UnknownMaterials", codes: ["X01"] })
    partial()
      .when(request([missing("M01"), missing("M03"), missing("M04")]), as("windowClerk", D0))
      .thenRejects({ _tag: "NoticeItemMismatch", code: "M01", problem: "missing" })
    partial()
      .when(request([defective("M03"), missing("M04")]), as("windowClerk", D0))
      .thenRejects({ _tag: "NoticeItemMismatch", code: "M03", problem: "defective" })
  })

  it("is issued on the spot or within 5 working days of receipt", () => {
    // received Monday 2 March 2026: the 5th working day is Monday 9 March
    partial()
      .when(request([missing("M03"), missing("M04")]), as("windowClerk", "2026-03-09"))
      .thenAccepts()
    partial()
      .when(request([missing("M03"), missing("M04")]), as("windowClerk", "2026-03-10"))
      .thenRejects({
        _tag: "AcceptedByLaw",
        command: "RequestCorrection",
        article: "ALL Art 32",
        receivedOn: date(D0),
        deadline: date("2026-03-09"),
        on: date("2026-03-10"),
        message:
          "no correction notice was given by 2026-03-09, the 5th working day after receipt on 2026-03-02: the application is accepted by law from the date of receipt (ALL Art 32), so a correction notice can no longer be given",
      })
  })

  it("a later request may only repeat items of the one-time notice", () => {
    const corrected = [
      submit(["M01", "M02", "M04"].map(paper)),
      [request([missing("M03")]), as("windowClerk", D0)],
      [{ _tag: "ResubmitMaterials", caseNo, materials: [paper("M03")] }, as("applicant", "2026-03-04")],
    ] as const satisfies ReadonlyArray<Step>
    history(...corrected)
      .when(request([defective("M04")]), as("windowClerk", "2026-03-04"))
      .thenRejects({ _tag: "OutsideOneTimeNotice", codes: ["M04"] })
    history(...corrected)
      .when(request([defective("M03")]), as("windowClerk", "2026-03-05"))
      .thenEmits([
        {
          _tag: "CorrectionRequested",
          caseNo,
          requestedOn: date("2026-03-05"),
          items: [defective("M03")],
          oneTimeNotice: false,
        },
      ])
    // the window for a later request counts from the completed resubmission (4 March → 11 March)
    history(...corrected)
      .when(request([defective("M03")]), as("windowClerk", "2026-03-12"))
      .thenRejects({
        _tag: "CorrectionNoticeTooLate",
        receivedOn: date("2026-03-04"),
        deadline: date("2026-03-11"),
        on: date("2026-03-12"),
      })
  })

  it("resubmission: partial stays in correction, complete fixes the completion date", () => {
    const noticed = [
      submit(["M01", "M02"].map(paper)),
      [request([missing("M03"), missing("M04")]), as("windowClerk", D0)],
    ] as const
    history(...noticed)
      .when({ _tag: "ResubmitMaterials", caseNo, materials: [paper("M03")] }, as("applicant", "2026-03-03"))
      .thenAccepts((_, state) => {
        expect(state.phase).toBe("correctionRequested")
        expect(state.toCorrect).toEqual(["M04"])
      })
    history(...noticed, [
      { _tag: "ResubmitMaterials", caseNo, materials: [paper("M03")] },
      as("applicant", "2026-03-03"),
    ])
      .when({ _tag: "ResubmitMaterials", caseNo, materials: [paper("M04")] }, as("applicant", "2026-03-05"))
      .thenAccepts((_, state) => {
        expect(state.phase).toBe("corrected")
        expect(state.completedOn).toBe("2026-03-05")
      })
    history(...noticed)
      .when({ _tag: "ResubmitMaterials", caseNo, materials: [paper("M01")] }, as("applicant", "2026-03-03"))
      .thenRejects({ _tag: "NotRequested", codes: ["M01"] })
    history(...noticed)
      .when({ _tag: "ResubmitMaterials", caseNo, materials: [] }, as("applicant", "2026-03-03"))
      .thenNothingHappens()
  })
})

describe("Application — acceptance", () => {
  it("accepts complete materials: the clock starts and the promised date is fixed", () => {
    history(submit())
      .when({ _tag: "AcceptApplication", caseNo }, as("windowClerk", D0))
      .thenEmits([
        {
          _tag: "ApplicationAccepted",
          caseNo,
          acceptedOn: date(D0),
          recordedOn: date(D0),
          basis: "onReceipt",
          clock: { startedOn: date(D0), promisedLimit: 10, statutoryLimit: 20, yellowWarningDays: 3, pauses: [] },
          promisedDueOn: date("2026-03-16"),
          statutoryDueOn: date("2026-03-30"),
        },
      ])
  })

  it("refuses to accept while a mandatory material is missing", () => {
    history(submit(withoutM03))
      .when({ _tag: "AcceptApplication", caseNo }, as("windowClerk", D0))
      .thenRejects({ _tag: "MandatoryMaterialsMissing", codes: ["M03"] })
  })

  it("after correction, counts from the day the corrected materials were complete", () => {
    given("corrected")
      .when({ _tag: "AcceptApplication", caseNo }, as("windowClerk", "2026-03-04"))
      .thenAccepts((events) =>
        expect(events[0]).toMatchObject({ acceptedOn: D0, recordedOn: "2026-03-04", basis: "afterCorrection" }),
      )
  })

  it("is deemed accepted from the date of receipt once 5 working days pass without a notice", () => {
    history(submit(withoutM03))
      .when({ _tag: "DeemAccepted", caseNo }, as("system", "2026-03-09"))
      .thenRejects({ _tag: "TooEarly", command: "DeemAccepted", earliestOn: date(LATE), on: date("2026-03-09") })
    history(submit(withoutM03))
      .when({ _tag: "DeemAccepted", caseNo }, as("system", LATE))
      .thenAccepts((events, state) => {
        expect(events[0]).toMatchObject({ acceptedOn: D0, recordedOn: LATE, basis: "deemed" })
        expect(state.acceptance?.mode).toBe("ordinary")
      })
  })

  it("sends an immediate matter to the on-the-spot decision", () => {
    given("submitted", "immediate")
      .when({ _tag: "AcceptApplication", caseNo }, as("windowClerk", D0))
      .thenRejects({ _tag: "ImmediateMatter", implementationCode: healthRecord.implementationCode })
  })

  it("declines with written reasons, and refers the applicant when not competent", () => {
    const decline = (ground: Application.DeclineGround, reasons: string, referral?: string): Application.Command => ({
      _tag: "DeclineAcceptance",
      caseNo,
      ground,
      reasons,
      ...(referral === undefined ? {} : { referral }),
    })
    given("submitted")
      .when(decline("noLicenceRequired", "  "), as("windowClerk", D0))
      .thenRejects({ _tag: "TextRequired", field: "reasons" })
    given("submitted")
      .when(decline("notCompetent", "经营地址在天心区"), as("windowClerk", D0))
      .thenRejects({ _tag: "ReferralRequired", caseNo })
    given("submitted")
      .when(decline("notCompetent", "经营地址在天心区", "长沙市天心区市场监督管理局"), as("windowClerk", D0))
      .thenEmits([
        {
          _tag: "AcceptanceDeclined",
          caseNo,
          declinedOn: date(D0),
          ground: "notCompetent",
          reasons: "经营地址在天心区",
          referral: "长沙市天心区市场监督管理局",
        },
      ])
  })
})

describe("Application — tolerant acceptance (容缺受理)", () => {
  const tolerant = (deferred: ReadonlyArray<string>, signed = commitment): Application.Command => ({
    _tag: "AcceptTolerantly",
    caseNo,
    deferred: deferred.map((code) => ({ code, howToSupply: "交窗口或网上上传" })),
    commitment: signed,
  })

  it("accepts with the notice of every deferred item, its deadline, the consequence and the commitment", () => {
    history(submit(withoutM03))
      .when(tolerant(["M03"]), as("windowClerk", D0))
      .thenAccepts((events, state) => {
        expect(events).toEqual([
          expect.objectContaining({
            _tag: "ApplicationAcceptedTolerantly",
            acceptedOn: D0,
            promisedDueOn: "2026-03-16",
            notice: {
              items: [{ code: "M03", name: "从业人员健康证明", howToSupply: "交窗口或网上上传" }],
              supplementBy: "2026-03-09",
              consequence: "terminate",
              resultBeforeSupplement: false,
            },
            commitment,
          }),
        ])
        expect(state.acceptance?.mode).toBe("tolerant")
        expect(Application.outstandingDeferred(state)).toEqual(["M03"])
      })
  })

  it("needs every core material, defers only deferrable ones, and lists every missing one", () => {
    history(submit(["M02", "M04"].map(paper)))
      .when(tolerant(["M03"]), as("windowClerk", D0))
      .thenRejects({ _tag: "CoreMaterialsMissing", codes: ["M01"] })
    history(submit(["M01", "M02"].map(paper)))
      .when(tolerant(["M03", "M04"]), as("windowClerk", D0))
      .thenRejects({ _tag: "MaterialsNotDeferrable", codes: ["M04"] })
    history(submit(["M01", "M02"].map(paper)))
      .when(tolerant(["M03"]), as("windowClerk", D0))
      .thenRejects({ _tag: "DeferralIncomplete", missing: ["M04"] })
    history(submit(allMaterials))
      .when(tolerant([]), as("windowClerk", D0))
      .thenRejects({ _tag: "NothingToDefer", caseNo })
    history(submit(withoutM03))
      .when(tolerant(["M03", "M03"]), as("windowClerk", D0))
      .thenRejects({ _tag: "DuplicateMaterialCodes", codes: ["M03"] })
    history(submit(withoutM03))
      .when(tolerant(["M09"]), as("windowClerk", D0))
      .thenRejects({ _tag: "UnknownMaterials", codes: ["M09"] })
  })

  it("records the applicant's signed commitment", () => {
    history(submit(withoutM03))
      .when(tolerant(["M03"], { signedBy: "李湘", statement: " " }), as("windowClerk", D0))
      .thenRejects({ _tag: "TextRequired", field: "commitment.statement" })
  })

  it("is refused when the matter does not offer it, or for an immediate matter", () => {
    const { tolerantAcceptance: _, ...plain } = foodLicence
    const noTolerance = { ...plain, materials: foodLicence.materials.map((m) => ({ ...m, deferrable: false })) }
    history(submit(withoutM03, noTolerance))
      .when(tolerant(["M03"]), as("windowClerk", D0))
      .thenRejects({ _tag: "TolerantAcceptanceNotOffered", implementationCode: foodLicence.implementationCode })
    given("submitted", "immediate")
      .when(tolerant(["M03"]), as("windowClerk", D0))
      .thenRejects({ _tag: "ImmediateMatter", implementationCode: healthRecord.implementationCode })
  })

  it("never sets a supplement deadline beyond the promised date (terms pinned without the check)", () => {
    const loose = {
      ...foodLicence,
      tolerantAcceptance: { ...foodLicence.tolerantAcceptance!, supplementDeadlineWorkingDays: 12 },
    }
    const received: Application.Event = {
      _tag: "ApplicationSubmitted",
      caseNo,
      applicant: enterprise,
      matter: loose,
      materials: withoutM03,
      receivedOn: date(D0),
    }
    spec
      .given([received])
      .when(tolerant(["M03"]), as("windowClerk", D0))
      .thenRejects({
        _tag: "SupplementDeadlineBeyondPromised",
        supplementBy: date("2026-03-18"),
        promisedDueOn: date("2026-03-16"),
      })
  })

  it("takes supplied deferred materials until the deadline", () => {
    given("underReview", "strict")
      .when({ _tag: "SupplementDeferredMaterials", caseNo, materials: [paper("M03")] }, as("applicant", "2026-03-09"))
      .thenEmits([
        {
          _tag: "DeferredMaterialsSupplied",
          caseNo,
          suppliedOn: date("2026-03-09"),
          materials: [paper("M03")],
          outstanding: [],
        },
      ])
    given("underReview", "strict")
      .when({ _tag: "SupplementDeferredMaterials", caseNo, materials: [paper("M03")] }, as("applicant", LATE))
      .thenRejects({ _tag: "SupplementDeadlinePassed", supplementBy: date("2026-03-09"), on: date(LATE) })
    given("underReview", "strict")
      .when({ _tag: "SupplementDeferredMaterials", caseNo, materials: [paper("M04")] }, as("applicant", D0))
      .thenRejects({ _tag: "NotDeferred", codes: ["M04"] })
    given("underReview", "complete")
      .when({ _tag: "SupplementDeferredMaterials", caseNo, materials: [paper("M03")] }, as("applicant", D0))
      .thenRejects({ _tag: "NoDeferredMaterialsOutstanding", caseNo })
  })

  it("terminates, or suspends, once the supplement deadline has passed (the timer's command)", () => {
    const miss: Application.Command = { _tag: "MissSupplementDeadline", caseNo }
    given("underReview", "strict")
      .when(miss, as("system", "2026-03-09"))
      .thenRejects({
        _tag: "TooEarly",
        command: "MissSupplementDeadline",
        earliestOn: date(LATE),
        on: date("2026-03-09"),
      })
    given("underReview", "strict")
      .when(miss, as("system", LATE))
      .thenEmits([
        {
          _tag: "ApplicationTerminated",
          caseNo,
          terminatedOn: date(LATE),
          supplementBy: date("2026-03-09"),
          outstanding: ["M03"],
        },
      ])
    given("underReview", "lenient")
      .when(miss, as("system", LATE))
      .thenAccepts((_, state) => {
        expect(state.phase).toBe("suspended")
        expect(state.clock !== null && Clock.isPaused(state.clock)).toBe(true)
      })
    given("underReview", "complete")
      .when(miss, as("system", LATE))
      .thenRejects({ _tag: "NoDeferredMaterialsOutstanding", caseNo })
  })

  it("a suspended case resumes when every deferred item is supplied, and its clock with it", () => {
    const { events, state } = play(stepsTo("suspended", "lenient"))
    spec
      .given(events)
      .when({ _tag: "SupplementDeferredMaterials", caseNo, materials: [paper("M03")] }, as("applicant", "2026-03-13"))
      .thenAccepts((produced, after) => {
        expect(produced.map((e) => e._tag)).toEqual(["DeferredMaterialsSupplied", "ApplicationResumed"])
        expect(after.phase).toBe("underReview")
        // suspended 10 March, resumed 13 March: 11, 12 and 13 March did not count
        // while suspended the promised date is not known: it depends on the day the case resumes
        expect(Clock.promisedDueDate(WorkCalendar.chinaMainland, state.clock!)).toEqual(Result.succeed(undefined))
        expect(Application.clockView(after, date("2026-03-13"))).toEqual(
          Result.succeed(expect.objectContaining({ promisedDueOn: "2026-03-19", pausedWorkingDays: 3 })),
        )
      })
  })

  it("a case suspended during a special procedure returns to it, the procedure still holding the clock", () => {
    const steps = [
      ...stepsTo("specialProcedure", "lenient"),
      [{ _tag: "MissSupplementDeadline", caseNo }, as("system", LATE)],
      [{ _tag: "SupplementDeferredMaterials", caseNo, materials: [paper("M03")] }, as("applicant", "2026-03-11")],
    ] as const satisfies ReadonlyArray<Step>
    const { state } = play(steps)
    expect(state.phase).toBe("specialProcedure")
    expect(Clock.isPaused(state.clock!)).toBe(true)
    expect(state.clock!.pauses).toHaveLength(1)
  })

  it("holds the grant and the certificate while deferred materials are outstanding, unless the matter allows", () => {
    given("underReview", "strict")
      .when({ _tag: "GrantApplication", caseNo }, as("approver", D0))
      .thenRejects({ _tag: "DeferredMaterialsOutstanding", codes: ["M03"] })
    given("underReview", "lenient").when({ _tag: "GrantApplication", caseNo }, as("approver", D0)).thenAccepts()
    given("underReview", "strict")
      .when({ _tag: "DenyApplication", caseNo, reasons: "不符合条件", remedies }, as("approver", D0))
      .thenAccepts()
    // a grant recorded with outstanding items (e.g. imported) still blocks the certificate
    const { events } = play(stepsTo("underReview", "strict"))
    const granted: Application.Event = { _tag: "ApplicationGranted", caseNo, decidedOn: date(D0), approver: "head-1" }
    spec
      .given([...events, granted])
      .when({ _tag: "IssueCertificate", caseNo, certificateNo: "JY1" }, as("windowClerk", D0))
      .thenRejects({ _tag: "DeferredMaterialsOutstanding", codes: ["M03"] })
  })
})

describe("Application — decision on the spot (即办件)", () => {
  it("accepts and grants in one step", () => {
    given("submitted", "immediate")
      .when({ _tag: "DecideOnTheSpot", caseNo, outcome: { _tag: "Grant" } }, as("windowClerk", D0))
      .thenAccepts((events, state) => {
        expect(events.map((e) => e._tag)).toEqual(["ApplicationAccepted", "ApplicationGranted"])
        expect(events[0]).toMatchObject({ basis: "onTheSpot", promisedDueOn: D0, statutoryDueOn: D0 })
        expect(state.phase).toBe("granted")
      })
  })

  it("denies with reasons and the remedies", () => {
    given("submitted", "immediate")
      .when(
        { _tag: "DecideOnTheSpot", caseNo, outcome: { _tag: "Deny", reasons: "", remedies } },
        as("windowClerk", D0),
      )
      .thenRejects({ _tag: "TextRequired", field: "outcome.reasons" })
    given("submitted", "immediate")
      .when(
        {
          _tag: "DecideOnTheSpot",
          caseNo,
          outcome: { _tag: "Deny", reasons: "不符合条件", remedies: { ...remedies, litigation: "" } },
        },
        as("windowClerk", D0),
      )
      .thenRejects({ _tag: "TextRequired", field: "outcome.remedies.litigation" })
  })

  it("is only for immediate matters with every mandatory material", () => {
    given("submitted", "complete")
      .when({ _tag: "DecideOnTheSpot", caseNo, outcome: { _tag: "Grant" } }, as("windowClerk", D0))
      .thenRejects({ _tag: "NotImmediateMatter", implementationCode: foodLicence.implementationCode })
    history(submit([paper("M01")], healthRecord))
      .when({ _tag: "DecideOnTheSpot", caseNo, outcome: { _tag: "Grant" } }, as("windowClerk", D0))
      .thenRejects({ _tag: "MandatoryMaterialsMissing", codes: ["M02"] })
  })

  it("after a correction, a decision on a later day needs an explanation", () => {
    given("corrected", "immediate")
      .when({ _tag: "DecideOnTheSpot", caseNo, outcome: { _tag: "Grant" } }, as("windowClerk", "2026-03-03"))
      .thenRejects({ _tag: "OvertimeExplanationRequired", dueOn: date(D0), on: date("2026-03-03") })
    given("corrected", "immediate")
      .when(
        { _tag: "DecideOnTheSpot", caseNo, outcome: { _tag: "Grant" }, overtimeExplanation: "申请人次日到窗口" },
        as("windowClerk", "2026-03-03"),
      )
      .thenAccepts((events) => expect(events[1]).toMatchObject({ overtimeExplanation: "申请人次日到窗口" }))
  })
})

describe("Application — review, special procedures and extension", () => {
  it("records steps of the matter's procedure with the reviewer", () => {
    given("underReview")
      .when({ _tag: "RecordReviewStep", caseNo, step: "审查", opinion: "符合法定形式" }, as("reviewer", D0))
      .thenEmits([
        {
          _tag: "ReviewStepRecorded",
          caseNo,
          step: "审查",
          recordedOn: date(D0),
          reviewer: "reviewer-3",
          opinion: "符合法定形式",
        },
      ])
    given("underReview")
      .when({ _tag: "RecordReviewStep", caseNo, step: "会商", opinion: "同意" }, as("reviewer", D0))
      .thenRejects({ _tag: "UnknownProcedureStep", step: "会商", steps: ["受理", "审查", "决定", "送达"] })
    given("underReview")
      .when({ _tag: "RecordReviewStep", caseNo, step: "审查", opinion: "" }, as("reviewer", D0))
      .thenRejects({ _tag: "TextRequired", field: "opinion" })
  })

  const start = (procedure: Application.StartSpecialProcedure["procedure"], days = 5): Application.Command => ({
    _tag: "StartSpecialProcedure",
    caseNo,
    procedure,
    expectedWorkingDays: days,
    reason: "现场核查",
  })

  it("runs only the special procedures the matter allows, with a whole expected duration", () => {
    given("underReview")
      .when(start("hearing"), as("reviewer", D0))
      .thenRejects({
        _tag: "SpecialProcedureNotAllowed",
        procedure: "hearing",
        allowed: ["inspection", "expertReview"],
      })
    given("underReview")
      .when(start("inspection", 0), as("reviewer", D0))
      .thenRejects({ _tag: "InvalidExpectedDuration", expectedWorkingDays: 0 })
    given("underReview")
      .when(start("inspection", 1.5), as("reviewer", D0))
      .thenRejects({ _tag: "InvalidExpectedDuration", expectedWorkingDays: 1.5 })
  })

  it("a special procedure stops the clock; the due dates move later by exactly the paused working days", () => {
    const steps = [
      ...stepsTo("underReview", "complete"),
      [start("inspection"), as("reviewer", "2026-03-04")],
      [{ _tag: "EndSpecialProcedure", caseNo, outcome: "现场核查合格" }, as("reviewer", "2026-03-11")],
    ] as const satisfies ReadonlyArray<Step>
    const { state } = play(steps)
    // paused 4 → 11 March: 5, 6, 9, 10, 11 March do not count
    expect(Application.clockView(state, date("2026-03-11"))).toEqual(
      Result.succeed(
        expect.objectContaining({
          promisedDueOn: "2026-03-23",
          statutoryDueOn: "2026-04-07",
          pausedWorkingDays: 5,
          elapsedWorkingDays: 2,
        }),
      ),
    )
    expect(state.specialProcedures).toEqual([
      {
        procedure: "inspection",
        startedOn: "2026-03-04",
        endedOn: "2026-03-11",
        expectedWorkingDays: 5,
        reason: "现场核查",
      },
    ])
  })

  it("extends once by 10 working days, with the approver and the reason, before the statutory date", () => {
    const extend: Application.Command = {
      _tag: "ExtendTimeLimit",
      caseNo,
      reason: "涉及三处经营场所",
      noticeToApplicant: "延长办理期限十个工作日，理由已告知",
    }
    given("underReview")
      .when(extend, as("authorityHead", D0))
      .thenEmits([
        {
          _tag: "TimeLimitExtended",
          caseNo,
          extendedOn: date(D0),
          workingDays: 10,
          approver: "director-1",
          reason: "涉及三处经营场所",
          noticeToApplicant: "延长办理期限十个工作日，理由已告知",
          applicantInformedOn: date(D0),
        },
      ])
    history(...stepsTo("underReview"), [extend, as("authorityHead", D0)])
      .when(extend, as("authorityHead", D0))
      .thenRejects({ _tag: "AlreadyExtended", workingDays: 10, approver: "director-1" })
    given("underReview")
      .when(extend, as("authorityHead", "2026-03-31"))
      .thenRejects({ _tag: "ExtensionTooLate", statutoryDueOn: date("2026-03-30"), on: date("2026-03-31") })
    given("underReview")
      .when({ ...extend, reason: "" }, as("authorityHead", D0))
      .thenRejects({ _tag: "TextRequired", field: "reason" })
    const noExtension = { ...foodLicence, extensionAllowed: false }
    history(submit(allMaterials, noExtension), accept())
      .when(extend, as("authorityHead", D0))
      .thenRejects({ _tag: "ExtensionNotAllowed", implementationCode: foodLicence.implementationCode })
  })
})

describe("Application — decision, certificate and exits", () => {
  it("grants, and past the promised date only with an explanation (Decree 722 Art 36)", () => {
    given("underReview", "complete")
      .when({ _tag: "GrantApplication", caseNo }, as("approver", "2026-03-16"))
      .thenEmits([{ _tag: "ApplicationGranted", caseNo, decidedOn: date("2026-03-16"), approver: "head-1" }])
    given("underReview", "complete")
      .when({ _tag: "GrantApplication", caseNo }, as("approver", "2026-03-17"))
      .thenRejects({ _tag: "OvertimeExplanationRequired", dueOn: date("2026-03-16"), on: date("2026-03-17") })
    given("underReview", "complete")
      .when({ _tag: "GrantApplication", caseNo, overtimeExplanation: "  " }, as("approver", "2026-03-17"))
      .thenRejects({ _tag: "OvertimeExplanationRequired", dueOn: date("2026-03-16"), on: date("2026-03-17") })
    given("underReview", "complete")
      .when({ _tag: "GrantApplication", caseNo, overtimeExplanation: "系统故障两日" }, as("approver", "2026-03-17"))
      .thenAccepts((_, state) => expect(state.decision).toMatchObject({ overtimeExplanation: "系统故障两日" }))
  })

  it("denies with reasons and the right to administrative review or litigation (ALL Art 38)", () => {
    const deny = (reasons: string, notice = remedies): Application.Command => ({
      _tag: "DenyApplication",
      caseNo,
      reasons,
      remedies: notice,
    })
    given("underReview", "complete")
      .when(deny(""), as("approver", D0))
      .thenRejects({ _tag: "TextRequired", field: "reasons" })
    given("underReview", "complete")
      .when(deny("不符合条件", { ...remedies, administrativeReview: "" }), as("approver", D0))
      .thenRejects({ _tag: "TextRequired", field: "remedies.administrativeReview" })
    given("underReview", "complete")
      .when(deny("不符合条件"), as("approver", "2026-03-17"))
      .thenRejects({ _tag: "OvertimeExplanationRequired", dueOn: date("2026-03-16"), on: date("2026-03-17") })
    given("underReview", "complete")
      .when(deny("经营场所不符合要求"), as("approver", D0))
      .thenEmits([
        {
          _tag: "ApplicationDenied",
          caseNo,
          decidedOn: date(D0),
          approver: "head-1",
          reasons: "经营场所不符合要求",
          remedies,
        },
      ])
  })

  it("issues the certificate within 10 working days of the decision, possibly as an electronic licence", () => {
    const issue = (day: string, extra: Partial<Application.IssueCertificate> = {}) =>
      given("granted", "complete").when(
        { _tag: "IssueCertificate", caseNo, certificateNo: "JY14301020001234", ...extra },
        as("windowClerk", day),
      )
    issue("2026-03-16", { electronicLicence: { licenceType: "食品经营许可证", licenceNo: "E-JY1430102" } }).thenEmits([
      {
        _tag: "CertificateIssued",
        caseNo,
        issuedOn: date("2026-03-16"),
        certificateNo: "JY14301020001234",
        electronicLicence: { licenceType: "食品经营许可证", licenceNo: "E-JY1430102" },
      },
    ])
    issue("2026-03-17").thenRejects({
      _tag: "OvertimeExplanationRequired",
      dueOn: date("2026-03-16"),
      on: date("2026-03-17"),
    })
    issue("2026-03-17", { lateExplanation: "申请人延后领取" }).thenAccepts((_, state) =>
      expect(state.phase).toBe("concluded"),
    )
    issue(D0, { certificateNo: " " }).thenRejects({ _tag: "TextRequired", field: "certificateNo" })
  })

  it("takes the applicant's withdrawal before a decision", () => {
    given("specialProcedure")
      .when({ _tag: "WithdrawApplication", caseNo, reason: "不再经营" }, as("agent", D0))
      .thenEmits([{ _tag: "ApplicationWithdrawn", caseNo, withdrawnOn: date(D0), reason: "不再经营" }])
  })

  it("rescinds a grant with its legal basis and reasons", () => {
    given("concluded")
      .when({ _tag: "RescindGrant", caseNo, legalBasis: "", reasons: "虚假承诺" }, as("approver", D0))
      .thenRejects({ _tag: "TextRequired", field: "legalBasis" })
    given("concluded")
      .when(
        { _tag: "RescindGrant", caseNo, legalBasis: "《行政许可法》第六十九条", reasons: "虚假承诺" },
        as("approver", D0),
      )
      .thenEmits([
        {
          _tag: "GrantRescinded",
          caseNo,
          rescindedOn: date(D0),
          legalBasis: "《行政许可法》第六十九条",
          reasons: "虚假承诺",
          approver: "head-1",
        },
      ])
  })
})

describe("Application — checks every command passes first", () => {
  it("rejects a command for another case", () => {
    given("underReview")
      .when({ _tag: "GrantApplication", caseNo: "OTHER-1" }, as("approver", D0))
      .thenRejects({ _tag: "WrongCase", expected: caseNo, received: "OTHER-1" })
  })

  it("rejects a context whose instant is not a date", () => {
    given("underReview")
      .when({ _tag: "GrantApplication", caseNo }, { ...as("approver", D0), now: "yesterday" })
      .thenRejects({ _tag: "InvalidInstant", now: "yesterday" })
  })

  it("rejects an instant without a zone or on an impossible date instead of throwing", () => {
    for (const now of ["2026-03-05T09:00:00", "2026-02-30T01:00:00Z"]) {
      given("underReview")
        .when({ _tag: "GrantApplication", caseNo }, { ...as("approver", D0), now })
        .thenRejects({ _tag: "InvalidInstant", now })
    }
  })

  it("rejects a command dated before the latest date on record", () => {
    history(submit(allMaterials, foodLicence, "2026-03-05"))
      .when({ _tag: "AcceptApplication", caseNo }, as("windowClerk", "2026-03-04"))
      .thenRejects({ _tag: "DateOutOfOrder", on: date("2026-03-04"), lastRecordedOn: date("2026-03-05") })
  })

  it("uses the working day in Beijing: 17:00 UTC on 30 September is 1 October", () => {
    spec
      .given([])
      .when(submit()[0], { ...as("windowClerk", D0), now: "2026-09-30T17:00:00.000Z" })
      .thenAccepts((_, state) => expect(state.receivedOn).toBe("2026-10-01"))
  })

  it("turns a date the calendar does not cover into a typed rejection", () => {
    // the shipped calendar without its provisional years covers 2020–2026 only
    const official = Application.makeDecider({ calendar: WorkCalendar.officialYears(WorkCalendar.chinaMainland) })
    const strict = (...steps: ReadonlyArray<Step>) =>
      DeciderSpecification.for(official).given(play(steps, official).events)
    strict(submit(allMaterials, foodLicence, "2026-12-21"))
      .when({ _tag: "AcceptApplication", caseNo }, as("windowClerk", "2026-12-21"))
      .thenRejects((rejection) => rejection._tag === "CalendarNotCovered" && rejection.date === "2027-01-01")
    strict(submit(allMaterials, foodLicence, "2027-01-04"))
      .when({ _tag: "AcceptApplication", caseNo }, as("windowClerk", "2027-01-04"))
      .thenRejects((rejection) => rejection._tag === "CalendarNotCovered" && rejection.coveredYears.includes(2026))
    // the shipped calendar accepts, provisionally
    history(submit(allMaterials, foodLicence, "2026-12-21"))
      .when({ _tag: "AcceptApplication", caseNo }, as("windowClerk", "2026-12-21"))
      .thenAccepts((events) => expect(events).toMatchObject([{ _tag: "ApplicationAccepted", provisional: true }]))
  })

  it("counts with the calendar and warning days it was made with", () => {
    const withOwnYear = Application.makeDecider({
      calendar: {
        years: {
          ...WorkCalendar.chinaMainland.years,
          "2027": { holidays: [CalendarDate.make("2027-01-01")], makeUpWorkdays: [], source: "test" },
        },
      },
      yellowWarningDays: 5,
    })
    const steps = [submit(allMaterials, foodLicence, "2026-12-21"), accept("2026-12-21")] as const
    const { events } = play(steps, withOwnYear)
    expect(events[1]).toMatchObject({ promisedDueOn: "2027-01-05", clock: { yellowWarningDays: 5 } })
    expect(() => Application.makeDecider({ calendar: WorkCalendar.chinaMainland, yellowWarningDays: -1 })).toThrow(
      RangeError,
    )
  })
})
