/**
 * The data directory shipped with the package (`seed/`, written by the build): a new folder
 * restores it and works like one initdb made, with the default schema already migrated (a store in
 * another schema, or a seed another build migrated, gets its schema dropped and migrates its own —
 * also after a start cut short); a folder that holds a database is never overwritten, and a
 * checkout that was never built (no seed) still opens by initdb.
 */
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from "node:fs"
import { join } from "node:path"
import { gzipSync } from "node:zlib"
import { EventEnvelope } from "@yiciban/eventstore"
import { Context, Effect, Layer } from "effect"
import { describe, expect, it } from "vitest"
import { Migrations, PostgresEventStore } from "../src/index.ts"
import {
  archiveFolder,
  pendingFileName,
  restoreSeed,
  type SeedDescription,
  seedFor,
  seedPaths,
  shippedDescription,
} from "../src/internal/seed.ts"
import * as Pglite from "../src/pglite.ts"
import { temporaryDataDir } from "./support.ts"

const built = existsSync(seedPaths().archive) && shippedDescription() !== undefined
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
        expect(seedFor(dir.path)?.archive).toBeInstanceOf(Uint8Array)
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

describe("archiving a folder", () => {
  it("archives directories and files, leaves out the names asked, and restores them as they were", () => {
    const from = temporaryDataDir()
    const to = temporaryDataDir()
    try {
      mkdirSync(join(from.path, "base", "1"), { recursive: true })
      mkdirSync(join(from.path, "pg_wal", "archive_status"), { recursive: true })
      writeFileSync(join(from.path, "PG_VERSION"), "18\n")
      writeFileSync(join(from.path, "base", "1", "112"), Buffer.alloc(9000, 7))
      writeFileSync(join(from.path, "yiciban.lock"), "{}")
      restoreSeed(to.path, archiveFolder(from.path, ["yiciban.lock"]))
      expect(readdirSync(to.path).sort()).toEqual(["PG_VERSION", "base", "pg_wal"])
      expect(readdirSync(join(to.path, "pg_wal"))).toEqual(["archive_status"])
      expect(readFileSync(join(to.path, "base", "1", "112"))).toEqual(Buffer.alloc(9000, 7))
      expect(readFileSync(join(to.path, "PG_VERSION"), "utf8")).toBe("18\n")
    } finally {
      from.remove()
      to.remove()
    }
  })

  it("a restore with a description leaves the pending file beside PG_VERSION; without one, none", () => {
    const dir = temporaryDataDir()
    try {
      const archive = archiveOf([["/PG_VERSION", "18\n"]])
      const description: SeedDescription = { pglite: "x", bytes: 1, schema: "yiciban", migrations: "m", tables: [] }
      restoreSeed(join(dir.path, "plain"), archive)
      restoreSeed(join(dir.path, "described"), archive, description)
      expect(readdirSync(join(dir.path, "plain"))).toEqual(["PG_VERSION"])
      expect(JSON.parse(readFileSync(join(dir.path, "described", pendingFileName), "utf8"))).toEqual(description)
    } finally {
      dir.remove()
    }
  })
})

/**
 * A store started on `dataDir` (memory when undefined) in `schema` (the default when undefined):
 * which of the seed's schema and its own the database holds, when its migrations were applied, and
 * whether the restore's pending file is still in the folder once the store is open.
 */
const inspect = (dataDir: string | undefined, schema?: string, stages: Array<Pglite.StartStage> = []) =>
  Effect.runPromise(
    Effect.scoped(
      Effect.gen(function* () {
        const own = schema ?? "yiciban"
        const store = yield* Pglite.makePglite({ dataDir, schema, onStage: (stage) => stages.push(stage) })
        const schemas = yield* store.sql.query<{ name: string }>(
          "SELECT nspname AS name FROM pg_catalog.pg_namespace WHERE nspname IN ('yiciban', $1) ORDER BY nspname",
          [own],
        )
        const migrations = yield* store.sql.query<{ at: Date; versions: number }>(
          `SELECT min(applied_at) AS at, count(*)::integer AS versions FROM "${own}".migrations`,
        )
        return {
          schemas: schemas.map((row) => row.name),
          migratedAt: new Date(migrations[0]!.at).getTime(),
          versions: migrations[0]!.versions,
          pending: dataDir !== undefined && existsSync(join(dataDir.replace(/^file:\/\//, ""), pendingFileName)),
        }
      }),
    ),
  )

describe.skipIf(!built)("the seed's schema", () => {
  const other = "seed_other_schema"
  const seed = () => seedFor(undefined)!

  it("the shipped seed is a database shut down cleanly: no WAL to replay, no pid or lock file", () => {
    const dir = temporaryDataDir()
    try {
      restoreSeed(dir.path, seed().archive)
      // pg_control's state, after the system identifier and two versions: 1 is "shut down".
      expect(readFileSync(join(dir.path, "global", "pg_control")).readInt32LE(16)).toBe(1)
      expect(readdirSync(dir.path)).not.toContain("postmaster.pid")
      expect(readdirSync(dir.path)).not.toContain("yiciban.lock")
      expect(readdirSync(dir.path)).not.toContain(pendingFileName)
    } finally {
      dir.remove()
    }
  })

  it("a new folder in the default schema finds it migrated by the build, and the seed settled", async () => {
    const dir = temporaryDataDir()
    try {
      const began = Date.now()
      const stages: Array<Pglite.StartStage> = []
      const found = await inspect(dir.path, undefined, stages)
      expect(stages).toEqual(["restore", "migrate"])
      expect(found).toMatchObject({ schemas: ["yiciban"], versions: Migrations.known.length, pending: false })
      expect(found.migratedAt).toBeLessThan(began)
    } finally {
      dir.remove()
    }
  }, 120_000)

  it("a store in another schema, in a folder or in memory, drops the seed's and migrates its own", async () => {
    const dir = temporaryDataDir()
    try {
      const began = Date.now()
      for (const dataDir of [dir.path, undefined]) {
        const found = await inspect(dataDir, other)
        expect(found).toMatchObject({ schemas: [other], versions: Migrations.known.length, pending: false })
        expect(found.migratedAt).toBeGreaterThanOrEqual(began - 1000)
      }
    } finally {
      dir.remove()
    }
  }, 120_000)

  it("a start cut short after the restore settles the seed on the next start", async () => {
    const dir = temporaryDataDir()
    try {
      const kept = join(dir.path, "kept")
      const dropped = join(dir.path, "dropped")
      for (const folder of [kept, dropped]) {
        restoreSeed(folder, seed().archive, seed().description)
        expect(existsSync(join(folder, pendingFileName))).toBe(true)
      }
      expect(await inspect(kept)).toMatchObject({ schemas: ["yiciban"], pending: false })
      const stages: Array<Pglite.StartStage> = []
      expect(await inspect(dropped, other, stages)).toMatchObject({ schemas: [other], pending: false })
      expect(stages).toEqual(["open", "migrate"])
    } finally {
      dir.remove()
    }
  }, 120_000)

  it("a seed whose schema another build migrated is not kept: the schema is migrated anew", async () => {
    const dir = temporaryDataDir()
    try {
      restoreSeed(dir.path, seed().archive, { ...seed().description, migrations: "another build's migrations" })
      const began = Date.now()
      const found = await inspect(dir.path)
      expect(found).toMatchObject({ schemas: ["yiciban"], versions: Migrations.known.length, pending: false })
      expect(found.migratedAt).toBeGreaterThanOrEqual(began - 1000)
    } finally {
      dir.remove()
    }
  }, 120_000)

  it("a file:// folder is restored into that folder; memory:// writes no folder", async () => {
    const dir = temporaryDataDir()
    try {
      const stages: Array<Pglite.StartStage> = []
      const began = Date.now()
      const found = await inspect(`file://${join(dir.path, "db")}`, undefined, stages)
      expect(found).toMatchObject({ schemas: ["yiciban"], pending: false })
      expect(found.migratedAt).toBeLessThan(began)
      expect(stages).toEqual(["restore", "migrate"])
      expect(existsSync(join(dir.path, "db", "PG_VERSION"))).toBe(true)
      const before = readdirSync(process.cwd())
      expect(await inspect("memory://")).toMatchObject({ schemas: ["yiciban"] })
      expect(readdirSync(process.cwd())).toEqual(before)
    } finally {
      dir.remove()
    }
  }, 120_000)
})
