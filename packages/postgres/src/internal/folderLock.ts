/**
 * One writer per PGlite folder: a lock file in the folder, created atomically (`open` with
 * `O_CREAT | O_EXCL`), holding the owner's pid, host and start time. A lock whose pid is dead on
 * this host is stale and is taken over; a takeover runs under a second exclusive file, so two
 * processes that find the same stale lock never both take it. See docs/eventstore.md ("One process
 * per folder").
 */
import * as Fs from "node:fs"
import * as Os from "node:os"
import * as Path from "node:path"

/** The lock file's name inside the data folder. */
export const lockFileName = "yiciban.lock"

/** This host's name, as lock files record it. */
export const hostName = (): string => Os.hostname()

/** Who holds a folder, as its lock file says. */
export interface Holder {
  readonly pid: number
  readonly host: string
  readonly since: string
}

/** What acquiring found: the lock is ours (`release` frees it), or `holder` holds it. */
export type Acquired =
  | { readonly _tag: "Acquired"; readonly lockFile: string; readonly release: () => void }
  | { readonly _tag: "Held"; readonly lockFile: string; readonly holder: Holder | undefined }

/** The folder a PGlite `dataDir` names, or undefined when it names no folder (memory, IndexedDB). */
export const folderOf = (dataDir: string | undefined): string | undefined => {
  if (dataDir === undefined || dataDir === "") return undefined
  if (dataDir.startsWith("file://")) return Path.resolve(dataDir.slice("file://".length))
  if (/^[a-z]+:\/\//.test(dataDir)) return undefined
  return Path.resolve(dataDir)
}

const parse = (text: string): Holder | undefined => {
  try {
    const value = JSON.parse(text) as Partial<Holder>
    if (typeof value.pid === "number" && typeof value.host === "string" && typeof value.since === "string") {
      return { pid: value.pid, host: value.host, since: value.since }
    }
  } catch {
    // a half-written or foreign file: no holder known
  }
  return undefined
}

const readHolder = (file: string): Holder | undefined | "missing" => {
  try {
    return parse(Fs.readFileSync(file, "utf8"))
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return "missing"
    throw error
  }
}

/**
 * True when the process `holder` names is alive: on this host, `kill(pid, 0)` succeeds or fails
 * with EPERM (alive, another user's). A holder on another host, or one whose file cannot be read,
 * counts as alive: the lock is never taken from a process this host cannot see.
 */
export const isAlive = (holder: Holder | undefined, host: string = Os.hostname()): boolean => {
  if (holder === undefined || holder.host !== host) return true
  try {
    process.kill(holder.pid, 0)
    return true
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "EPERM"
  }
}

/** Creates `file` with `content` if it does not exist; false when it does. */
const createExclusive = (file: string, content: string): boolean => {
  let fd: number
  try {
    fd = Fs.openSync(file, "wx")
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "EEXIST") return false
    throw error
  }
  try {
    Fs.writeFileSync(fd, content)
    Fs.fsyncSync(fd)
  } finally {
    Fs.closeSync(fd)
  }
  return true
}

const removeIfOurs = (file: string, content: string): void => {
  try {
    if (Fs.readFileSync(file, "utf8") === content) Fs.unlinkSync(file)
  } catch {
    // already gone
  }
}

/**
 * Takes the lock of `folder` (created when missing) for this process, or reports who holds it.
 * Throws only on file-system errors (permissions, a full disk).
 */
export const acquire = (folder: string): Acquired => {
  Fs.mkdirSync(folder, { recursive: true })
  const lockFile = Path.join(folder, lockFileName)
  const takeoverFile = `${lockFile}.takeover`
  const host = Os.hostname()
  const mine: Holder = { pid: process.pid, host, since: new Date().toISOString() }
  const content = JSON.stringify(mine)
  const acquired: Acquired = {
    _tag: "Acquired",
    lockFile,
    release: () => removeIfOurs(lockFile, content),
  }
  for (let attempt = 0; attempt < 5; attempt++) {
    if (createExclusive(lockFile, content)) return acquired
    const found = readHolder(lockFile)
    if (found === "missing") continue
    if (isAlive(found, host)) return { _tag: "Held", lockFile, holder: found }
    // Stale: take it over under the takeover file, re-reading the lock there, so that of two
    // processes finding the same stale lock only one removes it.
    if (!createExclusive(takeoverFile, content)) {
      const taker = readHolder(takeoverFile)
      if (taker !== "missing" && isAlive(taker, host)) return { _tag: "Held", lockFile, holder: found }
      // The taker died mid-takeover: clear its file and try again.
      if (taker !== "missing") removeIfOurs(takeoverFile, JSON.stringify(taker))
      continue
    }
    try {
      const again = readHolder(lockFile)
      if (again !== "missing") {
        if (isAlive(again, host)) return { _tag: "Held", lockFile, holder: again }
        Fs.unlinkSync(lockFile)
      }
      if (createExclusive(lockFile, content)) return acquired
    } finally {
      removeIfOurs(takeoverFile, content)
    }
  }
  const last = readHolder(lockFile)
  return { _tag: "Held", lockFile, holder: last === "missing" ? undefined : last }
}
