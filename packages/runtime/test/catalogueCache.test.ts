/**
 * The catalogue's kept fold (`Loader.loadCurrent`): one store reads the matter's stream for every
 * command and keeps its fold; what another node (another store over the same storage) appends to
 * the stream a moment later must decide the next command — a suspension refuses the next
 * submission, a resumption lets it through, a delegation moves the authority.
 */
import { EventStore } from "@yiciban/eventstore"
import { Effect } from "effect"
import { describe, expect, it } from "vitest"
import { Aggregates, CommandHandler, Loader, RuntimeStore } from "../src/index.ts"
import { admin, clerk, districtBureau, districtClerk, matterCode } from "./fixtures.ts"
import { onDay, publishMatter, submitCase, successOf } from "./support.ts"

const accept = (caseNo: string, actor = clerk) =>
  CommandHandler.handle(Aggregates.application, caseNo, { _tag: "AcceptApplication", caseNo }, actor)

const onMatter = (command: { readonly _tag: string; readonly [field: string]: unknown }) =>
  CommandHandler.handle(Aggregates.matter, matterCode, { implementationCode: matterCode, ...command } as never, admin)

describe("the catalogue's kept fold", () => {
  it("a suspension, a resumption and a delegation appended by another node count from the next command", async () => {
    const storage = RuntimeStore.makeMemoryStorage()
    successOf(await onDay(storage, "2026-09-01", publishMatter()))
    // Node B: a second store over the same storage, as a second app node.
    const onNodeB = <A, E, R>(effect: Effect.Effect<A, E, R>) =>
      Effect.provide(effect, RuntimeStore.layerMemory(storage))
    const exit = await onDay(
      storage,
      "2026-09-24",
      Effect.gen(function* () {
        // Node A (this program's store) reads the catalogue and keeps its fold.
        yield* submitCase("K-1")
        yield* accept("K-1")
        const kept = yield* Loader.loadCurrent(Aggregates.matter, matterCode)
        expect(kept.version).toBe(2)

        yield* onNodeB(onMatter({ _tag: "SuspendMatter", reason: "调整" }))
        const suspended = yield* Effect.flip(submitCase("K-2"))
        expect(suspended).toMatchObject({
          _tag: "CommandRejected",
          rejection: { _tag: "MatterNotAcceptingApplications", phase: "suspended" },
        })

        yield* onNodeB(onMatter({ _tag: "ResumeMatter" }))
        yield* submitCase("K-3")

        yield* onNodeB(
          onMatter({
            _tag: "DelegateMatter",
            kind: "delegateDown",
            to: districtBureau,
            effectiveFrom: "2026-09-24",
            basis: "长政发〔2026〕9号",
          }),
        )
        // A case submitted from the delegation's day is the district's, not the city's.
        yield* submitCase("K-4")
        const refused = yield* Effect.flip(accept("K-4"))
        expect(refused).toMatchObject({ _tag: "NotPermitted", reason: "authority" })
        yield* accept("K-4", districtClerk)
        expect((yield* Loader.loadCurrent(Aggregates.matter, matterCode)).version).toBe(5)
      }),
    )
    successOf(exit)
    expect(storage.events.streams.get("application-K-2")).toBeUndefined()
  })

  it("gives the state a fresh load gives, at every version", async () => {
    const storage = RuntimeStore.makeMemoryStorage()
    successOf(await onDay(storage, "2026-09-01", publishMatter()))
    const exit = await onDay(
      storage,
      "2026-09-24",
      Effect.gen(function* () {
        const steps = [
          { _tag: "SuspendMatter", reason: "调整" },
          { _tag: "ResumeMatter" },
          { _tag: "OpenRevision" },
        ] as const
        for (const step of [undefined, ...steps]) {
          if (step !== undefined) yield* onMatter(step)
          const current = yield* Loader.loadCurrent(Aggregates.matter, matterCode)
          const fresh = yield* Loader.load(Aggregates.matter, matterCode)
          expect(current.version).toBe(fresh.version)
          expect(current.state).toEqual(fresh.state)
        }
      }),
    )
    successOf(exit)
  })

  it("an unknown matter reads as version 0, and its first events count", async () => {
    const storage = RuntimeStore.makeMemoryStorage()
    const exit = await onDay(
      storage,
      "2026-09-24",
      Effect.gen(function* () {
        expect((yield* Loader.loadCurrent(Aggregates.matter, matterCode)).version).toBe(0)
        const rejected = yield* Effect.flip(submitCase("K-9"))
        expect(rejected).toMatchObject({ rejection: { _tag: "MatterNotAcceptingApplications", phase: "unknown" } })
        yield* publishMatter()
        yield* submitCase("K-9")
      }),
    )
    successOf(exit)
  })

  it("one command reads the catalogue stream once for its authority check and its case-list access", async () => {
    const storage = RuntimeStore.makeMemoryStorage()
    successOf(await onDay(storage, "2026-09-01", publishMatter()))
    const reads: Array<string> = []
    const exit = await onDay(
      storage,
      "2026-09-24",
      Effect.gen(function* () {
        yield* submitCase("K-5")
        const store = yield* EventStore.EventStore
        const counting = EventStore.EventStore.of({
          ...store,
          readStream: (stream, options) => {
            reads.push(stream)
            return store.readStream(stream, options)
          },
        })
        yield* Effect.provideService(accept("K-5"), EventStore.EventStore, counting)
      }),
    )
    successOf(exit)
    expect(reads.filter((stream) => stream.startsWith("matter-"))).toHaveLength(1)
    expect(reads.filter((stream) => stream === "application-K-5")).toHaveLength(1)
  })
})
