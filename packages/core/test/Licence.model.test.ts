import { fc, test } from "@fast-check/vitest"
import { expect, it } from "vitest"
import type { Actor, Licence } from "../src/index.ts"
import { initialState } from "../src/Licence/State.ts"
import { AdvanceDaysCommand, AdvanceToCommand, type Boundary } from "./model/Licence/AdvanceDays.ts"
import { ApplyForRenewalCommand } from "./model/Licence/ApplyForRenewal.ts"
import { ApplyForRenewalErrCommand, type RenewalFault } from "./model/Licence/ApplyForRenewal_Err.ts"
import { DecideChangeCommand, RequestChangeCommand } from "./model/Licence/Change.ts"
import { DecideRenewalCommand } from "./model/Licence/DecideRenewal.ts"
import { DecideRenewalErrCommand } from "./model/Licence/DecideRenewal_Err.ts"
import { DeemRenewedCommand } from "./model/Licence/DeemRenewed.ts"
import { DeregisterCommand } from "./model/Licence/Deregister.ts"
import { IssueCommand } from "./model/Licence/Issue.ts"
import { IssueErrCommand } from "./model/Licence/Issue_Err.ts"
import { initialModel, type LicenceCommand, type LicenceReal, runCounts } from "./model/Licence/model.ts"
import { NotAuthorizedErrCommand } from "./model/Licence/NotAuthorized_Err.ts"
import { RecordExpiryCommand } from "./model/Licence/RecordExpiry.ts"
import { RevokeCommand, RevokeErrCommand } from "./model/Licence/Revoke.ts"
import { RevokeWithRescindedGrantCommand } from "./model/Licence/RevokeWithRescindedGrant.ts"
import { LiftSuspensionCommand, SuspendCommand } from "./model/Licence/Suspension.ts"

const weighted = <A>(times: number, arbitrary: fc.Arbitrary<A>): ReadonlyArray<fc.Arbitrary<A>> =>
  Array.from({ length: times }, () => arbitrary)

const tags: ReadonlyArray<Licence.Command["_tag"]> = [
  "ApplyForRenewal",
  "DecideRenewal",
  "DeemRenewed",
  "SuspendLicence",
  "DeregisterLicence",
  "RecordExpiry",
]
const roles = fc.uniqueArray(
  fc.constantFrom<Actor.Role>("applicant", "agent", "windowClerk", "reviewer", "approver", "verifier", "supervisor"),
  { maxLength: 3 },
)

const commands: ReadonlyArray<fc.Arbitrary<LicenceCommand>> = [
  ...weighted(
    4,
    fc
      .tuple(
        fc.option(fc.integer({ min: 40, max: 400 }), { nil: null, freq: 6 }),
        fc.integer({ min: 1, max: 39 }),
        fc.nat({ max: 5 }),
      )
      .map(([period, lead, back]) => new IssueCommand(period, lead, back)),
  ),
  fc.constant(new IssueErrCommand()),
  ...weighted(
    4,
    fc.integer({ min: 0, max: 150 }).map((days) => new AdvanceDaysCommand(days)),
  ),
  ...weighted(
    3,
    fc
      .constantFrom<Boundary>("lastApplyDay", "dayAfterLastApplyDay", "expiry", "dayAfterExpiry")
      .map((boundary) => new AdvanceToCommand(boundary)),
  ),
  ...weighted(3, fc.constant(new ApplyForRenewalCommand())),
  // three: "pending" alone ran about 6 times in 1,000 runs, and once none would fail the coverage test
  ...weighted(
    3,
    fc
      .constantFrom<RenewalFault>("tooLate", "pending", "closed", "doesNotExpire")
      .map((fault) => new ApplyForRenewalErrCommand(fault)),
  ),
  ...weighted(
    2,
    fc.boolean().map((approve) => new DecideRenewalCommand(approve)),
  ),
  ...weighted(
    3,
    fc.constantFrom("tooLate" as const, "nothingPending" as const).map((fault) => new DecideRenewalErrCommand(fault)),
  ),
  ...weighted(2, fc.constant(new DeemRenewedCommand())),
  ...weighted(2, fc.constant(new RecordExpiryCommand())),
  fc.constant(new SuspendCommand()),
  fc.constant(new LiftSuspensionCommand()),
  fc
    .tuple(fc.boolean(), fc.boolean(), fc.nat({ max: 30 }), fc.boolean())
    .map(([fraud, harm, back, bySupervisor]) => new RevokeCommand(fraud, harm, back, bySupervisor)),
  fc.constant(new RevokeErrCommand()),
  fc.tuple(fc.nat({ max: 40 }), fc.boolean()).map(([back, fraud]) => new RevokeWithRescindedGrantCommand(back, fraud)),
  ...weighted(
    2,
    fc
      .constantFrom<Licence.DeregistrationGround>(
        "expiredNotRenewed",
        "holderDeceased",
        "holderTerminated",
        "revokedOrWithdrawn",
        "forceMajeure",
      )
      .map((ground) => new DeregisterCommand(ground)),
  ),
  fc.nat({ max: 3 }).map((seed) => new RequestChangeCommand(seed)),
  fc.boolean().map((approve) => new DecideChangeCommand(approve)),
  fc.tuple(fc.constantFrom(...tags), roles).map(([tag, r]) => new NotAuthorizedErrCommand(tag, r)),
]

const numRuns = 1200

test.prop([fc.commands([...commands], { maxCommands: 40, size: "max" })], { numRuns })(
  "Licence: valid on a day iff issued, in a term (renewals, by law too), not revoked, deregistered or suspended — the aggregate agrees with the model on every boundary day and rejects exactly what the model predicts",
  (cmds) => {
    const real: LicenceReal = { state: initialState, events: [] }
    fc.modelRun(() => ({ model: initialModel(), real }), cmds)
  },
)

it("ran every command of the model, and reports how often", () => {
  const names = [...runCounts.keys()].sort()
  console.log(
    `Licence model-based test, ${numRuns} runs — executions per command:\n${names.map((n) => `  ${n.padEnd(44)} ${runCounts.get(n)}`).join("\n")}`,
  )
  expect(names).toEqual(
    expect.arrayContaining([
      "AdvanceDays",
      "AdvanceTo(dayAfterExpiry)",
      "AdvanceTo(lastApplyDay)",
      "ApplyForRenewal",
      "ApplyForRenewal_Err(closed)",
      "ApplyForRenewal_Err(doesNotExpire)",
      "ApplyForRenewal_Err(pending)",
      "ApplyForRenewal_Err(tooLate)",
      "DecideChange(approve)",
      "DecideRenewal(approve)",
      "DecideRenewal(refuse)",
      "DecideRenewal_Err(nothingPending)",
      "DecideRenewal_Err(tooLate)",
      "DeemRenewed",
      "DeemRenewed_Err(termNotEnded)",
      "Deregister(expiredNotRenewed)",
      "Deregister(revokedOrWithdrawn)",
      "Deregister_Err(holderDeceased)",
      "Deregister_Err(expiredNotRenewed)",
      "Issue",
      "Issue_Err(alreadyIssued)",
      "Issue_Err(notIssued)",
      "LiftSuspension",
      "NotAuthorized_Err",
      "RecordExpiry",
      "RecordExpiry_Err(renewalPending)",
      "RecordExpiry_Err(termNotEnded)",
      "RequestChange",
      "Revoke(69(1))",
      "Revoke(69(2))",
      "Revoke(69(1), withheld)",
      "Revoke_Err(closed)",
      "Revoke_Err(findingInFuture)",
      "RevokeWithRescindedGrant(fraud)",
      "RevokeWithRescindedGrant(other)",
      "Suspend",
      "Suspend_Err(alreadySuspended)",
    ]),
  )
})
