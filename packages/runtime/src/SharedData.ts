/**
 * Shared data (数据共享): the port through which the runtime asks a host-provided source for facts
 * about an applicant — its business registration (subject kind, industry codes, region, registered
 * capital, employee count), its social security (insured headcount) and its verified payee account
 * — instead of taking them from a command. Every answer carries its provenance ({@link Provenance}:
 * the source, when it was fetched and a SHA-256 digest of the value), and the events that relied on
 * a fact record that provenance, so the record shows why a case was decided as it was.
 *
 * The host implements {@link SharedDataSource} over its exchange platform (the 数据共享交换平台 of
 * its province); {@link makeMemory} is the memory implementation for tests and demos. A source's
 * answers are decoded: a malformed record is a {@link SharedDataInvalid}, never a silent default.
 *
 * @since 0.3.0
 */
import { createHash } from "node:crypto"
import { CalendarDate } from "@yiciban/core"
import * as Context from "effect/Context"
import * as Data from "effect/Data"
import * as Effect from "effect/Effect"
import * as Layer from "effect/Layer"
import * as Result from "effect/Result"
import * as Schema from "effect/Schema"

/**
 * The kind of subject a business registration names: an enterprise (企业), an individual business
 * (个体工商户), a farmers' cooperative (农民专业合作社) or a social organisation (社会组织). Each has a
 * unified social credit code.
 *
 * @category schemas
 * @since 0.3.0
 */
export const SubjectKind = Schema.Literals(["enterprise", "individualBusiness", "cooperative", "socialOrganisation"])

/**
 * @category models
 * @since 0.3.0
 */
export type SubjectKind = typeof SubjectKind.Type

const NonNegativeInt = Schema.Int.check(Schema.isGreaterThanOrEqualTo(0))

/**
 * A business registration (市场主体登记) as the registry shares it: the subject's name and kind,
 * its industry codes (GB/T 4754 国民经济行业分类, e.g. `H62` 餐饮业, `H621` 正餐服务), the division
 * code of its registration, registered capital in fen (分) and employee count.
 *
 * @category schemas
 * @since 0.3.0
 */
export const BusinessRegistration = Schema.Struct({
  name: Schema.NonEmptyString,
  subjectKind: SubjectKind,
  industryCodes: Schema.Array(Schema.NonEmptyString),
  region: Schema.String.check(Schema.isPattern(/^\d{6}$/)),
  registeredCapitalFen: NonNegativeInt,
  employeeCount: NonNegativeInt,
})

/**
 * @category models
 * @since 0.3.0
 */
export type BusinessRegistration = typeof BusinessRegistration.Type

/**
 * A person's record (户籍/居住登记) as a data-sharing platform gives it: the name and the division
 * of residence. Personal data: what the runtime records of it is sealed.
 *
 * @category schemas
 * @since 0.3.0
 */
export const ResidentRecord = Schema.Struct({
  name: Schema.NonEmptyString,
  region: Schema.String.check(Schema.isPattern(/^\d{6}$/)),
})

/**
 * @category models
 * @since 0.3.0
 */
export type ResidentRecord = typeof ResidentRecord.Type

/**
 * Social security (社会保险) as the insurance agency shares it: the insured headcount in the month
 * it names.
 *
 * @category schemas
 * @since 0.3.0
 */
export const SocialSecurity = Schema.Struct({
  insuredHeadcount: NonNegativeInt,
  month: Schema.String.check(Schema.isPattern(/^\d{4}-\d{2}$/)),
})

/**
 * @category models
 * @since 0.3.0
 */
export type SocialSecurity = typeof SocialSecurity.Type

/**
 * A payee account verified by the source (the bank or the treasury's account check): only such an
 * account receives a disbursement (直达).
 *
 * @category schemas
 * @since 0.3.0
 */
export const PayeeAccount = Schema.Struct({
  bank: Schema.NonEmptyString,
  accountName: Schema.NonEmptyString,
  accountNo: Schema.String.check(Schema.isPattern(/^\d{8,32}$/)),
  verifiedOn: CalendarDate.CalendarDate,
})

/**
 * @category models
 * @since 0.3.0
 */
export type PayeeAccount = typeof PayeeAccount.Type

/**
 * What each kind of fact is.
 *
 * @category models
 * @since 0.3.0
 */
export interface Facts {
  readonly businessRegistration: BusinessRegistration
  readonly residentRecord: ResidentRecord
  readonly socialSecurity: SocialSecurity
  readonly payeeAccount: PayeeAccount
}

/**
 * The kinds of fact a source shares.
 *
 * @category models
 * @since 0.3.0
 */
export type FactKind = keyof Facts

const schemas: { readonly [K in FactKind]: Schema.Codec<Facts[K], any> } = {
  businessRegistration: BusinessRegistration,
  residentRecord: ResidentRecord,
  socialSecurity: SocialSecurity,
  payeeAccount: PayeeAccount,
}

/**
 * Where a fact came from: the source's name, the instant it was fetched and the SHA-256 digest
 * (hex) of the value's canonical JSON. Recorded in every event that relied on the fact.
 *
 * @category schemas
 * @since 0.3.0
 */
export const Provenance = Schema.Struct({
  kind: Schema.Literals(["businessRegistration", "residentRecord", "socialSecurity", "payeeAccount"]),
  source: Schema.NonEmptyString,
  fetchedAt: Schema.String,
  digest: Schema.String.check(Schema.isPattern(/^[0-9a-f]{64}$/)),
})

/**
 * @category models
 * @since 0.3.0
 */
export type Provenance = typeof Provenance.Type

/**
 * A fact with its provenance.
 *
 * @category models
 * @since 0.3.0
 */
export interface Sourced<A> {
  readonly value: A
  readonly provenance: Provenance
}

/**
 * The source could not be reached or answered with an error.
 *
 * @category errors
 * @since 0.3.0
 */
export class SharedDataUnavailable extends Data.TaggedError("SharedDataUnavailable")<{
  readonly source: string
  readonly kind: FactKind
  readonly subjectCode: string
  readonly detail: string
}> {
  override get message() {
    return `shared data ${this.kind} of ${this.subjectCode} from ${this.source} unavailable: ${this.detail}`
  }
}

/**
 * The source answered with a record that is not what the kind of fact must be.
 *
 * @category errors
 * @since 0.3.0
 */
export class SharedDataInvalid extends Data.TaggedError("SharedDataInvalid")<{
  readonly source: string
  readonly kind: FactKind
  readonly subjectCode: string
  readonly detail: string
}> {
  override get message() {
    return `shared data ${this.kind} of ${this.subjectCode} from ${this.source} is invalid: ${this.detail}`
  }
}

/**
 * What a host implements: its name, a raw lookup of one kind of fact about one subject (by unified
 * social credit code; `undefined` when the source has no such record) and a search for the
 * subjects registered in a region (a division code prefix, `43` for the province, `4301` for the
 * prefecture) — what auto-entitlement (免申即享) matches against.
 *
 * @category models
 * @since 0.3.0
 */
export interface SharedDataSource {
  readonly name: string
  readonly lookup: (kind: FactKind, subjectCode: string) => Effect.Effect<unknown, SharedDataUnavailable>
  readonly subjectsIn: (regionPrefix: string) => Effect.Effect<ReadonlyArray<string>, SharedDataUnavailable>
}

/**
 * The canonical JSON of a value: object keys sorted at every depth.
 *
 * @category combinators
 * @since 0.3.0
 */
export const canonicalJson = (value: unknown): string => {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(",")}]`
  if (typeof value === "object" && value !== null) {
    const entries = Object.entries(value)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(",")}}`
  }
  return JSON.stringify(value)
}

/**
 * The SHA-256 (hex) of a value's canonical JSON.
 *
 * @example
 * ```ts
 * import { SharedData } from "@yiciban/runtime"
 *
 * SharedData.digestOf({ b: 1, a: 2 }) === SharedData.digestOf({ a: 2, b: 1 }) // true
 * ```
 *
 * @category combinators
 * @since 0.3.0
 */
export const digestOf = (value: unknown): string => createHash("sha256").update(canonicalJson(value)).digest("hex")

/**
 * The shared-data port: facts about a subject, decoded and with their provenance.
 *
 * @category services
 * @since 0.3.0
 */
export class SharedData extends Context.Service<
  SharedData,
  {
    readonly fetch: <K extends FactKind>(
      kind: K,
      subjectCode: string,
      now: string,
    ) => Effect.Effect<Sourced<Facts[K]> | undefined, SharedDataUnavailable | SharedDataInvalid>
    readonly subjectsIn: (regionPrefix: string) => Effect.Effect<ReadonlyArray<string>, SharedDataUnavailable>
  }
>()("@yiciban/runtime/SharedData") {}

/**
 * The port over a host's source: each raw answer decoded strictly by its kind's schema, and
 * stamped with the source's name, `now` and the digest.
 *
 * @example
 * ```ts
 * import { SharedData } from "@yiciban/runtime"
 *
 * const port = SharedData.make(SharedData.makeMemory({ "91430100MA4L0P1T5J": { socialSecurity: { insuredHeadcount: 12, month: "2026-08" } } }))
 * ```
 *
 * @category constructors
 * @since 0.3.0
 */
export const make = (source: SharedDataSource): SharedData["Service"] => ({
  fetch: <K extends FactKind>(kind: K, subjectCode: string, now: string) =>
    Effect.gen(function* () {
      const raw = yield* source.lookup(kind, subjectCode)
      if (raw === undefined || raw === null) return undefined
      const decoded = Schema.decodeUnknownResult(schemas[kind] as Schema.Codec<Facts[K], unknown>)(raw, {
        onExcessProperty: "error",
      })
      if (Result.isFailure(decoded)) {
        return yield* new SharedDataInvalid({
          source: source.name,
          kind,
          subjectCode,
          detail: decoded.failure.message.split("\n")[0] ?? "invalid",
        })
      }
      const value = decoded.success
      return {
        value,
        provenance: { kind, source: source.name, fetchedAt: now, digest: digestOf(value) },
      } satisfies Sourced<Facts[K]>
    }),
  subjectsIn: source.subjectsIn,
})

/**
 * The records of a memory source: per unified social credit code, the facts it shares.
 *
 * @category models
 * @since 0.3.0
 */
export type MemoryRecords = Record<string, { readonly [K in FactKind]?: unknown }>

/**
 * A memory source for tests and demos. The records stay mutable through `records` (a demo can
 * change a subject's headcount between two runs); `name` defaults to `memory`.
 *
 * @category constructors
 * @since 0.3.0
 */
export const makeMemory = (records: MemoryRecords, name = "memory"): SharedDataSource => ({
  name,
  lookup: (kind, subjectCode) => Effect.sync(() => records[subjectCode]?.[kind]),
  subjectsIn: (regionPrefix) =>
    Effect.sync(() =>
      Object.entries(records)
        .filter(([, facts]) => {
          const region = ((facts.businessRegistration ?? facts.residentRecord) as { region?: unknown } | undefined)
            ?.region
          return typeof region === "string" && region.startsWith(regionPrefix)
        })
        .map(([code]) => code)
        .sort(),
    ),
})

/**
 * A layer with the port over a source.
 *
 * @category layers
 * @since 0.3.0
 */
export const layer = (source: SharedDataSource): Layer.Layer<SharedData> => Layer.succeed(SharedData, make(source))

/**
 * A layer with the port over memory records.
 *
 * @category layers
 * @since 0.3.0
 */
export const layerMemory = (records: MemoryRecords, name?: string): Layer.Layer<SharedData> =>
  layer(makeMemory(records, name))
