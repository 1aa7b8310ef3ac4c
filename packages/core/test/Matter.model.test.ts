import { fc, test } from "@fast-check/vitest"
import { expect, it } from "vitest"
import { Matter } from "../src/index.ts"
import { authorities, brokenElements, draft, matterCommand, validElements } from "./arbitraries/matter.ts"
import { AbolishMatterCommand } from "./model/Matter/AbolishMatter.ts"
import { AbolishMatterErrCommand } from "./model/Matter/AbolishMatter_Err.ts"
import { DelegateMatterCommand } from "./model/Matter/DelegateMatter.ts"
import { DelegateMatterErrCommand } from "./model/Matter/DelegateMatter_Err.ts"
import { DraftMatterCommand } from "./model/Matter/DraftMatter.ts"
import { DraftMatterErrCommand } from "./model/Matter/DraftMatter_Err.ts"
import { baseCode, code, initialModel, type MatterCommand, type MatterReal, runCounts } from "./model/Matter/model.ts"
import { NotAuthorizedErrCommand } from "./model/Matter/NotAuthorized_Err.ts"
import { OpenRevisionCommand } from "./model/Matter/OpenRevision.ts"
import { OpenRevisionErrCommand } from "./model/Matter/OpenRevision_Err.ts"
import { PublishDraftCommand } from "./model/Matter/PublishDraft.ts"
import { PublishDraftErrCommand } from "./model/Matter/PublishDraft_Err.ts"
import { ResumeMatterCommand } from "./model/Matter/ResumeMatter.ts"
import { ResumeMatterErrCommand } from "./model/Matter/ResumeMatter_Err.ts"
import { ReviseDraftCommand } from "./model/Matter/ReviseDraft.ts"
import { ReviseDraftErrCommand } from "./model/Matter/ReviseDraft_Err.ts"
import { SuspendMatterCommand } from "./model/Matter/SuspendMatter.ts"
import { SuspendMatterErrCommand } from "./model/Matter/SuspendMatter_Err.ts"
import { WrongMatterErrCommand } from "./model/Matter/WrongMatter_Err.ts"

const creditCode = fc.constantFrom(...authorities.map((a) => a.creditCode))
const otherRoles = fc.uniqueArray(
  fc.constantFrom(
    ...(["applicant", "agent", "windowClerk", "reviewer", "approver", "verifier", "supervisor", "system"] as const),
  ),
  { maxLength: 3 },
)

// fc.commands picks uniformly among these; the commands that move the lifecycle forward are listed
// several times so that runs reach published, revised, suspended and delegated matters.
const weighted = <A>(times: number, arbitrary: fc.Arbitrary<A>): ReadonlyArray<fc.Arbitrary<A>> =>
  Array.from({ length: times }, () => arbitrary)

const commands: ReadonlyArray<fc.Arbitrary<MatterCommand>> = [
  ...weighted(
    2,
    draft.map(({ elements, missing }) => new DraftMatterCommand(elements, missing)),
  ),
  fc.tuple(brokenElements, validElements).map(([broken, valid]) => new DraftMatterErrCommand(broken, valid)),
  ...weighted(
    2,
    draft.map(({ elements, missing }) => new ReviseDraftCommand(elements, missing)),
  ),
  brokenElements.map((broken) => new ReviseDraftErrCommand(broken)),
  ...weighted(4, fc.constant(new PublishDraftCommand())),
  fc.constant(new PublishDraftErrCommand()),
  ...weighted(2, fc.constant(new OpenRevisionCommand())),
  fc.constant(new OpenRevisionErrCommand()),
  ...weighted(2, fc.constant(new SuspendMatterCommand())),
  fc.constant(new SuspendMatterErrCommand()),
  ...weighted(2, fc.constant(new ResumeMatterCommand())),
  fc.constant(new ResumeMatterErrCommand()),
  fc.constant(new AbolishMatterCommand()),
  fc.constant(new AbolishMatterErrCommand()),
  fc
    .tuple(
      fc.constantFrom(...(["delegateDown", "entrust", "zoneEmpowerment"] as const)),
      creditCode,
      fc.integer({ min: 0, max: 6 }),
    )
    .map(([kind, to, days]) => new DelegateMatterCommand(kind, to, days)),
  fc
    .tuple(fc.integer({ min: -3, max: 6 }), fc.boolean(), creditCode)
    .map(([days, toCurrent, other]) => new DelegateMatterErrCommand(days, toCurrent, other)),
  fc
    .tuple(matterCommand(code, baseCode), otherRoles)
    .map(([command, roles]) => new NotAuthorizedErrCommand(command, roles)),
  matterCommand(code, baseCode).map((command) => new WrongMatterErrCommand(command)),
]

const numRuns = 1000

test.prop([fc.commands([...commands], { maxCommands: 40, size: "max" })], { numRuns })(
  "Matter lifecycle: the aggregate agrees with the model, rejects exactly what the model predicts and keeps every invariant",
  (cmds) => {
    const real: MatterReal = { state: Matter.initialState, events: [] }
    fc.modelRun(() => ({ model: initialModel(), real }), cmds)
  },
)

it("ran every command of the model, and reports how often", () => {
  const names = [...runCounts.keys()].sort()
  console.log(
    `Matter model-based test, ${numRuns} runs — executions per command:\n${names.map((n) => `  ${n.padEnd(20)} ${runCounts.get(n)}`).join("\n")}`,
  )
  expect(names).toEqual(
    [
      "DraftMatter",
      "DraftMatter_Err",
      "ReviseDraft",
      "ReviseDraft_Err",
      "PublishDraft",
      "PublishDraft_Err",
      "OpenRevision",
      "OpenRevision_Err",
      "SuspendMatter",
      "SuspendMatter_Err",
      "ResumeMatter",
      "ResumeMatter_Err",
      "AbolishMatter",
      "AbolishMatter_Err",
      "DelegateMatter",
      "DelegateMatter_Err",
      "NotAuthorized_Err",
      "WrongMatter_Err",
    ].sort(),
  )
})
