/**
 * The initialised data directory shipped with the package (`seed/`, written by the build): a new
 * folder restores it and works like one initdb made, a folder that holds a database is never
 * overwritten, and a checkout that was never built (no seed) still opens by initdb.
 */
import { existsSync, writeFileSync } from "node:fs"
import { join } from "node:path"
import { EventEnvelope } from "@yiciban/eventstore"
import { Context, Effect, Layer } from "effect"
import { describe, expect, it } from "vitest"
import { PostgresEventStore } from "../src/index.ts"
import { seedFor, seedPaths } from "../src/internal/seed.ts"
import * as Pglite from "../src/pglite.ts"
import { temporaryDataDir } from "./support.ts"

const built = existsSync(seedPaths().archive)
if (!built) console.log("no PGlite seed (the package was not built): the seeded-start tests are skipped")

const roundTrip = (dataDir: string, seed: boolean, append = true, stages: Array<Pglite.StartStage> = []) =>
  Effect.runPromise(
    Effect.scoped(
      Effect.gen(function* () {
        const store = yield* Pglite.makePglite({ dataDir, seed, onStage: (stage) => stages.push(stage) })
        const eventId = yield* EventEnvelope.makeEventId
        if (append)
          yield* store.append(
            "seeded-1",
            [
              {
                eventId,
                type: "T",
                schemaVersion: 1,
                data: { n: 1 },
                metadata: {
                  commandId: "c",
                  correlationId: "c",
                  causationId: "c",
                  actor: { id: "a" },
                  occurredAt: "2026-12-02T00:00:00.000Z",
                },
              },
            ],
            { _tag: "NoStream" },
          )
        return (yield* store.readStream("seeded-1")).length
      }),
    ),
  )

describe("the shipped PGlite seed", () => {
  it("a folder that already holds a database is never seeded", () => {
    const dir = temporaryDataDir()
    try {
      writeFileSync(join(dir.path, "PG_VERSION"), "17\n")
      expect(seedFor(dir.path)).toBeUndefined()
    } finally {
      dir.remove()
    }
  })

  it.skipIf(!built)(
    "a new folder restores the seed, takes the migrations and keeps its events across a reopen",
    async () => {
      const dir = temporaryDataDir()
      try {
        expect(seedFor(dir.path)).toBeInstanceOf(Blob)
        const first: Array<Pglite.StartStage> = []
        expect(await roundTrip(dir.path, true, true, first)).toBe(1)
        expect(first).toEqual(["restore", "migrate"])
        expect(existsSync(join(dir.path, "PG_VERSION"))).toBe(true)
        // Reopened through the runtime's layer: the folder is a database now, opened as it is
        // (the stream is there), and the start says so stage by stage.
        expect(seedFor(dir.path)).toBeUndefined()
        const again: Array<Pglite.StartStage> = []
        const events = await Effect.runPromise(
          Effect.scoped(
            Effect.gen(function* () {
              const context = yield* Layer.build(
                Pglite.layerRuntime({
                  dataDir: dir.path,
                  secret: "seed-test-secret-0123456789abcdef0123",
                  onStage: (stage) => {
                    again.push(stage)
                    if (stage === "ready") throw new Error("a host's callback that throws is ignored")
                  },
                }),
              )
              const store = Context.get(context, PostgresEventStore.PostgresEventStore)
              return yield* store.readStream("seeded-1")
            }),
          ),
        )
        expect(events).toHaveLength(1)
        expect(again).toEqual(["open", "migrate", "runtime", "ready"])
      } finally {
        dir.remove()
      }
    },
    240_000,
  )
})
