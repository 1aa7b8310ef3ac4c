/**
 * The shared buffers of a database `makePglite` starts: 32 MB unless `sharedBuffers` says
 * otherwise (PGlite's own start uses PostgreSQL's 128 MB, which the process holds and writes at
 * every start), and a size PostgreSQL would refuse, or PGlite could not hold, is refused before
 * anything is opened, locked or written.
 */
import { existsSync, readdirSync } from "node:fs"
import { EventStoreError } from "@yiciban/eventstore"
import { Effect, Exit } from "effect"
import { afterEach, describe, expect, it } from "vitest"
import * as Pglite from "../src/pglite.ts"
import { temporaryDataDir } from "./support.ts"

const folders: Array<{ remove: () => void }> = []
afterEach(() => {
  for (const folder of folders.splice(0)) folder.remove()
})

const sharedBuffersOf = (options: Pglite.PgliteOptions) =>
  Effect.scoped(
    Effect.gen(function* () {
      const store = yield* Pglite.makePglite(options)
      const rows = yield* store.sql.query<{ shared_buffers: string }>("SHOW shared_buffers", [])
      return rows[0]!.shared_buffers
    }),
  )

describe("PGlite's shared buffers", { timeout: 120_000 }, () => {
  it("are 32MB by default, in a folder and in memory, and what sharedBuffers says otherwise", async () => {
    const dir = temporaryDataDir()
    folders.push(dir)
    expect(Pglite.defaultSharedBuffers).toBe("32MB")
    expect(await Effect.runPromise(sharedBuffersOf({ dataDir: dir.path }))).toBe("32MB")
    // The folder reopened: the value is a start parameter, not something the folder keeps.
    expect(await Effect.runPromise(sharedBuffersOf({ dataDir: dir.path, sharedBuffers: "48MB" }))).toBe("48MB")
    expect(await Effect.runPromise(sharedBuffersOf({ sharedBuffers: "1024kB" }))).toBe("1MB")
    expect(await Effect.runPromise(sharedBuffersOf({}))).toBe("32MB")
  })

  it("a size that is not one, too small or too large is an InvalidArgument, and nothing is opened", async () => {
    for (const sharedBuffers of ["32 MB", "32mb", "32", "0MB", "064MB", "-1MB", "127kB", "2GB", "1.5GB", ""]) {
      const dir = temporaryDataDir()
      folders.push(dir)
      const exit = await Effect.runPromiseExit(sharedBuffersOf({ dataDir: dir.path, sharedBuffers }))
      const error = Exit.isFailure(exit)
        ? exit.cause.reasons.find((reason) => reason._tag === "Fail")?.error
        : undefined
      expect(error, sharedBuffers).toBeInstanceOf(EventStoreError.InvalidArgument)
      expect((error as EventStoreError.InvalidArgument).message).toContain(`open: sharedBuffers: "${sharedBuffers}"`)
      // No lock file, no database: the folder is as it was (empty).
      expect(existsSync(dir.path) && readdirSync(dir.path), sharedBuffers).toEqual([])
    }
  })
})
