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
import { existsSync, mkdirSync, readFileSync, utimesSync, writeFileSync } from "node:fs"
import { createRequire } from "node:module"
import { dirname, join } from "node:path"
import { fileURLToPath } from "node:url"
import { gunzipSync } from "node:zlib"

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
export const seedFor = (dataDir: string | undefined): Uint8Array | undefined => {
  if (dataDir !== undefined && existsSync(join(dataDir, "PG_VERSION"))) return undefined
  const { archive, description } = seedPaths()
  if (!existsSync(archive) || !existsSync(description)) return undefined
  try {
    const made = JSON.parse(readFileSync(description, "utf8")) as SeedDescription
    if (made.pglite !== installedPgliteVersion()) return undefined
    const bytes = readFileSync(archive)
    if (bytes.length !== made.bytes) return undefined
    return bytes
  } catch {
    return undefined
  }
}

/** A field of a tar header: NUL-terminated text. */
const field = (header: Uint8Array, offset: number, length: number) => {
  const bytes = header.subarray(offset, offset + length)
  const end = bytes.indexOf(0)
  return Buffer.from(end === -1 ? bytes : bytes.subarray(0, end)).toString("utf8")
}

/**
 * Restores the seed (`seedFor`'s gzipped tar, as PGlite's `dumpDataDir` writes it: directories and
 * regular files, ustar headers) into `dataDir`, a folder that holds no database, with the node's
 * own file calls — PGlite's `loadDataDir` writes the same files through its WebAssembly file
 * system, several times slower. `PG_VERSION`, which marks a folder as a database, is written last:
 * a restore cut short leaves a folder that is restored again on the next start. Anything else in
 * the archive (a link, a path leaving the folder) is refused before anything is written.
 */
export const restoreSeed = (dataDir: string, archive: Uint8Array): void => {
  const tar = gunzipSync(archive)
  const entries: Array<{
    readonly path: string
    readonly directory: boolean
    readonly data: Uint8Array
    readonly time: number
  }> = []
  for (let offset = 0; offset + 512 <= tar.length; ) {
    const header = tar.subarray(offset, offset + 512)
    if (header.every((byte) => byte === 0)) break
    const name = [field(header, 345, 155), field(header, 0, 100)].filter((part) => part !== "").join("/")
    const size = Number.parseInt(field(header, 124, 12).trim() || "0", 8)
    const time = Number.parseInt(field(header, 136, 12).trim() || "0", 8)
    const type = String.fromCharCode(header[156]!)
    const relative = name.replace(/^\/+/, "").replace(/\/+$/, "")
    if (relative.split("/").some((part) => part === ".." || part === "") || !["0", "\0", "5"].includes(type)) {
      throw new Error(`the PGlite seed holds an entry that cannot be restored: ${JSON.stringify(name)} (type ${type})`)
    }
    entries.push({
      path: join(dataDir, relative),
      directory: type === "5",
      data: tar.subarray(offset + 512, offset + 512 + size),
      time,
    })
    offset += 512 + Math.ceil(size / 512) * 512
  }
  const last = (entry: { readonly path: string }) => entry.path === join(dataDir, "PG_VERSION")
  for (const entry of [...entries.filter((e) => !last(e)), ...entries.filter(last)]) {
    if (entry.directory) {
      mkdirSync(entry.path, { recursive: true })
      continue
    }
    mkdirSync(dirname(entry.path), { recursive: true })
    writeFileSync(entry.path, entry.data)
    utimesSync(entry.path, entry.time, entry.time)
  }
}
