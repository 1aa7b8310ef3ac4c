import { fc, test } from "@fast-check/vitest"
import { Result } from "effect"
import { expect, it } from "vitest"
import { BundleApplication, CalendarDate, type PublishedMatter } from "../src/index.ts"
import {
  Accept,
  AcceptOrdinaryErr,
  Answer,
  ChildOutcome,
  ChildOutcomeAgain,
  Deliver,
  Extend,
  IssueNotice,
  NotAuthorizedErr,
  Propose,
  Submit,
} from "./model/BundleApplication/commands.ts"
import {
  allMembers,
  applicant,
  asApplicant,
  asLeadClerk,
  asSystem,
  letter,
  publishedBundle,
} from "./model/BundleApplication/fixtures.ts"
import {
  type BundleCommand,
  type BundleReal,
  caseNo,
  decider,
  initialModel,
  runCounts,
} from "./model/BundleApplication/model.ts"

/** Social security contributions (SB), taken from shared data by two members and tolerated across departments. */
const insured: PublishedMatter.MaterialRequirement = {
  code: "SB",
  name: "社会保险缴纳证明",
  mandatory: true,
  category: "secondary",
  originals: 0,
  copies: 1,
  sharedDataKind: "socialSecurity",
  deferrable: false,
  replaceableByCommitment: false,
}
const withInsured = (member: PublishedMatter.PublishedMatter): PublishedMatter.PublishedMatter =>
  member === allMembers[0] || member === allMembers[1]
    ? { ...member, materials: [...member.materials, insured] }
    : member
const bundle = fc
  .tuple(fc.subarray([...allMembers], { minLength: 2 }), fc.integer({ min: 1, max: 45 }), fc.boolean())
  .map(([members, limit, tolerate]) => {
    const published = publishedBundle(members.map(withInsured), limit)
    // the lead department's window may defer SB for each member that needs it (跨部门容缺)
    const crossTolerance = published.members
      .filter((member) => member.materials.some((r) => r.code === "SB"))
      .map((member) => ({
        implementationCode: member.implementationCode,
        materialCodes: ["SB"] as const,
        supplementDeadlineWorkingDays: 5,
        onDeadlineMissed: "terminate" as const,
      }))
    return tolerate && crossTolerance.length > 0 ? { ...published, crossTolerance } : published
  })
const picks = fc.array(fc.boolean(), { minLength: 1, maxLength: 12 })
const weighted = <A>(times: number, arbitrary: fc.Arbitrary<A>): ReadonlyArray<fc.Arbitrary<A>> =>
  Array.from({ length: times }, () => arbitrary)

const commands: ReadonlyArray<fc.Arbitrary<BundleCommand>> = [
  ...weighted(
    3,
    picks.map((p) => new Submit(p)),
  ),
  // everything but what shared data would have given: exercises the cross-department tolerance
  fc.constant(new Submit([true], true)),
  ...weighted(
    3,
    fc
      .tuple(
        fc.nat(3),
        fc.array(
          fc.record({ material: fc.nat(3), problem: fc.constantFrom("missing" as const, "defective" as const) }),
          {
            minLength: 1,
            maxLength: 3,
          },
        ),
      )
      .map(([member, items]) => new Propose(member, items)),
  ),
  ...weighted(2, fc.constant(new IssueNotice())),
  ...weighted(
    2,
    picks.map((p) => new Answer(p)),
  ),
  ...weighted(3, fc.constant(new Accept())),
  fc.constant(new AcceptOrdinaryErr()),
  ...weighted(
    6,
    fc
      .tuple(
        fc.nat(3),
        fc.constantFrom(
          "granted" as const,
          "granted" as const,
          "denied" as const,
          "declined" as const,
          "withdrawn" as const,
          "lapsed" as const,
        ),
        // one in five from another authority: one in ten reached DecidedByAnotherAuthority 4-10 times a run
        fc.nat(4).map((n) => n > 0),
        fc.nat(3),
      )
      .map(([child, result, own, day]) => new ChildOutcome(child, result, own, day)),
  ),
  ...weighted(
    4,
    fc.nat(3).map((child) => new ChildOutcomeAgain(child)),
  ),
  ...weighted(
    3,
    fc.integer({ min: 1, max: 20 }).map((days) => new Extend(days)),
  ),
  ...weighted(2, fc.constant(new Deliver())),
  fc.constant(new NotAuthorizedErr()),
]

test.prop([bundle, fc.commands([...commands], { maxCommands: 40, size: "max" })], { numRuns: 200 })(
  "BundleApplication: the aggregate agrees with the model, refuses exactly what the model predicts and keeps every invariant",
  (published, cmds) => {
    const real: BundleReal = { state: BundleApplication.initialState, events: [] }
    fc.modelRun(() => ({ model: initialModel(published), real }), cmds)
  },
)

it("ran every command of the bundle model, and reports how often", () => {
  const names = [...runCounts.keys()].sort()
  console.info(Object.fromEntries([...runCounts].sort()))
  for (const name of [
    "Submit",
    "Submit(sharedData)",
    "Accept(crossTolerance)",
    "Propose",
    "Propose_Err(MaterialAlreadyHandedOver)",
    "IssueNotice",
    "Answer",
    "Accept",
    "AcceptOrdinary_Err",
    "ChildOutcome",
    "ChildOutcome(again)",
    "ChildOutcome_Err(DecidedByAnotherAuthority)",
    "Extend",
    "Deliver",
    "NotAuthorized_Err",
  ]) {
    expect(names).toContain(name)
  }
})

/** An accepted bundle of every member, all materials handed over. */
const accepted = (): BundleApplication.State => {
  const published = publishedBundle()
  const steps: ReadonlyArray<readonly [BundleApplication.Command, typeof asSystem]> = [
    [
      {
        _tag: "SubmitBundleApplication",
        caseNo,
        applicant,
        bundle: published,
        materials: published.notice.materials.map((e) => ({ code: e.codes[0]!, form: "paper" as const })),
      },
      asApplicant,
    ],
    [
      {
        _tag: "AcceptBundle",
        caseNo,
        members: published.members.map((m, i) => ({
          implementationCode: m.implementationCode,
          acceptance:
            i === 2 ? { _tag: "OnCommitment" as const, letter, grantOnTheSpot: false } : { _tag: "Ordinary" as const },
        })),
      },
      asLeadClerk,
    ],
  ]
  let state = BundleApplication.initialState
  for (const [command, context] of steps) {
    const outcome = decider.decide(command, state, context)
    if (Result.isFailure(outcome)) throw new Error(JSON.stringify(outcome.failure))
    state = outcome.success.reduce(decider.evolve, state)
  }
  return state
}

const outcomeOf = (state: BundleApplication.State, index: number, result: "granted" | "denied", day: number) => ({
  _tag: "RecordChildOutcome" as const,
  caseNo,
  childCaseNo: state.children[index]!.caseNo,
  outcome: {
    result,
    on: CalendarDate.make(`2026-10-${String(10 + day).padStart(2, "0")}`),
    decidedBy: state.children[index]!.authority.creditCode,
  },
})

test.prop(
  [
    fc.array(fc.tuple(fc.constantFrom("granted" as const, "denied" as const), fc.nat(9)), {
      minLength: allMembers.length,
      maxLength: allMembers.length,
    }),
    fc.array(fc.nat(allMembers.length - 1), { maxLength: 12 }),
    fc.array(fc.nat(allMembers.length - 1), { maxLength: 12 }),
  ],
  { numRuns: 150 },
)(
  "replaying the children's outcomes in any order, delivered any number of times, gives the same bundle",
  (outcomes, orderA, orderB) => {
    const start = accepted()
    const commands = outcomes.map(([result, day], i) => outcomeOf(start, i, result, day))
    // two process managers' deliveries: every outcome at least once, in their own order, with repeats
    const replay = (order: ReadonlyArray<number>) => {
      let state = start
      for (const i of [...order, ...commands.map((_, i) => i).reverse(), ...order]) {
        const outcome = decider.decide(commands[i]!, state, asSystem)
        if (Result.isFailure(outcome)) throw new Error(JSON.stringify(outcome.failure))
        state = outcome.success.reduce(decider.evolve, state)
      }
      return state
    }
    const [a, b] = [replay(orderA), replay(orderB)]
    expect(a).toEqual(b)
    expect(a.phase).toBe("concluded")
    expect(a.concludedOn).toBe(commands.map((c) => c.outcome.on).reduce(CalendarDate.max))
  },
)
