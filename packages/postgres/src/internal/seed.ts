/**
 * A PGlite data directory initialised ahead of time: `PGlite.create` on an empty folder runs
 * initdb inside WebAssembly (10–50 s on a busy 2-CPU machine), while restoring a dump of one
 * already initialised takes a fifth of that. The build (`scripts/seed.ts`) dumps a bare
 * initialised directory — no schema of ours in it, so it does not depend on the migrations, which
 * run on it as on any new database — into `seed/` beside `dist/`, with the PGlite version that
 * made it. A store opening a new folder (or memory) restores it when the installed PGlite is that
 * version; otherwise (a different PGlite, a checkout that was never built) PGlite initialises as
 * usual: slower, never wrong.
 */
import { existsSync, readFileSync } from "node:fs"
import { createRequire } from "node:module"
import { dirname, join } from "node:path"
import { fileURLToPath } from "node:url"

/** This module's folder: `src/internal`, or `dist` once bundled (tsup shims `import.meta.url` in CommonJS). */
const here = () => dirname(fileURLToPath(import.meta.url))

/** Where the seed and its description are kept, from a module in `src/internal` or `dist`. */
export const seedPaths = () => {
  // src/internal/seed.ts → ../../seed; dist/*.js (bundled) → ../seed.
  const dir = here()
  const folder = dir.endsWith("internal") ? join(dir, "..", "..", "seed") : join(dir, "..", "seed")
  return { archive: join(folder, "pglite.tar.gz"), description: join(folder, "pglite.json") }
}

/** The installed PGlite's version, read from its package.json (which it does not export). */
export const installedPgliteVersion = (): string | undefined => {
  try {
    let dir = dirname(createRequire(import.meta.url).resolve("@electric-sql/pglite"))
    for (let i = 0; i < 5; i++, dir = dirname(dir)) {
      const manifest = join(dir, "package.json")
      if (existsSync(manifest)) {
        const json = JSON.parse(readFileSync(manifest, "utf8")) as { name?: string; version?: string }
        if (json.name === "@electric-sql/pglite") return json.version
      }
    }
  } catch {
    // No PGlite installed: nothing to seed.
  }
  return undefined
}

/** What the build writes beside the archive. */
export interface SeedDescription {
  readonly pglite: string
  readonly bytes: number
}

/**
 * The seed to restore into a new database, when there is one for the installed PGlite and the
 * folder holds no database yet (a folder with a `PG_VERSION` is opened as it is).
 */
export const seedFor = (dataDir: string | undefined): Blob | undefined => {
  if (dataDir !== undefined && existsSync(join(dataDir, "PG_VERSION"))) return undefined
  const { archive, description } = seedPaths()
  if (!existsSync(archive) || !existsSync(description)) return undefined
  try {
    const made = JSON.parse(readFileSync(description, "utf8")) as SeedDescription
    if (made.pglite !== installedPgliteVersion()) return undefined
    const bytes = readFileSync(archive)
    if (bytes.length !== made.bytes) return undefined
    return new Blob([bytes])
  } catch {
    return undefined
  }
}
