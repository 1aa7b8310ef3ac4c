/**
 * Model-based test of the whole lifecycle of a case: random sequences of every command (and of
 * time passing) run against the aggregate and against a deliberately simpler model. Each accepted
 * command must be accepted by the model's rules and leave the state the model predicts — phase,
 * materials, acceptance, deferral, and the clock counted day by day; each `_Err` command must be
 * rejected with exactly the rejection the model predicts. Every invariant is checked after every
 * step, and replay is checked at the end of every run.
 */

import { fc, test } from "@fast-check/vitest"
import { expect, it } from "vitest"
import { type Actor, Application, Decider } from "../src/index.ts"
import { anyTerms } from "./arbitraries/application.ts"
import { AcceptApplicationCommand } from "./model/Application/AcceptApplication.ts"
import { AcceptApplicationErrCommand } from "./model/Application/AcceptApplication_Err.ts"
import { AcceptTolerantlyCommand } from "./model/Application/AcceptTolerantly.ts"
import { AcceptTolerantlyErrCommand } from "./model/Application/AcceptTolerantly_Err.ts"
import { AdvanceTimeCommand } from "./model/Application/AdvanceTime.ts"
import { AdvanceToBoundaryCommand } from "./model/Application/AdvanceToBoundary.ts"
import { CorrectOnTheSpotCommand } from "./model/Application/CorrectOnTheSpot.ts"
import { CorrectOnTheSpotErrCommand } from "./model/Application/CorrectOnTheSpot_Err.ts"
import { DecideOnTheSpotCommand } from "./model/Application/DecideOnTheSpot.ts"
import { DecideOnTheSpotErrCommand } from "./model/Application/DecideOnTheSpot_Err.ts"
import { DeclineAcceptanceCommand } from "./model/Application/DeclineAcceptance.ts"
import { DeclineAcceptanceErrCommand } from "./model/Application/DeclineAcceptance_Err.ts"
import { DeemAcceptedCommand } from "./model/Application/DeemAccepted.ts"
import { DeemAcceptedErrCommand } from "./model/Application/DeemAccepted_Err.ts"
import { DenyApplicationCommand } from "./model/Application/DenyApplication.ts"
import { DenyApplicationErrCommand } from "./model/Application/DenyApplication_Err.ts"
import { DraftApplicationCommand } from "./model/Application/DraftApplication.ts"
import { DraftApplicationErrCommand } from "./model/Application/DraftApplication_Err.ts"
import { EndSpecialProcedureCommand } from "./model/Application/EndSpecialProcedure.ts"
import { EndSpecialProcedureErrCommand } from "./model/Application/EndSpecialProcedure_Err.ts"
import { ExtendTimeLimitCommand } from "./model/Application/ExtendTimeLimit.ts"
import { ExtendTimeLimitErrCommand } from "./model/Application/ExtendTimeLimit_Err.ts"
import { GrantApplicationCommand } from "./model/Application/GrantApplication.ts"
import { GrantApplicationErrCommand } from "./model/Application/GrantApplication_Err.ts"
import { IssueCertificateCommand } from "./model/Application/IssueCertificate.ts"
import { IssueCertificateErrCommand } from "./model/Application/IssueCertificate_Err.ts"
import { MissSupplementDeadlineCommand } from "./model/Application/MissSupplementDeadline.ts"
import { MissSupplementDeadlineErrCommand } from "./model/Application/MissSupplementDeadline_Err.ts"
import {
  type ApplicationCommand,
  type ApplicationReal,
  commandTags,
  initialModel,
  modelledTags,
  runCounts,
} from "./model/Application/model.ts"
import { NotAuthorizedErrCommand } from "./model/Application/NotAuthorized_Err.ts"
import { RecordFraudFindingCommand } from "./model/Application/RecordFraudFinding.ts"
import { RecordFraudFindingErrCommand } from "./model/Application/RecordFraudFinding_Err.ts"
import { RecordReviewStepCommand } from "./model/Application/RecordReviewStep.ts"
import { RecordReviewStepErrCommand } from "./model/Application/RecordReviewStep_Err.ts"
import { RequestCorrectionCommand } from "./model/Application/RequestCorrection.ts"
import { RequestCorrectionErrCommand } from "./model/Application/RequestCorrection_Err.ts"
import { RescindGrantCommand } from "./model/Application/RescindGrant.ts"
import { RescindGrantErrCommand } from "./model/Application/RescindGrant_Err.ts"
import { ResubmitMaterialsCommand } from "./model/Application/ResubmitMaterials.ts"
import { ResubmitMaterialsErrCommand } from "./model/Application/ResubmitMaterials_Err.ts"
import { StartSpecialProcedureCommand } from "./model/Application/StartSpecialProcedure.ts"
import { StartSpecialProcedureErrCommand } from "./model/Application/StartSpecialProcedure_Err.ts"
import { SubmitApplicationCommand } from "./model/Application/SubmitApplication.ts"
import { SubmitApplicationErrCommand } from "./model/Application/SubmitApplication_Err.ts"
import { SupplementDeferredMaterialsCommand } from "./model/Application/SupplementDeferredMaterials.ts"
import { SupplementDeferredMaterialsErrCommand } from "./model/Application/SupplementDeferredMaterials_Err.ts"
import { WithdrawApplicationCommand } from "./model/Application/WithdrawApplication.ts"
import { WithdrawApplicationErrCommand } from "./model/Application/WithdrawApplication_Err.ts"
import { WrongCaseErrCommand } from "./model/Application/WrongCase_Err.ts"

const roles: ReadonlyArray<Actor.Role> = [
  "applicant",
  "agent",
  "windowClerk",
  "reviewer",
  "approver",
  "authorityHead",
  "verifier",
  "catalogueAdmin",
  "supervisor",
  "system",
]
const tag = fc.constantFrom(...commandTags)
const flag = fc.boolean()
const small = fc.nat({ max: 9 })
const fault = <F extends string>(...faults: ReadonlyArray<F>) => fc.constantFrom(...faults)

// fc.commands picks uniformly among these. The commands that move a case forward, and time, are
// listed several times so that runs reach review, special procedures, suspension, decisions,
// certificates and rescissions; each _Err twin once.
const weighted = <A>(times: number, arbitrary: fc.Arbitrary<A>): ReadonlyArray<fc.Arbitrary<A>> =>
  Array.from({ length: times }, () => arbitrary)
const always = <A>(make: () => A) => fc.constant(null).map(make)

const commands: ReadonlyArray<fc.Arbitrary<ApplicationCommand>> = [
  ...weighted(
    6,
    small.map((days) => new AdvanceTimeCommand(days)),
  ),
  ...weighted(
    3,
    fc
      .tuple(
        fc.constantFrom(...(["correctionNotice", "supplement", "promised", "statutory", "certificate"] as const)),
        flag,
      )
      .map(([boundary, dayAfter]) => new AdvanceToBoundaryCommand(boundary, dayAfter)),
  ),
  always(() => new DraftApplicationCommand()),
  always(() => new DraftApplicationErrCommand()),
  ...weighted(
    6,
    fc
      .tuple(
        fc.oneof(
          fc.constant(["M01", "M02", "M03", "M04"]),
          fc.constant(["M01", "M02", "M04"]),
          fc.subarray(["M01", "M02", "M03", "M04", "M05"]),
        ),
        flag,
      )
      .map(([codes, viaLicence]) => new SubmitApplicationCommand(codes, viaLicence)),
  ),
  fault("phase", "duplicate", "unknown", "electronicLicence", "applicant").map(
    (f) => new SubmitApplicationErrCommand(f),
  ),
  ...weighted(
    3,
    fc.array(small, { maxLength: 2 }).map((picks) => new RequestCorrectionCommand(picks)),
  ),
  fault("phase", "empty", "late", "incomplete", "outside").map((f) => new RequestCorrectionErrCommand(f)),
  ...weighted(
    4,
    small.map((take) => new ResubmitMaterialsCommand(take)),
  ),
  fault("phase", "notRequested").map((f) => new ResubmitMaterialsErrCommand(f)),
  ...weighted(
    4,
    always(() => new AcceptApplicationCommand()),
  ),
  fault("phase", "immediate", "missing").map((f) => new AcceptApplicationErrCommand(f)),
  ...weighted(
    6,
    always(() => new AcceptTolerantlyCommand()),
  ),
  fault("phase", "immediate", "notOffered", "nothing", "core", "notDeferrable", "incomplete").map(
    (f) => new AcceptTolerantlyErrCommand(f),
  ),
  ...weighted(
    2,
    always(() => new DeemAcceptedCommand()),
  ),
  fault("phase", "early").map((f) => new DeemAcceptedErrCommand(f)),
  fc
    .tuple(flag, fc.nat({ max: 3 }))
    .map(([notCompetent, rarely]) => new DeclineAcceptanceCommand(notCompetent, rarely)),
  fault("phase", "referral", "acceptedByLaw").map((f) => new DeclineAcceptanceErrCommand(f)),
  ...weighted(
    3,
    fc.tuple(flag, flag).map(([grant, explain]) => new DecideOnTheSpotCommand(grant, explain)),
  ),
  fault("phase", "notImmediate", "missing", "overtime").map((f) => new DecideOnTheSpotErrCommand(f)),
  small.map((step) => new RecordReviewStepCommand(step)),
  fault("phase", "unknownStep").map((f) => new RecordReviewStepErrCommand(f)),
  ...weighted(
    2,
    fc
      .tuple(small, fc.integer({ min: 1, max: 20 }))
      .map(([kind, days]) => new StartSpecialProcedureCommand(kind, days)),
  ),
  fault("phase", "notAllowed", "duration").map((f) => new StartSpecialProcedureErrCommand(f)),
  ...weighted(
    2,
    always(() => new EndSpecialProcedureCommand()),
  ),
  always(() => new EndSpecialProcedureErrCommand()),
  ...weighted(
    2,
    always(() => new ExtendTimeLimitCommand()),
  ),
  fault("phase", "notAllowed", "twice", "late").map((f) => new ExtendTimeLimitErrCommand(f)),
  ...weighted(
    3,
    always(() => new SupplementDeferredMaterialsCommand()),
  ),
  fault("phase", "none", "notDeferred", "late").map((f) => new SupplementDeferredMaterialsErrCommand(f)),
  ...weighted(
    4,
    always(() => new MissSupplementDeadlineCommand()),
  ),
  fault("phase", "none", "early").map((f) => new MissSupplementDeadlineErrCommand(f)),
  ...weighted(
    3,
    flag.map((explain) => new GrantApplicationCommand(explain)),
  ),
  fault("phase", "outstanding", "overtime", "falseMaterials").map((f) => new GrantApplicationErrCommand(f)),
  fc.nat({ max: 4 }).map((rarely) => new RecordFraudFindingCommand(rarely)),
  small.map((pick) => new CorrectOnTheSpotCommand(pick)),
  fault("phase", "late").map((f) => new CorrectOnTheSpotErrCommand(f)),
  fault("phase", "again", "findings").map((f) => new RecordFraudFindingErrCommand(f)),
  flag.map((explain) => new DenyApplicationCommand(explain)),
  fault("phase", "reasons", "overtime").map((f) => new DenyApplicationErrCommand(f)),
  ...weighted(
    3,
    fc.tuple(flag, flag).map(([explain, electronic]) => new IssueCertificateCommand(explain, electronic)),
  ),
  fault("phase", "late").map((f) => new IssueCertificateErrCommand(f)),
  fc.nat({ max: 3 }).map((rarely) => new WithdrawApplicationCommand(rarely)),
  always(() => new WithdrawApplicationErrCommand()),
  always(() => new RescindGrantCommand()),
  fault("phase", "basis").map((f) => new RescindGrantErrCommand(f)),
  fc
    .tuple(tag, fc.uniqueArray(fc.constantFrom(...roles), { maxLength: 3 }))
    .map(([t, r]) => new NotAuthorizedErrCommand(t, r)),
  tag.map((t) => new WrongCaseErrCommand(t)),
]

// A fixed amount of work — numRuns runs of at most maxCommands commands, never a time limit — and
// fewer runs would not do: at 1,000 the rarest phases (suspended, terminated: a tolerant acceptance
// whose deferred materials never came) meet some commands only once or twice a seed.
const numRuns = 1000

/** Lets the event loop turn: without it the runs are one synchronous stretch and vitest's timeout cannot fire. */
const yieldToEventLoop = (): Promise<void> => new Promise((resolve) => setImmediate(resolve))

test.prop([anyTerms, fc.commands([...commands], { maxCommands: 150, size: "max" })], { numRuns })(
  "Application lifecycle: the aggregate agrees with the model, rejects exactly what the model predicts and keeps every invariant",
  async (terms, cmds) => {
    await yieldToEventLoop()
    const real: ApplicationReal = { state: Application.initialState, events: [] }
    fc.modelRun(() => ({ model: initialModel(terms), real }), cmds)
    expect(Decider.fold(Application.decider, real.events)).toEqual(real.state)
    expect(Application.replayIsDeterministic(real.events)).toBe(true)
  },
)

it("ran every command of the model, and reports how often", () => {
  const names = [...runCounts.keys()].sort()
  console.log(
    `Application model-based test, ${numRuns} runs — executions per command:\n${names
      .map((n) => `  ${n.padEnd(34)} ${runCounts.get(n)}`)
      .join("\n")}`,
  )
  const expected = [
    "AdvanceTime",
    "AdvanceToBoundary",
    ...modelledTags.flatMap((t) => [t, `${t}_Err`]),
    "NotAuthorized_Err",
    "WrongCase_Err",
    // a finding on a matter that concerns safety, health or life and property: its bar exercised
    "RecordFraudFinding(bar)",
  ].sort()
  expect(names).toEqual(expected)
})
