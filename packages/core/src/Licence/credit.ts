/**
 * What a revocation for fraud (ALL Art 69(2)) sends to the holder's credit record: the credit
 * entry, and — only where the licence directly concerns public safety, personal health or the
 * safety of life and property — the statutory bar of ALL Art 79 (no new application for the same
 * licence, by its base code, for three years). The runtime's process manager
 * (`ProcessManagers.revocationToCredit`) sends them; the ids are deterministic, so a second run
 * records nothing.
 *
 * @since 0.2.0
 */
import type { RecordEntry, RecordStatutoryBar } from "../CreditRecord/Commands.ts"
import type { EntryKind, EntrySource } from "../CreditRecord/State.ts"
import type { LicenceRevoked } from "./Events.ts"
import type { FraudFinding } from "./State.ts"

/**
 * The finding of a revocation for the holder's fraud (ALL Art 69(2)), or `undefined` for any other
 * basis (the authority's error, Art 69(1), or a grant rescinded on the case's own record).
 *
 * @category getters
 * @since 0.2.0
 */
export const fraudFindingOf = (event: LicenceRevoked): FraudFinding | undefined =>
  event.basis._tag === "Fraud" ? event.basis.finding : undefined

/**
 * The credit entry's id for the fraud revocation of the licence of case `caseNo`:
 * `licence/<caseNo>/fraud` (apart from the case's own findings, `<caseNo>/<kind>`).
 *
 * @example
 * ```ts
 * import { Licence } from "@yiciban/core"
 *
 * Licence.fraudEntryId("SCJG-2026-000731") // "licence/SCJG-2026-000731/fraud"
 * ```
 *
 * @category constructors
 * @since 0.2.0
 */
export const fraudEntryId = (caseNo: string): string => `licence/${caseNo}/fraud`

/**
 * The Art 79 bar's id for the fraud revocation of the licence of case `caseNo`:
 * `licence/<caseNo>/art79`.
 *
 * @category constructors
 * @since 0.2.0
 */
export const fraudBarId = (caseNo: string): string => `licence/${caseNo}/art79`

const sourceOf = (finding: FraudFinding): EntrySource => ({
  _tag: "Application",
  caseNo: finding.caseNo,
  matterCode: finding.implementationCode,
})

const kindOf = (finding: FraudFinding): EntryKind =>
  finding.concernsSafetyHealthProperty ? "fraudInSafetyHealthProperty" : "falseMaterials"

/**
 * The `CreditRecord.RecordEntry` for a revocation for fraud (ALL Art 69(2)), or `undefined` for any
 * other revocation. The subject is the holder, the source the case that produced the licence, the
 * kind `fraudInSafetyHealthProperty` where the licence concerns public safety, personal health or
 * the safety of life and property (ALL Art 79) and `falseMaterials` otherwise (the improper means
 * recorded, ALL Art 78's entry), effective on the day the fraud was found. A revocation that
 * follows a false commitment found on the case (`entryFromCase`) sends none: the case's
 * `FalseCommitmentFound` already recorded the entry for that fact.
 *
 * @example
 * ```ts
 * import { Licence } from "@yiciban/core"
 *
 * Licence.toRecordEntry(revoked) // { _tag: "RecordEntry", entryId: "licence/SCJG-2026-000731/fraud", … }
 * ```
 *
 * @category constructors
 * @since 0.2.0
 */
export const toRecordEntry = (event: LicenceRevoked): RecordEntry | undefined => {
  const finding = fraudFindingOf(event)
  if (finding === undefined || finding.entryFromCase) return undefined
  return {
    _tag: "RecordEntry",
    // An erased person's code is no command's subject: the runtime refuses it when it decodes the command.
    subject: finding.holder as RecordEntry["subject"],
    entryId: fraudEntryId(finding.caseNo),
    kind: kindOf(finding),
    source: sourceOf(finding),
    reason: finding.findings,
    effectiveOn: finding.foundOn,
  }
}

/**
 * The `CreditRecord.RecordStatutoryBar` (ALL Art 79: three years, keyed by the matter's base code)
 * for a revocation for fraud (ALL Art 69(2)) of a licence that directly concerns public safety,
 * personal health or the safety of life and property; `undefined` for any other revocation, and
 * for a licence that does not concern them (the law bars only those).
 *
 * @category constructors
 * @since 0.2.0
 */
export const toStatutoryBar = (event: LicenceRevoked): RecordStatutoryBar | undefined => {
  const finding = fraudFindingOf(event)
  if (finding === undefined || !finding.concernsSafetyHealthProperty) return undefined
  return {
    _tag: "RecordStatutoryBar",
    // As in toRecordEntry: an erased person's code is refused when the runtime decodes the command.
    subject: finding.holder as RecordStatutoryBar["subject"],
    barId: fraudBarId(finding.caseNo),
    article: "ALL Art 79",
    baseCode: finding.baseCode,
    source: sourceOf(finding),
    reason: finding.findings,
    effectiveOn: finding.foundOn,
  }
}
