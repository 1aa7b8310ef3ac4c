/**
 * Properties of notify-and-commit (告知承诺制) over generated credit records, standings, terms,
 * letters and histories:
 *
 * - no acceptance on commitment for a barred applicant or on a matter that does not offer it or
 *   names a barred category — and a barred applicant keeps the ordinary procedure;
 * - an expired or repaired entry no longer bars, commitment or a new application; an entry in
 *   effect does;
 * - a verification that finds a false commitment always ends the case (rescinded or terminated)
 *   with exactly one `FalseCommitmentFound`, which becomes exactly one credit entry however often
 *   it is delivered.
 */
import { fc, test } from "@fast-check/vitest"
import { Result } from "effect"
import { expect } from "vitest"
import { Application, CalendarDate, CreditRecord, Decider, type PublishedMatter } from "../src/index.ts"
import {
  actors,
  caseNo,
  commitmentLicence,
  date,
  enterprise,
  instant,
  letter,
  paper,
  person,
  play,
  type Step,
  subjectOf,
} from "./arbitraries/application.ts"

const decide = Application.decide
const matterCode = commitmentLicence.implementationCode
const otherMatter = "11430100MB1A38544B-000110005000-01"
const subject = subjectOf(enterprise)

const context = (
  who: keyof typeof actors,
  day: string,
  facts: Application.Facts = {},
): Decider.CommandContext<Application.Facts> => ({ now: instant(day), actor: actors[who], facts })

/** Days as offsets from Monday 2 March 2026. */
const base = date("2026-03-02")
const dayAt = (offset: number): CalendarDate.CalendarDate => CalendarDate.addDays(base, offset)

// ---------------------------------------------------------------------------------------------
// Credit records
// ---------------------------------------------------------------------------------------------

const sources = {
  thisMatter: (n: number): CreditRecord.EntrySource => ({ _tag: "Application", caseNo: `EARLIER-${n}`, matterCode }),
  otherMatter: (n: number): CreditRecord.EntrySource => ({
    _tag: "Application",
    caseNo: `ELSEWHERE-${n}`,
    matterCode: otherMatter,
  }),
  decision: (n: number): CreditRecord.EntrySource => ({
    _tag: "Decision",
    authority: "长沙市发展和改革委员会",
    documentNo: `长发改信〔2026〕${n}号`,
  }),
}

const entryArb = fc.record({
  kind: fc.constantFrom(...CreditRecord.EntryKind.literals),
  source: fc.constantFrom("thisMatter", "otherMatter", "decision") as fc.Arbitrary<keyof typeof sources>,
  effective: fc.integer({ min: -500, max: 30 }),
  length: fc.integer({ min: 1, max: 800 }),
  repairAt: fc.option(fc.double({ min: 0, max: 1, noNaN: true }), { nil: undefined }),
})

type EntrySpec = typeof entryArb extends fc.Arbitrary<infer A> ? A : never

/** A well-formed credit record of the enterprise, built entry by entry. */
const recordOf = (specs: ReadonlyArray<EntrySpec>): CreditRecord.State => ({
  subject,
  bars: [],
  entries: specs.map((spec, n) => {
    const source = sources[spec.source](n)
    const effectiveOn = dayAt(spec.effective)
    const expiresOn = CalendarDate.addDays(effectiveOn, spec.length)
    const repairedOn =
      spec.repairAt === undefined
        ? undefined
        : CalendarDate.addDays(effectiveOn, Math.floor(spec.repairAt * spec.length))
    return {
      id: CreditRecord.entryIdFor(source, spec.kind),
      kind: spec.kind,
      source,
      reason: "记录",
      effectiveOn,
      expiresOn,
      recordedBy: "supervisor-1",
      repair: repairedOn === undefined ? null : { reason: "信用修复", repairedOn, repairedBy: "supervisor-1" },
      revocation: null,
    }
  }),
})

const recordArb = fc.uniqueArray(entryArb, { maxLength: 3, selector: (e) => `${e.kind}/${e.source}` }).map(recordOf)

// ---------------------------------------------------------------------------------------------
// Eligibility
// ---------------------------------------------------------------------------------------------

const termsArb: fc.Arbitrary<PublishedMatter.PublishedMatter> = fc
  .record({
    enabled: fc.oneof({ weight: 6, arbitrary: fc.constant(true) }, { weight: 1, arbitrary: fc.constant(false) }),
    barred: fc.oneof(
      { weight: 3, arbitrary: fc.constant<ReadonlyArray<PublishedMatter.BarredCategory>>([]) },
      {
        weight: 1,
        arbitrary: fc.subarray([...(["nationalSecurity", "publicSafety", "personalHealth"] as const)], {
          minLength: 1,
        }),
      },
    ),
    variants: fc.subarray(["meetsNow", "willMeetBy"] as const),
  })
  .map(({ enabled, barred, variants }) => ({
    ...commitmentLicence,
    commitment: {
      ...commitmentLicence.commitment!,
      enabled,
      barredCategories: barred,
      businessLicenceVariants: variants,
    },
  }))

type FactKind = "good" | "stale" | "other" | "inconsistent" | "missing"

const factFor = (kind: FactKind, record: CreditRecord.State, today: CalendarDate.CalendarDate): Application.Facts => {
  const standing = CreditRecord.standing(record, today)
  switch (kind) {
    case "good":
      return { creditStanding: standing }
    case "stale":
      return { creditStanding: CreditRecord.standing(record, CalendarDate.addDays(today, -1)) }
    case "other":
      return { creditStanding: CreditRecord.standing(CreditRecord.initialFor(subjectOf(person)), today) }
    case "inconsistent":
      return { creditStanding: { ...standing, barredFromCommitment: !standing.barredFromCommitment } }
    case "missing":
      return {}
  }
}

/** A case submitted with every material (the floor plan too), pinning terms the catalogue may not publish. */
const submittedWith = (terms: PublishedMatter.PublishedMatter, on: CalendarDate.CalendarDate) =>
  Decider.fold(Application.decider, [
    {
      _tag: "ApplicationSubmitted",
      caseNo,
      applicant: enterprise,
      matter: terms,
      materials: ["M01", "M02", "M03", "M04"].map(paper),
      receivedOn: on,
    },
  ])

test.prop(
  [
    termsArb,
    recordArb,
    fc.constantFrom<FactKind>("good", "good", "good", "stale", "other", "inconsistent", "missing"),
    fc.constantFrom("complete", "incomplete", "agent"),
    fc.option(fc.constantFrom("meetsNow", "willMeetBy") as fc.Arbitrary<"meetsNow" | "willMeetBy">, { nil: undefined }),
    fc.boolean(),
    fc.integer({ min: 0, max: 60 }),
  ],
  { numRuns: 500 },
)(
  "no acceptance on commitment for a barred applicant or on a barred or non-offering matter; a barred applicant keeps the ordinary procedure",
  (terms, record, factKind, letterKind, variant, onTheSpot, offset) => {
    const today = dayAt(offset)
    const state = submittedWith(terms, today)
    const facts = factFor(factKind, record, today)
    const chosenLetter: Application.CommitmentLetter =
      letterKind === "complete"
        ? letter
        : letterKind === "incomplete"
          ? { ...letter, confirmations: { ...letter.confirmations, acceptsVerificationAndLiability: false } }
          : { ...letter, signer: { _tag: "Agent", name: "王律师" } }
    const command: Application.AcceptOnCommitment = {
      _tag: "AcceptOnCommitment",
      caseNo,
      letter: chosenLetter,
      ...(variant === undefined
        ? {}
        : {
            businessLicence:
              variant === "meetsNow" ? { variant } : { variant, meetBy: CalendarDate.addDays(today, 10) },
          }),
      grantOnTheSpot: onTheSpot,
    }
    const outcome = decide(command, state, context("windowClerk", today, facts))
    const standing = CreditRecord.standing(record, today)
    const offers = terms.commitment!.enabled && terms.commitment!.barredCategories.length === 0
    if (Result.isSuccess(outcome)) {
      const after = Decider.fold(Application.decider, outcome.success, state)
      for (const [name, holds] of Application.stateInvariants) expect(holds(after), name).toBe(true)
      expect(offers).toBe(true)
      expect(factKind).toBe("good")
      expect(standing.barredFromCommitment).toBe(false)
      return
    }
    const rejection = outcome.failure
    if (!offers) {
      expect(["CommitmentNotOffered", "CommitmentBarredForMatter"]).toContain(rejection._tag)
      return
    }
    if (factKind !== "good") {
      expect(rejection).toMatchObject({
        _tag: "CreditStandingUnusable",
        problem: factKind === "other" ? "otherSubject" : factKind === "stale" ? "notToday" : factKind,
      })
      return
    }
    if (standing.barredFromCommitment) {
      // a credit entry closes commitment only: re-application bars are statutory (ALL Arts 78, 79), not credit
      expect(rejection._tag).toBe("ApplicantBarredFromCommitment")
      if (rejection._tag === "ApplicantBarredFromCommitment") {
        expect(rejection.ordinaryProcedureOpen).toBe(true)
        expect(rejection.reasons.map((r) => r.entryId)).toEqual(standing.reasons.map((r) => r.entryId))
        // the ordinary procedure stays open: with every material on file, the case is accepted
        const ordinary = decide({ _tag: "AcceptApplication", caseNo }, state, context("windowClerk", today, facts))
        expect(Result.isSuccess(ordinary)).toBe(true)
      }
      return
    }
    // an eligible applicant on an offering matter is refused only for its letter or its variant
    expect([
      "CommitmentLetterIncomplete",
      "AgentAuthorisationRequired",
      "BusinessLicenceVariantRequired",
      "BusinessLicenceVariantNotOffered",
    ]).toContain(rejection._tag)
  },
)

// ---------------------------------------------------------------------------------------------
// An expired or repaired entry no longer bars
// ---------------------------------------------------------------------------------------------

test.prop(
  [
    fc.constantFrom<CreditRecord.EntryKind>(
      "falseCommitment",
      "falseMaterials",
      "fraudInSafetyHealthProperty",
      "seriousDefault",
    ),
    fc.integer({ min: -450, max: 0 }),
    fc.integer({ min: 1, max: 400 }),
    fc.option(fc.double({ min: 0, max: 1, noNaN: true }), { nil: undefined }),
    fc.integer({ min: -30, max: 200 }),
  ],
  { numRuns: 500 },
)(
  "an expired or repaired entry bars nothing; an entry in effect bars commitment, and from its own matter a new application",
  (kind, effective, length, repairAt, after) => {
    const source = kind === "seriousDefault" ? sources.decision(0) : sources.thisMatter(0)
    const record = recordOf([
      { kind, source: kind === "seriousDefault" ? "decision" : "thisMatter", effective, length, repairAt },
    ])
    const entry = record.entries[0]!
    expect(entry.source).toEqual(source)
    // a day around the entry's period, where the calendar has data for the clock
    const on = CalendarDate.addDays(entry.effectiveOn, Math.min(after + length, 260))
    const inEffect =
      entry.effectiveOn <= on && on <= entry.expiresOn && (entry.repair === null || on < entry.repair.repairedOn)
    expect(CreditRecord.barsCommitment(entry, on)).toBe(inEffect)
    const facts: Application.Facts = { creditStanding: CreditRecord.standing(record, on) }
    const submit: Application.Command = {
      _tag: "SubmitApplication",
      caseNo,
      applicant: enterprise,
      matter: commitmentLicence,
      materials: ["M01", "M02", "M03"].map(paper),
    }
    const submitted = decide(submit, Application.initialState, context("windowClerk", on, facts))
    // a credit entry never stops a submission: only a statutory bar does (ALL Arts 78, 79)
    if (Result.isFailure(submitted)) throw new Error(JSON.stringify(submitted.failure))
    const state = Decider.fold(Application.decider, submitted.success)
    const accepted = decide(
      { _tag: "AcceptOnCommitment", caseNo, letter, businessLicence: { variant: "meetsNow" }, grantOnTheSpot: false },
      state,
      context("windowClerk", on, facts),
    )
    if (inEffect) {
      expect(accepted).toEqual(
        Result.fail(expect.objectContaining({ _tag: "ApplicantBarredFromCommitment", ordinaryProcedureOpen: true })),
      )
    } else {
      expect(Result.isSuccess(accepted)).toBe(true)
    }
  },
)

// ---------------------------------------------------------------------------------------------
// A false commitment ends the case, and is recorded once
// ---------------------------------------------------------------------------------------------

const D0 = "2026-03-02"

/** Histories of a commitment case up to a phase where a verification may find it false. */
const historyArb = fc
  .record({
    variant: fc.constantFrom("meetsNow", "willMeetBy") as fc.Arbitrary<"meetsNow" | "willMeetBy">,
    onTheSpot: fc.boolean(),
    decide: fc.boolean(),
    certificate: fc.boolean(),
    special: fc.boolean(),
    proof: fc.boolean(),
    order: fc.boolean(),
    findOn: fc.integer({ min: 0, max: 25 }),
    deliveries: fc.integer({ min: 1, max: 3 }),
  })
  .map((h): { steps: Array<Step>; findOn: CalendarDate.CalendarDate; deliveries: number } => {
    const steps: Array<Step> = [
      [
        {
          _tag: "SubmitApplication",
          caseNo,
          applicant: enterprise,
          matter: commitmentLicence,
          materials: ["M01", "M02", "M03"].map(paper),
        },
        context("windowClerk", D0),
      ],
      [
        {
          _tag: "AcceptOnCommitment",
          caseNo,
          letter,
          businessLicence:
            h.variant === "meetsNow" ? { variant: "meetsNow" } : { variant: "willMeetBy", meetBy: date("2026-03-20") },
          grantOnTheSpot: h.onTheSpot,
        },
        context("windowClerk", D0, {
          creditStanding: CreditRecord.standing(CreditRecord.initialFor(subject), date(D0)),
        }),
      ],
    ]
    if (h.proof && h.variant === "willMeetBy") {
      steps.push([{ _tag: "SubmitComplianceProof", caseNo, description: "验收照片" }, context("applicant", D0)])
    }
    const granted = h.onTheSpot || h.decide
    if (!granted && h.special) {
      steps.push([
        { _tag: "StartSpecialProcedure", caseNo, procedure: "inspection", expectedWorkingDays: 3, reason: "现场检查" },
        context("reviewer", D0),
      ])
    }
    if (!h.onTheSpot && h.decide) steps.push([{ _tag: "GrantApplication", caseNo }, context("approver", D0)])
    if (granted && h.certificate) {
      steps.push([{ _tag: "IssueCertificate", caseNo, certificateNo: "JY1" }, context("windowClerk", D0)])
    }
    if (granted && h.order) {
      steps.push([
        {
          _tag: "RecordVerification",
          caseNo,
          method: "onSite",
          outcome: { _tag: "ConditionsNotMet", findings: "消毒设施未安装", rectifyBy: date("2026-03-10") },
        },
        context("verifier", D0),
      ])
    }
    return { steps, findOn: CalendarDate.addDays(date(D0), h.findOn), deliveries: h.deliveries }
  })

test.prop([historyArb], { numRuns: 300 })(
  "a false commitment always ends in rescission or termination and exactly one credit entry, however often it is delivered",
  ({ steps, findOn, deliveries }) => {
    const { events, state } = play(steps)
    const decided = state.decision?._tag === "Granted"
    const outcome = decide(
      {
        _tag: "RecordVerification",
        caseNo,
        method: "dataCheck",
        outcome: { _tag: "FalseCommitment", findings: "数据比对发现经营场所系虚构" },
        lateExplanation: "复核",
      },
      state,
      context("verifier", findOn),
    )
    if (Result.isFailure(outcome)) throw new Error(JSON.stringify(outcome.failure))
    const after = Decider.fold(Application.decider, outcome.success, state)
    expect(after.phase).toBe(decided ? "rescinded" : "terminated")
    expect(Application.falseCommitmentEndsCase(after)).toBe(true)
    const all = [...events, ...outcome.success]
    expect(Application.falseCommitmentRecordedOnce(all)).toBe(true)
    const found = outcome.success.filter(
      (e): e is Application.FalseCommitmentFound => e._tag === "FalseCommitmentFound",
    )
    expect(found).toHaveLength(1)
    // the process manager delivers the finding `deliveries` times: one entry
    const system = { now: instant(findOn), actor: actors.system, facts: {} }
    const delivered = Decider.runAll(
      CreditRecord.decider,
      CreditRecord.initialFor(subject),
      Array.from({ length: deliveries }, () => [Application.toRecordEntry(found[0]!), system] as const),
    )
    if (Result.isFailure(delivered)) throw new Error(JSON.stringify(delivered.failure))
    expect(delivered.success.state.entries).toHaveLength(1)
    expect(delivered.success.state.entries[0]).toMatchObject({
      id: CreditRecord.entryIdFor({ _tag: "Application", caseNo, matterCode }, "falseCommitment"),
      kind: "falseCommitment",
      effectiveOn: findOn,
    })
    const standing = CreditRecord.standing(delivered.success.state, CalendarDate.addDays(findOn, 1))
    expect(standing.reasons.map((reason) => reason.entryId)).toEqual([found[0]!.entryId])
    // the case takes no second finding
    const again = decide(
      { _tag: "RecordVerification", caseNo, method: "onSite", outcome: { _tag: "FalseCommitment", findings: "再次" } },
      after,
      context("verifier", findOn),
    )
    expect(Result.isFailure(again) && again.failure._tag).toBe("ApplicationClosed")
  },
)
