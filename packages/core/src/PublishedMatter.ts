/**
 * The terms of one published version of a service matter (政务服务事项): everything an application
 * is judged against, pinned when the application is submitted. A published version never changes;
 * a revision is published as the next version.
 *
 * The elements follow GB/T 39046—2020 and the catalogue's nine elements (设定依据, 实施机关, 许可条件,
 * 办理程序, 办理时限, 申请材料, 适用范围, 有效期限, 中介服务). The schemas check the shape of the
 * terms only; the rules that tie elements together (a promised limit within the statutory one, a
 * deferrable material that is secondary, …) are the named invariants of `Matter`.
 *
 * @since 0.1.0
 */
import * as Effect from "effect/Effect"
import * as Schema from "effect/Schema"
import { DivisionCode, UnifiedSocialCreditCode } from "./IdentityCode.ts"

/**
 * A number of working days (工作日), zero or more.
 *
 * @category schemas
 * @since 0.1.0
 */
export const WorkingDays = Schema.Int.check(Schema.isGreaterThanOrEqualTo(0))

/**
 * A number of working days, one or more.
 *
 * @category schemas
 * @since 0.1.0
 */
export const PositiveWorkingDays = Schema.Int.check(Schema.isGreaterThanOrEqualTo(1))

/**
 * A catalogue code: the base code (基本编码) or the implementation code (实施编码) of a matter.
 * Digits, capital letters and hyphens, at most 64 characters, so that it can name a stream
 * (`matter-<implementationCode>`).
 *
 * @category schemas
 * @since 0.1.0
 */
export const MatterCode = Schema.String.check(Schema.isPattern(/^[0-9A-Z][0-9A-Z-]{0,63}$/))

/**
 * The kind of a matter, as the two-digit codes of GB/T 39046 table A.1 (事项类型): `01`
 * licensing (行政许可), `02` penalty (行政处罚), `03` coercion (行政强制), `04` levy (行政征收),
 * `05` benefit (行政给付), `06` inspection (行政检查), `07` confirmation (行政确认), `08` reward
 * (行政奖励), `09` adjudication (行政裁决), `10` other administrative power (其他行政权力), `20`
 * public service (公共服务).
 *
 * @category schemas
 * @since 0.1.0
 */
export const MatterKind = Schema.Literals(["01", "02", "03", "04", "05", "06", "07", "08", "09", "10", "20"])

/**
 * @category models
 * @since 0.1.0
 */
export type MatterKind = typeof MatterKind.Type

/**
 * How a matter is handled (GB/T 39046 table A.6): `immediate` (即办件, decided on the spot, limits 0)
 * or `promised` (承诺件, decided within the promised limit).
 *
 * @category schemas
 * @since 0.1.0
 */
export const ProcessingMode = Schema.Literals(["immediate", "promised"])

/**
 * @category models
 * @since 0.1.0
 */
export type ProcessingMode = typeof ProcessingMode.Type

/**
 * A special procedure (特别程序) that pauses the clock while it runs (ALL Art 45): hearing (听证),
 * tender (招标), auction (拍卖), inspection (检验), testing (检测), quarantine (检疫), appraisal
 * (鉴定) and expert review (专家评审).
 *
 * @category schemas
 * @since 0.1.0
 */
export const SpecialProcedureKind = Schema.Literals([
  "hearing",
  "tender",
  "auction",
  "inspection",
  "testing",
  "quarantine",
  "appraisal",
  "expertReview",
])

/**
 * @category models
 * @since 0.1.0
 */
export type SpecialProcedureKind = typeof SpecialProcedureKind.Type

/**
 * One legal basis (设定依据): the document and, when it applies, the provision.
 *
 * @category schemas
 * @since 0.1.0
 */
export const LegalBasis = Schema.Struct({
  document: Schema.NonEmptyString,
  provision: Schema.optionalKey(Schema.NonEmptyString),
})

/**
 * @category models
 * @since 0.1.0
 */
export type LegalBasis = typeof LegalBasis.Type

/**
 * The implementing authority (实施机关): its name, unified social credit code and the
 * administrative division it serves.
 *
 * @category schemas
 * @since 0.1.0
 */
export const ImplementingAuthority = Schema.Struct({
  name: Schema.NonEmptyString,
  creditCode: UnifiedSocialCreditCode,
  division: DivisionCode,
})

/**
 * @category models
 * @since 0.1.0
 */
export type ImplementingAuthority = typeof ImplementingAuthority.Type

/**
 * One step of the procedure (办理流程), e.g. 受理, 审查, 决定, 送达.
 *
 * @category schemas
 * @since 0.1.0
 */
export const ProcedureStep = Schema.Struct({
  name: Schema.NonEmptyString,
  description: Schema.String,
})

/**
 * @category models
 * @since 0.1.0
 */
export type ProcedureStep = typeof ProcedureStep.Type

/**
 * Whether a material is core (主要材料) or secondary (次要材料). Only secondary materials may be
 * deferred under tolerant acceptance.
 *
 * @category schemas
 * @since 0.1.0
 */
export const MaterialCategory = Schema.Literals(["core", "secondary"])

/**
 * @category models
 * @since 0.1.0
 */
export type MaterialCategory = typeof MaterialCategory.Type

/**
 * A kind of fact an authority obtains by data sharing (数据共享) instead of asking the applicant:
 * the business registration (市场主体登记), the resident record (户籍), social security (社会保险) or
 * a verified payee account. The runtime's `SharedData` port serves the same kinds.
 *
 * @category schemas
 * @since 0.3.0
 */
export const SharedFactKind = Schema.Literals([
  "businessRegistration",
  "residentRecord",
  "socialSecurity",
  "payeeAccount",
])

/**
 * @category models
 * @since 0.3.0
 */
export type SharedFactKind = typeof SharedFactKind.Type

/**
 * One required material (申请材料).
 *
 * - `code`, `name`: the material's code (unique within the matter) and name.
 * - `mandatory`: required in every case (必要) or only in some (非必要, e.g. when an agent applies).
 * - `category`: core or secondary.
 * - `originals`, `copies`: how many originals and copies.
 * - `electronicLicenceType`: the electronic licence type (电子证照类型) that satisfies it, if any.
 * - `licenceBaseCode`: the base code of a matter whose licence, issued in this system, satisfies it
 *   (电子证照免提交): at submission the runtime looks up the applicant's licence of that matter valid
 *   on the day and the case records which one it relied on (since 0.2.0).
 * - `sharedDataKind`: the kind of shared fact (数据共享) that satisfies it — `businessRegistration`,
 *   `residentRecord`, `socialSecurity` or `payeeAccount`: at submission the runtime asks the host's
 *   shared-data source for that fact about the applicant, and the case records the source, when it
 *   was fetched and the digest of the value (since 0.3.0).
 * - `deferrable`: may be supplied later under tolerant acceptance (容缺).
 * - `replaceableByCommitment`: may be replaced by a commitment (告知承诺).
 *
 * @example
 * ```ts
 * import { PublishedMatter } from "@yiciban/core"
 *
 * const licence: PublishedMatter.MaterialRequirement = {
 *   code: "M01",
 *   name: "营业执照",
 *   mandatory: true,
 *   category: "core",
 *   originals: 0,
 *   copies: 1,
 *   electronicLicenceType: "营业执照",
 *   deferrable: false,
 *   replaceableByCommitment: false,
 * }
 * ```
 *
 * @category schemas
 * @since 0.1.0
 */
export const MaterialRequirement = Schema.Struct({
  code: Schema.NonEmptyString,
  name: Schema.NonEmptyString,
  mandatory: Schema.Boolean,
  category: MaterialCategory,
  originals: Schema.Int.check(Schema.isGreaterThanOrEqualTo(0)),
  copies: Schema.Int.check(Schema.isGreaterThanOrEqualTo(0)),
  electronicLicenceType: Schema.optionalKey(Schema.NonEmptyString),
  licenceBaseCode: Schema.optionalKey(MatterCode),
  sharedDataKind: Schema.optionalKey(SharedFactKind),
  deferrable: Schema.Boolean,
  replaceableByCommitment: Schema.Boolean,
})

/**
 * @category models
 * @since 0.1.0
 */
export type MaterialRequirement = typeof MaterialRequirement.Type

/**
 * Who may apply (服务对象).
 *
 * @category schemas
 * @since 0.1.0
 */
export const SubjectType = Schema.Literals([
  "naturalPerson",
  "enterpriseLegalPerson",
  "publicInstitution",
  "socialOrganisation",
  "unincorporatedEnterprise",
  "otherOrganisation",
])

/**
 * @category models
 * @since 0.1.0
 */
export type SubjectType = typeof SubjectType.Type

/**
 * Where and for whom the matter applies (适用范围).
 *
 * @category schemas
 * @since 0.1.0
 */
export const Scope = Schema.Struct({
  subjectTypes: Schema.Array(SubjectType),
  regions: Schema.Array(DivisionCode),
})

/**
 * @category models
 * @since 0.1.0
 */
export type Scope = typeof Scope.Type

/**
 * How long the result stays valid (有效期限): a fixed term, indefinitely (长期), or not applicable.
 *
 * @category schemas
 * @since 0.1.0
 */
export const ValidityPeriod = Schema.Union([
  Schema.TaggedStruct("Fixed", {
    amount: Schema.Int.check(Schema.isGreaterThanOrEqualTo(1)),
    unit: Schema.Literals(["years", "months", "days"]),
  }),
  Schema.TaggedStruct("Indefinite", {}),
  Schema.TaggedStruct("NotApplicable", {}),
])

/**
 * @category models
 * @since 0.1.0
 */
export type ValidityPeriod = typeof ValidityPeriod.Type

/**
 * An intermediary service (中介服务) the applicant needs, with its own limit; its time does not
 * count against the matter's limit.
 *
 * @category schemas
 * @since 0.1.0
 */
export const IntermediaryService = Schema.Struct({
  name: Schema.NonEmptyString,
  timeLimitWorkingDays: PositiveWorkingDays,
})

/**
 * @category models
 * @since 0.1.0
 */
export type IntermediaryService = typeof IntermediaryService.Type

/**
 * A fee (收费项目), in fen (分, 1/100 yuan), with its basis. A matter with no fees is free.
 *
 * @category schemas
 * @since 0.1.0
 */
export const Fee = Schema.Struct({
  name: Schema.NonEmptyString,
  amountInFen: Schema.Int.check(Schema.isGreaterThanOrEqualTo(0)),
  basis: Schema.String,
})

/**
 * @category models
 * @since 0.1.0
 */
export type Fee = typeof Fee.Type

/**
 * What happens when deferred materials are not supplied by the deadline: the application is
 * terminated (终止) or suspended (中止).
 *
 * @category schemas
 * @since 0.1.0
 */
export const DeadlineMissedOutcome = Schema.Literals(["terminate", "suspend"])

/**
 * @category models
 * @since 0.1.0
 */
export type DeadlineMissedOutcome = typeof DeadlineMissedOutcome.Type

/**
 * Tolerant acceptance (容缺受理) settings: which secondary materials may be deferred, the
 * supplement deadline (at most the promised limit), whether the result may be issued before every
 * deferred item is supplied (default no), and what happens when the deadline passes.
 *
 * @example
 * ```ts
 * import { PublishedMatter } from "@yiciban/core"
 *
 * const tolerant: PublishedMatter.TolerantAcceptanceSettings = {
 *   deferrableMaterialCodes: ["M05"],
 *   supplementDeadlineWorkingDays: 5,
 *   resultBeforeSupplement: false,
 *   onDeadlineMissed: "terminate",
 * }
 * ```
 *
 * @category schemas
 * @since 0.1.0
 */
export const TolerantAcceptanceSettings = Schema.Struct({
  deferrableMaterialCodes: Schema.Array(Schema.NonEmptyString),
  supplementDeadlineWorkingDays: PositiveWorkingDays,
  resultBeforeSupplement: Schema.Boolean.pipe(Schema.withDecodingDefaultKey(Effect.succeed(false))),
  onDeadlineMissed: DeadlineMissedOutcome,
})

/**
 * @category models
 * @since 0.1.0
 */
export type TolerantAcceptanceSettings = typeof TolerantAcceptanceSettings.Type

/**
 * The names of the five items every commitment notice (告知书) states (国办发〔2020〕42号).
 *
 * @category schemas
 * @since 0.1.0
 */
export const CommitmentNoticeItem = Schema.Literals([
  "proofObligation",
  "proofContent",
  "mannerOfCommitment",
  "liabilityForFalseCommitment",
  "verificationPower",
])

/**
 * @category models
 * @since 0.1.0
 */
export type CommitmentNoticeItem = typeof CommitmentNoticeItem.Type

/**
 * The text of the commitment notice: the proof obligation (证明义务), the proof content (证明内容),
 * the manner of commitment (承诺方式), the liability for a false commitment (不实承诺的责任) and the
 * authority's verification power (核查权力). A blank item counts as missing.
 *
 * @category schemas
 * @since 0.1.0
 */
export const CommitmentNotice = Schema.Struct({
  proofObligation: Schema.String,
  proofContent: Schema.String,
  mannerOfCommitment: Schema.String,
  liabilityForFalseCommitment: Schema.String,
  verificationPower: Schema.String,
})

/**
 * @category models
 * @since 0.1.0
 */
export type CommitmentNotice = typeof CommitmentNotice.Type

/**
 * How a commitment is verified after the decision (核查): written check (书面核查), data check
 * (数据比对), on-site check (现场核查) or public notice (公示).
 *
 * @category schemas
 * @since 0.1.0
 */
export const VerificationMethod = Schema.Literals(["written", "dataCheck", "onSite", "publicNotice"])

/**
 * @category models
 * @since 0.1.0
 */
export type VerificationMethod = typeof VerificationMethod.Type

/**
 * Verification of commitments: `Required` within a period by one or more methods, or `Exempt`
 * with the reason.
 *
 * @category schemas
 * @since 0.1.0
 */
export const CommitmentVerification = Schema.Union([
  Schema.TaggedStruct("Required", {
    periodWorkingDays: PositiveWorkingDays,
    methods: Schema.UniqueArray(VerificationMethod).check(Schema.isMinLength(1)),
  }),
  Schema.TaggedStruct("Exempt", { reason: Schema.NonEmptyString }),
])

/**
 * @category models
 * @since 0.1.0
 */
export type CommitmentVerification = typeof CommitmentVerification.Type

/**
 * The categories that bar notify-and-commit (国办发〔2020〕42号): matters that directly concern
 * national security, public safety, the ecological environment, personal health, the safety of
 * life and property (直接涉及国家安全、公共安全、生态环境保护、人身健康、生命财产安全的事项), and
 * matters touching state secrets (`stateSecrets`, 涉及国家秘密), prudential financial supervision
 * (`prudentialFinancialSupervision`, 金融审慎监管) and major foreign-related matters
 * (`majorForeignRelated`, 重大涉外事项).
 *
 * @category schemas
 * @since 0.1.0
 */
export const BarredCategory = Schema.Literals([
  "nationalSecurity",
  "publicSafety",
  "ecologicalEnvironment",
  "personalHealth",
  "lifeAndPropertySafety",
  "stateSecrets",
  "prudentialFinancialSupervision",
  "majorForeignRelated",
])

/**
 * @category models
 * @since 0.1.0
 */
export type BarredCategory = typeof BarredCategory.Type

/**
 * The two business-licence variants of a commitment: the applicant already meets the conditions
 * and may operate at once (`meetsNow`), or will meet them within a period and may operate only
 * after meeting them and submitting proof (`willMeetBy`).
 *
 * @category schemas
 * @since 0.1.0
 */
export const BusinessLicenceVariant = Schema.Literals(["meetsNow", "willMeetBy"])

/**
 * @category models
 * @since 0.1.0
 */
export type BusinessLicenceVariant = typeof BusinessLicenceVariant.Type

/**
 * Notify-and-commit (告知承诺制) settings.
 *
 * - `enabled`: the applicant may choose commitment instead of proofs.
 * - `notice`: the five notice items (required when enabled).
 * - `replacedMaterialCodes`, `replacedConditions`: what a commitment stands in for.
 * - `verification`: period and methods, or exemption.
 * - `barredCategories`: the barred categories this matter touches; any one bars commitment.
 * - `businessLicenceVariants`: the variants offered (empty when the matter is not a business licence).
 *
 * @category schemas
 * @since 0.1.0
 */
export const CommitmentSettings = Schema.Struct({
  enabled: Schema.Boolean,
  notice: Schema.optionalKey(CommitmentNotice),
  replacedMaterialCodes: Schema.Array(Schema.NonEmptyString),
  replacedConditions: Schema.Array(Schema.NonEmptyString),
  verification: CommitmentVerification,
  barredCategories: Schema.Array(BarredCategory),
  businessLicenceVariants: Schema.Array(BusinessLicenceVariant),
})

/**
 * @category models
 * @since 0.1.0
 */
export type CommitmentSettings = typeof CommitmentSettings.Type

const matterElementsFields = {
  kind: MatterKind,
  name: Schema.String,
  legalBasis: Schema.Array(LegalBasis),
  implementingAuthority: ImplementingAuthority,
  conditions: Schema.Array(Schema.NonEmptyString),
  procedure: Schema.Array(ProcedureStep),
  processingMode: ProcessingMode,
  statutoryLimitWorkingDays: WorkingDays,
  promisedLimitWorkingDays: WorkingDays,
  materials: Schema.Array(MaterialRequirement),
  scope: Scope,
  validity: ValidityPeriod,
  renewalLeadDays: Schema.optionalKey(Schema.Int.check(Schema.isGreaterThanOrEqualTo(1))),
  intermediaryServices: Schema.Array(IntermediaryService),
  fees: Schema.Array(Fee),
  specialProcedures: Schema.Array(SpecialProcedureKind),
  extensionAllowed: Schema.Boolean,
  tolerantAcceptance: Schema.optionalKey(TolerantAcceptanceSettings),
  commitment: Schema.optionalKey(CommitmentSettings),
  ratingEnabled: Schema.Boolean,
  concernsSafetyHealthProperty: Schema.optionalKey(Schema.Boolean),
}

/**
 * The type of the {@link MatterElements} schema, named so that declarations refer to it instead of
 * repeating it.
 *
 * @category schemas
 * @since 0.1.0
 */
export interface MatterElementsSchema extends Schema.Struct<typeof matterElementsFields> {}

/**
 * The elements of a matter: what a draft holds and what a version publishes. Drafts may leave
 * lists empty (publishing then lists what is missing); the cross-element rules are `Matter`'s
 * invariants.
 *
 * - `statutoryLimitWorkingDays` / `promisedLimitWorkingDays`: 法定 / 承诺办结时限, 0 for immediate matters.
 * - `specialProcedures`: the special procedures allowed to pause the clock.
 * - `extensionAllowed`: the decision may be extended once by 10 working days (ALL Art 42).
 * - `tolerantAcceptance` / `commitment`: absent when the matter does not offer them.
 * - `ratingEnabled`: the matter takes service ratings (好差评).
 * - `renewalLeadDays`: the days before expiry by which the holder applies to renew the licence,
 *   when a law, regulation or rule sets a period other than the 30 days of ALL Art 50 (absent: 30;
 *   since 0.2.0).
 * - `concernsSafetyHealthProperty`: the licence directly concerns public safety, personal health
 *   or the safety of life and property (直接关系公共安全、人身健康、生命财产安全), so that the
 *   re-application bars of ALL Arts 78 and 79 apply to it. Optional: see
 *   {@link concernsSafetyHealthProperty}.
 *
 * @category schemas
 * @since 0.1.0
 */
export const MatterElements: MatterElementsSchema = Schema.Struct(matterElementsFields)

/**
 * @category models
 * @since 0.1.0
 */
export type MatterElements = typeof MatterElements.Type

const publishedMatterFields = {
  implementationCode: MatterCode,
  baseCode: MatterCode,
  version: Schema.Int.check(Schema.isGreaterThanOrEqualTo(1)),
  publishedAt: Schema.String,
  ...MatterElements.fields,
}

/**
 * The type of the {@link PublishedMatter} schema, named so that declarations refer to it instead
 * of repeating it.
 *
 * @category schemas
 * @since 0.1.0
 */
export interface PublishedMatterSchema extends Schema.Struct<typeof publishedMatterFields> {}

/**
 * The terms of one published version of a matter: its codes, the version number (1, 2, …), the
 * instant it was published, and its elements. An application pins these at submission.
 *
 * @example
 * ```ts
 * import { Matter, PublishedMatter } from "@yiciban/core"
 *
 * const terms = Matter.publishedTerms(state) // the latest version, or undefined
 * if (terms !== undefined && PublishedMatter.offersTolerantAcceptance(terms)) {
 *   terms.tolerantAcceptance?.supplementDeadlineWorkingDays
 * }
 * ```
 *
 * @category schemas
 * @since 0.1.0
 */
export const PublishedMatter: PublishedMatterSchema = Schema.Struct(publishedMatterFields)

/**
 * @category models
 * @since 0.1.0
 */
export type PublishedMatter = typeof PublishedMatter.Type

/**
 * The material requirement with this code, if the matter has one.
 *
 * @category combinators
 * @since 0.1.0
 */
export const material = (terms: MatterElements, code: string): MaterialRequirement | undefined =>
  terms.materials.find((requirement) => requirement.code === code)

/**
 * True for an immediate matter (即办件).
 *
 * @category guards
 * @since 0.1.0
 */
export const isImmediate = (terms: MatterElements): boolean => terms.processingMode === "immediate"

/**
 * True when the matter offers tolerant acceptance for at least one material.
 *
 * @category guards
 * @since 0.1.0
 */
export const offersTolerantAcceptance = (terms: MatterElements): boolean =>
  terms.tolerantAcceptance !== undefined && terms.tolerantAcceptance.deferrableMaterialCodes.length > 0

/**
 * True when the matter offers notify-and-commit.
 *
 * @category guards
 * @since 0.1.0
 */
export const offersCommitment = (terms: MatterElements): boolean => terms.commitment?.enabled === true

/**
 * True when the licence directly concerns public safety, personal health or the safety of life and
 * property (直接关系公共安全、人身健康、生命财产安全的事项): the matter says so
 * (`concernsSafetyHealthProperty: true`), or its notify-and-commit settings name the public
 * safety, personal health or life-and-property category. Only such a licence carries the
 * re-application bars of ALL Art 78 (1 year) and Art 79 (3 years).
 *
 * The field is optional rather than upcast: a statutory bar is a sanction and is never presumed,
 * so a version that says nothing is read as not concerning them, and a version published before
 * the field existed keeps what it did say (a barred category) — an upcaster writing `false` into an
 * immutable published version would state a fact the catalogue never stated.
 *
 * @example
 * ```ts
 * import { PublishedMatter } from "@yiciban/core"
 *
 * PublishedMatter.concernsSafetyHealthProperty({ ...terms, concernsSafetyHealthProperty: true }) // true
 * ```
 *
 * @category guards
 * @since 0.2.0
 */
export const concernsSafetyHealthProperty = (terms: MatterElements): boolean =>
  terms.concernsSafetyHealthProperty === true ||
  (terms.commitment?.barredCategories.some(
    (category) => category === "publicSafety" || category === "personalHealth" || category === "lifeAndPropertySafety",
  ) ??
    false)

/**
 * True when this special procedure may pause the matter's clock.
 *
 * @category guards
 * @since 0.1.0
 */
export const allowsSpecialProcedure = (terms: MatterElements, kind: SpecialProcedureKind): boolean =>
  terms.specialProcedures.includes(kind)
