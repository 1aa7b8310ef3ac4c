import { Application, CalendarDate, CreditRecord, Matter } from "@yiciban/core"
import { Result } from "effect"
import { describe, expect, it } from "vitest"
import {
  advertising,
  applyAfterExpiry,
  applyAgain,
  cleanRecord,
  foodLicenceOnCommitment,
  grantOnCommitment,
  recordInCredit,
  signForTheDoor,
  wholeStory,
} from "../src/commitment.ts"

const story = () => Result.getOrThrow(wholeStory())

describe("notify-and-commit: from a false commitment to a refused re-application", () => {
  it("pins terms that break no rule of the catalogue", () => {
    expect(Matter.violations(foodLicenceOnCommitment)).toEqual([])
    expect(Matter.violations(advertising)).toEqual([])
  })

  it("is granted on the spot on 12 October without the floor plan; verification is due by 9 November", () => {
    const { state, events } = Result.getOrThrow(grantOnCommitment())
    expect(state.phase).toBe("granted")
    expect(state.acceptance?.mode).toBe("commitment")
    expect(Application.codesOnFile(state)).toEqual(["SP01", "SP02", "SP03"])
    expect(Application.licenceEffectiveOn(state)).toBe("2026-10-12")
    expect(events.map((e) => e._tag)).toEqual([
      "ApplicationSubmitted",
      "ApplicationAcceptedOnCommitment",
      "ApplicationGranted",
      "VerificationScheduled",
    ])
    expect(state.commitment?.verificationDueOn).toBe("2026-11-09")
  })

  it("the on-site verification finds the commitment false: rescinded, and the credit record told once", () => {
    const { verified } = story()
    expect(verified.state.phase).toBe("rescinded")
    expect(verified.events.map((e) => e._tag)).toEqual(["CommitmentVerified", "FalseCommitmentFound", "GrantRescinded"])
    expect(verified.events[2]).toMatchObject({ legalBasis: Application.falseCommitmentLegalBasis })
    expect(Application.licenceEffectiveOn(verified.state)).toBeUndefined()
  })

  it("the credit record takes one entry, barring until 20 October 2027", () => {
    const { verified, credit } = story()
    expect(credit.state.entries).toHaveLength(1)
    expect(credit.state.entries[0]).toMatchObject({
      id: "SCJG-2026-000812/falseCommitment",
      kind: "falseCommitment",
      source: {
        _tag: "Application",
        caseNo: "SCJG-2026-000812",
        matterCode: foodLicenceOnCommitment.implementationCode,
      },
      effectiveOn: "2026-10-20",
      expiresOn: "2027-10-20",
    })
    // the process manager delivering again records nothing more
    expect(Result.getOrThrow(recordInCredit(verified.events, credit.state)).events).toEqual([])
  })

  it("the same licence: the application is taken — a credit entry bars commitment only, not a new application", () => {
    const { credit } = story()
    expect(Result.isSuccess(applyAgain(credit.state))).toBe(true)
    expect(Result.isSuccess(applyAgain(cleanRecord))).toBe(true)
  })

  it("another matter: commitment refused, the ordinary procedure open and taken", () => {
    const { credit } = story()
    const { submitted, onCommitment, ordinary } = signForTheDoor(credit.state)
    expect(Result.isSuccess(submitted)).toBe(true)
    expect(onCommitment).toEqual(
      Result.fail({
        _tag: "ApplicantBarredFromCommitment",
        reasons: [{ entryId: "SCJG-2026-000812/falseCommitment", kind: "falseCommitment", expiresOn: "2027-10-20" }],
        ordinaryProcedureOpen: true,
        message:
          "the applicant's credit record bars notify-and-commit until its entries expire or are repaired; the ordinary procedure with the proofs the matter requires stays open",
      }),
    )
    const accepted = Result.getOrThrow(ordinary!)
    expect(accepted.state.phase).toBe("underReview")
    expect(accepted.state.acceptance).toMatchObject({ mode: "ordinary", acceptedOn: "2026-11-03" })
  })

  it("after the entry's last day, the restaurant may apply for the licence again", () => {
    const { credit } = story()
    expect(CreditRecord.standing(credit.state, CalendarDate.make("2027-10-20")).barredFromCommitment).toBe(true)
    const submitted = Result.getOrThrow(applyAfterExpiry(credit.state))
    expect(submitted.state.phase).toBe("submitted")
  })

  it("every invariant holds along the way", () => {
    const { granted, verified } = story()
    for (const state of [granted.state, verified.state]) {
      for (const [name, holds] of Application.stateInvariants) expect(holds(state), name).toBe(true)
    }
    expect(Application.falseCommitmentRecordedOnce([...granted.events, ...verified.events])).toBe(true)
  })
})
