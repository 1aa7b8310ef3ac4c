/**
 * The in-process state cache (`Aggregate.cache`) and turns (`oneAtATime`): a cached load is the
 * load a fresh process makes — same state, version and window of recognised command ids — even
 * when another process appends in between; two processes with cached ledgers never pass the
 * budget. (That one process's approvers take turns is tested on the server: policySql.test.ts.)
 */
import { IdentityCode } from "@yiciban/core"
import { Effect, Exit, Layer, ManagedRuntime } from "effect"
import { TestClock } from "effect/testing"
import { describe, expect, it } from "vitest"
import { CommandHandler, Loader, Policies, RuntimeStore, SharedData } from "../src/index.ts"
import { morningOf } from "./fixtures.ts"
import { hrApprover, hrClerk, policyAdmin, representative, sharedRecords, stableJobs } from "./policyFixtures.ts"

/** A process on the shared storage: its own event store instance (and so its own cache). */
const node = (storage: RuntimeStore.MemoryStorage) => {
  const runtime = ManagedRuntime.make(Layer.merge(RuntimeStore.layerMemory(storage), TestClock.layer()))
  return {
    run: <A, E>(day: string, effect: Effect.Effect<A, E, any>) =>
      runtime.runPromise(Effect.andThen(TestClock.setTime(morningOf(day)), effect) as Effect.Effect<A, E, never>),
    exit: <A, E>(day: string, effect: Effect.Effect<A, E, any>) =>
      runtime.runPromiseExit(Effect.andThen(TestClock.setTime(morningOf(day)), effect) as Effect.Effect<A, E, never>),
    dispose: () => runtime.dispose(),
  }
}

const policyId = "HN-2026-WG-02"
const terms = { ...stableJobs, mode: { _tag: "ApplyAndRedeem" as const }, budgetFen: 1_000_000_000 }

/** 40 enterprises of 芙蓉区 known to shared data. */
const codes = Array.from({ length: 40 }, (_, i) => {
  const org = `MC${String(i).padStart(6, "0")}`
  const body = `91430102${org}${IdentityCode.organizationCodeCheckCharacter(org)}`
  return `${body}${IdentityCode.unifiedSocialCreditCheckCharacter(body)}`
})
const records = () => {
  const base = sharedRecords()
  const template = Object.values(base)[0]!
  return Object.fromEntries(codes.map((code) => [code, template]))
}

describe("the state cache", () => {
  it("a cached load equals a fresh process's load while another process appends; a command id handled there is recognised here", async () => {
    const storage = RuntimeStore.makeMemoryStorage()
    const redemption = Policies.makeRedemption({ sharedData: SharedData.makeMemory(records()) })
    const [a, b] = [node(storage), node(storage)]
    try {
      await a.run(
        "2026-08-25",
        CommandHandler.handle(Policies.policy, undefined, { _tag: "DraftPolicy", policyId, terms }, policyAdmin),
      )
      await a.run(
        "2026-08-25",
        CommandHandler.handle(Policies.policy, undefined, { _tag: "PublishPolicy", policyId }, policyAdmin),
      )
      for (const [index, subjectCode] of codes.entries()) {
        const writer = index % 3 === 0 ? b : a
        await writer.run(
          "2026-09-24",
          CommandHandler.handle(
            redemption,
            undefined,
            { _tag: "ApplyForRedemption", policyId, subjectCode, materials: [] },
            representative(subjectCode),
            { commandId: `apply/${subjectCode}` },
          ),
        )
        await b.run(
          "2026-09-24",
          CommandHandler.handle(redemption, undefined, { _tag: "AcceptRedemption", policyId, subjectCode }, hrClerk),
        )
        const cached = await a.run("2026-09-24", Loader.load(redemption, policyId))
        const fresh = node(storage)
        const uncached = await fresh.run("2026-09-24", Loader.load(redemption, policyId))
        await fresh.dispose()
        expect(cached.version, `after ${index + 1}`).toBe(uncached.version)
        expect(cached.state).toEqual(uncached.state)
        expect(cached.tail.map((event) => event.metadata.commandId)).toEqual(
          uncached.tail.map((event) => event.metadata.commandId),
        )
        if (index === 36) {
          // B applied for this subject, after A cached the ledger: A answers B's first outcome again
          const again = await a.run(
            "2026-09-24",
            CommandHandler.handle(
              redemption,
              undefined,
              { _tag: "ApplyForRedemption", policyId, subjectCode, materials: [] },
              representative(subjectCode),
              { commandId: `apply/${subjectCode}` },
            ),
          )
          expect(again.duplicate).toBe(true)
        }
      }
    } finally {
      await a.dispose()
      await b.dispose()
    }
  })

  it("approvers of two processes with cached ledgers at once never pass the budget", async () => {
    const storage = RuntimeStore.makeMemoryStorage()
    const redemption = Policies.makeRedemption({ sharedData: SharedData.makeMemory(records()) })
    const [a, b] = [node(storage), node(storage)]
    // 18 insured: 18 000 yuan each; the budget holds 12 of the 40
    const budgeted = { ...terms, budgetFen: 12 * 1_800_000 + 1 }
    try {
      await a.run(
        "2026-08-25",
        CommandHandler.handle(
          Policies.policy,
          undefined,
          { _tag: "DraftPolicy", policyId, terms: budgeted },
          policyAdmin,
        ),
      )
      await a.run(
        "2026-08-25",
        CommandHandler.handle(Policies.policy, undefined, { _tag: "PublishPolicy", policyId }, policyAdmin),
      )
      for (const subjectCode of codes) {
        await a.run(
          "2026-09-24",
          CommandHandler.handle(
            redemption,
            undefined,
            { _tag: "ApplyForRedemption", policyId, subjectCode, materials: [] },
            representative(subjectCode),
          ),
        )
        await a.run(
          "2026-09-24",
          CommandHandler.handle(redemption, undefined, { _tag: "AcceptRedemption", policyId, subjectCode }, hrClerk),
        )
      }
      const approve = (process: ReturnType<typeof node>, subjectCode: string) =>
        process.exit(
          "2026-09-25",
          CommandHandler.handle(
            redemption,
            undefined,
            { _tag: "ApproveRedemption", policyId, subjectCode },
            hrApprover,
            { maxAttempts: 40 },
          ),
        )
      // both processes cache the ledger, then approve at once
      await a.run("2026-09-25", Loader.load(redemption, policyId))
      await b.run("2026-09-25", Loader.load(redemption, policyId))
      const all = await Promise.all(codes.map((code, i) => approve(i % 2 === 0 ? a : b, code)))
      expect(all.filter(Exit.isSuccess)).toHaveLength(12)
      const ledger = await a.run("2026-09-25", Loader.load(redemption, policyId, { snapshot: false }))
      expect(ledger.state.committedFen).toBe(12 * 1_800_000)
    } finally {
      await a.dispose()
      await b.dispose()
    }
  })
})
