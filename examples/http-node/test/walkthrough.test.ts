/**
 * docs/http.md's curl walk-through, run: the server starts on a free port with a fresh PGlite
 * folder, `walkthrough.sh` (whose regions the page includes) runs against it, and every line it
 * prints is the one the page shows. Needs `curl` and `jq` on the PATH (skipped, saying so, without).
 */
import { execFile, execFileSync } from "node:child_process"
import { mkdtempSync, rmSync } from "node:fs"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { promisify } from "node:util"
import { afterAll, expect, it } from "vitest"
import { startServer } from "../src/server.ts"

const has = (tool: string) => {
  try {
    execFileSync(tool, ["--version"], { stdio: "ignore" })
    return true
  } catch {
    return false
  }
}
const tools = has("curl") && has("jq")
const folder = mkdtempSync(join(tmpdir(), "yiciban-http-node-"))
afterAll(() => rmSync(folder, { recursive: true, force: true }))

it.skipIf(!tools)(
  "the walk-through's requests answer what docs/http.md shows (curl and jq needed)",
  async () => {
    const server = await startServer({ dataDir: folder })
    try {
      // Asynchronous: the server answers in this same process.
      const { stdout } = await promisify(execFile)("bash", ["walkthrough.sh"], {
        cwd: join(import.meta.dirname, ".."),
        env: { ...process.env, BASE: server.url },
        encoding: "utf8",
      })
      const lines = stdout.trim().split("\n")
      expect(lines.slice(0, 9)).toEqual([
        '{"version":1,"events":["MatterDrafted"]}',
        '{"version":2,"phase":"published"}',
        '{"version":1,"duplicate":false,"events":["ApplicationSubmitted"]}',
        '{"status":403,"tag":"NotPermitted","reason":"role"}',
        '{"status":412,"tag":"VersionConflict","actualVersion":1}',
        '{"version":2,"phase":"underReview"}',
        '{"version":2,"duplicate":true}',
        '[{"id":"SCJG-2026-000731","status":"underReview"}]',
        '[{"streamVersion":1,"type":"ApplicationSubmitted","by":"xiangwei-01"},{"streamVersion":2,"type":"ApplicationAccepted","by":"clerk-07"}]',
      ])
      // The warning dates count from today's date, so only their kinds are fixed.
      const timers = JSON.parse(lines[9]!) as Array<string>
      expect(timers.map((key) => key.split("/").slice(0, 2).join("/"))).toEqual([
        "warning/yellow",
        "warning/red",
        "warning/overdue",
      ])
      expect(lines).toHaveLength(10)
    } finally {
      await server.close()
    }
  },
  180_000,
)
