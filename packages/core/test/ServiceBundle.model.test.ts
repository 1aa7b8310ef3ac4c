import { fc, test } from "@fast-check/vitest"
import { expect, it } from "vitest"
import { ServiceBundle } from "../src/index.ts"
import { brokenBundle, bundleDraft } from "./arbitraries/matter.ts"
import { AbolishBundleCommand } from "./model/ServiceBundle/AbolishBundle.ts"
import { AbolishBundleErrCommand } from "./model/ServiceBundle/AbolishBundle_Err.ts"
import { DraftBundleCommand } from "./model/ServiceBundle/DraftBundle.ts"
import { DraftBundleErrCommand } from "./model/ServiceBundle/DraftBundle_Err.ts"
import { type BundleCommand, type BundleReal, bundleId, initialModel, runCounts } from "./model/ServiceBundle/model.ts"
import { NotAuthorizedErrCommand } from "./model/ServiceBundle/NotAuthorized_Err.ts"
import { OpenBundleRevisionCommand } from "./model/ServiceBundle/OpenBundleRevision.ts"
import { OpenBundleRevisionErrCommand } from "./model/ServiceBundle/OpenBundleRevision_Err.ts"
import { PublishBundleCommand } from "./model/ServiceBundle/PublishBundle.ts"
import { PublishBundleErrCommand } from "./model/ServiceBundle/PublishBundle_Err.ts"
import { ResumeBundleCommand } from "./model/ServiceBundle/ResumeBundle.ts"
import { ResumeBundleErrCommand } from "./model/ServiceBundle/ResumeBundle_Err.ts"
import { ReviseBundleDraftCommand } from "./model/ServiceBundle/ReviseBundleDraft.ts"
import { ReviseBundleDraftErrCommand } from "./model/ServiceBundle/ReviseBundleDraft_Err.ts"
import { SuspendBundleCommand } from "./model/ServiceBundle/SuspendBundle.ts"
import { SuspendBundleErrCommand } from "./model/ServiceBundle/SuspendBundle_Err.ts"
import { WrongBundleErrCommand } from "./model/ServiceBundle/WrongBundle_Err.ts"

const anyCommand: fc.Arbitrary<ServiceBundle.Command> = fc.oneof(
  bundleDraft.map(({ elements }) => ({ _tag: "DraftBundle" as const, bundleId, elements })),
  bundleDraft.map(({ elements }) => ({ _tag: "ReviseBundleDraft" as const, bundleId, elements })),
  fc.constant({ _tag: "PublishBundle" as const, bundleId }),
  fc.constant({ _tag: "OpenBundleRevision" as const, bundleId }),
  fc.constant({ _tag: "SuspendBundle" as const, bundleId, reason: "调整" }),
  fc.constant({ _tag: "ResumeBundle" as const, bundleId }),
  fc.constant({ _tag: "AbolishBundle" as const, bundleId, reason: "取消" }),
)
const otherRoles = fc.uniqueArray(
  fc.constantFrom(
    ...(["applicant", "agent", "windowClerk", "reviewer", "approver", "verifier", "supervisor", "system"] as const),
  ),
  { maxLength: 3 },
)

// fc.commands picks uniformly among these; the commands that move the lifecycle forward are listed
// several times so that runs reach published, revised and suspended bundles.
const weighted = <A>(times: number, arbitrary: fc.Arbitrary<A>): ReadonlyArray<fc.Arbitrary<A>> =>
  Array.from({ length: times }, () => arbitrary)

const commands: ReadonlyArray<fc.Arbitrary<BundleCommand>> = [
  ...weighted(
    2,
    bundleDraft.map(({ elements, missing }) => new DraftBundleCommand(elements, missing)),
  ),
  brokenBundle.map((broken) => new DraftBundleErrCommand(broken)),
  ...weighted(
    2,
    bundleDraft.map(({ elements, missing }) => new ReviseBundleDraftCommand(elements, missing)),
  ),
  brokenBundle.map((broken) => new ReviseBundleDraftErrCommand(broken)),
  ...weighted(4, fc.constant(new PublishBundleCommand())),
  fc.constant(new PublishBundleErrCommand()),
  ...weighted(2, fc.constant(new OpenBundleRevisionCommand())),
  fc.constant(new OpenBundleRevisionErrCommand()),
  ...weighted(2, fc.constant(new SuspendBundleCommand())),
  fc.constant(new SuspendBundleErrCommand()),
  ...weighted(2, fc.constant(new ResumeBundleCommand())),
  fc.constant(new ResumeBundleErrCommand()),
  fc.constant(new AbolishBundleCommand()),
  fc.constant(new AbolishBundleErrCommand()),
  fc.tuple(anyCommand, otherRoles).map(([command, roles]) => new NotAuthorizedErrCommand(command, roles)),
  anyCommand.map((command) => new WrongBundleErrCommand(command)),
]

const numRuns = 1000

test.prop([fc.commands([...commands], { maxCommands: 40, size: "max" })], { numRuns })(
  "ServiceBundle lifecycle: the aggregate agrees with the model, rejects exactly what the model predicts and keeps every invariant",
  (cmds) => {
    const real: BundleReal = { state: ServiceBundle.initialState }
    fc.modelRun(() => ({ model: initialModel(), real }), cmds)
  },
)

it("ran every command of the bundle model, and reports how often", () => {
  const names = [...runCounts.keys()].sort()
  console.log(
    `ServiceBundle model-based test, ${numRuns} runs — executions per command:\n${names.map((n) => `  ${n.padEnd(24)} ${runCounts.get(n)}`).join("\n")}`,
  )
  expect(names).toEqual(
    [
      "DraftBundle",
      "DraftBundle_Err",
      "ReviseBundleDraft",
      "ReviseBundleDraft_Err",
      "PublishBundle",
      "PublishBundle_Err",
      "OpenBundleRevision",
      "OpenBundleRevision_Err",
      "SuspendBundle",
      "SuspendBundle_Err",
      "ResumeBundle",
      "ResumeBundle_Err",
      "AbolishBundle",
      "AbolishBundle_Err",
      "NotAuthorized_Err",
      "WrongBundle_Err",
    ].sort(),
  )
})
