/**
 * Part of the build: writes `seed/pglite.tar.gz` and `seed/pglite.json` (see src/internal/seed.ts):
 * the runtime's store started once on a new folder (initdb, the default schema migrated, the
 * runtime's and the policy library's tables) and closed, PostgreSQL shut down with a checkpoint,
 * the folder archived. A new embedded store restores it instead of running initdb, and finds its
 * schema done. Skipped when the seed on disk was made by the installed PGlite from this build's
 * migrations and tables.
 */
import { randomBytes } from "node:crypto"
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs"
import { tmpdir } from "node:os"
import { dirname, join } from "node:path"
import { performance } from "node:perf_hooks"
import { Context, Effect, Layer } from "effect"
import { lockFileName } from "../src/internal/folderLock.ts"
import { runtimeTables } from "../src/internal/runtimeTables.ts"
import {
  archiveFolder,
  installedPgliteVersion,
  migrationsDigest,
  pendingFileName,
  type SeedDescription,
  seedPaths,
  seedSchema,
  shippedDescription,
} from "../src/internal/seed.ts"
import { markOf } from "../src/internal/tablesScript.ts"
import { migration as policyLibraryTables } from "../src/PolicyLibrarySql.ts"
import { PostgresEventStore } from "../src/PostgresEventStore.ts"
import { layerRuntime } from "../src/pglite.ts"

const { archive, description } = seedPaths()
const version = installedPgliteVersion()
if (version === undefined) throw new Error("@electric-sql/pglite is not installed: no seed can be made")

const runtimeTable = `"${seedSchema}".runtime_cases`
const libraryTable = `"${seedSchema}".policy_library`
const wanted = {
  pglite: version,
  schema: seedSchema,
  migrations: migrationsDigest(seedSchema),
  tables: [
    markOf("runtime", runtimeTables(seedSchema), seedSchema),
    markOf("policy-library", policyLibraryTables(seedSchema), seedSchema),
  ],
}
const shipped = shippedDescription()
const current =
  shipped !== undefined &&
  existsSync(archive) &&
  shipped.pglite === wanted.pglite &&
  shipped.schema === wanted.schema &&
  shipped.migrations === wanted.migrations &&
  shipped.tables.join("\n") === wanted.tables.join("\n")

/** pg_control's `state` (after the system identifier and two versions): 1 is "shut down". */
const shutDown = 1
const controlState = (dir: string) => readFileSync(join(dir, "global", "pg_control")).readInt32LE(16)

if (current) {
  console.log(`PGlite seed for ${version} is up to date`)
} else {
  const started = performance.now()
  const dir = mkdtempSync(join(tmpdir(), "yiciban-seed-"))
  try {
    // The store's own start, without a seed: what a new folder gets, made once here.
    const found = await Effect.runPromise(
      Effect.scoped(
        Effect.gen(function* () {
          const context = yield* Layer.build(
            layerRuntime({ dataDir: dir, seed: false, secret: randomBytes(32).toString("base64") }),
          )
          const store = Context.get(context, PostgresEventStore)
          const rows = yield* store.sql.query<{ runtime: string; library: string; rows: number }>(
            `SELECT pg_catalog.obj_description(pg_catalog.to_regclass($1), 'pg_class') AS runtime,
                    pg_catalog.obj_description(pg_catalog.to_regclass($2), 'pg_class') AS library,
                    (SELECT count(*) FROM "${seedSchema}".events)::integer
                      + (SELECT count(*) FROM "${seedSchema}".subject_keys)::integer
                      + (SELECT count(*) FROM ${runtimeTable})::integer
                      + (SELECT count(*) FROM ${libraryTable})::integer AS rows`,
            [runtimeTable, libraryTable],
          )
          return rows[0]!
        }),
      ),
    )
    if (found.runtime !== wanted.tables[0] || found.library !== wanted.tables[1] || found.rows !== 0) {
      throw new Error(`the seed's database is not as this build makes it: ${JSON.stringify(found)}`)
    }
    // Closed: PostgreSQL wrote a shutdown checkpoint, so a restored copy starts without recovery.
    const state = controlState(dir)
    if (state !== shutDown || existsSync(join(dir, "postmaster.pid"))) {
      throw new Error(`PGlite did not shut the seed's database down cleanly (pg_control state ${state})`)
    }
    const dump = archiveFolder(dir, [lockFileName, pendingFileName])
    mkdirSync(dirname(archive), { recursive: true })
    writeFileSync(archive, dump)
    writeFileSync(
      description,
      `${JSON.stringify({ ...wanted, bytes: dump.length } satisfies SeedDescription, null, 2)}\n`,
    )
    console.log(
      `PGlite seed for ${version} (schema ${seedSchema} migrated): ${dump.length} bytes in ${((performance.now() - started) / 1000).toFixed(1)} s`,
    )
  } finally {
    rmSync(dir, { recursive: true, force: true })
  }
}
