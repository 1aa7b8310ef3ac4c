/**
 * Part of the build: writes `seed/pglite.tar.gz`, a dump of a bare PGlite data directory just
 * initialised, and `seed/pglite.json` (the PGlite version that made it and the archive's size), so
 * that a new embedded store restores it instead of running initdb (see src/internal/seed.ts).
 * Skipped when the seed on disk was made by the installed PGlite.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs"
import { dirname } from "node:path"
import { performance } from "node:perf_hooks"
import { PGlite } from "@electric-sql/pglite"
import { installedPgliteVersion, type SeedDescription, seedPaths } from "../src/internal/seed.ts"

const { archive, description } = seedPaths()
const version = installedPgliteVersion()
if (version === undefined) throw new Error("@electric-sql/pglite is not installed: no seed can be made")
const current =
  existsSync(archive) &&
  existsSync(description) &&
  (JSON.parse(readFileSync(description, "utf8")) as SeedDescription).pglite === version
if (current) {
  console.log(`PGlite seed for ${version} is up to date`)
} else {
  const started = performance.now()
  const db = await PGlite.create()
  const dump = Buffer.from(await (await db.dumpDataDir("gzip")).arrayBuffer())
  await db.close()
  mkdirSync(dirname(archive), { recursive: true })
  writeFileSync(archive, dump)
  writeFileSync(
    description,
    `${JSON.stringify({ pglite: version, bytes: dump.length } satisfies SeedDescription, null, 2)}\n`,
  )
  console.log(
    `PGlite seed for ${version}: ${dump.length} bytes in ${((performance.now() - started) / 1000).toFixed(1)} s`,
  )
}
