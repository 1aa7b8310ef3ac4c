/**
 * The service hall's web app: the catalogue, the applicant's pages, the window clerk's console,
 * the review queue and the supervisor's dashboard. Every command goes through the library's HTTP
 * adapter (`/api`); the page shows what the server answers and the rule that refused, in plain words.
 */
import { BarController, BarElement, CategoryScale, Chart, Legend, LinearScale, Tooltip } from "chart.js"
import { render } from "preact"
import { useEffect, useRef, useState } from "preact/hooks"
import { call, command, Failure } from "./api.ts"
import {
  acceptanceLabel,
  awardLabel,
  type Label,
  lang,
  levelLabel,
  phaseLabel,
  plainWords,
  ratingLevels,
  ratingPhaseLabel,
  setLang,
  subjectTypeLabel,
  t,
} from "./i18n.ts"

Chart.register(BarController, BarElement, CategoryScale, LinearScale, Legend, Tooltip)

interface Me {
  readonly key: string
  readonly zh: string
  readonly en: string
  readonly home: string
  readonly roles: ReadonlyArray<string>
}
interface Material {
  readonly code: string
  readonly name: string
  readonly mandatory: boolean
  readonly deferrable: boolean
  readonly category?: string
}
interface QueueRow {
  readonly caseNo: string
  readonly version: number
  readonly phase: string
  readonly matter?: string
  readonly matterCode?: string
  readonly applicant?: string
  readonly receivedOn?: string
  readonly promisedDueOn?: string
  readonly statutoryDueOn?: string
  readonly warningLevel: string
  readonly deferred: ReadonlyArray<string>
  readonly toCorrect: ReadonlyArray<string>
  readonly onFile: ReadonlyArray<string>
  readonly materials: ReadonlyArray<Material>
  readonly tolerant: boolean
  readonly commitment: boolean
}
interface PublishedMatter {
  readonly implementationCode: string
  readonly name: string
  readonly legalBasis: ReadonlyArray<{ readonly document: string; readonly provision: string }>
  readonly implementingAuthority: { readonly name: string; readonly creditCode: string }
  readonly conditions: ReadonlyArray<string>
  readonly procedure: ReadonlyArray<{ readonly name: string; readonly description: string }>
  readonly statutoryLimitWorkingDays: number
  readonly promisedLimitWorkingDays: number
  readonly materials: ReadonlyArray<Material>
  readonly fees: ReadonlyArray<{ readonly name?: string }>
  readonly scope: { readonly subjectTypes: ReadonlyArray<string>; readonly regions: ReadonlyArray<string> }
  readonly tolerantAcceptance?: unknown
  readonly commitment?: { readonly enabled: boolean }
}
interface Rate {
  readonly numerator: number
  readonly denominator: number
  readonly rate: number | null
}
interface RatesRow {
  readonly authority: string
  readonly period: string
  readonly coverage: Rate
  readonly actualRating: Rate
  readonly negativeHandling: Rate
  readonly dataQuality: Rate
  readonly resultUsage: Rate
}
interface Warning {
  readonly _tag: string
  readonly caseNo?: string
  readonly dueOn?: string
  readonly by?: string
  readonly key?: string
  readonly count?: number
}
interface UnitRating {
  readonly ratingId: string
  readonly caseNo: string
  readonly phase: string
  readonly level: number | null
  readonly text: string
  readonly handleBy: string | null
}

const day = { value: "" }
const changed = new Set<() => void>()
const refreshAll = () => {
  for (const f of changed) f()
}

/** Loads `load()` now, when `deps` change and after any command (`refreshAll`). */
const useLoad = <A,>(load: () => Promise<A>, deps: ReadonlyArray<unknown>): A | undefined => {
  const [value, setValue] = useState<A | undefined>(undefined)
  useEffect(() => {
    let live = true
    const run = () =>
      void load().then(
        (v) => live && setValue(v),
        () => live && setValue(undefined),
      )
    run()
    changed.add(run)
    return () => {
      live = false
      changed.delete(run)
    }
  }, deps)
  return value
}

/** A button that runs an action, then refreshes every view; a refusal is shown in plain words. */
const Act = (props: { readonly label: string; readonly run: () => Promise<unknown>; readonly secondary?: boolean }) => {
  const [error, setError] = useState<string | undefined>(undefined)
  const [busy, setBusy] = useState(false)
  const [done, setDone] = useState(false)
  return (
    <span>
      <button
        type="button"
        class={props.secondary ? "secondary" : ""}
        disabled={busy}
        onClick={() => {
          setBusy(true)
          setError(undefined)
          setDone(false)
          props
            .run()
            .then(
              () => {
                setDone(true)
                refreshAll()
              },
              (e: unknown) => setError(e instanceof Failure ? plainWords(e.error) : String(e)),
            )
            .finally(() => setBusy(false))
        }}
      >
        {props.label}
      </button>
      {done && (
        <span role="status" class="muted">
          {" "}
          ✓ {t("done")}
        </span>
      )}
      {error !== undefined && (
        <p class="alert" role="alert">
          {error}
        </p>
      )}
    </span>
  )
}

const Level = (props: { readonly level: string }) => (
  <span class={`badge level-${props.level}`} data-level={props.level}>
    {levelLabel(props.level)}
  </span>
)

const name = (m: { readonly zh: string; readonly en: string }) => (lang.get() === "zh" ? m.zh : m.en)

// ------------------------------------------------------------------------------------------------
// Sign-in

const SignIn = (props: { readonly onSignedIn: (me: Me) => void }) => {
  const actors = useLoad(() => call<ReadonlyArray<{ key: string; zh: string; en: string }>>("GET", "/hall/actors"), [])
  const [picked, setPicked] = useState("xiangwei")
  return (
    <section aria-labelledby="signin">
      <h2 id="signin">{t("signInAs")}</h2>
      <p class="muted">{t("signInNote")}</p>
      <form
        class="card"
        onSubmit={(event) => {
          event.preventDefault()
          void call<Me>("POST", "/hall/signin", { key: picked }).then(() =>
            call<Me>("GET", "/hall/me").then(props.onSignedIn),
          )
        }}
      >
        <fieldset>
          <legend>{t("signInAs")}</legend>
          {(actors ?? []).map((a) => (
            <div key={a.key}>
              <label>
                <input
                  type="radio"
                  name="actor"
                  value={a.key}
                  checked={picked === a.key}
                  onChange={() => setPicked(a.key)}
                />{" "}
                {name(a)}
              </label>
            </div>
          ))}
        </fieldset>
        <p>
          <button type="submit">{t("signIn")}</button>
        </p>
      </form>
    </section>
  )
}

// ------------------------------------------------------------------------------------------------
// The catalogue

interface CatalogueData {
  readonly matters: ReadonlyArray<PublishedMatter>
  readonly bundle?: {
    readonly bundleId: string
    readonly notice: {
      readonly materials: ReadonlyArray<{ readonly name: string; readonly codes: ReadonlyArray<string> }>
    }
    readonly name: string
    readonly introduction: string
    readonly members: ReadonlyArray<{ readonly name: string }>
    readonly jointLimitWorkingDays: number
  }
}

/** The published catalogue (public: read before sign-in too). */
const useCatalogue = () => useLoad(() => call<CatalogueData>("GET", "/hall/catalogue"), [])
const useMatters = () => useCatalogue()?.matters

const Elements = (props: { readonly matter: PublishedMatter }) => {
  const m = props.matter
  return (
    <dl class="elements">
      <dt>{t("matterName")}</dt>
      <dd>{m.name}</dd>
      <dt>{t("legalBasis")}</dt>
      <dd>{m.legalBasis.map((b) => `${b.document}${b.provision}`).join("；")}</dd>
      <dt>{t("authority")}</dt>
      <dd>{m.implementingAuthority.name}</dd>
      <dt>{t("scope")}</dt>
      <dd>{m.scope.subjectTypes.map(subjectTypeLabel).join("、")}</dd>
      <dt>{t("conditions")}</dt>
      <dd>{m.conditions.join("；")}</dd>
      <dt>{t("materials")}</dt>
      <dd>
        <ul>
          {m.materials.map((x) => (
            <li key={x.code}>
              {x.code} {x.name}（{x.mandatory ? t("mandatory") : ""}
              {x.deferrable ? `，${t("deferrable")}` : ""}）
            </li>
          ))}
        </ul>
      </dd>
      <dt>{t("procedure")}</dt>
      <dd>{m.procedure.map((p) => p.name).join(" → ")}</dd>
      <dt>{t("timeLimit")}</dt>
      <dd data-testid="time-limit">
        {t("promised")} {m.promisedLimitWorkingDays} {t("workingDays")}（{t("statutory")} {m.statutoryLimitWorkingDays}{" "}
        {t("workingDays")}）
      </dd>
      <dt>{t("fees")}</dt>
      <dd>{m.fees.length === 0 ? t("free") : m.fees.map((f) => f.name).join("、")}</dd>
    </dl>
  )
}

const Catalogue = () => {
  const catalogue = useCatalogue()
  const matters = catalogue?.matters
  const [query, setQuery] = useState("")
  const [open, setOpen] = useState<string | undefined>(undefined)
  const policies = useLoad(
    () =>
      call<ReadonlyArray<{ policyId: string; title: string; summary: string; authority: { name: string } }>>(
        "GET",
        "/hall/policies",
      ),
    [],
  )
  const shown = (matters ?? []).filter(
    (m) => query === "" || m.name.includes(query) || m.implementationCode.includes(query),
  )
  const b = catalogue?.bundle
  return (
    <section aria-labelledby="catalogue">
      <h2 id="catalogue">{t("catalogue")}</h2>
      <p>
        <label for="q">{t("search")}</label>
        <input
          id="q"
          type="search"
          value={query}
          placeholder={t("searchPlaceholder")}
          onInput={(e) => setQuery(e.currentTarget.value)}
        />
      </p>
      {shown.map((m) => (
        <article class="card" key={m.implementationCode} data-matter={m.implementationCode}>
          <h3>{m.name}</h3>
          <div class="row">
            <span class="muted">{m.implementationCode}</span>
            {m.tolerantAcceptance != null && <span class="badge level-normal">{t("tolerantOffered")}</span>}
            {m.commitment?.enabled === true && <span class="badge level-normal">{t("commitmentOffered")}</span>}
            <span>
              {t("timeLimit")}: {m.promisedLimitWorkingDays} {t("workingDays")}
            </span>
            <button
              type="button"
              class="secondary"
              aria-expanded={open === m.implementationCode}
              onClick={() => setOpen(open === m.implementationCode ? undefined : m.implementationCode)}
            >
              {t("materials")} / {t("timeLimit")}
            </button>
          </div>
          {open === m.implementationCode && <Elements matter={m} />}
        </article>
      ))}
      {b !== undefined && (
        <>
          <h3>{t("bundle")}</h3>
          <article class="card">
            <strong>{b.name}</strong> — {b.introduction}
            <p>
              {t("members")}: {b.members.map((m) => m.name).join("、")}；{t("jointLimit")} {b.jointLimitWorkingDays}{" "}
              {t("workingDays")}
            </p>
          </article>
        </>
      )}
      <h3>{t("policies")}</h3>
      {(policies ?? []).map((p) => (
        <article class="card" key={p.policyId}>
          <strong>{p.title}</strong>（{p.authority.name}）<p>{p.summary}</p>
        </article>
      ))}
    </section>
  )
}

// ------------------------------------------------------------------------------------------------
// The applicant

const caseNumber = () => {
  const n = new Uint32Array(1)
  crypto.getRandomValues(n)
  // 100000–999999: the seeded cases are numbered below, so a new case never lands on one.
  return `SCJG-2026-${100_000 + (n[0]! % 900_000)}`
}

const subjectOf: Record<string, { kind: string; code: string; name: string }> = {
  xiangwei: { kind: "enterprise", code: "91430102MA4L0P1T5J", name: "长沙市芙蓉区湘味小厨餐饮店" },
  chayan: { kind: "enterprise", code: "91430100MA4L16JQ9D", name: "长沙市茶颜小馆" },
}

const RateCase = (props: { readonly ratingId: string; readonly channel: string; readonly legend: Label }) => {
  const ratingId = props.ratingId
  const rating = useLoad(
    () => call<{ state: { phase: string; given: { level: number } | null } }>("GET", `/api/rating/${ratingId}`),
    [ratingId],
  )
  const [level, setLevel] = useState(1)
  const [text, setText] = useState("")
  if (rating === undefined) return null
  const given = rating.state.given
  if (given !== null) {
    return (
      <p>
        {t("rated")}: {ratingLevels.find((l) => l[0] === given.level)?.[lang.get() === "zh" ? 1 : 2]}
      </p>
    )
  }
  return (
    <fieldset>
      <legend>{t(props.legend)}</legend>
      <label>
        {t("level")}{" "}
        <select value={level} onChange={(e) => setLevel(Number(e.currentTarget.value))}>
          {ratingLevels.map(([n, zh, en]) => (
            <option key={n} value={n}>
              {lang.get() === "zh" ? zh : en}
            </option>
          ))}
        </select>
      </label>
      <label>
        {t("comment")} <input type="text" value={text} onInput={(e) => setText(e.currentTarget.value)} />
      </label>
      <Act
        label={t("send")}
        run={() =>
          command("rating", ratingId, {
            _tag: "GiveRating",
            ratingId,
            level,
            channel: props.channel,
            ...(text === "" ? {} : { text }),
          })
        }
      />
    </fieldset>
  )
}

const MyCase = (props: { readonly row: QueueRow }) => {
  const r = props.row
  const nameOf = (code: string) => r.materials.find((m) => m.code === code)?.name ?? code
  return (
    <article class="card" data-case={r.caseNo}>
      <h3>
        {r.caseNo} · {r.matter}
      </h3>
      <p>
        {t("phase")}: <strong data-testid="phase">{phaseLabel(r.phase)}</strong>
        {r.promisedDueOn !== undefined && (
          <>
            {" "}
            · {t("dueOn")}: {r.promisedDueOn} <Level level={r.warningLevel} />
          </>
        )}
      </p>
      {r.phase === "correctionRequested" && (
        <div class="notice">
          <strong>{t("correctionNotice")}</strong>: {r.toCorrect.map((c) => `${c} ${nameOf(c)}`).join("、")}
          <div>
            <Act
              label={t("answerNotice")}
              run={() =>
                command("application", r.caseNo, {
                  _tag: "ResubmitMaterials",
                  caseNo: r.caseNo,
                  materials: r.toCorrect.map((code) => ({ code, form: "paper" })),
                })
              }
            />
          </div>
        </div>
      )}
      {r.deferred.length > 0 && (
        <div class="notice">
          {t("acceptTolerantly")}: {r.deferred.map((c) => `${c} ${nameOf(c)}`).join("、")}
          <div>
            <Act
              label={t("supplement")}
              run={() =>
                command("application", r.caseNo, {
                  _tag: "SupplementDeferredMaterials",
                  caseNo: r.caseNo,
                  materials: r.deferred.map((code) => ({ code, form: "paper" })),
                })
              }
            />
          </div>
        </div>
      )}
      <RateCase ratingId={`${r.caseNo}.visit-1`} channel="hallTablet" legend="rate" />
      {(r.phase === "concluded" || r.phase === "verified") && (
        <RateCase ratingId={`${r.caseNo}.online`} channel="pc" legend="rateOnline" />
      )}
    </article>
  )
}

const Apply = (props: { readonly me: Me }) => {
  const matters = useMatters()
  const mine = useLoad(() => call<ReadonlyArray<QueueRow>>("GET", "/hall/queue?all=1"), [])
  const [code, setCode] = useState<string | undefined>(undefined)
  const [declared, setDeclared] = useState<ReadonlySet<string>>(new Set())
  const [sent, setSent] = useState<string | undefined>(undefined)
  const matter = (matters ?? []).find((m) => m.implementationCode === code)
  return (
    <section aria-labelledby="apply">
      <h2 id="apply">{t("apply")}</h2>
      <div class="card">
        <label for="matter">{t("matter")}</label>
        <select
          id="matter"
          value={code ?? ""}
          onChange={(e) => {
            setCode(e.currentTarget.value)
            setDeclared(new Set())
          }}
        >
          <option value="">—</option>
          {(matters ?? []).map((m) => (
            <option key={m.implementationCode} value={m.implementationCode}>
              {m.name}
            </option>
          ))}
        </select>
        {matter !== undefined && (
          <fieldset>
            <legend>{t("declare")}</legend>
            {matter.materials.map((m) => (
              <div key={m.code}>
                <label>
                  <input
                    type="checkbox"
                    name={m.code}
                    checked={declared.has(m.code)}
                    onChange={(e) => {
                      const next = new Set(declared)
                      if (e.currentTarget.checked) next.add(m.code)
                      else next.delete(m.code)
                      setDeclared(next)
                    }}
                  />{" "}
                  {m.code} {m.name}
                </label>
              </div>
            ))}
            <Act
              label={t("submit")}
              run={async () => {
                const caseNo = caseNumber()
                await command("application", caseNo, {
                  _tag: "SubmitApplication",
                  caseNo,
                  applicant: subjectOf[props.me.key],
                  matterCode: matter.implementationCode,
                  materials: [...declared].map((c) => ({ code: c, form: "paper" })),
                })
                setSent(caseNo)
              }}
            />
            {sent !== undefined && (
              <p role="status" data-testid="submitted">
                {t("caseNo")}: {sent}
              </p>
            )}
          </fieldset>
        )}
      </div>
      <h3>{t("myCases")}</h3>
      {(mine ?? []).length === 0 && <p>{t("nothing")}</p>}
      {(mine ?? []).map((row) => (
        <MyCase key={row.caseNo} row={row} />
      ))}
      <ApplyBundle me={props.me} />
    </section>
  )
}

// ------------------------------------------------------------------------------------------------
// One-thing bundles (一件事一次办): one form, one acceptance, the children each with its authority and clock

interface BundleChild {
  readonly caseNo: string
  readonly matterCode: string
  readonly authority: string
  readonly acceptance: string
  readonly outcome: { readonly _tag: string } | null
  readonly phase?: string
  readonly clock?: { readonly promisedDueOn?: string; readonly statutoryDueOn?: string; readonly warningLevel: string }
}
interface BundleView {
  readonly caseNo: string
  readonly phase: string
  readonly bundle: { readonly bundleId: string; readonly name: string }
  readonly jointClock: { readonly startedOn: string; readonly dueOn: string } | null
  readonly children: ReadonlyArray<BundleChild>
}

const bundleCaseNumber = () => {
  const n = new Uint32Array(1)
  crypto.getRandomValues(n)
  return `YJS-2026-${100_000 + (n[0]! % 900_000)}`
}

/** The bundle cases the actor may see, each as its view (`GET /api/bundlecase/{id}/view`). */
const useBundleCases = () =>
  useLoad(async () => {
    const page = await call<{ items: ReadonlyArray<{ id: string }> }>("GET", "/api/cases?category=bundlecase&limit=100")
    return Promise.all(
      page.items.map((row) => call<BundleView>("GET", `/api/bundlecase/${encodeURIComponent(row.id)}/view`)),
    )
  }, [])

const BundleCase = (props: { readonly view: BundleView; readonly actions?: preact.ComponentChildren }) => {
  const v = props.view
  const matters = useMatters()
  const matterName = (code: string) => matters?.find((m) => m.implementationCode === code)?.name ?? code
  // The view names an authority by its credit code; the catalogue gives its name.
  const authorityName = (creditCode: string) =>
    matters?.find((m) => m.implementingAuthority.creditCode === creditCode)?.implementingAuthority.name ?? creditCode
  return (
    <article class="card" data-bundle-case={v.caseNo}>
      <h3>
        {v.caseNo} · {v.bundle.name}
      </h3>
      <p>
        {t("phase")}: <strong data-testid="bundle-phase">{phaseLabel(v.phase)}</strong>
        {v.jointClock !== null && (
          <>
            {" "}
            · {t("jointDue")}: <span data-testid="joint-due">{v.jointClock.dueOn}</span>
          </>
        )}
      </p>
      {props.actions}
      {v.children.length > 0 && (
        <table>
          <caption>{t("children")}</caption>
          <thead>
            <tr>
              <th scope="col">{t("caseNo")}</th>
              <th scope="col">{t("matter")}</th>
              <th scope="col">{t("authority")}</th>
              <th scope="col">{t("acceptance")}</th>
              <th scope="col">{t("phase")}</th>
              <th scope="col">{t("dueOn")}</th>
              <th scope="col">{t("warning")}</th>
            </tr>
          </thead>
          <tbody>
            {v.children.map((c) => (
              <tr key={c.caseNo} data-child={c.caseNo}>
                <td>{c.caseNo}</td>
                <td>{matterName(c.matterCode)}</td>
                <td>{authorityName(c.authority)}</td>
                <td>{acceptanceLabel(c.acceptance)}</td>
                <td data-testid="child-phase">{c.phase === undefined ? "—" : phaseLabel(c.phase)}</td>
                <td>{c.clock?.promisedDueOn ?? "—"}</td>
                <td>{c.clock === undefined ? "—" : <Level level={c.clock.warningLevel} />}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </article>
  )
}

/** After a tolerant acceptance: the deferred items of every member, handed to the lead window once. */
const BundleSupplement = (props: { readonly caseNo: string }) => {
  const caseNo = props.caseNo
  const state = useLoad(
    () =>
      call<{
        state: {
          handedOver: ReadonlyArray<{ code: string }>
          children: ReadonlyArray<{
            caseNo: string
            outcome: unknown
            acceptance: { _tag: string; deferred?: ReadonlyArray<{ code: string }> }
          }>
        }
      }>("GET", `/api/bundlecase/${encodeURIComponent(caseNo)}`),
    [caseNo],
  )
  const held = new Set((state?.state.handedOver ?? []).map((m) => m.code))
  const owed = [
    ...new Set(
      (state?.state.children ?? [])
        .filter((c) => c.outcome === null && c.acceptance._tag === "Tolerant")
        .flatMap((c) => (c.acceptance.deferred ?? []).map((d) => d.code))
        .filter((code) => !held.has(code)),
    ),
  ]
  if (owed.length === 0) return null
  return (
    <div class="notice">
      {t("acceptTolerantly")}: {owed.join("、")}
      <div>
        <Act
          label={t("supplementBundle")}
          run={() =>
            command("bundlecase", caseNo, {
              _tag: "SupplementBundle",
              caseNo,
              materials: owed.map((code) => ({ code, form: "paper" })),
            })
          }
        />
      </div>
    </div>
  )
}

/** The applicant's one form for the bundle: the merged material list, each material once. */
const ApplyBundle = (props: { readonly me: Me }) => {
  const bundle = useCatalogue()?.bundle
  const mine = useBundleCases()
  const [declared, setDeclared] = useState<ReadonlySet<string>>(new Set())
  const [sent, setSent] = useState<string | undefined>(undefined)
  if (bundle === undefined) return null
  return (
    <section aria-labelledby="bundle-apply">
      <h3 id="bundle-apply">
        {t("bundleApply")} · {bundle.name}
      </h3>
      <div class="card">
        <fieldset>
          <legend>{t("bundleDeclare")}</legend>
          {bundle.notice.materials.map((m) => {
            const code = m.codes[0]!
            return (
              <div key={code}>
                <label>
                  <input
                    type="checkbox"
                    name={`bundle-${code}`}
                    checked={declared.has(code)}
                    onChange={(e) => {
                      const next = new Set(declared)
                      if (e.currentTarget.checked) next.add(code)
                      else next.delete(code)
                      setDeclared(next)
                    }}
                  />{" "}
                  {m.codes.join("/")} {m.name}
                </label>
              </div>
            )
          })}
          <Act
            label={t("bundleSubmit")}
            run={async () => {
              const caseNo = bundleCaseNumber()
              await command("bundlecase", caseNo, {
                _tag: "SubmitBundleApplication",
                caseNo,
                applicant: subjectOf[props.me.key],
                bundleId: bundle.bundleId,
                materials: [...declared].map((code) => ({ code, form: "paper" })),
              })
              setSent(caseNo)
            }}
          />
          {sent !== undefined && (
            <p role="status" data-testid="bundle-submitted">
              {t("caseNo")}: {sent}
            </p>
          )}
        </fieldset>
      </div>
      <h3>{t("myBundles")}</h3>
      {(mine ?? []).length === 0 && <p>{t("nothing")}</p>}
      {(mine ?? []).map((view) => (
        <BundleCase
          key={view.caseNo}
          view={view}
          actions={view.phase === "accepted" && <BundleSupplement caseNo={view.caseNo} />}
        />
      ))}
    </section>
  )
}

interface BundleCaseState {
  readonly applicant: { readonly name: string } | null
  readonly handedOver: ReadonlyArray<{ readonly code: string }>
  readonly bundle: {
    readonly notice: { readonly materials: ReadonlyArray<{ readonly codes: ReadonlyArray<string> }> }
    readonly members: ReadonlyArray<{
      readonly implementationCode: string
      readonly materials: ReadonlyArray<Material>
      readonly tolerantAcceptance?: { readonly deferrableMaterialCodes: ReadonlyArray<string> } | null
    }>
  }
}

/**
 * How the window accepts a member: ordinarily when nothing mandatory of it is outstanding; tolerantly
 * (容缺) when only its deferrable materials are; otherwise ordinarily, which the library refuses in plain words.
 */
const acceptanceFor = (state: BundleCaseState, member: BundleCaseState["bundle"]["members"][number]) => {
  // A material is held when the merged entry it belongs to was handed over (by any of the entry's codes).
  const held = (code: string) =>
    state.handedOver.some(
      (h) =>
        h.code === code ||
        state.bundle.notice.materials.some((e) => e.codes.includes(h.code) && e.codes.includes(code)),
    )
  const missing = member.materials.filter((m) => m.mandatory && !held(m.code)).map((m) => m.code)
  const deferrable = member.tolerantAcceptance?.deferrableMaterialCodes ?? []
  if (missing.length === 0 || !missing.every((code) => deferrable.includes(code))) return { _tag: "Ordinary" }
  return {
    _tag: "Tolerant",
    deferred: missing.map((code) => ({ code, howToSupply: "五个工作日内到牵头窗口补交" })),
    commitment: {
      signedBy: state.applicant?.name ?? "申请人",
      statement: "承诺于期限内补齐容缺材料，逾期未补齐的终止办理",
    },
  }
}

/** The lead window's bundle cases: one acceptance for every member. */
const ClerkBundles = () => {
  const cases = useBundleCases()
  return (
    <section aria-labelledby="bundle-cases">
      <h3 id="bundle-cases">{t("bundleWaiting")}</h3>
      {(cases ?? []).length === 0 && <p>{t("nothing")}</p>}
      {(cases ?? []).map((view) => (
        <BundleCase
          key={view.caseNo}
          view={view}
          actions={
            (view.phase === "submitted" || view.phase === "corrected") && (
              <Act
                label={t("acceptBundle")}
                run={async () => {
                  // The members and what was handed over come from the case's own record.
                  const full = await call<{ state: BundleCaseState }>(
                    "GET",
                    `/api/bundlecase/${encodeURIComponent(view.caseNo)}`,
                  )
                  return command("bundlecase", view.caseNo, {
                    _tag: "AcceptBundle",
                    caseNo: view.caseNo,
                    members: full.state.bundle.members.map((m) => ({
                      implementationCode: m.implementationCode,
                      acceptance: acceptanceFor(full.state, m),
                    })),
                  })
                }}
              />
            )
          }
        />
      ))}
    </section>
  )
}

// ------------------------------------------------------------------------------------------------
// Policies (政策库 · 政策兑现)

interface PolicyEntry {
  readonly policyId: string
  readonly terms: {
    readonly title: string
    readonly summary: string
    readonly authority: { readonly name: string }
    readonly mode: { readonly _tag: string }
    readonly amount: { readonly _tag: string }
    readonly materials: ReadonlyArray<{ readonly code: string; readonly name: string }>
    readonly window: { readonly opensOn: string; readonly closesOn: string }
  }
  readonly maxAmountFen: number
}
interface AwardView {
  readonly status: string
  readonly amountFen: number | null
  readonly baseFen: number | null
}

const yuan = (fen: number) => `${(fen / 100).toLocaleString("zh-CN", { minimumFractionDigits: 2 })} ${t("yuan")}`

const PolicyCard = (props: { readonly entry: PolicyEntry; readonly children?: preact.ComponentChildren }) => {
  const p = props.entry
  return (
    <article class="card" data-policy={p.policyId}>
      <h4>{p.terms.title}</h4>
      <p class="muted">
        {p.terms.authority.name} · {p.terms.window.opensOn} – {p.terms.window.closesOn}
      </p>
      <p>{p.terms.summary}</p>
      {props.children}
    </article>
  )
}

const PolicyApplication = (props: { readonly entry: PolicyEntry; readonly subject: string }) => {
  const p = props.entry
  const award = useLoad(
    () =>
      call<AwardView>("GET", `/api/policies/${encodeURIComponent(p.policyId)}/awards/${props.subject}`).catch(
        () => null,
      ),
    [p.policyId, props.subject],
  )
  const [materials, setMaterials] = useState<ReadonlySet<string>>(new Set())
  const [interest, setInterest] = useState("")
  if (p.terms.mode._tag !== "ApplyAndRedeem") return <p class="muted">{t("autoEntitlement")}</p>
  if (award !== undefined && award !== null) {
    return (
      <p role="status" data-testid="award">
        {t("award")}: <strong data-status={award.status}>{awardLabel(award.status)}</strong>
        {award.amountFen !== null && ` · ${t("amount")} ${yuan(award.amountFen)}`}
        {award.baseFen !== null && ` · ${t("interestPaid")} ${yuan(award.baseFen)}`}
      </p>
    )
  }
  return (
    <fieldset>
      <legend>{t("applyPolicy")}</legend>
      {p.terms.materials.map((m) => (
        <div key={m.code}>
          <label>
            <input
              type="checkbox"
              name={`policy-${m.code}`}
              checked={materials.has(m.code)}
              onChange={(e) => {
                const next = new Set(materials)
                if (e.currentTarget.checked) next.add(m.code)
                else next.delete(m.code)
                setMaterials(next)
              }}
            />{" "}
            {m.code} {m.name}
          </label>
        </div>
      ))}
      {p.terms.amount._tag === "PercentOfBase" && (
        <label>
          {t("interestPaid")}{" "}
          <input type="number" min={0} value={interest} onInput={(e) => setInterest(e.currentTarget.value)} />
        </label>
      )}
      <Act
        label={t("applyPolicy")}
        run={() =>
          command("redemption", p.policyId, {
            _tag: "ApplyForRedemption",
            policyId: p.policyId,
            subjectCode: props.subject,
            materials: [...materials],
            ...(p.terms.amount._tag === "PercentOfBase" ? { baseFen: Math.round(Number(interest) * 100) } : {}),
          })
        }
      />
    </fieldset>
  )
}

const Policies = (props: { readonly me: Me }) => {
  const [query, setQuery] = useState("")
  const found = useLoad(
    () =>
      call<{ total: number; items: ReadonlyArray<{ entry: PolicyEntry }> }>(
        "GET",
        `/api/policies?limit=20${query === "" ? "" : `&text=${encodeURIComponent(query)}`}`,
      ),
    [query],
  )
  const subject = subjectOf[props.me.key]?.code
  const eligible = useLoad(
    () =>
      subject === undefined
        ? Promise.resolve({ items: [] as ReadonlyArray<PolicyEntry> })
        : call<{ items: ReadonlyArray<PolicyEntry> }>(
            "GET",
            `/api/policies/eligible?subject=${subject}&day=${day.value}`,
          ),
    [subject, day.value],
  )
  return (
    <section aria-labelledby="redeem">
      <h2 id="redeem">{t("redeem")}</h2>
      <h3>{t("eligible")}</h3>
      <p class="muted">{t("eligibleNote")}</p>
      <div data-testid="eligible">
        {(eligible?.items ?? []).length === 0 && <p>{t("nothing")}</p>}
        {(eligible?.items ?? []).map((entry) => (
          <PolicyCard key={entry.policyId} entry={entry}>
            {subject !== undefined && <PolicyApplication entry={entry} subject={subject} />}
          </PolicyCard>
        ))}
      </div>
      <h3>{t("policySearch")}</h3>
      <p>
        <label for="policy-q">{t("policySearch")}</label>
        <input
          id="policy-q"
          type="search"
          value={query}
          placeholder={t("policySearchPlaceholder")}
          onInput={(e) => setQuery(e.currentTarget.value)}
        />
      </p>
      <p role="status" data-testid="policy-total">
        {found?.total ?? 0} {t("found")}
      </p>
      {(found?.items ?? []).map(({ entry }) => (
        <PolicyCard key={entry.policyId} entry={entry} />
      ))}
    </section>
  )
}

/** The issuing authority's staff: the awards of each policy whose ledger they may read, one step at a time. */
const Ledger = (props: { readonly me: Me }) => {
  const ledgers = useLoad(async () => {
    const page = await call<{ items: ReadonlyArray<{ entry: PolicyEntry }> }>("GET", "/api/policies?limit=50")
    const read = await Promise.all(
      page.items.map(({ entry }) =>
        call<{ state: { awards: Record<string, AwardView & { subjectCode: string; subjectName: string }> } }>(
          "GET",
          `/api/redemption/${encodeURIComponent(entry.policyId)}`,
        ).then(
          (ledger) => ({ entry, awards: Object.values(ledger.state.awards) }),
          () => undefined,
        ),
      ),
    )
    return read.filter((x) => x !== undefined)
  }, [])
  const roles = props.me.roles
  return (
    <section aria-labelledby="ledger">
      <h2 id="ledger">{t("ledger")}</h2>
      {(ledgers ?? []).map(({ entry, awards }) => (
        <article class="card" key={entry.policyId} data-ledger={entry.policyId}>
          <h3>{entry.terms.title}</h3>
          {awards.length === 0 && <p>{t("nothing")}</p>}
          {awards.length > 0 && (
            <table>
              <thead>
                <tr>
                  <th scope="col">{t("applicant")}</th>
                  <th scope="col">{t("phase")}</th>
                  <th scope="col">{t("amount")}</th>
                  <th scope="col" />
                </tr>
              </thead>
              <tbody>
                {awards.map((a) => {
                  const about = { policyId: entry.policyId, subjectCode: a.subjectCode }
                  return (
                    <tr key={a.subjectCode} data-award={a.subjectCode}>
                      <td>{a.subjectName}</td>
                      <td data-testid="award-status" data-status={a.status}>
                        {awardLabel(a.status)}
                      </td>
                      <td>{a.amountFen === null ? "—" : yuan(a.amountFen)}</td>
                      <td>
                        {a.status === "applied" && roles.includes("windowClerk") && (
                          <Act
                            label={t("acceptRedemption")}
                            run={() => command("redemption", entry.policyId, { _tag: "AcceptRedemption", ...about })}
                          />
                        )}
                        {a.status === "accepted" && roles.includes("approver") && (
                          <Act
                            label={t("approveRedemption")}
                            run={() => command("redemption", entry.policyId, { _tag: "ApproveRedemption", ...about })}
                          />
                        )}
                        {a.status === "approved" && roles.includes("approver") && (
                          <Act
                            label={t("disburse")}
                            run={() =>
                              command("redemption", entry.policyId, {
                                _tag: "DisburseRedemption",
                                ...about,
                                reference: `GK-${entry.policyId}-${a.subjectCode.slice(-6)}`,
                              })
                            }
                          />
                        )}
                      </td>
                    </tr>
                  )
                })}
              </tbody>
            </table>
          )}
        </article>
      ))}
    </section>
  )
}

/** The budget left of every policy the actor may read the ledger of (supervisors of the region). */
const Budgets = () => {
  const rows = useLoad(async () => {
    const page = await call<{ items: ReadonlyArray<{ entry: PolicyEntry }> }>("GET", "/api/policies?limit=50")
    return Promise.all(
      page.items.map(async ({ entry }) => ({
        entry,
        budget: await call<{ budgetFen: number; committedFen: number; disbursedFen: number; remainingFen: number }>(
          "GET",
          `/api/policies/${encodeURIComponent(entry.policyId)}/budget`,
        ),
      })),
    )
  }, [])
  return (
    <>
      <h3>{t("budgets")}</h3>
      <table>
        <thead>
          <tr>
            <th scope="col">{t("policy")}</th>
            <th scope="col">{t("budget")}</th>
            <th scope="col">{t("committed")}</th>
            <th scope="col">{t("disbursed")}</th>
            <th scope="col">{t("remaining")}</th>
          </tr>
        </thead>
        <tbody>
          {(rows ?? []).map(({ entry, budget }) => (
            <tr key={entry.policyId} data-budget={entry.policyId}>
              <td>{entry.terms.title}</td>
              <td>{yuan(budget.budgetFen)}</td>
              <td>{yuan(budget.committedFen)}</td>
              <td>{yuan(budget.disbursedFen)}</td>
              <td data-testid="remaining">{yuan(budget.remainingFen)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </>
  )
}

// ------------------------------------------------------------------------------------------------
// The window clerk

const ClerkCase = (props: { readonly row: QueueRow }) => {
  const r = props.row
  const missing = r.materials.filter((m) => m.mandatory && !r.onFile.includes(m.code))
  const [signedBy, setSignedBy] = useState(r.applicant ?? "")
  const waiting = r.phase === "submitted" || r.phase === "corrected"
  const caseNo = r.caseNo
  return (
    <article class="card" data-case={caseNo}>
      <h3>
        {caseNo} · {r.matter} · {r.applicant}
      </h3>
      <p>
        {t("phase")}: <strong data-testid="phase">{phaseLabel(r.phase)}</strong> · {t("received")} {r.receivedOn}
        {r.promisedDueOn !== undefined && (
          <>
            {" "}
            · {t("dueOn")} {r.promisedDueOn} <Level level={r.warningLevel} />
          </>
        )}
      </p>
      <p>
        {t("onFile")}: {r.onFile.join("、") || "—"} · {t("missing")}:{" "}
        {missing.map((m) => `${m.code} ${m.name}`).join("、") || "—"}
      </p>
      {waiting && (
        <div class="row">
          <Act label={t("accept")} run={() => command("application", caseNo, { _tag: "AcceptApplication", caseNo })} />
          {r.phase === "submitted" && (
            <Act
              secondary
              label={t("requestCorrection")}
              run={() =>
                command("application", caseNo, {
                  _tag: "RequestCorrection",
                  caseNo,
                  items: missing.map((m) => ({ code: m.code, problem: "missing", note: `请补交${m.name}` })),
                })
              }
            />
          )}
          {r.tolerant && r.phase === "submitted" && (
            <>
              <label>
                {t("signedBy")}{" "}
                <input type="text" value={signedBy} onInput={(e) => setSignedBy(e.currentTarget.value)} />
              </label>
              <Act
                secondary
                label={t("acceptTolerantly")}
                run={() =>
                  command("application", caseNo, {
                    _tag: "AcceptTolerantly",
                    caseNo,
                    deferred: missing.map((m) => ({ code: m.code, howToSupply: "到窗口提交或在政务服务网上传" })),
                    commitment: { signedBy, statement: "承诺于期限内补齐容缺材料，逾期未补齐的终止办理" },
                  })
                }
              />
            </>
          )}
          {r.commitment && (
            <Act
              secondary
              label={t("acceptOnCommitment")}
              run={() =>
                command("application", caseNo, {
                  _tag: "AcceptOnCommitment",
                  caseNo,
                  letter: {
                    signer: { _tag: "Applicant", name: signedBy },
                    confirmations: {
                      knowsNotice: true,
                      meetsConditions: true,
                      informationTrue: true,
                      acceptsVerificationAndLiability: true,
                    },
                    statement:
                      "本人已知晓告知的全部内容，承诺符合条件，所填信息真实，愿意接受核查并承担不实承诺的法律责任",
                  },
                  grantOnTheSpot: false,
                })
              }
            />
          )}
        </div>
      )}
      {r.phase === "granted" && r.matterCode !== undefined && (
        <Act
          label={t("conclude")}
          run={async () => {
            await command("application", caseNo, {
              _tag: "IssueCertificate",
              caseNo,
              certificateNo: `JY1430100${caseNo.slice(-6)}`,
            })
            await command("rating", `${caseNo}.online`, {
              _tag: "OpenRating",
              ratingId: `${caseNo}.online`,
              matterCode: r.matterCode,
            })
          }}
        />
      )}
      {!waiting && r.matterCode !== undefined && (
        <Act
          secondary
          label={t("openRating")}
          run={() =>
            command("rating", `${caseNo}.visit-1`, {
              _tag: "OpenRating",
              ratingId: `${caseNo}.visit-1`,
              matterCode: r.matterCode,
            })
          }
        />
      )}
    </article>
  )
}

const Negatives = () => {
  const ratings = useLoad(() => call<ReadonlyArray<UnitRating>>("GET", "/hall/ratings"), [])
  const open = (ratings ?? []).filter((r) => r.level !== null && r.level >= 4 && r.phase !== "closed")
  const [findings, setFindings] = useState("经核实，窗口等候时间过长")
  const [measures, setMeasures] = useState("增开窗口，推行预约办理")
  return (
    <section aria-labelledby="negatives">
      <h3 id="negatives">{t("negatives")}</h3>
      {open.length === 0 && <p>{t("nothing")}</p>}
      {open.map((r) => (
        <article class="card" key={r.ratingId} data-rating={r.ratingId}>
          <p>
            {r.ratingId} · {ratingLevels.find((l) => l[0] === r.level)?.[lang.get() === "zh" ? 1 : 2]} · 「{r.text}」 ·{" "}
            {t("phase")}:{" "}
            <span data-testid="rating-phase" data-phase={r.phase}>
              {ratingPhaseLabel(r.phase)}
            </span>{" "}
            · {r.handleBy}
          </p>
          <div class="row">
            {r.phase === "reported" && (
              <>
                <label>
                  {t("findings")}{" "}
                  <input type="text" value={findings} onInput={(e) => setFindings(e.currentTarget.value)} />
                </label>
                <Act
                  label={t("verifyNegative")}
                  run={() => command("rating", r.ratingId, { _tag: "VerifyNegative", ratingId: r.ratingId, findings })}
                />
              </>
            )}
            {r.phase === "verified" && (
              <>
                <label>
                  {t("measures")}{" "}
                  <input type="text" value={measures} onInput={(e) => setMeasures(e.currentTarget.value)} />
                </label>
                <Act
                  label={t("rectify")}
                  run={() => command("rating", r.ratingId, { _tag: "RectifyAtOnce", ratingId: r.ratingId, measures })}
                />
              </>
            )}
            {r.phase === "awaitingCallback" && (
              <Act
                label={t("callback")}
                run={() =>
                  command("rating", r.ratingId, {
                    _tag: "RecordCallback",
                    ratingId: r.ratingId,
                    reached: true,
                    satisfied: true,
                    notes: "申请人认可整改",
                  })
                }
              />
            )}
          </div>
        </article>
      ))}
    </section>
  )
}

const Clerk = () => {
  const rows = useLoad(() => call<ReadonlyArray<QueueRow>>("GET", "/hall/queue"), [])
  return (
    <section aria-labelledby="clerk">
      <h2 id="clerk">{t("clerk")}</h2>
      {[...(rows ?? [])]
        .sort((a, b) => Number(a.promisedDueOn !== undefined) - Number(b.promisedDueOn !== undefined))
        .map((row) => (
          <ClerkCase key={row.caseNo} row={row} />
        ))}
      <ClerkBundles />
      <Negatives />
    </section>
  )
}

// ------------------------------------------------------------------------------------------------
// The review queue

const CaseTable = (props: {
  readonly rows: ReadonlyArray<QueueRow>
  readonly actions?: (row: QueueRow) => preact.ComponentChildren
}) => (
  <table>
    <caption class="muted">{t("dueOn")} ↑</caption>
    <thead>
      <tr>
        <th scope="col">{t("caseNo")}</th>
        <th scope="col">{t("matter")}</th>
        <th scope="col">{t("applicant")}</th>
        <th scope="col">{t("phase")}</th>
        <th scope="col">{t("dueOn")}</th>
        <th scope="col">{t("warning")}</th>
        {props.actions && <th scope="col" />}
      </tr>
    </thead>
    <tbody>
      {props.rows.map((r) => (
        <tr key={r.caseNo} data-case={r.caseNo}>
          <td>{r.caseNo}</td>
          <td>{r.matter}</td>
          <td>{r.applicant}</td>
          <td>{phaseLabel(r.phase)}</td>
          <td>{r.promisedDueOn ?? "—"}</td>
          <td>
            <Level level={r.warningLevel} />
          </td>
          {props.actions && <td>{props.actions(r)}</td>}
        </tr>
      ))}
    </tbody>
  </table>
)

/** The approver's decision: grant, or deny with the reasons and the remedies (ALL Art 38). */
const Decide = (props: { readonly caseNo: string }) => {
  const caseNo = props.caseNo
  const [reasons, setReasons] = useState("")
  return (
    <div class="row">
      <Act label={t("grant")} run={() => command("application", caseNo, { _tag: "GrantApplication", caseNo })} />
      <label>
        {t("denyReasons")}{" "}
        <input type="text" name="deny-reasons" value={reasons} onInput={(e) => setReasons(e.currentTarget.value)} />
      </label>
      <Act
        secondary
        label={t("deny")}
        run={() =>
          reasons.trim() === ""
            ? Promise.reject(new Failure({ status: 400, tag: "ReasonsRequired", detail: t("denyReasonsRequired") }))
            : command("application", caseNo, {
                _tag: "DenyApplication",
                caseNo,
                reasons,
                remedies: {
                  administrativeReview: "可自收到本决定之日起六十日内向长沙市人民政府申请行政复议",
                  litigation: "或自收到本决定之日起六个月内向长沙市芙蓉区人民法院提起行政诉讼",
                },
              })
        }
      />
    </div>
  )
}

const Queue = (props: { readonly me: Me }) => {
  const rows = useLoad(() => call<ReadonlyArray<QueueRow>>("GET", "/hall/queue"), [])
  const running = (rows ?? []).filter((r) => r.promisedDueOn !== undefined)
  const approver = props.me.roles.includes("approver")
  return (
    <section aria-labelledby="queue">
      <h2 id="queue">{t("queue")}</h2>
      <CaseTable
        rows={running}
        actions={(r) =>
          r.phase !== "underReview" ? null : approver ? (
            <Decide caseNo={r.caseNo} />
          ) : props.me.roles.includes("reviewer") ? (
            <Act
              label={t("review")}
              run={() =>
                command("application", r.caseNo, {
                  _tag: "RecordReviewStep",
                  caseNo: r.caseNo,
                  step: "审查",
                  opinion: "材料齐全，建议准予许可",
                })
              }
            />
          ) : null
        }
      />
    </section>
  )
}

// ------------------------------------------------------------------------------------------------
// The supervisor

const rateKeys = ["coverage", "actualRating", "negativeHandling", "dataQuality", "resultUsage"] as const
const rateLabels: Record<(typeof rateKeys)[number], readonly [string, string]> = {
  coverage: ["覆盖率", "coverage"],
  actualRating: ["实际评价率", "actual rating"],
  negativeHandling: ["差评整改率", "negatives handled"],
  dataQuality: ["数据及时准确率", "data timeliness"],
  resultUsage: ["结果运用率", "result usage"],
}

const RatesChart = (props: { readonly rows: ReadonlyArray<RatesRow> }) => {
  const canvas = useRef<HTMLCanvasElement>(null)
  const zh = lang.get() === "zh"
  useEffect(() => {
    if (canvas.current === null) return
    const chart = new Chart(canvas.current, {
      type: "bar",
      data: {
        labels: rateKeys.map((k) => rateLabels[k][zh ? 0 : 1]),
        datasets: props.rows.map((row, i) => ({
          label: row.period,
          data: rateKeys.map((k) => (row[k].rate === null ? 0 : Math.round(row[k].rate! * 1000) / 10)),
          backgroundColor: ["#0b4f9c", "#d97706", "#15803d", "#7c3aed"][i % 4]!,
        })),
      },
      options: {
        animation: false,
        responsive: true,
        scales: { y: { min: 0, max: 100, title: { display: true, text: "%" } } },
      },
    })
    return () => chart.destroy()
  }, [props.rows, zh])
  return (
    <div>
      <canvas ref={canvas} role="img" aria-label={t("fiveRates")} data-testid="rates-chart" />
      <table>
        <thead>
          <tr>
            <th scope="col">{t("authority")}</th>
            <th scope="col">{t("month")}</th>
            {rateKeys.map((k) => (
              <th scope="col" key={k}>
                {rateLabels[k][zh ? 0 : 1]}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {props.rows.map((row) => (
            <tr key={`${row.authority}/${row.period}`}>
              <td>{row.authority}</td>
              <td>{row.period}</td>
              {rateKeys.map((k) => (
                <td key={k}>
                  {row[k].numerator}/{row[k].denominator}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  )
}

const Supervisor = (props: { readonly onDay: (day: string) => void }) => {
  const data = useLoad(
    () =>
      call<{
        today: string
        warnings: ReadonlyArray<Warning>
        rates: ReadonlyArray<RatesRow>
        cases: ReadonlyArray<QueueRow>
      }>("GET", "/hall/supervision"),
    [],
  )
  const [days, setDays] = useState(1)
  const [fired, setFired] = useState<ReadonlyArray<string>>([])
  const [exported, setExported] = useState<{
    records: number
    batches: number
    intact: boolean
    problems: ReadonlyArray<string>
  }>()
  const late = (data?.cases ?? []).filter((c) => c.warningLevel !== "normal")
  const falseCommitments = (data?.warnings ?? []).filter((w) => w._tag === "FalseCommitments")
  return (
    <section aria-labelledby="supervision">
      <h2 id="supervision">{t("supervisor")}</h2>
      <div class="card">
        <h3>{t("clock")}</h3>
        <div class="row">
          <span>
            {t("today")}: <strong data-testid="today">{data?.today}</strong>
          </span>
          <label>
            {t("days")}{" "}
            <input
              type="number"
              min={1}
              max={60}
              value={days}
              onInput={(e) => setDays(Number(e.currentTarget.value))}
            />
          </label>
          <Act
            label={t("advance")}
            run={async () => {
              const moved = await call<{ today: string; fired: ReadonlyArray<string> }>("POST", "/hall/clock", { days })
              setFired(moved.fired)
              props.onDay(moved.today)
            }}
          />
        </div>
        {fired.length > 0 && (
          <details>
            <summary>
              {t("fired")} ({fired.length})
            </summary>
            <ul>
              {fired.map((f) => (
                <li key={f}>{f}</li>
              ))}
            </ul>
          </details>
        )}
      </div>
      <h3>{t("overdue")}</h3>
      {late.length === 0 ? <p>{t("nothing")}</p> : <CaseTable rows={late} />}
      <h3>{t("fiveRates")}</h3>
      <RatesChart rows={data?.rates ?? []} />
      <h3>{t("falseCommitments")}</h3>
      <ul>
        {falseCommitments.map((w) => (
          <li key={`${w.by}/${w.key}`}>
            {w.by === "subject" ? t("applicant") : t("matter")} {w.key}: {w.count}
          </li>
        ))}
      </ul>
      <Budgets />
      <h3>{t("exportLog")}</h3>
      <Act label={t("exportLog")} run={async () => setExported(await call("POST", "/hall/export"))} />{" "}
      <a href="/hall/export.jsonl" download>
        {t("download")}
      </a>
      {exported !== undefined && (
        <p role="status" data-testid="export">
          {exported.intact ? t("intact") : exported.problems.join("; ")} · {exported.records} {t("records")}
        </p>
      )}
    </section>
  )
}

// ------------------------------------------------------------------------------------------------
// The app

const pages: ReadonlyArray<readonly [string, Label, (roles: ReadonlyArray<string>, me: Me) => boolean]> = [
  ["catalogue", "catalogue", () => true],
  ["apply", "apply", (r) => r.includes("applicant")],
  ["redeem", "redeem", (r) => r.includes("applicant")],
  ["clerk", "clerk", (r, me) => r.includes("windowClerk") && me.home !== "ledger"],
  ["ledger", "ledger", (_, me) => me.home === "ledger"],
  [
    "queue",
    "queue",
    (r, me) => me.home !== "ledger" && (r.includes("reviewer") || r.includes("approver") || r.includes("supervisor")),
  ],
  ["supervisor", "supervisor", (r) => r.includes("supervisor")],
]

const App = () => {
  const [, rerender] = useState(0)
  const [me, setMe] = useState<Me | null | undefined>(undefined)
  const [page, setPage] = useState(location.hash.slice(2) || "catalogue")
  const [today, setToday] = useState("")
  useEffect(() => lang.subscribe(() => rerender((n) => n + 1)), [])
  useEffect(() => {
    const onHash = () => setPage(location.hash.slice(2) || "catalogue")
    addEventListener("hashchange", onHash)
    void call<Me>("GET", "/hall/me").then(setMe, () => setMe(null))
    return () => removeEventListener("hashchange", onHash)
  }, [])
  useEffect(() => {
    void call<{ today: string }>("GET", "/hall/clock").then((c) => {
      day.value = c.today
      setToday(c.today)
    })
  }, [me, page])
  if (me === undefined) return null
  const visible = me === null ? [] : pages.filter(([, , allowed]) => allowed(me.roles, me))
  const current = visible.find(([p]) => p === page)?.[0] ?? visible[0]?.[0]
  return (
    <>
      <a class="skip" href="#main">
        {t("skip")}
      </a>
      <header>
        <h1>{t("title")}</h1>
        <nav aria-label={t("title")}>
          {visible.map(([p, label]) => (
            <a key={p} href={`#/${p}`} aria-current={p === current ? "page" : undefined}>
              {t(label)}
            </a>
          ))}
        </nav>
        <div class="who">
          <span>
            {t("today")}: <span data-testid="header-today">{today}</span>
          </span>
          <button
            type="button"
            lang={lang.get() === "zh" ? "en" : "zh-CN"}
            onClick={() => setLang(lang.get() === "zh" ? "en" : "zh")}
          >
            {t("language")}
          </button>
          {me !== null && (
            <>
              <span data-testid="who">{name(me)}</span>
              <button type="button" onClick={() => void call("POST", "/hall/signout").then(() => setMe(null))}>
                {t("signOut")}
              </button>
            </>
          )}
        </div>
      </header>
      <main id="main">
        {me === null ? (
          <>
            <SignIn
              onSignedIn={(next) => {
                setMe(next)
                location.hash = `#/${next.home}`
                setPage(next.home)
              }}
            />
            <Catalogue />
          </>
        ) : current === "catalogue" ? (
          <Catalogue />
        ) : current === "apply" ? (
          <Apply me={me} />
        ) : current === "redeem" ? (
          <Policies me={me} />
        ) : current === "ledger" ? (
          <Ledger me={me} />
        ) : current === "clerk" ? (
          <Clerk />
        ) : current === "queue" ? (
          <Queue me={me} />
        ) : current === "supervisor" ? (
          <Supervisor onDay={(d) => setToday(d)} />
        ) : null}
      </main>
    </>
  )
}

document.documentElement.lang = lang.get() === "zh" ? "zh-CN" : "en"
render(<App />, document.getElementById("app")!)
