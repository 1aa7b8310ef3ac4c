import { Application, Matter } from "@yiciban/core"
import { Result } from "effect"
import { describe, expect, it } from "vitest"
import {
  acceptTolerantly,
  clockOn,
  foodLicence,
  grantAndIssue,
  inspectAcrossNationalDay,
  wholeCase,
} from "../src/foodLicence.ts"

const steps = () => Result.getOrThrow(wholeCase())

describe("the food-business licence case", () => {
  it("pins terms that break no rule of the catalogue", () => {
    expect(Matter.violations(foodLicence)).toEqual([])
  })

  it("is accepted tolerantly on 24 September: promised 15 October, statutory 29 October, SP03 due 9 October", () => {
    const { state } = Result.getOrThrow(acceptTolerantly())
    expect(state.acceptance).toMatchObject({
      acceptedOn: "2026-09-24",
      mode: "tolerant",
      promisedDueOn: "2026-10-15",
      statutoryDueOn: "2026-10-29",
    })
    expect(state.deferral?.notice).toMatchObject({ supplementBy: "2026-10-09", consequence: "terminate" })
  })

  it("the inspection across 国庆 stops the clock for four working days and moves the promised date to 21 October", () => {
    const { reviewed } = steps()
    expect(Result.getOrThrow(clockOn(reviewed.state, "2026-10-12"))).toMatchObject({
      promisedDueOn: "2026-10-21",
      statutoryDueOn: "2026-11-04",
      pausedWorkingDays: 4,
      elapsedWorkingDays: 3, // 25 September to 12 October: 28 Sep, 10 and 12 Oct ran
      warningLevel: "normal",
    })
    expect(Application.outstandingDeferred(reviewed.state)).toEqual([])
  })

  it("is granted and concluded with an electronic licence; the clock stops at the decision", () => {
    const { concluded } = steps()
    expect(concluded.state.phase).toBe("concluded")
    expect(concluded.state.certificate?.electronicLicence?.licenceNo).toBe("DZZZ-430100-2026-026731")
    expect(Result.getOrThrow(clockOn(concluded.state, "2026-11-30"))).toMatchObject({
      asOf: "2026-10-13",
      warningLevel: "normal",
    })
    for (const [name, holds] of Application.stateInvariants) expect(holds(concluded.state), name).toBe(true)
  })

  it("a grant before the certificates arrive would have been refused", () => {
    const { state } = Result.getOrThrow(acceptTolerantly())
    expect(grantAndIssue(state)).toEqual(Result.fail({ _tag: "DeferredMaterialsOutstanding", codes: ["SP03"] }))
  })

  it("the inspection step alone leaves the case under review", () => {
    const { state } = Result.getOrThrow(acceptTolerantly())
    expect(Result.getOrThrow(inspectAcrossNationalDay(state)).state.phase).toBe("underReview")
  })
})
