import { type ChildProcess, spawn } from "node:child_process"
import { existsSync, readFileSync, writeFileSync } from "node:fs"
import { hostname } from "node:os"
import { join } from "node:path"
import { createInterface } from "node:readline"
import { fileURLToPath } from "node:url"
import { Effect, Exit } from "effect"
import { afterEach, describe, expect, it } from "vitest"
import * as FolderLock from "../src/internal/folderLock.ts"
import * as Pglite from "../src/pglite.ts"
import { temporaryDataDir } from "./support.ts"

const fixture = fileURLToPath(new URL("./fixtures/openFolder.ts", import.meta.url))
const root = fileURLToPath(new URL("../../../", import.meta.url))

interface Line {
  readonly open?: number
  readonly error?: string
  readonly holder?: { pid: number; host: string; since: string }
  readonly message?: string
  readonly stages?: ReadonlyArray<string>
}

const children: Array<ChildProcess> = []
const folders: Array<{ remove: () => void }> = []
afterEach(() => {
  for (const child of children.splice(0)) if (child.exitCode === null) child.kill("SIGKILL")
  for (const folder of folders.splice(0)) folder.remove()
})

const folder = () => {
  const dir = temporaryDataDir()
  folders.push(dir)
  return dir.path
}

/** Starts a process that opens `dataDir`; resolves with its first line of output. */
const open = (dataDir: string, mode: "hold" | "once") => {
  // node itself (not the tsx wrapper, which would run node as its own child): the pid the test
  // sees is the pid that opens the folder, and SIGKILL reaches it.
  const child = spawn(process.execPath, ["--conditions=@yiciban/source", "--import", "tsx", fixture, dataDir, mode], {
    cwd: root,
    stdio: ["pipe", "pipe", "inherit"],
  })
  children.push(child)
  const line = new Promise<Line>((resolve, reject) => {
    createInterface({ input: child.stdout! }).once("line", (text) => resolve(JSON.parse(text) as Line))
    child.once("exit", (code) => reject(new Error(`child exited with ${code} before a line`)))
  })
  const exited = new Promise<number | null>((resolve) => {
    if (child.exitCode !== null) resolve(child.exitCode)
    else child.once("exit", (code) => resolve(code))
  })
  return { child, line, exited }
}

// Each process starts PGlite from scratch (tens of seconds on a loaded machine).
describe("one process per PGlite folder", { timeout: 300_000 }, () => {
  // One folder, one holder, for both claims: each child that opens PGlite costs seconds, so the
  // refusal and the stale-lock takeover share the holder (two PGlite starts, not four).
  it("a second process fails at once with FolderLocked naming the holder, never writes; after the holder is killed with SIGKILL the next process takes the stale lock over and releases it on close", async () => {
    const dataDir = folder()
    const lockFile = join(dataDir, FolderLock.lockFileName)
    const first = open(dataDir, "hold")
    expect((await first.line).open).toBe(first.child.pid)
    const second = open(dataDir, "once")
    const refused = await second.line
    expect(refused.error).toBe("FolderLocked")
    expect(refused.holder).toMatchObject({ pid: first.child.pid, host: hostname() })
    expect(refused.message).toContain(`process ${first.child.pid} on ${hostname()}`)
    // At once: refused before the store's start reached any stage (no restore, no PGlite, no write).
    expect(refused.stages).toEqual([])
    expect(await second.exited).toBe(1)
    // The holder dies without releasing: its lock file stays, naming it.
    first.child.kill("SIGKILL")
    await first.exited
    const stale = JSON.parse(readFileSync(lockFile, "utf8"))
    expect(stale.pid).toBe(first.child.pid)
    const next = open(dataDir, "once")
    expect((await next.line).open).toBe(next.child.pid)
    expect(await next.exited).toBe(0)
    // Released on close: the lock file is gone (the in-process test below reopens after a close).
    expect(existsSync(lockFile)).toBe(false)
  })

  it("the same process opening a folder twice is refused with FolderLocked naming this process", async () => {
    const dataDir = folder()
    const exit = await Effect.runPromiseExit(
      Effect.scoped(
        Effect.gen(function* () {
          yield* Pglite.makePglite({ dataDir })
          return yield* Pglite.makePglite({ dataDir })
        }),
      ),
    )
    expect(Exit.isFailure(exit)).toBe(true)
    const error = Exit.isFailure(exit) ? exit.cause.reasons[0] : undefined
    expect(error?._tag === "Fail" && error.error).toMatchObject({
      _tag: "FolderLocked",
      holder: { pid: process.pid, host: hostname() },
    })
    expect(String(error?._tag === "Fail" && error.error.message)).toContain("this process")
    // The scope closed: the folder is free again.
    const reopened = await Effect.runPromiseExit(Effect.scoped(Pglite.makePglite({ dataDir })))
    expect(Exit.isSuccess(reopened)).toBe(true)
  })

  it("a lock from another host is never taken over; an unreadable one names no holder", () => {
    const dataDir = folder()
    const lockFile = join(dataDir, FolderLock.lockFileName)
    writeFileSync(lockFile, JSON.stringify({ pid: 1, host: "elsewhere.invalid", since: "2026-01-01T00:00:00.000Z" }))
    expect(FolderLock.acquire(dataDir)).toMatchObject({ _tag: "Held", holder: { host: "elsewhere.invalid" } })
    writeFileSync(lockFile, "")
    expect(FolderLock.acquire(dataDir)).toMatchObject({ _tag: "Held", holder: undefined })
  })

  it("memory and IndexedDB data dirs name no folder; file:// and paths do", () => {
    expect(FolderLock.folderOf(undefined)).toBeUndefined()
    expect(FolderLock.folderOf("memory://x")).toBeUndefined()
    expect(FolderLock.folderOf("idb://x")).toBeUndefined()
    expect(FolderLock.folderOf("file:///tmp/a")).toBe("/tmp/a")
    expect(FolderLock.folderOf("/tmp/a/")).toBe("/tmp/a")
  })
})
