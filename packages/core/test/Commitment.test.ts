/**
 * Given / when / then specifications of notify-and-commit (告知承诺制) in the `Application`
 * aggregate: acceptance on commitment and every rule it checks (the matter, the credit standing,
 * the reapplication bar, the letter, the business-licence variant, the materials), the "will meet
 * by" variant's proof and deadline, and verification with each outcome. The whole flow from a
 * false commitment to a refused re-application is in examples/application (commitment.ts) and in
 * the model-based test.
 */
import { describe, expect, it } from "vitest"
import { Application, CreditRecord, Decider, type PublishedMatter } from "../src/index.ts"
import { DeciderSpecification } from "../src/testing.ts"
import {
  as,
  caseNo,
  cleanStanding,
  commitmentLicence,
  commitmentNotice,
  D0,
  date,
  enterprise,
  exemptLicence,
  foodLicence,
  healthRecord,
  instant,
  LATE,
  letter,
  MEET_BY,
  paper,
  person,
  play,
  recordWith,
  remedies,
  type Step,
  subjectOf,
  withCredit,
} from "./arbitraries/application.ts"

const spec = DeciderSpecification.for(Application.decider)
const history = (...steps: ReadonlyArray<Step>) => spec.given(play(steps).events)

const withoutFloorPlan = ["M01", "M02", "M03"].map(paper)
const submit = (
  materials: ReadonlyArray<Application.SubmittedMaterial> = withoutFloorPlan,
  matter: PublishedMatter.PublishedMatter = commitmentLicence,
  day = D0,
): Step => [{ _tag: "SubmitApplication", caseNo, applicant: enterprise, matter, materials }, as("windowClerk", day)]

const onCommitment = (overrides: Partial<Application.AcceptOnCommitment> = {}): Application.AcceptOnCommitment => ({
  _tag: "AcceptOnCommitment",
  caseNo,
  letter,
  businessLicence: { variant: "meetsNow" },
  grantOnTheSpot: false,
  ...overrides,
})
const accept = (overrides: Partial<Application.AcceptOnCommitment> = {}, day = D0): Step => [
  onCommitment(overrides),
  withCredit("windowClerk", day),
]
const willMeetBy = { businessLicence: { variant: "willMeetBy", meetBy: date(MEET_BY) } } as const
const grant = (day = D0): Step => [{ _tag: "GrantApplication", caseNo }, as("approver", day)]
const certificate = (day = D0): Step => [
  { _tag: "IssueCertificate", caseNo, certificateNo: "JY14301020001234" },
  as("windowClerk", day),
]
const verification = (
  outcome: Application.VerificationOutcome,
  method: PublishedMatter.VerificationMethod = "onSite",
  lateExplanation?: string,
): Application.RecordVerification => ({
  _tag: "RecordVerification",
  caseNo,
  method,
  outcome,
  ...(lateExplanation === undefined ? {} : { lateExplanation }),
})
const verify = (outcome: Application.VerificationOutcome, day = D0): Step => [
  verification(outcome),
  as("verifier", day),
]
const proof = (day = D0): Step => [
  { _tag: "SubmitComplianceProof", caseNo, description: "经营场所改造完成，提交验收照片" },
  as("applicant", day),
]
const confirmed: Application.VerificationOutcome = { _tag: "Confirmed", findings: "现场核查，经营场所与承诺一致" }
const falseCommitment: Application.VerificationOutcome = {
  _tag: "FalseCommitment",
  findings: "现场核查发现承诺的经营场所不存在",
}

/** A standing of the enterprise on `day`, read from a credit record with one entry. */
const standingWith = (
  kind: CreditRecord.EntryKind,
  matterCode: string,
  day: string,
  effectiveOn = "2026-01-05",
  expiresOn?: string,
): CreditRecord.CreditStanding =>
  CreditRecord.standing(recordWith(kind, effectiveOn, matterCode, enterprise, expiresOn), date(day))

describe("Commitment — acceptance on commitment (告知承诺)", () => {
  it("records the notice, the letter, what it replaces, the verification terms, the variant and the standing; the clock starts", () => {
    history(submit())
      .when(onCommitment(), withCredit("windowClerk", D0))
      .thenAccepts((events, state) => {
        expect(events).toHaveLength(1)
        expect(events[0]).toMatchObject({
          _tag: "ApplicationAcceptedOnCommitment",
          acceptedOn: D0,
          recordedOn: D0,
          basis: "onReceipt",
          promisedDueOn: "2026-03-16",
          statutoryDueOn: "2026-03-30",
          notice: commitmentNotice,
          replacedMaterialCodes: ["M04"],
          replacedConditions: ["具有与经营的食品品种、数量相适应的经营场所"],
          verification: { _tag: "Required", periodWorkingDays: 20, methods: ["onSite", "dataCheck"] },
          letter,
          businessLicence: { variant: "meetsNow" },
          creditStanding: cleanStanding(D0),
        })
        expect(state.phase).toBe("underReview")
        expect(state.acceptance?.mode).toBe("commitment")
        expect(Application.codesOnFile(state)).not.toContain("M04") // replaced, never asked for
        expect(Application.verificationStatus(state)).toBe("notDue")
      })
  })

  it("may decide on the spot: the grant schedules verification within the matter's period", () => {
    history(submit())
      .when(onCommitment({ grantOnTheSpot: true }), withCredit("windowClerk", D0))
      .thenAccepts((events, state) => {
        expect(events.map((e) => e._tag)).toEqual([
          "ApplicationAcceptedOnCommitment",
          "ApplicationGranted",
          "VerificationScheduled",
        ])
        expect(events[0]).toMatchObject({ basis: "onTheSpot" })
        expect(events[2]).toEqual({
          _tag: "VerificationScheduled",
          caseNo,
          scheduledOn: D0,
          dueOn: "2026-03-30", // 20 working days from the decision
          methods: ["onSite", "dataCheck"],
        })
        expect(state.phase).toBe("granted")
        expect(Application.licenceEffectiveOn(state)).toBe(D0) // meets the conditions now: at once
        expect(Application.verificationStatus(state)).toBe("pending")
      })
  })

  it("a grant after review schedules it too; an exempt matter schedules none", () => {
    history(submit(), accept())
      .when({ _tag: "GrantApplication", caseNo }, as("approver", "2026-03-04"))
      .thenAccepts((events) => expect(events[1]).toMatchObject({ _tag: "VerificationScheduled", dueOn: "2026-04-01" }))
    history(submit(withoutFloorPlan, exemptLicence))
      .when(onCommitment({ grantOnTheSpot: true }), withCredit("windowClerk", D0))
      .thenAccepts((events, state) => {
        expect(events.map((e) => e._tag)).toEqual(["ApplicationAcceptedOnCommitment", "ApplicationGranted"])
        expect(Application.verificationStatus(state)).toBe("exempt")
      })
  })

  it("after a correction: counts from the completed file, or answers the notice's replaced items today", () => {
    const notice = (...items: ReadonlyArray<Application.CorrectionItem>): Step => [
      { _tag: "RequestCorrection", caseNo, items },
      as("windowClerk", D0),
    ]
    const floorPlan: Application.CorrectionItem = { code: "M04", problem: "missing", note: "平面布局图，或以承诺代替" }
    // the applicant brings the floor plan after all: accepted from the day the file was complete
    history(submit(), notice(floorPlan), [
      { _tag: "ResubmitMaterials", caseNo, materials: [paper("M04")] },
      as("applicant", "2026-03-03"),
    ])
      .when(onCommitment(), withCredit("windowClerk", "2026-03-04"))
      .thenAccepts((events) => expect(events[0]).toMatchObject({ acceptedOn: "2026-03-03", basis: "afterCorrection" }))
    // the commitment answers the floor plan: the file is complete on the day it is signed
    history(
      submit([paper("M01"), paper("M02")]),
      notice({ code: "M03", problem: "missing", note: "健康证明" }, floorPlan),
      [{ _tag: "ResubmitMaterials", caseNo, materials: [paper("M03")] }, as("applicant", "2026-03-03")],
    )
      .when(onCommitment(), withCredit("windowClerk", "2026-03-04"))
      .thenAccepts((events, state) => {
        expect(events[0]).toMatchObject({ acceptedOn: "2026-03-04", basis: "afterCorrection" })
        expect(state.toCorrect).toEqual(["M04"]) // never supplied: replaced
      })
    // an item the commitment does not replace must still be corrected
    history(submit(), notice({ code: "M02", problem: "defective", note: "营业执照复印件不清晰" }, floorPlan))
      .when(onCommitment(), withCredit("windowClerk", D0))
      .thenRejects({ _tag: "CorrectionOutstanding", codes: ["M02"] })
  })

  it("an on-the-spot grant after the promised date needs an explanation", () => {
    const corrected = [
      submit(),
      [
        { _tag: "RequestCorrection", caseNo, items: [{ code: "M04", problem: "missing", note: "平面布局图" }] },
        as("windowClerk", D0),
      ],
      [{ _tag: "ResubmitMaterials", caseNo, materials: [paper("M04")] }, as("applicant", D0)],
    ] as const
    history(...corrected)
      .when(onCommitment({ grantOnTheSpot: true }), withCredit("windowClerk", "2026-03-20"))
      .thenRejects({ _tag: "OvertimeExplanationRequired", dueOn: date("2026-03-16"), on: date("2026-03-20") })
    history(...corrected)
      .when(
        onCommitment({ grantOnTheSpot: true, overtimeExplanation: "申请人补正后未及时到窗口" }),
        withCredit("windowClerk", "2026-03-20"),
      )
      .thenAccepts((events) =>
        expect(events[1]).toMatchObject({
          _tag: "ApplicationGranted",
          overtimeExplanation: "申请人补正后未及时到窗口",
        }),
      )
  })

  it("needs every mandatory material the commitment does not replace", () => {
    history(submit([paper("M01"), paper("M02")]))
      .when(onCommitment(), withCredit("windowClerk", D0))
      .thenRejects({ _tag: "MandatoryMaterialsMissing", codes: ["M03"] })
  })

  it("is refused on a matter that does not offer it, and defensively on one in a barred category", () => {
    history(submit(withoutFloorPlan, foodLicence))
      .when(onCommitment(), withCredit("windowClerk", D0))
      .thenRejects({ _tag: "CommitmentNotOffered", implementationCode: foodLicence.implementationCode })
    // The catalogue never publishes such terms and submission refuses them (InconsistentMatterTerms);
    // a stream written by other means still cannot use them.
    const barred: PublishedMatter.PublishedMatter = {
      ...commitmentLicence,
      commitment: { ...commitmentLicence.commitment!, barredCategories: ["personalHealth"] },
    }
    spec
      .given([])
      .when(submit(withoutFloorPlan, barred)[0], as("windowClerk", D0))
      .thenRejects((r) => r._tag === "InconsistentMatterTerms" && r.violated.includes("commitmentNotBarred"))
    spec
      .given([
        {
          _tag: "ApplicationSubmitted",
          caseNo,
          applicant: enterprise,
          matter: barred,
          materials: withoutFloorPlan,
          receivedOn: date(D0),
        },
      ])
      .when(onCommitment(), withCredit("windowClerk", D0))
      .thenRejects({
        _tag: "CommitmentBarredForMatter",
        implementationCode: barred.implementationCode,
        categories: ["personalHealth"],
      })
  })

  it("on an immediate matter, only with a decision on the spot", () => {
    const immediate: PublishedMatter.PublishedMatter = {
      ...healthRecord,
      commitment: { ...commitmentLicence.commitment!, replacedMaterialCodes: [], businessLicenceVariants: [] },
    }
    const { businessLicence: _chosen, ...withoutVariant } = onCommitment()
    history(submit([paper("M01"), paper("M02")], immediate))
      .when(withoutVariant, withCredit("windowClerk", D0))
      .thenRejects({ _tag: "ImmediateMatter", implementationCode: immediate.implementationCode })
    const { businessLicence: _none, ...plain } = onCommitment({ grantOnTheSpot: true })
    history(submit([paper("M01"), paper("M02")], immediate))
      .when(plain, withCredit("windowClerk", D0))
      .thenAccepts((_, state) => expect(state.phase).toBe("granted"))
  })
})

describe("Commitment — the credit standing fact", () => {
  it("is required, well formed, consistent, the applicant's and of today", () => {
    const problem = (p: Application.CreditStandingUnusable["problem"]) => (r: Application.Rejection) =>
      r._tag === "CreditStandingUnusable" && r.problem === p
    history(submit()).when(onCommitment(), as("windowClerk", D0)).thenRejects(problem("missing"))
    history(submit())
      .when(onCommitment(), {
        ...as("windowClerk", D0),
        facts: { creditStanding: { barred: false } as unknown as CreditRecord.CreditStanding },
      })
      .thenRejects(problem("malformed"))
    history(submit())
      .when(onCommitment(), withCredit("windowClerk", D0, { ...cleanStanding(D0), barredFromCommitment: true }))
      .thenRejects(problem("inconsistent"))
    history(submit())
      .when(onCommitment(), withCredit("windowClerk", D0, cleanStanding(D0, person)))
      .thenRejects(problem("otherSubject"))
    history(submit())
      .when(onCommitment(), withCredit("windowClerk", D0, cleanStanding("2026-02-27")))
      .thenRejects({
        _tag: "CreditStandingUnusable",
        problem: "notToday",
        message: "the credit standing was checked on 2026-02-27, not on 2026-03-02",
      })
  })

  it("a barred applicant is refused commitment, and told the ordinary procedure stays open", () => {
    const standing = CreditRecord.standing(
      {
        subject: subjectOf(enterprise),
        bars: [],
        entries: [
          {
            id: "湖南省发改委/湘发改信用〔2026〕3号/seriousDefault",
            kind: "seriousDefault",
            source: { _tag: "Decision", authority: "湖南省发改委", documentNo: "湘发改信用〔2026〕3号" },
            reason: "列入严重失信主体名单",
            effectiveOn: date("2026-01-10"),
            expiresOn: date("2029-01-10"),
            recordedBy: "supervisor-1",
            repair: null,
            revocation: null,
          },
        ],
      },
      date(D0),
    )
    const barred: Application.Rejection = {
      _tag: "ApplicantBarredFromCommitment",
      reasons: [
        {
          entryId: "湖南省发改委/湘发改信用〔2026〕3号/seriousDefault",
          kind: "seriousDefault",
          expiresOn: date("2029-01-10"),
        },
      ],
      ordinaryProcedureOpen: true,
      message:
        "the applicant's credit record bars notify-and-commit until its entries expire or are repaired; the ordinary procedure with the proofs the matter requires stays open",
    }
    history(submit())
      .when(onCommitment(), withCredit("windowClerk", D0, standing))
      .thenRejects(barred)
    // the ordinary procedure: the same case, with the floor plan, is accepted
    history(submit(["M01", "M02", "M03", "M04"].map(paper)))
      .when(onCommitment(), withCredit("windowClerk", D0, standing))
      .thenRejects(barred)
    history(submit(["M01", "M02", "M03", "M04"].map(paper)))
      .when({ _tag: "AcceptApplication", caseNo }, withCredit("windowClerk", D0, standing))
      .thenAccepts((_, state) => expect(state.acceptance?.mode).toBe("ordinary"))
  })

  it("an earlier false commitment for another matter bars commitment only", () => {
    const standing = standingWith("falseCommitment", "11430100MB1A38544B-000105003000-01", D0)
    spec
      .given([])
      .when(submit()[0], withCredit("windowClerk", D0, standing))
      .thenAccepts((_, state) => expect(state.phase).toBe("submitted"))
    history(submit())
      .when(onCommitment(), withCredit("windowClerk", D0, standing))
      .thenRejects((r) => r._tag === "ApplicantBarredFromCommitment" && r.ordinaryProcedureOpen)
  })

  it("a credit entry from a case of this matter bars commitment only, never a new application (ALL Arts 78, 79 are bars, not credit)", () => {
    const code = commitmentLicence.implementationCode
    for (const kind of ["falseCommitment", "falseMaterials", "fraudInSafetyHealthProperty"] as const) {
      const standing = standingWith(kind, code, D0)
      spec
        .given([])
        .when(submit()[0], withCredit("windowClerk", D0, standing))
        .thenAccepts(() => {})
      history(submit())
        .when(onCommitment(), withCredit("windowClerk", D0, standing))
        .thenRejects((r) => r._tag === "ApplicantBarredFromCommitment" && r.ordinaryProcedureOpen)
    }
    // a serious default from a decision names no matter: commitment is barred, applying is not
    const decision = CreditRecord.standing(
      {
        subject: subjectOf(enterprise),
        bars: [],
        entries: [
          {
            id: "d/1/seriousDefault",
            kind: "seriousDefault",
            source: { _tag: "Decision", authority: "d", documentNo: "1" },
            reason: "严重失信",
            effectiveOn: date("2026-01-05"),
            expiresOn: date("2027-01-05"),
            recordedBy: "s",
            repair: null,
            revocation: null,
          },
        ],
      },
      date(D0),
    )
    spec
      .given([])
      .when(submit()[0], withCredit("windowClerk", D0, decision))
      .thenAccepts(() => {})
  })

  it("at submission, the statutory bars that are there must be usable; credit standing is not read", () => {
    spec
      .given([])
      .when(submit()[0], {
        ...as("windowClerk", D0),
        facts: {
          reapplicationBars: {
            subject: subjectOf(person),
            baseCode: commitmentLicence.baseCode,
            checkedOn: date(D0),
            bars: [],
          },
        },
      })
      .thenRejects((r) => r._tag === "ReapplicationBarsUnusable" && r.problem === "otherSubject")
    spec
      .given([])
      .when(submit()[0], withCredit("windowClerk", D0, cleanStanding(D0, person)))
      .thenAccepts(() => {})
    spec
      .given([])
      .when(submit()[0], as("windowClerk", D0))
      .thenAccepts(() => {})
  })

  it("an expired or repaired entry no longer bars", () => {
    const code = commitmentLicence.implementationCode
    const record = recordWith("falseCommitment", "2025-03-02", code) // expires 2026-03-02, the last day
    history(submit(withoutFloorPlan, commitmentLicence, D0))
      .when(onCommitment(), withCredit("windowClerk", D0, CreditRecord.standing(record, date(D0))))
      .thenRejects((r) => r._tag === "ApplicantBarredFromCommitment")
    const nextDay = "2026-03-03"
    history(submit(withoutFloorPlan, commitmentLicence, nextDay))
      .when(onCommitment(), withCredit("windowClerk", nextDay, CreditRecord.standing(record, date(nextDay))))
      .thenAccepts(() => {})
    const repair = CreditRecord.decider.decide(
      {
        _tag: "RepairEntry",
        subject: subjectOf(enterprise),
        entryId: "EARLIER-1/falseCommitment",
        reason: "已完成信用修复",
        repairedOn: date("2026-02-02"),
      },
      recordWith("falseCommitment", "2025-09-01", code),
      { now: instant("2026-02-02"), actor: { id: "s", roles: ["supervisor"] }, facts: {} },
    )
    if (repair._tag === "Failure") throw new Error(JSON.stringify(repair.failure))
    const afterRepair = repair.success.reduce(CreditRecord.evolve, recordWith("falseCommitment", "2025-09-01", code))
    history(submit())
      .when(onCommitment(), withCredit("windowClerk", D0, CreditRecord.standing(afterRepair, date(D0))))
      .thenAccepts(() => {})
  })
})

describe("Commitment — the letter", () => {
  it("an agent signs only with the applicant's recorded authorisation that covers the commitment", () => {
    const agent = (authorisation?: Application.AgentAuthorisation): Application.CommitmentLetter => ({
      ...letter,
      signer: { _tag: "Agent", name: "王律师", ...(authorisation === undefined ? {} : { authorisation }) },
    })
    for (const missing of [
      agent(),
      agent({ documentRef: "授权委托书 2026-017", coversCommitment: false }),
      agent({ documentRef: " ", coversCommitment: true }),
    ]) {
      history(submit())
        .when(onCommitment({ letter: missing }), withCredit("windowClerk", D0))
        .thenRejects({ _tag: "AgentAuthorisationRequired", agent: "王律师" })
    }
    history(submit())
      .when(
        onCommitment({ letter: agent({ documentRef: "授权委托书 2026-017", coversCommitment: true }) }),
        withCredit("windowClerk", D0),
      )
      .thenAccepts((_, state) => expect(state.commitment?.letter.signer).toMatchObject({ _tag: "Agent" }))
  })

  it("affirms every item of the commitment, names its signer and has a text", () => {
    history(submit())
      .when(
        onCommitment({
          letter: { ...letter, confirmations: { ...letter.confirmations, informationTrue: false, knowsNotice: false } },
        }),
        withCredit("windowClerk", D0),
      )
      .thenRejects({ _tag: "CommitmentLetterIncomplete", missing: ["knowsNotice", "informationTrue"] })
    history(submit())
      .when(
        onCommitment({ letter: { ...letter, signer: { _tag: "Applicant", name: "" } } }),
        withCredit("windowClerk", D0),
      )
      .thenRejects({ _tag: "TextRequired", field: "letter.signer.name" })
    history(submit())
      .when(onCommitment({ letter: { ...letter, statement: "  " } }), withCredit("windowClerk", D0))
      .thenRejects({ _tag: "TextRequired", field: "letter.statement" })
  })
})

describe("Commitment — the business-licence variants", () => {
  const onlyNow: PublishedMatter.PublishedMatter = {
    ...commitmentLicence,
    commitment: { ...commitmentLicence.commitment!, businessLicenceVariants: ["meetsNow"] },
  }
  const none: PublishedMatter.PublishedMatter = {
    ...commitmentLicence,
    commitment: { ...commitmentLicence.commitment!, businessLicenceVariants: [] },
  }

  it("one the matter offers, chosen when it offers any; a date to meet them by that lies ahead", () => {
    const { businessLicence: _, ...unchosen } = onCommitment()
    history(submit())
      .when(unchosen, withCredit("windowClerk", D0))
      .thenRejects({ _tag: "BusinessLicenceVariantRequired", offered: ["meetsNow", "willMeetBy"] })
    history(submit(withoutFloorPlan, onlyNow))
      .when(onCommitment(willMeetBy), withCredit("windowClerk", D0))
      .thenRejects({ _tag: "BusinessLicenceVariantNotOffered", variant: "willMeetBy", offered: ["meetsNow"] })
    history(submit(withoutFloorPlan, none))
      .when(onCommitment(), withCredit("windowClerk", D0))
      .thenRejects({ _tag: "BusinessLicenceVariantNotOffered", variant: "meetsNow", offered: [] })
    history(submit(withoutFloorPlan, none))
      .when(unchosen, withCredit("windowClerk", D0))
      .thenAccepts((_, state) => expect(state.commitment?.businessLicence).toBeNull())
    history(submit())
      .when(
        onCommitment({ businessLicence: { variant: "willMeetBy", meetBy: date(D0) } }),
        withCredit("windowClerk", D0),
      )
      .thenRejects({ _tag: "DateNotInFuture", field: "meetBy", date: date(D0), on: date(D0) })
  })

  it("will meet by a date: granted, but effective only once the proof is in by that date", () => {
    const granted = [submit(), accept(willMeetBy), grant()] as const
    expect(Application.licenceEffectiveOn(play(granted).state)).toBeUndefined()
    expect(Application.complianceProofDueBy(play(granted).state)).toBe(MEET_BY)
    expect(Application.complianceProofDueBy(play([...granted, proof()]).state)).toBeUndefined()
    expect(Application.complianceProofDueBy(play([submit(), accept(), grant()]).state)).toBeUndefined()
    history(...granted)
      .when(proof("2026-03-04")[0], as("applicant", "2026-03-04"))
      .thenAccepts((events, state) => {
        expect(events).toEqual([
          {
            _tag: "ComplianceProofSubmitted",
            caseNo,
            submittedOn: "2026-03-04",
            meetBy: MEET_BY,
            description: "经营场所改造完成，提交验收照片",
          },
        ])
        expect(Application.licenceEffectiveOn(state)).toBe("2026-03-04")
      })
    // proof before the decision: effective from the decision
    expect(
      Application.licenceEffectiveOn(play([submit(), accept(willMeetBy), proof(), grant("2026-03-03")]).state),
    ).toBe("2026-03-03")
  })

  it("proof: only when due, by the date, with a description", () => {
    history(submit(), accept(), grant())
      .when(proof()[0], as("applicant", D0))
      .thenRejects({ _tag: "ComplianceProofNotDue", caseNo })
    history(submit(), accept(willMeetBy), grant(), proof())
      .when(proof()[0], as("applicant", D0))
      .thenRejects({ _tag: "ComplianceProofNotDue", caseNo })
    history(submit(), accept(willMeetBy), grant())
      .when(proof()[0], as("applicant", "2026-03-06"))
      .thenRejects({ _tag: "ComplianceDeadlinePassed", meetBy: date(MEET_BY), on: date("2026-03-06") })
    history(submit(), accept(willMeetBy), grant())
      .when({ _tag: "SubmitComplianceProof", caseNo, description: "" }, as("applicant", D0))
      .thenRejects({ _tag: "TextRequired", field: "description" })
  })

  it("missing the date: the timer's command lapses the case, and the licence never takes effect", () => {
    const granted = [submit(), accept(willMeetBy), grant(), certificate()] as const
    history(...granted)
      .when({ _tag: "MissComplianceDeadline", caseNo }, as("system", MEET_BY))
      .thenRejects({
        _tag: "TooEarly",
        command: "MissComplianceDeadline",
        earliestOn: date("2026-03-06"),
        on: date(MEET_BY),
      })
    history(...granted)
      .when({ _tag: "MissComplianceDeadline", caseNo }, as("system", "2026-03-06"))
      .thenAccepts((events, state) => {
        expect(events).toEqual([{ _tag: "ComplianceDeadlineMissed", caseNo, missedOn: "2026-03-06", meetBy: MEET_BY }])
        expect(state.phase).toBe("lapsed")
        expect(state.closure).toEqual({ _tag: "Lapsed", on: "2026-03-06", meetBy: MEET_BY })
        expect(Application.licenceEffectiveOn(state)).toBeUndefined()
      })
    // undecided: the case lapses too, and its clock stops
    history(submit(), accept(willMeetBy))
      .when({ _tag: "MissComplianceDeadline", caseNo }, as("system", LATE))
      .thenAccepts((_, state) => {
        expect(state.phase).toBe("lapsed")
        expect(Application.clockStoppedOn(state)).toBe(LATE)
      })
    // proof in, or no such commitment: nothing to miss
    for (const steps of [
      [submit(), accept(willMeetBy), grant(), proof()],
      [submit(), accept(), grant()],
      [
        submit(["M01", "M02", "M03", "M04"].map(paper), foodLicence),
        [{ _tag: "AcceptApplication", caseNo }, as("windowClerk", D0)],
      ],
    ] as ReadonlyArray<ReadonlyArray<Step>>) {
      history(...steps)
        .when({ _tag: "MissComplianceDeadline", caseNo }, as("system", LATE))
        .thenRejects({ _tag: "ComplianceProofNotDue", caseNo })
    }
  })

  it("no grant on a commitment whose date passed without proof", () => {
    history(submit(), accept(willMeetBy))
      .when({ _tag: "GrantApplication", caseNo }, as("approver", "2026-03-06"))
      .thenRejects({ _tag: "ComplianceDeadlinePassed", meetBy: date(MEET_BY), on: date("2026-03-06") })
  })
})

describe("Commitment — verification (核查)", () => {
  it("confirmed after the certificate: the case is verified, its final state", () => {
    history(submit(), accept(), grant(), certificate())
      .when(verification(confirmed), as("verifier", "2026-03-10"))
      .thenAccepts((events, state) => {
        expect(events).toEqual([
          {
            _tag: "CommitmentVerified",
            caseNo,
            verifiedOn: "2026-03-10",
            verifier: "verifier-2",
            method: "onSite",
            outcome: confirmed,
          },
        ])
        expect(state.phase).toBe("verified")
        expect(Application.verificationStatus(state)).toBe("confirmed")
        expect(Application.commandsAllowedIn("verified")).toEqual(["RescindGrant", "RecordFraudFinding"])
      })
  })

  it("confirmed before the certificate: the certificate concludes the case as verified", () => {
    const { state } = play([submit(), accept(), grant(), verify(confirmed), certificate()])
    expect(state.phase).toBe("verified")
    // without a confirmed verification, the certificate leaves the case concluded and awaiting it
    const open = play([submit(), accept(), grant(), certificate()]).state
    expect(open.phase).toBe("concluded")
    expect(Application.commandsAllowedIn("concluded")).toContain("RecordVerification")
    // exempt: concluded is the end
    const exempt = play([submit(withoutFloorPlan, exemptLicence), accept(), grant(), certificate()]).state
    expect(exempt.phase).toBe("concluded")
    expect(Application.verificationStatus(exempt)).toBe("exempt")
  })

  it("confirmed before the decision: the grant schedules nothing more", () => {
    history(submit(), accept(), verify(confirmed))
      .when({ _tag: "GrantApplication", caseNo }, as("approver", D0))
      .thenAccepts((events) => expect(events.map((e) => e._tag)).toEqual(["ApplicationGranted"]))
  })

  it("by a method the matter lists, on a commitment case of a matter that requires it, once confirmed no more", () => {
    history(submit(), accept(), grant())
      .when(verification(confirmed, "publicNotice"), as("verifier", D0))
      .thenRejects({ _tag: "VerificationMethodNotAllowed", method: "publicNotice", allowed: ["onSite", "dataCheck"] })
    history(submit(withoutFloorPlan, exemptLicence), accept(), grant())
      .when(verification(confirmed), as("verifier", D0))
      .thenRejects({
        _tag: "VerificationExempt",
        implementationCode: exemptLicence.implementationCode,
        reason: "数据共享已实时核验经营场所信息",
      })
    history(submit(["M01", "M02", "M03", "M04"].map(paper), foodLicence), [
      { _tag: "AcceptApplication", caseNo },
      as("windowClerk", D0),
    ])
      .when(verification(confirmed), as("verifier", D0))
      .thenRejects({ _tag: "NotACommitmentCase", caseNo })
    history(submit(), accept(), grant(), verify(confirmed, "2026-03-04"))
      .when(verification(falseCommitment), as("verifier", "2026-03-05"))
      .thenRejects({ _tag: "CommitmentAlreadyVerified", verifiedOn: date("2026-03-04") })
    history(submit(), accept(), grant())
      .when(verification({ _tag: "Confirmed", findings: " " }), as("verifier", D0))
      .thenRejects({ _tag: "TextRequired", field: "outcome.findings" })
  })

  it("after its due date only with an explanation", () => {
    history(submit(), accept(), grant())
      .when(verification(confirmed), as("verifier", "2026-03-31"))
      .thenRejects({ _tag: "OvertimeExplanationRequired", dueOn: date("2026-03-30"), on: date("2026-03-31") })
    history(submit(), accept(), grant())
      .when(verification(confirmed, "dataCheck", "现场核查人员抽调防汛"), as("verifier", "2026-03-31"))
      .thenAccepts((_, state) =>
        expect(state.commitment?.verifications[0]?.lateExplanation).toBe("现场核查人员抽调防汛"),
      )
  })

  it("a 'will meet by' commitment is confirmed only after its proof", () => {
    history(submit(), accept(willMeetBy), grant())
      .when(verification(confirmed), as("verifier", D0))
      .thenRejects({ _tag: "ComplianceProofOutstanding", meetBy: date(MEET_BY) })
    history(submit(), accept(willMeetBy), grant(), proof())
      .when(verification(confirmed), as("verifier", D0))
      .thenAccepts(() => {})
  })

  it("conditions not met without fraud: a rectification order with a deadline, then verified again", () => {
    const notMet = (rectifyBy: string): Application.VerificationOutcome => ({
      _tag: "ConditionsNotMet",
      findings: "消毒设施未安装",
      rectifyBy: date(rectifyBy),
    })
    history(submit(), accept())
      .when(verification(notMet("2026-03-20")), as("verifier", D0))
      .thenRejects({ _tag: "NotYetGranted", caseNo })
    history(submit(), accept(), grant())
      .when(verification(notMet(D0)), as("verifier", D0))
      .thenRejects({ _tag: "DateNotInFuture", field: "rectifyBy", date: date(D0), on: date(D0) })
    const ordered = [submit(), accept(), grant(), certificate(), verify(notMet("2026-03-20"), "2026-03-06")] as const
    const { state } = play(ordered)
    expect(state.phase).toBe("concluded")
    expect(state.commitment?.rectification).toEqual({
      orderedOn: "2026-03-06",
      rectifyBy: "2026-03-20",
      findings: "消毒设施未安装",
    })
    expect(Application.verificationStatus(state)).toBe("rectificationOrdered")
    history(...ordered)
      .when(verification(notMet("2026-03-27")), as("verifier", "2026-03-10"))
      .thenRejects({ _tag: "RectificationAlreadyOrdered", rectifyBy: date("2026-03-20") })
    history(...ordered)
      .when(verification(confirmed), as("verifier", "2026-03-23"))
      .thenAccepts((_, after) => {
        expect(after.phase).toBe("verified")
        expect(after.commitment?.rectification).toBeNull()
      })
  })

  it("not rectified by the deadline: the grant is rescinded, with no credit entry", () => {
    const notRectified: Application.VerificationOutcome = { _tag: "NotRectified", findings: "逾期仍未安装消毒设施" }
    history(submit(), accept())
      .when(verification(notRectified), as("verifier", D0))
      .thenRejects({ _tag: "NotYetGranted", caseNo })
    history(submit(), accept(), grant())
      .when(verification(notRectified), as("verifier", D0))
      .thenRejects({ _tag: "NoRectificationOrdered", caseNo })
    const ordered = [
      submit(),
      accept(),
      grant(),
      verify({ _tag: "ConditionsNotMet", findings: "消毒设施未安装", rectifyBy: date("2026-03-20") }, "2026-03-06"),
    ] as const
    history(...ordered)
      .when(verification(notRectified), as("verifier", "2026-03-20"))
      .thenRejects({
        _tag: "TooEarly",
        command: "RecordVerification",
        earliestOn: date("2026-03-21"),
        on: date("2026-03-20"),
      })
    history(...ordered)
      .when(verification(notRectified), as("verifier", "2026-03-23"))
      .thenAccepts((events, state) => {
        expect(events.map((e) => e._tag)).toEqual(["CommitmentVerified", "GrantRescinded"])
        expect(events[1]).toEqual({
          _tag: "GrantRescinded",
          caseNo,
          rescindedOn: "2026-03-23",
          legalBasis: Application.notRectifiedLegalBasis,
          reasons: "逾期仍未安装消毒设施",
          approver: "verifier-2",
        })
        expect(state.phase).toBe("rescinded")
        expect(Application.verificationStatus(state)).toBe("notRectified")
      })
  })

  it("false after the grant: rescinded, and the event that tells the credit record, once", () => {
    history(submit(), accept(), grant(), certificate())
      .when(verification(falseCommitment), as("verifier", "2026-03-10"))
      .thenAccepts((events, state) => {
        expect(events).toEqual([
          {
            _tag: "CommitmentVerified",
            caseNo,
            verifiedOn: "2026-03-10",
            verifier: "verifier-2",
            method: "onSite",
            outcome: falseCommitment,
          },
          {
            _tag: "FalseCommitmentFound",
            caseNo,
            foundOn: "2026-03-10",
            subject: subjectOf(enterprise),
            kind: "falseCommitment",
            source: { _tag: "Application", caseNo, matterCode: commitmentLicence.implementationCode },
            entryId: `${caseNo}/falseCommitment`,
            findings: falseCommitment.findings,
          },
          {
            _tag: "GrantRescinded",
            caseNo,
            rescindedOn: "2026-03-10",
            legalBasis: Application.falseCommitmentLegalBasis,
            reasons: falseCommitment.findings,
            approver: "verifier-2",
          },
        ])
        expect(state.phase).toBe("rescinded")
        expect(state.commitment?.falseFinding).toEqual({
          foundOn: "2026-03-10",
          entryId: `${caseNo}/falseCommitment`,
          kind: "falseCommitment",
        })
        expect(Application.licenceEffectiveOn(state)).toBeUndefined()
      })
    // the case is closed: no second finding
    history(submit(), accept(), grant(), verify(falseCommitment))
      .when(verification(falseCommitment), as("verifier", D0))
      .thenRejects({ _tag: "ApplicationClosed", caseNo, phase: "rescinded", allowed: [] })
  })

  it("false before the decision: the case is terminated", () => {
    history(submit(), accept())
      .when(verification(falseCommitment, "dataCheck"), as("verifier", "2026-03-03"))
      .thenAccepts((events, state) => {
        expect(events.map((e) => e._tag)).toEqual([
          "CommitmentVerified",
          "FalseCommitmentFound",
          "ApplicationTerminatedForFalseCommitment",
        ])
        expect(events[2]).toEqual({
          _tag: "ApplicationTerminatedForFalseCommitment",
          caseNo,
          terminatedOn: "2026-03-03",
          findings: falseCommitment.findings,
        })
        expect(state.phase).toBe("terminated")
        expect(Application.clockStoppedOn(state)).toBe("2026-03-03")
        expect(Application.falseCommitmentRecordedOnce(play([submit(), accept()]).events.concat(events))).toBe(true)
      })
  })
})

describe("Commitment — the credit record it feeds", () => {
  const { events } = play([submit(), accept(), grant(), verify(falseCommitment, "2026-03-10")])
  const found = events.find((e): e is Application.FalseCommitmentFound => e._tag === "FalseCommitmentFound")!

  it("toRecordEntry maps the finding to the credit record's command, whose default period applies", () => {
    const command = Application.toRecordEntry(found)
    expect(command).toEqual({
      _tag: "RecordEntry",
      subject: subjectOf(enterprise),
      entryId: CreditRecord.entryIdFor(found.source, "falseCommitment"),
      kind: "falseCommitment",
      source: found.source,
      reason: falseCommitment.findings,
      effectiveOn: "2026-03-10",
    })
    const system = { now: instant("2026-03-10"), actor: { id: "pm", roles: ["system" as const] }, facts: {} }
    const record = Decider.runAll(CreditRecord.decider, CreditRecord.initialFor(found.subject), [
      [command, system],
      [command, system], // the process manager delivering twice records one entry
    ])
    if (record._tag === "Failure") throw new Error(JSON.stringify(record.failure))
    expect(record.success.events).toHaveLength(1)
    expect(record.success.state.entries[0]?.expiresOn).toBe("2027-03-10")
    const standing = CreditRecord.standing(record.success.state, date("2026-03-11"))
    expect(standing.barredFromCommitment).toBe(true)
    expect(standing.reasons.map((reason) => reason.entryId)).toEqual([found.entryId])
  })

  it("the credit kind follows the matter: Art 79's when it touches safety, health or property", () => {
    expect(Application.creditKindFor(commitmentLicence)).toBe("falseCommitment")
    for (const category of ["publicSafety", "personalHealth", "lifeAndPropertySafety"] as const) {
      expect(
        Application.creditKindFor({
          ...commitmentLicence,
          commitment: { ...commitmentLicence.commitment!, barredCategories: [category] },
        }),
      ).toBe("fraudInSafetyHealthProperty")
    }
    expect(
      Application.creditKindFor({
        ...commitmentLicence,
        commitment: { ...commitmentLicence.commitment!, barredCategories: ["nationalSecurity"] },
      }),
    ).toBe("falseCommitment")
  })

  it("the stream invariant holds for the finding and fails for a stream that records it twice or not at all", () => {
    expect(Application.falseCommitmentRecordedOnce(events)).toBe(true)
    const at = events.indexOf(found)
    expect(Application.falseCommitmentRecordedOnce([...events.slice(0, at + 1), found, ...events.slice(at + 1)])).toBe(
      false,
    )
    expect(Application.falseCommitmentRecordedOnce(events.filter((e) => e !== found))).toBe(false)
    expect(Application.falseCommitmentRecordedOnce(events.filter((e) => e._tag !== "GrantRescinded"))).toBe(false)
    expect(
      Application.falseCommitmentRecordedOnce(events.map((e) => (e === found ? { ...found, entryId: "other" } : e))),
    ).toBe(false)
  })

  it("a remedy is still a remedy: a denial of a commitment case carries reasons and the right to review", () => {
    history(submit(), accept())
      .when({ _tag: "DenyApplication", caseNo, reasons: "承诺内容与许可条件不符", remedies }, as("approver", D0))
      .thenAccepts((_, state) => expect(state.phase).toBe("denied"))
  })
})
