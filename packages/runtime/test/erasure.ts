/**
 * The erasure scenario, shared by the memory store (erasure.test.ts) and the SQL stores
 * (packages/postgres/test/runtime/erasure.test.ts): persons apply (and some get a credit entry),
 * some close their cases and are erased by a data protection officer, one with an open case is
 * refused; then every stored row is scanned for the erased persons' identity numbers and names in
 * their common encodings, their cases replay with erased values, a repeated command's outcome
 * shows nothing of them, and the persons not erased still read in full.
 */
import { type Actor, IdentityCode } from "@yiciban/core"
import type { EventStore } from "@yiciban/eventstore"
import { type Effect, Exit } from "effect"
import fc from "fast-check"
import { expect } from "vitest"
import { Aggregates, CommandHandler, Erasure, Loader, type RuntimeStore } from "../src/index.ts"
import { admin, clerk, elementsForPersons, matterCode } from "./fixtures.ts"
import { publishMatter } from "./support.ts"

/** A command as plain data (decoded strictly by the runtime, as a host's would be). */
export const untyped = (command: { readonly _tag: string; readonly [field: string]: unknown }): never =>
  command as never

/** A person of the scenario and what happens to it. */
export interface Person {
  readonly code: string
  readonly name: string
  readonly cases: number
  readonly creditEntry: boolean
  /** closed and erased; `blocked`: keeps an open case, its erasure is refused; `kept`: not erased. */
  readonly fate: "erased" | "blocked" | "kept"
}

const divisions = ["430102", "430103", "430104", "430105", "430111"]
const surnames = [..."李王张刘陈杨赵黄周吴"]
const given = [..."嫣琰骁翊琦珩瑾昱晗蔚璟婳"]

const identityNumber = fc
  .tuple(
    fc.constantFrom(...divisions),
    fc.date({ min: new Date("1950-01-01T00:00:00Z"), max: new Date("2005-12-31T00:00:00Z"), noInvalidDate: true }),
    fc.integer({ min: 0, max: 999 }),
  )
  .map(([division, birth, sequence]) => {
    const first17 = `${division}${birth.toISOString().slice(0, 10).replaceAll("-", "")}${String(sequence).padStart(3, "0")}`
    return `${first17}${IdentityCode.residentIdCheckCharacter(first17)}`
  })

const personName = fc
  .tuple(fc.constantFrom(...surnames), fc.constantFrom(...given), fc.constantFrom(...given))
  .map((parts) => parts.join(""))

/** 2–5 persons with distinct numbers and names; at least one erased. */
export const persons: fc.Arbitrary<ReadonlyArray<Person>> = fc
  .uniqueArray(
    fc.record({
      code: identityNumber,
      name: personName,
      cases: fc.integer({ min: 1, max: 3 }),
      creditEntry: fc.boolean(),
      fate: fc.constantFrom("erased" as const, "blocked" as const, "kept" as const),
    }),
    { minLength: 2, maxLength: 5, selector: (p) => p.code, comparator: "IsStrictlyEqual" },
  )
  .filter((ps) => new Set(ps.map((p) => p.name)).size === ps.length && ps.some((p) => p.fate === "erased"))

/** Runs one effect on the store under test (the day fixed by the caller). */
export type Run = <A, E>(
  effect: Effect.Effect<A, E, EventStore.EventStore | RuntimeStore.RuntimeStore>,
) => Promise<Exit.Exit<A, E>>

/** Every stored row (event, case row, timer, key, snapshot, checkpoint, stream name) as text. */
export type Dump = () => Promise<ReadonlyArray<string>>

/** What a scenario scanned, summed over runs (for the report). */
export const scanned = { runs: 0, subjects: 0, erased: 0, events: 0, rows: 0, bytes: 0 }

const personOf = (p: Person): Actor.Actor => ({
  id: `person-${p.code.slice(-6)}`,
  roles: ["applicant"],
  subjects: [{ code: p.code, relation: "self" }],
})
const supervisor: Actor.Actor = { id: "supervisor-1", roles: ["supervisor"], region: "430100" }
const officer: Actor.Actor = { id: "dpo-1", roles: ["dataProtectionOfficer"], region: "430100" }

const ok = async <A, E>(exit: Promise<Exit.Exit<A, E>>): Promise<A> => {
  const done = await exit
  if (Exit.isSuccess(done)) return done.value
  throw new Error(`expected success: ${String(done.cause)}`)
}

/** One scenario on a store: `tag` makes its case numbers unique within the store. */
export const scenario = async (tag: string, people: ReadonlyArray<Person>, run: Run, dump: Dump) => {
  const caseNo = (i: number, j: number) => `E${tag}-${i}-${j}`
  await ok(run(publishMatter(admin, elementsForPersons)))
  for (const [i, p] of people.entries()) {
    for (let j = 0; j < p.cases; j++) {
      await ok(
        run(
          CommandHandler.handle(
            Aggregates.application,
            caseNo(i, j),
            untyped({
              _tag: "SubmitApplication",
              caseNo: caseNo(i, j),
              applicant: { kind: "person", code: p.code, name: p.name },
              matterCode,
              materials: [{ code: "SP01", form: "paper" }],
            }),
            personOf(p),
            { commandId: `submit-${caseNo(i, j)}` },
          ),
        ),
      )
      // An erased person's cases are closed first; a blocked person keeps its first case open.
      if (p.fate === "erased" || (p.fate === "blocked" && j > 0)) {
        await ok(
          run(
            CommandHandler.handle(
              Aggregates.application,
              caseNo(i, j),
              { _tag: "WithdrawApplication", caseNo: caseNo(i, j), reason: "不再办理" },
              personOf(p),
              { commandId: `withdraw-${caseNo(i, j)}` },
            ),
          ),
        )
      }
    }
    if (p.creditEntry) {
      await ok(
        run(
          CommandHandler.handle(
            Aggregates.creditRecord,
            p.code,
            untyped({
              _tag: "RecordEntry",
              subject: { kind: "person", code: p.code },
              entryId: `E${tag}-${i}`,
              kind: "minorDefault",
              source: { _tag: "Application", caseNo: caseNo(i, 0), matterCode },
              reason: "材料逾期未补正",
              effectiveOn: "2026-09-01",
              expiresOn: "2027-08-31",
            }),
            supervisor,
            { commandId: `credit-${tag}-${i}` },
          ),
        ),
      )
    }
  }

  // The scanner finds what is there: before erasure every person's name is in its case rows.
  const before = await dump()
  for (const p of people) expect(Erasure.isForgotten(before, [p.name])).toBe(false)
  // Identity numbers are never stored in plain text, erased or not (sealed, or named by pseudonym).
  for (const p of people) expect(Erasure.tracesOf(before, [p.code])).toEqual([])

  for (const p of people) {
    if (p.fate === "kept") continue
    const exit = await run(Erasure.erase({ code: p.code, actor: officer, aggregates: Aggregates.all }))
    if (p.fate === "blocked") {
      expect(Exit.isFailure(exit) && JSON.stringify(exit.cause)).toContain("SubjectHasOpenCases")
    } else {
      expect(Exit.isSuccess(exit)).toBe(true)
    }
  }

  const after = await dump()
  scanned.runs += 1
  scanned.subjects += people.length
  scanned.erased += people.filter((p) => p.fate === "erased").length
  scanned.rows += after.length
  scanned.bytes += after.reduce((sum, text) => sum + Buffer.byteLength(text, "utf8"), 0)
  for (const p of people) {
    const traces = Erasure.tracesOf(after, [p.code, p.name])
    if (p.fate === "erased") expect(traces, `${p.name} erased`).toEqual([])
    else expect(traces.length, `${p.name} not erased: its name is still in its case rows`).toBeGreaterThan(0)
  }

  for (const [i, p] of people.entries()) {
    for (let j = 0; j < p.cases; j++) {
      const loaded = await ok(run(Loader.load(Aggregates.application, caseNo(i, j))))
      scanned.events += loaded.version
      const applicant = loaded.state.applicant!
      if (p.fate === "erased") {
        // Replay still works: the applicant reads as erased, the case as it was.
        expect(IdentityCode.isErasedCode(applicant.code)).toBe(true)
        expect(applicant.name).toBe(IdentityCode.erasedName)
        expect(loaded.state.phase).toBe("withdrawn")
        // A repeated command's answer shows nothing of the person.
        const repeated = await ok(
          run(
            CommandHandler.handle(
              Aggregates.application,
              caseNo(i, j),
              untyped({
                _tag: "SubmitApplication",
                caseNo: caseNo(i, j),
                applicant: { kind: "person", code: p.code, name: p.name },
                matterCode,
                materials: [{ code: "SP01", form: "paper" }],
              }),
              clerk,
              { commandId: `submit-${caseNo(i, j)}` },
            ),
          ),
        )
        expect(repeated.duplicate).toBe(true)
        expect(Erasure.tracesOf([JSON.stringify(repeated)], [p.code, p.name])).toEqual([])
      } else {
        expect(applicant).toEqual({ kind: "person", code: p.code, name: p.name })
      }
    }
    if (p.creditEntry) {
      const record = await ok(run(Aggregates.loadCreditRecord({ kind: "person", code: p.code as never })))
      if (p.fate === "erased") {
        // The person's record is gone with its key: its stream reads as erased, its entry as anyone's.
        expect(JSON.stringify(record)).not.toContain(p.code)
      } else {
        expect(record.subject).toEqual({ kind: "person", code: p.code })
        expect(record.entries.length).toBe(1)
      }
    }
  }

  // An erased person may come back: a new application gets a new key, and what was sealed under the
  // erased one (the old cases, a credit entry) still reads as erased, not as broken.
  for (const [i, p] of people.entries()) {
    if (p.fate !== "erased") continue
    const back = `E${tag}-${i}-back`
    await ok(
      run(
        CommandHandler.handle(
          Aggregates.application,
          back,
          untyped({
            _tag: "SubmitApplication",
            caseNo: back,
            applicant: { kind: "person", code: p.code, name: p.name },
            matterCode,
            materials: [{ code: "SP01", form: "paper" }],
          }),
          personOf(p),
          { commandId: `submit-${back}` },
        ),
      ),
    )
    const loaded = await ok(run(Loader.load(Aggregates.application, back)))
    expect(loaded.state.applicant).toEqual({ kind: "person", code: p.code, name: p.name })
    const old = await ok(run(Loader.load(Aggregates.application, caseNo(i, 0))))
    expect(old.state.applicant?.name).toBe(IdentityCode.erasedName)
    if (p.creditEntry) {
      const record = await ok(run(Aggregates.loadCreditRecord({ kind: "person", code: p.code as never })))
      expect(record.entries.length).toBe(1)
      expect(JSON.stringify(record)).not.toContain(p.code)
    }
  }
}
