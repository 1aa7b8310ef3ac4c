/**
 * The licence queries of the runtime, read from the case list (the licence's row, written inline
 * with every append, carries its holder, the cases it came from and its validity record) and
 * authorized like every read: a holder sees its own licences, staff those of their authority,
 * supervisors those of their region, and anyone the public part of every licence (a grant is
 * public, ALL Art 40) with resident identity numbers masked. A person's licences are found by
 * identity number only by readers who may see that number (the person, and the window clerks and
 * approvers of the authority in charge): the public cannot probe who holds what by identity number.
 *
 * The queries page through the licence rows the reader may see (1,000 a page): fine for a
 * deployment's licences of one authority; a host with millions of licences keeps its own index.
 *
 * @since 0.2.0
 */
import { type Actor, type CalendarDate, Licence } from "@yiciban/core"
import * as Effect from "effect/Effect"
import * as Option from "effect/Option"
import * as Schema from "effect/Schema"
import * as Authorization from "./Authorization.ts"
import { Keyring, pseudonymIfPerson } from "./PersonalData.ts"
import { ReadModelUnavailable } from "./RuntimeError.ts"
import { type CaseRow, isVisible, RuntimeStore } from "./RuntimeStore.ts"

/**
 * The `detail` of a licence's case-list row (`Aggregates.licenceSummary`).
 *
 * @category schemas
 * @since 0.2.0
 */
export const LicenceDetail = Schema.Struct({
  licenceNo: Schema.String,
  holder: Schema.Struct({
    kind: Schema.Literals(["enterprise", "person"]),
    code: Schema.optionalKey(Schema.String),
    name: Schema.String,
  }),
  matterCode: Schema.String,
  baseCode: Schema.String,
  authority: Schema.String,
  scope: Schema.String,
  cases: Schema.Array(Schema.String),
  validity: Licence.Validity,
})

/**
 * @category models
 * @since 0.2.0
 */
export type LicenceDetail = typeof LicenceDetail.Type

/**
 * A licence as a query returns it: its row (identity numbers masked for a reader who does not need
 * them) and its detail read.
 *
 * @category models
 * @since 0.2.0
 */
export interface LicenceRow {
  readonly row: CaseRow
  readonly licence: LicenceDetail
}

const decodeDetail = Schema.decodeUnknownEffect(LicenceDetail)
const pageSize = 1000

/** Whether the reader sees identity numbers on the row: it owns it, or is a clerk or approver of its authority. */
const seesIdentity = (row: CaseRow, visibility: Authorization.Visibility): boolean =>
  row.access.owners.some((owner) => visibility.owners.includes(owner)) ||
  (row.access.authority !== undefined && visibility.identityAuthorities.includes(row.access.authority))

/** Every licence row the actor may see, with its detail, masked where the reader needs no identity numbers. */
const visibleLicences = (
  actor: Actor.Actor,
): Effect.Effect<ReadonlyArray<LicenceRow & { readonly identity: boolean }>, ReadModelUnavailable, RuntimeStore> =>
  Effect.gen(function* () {
    const store = yield* RuntimeStore
    const keyring = yield* Effect.serviceOption(Keyring)
    const visibility = Option.isSome(keyring)
      ? Authorization.visibilityOf(actor, keyring.value.pseudonym)
      : Authorization.visibilityOf(actor)
    const out: Array<LicenceRow & { readonly identity: boolean }> = []
    let after: string | undefined
    for (;;) {
      const rows = yield* store.cases(visibility, { category: "licence", after, limit: pageSize })
      for (const row of rows) {
        const licence = yield* Effect.mapError(
          decodeDetail(row.detail),
          (error) => new ReadModelUnavailable({ operation: "licences", detail: `row ${row.stream}: ${error.message}` }),
        )
        const identity = seesIdentity(row, visibility)
        out.push(
          identity
            ? { row, licence, identity }
            : {
                row: Authorization.maskIdentityNumbers(row),
                licence: Authorization.maskIdentityNumbers(licence),
                identity,
              },
        )
      }
      if (rows.length < pageSize) return out
      after = rows.at(-1)!.stream
    }
  })

/**
 * The licences of the subject `holderCode` (a unified social credit code or a resident identity
 * number) valid on `day` (`Licence.isValidOn` over the row's validity record), among those the
 * actor may see. A person's licences match only for readers who may see the identity number.
 *
 * @example
 * ```ts
 * import { Licences } from "@yiciban/runtime"
 *
 * const valid = Licences.validLicencesOf(actor, "91430102MA4L0P1T5J", CalendarDate.make("2027-05-01"))
 * // Effect<ReadonlyArray<LicenceRow>, ReadModelUnavailable, RuntimeStore>
 * ```
 *
 * @category combinators
 * @since 0.2.0
 */
export const validLicencesOf = (
  actor: Actor.Actor,
  holderCode: string,
  day: CalendarDate.CalendarDate,
): Effect.Effect<ReadonlyArray<LicenceRow>, ReadModelUnavailable, RuntimeStore> =>
  Effect.gen(function* () {
    const keyring = yield* Effect.serviceOption(Keyring)
    // A person holder is named on the row by its owner, the pseudonym of its identity number.
    const owner = Option.isSome(keyring) ? pseudonymIfPerson(keyring.value, holderCode) : holderCode
    const rows = yield* visibleLicences(actor)
    return rows
      .filter(({ row, licence, identity }) => {
        const holds =
          licence.holder.kind === "enterprise"
            ? licence.holder.code === holderCode
            : identity && row.access.owners.includes(owner)
        return holds && Licence.isValidOn(licence.validity, day)
      })
      .map(({ row, licence }) => ({ row, licence }))
  })

/**
 * The licence a case produced, or the one it was registered for (a renewal or change case), among
 * those the actor may see (`undefined`: none).
 *
 * @category combinators
 * @since 0.2.0
 */
export const licenceOfCase = (
  actor: Actor.Actor,
  caseNo: string,
): Effect.Effect<LicenceRow | undefined, ReadModelUnavailable, RuntimeStore> =>
  Effect.map(visibleLicences(actor), (rows) => {
    const found = rows.find(({ licence }) => licence.cases.includes(caseNo))
    return found === undefined ? undefined : { row: found.row, licence: found.licence }
  })

/**
 * The cases a licence came from (the case that produced it first, then its renewal and change
 * cases), if the actor may see the licence (`undefined`: no such licence, or not visible).
 *
 * @category combinators
 * @since 0.2.0
 */
export const casesOfLicence = (
  actor: Actor.Actor,
  licenceId: string,
): Effect.Effect<ReadonlyArray<string> | undefined, ReadModelUnavailable, RuntimeStore> =>
  Effect.gen(function* () {
    const store = yield* RuntimeStore
    const row = yield* store.caseOf(Licence.streamName(licenceId))
    if (row === undefined || !isVisible(row.access, Authorization.visibilityOf(actor))) return undefined
    const licence = yield* Effect.mapError(
      decodeDetail(row.detail),
      (error) => new ReadModelUnavailable({ operation: "licences", detail: `row ${row.stream}: ${error.message}` }),
    )
    return licence.cases
  })
