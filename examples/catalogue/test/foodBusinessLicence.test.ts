import { Matter, PublishedMatter } from "@yiciban/core"
import { Result, Schema } from "effect"
import { describe, expect, it } from "vitest"
import {
  brokenDrafts,
  cityMarketRegulation,
  empowerTheZone,
  fireSafetyCheck,
  foodBusinessLicence,
  openARestaurant,
  publishAndRevise,
  signboardPermit,
  zoneAuthority,
} from "../src/foodBusinessLicence.ts"

describe("the food-business licence example", () => {
  it("its elements decode with the schema and break no rule", () => {
    expect(Schema.decodeUnknownSync(PublishedMatter.MatterElements)(foodBusinessLicence)).toEqual(foodBusinessLicence)
    expect(Matter.violations(foodBusinessLicence)).toEqual([])
    expect(Matter.missingElements(foodBusinessLicence)).toEqual([])
    for (const member of [fireSafetyCheck, signboardPermit]) {
      expect(Schema.decodeUnknownSync(PublishedMatter.PublishedMatter)(member)).toEqual(member)
      expect(Matter.violations(member)).toEqual([])
    }
  })

  it("publishes version 1, revises it and publishes version 2 while version 1 stays as it was", () => {
    const { latest, first, state } = Result.getOrThrow(publishAndRevise())
    expect(latest).toMatchObject({ version: 2, promisedLimitWorkingDays: 7, publishedAt: "2026-10-09T01:00:00.000Z" })
    expect(first).toMatchObject({ version: 1, promisedLimitWorkingDays: 10, statutoryLimitWorkingDays: 20 })
    expect(Matter.acceptsApplications(state)).toBe(true)
  })

  it("rejects the broken drafts with the rule they break", () => {
    const { supplementDeadline, barredCommitment, both } = brokenDrafts()
    expect(Result.isFailure(supplementDeadline) && supplementDeadline.failure).toEqual({
      _tag: "SupplementDeadlineBeyondPromised",
      supplementDeadline: 15,
      promised: 10,
    })
    expect(Result.isFailure(barredCommitment) && barredCommitment.failure).toEqual({
      _tag: "CommitmentOnBarredCategory",
      categories: ["personalHealth"],
    })
    expect(both.map((r) => r._tag)).toEqual(["SupplementDeadlineBeyondPromised", "CommitmentOnBarredCategory"])
  })

  it("hands the matter to the development zone from 1 November", () => {
    const { state } = Result.getOrThrow(publishAndRevise())
    const { before, from } = Result.getOrThrow(empowerTheZone(state))
    expect(before).toEqual(cityMarketRegulation)
    expect(from).toEqual(zoneAuthority)
  })

  it("merges the three matters of 开办餐饮店 into one material list", () => {
    const { latest } = Result.getOrThrow(publishAndRevise())
    const { materials, unique, covers } = Result.getOrThrow(openARestaurant(latest!))
    expect(unique).toBe(true)
    expect(covers).toBe(true)
    expect(materials).toHaveLength(10)
    expect(materials.find((m) => m.name === "营业执照或者其他主体资格证明文件")).toEqual({
      name: "营业执照或者其他主体资格证明文件",
      codes: ["SP02", "XF02", "CG02"],
      neededBy: 3,
    })
    expect(materials.find((m) => m.codes.includes("SP05"))?.neededBy).toBe(2)
  })
})
