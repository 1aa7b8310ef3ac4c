/**
 * The process managers of bundle cases (一件事一次办):
 *
 * - {@link bundleFanOut}: a `BundleAccepted` opens one child application per member — submitted
 *   for the bundle's applicant with the materials the bundle holds for that member (the member's
 *   terms in force read from the catalogue by the application's own completion), then accepted as
 *   the lead window decided (ordinarily, tolerantly or on commitment), each judged by its own
 *   authority from then on;
 * - {@link bundleSupplements}: the deferred materials the applicant handed the lead window once
 *   (`BundleSupplemented`) are forwarded to each child that deferred them
 *   (`SupplementDeferredMaterials`);
 * - {@link bundleFanIn}: a child's conclusion (certificate issued, denied, acceptance declined,
 *   withdrawn, terminated, lapsed) is recorded in its bundle case, the outcome read from the
 *   child's case by the runtime; the last one concludes the bundle.
 *
 * Both take effect once: command ids `<name>/<eventId>/<n>` (a redelivered event, or a second node
 * running the same manager, re-sends the same ids, which append nothing), and the bundle records
 * an outcome it already has as nothing.
 *
 * @since 0.3.0
 */
import { BundleApplication } from "@yiciban/core"
import * as Result from "effect/Result"
import * as Schema from "effect/Schema"
import type { Any, FollowUp } from "./Aggregate.ts"
import * as Aggregates from "./Aggregates.ts"
import type { ProcessManager } from "./ProcessManager.ts"

const decodeAccepted = Schema.decodeUnknownResult(BundleApplication.BundleAccepted)
const decodeSupplemented = Schema.decodeUnknownResult(BundleApplication.BundleSupplemented)

/** The follow-ups that open and accept one child. */
const openChild = (
  application: Any,
  applicant: BundleApplication.BundleAccepted["applicant"],
  child: BundleApplication.Child,
): ReadonlyArray<FollowUp> => {
  const caseNo = child.caseNo
  const acceptance = child.acceptance
  const accept =
    acceptance._tag === "Ordinary"
      ? { _tag: "AcceptApplication", caseNo }
      : acceptance._tag === "Tolerant"
        ? { _tag: "AcceptTolerantly", caseNo, deferred: acceptance.deferred, commitment: acceptance.commitment }
        : {
            _tag: "AcceptOnCommitment",
            caseNo,
            letter: acceptance.letter,
            grantOnTheSpot: acceptance.grantOnTheSpot,
            ...(acceptance.businessLicence === undefined ? {} : { businessLicence: acceptance.businessLicence }),
          }
  return [
    {
      aggregate: application.name,
      id: caseNo,
      command: {
        _tag: "SubmitApplication",
        caseNo,
        applicant,
        matterCode: child.implementationCode,
        materials: child.materials,
      },
    },
    { aggregate: application.name, id: caseNo, command: accept },
  ]
}

/**
 * Bundle accepted → one child application per member, submitted and accepted (see the module).
 *
 * @example
 * ```ts
 * import { Aggregates, BundleProcesses, ProcessManager } from "@yiciban/runtime"
 *
 * const program = ProcessManager.catchUp(BundleProcesses.bundleFanOut(), Aggregates.all)
 * ```
 *
 * @category constructors
 * @since 0.3.0
 */
export const bundleFanOut = (
  options: { readonly bundleCase?: Any | undefined; readonly application?: Any | undefined } = {},
): ProcessManager => {
  const bundleCase = options.bundleCase ?? Aggregates.bundleApplication
  const application = options.application ?? Aggregates.application
  return {
    name: "bundle-fan-out",
    react: (event) => {
      if (event.type !== "BundleAccepted" || !event.stream.startsWith(`${bundleCase.name}-`)) return []
      const accepted = decodeAccepted(event.data)
      if (Result.isFailure(accepted)) return []
      return accepted.success.children.flatMap((child) => openChild(application, accepted.success.applicant, child))
    },
  }
}

/**
 * Bundle supplemented → `SupplementDeferredMaterials` on each child with the materials it deferred:
 * the applicant hands them over once, at the lead window, for every department.
 *
 * @category constructors
 * @since 0.3.0
 */
export const bundleSupplements = (
  options: { readonly bundleCase?: Any | undefined; readonly application?: Any | undefined } = {},
): ProcessManager => {
  const bundleCase = options.bundleCase ?? Aggregates.bundleApplication
  const application = options.application ?? Aggregates.application
  return {
    name: "bundle-supplements",
    react: (event) => {
      if (event.type !== "BundleSupplemented" || !event.stream.startsWith(`${bundleCase.name}-`)) return []
      const supplemented = decodeSupplemented(event.data)
      if (Result.isFailure(supplemented)) return []
      return supplemented.success.forwards.map((forward) => ({
        aggregate: application.name,
        id: forward.childCaseNo,
        command: { _tag: "SupplementDeferredMaterials", caseNo: forward.childCaseNo, materials: forward.materials },
      }))
    },
  }
}

/**
 * The child events that conclude a child for its bundle.
 *
 * @category models
 * @since 0.3.0
 */
export const concludingEvents: ReadonlyArray<string> = [
  "CertificateIssued",
  "ApplicationDenied",
  "AcceptanceDeclined",
  "ApplicationWithdrawn",
  "ApplicationTerminated",
  "ApplicationTerminatedForFalseCommitment",
  "ComplianceDeadlineMissed",
]

/**
 * Child concluded → `RecordChildOutcome` on its bundle case (`<caseNo>-J<n>` belongs to
 * `<caseNo>`); the runtime reads the outcome from the child's case.
 *
 * @category constructors
 * @since 0.3.0
 */
export const bundleFanIn = (
  options: { readonly bundleCase?: Any | undefined; readonly application?: Any | undefined } = {},
): ProcessManager => {
  const bundleCase = options.bundleCase ?? Aggregates.bundleApplication
  const application = options.application ?? Aggregates.application
  const prefix = `${application.name}-`
  return {
    name: "bundle-fan-in",
    react: (event) => {
      if (!concludingEvents.includes(event.type) || !event.stream.startsWith(prefix)) return []
      const childCaseNo = event.stream.slice(prefix.length)
      const parent = BundleApplication.parentOf(childCaseNo)
      if (parent === undefined) return []
      return [
        {
          aggregate: bundleCase.name,
          id: parent,
          command: { _tag: "RecordChildOutcome", caseNo: parent, childCaseNo },
        },
      ]
    },
  }
}

/**
 * The bundle process managers.
 *
 * @category models
 * @since 0.3.0
 */
export const all: ReadonlyArray<ProcessManager> = [bundleFanOut(), bundleSupplements(), bundleFanIn()]
