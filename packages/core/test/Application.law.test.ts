/**
 * Given / when / then specifications of the rules where an earlier version of the `Application`
 * aggregate departed from the Administrative Licensing Law (行政许可法, ALL) and 国办发〔2020〕42号:
 * one `describe` per article, each case written to fail on the code that broke the rule.
 */

import { Schema } from "effect"
import { describe, expect, it } from "vitest"
import {
  Application,
  CalendarDate,
  CreditRecord,
  Decider,
  IdentityCode,
  Matter,
  PublishedMatter,
  WorkCalendar,
} from "../src/index.ts"
import { DeciderSpecification } from "../src/testing.ts"
import {
  allMaterials,
  as,
  caseNo,
  commitmentLicence,
  D0,
  date,
  enterprise,
  foodLicence,
  paper,
  person,
  play,
  type Step,
} from "./arbitraries/application.ts"

const spec = DeciderSpecification.for(Application.decider)
const history = (...steps: ReadonlyArray<Step>) => spec.given(play(steps).events)

const submit = (
  materials: ReadonlyArray<Application.SubmittedMaterial> = allMaterials,
  matter = foodLicence,
  day = D0,
): Step => [{ _tag: "SubmitApplication", caseNo, applicant: enterprise, matter, materials }, as("windowClerk", day)]
const withoutM03 = ["M01", "M02", "M04"].map(paper)

/** Friday 20 March 2026: 14 working days after receipt on {@link D0}, no notice given, no timer run. */
const MARCH_20 = "2026-03-20"

describe("ALL Art 32 — deemed acceptance by law", () => {
  it("a late acceptance records receipt as the acceptance date and the clock counts from it", () => {
    history(submit())
      .when({ _tag: "AcceptApplication", caseNo }, as("windowClerk", MARCH_20))
      .thenAccepts((events, state) => {
        expect(events[0]).toMatchObject({ acceptedOn: D0, recordedOn: MARCH_20, basis: "deemed" })
        expect(state.clock?.startedOn).toBe(D0)
        expect(state.acceptance?.promisedDueOn).toBe("2026-03-16")
      })
  })

  it("on the fifth working day the authority still decides, and the acceptance counts from that day", () => {
    history(submit())
      .when({ _tag: "AcceptApplication", caseNo }, as("windowClerk", "2026-03-09"))
      .thenAccepts((events) => expect(events[0]).toMatchObject({ acceptedOn: "2026-03-09", basis: "onReceipt" }))
  })

  it("a late refusal of acceptance is refused, citing the article, whatever the timer did", () => {
    history(submit())
      .when(
        { _tag: "DeclineAcceptance", caseNo, ground: "noLicenceRequired", reasons: "无需许可" },
        as("windowClerk", MARCH_20),
      )
      .thenRejects({
        _tag: "AcceptedByLaw",
        command: "DeclineAcceptance",
        article: "ALL Art 32",
        receivedOn: date(D0),
        deadline: date("2026-03-09"),
        on: date(MARCH_20),
        message:
          "no correction notice was given by 2026-03-09, the 5th working day after receipt on 2026-03-02: the application is accepted by law from the date of receipt (ALL Art 32), so acceptance can no longer be declined",
      })
  })

  it("a late correction notice is refused, citing the article", () => {
    history(submit(withoutM03))
      .when(
        { _tag: "RequestCorrection", caseNo, items: [{ code: "M03", problem: "missing", note: "请补充" }] },
        as("windowClerk", MARCH_20),
      )
      .thenRejects((rejection) => rejection._tag === "AcceptedByLaw" && rejection.command === "RequestCorrection")
  })

  it("a late tolerant acceptance also counts from receipt, and the applicant still gets the full supplement period", () => {
    const quick = {
      ...foodLicence,
      tolerantAcceptance: { ...foodLicence.tolerantAcceptance!, supplementDeadlineWorkingDays: 3 },
    }
    history(submit(withoutM03, quick))
      .when(
        {
          _tag: "AcceptTolerantly",
          caseNo,
          deferred: [{ code: "M03", howToSupply: "上传电子版" }],
          commitment: { signedBy: "李湘", statement: "按期补齐" },
        },
        as("windowClerk", "2026-03-10"),
      )
      .thenAccepts((events) =>
        expect(events[0]).toMatchObject({
          acceptedOn: D0,
          basis: "deemed",
          notice: { supplementBy: "2026-03-13" },
          promisedDueOn: "2026-03-16",
        }),
      )
  })

  it("the deemed-acceptance timer still records what the law already says", () => {
    history(submit())
      .when({ _tag: "DeemAccepted", caseNo }, as("system", MARCH_20))
      .thenAccepts((events) =>
        expect(events[0]).toMatchObject({ acceptedOn: D0, recordedOn: MARCH_20, basis: "deemed" }),
      )
  })

  it("acceptedByLaw names the day the law takes over", () => {
    const { state } = play([submit()])
    const calendar = WorkCalendar.chinaMainland
    expect(Application.acceptedByLaw(state, calendar, CalendarDate.make("2026-03-09"))).toBe(false)
    expect(Application.acceptedByLaw(state, calendar, CalendarDate.make("2026-03-10"))).toBe(true)
    const corrected = play([
      submit(withoutM03),
      [
        { _tag: "RequestCorrection", caseNo, items: [{ code: "M03", problem: "missing", note: "请补充" }] },
        as("windowClerk", D0),
      ],
    ]).state
    expect(Application.acceptedByLaw(corrected, calendar, CalendarDate.make(MARCH_20))).toBe(false)
  })
})

describe("国办发〔2020〕42号 — categories barred from notify-and-commit", () => {
  const barred = (category: string) => ({
    ...commitmentLicence,
    commitment: { ...commitmentLicence.commitment!, barredCategories: [category] },
  })

  it.each(["stateSecrets", "prudentialFinancialSupervision", "majorForeignRelated"])(
    "a matter touching %s can say so in its terms, and the terms then refuse commitment",
    (category) => {
      expect(Schema.is(PublishedMatter.PublishedMatter)(barred(category))).toBe(true)
      expect(PublishedMatter.BarredCategory.literals).toContain(category)
      const terms = barred(category) as PublishedMatter.PublishedMatter
      expect(Matter.elementRules.filter((rule) => !rule.holds(terms)).map((rule) => rule.invariant)).toContain(
        "commitmentNotBarred",
      )
    },
  )
})

describe("ALL Arts 78, 79 — re-application bars on the licence", () => {
  /** The food licence as published by another authority: same base code, another implementation code. */
  const safety: PublishedMatter.PublishedMatter = { ...foodLicence, concernsSafetyHealthProperty: true }
  const elsewhere: PublishedMatter.PublishedMatter = {
    ...safety,
    implementationCode: "11430102MB0F22318R-000101001000-01",
  }
  const record = (steps: ReadonlyArray<Step>) => play(steps)

  const finding = (day: string): Step => [
    { _tag: "RecordFraudFinding", caseNo, findings: "提交伪造的场地租赁合同" },
    as("verifier", day),
  ]

  it("a verifier's finding in the ordinary procedure tells the credit record and bars the licence for 1 year (Art 78)", () => {
    history(submit(allMaterials, safety))
      .when(finding(D0)[0], as("verifier", D0))
      .thenEmits([
        {
          _tag: "FraudFound",
          caseNo,
          foundOn: date(D0),
          article: "ALL Art 78",
          subject: Application.creditSubjectOf(enterprise),
          source: { _tag: "Application", caseNo, matterCode: safety.implementationCode },
          baseCode: safety.baseCode,
          entryId: `${caseNo}/falseMaterials`,
          kind: "falseMaterials",
          barId: `${caseNo}/art78`,
          recordedBy: "verifier-2",
          findings: "提交伪造的场地租赁合同",
        },
      ])
  })

  it("after the finding the licence is never granted", () => {
    history(submit(allMaterials, safety), finding(D0), [{ _tag: "AcceptApplication", caseNo }, as("windowClerk", D0)])
      .when({ _tag: "GrantApplication", caseNo }, as("approver", "2026-03-04"))
      .thenRejects({ _tag: "FraudFindingOnRecord", foundOn: date(D0), article: "ALL Art 78" })
  })

  it("a licence obtained by improper means bars it for 3 years (Art 79); a matter not concerning safety bars nothing", () => {
    const granted = (terms: PublishedMatter.PublishedMatter): ReadonlyArray<Step> => [
      submit(allMaterials, terms),
      [{ _tag: "AcceptApplication", caseNo }, as("windowClerk", D0)],
      [{ _tag: "GrantApplication", caseNo }, as("approver", "2026-03-04")],
    ]
    history(...granted(safety))
      .when(finding("2026-05-06")[0], as("verifier", "2026-05-06"))
      .thenAccepts((events) =>
        expect(events[0]).toMatchObject({
          article: "ALL Art 79",
          kind: "fraudInSafetyHealthProperty",
          barId: `${caseNo}/art79`,
        }),
      )
    history(...granted(foodLicence))
      .when(finding("2026-05-06")[0], as("verifier", "2026-05-06"))
      .thenAccepts((events) => {
        expect(events[0]).toMatchObject({ article: "ALL Art 79", kind: "falseMaterials" })
        expect(events[0]).not.toHaveProperty("barId")
      })
  })

  it("the bar is keyed by the base code across authorities, and credit repair does not lift it", () => {
    const found = record([submit(allMaterials, safety), finding(D0)]).events.find(
      (event): event is Application.FraudFound => event._tag === "FraudFound",
    )!
    const system = { now: "2026-03-02T01:30:00.000Z", actor: { id: "pm", roles: ["system" as const] }, facts: {} }
    const credit = Decider.runAll(CreditRecord.decider, CreditRecord.initialFor(found.subject), [
      [Application.toRecordEntry(found), system],
      [Application.toStatutoryBar(found)!, system],
      [
        {
          _tag: "RepairEntry",
          subject: found.subject as CreditRecord.CreditSubjectInput,
          entryId: found.entryId,
          reason: "已修复",
          repairedOn: date("2026-06-01"),
        },
        { ...system, now: "2026-06-01T01:30:00.000Z" },
      ],
    ])
    if (credit._tag === "Failure") throw new Error(JSON.stringify(credit.failure))
    const onDay = "2026-09-01"
    const bars = CreditRecord.barsOn(credit.success.state, safety.baseCode, date(onDay))
    expect(bars.map((bar) => [bar.article, bar.endsOn])).toEqual([["ALL Art 78", "2027-03-02"]])
    expect(CreditRecord.standing(credit.success.state, date(onDay)).barredFromCommitment).toBe(false)
    const context = {
      ...as("windowClerk", onDay),
      facts: {
        reapplicationBars: { subject: found.subject, baseCode: elsewhere.baseCode, checkedOn: date(onDay), bars },
      },
    }
    spec
      .given([])
      .when(
        {
          _tag: "SubmitApplication",
          caseNo: "TXQ-2026-000012",
          applicant: enterprise,
          matter: elsewhere,
          materials: allMaterials,
        },
        context,
      )
      .thenRejects({
        _tag: "ReapplicationBarred",
        baseCode: "000101001000",
        article: "ALL Art 78",
        barId: `${caseNo}/art78`,
        barredUntil: date("2027-03-02"),
        message: `the applicant may not apply for the licence 000101001000 again until 2027-03-02 (ALL Art 78: one year from the finding of ${D0}, bar ${caseNo}/art78); credit repair does not lift it, and neither the ordinary procedure nor commitment is open`,
      })
  })

  it("a credit entry alone never stops an application", () => {
    const standing = CreditRecord.standing(
      {
        subject: Application.creditSubjectOf(enterprise),
        bars: [],
        entries: [
          {
            id: "X/falseMaterials",
            kind: "falseMaterials",
            source: { _tag: "Application", caseNo: "X", matterCode: safety.implementationCode },
            reason: "虚假材料",
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
      .when(submit(allMaterials, safety)[0], { ...as("windowClerk", D0), facts: { creditStanding: standing } })
      .thenAccepts(() => {})
  })
})

describe("ALL Art 42 — the extension is approved by the head of the authority, and the applicant is told why", () => {
  const accepted = (): ReadonlyArray<Step> => [submit(), [{ _tag: "AcceptApplication", caseNo }, as("windowClerk", D0)]]
  const extend = {
    _tag: "ExtendTimeLimit",
    caseNo,
    reason: "涉及三处经营场所，需逐一现场核查",
    noticeToApplicant: "因需对三处经营场所逐一现场核查，本件办理期限延长十个工作日",
  } as const

  it("the head of the authority extends; the decision records the notice to the applicant, on the day", () => {
    history(...accepted())
      .when(extend, as("authorityHead", "2026-03-05"))
      .thenEmits([
        {
          _tag: "TimeLimitExtended",
          caseNo,
          extendedOn: date("2026-03-05"),
          workingDays: 10,
          approver: "director-1",
          reason: extend.reason,
          noticeToApplicant: extend.noticeToApplicant,
          applicantInformedOn: date("2026-03-05"),
        },
      ])
  })

  it("an approver who is not the head of the authority may not extend", () => {
    history(...accepted())
      .when(extend, as("approver", "2026-03-05"))
      .thenRejects((rejection) => rejection._tag === "NotAuthorized" && rejection.required.join() === "authorityHead")
  })

  it("an extension without the notice to the applicant is refused", () => {
    history(...accepted())
      .when({ ...extend, noticeToApplicant: " " }, as("authorityHead", "2026-03-05"))
      .thenRejects({ _tag: "TextRequired", field: "noticeToApplicant" })
  })
})

describe("ALL Art 32 — on-the-spot correction (当场更正)", () => {
  const fix = { _tag: "CorrectOnTheSpot", caseNo, items: [{ code: "M01", note: "申请书日期笔误，当场更正" }] } as const

  it("an error correctable on the spot is corrected at the window: no notice, the case stays submitted, the timeline shows it", () => {
    history(submit())
      .when(fix, as("windowClerk", D0))
      .thenAccepts((events, state) => {
        expect(events).toEqual([
          { _tag: "CorrectedOnTheSpot", caseNo, correctedOn: date(D0), items: fix.items, correctedBy: "clerk-7" },
        ])
        expect(state.phase).toBe("submitted")
        expect(state.corrections).toEqual([])
        expect(state.onTheSpotCorrections).toEqual([{ correctedOn: D0, code: "M01", note: "申请书日期笔误，当场更正" }])
      })
  })

  it("the correction stops no clock: the 5-day window still counts from receipt and acceptance that day counts from it", () => {
    history(submit(), [fix, as("windowClerk", D0)])
      .when({ _tag: "AcceptApplication", caseNo }, as("windowClerk", D0))
      .thenAccepts((events) => expect(events[0]).toMatchObject({ acceptedOn: D0, promisedDueOn: "2026-03-16" }))
    history(submit(), [fix, as("windowClerk", D0)])
      .when({ _tag: "DeemAccepted", caseNo }, as("system", "2026-03-10"))
      .thenAccepts((events) => expect(events[0]).toMatchObject({ acceptedOn: D0, basis: "deemed" }))
  })

  it("only on the day of receipt, and only for materials on file", () => {
    history(submit())
      .when(fix, as("windowClerk", "2026-03-03"))
      .thenRejects({ _tag: "OnTheSpotCorrectionTooLate", receivedOn: date(D0), on: date("2026-03-03") })
    history(submit(withoutM03))
      .when({ ...fix, items: [{ code: "M03", note: "补交" }] }, as("windowClerk", D0))
      .thenRejects({ _tag: "NotOnFile", codes: ["M03"] })
  })
})

describe("ALL Art 31 — the applicant within the matter's scope (适用范围)", () => {
  it("a natural person applying for a matter that serves enterprises is refused, naming the mismatch", () => {
    spec
      .given([])
      .when(
        { _tag: "SubmitApplication", caseNo, applicant: person, matter: foodLicence, materials: allMaterials },
        as("windowClerk", D0),
      )
      .thenRejects({
        _tag: "ApplicantOutsideScope",
        problem: "subjectType",
        applicant: ["naturalPerson"],
        allowed: ["enterpriseLegalPerson", "unincorporatedEnterprise"],
        message: `the matter ${foodLicence.implementationCode} serves enterpriseLegalPerson, unincorporatedEnterprise; the applicant is naturalPerson`,
      })
  })

  it("an enterprise registered outside the matter's regions is refused; within them it is taken", () => {
    const tianxinOnly: PublishedMatter.PublishedMatter = {
      ...foodLicence,
      scope: { ...foodLicence.scope, regions: [IdentityCode.makeDivisionCode("430103")] },
    }
    spec.given([]).when(submit(allMaterials, foodLicence)[0], as("windowClerk", D0)).thenAccepts()
    spec
      .given([])
      .when(submit(allMaterials, tianxinOnly)[0], as("windowClerk", D0))
      .thenRejects(
        (rejection) =>
          rejection._tag === "ApplicantOutsideScope" &&
          rejection.problem === "region" &&
          rejection.applicant[0] === "430102",
      )
  })
})
