/**
 * The policy library (政策库): a read model of the published policies, searched by filters
 * (region, industry, subject kind, authority, open window, amount) and by Chinese text, ranked and
 * paged; and "policies this subject may be eligible for" from its facts.
 *
 * Chinese text has no spaces to split words on, and policy wording abbreviates: 小微企业 is written
 * 小型微型企业, 稳岗 is 稳定岗位. A query term matches an entry when every character of the term is
 * in the entry (an index over the entry's characters: a GIN index over a `text[]` in SQL) and the
 * term's characters appear in order, at most {@link maxGap} characters apart (a regular expression
 * `小.{0,3}微.{0,3}企.{0,3}业`). So 餐饮 finds 餐饮服务, and 小微企业 finds 小型微型企业. Ranking: the
 * exact term in the title (3), in the text (2), as an abbreviation (1), summed over the terms; ties
 * by the latest closing day, then the id. The same rules run in memory ({@link makeMemory}) and in
 * SQL (`@yiciban/postgres`'s `PolicyLibrarySql`, PostgreSQL and PGlite alike, no extension needed).
 *
 * @since 0.3.0
 */
import { type CalendarDate, Policy } from "@yiciban/core"
import type { EventStore, EventStoreError } from "@yiciban/eventstore"
import * as Context from "effect/Context"
import * as Data from "effect/Data"
import * as Effect from "effect/Effect"
import * as Layer from "effect/Layer"
import { load } from "./Loader.ts"
import { policy } from "./Policies.ts"
import type { Projection } from "./Projection.ts"
import type { UnreadableEvent } from "./RuntimeError.ts"

/**
 * How many other characters may stand between two characters of a term that matches as an
 * abbreviation (小微企业 in 小型微型企业 needs 1).
 *
 * @category models
 * @since 0.3.0
 */
export const maxGap = 3

/**
 * A policy as the library keeps it: the version in force and its terms, its phase, the text
 * searched (title, summary, keywords), the largest amount one subject can receive.
 *
 * @category models
 * @since 0.3.0
 */
export interface Entry {
  readonly policyId: string
  readonly version: number
  readonly phase: Policy.Phase
  readonly terms: Policy.Terms
  readonly text: string
  readonly maxAmountFen: number
}

/**
 * A search: `text` (terms separated by spaces, each must match), and filters — `division` (the
 * subject's division code: policies whose region covers it), `industry` (a subject's GB/T 4754 code:
 * policies for every industry or one of its prefixes), `subjectKind`, `authority` (credit code),
 * `openOn` (published and the day in its window), `minAmountFen`; `limit` (default 20, at most 100)
 * and `offset` page the ranked results.
 *
 * @category models
 * @since 0.3.0
 */
export interface Query {
  readonly text?: string | undefined
  readonly division?: string | undefined
  readonly industry?: string | undefined
  readonly subjectKind?: Policy.SubjectKind | undefined
  readonly authority?: string | undefined
  readonly openOn?: CalendarDate.CalendarDate | undefined
  readonly minAmountFen?: number | undefined
  readonly limit?: number | undefined
  readonly offset?: number | undefined
}

/**
 * A page of results: the total that matched, and the entries on the page with their scores.
 *
 * @category models
 * @since 0.3.0
 */
export interface Page {
  readonly total: number
  readonly items: ReadonlyArray<{ readonly entry: Entry; readonly score: number }>
}

/**
 * The library's store could not be read or written.
 *
 * @category errors
 * @since 0.3.0
 */
export class LibraryUnavailable extends Data.TaggedError("LibraryUnavailable")<{ readonly detail: string }> {
  override get message() {
    return `policy library unavailable: ${this.detail}`
  }
}

/**
 * The library's store: upsert an entry, search, empty it (for a rebuild).
 *
 * `upsert(entry, streamVersion)`: the entry as the policy's stream stood at `streamVersion`; an
 * entry already kept from a later version of the stream is not replaced (two catch-ups at once,
 * in one process or two, may load the stream at different versions and write in either order).
 * Without `streamVersion` the entry always replaces.
 *
 * A store adapter whose layer also provides this service (`@yiciban/postgres`'s stores do:
 * `PolicyLibrarySql`) gives `createYiciban` a library kept in the store, caught up from the log
 * under a durable checkpoint; without it the facade keeps the library in memory.
 *
 * @category services
 * @since 0.3.0
 */
export class PolicyLibrary extends Context.Service<
  PolicyLibrary,
  {
    readonly upsert: (entry: Entry, streamVersion?: number) => Effect.Effect<void, LibraryUnavailable>
    readonly search: (query: Query) => Effect.Effect<Page, LibraryUnavailable>
    readonly reset: Effect.Effect<void, LibraryUnavailable>
  }
>()("@yiciban/runtime/PolicyLibrary") {}

/**
 * Text as searched: NFKC (full-width letters and digits folded), lower case.
 *
 * @category combinators
 * @since 0.3.0
 */
export const normalize = (text: string): string => text.normalize("NFKC").toLowerCase()

/**
 * The searchable characters of a text: letters and digits of any script (CJK ideographs
 * included), each once, in order of first appearance.
 *
 * @category combinators
 * @since 0.3.0
 */
export const charsOf = (text: string): ReadonlyArray<string> => [
  ...new Set([...normalize(text)].filter((c) => /[\p{L}\p{N}]/u.test(c))),
]

/**
 * The terms of a query text: split on spaces and punctuation, normalized, empty terms dropped.
 *
 * @category combinators
 * @since 0.3.0
 */
export const termsOf = (text: string | undefined): ReadonlyArray<string> =>
  normalize(text ?? "")
    .split(/[^\p{L}\p{N}]+/u)
    .filter((term) => term.length > 0)

/**
 * The regular expression (PostgreSQL and JavaScript alike) that finds a term as an abbreviation:
 * its characters in order, at most {@link maxGap} apart.
 *
 * @category combinators
 * @since 0.3.0
 */
export const abbreviationPattern = (term: string): string => [...term].join(`.{0,${maxGap}}`)

/**
 * The score of one term against an entry: 3 in the title, 2 in the text, 1 as an abbreviation,
 * 0 no match.
 *
 * @category combinators
 * @since 0.3.0
 */
export const termScore = (entry: Entry, term: string): number => {
  if (normalize(entry.terms.title).includes(term)) return 3
  const text = normalize(entry.text)
  if (text.includes(term)) return 2
  return new RegExp(abbreviationPattern(term), "u").test(text) ? 1 : 0
}

/**
 * The library entry of a policy: the version in force, or `undefined` before the first
 * publication.
 *
 * @category combinators
 * @since 0.3.0
 */
export const entryOf = (state: Policy.State): Entry | undefined => {
  const version = Policy.current(state)
  if (version === undefined) return undefined
  const { terms } = version
  return {
    policyId: state.policyId,
    version: version.version,
    phase: state.phase,
    terms,
    text: [terms.title, terms.summary, ...terms.keywords].join(" "),
    maxAmountFen: terms.amount._tag === "Fixed" ? terms.amount.amountFen : terms.amount.capFen,
  }
}

/**
 * True when the entry passes the query's filters (not the text).
 *
 * @category guards
 * @since 0.3.0
 */
export const passesFilters = (entry: Entry, query: Query): boolean => {
  const { terms } = entry
  if (query.division !== undefined && !Policy.regionCovers(terms.region, query.division)) return false
  if (
    query.industry !== undefined &&
    terms.industries.length > 0 &&
    !terms.industries.some((prefix) => query.industry!.startsWith(prefix))
  ) {
    return false
  }
  if (query.subjectKind !== undefined && !terms.subjectKinds.includes(query.subjectKind)) return false
  if (query.authority !== undefined && terms.authority.creditCode !== query.authority) return false
  if (
    query.openOn !== undefined &&
    (entry.phase !== "published" || terms.window.opensOn > query.openOn || terms.window.closesOn < query.openOn)
  ) {
    return false
  }
  if (query.minAmountFen !== undefined && entry.maxAmountFen < query.minAmountFen) return false
  return true
}

/**
 * The page size of a query: `limit`, default 20, between 1 and 100.
 *
 * @category combinators
 * @since 0.3.0
 */
export const pageSize = (query: Query): number => Math.min(Math.max(Math.trunc(query.limit ?? 20), 1), 100)

/**
 * Ranks and pages entries by a query, in memory: the reference the SQL search is tested against.
 *
 * @category combinators
 * @since 0.3.0
 */
export const searchEntries = (entries: Iterable<Entry>, query: Query): Page => {
  const terms = termsOf(query.text)
  const scored: Array<{ entry: Entry; score: number }> = []
  for (const entry of entries) {
    if (!passesFilters(entry, query)) continue
    let score = 0
    let all = true
    for (const term of terms) {
      const s = termScore(entry, term)
      if (s === 0) {
        all = false
        break
      }
      score += s
    }
    if (all) scored.push({ entry, score })
  }
  scored.sort(
    (a, b) =>
      b.score - a.score ||
      (a.entry.terms.window.closesOn < b.entry.terms.window.closesOn
        ? 1
        : a.entry.terms.window.closesOn > b.entry.terms.window.closesOn
          ? -1
          : a.entry.policyId < b.entry.policyId
            ? -1
            : 1),
  )
  const offset = Math.max(Math.trunc(query.offset ?? 0), 0)
  return { total: scored.length, items: scored.slice(offset, offset + pageSize(query)) }
}

/**
 * The library in memory.
 *
 * @category constructors
 * @since 0.3.0
 */
export const makeMemory = (): PolicyLibrary["Service"] => {
  const entries = new Map<string, Entry>()
  const versions = new Map<string, number>()
  return {
    upsert: (entry, streamVersion) =>
      Effect.sync(() => {
        if (streamVersion !== undefined) {
          if ((versions.get(entry.policyId) ?? 0) > streamVersion) return
          versions.set(entry.policyId, streamVersion)
        }
        entries.set(entry.policyId, entry)
      }),
    search: (query) => Effect.sync(() => searchEntries(entries.values(), query)),
    reset: Effect.sync(() => {
      entries.clear()
      versions.clear()
    }),
  }
}

/**
 * A layer with the library in memory.
 *
 * @category layers
 * @since 0.3.0
 */
export const layerMemory: Layer.Layer<PolicyLibrary> = Layer.effect(PolicyLibrary, Effect.sync(makeMemory))

/**
 * The projection that keeps the library: on each event of a `policy-` stream, the policy's entry
 * as its stream now stands (idempotent: delivered twice, the same entry).
 *
 * @category constructors
 * @since 0.3.0
 */
export const projection = (
  library: PolicyLibrary["Service"],
): Projection<LibraryUnavailable | EventStoreError.StreamError | UnreadableEvent, EventStore.EventStore> => ({
  name: "policy-library",
  handle: (event) =>
    Effect.gen(function* () {
      if (!event.stream.startsWith("policy-")) return
      const loaded = yield* load(policy, event.stream.slice("policy-".length))
      const entry = entryOf(loaded.state)
      if (entry !== undefined) yield* library.upsert(entry, loaded.version)
    }),
  reset: library.reset,
})

/**
 * The policies a subject may be eligible for on a day, from its facts: open policies of its
 * region, industry and kind, then judged by `Policy.eligibility` — best first.
 *
 * @category combinators
 * @since 0.3.0
 */
export const eligibleFor = (
  library: PolicyLibrary["Service"],
  facts: Policy.ApplicantFacts,
  day: CalendarDate.CalendarDate,
): Effect.Effect<ReadonlyArray<Entry>, LibraryUnavailable> =>
  Effect.gen(function* () {
    const found: Array<Entry> = []
    for (let offset = 0; ; offset += 100) {
      const page = yield* library.search({
        division: facts.region,
        subjectKind: facts.subjectKind,
        openOn: day,
        limit: 100,
        offset,
      })
      for (const { entry } of page.items) {
        const inIndustry =
          entry.terms.industries.length === 0 ||
          facts.industryCodes.some((code) => entry.terms.industries.some((prefix) => code.startsWith(prefix)))
        if (inIndustry && Policy.eligibility(entry.terms, facts).length === 0) found.push(entry)
      }
      if (offset + 100 >= page.total) return found
    }
  })
