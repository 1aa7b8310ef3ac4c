/**
 * The `yiciban` bin run as a child process (from source, through tsx): `--help` everywhere, exit
 * codes, `init` on a PGlite folder, `matters import` with a report of what was refused, `calendar`,
 * and `timers run` stopped gracefully by SIGTERM.
 */
import { type ChildProcess, spawn } from "node:child_process"
import { mkdtempSync, rmSync } from "node:fs"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { afterAll, describe, expect, it } from "vitest"

const bin = join(import.meta.dirname, "..", "src", "bin.ts")
const data = join(import.meta.dirname, "data")
const folder = mkdtempSync(join(tmpdir(), "yiciban-cli-"))
afterAll(() => rmSync(folder, { recursive: true, force: true }))

const start = (args: ReadonlyArray<string>): ChildProcess =>
  spawn(process.execPath, ["--conditions=@yiciban/source", "--import", "tsx", bin, ...args], {
    env: { ...process.env, DATABASE_URL: "", YICIBAN_SECRET: "cli-test-secret-0123456789abcdef0123456789" },
    stdio: ["ignore", "pipe", "pipe"],
  })

const yiciban = (args: ReadonlyArray<string>, onOutput?: (child: ChildProcess, out: string) => void) =>
  new Promise<{ code: number | null; out: string; err: string }>((resolve) => {
    const child = start(args)
    let out = ""
    let err = ""
    child.stdout!.on("data", (chunk: Buffer) => {
      out += chunk.toString()
      onOutput?.(child, out)
    })
    child.stderr!.on("data", (chunk: Buffer) => {
      err += chunk.toString()
    })
    child.on("close", (code) => resolve({ code, out, err }))
  })

describe("yiciban", () => {
  // The processes that share no folder run at once: each spends most of its time starting node
  // and loading the sources, which a second core does beside the first.
  it("--help on the program and on every command, exit 0; an unknown command is exit 1", async () => {
    const commands = [
      ["init", "--help"],
      ["timers", "run", "--help"],
      ["matters", "import", "--help"],
      ["calendar", "show", "--help"],
      ["projections", "rebuild", "--help"],
    ]
    const [top, unknown, ...helps] = await Promise.all(
      [["--help"], ["frobnicate"], ...commands].map((args) => yiciban(args)),
    )
    expect(top!.code).toBe(0)
    for (const command of ["init", "timers", "matters", "calendar", "replay", "projections", "demo"])
      expect(top!.out).toContain(command)
    expect(top!.out).toContain("Exit codes")
    for (const [i, args] of commands.entries()) {
      const help = helps[i]!
      expect([args.join(" "), help.code]).toEqual([args.join(" "), 0])
      expect(help.out).toContain("Usage: yiciban")
    }
    expect(unknown!.code).toBe(1)
    expect(unknown!.err).toContain("unknown command")
  }, 120_000)

  it("init creates the store; matters import publishes the good entries and reports each refusal (exit 2)", async () => {
    const dataDir = join(folder, "store")
    const init = await yiciban(["init", "--data-dir", dataDir])
    expect([init.code, init.out.trim()]).toEqual([0, `ready: the PGlite folder ${dataDir}`])
    const imported = await yiciban([
      "matters",
      "import",
      join(data, "matters.json"),
      "--actor",
      join(data, "actor.json"),
      "--data-dir",
      dataDir,
    ])
    expect(imported.code).toBe(2)
    const lines = imported.out.trim().split("\n")
    expect(lines[0]).toBe("published 11430100MB1A38544B-000101001000-01: 食品经营许可")
    expect(lines[1]).toMatch(/^refused 11430100MB1A38544B-000101002000-01: InvalidCommand: .*name/)
    expect(lines[2]).toBe("1 published, 1 refused")
    const missing = await yiciban([
      "matters",
      "import",
      join(data, "nope.json"),
      "--actor",
      join(data, "actor.json"),
      "--data-dir",
      dataDir,
    ])
    expect(missing.code).toBe(2)
    expect(missing.err).toContain("cannot read")

    const csv = await yiciban([
      "matters",
      "import",
      join(data, "matters.csv"),
      "--actor",
      join(data, "actor.json"),
      "--data-dir",
      dataDir,
    ])
    expect(csv.code).toBe(2)
    expect(csv.out.trim().split("\n")).toEqual([
      "published 11430100MB1A38544B-000101001000-02: 食品经营许可",
      expect.stringMatching(/^refused 11430100MB1A38544B-000101002000-02: InvalidCommand: .*name/),
      expect.stringMatching(
        /^refused 11430100MB1A38544B-000101003000-02: InvalidCsv: row 4, column elements\.materials:json/,
      ),
      "1 published, 2 refused",
    ])

    const replayed = await yiciban(["replay", "--data-dir", dataDir])
    expect([replayed.code, replayed.err]).toEqual([0, expect.stringContaining("100% | 4 events")])
    expect(replayed.out).toMatch(
      /^replayed 4 event\(s\) of 2 stream\(s\) on the PGlite folder .*: 0 unreadable, 0 drift\n$/,
    )
    const rebuilt = await yiciban(["projections", "rebuild", "cases", "--no-progress", "--data-dir", dataDir])
    expect([rebuilt.code, rebuilt.err]).toEqual([0, ""])
    expect(rebuilt.out).toMatch(
      /^rebuilt cases on the PGlite folder .*: 2 stream\(s\), 4 event\(s\) in .* 0 changed\n$/,
    )
    const added = await yiciban(["calendar", "add", join(data, "notice-2027.json"), "--data-dir", dataDir])
    expect([added.code, added.err]).toEqual([0, ""])
    expect(added.out).toMatch(
      /^adopted the 2027 notice \(.*\) on the PGlite folder .*\nre-planned 0 of 0 stream\(s\) with timers\n$/,
    )
    const shown = await yiciban(["calendar", "show", "2027-01-31", "2027-02-01", "--data-dir", dataDir])
    expect(shown.out.trim().split("\n")).toEqual(["2027-01-31 makeUpWorkday", "2027-02-01 workday"])
    const badNotice = await yiciban(["calendar", "add", join(data, "notice-bad.json"), "--data-dir", dataDir])
    expect([badNotice.code, badNotice.err]).toEqual([2, expect.stringContaining("notice-bad.json")])

    const unknown = await yiciban(["projections", "rebuild", "case", "--data-dir", dataDir])
    expect([unknown.code, unknown.err.trim()]).toEqual([
      1,
      'yiciban: no projection "case"; the projections are cases, timers, policy-library',
    ])
  }, 420_000)

  it("calendar show marks holidays, make-up working days and provisional years; check refuses a bad notice (exit 2)", async () => {
    const [shown, provisional, bad, badDate] = await Promise.all([
      yiciban(["calendar", "show", "2026-09-30", "2026-10-02"]),
      yiciban(["calendar", "show", "2027-01-01", "2027-01-01"]),
      yiciban(["calendar", "check", join(data, "notice-bad.json")]),
      yiciban(["calendar", "show", "2026-13-01", "2026-10-02"]),
    ])
    expect(shown!.code).toBe(0)
    expect(shown!.out.trim().split("\n")).toEqual(["2026-09-30 workday", "2026-10-01 holiday", "2026-10-02 holiday"])
    expect(provisional!.out.trim()).toBe("2027-01-01 holiday (provisional)")
    expect(bad!.code).toBe(2)
    expect(bad!.err).toContain("notice-bad.json")
    expect(badDate!.code).toBe(1)
  }, 120_000)

  it("timers run works until SIGTERM, then finishes its run and exits 0", async () => {
    const dataDir = join(folder, "worker")
    let sent = false
    const result = await yiciban(["timers", "run", "--interval", "1", "--data-dir", dataDir], (child, out) => {
      if (!sent && out.includes("SIGTERM or SIGINT stops it")) {
        sent = true
        setTimeout(() => child.kill("SIGTERM"), 1500)
      }
    })
    expect(result.code).toBe(0)
    expect(result.out).toContain("SIGTERM: finishing the current run")
    expect(result.out).toMatch(/stopped after \d+ run\(s\): fired 0, handled 0, 0 failed/)
  }, 180_000)
})
