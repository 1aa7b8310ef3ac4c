/**
 * One well-formed command of every kind the bundle aggregates take, as a caller would send it,
 * addressed to the restaurant bundle `CS-KBCYD` (lead: the city market regulation bureau) and the
 * restaurant's bundle case `YJS-B-1`, for the authorization matrix.
 */
import { type Aggregate, Aggregates, BundleApplications } from "../src/index.ts"
import { bundleId, companyCode, foodCode } from "./bundleFixtures.ts"
import { applicant, cityBureau } from "./fixtures.ts"

export const bundleCaseNo = "YJS-B-1"
const paper = (code: string) => ({ code, form: "paper" })
const elements = {
  name: "开办餐饮店",
  leadDepartment: cityBureau,
  memberCodes: [companyCode, foodCode],
  introduction: "一次告知、一表申请、一窗受理",
  jointLimitWorkingDays: 20,
}

type Sample = { readonly _tag: string; readonly [field: string]: unknown }

export const serviceBundleSamples: ReadonlyArray<Sample> = [
  { _tag: "DraftBundle", bundleId, elements },
  { _tag: "ReviseBundleDraft", bundleId, elements },
  { _tag: "PublishBundle", bundleId },
  { _tag: "OpenBundleRevision", bundleId },
  { _tag: "SuspendBundle", bundleId, reason: "调整" },
  { _tag: "ResumeBundle", bundleId },
  { _tag: "AbolishBundle", bundleId, reason: "取消" },
]

export const bundleCaseSamples: ReadonlyArray<Sample> = [
  { _tag: "SubmitBundleApplication", caseNo: bundleCaseNo, applicant, bundleId, materials: [paper("SP01")] },
  {
    _tag: "ProposeCorrection",
    caseNo: bundleCaseNo,
    implementationCode: foodCode,
    items: [{ code: "SP03", problem: "missing", note: "缺健康证明" }],
  },
  { _tag: "IssueCombinedNotice", caseNo: bundleCaseNo },
  { _tag: "AnswerCombinedNotice", caseNo: bundleCaseNo, materials: [paper("SP03")] },
  {
    _tag: "AcceptBundle",
    caseNo: bundleCaseNo,
    members: [{ implementationCode: foodCode, acceptance: { _tag: "Ordinary" } }],
  },
  { _tag: "DeclineBundle", caseNo: bundleCaseNo, reasons: "不属于受理范围" },
  { _tag: "RecordChildOutcome", caseNo: bundleCaseNo, childCaseNo: `${bundleCaseNo}-J1` },
  { _tag: "ExtendJointLimit", caseNo: bundleCaseNo, workingDays: 10, reason: "现场核查" },
  { _tag: "DeliverUnified", caseNo: bundleCaseNo },
  { _tag: "SupplementBundle", caseNo: bundleCaseNo, materials: [paper("SP03")] },
]

export const bundleAggregatesWithSamples: ReadonlyArray<{
  readonly aggregate: Aggregate.Any
  readonly samples: ReadonlyArray<Sample>
  readonly id: string
}> = [
  { aggregate: BundleApplications.serviceBundle, samples: serviceBundleSamples, id: bundleId },
  { aggregate: Aggregates.bundleApplication, samples: bundleCaseSamples, id: bundleCaseNo },
]
