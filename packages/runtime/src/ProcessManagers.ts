/**
 * The core process managers, for the runtime to run (`ProcessManager.catchUp`, `Projection.run`,
 * or the facade's `runProcessManagers`):
 *
 * - {@link falseCommitmentToCredit}: each `FalseCommitmentFound` of an application (失信惩戒)
 *   becomes the applicant's credit entry, `Application.toRecordEntry` sent to `credit-<code>`;
 * - {@link fraudToCredit}: each `FraudFound` (ALL Arts 78, 79) becomes the applicant's credit entry
 *   and, where the licence concerns public safety, personal health or the safety of life and
 *   property, the statutory re-application bar (`Application.toStatutoryBar`);
 * - {@link caseToLicence}: each `CertificateIssued` (a granted case concluded) issues the licence
 *   `licence-<caseNo>`, each `GrantRescinded` revokes it (ALL Art 69(2) when the rescission
 *   followed a false commitment);
 * - {@link revocationToCredit}: each `LicenceRevoked` for the holder's fraud (ALL Art 69(2))
 *   becomes the holder's credit entry and, where the licence concerns public safety, personal
 *   health or the safety of life and property, the Art 79 bar (`Licence.toStatutoryBar`).
 *
 * @since 0.1.0
 */
import { Application, Licence } from "@yiciban/core"
import * as Result from "effect/Result"
import * as Schema from "effect/Schema"
import type { Any } from "./Aggregate.ts"
import * as Aggregates from "./Aggregates.ts"
import * as BundleProcesses from "./BundleProcesses.ts"
import type { ProcessManager } from "./ProcessManager.ts"

const decodeFinding = Schema.decodeUnknownResult(Application.FalseCommitmentFound)

/**
 * False commitment → credit entry. For every `FalseCommitmentFound` in the application streams it
 * sends `Application.toRecordEntry(event)` to the applicant's credit record. It takes effect once:
 * the command id is `false-commitment-to-credit/<eventId>/0` (a redelivered event, or a second
 * runtime running the same manager, re-sends the same id, which appends nothing), and the entry id
 * is deterministic (the credit record records an entry id once).
 *
 * @example
 * ```ts
 * import { Aggregates, ProcessManager, ProcessManagers } from "@yiciban/runtime"
 *
 * const program = ProcessManager.catchUp(ProcessManagers.falseCommitmentToCredit(), Aggregates.all)
 * ```
 *
 * @category constructors
 * @since 0.1.0
 */
export const falseCommitmentToCredit = (
  options: { readonly application?: Any | undefined; readonly creditRecord?: Any | undefined } = {},
): ProcessManager => {
  const application = options.application ?? Aggregates.application
  const creditRecord = options.creditRecord ?? Aggregates.creditRecord
  return {
    name: "false-commitment-to-credit",
    react: (event) => {
      if (event.type !== "FalseCommitmentFound" || !event.stream.startsWith(`${application.name}-`)) return []
      const found = decodeFinding(event.data)
      if (Result.isFailure(found)) return []
      const command = Application.toRecordEntry(found.success)
      return [{ aggregate: creditRecord.name, id: command.subject.code, command }]
    },
  }
}

const decodeFraud = Schema.decodeUnknownResult(Application.FraudFound)

/**
 * Fraud found → credit entry and statutory bar. For every `FraudFound` in the application streams
 * it sends `Application.toRecordEntry(event)` and, when the event names a bar,
 * `Application.toStatutoryBar(event)` (a `CreditRecord.RecordStatutoryBar` keyed by the matter's
 * base code) to the applicant's credit record. Command ids `fraud-to-credit/<eventId>/<n>` and the
 * deterministic entry and bar ids make a redelivery append nothing.
 *
 * @category constructors
 * @since 0.2.0
 */
export const fraudToCredit = (
  options: { readonly application?: Any | undefined; readonly creditRecord?: Any | undefined } = {},
): ProcessManager => {
  const application = options.application ?? Aggregates.application
  const creditRecord = options.creditRecord ?? Aggregates.creditRecord
  return {
    name: "fraud-to-credit",
    react: (event) => {
      if (event.type !== "FraudFound" || !event.stream.startsWith(`${application.name}-`)) return []
      const found = decodeFraud(event.data)
      if (Result.isFailure(found)) return []
      const entry = Application.toRecordEntry(found.success)
      const bar = Application.toStatutoryBar(found.success)
      return [
        { aggregate: creditRecord.name, id: entry.subject.code, command: entry },
        ...(bar === undefined ? [] : [{ aggregate: creditRecord.name, id: bar.subject.code, command: bar }]),
      ]
    },
  }
}

/**
 * Case → licence. In the order of the log, for every application's `CertificateIssued` (a granted
 * case concluded) it sends `IssueLicence { licenceId: caseNo }` to `licence-<caseNo>`, and for every
 * `GrantRescinded` it sends `RevokeWithRescindedGrant { licenceId: caseNo }`. The runtime completes
 * both from the case (`Aggregates.resolveLicence`: the grant, the rescission and the
 * false-commitment finding it followed — ALL Art 69(2) then); a caller never supplies them. One
 * manager for both, so a licence is always issued before it is revoked, however far behind the
 * manager runs. It takes effect once: command ids `case-to-licence/<eventId>/0`, a licence issued
 * once and revoked once. A grant rescinded before its certificate has no licence: the target
 * refuses (`NotIssued`) and the manager reports it to `onRejected`.
 *
 * @example
 * ```ts
 * import { Aggregates, ProcessManager, ProcessManagers } from "@yiciban/runtime"
 *
 * const program = ProcessManager.catchUp(ProcessManagers.caseToLicence(), Aggregates.all)
 * ```
 *
 * @category constructors
 * @since 0.2.0
 */
export const caseToLicence = (
  options: { readonly application?: Any | undefined; readonly licence?: Any | undefined } = {},
): ProcessManager => {
  const application = options.application ?? Aggregates.application
  const licence = options.licence ?? Aggregates.licence
  const follows: { readonly [type: string]: "IssueLicence" | "RevokeWithRescindedGrant" } = {
    CertificateIssued: "IssueLicence",
    GrantRescinded: "RevokeWithRescindedGrant",
  }
  return {
    name: "case-to-licence",
    react: (event) => {
      const tag = follows[event.type]
      if (tag === undefined || !event.stream.startsWith(`${application.name}-`)) return []
      const caseNo = (event.data as { readonly caseNo?: unknown }).caseNo
      if (typeof caseNo !== "string") return []
      return [{ aggregate: licence.name, id: caseNo, command: { _tag: tag, licenceId: caseNo } }]
    },
  }
}

const decodeRevoked = Schema.decodeUnknownResult(Licence.LicenceRevoked)

/**
 * Licence revoked for fraud → credit entry and Art 79 bar. For every `LicenceRevoked` in the
 * licence streams whose basis is the holder's fraud (ALL Art 69(2)) it sends
 * `Licence.toRecordEntry(event)` (entry `licence/<caseNo>/fraud`) and, where the licensed matter
 * directly concerns public safety, personal health or the safety of life and property,
 * `Licence.toStatutoryBar(event)` (ALL Art 79: no new application for the licence, by its base code
 * across implementing authorities, for three years; bar `licence/<caseNo>/art79`) to the holder's
 * credit record. A revocation for the authority's error (Art 69(1)) or on a grant rescinded on the
 * case's own record sends nothing. Command ids `revocation-to-credit/<eventId>/<n>` and the
 * deterministic entry and bar ids make a redelivery, or a second node running the same manager,
 * append nothing.
 *
 * @example
 * ```ts
 * import { Aggregates, ProcessManager, ProcessManagers } from "@yiciban/runtime"
 *
 * const program = ProcessManager.catchUp(ProcessManagers.revocationToCredit(), Aggregates.all)
 * ```
 *
 * @category constructors
 * @since 0.2.0
 */
export const revocationToCredit = (
  options: { readonly licence?: Any | undefined; readonly creditRecord?: Any | undefined } = {},
): ProcessManager => {
  const licence = options.licence ?? Aggregates.licence
  const creditRecord = options.creditRecord ?? Aggregates.creditRecord
  return {
    name: "revocation-to-credit",
    react: (event) => {
      if (event.type !== "LicenceRevoked" || !event.stream.startsWith(`${licence.name}-`)) return []
      const revoked = decodeRevoked(event.data)
      if (Result.isFailure(revoked)) return []
      const entry = Licence.toRecordEntry(revoked.success)
      const bar = Licence.toStatutoryBar(revoked.success)
      return [
        ...(entry === undefined ? [] : [{ aggregate: creditRecord.name, id: entry.subject.code, command: entry }]),
        ...(bar === undefined ? [] : [{ aggregate: creditRecord.name, id: bar.subject.code, command: bar }]),
      ]
    },
  }
}

/**
 * The core process managers.
 *
 * @category models
 * @since 0.1.0
 */
export const all: ReadonlyArray<ProcessManager> = [
  falseCommitmentToCredit(),
  fraudToCredit(),
  caseToLicence(),
  revocationToCredit(),
  ...BundleProcesses.all,
]
