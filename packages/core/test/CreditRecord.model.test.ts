import { fc, test } from "@fast-check/vitest"
import { expect, it } from "vitest"
import { CreditRecord } from "../src/index.ts"
import { validResidentIdNumber, validUnifiedSocialCreditCode } from "./arbitraries/identityCode.ts"
import { AdvanceDaysCommand } from "./model/CreditRecord/AdvanceDays.ts"
import { AnnulStatutoryBarCommand } from "./model/CreditRecord/AnnulStatutoryBar.ts"
import { InvalidSubjectErrCommand } from "./model/CreditRecord/InvalidSubject_Err.ts"
import {
  type CreditCommand,
  type CreditReal,
  commandTags,
  initialModel,
  kinds,
  runCounts,
} from "./model/CreditRecord/model.ts"
import { NotAuthorizedErrCommand } from "./model/CreditRecord/NotAuthorized_Err.ts"
import { RecordEntryCommand } from "./model/CreditRecord/RecordEntry.ts"
import { RecordEntryErrCommand, type RecordFault } from "./model/CreditRecord/RecordEntry_Err.ts"
import { RecordEntryAgainCommand } from "./model/CreditRecord/RecordEntryAgain.ts"
import { RecordStatutoryBarCommand } from "./model/CreditRecord/RecordStatutoryBar.ts"
import { RepairEntryCommand } from "./model/CreditRecord/RepairEntry.ts"
import { RepairEntryErrCommand, type RepairFault } from "./model/CreditRecord/RepairEntry_Err.ts"
import { RevokeEntryCommand } from "./model/CreditRecord/RevokeEntry.ts"
import { RevokeEntryErrCommand, type RevokeFault } from "./model/CreditRecord/RevokeEntry_Err.ts"
import { type BarFault, StatutoryBarErrCommand } from "./model/CreditRecord/StatutoryBar_Err.ts"
import { WrongSubjectErrCommand } from "./model/CreditRecord/WrongSubject_Err.ts"

const subject: fc.Arbitrary<CreditRecord.CreditSubjectInput> = fc.oneof(
  validUnifiedSocialCreditCode.map((code) => ({ kind: "enterprise" as const, code })),
  validResidentIdNumber.map((code) => ({ kind: "person" as const, code })),
)
const index = fc.nat({ max: 20 })
const small = fc.nat({ max: 60 })
const tag = fc.constantFrom(...commandTags)
const otherRoles = fc.uniqueArray(
  fc.constantFrom(
    ...(["applicant", "agent", "windowClerk", "reviewer", "approver", "verifier", "catalogueAdmin"] as const),
  ),
  { maxLength: 3 },
)

// fc.commands picks uniformly among these; recording and time passing are listed several times so
// that runs hold entries that are future, in effect, repaired, revoked and expired.
const weighted = <A>(times: number, arbitrary: fc.Arbitrary<A>): ReadonlyArray<fc.Arbitrary<A>> =>
  Array.from({ length: times }, () => arbitrary)

const commands: ReadonlyArray<fc.Arbitrary<CreditCommand>> = [
  ...weighted(
    4,
    fc
      .tuple(
        fc.constantFrom(...kinds),
        small,
        fc.integer({ min: -400, max: 200 }),
        fc.option(fc.integer({ min: 1, max: 800 }), { nil: null }),
        fc.boolean(),
      )
      .map(
        ([kind, seed, offset, length, bySupervisor]) =>
          new RecordEntryCommand(kind, seed, offset, length, bySupervisor),
      ),
  ),
  fc.tuple(index, fc.boolean()).map(([i, explicit]) => new RecordEntryAgainCommand(i, explicit)),
  fc
    .tuple(fc.constantFrom<RecordFault>("expiryRequired", "expiryNotAfterEffective", "idConflict"), index, small)
    .map(([fault, i, k]) => new RecordEntryErrCommand(fault, i, k)),
  ...weighted(
    2,
    fc.tuple(index, fc.nat({ max: 1000 }), fc.boolean()).map(([i, offset, s]) => new RepairEntryCommand(i, offset, s)),
  ),
  ...weighted(
    2,
    fc
      .tuple(
        fc.constantFrom<RepairFault>("unknown", "revoked", "alreadyRepaired", "future", "beforeEffective", "expired"),
        index,
        small,
      )
      .map(([fault, i, k]) => new RepairEntryErrCommand(fault, i, k)),
  ),
  fc.tuple(index, small).map(([i, back]) => new RevokeEntryCommand(i, back)),
  fc
    .tuple(fc.constantFrom<RevokeFault>("unknown", "alreadyRevoked", "future"), index, small)
    .map(([fault, i, k]) => new RevokeEntryErrCommand(fault, i, k)),
  ...weighted(
    2,
    fc
      .tuple(
        fc.constantFrom<CreditRecord.BarArticle>("ALL Art 78", "ALL Art 79"),
        fc.nat({ max: 1 }),
        small,
        fc.integer({ min: -400, max: 200 }),
        fc.boolean(),
        fc.option(index, { nil: null, freq: 4 }),
      )
      .map(
        ([article, code, seed, offset, bySupervisor, again]) =>
          new RecordStatutoryBarCommand(article, code, seed, offset, bySupervisor, again),
      ),
  ),
  fc.tuple(index, small).map(([i, back]) => new AnnulStatutoryBarCommand(i, back)),
  fc
    .tuple(fc.constantFrom<BarFault>("idConflict", "unknown", "alreadyAnnulled", "future"), index, small)
    .map(([fault, i, k]) => new StatutoryBarErrCommand(fault, i, k)),
  fc.tuple(tag, index, otherRoles).map(([t, i, roles]) => new NotAuthorizedErrCommand(t, i, roles)),
  fc.tuple(tag, index, small).map(([t, i, shift]) => new InvalidSubjectErrCommand(t, i, shift)),
  fc.tuple(tag, index, subject).map(([t, i, other]) => new WrongSubjectErrCommand(t, i, other)),
  ...weighted(
    3,
    fc.integer({ min: 0, max: 200 }).map((days) => new AdvanceDaysCommand(days)),
  ),
]

const numRuns = 1000

test.prop([subject, fc.commands([...commands], { maxCommands: 30, size: "max" })], { numRuns })(
  "CreditRecord: the aggregate agrees with the model, rejects exactly what the model predicts, and its standing matches the model's on every boundary day",
  (who, cmds) => {
    const real: CreditReal = { state: CreditRecord.initialState, events: [] }
    fc.modelRun(() => ({ model: initialModel(who), real }), cmds)
  },
)

it("ran every command of the model, and reports how often", () => {
  const names = [...runCounts.keys()].sort()
  console.log(
    `CreditRecord model-based test, ${numRuns} runs — executions per command:\n${names.map((n) => `  ${n.padEnd(42)} ${runCounts.get(n)}`).join("\n")}`,
  )
  expect(names).toEqual(
    [
      "AdvanceDays",
      "AnnulStatutoryBar",
      "InvalidSubject_Err",
      "NotAuthorized_Err",
      "RecordEntry",
      "RecordEntry_Again",
      "RecordEntry_Err(expiryNotAfterEffective)",
      "RecordEntry_Err(expiryRequired)",
      "RecordEntry_Err(idConflict)",
      "RecordStatutoryBar",
      "RecordStatutoryBar_Again",
      "RepairEntry",
      "RepairEntry_Err(alreadyRepaired)",
      "RepairEntry_Err(beforeEffective)",
      "RepairEntry_Err(expired)",
      "RepairEntry_Err(future)",
      "RepairEntry_Err(revoked)",
      "RepairEntry_Err(unknown)",
      "RevokeEntry",
      "RevokeEntry_Err(alreadyRevoked)",
      "RevokeEntry_Err(future)",
      "RevokeEntry_Err(unknown)",
      "StatutoryBar_Err(alreadyAnnulled)",
      "StatutoryBar_Err(future)",
      "StatutoryBar_Err(idConflict)",
      "StatutoryBar_Err(unknown)",
      "WrongSubject_Err",
    ].sort(),
  )
})
