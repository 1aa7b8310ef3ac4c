import { fc, test } from "@fast-check/vitest"
import { Result, Schema } from "effect"
import { expect } from "vitest"
import { Decider, ServiceBundle } from "../src/index.ts"
import { authority, members } from "./arbitraries/matter.ts"

const numRuns = 1000

test.prop([members()], { numRuns })("the merged material list has no duplicate material code or licence type", (ms) => {
  expect(ServiceBundle.mergedMaterialsUnique(ServiceBundle.mergeMaterials(ms))).toBe(true)
})

test.prop([members()], { numRuns })("the merged material list covers every member's mandatory materials", (ms) => {
  expect(ServiceBundle.mergedMaterialsCoverMandatory(ms, ServiceBundle.mergeMaterials(ms))).toBe(true)
})

test.prop([members()], { numRuns })(
  "every requirement of every member appears exactly once in the merged list, in an entry with its code and licence type",
  (ms) => {
    const merged = ServiceBundle.mergeMaterials(ms)
    expect(ServiceBundle.mergedMaterialsAttributed(ms, merged)).toBe(true)
    expect(merged.reduce((n, entry) => n + entry.neededBy.length, 0)).toBe(
      ms.reduce((n, m) => n + m.materials.length, 0),
    )
  },
)

const admin: Decider.CommandContext = {
  now: "2026-09-24T01:30:00.000Z",
  actor: { id: "admin", roles: ["catalogueAdmin"] },
  facts: {},
}
const bundleId = "OPEN-A-RESTAURANT"

const bundleElements = fc.record(
  {
    name: fc.constantFrom("开办餐饮店", " "),
    leadDepartment: authority,
    members: members({ maxLength: 4 }),
    introduction: fc.constantFrom("一次告知、一表申请、一窗受理、一次办结", ""),
    jointLimitWorkingDays: fc.integer({ min: 0, max: 50 }),
    extension: fc.record({ workingDays: fc.integer({ min: 1, max: 18 }), approvedBy: fc.constant("长沙市人民政府") }),
  },
  { requiredKeys: ["name", "leadDepartment", "members", "introduction", "jointLimitWorkingDays"] },
)

const bundleCommand: fc.Arbitrary<ServiceBundle.Command> = fc.oneof(
  { weight: 3, arbitrary: bundleElements.map((elements) => ({ _tag: "DraftBundle" as const, bundleId, elements })) },
  {
    weight: 2,
    arbitrary: bundleElements.map((elements) => ({ _tag: "ReviseBundleDraft" as const, bundleId, elements })),
  },
  { weight: 4, arbitrary: fc.constant({ _tag: "PublishBundle" as const, bundleId }) },
  { weight: 2, arbitrary: fc.constant({ _tag: "OpenBundleRevision" as const, bundleId }) },
  { weight: 1, arbitrary: fc.constant({ _tag: "SuspendBundle" as const, bundleId, reason: "调整" }) },
  { weight: 1, arbitrary: fc.constant({ _tag: "ResumeBundle" as const, bundleId }) },
  { weight: 1, arbitrary: fc.constant({ _tag: "AbolishBundle" as const, bundleId, reason: "取消" }) },
)

const lifecycle = fc.array(bundleCommand, { minLength: 1, maxLength: 25 }).map((commands) => {
  let state = ServiceBundle.initialState
  const events: Array<ServiceBundle.Event> = []
  const states = [state]
  for (const command of commands) {
    const outcome = Decider.run(ServiceBundle.decider, state, command, admin)
    if (Result.isSuccess(outcome)) {
      events.push(...outcome.success.events)
      state = outcome.success.state
      states.push(state)
    }
  }
  return { events, state, states }
})

const encodeEvent = Schema.encodeSync(ServiceBundle.Event)
const decodeEvent = Schema.decodeUnknownSync(ServiceBundle.Event)
const throughStore = (event: ServiceBundle.Event) => decodeEvent(JSON.parse(JSON.stringify(encodeEvent(event))))

test.prop([lifecycle], { numRuns: 300 })(
  "every ServiceBundle event survives a Schema encode → JSON → decode round trip",
  ({ events }) => {
    for (const event of events) expect(throughStore(event)).toEqual(event)
  },
)

test.prop([lifecycle], { numRuns: 300 })(
  "replaying the stored bundle events reproduces the state",
  ({ events, state }) => {
    expect(Decider.fold(ServiceBundle.decider, events.map(throughStore))).toEqual(state)
  },
)

test.prop([lifecycle], { numRuns: 300 })(
  "every state a bundle stream reaches satisfies the state invariants",
  ({ states }) => {
    for (const state of states)
      for (const [name, holds] of ServiceBundle.stateInvariants) expect(holds(state), name).toBe(true)
  },
)
