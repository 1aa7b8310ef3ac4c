/**
 * A PGlite data directory made ahead of time: `PGlite.create` on an empty folder runs initdb inside
 * WebAssembly (10–50 s on a busy 2-CPU machine), and a new store then migrates its schema and
 * creates the runtime's tables (a second or more). The build (`scripts/seed.ts`) starts the
 * runtime's store once on a new folder with the default schema, closes it — PostgreSQL shuts down
 * with a checkpoint, so the directory needs no WAL replayed — and archives the folder into `seed/`
 * beside `dist/`, with a description: the PGlite version, the schema it holds, a digest of that
 * schema's migrations and the marks of its read models' tables.
 *
 * A store opening a new folder (or memory) restores the archive when the installed PGlite is that
 * version; otherwise (a different PGlite, a checkout that was never built) PGlite initialises as
 * usual: slower, never wrong. The restored database keeps the seed's schema when the store uses
 * that schema and this build migrates it the same way (the migrations and the tables' marks then
 * find everything done); otherwise the schema is dropped before the store migrates its own, so a
 * new database holds only what a store made in it.
 */
import { createHash } from "node:crypto"
import {
  existsSync,
  lstatSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  utimesSync,
  writeFileSync,
} from "node:fs"
import { createRequire } from "node:module"
import { dirname, join } from "node:path"
import { fileURLToPath } from "node:url"
import { gunzipSync, gzipSync } from "node:zlib"
import * as Sql from "./sql.ts"

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

/** The schema the build's seed holds: the store's default. */
export const seedSchema = "yiciban"

/** A digest of `schema`'s migrations as this build writes them (their versions, names and SQL). */
export const migrationsDigest = (schema: string): string =>
  createHash("sha256")
    .update(JSON.stringify(Sql.migrations(schema)))
    .digest("hex")
    .slice(0, 32)

/** What the build writes beside the archive. */
export interface SeedDescription {
  /** The PGlite version that made it. */
  readonly pglite: string
  /** The archive's size in bytes. */
  readonly bytes: number
  /** The schema it holds, migrated, with the runtime's tables. */
  readonly schema: string
  /** {@link migrationsDigest} of that schema when it was made. */
  readonly migrations: string
  /** The marks of the read models' tables in it (`internal/tablesScript.ts`). */
  readonly tables: ReadonlyArray<string>
}

/** A seed to restore: the gzipped tar and what it holds. */
export interface Seed {
  readonly archive: Uint8Array
  readonly description: SeedDescription
}

const isDescription = (value: unknown): value is SeedDescription => {
  const made = value as Partial<SeedDescription> | null
  return (
    typeof made === "object" &&
    made !== null &&
    typeof made.pglite === "string" &&
    typeof made.bytes === "number" &&
    typeof made.schema === "string" &&
    typeof made.migrations === "string" &&
    Array.isArray(made.tables)
  )
}

/** The build's description of its seed, when there is a readable one. */
export const shippedDescription = (): SeedDescription | undefined => {
  try {
    const made: unknown = JSON.parse(readFileSync(seedPaths().description, "utf8"))
    return isDescription(made) ? made : undefined
  } catch {
    return undefined
  }
}

/**
 * The seed to restore into a new database, when there is one for the installed PGlite and the
 * folder holds no database yet (a folder with a `PG_VERSION` is opened as it is).
 */
export const seedFor = (dataDir: string | undefined): Seed | undefined => {
  if (dataDir !== undefined && existsSync(join(dataDir, "PG_VERSION"))) return undefined
  const { archive } = seedPaths()
  const description = shippedDescription()
  if (description === undefined || description.pglite !== installedPgliteVersion() || !existsSync(archive)) {
    return undefined
  }
  try {
    const bytes = readFileSync(archive)
    return bytes.length === description.bytes ? { archive: bytes, description } : undefined
  } catch {
    return undefined
  }
}

/**
 * Whether a database restored from a seed so described keeps the seed's schema for a store in
 * `schema`: the same schema, migrated by the same migrations as this build's. (Its read models'
 * tables need no such check: a table without this build's mark gets this build's script.)
 */
export const keepsSchema = (description: SeedDescription, schema: string): boolean =>
  description.schema === schema && description.migrations === migrationsDigest(schema)

/**
 * The statement that drops the seed's schema from a new database whose store uses another one
 * (see {@link keepsSchema}); `undefined` when the description names no schema the store could have
 * made (then there is nothing of ours to drop).
 */
export const dropSchemaStatement = (description: SeedDescription): string | undefined =>
  Sql.schemaPattern.test(description.schema) ? `DROP SCHEMA IF EXISTS "${description.schema}" CASCADE` : undefined

/**
 * The file a restore leaves in the folder until the store has decided what to keep of the seed
 * ({@link keepsSchema}): a start cut short between the restore and that decision finds it and decides
 * again, so a database never keeps a seed's schema it should have dropped.
 */
export const pendingFileName = "yiciban-seed.json"

/**
 * The description of a seed restored into `dataDir` whose schema has not been settled yet, when
 * there is one. A file that cannot be read is a seed whose schema is not kept.
 */
export const pendingSeed = (dataDir: string): SeedDescription | undefined => {
  const file = join(dataDir, pendingFileName)
  if (!existsSync(file)) return undefined
  try {
    const made: unknown = JSON.parse(readFileSync(file, "utf8"))
    if (isDescription(made)) return made
  } catch {
    // half-written: the schema it names is unknown, so nothing of it is kept
  }
  return { pglite: "", bytes: 0, schema: seedSchema, migrations: "", tables: [] }
}

/** Marks the seed restored into `dataDir` as settled. */
export const settleSeed = (dataDir: string): void => rmSync(join(dataDir, pendingFileName), { force: true })

/** A field of a tar header: NUL-terminated text. */
const field = (header: Uint8Array, offset: number, length: number) => {
  const bytes = header.subarray(offset, offset + length)
  const end = bytes.indexOf(0)
  return Buffer.from(end === -1 ? bytes : bytes.subarray(0, end)).toString("utf8")
}

/**
 * Restores a seed (a gzipped tar of directories and regular files, ustar headers, as
 * {@link archiveFolder} and PGlite's `dumpDataDir` write it) into `dataDir`, a folder that holds
 * no database, with the node's own file calls — PGlite's `loadDataDir` writes the same files through
 * its WebAssembly file system, several times slower. With a `description`, the
 * {@link pendingFileName} file is written before `PG_VERSION`; `PG_VERSION`, which marks a folder as
 * a database, is written last: a restore cut short leaves a folder that is restored again on the
 * next start. Anything else in the archive (a link, a path leaving the folder) is refused before
 * anything is written.
 */
export const restoreSeed = (dataDir: string, archive: Uint8Array, description?: SeedDescription): void => {
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
  mkdirSync(dataDir, { recursive: true })
  for (const entry of entries.filter((e) => !last(e))) {
    if (entry.directory) {
      mkdirSync(entry.path, { recursive: true })
      continue
    }
    mkdirSync(dirname(entry.path), { recursive: true })
    writeFileSync(entry.path, entry.data)
    utimesSync(entry.path, entry.time, entry.time)
  }
  if (description !== undefined) writeFileSync(join(dataDir, pendingFileName), JSON.stringify(description))
  for (const entry of entries.filter(last)) {
    writeFileSync(entry.path, entry.data)
    utimesSync(entry.path, entry.time, entry.time)
  }
}

/** A ustar header for `name` (a directory when `size` is undefined). */
const header = (name: string, size: number | undefined, mode: number, time: number): Buffer => {
  // Names up to 100 bytes, which every path of a data directory is (ustar's prefix field is not used).
  if (Buffer.byteLength(name) > 100) throw new Error(`a path too long for the seed's archive: ${name}`)
  const block = Buffer.alloc(512)
  const octal = (value: number, length: number) => `${value.toString(8).padStart(length - 1, "0")}\0`
  block.write(name, 0, 100, "utf8")
  block.write(octal(mode & 0o7777, 8), 100)
  block.write(octal(0, 8), 108)
  block.write(octal(0, 8), 116)
  block.write(octal(size ?? 0, 12), 124)
  block.write(octal(time, 12), 136)
  block.write("        ", 148)
  block.write(size === undefined ? "5" : "0", 156)
  block.write("ustar\0", 257)
  block.write("00", 263)
  let sum = 0
  for (const byte of block) sum += byte
  block.write(`${sum.toString(8).padStart(6, "0")}\0 `, 148)
  return block
}

/**
 * A gzipped ustar archive of the folder `dir` (its directories and regular files, paths from the
 * folder's root, as `dumpDataDir` writes them), leaving out the names in `except` at its top. Refuses
 * anything else (a link, a socket) rather than leave it out silently.
 */
export const archiveFolder = (dir: string, except: ReadonlyArray<string> = []): Buffer => {
  const blocks: Array<Buffer> = []
  const walk = (relative: string) => {
    const names = readdirSync(join(dir, relative)).sort()
    for (const name of names) {
      if (relative === "" && except.includes(name)) continue
      const path = relative === "" ? name : `${relative}/${name}`
      const full = join(dir, path)
      const stat = lstatSync(full)
      const time = Math.floor(stat.mtimeMs / 1000)
      if (stat.isDirectory()) {
        blocks.push(header(`/${path}/`, undefined, stat.mode, time))
        walk(path)
      } else if (stat.isFile()) {
        const data = readFileSync(full)
        blocks.push(header(`/${path}`, data.length, stat.mode, time), data)
        const padding = (512 - (data.length % 512)) % 512
        if (padding > 0) blocks.push(Buffer.alloc(padding))
      } else {
        throw new Error(`cannot archive ${full}: not a directory or a regular file`)
      }
    }
  }
  if (!statSync(dir).isDirectory()) throw new Error(`cannot archive ${dir}: not a directory`)
  walk("")
  blocks.push(Buffer.alloc(1024))
  return gzipSync(Buffer.concat(blocks), { level: 9 })
}
