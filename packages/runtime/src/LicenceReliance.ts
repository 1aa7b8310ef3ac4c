/**
 * Electronic licences spare the applicant (电子证照免提交): a material the matter marks as satisfied
 * by a licence (`MaterialRequirement.licenceBaseCode`, the base code of the licence's matter) is
 * satisfied, at submission, by the applicant's licence of that matter valid on the day — looked up
 * by the runtime in its own licences, never taken from the command. The case records which licence
 * and which version of its stream it relied on (`ApplicationSubmitted.licencesReliedOn`); a licence
 * revoked or expired later does not rewrite the case, and a new application no longer finds it.
 *
 * @since 0.2.0
 */
import { type Application, CalendarDate, Licence, type PublishedMatter } from "@yiciban/core"
import type { EventStore, EventStoreError } from "@yiciban/eventstore"
import * as Effect from "effect/Effect"
import * as Option from "effect/Option"
import * as Result from "effect/Result"
import * as Schema from "effect/Schema"
import type { Aggregate } from "./Aggregate.ts"
import { LicenceDetail } from "./Licences.ts"
import { load } from "./Loader.ts"
import { Keyring, pseudonymIfPerson } from "./PersonalData.ts"
import { CommandRejected, ReadModelUnavailable, type UnreadableEvent } from "./RuntimeError.ts"
import { RuntimeStore } from "./RuntimeStore.ts"

/**
 * A licence found for an applicant and a base code on a day: its id, number and stream version.
 *
 * @category models
 * @since 0.2.0
 */
export interface LicenceOnFile {
  readonly licenceId: string
  readonly licenceNo: string
  readonly version: number
}

const decodeDetail = Schema.decodeUnknownResult(LicenceDetail)
const pageSize = 1000

/**
 * The applicant's licence of the matter with base code `baseCode` valid on `day`, or `undefined`.
 * The case list narrows the search (the licence rows of that base code and holder, valid on the day
 * by their validity record); each candidate is then read from its own stream, and only a licence
 * whose state says it is the applicant's, of that matter and valid on the day is taken. Among
 * several, the one valid the longest (an indefinite term first), then by licence id.
 *
 * @category combinators
 * @since 0.2.0
 */
export const licenceOnFile = (
  licence: Aggregate<Licence.State, any, any, any, any>,
  applicant: Application.ApplicantInput,
  baseCode: string,
  day: CalendarDate.CalendarDate,
): Effect.Effect<
  LicenceOnFile | undefined,
  ReadModelUnavailable | EventStoreError.StreamError | UnreadableEvent,
  RuntimeStore | EventStore.EventStore
> =>
  Effect.gen(function* () {
    const store = yield* RuntimeStore
    const keyring = yield* Effect.serviceOption(Keyring)
    // A person holder is named on the row by its owner, the pseudonym of its identity number.
    const owner = Option.isSome(keyring) ? pseudonymIfPerson(keyring.value, applicant.code) : applicant.code
    const candidates: Array<string> = []
    let after: string | undefined
    for (;;) {
      const rows = yield* store.cases("all", { category: licence.name, after, limit: pageSize })
      for (const row of rows) {
        const detail = decodeDetail(row.detail)
        if (Result.isFailure(detail)) {
          return yield* new ReadModelUnavailable({ operation: "licenceOnFile", detail: `row ${row.stream} unreadable` })
        }
        const { holder, validity } = detail.success
        const holds = holder.kind === "enterprise" ? holder.code === applicant.code : row.access.owners.includes(owner)
        if (holds && detail.success.baseCode === baseCode && Licence.isValidOn(validity, day)) candidates.push(row.id)
      }
      if (rows.length < pageSize) break
      after = rows.at(-1)!.stream
    }
    const found: Array<LicenceOnFile & { readonly until: string }> = []
    for (const id of candidates) {
      const loaded = yield* load(licence, id)
      const state = loaded.state
      if (
        state.holder?.code === applicant.code &&
        state.matter?.baseCode === baseCode &&
        state.licenceNo !== null &&
        Licence.validOn(state, day)
      ) {
        found.push({
          licenceId: state.licenceId,
          licenceNo: state.licenceNo,
          version: loaded.version,
          until: Licence.expiresOn(state) ?? "9999-12-31",
        })
      }
    }
    const best = found.sort((a, b) =>
      a.until !== b.until ? (a.until < b.until ? 1 : -1) : a.licenceId < b.licenceId ? -1 : 1,
    )[0]
    return best === undefined
      ? undefined
      : { licenceId: best.licenceId, licenceNo: best.licenceNo, version: best.version }
  })

/**
 * Completes a submission's materials from the applicant's licences: for every material the matter
 * marks as satisfied by a licence (`licenceBaseCode`) that the applicant did not hand over itself
 * (on paper or as a file), the licence valid on `day` is looked up; found, the material is on file
 * as that licence (`form: "electronicLicence"` with its number) and a reliance records which licence
 * and which version; not found, the material stays to be handed over — unless the applicant asked
 * for the licence to be used (`form: "electronicLicence"`), which is then refused
 * (`LicenceRelianceInvalid`, `noValidLicence`). A reliance already recorded for the case
 * (`inherited`: a bundle's child, whose bundle looked the licence up at its own submission) is kept
 * as it was, not looked up again: a licence revoked since does not take back what was relied on.
 *
 * @category combinators
 * @since 0.2.0
 */
export const spareMaterials = (
  licence: Aggregate<Licence.State, any, any, any, any>,
  input: {
    readonly caseNo: string
    readonly applicant: Application.ApplicantInput
    readonly terms: PublishedMatter.PublishedMatter
    readonly materials: ReadonlyArray<Application.SubmittedMaterial>
    readonly now: string
    /** Reliances already recorded for this case (a bundle's child inherits its bundle's). */
    readonly inherited?: ReadonlyArray<Application.LicenceReliance> | undefined
  },
): Effect.Effect<
  {
    readonly materials: ReadonlyArray<Application.SubmittedMaterial>
    readonly reliances: ReadonlyArray<Application.LicenceReliance>
  },
  CommandRejected | ReadModelUnavailable | EventStoreError.StreamError | UnreadableEvent,
  RuntimeStore | EventStore.EventStore
> =>
  Effect.gen(function* () {
    const day = CalendarDate.ofInstant(input.now)
    const materials = [...input.materials]
    const reliances: Array<Application.LicenceReliance> = []
    const missing: Array<string> = []
    for (const requirement of input.terms.materials) {
      const baseCode = requirement.licenceBaseCode
      if (baseCode === undefined) continue
      const index = materials.findIndex((m) => m.code === requirement.code)
      const given = index < 0 ? undefined : materials[index]
      if (given !== undefined && given.form !== "electronicLicence") continue
      const inherited = input.inherited?.find((r) => r.materialCode === requirement.code && r.baseCode === baseCode)
      if (inherited !== undefined) {
        const asLicence: Application.SubmittedMaterial = {
          code: requirement.code,
          form: "electronicLicence",
          licenceNo: inherited.licenceNo,
        }
        if (index < 0) materials.push(asLicence)
        else materials[index] = asLicence
        reliances.push(inherited)
        continue
      }
      const found = yield* licenceOnFile(licence, input.applicant, baseCode, day)
      if (found === undefined) {
        if (given !== undefined) missing.push(requirement.code)
        continue
      }
      const asLicence: Application.SubmittedMaterial = {
        code: requirement.code,
        form: "electronicLicence",
        licenceNo: found.licenceNo,
      }
      if (index < 0) materials.push(asLicence)
      else materials[index] = asLicence
      reliances.push({
        materialCode: requirement.code,
        licenceId: found.licenceId,
        licenceNo: found.licenceNo,
        baseCode,
        version: found.version,
        validOn: day,
      })
    }
    if (missing.length > 0) {
      return yield* new CommandRejected({
        aggregate: "application",
        stream: `application-${input.caseNo}`,
        command: "SubmitApplication",
        commandId: "",
        rejection: {
          _tag: "LicenceRelianceInvalid",
          problem: "noValidLicence",
          codes: missing,
          message: `the applicant holds no licence valid on ${day} for ${missing.join(", ")}: hand over the material itself`,
        },
      })
    }
    return { materials, reliances }
  })
