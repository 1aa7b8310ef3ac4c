/**
 * The initialised data directory shipped with the package (`seed/`, written by the build): a new
 * folder restores it and works like one initdb made, a folder that holds a database is never
 * overwritten, and a checkout that was never built (no seed) still opens by initdb.
 */
import { existsSync, readdirSync, readFileSync, writeFileSync } from "node:fs"
import { join } from "node:path"
import { gzipSync } from "node:zlib"
import { EventEnvelope } from "@yiciban/eventstore"
import { Context, Effect, Layer } from "effect"
import { describe, expect, it } from "vitest"
import { PostgresEventStore } from "../src/index.ts"
import { restoreSeed, seedFor, seedPaths } from "../src/internal/seed.ts"
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

/** A gzipped ustar archive of `entries` (a name ending in "/" is a directory), as `dumpDataDir` writes one. */
const archiveOf = (entries: ReadonlyArray<readonly [string, string]>) => {
  const blocks: Array<Buffer> = []
  for (const [name, content] of entries) {
    const header = Buffer.alloc(512)
    const data = Buffer.from(content, "utf8")
    header.write(name, 0, 100, "utf8")
    header.write("0000600\0", 100)
    header.write(`${data.length.toString(8).padStart(11, "0")}\0`, 124)
    header.write(
      `${Math.floor(Date.now() / 1000)
        .toString(8)
        .padStart(11, "0")}\0`,
      136,
    )
    header.write(name.endsWith("/") ? "5" : "0", 156)
    header.write("ustar\0", 257)
    blocks.push(header, data, Buffer.alloc((512 - (data.length % 512)) % 512))
  }
  blocks.push(Buffer.alloc(1024))
  return gzipSync(Buffer.concat(blocks))
}

describe("restoring a seed into a folder", () => {
  it("writes its directories and files, PG_VERSION included", () => {
    const dir = temporaryDataDir()
    try {
      restoreSeed(
        dir.path,
        archiveOf([
          ["/base/", ""],
          ["/PG_VERSION", "18\n"],
          ["/base/1/112", "x".repeat(700)],
        ]),
      )
      expect(readFileSync(join(dir.path, "PG_VERSION"), "utf8")).toBe("18\n")
      expect(readFileSync(join(dir.path, "base", "1", "112"), "utf8")).toBe("x".repeat(700))
    } finally {
      dir.remove()
    }
  })

  it("refuses an entry that leaves the folder, before writing anything", () => {
    const dir = temporaryDataDir()
    try {
      const escaping = archiveOf([
        ["/PG_VERSION", "18\n"],
        ["/base/../../escaped", "no"],
      ])
      expect(() => restoreSeed(join(dir.path, "inner"), escaping)).toThrow(/cannot be restored/)
      expect(readdirSync(dir.path)).toEqual([])
    } finally {
      dir.remove()
    }
  })
})

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
        expect(seedFor(dir.path)).toBeInstanceOf(Uint8Array)
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
