/**
 * Model-based test of notify-and-commit (告知承诺制): random sequences of cases — submitted,
 * accepted on commitment or in the ordinary procedure, granted, certified, proved, verified,
 * rescinded, lapsed — of one applicant for one matter, one case after another, while its credit
 * record takes the entries its false commitments produce (through `Application.toRecordEntry`,
 * delivered twice), serious defaults from other authorities, repairs and the passing of time.
 * Each accepted command must be accepted by the model's rules and leave the state the model
 * predicts; each `_Err` command must be rejected with exactly the rejection the model predicts;
 * every invariant is checked after every step, and the stream invariant and replay at the end of
 * every case.
 */
import { fc, test } from "@fast-check/vitest"
import { expect, it } from "vitest"
import { type Actor, Application, Decider } from "../src/index.ts"
import { AcceptApplicationCommand } from "./model/Commitment/AcceptApplication.ts"
import { AcceptApplicationErrCommand } from "./model/Commitment/AcceptApplication_Err.ts"
import { AcceptOnCommitmentCommand } from "./model/Commitment/AcceptOnCommitment.ts"
import { AcceptOnCommitmentErrCommand } from "./model/Commitment/AcceptOnCommitment_Err.ts"
import { AdvanceTimeCommand } from "./model/Commitment/AdvanceTime.ts"
import { GrantApplicationCommand } from "./model/Commitment/GrantApplication.ts"
import { GrantApplicationErrCommand } from "./model/Commitment/GrantApplication_Err.ts"
import { IssueCertificateCommand } from "./model/Commitment/IssueCertificate.ts"
import { IssueCertificateErrCommand } from "./model/Commitment/IssueCertificate_Err.ts"
import { MissComplianceDeadlineCommand } from "./model/Commitment/MissComplianceDeadline.ts"
import { MissComplianceDeadlineErrCommand } from "./model/Commitment/MissComplianceDeadline_Err.ts"
import {
  type CommitmentCommand,
  commitmentTags,
  faultCounts,
  initialModel,
  initialReal,
  runCounts,
  runSetup,
} from "./model/Commitment/model.ts"
import { NextCaseCommand } from "./model/Commitment/NextCase.ts"
import { NotAuthorizedErrCommand } from "./model/Commitment/NotAuthorized_Err.ts"
import { RecordSeriousDefaultCommand } from "./model/Commitment/RecordSeriousDefault.ts"
import { RecordVerificationCommand } from "./model/Commitment/RecordVerification.ts"
import { RecordVerificationErrCommand } from "./model/Commitment/RecordVerification_Err.ts"
import { RepairCreditEntryCommand } from "./model/Commitment/RepairCreditEntry.ts"
import { SubmitApplicationCommand } from "./model/Commitment/SubmitApplication.ts"
import { SubmitApplicationErrCommand } from "./model/Commitment/SubmitApplication_Err.ts"
import { SubmitComplianceProofCommand } from "./model/Commitment/SubmitComplianceProof.ts"
import { SubmitComplianceProofErrCommand } from "./model/Commitment/SubmitComplianceProof_Err.ts"
import { WithdrawApplicationCommand } from "./model/Commitment/WithdrawApplication.ts"
import { WithdrawApplicationErrCommand } from "./model/Commitment/WithdrawApplication_Err.ts"
import { WrongCaseErrCommand } from "./model/Commitment/WrongCase_Err.ts"

const roles = Application.requiredRoles.AcceptOnCommitment.concat(["applicant", "agent", "verifier", "system"])
const allRoles: ReadonlyArray<Actor.Role> = [
  ...new Set([...roles, "reviewer", "supervisor", "catalogueAdmin"] as const),
]
const flag = fc.boolean()
const fault = <F extends string>(...faults: ReadonlyArray<F>) => fc.constantFrom(...faults)
const weighted = <A>(times: number, arbitrary: fc.Arbitrary<A>): ReadonlyArray<fc.Arbitrary<A>> =>
  Array.from({ length: times }, () => arbitrary)
const always = <A>(make: () => A) => fc.constant(null).map(make)

// fc.commands picks uniformly among these: the commands that move a case forward, time and the
// next case are listed several times so that runs reach verification, rescission, the credit
// entry, a refused re-application and the entry's expiry; each _Err twin once.
const commands: ReadonlyArray<fc.Arbitrary<CommitmentCommand>> = [
  ...weighted(
    4,
    fc.nat({ max: 9 }).map((days) => new AdvanceTimeCommand(days)),
  ),
  ...weighted(
    4,
    always(() => new NextCaseCommand()),
  ),
  fc.integer({ min: 3, max: 40 }).map((days) => new RecordSeriousDefaultCommand(days)),
  always(() => new RepairCreditEntryCommand()),
  ...weighted(
    4,
    fc
      .tuple(
        fc.oneof(
          { weight: 4, arbitrary: fc.constant(["M01", "M02", "M03"]) },
          { weight: 2, arbitrary: fc.constant(["M01", "M02", "M03", "M04"]) },
          { weight: 1, arbitrary: fc.subarray(["M01", "M02", "M03", "M04", "M05"]) },
        ),
        fc.oneof({ weight: 3, arbitrary: fc.constant(true) }, { weight: 1, arbitrary: fc.constant(false) }),
      )
      .map(([codes, withFact]) => new SubmitApplicationCommand(codes, withFact)),
  ),
  fault("phase", "stale").map((f) => new SubmitApplicationErrCommand(f)),
  ...weighted(
    6,
    fc
      .tuple(flag, fc.nat({ max: 3 }), fc.integer({ min: 1, max: 15 }), fc.nat({ max: 3 }))
      .map(([onTheSpot, pick, days, agent]) => new AcceptOnCommitmentCommand(onTheSpot, pick, days, agent === 0)),
  ),
  ...weighted(
    2,
    fault(
      "phase",
      "missingFact",
      "stale",
      "otherSubject",
      "inconsistent",
      "barred",
      "letter",
      "agent",
      "variantRequired",
      "variantNotOffered",
      "meetBy",
      "materials",
    ).map((f) => new AcceptOnCommitmentErrCommand(f)),
  ),
  always(() => new AcceptApplicationCommand()),
  fault("phase", "missing").map((f) => new AcceptApplicationErrCommand(f)),
  ...weighted(
    3,
    always(() => new GrantApplicationCommand()),
  ),
  fault("phase", "lapsedCommitment").map((f) => new GrantApplicationErrCommand(f)),
  ...weighted(
    2,
    always(() => new IssueCertificateCommand()),
  ),
  always(() => new IssueCertificateErrCommand()),
  ...weighted(
    2,
    always(() => new SubmitComplianceProofCommand()),
  ),
  fault("phase", "notDue", "late", "text").map((f) => new SubmitComplianceProofErrCommand(f)),
  ...weighted(
    2,
    always(() => new MissComplianceDeadlineCommand()),
  ),
  fault("phase", "notDue", "early").map((f) => new MissComplianceDeadlineErrCommand(f)),
  ...weighted(
    8,
    fc
      .tuple(
        // NotRectified twice: it needs ConditionsNotMet and its deadline passed first, and ran only 4-14 times a run
        fc.constantFrom(
          "Confirmed",
          "ConditionsNotMet",
          "NotRectified",
          "NotRectified",
          "FalseCommitment",
          "FalseCommitment",
        ),
        fc.nat({ max: 3 }),
        fc.integer({ min: 1, max: 4 }),
      )
      .map(([kind, method, days]) => new RecordVerificationCommand(kind, method, days)),
  ),
  ...weighted(
    3,
    fault(
      "phase",
      "notCommitment",
      "exempt",
      "confirmed",
      "method",
      "text",
      "late",
      "proof",
      "notGranted",
      "ordered",
      "rectifyBy",
      "noOrder",
      "early",
    ).map((f) => new RecordVerificationErrCommand(f)),
  ),
  fc.nat({ max: 4 }).map((rarely) => new WithdrawApplicationCommand(rarely)),
  always(() => new WithdrawApplicationErrCommand()),
  fc
    .tuple(fc.constantFrom(...commitmentTags), fc.uniqueArray(fc.constantFrom(...allRoles), { maxLength: 3 }))
    .map(([tag, r]) => new NotAuthorizedErrCommand(tag, r)),
  fc.constantFrom(...commitmentTags).map((tag) => new WrongCaseErrCommand(tag)),
]

const numRuns = 1000

/** Lets the event loop turn: without it the runs are one synchronous stretch and vitest's timeout cannot fire. */
const yieldToEventLoop = (): Promise<void> => new Promise((resolve) => setImmediate(resolve))

test.prop([runSetup, fc.commands([...commands], { maxCommands: 250, size: "max" })], { numRuns })(
  "Commitment: the aggregate and the credit record agree with the model, reject exactly what it predicts and keep every invariant",
  async (setup, cmds) => {
    await yieldToEventLoop()
    const real = initialReal(setup)
    fc.modelRun(() => ({ model: initialModel(setup), real }), cmds)
    for (const stream of [...real.streams, real.events]) {
      expect(Application.falseCommitmentRecordedOnce(stream), "falseCommitmentRecordedOnce").toBe(true)
      expect(Application.replayIsDeterministic(stream)).toBe(true)
    }
    expect(Decider.fold(Application.decider, real.events)).toEqual(real.state)
  },
)

it("ran every command of the model and every verification outcome, and reports how often", () => {
  const names = [...runCounts.keys()].sort()
  console.log(
    `Commitment model-based test, ${numRuns} runs — executions per command:\n${names
      .map((n) => `  ${n.padEnd(36)} ${runCounts.get(n)}`)
      .join("\n")}\nand per fault of the _Err commands:\n${[...faultCounts.keys()]
      .sort()
      .map((n) => `  ${n.padEnd(44)} ${faultCounts.get(n)}`)
      .join("\n")}`,
  )
  const expected = [
    "AdvanceTime",
    "NextCase",
    "RecordSeriousDefault",
    "RepairCreditEntry",
    ...[
      "SubmitApplication",
      "AcceptOnCommitment",
      "AcceptApplication",
      "GrantApplication",
      "IssueCertificate",
      "SubmitComplianceProof",
      "MissComplianceDeadline",
      "RecordVerification",
      "WithdrawApplication",
    ].flatMap((t) => [t, `${t}_Err`]),
    ...["Confirmed", "ConditionsNotMet", "NotRectified", "FalseCommitment"].map((o) => `RecordVerification.${o}`),
    "NotAuthorized_Err",
    "WrongCase_Err",
  ].sort()
  expect(names).toEqual(expected)
})
